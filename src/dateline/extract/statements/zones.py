"""Where an article's body starts: before it, the headline, byline and dateline, which never speak.

One function, ``body_start``: it takes the zone from the ``Article`` when ingest sets it (the restructure
issue adds it there), else detects it here from the text: the first lines that are not sentences (a headline
or byline without final punctuation, "By ..."), then a dateline opening the first body paragraph ("MOSCOW
(The Daily Ledger) — ", "SEMINOLE, Texas — ", "GAZA CITY: ", "-LRB- CNN -RRB- -- ").
"""
from __future__ import annotations

import re

from ...model import Article

_DASH_RE = re.compile(r"[A-Z][A-Z .'’-]+(?:,\s*[A-Z][\w .'’-]*)?\s*(?:\([^)\n]{1,60}\))?\s*(?:—|–|--|-)\s+")
_COLON_RE = re.compile(r"[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,3}(?:,\s*[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+)?)?\s*:\s+")
_PAREN_RE = re.compile(r"(?:\(|-LRB-\s*)[A-Z][\w .&'’-]{1,40}(?:\)|\s*-RRB-)\s*(?:—|–|--|-)\s+")
_SENTENCE_END = tuple(".!?\"”’'")


def _zone_line(line: str) -> bool:
    """A headline, byline or date line: short and not a sentence."""
    s = line.strip()
    if not s:
        return True
    if s.lower().startswith("by ") and len(s) < 80:
        return True
    return len(s) < 200 and not s.endswith(_SENTENCE_END)


def detect_body_start(text: str) -> int:
    """The offset where the body starts (0 when the text opens with a sentence and no dateline)."""
    pos = 0
    for _ in range(4):  # headline, byline, date line
        nl = text.find("\n", pos)
        if nl < 0 or not _zone_line(text[pos:nl]):
            break
        pos = nl + 1
    while pos < len(text) and text[pos].isspace():
        pos += 1
    head = text[pos:pos + 120]
    for rx in (_DASH_RE, _PAREN_RE, _COLON_RE):
        m = rx.match(head)
        if m is not None:
            rest = head[m.end():]
            if rx is _DASH_RE:  # "MOSCOW (Ledger) — (CNN) --": both
                m2 = _PAREN_RE.match(rest)
                return pos + m.end() + (m2.end() if m2 else 0)
            return pos + m.end()
    return pos


def body_start(article: Article | None, text: str) -> int:
    """The body's start: after the dateline ingest recorded on the article (``Article.dateline_end``) and after
    a headline, byline or colon dateline ("GAZA CITY: ") found in ``text``, whichever ends later."""
    given = article.dateline_end if article is not None and article.dateline_end else 0
    return max(given, detect_body_start(text))
