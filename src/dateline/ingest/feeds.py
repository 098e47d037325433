"""RSS/Atom feed files via feedparser: one article per entry."""
from __future__ import annotations

from collections.abc import Iterator

import feedparser
import lxml.html

from ..errors import InputError
from ..model import Article, Rejected, stable_id
from .dates import to_iso_date


def html_to_text(fragment: str) -> str:
    if "<" not in fragment:
        return fragment.strip()
    try:
        root = lxml.html.fromstring(fragment)
    except Exception:  # noqa: BLE001 - lxml raises ParserError and others on junk
        return fragment.strip()
    for br in root.iter("br", "p", "div", "li"):
        br.tail = "\n" + (br.tail or "") if br.tag == "br" else (br.tail or "") + "\n"
    return "\n".join(line.strip() for line in root.text_content().splitlines() if line.strip())


def is_feed(data: bytes) -> bool:
    head = data[:2048].lower()
    return b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head


def malformed_xml(data: bytes) -> str | None:
    """Why ``data`` is not well-formed XML (feedparser still salvages entries from it), or None."""
    import xml.sax

    parsed = feedparser.parse(data)
    exc = parsed.get("bozo_exception")
    if parsed.get("bozo") and isinstance(exc, xml.sax.SAXException):
        return f"malformed XML ({exc})"
    return None


def articles_from_feed(data: bytes, *, path: str) -> Iterator[Article | Rejected]:
    parsed = feedparser.parse(data)
    entries = parsed.get("entries") or []
    if not entries:
        reason = f"malformed feed ({parsed.get('bozo_exception')})" if parsed.get("bozo") else "feed has no entries"
        raise InputError(path, reason)
    source = (parsed.get("feed") or {}).get("title") or None
    broken = f" (malformed feed: {parsed.get('bozo_exception')})" if parsed.get("bozo") else ""
    for i, e in enumerate(entries):
        where = f"{path}#entry{i + 1}"
        content = ""
        if e.get("content"):
            content = " ".join(c.get("value", "") for c in e["content"])
        content = content or e.get("summary") or e.get("description") or ""
        text = html_to_text(content)
        if not text:
            yield Rejected(path=where, reason="feed entry has no text" + broken)
            continue
        dct = None
        for key in ("published_parsed", "updated_parsed", "published", "updated"):
            dct = to_iso_date(e.get(key))
            if dct:
                break
        eid = e.get("id") or e.get("link") or f"{path}#{i}"
        yield Article(
            id=stable_id(eid),
            text=text,
            title=html_to_text(e.get("title") or "") or None,
            source=source,
            url=e.get("link") or None,
            dct=dct,
            dct_origin="metadata" if dct else "missing",
            dct_evidence="feed entry date" if dct else None,
            path=where,
        )
