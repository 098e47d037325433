"""Facts an undated article tells without a date, dated by its story: a dated article's sentence that names the
day something happened ("Mubarak resigned on Friday", resolved on that article's date to 2011-02-11) dates the
same fact when an undated article tells it in a sentence with the same words ("Days after Mubarak resigned, ...").
An article appears on or after the facts it reports as past: the latest of them is a lower bound for its day,
the others (and how closely they match) weigh as evidence beside the story similarity.

Only days at or before the dated article's own day count (a fact that has happened, not one announced), and not
range starts ("since January 19": ``timeline.happens_on``).
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from ..model import Extraction
from .text import content_tokens, sentence_spans
from .timeline import _day, happens_on

#: a sentence needs this many content words to be matched, and a match this share of the shorter one's words
MIN_WORDS = 4
MIN_SHARE = 0.5
AGREE = 2  # days: the dated sentences that match a sentence best must agree on its day within this
REACH = 90  # days: a dated day further back than this before its article is background, not a fact of the story


@dataclass(frozen=True, slots=True)
class StoryFact:
    day: date  # the day the story's dated article gives for the fact
    share: float  # the share of the shorter sentence's content words the two sentences have in common
    text: str  # the undated article's sentence (its first 80 characters)
    #: the article's day minus the fact's, when its sentence tells the fact's day relative to its own ("on
    #: Friday": 0 to 6 days after a Friday; "yesterday": 1): (fewest, most)
    pin: tuple[int, int] | None = None


_WEEKDAY = re.compile(r"^(?:on\s+|last\s+)?(monday|tuesday|wednesday|thursday|friday|saturday|sunday)(?:'s)?"
                      r"(?:\s+(?:morning|afternoon|evening|night))?$")
_DEICTIC = {"yesterday": 1, "last night": 1, "today": 0, "tonight": 0, "this morning": 0, "this afternoon": 0,
            "this evening": 0}


def pin(cue: str, fact: date) -> tuple[int, int] | None:
    """How many days after ``fact`` an article is that tells it with ``cue`` ("Friday", "yesterday"); None when
    the cue does not tell (a weekday other than the fact's)."""
    cue = " ".join(cue.lower().split())
    if cue in _DEICTIC:
        return _DEICTIC[cue], _DEICTIC[cue]
    m = _WEEKDAY.match(cue)
    if m and fact.weekday() == ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                                "sunday").index(m.group(1)):
        return 0, 6
    return None


def _words(text: str) -> frozenset[str]:
    return frozenset(content_tokens(text))


class FactIndex:
    """The sentences of a story's dated articles that give the day of something that happened, by word."""

    def __init__(self, dated: Sequence[tuple[Extraction, date]]) -> None:
        self.facts: list[tuple[frozenset[str], date]] = []
        self.by_word: dict[str, list[int]] = {}
        for ex, day in dated:
            text = ex.article.text
            spans = sentence_spans(text)
            for t in ex.timexes:
                d = _day(t.value) if t.type == "DATE" else None
                if d is None or not day - timedelta(days=REACH) <= d <= day or not happens_on(text, t.start):
                    continue
                span = next(((s, e) for s, e in spans if s <= t.start < e), None)
                if span is None:
                    continue
                words = _words(text[span[0]:t.start] + " " + text[t.end:span[1]])
                if len(words) >= MIN_WORDS:
                    self._add(words, d)

    def _add(self, words: frozenset[str], d: date) -> None:
        for w in words:
            self.by_word.setdefault(w, []).append(len(self.facts))
        self.facts.append((words, d))

    def told(self, ex: Extraction) -> list[StoryFact]:
        """The dated facts of the story that ``ex`` tells: per sentence of it, the best matching dated sentence's
        day (every day tied at the best match)."""
        out: list[StoryFact] = []
        text = ex.article.text
        for s, e in sentence_spans(text):
            words = _words(text[s:e])
            if len(words) < MIN_WORDS:
                continue
            hits: dict[int, int] = {}
            for w in words:
                for i in self.by_word.get(w, ()):
                    hits[i] = hits.get(i, 0) + 1
            scored = [(n / min(len(words), len(self.facts[i][0])), i) for i, n in hits.items() if n >= MIN_WORDS]
            best = max((sh for sh, _ in scored), default=0.0)
            days = sorted({self.facts[i][1] for sh, i in scored if sh == best})
            # the same words dated days apart: boilerplate (a caption, "a version appeared on p18"), not a fact
            if best >= MIN_SHARE and (days[-1] - days[0]).days <= AGREE:
                cues = [t.text for t in ex.timexes if s <= t.start < e]
                out += [StoryFact(d, best, text[s:e][:80], next((p for c in cues if (p := pin(c, d))), None))
                        for d in days]
        return out
