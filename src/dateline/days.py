"""ISO days in TimeML values ("2025-03-18", "2025-03-18T10:00"), recognised in one place."""
from __future__ import annotations

import re

_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def day_of(value: str | None) -> str | None:
    """The YYYY-MM-DD a value starts with ("2025-03-18T10:00" -> "2025-03-18"), else None ("2025-03", "PXD")."""
    m = _DAY.match(value or "")
    return m.group(0) if m else None


def is_day(value: str | None) -> bool:
    """The value is exactly one day ("2025-03-18"; not "2025-03-18T10:00", "2025-W12")."""
    return bool(value) and _DAY.fullmatch(value or "") is not None
