"""Anchoring on the events a text dates: "N days after <event noun>", a past clock time, a week in the clause."""
from __future__ import annotations

import pytest

from dateline import extract

DCT = "2025-05-14"  # a Wednesday


def _timex(text: str, surface: str) -> tuple[str | None, str | None]:
    hits = [(t.value, t.anchor) for t in extract(text, dct=DCT).timexes if t.text == surface]
    assert len(hits) == 1, hits
    return hits[0]


# -- "N days after the <event noun>" ---------------------------------------------------------------------------

def test_duration_after_a_dated_noun_counts_from_its_day() -> None:
    text = ("A strong earthquake shook the valley on Saturday. The government declared an emergency on Monday. "
            "Two days after the quake, aid agencies delivered tents to the survivors.")
    assert _timex(text, "Two days") == ("P2D", "2025-05-10")  # Saturday, not Monday (the last date mentioned)
    aid = [e for e in extract(text, dct=DCT).events if e.action == "AID"]
    assert [(e.date, e.date_origin) for e in aid] == [("2025-05-12", "anchored")]


def test_duration_before_a_dated_noun_counts_back() -> None:
    text = ("The referendum was held on May 11. Officials announced a curfew on Monday. "
            "Three days before the referendum, police arrested dozens of activists.")
    assert _timex(text, "Three days")[1] == "2025-05-11"
    arrests = [e for e in extract(text, dct=DCT).events if e.action == "COERCE"]
    assert [(e.date, e.date_origin) for e in arrests] == [("2025-05-08", "anchored")]


def test_undated_noun_leaves_the_duration_and_the_event_unresolved() -> None:
    text = "The government declared an emergency on Monday. Two days after the quake, aid agencies delivered tents."
    assert _timex(text, "Two days") == ("P2D", None)
    aid = [e for e in extract(text, dct=DCT).events if e.action == "AID"]
    assert [(e.date, e.date_origin) for e in aid] == [(None, "unresolved")]


def test_duration_after_a_clause_still_counts_from_the_narrative() -> None:
    text = "Talks resumed on Monday. The rebels withdrew a week after the envoys met in Geneva."
    assert _timex(text, "a week")[1] == "2025-05-12"


# -- a bare clock time in a past narration ---------------------------------------------------------------------

def test_past_clock_time_takes_the_day_told_earlier_in_the_paragraph() -> None:
    text = ("The cyclone reached the island on Monday. Fishermen pulled their boats ashore. Schools closed early. "
            "It made landfall at 5 p.m., the weather office said.")
    assert _timex(text, "5 p.m.") == ("2025-05-12T17:00", "2025-05-12")


def test_clock_time_in_a_new_paragraph_or_the_future_stays_on_the_dct() -> None:
    other_paragraph = ("The cyclone reached the island on Monday. Fishermen pulled their boats ashore.\n"
                       "Schools closed early. It made landfall at 5 p.m., the weather office said.")
    assert _timex(other_paragraph, "5 p.m.")[0] == "2025-05-14T17:00"
    future = ("The cyclone reached the island on Monday. Fishermen pulled their boats ashore. Schools closed early. "
              "It will make landfall at 5 p.m., the weather office said.")
    assert _timex(future, "5 p.m.")[0] == "2025-05-14T17:00"


# -- a week or a month in the event's own clause ---------------------------------------------------------------

@pytest.mark.parametrize(("text", "action", "date"), [
    ("Japan sent medical supplies to Ukraine last week, its foreign minister said on Monday.",
     "AID", "2025-W19"),
    ("Soldiers arrested eleven smugglers near the border last month.", "COERCE", "2025-04"),
])
def test_event_takes_the_week_or_month_of_its_clause(text: str, action: str, date: str) -> None:
    events = [e for e in extract(text, dct=DCT).events if e.action == action]
    assert [(e.date, e.date_origin) for e in events] == [(date, "clause")]


@pytest.mark.parametrize("text", [
    "Soldiers arrested eleven smugglers near the border in recent days.",  # vaguer than a week
    "Soldiers arrested eleven smugglers near the border this week.",  # a week that is not over: the DCT is in it
    "Soldiers arrested eleven smugglers near the border this month.",
])
def test_vaguer_or_current_clause_time_still_takes_the_dct(text: str) -> None:
    events = [e for e in extract(text, dct=DCT).events if e.action == "COERCE"]
    assert [e.date for e in events] == [DCT]
