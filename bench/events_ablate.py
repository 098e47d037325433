"""Which event rules and verb dictionaries pay for themselves, on the TUNE halves only (issue 15, session 10).

    python bench/events_ablate.py [--rules] [--verbs plover,cameo-fallback ...]

Each tune set is parsed once (T17 tune, PLOVER tune, own gold), then the events component alone is re-run on the
cached parses for each variant:

- ``--rules``: the coder with one of ``events.rules``' trigger or role rules switched off (every rule in turn);
- ``--verbs A,B``: the coder with other verb dictionaries (``lexicon.load_lexicon(verbs=...)``; repeat the option).

Printed per variant: T17 tune F1 (matched / predicted) and per annotation batch, PLOVER tune action and
actor+action+target accuracy, own gold triple and date F1. The check halves are never run here: a variant kept
after this is scored on check by ``bench/events.py`` (its score only).
"""
from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

import events as bench  # noqa: E402
import events_t17  # noqa: E402

from dateline.extract.events import rules  # noqa: E402
from dateline.extract.events.component import find_events  # noqa: E402
from dateline.extract.events.lexicon import Lexicon, load_lexicon  # noqa: E402
from dateline.model import Article  # noqa: E402

Cached = dict[str, tuple[Any, Any]]  # article id -> (doc, ctx)


_PARSE = bench._run  # the benchmark's own runner: parse and run every component


def _caching_runner(store: Cached) -> Callable[[Sequence[Article]], tuple[list[tuple[Any, Any]], float]]:
    def run(articles: Sequence[Article], actors: Sequence[Path] = ()) -> tuple[list[tuple[Any, Any]], float]:
        out, secs = _PARSE(articles, actors)
        for art, pair in zip(articles, out):
            store[art.id] = pair
        return out, secs
    return run


def _recoding_runner(store: Cached, lex: Lexicon) -> Callable[..., tuple[list[tuple[Any, Any]], float]]:
    def run(articles: Sequence[Article], actors: Sequence[Path] = ()) -> tuple[list[tuple[Any, Any]], float]:
        out = []
        for art in articles:
            doc, ctx = store[art.id]
            ctx.events.clear()
            ctx.events.extend(find_events(doc, ctx, lex))
            out.append((doc, ctx))
        return out, 0.0
    return run


def score(run: Callable[..., Any]) -> dict[str, Any]:
    saved = bench._run
    bench._run = run  # plover() and own_gold() call the module's runner
    try:
        pl = bench.plover(None, False, "tune")
        own = bench.own_gold(False)
        t17 = events_t17.t17_events("tune", run, False, bench._actor_match, bench.GENERIC)
    finally:
        bench._run = saved
    return {"pl": pl, "own": own, "t17": t17}


def row(name: str, s: dict[str, Any]) -> str:
    t = s["t17"]
    tp = round(t["f1"][0] * t["pred"])
    batches = " ".join(f"{b['f1'][2]:.3f}" for b in t["batches"].values())
    own = s["own"]
    return (f"| {name} | {t['f1'][2]:.3f} ({tp}/{t['pred']}) | {batches} | {s['pl']['action']:.3f} / "
            f"{s['pl']['full']:.3f} | {own['triple'][2]:.3f} / {own['date'][2]:.3f} |")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rules", action="store_true", help="switch off each trigger and role rule in turn")
    ap.add_argument("--verbs", action="append", default=[], help="a verb dictionary list, e.g. plover,cameo")
    args = ap.parse_args()
    store: Cached = {}
    base = score(_caching_runner(store))
    print("| variant | T17 tune F1 (matched/pred) | batches 1-4 | PLOVER tune action / a+a+t | own triple / date |")
    print("|---|---|---|---|---|")
    print(row("as is", base), flush=True)
    lex = load_lexicon()
    if args.rules:
        trig, role = rules.TRIGGER_RULES, rules.ROLE_RULES
        for r in trig:
            rules.TRIGGER_RULES = tuple(x for x in trig if x is not r)
            print(row(f"without {r.name}", score(_recoding_runner(store, lex))), flush=True)
        rules.TRIGGER_RULES = trig
        for q in role:
            if q.name == "no_actor":
                continue
            rules.ROLE_RULES = tuple(x for x in role if x is not q)
            print(row(f"without {q.name}", score(_recoding_runner(store, lex))), flush=True)
        rules.ROLE_RULES = role
    for v in args.verbs:
        print(row(f"verbs {v}", score(_recoding_runner(store, load_lexicon(verbs=tuple(v.split(",")))))), flush=True)


if __name__ == "__main__":
    main()
