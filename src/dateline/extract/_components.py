"""Imports the built-in component packages so that they register themselves."""
from __future__ import annotations

from .entities import component as _entities  # noqa: F401
from .events import component as _events  # noqa: F401
from .figures import component as _figures  # noqa: F401
from .places import component as _places  # noqa: F401
from .statements import component as _statements  # noqa: F401
from .time import component as _time  # noqa: F401
from .registry import registered


def is_available(name: str) -> bool:
    return name in registered()
