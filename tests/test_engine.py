"""Streaming batch runs: workers, resumability, and the Ray engine giving the local engine's output."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import dateline
from dateline.fuse.run import fuse_store
from dateline.store import Store

from .conftest import CORPUS, SEEDS

INPUTS = [CORPUS] if CORPUS.is_dir() and any(CORPUS.iterdir()) else [SEEDS]


def dump(db: str) -> dict[str, list]:
    """Every table's rows (minus ingest timestamps), sorted: the store's content, comparable across runs."""
    out = {}
    with Store(db, read_only=True) as s:
        for t in ("articles", "timexes", "entities", "statements", "figures", "events", "places"):
            rows = s.query(f'SELECT * FROM "{t}"')
            for r in rows:
                r.pop("ingested_at", None)
                r.pop("ingest_batch", None)
            out[t] = sorted(rows, key=lambda r: sorted((k, str(v)) for k, v in r.items()))
    return out


def test_two_workers_same_output(tmp_path: Path) -> None:
    one, two = str(tmp_path / "1.duckdb"), str(tmp_path / "2.duckdb")
    r1 = dateline.ingest(INPUTS, db=one, batch_size=4, workers=1, fuse=False)
    r2 = dateline.ingest(INPUTS, db=two, batch_size=4, workers=2, fuse=False)
    assert r1.stored == r2.stored > 1
    assert dump(one) == dump(two)


def test_rerun_skips_stored_articles(tmp_path: Path) -> None:
    db = str(tmp_path / "r.duckdb")
    first = dateline.ingest(INPUTS, db=db, fuse=False)
    again = dateline.ingest(INPUTS, db=db, fuse=False)
    assert again.stored == 0 and again.unchanged == first.stored
    forced = dateline.ingest(INPUTS, db=db, force=True, fuse=False)
    assert forced.stored == first.stored


def _jsonl(path: Path, n: int) -> None:
    import json

    base = (SEEDS / "004_a2656dd142b0d0b9.txt").read_text().split("\n", 2)[-1]
    with path.open("w") as fh:
        for i in range(n):
            fh.write(json.dumps({"id": f"a{i:04d}", "time": "2025-05-12", "text": f"Report {i}. {base}"}) + "\n")


@pytest.mark.slow
def test_kill_9_then_resume_stores_each_article_once(tmp_path: Path) -> None:
    src = tmp_path / "many.jsonl"
    _jsonl(src, 120)
    db = str(tmp_path / "k.duckdb")
    cmd = [sys.executable, "-m", "dateline.cli", "ingest", str(src), "--db", db, "--batch-size", "8"]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.time() + 120
    stored = 0
    while time.time() < deadline and proc.poll() is None:  # wait until some batches are committed
        time.sleep(0.5)
        try:
            with Store(db, read_only=True) as s:
                stored = s.counts()["articles"]
        except Exception:  # noqa: BLE001 - locked while the writer runs
            continue
        if stored >= 16:
            break
    if proc.poll() is None:
        os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    with Store(db, read_only=True) as s:  # usable and consistent after kill -9
        n_before = s.counts()["articles"]
        orphans = s.query("SELECT count(*) AS n FROM timexes WHERE article_id NOT IN (SELECT id FROM articles)")
        assert orphans[0]["n"] == 0
    report = dateline.ingest([src], db=db, batch_size=8)
    assert report.unchanged == n_before and report.stored == 120 - n_before
    with Store(db, read_only=True) as s:
        rows = s.query("SELECT count(*) AS n, count(DISTINCT id) AS d FROM articles")
        assert rows == [{"n": 120, "d": 120}]


@pytest.mark.slow
def test_ray_engine_matches_local(tmp_path: Path) -> None:
    pytest.importorskip("ray", reason="install the ray extra: pip install 'dateline[ray]'")
    from typer.testing import CliRunner

    from dateline.cli import app

    local = str(tmp_path / "local.duckdb")
    dateline.ingest(INPUTS, db=local, fuse=False)
    with Store(local) as store:  # `load` fuses, and fusing re-dates undated articles by their stories
        fuse_store(store, full=True)
    out = tmp_path / "parquet"
    runner = CliRunner()
    res = runner.invoke(app, ["ingest", *map(str, INPUTS), "--engine", "ray", "--out", str(out), "--workers", "2"])
    assert res.exit_code == 0, res.output
    assert list(out.rglob("*.parquet"))
    ray_db = str(tmp_path / "ray.duckdb")
    res = runner.invoke(app, ["load", str(out), "--db", ray_db])
    assert res.exit_code == 0, res.output
    assert dump(ray_db) == dump(local)


def test_load_names_files_that_are_no_partitions(tmp_path: Path) -> None:
    """`dateline load` of a folder holding a good partition, a damaged file and a Parquet file of another table:
    the good rows are stored, each bad file is named, no traceback."""
    import json as _json

    import pyarrow as pa
    import pyarrow.parquet as pq
    from typer.testing import CliRunner

    from dateline.cli import app

    runner = CliRunner()
    parts = tmp_path / "parts"
    parts.mkdir()
    ex = dateline.extract("Talks resumed in Cairo on Monday, officials said.", dct="2025-05-12", id="p1")
    pq.write_table(pa.table({"kind": ["extraction", "extraction"], "id": ["p1", "bad"],
                             "payload": [_json.dumps(ex.to_dict()), "{not json"]}), parts / "part-0.parquet")
    (parts / "part-1.parquet").write_bytes(b"junk")
    pq.write_table(pa.table({"x": [1]}), parts / "other.parquet")
    db = str(tmp_path / "l.duckdb")
    res = runner.invoke(app, ["load", str(parts), "--db", db])
    assert res.exit_code == 0, res.output
    assert "1 stored, 3 rejected" in res.output
    for name in ("part-0.parquet#row2", "part-1.parquet", "other.parquet"):
        assert name in res.output
    empty = tmp_path / "empty"
    empty.mkdir()
    res = runner.invoke(app, ["load", str(empty), "--db", db])
    assert res.exit_code == 1 and "no Parquet partitions" in res.output
