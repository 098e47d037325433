"""Mechanisms kept in session 8 (issue 15, branch s8evt), each on sentences written for the test."""
from __future__ import annotations

import pytest

from dateline import extract


def _events(text: str, action: str) -> list:
    return [e for e in extract(text, dct="2011-02-07").events if e.action == action]


@pytest.mark.parametrize(("text", "trigger", "modality"), [
    ("The council may delay the vote and reject the budget.", "reject", "speculative"),
    ("The rebels will meet the envoy and sign the agreement.", "sign", "planned"),
    ("The rebels met the envoy and signed the agreement.", "signed", "asserted"),
    ("The council may delay the vote, but the mayor rejected the budget.", "rejected", "asserted"),  # own subject
])
def test_a_coordinated_verb_shares_the_auxiliary_of_its_first_conjunct(text: str, trigger: str,
                                                                       modality: str) -> None:
    got = [e for e in extract(text, dct="2011-02-07").events if e.trigger.startswith(trigger)]
    assert got and {e.modality for e in got} == {modality}, got


@pytest.mark.parametrize("text", [
    "The minister declined to comment on the report.",
    "A spokesman, who refused to be named, said the convoy had left.",
    "The defendant has denied causing the death of the patient.",
    "The army denied the allegations.",
])
def test_not_answering_and_denying_a_claim_reject_no_one(text: str) -> None:
    assert not _events(text, "REJECT"), text


@pytest.mark.parametrize("text", [
    "The government denied the request for a visit.",
    "The company refused to say where the depots were.",  # refusing to disclose what is asked stays a refusal
    "The rebels refused to leave the town.",
])
def test_refusals_of_a_request_stay_rejections(text: str) -> None:
    assert _events(text, "REJECT"), text


@pytest.mark.parametrize(("text", "action", "actor"), [
    ("Hundreds of supporters paid tribute to the former mayor outside the town hall.", "SUPPORT", "supporters"),
    ("The farmers' union raised an objection to the new tariff.", "ACCUSE", "union"),
    ("The veterans paid homage to the fallen soldiers.", "SUPPORT", "veterans"),
])
def test_a_nominal_act_after_a_light_verb_takes_the_nouns_action(text: str, action: str, actor: str) -> None:
    got = _events(text, action)
    assert any(actor in (e.actor_text or e.actor or "") for e in got), (text, got)


def test_a_person_possessor_of_an_act_undergone_is_its_target_not_its_actor() -> None:
    got = _events("The blogger Ahmed Saleh said his arrest in Cairo was illegal.", "COERCE")
    assert not any("Saleh" in (e.actor or "") or e.actor_text == "his" for e in got), got
    got = _events("Karim Nasser's detention angered the students.", "COERCE")
    assert not any("Nasser" in (e.actor or "") for e in got), got
    got = _events("Hamas condemned Israel's arrest of the mayor.", "COERCE")  # a state acting: still the agent
    assert any(e.actor == "Israel" for e in got), got


@pytest.mark.parametrize("text", [
    "Police arrested two students during demonstrations in Alexandria.",
    "Soldiers fired tear gas during protests outside the ministry.",
])
def test_who_acts_on_someone_during_a_protest_does_not_protest(text: str) -> None:
    assert not any(e.actor in ("Police", "police", "Soldiers", "soldiers") for e in _events(text, "PROTEST")), text


@pytest.mark.parametrize(("text", "protest"), [
    ("Tens of thousands of workers turned out in the capital on Friday.", True),
    ("Hundreds turned to the courts for help.", False),  # no particle "out"
    ("The results turned out to be wrong.", False),  # no crowd
])
def test_a_counted_crowd_turning_out_is_a_protest(text: str, protest: bool) -> None:
    assert bool(_events(text, "PROTEST")) is protest, text


@pytest.mark.parametrize(("text", "attack"), [
    ("The ministry fired three officials over the scandal.", False),
    ("Nine officials have been fired by the ministry.", False),
    ("The president fired General Ahmed Karim on Monday.", False),
    ("Soldiers fired shots at the crowd.", True),
    ("Two police officers were fired upon by gunmen.", True),
])
def test_firing_a_person_or_post_holder_is_a_dismissal(text: str, attack: bool) -> None:
    assert bool(_events(text, "ASSAULT")) is attack, text


def test_subjecting_someone_to_an_act_is_that_act() -> None:
    got = _events("The regime subjected opponents to arbitrary arrest and detention.", "COERCE")
    assert any(e.actor == "regime" and "opponents" in (e.target_text or "") for e in got), got
    assert not extract("The plan is subject to approval by parliament.", dct="2011-02-07").events


@pytest.mark.parametrize(("text", "support"), [
    ("The farmers are sticking with the president.", True),
    ("The union stood with the striking nurses.", True),
    ("The paper stuck to its story.", False),
])
def test_standing_or_sticking_with_a_party_is_support(text: str, support: bool) -> None:
    assert bool(_events(text, "SUPPORT")) is support, text


@pytest.mark.parametrize(("text", "action", "actor"), [
    ("Rioters clashed with police in the capital.", "ASSAULT", "Rioters"),
    ("The kidnappers released the hostages on Tuesday.", "CONCEDE", "kidnappers"),
])
def test_a_noun_naming_the_doer_of_a_dictionary_act_is_an_actor(text: str, action: str, actor: str) -> None:
    assert any(actor in (e.actor or "") for e in _events(text, action)), text



@pytest.mark.parametrize(("text", "action"), [
    ("The minister hit out at his critics.", "ACCUSE"),  # verbal: not the ASSAULT of a bare "hit"
    ("The president lashed out at the oil company.", "ACCUSE"),
    ("Rebels recaptured the oil town.", "ASSAULT"),
])
def test_news_idioms_of_criticism_and_recapture(text: str, action: str) -> None:
    got = extract(text, dct="2011-03-20").events
    assert got and {e.action for e in got} == {action}, (text, got)
