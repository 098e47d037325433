"""Text helpers of the fuse stage, on plain strings (no spaCy): sentence spans, content tokens, TF-IDF vectors."""
from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence

import numpy as np
from spacy.lang.en.stop_words import STOP_WORDS

_TOKEN = re.compile(r"[a-z0-9]+(?:[-'][a-z0-9]+)*")
# a sentence ends at . ! ? (plus closing quotes/brackets) followed by whitespace and an upper-case letter,
# a digit or an opening quote; or at a line break
_BOUNDARY = re.compile(r"(?<=[.!?])[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9])|\s*\n\s*")
_ABBREV = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Prof|Gen|Lt|Col|Sgt|Capt|Adm|Gov|Sen|Rep|St|Jr|Sr|No|Vol|Inc|Ltd|Corp|Co|vs|etc|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|U\.S|U\.N|U\.K|a\.m|p\.m)\.|\b[A-Z]\.)$")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the sentences of ``text`` (stripped, never empty)."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        if "\n" not in m.group(0) and _ABBREV.search(text[max(start, m.start() - 6):m.start()]):
            continue
        spans.append((start, m.start()))
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


def content_tokens(text: str) -> list[str]:
    """Lower-cased word tokens without stop words (for similarity, not for display)."""
    return [t for t in _TOKEN.findall(text.lower()) if t not in STOP_WORDS and not t.isdigit()]


class Tfidf:
    """IDF over a collection of token lists; L2-normalised TF-IDF vectors over a local vocabulary."""

    def __init__(self, docs: Iterable[Sequence[str]]) -> None:
        df: Counter[str] = Counter()
        n = 0
        for toks in docs:
            df.update(set(toks))
            n += 1
        self.n = max(n, 1)
        self.idf = {t: math.log((1 + self.n) / (1 + c)) + 1 for t, c in df.items()}
        self._default = math.log(1 + self.n) + 1

    def matrix(self, docs: Sequence[Sequence[str]]) -> np.ndarray:
        """Rows: L2-normalised TF-IDF vectors of ``docs`` over their joint vocabulary."""
        vocab: dict[str, int] = {}
        for toks in docs:
            for t in toks:
                vocab.setdefault(t, len(vocab))
        x = np.zeros((len(docs), max(len(vocab), 1)))
        for i, toks in enumerate(docs):
            for t, c in Counter(toks).items():
                x[i, vocab[t]] = c * self.idf.get(t, self._default)
        norms = np.linalg.norm(x, axis=1, keepdims=True)
        norms[norms == 0] = 1.0
        out: np.ndarray = x / norms
        return out
