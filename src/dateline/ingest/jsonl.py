"""JSON Lines (one article a line), a JSON array of articles or one JSON object: ``text`` required; ``id``,
``title``, ``time``/``date``, ``url``, ``source``.

JSON Lines are read as a stream, one line at a time (also gunzipped): a file of any size is fine, each line is an
article held to ``DATELINE_MAX_ARTICLE_BYTES``, and the lines before a truncated gzip or a broken line are kept."""
from __future__ import annotations

import gzip
import io
import json
from collections.abc import Callable, Iterator
from pathlib import Path

from ..errors import InputError
from ..model import Article, Rejected, text_hash
from ..settings import settings
from .dates import to_iso_date
from .files import _GZIP_ERRORS, bom_encoding, decode_text, display, open_binary, read_bytes
from ..ptb import detokenize
from .text import invalid_date_header, split_date_header

_KNOWN = ("text", "id", "title", "time", "date", "published", "url", "source")


def _json_kind(value: object) -> str:
    """What a JSON value is, in JSON's words."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    return {int: "a number", float: "a number", str: "a string", list: "an array", dict: "an object"}.get(
        type(value), type(value).__name__)


def article_from_obj(obj: object, *, where: str) -> Article | Rejected:
    if not isinstance(obj, dict):
        return Rejected(path=where, reason=f"expected a JSON object with a 'text' field, got {_json_kind(obj)}")
    text = obj.get("text")
    if not isinstance(text, str) or not text.strip():
        if "text" in obj:
            why = f"it is {'empty' if isinstance(text, str) else _json_kind(text)}, a non-empty string is required"
        else:
            fields = ", ".join(repr(str(k)) for k in list(obj)[:8]) or "none"
            why = f"no such field; fields: {fields}; expected {', '.join(_KNOWN)}"
        return Rejected(path=where, reason=f"missing or empty 'text' ({why})")
    raw_date = obj.get("time", obj.get("date", obj.get("published")))
    if raw_date in (None, "") and (bad := invalid_date_header(text)) is not None:
        return Rejected(path=where, reason=bad)
    header_dct, text, header = split_date_header(text)
    text = detokenize(text.strip())  # PTB tokens ("-LRB- CNN -RRB-") undone in place: offsets unchanged
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
        title=" ".join(detokenize(t).split()) if (t := opt("title")) else None,
        source=opt("source"),
        url=opt("url"),
        dct=dct or header_dct,
        dct_origin=origin,  # type: ignore[arg-type]
        dct_evidence=("metadata field" if dct else header),
        path=where,
    )


class _TooDeep(ValueError):
    """JSON nested deeper than Python's parser can follow (a RecursionError inside ``json.loads``)."""


def _loads(text: str) -> object:
    try:
        return json.loads(text)
    except RecursionError:
        raise _TooDeep("JSON nested too deeply (no article is nested more than a few levels)") from None


def articles_from_json(text: str, *, path: str) -> Iterator[Article | Rejected]:
    """A JSON array of articles, or one article object (pretty-printed or not)."""
    try:
        value = _loads(text)
    except json.JSONDecodeError as e:
        yield Rejected(path=path, reason=f"malformed JSON ({e.msg} at line {e.lineno} column {e.colno})")
        return
    except _TooDeep as e:
        yield Rejected(path=path, reason=str(e))
        return
    if isinstance(value, list):
        if not value:
            yield Rejected(path=path, reason="empty JSON array: no articles")
        for i, obj in enumerate(value):
            yield article_from_obj(obj, where=f"{path}[{i}]")
    else:
        yield article_from_obj(value, where=path)


def articles_from_jsonl(text: str, *, path: str) -> Iterator[Article | Rejected]:
    """Articles from decoded JSON Lines (or a JSON array / object) text."""
    lines = ((n, line) for n, line in enumerate(text.splitlines(), 1))
    yield from _from_lines(lines, path=path, whole=lambda: text)


def read_jsonl(path: Path) -> Iterator[Article | Rejected]:
    """Stream a JSON Lines file (``.gz`` too) line by line; a JSON array, one pretty-printed object or a file in
    UTF-16/32 is read whole (and held to ``DATELINE_MAX_ARTICLE_BYTES``)."""
    name = display(path)

    def whole() -> str:
        return decode_text(read_bytes(path), name)

    with open_binary(path) as fh:
        try:
            head = fh.peek(4)[:4]
        except _GZIP_ERRORS as e:
            raise InputError(name, f"not a valid gzip file ({e})") from None
        if bom_encoding(head) not in (None, "utf-8-sig"):
            yield from articles_from_jsonl(whole(), path=name)
            return
        yield from _from_lines(_lines(fh, name), path=name, whole=whole)


def _from_lines(lines: Iterator[tuple[int, str | InputError]], *, path: str,
                whole: Callable[[], str]) -> Iterator[Article | Rejected]:
    """Articles from numbered lines; when the first line opens a JSON array, or is no JSON value but the whole
    text is one (a pretty-printed object), the whole text is read as JSON instead."""
    first = True
    for lineno, line in lines:
        where = f"{path}:{lineno}"
        if isinstance(line, InputError):
            yield Rejected(path=where, reason=line.reason)
            first = False
            continue
        if not line.strip():
            continue
        if first and line.lstrip().startswith("[") and not (_is_json(line) and not _whole_is_json(whole)):
            yield from articles_from_json(whole(), path=path)  # a JSON array (not a JSON Lines array line)
            return
        try:
            obj = _loads(line)
        except _TooDeep as e:
            yield Rejected(path=where, reason=str(e))
            first = False
            continue
        except json.JSONDecodeError as e:
            if first and (text := _small_whole(whole)) is not None and _is_json(text):
                yield from articles_from_json(text, path=path)
                return
            yield Rejected(path=where, reason=f"malformed JSON line ({e.msg} at column {e.colno})")
            first = False
            continue
        first = False
        yield article_from_obj(obj, where=where)
    if first:
        raise InputError(path, "empty file")


def _small_whole(whole: Callable[[], str]) -> str | None:
    try:
        return whole()
    except InputError:  # too large to read whole: it stays JSON Lines
        return None


def _whole_is_json(whole: Callable[[], str]) -> bool:
    text = _small_whole(whole)
    return text is not None and _is_json(text)


def _is_json(text: str) -> bool:
    try:
        _loads(text)
    except (json.JSONDecodeError, _TooDeep):
        return False
    return True


def _lines(fh: gzip.GzipFile | io.BufferedReader, name: str) -> Iterator[tuple[int, str | InputError]]:
    """(line number, decoded line) pairs; a line too long, not UTF-8, or a truncated gzip becomes an InputError
    for that line (after a truncated gzip nothing more can be read)."""
    limit = settings.max_article_bytes
    lineno = 0
    while True:
        try:
            raw = fh.readline(limit + 1)
        except _GZIP_ERRORS as e:
            yield lineno + 1, InputError(name, f"file ends early (truncated or corrupt gzip: {e}; "
                                               f"the {lineno} lines before it are read)")
            return
        if not raw:
            return
        lineno += 1
        if len(raw) > limit and not raw.endswith(b"\n"):
            try:
                while (more := fh.readline(1 << 20)) and not more.endswith(b"\n"):
                    pass
            except _GZIP_ERRORS:
                pass
            yield lineno, InputError(name, f"line too large (more than {limit} bytes; set DATELINE_MAX_ARTICLE_BYTES)")
            continue
        if lineno == 1 and raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        try:
            yield lineno, raw.decode("utf-8")
        except UnicodeDecodeError as e:
            yield lineno, InputError(name, f"not valid UTF-8 (byte 0x{raw[e.start]:02x} at column {e.start + 1}); "
                                           "re-encode the file as UTF-8")
