"""JSON Lines: one article a line (``text`` required; ``id``, ``title``, ``time``/``date``, ``url``, ``source``)."""
from __future__ import annotations

import json
from collections.abc import Iterator

from ..model import Article, Rejected, text_hash
from .dates import to_iso_date
from .text import split_date_header


def article_from_obj(obj: object, *, where: str) -> Article | Rejected:
    if not isinstance(obj, dict):
        return Rejected(path=where, reason=f"expected a JSON object, got {type(obj).__name__}")
    text = obj.get("text")
    if not isinstance(text, str) or not text.strip():
        return Rejected(path=where, reason="missing or empty 'text' (a string is required)")
    header_dct, text, header = split_date_header(text)
    text = text.strip()
    raw_date = obj.get("time", obj.get("date", obj.get("published")))
    dct = to_iso_date(raw_date)
    if raw_date not in (None, "") and dct is None:
        return Rejected(path=where, reason=f"unreadable date {raw_date!r}")

    def opt(key: str) -> str | None:
        v = obj.get(key)
        return str(v) if v not in (None, "") and not isinstance(v, (dict, list)) else None

    origin = "metadata" if dct else ("header" if header_dct else "missing")
    return Article(
        id=opt("id") or text_hash(text)[:16],
        text=text,
        title=opt("title"),
        source=opt("source"),
        url=opt("url"),
        dct=dct or header_dct,
        dct_origin=origin,  # type: ignore[arg-type]
        dct_evidence=("metadata field" if dct else header),
        path=where,
    )


def articles_from_jsonl(text: str, *, path: str) -> Iterator[Article | Rejected]:
    stripped = text.lstrip()
    if stripped.startswith("["):  # a JSON array of articles
        try:
            arr = json.loads(stripped)
        except json.JSONDecodeError as e:
            yield Rejected(path=path, reason=f"malformed JSON ({e.msg} at line {e.lineno})")
            return
        items = arr if isinstance(arr, list) else [arr]
        for i, obj in enumerate(items):
            yield article_from_obj(obj, where=f"{path}[{i}]")
        return
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        where = f"{path}:{lineno}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as e:
            yield Rejected(path=where, reason=f"malformed JSON line ({e.msg} at column {e.colno})")
            continue
        yield article_from_obj(obj, where=where)
