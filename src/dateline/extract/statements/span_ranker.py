"""A joint cue -> content span model: every (cue token, content span) pair the parse offers, scored by one
logistic regression trained on PolNeAR train (``bench/attribution_spans_train.py``).

The rules' and the boundary ranker's candidates (``statements.learned``) reach only the contents of the cues
they know and the spans their clause rules draw; PolNeAR's annotators attribute with verbs, nouns and adjectives
the rules do not list, and draw contents the rules never offer. Here every verb, noun and adjective of a sentence
is a possible cue (its *anchor*) and its content one of the spans ``statements.span_pairs`` draws around it (its
dependents' subtrees, the rest of the sentence, the part before its subject, the rules' content).

One linear model scores each pair over features of the anchor (lemma, tag, dependency, the lexicon's class,
the learned cue detector's probability), the span (kind, length, the words at and around its edges,
quotation marks, how it stands to the rules' span for the same anchor) and the anchor's subject; the pairs
are then taken greedily by probability, at most one content per anchor and none that mostly overlaps one
taken before (``Decoder``). With ``"features": 2`` the model also reads ``statements.span_features``
(WordNet classes of the anchor and of the content's head, clause type, parse path, ...). For speed, an *anchor
gate* (a logistic model over the anchor's own features) skips the words almost never a cue before their spans
are built, and the pair kinds almost never right in training (``drop_kinds``: "c:nsubj", "c:relcl", ...) are
not offered. The weights are a JSON file in ``resources/statements/span_ranker.json``; nothing is downloaded;
without it the model is absent.
"""
from __future__ import annotations

import dataclasses
import functools
import math
from collections.abc import Set as AbstractSet
from itertools import repeat
from dataclasses import dataclass

import numpy as np
from spacy.attrs import HEAD, IS_PUNCT, IS_SPACE, ORTH, POS, SENT_START
from spacy.parts_of_speech import IDS as POS_IDS
from spacy.tokens import Doc, Token

from ...model import Statement
from ...resources import has_resource, load_json
from ..nlp import doc_text
from .cue_model import CueModel, MemoCueModel, is_open_verb, linear_prob
from .lexicon import Lexicon
from .span_features import anchor_features, is_cue_verb, pair_features
from .span_pairs import QUOTES, SpanCand, candidates, subject_of, to_statement

RANKER_FILE = "span_ranker.json"
_DOUBLE_QUOTES = frozenset({"“", "”", '"'})
_FUNCTION_POS = frozenset({"ADP", "SCONJ", "CCONJ", "PART", "DET", "PRON", "AUX", "PUNCT"})


def _bucket(n: int) -> str:
    return ("0" if n <= 0 else "1" if n == 1 else "2-3" if n <= 3 else "4-7" if n <= 7 else "8-15" if n <= 15
            else "16-31" if n <= 31 else "32+")


def _word(t: Token | None) -> str:
    if t is None:
        return "-"
    return t.lower_ if t.is_punct or t.pos_ in _FUNCTION_POS else t.pos_


@dataclass(frozen=True, slots=True)
class Context:
    """What the features of one document need besides the candidate: the text, the lexicon, the cue
    detector, and per anchor the span of its rules candidate."""

    text: str
    lex: Lexicon
    detector: CueModel | MemoCueModel | None
    rule_span: dict[int, tuple[int, int]]
    #: per token: its depth in its sentence's tree, and how many verbs come before it (read once per document)
    depth: list[int] = dataclasses.field(default_factory=list)
    verbs_before: list[int] = dataclasses.field(default_factory=list)
    #: what the features read of each anchor, filled as they are asked for
    anchors: dict[int, _Anchor] = dataclasses.field(default_factory=dict)
    #: the second feature set (``statements.span_features``): per token, how many speech/thought verbs come
    #: before it; per sentence start, the sentence's number in the document
    extra: bool = False
    cues_before: list[int] = dataclasses.field(default_factory=list)
    sent_no: dict[int, int] = dataclasses.field(default_factory=dict)
    #: per token: its sentence (start, end), and how many double quotation marks come before it
    bounds: list[tuple[int, int]] = dataclasses.field(default_factory=list)
    quotes_before: list[int] = dataclasses.field(default_factory=list)


@dataclass(frozen=True, slots=True)
class _Anchor:
    """What the features read of one anchor, computed once per document."""

    i: int
    lem: str
    pos: str
    cls: str
    sent: tuple[int, int]
    feats: list[str]
    wn1: str = "-"


def _anchor(doc: Doc, i: int, cx: Context) -> _Anchor:
    got = cx.anchors.get(i)
    if got is not None:
        return got
    t = doc[i]
    lem = t.lemma_.lower()
    info = cx.lex.cue_for(lem, True) if t.pos_ == "VERB" else None
    cls = info.cls if info is not None else ("noun" if lem in cx.lex.broad_nouns else
                                             "adj" if lem in cx.lex.broad_adjs else "-")
    f = [f"lem={lem}", f"tag={t.tag_}", f"dep={t.dep_}", f"cls={cls}", f"cls={cls}|pos={t.pos_}",
         f"root={t.dep_ == 'ROOT'}"]
    if cx.detector is not None and info is None and is_open_verb(t):
        f.append(f"det={min(9, int(10 * cx.detector.prob(t)))}")
    subj = subject_of(t)
    if subj is None:
        f += ["nosubj", f"lem={lem}|nosubj"]
    else:
        sk = subj.lower_ if subj.pos_ == "PRON" else (subj.ent_type_ or subj.pos_)
        f += [f"subj={sk}", f"cls={cls}|subj={subj.ent_type_ or subj.pos_}"]
    for ch in t.children:
        if ch.dep_ in ("neg", "aux", "prt"):
            f.append(f"{ch.dep_}={ch.lower_}")
    sent = cx.bounds[i] if cx.bounds else (t.sent.start, t.sent.end)
    wn1 = "-"
    if cx.extra:
        more = anchor_features(t, subj, cx.sent_no.get(sent[0], 0), lem, sent,
                               cx.quotes_before[i] - cx.quotes_before[sent[0]])
        wn1 = more[0][4:]
        f += more
    got = cx.anchors[i] = _Anchor(i, lem, t.pos_, cls, sent, f, wn1)
    return got


def features(doc: Doc, c: SpanCand, cx: Context) -> list[str]:
    """The sparse features of one (anchor, span) pair (strings; the model weighs them)."""
    return [*own_features(doc, c, cx), *_anchor(doc, c.anchor, cx).feats]


def own_features(doc: Doc, c: SpanCand, cx: Context) -> list[str]:
    """The features of a pair without those of its anchor alone (``_Anchor.feats``, weighed once per anchor)."""
    an = _anchor(doc, c.anchor, cx)
    lem, cls, ai = an.lem, an.cls, an.i
    k = c.kind if not c.kind.startswith("c:") else c.kind.split("+")[0]
    a, b = doc[c.a], doc[c.b]
    n = c.b - c.a + 1
    side = "after" if c.a > ai else "before" if c.b < ai else "around"
    dist = (c.a - ai) if side == "after" else (ai - c.b) if side == "before" else 0
    nxt = doc[c.b + 1] if c.b + 1 < len(doc) else None
    prv = doc[c.a - 1] if c.a > 0 else None
    span_text = cx.text[c.start:c.end]
    f = ["bias", f"k={c.kind}", f"kk={k}", f"lem={lem}|k={k}", f"pos={an.pos}|k={k}",
         f"dep={doc[ai].dep_}|k={k}", f"cls={cls}|k={k}", f"side={side}", f"side={side}|dist={_bucket(dist)}",
         f"len={_bucket(n)}", f"k={k}|len={_bucket(n)}", f"first={_word(a)}", f"k={k}|first={_word(a)}",
         f"lem={lem}|first={_word(a)}", f"last={_word(b)}", f"next={_word(nxt)}", f"prev={_word(prv)}",
         f"k={k}|next={_word(nxt)}", f"firstdep={a.dep_}", f"q={sum(span_text.count(q) for q in QUOTES) % 2}",
         f"qstart={a.text in QUOTES}", f"qend={b.text in QUOTES}"]
    r = cx.rule_span.get(c.anchor)
    if r is None:
        f.append("norule")
    else:
        rel = ("same" if (c.start, c.end) == r else "inside" if r[0] <= c.start and c.end <= r[1] else
               "contains" if c.start <= r[0] and r[1] <= c.end else
               "overlap" if c.start < r[1] and r[0] < c.end else "apart")
        f += [f"rule={rel}", f"rule={rel}|k={k}", f"rule={rel}|cls={cls}"]
    if c.kind == "rule" and c.rule is not None:
        f += [f"rmode={c.rule.mode}", f"rkind={c.rule.speaker_kind}", f"rparts={c.rule.content_parts is not None}"]
    f.append(f"whole={c.a <= an.sent[0] + 1 and c.b >= an.sent[1] - 2}")
    root = doc[min(range(c.a, c.b + 1), key=cx.depth.__getitem__)]  # as spaCy's Span.root
    verbs = cx.verbs_before[c.b + 1] - cx.verbs_before[c.a]
    f += [f"sroot={root.pos_}|{root.dep_}", f"k={k}|sroot={root.pos_}", f"verbs={_bucket(verbs)}"]
    if c.kind.startswith("c:"):
        f.append(f"lem={lem}|k={c.kind}")
    if cx.extra:
        f += pair_features(doc, c.a, c.b, doc[ai], root, an.wn1, lem, an.sent[1] - an.sent[0],
                           cx.cues_before[c.b + 1] - cx.cues_before[c.a])
    return f


@dataclass(frozen=True, slots=True)
class SpanRanker:
    weights: dict[str, float]
    threshold: float
    #: a pair is not taken when its content overlaps one taken before by this Jaccard or more
    overlap: float = 0.5
    #: 1: the features above; 2: with ``statements.span_features``
    feature_set: int = 1
    #: the anchor gate: a logistic model over the anchor's own features; an anchor it scores below
    #: ``gate_threshold`` offers no parse span (the rules' candidates stay)
    gate: dict[str, float] | None = None
    gate_threshold: float = 0.0
    #: the pair kinds not offered (almost never right in training: "c:nsubj", "c:appos", ...)
    drop_kinds: frozenset[str] = frozenset()

    def keeps(self, feats: list[str]) -> bool:
        return self.gate is None or linear_prob(self.gate, feats) >= self.gate_threshold

    def prob(self, feats: list[str]) -> float:
        return linear_prob(self.weights, feats)

    def decode(self, scored: list[tuple[float, SpanCand]]) -> list[tuple[float, SpanCand]]:
        """The pairs at or above the threshold, best first, one per anchor, none mostly overlapping another."""
        taken: list[tuple[float, SpanCand]] = []
        anchors: set[int] = set()
        for p, c in sorted(scored, key=lambda x: -x[0]):
            if p < self.threshold:
                break
            if c.anchor in anchors or any(_jaccard(c, o) >= self.overlap for _, o in taken):
                continue
            taken.append((p, c))
            anchors.add(c.anchor)
        return taken


def _sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def _jaccard(x: SpanCand, y: SpanCand) -> float:
    inter = min(x.end, y.end) - max(x.start, y.start)
    if inter <= 0:
        return 0.0
    return inter / (max(x.end, y.end) - min(x.start, y.start))


def context(doc: Doc, lex: Lexicon, detector: CueModel | MemoCueModel | None, cands: list[SpanCand], extra: bool = False) -> Context:
    """The per-document context of the features, read from the document's arrays (no token is made)."""
    n_tok = len(doc)
    arr = doc.to_array([HEAD, POS, IS_PUNCT, IS_SPACE, SENT_START, ORTH]).astype(np.int64)
    heads = (np.arange(n_tok, dtype=np.int64) + arr[:, 0]).tolist()
    is_verb = (arr[:, 1] == POS_IDS["VERB"])
    depth: list[int] = [-1] * n_tok
    for i in range(n_tok):
        path: list[int] = []
        j = i
        while depth[j] < 0 and heads[j] != j and len(path) < n_tok:
            path.append(j)
            j = heads[j]
        d = depth[j] if depth[j] >= 0 else 0
        depth[j] = d
        for k in reversed(path):
            d += 1
            depth[k] = d
    verbs = [0, *np.cumsum(is_verb).tolist()]
    children = np.bincount(np.asarray(heads, dtype=np.int64), minlength=n_tok) - (np.asarray(heads) == np.arange(n_tok))
    for i in np.flatnonzero(((arr[:, 2] != 0) | (arr[:, 3] != 0)) & (children == 0)).tolist():
        depth[i] = n_tok  # as spaCy: a bare punctuation mark or space is never a span's root
    starts = [0, *(i for i in np.flatnonzero(arr[:, 4] == 1).tolist() if i > 0), n_tok]
    sent_no: dict[int, int] = {}
    bounds: list[tuple[int, int]] = []
    for k, (a, b) in enumerate(zip(starts, starts[1:])):
        sent_no[a] = k
        bounds += [(a, b)] * (b - a)
    cues, quotes = [0], [0]
    if extra:
        strings = doc.vocab.strings
        marks = np.isin(arr[:, 5], np.array([strings.add(q) for q in _DOUBLE_QUOTES], dtype=np.uint64).astype(np.int64))
        quotes = [0, *np.cumsum(marks).tolist()]
        cue = np.zeros(n_tok, dtype=np.int64)
        for i in np.flatnonzero(is_verb).tolist():
            cue[i] = is_cue_verb(doc[i])
        cues = [0, *np.cumsum(cue).tolist()]
    return Context(doc_text(doc), lex, detector, {c.anchor: (c.start, c.end) for c in cands if c.kind == "rule"},
                   depth, verbs, extra=extra, cues_before=cues, sent_no=sent_no, bounds=bounds,
                   quotes_before=quotes)


def rank(doc: Doc, ranker: SpanRanker, rules: list[Statement], lex: Lexicon, detector: CueModel | MemoCueModel | None,
         article_id: str, dct: str | None, body: int = 0, skip: AbstractSet[int] = frozenset()) -> list[Statement]:
    """The statements the span model takes among all (anchor, span) pairs of ``doc`` (``skip``: tokens that
    anchor no parse pair; the rules' candidates stay)."""
    cx = context(doc, lex, detector, [], ranker.feature_set >= 2)
    gate = ranker.gate
    keep = None if gate is None and not skip else (
        lambda t: t.i not in skip and (gate is None or ranker.keeps(_anchor(doc, t.i, cx).feats)))
    cands = candidates(doc, rules, body, keep, ranker.drop_kinds, cx.bounds)
    cx.rule_span.update((c.anchor, (c.start, c.end)) for c in cands if c.kind == "rule")
    w, zs = ranker.weights, {}
    for i in {c.anchor for c in cands}:
        zs[i] = sum(map(w.get, _anchor(doc, i, cx).feats, repeat(0.0)))
    scored = [(_sigmoid(zs[c.anchor] + sum(map(w.get, own_features(doc, c, cx), repeat(0.0)))), c) for c in cands]
    taken = ranker.decode(scored)
    return sorted((to_statement(doc, c, article_id, dct) for _, c in taken), key=lambda s: s.cue_start or s.start)


@functools.cache
def load_ranker() -> SpanRanker | None:
    """The shipped span model, or None when it has not been built (``make attribution-model``)."""
    if not has_resource("statements", RANKER_FILE):
        return None
    raw = load_json("statements", RANKER_FILE)
    return SpanRanker(weights=raw["weights"], threshold=float(raw["threshold"]),
                      overlap=float(raw.get("overlap", 0.5)), feature_set=int(raw.get("features", 1)),
                      gate=raw.get("gate"), gate_threshold=float(raw.get("gate_threshold", 0.0)),
                      drop_kinds=frozenset(raw.get("drop_kinds", ())))
