"""A learned cue detector: which verbs the lexicon does not list still attribute something, as PolNeAR's
annotators marked them ("made the case that ...", "drew criticism for ...", "hold the view ...", "targeted
Clinton over ...").

A logistic regression over features of one verb in spaCy's parse (its lemma, tag and dependency, its children's
dependencies and words, its subject's kind, its object's lemma, its head) scores each verb the rules do not take
as a cue; above the threshold the verb becomes a broad cue (``Cue(lemma, "belief", "content")``) and the rules
build its speaker and content as for any cue (``statements.parse``). Trained on PolNeAR train by
``bench/attribution_train.py`` (the gold cue tokens among the verbs the rules miss); the weights are a small JSON
file shipped in ``resources/statements/cue_model.json``. Nothing is downloaded; without the file there is no
detector.
"""
from __future__ import annotations

import functools
import math
from collections.abc import Iterable, Iterator
from itertools import repeat
from dataclasses import dataclass

from spacy.tokens import Token

from ...resources import has_resource, load_json

CUE_MODEL_FILE = "cue_model.json"
_ARG_DEPS = frozenset({"ccomp", "xcomp", "dobj", "prep", "advcl", "dative", "prt", "acomp", "oprd", "attr", "agent"})


def is_open_verb(tok: Token) -> bool:
    """The tokens the detector scores: verbs (not modals, not auxiliaries of another verb)."""
    return tok.pos_ == "VERB" and tok.tag_ != "MD" and tok.dep_ not in ("aux", "auxpass", "amod", "compound")


def _subject_kind(t: Token) -> str:
    if t.pos_ == "PRON":
        return f"pron:{t.lower_}"
    return t.ent_type_ or t.pos_


def token_features(tok: Token) -> Iterator[str]:
    """The sparse features of one verb (strings; the model weighs them)."""
    lem = tok.lemma_.lower()
    yield "bias"
    yield f"lem={lem}"
    yield f"tag={tok.tag_}"
    yield f"dep={tok.dep_}"
    yield f"lem={lem}|dep={tok.dep_}"
    yield f"hpos={tok.head.pos_}|dep={tok.dep_}"
    if tok.dep_ in ("xcomp", "ccomp", "advcl", "conj"):
        yield f"hlem={tok.head.lemma_.lower()}|dep={tok.dep_}"
    deps = sorted({c.dep_ for c in tok.children if c.dep_ != "punct"})
    yield f"deps={'+'.join(d for d in deps if d in _ARG_DEPS)}"
    for d in deps:
        yield f"child={d}"
        if d in _ARG_DEPS:
            yield f"lem={lem}|child={d}"
    subj = None
    for c in tok.children:
        if c.dep_ in ("nsubj", "nsubjpass"):
            subj = c
            yield f"subj={_subject_kind(c)}"
            yield f"lem={lem}|subjpos={c.pos_}"
        elif c.dep_ == "dobj":
            yield f"dobj={c.lemma_.lower()}"
            yield f"lem={lem}|dobj={c.lemma_.lower()}"
            yield f"dobjent={c.ent_type_ or c.pos_}"
        elif c.dep_ in ("prep", "prt", "dative"):
            yield f"{c.dep_}={c.lower_}"
            yield f"lem={lem}|{c.dep_}={c.lower_}"
        elif c.dep_ in ("neg", "aux", "mark"):
            yield f"{c.dep_}={c.lower_}"
        elif c.dep_ in ("xcomp", "ccomp"):
            yield f"{c.dep_}lem={c.lemma_.lower()}"
            if any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children):
                yield f"{c.dep_}=that"
    if subj is None:
        yield "nosubj"
    yield f"first={tok.i - tok.sent.start < 3}"


def linear_prob(weights: dict[str, float], feats: Iterable[str]) -> float:
    """The probability a logistic-regression model (sparse feature -> weight) gives ``feats``."""
    z = sum(map(weights.get, feats, repeat(0.0)))  # as sum(weights.get(f, 0.0) ...), without a generator
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


@dataclass(frozen=True, slots=True)
class CueModel:
    weights: dict[str, float]
    threshold: float

    def prob(self, tok: Token) -> float:
        return linear_prob(self.weights, token_features(tok))

    def is_cue(self, tok: Token) -> bool:
        return is_open_verb(tok) and self.prob(tok) >= self.threshold

    def memo(self) -> MemoCueModel:
        """The same detector remembering each token's probability (for one document: asked twice there)."""
        return MemoCueModel(self)


class MemoCueModel:
    """A ``CueModel`` over one document that scores each token once (keyed by its index)."""

    __slots__ = ("model", "threshold", "_probs")

    def __init__(self, model: CueModel) -> None:
        self.model, self.threshold = model, model.threshold
        self._probs: dict[int, float] = {}

    def prob(self, tok: Token) -> float:
        p = self._probs.get(tok.i)
        if p is None:
            p = self._probs[tok.i] = self.model.prob(tok)
        return p

    def is_cue(self, tok: Token) -> bool:
        return is_open_verb(tok) and self.prob(tok) >= self.threshold


@functools.cache
def load_cue_model() -> CueModel | None:
    """The shipped detector, or None when it has not been built (``make attribution-model``)."""
    if not has_resource("statements", CUE_MODEL_FILE):
        return None
    raw = load_json("statements", CUE_MODEL_FILE)
    return CueModel(weights=raw["weights"], threshold=float(raw["threshold"]))
