"""Text windows around a span, for API answers: the sentence holding a mention (``dateline.sentences``), a search
snippet."""
from __future__ import annotations

from ..sentences import sentence_around

__all__ = ["sentence_around", "snippet"]

#: characters of context either side of a search hit
SNIPPET_WIDTH = 90


def snippet(text: str, start: int | None, n: int, width: int = SNIPPET_WIDTH) -> str:
    if start is None:
        return text[: 2 * width]
    lo, hi = max(0, start - width), min(len(text), start + n + width)
    return ("…" if lo else "") + text[lo:hi] + ("…" if hi < len(text) else "")
