"""Issue 16's failures, each on a sentence written for this test: zones that never speak, speaker resolution
and affiliation, relays (``via``), nested attributions, and the statement date's origin, in the default
configuration."""
from __future__ import annotations

import pytest

from dateline.extract.pipeline import Pipeline
from dateline.zones import find_zones

from .statements_util import by_cue, run


@pytest.mark.parametrize("text, body", [
    ("KHARTOUM: A senior army official says the ceasefire will hold through the holiday.", "A senior"),
    ("Cabinet backs new border plan\n\nOSLO (Fjord Wire) — The ministry said it agreed.", "The ministry"),
    ("-LRB- CNN -RRB- -- Rescuers said the road was open.", "Rescuers"),
    ("Rescuers said the road was open.", "Rescuers"),
])
def test_body_start_after_headline_and_dateline(text: str, body: str) -> None:
    assert text[find_zones(text).body_start:].startswith(body)


def test_dateline_and_headline_never_speak(pipe: Pipeline) -> None:
    s = by_cue(run(pipe, "KHARTOUM: A senior army official says the ceasefire will hold through the holiday."), "says")
    assert s.speaker == "a senior army official"
    assert not any(st.speaker == "KHARTOUM" for st in run(pipe, "BEIRUT: The toll from the blast rose to 40."))
    text = "Cabinet approves harbour deal\n\nPrime Minister Mark Rutte's office said on Monday that the deal would pass."
    s = by_cue(run(pipe, text), "said")
    assert s.speaker_start is not None and s.speaker_start >= text.index("Prime")
    assert "harbour" not in (s.speaker or "")


def test_plural_pronoun_is_the_last_speakers_not_an_earlier_group(pipe: Pipeline) -> None:
    text = ("Hezbollah rejected the plan on Monday. Qatari mediators told the newspaper that talks had stalled. "
            "They also said that a new round was planned.")
    stmts = run(pipe, text)
    told = by_cue(stmts, "told")
    assert told.speaker == "Qatari mediators" and told.via == "the newspaper"
    assert by_cue(stmts, "said").speaker == "Qatari mediators"


def test_per_outlet_is_a_source_and_a_relay(pipe: Pipeline) -> None:
    s = by_cue(run(pipe, "The regulator is weighing a ban on the pesticide, per NBC."), "per")
    assert s.speaker == "NBC" and s.via is None and s.content.startswith("The regulator is weighing")
    stmts = run(pipe, "Two diplomats said the envoy would resign next month, per the AP.")
    said = by_cue(stmts, "said")
    assert said.speaker == "two diplomats" and said.via == "AP" and said.content.endswith("next month")
    assert not any(st.cue == "per" for st in stmts)


def test_via_is_not_carried_from_another_sentence(pipe: Pipeline) -> None:
    text = ("Reuters reported that the port was closed. The report noted, according to sources, that ships were "
            "turned back.")
    assert all(s.via is None for s in run(pipe, text))


def test_via_never_repeats_the_speaker(pipe: Pipeline) -> None:
    s = by_cue(run(pipe, "CBS said the debate would move to Tuesday, CBS News reported."), "said")
    assert s.speaker == "CBS" and s.via is None and s.content == "the debate would move to Tuesday"
    s = by_cue(run(pipe, "Hamas said the debate would move to Tuesday, Reuters reported."), "said")
    assert s.speaker == "Hamas" and s.via == "Reuters" and s.content == "the debate would move to Tuesday"


def test_nested_attribution_inner_speaker_outer_relay(pipe: Pipeline) -> None:
    stmts = run(pipe, "Hezbollah said it rejected the offer, officials told AFP.")
    s = by_cue(stmts, "said")
    assert s.speaker == "Hezbollah" and s.via == "AFP" and s.content == "it rejected the offer"
    assert not any(st.cue == "told" for st in stmts)


def test_role_description_resolves_to_the_named_speaker(pipe: Pipeline) -> None:
    text = ("Prime Minister Jacinda Ardern visited the flood zone on Friday. The prime minister said that more "
            "aid would come.")
    s = by_cue(run(pipe, text), "said")
    assert s.speaker == "Jacinda Ardern" and s.speaker_start == text.index("The prime")


def test_speaker_org_from_apposition_and_actor_dictionaries(pipe: Pipeline) -> None:
    text = ("Ahmed Musa, a spokesman for the Sudanese foreign ministry, said the embassy would reopen. "
            "Musa said staff would return in May.")
    stmts = run(pipe, text)
    assert [s.speaker_org for s in stmts] == ["Sudanese foreign ministry"] * 2
    stmts = run(pipe, "Hamas did not comment. Two officials from the Palestinian militant group said the talks "
                      "had resumed. A senior Hamas official said no deal was signed.")
    assert [s.speaker_org for s in stmts] == ["Hamas", "Hamas"]


def test_statement_date_from_the_cue_with_its_origin(pipe: Pipeline) -> None:
    s = by_cue(run(pipe, "The harbour master said late Sunday that the strike was over."), "said")
    assert (s.date, s.date_origin) == ("2025-03-09", "cue")
    s = by_cue(run(pipe, "Police told reporters on Thursday night that three suspects were held."), "told")
    assert (s.date, s.date_origin, s.via) == ("2025-03-13", "cue", None)
    s = by_cue(run(pipe, "The harbour master said that the strike was over."), "said")
    assert (s.date, s.date_origin) == ("2025-03-14", "dct")
