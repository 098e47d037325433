"""Session 12 (QA): the subject of a reporting verb is not the noun a bare number counts; a fronted partitive whose
whole is counted by its participle ("Of the 30 killed, ...") gives its part. Sentences written here."""
from __future__ import annotations

import pytest

from dateline import extract


def _figures(text: str) -> dict[float, tuple[str | None, str | None, str | None]]:
    return {f.value: (f.category, f.noun, f.scope) for f in extract(text, dct="2024-03-05").figures}


@pytest.mark.parametrize(("text", "value", "category"), [
    ("Firefighters said 23 were hurt when the roof collapsed.", 23, "injured"),
    ("Rescuers told reporters 17 were killed in the landslide.", 17, "killed"),
    ("The coast guard said nine were missing after the ferry capsized.", 9, "missing"),
])
def test_the_speakers_are_not_counted(text: str, value: float, category: str) -> None:
    got = _figures(text)
    assert value in got, got
    cat, noun, _ = got[value]
    assert cat == category, got
    assert noun is None, got  # not 'Firefighters', 'Rescuers', 'coast guard'


@pytest.mark.parametrize(("text", "whole", "part", "category", "group"), [
    ("Of the 70 evacuated, 25 were patients.", 70, 25, None, "patients"),
    ("Of the 31 killed, 14 were police officers.", 31, 14, "killed", "police officers"),
    ("Of the 150 injured in the stampede, 40 were women.", 150, 40, "injured", "women"),
])
def test_part_of_a_whole_counted_by_its_participle(text: str, whole: float, part: float, category: str | None,
                                                   group: str) -> None:
    got = _figures(text)
    assert whole in got and part in got, got
    assert got[part][0] == got[whole][0], got  # what happened to the whole happened to the part
    if category is not None:
        assert got[part][0] == category, got
    assert got[part][2] is not None and group in got[part][2], got


def test_a_copula_without_a_whole_before_stays_no_part() -> None:
    # no fronted partitive: "12 were soldiers" alone is no part of anything
    got = _figures("Officials counted the bodies; 12 were soldiers.")
    assert got.get(12, (None, None, None))[2] is None, got
