"""How the TempEval-3 DEVELOPMENT gold (TimeBank, AQUAINT) annotates range constructions.

    python bench/te3ranges.py

Finds, in the plain text of every dev document, the three range shapes the tagger splits in two
("March 14-15" / "March 14 and 18", "May and June 2011", "2009-2010" / "1998-99") and prints, for each
occurrence, the gold TIMEX3 spans that overlap it (text, type, value), then a count of the annotation patterns.
Reads only the dev sets, never the platinum test set.
"""
from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import te3score  # noqa: E402
from te3dev import SETS, dev_dir  # noqa: E402

_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|"
          r"Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
_DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?"
SHAPES = {
    "day range (Month D-D / D and D / D to D)":
        re.compile(rf"\b{_MONTH}\s*{_DAY}(?:\s*[-–]\s*|\s+(?:and|or|to|through)\s+){_DAY}\b(?!\s*(?:%|percent|[.,]\d))"),
    "month range (Month and/-/to Month YEAR)":
        re.compile(rf"\b{_MONTH}(?:\s*[-–]\s*|\s+(?:and|or|to|through)\s+){_MONTH},?\s+(?:1[0-9]|20)\d\d\b"),
    "year range (YYYY-YYYY / YYYY-YY)":
        re.compile(r"\b(?:1[6-9]|20)\d\d\s*[-–/]\s*(?:(?:1[6-9]|20)?\d\d)\b(?![-/.,:]\d)"),
    "loose: any 'YYYY to/and/through YYYY'":
        re.compile(r"\b(?:1[6-9]|20)\d\d\s+(?:to|and|through|-)\s+(?:1[6-9]|20)\d\d\b"),
    "loose: any 'Month D to/and Month D'":
        re.compile(rf"\b{_MONTH}\s*{_DAY}\s+(?:to|and|through|-)\s+{_MONTH}\s*{_DAY}\b"),
}


def pattern_of(span: tuple[int, int], tx: list[te3score.Tx]) -> str:
    """How the gold covers a range: 'none', 'one span', 'two spans', ... with the covered parts."""
    over = [t for t in tx if t.start < span[1] and t.end > span[0]]
    if not over:
        return "untagged"
    if len(over) == 1:
        t = over[0]
        whole = t.start <= span[0] and t.end >= span[1]
        return "one TIMEX3 over the whole range" if whole else "one TIMEX3 over a part"
    return f"{len(over)} TIMEX3 (one per part)"


def main() -> int:
    counts: dict[str, Counter[str]] = {k: Counter() for k in SHAPES}
    for corpus in SETS:
        for f in sorted((dev_dir() / corpus).glob("*.tml")):
            text, tx = te3score.parse_timeml(f.read_text(encoding="utf-8"))
            for label, rx in SHAPES.items():
                for m in rx.finditer(text):
                    pat = pattern_of(m.span(), tx)
                    counts[label][pat] += 1
                    over = [t for t in tx if t.start < m.end() and t.end > m.start()]
                    gold = "; ".join(f"[{t.text}] {t.type} {t.value}" for t in over) or "-"
                    ctx = text[max(0, m.start() - 30):m.end() + 30].replace("\n", " ")
                    print(f"{label[:11]:11s} | {corpus:8s} {f.name:28s} | {m.group()!r:22s} | {gold} | …{ctx}…")
    print()
    for label, c in counts.items():
        print(f"{label}: {sum(c.values())} — " + (", ".join(f"{k}: {v}" for k, v in c.most_common()) or "none"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
