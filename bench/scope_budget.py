"""The scope error budget on the T17 figures gold (issue 20): each matched figure whose gold has a scope is classed as

- **right, exact**: the same words as the gold, or as one of its '; '-joined parts, prepositions and articles aside;
- **right, lenient only**: right by ``figures_t17.scope_ok`` (one side's content words inside the other's, or the
  same gazetteer place) but not exact -- how much the matcher forgives;
- **missed**: no scope predicted;
- **wrong type**: a scope of another type than every gold part (place / subgroup / event / period, typed by
  ``kind_of``);
- **right type, wrong span**: a gold part has the predicted scope's type, and their content words overlap (a
  boundary error) -- or do not (**right type, other words**: another phrase of that type in the sentence);

and each matched figure whose gold has none as **no scope** (right) or **spurious** (by the predicted type).

    python bench/scope_budget.py [--items tune]   # tables for tune and tune_new (counts); items of tune only

Check is never scored here (its scope score is in bench/figures.py); tune_new prints counts unless asked.
"""
from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

import figures_t17  # noqa: E402
import t17_gold  # noqa: E402

from dateline.model import Article  # noqa: E402

_STOP = frozenset({"the", "a", "an", "in", "of", "on", "at", "across", "inside", "throughout", "among", "aboard",
                   "from", "into", "to", "off"})
_PERIOD = re.compile(r"^(since|over|during|within|for|so far|this|last|past|in the (past|last|first|previous))\b|"
                     r"\balone\b|\bquarter\b|^on \d{4}-|^\d{4}(-\d{4})?$|\b(hours|days|weeks|months|years)\b", re.I)
_PLACE_WORDS = frozenset({"worldwide", "world", "globe", "nationwide", "countries", "country", "abroad", "overseas",
                          "gulf", "coast", "state", "states", "region"})


def words(s: str | None) -> set[str]:
    return {w for w in re.findall(r"[\w-]+", (s or "").lower()) if w not in _STOP}


def kind_of(part: str, event_nouns: frozenset[str]) -> str:
    """place / period / event / subgroup of one scope part, from its surface (the gazetteer for places)."""
    p = part.strip()
    if _PERIOD.search(p):
        return "period"
    if figures_t17._place(p) is not None or words(p) & _PLACE_WORDS:
        return "place"
    ws = {w.rstrip("s") for w in words(p)} | words(p)
    if ws & event_nouns or ws & {"clean-up", "cleanup", "operation", "flight", "telethon", "appeal", "bombing",
                                 "attack", "fire", "explosion", "crash", "concert", "gig"}:
        return "event"
    return "subgroup"


def parts(scope: str | None) -> list[str]:
    return [x.strip() for x in re.split(r"[;,]", scope or "") if x.strip()]


def classify(pred: str | None, gold: str, event_nouns: frozenset[str]) -> str:
    if figures_t17.scope_ok(pred, gold):
        exact = any(words(p) == words(g) for p in parts(pred) or [pred or ""] for g in parts(gold)) or \
            words(pred) == words(gold)
        return "right, exact" if exact else "right, lenient only"
    if not pred:
        return "missed"
    gk = {kind_of(g, event_nouns) for g in parts(gold)}
    pk = {kind_of(p, event_nouns) for p in parts(pred)}
    if not gk & pk:
        return "wrong type"
    overlap = any(words(p) & words(g) for p in parts(pred) for g in parts(gold)
                  if kind_of(p, event_nouns) == kind_of(g, event_nouns))
    return "right type, wrong span" if overlap else "right type, other words"


def run(splits: list[str]) -> dict[str, list[dict[str, Any]]]:
    from dateline.extract import Pipeline
    from dateline.extract.figures.lexicon import load_lexicon
    from dateline.extract.pipeline import DEFAULT_COMPONENTS

    pipe = Pipeline(DEFAULT_COMPONENTS[:DEFAULT_COMPONENTS.index("figures") + 1])
    ev = load_lexicon().event_nouns
    out: dict[str, list[dict[str, Any]]] = {}
    for split, (listed, gold) in figures_t17._batches().items():
        if split not in splits:
            continue
        rows: list[dict[str, Any]] = []
        for a in listed:
            rec = t17_gold.article(a["topic"], a["article_id"])
            art = Article(id=f"{a['topic']}/{a['article_id']}", text=rec["text"], dct=rec.get("time"))
            golds = [g for g in gold if g["topic"] == a["topic"] and g["article_id"] == a["article_id"]]
            used: set[int] = set()
            for f in pipe(art).figures:
                k = next((k for k, g in enumerate(golds) if k not in used and figures_t17._match(f, g)), None)
                if k is None:
                    continue
                used.add(k)
                g = golds[k]
                if g.get("scope"):
                    cls = classify(f.scope, g["scope"], ev)
                    gtype = "+".join(sorted({kind_of(x, ev) for x in parts(g["scope"])}))
                else:
                    cls = "no scope" if not f.scope else "spurious " + kind_of(parts(f.scope)[0], ev)
                    gtype = "none"
                ls = rec["text"].rfind("\n", 0, g["start"]) + 1
                le = rec["text"].find("\n", g["end"])
                rows.append({"id": art.id, "start": g["start"], "text": f.text, "pred": f.scope, "gold": g.get("scope"),
                             "cls": cls, "gtype": gtype, "category": g["category"],
                             "line": rec["text"][ls:g["start"]] + "[[" + rec["text"][g["start"]:g["end"]] + "]]" +
                             rec["text"][g["end"]:le if le >= 0 else None]})
        out[split] = rows
    return out


def table(results: dict[str, list[dict[str, Any]]]) -> str:
    classes = ["right, exact", "right, lenient only", "missed", "wrong type", "right type, wrong span",
               "right type, other words"]
    lines = ["| gold has a scope | " + " | ".join(results) + " |", "|---|" + "---|" * len(results)]
    for c in classes:
        lines.append(f"| {c} | " + " | ".join(str(sum(r["cls"] == c for r in rows)) for rows in results.values()) + " |")
    lines.append("| n | " + " | ".join(str(sum(bool(r["gold"]) for r in rows)) for rows in results.values()) + " |")
    lines += ["", "| missed, by gold type | " + " | ".join(results) + " |", "|---|" + "---|" * len(results)]
    types = sorted({r["gtype"] for rows in results.values() for r in rows if r["gold"]})
    for t in types:
        cells = [f"{sum(r['cls'] == 'missed' and r['gtype'] == t for r in rows)}/"
                 f"{sum(r['gtype'] == t for r in rows)}" for rows in results.values()]
        lines.append(f"| {t} | " + " | ".join(cells) + " |")
    lines += ["", "| gold has none | " + " | ".join(results) + " |", "|---|" + "---|" * len(results)]
    spur = sorted({r["cls"] for rows in results.values() for r in rows if not r["gold"]})
    for c in spur:
        lines.append(f"| {c} | " + " | ".join(str(sum(r["cls"] == c for r in rows)) for rows in results.values()) + " |")
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--items", nargs="*", default=[], choices=["tune", "tune_new"],
                    help="print the wrong items of these splits (never check)")
    ap.add_argument("--paths", action="store_true", help="count the dependency paths to the missed gold scopes")
    ap.add_argument("--splits", nargs="*", default=["tune", "tune_new"], choices=["tune", "tune_new"])
    args = ap.parse_args()
    res = run(args.splits)
    print(table(res))
    if args.paths:
        from dateline.extract.nlp import load_nlp
        nlp = load_nlp()
        for split, rows in res.items():
            sigs = Counter(sig for r in rows if r["cls"] == "missed"
                           for sig in path_signature(r["line"].replace("[[", "").replace("]]", ""),
                                                     r["line"].index("[["), r["gold"], nlp))
            print(f"\n{split}: paths from the figure to a missed scope part")
            for sig, n in sigs.most_common():
                print(f"  {n:3} {sig}")
    for split in args.items:
        for r in res.get(split, []):
            if r["cls"] not in ("right, exact", "right, lenient only", "no scope"):
                print(f"\n[{split}] {r['id']}@{r['start']} {r['cls']} ({r['gtype']}) {r['category']} "
                      f"pred={r['pred']!r} gold={r['gold']!r}\n    {r['line'][:600]}")



def path_signature(line: str, fig_at: int, gold: str, nlp: Any) -> list[str]:
    """For each part of a gold scope found in the figure's line: the dependency path from the figure's token to
    the part's head, as dependency labels up (^) and down (v) with the prepositions and marks on it -- the
    construction a reading would have to follow, with no content word of the article."""
    doc = nlp(line)
    fig = next((t for t in doc if t.idx <= fig_at < t.idx + max(len(t.text), 1)), None)
    out: list[str] = []
    for part in parts(gold):
        k = line.lower().find(part.lower())
        if fig is None or k < 0:
            out.append("not in line" if k < 0 else "?")
            continue
        span = doc.char_span(k, k + len(part), alignment_mode="expand")
        if span is None:
            out.append("?")
            continue
        head = span.root
        up = [fig, *fig.ancestors]
        down = [head, *head.ancestors]
        common = next((t for t in up if t in down), None)
        if common is None:
            out.append("other sentence")
            continue
        ups = [t.dep_ for t in up[:up.index(common)]]
        downs = [t.dep_ + (f":{t.lower_}" if t.dep_ in ("prep", "mark", "agent") else "")
                 for t in reversed(down[:down.index(common)])]
        out.append("^" + "^".join(ups) + " | " + common.pos_ + " | v" + "v".join(downs))
    return out

if __name__ == "__main__":
    main()
