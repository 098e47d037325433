"""A work stoppage is PROTEST, an armed strike ASSAULT, decided by the context (QA pass s10; sentences written
here)."""
from __future__ import annotations

import pytest

from dateline import extract


def _coded(text: str) -> set[tuple[str | None, str]]:
    return {(e.actor, e.action) for e in extract(text, dct="2024-03-05").events if e.polarity == "positive"}


@pytest.mark.parametrize(("text", "actor"), [
    ("Nurses voted to extend their strike for another week.", "Nurses"),
    ("Teachers in the capital began a strike on Monday over unpaid wages.", "Teachers"),
    ("Union members will continue the strike until Friday.", "Union members"),
])
def test_labour_strike_is_protest(text: str, actor: str) -> None:
    coded = _coded(text)
    assert (actor, "PROTEST") in coded and not any(a == "ASSAULT" for _, a in coded)


@pytest.mark.parametrize(("text", "actor"), [
    ("Israel carried out a strike on a building in Beirut.", "Israel"),  # a state
    ("The army launched a strike near the border on Sunday.", "army"),  # an armed force
    ("Police launched a strike on the compound.", "Police"),
    ("Rebel fighters launched a strike near the border.", "fighters"),
    ("The president ordered a strike against the rebels.", "president"),  # a target: something is hit
])
def test_armed_strike_stays_assault(text: str, actor: str) -> None:
    assert (actor, "ASSAULT") in _coded(text)


def test_people_hitting_the_streets_protest() -> None:
    assert ("students", "PROTEST") in _coded("Thousands of students hit the streets of the capital on Friday.")


@pytest.mark.parametrize("text", [
    "Israeli warplanes hit a street in Gaza City on Monday.",
    "Israeli warplanes hit the street where the commander lived.",
])
def test_a_street_hit_by_force_is_an_attack(text: str) -> None:
    assert ("Israel", "ASSAULT") in _coded(text)


@pytest.mark.parametrize(("text", "actor", "action"), [
    ("The nurses' strike at Mombasa ended on Friday after the council agreed to a pay rise.", "nurses",
     "PROTEST"),  # where workers strike is no target (session 11)
    ("The air force carried out a strike at Mombasa on Friday.", "air force", "ASSAULT"),
])
def test_a_strike_at_a_place(text: str, actor: str, action: str) -> None:
    coded = _coded(text)
    assert (actor, action) in coded, coded
    assert not any(a == ("ASSAULT" if action == "PROTEST" else "PROTEST") for _, a in coded)


def test_a_walkout_of_nothing_named_is_a_stoppage() -> None:
    coded = _coded("Dock workers in Accra walked out on Tuesday over unpaid overtime.")
    assert ("Dock workers", "PROTEST") in coded and not any(a == "REJECT" for _, a in coded), coded
    coded = _coded("The opposition walked out of the budget talks on Tuesday.")
    assert any(a == "REJECT" for _, a in coded) and not any(a == "PROTEST" for _, a in coded), coded


def test_the_state_where_a_protest_happens_points_to_the_place() -> None:
    text = "Dock workers in Tema walked out on Tuesday over unpaid overtime."
    (ev,) = [e for e in extract(text, dct="2024-03-05").events if e.action == "PROTEST"]
    assert ev.target == "Ghana" and ev.target_text == "Tema"  # was the verb, "walked"
