"""Session 12 (issue 15): leaving work as a strike ("walked off the job", "downed tools") and the WordNet-backed
verb table (opt-in), with sentences written here."""
from __future__ import annotations

import pytest

from dateline import extract
from dateline.extract.events.lexicon import load_lexicon
from dateline.extract.events.wordnet_verbs import add_wordnet_fallback, table


def _coded(text: str) -> set[tuple[str | None, str]]:
    return {((e.actor or "").lower(), e.action) for e in extract(text, dct="2012-03-05").events
            if e.polarity == "positive"}


@pytest.mark.parametrize(("text", "actor"), [
    ("Hundreds of nurses walked off the job at two city hospitals on Tuesday.", "nurses"),
    ("Nurses downed tools on Friday.", "nurses"),
    ("The striking staff walked off their shifts at noon.", "striking staff"),
])
def test_leaving_work_is_a_strike(text: str, actor: str) -> None:
    assert (actor, "PROTEST") in _coded(text)


@pytest.mark.parametrize("text", [
    "The minister walked off the stage after the question.",
    "The delegation walked out of the talks in anger.",
])
def test_leaving_a_place_or_talks_is_no_strike(text: str) -> None:
    assert not any(a == "PROTEST" for _, a in _coded(text))


def test_walking_out_of_talks_stays_a_rejection() -> None:
    assert ("delegation", "REJECT") in _coded("The delegation walked out of the talks in anger.")


def test_wordnet_table_rows_are_plover_actions_with_confidence() -> None:
    rows = table()
    assert len(rows) > 500
    assert all(0 < conf <= 1 and senses >= 1 for _, conf, senses in rows.values())
    # built from WordNet synonyms: "arbitrate" (synset {arbitrate, intercede, mediate}) codes as "mediate" does
    assert rows["arbitrate"][0] == "CONSULT"


def test_wordnet_fallback_only_for_verbs_without_a_pattern() -> None:
    lex = load_lexicon()
    assert "arbitrate" not in lex.verbs and "arbitrate" not in lex.fallback  # off by default
    own = load_lexicon(verbs=("plover",))
    fresh = load_lexicon(verbs=("plover", "wordnet:0.7:3"))
    assert "arbitrate" in fresh.fallback
    assert not set(fresh.fallback) & set(own.verbs)  # never over the dictionary's own verbs
    assert not set(fresh.fallback) & {"say", "want", "order", "call", "hold"}  # nor the rules' word lists
    n = add_wordnet_fallback(fresh, 0.7, 3)
    assert n == 0  # all already added


def test_wordnet_fallback_codes_an_uncovered_verb() -> None:
    from dateline.extract.nlp import load_nlp
    from dateline.extract.events.triggers import find_triggers
    doc = load_nlp()("The retired judge will arbitrate between the two unions.")
    lex = load_lexicon(verbs=("plover", "wordnet:0.7:3"))
    assert [(t.tok.text, t.action) for t in find_triggers(doc, lex)] == [("arbitrate", "CONSULT")]
    assert not [t for t in find_triggers(doc, load_lexicon()) if t.tok.text == "arbitrate"]
