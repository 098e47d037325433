"""Text windows around a span, for API answers: the sentence holding a mention, a search snippet."""
from __future__ import annotations

import re

_BOUNDARY = re.compile(r"(?<=[.!?])[\"”’')\]]*(\s+)|(\n\s*\n)")


def sentence_around(text: str, start: int, end: int, limit: int = 400) -> tuple[int, int]:
    """Offsets of the sentence holding ``text[start:end]`` (a plain punctuation rule, at most ``limit``
    characters either side)."""
    start, end = max(0, min(start, len(text))), max(0, min(end, len(text)))
    lo = max(0, start - limit)
    for m in _BOUNDARY.finditer(text, lo, start):
        lo = m.end()
    nxt = _BOUNDARY.search(text, end, min(len(text), end + limit))
    hi = (nxt.start(1) if nxt.group(1) else nxt.start(2)) if nxt else min(len(text), end + limit)
    return lo, max(hi, end)


def snippet(text: str, start: int | None, n: int, width: int = 90) -> str:
    if start is None:
        return text[: 2 * width]
    lo, hi = max(0, start - width), min(len(text), start + n + width)
    return ("…" if lo else "") + text[lo:hi] + ("…" if hi < len(text) else "")
