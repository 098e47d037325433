"""Event coding on news phrasings (from the T17 tune articles' errors, with sentences written here): phrase patterns,
role rules (agentless participles, court pleas, things as partners, towns before act nouns) and particles."""
from __future__ import annotations

import pytest

from dateline import extract
from dateline.extract.events.lexicon import load_lexicon
from dateline.extract.events.roles import Roles, Trigger
from dateline.extract.events.rules import skipped_roles
from dateline.extract.events.syntax import Actor
from dateline.extract.nlp import load_nlp


def _coded(text: str) -> set[tuple[str | None, str]]:
    return {(e.actor, e.action) for e in extract(text, dct="2011-01-28").events if e.polarity == "positive"}


@pytest.mark.parametrize(("text", "actor", "action"), [
    ("The president sent in army troops to restore order in the capital.", None, "MOBILIZE"),
    ("The government imposed a state of emergency in three provinces.", None, "COERCE"),
    ("Thousands of students took to the streets of the capital.", None, "PROTEST"),
    ("Opposition lawmakers have been railing against the new tax.", None, "ACCUSE"),
    ("Members of the Egyptian parliament have been calling for the pigs to be culled.", "Egypt", "REQUEST"),
    ("Villagers hurled stones at police vehicles.", None, "ASSAULT"),
    ("The Dutch government said it would end its Afghan mission next year.", "Netherlands", "RETREAT"),
    ("Several US allies are quitting Iraq.", None, "RETREAT"),
    ("Thousands fled after a bloody military crackdown on the streets of Bangkok.", "military", "ASSAULT"),
    ("Thousands marched on the presidential palace.", "protesters", "PROTEST"),  # a counted crowd
    ("The government ordered the slaughter of all pigs in the country.", None, "COERCE"),  # an order to cull
    ("The government cracked down on the protesters.", None, "ASSAULT"),  # violent repression: CAMEO 175
    ("Karim Salem, a militant who blew himself up at a checkpoint, had been arrested before.", "Karim Salem",
     "ASSAULT"),
])
def test_news_phrase_is_coded(text: str, actor: str | None, action: str) -> None:
    got = _coded(text)
    assert any(a == action and (actor is None or (n or "").lower() == actor.lower()) for n, a in got), got


@pytest.mark.parametrize(("text", "action"), [
    ("Asked about the talks, the foreign minister said nothing had been agreed.", "REQUEST"),  # asked, not asking
    ("The doctor has pleaded not guilty to the charges.", "REQUEST"),  # a plea in court
    ("In an attempt to win favour, the minister gave journalists free tickets.", "CONCEDE"),  # "in" is no particle
    ("The crowd at the Manchester protest was peaceful.", "PROTEST"),  # Manchester is where, not who
    ("Officials told a government meeting that the spill was contained.", "CONSULT"),  # no agent modifier
])
def test_non_event_is_not_coded(text: str, action: str) -> None:
    got = _coded(text)
    assert not any(a == action and (action != "PROTEST" or n == "Manchester") for n, a in got), got


def test_reciprocal_verb_with_people_stays_an_event() -> None:
    assert ("farmers", "ASSAULT") in {(n.lower() if n else n, a) for n, a in _coded("Farmers clashed with police.")}


def test_a_thing_as_partner_of_a_reciprocal_verb() -> None:
    nlp, lex = load_nlp(), load_lexicon()
    rally = Actor(name="rally", text="rally", start=4, end=9)
    doc = nlp("The rally will clash with the trial.")
    clash = next(t for t in doc if t.text == "clash")
    assert skipped_roles(Trigger(clash, "ASSAULT", True), Roles([rally], []), lex, "roles") == "thing_as_partner"
    doc = nlp("The farmers will clash with Hamas.")
    clash = next(t for t in doc if t.text == "clash")
    assert skipped_roles(Trigger(clash, "ASSAULT", True), Roles([rally], []), lex, "roles") is None


def _targets(text: str, action: str) -> list[str | None]:
    return [e.target_text for e in extract(text, dct="2011-01-28").events if e.action == action]


@pytest.mark.parametrize(("text", "target"), [
    ("Hundreds of students held anti-government demonstrations in Khartoum.", "government"),  # light verb + noun
    ("Workers joined anti-Israel protests in Amman on Friday.", "Israel"),
])
def test_anti_prefix_names_what_an_act_is_against(text: str, target: str) -> None:
    """"anti-X protests": X is what the protest is against, never who protests (an "anti-government
    protest" is no protest by the government)."""
    got = extract(text, dct="2011-01-28").events
    protests = [e for e in got if e.action == "PROTEST"]
    assert protests, got
    assert all(target.lower() not in (e.actor_text or "").lower() for e in protests), protests
    assert any(target.lower() in (e.target_text or "").lower() for e in protests), protests


def test_anti_prefix_modifier_of_an_act_noun_is_no_actor() -> None:
    got = extract("After the anti-government protests erupted, the charity suspended its work.", dct="2011-01-28")
    assert not any(e.action == "PROTEST" and "government" in (e.actor_text or "") for e in got.events), got.events


def test_unnamed_group_expressing_support_is_an_event() -> None:
    """Only joint acts (meeting, cooperating) need a named side or a partner; support, agreement or a pledge
    is given alone ("farmers expressed their support")."""
    got = _coded("The dock workers expressed their support for the striking miners.")
    assert any(a == "SUPPORT" for _, a in got), got
    lex = load_lexicon()
    assert "consult" in lex.word_set("joint_actions") and "support" not in lex.word_set("joint_actions")


@pytest.mark.parametrize(("text", "actor", "action", "target"), [
    ("The governor has ordered all stray dogs to be killed.", "governor", "COERCE", None),  # agentless content
    ("The ministry ordered the telephone companies to block all calls.", "ministry", "COERCE", "companies"),
    ("The general ordered his troops to withdraw from the town.", "troops", "RETREAT", None),  # coded content
])
def test_command_codes_its_content_or_coerce(text: str, actor: str, action: str, target: str | None) -> None:
    """A command whose content the dictionary does not code is COERCE by the one who orders, on the one
    ordered; a coded content with its own subject stays that event."""
    got = [(e.actor_text or "", e.action, e.target_text) for e in extract(text, dct="2011-01-28").events]
    assert any(actor in a and act == action and (target is None or target in (t or "")) for a, act, t in got), got
    if action != "COERCE":
        assert not any(act == "COERCE" for _, act, _ in got), got


def test_command_to_own_organs_is_no_coercion() -> None:
    got = _coded("The prime minister ordered the government to set up a commission on the floods.")
    assert not any(a == "COERCE" for _, a in got), got


def test_a_direct_question_asserts_no_event() -> None:
    got = _coded("Could the government shut down the country's internet connections? Will the rebels attack Sirte?")
    assert not got, got
    assert ("ASSAULT" in {a for _, a in _coded("The rebels attacked Sirte on Monday.")})


@pytest.mark.parametrize(("text", "content"), [
    ("Thousands of Egyptians clashed with police over demands that President Hosni Mubarak resign.", "RETREAT"),
    ("The union's threat to strike worried the ministers.", "ASSAULT"),
])
def test_clause_completing_an_act_noun_is_its_content(text: str, content: str) -> None:
    """What is demanded or threatened ("demands that the president resign", "a threat to strike") is no event."""
    assert not any(a == content for _, a in _coded(text)), _coded(text)


def test_relative_clause_of_an_act_noun_stays_an_event() -> None:
    got = extract("Hamas's attack that killed 1,200 people shocked Israel.", dct="2011-01-28").events
    assert any(e.action == "ASSAULT" and e.trigger == "killed" for e in got), got


def test_subject_of_a_double_object_passive_receives() -> None:
    """"They were given water": the subject of the passive receives, it does not give."""
    got = extract("The detainees were given a bottle of water and a blanket.", dct="2011-01-28").events
    assert not any(e.action == "AID" and "detainees" in (e.actor_text or "") for e in got), got
    got = extract("Hamas was given aid by Iran.", dct="2011-01-28").events
    assert any(e.action == "AID" and e.actor == "Iran" and "Hamas" in (e.target_text or "") for e in got), got


def test_act_noun_subject_acts_through_its_agent() -> None:
    """"A report commissioned by the European Union criticised ...": the one who commissioned it acts."""
    got = extract("A report commissioned by the European Union criticised the Egyptian government.",
                  dct="2011-01-28").events
    assert any(e.action == "ACCUSE" and e.actor == "European Union" for e in got), got
