"""Imports the built-in component modules so that they register themselves."""
from __future__ import annotations

from . import entities, events, figures, places, statements, timex  # noqa: F401
from .registry import registered


def is_available(name: str) -> bool:
    return name in registered()
