"""A TempEval-3 task A scorer for TIMEX3 (extent, type and value), written for dateline.

Follows the official TE3 toolkit (UzZaman et al. 2013; ``TE3-evaluation.py``):

- only TIMEX3 inside ``<TEXT>`` count (the DCT, ``tid="t0"``/``CREATION_TIME``, does not), empty ones neither;
- a gold and a system TIMEX3 match *relaxed* when their extents overlap (one-to-one, largest overlap first),
  *strict* when the extents are the same;
- precision = matches / system TIMEX3, recall = matches / gold TIMEX3, F1 their harmonic mean;
- type F1 and value F1 = (share of relaxed matches with the same attribute string) × relaxed F1.

Gold and system files must hold the same text inside ``<TEXT>`` up to whitespace (tags may differ); texts that
differ otherwise are aligned character by character (difflib) and reported.

Usage: ``python bench/te3score.py GOLD_DIR_OR_FILE SYSTEM_DIR_OR_FILE``
"""
from __future__ import annotations

import difflib
import html
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

_TEXT_RE = re.compile(r"<TEXT>(.*?)</TEXT>", re.S)
_TAG_RE = re.compile(r"<(/?)([A-Za-z][\w:]*)([^>]*?)(/?)>", re.S)
_ATTR_RE = re.compile(r'([\w:]+)\s*=\s*"([^"]*)"')


@dataclass(slots=True)
class Tx:
    """One TIMEX3 of a file: character offsets into the plain text of ``<TEXT>``."""

    start: int
    end: int
    text: str
    type: str
    value: str
    tid: str = ""


def parse_timeml(raw: str) -> tuple[str, list[Tx]]:
    """The plain text inside ``<TEXT>`` and its TIMEX3 (offsets into that plain text)."""
    m = _TEXT_RE.search(raw)
    body = m.group(1) if m else raw
    out: list[str] = []
    pos = 0
    n = 0  # length of plain text so far
    stack: list[tuple[int, dict[str, str]]] = []
    timexes: list[Tx] = []
    for t in _TAG_RE.finditer(body):
        chunk = html.unescape(body[pos:t.start()])
        out.append(chunk)
        n += len(chunk)
        pos = t.end()
        closing, name, attrs, selfclosing = t.group(1), t.group(2), t.group(3), t.group(4)
        if name != "TIMEX3":
            continue
        if closing:
            if stack:
                start, a = stack.pop()
                if n > start and a.get("functionInDocument") != "CREATION_TIME" and a.get("tid") != "t0":
                    timexes.append(Tx(start, n, "", a.get("type", ""), a.get("value", ""), a.get("tid", "")))
        elif not selfclosing:
            stack.append((n, dict(_ATTR_RE.findall(attrs))))
    out.append(html.unescape(body[pos:]))
    text = "".join(out)
    for tx in timexes:
        # trim surrounding whitespace of the extent (it is not part of the expression)
        while tx.start < tx.end and text[tx.start].isspace():
            tx.start += 1
        while tx.end > tx.start and text[tx.end - 1].isspace():
            tx.end -= 1
        tx.text = text[tx.start:tx.end]
    return text, [t for t in timexes if t.end > t.start]


def _nonspace_index(text: str) -> list[int]:
    """For every character, the number of non-space characters before it (a whitespace-blind coordinate)."""
    idx, k = [], 0
    for ch in text:
        idx.append(k)
        if not ch.isspace():
            k += 1
    idx.append(k)
    return idx


def _align(gold_text: str, sys_text: str, sys_tx: list[Tx]) -> tuple[list[Tx], bool]:
    """Map system offsets onto the gold text. Returns the mapped timexes and whether the texts differ."""
    if gold_text == sys_text:
        return sys_tx, False
    g_ns = "".join(ch for ch in gold_text if not ch.isspace())
    s_ns = "".join(ch for ch in sys_text if not ch.isspace())
    s_idx = _nonspace_index(sys_text)
    # non-space coordinate -> gold offset
    g_pos = [i for i, ch in enumerate(gold_text) if not ch.isspace()] + [len(gold_text)]
    differs = g_ns != s_ns
    if differs:
        sm = difflib.SequenceMatcher(None, s_ns, g_ns, autojunk=False)
        mapping = list(range(len(s_ns) + 1))
        for a, b, size in sm.get_matching_blocks():
            for k in range(size + 1):
                if a + k <= len(s_ns):
                    mapping[a + k] = b + k
    else:
        mapping = list(range(len(s_ns) + 1))
    out = []
    for t in sys_tx:
        a, b = mapping[s_idx[t.start]], mapping[max(s_idx[t.end] - 1, s_idx[t.start])] + 1
        b = max(b, a + 1)
        start, end = g_pos[min(a, len(g_pos) - 1)], g_pos[min(b - 1, len(g_pos) - 1)] + 1
        out.append(Tx(start, end, t.text, t.type, t.value, t.tid))
    return out, differs


def match(gold: list[Tx], system: list[Tx]) -> list[tuple[Tx, Tx]]:
    """One-to-one relaxed matching: pairs of overlapping extents, the largest overlap first."""
    cands = []
    for i, g in enumerate(gold):
        for j, s in enumerate(system):
            ov = min(g.end, s.end) - max(g.start, s.start)
            if ov > 0:
                cands.append((-ov, i, j))
    cands.sort()
    used_g: set[int] = set()
    used_s: set[int] = set()
    pairs = []
    for _ov, i, j in cands:
        if i in used_g or j in used_s:
            continue
        used_g.add(i)
        used_s.add(j)
        pairs.append((gold[i], system[j]))
    return pairs


@dataclass
class Score:
    gold: int = 0
    system: int = 0
    strict: int = 0
    relaxed: int = 0
    type_ok: int = 0
    value_ok: int = 0
    misaligned: list[str] = field(default_factory=list)
    errors: list[tuple[str, str, str, str, str]] = field(default_factory=list)  # (doc, kind, text, gold, system)

    def add(self, other: Score) -> None:
        for k in ("gold", "system", "strict", "relaxed", "type_ok", "value_ok"):
            setattr(self, k, getattr(self, k) + getattr(other, k))
        self.misaligned += other.misaligned
        self.errors += other.errors

    @staticmethod
    def _f(p: float, r: float) -> float:
        return 2 * p * r / (p + r) if p + r else 0.0

    def prf(self, n: int) -> tuple[float, float, float]:
        p = n / self.system if self.system else 0.0
        r = n / self.gold if self.gold else 0.0
        return p, r, self._f(p, r)

    def metrics(self) -> dict[str, float]:
        sp, sr, sf = self.prf(self.strict)
        rp, rr, rf = self.prf(self.relaxed)
        acc_v = self.value_ok / self.relaxed if self.relaxed else 0.0
        acc_t = self.type_ok / self.relaxed if self.relaxed else 0.0
        return {"strict_p": 100 * sp, "strict_r": 100 * sr, "strict_f1": 100 * sf,
                "relaxed_p": 100 * rp, "relaxed_r": 100 * rr, "relaxed_f1": 100 * rf,
                "value_f1": 100 * acc_v * rf, "type_f1": 100 * acc_t * rf,
                "value_acc": 100 * acc_v, "type_acc": 100 * acc_t}


def score_texts(gold_raw: str, sys_raw: str, name: str = "") -> Score:
    """Score one system TimeML document against its gold."""
    g_text, g_tx = parse_timeml(gold_raw)
    s_text, s_tx = parse_timeml(sys_raw)
    s_tx, differs = _align(g_text, s_text, s_tx)
    sc = Score(gold=len(g_tx), system=len(s_tx))
    if differs:
        sc.misaligned.append(name)
    pairs = match(g_tx, s_tx)
    matched_g = {id(g) for g, _ in pairs}
    matched_s = {id(s) for _, s in pairs}
    sc.relaxed = len(pairs)
    for g, s in pairs:
        sc.strict += (g.start, g.end) == (s.start, s.end)
        sc.type_ok += g.type == s.type
        sc.value_ok += g.value == s.value
        if g.value != s.value or g.type != s.type:
            sc.errors.append((name, "attr", g.text, f"{g.type} {g.value}", f"{s.type} {s.value} [{s_text_of(s)}]"))
        elif (g.start, g.end) != (s.start, s.end):
            sc.errors.append((name, "extent", g.text, f"{g.type} {g.value}", s_text_of(s)))
    for g in g_tx:
        if id(g) not in matched_g:
            sc.errors.append((name, "missed", g.text, f"{g.type} {g.value}", ""))
    for s in s_tx:
        if id(s) not in matched_s:
            sc.errors.append((name, "spurious", s.text, "", f"{s.type} {s.value}"))
    return sc


def s_text_of(t: Tx) -> str:
    return t.text


def _files(path: Path) -> dict[str, Path]:
    if path.is_file():
        return {_key(path.name): path}
    return {_key(p.name): p for p in sorted(path.rglob("*.tml*")) if p.is_file()}


def _key(name: str) -> str:
    return name.split(".tml")[0]


def score_dirs(gold: Path | str, system: Path | str, *, missing_ok: bool = False) -> Score:
    """Score every gold document against the system document of the same name (``X.tml``)."""
    if Path(gold).is_file() and Path(system).is_file():
        g_files, s_files = {"doc": Path(gold)}, {"doc": Path(system)}
    else:
        g_files, s_files = _files(Path(gold)), _files(Path(system))
    total = Score()
    for key, gp in g_files.items():
        sp = s_files.get(key)
        if sp is None:  # a run may spell a file name differently (e.g. "sarkozy" for "sarcozy")
            close = difflib.get_close_matches(key, [k for k in s_files if k not in g_files], n=1, cutoff=0.9)
            sp = s_files[close[0]] if close else None
        if sp is None:
            if not missing_ok:
                raise FileNotFoundError(f"no system file for {gp.name} in {system}")
            g_text, g_tx = parse_timeml(gp.read_text(encoding="utf-8"))
            total.add(Score(gold=len(g_tx)))
            continue
        total.add(score_texts(gp.read_text(encoding="utf-8"), sp.read_text(encoding="utf-8"), key))
    return total


def format_metrics(m: dict[str, float]) -> str:
    return ("strict P/R/F1 {strict_p:.2f}/{strict_r:.2f}/{strict_f1:.2f}  relaxed P/R/F1 "
            "{relaxed_p:.2f}/{relaxed_r:.2f}/{relaxed_f1:.2f}  value F1 {value_f1:.2f}  type F1 {type_f1:.2f}"
            ).format(**m)


def main(argv: Iterable[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) != 2:
        print(__doc__)
        return 2
    sc = score_dirs(args[0], args[1])
    print(format_metrics(sc.metrics()))
    if sc.misaligned:
        print(f"texts differ (aligned): {', '.join(sc.misaligned)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
