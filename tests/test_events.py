"""PLOVER event coding (issue #9): the seeds' events, and the rules on small real sentences."""
from __future__ import annotations

from pathlib import Path

import pytest

from dateline import extract
from dateline.errors import ConfigError
from dateline.extract.events.component import to_plover
from dateline.extract.events.lexicon import NO_EVENT, build_lexicon, load_lexicon
from dateline.model import Event

from .conftest import SEED_DATED, SEED_UNDATED


def _events(text: str, dct: str | None = "2025-05-12", pipeline=None) -> list[Event]:
    ex = extract(text, dct=dct, pipeline=pipeline)
    for e in ex.events:  # provenance: every event points at its trigger
        assert ex.article.text[e.start:e.end] == e.text
    return ex.events


def _parties(e: Event) -> set[str]:
    return {x for x in (e.actor, e.target) if x}


# ---- seeds ------------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def seed0() -> list[Event]:
    return _events(SEED_UNDATED.read_text(encoding="utf-8"), dct="2024-08-16")


@pytest.fixture(scope="module")
def seed4() -> list[Event]:
    return _events(SEED_DATED.read_text(encoding="utf-8"), dct=None)  # DCT 2025-05-12 from the header


def test_seed000_consult_in_doha_among_the_negotiators(seed0: list[Event]) -> None:
    meeting = [e for e in seed0 if e.action == "CONSULT" and e.trigger == "met"]
    assert meeting, [(e.action, e.trigger) for e in seed0]
    assert {e.date for e in meeting} == {"2024-08-15"}
    assert {e.location for e in meeting} == {"Doha"}
    people = set().union(*(_parties(e) for e in meeting))
    assert people == {"Bill Burns", "Brett McGurk", "Mohammed bin Abdulrahman Al Thani", "David Barnea", "Abbas Kamel"}
    countries = {}
    for e in meeting:
        countries[e.actor] = e.actor_country
        countries[e.target] = e.target_country
    assert countries == {"Bill Burns": "USA", "Brett McGurk": "USA", "Mohammed bin Abdulrahman Al Thani": "QAT",
                         "David Barnea": "ISR", "Abbas Kamel": "EGY"}
    # one record per actor-target pair: the two US envoys met the three others
    assert {(e.actor, e.target) for e in meeting} == {
        (a, t) for a in ("Bill Burns", "Brett McGurk")
        for t in ("Mohammed bin Abdulrahman Al Thani", "David Barnea", "Abbas Kamel")}


def test_seed000_hamas_refusal_is_a_reject_not_a_consult(seed0: list[Event]) -> None:
    rejects = [e for e in seed0 if e.action == "REJECT" and e.actor == "Hamas"]
    assert len(rejects) == 1
    assert rejects[0].trigger == "refuses"
    assert rejects[0].date == "2024-08-11"  # "announced on Sunday", DCT Friday 2024-08-16
    assert rejects[0].polarity == "positive"
    text = SEED_UNDATED.read_text(encoding="utf-8")
    send = text.index("send representatives")
    assert not [e for e in seed0 if e.start <= send < e.end or send <= e.start < send + 40]


def test_seed000_request_of_three_leaders_to_israel_and_hamas(seed0: list[Event]) -> None:
    req = {(e.actor, e.target) for e in seed0 if e.action == "REQUEST" and e.trigger.startswith("calling")}
    assert req == {(a, t) for a in ("United States", "Egypt", "Qatar") for t in ("Israel", "Hamas")}


def test_seed004_hamas_us_talks_in_doha(seed4: list[Event]) -> None:
    talks = [e for e in seed4 if e.action == "CONSULT" and _parties(e) == {"Hamas", "United States"}]
    assert talks
    assert {e.location for e in talks} == {"Doha"}


def test_seed004_israel_ended_the_ceasefire_on_march_18(seed4: list[Event]) -> None:
    ended = [e for e in seed4 if e.actor == "Israel" and e.date == "2025-03-18"]
    # coding choice (resources/events/plover.yaml): ending a ceasefire is ASSAULT (CAMEO 196), as is the offensive
    assert {e.trigger for e in ended} >= {"ended ceasefire", "launching offensive"}
    assert {e.action for e in ended} == {"ASSAULT"}
    assert "Gaza Strip" in {e.target for e in ended}  # the place's canonical name


def test_seed004_hamas_rejected_the_israeli_proposal_on_april_18(seed4: list[Event]) -> None:
    rej = [e for e in seed4 if e.action == "REJECT" and e.actor == "Hamas" and e.trigger == "rejected"]
    assert len(rej) == 1
    assert rej[0].date == "2025-04-18"
    assert rej[0].target == "Israel"


# ---- rules on small sentences ----------------------------------------------------------------------------
def test_refusal_absorbs_the_refused_act() -> None:
    evs = _events("Hamas refused to send a delegation to the talks in Cairo.")
    assert [(e.actor, e.action) for e in evs] == [("Hamas", "REJECT")]


def test_negated_agreement_keeps_its_action_with_negative_polarity() -> None:
    evs = _events("Israel did not agree to the Egyptian proposal.")
    assert [(e.action, e.polarity) for e in evs] == [("AGREE", "negative")]
    assert to_plover(evs[0]) == "REJECT"


def test_future_meeting_is_planned_with_place_and_date() -> None:
    evs = _events("Antony Blinken will meet Benjamin Netanyahu in Jerusalem on May 14.")
    assert [(e.action, e.modality, e.location, e.date) for e in evs] == [("CONSULT", "planned", "Jerusalem",
                                                                          "2025-05-14")]
    assert evs[0].target_text and "Netanyahu" in evs[0].target_text


def test_conditional_withdrawal() -> None:
    evs = _events("If Hamas frees the hostages, Israel will withdraw its troops from Gaza.")
    retreat = [e for e in evs if e.action == "RETREAT" and e.trigger == "withdraw"]
    assert len(retreat) == 1
    assert retreat[0].modality == "conditional"
    assert retreat[0].actor == "Israel"


def test_request_target_is_the_addressee_and_absorbs_the_request() -> None:
    evs = _events("Egypt urged Israel to reopen the Rafah crossing.")
    assert [(e.actor, e.action, e.target) for e in evs] == [("Egypt", "REQUEST", "Israel")]


def test_role_noun_with_coordinated_countries_gives_one_event_per_actor() -> None:
    evs = _events("The governments of France and Germany condemned the attack on the convoy.")
    accuse = [e for e in evs if e.action == "ACCUSE"]
    assert {e.actor for e in accuse} == {"France", "Germany"}


def test_coordinated_subjects_of_talks_are_reciprocal_pairs() -> None:
    evs = _events("Israel and Hamas held indirect talks in Cairo on Tuesday.")
    assert [(e.action, _parties(e), e.location) for e in evs] == [("CONSULT", {"Israel", "Hamas"}, "Cairo")]


def test_events_in_a_statement_carry_its_speaker() -> None:
    evs = _events('"Israeli jets struck the Nuseirat camp overnight," the Gaza health ministry said on Sunday.')
    hits = [e for e in evs if e.action == "ASSAULT"]
    assert hits and hits[0].reported_by and "ministry" in hits[0].reported_by.lower()
    assert hits[0].modality == "reported"


def test_nominal_trigger_with_owner_and_target() -> None:
    evs = _events("Hamas's attack on Israel on October 7, 2023 started the war.")
    assert [(e.actor, e.action, e.target, e.date) for e in evs] == [("Hamas", "ASSAULT", "Israel", "2023-10-07")]


def test_dateline_is_no_actor_and_state_organs_act_for_their_state() -> None:
    evs = _events("KHAN YOUNIS (Meridian Wire) — The Israeli military struck a school in Khan Younis on May 3.")
    assert [(e.actor, e.action, e.date) for e in evs] == [("Israel", "ASSAULT", "2025-05-03")]
    assert evs[0].actor_text and "military" in evs[0].actor_text


def test_definite_description_refers_back_to_the_group() -> None:
    evs = _events("Hamas met Egyptian mediators in Cairo. The group rejected the Israeli proposal on Sunday.")
    rej = [e for e in evs if e.action == "REJECT"]
    assert [(e.actor, e.target, e.date) for e in rej] == [("Hamas", "Israel", "2025-05-11")]


def test_protest_is_against_the_state_where_it_happens() -> None:
    evs = _events("Thousands of protesters rallied in Tel Aviv to demand a deal for the hostages.")
    assert {(e.actor, e.action, e.target) for e in evs} == {("protesters", "PROTEST", "Israel"),
                                                          ("protesters", "REQUEST", "Israel")}


def test_background_clause_is_not_coded_again() -> None:
    evs = _events("The ministry said 2,720 people had been killed since Israel resumed its campaign on March 18.")
    assert not [e for e in evs if e.trigger and "resumed" in e.trigger]


# ---- the dictionary is data ---------------------------------------------------------------------------------
def test_user_dictionary_extends_the_default(tmp_path: Path) -> None:
    from dateline.extract.nlp import load_nlp
    from dateline.extract.pipeline import Pipeline

    text = "The ministry stonewalled the inquiry of the United Nations."
    assert not [e for e in _events(text) if e.action == "REJECT"]
    extra = tmp_path / "mine.yaml"
    extra.write_text("actions:\n  REJECT:\n    verbs: [stonewall]\n", encoding="utf-8")
    pipe = Pipeline(nlp=load_nlp(), config={"events": {"dictionaries": [str(extra)]}})
    evs = _events(text, pipeline=pipe)
    assert [(e.action, e.trigger) for e in evs] == [("REJECT", "stonewalled")]


def test_dictionary_rejects_unknown_actions_and_yaml_booleans() -> None:
    with pytest.raises(ConfigError, match="not a PLOVER action"):
        build_lexicon([{"actions": {"SMITE": {"verbs": ["smite"]}}}])
    with pytest.raises(ConfigError, match="quote"):
        build_lexicon([{"particles": [True]}])


def test_default_dictionary_covers_every_plover_action() -> None:
    lex = load_lexicon()
    actions = {p.action for pats in lex.verbs.values() for p in pats} - {NO_EVENT}  # CAMEO's statement blocks
    assert actions == {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
                       "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}
    hit = lex.verbs["call"][0]
    assert hit.specificity > 0  # "call on", not a boolean read from YAML


def test_plover_intent_convention() -> None:
    assert to_plover(Event(action="CONSULT", modality="planned")) == "AGREE"
    assert to_plover(Event(action="ASSAULT", modality="planned")) == "THREATEN"
    assert to_plover(Event(action="AID", polarity="negative")) == "REJECT"
    assert to_plover(Event(action="ACCUSE", modality="reported")) == "ACCUSE"
