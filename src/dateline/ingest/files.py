"""Reading bytes from a path safely: size limit, binary detection, UTF-8 decoding with clear errors."""
from __future__ import annotations

import gzip
from pathlib import Path

from ..errors import InputError
from ..settings import settings


def read_bytes(path: Path, *, max_bytes: int | None = None) -> bytes:
    limit = max_bytes or settings.max_article_bytes
    name = str(path)
    try:
        size = path.stat().st_size
        if size > limit and not name.endswith(".gz"):
            raise InputError(name, f"file too large ({size} bytes > limit {limit}; set DATELINE_MAX_ARTICLE_BYTES)")
        data = path.read_bytes()
    except InputError:
        raise
    except OSError as e:
        raise InputError(name, f"cannot read: {e.strerror or e}") from None
    if name.endswith(".gz"):
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError) as e:
            raise InputError(name, f"not a valid gzip file ({e})") from None
    if not data.strip():
        raise InputError(name, "empty file")
    return data


def decode_text(data: bytes, name: str) -> str:
    """Decode UTF-8 (with or without BOM); binary data or another encoding is a clear error."""
    head = data[:8192]
    if b"\x00" in head:
        raise InputError(name, "binary file (contains NUL bytes), not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise InputError(
            name, f"not valid UTF-8 (byte 0x{data[e.start]:02x} at offset {e.start}); re-encode the file as UTF-8"
        ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")
