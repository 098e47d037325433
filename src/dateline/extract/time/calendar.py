"""Calendar arithmetic for TimeML values: shifting a date by units, weeks, quarters, seasons, holidays."""
from __future__ import annotations

import re
from datetime import date, timedelta

from .numbers import format_amount

#: duration unit code -> (TimeML duration letter, time part?)
DURATION_UNIT = {
    "S": ("S", True), "MIN": ("M", True), "H": ("H", True),
    "D": ("D", False), "W": ("W", False), "WE": ("D", False), "FN": ("W", False), "M": ("M", False),
    "Q": ("Q", False), "Y": ("Y", False), "DE": ("DE", False), "CE": ("CE", False), "ML": ("ML", False),
}
#: how many of the next smaller unit make one (to turn 1.5 years into 18 months)
_SMALLER = {"Y": ("M", 12), "M": ("D", 30), "W": ("D", 7), "D": ("H", 24), "H": ("MIN", 60), "MIN": ("S", 60),
            "DE": ("Y", 10), "CE": ("Y", 100), "Q": ("M", 3)}
#: units whose fractions are written as a second, smaller unit ("P1Y6M", "PT5H30M", "P1DT12H")
_MIXED = {"Y", "D", "H", "MIN"}


def parse_iso(s: str | None) -> date | None:
    if not s:
        return None
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", s)
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def duration(amount: float | str, unit: str) -> str:
    """TimeML duration: ``duration(2, "M")`` -> ``P2M``; ``(1.5, "Y")`` -> ``P18M``; ``("X", "Y")`` -> ``PXY``."""
    if unit == "WE":
        return "P2D" if amount in (1, 1.0) else f"P{format_amount(amount)}WE"
    if unit == "FN":
        unit, amount = "W", (amount * 2 if not isinstance(amount, str) else amount)
    if not isinstance(amount, str) and not float(amount).is_integer() and unit in _SMALLER:
        smaller, k = _SMALLER[unit]
        whole, rest = int(amount), (amount - int(amount)) * k
        if whole and unit in _MIXED and float(rest).is_integer():  # "2 1/2 years": P2Y6M (TimeBank)
            head, tail = duration(whole, unit), duration(rest, smaller)
            return head + (tail[2:] if "T" in head else tail[1:])
        if float(amount * k).is_integer():
            return duration(amount * k, smaller)
    letter, is_time = DURATION_UNIT.get(unit, (unit, False))
    return f"P{'T' if is_time else ''}{format_amount(amount)}{letter}"


def add_months(y: int, m: int, n: int) -> tuple[int, int]:
    k = y * 12 + (m - 1) + n
    return k // 12, k % 12 + 1


def iso_week(d: date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def quarter_of(d: date) -> tuple[int, int]:
    return d.year, (d.month - 1) // 3 + 1


def shift_quarter(y: int, q: int, n: int) -> tuple[int, int]:
    k = y * 4 + (q - 1) + n
    return k // 4, k % 4 + 1


def shift_days(d: date, n: float) -> date:
    return d + timedelta(days=n)


def safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def point(anchor: date, unit: str, n: int) -> str | None:
    """The calendar period ``n`` units away from ``anchor``, at that unit's granularity (TimeML value)."""
    if unit == "D":
        return shift_days(anchor, n).isoformat()
    if unit in ("W", "FN"):
        return iso_week(shift_days(anchor, 7 * n * (2 if unit == "FN" else 1)))
    if unit == "WE":
        return iso_week(shift_days(anchor, 7 * n)) + "-WE"
    if unit == "M":
        y, m = add_months(anchor.year, anchor.month, n)
        return f"{y:04d}-{m:02d}"
    if unit == "Q":
        y, q = shift_quarter(*quarter_of(anchor), n)
        return f"{y:04d}-Q{q}"
    if unit == "Y":
        return f"{anchor.year + n:04d}"
    if unit == "DE":
        return f"{(anchor.year // 10 + n):03d}"
    if unit == "CE":
        return f"{(anchor.year // 100 + n):02d}"
    if unit == "H":
        return shift_days(anchor, 0).isoformat() + "TXX"
    return None


def season_year(anchor: date, season: str, direction: int, *, inclusive: bool = False) -> int:
    """The year of the named season nearest the anchor in the given direction (-1 past, +1 future, 0 this);
    ``inclusive``: the season the anchor is in counts ("will be held in the spring", said in March)."""
    order = {"WI": 0, "SP": 1, "SU": 2, "FA": 3}
    cur = {12: "WI", 1: "WI", 2: "WI", 3: "SP", 4: "SP", 5: "SP", 6: "SU", 7: "SU", 8: "SU"}.get(anchor.month, "FA")
    y = anchor.year + (1 if anchor.month == 12 else 0)  # December belongs to next year's winter
    if inclusive and season == cur:
        return y
    if direction < 0:
        return y if order[season] < order[cur] else y - 1
    if direction > 0:
        return y if order[season] > order[cur] else y + 1
    return y


def easter(year: int) -> date:
    """Gregorian Easter Sunday (anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month = (h + l_ - 7 * m + 114) // 31
    day = (h + l_ - 7 * m + 114) % 31 + 1
    return date(year, month, day)


_WD = {"MO": 0, "TU": 1, "WE": 2, "TH": 3, "FR": 4, "SA": 5, "SU": 6}


def holiday_date(rule: str, year: int) -> date | None:
    """A holiday rule of the lexicon in a year: ``12-25``, ``easter+1``, ``11-TH4`` (4th Thursday), ``05-MOL``."""
    m = re.fullmatch(r"easter([+-]\d+)", rule)
    if m:
        return easter(year) + timedelta(days=int(m.group(1)))
    m = re.fullmatch(r"(\d\d)-(\d\d)", rule)
    if m:
        return safe_date(year, int(m.group(1)), int(m.group(2)))
    m = re.fullmatch(r"(\d\d)-([A-Z]{2})([1-5L])", rule)
    if m:
        month, wd, nth = int(m.group(1)), _WD[m.group(2)], m.group(3)
        if nth == "L":
            d = date(year + (month == 12), month % 12 + 1, 1) - timedelta(days=1)
            while d.weekday() != wd:
                d -= timedelta(days=1)
            return d
        d = date(year, month, 1)
        while d.weekday() != wd:
            d += timedelta(days=1)
        return d + timedelta(days=7 * (int(nth) - 1))
    return None
