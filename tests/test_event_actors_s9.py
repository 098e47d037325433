"""Actor mechanisms kept in session 9 (issue 15, branch s9evt), each on sentences written for the test."""
from __future__ import annotations

import pytest

from dateline import extract


def _events(text: str, action: str) -> list:
    return [e for e in extract(text, dct="2011-03-01").events if e.action == action]


def _actors(text: str, action: str) -> set[str]:
    return {e.actor or "" for e in _events(text, action)}


@pytest.mark.parametrize(("text", "action", "actor"), [
    ("Rebels fighting government troops near the port said they had taken the airport.", "ASSAULT", "rebels"),
    ("Government forces shelling the town killed twelve civilians, witnesses said.", "ASSAULT", "Government forces"),
    ("The clinic stayed shut, blocked by dozens of protesting nurses.", "PROTEST", "nurses"),
])
def test_a_present_participle_on_an_actor_noun_is_that_actors_act(text: str, action: str, actor: str) -> None:
    got = [e for e in _events(text, action) if e.trigger in ("fighting", "shelling", "protesting")]
    assert got and all(actor.lower() in (e.actor or "").lower() for e in got), (text, got)


def test_a_participle_on_a_document_is_not_the_documents_act() -> None:
    # "a statement calling on ...": the statement names no actor; its issuer calls
    got = _events("The ministry issued a statement calling on the rebels to lay down their arms.", "REQUEST")
    assert got and all("statement" not in (e.actor_text or "") for e in got), got


@pytest.mark.parametrize(("text", "actor"), [
    ("The ministry's statement urged parents to keep their children at home.", "ministry"),
    ("A letter from the teachers' union asked the minister to resign.", "union"),
    ("The ministry announced on Sunday that schools would close. The announcement urged parents to keep their "
     "children at home.", "ministry"),
])
def test_a_document_acts_for_whoever_issued_it(text: str, actor: str) -> None:
    got = [e for e in extract(text, dct="2011-03-01").events if e.action in ("REQUEST", "ACCUSE")]
    assert any(actor.lower() in (e.actor or "").lower() for e in got), (text, got)


def test_a_document_with_no_issuer_in_sight_acts_for_no_one() -> None:
    assert not _events("A statement urged parents to stay calm.", "REQUEST")


@pytest.mark.parametrize("text", [
    "Joan Mills and Peter Ortiz spoke to reporters on Friday. In a joint statement, the pair accused the mayor of "
    "lying about the budget.",
    "Joan Mills and Peter Ortiz were freed on Monday. The two men accused the guards of beating them.",
])
def test_a_plural_description_stands_for_the_people_named_together_before(text: str) -> None:
    got = _actors(text, "ACCUSE")
    assert {"Joan Mills", "Peter Ortiz"} <= got, got


def test_a_plural_description_without_people_named_together_keeps_its_text() -> None:
    got = _events("The two men accused the guards of beating them.", "ACCUSE")
    assert got and all("men" in (e.actor_text or "") for e in got), got


@pytest.mark.parametrize(("text", "target"), [
    ("The envoy said Iran needs to stop enriching uranium.", "Iran"),
    ("Officials said the company has to pay for the clean-up.", "company"),
])
def test_has_to_and_needs_to_in_a_told_clause_are_demands(text: str, target: str) -> None:
    got = _events(text, "REQUEST")
    assert any(target.lower() in (e.target or "").lower() for e in got), (text, got)


def test_a_past_obligation_is_told_not_demanded() -> None:
    assert not _events("The mayor said the residents had to leave the city.", "REQUEST")
