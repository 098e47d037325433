"""Issue 16 (session 9, branch s9att), on sentences written for the test: a sentence-final "..., <speaker>
told <outlet>" reporting an act (someone asked for something) is the outer speaker's statement, content up to
the outer cue, via the outlet; only reported words (a clause or a quotation) make the outer cue a mere relay.
And a plural pronoun's actor agrees in number: the plural subject of the speech verb, not one person named before."""
from __future__ import annotations

import pytest

from dateline import extract
from dateline.extract.pipeline import Pipeline

from .statements_util import at, run


@pytest.mark.parametrize(("text", "speaker", "via", "content"), [
    ("The mayor asked the army for extra tents last week, a city spokeswoman told Reuters.",
     "a city spokeswoman", "Reuters", "The mayor asked the army for extra tents last week"),
    ("Farmers asked the ministry for fuel subsidies in March, a union leader told the BBC.",
     "a union leader", "BBC", "Farmers asked the ministry for fuel subsidies in March"),
])
def test_an_act_reported_before_an_outer_told_is_the_outer_speakers_statement(
        pipe: Pipeline, text: str, speaker: str, via: str, content: str) -> None:
    stmts = run(pipe, text)
    s = at(stmts, text, "told")
    assert (s.speaker, s.via, s.content) == (speaker, via, content)
    # the inner "asked" may be a statement too, but never takes the outer one's outlet
    assert all(st.via is None for st in stmts if st.cue == "asked")


def test_words_reported_before_an_outer_told_are_still_relayed(pipe: Pipeline) -> None:
    text = "The council said the bridge would reopen in May, a city engineer told Reuters."
    stmts = run(pipe, text)
    s = at(stmts, text, "said")
    assert (s.speaker, s.via) == ("the council", "Reuters")
    assert not any(st.cue == "told" for st in stmts)


def _ask_actors(text: str) -> list[str]:
    return [e.actor or "" for e in extract(text, dct="2025-03-14").events if e.trigger == "ask"]


def test_they_is_the_plural_subject_of_its_speech_verb_not_a_person_named_before() -> None:
    text = ("The airline's safety chief, Maria Lopez, declined to comment on Friday. Pilots at the airline said "
            "they would ask a judge to block the new rosters.")
    assert _ask_actors(text) == ["Pilots"]


def test_they_is_never_the_one_person_who_said_it() -> None:
    text = ("Maria Lopez, a spokeswoman for the drivers, spoke outside the depot. She said they would ask the "
            "court to intervene.")
    assert "Maria Lopez" not in _ask_actors(text)


def test_an_unresolved_they_speaks_for_the_plural_subject_of_its_sentence(pipe: Pipeline) -> None:
    text = ("The depot manager, Ana Ruiz, declined to comment. Drivers at the depot met on Sunday, and they said "
            "the new shifts were unsafe.")
    s = at(run(pipe, text), text, "said")
    assert s.speaker == "Drivers at the depot"
