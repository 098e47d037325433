"""Temporal tagging and normalization (TIMEX3): rules in ``resources/time``, anchoring with the spaCy parse."""
from __future__ import annotations

from .tagger import find_timexes, resolve

__all__ = ["find_timexes", "resolve"]
