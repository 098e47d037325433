"""Scope readings of session 12 (issue 20, guideline v2): the particular event a count comes from, named by a
'from' / 'over' / 'by' phrase ('claims from the Andean earthquake', 'fined over a refinery blast'), and no scope when
that event is the article's own topic event. Sentences are written for these tests."""
from __future__ import annotations

import pytest

from dateline.model import Article


def _fig(pipeline, text: str, value: float, dct: str = "2012-03-14"):
    ex = pipeline(Article(id=f"s12{abs(hash(text)) % 10**8}", text=text, dct=dct))
    hits = [f for f in ex.figures if f.value is not None and abs(f.value - value) < 1e-6 * max(1.0, value)]
    assert len(hits) == 1, [(f.text, f.value) for f in ex.figures]
    return hits[0]


@pytest.mark.parametrize("text,value,event", [
    # another event than the story's, marked by a place, people or a date
    ("The reinsurer reported net claims of $212m from the Peruvian earthquake, its costliest loss this year.",
     212e6, "Peruvian earthquake"),
    ("The shipping firm was fined $35m over a 2009 refinery explosion in Galveston.", 35e6, "refinery explosion"),
    # an event the article mentions once, with no mark of its own
    ("Gas prices fell again on Monday. Ranchers lost 4,000 cattle from the tornado, the agency said.", 4000,
     "tornado"),
])
def test_cause_event_scope(pipeline, text, value, event) -> None:
    scope = _fig(pipeline, text, value).scope
    assert scope is not None and event in scope, scope


@pytest.mark.parametrize("text,value", [
    # the article's own topic event (written in two sentences) stays the story's default: no scope
    ("The flood swept through the valley on Monday. Insurers expect losses of $300m from the flood.", 300e6),
    ("The spill has fouled 200 miles of coast. BP said costs from the spill had reached $2bn.", 2e9),
])
def test_cause_event_topic_no_scope(pipeline, text, value) -> None:
    scope = _fig(pipeline, text, value).scope
    assert not scope or "flood" not in scope and "spill" not in scope, scope
