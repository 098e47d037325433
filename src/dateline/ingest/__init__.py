"""ingest: text / HTML / RSS-Atom / JSONL files and directories -> ``Article`` records.

``read_paths(paths)`` yields an ``Article`` for every readable article and a ``Rejected`` (path + clear
reason) for every input that is not, so a batch always runs to its end.
"""
from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..errors import InputError
from ..model import Article, Rejected
from .feeds import articles_from_feed, is_feed
from .files import declared_charset, decode_text, display, entries_under, files_under, not_binary, read_bytes
from .html import article_from_html
from .jsonl import read_jsonl
from .text import article_from_text, split_date_header

__all__ = ["file_id", "files_under", "read_path", "read_paths", "split_date_header", "SUFFIXES"]

TEXT_SUFFIXES = {".txt", ".text", ".md", ""}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
FEED_SUFFIXES = {".rss", ".atom", ".xml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson", ".json"}
SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | FEED_SUFFIXES | JSONL_SUFFIXES


def _suffix(path: Path) -> str:
    s = path.suffixes
    if len(s) >= 2 and s[-1] == ".gz":
        return (s[-2] + s[-1]).lower()
    return path.suffix.lower()


_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:/")


def _read_file(path: Path, id: str | None = None) -> Iterator[Article | Rejected]:
    name = display(path)
    full = _suffix(path)
    suffix = full.removesuffix(".gz")  # any input may be gzipped: its type is the suffix before .gz
    if suffix not in SUFFIXES:
        raise InputError(name, f"unsupported file type {suffix!r} (use .txt, .html, .rss/.atom/.xml, .jsonl, "
                               "or any of them .gz)")
    if suffix in JSONL_SUFFIXES:
        yield from read_jsonl(path)
        return
    data = read_bytes(path)
    stem = id or display(path.name[: -len(full)] if full else path.name)
    if suffix in FEED_SUFFIXES or (suffix in HTML_SUFFIXES and is_feed(data)):
        not_binary(data, name)  # feedparser decodes by the XML declaration (latin-1 feeds, UTF-16 ...)
        yield from articles_from_feed(data, path=name)
    elif suffix in HTML_SUFFIXES:
        yield article_from_html(decode_text(data, name, declared=declared_charset(data)), id=stem, path=name)
    else:
        article = article_from_text(decode_text(data, name), id=stem, path=name)
        if not article.text:
            raise InputError(name, "no text after the date header")
        yield article


def read_path(path: str | Path, *, id: str | None = None) -> Iterator[Article | Rejected]:
    """Read one file or a directory (recursively, hidden files skipped, sorted for reproducibility).

    A text or HTML file's article id is its name without the suffix (``id`` when given); below a directory,
    its path from there ("2025/may/report" for ``2025/may/report.txt``), so equal names in two folders stay
    two articles."""
    p = Path(path)
    if p.is_dir():
        try:
            entries = list(entries_under(p))
        except OSError as e:  # a folder that cannot be listed
            yield Rejected(path=display(e.filename or p), reason=f"cannot list this folder: {e.strerror or e}")
            return
        for child, why_not in entries:
            if why_not is None:
                yield from read_path(child, id=file_id(child, p))
            else:
                yield Rejected(path=display(child), reason=why_not)
        if not entries:
            yield Rejected(path=display(p), reason="no files in this folder (hidden files and folders are skipped)")
        return
    if not p.exists():
        if _URL.match(str(path)):
            yield Rejected(path=display(path), reason="a URL, not a file: this command reads files and folders; "
                                                      "follow a feed with `dateline watch URL`")
        elif p.is_symlink():
            yield Rejected(path=display(p), reason="broken symbolic link (its target does not exist)")
        else:
            yield Rejected(path=display(p), reason="no such file or directory")
        return
    try:
        yield from _read_file(p, id)
    except InputError as e:
        yield Rejected(path=e.path, reason=e.reason)


def file_id(file: Path, root: Path) -> str:
    """The article id of a text or HTML ``file`` found below the folder ``root``: its path from there without
    the suffix."""
    rel = file.relative_to(root)
    suffix = _suffix(file)
    stem = rel.name[: -len(suffix)] if suffix else rel.name
    return display("/".join((*rel.parent.parts, stem)))


def read_paths(paths: Iterable[str | Path], *, dct: str | None = None,
               id: str | None = None) -> Iterator[Article | Rejected]:
    """Read many inputs; ``dct`` (YYYY-MM-DD) overrides every article's date (``dct_origin='argument'``);
    ``id``: the article id of a single text or HTML file (see ``read_path``)."""
    for path in paths:
        for item in read_path(path, id=id):
            if dct and isinstance(item, Article):
                item = dataclasses.replace(item, dct=dct, dct_origin="argument", dct_evidence="--dct argument")
            yield item

from .._callable import make_callable  # noqa: E402

make_callable(__name__, "dateline.api:ingest")
