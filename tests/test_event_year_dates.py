"""An act noun with a year of its own ("the rebels' 2019 attack") happened in that year, not on the day of
publication (QA pass s10; sentences written here)."""
from __future__ import annotations

from dateline import extract


def test_year_on_the_act_noun_dates_it() -> None:
    events = extract("The rebels' 2019 attack on the depot was condemned by the UN.", dct="2024-03-05").events
    attack = next(e for e in events if e.action == "ASSAULT")
    assert (attack.date, attack.date_origin) == ("2019", "clause")
    condemned = next(e for e in events if e.action == "ACCUSE")
    assert condemned.date == "2024-03-05"  # the condemnation is not dated by the attack's year


def test_the_current_year_is_no_past_period() -> None:
    events = extract("The rebels' 2024 attack on the depot was condemned by the UN.", dct="2024-03-05").events
    attack = next(e for e in events if e.action == "ASSAULT")
    assert attack.date == "2024-03-05"
