"""Event dates with their origin (clause, sentence, publication) and denials (a denied act is not the action)."""
from __future__ import annotations

import pytest

from dateline import extract


@pytest.mark.parametrize(("text", "date", "origin"), [
    ("Israeli forces struck Gaza on Monday, the army said.", "2025-05-12", "clause"),
    ("The army said on Friday that its forces struck targets in Gaza.", "2025-05-09", "sentence"),
    ("Hamas attacked Israel.", "2025-05-13", "publication"),
])
def test_event_date_and_its_origin(text: str, date: str, origin: str) -> None:
    events = [e for e in extract(text, dct="2025-05-13").events if e.action == "ASSAULT"]
    assert events, text
    assert (events[0].date, events[0].date_origin) == (date, origin)


def test_a_denied_act_is_not_the_action() -> None:
    events = extract("Hamas denied the report claiming Hamas is willing to give up its weapons.",
                     dct="2025-05-13").events
    assert any(e.action == "REJECT" and e.polarity == "positive" for e in events)
    assert all(e.polarity == "negative" for e in events if e.action != "REJECT")


def test_an_act_beside_a_denial_stays_positive() -> None:
    events = extract("Hamas denied the claim and attacked Israeli troops.", dct="2025-05-13").events
    assert any(e.action == "ASSAULT" and e.polarity == "positive" for e in events)
