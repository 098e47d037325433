"""Counts from a known start: "33 days into the spill", "three weeks after the explosion", "day 17 of the
protests", "the 85th day of the disaster". The start (the explosion, the protests) is dated by the story itself:
every dated article that counts from it gives its own day minus the count, and the start of an undated article's
count is the median of those its words match (the story's first day when none does). Durations ("two days of
heavy fighting") are not counts from a start and are not read.
"""
from __future__ import annotations

import re
import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from ..extract.time.lexicon import load_lexicon
from ..extract.time.numbers import parse_number

_LEX = load_lexicon()  # the time lexicon's number words and ordinals
_SMALL = [w for w, v in _LEX.number.items() if 1 <= v <= 19 and w != "dozen"]
_TENS = [w for w, v in _LEX.number.items() if v in range(20, 100, 10)]
_NUM = rf"\d{{1,3}}|(?:{'|'.join(_TENS)})(?:[- ](?:{'|'.join(_SMALL[:9])}))?|" + "|".join(_SMALL)
_ORD = r"\d{1,3}(?:st|nd|rd|th)|" + "|".join(w for w, v in _LEX.ordinal.items() if 1 <= v <= 12)
_PHRASE = r"((?:[\w'-]+\s+){0,3}[\w'-]+)"
_UNIT_DAYS = {"day": 1, "week": 7, "month": 30}
_COUNT = re.compile(
    rf"\b(?:(?P<n>{_NUM})\s+(?P<unit>days?|weeks?|months?)\s+(?:into|after|since)\s+{_PHRASE.replace('(', '(?P<a>', 1)}"
    rf"|(?P<u2>day|week)\s+(?P<n2>\d{{1,3}})\s+of\s+{_PHRASE.replace('(', '(?P<b>', 1)}"
    rf"|the\s+(?P<o>{_ORD})\s+(?P<u3>day|week)\s+(?:of|since|into)\s+{_PHRASE.replace('(', '(?P<c>', 1)})",
    re.I)
_STOP = frozenset("the a an its this that his her their our of in on at to and or was were is be been had has "
                  "have he she it they which who when what initial first".split())


@dataclass(frozen=True, slots=True)
class Count:
    """A count from a start: ``days`` after it (``spread``: its precision in days), the start's words."""

    days: int
    spread: float
    words: frozenset[str]
    text: str


def number(s: str) -> int | None:
    """The count a matched number stands for: digits ("17", "17th"), an ordinal word, or number words read by
    the time tagger's ``parse_number`` ("twenty-one")."""
    if s[:1].isdigit():
        return int(re.match(r"\d+", s).group(0))  # type: ignore[union-attr]
    if s.lower() in _LEX.ordinal:
        return _LEX.ordinal[s.lower()]
    v = parse_number(s, _LEX)
    return int(v) if isinstance(v, float) and v.is_integer() else None


def counts(text: str) -> list[Count]:
    """The counts from a start the text gives."""
    out = []
    for m in _COUNT.finditer(text):
        raw = m.group("n") or m.group("n2") or m.group("o")
        unit = (m.group("unit") or m.group("u2") or m.group("u3")).lower().rstrip("s")
        n = number(raw)
        if n is None or n <= 0:
            continue
        size = _UNIT_DAYS[unit]
        words = frozenset(w for w in re.findall(r"[a-z]+", (m.group("a") or m.group("b") or m.group("c")).lower())
                          if w not in _STOP and len(w) > 2)
        # "day 17": the 17th day, 16 days after the start; "17 days into": 17 days after it
        days = (n - 1) * size if m.group("o") or m.group("n2") else n * size
        out.append(Count(days, max(1.0, size / 2.5), words, m.group(0)))
    return out


def starts(dated: Sequence[tuple[str, date]]) -> list[tuple[date, frozenset[str]]]:
    """The starts the dated articles count from: (their day minus the count, the start's words)."""
    return [(day - timedelta(days=c.days), c.words) for text, day in dated for c in counts(text) if c.spread <= 3]


def placed(text: str, known: Sequence[tuple[date, frozenset[str]]], first: date) -> list[tuple[date, float, str]]:
    """The days an undated article's counts stand for: (day, spread in days, the count as written), each from
    the median start of the dated counts sharing a word with it, or from the story's first day."""
    out = []
    for c in counts(text):
        match = [s for s, words in known if words & c.words]
        start = date.fromordinal(round(statistics.median(s.toordinal() for s in match))) if match else first
        out.append((start + timedelta(days=c.days), c.spread if match else c.spread + 2.0, c.text))
    return out
