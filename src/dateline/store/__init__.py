"""store: the DuckDB store (all SQL), its reads and exports."""
from __future__ import annotations

from .reads import Filters, Page
from .store import EXPORT_FORMATS, Store

__all__ = ["EXPORT_FORMATS", "Filters", "Page", "Store"]
