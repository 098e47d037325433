"""The named skip rules of the event coder (extract/events/rules.py), each on a real parse."""
from __future__ import annotations

import pytest

from dateline.extract.events.syntax import Actor
from dateline.extract.events.lexicon import load_lexicon
from dateline.extract.events.roles import Roles, Trigger
from dateline.extract.events.rules import (ROLE_RULES, TRIGGER_RULES, in_background, in_goal, skipped_roles,
                                           skipped_trigger)
from dateline import extract
from dateline.extract.nlp import load_nlp


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def _tok(doc, word: str, nth: int = 0):
    return [t for t in doc if t.text == word][nth]


def test_rule_names_are_unique_and_listed_in_order() -> None:
    names = [r.name for r in TRIGGER_RULES] + [r.name for r in ROLE_RULES]
    assert len(names) == len(set(names))
    assert names[0] == "in_dateline"


def test_background_clause(nlp) -> None:
    doc = nlp("The ministry said 2,720 people had been killed since Israel resumed its campaign on March 18.")
    lex = load_lexicon()
    resumed, killed = _tok(doc, "resumed"), _tok(doc, "killed")
    assert in_background(resumed, lex.word_set("background_marks"))
    assert not in_background(killed, lex.word_set("background_marks"))
    assert skipped_trigger(Trigger(resumed, "MOBILIZE", True), lex, 0) == "background_clause"
    assert skipped_trigger(Trigger(killed, "ASSAULT", True), lex, 0) is None


def test_dateline_trigger(nlp) -> None:
    doc = nlp("CAIRO (Meridian Wire) — Talks resumed.")
    trig = Trigger(_tok(doc, "CAIRO"), "CONSULT", False)
    lex = load_lexicon()
    assert skipped_trigger(trig, lex, len("CAIRO (Meridian Wire) — ")) == "in_dateline"
    assert skipped_trigger(trig, lex, 0) is None


def test_purpose_of_an_effort(nlp) -> None:
    doc = nlp("Mediators stepped up efforts to reach a ceasefire and open the crossings.")
    goals = load_lexicon().word_set("goal_nouns")
    assert "effort" in goals or "efforts" in goals
    assert in_goal(_tok(doc, "reach"), goals) and in_goal(_tok(doc, "open"), goals)
    assert not in_goal(_tok(doc, "stepped"), goals)


def _actor(name: str, **kw) -> Actor:
    return Actor(name=name, text=name, start=0, end=len(name), **kw)


def test_role_rules(nlp) -> None:
    lex = load_lexicon()
    doc = nlp("Meridian Wire has learned that the mediators were meeting.")
    learned, meeting = Trigger(_tok(doc, "learned"), "CONSULT", True), Trigger(_tok(doc, "meeting"), "CONSULT", True)
    media = Roles([_actor("Meridian Wire", kind="media", linked=True)], [])
    assert skipped_roles(learned, media, lex, "roles") == "media_actor"
    assert skipped_roles(learned, Roles([], []), lex, "roles") == "no_actor"
    mediators = Roles([_actor("mediators", kind="group", linked=True)], [])
    assert skipped_roles(meeting, mediators, lex, "roles") is None
    assert skipped_roles(meeting, mediators, lex, "targets") == "lone_unnamed_reciprocal"
    qatar = Roles([_actor("Qatar", country="QAT", kind="state", linked=True)], [])
    assert skipped_roles(meeting, qatar, lex, "targets") is None


@pytest.mark.parametrize(("text", "outer", "inner"), [
    ("The minister condemned Israel's strikes on the refugee camp.", "ACCUSE", ("Israel", "ASSAULT")),
    ("The opposition condemned the arrest of the journalist by police in Minsk.", "ACCUSE", ("Belarus", "COERCE")),
    ("Farmers protested against police raids on their villages.", "PROTEST", ("police", "ASSAULT")),
])
def test_a_nominal_act_with_its_own_agent_inside_another_act_is_an_event(text: str, outer: str,
                                                                           inner: tuple[str, str]) -> None:
    events = extract(text, dct="2011-02-02").events
    assert outer in {e.action for e in events}, text
    assert inner in {(e.actor, e.action) for e in events}, text


def test_a_nominal_act_without_an_agent_stays_the_content_of_the_call() -> None:
    events = extract("Rebels called for protests in the capital.", dct="2011-02-02").events
    assert [e.action for e in events] == ["REQUEST"]


@pytest.mark.parametrize(("text", "action", "target"), [
    ("Merkel called the Russian annexation illegal.", "ACCUSE", "Russia"),
    ("The senator described Ohio Governor John Kasich as a great leader.", "SUPPORT", "John Kasich"),
    ("During a radio interview the singer Gene Simmons said Michael Jackson was a child abuser.", "ACCUSE",
     "Michael Jackson"),
])
def test_a_judgement_of_a_party_is_criticism_or_praise(text: str, action: str, target: str) -> None:
    events = extract(text, dct="2011-02-02").events
    assert (action, target) in {(e.action, e.target) for e in events}, text


@pytest.mark.parametrize("text", [
    "Putin described the oil spill in the Kerch Strait as an ecological disaster.",  # no party judged
    "Obama said BP was not irresponsible.",  # negated
    "Obama said Hamas was ready for a prisoner exchange.",  # the complement's words judge nothing
])
def test_no_judgement_without_a_party_or_a_clear_verdict(text: str) -> None:
    events = extract(text, dct="2011-02-02").events
    assert not {e.action for e in events} & {"ACCUSE", "SUPPORT"}, text


def test_what_is_judged_in_a_statement_still_happened() -> None:
    text = "Zelensky said the spill was a large-scale disaster and called for new sanctions against Russia."
    assert "REQUEST" in {e.action for e in extract(text, dct="2025-05-13").events}


def test_a_counted_crowd_that_demands_is_protesters() -> None:
    events = extract("Thousands gathered in the capital to demand the release of the students.",
                     dct="2011-02-02").events
    assert ("protesters", "REQUEST") in {(e.actor, e.action) for e in events}


@pytest.mark.parametrize(("text", "wanted"), [
    ("The union wants the government to resign.", True),
    ("Villagers wanted the army to leave the valley.", True),
    ("The ministers want to meet in Oslo.", False),  # their own act: an intention
    ("The premier told the envoy he wanted his soldiers to stay.", False),  # his own people: an intention
])
def test_wanting_someone_elses_act_is_a_demand(text: str, wanted: bool) -> None:
    events = extract(text, dct="2011-02-02").events
    assert any(e.action == "REQUEST" and e.trigger.startswith("want") for e in events) is wanted, text


@pytest.mark.parametrize(("text", "actor", "action"), [
    ("A few thousand people marched through the city centre on Sunday.", "people", "PROTEST"),
    ("Police said the two men who attacked the guard had fled.", "men", "ASSAULT"),
])
def test_counted_or_generic_people_who_act_are_actors(text: str, actor: str, action: str) -> None:
    events = extract(text, dct="2011-02-02").events
    assert any(e.action == action and actor in (e.actor or "") for e in events), (text, events)


def test_people_counted_as_a_toll_are_no_actor() -> None:
    events = extract("The strike killed at least 40 people in the market.", dct="2011-02-02").events
    assert all(e.actor != "people" for e in events)


@pytest.mark.parametrize(("text", "meeting"), [
    ("Maria Lopez, a nurse from Ohio, visited the memorial park on Sunday.", False),
    ("Texas Governor Greg Abbott visited Cameron County on Monday.", True),
    ("The Chinese foreign minister visited Pakistan last week.", True),
])
def test_a_visit_is_a_meeting_only_with_a_party_or_region_visited(text: str, meeting: bool) -> None:
    events = extract(text, dct="2011-02-02").events
    assert any(e.action == "CONSULT" for e in events) is meeting, (text, events)


@pytest.mark.parametrize(("text", "actor", "country"), [
    ("Thai PM Abhisit Vejjajiva spoke on Monday. As the demonstrations raged, Abhisit's government imposed a "
     "state of emergency.", "Abhisit", "THA"),
    ("Mexican Health Minister Jose Angel Villalobos said schools would close. Villalobos urged people to stay "
     "home.", "Villalobos", "MEX"),
    ("Libyan Foreign Minister Musa Kusa met the envoy. Kusa later urged the rebels to disarm.", "Kusa", "LBY"),
])
def test_a_person_introduced_with_a_state_title_acts_for_that_state(text: str, actor: str, country: str) -> None:
    events = extract(text, dct="2011-02-02").events
    assert (actor, country) in {(e.actor, e.actor_country) for e in events}, events


def test_a_name_without_a_state_title_gets_no_state() -> None:
    events = extract("The singer Rihanna urged fans to vote.", dct="2011-02-02").events
    assert [e.actor_country for e in events if e.actor == "Rihanna"] == [None]


@pytest.mark.parametrize("text", [
    "The farmers marched to the ministry and some attacked the guards.",
    "Rebels entered the town and many attacked the police station.",
])
def test_a_bare_quantifier_acts_for_the_group_just_named(text: str) -> None:
    events = extract(text, dct="2011-02-02").events
    assert [e.actor for e in events if e.action == "ASSAULT"] in (["farmers"], ["rebels"]), events


@pytest.mark.parametrize(("text", "trigger"), [
    ("Thousands gathered outside the parliament in Bucharest on Friday.", "gathered"),
    ("Crowds converged on the main square of Minsk.", "converged"),
    ("Thousands of farmers were converging on the capital for a rally against the new tax.", "rally"),
])
def test_a_counted_crowd_assembling_is_a_protest(text: str, trigger: str) -> None:
    events = extract(text, dct="2011-02-02").events
    assert [e.trigger for e in events if e.action == "PROTEST"] == [trigger], events


def test_officials_gathering_is_no_protest() -> None:
    assert not extract("Officials gathered in Geneva on Monday.", dct="2011-02-02").events


def test_a_clause_after_a_conjunction_parsed_as_a_phrase_keeps_its_subject() -> None:
    text = "The league was founded in 2009 after a group of radical students protested outside the town hall."
    events = extract(text, dct="2011-02-02").events
    assert any(e.action == "PROTEST" and "students" in (e.actor or "") for e in events), events


def test_a_participle_on_a_noun_still_has_no_actor() -> None:
    assert not extract("The hostages seized during the raid were freed.", dct="2011-02-02").events


@pytest.mark.parametrize(("text", "meeting"), [
    ("The singer died while rehearsing for his UK tour.", False),
    ("Xi Jinping began a state visit to France on Monday.", True),
])
def test_a_nominal_visit_is_a_meeting_only_with_a_party(text: str, meeting: bool) -> None:
    events = extract(text, dct="2011-02-02").events
    assert any(e.action == "CONSULT" for e in events) is meeting, events


@pytest.mark.parametrize(("text", "attack"), [
    ("The ministry began to kill 300,000 pigs on Sunday.", False),
    ("Farmers said thousands of chickens were slaughtered by the inspectors.", False),
    ("The army killed 40 rebels near Sirte.", True),
])
def test_killing_animals_is_no_attack(text: str, attack: bool) -> None:
    events = extract(text, dct="2011-02-02").events
    assert any(e.action == "ASSAULT" for e in events) is attack, events


@pytest.mark.parametrize(("text", "acts"), [
    ("So when the government shut down, the charity could not work with the ministry.", []),
    ("The marines chased two men into the house, and it blew up.", []),
    ("Egypt shut down the internet on Friday.", ["COERCE"]),
    ("The rebels blew up a bridge near Misrata.", ["ASSAULT"]),
])
def test_a_verb_without_object_telling_what_happens_to_its_subject_is_no_act(text: str, acts: list[str]) -> None:
    assert [e.action for e in extract(text, dct="2011-02-02").events] == acts, text


def test_i_in_a_quote_is_its_speaker() -> None:
    text = '"I urge the Libyan authorities to stop the violence," UN Secretary-General Ban Ki-moon told reporters.'
    events = extract(text, dct="2011-02-02").events
    assert ("Ban Ki-moon", "REQUEST") in {(e.actor, e.action) for e in events}, events


def test_i_of_the_reporter_outside_quotes_is_no_actor() -> None:
    events = extract("I was told that the soldiers would leave.", dct="2011-02-02").events
    assert all(e.actor is not None and e.actor.lower() != "i" for e in events)


@pytest.mark.parametrize(("text", "meeting"), [
    ("Speaking to the BBC, Health Secretary Alan Johnson said the stockpile was large enough.", False),
    ("Speaking to reporters in Geneva, Keiji Fukuda said the virus was spreading.", False),
    ("Hillary Clinton spoke to Sergei Lavrov on Monday.", True),
    ("Negotiators of both sides returned to Geneva for talks with the Iranian delegation.", True),
])
def test_speaking_to_the_media_is_an_interview_not_a_meeting(text: str, meeting: bool) -> None:
    events = extract(text, dct="2011-02-02").events
    assert any(e.action == "CONSULT" for e in events) is meeting, events


@pytest.mark.parametrize(("text", "action", "coded"), [
    ("The coach agreed that the referee looked tired.", "AGREE", False),
    ("The ministry insisted it had no plan to rename the virus.", "REQUEST", False),
    ("The judge asked the witness whether the pump was running.", "REQUEST", False),
    ("The senator warned that the deficit is growing.", "THREATEN", False),
    # an act to be done keeps the event
    ("The mayor urged residents to stay indoors.", "REQUEST", True),
    ("The unions demanded that the minister resign.", "REQUEST", True),
    ("The council insisted that the company must pay for the clean-up.", "REQUEST", True),
    ("The rebels warned that they would attack the port.", "THREATEN", True),
    ("The governor asked Washington for emergency funds.", "REQUEST", True),
])
def test_a_directive_verb_stating_a_fact_or_asking_a_question_is_no_act(text: str, action: str, coded: bool) -> None:
    assert any(e.action == action for e in extract(text, dct="2025-05-13").events) == coded
