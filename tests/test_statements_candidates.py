"""Speaker candidates the parse hides (issue 16, session 6): a passive agent, conjoined cues hung on the wrong
verb, a headline's bare role noun after an inverted cue, and role descriptions of a person named before; each
on sentences written for this test, in the default configuration."""
from __future__ import annotations

import pytest

from dateline.extract.pipeline import Pipeline

from .statements_util import by_cue, run


@pytest.mark.parametrize("text, speaker", [
    ("Mayor Helga Brandt changed her plans for the weekend after being told by a fire officer that the bridge was "
     "unsafe.", "a fire officer"),
    ("The farmers were told by the regional water board that the canal would stay closed until May.",
     "the regional water board"),
])
def test_passive_agent_of_a_speech_verb_speaks(pipe: Pipeline, text: str, speaker: str) -> None:
    s = by_cue(run(pipe, text), "told")
    assert s.speaker == speaker
    assert s.content.startswith(("the bridge", "the canal"))


def test_conjoined_cue_climbs_past_a_subjectless_complement(pipe: Pipeline) -> None:
    text = ("Tomas Berglund, the depot manager, spoke to reporters on Monday. He said routes to the northern "
            "suburbs were cut by regional staff, but insisted there was no plan to close the depot. "
            "Later he said decisions not to stop at some villages were made by local drivers , but insisted there "
            "was no plan to cut the route .")
    insisted = [s for s in run(pipe, text) if s.cue == "insisted"]
    assert [s.speaker for s in insisted] == ["Tomas Berglund", "Tomas Berglund"]


def test_conjoined_cue_after_a_relative_clause_about_a_thing(pipe: Pipeline) -> None:
    text = ("Standing beside her lawyer, Marta Olsen criticised the zoning rule which had forced her family out "
            "and vowed that the council would answer for it.")
    s = by_cue(run(pipe, text), "vowed")
    assert s.speaker == "Marta Olsen"


@pytest.mark.parametrize("text, speaker", [
    ("Harbour town lifts flood warning, it is safe to return home, says mayor Residents began to return on "
     "Sunday .\nThe water has fallen by a metre.", "mayor"),
    ("Grain prices will keep rising , says economist Markets opened lower on Tuesday .\nTraders were cautious.",
     "economist"),
])
def test_headline_bare_role_noun_after_an_inverted_cue(pipe: Pipeline, text: str, speaker: str) -> None:
    s = by_cue(run(pipe, text), "says")
    assert s.speaker == speaker


def test_member_description_is_the_person_named_before(pipe: Pipeline) -> None:
    text = ("His bandmate Ricky Salerno has been touring alone since March.\n"
            "\"I never wanted to leave the stage,\" the former Blue Harbour member told the radio station.")
    s = by_cue(run(pipe, text), "told")
    assert s.speaker == "Ricky Salerno"


def test_statement_said_as_the_main_clause_happened_takes_its_day(pipe: Pipeline) -> None:
    text = ("The port authority reopened the northern terminal late on Tuesday as the harbour master, Ines Vidal, "
            "claimed ships could \u201cdock safely\u201d again.")
    s = by_cue(run(pipe, text), "claimed")
    assert s.date == "2025-03-11" and s.date_origin == "cue"


def test_statement_date_never_from_the_next_paragraph(pipe: Pipeline) -> None:
    text = ("Carla Mendez said: \u201cThe archive was sold for the money and everyone knew it.\u201d\n"
            "Tomorrow (15 March) marks ten years since the museum closed.")
    s = by_cue(run(pipe, text), "said")
    assert s.date == "2025-03-14" and s.date_origin == "dct"


def test_told_clause_taken_for_a_relative_clause_of_the_hearer(pipe: Pipeline) -> None:
    text = "The mayor, Lena Dahl, told a Danish delegation she wanted her police to stay after their mission ends in May."
    s = by_cue(run(pipe, text), "told")
    assert s.speaker == "Lena Dahl"
    assert s.content.startswith("she wanted her police to stay")


def test_titled_surname_misspelt_is_the_person_named_before(pipe: Pipeline) -> None:
    text = ("Maria Fernandes, the victim's aunt, spoke outside the court.\n"
            "Ms Fernades criticised the verdict, saying the family would appeal.")
    s = by_cue(run(pipe, text), "saying")
    assert s.speaker == "Maria Fernandes"
