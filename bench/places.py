"""Geoparsing benchmark on the sample-corpus gold (``examples/gold/*.json`` ``places`` lists).

    python bench/places.py [--no-append] [--errors]

Each gold article is run through the components ``time, entities, places`` (as ingested from
``examples/corpus``). A predicted place matches a gold place when their character spans overlap
(one-to-one, in text order).
- **span**: P/R/F1 of mentions (overlap only).
- **country**: P/R/F1 of (mention, ISO alpha-3 country) — the gold country is null for seas and straits.
- **name**: accuracy of the resolved name over the matched mentions (case-folded, "the" ignored).
Also: milliseconds per article of the entities + places components against a bare spaCy parse.
"""
from __future__ import annotations

import argparse
import datetime as dt
import subprocess
import sys
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from gold_tools import ingested, load_gold  # noqa: E402

RESULTS = ROOT / "bench" / "RESULTS.md"


def _name(s: str | None) -> str:
    s = (s or "").strip().casefold()
    return s[4:] if s.startswith("the ") else s


def _prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def run(errors: bool = False) -> dict[str, Any]:
    from dateline.extract.nlp import load_nlp
    from dateline.extract.registry import Context, get_factory
    from dateline.extract import _components  # noqa: F401  registers the components

    gold = load_gold()
    articles = ingested()
    nlp = load_nlp()
    comps = [get_factory(n)() for n in ("time", "entities", "places")]
    n_gold = n_pred = span_tp = country_tp = name_ok = 0
    t_spacy = t_mine = 0.0
    errs: list[str] = []
    for aid, g in sorted(gold.items()):
        if aid not in articles or "places" not in g:
            continue
        art = articles[aid]
        if art.dct is None:
            art.dct = g["article"].get("dct")
        t = time.perf_counter()
        doc = nlp(art.text)
        t_spacy += time.perf_counter() - t
        ctx = Context(article=art)
        comps[0](doc, ctx)
        t = time.perf_counter()
        for c in comps[1:]:
            c(doc, ctx)
        t_mine += time.perf_counter() - t
        preds = sorted(ctx.places, key=lambda p: p.start)
        golds = sorted(g["places"], key=lambda p: p["start"])
        n_gold += len(golds)
        n_pred += len(preds)
        used: set[int] = set()
        for gp in golds:
            k = next((i for i, p in enumerate(preds) if i not in used and p.start < gp["end"] and gp["start"] < p.end),
                     None)
            if k is None:
                errs.append(f"{aid}: missed {gp['text']!r} ({gp.get('country_code')})")
                continue
            used.add(k)
            p = preds[k]
            span_tp += 1
            if p.country_code == gp.get("country_code"):
                country_tp += 1
            else:
                errs.append(f"{aid}: {gp['text']!r} country {p.country_code} != gold {gp.get('country_code')}")
            if _name(p.name) == _name(gp.get("name")):
                name_ok += 1
            elif errors:
                errs.append(f"{aid}: {gp['text']!r} name {p.name!r} != gold {gp.get('name')!r}")
        for i, p in enumerate(preds):
            if i not in used:
                errs.append(f"{aid}: spurious {p.text!r} -> {p.name} ({p.country_code})")
    n_art = len([a for a in gold if a in articles and "places" in gold[a]])
    return {"articles": n_art, "gold": n_gold, "pred": n_pred, "span": _prf(span_tp, n_pred, n_gold),
            "country": _prf(country_tp, n_pred, n_gold), "name": name_ok / span_tp if span_tp else 0.0,
            "ms_spacy": 1000 * t_spacy / max(n_art, 1), "ms_mine": 1000 * t_mine / max(n_art, 1), "errors": errs}


def table(r: dict[str, Any]) -> str:
    lines = [f"Sample-corpus gold: {r['articles']} articles, {r['gold']} gold places, {r['pred']} predicted.", "",
             "| measure | P | R | F1 |", "| --- | --- | --- | --- |"]
    for key in ("span", "country"):
        p, rec, f = r[key]
        lines.append(f"| {key} | {p:.3f} | {rec:.3f} | {f:.3f} |")
    lines += ["", f"Resolved name accuracy on matched mentions: {r['name']:.3f}. "
              f"Time per article: spaCy parse {r['ms_spacy']:.1f} ms, entities + places {r['ms_mine']:.1f} ms "
              f"({r['ms_mine'] / max(r['ms_spacy'], 1e-9):.1%} of the parse).", ""]
    return "\n".join(lines)


def main(argv: Iterable[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--no-append", action="store_true", help="do not append to bench/RESULTS.md")
    ap.add_argument("--errors", action="store_true", help="print the errors")
    args = ap.parse_args(list(argv) if argv is not None else None)
    r = run(args.errors)
    out = table(r)
    print(out)
    if args.errors:
        print("\n".join(r["errors"]))
    if not args.no_append:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                                text=True).stdout.strip()
        with RESULTS.open("a", encoding="utf-8") as f:
            f.write(f"\n## places (bench/places.py) — {dt.date.today().isoformat()}, commit {commit}\n\n{out}")


if __name__ == "__main__":
    main()
