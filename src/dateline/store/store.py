"""The DuckDB store. Every SQL statement of dateline's core lives here; callers use methods."""
from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from ..errors import StoreError
from ..settings import settings
from ..model import MENTION_TYPES, Article, Extraction, Record, Rejected
from .csvcells import csv_table
from .fuse_index import FuseIndexStore
from .fused import FusedStore
from .queries import Queries
from .schema import SCHEMA

EXPORT_FORMATS = ("parquet", "csv", "jsonl", "json")


#: every connection: a missing extension is an error, never a download (a store must open offline)
_CONFIG: dict[str, str | bool | int | float | list[str]] = {"autoinstall_known_extensions": False, "autoload_known_extensions": False}


def _connect(path: str, read_only: bool) -> duckdb.DuckDBPyConnection:
    """Open ``path``; a WAL that DuckDB cannot replay at open (see ``Store._schema_change``) is replayed
    through ATTACH from an in-memory database, where the built-in functions are already registered."""
    try:
        try:
            return duckdb.connect(path, read_only=read_only, config=_CONFIG)
        except duckdb.Error as e:
            if "replaying WAL" not in str(e):
                raise
            if read_only:
                first = str(e).splitlines()[0]
                raise StoreError(f"{path}: cannot open store read-only: its write-ahead log ({path}.wal), left by "
                                 "an interrupted write, needs recovery; open it read-write once (e.g. `dateline "
                                 f"fuse --db {path}`): {first}") from None
            _recover_wal(path)
            return duckdb.connect(path, read_only=read_only, config=_CONFIG)
    except duckdb.IOException as e:
        msg = str(e)
        if "lock" in msg.lower():
            hint = ("; a writer (ingest, fuse, load, watch) holds it: read when it is done, or serve while "
                    "writing with `dateline serve --watch`, whose API reads during ingests" if read_only else
                    "; DuckDB has one writer per file: stop the other process, or let one process write "
                    "(`dateline serve --allow-ingest` or `--watch`)")
            raise StoreError(f"{path}: the store is in use by another process (DuckDB lock){hint}: {msg}") from None
        if not read_only and ("read-only" in msg.lower() or "permission denied" in msg.lower()):
            raise StoreError(f"{path}: cannot open store for writing (read-only file or folder; the read "
                             f"commands — show, stories, timeline, export, serve — open it read-only): {msg}") from None
        if "not a valid DuckDB database" in msg or "Could not read enough bytes" in msg:
            empty = Path(path).is_file() and Path(path).stat().st_size == 0
            why = ("it is an empty file (left by an interrupted first run?): nothing is stored in it, delete it"
                   if empty else "it is not a DuckDB store, or a damaged one (check --db / DATELINE_DB)")
            raise StoreError(f"{path}: cannot open store: {why}: {msg}") from None
        raise StoreError(f"{path}: cannot open store: {msg}") from None
    except duckdb.Error as e:
        raise StoreError(f"{path}: cannot open store: {e}") from None


def _recover_wal(path: str) -> None:
    mem = duckdb.connect(":memory:", config=_CONFIG)
    try:
        mem.execute("ATTACH ? AS recovering", [path])
        mem.execute("CHECKPOINT recovering")
        mem.execute("DETACH recovering")
    finally:
        mem.close()


class Store(FusedStore, FuseIndexStore, Queries):
    """A DuckDB file (or ``:memory:``) holding articles and their records.

    Opening read-only never writes. Two writers on one file get a clear ``StoreError``, not corruption.
    Every read of ``Queries`` (stories, timelines, records, search) is a method of the store.
    """

    def __init__(self, path: str | Path | None = None, *, read_only: bool = False) -> None:
        self.path = str(path if path is not None else settings.db)
        self.read_only = read_only
        if read_only and self.path != ":memory:" and not Path(self.path).exists():
            raise StoreError(f"{self.path}: no such store (run `dateline ingest` first)")
        self.conn = _connect(self.path, read_only)
        if not read_only:
            with self._schema_change():
                for stmt in SCHEMA:
                    self.conn.execute(stmt)

    @contextmanager
    def _schema_change(self) -> Iterator[None]:
        """Checkpoint after DDL that changed the catalog, so no schema change is ever replayed from the WAL.

        DuckDB replays an ``ALTER TABLE ... ADD COLUMN ... DEFAULT current_timestamp`` before its built-in
        functions are registered and then wants to download ``core_functions``: after a kill -9 the store
        could not be opened offline. A checkpoint folds the change into the file and empties the WAL."""
        before = self._catalog()
        yield
        if self._catalog() != before:
            self.conn.execute("CHECKPOINT")

    def _catalog(self) -> list[tuple[Any, ...]]:
        return self.conn.execute(
            "SELECT table_name, column_name, column_default FROM duckdb_columns() WHERE NOT internal "
            "UNION ALL SELECT table_name, index_name, NULL FROM duckdb_indexes() ORDER BY ALL").fetchall()

    # -- lifecycle -------------------------------------------------------------------------------
    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[duckdb.DuckDBPyConnection]:
        self.conn.execute("BEGIN TRANSACTION")
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    def reader(self) -> Queries:
        """The reads over a connection of their own, for readers in other threads (a cursor of it per call),
        apart from the one the writer uses."""
        return Queries(self.conn.cursor())

    # -- writes ----------------------------------------------------------------------------------
    def add(self, extractions: Iterable[Extraction]) -> int:
        """Store a batch in one transaction; an article with the same id or text hash is replaced."""
        batch = list(extractions)
        if not batch:
            return 0
        try:
            with self.transaction() as c:
                ids = [e.article.id for e in batch]
                hashes = [e.article.text_hash for e in batch]
                old = [r[0] for r in c.execute(
                    "SELECT id FROM articles WHERE list_contains(?, id) OR list_contains(?, text_hash)",
                    [ids, hashes]).fetchall()]
                stale = sorted(set(old) | set(ids))
                for table in MENTION_TYPES:
                    c.execute(f"DELETE FROM {table} WHERE list_contains(?, article_id)", [stale])
                c.execute("DELETE FROM articles WHERE list_contains(?, id)", [stale])
                c.execute("DELETE FROM rejected WHERE list_contains(?, path)",
                          [[e.article.path for e in batch if e.article.path]])
                # last one wins inside a batch too
                unique = {e.article.id: e for e in batch}
                seq = int(c.execute("SELECT nextval('ingest_batches')").fetchall()[0][0])
                self._insert(c, Article, [e.article for e in unique.values()], seq)
                for name, cls in MENTION_TYPES.items():
                    self._insert(c, cls, [r for e in unique.values() for r in getattr(e, name)], seq)
        except duckdb.Error as e:
            raise StoreError(f"{self.path}: write failed: {e}") from None
        return len(batch)

    def add_rejected(self, rejected: Iterable[Rejected]) -> int:
        rows = list(rejected)
        if rows:
            with self.transaction() as c:
                c.execute("DELETE FROM rejected WHERE list_contains(?, path)", [[r.path for r in rows]])
                self._insert(c, Rejected, rows)
        return len(rows)

    @staticmethod
    def _insert(c: duckdb.DuckDBPyConnection, cls: type[Record], rows: list[Any], batch: int | None = None) -> None:
        if not rows:
            return
        names = [f.name for f in dataclasses.fields(cls)]
        tbl = pa.Table.from_pylist([{n: getattr(r, n) for n in names} for r in rows])
        cols = ", ".join(f'"{n}"' for n in names)
        c.register("_batch", tbl)
        try:
            if batch is None:
                c.execute(f"INSERT INTO {cls.table} ({cols}) SELECT {cols} FROM _batch")
            else:
                c.execute(f"INSERT INTO {cls.table} ({cols}, ingest_batch) SELECT {cols}, ? FROM _batch", [batch])
        finally:
            c.unregister("_batch")

    # -- reads -----------------------------------------------------------------------------------
    def latest_articles(self, n: int = 10) -> list[dict[str, Any]]:
        return self.query(
            "SELECT id, title, source, dct, dct_origin, length(text) AS chars FROM articles "
            "ORDER BY dct DESC NULLS LAST, id LIMIT ?", [n])

    def known_articles(self, articles: list[Article]) -> set[str]:
        """Ids of the given articles already stored with the same id and the same text."""
        if not articles:
            return set()
        rows = self.conn.execute(
            "SELECT id FROM articles WHERE list_contains(?, id || ':' || text_hash)",
            [[f"{a.id}:{a.text_hash}" for a in articles]]).fetchall()
        return {r[0] for r in rows}

    def last_batch(self) -> int:
        """The number of the last ingest batch written (0 for a new store)."""
        return int(self.conn.execute("SELECT coalesce(max(ingest_batch), 0) FROM articles").fetchall()[0][0])

    def articles_since(self, batch: int, ids: list[str]) -> dict[str, tuple[str, str | None]]:
        """``id -> (text_hash, path)`` of the given ids stored by batches after ``batch``."""
        if not ids:
            return {}
        rows = self.conn.execute("SELECT id, text_hash, path FROM articles WHERE ingest_batch > ? "
                                 "AND list_contains(?, id)", [batch, ids]).fetchall()
        return {r[0]: (r[1], r[2]) for r in rows}

    def stored_ids_or_texts(self, articles: list[Article]) -> set[str]:
        """Ids of the given articles whose id, or whose text (hash), is already stored."""
        if not articles:
            return set()
        by_hash: dict[str, list[str]] = {}
        for a in articles:
            by_hash.setdefault(a.text_hash, []).append(a.id)
        rows = self.conn.execute(
            "SELECT id, text_hash FROM articles WHERE list_contains(?, id) OR list_contains(?, text_hash)",
            [[a.id for a in articles], list(by_hash)]).fetchall()
        ids = {a.id for a in articles}
        return {r[0] for r in rows if r[0] in ids} | {i for r in rows for i in by_hash.get(r[1], [])}

    def article_ids(self) -> set[str]:
        return {r[0] for r in self.conn.execute("SELECT id FROM articles").fetchall()}

    def get_extraction(self, article_id: str) -> Extraction | None:
        rows = self.query("SELECT * EXCLUDE (ingested_at, ingest_batch) FROM articles WHERE id = ?", [article_id])
        if not rows:
            return None
        ex = Extraction(article=Article.from_dict(rows[0]))
        for name, cls in MENTION_TYPES.items():
            recs = self.query(f"SELECT * FROM {name} WHERE article_id = ? ORDER BY start, \"end\"", [article_id])
            setattr(ex, name, [cls.from_dict(r) for r in recs])
        return ex

    def extractions(self) -> Iterator[Extraction]:
        for (aid,) in self.conn.execute("SELECT id FROM articles ORDER BY dct NULLS LAST, id").fetchall():
            ex = self.get_extraction(aid)
            if ex is not None:
                yield ex

    # -- export ----------------------------------------------------------------------------------
    def export(self, fmt: str, out_dir: str | Path) -> list[Path]:
        """Write every table to ``out_dir`` as Parquet, CSV, JSON Lines or JSON (one array of row objects per
        table); returns the files written."""
        if fmt not in EXPORT_FORMATS:
            raise StoreError(f"unknown export format {fmt!r}; use one of {', '.join(EXPORT_FORMATS)}")
        out = Path(out_dir)
        try:
            out.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise StoreError(f"{out}: cannot write the export here ({e.strerror or e}; --out is a folder)") from None
        written = []
        for table in self.tables():
            target = out / f"{table}.{fmt}"
            tmp = target.with_suffix(target.suffix + ".tmp")
            arrow = self.conn.sql(f'SELECT * FROM "{table}"').to_arrow_table()
            if fmt == "parquet":
                import pyarrow.parquet as pq

                pq.write_table(arrow, tmp)
            elif fmt == "csv":
                import pyarrow.csv as pcsv

                pcsv.write_csv(csv_table(arrow), tmp)
            else:
                import json

                rows = [json.dumps(row, ensure_ascii=False, default=str) for row in arrow.to_pylist()]
                with open(tmp, "w", encoding="utf-8") as fh:  # json: an array, one row object a line
                    fh.write("".join(r + "\n" for r in rows) if fmt == "jsonl" else "[" + ",\n".join(rows) + "]\n")
            tmp.replace(target)  # atomic: a killed export never leaves a half-written file
            written.append(target)
        return written
