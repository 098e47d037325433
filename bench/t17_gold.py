"""Real-news gold shared by the extraction benchmarks: ``examples/t17_gold/articles.json`` (16 Timeline17 articles,
tune/check by topic) and the article texts in ``$DATELINE_BENCH_DIR/t17/<topic>/articles.jsonl.gz`` (never copied
into the repo; annotations refer to topic, article id and character offsets)."""
from __future__ import annotations

import gzip
import json
import os
from functools import lru_cache
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "examples" / "t17_gold"


def bench_dir() -> Path:
    """``$DATELINE_BENCH_DIR``, else ``../shared/bench`` beside the repository."""
    env = os.environ.get("DATELINE_BENCH_DIR")
    return Path(env) if env else ROOT.parent / "shared" / "bench"


def articles(split: str | None = None) -> list[dict[str, Any]]:
    """The gold article list (topic, article_id, time, split), optionally one split ("tune" / "check")."""
    data = json.loads((GOLD / "articles.json").read_text(encoding="utf-8"))
    return [a for a in data["articles"] if split is None or a["split"] == split]


@lru_cache(maxsize=32)
def _topic(topic: str) -> dict[str, dict[str, Any]]:
    path = bench_dir() / "t17" / topic / "articles.jsonl.gz"
    if not path.is_file():
        raise FileNotFoundError(f"Timeline17 topic {topic!r}: {path} not found (set DATELINE_BENCH_DIR)")
    out: dict[str, dict[str, Any]] = {}
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                rec = json.loads(line)
                out[str(rec.get("id", rec.get("article_id")))] = rec
    return out


def article(topic: str, article_id: str) -> dict[str, Any]:
    """The stored record of one article (``text``, ``time``, ...)."""
    recs = _topic(topic)
    if str(article_id) not in recs:
        raise KeyError(f"Timeline17 {topic}/{article_id}: no such article")
    return recs[str(article_id)]


def annotations(capability: str) -> dict[str, Any]:
    """``examples/t17_gold/<capability>.json``."""
    return json.loads((GOLD / f"{capability}.json").read_text(encoding="utf-8"))
