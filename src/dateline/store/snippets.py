"""Text windows around a span, for API answers: the sentence holding a mention (``dateline.sentences``), a search
snippet."""
from __future__ import annotations

from ..sentences import sentence_around

__all__ = ["sentence_around", "snippet"]

#: characters of context either side of a search hit
SNIPPET_WIDTH = 90


def snippet(text: str, start: int | None, n: int, width: int = SNIPPET_WIDTH) -> str:
    """``width`` characters either side of the hit at ``start`` (``n`` long), as display text: runs of white space
    (line breaks, the padding left where PTB tokens were made readable in place) read as one space. The hit's
    offsets are given apart, into the article text."""
    if start is None:
        return " ".join(text[: 2 * width].split())
    lo, hi = max(0, start - width), min(len(text), start + n + width)
    return ("…" if lo else "") + " ".join(text[lo:hi].split()) + ("…" if hi < len(text) else "")
