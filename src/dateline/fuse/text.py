"""Text helpers of the fuse stage, on plain strings (no spaCy): sentence spans (``dateline.sentences``), content
tokens, TF-IDF vectors."""
from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence

import numpy as np
from spacy.lang.en.stop_words import STOP_WORDS

from ..sentences import sentence_spans

__all__ = ["Tfidf", "content_tokens", "sentence_spans"]

_TOKEN = re.compile(r"[a-z0-9]+(?:[-'][a-z0-9]+)*")


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
