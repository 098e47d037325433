"""The day of an event named by a noun ("a week after the quake"): the day the text gave an earlier mention of it.

"The earthquake struck on Sunday. ... A week after the quake, ..." counts from Sunday, not from the last date
mentioned. The earlier mention is a noun with the same lemma, or one ending in it ("earthquake" / "quake"), that
is the subject or object of a verb carrying a day of its own. Without such a mention the event has no known day.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence

from spacy.tokens import Doc, Token

from ...days import day_of
from .anchoring import governing_verb

#: the shortest noun lemma matched as the end of a longer one ("quake" in "earthquake")
MIN_SUFFIX = 5
_ARG_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "attr"})


def event_noun(prep: Token) -> Token | None:
    """The noun ``prep`` ("after", "before") introduces when it is a common noun, not a clause or a date."""
    obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
    if obj is None or obj.pos_ != "NOUN" or obj.ent_type_ in ("DATE", "TIME"):
        return None
    return obj


def _same(a: str, b: str) -> bool:
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    return len(short) >= MIN_SUFFIX and long_.endswith(short)


def day_spans(times: Iterable[tuple[int, int, str | None, str | None]], offset: int = 0) -> list[tuple[int, int, str]]:
    """The ``days`` of :func:`mention_day`: (start, end, day) of the DATE and TIME expressions whose value names a
    day, from (start, end, type, value) in the text, as offsets into a doc that starts at ``offset`` of the text
    (the tagger's matches and the events component's Timex records alike)."""
    return [(start - offset, end - offset, day) for start, end, typ, value in times
            if typ in ("DATE", "TIME") and start >= offset and (day := day_of(value)) is not None]


def mention_day(doc: Doc, noun: Token, days: Sequence[tuple[int, int, str]]) -> str | None:
    """The day (YYYY-MM-DD) of the last earlier mention of ``noun``'s event that has one. ``days``: (start, end,
    day) of the day-valued time expressions, as character offsets into ``doc`` (:func:`day_spans`)."""
    verb_day: dict[int, str] = {}
    for start, end, day in days:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or not len(span):
            continue
        verb = governing_verb(span.root)
        if verb is not None:
            verb_day[verb.i] = day
    lemma = noun.lemma_.lower()
    for tok in reversed(doc[:noun.i]):
        if tok.pos_ != "NOUN" or not _same(tok.lemma_.lower(), lemma) or tok.dep_ not in _ARG_DEPS:
            continue
        verb = governing_verb(tok)
        if verb is not None and verb.i in verb_day:
            return verb_day[verb.i]
    return None
