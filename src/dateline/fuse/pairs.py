"""A learned "same few days" model over pairs of articles of one story.

For an article and each dated article of its story, the signals that two reports were written within a few days
of each other (``PAIR_FEATURES``): how similar they are (whole text and lead, and how close to the article's most
similar one), the rare passages they share (the same wire copy or quote), the rare numbers they share (a toll of
1,234 is told on the days it is reached), the rare dates they both name, and the story's own base rate (how
many of its dated articles lie within ``tolerance`` days of each other: a long story has few). A logistic
regression (weights ``PAIR_WEIGHTS``) fitted on pairs of *dated* articles of the Timeline17 tune topics
(``bench/undated_pairs.py``: the truth of every pair is known) turns them into the probability that the two
appeared within ``tolerance`` days of each other; ``fuse.placing`` uses those probabilities as votes.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from datetime import date
from typing import Any

import numpy as np

from .placing import named_dates

PAIR_FEATURES = ("sim", "lead", "gap_top", "top", "passages", "numbers", "dates", "base", "bias")
#: fitted on the dated pairs of the Timeline17 tune topics (``bench/undated_pairs.py``), label: within 3 days
PAIR_WEIGHTS = (0.326, 0.148, 0.164, 0.162, 0.650, 0.101, 0.262, 0.975, -0.109)

_NUMBER = re.compile(r"(?<![\d.,:])(?:\d{1,3}(?:,\d{3})+|\d{2,})(?:\.\d+)?(?![\d:])")
_YEAR = re.compile(r"^(?:19|20)\d\d$")


def numbers(text: str) -> set[str]:
    """The numbers a text states (not years): "1,234" and "1234" are the same number."""
    return {v for m in _NUMBER.finditer(text) if not _YEAR.match(v := m.group(0).replace(",", ""))}


def month_days(text: str) -> set[tuple[int, int]]:
    """The (month, day) pairs a text names, with or without a year."""
    full, yearless = named_dates(text)
    return {(d.month, d.day) for d in full} | set(yearless)


def _rare_overlap(mine: set[Any], theirs: Sequence[set[Any]], df: Counter[Any], rare: int,
                  own: int = 0) -> np.ndarray:
    """Per other article: what it shares with ``mine`` that at most ``rare`` of them state, each counted
    1 / (number stating it); ``own`` = 1 when ``mine`` is one of ``theirs`` (not counted)."""
    return np.array([sum(1.0 / (df[x] - own) for x in mine & t if 0 < df[x] - own <= rare) for t in theirs])


def base_rate(days: Sequence[date], tolerance: int = 3) -> float:
    """The share of pairs of the story's dated articles that lie within ``tolerance`` days of each other."""
    if len(days) < 2:
        return 0.5
    o = np.array([d.toordinal() for d in days])
    near = (np.abs(o[:, None] - o[None, :]) <= tolerance).sum() - len(o)
    return float(near) / (len(o) * (len(o) - 1))


def logit(p: np.ndarray) -> np.ndarray:
    q = np.clip(p, 1e-4, 1 - 1e-4)
    out: np.ndarray = np.log(q / (1 - q))
    return out


class PairIndex:
    """The numbers and dates each dated article of a story states, and how many of them state each."""

    def __init__(self, texts: Sequence[str], days: Sequence[date], tolerance: int = 3) -> None:
        self.numbers = [numbers(t) for t in texts]
        self.dates = [month_days(t) for t in texts]
        self.number_df: Counter[str] = Counter(x for s in self.numbers for x in s)
        self.date_df: Counter[tuple[int, int]] = Counter(x for s in self.dates for x in s)
        self.base = float(logit(np.array(base_rate(days, tolerance))))

    def features(self, text: str, sims: np.ndarray, leads: np.ndarray, shared: np.ndarray,
                 rare: int = 5, own: int | None = None) -> np.ndarray:
        """Per dated article: the pair features (``PAIR_FEATURES``) of ``text`` with it (``own``: the index of
        ``text`` among the dated articles, when it is one of them: its own row is left out of the top
        similarity and its own mentions out of the counts)."""
        n = len(sims)
        x = np.zeros((n, len(PAIR_FEATURES)))
        if n == 0:
            return x
        top = float(np.delete(sims, own).max(initial=0.0)) if own is not None else float(sims.max())
        k = 0 if own is None else 1
        x[:, 0] = sims
        x[:, 1] = leads
        x[:, 2] = sims - top
        x[:, 3] = top
        x[:, 4] = np.log1p(shared)
        x[:, 5] = np.log1p(_rare_overlap(numbers(text), self.numbers, self.number_df, rare, k))
        x[:, 6] = np.log1p(_rare_overlap(month_days(text), self.dates, self.date_df, rare, k))
        x[:, 7] = self.base
        x[:, 8] = 1.0
        return x


def probabilities(x: np.ndarray, weights: Sequence[float]) -> np.ndarray:
    """The probability that each pair appeared within the tolerance of each other."""
    out: np.ndarray = 1.0 / (1.0 + np.exp(-(x @ np.asarray(weights))))
    return out
