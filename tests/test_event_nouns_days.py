"""The one list of day-valued times that "a week after the quake" is read against (time tagger and events)."""
from __future__ import annotations

from dateline.extract.time.event_nouns import day_spans


def test_day_spans_keep_days_of_dates_and_times_only() -> None:
    times = [(0, 6, "DATE", "2025-03-18"), (10, 20, "TIME", "2025-03-18T10:00"), (25, 35, "DATE", "2025-03"),
             (40, 47, "DURATION", "P1W"), (50, 55, "DATE", None)]
    assert day_spans(times) == [(0, 6, "2025-03-18"), (10, 20, "2025-03-18")]


def test_day_spans_are_offsets_into_a_doc_starting_later() -> None:
    times = [(5, 11, "DATE", "2025-03-18"), (120, 126, "DATE", "2025-03-19")]
    assert day_spans(times, offset=100) == [(20, 26, "2025-03-19")]  # a time before the doc is left out
