"""A store killed with -9 opens again on a machine without internet; nothing it holds depends on a download."""
from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from dateline.errors import StoreError
from dateline.model import Article, Extraction
from dateline.store import Store
from dateline.store.schema import DDL, create_table_sql

from .offline import downloaded_extensions, namespace_prefix, run_offline

# a process that creates a fresh store, commits one article and dies by kill -9 (nothing checkpointed at close)
KILLED_WRITER = """
import os, signal, sys
from dateline.model import Article, Extraction
from dateline.store import Store
s = Store(sys.argv[1])
s.add([Extraction(article=Article(id="a1", text="Strikes hit Rafah on Monday.", dct="2025-05-12"))])
os.kill(os.getpid(), signal.SIGKILL)
"""

REOPEN = """
import sys
from dateline.store import Store
with Store(sys.argv[1]) as s:
    print(sorted(s.article_ids()), s.counts()["timexes"])
"""


def test_offline_subprocess_cannot_reach_the_network(tmp_path: Path) -> None:
    """The helper the crash tests rely on does block the network (else they could pass by downloading)."""
    probe = ("import socket, urllib.request\n"
             "try:\n    urllib.request.urlopen('http://extensions.duckdb.org/', timeout=5); print('reached')\n"
             "except Exception as e:\n    print('blocked', type(e).__name__)\n")
    res = run_offline([sys.executable, "-c", probe], tmp_path / "home", timeout=60)
    assert res.stdout.startswith("blocked"), res.stdout + res.stderr
    if namespace_prefix():  # a real network namespace: not even a raw socket gets out
        probe = ("import socket\ns = socket.socket(); s.settimeout(5)\n"
                 "try:\n    s.connect(('1.1.1.1', 80)); print('reached')\nexcept OSError:\n    print('blocked')\n")
        res = run_offline([sys.executable, "-c", probe], tmp_path / "home", timeout=60)
        assert res.stdout.strip() == "blocked", res.stdout + res.stderr


def test_fresh_store_killed_after_a_commit_opens_read_write_offline(tmp_path: Path) -> None:
    """The WAL of a fresh store killed with -9 replays without the network. It used to hold the schema's
    ``ALTER TABLE ... DEFAULT current_timestamp``, which DuckDB 2.0 replays only after downloading
    ``core_functions``: offline the store could not be opened at all."""
    db = tmp_path / "k.duckdb"
    home = tmp_path / "home"
    killed = subprocess.run([sys.executable, "-c", KILLED_WRITER, str(db)], capture_output=True, text=True,
                            timeout=300)
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    assert Path(f"{db}.wal").stat().st_size > 0  # the commit is only in the WAL: the reopen must replay it
    res = run_offline([sys.executable, "-c", REOPEN, str(db)], home, timeout=300)
    assert res.returncode == 0, res.stderr
    assert res.stdout.split("\n")[0] == "['a1'] 0"
    assert downloaded_extensions(home) == []


def _legacy_wal(db: Path) -> None:
    """A store as the old schema left it when killed: the ALTER that adds ingested_at still in the WAL."""
    old_create = create_table_sql(Article).replace(', "ingested_at" TIMESTAMP DEFAULT current_timestamp', "")
    alter = next(s for s in DDL if s.startswith("ALTER TABLE articles") and "ingested_at" in s)
    code = ("import duckdb, os, signal, sys\nc = duckdb.connect(sys.argv[1])\n"
            "for s in sys.argv[2:]:\n    c.execute(s)\n"
            "c.execute(\"INSERT INTO articles (id, text, text_hash) VALUES ('old', 'Old text.', 'h')\")\n"
            "os.kill(os.getpid(), signal.SIGKILL)\n")
    subprocess.run([sys.executable, "-c", code, str(db), old_create, alter], capture_output=True, timeout=120)
    assert Path(f"{db}.wal").stat().st_size > 0


def test_legacy_wal_is_recovered_on_read_write_open(tmp_path: Path) -> None:
    db = tmp_path / "legacy.duckdb"
    _legacy_wal(db)
    with pytest.raises(duckdb.Error, match="core_functions"):  # what DuckDB itself does with it, offline
        duckdb.connect(str(db), config={"autoinstall_known_extensions": False,
                                        "autoload_known_extensions": False})
    with pytest.raises(StoreError, match=r"legacy\.duckdb.*needs recovery; open it read-write once"):
        Store(db, read_only=True)  # read-only never writes, so it cannot fold the WAL in: a clear error
    with Store(db) as s:
        assert s.article_ids() == {"old"}
        assert s.query("SELECT ingested_at IS NOT NULL AS t FROM articles") == [{"t": True}]  # ALTER replayed
    assert not Path(f"{db}.wal").exists() or Path(f"{db}.wal").stat().st_size == 0
    with Store(db, read_only=True) as s:
        assert s.article_ids() == {"old"}


@pytest.mark.parametrize("read_only", [False, True])
def test_store_connections_never_install_or_load_extensions(tmp_path: Path, read_only: bool) -> None:
    db = tmp_path / "x.duckdb"
    Store(db).close()
    with Store(db, read_only=read_only) as s:
        settings = s.query("SELECT current_setting('autoinstall_known_extensions') AS i, "
                           "current_setting('autoload_known_extensions') AS l")
        assert settings == [{"i": False, "l": False}]
        # a query needing an extension that is not loaded fails at once, naming it (no download attempted)
        with pytest.raises(duckdb.Error, match="httpfs"):
            s.query("SELECT * FROM read_csv('https://example.invalid/x.csv')")


def test_schema_change_is_checkpointed_out_of_the_wal(tmp_path: Path) -> None:
    """Creating every table at open (records, fused tables, fusion index) leaves no DDL for a WAL replay: the
    file is checkpointed; reopening an up-to-date store changes no schema, so nothing is checkpointed."""
    db = tmp_path / "f.duckdb"
    wal = Path(f"{db}.wal")
    with Store(db) as s:
        assert "stories" in s.tables()
        assert not wal.exists() or wal.stat().st_size == 0
        s.add([Extraction(article=Article(id="a1", text="Strikes hit Rafah on Monday."))])
        assert wal.stat().st_size > 0
    with Store(db) as s:  # the close checkpointed the commit; the reopen runs the DDL again, a no-op
        assert not wal.exists() or wal.stat().st_size == 0
        assert s.article_ids() == {"a1"}

