"""A learned model over attribution candidates, trained on PolNeAR train (``bench/attribution_train.py``).

The rules propose every candidate statement in the broad setting (``broad=True``: speech acts, beliefs,
perceptions, stances, as PolNeAR annotates them). Two linear models over features of the spaCy parse then
decide: a **boundary ranker** picks each candidate's content span among the alternatives the parse allows
(``statements.boundaries``: the object with its relative clause, the clause without a trailing adverbial, all
conjoined objects ...), and a **filter** (logistic regression: cue lemma, tag, dependency, its children, the
speaker phrase, where the content lies, quotation marks, nesting) keeps the candidates whose content
PolNeAR's annotators marked. Weights are a small JSON file shipped in
``resources/statements/attribution_model.json`` (feature -> weight for each model, the threshold tuned on the
tune half of PolNeAR dev); nothing is downloaded. Without the file the model is absent and the rules run as
before.
"""
from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable, Iterable, Iterator
from itertools import repeat
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from ...model import Statement
from ..nlp import doc_text
from ...resources import has_resource, load_json
from .boundaries import variant_features, variants
from .cue_model import linear_prob
from .lexicon import load_lexicon

MODEL_FILE = "attribution_model.json"


def _bucket(n: int) -> str:
    return "0" if n <= 0 else "1" if n == 1 else "2-3" if n <= 3 else "4-7" if n <= 7 else "8-15" if n <= 15 else "16+"


def _cue_token(doc: Doc, s: Statement) -> Token | None:
    if s.cue_start is None or s.cue_end is None:
        return None
    span = doc.char_span(s.cue_start, s.cue_end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def features(doc: Doc, s: Statement, nested_in: bool, inside_quote: bool, dup: int) -> Iterator[str]:
    """The sparse features of one candidate statement (strings; the model weighs them)."""
    cue = _cue_token(doc, s)
    lem = cue.lemma_.lower() if cue is not None else "-"
    yield "bias"
    yield f"lem={lem}"
    yield f"cue={s.cue}"
    yield f"mode={s.mode}"
    yield f"nested={nested_in}"
    yield f"inq={inside_quote}"
    yield f"dup={min(dup, 2)}"
    yield f"kind={s.speaker_kind}"
    yield f"lem={lem}|kind={s.speaker_kind}"
    yield f"lem={lem}|mode={s.mode}"
    yield f"parts={s.content_parts is not None}"
    n_tok = len(s.content.split())
    yield f"len={_bucket(n_tok)}"
    yield f"lem={lem}|len={_bucket(n_tok)}"
    yield f"before={s.end <= (s.cue_start or 0)}"
    if cue is not None:
        yield f"lexcue={load_lexicon().cue_for(lem, True) is not None}"  # else the learned detector's cue
        yield f"tag={cue.tag_}"
        yield f"dep={cue.dep_}"
        yield f"pos={cue.pos_}"
        yield f"lem={lem}|dep={cue.dep_}"
        yield f"lem={lem}|tag={cue.tag_}"
        yield f"hdep={cue.head.dep_}"
        yield f"hlem={cue.head.lemma_.lower()}|dep={cue.dep_}"
        deps = sorted({c.dep_ for c in cue.children})
        for d in deps:
            yield f"child={d}"
            yield f"lem={lem}|child={d}"
        yield f"deps={'+'.join(deps)}"
        for c in cue.children:
            if c.dep_ in ("aux", "neg", "prt", "advmod", "mark"):
                yield f"{c.dep_}={c.lower_}"
            if c.dep_ == "prep":
                yield f"prep={c.lower_}"
                yield f"lem={lem}|prep={c.lower_}"
        sent = cue.sent
        yield f"sentpos={_bucket(cue.i - sent.start)}"
        yield f"first={cue.i - sent.start < 2}"
    if s.speaker_start is not None and s.speaker_end is not None:
        sp = doc.char_span(s.speaker_start, s.speaker_end, alignment_mode="expand")
        if sp is not None and len(sp):
            r = sp.root
            yield f"sphead={r.lower_ if r.pos_ == 'PRON' else r.pos_}"
            yield f"spent={r.ent_type_ or '-'}"
            yield f"splem={r.lemma_.lower()}"
            yield f"splen={_bucket(len(sp))}"
            yield f"lem={lem}|spent={r.ent_type_ or '-'}"
            yield f"lem={lem}|sppos={r.pos_}"
    else:
        yield "nospeaker"
        yield f"lem={lem}|nospeaker"


def candidate_features(doc: Doc, stmts: list[Statement]) -> list[list[str]]:
    """Features of every candidate in one article (nesting and duplicates are relative to the others)."""
    text = doc_text(doc)
    spans = [(s.start, s.end) for s in stmts]
    counts: dict[tuple[int, int], int] = {}
    out = []
    for s in stmts:
        key = (s.start, s.end)
        counts[key] = counts.get(key, 0) + 1
        pos = s.cue_start or 0
        nested_in = any(a <= pos < b for a, b in spans if (a, b) != key)
        before = text[max(0, pos - 400):pos]
        inside_quote = (before.count("“") > before.count("”")) or before.count('"') % 2 == 1
        out.append(list(features(doc, s, nested_in, inside_quote, counts[key] - 1)))
    return out


def _score(weights: dict[str, float], feats: Iterable[str]) -> float:
    return sum(map(weights.get, feats, repeat(0.0)))


def rebound(doc: Doc, s: Statement, weights: dict[str, float],
            extra: Callable[[int, int], float] | None = None) -> Statement:
    """``s`` with the content span the boundary model scores highest among ``boundaries.variants``
    (``extra``: a score added for a span's start and end characters: the tagger's agreement)."""
    alts = variants(doc, s)
    if len(alts) < 2:
        return s
    cue = _cue_token(doc, s)
    lem = cue.lemma_.lower() if cue is not None else "-"
    best = max(alts, key=lambda v: _score(weights, variant_features(doc, s, v[0], v[1], v[2], lem))
               + (extra(*v[0]) if extra is not None else 0.0))
    (start, end), _, _ = best
    if (start, end) == (s.start, s.end):
        return s
    text = doc_text(doc)[start:end]
    return dataclasses.replace(s, start=start, end=end, text=text, content=text)


@dataclass(frozen=True, slots=True)
class Model:
    weights: dict[str, float]
    threshold: float
    boundary: dict[str, float] = field(default_factory=dict)
    #: trained on candidates with nested cues (inside a quotation or another statement's content) too
    nested: bool = False

    def prob(self, feats: list[str]) -> float:
        return linear_prob(self.weights, feats)

    def keep(self, doc: Doc, stmts: list[Statement]) -> list[Statement]:
        if self.boundary:
            stmts = [rebound(doc, s, self.boundary) for s in stmts]
        feats = candidate_features(doc, stmts)
        return [s for s, f in zip(stmts, feats) if self.prob(f) >= self.threshold]


@functools.cache
def load_model() -> Model | None:
    """The shipped model, or None when it has not been built (``make attribution-model``)."""
    if not has_resource("statements", MODEL_FILE):
        return None
    raw = load_json("statements", MODEL_FILE)
    return Model(weights=raw["weights"], threshold=float(raw["threshold"]), boundary=raw.get("boundary", {}),
                 nested=bool(raw.get("nested", False)))
