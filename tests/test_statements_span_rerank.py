"""The span model's second feature set, anchor gate and tree stage (sentences written for these tests)."""
from __future__ import annotations

import numpy as np

from dateline.extract.nlp import load_nlp
from dateline.extract.statements import span_ranker as R
from dateline.extract.statements import span_rerank as RR
from dateline.extract.statements.lexicon import load_lexicon
from dateline.extract.statements.wordnet import classes


def test_wordnet_classes_name_speech_verbs_a_model_never_saw() -> None:
    assert classes("grumble", "VERB")[0] == "communication"
    assert "cognition" in classes("suspect", "VERB")
    assert classes("grumble", "ADJ") == ()
    assert classes("xqzzv", "VERB") == ()


def test_second_feature_set_reads_class_clause_type_and_path() -> None:
    text = "The ferry operator grumbled that the new timetable would cost it passengers."
    doc = load_nlp()(text)
    cands = R.candidates(doc, [])
    cx = R.context(doc, load_lexicon(), None, cands, extra=True)
    verb = next(t for t in doc if t.text == "grumbled")
    pair = next(c for c in cands if c.anchor == verb.i and text[c.start:c.end].startswith("the new timetable"))
    feats = R.features(doc, pair, cx)
    assert "wn1=communication" in feats and "ctype=finite" in feats and "path=ccomp" in feats
    plain = R.features(doc, pair, R.context(doc, load_lexicon(), None, cands))
    assert not any(f.startswith("wn1=") for f in plain)


def test_the_gate_drops_the_parse_spans_of_anchors_it_scores_low() -> None:
    text = "The mayor said the bridge would reopen, and the river flooded the meadow."
    doc = load_nlp()(text)
    # a gate that lets through communication verbs only (it weighs the anchor's features, no intercept)
    ranker = R.SpanRanker({"bias": 5.0}, 0.5, gate={"wn1=communication": 5.0}, gate_threshold=0.9, feature_set=2)
    stmts = R.rank(doc, ranker, [], load_lexicon(), None, "a", None)
    assert {s.cue for s in stmts} == {"said"}
    open_gate = R.SpanRanker({"bias": 5.0}, 0.5, feature_set=2)
    assert "flooded" in {s.cue for s in R.rank(doc, open_gate, [], load_lexicon(), None, "a", None)}


def _info(p: float, anchor: int, a: int, b: int, kind: str = "c:ccomp") -> RR.PairInfo:
    return RR.PairInfo(p, anchor, 0.0, "VERB", "speech", "communication", 0, 0, a, b, a * 5, b * 5 + 4, kind,
                       False)


def test_vectors_see_rivals_nested_and_reported_anchors() -> None:
    outer = _info(0.9, 2, 4, 12)        # "X said [... Y claimed ...]"
    inner = _info(0.6, 6, 7, 12)        # the inner cue, inside the outer content
    rival = _info(0.3, 2, 3, 12, "rest")  # the same anchor, another span
    X = RR.vectors([outer, inner, rival])
    col = {n: j for j, n in enumerate(RR.NAMES)}
    assert X[0, col["nested"]] > 0 and X[0, col["reported"]] == -10.0
    assert X[1, col["reported"]] > 2 and X[1, col["nested"]] == -10.0
    assert X[2, col["rank"]] == 1 and X[2, col["gap"]] > 0 and X[0, col["rank"]] == 0
    assert X[0, col["kind=c:ccomp"]] == 1 and X[2, col["kind=rest"]] == 1


def test_trees_walk_all_rows_at_once() -> None:
    # two stumps: x0 <= 0.5 -> -1 else +1; x1 <= 2 -> 0.5 else -0.5
    trees = RR.Trees.from_json({"feature": [0, 0, 0, 1, 0, 0], "threshold": [0.5, 0, 0, 2.0, 0, 0],
                                "left": [1, 1, 2, 4, 4, 5], "right": [2, 1, 2, 5, 4, 5],
                                "leaf": [False, True, True, False, True, True],
                                "value": [0, -1.0, 1.0, 0, 0.5, -0.5], "roots": [0, 3], "baseline": 0.0})
    p = trees.prob(np.array([[0.0, 1.0], [1.0, 3.0], [1.0, 1.0]]))
    expect = 1 / (1 + np.exp(-np.array([-0.5, 0.5, 1.5])))
    assert np.allclose(p, expect)
    assert trees.prob(np.zeros((0, 2))).shape == (0,)
