"""Imports the built-in component modules so that they register themselves."""
from __future__ import annotations

import importlib

from .registry import registered

_MODULES = ("timex", "entities", "places", "statements", "figures", "events")
for _m in _MODULES:
    try:
        importlib.import_module(f"{__package__}.{_m}")
    except ModuleNotFoundError as e:  # a component module not written yet
        if e.name != f"{__package__}.{_m}":
            raise


def is_available(name: str) -> bool:
    return name in registered()
