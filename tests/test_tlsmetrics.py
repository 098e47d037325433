"""Date-F1 and alignment-based ROUGE on a small case computed by hand (see the comments for the arithmetic)."""
from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
import tlsmetrics as tm  # noqa: E402

D1, D2, D3, D4 = (date(2020, 1, d) for d in (1, 2, 3, 4))
PRED = {D1: ["alpha beta gamma"], D3: ["delta epsilon"]}
REF = {D1: ["alpha beta zeta"], D2: ["delta epsilon"]}


def test_tokens_stopwords_and_stemming() -> None:
    assert tm.tokens("Alpha, the beta!") == ["alpha", "beta"]
    assert tm.tokens("The virus was spreading") == ["viru", "spread"]  # Porter stems, "the"/"was" dropped


def test_date_f1() -> None:
    # shared {D1}: P = 1/2, R = 1/2
    assert tm.date_f1(PRED, REF) == {"precision": 0.5, "recall": 0.5, "f_score": 0.5}
    assert tm.date_f1([D1], [D1, D2])["f_score"] == pytest.approx(2 * 1 * 0.5 / 1.5)


def test_concat() -> None:
    s = tm.concat(PRED, REF)
    # unigrams: 4 of 5 shared (gamma / zeta differ)
    assert s["rouge_1"]["f_score"] == pytest.approx(0.8)
    # bigrams pred: ab bg gd de / ref: ab bz zd de -> 2 of 4
    assert s["rouge_2"]["precision"] == pytest.approx(0.5)
    assert s["rouge_2"]["recall"] == pytest.approx(0.5)


def test_align_injective() -> None:
    # costs: D1-D1 0, D1-D2 .5, D3-D1 .667, D3-D2 .5 -> pairs (D1,D1) and (D3,D2, weight 1/2)
    s = tm.align(PRED, REF)
    # R1: hits 2*1 + 2*0.5 = 3 over 5 predicted and 5 reference unigrams
    assert s["rouge_1"]["precision"] == pytest.approx(0.6)
    assert s["rouge_1"]["recall"] == pytest.approx(0.6)
    # R2: hits 1*1 + 1*0.5 = 1.5 over 3 bigrams each side
    assert s["rouge_2"]["f_score"] == pytest.approx(0.5)


def test_align_extra_date_injective_vs_many_to_one() -> None:
    pred = {**PRED, D4: ["alpha beta"]}
    # injective: D4 stays unmatched -> P = 3 / (3 + 2 + 2), R = 3 / 5
    s = tm.align(pred, REF)
    assert s["rouge_1"]["precision"] == pytest.approx(3 / 7)
    assert s["rouge_1"]["recall"] == pytest.approx(0.6)
    # m:1: D4 -> D1 (cost .75 * (1 - F(ab vs abz) = .8) = .15 < .667); hits 2 * 1/4 = .5 -> P = 3.5 / 7
    s = tm.align_m1(pred, REF)
    assert s["rouge_1"]["precision"] == pytest.approx(0.5)
    assert s["rouge_1"]["recall"] == pytest.approx(0.6)
    assert s["rouge_1"]["f_score"] == pytest.approx(2 * 0.5 * 0.6 / 1.1)


def test_identical_and_disjoint() -> None:
    assert tm.align_m1(REF, REF)["rouge_2"]["f_score"] == pytest.approx(1.0)
    far = {date(2021, 6, 1): ["omega"]}
    assert tm.align_m1(far, REF)["rouge_1"]["f_score"] == 0.0
    assert tm.evaluate({}, REF)["date"]["f_score"] == 0.0


def test_mean_scores_news_tls_averaging() -> None:
    a = {k: {"precision": 1.0, "recall": 0.0, "f_score": 0.0} for k in ("rouge_1", "rouge_2", "date")}
    b = {k: {"precision": 0.0, "recall": 1.0, "f_score": 0.0} for k in ("rouge_1", "rouge_2", "date")}
    # F1 of the mean P (.5) and mean R (.5), not the mean of the F1s
    assert tm.mean_scores([a, b])["date"] == pytest.approx(0.5)
