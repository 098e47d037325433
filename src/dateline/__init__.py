"""dateline: news articles about developing stories -> a sourced, dated, queryable record."""
from __future__ import annotations

import logging

from . import extract, ingest  # callable packages: dateline.extract(text), dateline.ingest(paths)
from .api import IngestReport
from .extract import Pipeline
from .ingest import read_paths
from .model import Article, Entity, Event, Extraction, Figure, Place, Rejected, Statement, Timex
from .store import Store

__all__ = [
    "Article", "Entity", "Event", "Extraction", "Figure", "IngestReport", "Pipeline", "Place", "Rejected",
    "Statement", "Store", "Timex", "extract", "ingest", "read_paths",
]
__version__ = "0.1.0"

logging.getLogger(__name__).addHandler(logging.NullHandler())
