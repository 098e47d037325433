"""Cumulative figures as a story's clock: a developing story reports totals that only grow (a death toll, cases
confirmed, barrels spilled, money spent), so the value an undated article gives for such a total tells when it
was written, by where the story's dated articles reach that value.

Per series (figures of one category and unit that the figures component marks ``cumulative``) the dated articles
give (day, value) points; a monotone (isotonic) fit of value on day smooths reports that lag or round; an undated
article's value of the same series is placed where the fit crosses it (between the last dated day at or below it
and the first at or above it). A series counts by how monotone its points are (Kendall's tau, 0 when it is not
rising), less as its reports stray from the rising fit (totals of different places or groups interleaved), and
only with enough points to tell.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np

from ..model import Figure

#: at least this many dated points on at least this many days make a series
MIN_POINTS = 4
MIN_DAYS = 3
#: a series whose reports stray this far (RMS, natural log) from its rising fit counts 1/e as much
SPREAD = 0.5
Key = tuple[str, str]


@dataclass(frozen=True, slots=True)
class Crossing:
    """Where a story's series reaches an undated article's value."""

    key: Key  # (category, unit)
    value: float
    day: date  # the day the fitted series reaches the value
    spread: float  # days: half the gap between the dated days bracketing it (at least 1)
    weight: float  # how monotone the series is (Kendall's tau, 0..1)


def key(f: Figure) -> Key | None:
    """The series a figure belongs to: a cumulative figure with a category (not "other") and a value."""
    if f.kind != "cumulative" or f.value is None or f.value <= 0 or not f.category or f.category == "other":
        return None
    return f.category, f.unit or ""


def points(dated: Iterable[tuple[Sequence[Figure], date]]) -> dict[Key, list[tuple[date, float]]]:
    """Per series: the (day, value) of every cumulative figure of the dated articles."""
    out: dict[Key, list[tuple[date, float]]] = {}
    for figures, day in dated:
        for f in figures:
            k = key(f)
            if k is not None and f.value is not None:
                out.setdefault(k, []).append((day, f.value))
    return out


def tau(pts: Sequence[tuple[date, float]]) -> float:
    """Kendall's tau-a of value on day over the pairs that differ in both, clipped at 0 (a falling or mixed
    series tells nothing)."""
    days = np.array([d.toordinal() for d, _ in pts], dtype=float)
    vals = np.array([v for _, v in pts], dtype=float)
    s = np.sign(days[:, None] - days[None, :]) * np.sign(vals[:, None] - vals[None, :])
    n = int(np.count_nonzero(s))
    return max(0.0, float(s.sum()) / n) if n else 0.0


def isotonic(y: Sequence[float], w: Sequence[float]) -> list[float]:
    """The non-decreasing sequence closest to ``y`` in weighted least squares (pool adjacent violators)."""
    blocks: list[list[float]] = []  # [mean, weight, count]
    for v, wt in zip(y, w):
        blocks.append([float(v), float(wt), 1])
        while len(blocks) > 1 and blocks[-2][0] > blocks[-1][0]:
            m2, w2, c2 = blocks.pop()
            m1, w1, c1 = blocks.pop()
            blocks.append([(m1 * w1 + m2 * w2) / (w1 + w2), w1 + w2, c1 + c2])
    return [m for m, _, c in blocks for _ in range(int(c))]


@dataclass(frozen=True, slots=True)
class Series:
    """A story's cumulative series: its distinct days, the fitted value on each, and its monotony."""

    days: list[date]
    fitted: list[float]
    weight: float

    @classmethod
    def fit(cls, pts: Sequence[tuple[date, float]]) -> Series | None:
        by_day: dict[date, list[float]] = {}
        for d, v in pts:
            by_day.setdefault(d, []).append(v)
        if len(pts) < MIN_POINTS or len(by_day) < MIN_DAYS:
            return None
        days = sorted(by_day)
        # per day the median report (in log scale: totals grow by orders of magnitude)
        y = [float(np.median(np.log(by_day[d]))) for d in days]
        fitted = isotonic(y, [len(by_day[d]) for d in days])
        # how far the reports stray from the rising fit: interleaved totals (a country's and the world's) do
        rms = float(np.sqrt(np.mean([(np.log(v) - fitted[days.index(d)]) ** 2 for d, v in pts])))
        return cls(days, fitted, tau(pts) * float(np.exp(-rms / SPREAD)))

    def crossing(self, value: float) -> tuple[date, float] | None:
        """(day, spread) where the fitted series reaches ``value``; None outside its range."""
        v = float(np.log(value))
        fit = self.fitted
        if self.weight <= 0 or v < fit[0] or v > fit[-1]:
            return None
        at = [i for i, y in enumerate(fit) if np.isclose(y, v)]
        if at:  # reached on these days: the middle of them
            lo, hi = self.days[at[0]], self.days[at[-1]]
            return lo + (hi - lo) / 2, max(1.0, (hi - lo).days / 2)
        i = max(j for j, y in enumerate(fit) if y < v)
        lo, hi = self.days[i], self.days[i + 1]
        share = (v - fit[i]) / (fit[i + 1] - fit[i])
        return lo + timedelta(days=round(share * (hi - lo).days)), max(1.0, (hi - lo).days / 2)


def series(story: dict[Key, list[tuple[date, float]]]) -> dict[Key, Series]:
    """The story's cumulative series with enough points (``story``: ``points`` of its dated articles)."""
    return {k: s for k, pts in story.items() if (s := Series.fit(pts)) is not None}


def crossings(figures: Sequence[Figure], story: dict[Key, Series]) -> list[Crossing]:
    """Where the story's series reach the cumulative values an undated article gives."""
    out = []
    for f in figures:
        k = key(f)
        s = story.get(k) if k else None
        if s is not None and k is not None and f.value is not None and (c := s.crossing(f.value)) is not None:
            out.append(Crossing(k, f.value, c[0], c[1], s.weight))
    return out


def significant(value: float) -> int:
    """Significant digits of a whole number (1,490 -> 3; 2,000 -> 1)."""
    digits = str(int(round(value))).rstrip("0")
    return len(digits)


def matches(figures: Sequence[Figure], story: dict[Key, list[tuple[date, float]]],
            tolerance: float = 0.01) -> list[tuple[date, float]]:
    """The days the dated articles report the same cumulative total as the undated article (the same category,
    a value within ``tolerance``; a total with at least two significant digits, as "1,490": round totals are
    reached by many series), each weighted 1 / the number of dated reports of it."""
    out: list[tuple[date, float]] = []
    for f in figures:
        k = key(f)
        if k is None or f.value is None or f.value < 10 or significant(f.value) < 2:
            continue
        same = [d for d, v in story.get(k, ()) if abs(v - f.value) <= tolerance * f.value]
        out += [(d, 1.0 / len(same)) for d in same]
    return out


def fit(d: date, found: Sequence[Crossing]) -> float:
    """The figure-series feature of candidate day ``d``: how close it is to the crossings (a kernel as wide as
    each crossing's spread), weighted by their series' monotony; a lone weak series counts little."""
    if not found:
        return 0.0
    total = sum(c.weight for c in found)
    near = sum(c.weight * float(np.exp(-abs((d - c.day).days) / c.spread)) for c in found)
    return near / max(total, 1.0)
