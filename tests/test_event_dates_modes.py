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


@pytest.mark.parametrize("text", [
    "Israel has been fighting Hamas since Hamas's October 7, 2023 attack on southern Israel.",
    "The war began with Hamas's October 7, 2023 attack on Israel.",
])
def test_a_dated_nominal_event_takes_its_own_date_and_possessor(text: str) -> None:
    events = extract(text, dct="2025-05-13").events
    attack = [e for e in events if e.trigger == "attack"]
    assert attack, text
    assert (attack[0].actor, attack[0].action, attack[0].target) == ("Hamas", "ASSAULT", "Israel")
    assert (attack[0].date, attack[0].date_origin) == ("2023-10-07", "clause")
