"""The fuse stage's working state, and one batch step shared by incremental and full fusion.

``FuseState`` holds the duplicate index (MinHash LSH bands), the document frequencies that weigh the story
features, and the story centroids. ``fuse --full`` replays every stored batch through ``step`` with the whole
state in memory; an incremental fuse runs the same ``step`` over a state that holds only what the batch can
touch, loaded from the store by a ``Loader`` (the band keys it shares, the frequencies of its features, the
stories within reach of its days). Both paths therefore give the same stories.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Protocol

import numpy as np

from ..model import Extraction
from .dedupe import DupIndex, publication_order, trusted_dct
from .stories import StoryConfig, StoryIndex, article_vectors, assign_batch, day_of, features


class Loader(Protocol):
    """Fills a ``FuseState`` with what one batch needs (the incremental path; full fusion has it all)."""

    def dup_candidates(self, state: FuseState, keys: set[int]) -> None: ...

    def stories_of(self, state: FuseState, article_ids: set[str]) -> None: ...

    def frequencies(self, state: FuseState, feats: set[str]) -> None: ...

    def stories_near(self, state: FuseState, days: Sequence[date | None]) -> None: ...


@dataclass(slots=True)
class BatchResult:
    rows: list[dict[str, Any]]  # story_articles rows of the batch
    touched: set[str]  # stories that got an article
    prepared: dict[str, tuple[np.ndarray, list[int]]]  # signature and band keys per article
    df_delta: Counter[str]
    duplicates: int = 0


@dataclass
class FuseState:
    stories_cfg: StoryConfig
    dups: DupIndex
    df: Counter[str] = field(default_factory=Counter)
    n_docs: int = 0
    next_seq: int = 0
    batch: int = 0
    story_of: dict[str, str] = field(default_factory=dict)
    index: StoryIndex = field(init=False)

    def __post_init__(self) -> None:
        self.index = StoryIndex(self.stories_cfg)

    def step(self, extractions: Sequence[Extraction], loader: Loader | None = None) -> BatchResult:
        """Add one batch of new articles: link copies, place every article in a story."""
        by_id = {ex.article.id: ex for ex in extractions}
        order = [by_id[a.id] for a in publication_order(ex.article for ex in by_id.values())]
        arts = [ex.article for ex in order]
        prepared = self.dups.prepare(arts)
        if loader:
            loader.dup_candidates(self, {k for _, keys in prepared.values() for k in keys})
        found = self.dups.add_batch(arts, self.next_seq, prepared)
        roots = {a: d.duplicate_of for a, d in found.items()}
        feats = {ex.article.id: features(ex, self.stories_cfg) for ex in order}
        delta: Counter[str] = Counter()
        for f in feats.values():
            delta.update(f.keys())
        if loader:
            loader.stories_of(self, set(roots.values()) - set(by_id))
            loader.frequencies(self, set(delta))
            loader.stories_near(self, [day_of(trusted_dct(a)) for a in arts])
        self.df.update(delta)
        self.n_docs += len(order)
        vecs = article_vectors(order, self.df, self.n_docs, self.stories_cfg, feats)
        placed = assign_batch(self.index, order, vecs, story_of=self.story_of, roots=roots)
        rows: list[dict[str, Any]] = []
        for i, ex in enumerate(order):
            aid = ex.article.id
            sid, sim = placed[aid]
            self.story_of[aid] = sid
            rows.append({"story_id": sid, "article_id": aid, "duplicate_of": roots.get(aid), "similarity": sim,
                         "seq": self.next_seq + i, "batch": self.batch})
        self.next_seq += len(order)
        self.batch += 1
        return BatchResult(rows=rows, touched={r["story_id"] for r in rows}, prepared=prepared, df_delta=delta,
                           duplicates=len(found))

    def story_rows(self, story_ids: Sequence[str]) -> list[dict[str, Any]]:
        """The index rows (span, centroid) of these stories, as the store keeps them."""
        out = []
        for sid in story_ids:
            st = self.index.stories[sid]
            out.append({"id": sid, "first_day": st.first, "last_day": st.last, "norm2": st.norm2,
                        "centroid": st.centroid})
        return out

    def load_story(self, row: Mapping[str, Any]) -> None:
        """Put a stored story (``story_rows`` shape) into the index."""
        if row["id"] in self.index.stories:
            return
        self.index.restore(row["id"], row["centroid"], row["norm2"], row["first_day"], row["last_day"])

