"""The span model's second stage: gradient-boosted trees that re-score the (anchor, span) pairs the linear model
(``statements.span_ranker``) finds likely, seeing what a pair-by-pair score cannot: how the pair stands among
the others of its document.

For every pair the linear model gives at least ``floor``, a short vector of numbers: its logit and its anchor's
gate logit; its rank and logit gap among its anchor's pairs and how many of them are likely; the best logit of
another anchor's pair whose content holds this anchor (the anchor is itself reported) or that mostly overlaps
this content (a rival), or of a pair whose anchor stands inside this content (a nested attribution); the pair's
kind, side, length and distance; the anchor's part of speech, lexicon class and WordNet class; its sentence's
number and how many likely anchors that sentence has. The trees (scikit-learn's histogram gradient boosting at
build time, ``bench/attribution_rerank_train.py`` on PolNeAR train with cross-fitted linear scores) are
exported as plain arrays in the ranker's JSON and evaluated here with numpy; nothing else is needed at run time.
"""
from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

KINDS = ("rule", "c:ccomp", "c:xcomp", "c:dobj", "c:prep", "c:pobj", "c:advcl", "c:acl", "rest", "before")
POS = ("VERB", "NOUN", "ADJ")
CLASSES = ("-", "speech", "belief", "noun", "adj")
WN = ("communication", "cognition", "perception", "social", "competition", "emotion", "stative", "act")
NAMES = (["logit", "gate", "rank", "gap", "likely", "reported", "rival", "nested", "len", "dist", "after", "before",
          "sentno", "sent_likely", "rule_same"]
         + [f"kind={k}" for k in KINDS] + [f"pos={p}" for p in POS] + [f"cls={c}" for c in CLASSES]
         + [f"wn={w}" for w in WN])


def logit(p: float) -> float:
    p = min(1 - 1e-9, max(1e-9, p))
    return math.log(p / (1 - p))


@dataclass(frozen=True, slots=True)
class PairInfo:
    """What the second stage reads of one pair: the linear model's probability, the anchor's token index, gate
    logit, part of speech, lexicon class, first WordNet class and sentence (start, number), and the content's
    token range ``a..b``, characters ``start..end`` and kind; ``rule_same``: the pair is the rules' own span."""

    p: float
    anchor: int
    gate: float
    pos: str
    cls: str
    wn1: str
    sent: int
    sent_no: int
    a: int
    b: int
    start: int
    end: int
    kind: str
    rule_same: bool


def vectors(pairs: Sequence[PairInfo]) -> np.ndarray:
    """The feature matrix (one row per pair, columns ``NAMES``)."""
    n = len(pairs)
    X = np.zeros((n, len(NAMES)), dtype=np.float64)
    if not n:
        return X
    lg = [logit(q.p) for q in pairs]
    by_anchor: dict[int, list[int]] = {}
    for k, q in enumerate(pairs):
        by_anchor.setdefault(q.anchor, []).append(k)
    best_anchor = {a: max(lg[k] for k in ks) for a, ks in by_anchor.items()}
    sent_likely: dict[int, int] = {}
    for a, ks in by_anchor.items():
        if best_anchor[a] >= 0:
            s = pairs[ks[0]].sent
            sent_likely[s] = sent_likely.get(s, 0) + 1
    col = {name: j for j, name in enumerate(NAMES)}
    for k, q in enumerate(pairs):
        ks = by_anchor[q.anchor]
        rank = sum(1 for o in ks if lg[o] > lg[k])
        reported = rival = nested = -10.0
        for o, r in enumerate(pairs):
            if r.anchor == q.anchor or r.sent != q.sent:
                continue
            if r.a <= q.anchor <= r.b:
                reported = max(reported, lg[o])
            if q.a <= r.anchor <= q.b:
                nested = max(nested, lg[o])
            inter = min(q.end, r.end) - max(q.start, r.start)
            if inter > 0 and inter / (max(q.end, r.end) - min(q.start, r.start)) >= 0.5:
                rival = max(rival, lg[o])
        row = X[k]
        row[0:15] = (lg[k], q.gate, min(rank, 5), best_anchor[q.anchor] - lg[k],
                     sum(1 for o in ks if lg[o] >= 0), reported, rival, nested, q.b - q.a + 1,
                     abs(q.a - q.anchor) if q.a > q.anchor else abs(q.anchor - q.b) if q.b < q.anchor else 0,
                     q.a > q.anchor, q.b < q.anchor, min(q.sent_no, 20), sent_likely.get(q.sent, 0), q.rule_same)
        kind = q.kind.split("+")[0].replace("-mark", "")
        for name in (f"kind={kind}", f"pos={q.pos}", f"cls={q.cls}", f"wn={q.wn1}"):
            j = col.get(name)
            if j is not None:
                row[j] = 1.0
    return X


@dataclass(frozen=True, slots=True)
class Trees:
    """Boosted regression trees as flat arrays (one entry per node, trees one after another): the feature and
    threshold of a split (``x <= threshold`` goes left), the child indices (global), the leaf values."""

    feature: np.ndarray
    threshold: np.ndarray
    left: np.ndarray
    right: np.ndarray
    leaf: np.ndarray
    value: np.ndarray
    roots: np.ndarray
    baseline: float

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> Trees:
        return cls(np.asarray(raw["feature"], dtype=np.int64), np.asarray(raw["threshold"], dtype=np.float64),
                   np.asarray(raw["left"], dtype=np.int64), np.asarray(raw["right"], dtype=np.int64),
                   np.asarray(raw["leaf"], dtype=bool), np.asarray(raw["value"], dtype=np.float64),
                   np.asarray(raw["roots"], dtype=np.int64), float(raw["baseline"]))

    def prob(self, X: np.ndarray) -> np.ndarray:
        """The probability of each row (all trees walked at once, level by level)."""
        if not len(X):
            return np.zeros(0)
        node = np.broadcast_to(self.roots, (len(X), len(self.roots))).copy()
        rows = np.arange(len(X))[:, None]
        while True:
            inner = ~self.leaf[node]
            if not inner.any():
                break
            go_left = X[rows, self.feature[node]] <= self.threshold[node]
            nxt = np.where(go_left, self.left[node], self.right[node])
            node = np.where(inner, nxt, node)
        raw = self.baseline + self.value[node].sum(axis=1)
        return np.asarray(1.0 / (1.0 + np.exp(-raw)))
