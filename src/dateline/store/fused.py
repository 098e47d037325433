"""The fuse stage's tables (stories, story_articles, timeline, fused_events, figure_series) and their SQL.

``FusedStore`` is mixed into ``Store``; the tables are created with the others when the store is opened
(``schema.py``), so a store that was never fused reads as empty.
"""
from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import duckdb
import pyarrow as pa

from ..model import MENTION_TYPES, Article, Extraction
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


def _decode(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    for r in rows:
        for k in _JSON_COLS & r.keys():
            if isinstance(r[k], str):
                r[k] = json.loads(r[k])
    return rows


def runs(values: Sequence[int]) -> list[tuple[int, int]]:
    """Sorted integers as (first, last) runs of consecutive values."""
    out: list[tuple[int, int]] = []
    for v in values:
        if out and v == out[-1][1] + 1:
            out[-1] = (out[-1][0], v)
        else:
            out.append((v, v))
    return out


class FusedStore:
    """Mixin for ``Store`` (needs ``self.conn``, ``self.read_only``, ``self.query``, ``self.transaction``)."""

    conn: duckdb.DuckDBPyConnection
    read_only: bool
    query: Callable[..., list[dict[str, Any]]]  # Store.query

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

    # -- reads (the serve stage and the CLI use these) ---------------------------------------------
    def stories(self) -> list[dict[str, Any]]:
        """All stories, largest first."""
        return self.query("SELECT * EXCLUDE (updated_at) FROM stories "
                          "ORDER BY size DESC, last_date DESC NULLS LAST, id")

    def story(self, story_id: str) -> dict[str, Any] | None:
        """One story with its articles (``articles``: id, title, source, dct, duplicate_of, similarity)."""
        rows = self.query("SELECT * EXCLUDE (updated_at) FROM stories WHERE id = ?", [story_id])
        if not rows:
            return None
        story = rows[0]
        story["articles"] = self.query(
            "SELECT a.id, a.title, a.source, a.dct, sa.duplicate_of, sa.similarity FROM story_articles sa "
            "JOIN articles a ON a.id = sa.article_id WHERE sa.story_id = ? ORDER BY a.dct NULLS LAST, a.id",
            [story_id])
        return story

    def timeline(self, story_id: str) -> list[dict[str, Any]]:
        """The story's timeline entries in date order (``sentences`` decoded from JSON)."""
        return _decode(self.query("SELECT * FROM timeline WHERE story_id = ? ORDER BY date, rank", [story_id]))

    def fused_events(self, story_id: str) -> list[dict[str, Any]]:
        return _decode(self.query(
            "SELECT * FROM fused_events WHERE story_id = ? ORDER BY date NULLS LAST, n_articles DESC, id",
            [story_id]))

    def figure_series(self, story_id: str, category: str | None = None) -> list[dict[str, Any]]:
        sql = "SELECT * FROM figure_series WHERE story_id = ?"
        params: list[Any] = [story_id]
        if category is not None:
            sql += " AND lower(category) = lower(?)"
            params.append(category)
        return self.query(sql + ' ORDER BY category, date NULLS LAST, source, article_id, start', params)

    def figure_categories(self, story_id: str) -> list[dict[str, Any]]:
        return self.query("SELECT category, count(*) AS points, sum(CASE WHEN contradiction THEN 1 ELSE 0 END) "
                          "AS contradictions FROM figure_series WHERE story_id = ? GROUP BY category "
                          "ORDER BY points DESC, category", [story_id])
