"""Parsing publication dates from headers and metadata into ``YYYY-MM-DD``."""
from __future__ import annotations

import re
import time
from datetime import date, datetime
from email.utils import parsedate_to_datetime

ISO_RE = re.compile(
    r"(\d{4}-\d{2}-\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?"
)


def to_iso_date(value: object) -> str | None:
    """Best effort: a date, datetime, struct_time, ISO string, RFC 822 string or other date string -> YYYY-MM-DD."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time.struct_time):
        return f"{value.tm_year:04d}-{value.tm_mon:02d}-{value.tm_mday:02d}"
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        try:
            return datetime.utcfromtimestamp(float(value)).date().isoformat()
        except (OverflowError, OSError, ValueError):
            return None
    if not isinstance(value, str):
        return None
    s = value.strip()
    m = ISO_RE.match(s)
    if m:
        try:
            return date.fromisoformat(m.group(1)).isoformat()
        except ValueError:
            return None
    try:
        return parsedate_to_datetime(s).date().isoformat()
    except (TypeError, ValueError, IndexError):
        pass
    try:
        from dateutil import parser as du

        parsed: datetime = du.parse(s, fuzzy=False)
        return parsed.date().isoformat()
    except Exception:  # noqa: BLE001 - dateutil raises many types on junk
        return None
