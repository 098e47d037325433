"""SQL of the fuse stage's index (``fuse_*`` tables): what an incremental fuse reads for one batch, and the
one transaction that writes a batch's results. Each read touches the rows of the batch's band keys, features,
stories and days only (plus a scan of the small key columns), never every article's records."""
from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

import duckdb
import pyarrow as pa

from .fused import insert_rows, runs


class FuseIndexStore:
    """Mixin for ``Store`` (needs ``self.conn`` and ``self.transaction``)."""

    conn: duckdb.DuckDBPyConnection
    transaction: Any

    def _with(self, name: str, column: str, values: Sequence[Any], typ: pa.DataType, sql: str,
              params: list[Any] | None = None) -> list[tuple[Any, ...]]:
        """Run ``sql`` with ``values`` registered as the one-column table ``name`` (semi-joins, no IN lists)."""
        cur = self.conn.cursor()
        try:
            cur.register(name, pa.table({column: pa.array(list(values), type=typ)}))
            return cur.execute(sql, params or []).fetchall()
        finally:
            cur.close()

    def fuse_counters(self) -> tuple[int, int, int] | None:
        """(documents, next arrival rank, next batch number), or None when the store was never fused."""
        rows = self.conn.execute("SELECT n_docs, next_seq, batch FROM fuse_meta").fetchall()
        return None if not rows else (int(rows[0][0]), int(rows[0][1]), int(rows[0][2]))

    def count_articles(self) -> int:
        return int(self.conn.execute("SELECT count(*) FROM articles").fetchall()[0][0])

    def count_stories(self) -> int:
        return int(self.conn.execute("SELECT count(*) FROM stories").fetchall()[0][0])

    def unfused_ids(self) -> list[str]:
        """Articles stored but not yet in a story."""
        return [r[0] for r in self.conn.execute(
            "SELECT id FROM articles ANTI JOIN story_articles sa ON sa.article_id = articles.id ORDER BY id"
        ).fetchall()]

    def fused_batches(self) -> dict[str, int]:
        """{article_id: batch it was fused in} (0 for rows fused before batches were recorded)."""
        return {r[0]: int(r[1] or 0) for r in self.conn.execute(
            "SELECT article_id, batch FROM story_articles").fetchall()}

    def band_matches(self, keys: Iterable[int]) -> list[tuple[int, str, int, bytes, str]]:
        """(key, article_id, seq, signature, primary) of the indexed articles sharing one of ``keys``."""
        hits = self._with("_keys", "key", sorted(set(keys)), pa.int64(),
                          "SELECT b.key, b.article_id, b.seq FROM fuse_bands b SEMI JOIN _keys k ON k.key = b.key")
        if not hits:
            return []
        spans = " OR ".join(f"seq BETWEEN {a} AND {b}" for a, b in runs(sorted({int(h[2]) for h in hits})))
        sigs = {r[0]: r[1:] for r in self._with(
            "_ids", "id", sorted({h[1] for h in hits}), pa.string(),
            f"SELECT article_id, seq, sig, primary_id FROM fuse_minhash WHERE ({spans}) AND article_id IN "
            "(SELECT id FROM _ids)")}
        return sorted(((k, a, *sigs[a]) for k, a, _ in hits if a in sigs), key=lambda r: r[2])

    def stories_of(self, article_ids: Iterable[str]) -> dict[str, str]:
        rows = self._with("_ids", "id", sorted(set(article_ids)), pa.string(),
                          "SELECT sa.article_id, sa.story_id FROM story_articles sa SEMI JOIN _ids i "
                          "ON i.id = sa.article_id")
        return {r[0]: r[1] for r in rows}

    def frequencies(self, feats: Iterable[str]) -> dict[str, int]:
        rows = self._with("_feats", "f", sorted(set(feats)), pa.string(),
                          "SELECT d.feature, d.n FROM fuse_df d SEMI JOIN _feats f ON f.f = d.feature")
        return {r[0]: int(r[1]) for r in rows}

    def stories_within(self, spans: Sequence[tuple[date, date]] | None) -> list[dict[str, Any]]:
        """Index rows of the stories whose span meets one of ``spans`` or has no date (all when None)."""
        sql = "SELECT id, first_day, last_day, norm2, centroid FROM fuse_stories"
        queries: list[tuple[str, list[Any]]] = [(sql + " ORDER BY id", [])]
        if spans is not None:  # plain range conditions, so the scan filters before reading the centroids
            queries = [(sql + " WHERE first_day IS NULL", [])] + [
                (sql + " WHERE last_day >= ? AND first_day <= ?", [lo, hi]) for lo, hi in spans]
        rows: dict[str, tuple[Any, ...]] = {}
        cur = self.conn.cursor()
        try:
            for q, params in queries:
                rows.update((r[0], r) for r in cur.execute(q, params).fetchall())
        finally:
            cur.close()
        return [{"id": r[0], "first_day": r[1], "last_day": r[2], "norm2": r[3], "centroid": json.loads(r[4])}
                for _, r in sorted(rows.items())]

    def story_members(self, story_ids: Iterable[str]) -> list[dict[str, Any]]:
        """story_articles rows of these stories."""
        rows = self._with("_sids", "id", sorted(set(story_ids)), pa.string(),
                          "SELECT story_id, article_id, duplicate_of, similarity FROM story_articles sa "
                          "SEMI JOIN _sids s ON s.id = sa.story_id")
        return [{"story_id": r[0], "article_id": r[1], "duplicate_of": r[2], "similarity": r[3]} for r in rows]

    def save_fuse_batch(self, *, members: list[dict[str, Any]], signatures: list[dict[str, Any]],
                        bands: list[dict[str, Any]], frequencies: dict[str, int], stories: list[dict[str, Any]],
                        counters: tuple[int, int, int], fused: dict[str, list[dict[str, Any]]],
                        recomputed: Iterable[str], full: bool = False) -> None:
        """Write one fuse run in one transaction (``full``: every fused and index table starts empty)."""
        with self.transaction() as c:
            if full:
                self.clear_fused(c)  # type: ignore[attr-defined]
            insert_rows(c, "story_articles", members)
            insert_rows(c, "fuse_minhash", signatures)
            insert_rows(c, "fuse_bands", bands)
            feats = sorted(frequencies)
            if not full:
                c.register("_feats", pa.table({"f": pa.array(feats, type=pa.string())}))
                c.execute("DELETE FROM fuse_df WHERE feature IN (SELECT f FROM _feats)")
                c.unregister("_feats")
            c.register("_df", pa.table({"feature": pa.array(feats, type=pa.string()),
                                        "n": pa.array([frequencies[f] for f in feats], type=pa.int64())}))
            c.execute("INSERT INTO fuse_df SELECT feature, n FROM _df")
            c.unregister("_df")
            c.execute("DELETE FROM fuse_stories WHERE id IN (SELECT unnest(?::VARCHAR[]))",
                      [[s["id"] for s in stories]])
            insert_rows(c, "fuse_stories", [{**s, "centroid": json.dumps(s["centroid"])} for s in stories])
            c.execute("DELETE FROM fuse_meta")
            c.execute("INSERT INTO fuse_meta VALUES (?, ?, ?)", list(counters))
            self.write_fused(recomputed, fused, c)  # type: ignore[attr-defined]
