"""store: the DuckDB store and exports."""
from __future__ import annotations

from .store import EXPORT_FORMATS, Store

__all__ = ["EXPORT_FORMATS", "Store"]
