"""Which scope rule families hold on new text (issue 20, session 12): each family of the scope rules is switched
off in turn (its function made to find nothing) and the T17 scope scores are printed for every batch: tune and
tune_new (read), check and the session 12 blind batch (scores only, no items).

    python bench/scope_ablate.py [FAMILY ...]

A family that adds right scopes on tune but none on check and the blind batch was fitted to the read sentences.
"""
from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

import figures_t17  # noqa: E402
from dateline.extract.figures import component, scope, scope_place  # noqa: E402
from dateline.extract.time import component as _timex  # noqa: E402,F401

# family -> [(module, function name)]: each made to return None
FAMILIES: dict[str, list[tuple[Any, str]]] = {
    "since-window": [(scope, "_since_clause")],
    "one-day": [(scope, "one_day"), (scope, "event_day")],
    "place-or-event (all)": [(scope, "place_or_event")],
    "share/bracket/holder": [(scope_place, "share_of"), (scope_place, "bracket_group"),
                             (scope_place, "share_holder")],
    "predicate group": [(scope_place, "predicate_group")],
    "noun subgroup": [(scope_place, "_subgroup")],
    "place on path": [(scope_place, "_place")],
    "where-clause": [(scope_place, "_where")],
    "shared place/participle event": [(scope_place, "_shared_place"), (scope_place, "_participle_event")],
    "partitive whole": [(scope_place, "partitive_whole")],
    "period phrase": [(scope_place, "_period")],
    "front of sentence": [(scope_place, "front_of_sentence")],
    "host place": [(scope_place, "_host_place")],
    "actor place": [(scope_place, "_actor_place")],
    "including whole": [(scope_place, "_included_in")],
    "people group": [(component, "people_group"), (component, "people_in"), (component, "tally_group")],
    "spent on": [(component, "spent_on")],
    "sentence quarter": [(component, "sentence_quarter")],
}


def _none(*_a: Any, **_k: Any) -> None:
    return None


def run(pipe: Any, off: list[tuple[Any, str]]) -> dict[str, str]:
    saved: list[tuple[Any, str, Callable[..., Any]]] = [(m, n, getattr(m, n)) for m, n in off]
    try:
        for m, n in off:
            setattr(m, n, _none)
        res = figures_t17.score(pipe)
    finally:
        for m, n, f in saved:
            setattr(m, n, f)
    out = {}
    for split, r in res.items():
        (a, n), (b, k) = r["acc"]["scope"], r["acc"]["no_scope"]
        out[split] = f"{a}/{n} · {b}/{k}"
    return out


def main(names: list[str]) -> None:
    from dateline.extract import Pipeline
    from dateline.extract.pipeline import DEFAULT_COMPONENTS
    pipe = Pipeline(DEFAULT_COMPONENTS[:DEFAULT_COMPONENTS.index("figures") + 1])
    fams = {n: FAMILIES[n] for n in names} if names else FAMILIES
    print("| family off | tune scope · no scope | tune_new | check | blind |")
    print("|---|---|---|---|---|")
    for name, off in [("(none: main)", []), *fams.items()]:
        got = run(pipe, off)
        print(f"| {name} | {got['tune']} | {got['tune_new']} | {got['check']} | {got.get('blind_scope', '-')} |",
              flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
