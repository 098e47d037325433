"""ISO days in TimeML values ("2025-03-18", "2025-03-18T10:00"), recognised in one place."""
from __future__ import annotations

import datetime as dt
import re

_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_PREFIX = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


def day_of(value: str | None) -> str | None:
    """The YYYY-MM-DD a value starts with ("2025-03-18T10:00" -> "2025-03-18"), else None ("2025-03", "PXD")."""
    m = _DAY.match(value or "")
    return m.group(0) if m else None


def is_day(value: str | None) -> bool:
    """The value is exactly one day ("2025-03-18"; not "2025-03-18T10:00", "2025-W12")."""
    return bool(value) and _DAY.fullmatch(value or "") is not None


def check_date_prefix(value: str) -> str:
    """``value`` if it is a date filter: YYYY, YYYY-MM or YYYY-MM-DD of the calendar; else ``ValueError`` saying
    why (the REST API's ``date_from``/``date_to`` and the CLI's ``--date-from``/``--date-to``)."""
    if not _PREFIX.fullmatch(value):
        raise ValueError(f"{value!r} is not a date; use YYYY-MM-DD (or YYYY-MM, YYYY)")
    parts = [int(p) for p in value.split("-")] + [1, 1]
    try:
        dt.date(parts[0], parts[1], parts[2])
    except ValueError as e:
        raise ValueError(f"{value!r} is not a valid date ({e})") from None
    return value
