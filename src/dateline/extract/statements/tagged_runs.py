"""Attributions found by the tagger alone: runs of tokens the attribution tagger (``statements.span_model``)
tags as content that no rule candidate covers, kept by a logistic-regression filter trained on PolNeAR train
(the tagger's probabilities there come from taggers trained on the other half, ``bench/attribution_span_train.py``).

A run lies inside one sentence, holds at least ``MIN_LEN`` tokens with ``P(CON) ≥ 1/2`` (punctuation inside
kept); its cue is the sentence's token most likely a cue, its source the nearest run of likely source tokens.
"""
from __future__ import annotations

from collections.abc import Iterator

import numpy as np
from spacy.tokens import Doc

from ...model import Statement
from .cue_model import linear_prob

MIN_LEN = 3
CUE, SRC, CON = 1, 2, 3  # columns of span_model.LABELS


def content_runs(doc: Doc, probs: np.ndarray, covered: np.ndarray) -> list[tuple[int, int]]:
    """(first, last) token of each run of likely content tokens inside one sentence that no kept statement
    covers (``covered``: one bool per token)."""
    out: list[tuple[int, int]] = []
    cur: list[int] | None = None
    for tok in doc:
        con = probs[tok.i, CON] >= 0.5 and not covered[tok.i]
        if cur is not None and (not con or tok.is_sent_start):
            out.append((cur[0], cur[1]))
            cur = None
        if con and (cur is not None or not tok.is_punct):
            cur = [cur[0] if cur else tok.i, tok.i]
    if cur is not None:
        out.append((cur[0], cur[1]))
    trimmed = []
    for a, b in out:
        while b > a and doc[b].is_punct:
            b -= 1
        if b - a + 1 >= MIN_LEN:
            trimmed.append((a, b))
    return trimmed


def _b(x: float) -> str:
    return str(min(9, int(x * 10)))


def _len(n: int) -> str:
    return "3" if n <= 3 else "4-7" if n <= 7 else "8-15" if n <= 15 else "16-31" if n <= 31 else "32+"


def run_features(doc: Doc, probs: np.ndarray, a: int, b: int, sent_has_statement: bool) -> Iterator[str]:
    """The sparse features of one run (strings)."""
    sent = doc[a].sent
    con = probs[a:b + 1, CON]
    outside = [i for i in range(sent.start, sent.end) if i < a or i > b]
    cue = max((float(probs[i, CUE]) for i in outside), default=0.0)
    src = max((float(probs[i, SRC]) for i in outside), default=0.0)
    yield "bias"
    yield f"len={_len(b - a + 1)}"
    yield f"mcon={_b(float(con.mean()))}"
    yield f"mincon={_b(float(con.min()))}"
    yield f"cue={_b(cue)}"
    yield f"src={_b(src)}"
    yield f"cue={_b(cue)}|mcon={_b(float(con.mean()))}"
    yield f"cuein={_b(float(probs[a:b + 1, CUE].max()))}"
    yield f"frac={_b((b - a + 1) / max(1, len(sent)))}"
    yield f"sentstart={a == sent.start}"
    yield f"sentend={b >= sent.end - 2}"
    yield f"stmt={sent_has_statement}"
    yield f"first={doc[a].tag_}|{doc[a].dep_}"
    yield f"prev={doc[a - 1].lower_ if a > 0 and (doc[a - 1].is_punct or doc[a - 1].lower_ in ('that', 'to')) else '-'}"
    yield f"next={doc[b + 1].lower_ if b + 1 < len(doc) and doc[b + 1].is_punct else '-'}"
    yield f"root={sent.root.lemma_.lower() if sent.root.i < a or sent.root.i > b else 'in'}"


def run_statement(doc: Doc, probs: np.ndarray, a: int, b: int, article_id: str, dct: str | None) -> Statement:
    """The statement of a kept run: its cue the sentence's likeliest cue token, its source the run of likely
    source tokens nearest to the cue."""
    sent = doc[a].sent
    outside = [i for i in range(sent.start, sent.end) if i < a or i > b]
    cue_i = max(outside, key=lambda i: float(probs[i, CUE])) if outside else None
    cue = doc[cue_i] if cue_i is not None and probs[cue_i, CUE] >= 0.3 else None
    spans: list[tuple[int, int]] = []
    for i in outside:
        if probs[i, SRC] >= 0.5:
            if spans and spans[-1][1] == i - 1:
                spans[-1] = (spans[-1][0], i)
            else:
                spans.append((i, i))
    anchor = cue.i if cue is not None else a
    src = min(spans, key=lambda s: min(abs(s[0] - anchor), abs(s[1] - anchor))) if spans else None
    start, end = doc[a].idx, doc[b].idx + len(doc[b].text)
    text = doc.text[start:end]
    sp_start = doc[src[0]].idx if src else None
    sp_end = doc[src[1]].idx + len(doc[src[1]].text) if src else None
    return Statement(
        article_id=article_id, text=text, start=start, end=end, content=text,
        speaker=doc.text[sp_start:sp_end] if sp_start is not None else None,
        speaker_start=sp_start, speaker_end=sp_end,
        cue=cue.lower_ if cue is not None else None, cue_start=cue.idx if cue is not None else None,
        cue_end=cue.idx + len(cue.text) if cue is not None else None,
        date=dct, date_origin="dct" if dct else None)


def covered_tokens(doc: Doc, stmts: list[Statement]) -> np.ndarray:
    """One bool per token: inside some statement's content span."""
    cov = np.zeros(len(doc), dtype=bool)
    starts = np.array([t.idx for t in doc], dtype="int64")
    for s in stmts:
        lo = max(0, int(np.searchsorted(starts, s.start, side="right")) - 1)
        hi = int(np.searchsorted(starts, s.end, side="left"))
        cov[lo:hi] = True
    return cov


def tagger_runs(doc: Doc, probs: np.ndarray, kept: list[Statement], weights: dict[str, float], threshold: float,
                article_id: str, dct: str | None) -> list[Statement]:
    """The statements of the runs the filter keeps (none when there are no weights)."""
    if not weights or not len(doc):
        return []
    cov = covered_tokens(doc, kept)
    out = []
    for a, b in content_runs(doc, probs, cov):
        sent = doc[a].sent
        has = bool(cov[sent.start:sent.end].any())
        if linear_prob(weights, run_features(doc, probs, a, b, has)) >= threshold:
            out.append(run_statement(doc, probs, a, b, article_id, dct))
    return out
