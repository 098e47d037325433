"""The shared real-news gold: Timeline17 articles listed in ``examples/t17_gold/articles.json``.

Load the list, fetch an article's text by topic and id from ``$DATELINE_BENCH_DIR/t17/<topic>/articles.jsonl.gz``
(read at run time, never copied), split by tune/check.
"""
from __future__ import annotations

import functools
import gzip
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from dateline.settings import settings  # noqa: E402

GOLD_DIR = ROOT / "examples" / "t17_gold"


def articles(split: str | None = None) -> list[dict[str, Any]]:
    """The listed articles (topic, article_id, time, split), optionally of one split (tune | check)."""
    listed = json.loads((GOLD_DIR / "articles.json").read_text(encoding="utf-8"))["articles"]
    return [a for a in listed if split is None or a["split"] == split]


@functools.cache
def _topic(topic: str) -> dict[str, dict[str, Any]]:
    path = Path(settings.bench_dir) / "t17" / topic / "articles.jsonl.gz"
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        return {str(d["id"]): d for d in map(json.loads, fh)}


def text(topic: str, article_id: str) -> str:
    """An article's text; a clear error naming the article when it is missing."""
    try:
        return str(_topic(topic)[str(article_id)]["text"])
    except KeyError:
        raise KeyError(f"T17 article {topic}/{article_id} not found under {settings.bench_dir}/t17") from None


def annotations(capability: str) -> dict[str, Any]:
    """``examples/t17_gold/<capability>.json`` (its guideline and records)."""
    return json.loads((GOLD_DIR / f"{capability}.json").read_text(encoding="utf-8"))
