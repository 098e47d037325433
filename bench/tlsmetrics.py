"""Timeline summarization metrics: Date-F1 and alignment-based ROUGE (Martschat & Markert 2017).

Our own implementation of the measures tilse computes and news-tls reports (Gholipour Ghalandari & Ifrim 2020):

- ``date_f1``: exact date match precision / recall / F1.
- ``concat``: ROUGE-N between the concatenations of all daily summaries.
- ``align``: each predicted date aligned to at most one gold date and vice versa (an injective assignment,
  ``scipy.optimize.linear_sum_assignment``) with cost ``1 - 1/(|d_pred - d_ref| + 1)``; matched n-gram hits
  are weighted by ``1/(|d_pred - d_ref| + 1)``; unmatched dates add their n-grams to the denominators.
- ``align_m1`` ("align+ m:1", the variant news-tls reports as AR-1/AR-2 and the one behind the published
  DATEWISE and CLUST figures): each predicted date goes to its cheapest gold date (and, for recall, each gold
  date to its cheapest predicted date), cost = date cost x (1 - approximate ROUGE-1 F1 of the two summaries).

ROUGE counts follow ROUGE-1.5.5 as tilse runs it (``-m -s``, raw counts): lower-cased alphanumeric tokens
(rouge-score's tokenizer), stop words removed (spaCy's English list, standing in for ROUGE's SMART list),
Porter stemming (rouge-score's stemmer, tokens longer than 3 characters), clipped n-gram overlap counts,
micro-averaged over the aligned date pairs.
"""
from __future__ import annotations

import collections
import functools
from collections.abc import Callable, Mapping, Sequence
from datetime import date
from typing import Any

import numpy as np
from rouge_score import tokenize as rouge_tokenize
from rouge_score.rouge_scorer import _create_ngrams
from scipy.optimize import linear_sum_assignment
from spacy.lang.en.stop_words import STOP_WORDS

Timeline = Mapping[date, Sequence[str]]
Scores = dict[str, dict[str, float]]
MEASURES = ("rouge_1", "rouge_2")

try:  # rouge-score's own Porter stemmer (nltk's, original algorithm)
    from nltk.stem import porter

    _STEMMER = porter.PorterStemmer("ORIGINAL_ALGORITHM")
except Exception:  # pragma: no cover - nltk is a dependency of rouge-score
    _STEMMER = None


@functools.lru_cache(maxsize=200_000)
def _stem(token: str) -> str:
    if _STEMMER is None or len(token) <= 3:
        return token
    return str(_STEMMER.stem(token))


def tokens(text: str) -> list[str]:
    """ROUGE tokens of a text: lower-cased alphanumeric words, stop words out, stemmed."""
    return [_stem(t) for t in rouge_tokenize.tokenize(text, None) if t not in STOP_WORDS]


def _ngrams(sents: Sequence[str], n: int) -> collections.Counter[tuple[str, ...]]:
    """N-grams of a summary; like ROUGE-1.5.5 the summary is one token stream (bigrams may cross sentences)."""
    toks: list[str] = []
    for s in sents:
        toks.extend(tokens(s))
    return _create_ngrams(toks, n)


def rouge_counts(pred: Sequence[str], ref: Sequence[str], n: int) -> tuple[int, int, int]:
    """(hits, predicted n-grams, reference n-grams) for one summary pair."""
    p, r = _ngrams(pred, n), _ngrams(ref, n)
    hits = sum(min(c, r[g]) for g, c in p.items())
    return hits, sum(p.values()), sum(r.values())


def f_score(prec: float, rec: float) -> float:
    return 0.0 if prec + rec == 0 else 2 * prec * rec / (prec + rec)


def _prf(prec_num: float, prec_den: float, rec_num: float, rec_den: float) -> dict[str, float]:
    prec = prec_num / prec_den if prec_den else 0.0
    rec = rec_num / rec_den if rec_den else 0.0
    return {"precision": prec, "recall": rec, "f_score": f_score(prec, rec)}


def _as_dates(tl: Timeline) -> dict[date, list[str]]:
    return {(d if isinstance(d, date) else date.fromisoformat(str(d)[:10])): list(s) for d, s in tl.items()}


def date_f1(pred: Timeline | Sequence[date], ref: Timeline | Sequence[date]) -> dict[str, float]:
    """Exact date match precision, recall and F1."""
    p = set(_as_dates(pred) if isinstance(pred, Mapping) else pred)
    r = set(_as_dates(ref) if isinstance(ref, Mapping) else ref)
    shared = len(p & r)
    prec = shared / len(p) if p else 0.0
    rec = shared / len(r) if r else 0.0
    return {"precision": prec, "recall": rec, "f_score": f_score(prec, rec)}


def concat(pred: Timeline, ref: Timeline) -> Scores:
    """ROUGE-1/2 between the concatenated summaries of the two timelines."""
    p, r = _as_dates(pred), _as_dates(ref)
    psents = [s for d in sorted(p) for s in p[d]]
    rsents = [s for d in sorted(r) for s in r[d]]
    out = {}
    for n, m in enumerate(MEASURES, 1):
        hits, pc, rc = rouge_counts(psents, rsents, n)
        out[m] = _prf(hits, pc, hits, rc)
    return out


def _date_cost(a: date, b: date) -> float:
    return 1 - 1 / (abs(a.toordinal() - b.toordinal()) + 1)


def _rouge1_approx(pred: Sequence[str], ref: Sequence[str]) -> float:
    """tilse's content cost: unigram F1 over whitespace tokens, no stemming or stop words."""
    pc = collections.Counter(t for s in pred for t in s.split())
    rc = collections.Counter(t for s in ref for t in s.split())
    match = sum(min(c, rc[t]) for t, c in pc.items())
    prec = match / sum(pc.values()) if pc else 0.0
    rec = match / sum(rc.values()) if rc else 0.0
    return f_score(prec, rec)


def _assign_min(cost: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Many-to-one: every row goes to its cheapest column."""
    rows = np.arange(cost.shape[0])
    return rows, cost.argmin(axis=1) if cost.shape[1] else np.zeros(0, dtype=int)


def _aligned(pred: Timeline, ref: Timeline, content: bool,
             assign: Callable[[np.ndarray], tuple[np.ndarray, np.ndarray]]) -> Scores:
    p, r = _as_dates(pred), _as_dates(ref)
    pdates, rdates = sorted(p), sorted(r)

    def cost(pd: date, rd: date) -> float:
        c = _date_cost(pd, rd)
        return c * (1 - _rouge1_approx(p[pd], r[rd])) if content else c

    if pdates and rdates:
        prec_cost = np.array([[cost(a, b) for b in rdates] for a in pdates])
        rec_cost = prec_cost.T
        prow, pcol = assign(prec_cost)
        rrow, rcol = assign(rec_cost)
    else:
        prow = pcol = rrow = rcol = np.zeros(0, dtype=int)
    out = {}
    for n, m in enumerate(MEASURES, 1):
        pnum = pden = rnum = rden = 0.0
        for i, j in zip(prow, pcol):
            pd, rd = pdates[i], rdates[j]
            hits, pc, _ = rouge_counts(p[pd], r[rd], n)
            pnum += hits / (abs(pd.toordinal() - rd.toordinal()) + 1)
            pden += pc
        for i in set(range(len(pdates))) - set(prow.tolist()):
            pden += sum(_ngrams(p[pdates[i]], n).values())
        for i, j in zip(rrow, rcol):
            rd, pd = rdates[i], pdates[j]
            hits, _, rc = rouge_counts(p[pd], r[rd], n)
            rnum += hits / (abs(pd.toordinal() - rd.toordinal()) + 1)
            rden += rc
        for i in set(range(len(rdates))) - set(rrow.tolist()):
            rden += sum(_ngrams(r[rdates[i]], n).values())
        out[m] = _prf(pnum, pden, rnum, rden)
    return out


def align(pred: Timeline, ref: Timeline) -> Scores:
    """tilse 'align': injective alignment by date distance."""
    return _aligned(pred, ref, content=False, assign=linear_sum_assignment)


def align_m1(pred: Timeline, ref: Timeline) -> Scores:
    """tilse 'align+ m:1' (news-tls's AR-1/AR-2): many-to-one alignment by date distance and content."""
    return _aligned(pred, ref, content=True, assign=_assign_min)


def mean_scores(results: Sequence[Mapping[str, Any]]) -> dict[str, float]:
    """news-tls averaging: mean precision and recall over timelines, F1 of the means.

    ``results`` items map 'rouge_1', 'rouge_2' and 'date' to {precision, recall, f_score}."""
    out: dict[str, float] = {}
    if not results:
        return {"rouge_1": 0.0, "rouge_2": 0.0, "date": 0.0}
    for key in ("rouge_1", "rouge_2", "date"):
        prec = sum(r[key]["precision"] for r in results) / len(results)
        rec = sum(r[key]["recall"] for r in results) / len(results)
        out[key] = f_score(prec, rec)
    return out


def evaluate(pred: Timeline, ref: Timeline, metric: str = "align_m1") -> dict[str, dict[str, float]]:
    """ROUGE-1, ROUGE-2 (by ``metric``: concat, align, align_m1) and Date-F1 of one predicted timeline."""
    fn = {"concat": concat, "align": align, "align_m1": align_m1}[metric]
    scores: dict[str, dict[str, float]] = dict(fn(pred, ref))
    scores["date"] = date_f1(pred, ref)
    return scores
