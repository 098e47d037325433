"""Mediators act between the parties, not on each other (events/mediation.py; new sentences, session 11)."""
from __future__ import annotations

import pytest

from dateline.extract.pipeline import Pipeline
from dateline.model import Article


@pytest.fixture(scope="module")
def pipe() -> Pipeline:
    return Pipeline()


def _triples(pipe: Pipeline, text: str) -> set[tuple[str | None, str, str | None]]:
    ex = pipe(Article(id="m", text=text, dct="2025-03-04"))
    return {(e.actor, e.action, e.target) for e in ex.events}


def test_coordinated_mediators_are_no_parties_to_each_other(pipe):
    got = _triples(pipe, "The mediators from Norway, Kenya and Brazil kept working to reach a lasting truce.")
    assert not any({a, t} <= {"Norway", "Kenya", "Brazil"} for a, _, t in got), got
    got = _triples(pipe, "Omani and Swiss mediators worked through the night to reach an agreement.")
    assert not any(a in ("Oman", "Switzerland") and t in ("Oman", "Switzerland") for a, _, t in got), got


def test_states_not_named_as_mediators_still_agree_with_each_other(pipe):
    got = _triples(pipe, "Kenya and Ethiopia agreed to reopen the border.")
    assert {("Kenya", "AGREE", "Ethiopia"), ("Ethiopia", "AGREE", "Kenya")} & got, got


def test_a_mediation_verb_acts_on_the_sides_between_which_it_mediates(pipe):
    got = _triples(pipe, "Turkey mediated a prisoner swap between Armenia and Azerbaijan in June.")
    assert {("Turkey", "CONSULT", "Armenia"), ("Turkey", "CONSULT", "Azerbaijan")} <= got, got
    got = _triples(pipe, "Oman mediated between Iran and the United States last spring.")
    assert {("Oman", "CONSULT", "Iran"), ("Oman", "CONSULT", "United States")} <= got, got
