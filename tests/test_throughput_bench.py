"""The throughput benchmark's measuring parts: corpus sampling, the repeated corpus, peak RSS, component
timers, and the engine's even split of a batch over workers."""
from __future__ import annotations

import gzip
import json
import sys
import time
from pathlib import Path
from types import ModuleType, SimpleNamespace

import dateline
from dateline.engine.local import split_chars, split_even
from dateline.model import Article
from dateline.store import Store

from .conftest import bench_module



def bench() -> ModuleType:
    return bench_module("throughput", "throughput_bench")


def _t17(root: Path, sizes: dict[str, int]) -> Path:
    for topic, n in sizes.items():
        (root / topic).mkdir(parents=True)
        with gzip.open(root / topic / "articles.jsonl.gz", "wt") as fh:
            for i in range(n):
                fh.write(json.dumps({"id": str(i), "time": "2011-02-0" + str(1 + i % 9), "text": f"{topic} {i}."}) + "\n")
    return root


def test_sample_is_round_robin_over_topics_with_unique_ids(tmp_path: Path) -> None:
    tp = bench()
    data = _t17(tmp_path / "t17", {"b_topic": 3, "a_topic": 1, "c_topic": 2})
    rows = list(tp.sample_rows(data, None))
    assert [r["id"] for r in rows] == ["a_topic-0", "b_topic-0", "c_topic-0", "b_topic-1", "c_topic-1", "b_topic-2"]
    assert [r["id"] for r in tp.sample_rows(data, 4)] == [r["id"] for r in rows[:4]]
    n = tp.write_sample(iter(rows), tmp_path / "corpus")
    assert n == 6 and sorted(p.name for p in (tmp_path / "corpus").iterdir()) == [
        "a_topic.jsonl", "b_topic.jsonl", "c_topic.jsonl"]


def test_repeated_corpus_is_stored_as_new_articles(tmp_path: Path) -> None:
    tp = bench()
    rows = [{"id": "x-1", "time": "2011-02-01", "text": "Protesters gathered in Cairo on Tuesday."},
            {"id": "x-2", "time": "2011-02-02", "text": "The army said 12 people were hurt."}]
    src = tmp_path / "rep.jsonl"
    assert tp.write_repeated(rows, 3, src) == 6
    lines = [json.loads(line) for line in src.read_text().splitlines()]
    assert len({d["id"] for d in lines}) == len({d["text"] for d in lines}) == 6
    db = tmp_path / "rep.duckdb"
    report = dateline.ingest([src], db=db, fuse=False)
    assert report.stored == 6
    with Store(db, read_only=True) as s:  # not replaced by an equal text hash, not skipped as known
        assert s.counts()["articles"] == 6


def test_peak_rss_of_a_child_process() -> None:
    tp = bench()
    hold = "; import time; time.sleep(0.5)"  # the high-water mark is read while the process runs
    big, _, code = tp.peak_rss_mb([sys.executable, "-c", "x = b'x' * (300 * 2**20)" + hold])
    small, _, _ = tp.peak_rss_mb([sys.executable, "-c", "x = b'x' * (10 * 2**20)" + hold])
    assert code == 0
    assert 300 <= big < 400 and small < 100  # not this (large) process's size, forked before the exec


def test_component_timer_charges_each_component_and_restores() -> None:
    tp = bench()

    def busy(doc: object, ctx: object) -> None:
        t0 = time.process_time()
        while time.process_time() - t0 < 0.05:
            pass

    def idle(doc: object, ctx: object) -> None:
        return None

    original = [("busy", busy), ("idle", idle)]
    pipe = SimpleNamespace(components=list(original))
    timer = tp.ComponentTimer(pipe)
    for _name, component in pipe.components:
        component(None, None)
    assert timer.cpu["busy"] >= 0.05 and timer.cpu["idle"] < 0.01
    timer.restore()
    assert pipe.components == original


def _arts(lengths: list[int]) -> list[Article]:
    return [Article(id=str(i), text="x" * n) for i, n in enumerate(lengths)]


def test_split_even_keeps_order_and_balances_text_length() -> None:
    batch = _arts([5000, 100, 100, 100, 100, 100, 4000, 600])
    pieces = split_even(batch, 2)
    assert [a for p in pieces for a in p] == batch
    loads = [sum(len(a.text) for a in p) for p in pieces]
    assert len(pieces) == 2 and max(loads) <= 6000
    assert split_even(batch, 1) == [batch]
    assert [len(p) for p in split_even(_arts([10, 10, 10]), 3)] == [1, 1, 1]
    assert [a for p in split_even(_arts([10, 10]), 5) for a in p] == _arts([10, 10])


def test_split_chars_caps_spacy_batches_by_length() -> None:
    batch = _arts([10_000, 15_000, 10_000, 50_000, 100, 200])
    pieces = split_chars(batch, 30_000)
    assert [a for p in pieces for a in p] == batch
    assert [[len(a.text) for a in p] for p in pieces] == [[10_000, 15_000], [10_000], [50_000], [100, 200]]
    assert split_chars([], 30_000) == []
