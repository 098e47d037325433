"""Plain-text articles, with an optional leading ``date YYYY-MM-DD`` header."""
from __future__ import annotations

import re

from ..model import Article
from .dates import to_iso_date

# ``date 2025-05-12`` / ``Date: 2025-05-12T10:00:00Z`` at the very start (after whitespace), either on a
# line of its own or inline before the first sentence. A sentence that merely starts with "date" has no
# ISO date after it, so it is not a header.
_HEADER_ISO = re.compile(
    r"\A\s*date\s*:?[ \t]*"
    r"(?P<value>\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?)"
    r"(?![\w-])\s*",
    re.IGNORECASE,
)
# ``Date: 12 May 2025`` / ``Date: Mon, 12 May 2025 10:00:00 GMT`` on a line of its own (colon required)
_HEADER_LINE = re.compile(r"\A\s*date[ \t]*:[ \t]*(?P<value>[^\n]{4,60}?)[ \t]*(?:\r?\n)\s*", re.IGNORECASE)


# a wire dateline opening the story: "GAZA CITY, Palestinian Territories (Meridian Wire) — ..." names the outlet
_WIRE_DATELINE = re.compile(
    r"\A[A-Z][A-Z.'\- ]{1,40}(?:,[ \t]+[A-Z][\w.'\- ]{1,40})?[ \t]+\((?P<source>[A-Z][^()\n]{1,40}?)\)[ \t]*[—–-]{1,2}[ \t]"
)


def wire_source(text: str) -> str | None:
    """The outlet named in a leading wire dateline ("DOHA (Meridian Wire) —" → "Meridian Wire"), if any."""
    m = _WIRE_DATELINE.match(text)
    return m.group("source").strip() if m else None


def split_date_header(raw: str) -> tuple[str | None, str, str | None]:
    """Return ``(dct, text_without_header, header_text)``; dct is None when there is no header."""
    for rx in (_HEADER_ISO, _HEADER_LINE):
        m = rx.match(raw)
        if m:
            dct = to_iso_date(m.group("value"))
            if dct:
                return dct, raw[m.end():], m.group(0).strip()
    return None, raw, None


def article_from_text(raw: str, *, id: str, path: str | None = None, **meta: object) -> Article:
    dct, text, header = split_date_header(raw)
    text = text.strip()
    if not meta.get("source"):
        meta["source"] = wire_source(text)
    if dct:
        return Article(id=id, text=text, dct=dct, dct_origin="header", dct_evidence=header, path=path, **meta)  # type: ignore[arg-type]
    return Article(id=id, text=text, path=path, **meta)  # type: ignore[arg-type]
