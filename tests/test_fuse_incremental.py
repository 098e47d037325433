"""Incremental fusion equals full fusion (stories, duplicates, timelines, fused events, figure series), and an
incremental fuse reads only the rows of the stories a batch touches."""
from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

import pytest

from dateline.fuse import fuse_store
from dateline.model import Article, Extraction
from dateline.settings import Settings
from dateline.store import Store
from dateline.store.schema import FUSED_TABLES

T17 = Path(Settings.from_env().bench_dir) / "t17"


def snapshot(store: Store) -> dict[str, list[tuple[Any, ...]]]:
    out = {}
    for table in FUSED_TABLES:
        cols = "* EXCLUDE (updated_at)" if table == "stories" else "*"
        out[table] = sorted(tuple(map(str, r)) for r in store.conn.execute(f"SELECT {cols} FROM {table}").fetchall())
    return out


def fuse_in_batches(db: str, exs: list[Extraction], n_batches: int) -> tuple[dict[str, Any], dict[str, Any]]:
    """Add and fuse ``exs`` in ``n_batches`` arrival batches; then fuse --full. Returns both snapshots."""
    size = -(-len(exs) // n_batches)
    with Store(db) as s:
        for i in range(0, len(exs), size):
            s.add(exs[i:i + size])
            report = fuse_store(s)
            assert report.new_articles == len(exs[i:i + size])
        incremental = snapshot(s)
        fuse_store(s, full=True)
        return incremental, snapshot(s)


def test_sample_corpus_in_batches_equals_full(corpus_db: str, tmp_path: Path) -> None:
    with Store(corpus_db, read_only=True) as s:
        exs = sorted(s.load_extractions(), key=lambda ex: ex.article.id)  # arrival order: not publication order
    incremental, full = fuse_in_batches(str(tmp_path / "b.duckdb"), exs, 5)
    assert len(incremental["stories"]) >= 3 and incremental["timeline"]
    assert any(r[2] != "None" for r in incremental["story_articles"])  # copies were linked across batches
    assert incremental == full


def test_incremental_reads_only_touched_stories(corpus_db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with Store(corpus_db, read_only=True) as s:
        exs = s.load_extractions()
    db = str(tmp_path / "t.duckdb")
    with Store(db) as s:
        s.add(exs[:-1])
        fuse_store(s)
        last = exs[-1]
        asked: list[set[str] | None] = []
        real = s.load_extractions

        def spy(ids: Any = None) -> list[Extraction]:
            asked.append(None if ids is None else set(ids))
            return real(ids)

        monkeypatch.setattr(s, "load_extractions", spy)
        s.add([last])
        report = fuse_store(s)
        story = report.recomputed
        assert len(story) == 1 and None not in asked
        members = {r["article_id"] for r in s.story_members(story)}
        assert last.article.id in members and set().union(*asked) == members
        assert len(members) < len(exs)


def _t17_articles(topic: Path) -> list[Article]:
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
    from t17 import detokenize

    out = []
    with gzip.open(topic / "articles.jsonl.gz", "rt", encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            a = json.loads(line)
            dct = str(a.get("time") or "")[:10] or None
            out.append(Article(id=str(a.get("id", i)), text=detokenize(a["text"]), dct=dct,
                               dct_origin="metadata" if dct else "missing", source=topic.name))
    return out


@pytest.mark.slow
def test_t17_topic_in_ten_batches_equals_full(tmp_path: Path) -> None:
    topic = T17 / "H1N1_guardian"
    if not (topic / "articles.jsonl.gz").exists():
        pytest.skip(f"{topic}: Timeline17 not available (set DATELINE_BENCH_DIR)")
    from dateline.api import default_pipeline

    exs = list(default_pipeline().pipe(_t17_articles(topic)))
    exs.sort(key=lambda ex: ex.article.id)  # arrival order: by id, not by date
    incremental, full = fuse_in_batches(str(tmp_path / "t17.duckdb"), exs, 10)
    assert len(incremental["story_articles"]) == len(exs) and incremental["timeline"]
    assert incremental == full
