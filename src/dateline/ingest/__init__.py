"""ingest: text / HTML / RSS-Atom / JSONL files and directories -> ``Article`` records.

``read_paths(paths)`` yields an ``Article`` for every readable article and a ``Rejected`` (path + clear
reason) for every input that is not, so a batch always runs to its end.
"""
from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..errors import InputError
from ..model import Article, Rejected
from .feeds import articles_from_feed, is_feed
from .files import decode_text, read_bytes
from .html import article_from_html
from .jsonl import articles_from_jsonl
from .text import article_from_text, split_date_header

__all__ = ["read_path", "read_paths", "split_date_header", "SUFFIXES"]

TEXT_SUFFIXES = {".txt", ".text", ".md", ""}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
FEED_SUFFIXES = {".rss", ".atom", ".xml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson", ".json", ".jsonl.gz", ".json.gz", ".ndjson.gz"}
SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | FEED_SUFFIXES | JSONL_SUFFIXES


def _suffix(path: Path) -> str:
    s = path.suffixes
    if len(s) >= 2 and s[-1] == ".gz":
        return (s[-2] + s[-1]).lower()
    return path.suffix.lower()


def _read_file(path: Path) -> Iterator[Article | Rejected]:
    name = str(path)
    suffix = _suffix(path)
    if suffix not in SUFFIXES:
        raise InputError(name, f"unsupported file type {suffix!r} (use .txt, .html, .rss/.atom/.xml, .jsonl)")
    data = read_bytes(path)
    text = decode_text(data, name)
    stem = path.name[: -len(suffix)] if suffix else path.name
    if suffix in JSONL_SUFFIXES:
        yield from articles_from_jsonl(text, path=name)
    elif suffix in FEED_SUFFIXES or (suffix in HTML_SUFFIXES and is_feed(data)):
        yield from articles_from_feed(data, path=name)
    elif suffix in HTML_SUFFIXES:
        yield article_from_html(text, id=stem, path=name)
    else:
        article = article_from_text(text, id=stem, path=name)
        if not article.text:
            raise InputError(name, "no text after the date header")
        yield article


def read_path(path: str | Path) -> Iterator[Article | Rejected]:
    """Read one file or a directory (recursively, hidden files skipped, sorted for reproducibility)."""
    p = Path(path)
    if p.is_dir():
        for child in sorted(p.rglob("*")):
            rel = child.relative_to(p)
            if child.is_file() and not any(part.startswith(".") for part in rel.parts):
                yield from read_path(child)
        return
    if not p.exists():
        yield Rejected(path=str(p), reason="no such file or directory")
        return
    try:
        yield from _read_file(p)
    except InputError as e:
        yield Rejected(path=e.path, reason=e.reason)


def read_paths(paths: Iterable[str | Path], *, dct: str | None = None) -> Iterator[Article | Rejected]:
    """Read many inputs; ``dct`` (YYYY-MM-DD) overrides every article's date (``dct_origin='argument'``)."""
    for path in paths:
        for item in read_path(path):
            if dct and isinstance(item, Article):
                item = dataclasses.replace(item, dct=dct, dct_origin="argument", dct_evidence="--dct argument")
            yield item

from .._callable import make_callable  # noqa: E402

make_callable(__name__, "dateline.api:ingest")
