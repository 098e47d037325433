"""Anchored relative dates: "a day after X", "two days before X", "a week after X" date one clause from the other."""
from __future__ import annotations

from datetime import date

import pytest

from dateline import extract
from dateline.extract.events.anchored import Anchor


@pytest.mark.parametrize(("text", "action", "day"), [
    # the anchor has a date of its own: the other clause is shifted from it
    ("A day after Mubarak resigned on February 11, protesters marched in Cairo.", "PROTEST", "2025-02-12"),
    ("Hamas released two hostages on Saturday, a day after Israel withdrew troops from Rafah.", "RETREAT",
     "2025-05-09"),
    ("Protesters marched in Cairo on Friday, a week after police arrested dozens of activists.", "COERCE",
     "2025-05-02"),
    ("Rebels attacked the town on Sunday, three days after the army withdrew from it.", "RETREAT", "2025-05-08"),
    ("Police arrested dozens of activists two days before protesters marched in Cairo on Friday.", "COERCE",
     "2025-05-07"),
    ("Two days before the summit on May 5, protesters marched in Cairo.", "PROTEST", "2025-05-03"),
    # the anchor is itself resolved (here by the publication date): "the day a week before"
    ("The talks in Qatar come a week after the leaders of the US, Egypt and Qatar issued a statement calling on "
     "Israel and Hamas to hold a summit.", "REQUEST", "2025-05-06"),
])
def test_anchored_event_date(text: str, action: str, day: str) -> None:
    events = [e for e in extract(text, dct="2025-05-13").events if e.action == action]
    assert events, text
    assert {(e.date, e.date_origin) for e in events} == {(day, "anchored")}


def test_own_date_wins_over_the_anchor() -> None:
    text = "Two days before the summit, protesters marched in Cairo on May 5."
    marched = [e for e in extract(text, dct="2025-05-13").events if e.action == "PROTEST"]
    assert [(e.date, e.date_origin) for e in marched] == [("2025-05-05", "clause")]


@pytest.mark.parametrize("text", [
    "Protesters marched in Cairo on Friday after police arrested dozens of activists.",  # no duration
    "Protesters marched in Cairo on Friday, less than a week after police arrested dozens of activists.",  # vague
])
def test_without_an_exact_duration_nothing_is_anchored(text: str) -> None:
    events = extract(text, dct="2025-05-13").events
    assert len(events) == 2 and all(e.date_origin != "anchored" for e in events)


def test_month_and_year_shifts_stay_in_the_calendar() -> None:
    class Tok:  # the shift itself needs no tokens
        pass

    month = Anchor(Tok(), Tok(), 1, "M", 1)  # type: ignore[arg-type]
    assert month.shift("2025-01-31", "outer") == "2025-02-28"
    assert month.shift("2025-03-31", "inner") == "2025-02-28"
    assert Anchor(Tok(), Tok(), 2, "Y", -1).shift("2024-02-29", "outer") == "2022-02-28"  # type: ignore[arg-type]
    assert Anchor(Tok(), Tok(), 1, "W", 1).shift(date(2025, 5, 13).isoformat(), "inner") == "2025-05-06"  # type: ignore[arg-type]
