"""The DuckDB store: idempotent re-ingest, exports, read-only opening, clear errors."""
from __future__ import annotations

import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest

import dateline
from dateline.errors import StoreError
from dateline.store import Store

from .conftest import SEEDS


def test_reingest_replaces_never_duplicates(tmp_db: str, tmp_path: Path) -> None:
    first = dateline.ingest([SEEDS], db=tmp_db)
    assert first.stored == 2 and not first.rejected
    with Store(tmp_db) as s:
        before = s.counts()
    dateline.ingest([SEEDS], db=tmp_db)
    with Store(tmp_db) as s:
        assert s.counts() == before
    # same text under another id (a copy of the file) replaces the old article too
    copy = tmp_path / "copy.txt"
    copy.write_text((SEEDS / "000_a2b0146f3b8e419c.txt").read_text())
    dateline.ingest([copy], db=tmp_db)
    with Store(tmp_db) as s:
        ids = s.article_ids()
        assert "copy" in ids and "000_a2b0146f3b8e419c" not in ids and len(ids) == 2
        assert s.counts()["timexes"] == before["timexes"]


def test_stored_records_round_trip_with_valid_offsets(tmp_db: str) -> None:
    dateline.ingest([SEEDS], db=tmp_db)
    with Store(tmp_db, read_only=True) as s:
        ex = s.get_extraction("004_a2656dd142b0d0b9")
        assert ex is not None and ex.article.dct == "2025-05-12"
        n = 0
        for recs in ex.records().values():
            for r in recs:
                assert ex.article.text[r.start:r.end] == r.text
                n += 1
        assert n > 10
        assert s.get_extraction("nope") is None


def test_rejected_are_kept_and_batch_completes(tmp_db: str, tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01binary")
    report = dateline.ingest([bad, SEEDS], db=tmp_db)
    assert report.stored == 2 and [r.path for r in report.rejected] == [str(bad)]
    with Store(tmp_db, read_only=True) as s:
        rows = s.query("SELECT path, reason FROM rejected")
        assert rows == [{"path": str(bad), "reason": "binary file (contains NUL bytes), not text"}]


@pytest.mark.parametrize("fmt", ["parquet", "csv", "jsonl"])
def test_export(tmp_db: str, tmp_path: Path, fmt: str) -> None:
    dateline.ingest([SEEDS], db=tmp_db)
    with Store(tmp_db, read_only=True) as s:
        files = s.export(fmt, tmp_path / "out")
        counts = s.counts()
    by_name = {f.stem: f for f in files}
    assert set(by_name) == set(counts)
    arts = by_name["articles"]
    if fmt == "parquet":
        assert pq.read_table(arts).num_rows == 2
        assert pq.read_table(by_name["entities"]).num_rows == counts["entities"]
    elif fmt == "jsonl":
        rows = [json.loads(x) for x in arts.read_text().splitlines()]
        assert {r["id"] for r in rows} == {"000_a2b0146f3b8e419c", "004_a2656dd142b0d0b9"}
    else:
        assert arts.read_text().splitlines()[0].startswith('"id"')


def test_export_unknown_format(tmp_db: str, tmp_path: Path) -> None:
    with Store(tmp_db) as s, pytest.raises(StoreError, match="unknown export format"):
        s.export("xml", tmp_path)


def test_read_only_missing_store(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no such store"):
        Store(tmp_path / "missing.duckdb", read_only=True)


def test_not_a_database(tmp_path: Path, tmp_db: str) -> None:
    p = tmp_path / "junk.duckdb"
    p.write_bytes(b"this is not a duckdb file" * 100)
    with pytest.raises(StoreError, match="cannot open store: it is not a DuckDB store"):
        Store(p)
    empty = tmp_path / "empty.duckdb"  # created, then the run was killed before DuckDB wrote its header
    empty.write_bytes(b"")
    for read_only in (True, False):
        with pytest.raises(StoreError, match="empty file .* nothing is stored in it, delete it"):
            Store(empty, read_only=read_only)
    dateline.ingest([SEEDS], db=tmp_db, fuse=False)
    cut = tmp_path / "cut.duckdb"  # a store cut short (a partial copy)
    cut.write_bytes(Path(tmp_db).read_bytes()[:5000])
    with pytest.raises(StoreError, match="cut.duckdb: cannot open store: .*damaged"):
        Store(cut, read_only=True)


def test_reader_while_a_writer_holds_the_store(tmp_db: str) -> None:
    """DuckDB locks the file against other processes while one writes: a reader is told who holds it and how to
    read during ingests."""
    import subprocess
    import sys

    dateline.ingest([SEEDS], db=tmp_db, fuse=False)
    with Store(tmp_db):
        res = subprocess.run([sys.executable, "-m", "dateline.cli", "show", "--db", tmp_db], capture_output=True,
                             text=True, timeout=120)
    assert res.returncode == 1 and "Traceback" not in res.stderr
    assert f"{tmp_db}: the store is in use by another process" in res.stderr and "serve --watch" in res.stderr
