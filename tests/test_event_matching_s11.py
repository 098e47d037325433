"""Session 11 (issue 15): actor normalisation and the real-news scorer's matching, on sentences written for it."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from dateline import extract
from dateline.model import Event

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))


@pytest.mark.parametrize("text, person", [
    ("Dr Alan Hoyle treated the boy at his home. Later the doctor asked the hospital for more staff.", "Alan Hoyle"),
    ("Dr. Mina Karlsen examined the patient. The doctor later accused the clinic of negligence.", "Mina Karlsen"),
    ("Col. Peter Danko spoke to reporters on Monday. The colonel then threatened to attack the town.", "Peter Danko"),
])
def test_a_description_stands_for_the_person_named_with_its_abbreviated_title(text: str, person: str) -> None:
    ev = [e for e in extract(text, dct="2011-02-02").events if e.actor_text and e.actor_text.lower().endswith(
        ("doctor", "colonel"))]
    assert ev and ev[0].actor == person


def test_an_abbreviated_title_of_another_noun_names_no_one() -> None:
    text = "Dr Alan Hoyle treated the boy at his home. Later the colonel asked the hospital for more staff."
    ev = extract(text, dct="2011-02-02").events
    assert all(e.actor != "Alan Hoyle" for e in ev)


def test_an_intent_matches_in_the_content_or_in_plovers_convention() -> None:
    from events_t17 import same_action  # noqa: PLC0415 - bench module

    threat = {"action": "ASSAULT", "mode": "intent"}  # "threatened to beat them", coded as the guideline says
    assert same_action(Event(action="THREATEN"), threat)  # the coder's PLOVER reading of the threat verb
    assert same_action(Event(action="ASSAULT", modality="planned"), threat)
    assert not same_action(Event(action="ACCUSE"), threat)
    promise = {"action": "AID", "mode": "intent"}  # "promised aid"
    assert same_action(Event(action="AGREE"), promise)
    assert not same_action(Event(action="THREATEN"), promise)
    assert not same_action(Event(action="AGREE"), {"action": "AID", "mode": "asserted"})  # given, not promised


@pytest.mark.parametrize("gold, pred, match", [
    ("People across Egypt", "People", True),
    ("members of parliament", "members", True),
    ("the military", "military", True),
    ("People across Egypt", "Officials", False),
    ("People across Egypt", "Egypt", False),  # a state acting is not the people in it
])
def test_a_generic_head_phrase_matches_its_short_mention(gold: str, pred: str, match: bool) -> None:
    import events  # noqa: PLC0415 - bench module
    import events_t17  # noqa: PLC0415

    assert events_t17.GoldActor(events.GENERIC).head_match(gold, (pred, pred)) is match


def test_the_parts_of_a_joint_gold_actor_are_one_record() -> None:
    from events_t17 import joint_parts  # noqa: PLC0415 - bench module

    pred = [Event(start=10, action="ACCUSE", actor="Ada Lind", actor_text="Ada Lind"),
            Event(start=10, action="ACCUSE", actor="Ben Holt", actor_text="Ben Holt"),
            Event(start=10, action="ACCUSE", actor="Cy Marsh", actor_text="Cy Marsh"),
            Event(start=40, action="ACCUSE", actor="Ben Holt", actor_text="Ben Holt")]

    def part(g: dict[str, str]) -> object:
        return lambda x: bool(set(x.actor.split()) & set(g["actor"].split()))

    joint = {"actor": "Ada Lind and Ben Holt", "action": "ACCUSE"}
    assert joint_parts(pred, {0}, pred[0], joint, part(joint)) == {1}  # not Cy Marsh, not another trigger
    single = {"actor": "Ada Lind", "action": "ACCUSE"}
    assert joint_parts(pred, {0}, pred[0], single, part(single)) == set()


@pytest.mark.parametrize("text, sides", [
    ("General Sami Enan spoke on Sunday with his counterpart, Admiral Mike Mullen. Both men pledged to continue "
     "the partnership.", {"Sami Enan", "Mike Mullen"}),
    ("Angela Merkel met Nicolas Sarkozy in Paris on Monday. The two leaders called for new sanctions on Iran.",
     {"Angela Merkel", "Nicolas Sarkozy"}),
])
def test_a_description_counting_two_stands_for_the_two_sides_of_an_act(text: str, sides: set[str]) -> None:
    second = text.index(". ") + 2
    actors = {e.actor for e in extract(text, dct="2011-02-02").events if e.start >= second}
    assert actors == sides


def test_no_two_sides_without_a_second_person() -> None:
    text = "Angela Merkel met reporters in Paris on Monday. The two leaders called for new sanctions on Iran."
    second = text.index(". ") + 2
    actors = {e.actor for e in extract(text, dct="2011-02-02").events if e.start >= second}
    assert "Angela Merkel" not in actors
