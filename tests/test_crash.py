"""kill -9 at 20 points of `dateline ingest` / `dateline export`, each followed by the same command, all with the
network blocked: the store always opens read-write, every article is stored exactly once, no record is orphaned.

Three fresh stores each go through six kills (where: tests/crash_hook.py; timed kills draw their delay from a
seeded RNG) and a final run; then two kills of `dateline export` on the last store. Each kill is followed by the
next run of the same command, which must open the store read-write; the store is checked after every kill.
"""
from __future__ import annotations

import csv
import json
import random
import signal
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from dateline.store import Store

from .offline import downloaded_extensions, run_offline

HOOK = Path(__file__).with_name("crash_hook.py")
N = 24  # short articles, 6 batches of 4, and one malformed line
BATCH = "4"
MENTIONS = ("timexes", "entities", "statements", "figures", "events", "places")

_rng = random.Random(19)
#: (kill point of each run) per fresh store; ``open:``/``fuse:`` delays are seconds, drawn once from the seeded RNG
CHAINS = [
    ["tx:1", "committed:1", "extract:2", "tx:2", "fusetx", f"open:{_rng.uniform(0, 1):.2f}"],
    [f"open:{_rng.uniform(0, 1.5):.2f}", "committed:2", f"open:{_rng.uniform(0, 1.5):.2f}", "extract:1",
     f"fuse:{_rng.uniform(0, 0.5):.2f}", "fusetx"],
    ["extract:1", "tx:3", f"open:{_rng.uniform(0, 1.5):.2f}", "committed:1", "fusetx",
     f"fuse:{_rng.uniform(0, 0.5):.2f}"],
]
EXPORT_KILLS = [("csv", "export:1"), ("parquet", "export:4")]

PLACES = ["Rafah", "Khan Younis", "Jabalia", "Gaza City", "Deir al-Balah", "Beit Lahia"]
FIRES = ["Malibu", "Pasadena", "Altadena", "Santa Monica"]


def write_input(path: Path) -> set[str]:
    """Short synthetic articles on two stories, each text distinct, and one malformed line."""
    ids = set()
    with path.open("w", encoding="utf-8") as fh:
        for i in range(N):
            if i % 3 == 2:
                place = FIRES[i % len(FIRES)]
                text = (f"A wildfire near {place} burned {100 + 37 * i} acres on Tuesday, fire officials said. "
                        f"Governor Gavin Newsom said {i + 2} crews were fighting the blaze.")
            else:
                place = PLACES[i % len(PLACES)]
                text = (f"Israeli strikes killed {3 + 5 * i} people in {place} on Monday, the health ministry said. "
                        "Hamas said talks in Cairo would resume.")
            aid = f"c{i:03d}"
            ids.add(aid)
            fh.write(json.dumps({"id": aid, "time": f"2025-05-{10 + i % 6:02d}", "title": f"Report {i}",
                                 "text": text}) + "\n")
            if i == 9:
                fh.write('{"id": "broken", "text": \n')
    return ids


def check(db: Path, ids: set[str], *, complete: bool) -> int:
    """The store's invariants; returns the number of articles."""
    with Store(db, read_only=True) as s:
        tables = set(s.tables())
        one = s.query("SELECT count(*) AS n, count(DISTINCT id) AS ids, count(DISTINCT text_hash) AS texts "
                      "FROM articles")[0]
        assert one["n"] == one["ids"] == one["texts"], one
        stored = s.article_ids()
        assert stored <= ids
        for t in MENTIONS:
            orphans = s.query(f"SELECT count(*) AS n FROM {t} WHERE article_id NOT IN (SELECT id FROM articles)")
            assert orphans == [{"n": 0}], t
        rej = s.query("SELECT count(*) AS n, count(DISTINCT path) AS paths FROM rejected")[0]
        assert rej["n"] == rej["paths"] <= 1
        if "story_articles" in tables:
            for t in ("story_articles", "figure_series"):
                orphans = s.query(f"SELECT count(*) AS n FROM {t} WHERE article_id NOT IN (SELECT id FROM articles)")
                assert orphans == [{"n": 0}], t
            members = s.query("SELECT count(*) AS n, count(DISTINCT article_id) AS a FROM story_articles")[0]
            assert members["n"] == members["a"]  # no article in two stories
            lost = s.query("SELECT count(*) AS n FROM story_articles WHERE story_id NOT IN (SELECT id FROM stories)")
            assert lost == [{"n": 0}]
        if complete:
            assert stored == ids and rej["n"] == 1
            assert {r["article_id"] for r in s.query("SELECT article_id FROM story_articles")} == ids
            assert s.query("SELECT count(*) AS n FROM stories")[0]["n"] >= 2
        return len(stored)


def run(spec: str, args: list[str], home: Path, log: Path) -> list[str]:
    """One run of the CLI with the network blocked, killed at ``spec``; the events it logged."""
    log.write_text("")
    res = run_offline([sys.executable, str(HOOK), spec, str(log), *args], home, timeout=600)
    events = log.read_text().split()
    where = f"{spec}: events {' '.join(log.read_text().splitlines())}\n{res.stdout}\n{res.stderr[-2000:]}"
    assert "open" in events, f"the store did not open read-write: {where}"
    # the CLI exits 1 when it rejected an input and stored nothing new (a re-run after everything is stored)
    ok = {"0", "1"} if "\n0 stored" in f"\n{res.stdout}" and "1 rejected" in res.stdout else {"0"}
    code = events[events.index("exit") + 1] if "exit" in events else None
    assert code is None or code in ok, where
    assert res.returncode == (int(code or 0) if spec == "none" else -signal.SIGKILL), where
    return log.read_text().splitlines()


@pytest.mark.slow
def test_twenty_kills_offline_each_followed_by_the_same_command(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    ids = write_input(src)
    home = tmp_path / "home"
    landed: list[tuple[str, str]] = []
    db = tmp_path / "s.duckdb"
    for n, chain in enumerate(CHAINS):
        db = tmp_path / f"s{n}.duckdb"  # a fresh store
        ingest = ["ingest", str(src), "--db", str(db), "--batch-size", BATCH]
        before = 0
        for spec in chain:
            events = run(spec, ingest, home, tmp_path / "log")
            landed.append((spec, events[-2] if len(events) > 1 else "start"))
            now = check(db, ids, complete=False)
            assert now >= before, f"{spec}: committed articles lost ({before} -> {now})"
            before = now
        run("none", ingest, home, tmp_path / "log")
        check(db, ids, complete=True)
    with Store(db, read_only=True) as s:
        counts = s.counts()
    for fmt, spec in EXPORT_KILLS:
        out = tmp_path / f"export-{fmt}"
        export = ["export", "--format", fmt, "--out", str(out), "--db", str(db)]
        events = run(spec, export, home, tmp_path / "log")
        landed.append((spec, events[-2]))
        run("none", export, home, tmp_path / "log")
        assert sorted(p.name for p in out.iterdir()) == sorted(f"{t}.{fmt}" for t in counts)  # no .tmp left
        for table, rows in counts.items():  # every file whole
            path = out / f"{table}.{fmt}"
            if fmt == "csv":
                with path.open(newline="", encoding="utf-8") as fh:
                    assert len(list(csv.reader(fh))) == rows + 1, path
            else:
                assert pq.read_table(path).num_rows == rows, path
        check(db, ids, complete=True)
    assert len(landed) == 20
    print("\n".join(f"{spec:>14}  killed after: {ev}" for spec, ev in landed))
    phases = " ".join(ev for _, ev in landed)
    for phase in ("extract", "tx", "commit", "fuse", "export"):
        assert phase in phases, f"no kill landed in {phase}: {landed}"
    assert downloaded_extensions(home) == []


def test_hook_named_to_pytest_is_skipped_not_run(tmp_path: Path) -> None:
    """``pytest tests/crash_hook.py`` (the hook given by name) skips it: it patches nothing, runs no CLI and
    never sends SIGKILL to pytest itself."""
    import subprocess

    res = subprocess.run([sys.executable, "-m", "pytest", "-rs", "-p", "no:cacheprovider", str(HOOK)],
                         capture_output=True, text=True, timeout=300, cwd=tmp_path)
    assert res.returncode not in (-signal.SIGKILL, 128 + signal.SIGKILL), res.stdout + res.stderr
    assert "not a test module" in res.stdout, res.stdout + res.stderr
    assert res.returncode in (0, 5), res.stdout + res.stderr
