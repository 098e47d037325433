"""A two-word group noun is one actor ("state television" is a broadcaster, not the state and a broadcaster),
and a broadcaster that speaks is an organization, not an anonymous source (QA pass s10; sentences written here)."""
from __future__ import annotations

import pytest

from dateline import extract

from .statements_util import speech


@pytest.mark.parametrize(("text", "mention", "kind"), [
    ("Nigerian state television reported that the governor had resigned.", "Nigerian state television", "media"),
    ("Chilean state media said the minister had resigned.", "Chilean state media", "media"),
])
def test_state_broadcaster_is_one_actor(text: str, mention: str, kind: str) -> None:
    ex = extract(text, dct="2024-03-05")
    actors = [e for e in ex.entities if e.label == "ACTOR"]
    assert [(e.text, e.kind) for e in actors] == [(mention, kind)]
    assert not any(e.kind == "government" for e in ex.entities)
    [st] = speech(ex.statements)
    assert st.speaker == mention and st.speaker_kind == "organization"


def test_the_state_alone_is_still_the_government() -> None:
    ex = extract("Peruvian state officials said the Peruvian state would pay for the repairs.", dct="2024-03-05")
    assert any(e.kind == "government" and e.country == "PER" for e in ex.entities if e.label == "ACTOR")


def test_state_radio_speaks_as_an_organization() -> None:
    [st] = speech(extract("State radio said the border had reopened.", dct="2024-03-05").statements)
    assert st.speaker_kind == "organization"


def test_state_media_act_for_their_state() -> None:
    text = ("Chilean state television announced on Sunday that schools would be closed until Wednesday.\n"
            "The announcement asked employees to stay at home.")
    events = extract(text, dct="2024-03-05").events
    assert [(e.actor, e.action) for e in events] == [("Chile", "REQUEST")]
    assert not any(e.actor and "television" in e.actor for e in events)
