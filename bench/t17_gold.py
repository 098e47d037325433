"""Shared loader for the real-news development gold in ``examples/t17_gold`` (Timeline17 articles).

``articles()`` lists the chosen articles with their split (tune / check); ``article_text(topic, id)`` reads the
text from ``$DATELINE_BENCH_DIR/t17/<topic>/articles.jsonl.gz`` (never copied into the repo); ``load(name)``
reads ``examples/t17_gold/<name>.json``; ``by_split(records, split)`` keeps the records of one split.
"""
from __future__ import annotations

import functools
import gzip
import json
import re
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


_BEFORE_CLOSING = (re.compile(r" ([,.;:?!])(?=[”\)\]])"), r"\1")
#: PTB's opening and closing quotes become curly quotes, not '"': which way a quotation mark faces is kept
_CURLY = {r"``\s*": "“", r"\s*''": "”"}


def detokenized(text: str) -> tuple[str, list[int]]:
    """The PTB-tokenized T17 text as written (``bench/t17.py``'s ``detokenize``, except that PTB's quotes become
    curly quotes, “ and ”, as their direction is known, and the punctuation before a closing quotation mark or
    bracket is attached: 'that ,”' -> 'that,”') and, for each character of it and its end, the
    offset of that character in the stored text: predictions made on the readable text are placed in the stored
    one (``offsets[i]``)."""
    from t17 import _PTB  # noqa: PLC0415 - bench sibling module (the one list of PTB rewrites)

    out: list[str] = []
    offsets: list[int] = []
    pos = 0
    for line in text.split("\n"):
        cur, where = line, list(range(pos, pos + len(line)))
        for pat, rep in [*[(p, _CURLY.get(p.pattern, r)) for p, r in _PTB], _BEFORE_CLOSING]:
            cur, where = _sub_mapped(pat, rep, cur, where)
        lo = len(cur) - len(cur.lstrip())
        hi = len(cur.rstrip())
        if out:
            out.append("\n")
            offsets.append(pos - 1)
        out.append(cur[lo:hi])
        offsets.extend(where[lo:hi])
        pos += len(line) + 1
    offsets.append(len(text))
    return "".join(out), offsets


def _sub_mapped(pat: Any, rep: str, s: str, where: list[int]) -> tuple[str, list[int]]:
    """``pat.sub(rep, s)`` keeping each character's stored offset: a group reference (``\\1``) keeps its
    characters' offsets, literal replacement characters take the match's start."""
    parts: list[str] = []
    mapped: list[int] = []
    last = 0
    for m in pat.finditer(s):
        parts.append(s[last:m.start()])
        mapped.extend(where[last:m.start()])
        if rep == r"\1":
            parts.append(m.group(1))
            mapped.extend(where[m.start(1):m.end(1)])
        else:
            at = where[m.start()] if m.start() < len(where) else (where[-1] + 1 if where else 0)
            parts.append(rep)
            mapped.extend([at] * len(rep))
        last = m.end()
    parts.append(s[last:])
    mapped.extend(where[last:])
    return "".join(parts), mapped
