"""live: follow feeds and folders (``dateline watch``), ingesting and fusing only what is new."""
from __future__ import annotations

from .watch import CycleReport, Watcher, parse_interval

__all__ = ["CycleReport", "Watcher", "parse_interval"]
