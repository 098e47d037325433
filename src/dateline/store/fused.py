"""The fuse stage's tables (stories, story_articles, timeline, fused_events, figure_series) and their SQL.

``FusedStore`` is mixed into ``Store``: its readers answer ``[]``/``None`` on a store that was never fused
(also when opened read-only), its writers create the tables on first use.
"""
from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

import duckdb
import pyarrow as pa

from ..model import MENTION_TYPES, Article, Extraction

FUSED_DDL = [
    "CREATE TABLE IF NOT EXISTS stories (id VARCHAR PRIMARY KEY, label VARCHAR, size BIGINT, "
    "n_duplicates BIGINT, first_date VARCHAR, last_date VARCHAR, top_actors VARCHAR[], "
    "updated_at TIMESTAMP DEFAULT current_timestamp)",
    "CREATE TABLE IF NOT EXISTS story_articles (story_id VARCHAR, article_id VARCHAR, duplicate_of VARCHAR, "
    "similarity DOUBLE)",
    "CREATE TABLE IF NOT EXISTS timeline (story_id VARCHAR, date VARCHAR, rank BIGINT, score DOUBLE, "
    "summary VARCHAR, sentences VARCHAR)",
    "CREATE TABLE IF NOT EXISTS fused_events (id VARCHAR, story_id VARCHAR, actor VARCHAR, action VARCHAR, "
    "target VARCHAR, date VARCHAR, location VARCHAR, polarity VARCHAR, modality VARCHAR, n_articles BIGINT, "
    "n_mentions BIGINT, sources VARCHAR[], provenance VARCHAR)",
    "CREATE TABLE IF NOT EXISTS figure_series (story_id VARCHAR, category VARCHAR, date VARCHAR, value DOUBLE, "
    "qualifier VARCHAR, scope VARCHAR, source VARCHAR, article_id VARCHAR, start BIGINT, \"end\" BIGINT, "
    "unit VARCHAR, contradiction BOOLEAN, contradiction_group VARCHAR, kind VARCHAR, reason VARCHAR)",
    "CREATE INDEX IF NOT EXISTS story_articles_story ON story_articles(story_id)",
    "CREATE INDEX IF NOT EXISTS story_articles_article ON story_articles(article_id)",
]
#: columns added after a table was first released: added to older stores when they are missing
FUSED_ADDED_COLUMNS = {"figure_series": {"kind": "VARCHAR", "reason": "VARCHAR"}}
FUSED_TABLES = ("stories", "story_articles", "timeline", "fused_events", "figure_series")
#: per-story tables (rows deleted and rewritten when a story is recomputed)
_PER_STORY = {"story_articles": "story_id", "timeline": "story_id", "fused_events": "story_id",
              "figure_series": "story_id", "stories": "id"}
_JSON_COLS = {"sentences", "provenance"}


def _insert(c: duckdb.DuckDBPyConnection, table: str, rows: Sequence[dict[str, Any]]) -> None:
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


class FusedStore:
    """Mixin for ``Store`` (needs ``self.conn``, ``self.read_only``, ``self.query``, ``self.transaction``)."""

    conn: duckdb.DuckDBPyConnection
    read_only: bool
    query: Any  # Store.query

    # -- schema ----------------------------------------------------------------------------------
    def _has_fused(self, table: str = "stories") -> bool:
        return bool(self.conn.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'main' AND table_name = ?",
            [table]).fetchone()[0])

    def ensure_fused_tables(self) -> None:
        for stmt in FUSED_DDL:
            self.conn.execute(stmt)
        for table, cols in FUSED_ADDED_COLUMNS.items():
            have = {r[0] for r in self.conn.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_name = ?", [table]).fetchall()}
            for name, sql_type in cols.items():
                if name not in have:  # an older store: only then a schema change (none in the WAL otherwise)
                    self.conn.execute(f'ALTER TABLE {table} ADD COLUMN "{name}" {sql_type}')

    # -- bulk reads for the fuse stage ---------------------------------------------------------------
    def load_extractions(self, article_ids: Iterable[str] | None = None) -> list[Extraction]:
        """Articles with all their records, in a handful of queries (publication order)."""
        ids = None if article_ids is None else sorted(set(article_ids))
        where, params = ("", []) if ids is None else (" WHERE list_contains(?, id)", [ids])
        arts = self.query(f"SELECT * EXCLUDE (ingested_at) FROM articles{where} ORDER BY dct NULLS LAST, id", params)
        by_id = {r["id"]: Extraction(article=Article.from_dict(r)) for r in arts}
        where, params = ("", []) if ids is None else (" WHERE list_contains(?, article_id)", [ids])
        for name, cls in MENTION_TYPES.items():
            for r in self.query(f'SELECT * FROM {name}{where} ORDER BY article_id, start, "end"', params):
                ex = by_id.get(r["article_id"])
                if ex is not None:
                    getattr(ex, name).append(cls.from_dict(r))
        return list(by_id.values())

    def story_memberships(self) -> dict[str, tuple[str, str | None]]:
        """{article_id: (story_id, duplicate_of)} as last fused."""
        if not self._has_fused("story_articles"):
            return {}
        return {r[0]: (r[1], r[2]) for r in self.conn.execute(
            "SELECT article_id, story_id, duplicate_of FROM story_articles").fetchall()}

    # -- writes ----------------------------------------------------------------------------------
    def replace_stories(self, story_ids: Iterable[str], tables: dict[str, list[dict[str, Any]]],
                        *, drop: Iterable[str] = ()) -> None:
        """Delete every row of ``story_ids`` and ``drop`` in the fused tables, then insert ``tables``
        ({table: rows}), in one transaction."""
        self.ensure_fused_tables()
        ids = sorted(set(story_ids) | set(drop))
        with self.transaction() as c:  # type: ignore[attr-defined]
            for table, col in _PER_STORY.items():
                c.execute(f'DELETE FROM {table} WHERE list_contains(?, "{col}")', [ids])
            for table in FUSED_TABLES:
                _insert(c, table, tables.get(table, []))

    def clear_fused(self) -> None:
        self.ensure_fused_tables()
        with self.transaction() as c:  # type: ignore[attr-defined]
            for table in FUSED_TABLES:
                c.execute(f"DELETE FROM {table}")

    # -- reads (the serve stage and the CLI use these) ---------------------------------------------
    def stories(self) -> list[dict[str, Any]]:
        """All stories, largest first."""
        if not self._has_fused("stories"):
            return []
        return self.query("SELECT * EXCLUDE (updated_at) FROM stories "
                          "ORDER BY size DESC, last_date DESC NULLS LAST, id")

    def story(self, story_id: str) -> dict[str, Any] | None:
        """One story with its articles (``articles``: id, title, source, dct, duplicate_of, similarity)."""
        if not self._has_fused("stories"):
            return None
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
        if not self._has_fused("timeline"):
            return []
        return _decode(self.query("SELECT * FROM timeline WHERE story_id = ? ORDER BY date, rank", [story_id]))

    def fused_events(self, story_id: str) -> list[dict[str, Any]]:
        if not self._has_fused("fused_events"):
            return []
        return _decode(self.query(
            "SELECT * FROM fused_events WHERE story_id = ? ORDER BY date NULLS LAST, n_articles DESC, id",
            [story_id]))

    def figure_series(self, story_id: str, category: str | None = None) -> list[dict[str, Any]]:
        if not self._has_fused("figure_series"):
            return []
        sql = "SELECT * FROM figure_series WHERE story_id = ?"
        params: list[Any] = [story_id]
        if category is not None:
            sql += " AND lower(category) = lower(?)"
            params.append(category)
        return self.query(sql + ' ORDER BY category, date NULLS LAST, source, article_id, start', params)

    def figure_categories(self, story_id: str) -> list[dict[str, Any]]:
        if not self._has_fused("figure_series"):
            return []
        return self.query("SELECT category, count(*) AS points, sum(CASE WHEN contradiction THEN 1 ELSE 0 END) "
                          "AS contradictions FROM figure_series WHERE story_id = ? GROUP BY category "
                          "ORDER BY points DESC, category", [story_id])
