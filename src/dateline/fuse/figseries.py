"""Cumulative totals as a story's clock: a developing story reports totals that grow (a death toll, cases
confirmed, barrels spilled, money spent), and a total is reported on the days it stands at that value. The dated
articles that report the same total as an undated article ("1,490 cases") tell when it was written.

Only totals with two significant digits or more count ("1,490", not "2,000": a round total is reached by many
series and repeated for long). A fit of the story's whole series (isotonic, crossing the article's value) was
tried and dropped: on Timeline17 no series of a (category, unit) was monotone enough (totals of different places,
rates and estimates mixed; RESULTS.md, issue 17 s7und).
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from ..model import Figure

Key = tuple[str, str]


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


def significant(value: float) -> int:
    """Significant digits of a whole number (1,490 -> 3; 2,000 -> 1)."""
    return len(str(int(round(value))).rstrip("0"))


def matches(figures: Sequence[Figure], story: dict[Key, list[tuple[date, float]]],
            tolerance: float = 0.01) -> list[tuple[date, float]]:
    """The days the dated articles report the same cumulative total as the undated article (the same category
    and unit, a value within ``tolerance``; a total with at least two significant digits), each weighted 1 / the
    number of dated reports of it."""
    out: list[tuple[date, float]] = []
    for f in figures:
        k = key(f)
        if k is None or f.value is None or f.value < 10 or significant(f.value) < 2:
            continue
        same = [d for d, v in story.get(k, ()) if abs(v - f.value) <= tolerance * f.value]
        out += [(d, 1.0 / len(same)) for d in same]
    return out
