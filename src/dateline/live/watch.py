"""``dateline watch``: poll feeds and folders, ingest only new items, fuse incrementally, one log line a cycle.

An item is new when neither its id (from the feed entry's id/URL, or the file name) nor its text (content
hash) is stored yet. New items are extracted and stored in batches (one transaction each), then the store is
fused incrementally once per cycle. A source that fails is reported in the cycle's line and polled again next
cycle; the others go on. ``stop`` (an ``Event``, set by Ctrl-C in the CLI) is honoured between batches.
"""
from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from datetime import datetime, timezone

from ..extract import Pipeline
from ..fuse import fuse_store
from ..model import Article, Extraction, Rejected
from ..settings import settings
from ..store import Store
from .sources import FeedSource, FolderSource, SourceError, source_for

_INTERVAL = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$")
_UNITS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_interval(text: str) -> float:
    """Seconds in "90", "30s", "15m", "1h", "1d"; ValueError otherwise."""
    m = _INTERVAL.match(text)
    if not m or float(m.group(1)) <= 0:
        raise ValueError(f"invalid interval {text!r} (use e.g. 30s, 15m, 1h)")
    return float(m.group(1)) * _UNITS[m.group(2)]


@dataclass
class CycleReport:
    cycle: int
    new: int = 0
    duplicates: int = 0  # items whose id or text is already stored
    stories_touched: int = 0
    rejected: list[Rejected] = field(default_factory=list)
    failed: list[SourceError] = field(default_factory=list)
    interrupted: bool = False

    def line(self) -> str:
        ts = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        out = (f"{ts} cycle {self.cycle}: {self.new} new, {self.duplicates} already stored, "
               f"{self.stories_touched} stories touched, {len(self.rejected)} rejected")
        if self.rejected:
            out += " (" + "; ".join(f"{r.path}: {r.reason}" for r in self.rejected[:5])
            out += f"; +{len(self.rejected) - 5} more)" if len(self.rejected) > 5 else ")"
        if self.failed:
            out += ", failed: " + "; ".join(f"{e.source} ({e.reason}, retried next cycle)" for e in self.failed)
        return out + (" [stopped]" if self.interrupted else "")


class Watcher:
    """Polls ``targets`` (feed URLs, files, folders) into ``store``; ``lock`` guards the store's one writer
    when the API shares it (``dateline serve --watch``)."""

    def __init__(self, targets: Sequence[str], store: Store, pipeline: Pipeline | None = None, *,
                 batch_size: int | None = None, timeout: float = 20.0,
                 lock: threading.Lock | None = None) -> None:
        self.sources: list[FeedSource | FolderSource] = [source_for(t, timeout) for t in targets]
        self.store = store
        self._pipeline = pipeline
        self.batch_size = batch_size or settings.batch_size
        self.lock: AbstractContextManager[object] = lock or nullcontext()
        self.cycles = 0

    @property
    def pipeline(self) -> Pipeline:
        if self._pipeline is None:
            from ..extract.pipeline import default_pipeline

            self._pipeline = default_pipeline()
        return self._pipeline

    def _collect(self, report: CycleReport) -> list[Article]:
        fresh: dict[str, Article] = {}
        for src in self.sources:
            try:
                items = src.poll()
            except SourceError as e:
                report.failed.append(e)
                continue
            for it in items:
                if isinstance(it, Rejected):
                    report.rejected.append(it)
                elif it.id not in fresh:
                    fresh[it.id] = it
        arts = list(fresh.values())
        with self.lock:
            self.store.add_rejected(report.rejected)
            known = self.store.stored_ids_or_texts(arts)
        new, seen_text = [], set()
        for a in arts:
            if a.id in known or a.text_hash in seen_text:
                report.duplicates += 1
            else:
                seen_text.add(a.text_hash)
                new.append(a)
        return new

    def poll_once(self, stop: threading.Event | None = None) -> CycleReport:
        """One cycle: poll every source, store the new items batch by batch, fuse once."""
        self.cycles += 1
        report = CycleReport(cycle=self.cycles)
        new = self._collect(report)
        for i in range(0, len(new), self.batch_size):
            if stop is not None and stop.is_set():
                report.interrupted = True
                break
            done = list(self.pipeline.pipe_safe(new[i:i + self.batch_size], batch_size=self.batch_size))
            exs = [r for r in done if isinstance(r, Extraction)]
            rej = [r for r in done if isinstance(r, Rejected)]
            with self.lock:
                self.store.add(exs)
                self.store.add_rejected(rej)
            report.new += len(exs)
            report.rejected.extend(rej)
        if report.new:
            with self.lock:
                report.stories_touched = len(fuse_store(self.store).recomputed)
        return report

    def run(self, every: float, *, stop: threading.Event | None = None, cycles: int | None = None,
            log: Callable[[str], None] = print) -> None:
        """Cycle every ``every`` seconds until ``stop`` is set (or ``cycles`` cycles ran)."""
        stop = stop or threading.Event()
        while not stop.is_set():
            t0 = time.monotonic()
            log(self.poll_once(stop).line())
            if cycles is not None and self.cycles >= cycles:
                break
            stop.wait(max(0.0, every - (time.monotonic() - t0)))
