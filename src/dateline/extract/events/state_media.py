"""State media speak for their state: "Egyptian state television announced ...", "state radio accused the
rebels ..." are the state's acts (as PLOVER codes them), while an outlet that reports ("Meridian Wire
reported") is no actor (``rules.media_actor``). A media actor whose mention calls it the state's
(``state_media_words``: "state", "state-run", "state-owned", "official") stands for its country's state."""
from __future__ import annotations

import dataclasses
import re

from ..entities.kb import ActorKB
from .lexicon import Lexicon
from .syntax import Actor

_WORD = re.compile(r"[\w-]+")


def for_state(actors: list[Actor], lex: Lexicon, kb: ActorKB) -> list[Actor]:
    """``actors`` with each state medium replaced by its state in ``kb`` (see the module docstring)."""
    words = lex.word_set("state_media_words")
    out: list[Actor] = []
    for a in actors:
        state = None
        if a.kind == "media" and a.country and words & {w.lower() for w in _WORD.findall(a.text)}:
            state = kb.state(a.country)
        out.append(dataclasses.replace(a, name=state.name, kind="state", linked=True) if state is not None else a)
    return out
