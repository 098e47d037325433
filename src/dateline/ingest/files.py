"""Reading bytes from a path safely: size limit (also after gunzip), binary detection, decoding with clear errors,
and the one listing of a folder's input files."""
from __future__ import annotations

import codecs
import gzip
import io
import os
import re
import stat
import zlib
from collections.abc import Iterator
from pathlib import Path

from ..errors import InputError
from ..settings import settings

# byte-order marks, longest first (UTF-32 LE starts with the UTF-16 LE mark)
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
# <meta charset="..."> / <meta http-equiv="Content-Type" content="text/html; charset=..."> near the top of a page
_META_CHARSET = re.compile(rb"<meta[^>]{0,200}?charset\s*=\s*[\"']?\s*([A-Za-z0-9._:-]{1,40})", re.IGNORECASE)
_GZIP_ERRORS = (OSError, EOFError, zlib.error)


def display(path: Path | str) -> str:
    """``path`` as text that can be shown and stored: a name that is not UTF-8 (Python keeps its bytes as
    surrogate escapes) gets them written out, ``caf\\xe9.txt``, so two such names stay apart."""
    s = str(path)
    return os.fsencode(s).decode("utf-8", "backslashreplace") if _ESCAPED.search(s) else s


_ESCAPED = re.compile("[\udc80-\udcff]")


def is_gzip(path: Path) -> bool:
    return path.name.lower().endswith(".gz")


def files_under(folder: Path) -> Iterator[Path]:
    """The files below ``folder``, recursively, sorted (reproducible), hidden files and folders skipped."""
    for child, why_not in entries_under(folder):
        if why_not is None:
            yield child


def entries_under(folder: Path) -> Iterator[tuple[Path, str | None]]:
    """What lies below ``folder`` that is not a folder or hidden, sorted: each regular file with ``None``, and
    anything else (a broken symbolic link, a pipe, a socket, a device) with why it is not read."""
    for child in sorted(folder.rglob("*")):
        if any(part.startswith(".") for part in child.relative_to(folder).parts) or child.is_dir():
            continue
        if child.is_file():
            yield child, None
            continue
        try:
            mode = child.stat().st_mode
        except OSError as e:
            yield child, ("broken symbolic link (its target does not exist)" if child.is_symlink()
                          else f"cannot read: {e.strerror or e}")
            continue
        kind = "a pipe" if stat.S_ISFIFO(mode) else "a socket" if stat.S_ISSOCK(mode) else "a device"
        yield child, f"not a regular file ({kind}): skipped"


def too_large(name: str, size: int | str, limit: int) -> InputError:
    return InputError(name, f"file too large ({size} bytes > limit {limit}; set DATELINE_MAX_ARTICLE_BYTES)")


def open_binary(path: Path) -> gzip.GzipFile | io.BufferedReader:
    """``path`` opened for reading bytes, gunzipped on the fly for ``.gz``; an unreadable file is an InputError."""
    try:
        return gzip.open(path, "rb") if is_gzip(path) else open(path, "rb")  # noqa: SIM115 - the caller closes it
    except OSError as e:
        raise InputError(display(path), f"cannot read: {e.strerror or e}") from None


def read_bytes(path: Path, *, max_bytes: int | None = None) -> bytes:
    """The whole content of ``path`` (gunzipped), at most ``max_bytes`` (``DATELINE_MAX_ARTICLE_BYTES``)."""
    limit = max_bytes or settings.max_article_bytes
    name = display(path)
    try:
        size = path.stat().st_size
    except OSError as e:
        raise InputError(name, f"cannot read: {e.strerror or e}") from None
    if size > limit and not is_gzip(path):
        raise too_large(name, size, limit)
    with open_binary(path) as fh:
        try:
            data = fh.read(limit + 1)
        except _GZIP_ERRORS as e:
            reason = "not a valid gzip file" if is_gzip(path) else "cannot read"
            raise InputError(name, f"{reason} ({e})") from None
    if len(data) > limit:  # only a .gz gets here: its content is larger than the limit
        raise too_large(name, f"more than {limit} once unzipped,", limit)
    if not data.strip():
        raise InputError(name, "empty file")
    return data


def bom_encoding(data: bytes) -> str | None:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding
    return None


def not_binary(data: bytes, name: str) -> None:
    """Raise when ``data`` holds NUL bytes near its start without a UTF-16/32 byte-order mark."""
    if bom_encoding(data) is None and b"\x00" in data[:8192]:
        raise InputError(name, "binary file (contains NUL bytes), not text")


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in a ``<meta>`` near its top, if Python knows it."""
    m = _META_CHARSET.search(data[:4096])
    if not m:
        return None
    try:
        return codecs.lookup(m.group(1).decode("ascii")).name
    except LookupError:
        return None


def decode_text(data: bytes, name: str, *, declared: str | None = None) -> str:
    """Decode by byte-order mark (UTF-8/16/32), else as UTF-8, else as ``declared`` (an HTML page's charset:
    pages that declare latin-1 but are UTF-8 are common, so UTF-8 is tried first); binary data or text in
    another encoding is a clear error. Line ends become ``\n``."""
    not_binary(data, name)
    bom = bom_encoding(data)
    tries = [bom] if bom else ["utf-8", *([declared] if declared and declared != "utf-8" else [])]
    for encoding in tries:
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError as e:
            error = e
    else:
        label = f"{bom} (its byte-order mark)" if bom else "UTF-8" + (f" nor {declared} (its declared charset)"
                                                                     if len(tries) > 1 else "")
        raise InputError(
            name, f"not valid {label} (byte 0x{data[error.start]:02x} at offset {error.start}; re-encode the file "
            "as UTF-8, e.g. `iconv -f latin1 -t utf-8`)"
        ) from None
    return text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
