"""Shared loader for the real-news development gold in ``examples/t17_gold`` (Timeline17 articles).

``articles()`` lists the chosen articles with their split (tune / check); ``article_text(topic, id)`` reads the
text from ``$DATELINE_BENCH_DIR/t17/<topic>/articles.jsonl.gz`` (never copied into the repo); ``load(name)``
reads ``examples/t17_gold/<name>.json``; ``by_split(records, split)`` keeps the records of one split.
"""
from __future__ import annotations

import functools
import gzip
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "examples" / "t17_gold"
sys.path.insert(0, str(ROOT / "src"))

from dateline.settings import settings  # noqa: E402


def articles(split: str | None = None) -> list[dict[str, Any]]:
    """The listed articles (topic, article_id, time, split), optionally of one split (tune | check)."""
    listed = json.loads((GOLD / "articles.json").read_text(encoding="utf-8"))["articles"]
    return [a for a in listed if split is None or a["split"] == split]


@functools.lru_cache(maxsize=64)
def _topic(topic: str) -> dict[str, dict[str, Any]]:
    path = Path(settings.bench_dir) / "t17" / topic / "articles.jsonl.gz"
    with gzip.open(path, "rt", encoding="utf-8") as f:
        rows = [json.loads(line) for line in f if line.strip()]
    return {str(r["id"]): r for r in rows}


def article(topic: str, article_id: str) -> dict[str, Any]:
    """The stored article (``id``, ``time``, ``text``)."""
    try:
        return _topic(topic)[str(article_id)]
    except KeyError:
        raise KeyError(f"t17 gold: no article {article_id!r} in topic {topic!r}") from None


def article_text(topic: str, article_id: str) -> str:
    return str(article(topic, article_id)["text"])


def load(name: str) -> dict[str, Any]:
    return dict(json.loads((GOLD / f"{name}.json").read_text(encoding="utf-8")))


def split_of(topic: str, article_id: str) -> str:
    for a in articles():
        if a["topic"] == topic and str(a["article_id"]) == str(article_id):
            return str(a["split"])
    raise KeyError(f"t17 gold: {topic}/{article_id} is not in articles.json")


def by_split(records: list[dict[str, Any]], split: str) -> list[dict[str, Any]]:
    return [r for r in records if split_of(r["topic"], r["article_id"]) == split]
