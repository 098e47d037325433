"""Plain-text articles, with an optional leading ``date YYYY-MM-DD`` header."""
from __future__ import annotations

import re

from ..errors import InputError
from ..model import Article
from ..zones import Dateline, header_line, find_zones, header_end
from .dates import to_iso_date
from ..ptb import detokenize

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


#: the same header on a line of its own under a headline: ``date 2024-02-05``, ``Date: 5 February 2024``
_UNDER_HEADLINE = re.compile(r"[^\S\n]*date[^\S\n]*:?[^\S\n]*(?P<value>[^\n]{4,60}?)[^\S\n]*(?:\r?\n|\Z)",
                             re.IGNORECASE)


def wire_source(text: str, found: Dateline | None) -> str | None:
    """The outlet named in the dateline ``found`` (``dateline.zones.find_zones``) when it opens the text or
    the body under its header lines (a headline, a byline: "Quake hits ...\n\nDOHA (Meridian Wire) —" →
    "Meridian Wire")."""
    if found is None or not found.source:
        return None
    if found.start not in (len(text) - len(text.lstrip()), header_end(text)):
        return None
    return found.source if found.source[:1].isupper() else None


def headline_title(text: str, headline_end: int, found: Dateline | None) -> str | None:
    """The headline (``Zones.headline_end``: a first line without final punctuation) as the article's title,
    unless that line is the dateline or a byline."""
    line = text[:headline_end].strip()
    if not line or (found is not None and found.start < headline_end) or re.match(r"by\s", line, re.I):
        return None
    return " ".join(line.split())


def split_date_header(raw: str) -> tuple[str | None, str, str | None]:
    """Return ``(dct, text_without_header, header_text)``; dct is None when there is no header. The header opens
    the text, or stands on a line of its own right under a headline ("Tanker leak fouls beaches\ndate
    2024-02-05\n..."): that line is taken out, the headline kept."""
    for rx in (_HEADER_ISO, _HEADER_LINE):
        m = rx.match(raw)
        if m:
            dct = to_iso_date(m.group("value"))
            if dct:
                return dct, raw[m.end():], m.group(0).strip()
    lead = len(raw) - len(raw.lstrip())
    nl = raw.find("\n", lead)
    if nl > lead and header_line(raw[lead:nl]) and not raw[lead:nl].strip().lower().startswith("date"):
        m = _UNDER_HEADLINE.match(raw, nl + 1)
        dct = to_iso_date(m.group("value")) if m else None
        if m and dct:
            return dct, raw[:nl + 1] + raw[m.end():], m.group(0).strip()
    return None, raw, None


def invalid_date_header(raw: str) -> str | None:
    """Why the date header ``raw`` opens with is no date ("date 2025-13-45": written as a date, not one of the
    calendar), or None (a valid header, or none)."""
    m = _HEADER_ISO.match(raw)
    if m is None or to_iso_date(m.group("value")) is not None:
        return None
    return (f"unreadable date header {m.group(0).strip()!r} (not a calendar date; write `date YYYY-MM-DD` on the "
            "first line, or leave it out)")


def article_from_text(raw: str, *, id: str, path: str | None = None, check_header: bool = True,
                      **meta: object) -> Article:
    """An article from plain text; a date header that is no date is an ``InputError`` (unless ``check_header``
    is off: a date given apart from the text replaces it anyway)."""
    if check_header and (why := invalid_date_header(raw)) is not None:
        raise InputError(path or id, why)
    dct, text, header = split_date_header(raw)
    text = detokenize(text.strip())  # PTB tokens ("-LRB- CNN -RRB-") undone in place: offsets unchanged
    zones = find_zones(text)  # once: kept on the Article (dateline_start/_end, headline_end, body_start)
    found = zones.dateline
    meta["dateline_start"], meta["dateline_end"] = (found.start, found.end) if found else (0, 0)
    meta["headline_end"], meta["body_start"] = zones.headline_end, zones.body_start
    if not meta.get("source"):
        meta["source"] = wire_source(text, found)
    if not meta.get("title"):
        meta["title"] = headline_title(text, zones.headline_end, found)
    if dct:
        return Article(id=id, text=text, dct=dct, dct_origin="header", dct_evidence=header, path=path, **meta)  # type: ignore[arg-type]
    return Article(id=id, text=text, path=path, **meta)  # type: ignore[arg-type]
