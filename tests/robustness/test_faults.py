"""Faults: kill -9 during export, a full disk, a read-only store, two writers on one store."""
from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyarrow.parquet as pq
import pytest

import dateline
from dateline.errors import StoreError
from dateline.store import Store

from ..conftest import SEEDS

CLI = [sys.executable, "-m", "dateline.cli"]


@pytest.fixture(scope="module")
def seeded_db(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("db") / "s.duckdb"
    dateline.ingest([SEEDS], db=str(db), fuse=False)
    return db


def test_second_writer_gets_clear_lock_error(seeded_db: Path) -> None:
    with Store(seeded_db):  # this process holds the write lock
        res = subprocess.run([*CLI, "ingest", str(SEEDS), "--db", str(seeded_db)],
                             capture_output=True, text=True, timeout=120)
    assert res.returncode == 1
    assert "in use by another process" in res.stderr and str(seeded_db) in res.stderr
    assert "Traceback" not in res.stderr
    with Store(seeded_db, read_only=True) as s:  # nothing lost
        assert s.counts()["articles"] == 2


def test_read_only_store_refuses_writes(seeded_db: Path) -> None:
    with Store(seeded_db, read_only=True) as s, pytest.raises(StoreError, match="write failed"):
        s.add([dateline.extract("Talks resumed on Monday.", dct="2025-05-12")])


def test_readonly_file_gives_clear_error(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root ignores file permissions")  # covered by the read_only connection test above
    db = tmp_path / "ro.duckdb"
    dateline.ingest([SEEDS], db=str(db), fuse=False)
    db.chmod(0o444)
    res = subprocess.run([*CLI, "ingest", str(SEEDS), "--db", str(db), "--force"], capture_output=True, text=True)
    assert res.returncode == 1 and "cannot open store" in res.stderr


def test_store_on_a_read_only_file_system(tmp_path: Path, seeded_db: Path) -> None:
    """As root (file modes do not stop root) through a read-only bind mount in a mount namespace of its own:
    writing is a clear error that says the read commands work; they do."""
    if os.geteuid() != 0 or subprocess.run(["unshare", "-m", "true"], capture_output=True).returncode != 0:
        pytest.skip("needs root and unshare for a read-only bind mount")
    folder = tmp_path / "ro"
    folder.mkdir()
    db = folder / "s.duckdb"
    db.write_bytes(seeded_db.read_bytes())
    cli = " ".join(CLI)
    script = (f"mount --bind {folder} {folder} && mount -o remount,bind,ro {folder} && "
              f"{{ {cli} ingest {SEEDS} --db {db} --force; echo ingest=$?; {cli} show --db {db}; echo show=$?; }}")
    res = subprocess.run(["unshare", "-m", "sh", "-c", script], capture_output=True, text=True, timeout=300)
    assert "ingest=1" in res.stdout and "show=0" in res.stdout, res.stdout + res.stderr
    assert f"{db}: cannot open store for writing" in res.stderr and "open it read-only" in res.stderr
    assert "Traceback" not in res.stderr
    with Store(db, read_only=True) as s:
        assert s.counts()["articles"] == 2


def _limit_file_size() -> None:  # runs in the child: writes past 2 MB fail with EFBIG ("disk full")
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (2_000_000, 2_000_000))


@pytest.mark.slow
def test_full_disk_gives_clear_error_and_keeps_data(tmp_path: Path, seeded_db: Path) -> None:
    db = tmp_path / "full.duckdb"
    db.write_bytes(seeded_db.read_bytes())
    big = tmp_path / "big.jsonl"
    text = (SEEDS / "004_a2656dd142b0d0b9.txt").read_text()
    import json

    with big.open("w") as fh:
        for i in range(40):
            fh.write(json.dumps({"id": f"b{i}", "time": "2025-05-12", "text": f"Copy {i}. " + text * 6}) + "\n")
    res = subprocess.run([*CLI, "ingest", str(big), "--db", str(db), "--batch-size", "40"], capture_output=True,
                         text=True, timeout=600, preexec_fn=_limit_file_size)
    assert res.returncode != 0
    assert "error:" in res.stderr and str(db) in res.stderr and "Traceback" not in res.stderr
    with Store(db, read_only=True) as s:  # the store is still usable and holds what it had
        assert {"000_a2b0146f3b8e419c", "004_a2656dd142b0d0b9"} <= s.article_ids()


@pytest.mark.slow
def test_kill_9_during_export_leaves_store_and_files_consistent(tmp_path: Path, seeded_db: Path) -> None:
    out = tmp_path / "out"
    for delay in (0.5, 1.5, 3.0):
        proc = subprocess.Popen([*CLI, "export", "--db", str(seeded_db), "--format", "parquet", "--out", str(out)],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        for f in out.glob("*.parquet"):  # every finished file is complete (written then renamed)
            pq.read_table(f)
    with Store(seeded_db, read_only=True) as s:
        assert s.counts()["articles"] == 2
