"""The span model's second feature set and anchor gate (sentences written for these tests)."""
from __future__ import annotations

from dateline.extract.nlp import load_nlp
from dateline.extract.statements import span_pairs as P
from dateline.extract.statements import span_ranker as R
from dateline.extract.statements.cue_model import load_cue_model
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
    cands = P.candidates(doc, [])
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


def test_dropped_kinds_are_not_offered() -> None:
    doc = load_nlp()("The night porter who found the keys told the manager about the broken lock.")
    every = P.candidates(doc, [])
    assert "c:nsubj" in {c.kind for c in every}
    fewer = P.candidates(doc, [], drop=frozenset({"c:nsubj", "c:relcl"}))
    assert not {c.kind for c in fewer} & {"c:nsubj", "c:relcl"} and len(fewer) < len(every)


def test_the_memo_detector_scores_as_the_model_does() -> None:
    model = load_cue_model()
    assert model is not None, "the shipped cue detector (make attribution-model)"
    doc = load_nlp()("The auditors flagged the missing invoices and questioned the treasurer.")
    memo = model.memo()
    for t in doc:
        assert memo.prob(t) == model.prob(t) and memo.is_cue(t) == model.is_cue(t)
    assert memo.prob(doc[2]) == model.prob(doc[2])
