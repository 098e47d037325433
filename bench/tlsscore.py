"""Timeline summarization scores as news-tls computes them (Gholipour Ghalandari & Ifrim 2020, ``evaluate.py``),
with tilse (Martschat & Markert 2017/2018), the metrics' reference implementation:

- AR-1 / AR-2: tilse's ``evaluate_align_date_content_costs_many_to_one`` (alignment + date-content costs,
  many-to-one), ROUGE computed by tilse's Python reimplementation (``rouge_computation="reimpl"``: ROUGE-1.5.5's
  SMART stop words and Porter stemming);
- Date-F1: exact-date precision / recall / F1 (news-tls ``evaluate_dates``);
- each reference timeline is scored on its own (a one-timeline ``GroundTruth``), and means are taken as news-tls
  ``get_average_results`` does: mean precision and mean recall, F1 of those means.

Install with ``pip install -e '.[bench]'`` (tilse 0.2.1).
"""
from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

Timeline = Mapping[date, Sequence[str]]
MEASURES = ("rouge_1", "rouge_2")


@functools.lru_cache(maxsize=1)
def _evaluator() -> Any:
    from tilse.evaluation import rouge

    return rouge.TimelineRougeEvaluator(measures=set(MEASURES), rouge_computation="reimpl")


def _f(p: float, r: float) -> float:
    return 0.0 if p + r == 0 else 2 * p * r / (p + r)


def date_prf(pred: Timeline, ref: Timeline) -> dict[str, float]:
    """news-tls ``evaluate_dates``: shared dates over predicted (precision) and over reference (recall) dates."""
    shared = len(set(pred) & set(ref))
    p = shared / len(pred) if pred else 0.0
    r = shared / len(ref) if ref else 0.0
    return {"precision": p, "recall": r, "f_score": _f(p, r)}


def evaluate(pred: Timeline, ref: Timeline) -> dict[str, dict[str, float]]:
    """AR-1, AR-2 (align+ m:1) and Date P/R/F1 of one predicted timeline against one reference timeline."""
    from tilse.data.timelines import GroundTruth, Timeline as TilseTimeline

    gold = GroundTruth([TilseTimeline({d: list(s) for d, s in ref.items()})])
    if pred:
        scores = _evaluator().evaluate_align_date_content_costs_many_to_one(
            TilseTimeline({d: list(s) for d, s in pred.items()}), gold)
    else:  # an empty prediction: nothing matched
        scores = {m: {"precision": 0.0, "recall": 0.0, "f_score": 0.0} for m in MEASURES}
    out = {m: {k: float(v) for k, v in scores[m].items()} for m in MEASURES}
    out["date"] = date_prf(pred, ref)
    return out


def mean_scores(results: Sequence[Mapping[str, Mapping[str, float]]]) -> dict[str, float]:
    """news-tls ``get_average_results``: F1 of the mean precision and the mean recall, per measure."""
    out: dict[str, float] = {}
    n = max(len(results), 1)
    for m in (*MEASURES, "date"):
        p = sum(r[m]["precision"] for r in results) / n
        rec = sum(r[m]["recall"] for r in results) / n
        out[m] = _f(p, rec)
    return out
