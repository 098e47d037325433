"""fuse: across articles — near-duplicates, story clusters, fused events and figures, timelines."""
from __future__ import annotations

from .dedupe import Duplicate, find_duplicates
from .merge import FusedEvent, SeriesPoint, figure_series, fuse_events
from .run import FuseConfig, FuseReport, fuse_store, read_timeline, story_timeline, update
from .stories import StoryConfig, cluster
from .timeline import TimelineConfig, TimelineEntry, TLSentence, build_timeline, rank_dates, sentences_of

__all__ = [
    "Duplicate", "FuseConfig", "FuseReport", "FusedEvent", "SeriesPoint", "StoryConfig", "TLSentence",
    "TimelineConfig", "TimelineEntry", "build_timeline", "cluster", "figure_series", "find_duplicates",
    "fuse_events", "fuse_store", "rank_dates", "read_timeline", "sentences_of", "story_timeline", "update",
]
