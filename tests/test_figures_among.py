"""People counted as what a passive or an "among those ..." clause is about are figures, read by that clause
(QA pass s10; sentences written here)."""
from __future__ import annotations

import pytest

from dateline import extract


def _figures(text: str) -> list[tuple[float, str]]:
    return [(f.value, f.category) for f in extract(text, dct="2024-03-05").figures]


@pytest.mark.parametrize(("text", "value", "category"), [
    ("Six Canadian nationals were among those rescued from the ship.", 6, "other"),
    ("Four Dutch tourists were among the people flown out on Tuesday.", 4, "other"),
    ("Six people were evacuated from the port.", 6, "other"),
    ("Two soldiers were among those killed in the blast.", 2, "killed"),
    ("Five nurses were among those injured.", 5, "injured"),
    ("Three children were among those who drowned.", 3, "deaths"),
])
def test_counted_group_is_a_figure(text: str, value: float, category: str) -> None:
    assert (value, category) in _figures(text)


@pytest.mark.parametrize("text", [
    "He praised two local doctors.",  # a passing mention of people
    "Two men were among the speakers.",  # a group, but no clause says what happened to it
])
def test_passing_mentions_are_not_figures(text: str) -> None:
    assert _figures(text) == []


def test_n_of_them_counts_what_them_stands_for() -> None:
    # session 11: "40 of them" took the clause's subject ("firefighters") and was counted as workers
    ex = extract("Officials said 75 bushfires were burning, and crews had contained 31 of them by Sunday.",
                 dct="2024-02-03")
    cats = {f.text: f.category for f in ex.figures}
    assert cats.get("31") == cats.get("75") and cats.get("31") != "workers", cats
