"""Fill a ``FuseState`` from the store with what one batch can touch (the incremental path)."""
from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import TYPE_CHECKING

import numpy as np

from .dedupe import Known
from .state import FuseState
from .stories import reach_days

if TYPE_CHECKING:
    from ..store import Store


def spans_near(days: Sequence[date | None], reach: int) -> list[tuple[date, date]] | None:
    """Merged [day - reach, day + reach] windows of the days; None (everything) when a day is unknown."""
    if any(d is None for d in days):
        return None
    out: list[tuple[date, date]] = []
    for d in sorted(d for d in days if d is not None):
        lo, hi = d - timedelta(days=reach), d + timedelta(days=reach)
        if out and lo <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], hi))
        else:
            out.append((lo, hi))
    return out


class StoreLoader:
    """``Loader`` over a ``Store``: band matches, stories of copies' primaries, frequencies, nearby stories."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def dup_candidates(self, state: FuseState, keys: set[int]) -> None:
        for key, aid, seq, sig, primary in self.store.band_matches(keys):
            if aid not in state.dups.known:
                state.dups.known[aid] = Known(seq=seq, sig=np.frombuffer(sig, dtype=np.uint32), primary=primary)
            ids = state.dups.bands.setdefault(key, [])
            if aid not in ids:
                ids.append(aid)

    def stories_of(self, state: FuseState, article_ids: set[str]) -> None:
        state.story_of.update(self.store.stories_of(a for a in article_ids if a not in state.story_of))

    def frequencies(self, state: FuseState, feats: set[str]) -> None:
        state.df.update(self.store.frequencies(f for f in feats if f not in state.df))

    def stories_near(self, state: FuseState, days: Sequence[date | None]) -> None:
        for row in self.store.stories_within(spans_near(days, reach_days(state.stories_cfg))):
            state.load_story(row)
