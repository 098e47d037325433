"""A learned attribution tagger: spaCy's ``tagger`` (its own small CNN tok2vec) over the ``en_core_web_sm``
parse, trained on PolNeAR train by ``bench/attribution_span_train.py`` with spaCy's training API on CPU.

Each token gets one of ``O``, ``CUE``, ``SRC`` (source) or ``CON`` (content) — where PolNeAR's annotators put
an attribution's parts (a cue inside another attribution's content is ``CUE``). The features are the word
(norm, prefix, suffix, shape) and the sm parse's tag, dependency and entity type, with a window of four tokens
each side. The statements component (``learned=True, tagger=True``) uses the tag probabilities three ways:

- **candidates**: a verb or noun the tagger takes as a cue (``P(CUE)`` over a threshold) becomes a broad cue
  whose speaker and content the rules build, as for the learned cue detector's verbs (``statements.cue_model``);
- **boundaries**: each candidate's content span is chosen among the parse's alternatives
  (``statements.boundaries``) by the boundary ranker plus the tagger's agreement (the summed ``P(CON) - 1/2``
  over the span's tokens);
- **filter**: a candidate that only the tagger's cues produced is kept when its content's mean ``P(CON)`` and
  the filter's probability pass their thresholds (tuned on the tune half of PolNeAR dev).

The weights (a few MB) ship in ``resources/statements/attribution_tagger/``; nothing is downloaded; without
them the option raises a clear error.
"""
from __future__ import annotations

import functools
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from spacy.tokens import Doc

from ...model import Statement
from .learned import Model, candidate_features, rebound
from .tagged_runs import tagger_runs

LABELS = ("O", "CUE", "SRC", "CON")
TAGGER_DIR = "attribution_tagger"
WIDTH = 64
ATTRS = ["NORM", "PREFIX", "SUFFIX", "SHAPE", "TAG", "DEP", "ENT_TYPE"]
ROWS = [4000, 800, 1600, 1000, 100, 100, 40]


def tagger_config() -> dict[str, Any]:
    """The tagger's model: a hashed embedding of word and parse attributes, a CNN of depth 4 (window 1)."""
    return {"model": {
        "@architectures": "spacy.Tagger.v2",
        "tok2vec": {
            "@architectures": "spacy.Tok2Vec.v2",
            "embed": {"@architectures": "spacy.MultiHashEmbed.v2", "width": WIDTH, "attrs": ATTRS, "rows": ROWS,
                      "include_static_vectors": False},
            "encode": {"@architectures": "spacy.MaxoutWindowEncoder.v2", "width": WIDTH, "depth": 4,
                       "window_size": 1, "maxout_pieces": 3},
        },
    }}


def blank_tagger() -> Any:
    """A blank English pipeline with the (untrained) attribution tagger; returns (nlp, tagger)."""
    import spacy

    nlp = spacy.blank("en")
    tagger = nlp.add_pipe("tagger", name="attribution_tagger", config=tagger_config())
    return nlp, tagger


@dataclass(frozen=True, slots=True)
class SpanTagger:
    tagger: Any
    #: column of each label in the probabilities
    columns: dict[str, int]
    cue_threshold: float
    boundary_weight: float
    content_threshold: float
    #: added to the filter's logit per unit of the content's mean ``P(CON)`` above 1/2 (every candidate)
    filter_weight: float = 0.0
    #: the run filter (``statements.tagged_runs``): feature -> weight, and its threshold
    run_weights: dict[str, float] = field(default_factory=dict)
    run_threshold: float = 1.0

    def probs(self, doc: Doc) -> np.ndarray:
        """(tokens x labels) probabilities, columns in ``LABELS`` order."""
        if not len(doc):
            return np.zeros((0, len(LABELS)), dtype="float32")
        scores = self.tagger.model.predict([doc])[0]  # spacy.Tagger.v2 predicts logits (normalize=False)
        scores = np.asarray(scores.get() if hasattr(scores, "get") else scores, dtype="float64")
        scores = np.exp(scores - scores.max(axis=1, keepdims=True))
        scores /= scores.sum(axis=1, keepdims=True)
        return np.asarray(scores[:, [self.columns[label] for label in LABELS]], dtype="float32")


def tagger_path() -> Path:
    from importlib import resources

    return Path(str(resources.files("dateline.resources").joinpath("statements").joinpath(TAGGER_DIR)))


@functools.cache
def load_tagger() -> SpanTagger | None:
    """The shipped tagger, or None when it has not been built (``make attribution-model``)."""
    import json

    path = tagger_path()
    if not (path / "settings.json").exists():
        return None
    settings = json.loads((path / "settings.json").read_text(encoding="utf-8"))
    _nlp, tagger = blank_tagger()
    tagger.from_disk(path / "tagger")
    columns = {label: i for i, label in enumerate(tagger.labels)}
    return SpanTagger(tagger=tagger, columns=columns, cue_threshold=float(settings["cue_threshold"]),
                      boundary_weight=float(settings["boundary_weight"]),
                      content_threshold=float(settings["content_threshold"]),
                      filter_weight=float(settings.get("filter_weight", 0.0)),
                      run_weights=settings.get("run_weights", {}), run_threshold=float(settings.get("run_threshold", 1.0)))


def tagged_statements(doc: Doc, probs: np.ndarray, stmts: list[Statement], model: Model, st: SpanTagger,
                      tag_only: set[int], article_id: str = "", dct: str | None = None) -> list[Statement]:
    """The candidates the component keeps: content spans re-chosen by the ranker plus the tagger's agreement,
    then the filter; a candidate whose cue only the tagger found also needs its content's mean ``P(CON)``.
    Then the runs of tagged content no kept candidate covers that the run filter keeps
    (``statements.tagged_runs``)."""
    con = probs[:, LABELS.index("CON")] if len(probs) else probs
    starts = np.array([t.idx for t in doc], dtype="int64")

    def token_range(start: int, end: int) -> tuple[int, int]:
        lo = int(np.searchsorted(starts, start, side="right")) - 1
        return max(lo, 0), max(int(np.searchsorted(starts, end, side="left")), lo + 1)

    def agreement(start: int, end: int) -> float:
        lo, hi = token_range(start, end)
        return st.boundary_weight * float(np.sum(con[lo:hi] - 0.5))

    extra = agreement if st.boundary_weight else None
    stmts = [rebound(doc, s, model.boundary, extra) for s in stmts]
    feats = candidate_features(doc, stmts)
    out = []
    for s, f in zip(stmts, feats):
        lo, hi = token_range(s.start, s.end)
        mean = float(np.mean(con[lo:hi])) if hi > lo and len(con) else 0.0
        z = sum(model.weights.get(x, 0.0) for x in f) + st.filter_weight * (mean - 0.5)
        if 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z)))) < model.threshold:
            continue
        cue = None if s.cue_start is None else token_range(s.cue_start, s.cue_start + 1)[0]
        if cue in tag_only and mean < st.content_threshold:
            continue
        out.append(s)
    return out + tagger_runs(doc, probs, out, st.run_weights, st.run_threshold, article_id, dct)
