"""HTML pages via trafilatura: main text, title, date, source."""
from __future__ import annotations

import trafilatura

from ..errors import InputError
from ..model import Article
from .dates import to_iso_date


def article_from_html(html: str, *, id: str, path: str) -> Article:
    if "<" not in html:
        raise InputError(path, "not HTML (no tags)")
    try:
        doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, favor_recall=True)
    except Exception as e:  # noqa: BLE001 - trafilatura/lxml raise many types on broken markup
        raise InputError(path, f"broken HTML ({type(e).__name__}: {e})") from None
    text = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    if not text:
        raise InputError(path, "no article text found in HTML")
    dct = to_iso_date(getattr(doc, "date", None))
    return Article(
        id=id,
        text=text,
        title=getattr(doc, "title", None) or None,
        source=getattr(doc, "sitename", None) or getattr(doc, "hostname", None) or None,
        url=getattr(doc, "url", None) or None,
        dct=dct,
        dct_origin="metadata" if dct else "missing",
        dct_evidence="HTML metadata (trafilatura)" if dct else None,
        path=path,
    )
