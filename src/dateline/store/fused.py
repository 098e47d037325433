"""The fuse stage's bulk reads and writes of its tables (stories, story_articles, timeline, fused_events,
figure_series); what the CLI and the API read of them is in ``stories.py``.

``FusedStore`` is mixed into ``Store``; the tables are created with the others when the store is opened
(``schema.py``), so a store that was never fused reads as empty.
"""
from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

import duckdb
import pyarrow as pa

from ..model import MENTION_TYPES, Article, Extraction
from .reads import Reader
from .schema import FUSE_INDEX_TABLES, FUSED_TABLES

#: per-story tables (rows deleted and rewritten when a story is recomputed)
_PER_STORY = {"timeline": "story_id", "fused_events": "story_id", "figure_series": "story_id", "stories": "id"}
_JSON_COLS = {"sentences", "provenance"}


def insert_rows(c: duckdb.DuckDBPyConnection, table: str, rows: Sequence[dict[str, Any]]) -> None:
    if not rows:
        return
    cols = list(rows[0])
    data = [{k: (json.dumps(r[k], ensure_ascii=False) if k in _JSON_COLS else r[k]) for k in cols} for r in rows]
    c.register("_fused_batch", pa.Table.from_pylist(data))
    try:
        names = ", ".join(f'"{k}"' for k in cols)
        c.execute(f"INSERT INTO {table} ({names}) SELECT {names} FROM _fused_batch")
    finally:
        c.unregister("_fused_batch")


def runs(values: Sequence[int]) -> list[tuple[int, int]]:
    """Sorted integers as (first, last) runs of consecutive values."""
    out: list[tuple[int, int]] = []
    for v in values:
        if out and v == out[-1][1] + 1:
            out[-1] = (out[-1][0], v)
        else:
            out.append((v, v))
    return out


class FusedStore(Reader):
    """Mixin for ``Store`` (reads through ``Reader.query``)."""

    # -- bulk reads for the fuse stage ---------------------------------------------------------------
    def load_extractions(self, article_ids: Iterable[str] | None = None) -> list[Extraction]:
        """Articles with all their records, in a handful of queries (publication order). For given ids,
        the record tables are read where the articles' ingest batches are (zone maps skip the rest)."""
        if article_ids is None:
            arts = self.query("SELECT * EXCLUDE (ingested_at) FROM articles ORDER BY dct NULLS LAST, id")
            where, params = "", []
        else:
            ids = sorted(set(article_ids))
            found = self.query("SELECT ingest_batch FROM articles WHERE id IN (SELECT unnest(?::VARCHAR[]))", [ids])
            batches = sorted({int(r["ingest_batch"]) for r in found if r["ingest_batch"] is not None})
            spans = " OR ".join(f"ingest_batch BETWEEN {a} AND {b}" for a, b in runs(batches))  # ints from the store
            if any(r["ingest_batch"] is None for r in found):
                spans = "TRUE"
            where = f" WHERE ({spans or 'FALSE'}) AND {{col}} IN (SELECT unnest(?::VARCHAR[]))"
            arts = self.query("SELECT * EXCLUDE (ingested_at) FROM articles" + where.format(col="id")
                              + " ORDER BY dct NULLS LAST, id", [ids])
            where, params = where.format(col="article_id"), [ids]
        by_id = {r["id"]: Extraction(article=Article.from_dict(r)) for r in arts}
        for name, cls in MENTION_TYPES.items():
            for r in self.query(f'SELECT * FROM {name}{where} ORDER BY article_id, start, "end"', params):
                ex = by_id.get(r["article_id"])
                if ex is not None:
                    getattr(ex, name).append(cls.from_dict(r))
        return list(by_id.values())

    def story_memberships(self) -> dict[str, tuple[str, str | None]]:
        """{article_id: (story_id, duplicate_of)} as last fused."""
        return {r[0]: (r[1], r[2]) for r in self.conn.execute(
            "SELECT article_id, story_id, duplicate_of FROM story_articles").fetchall()}

    # -- writes ----------------------------------------------------------------------------------
    def write_fused(self, story_ids: Iterable[str], tables: dict[str, list[dict[str, Any]]],
                    c: duckdb.DuckDBPyConnection) -> None:
        """Inside a transaction: delete the per-story rows of ``story_ids``, then insert ``tables``
        ({table: rows}; ``story_articles`` rows are appended, they never change)."""
        ids = sorted(set(story_ids))
        for table, col in _PER_STORY.items():
            c.execute(f'DELETE FROM {table} WHERE "{col}" IN (SELECT unnest(?::VARCHAR[]))', [ids])
        for table in FUSED_TABLES:
            insert_rows(c, table, tables.get(table, []))

    def clear_fused(self, c: duckdb.DuckDBPyConnection) -> None:
        """Inside a transaction: empty every fused and fuse-index table (``fuse --full``)."""
        for table in (*FUSED_TABLES, *FUSE_INDEX_TABLES):
            c.execute(f"DELETE FROM {table}")
