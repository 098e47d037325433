"""State media speak for their state: "Egyptian state television announced ...", "state radio accused the
rebels ..." are the state's acts (as PLOVER codes them), while an outlet that reports ("Meridian Wire
reported") is no actor (``rules.media_actor``). A media actor whose mention calls it the state's
(``state_media_words``: "state", "state-run", "state-owned", "official") stands for its country's state."""
from __future__ import annotations

import dataclasses
import re
from functools import lru_cache

from .lexicon import Lexicon
from .syntax import Actor

_WORD = re.compile(r"[\w-]+")


@lru_cache(maxsize=1)
def _kb() -> object:
    from ..entities.kb import load_kb  # noqa: PLC0415 - the actor KB, loaded once

    return load_kb()


def for_state(actors: list[Actor], lex: Lexicon) -> list[Actor]:
    """``actors`` with each state medium replaced by its state (see the module docstring)."""
    words = lex.word_set("state_media_words")
    out: list[Actor] = []
    for a in actors:
        state = None
        if a.kind == "media" and a.country and words & {w.lower() for w in _WORD.findall(a.text)}:
            state = _kb().state(a.country)  # type: ignore[attr-defined]
        out.append(dataclasses.replace(a, name=state.name, kind="state", linked=True) if state is not None else a)
    return out
