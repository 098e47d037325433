"""Facts an undated article tells without a date, dated by its story: a dated article's sentence that names the
day something happened ("Mubarak resigned on Friday", resolved on that article's date to 2011-02-11) dates the
same fact when an undated article tells it in a sentence with the same words ("Days after Mubarak resigned, ...").
An article appears on or after the facts it reports as past: the latest of them is a lower bound for its day,
the others (and how closely they match) weigh as evidence beside the story similarity.

Only days at or before the dated article's own day count (a fact that has happened, not one announced), and not
range starts ("since January 19": ``timeline.happens_on``).
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from ..model import Extraction
from .text import content_tokens, sentence_spans
from .timeline import _day, happens_on

#: a sentence needs this many content words to be matched, and a match this share of the shorter one's words
MIN_WORDS = 5
MIN_SHARE = 0.6
REACH = 90  # days: a dated day further back than this before its article is background, not a fact of the story


@dataclass(frozen=True, slots=True)
class StoryFact:
    day: date  # the day the story's dated article gives for the fact
    share: float  # the share of the shorter sentence's content words the two sentences have in common
    text: str  # the undated article's sentence (its first 80 characters)


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
            if best >= MIN_SHARE:
                days = sorted({self.facts[i][1] for sh, i in scored if sh == best})
                out += [StoryFact(d, best, text[s:e][:80]) for d in days]
        return out
