"""Sentence boundaries on plain text (no spaCy), defined once: the fuse stage's timeline sentences and the
API's sentence around a record both use ``sentence_spans``.

A sentence ends at . ! ? (plus closing quotes/brackets) followed by white space and an upper-case letter, a
digit or an opening quote -- unless the word before the stop is a known abbreviation ("Mr.", "Jan.", "U.S.") or
an initial -- or at a line break.
"""
from __future__ import annotations

import re

_BOUNDARY = re.compile(r"(?<=[.!?])[\"'”’)\]]*(\s+)(?=[\"'“‘(\[]?[A-Z0-9])|\s*\n\s*")
_ABBREV = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Prof|Gen|Lt|Col|Sgt|Capt|Adm|Gov|Sen|Rep|St|Jr|Sr|No|Vol|Inc|Ltd|Corp|Co|vs|etc|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|U\.S|U\.N|U\.K|a\.m|p\.m)\.|\b[A-Z]\.)$")
#: how far an abbreviation may reach back from a full stop ("Sept.", "U.S.")
_ABBREV_REACH = 6
#: ``sentence_around`` looks at most this many characters either side of the span
AROUND_LIMIT = 400


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the sentences of ``text`` (stripped, never empty)."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        if "\n" not in m.group(0) and _ABBREV.search(text[max(start, m.start() - _ABBREV_REACH):m.start()]):
            continue
        spans.append((start, m.start(1) if m.group(1) else m.start()))  # closing quotes end the sentence
        start = m.end()
    spans.append((start, len(text)))
    out = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return out


def sentence_around(text: str, start: int, end: int, limit: int = AROUND_LIMIT) -> tuple[int, int]:
    """Offsets of the sentence(s) holding ``text[start:end]`` (``sentence_spans`` within ``limit`` characters
    either side of the span)."""
    start, end = max(0, min(start, len(text))), max(0, min(end, len(text)))
    lo, hi = max(0, start - limit), min(len(text), end + limit)
    spans = [(lo + s, lo + e) for s, e in sentence_spans(text[lo:hi])]
    first = next((s for s, e in spans if e > start), start)
    last = max((e for s, e in spans if s < end), default=end)
    return min(first, start), max(last, end)
