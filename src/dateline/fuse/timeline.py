"""Timeline summarization over records: rank dates, then pick sentences for each date.

Date-wise, as DATEWISE does (Gholipour Ghalandari & Ifrim 2020), without its supervised ranker:

1. **Date importance**: for each day, the number of articles that mention it (a resolved day-level
   ``Timex``), plus those among them published two or more days later (lasting importance, cf. DATEWISE's
   "mentioned before/after publication" features), plus ``pub_weight`` x the number of articles published that
   day, plus ``salience_weight`` x an optional event salience (how many articles report a fused event that day).
2. **Candidates per date**: the sentences that mention the date, and the lead sentences (no date of their own)
   of articles published on the date or the day after.
3. **Sentences**: greedy centroid optimisation: add the candidate that brings the summary's TF-IDF vector
   closest to the date's centroid, skipping near-duplicates (syndicated copies say the same thing twice).

Works on plain ``TLSentence`` rows built from records (``sentences_of``), never on spaCy docs.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

import numpy as np

from ..days import is_day
from ..model import Extraction
from .text import Tfidf, content_tokens, sentence_spans



@dataclass(slots=True)
class TLSentence:
    """One sentence of one article, with the days it mentions (resolved timexes) and its publication day."""

    text: str
    article_id: str
    start: int
    end: int
    pub: date | None
    dates: tuple[date, ...] = ()
    index: int = 0  # position of the sentence in its article
    source: str | None = None
    tokens: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.tokens:
            self.tokens = content_tokens(self.text)

    def to_dict(self) -> dict[str, object]:
        return {"text": self.text, "article_id": self.article_id, "start": self.start, "end": self.end,
                "source": self.source}


@dataclass(slots=True)
class TimelineEntry:
    date: date
    rank: int  # 1 = most important date
    score: float
    sentences: list[TLSentence]

    @property
    def summary(self) -> str:
        return " ".join(s.text for s in self.sentences)


@dataclass(slots=True)
class TimelineConfig:
    mention_weight: float = 1.0  # weight of "articles mentioning the day"
    later_weight: float = 1.0  # weight of "articles published 2+ days later still mentioning the day"
    pub_weight: float = 2.0  # weight of "articles published that day"
    salience_weight: float = 1.0
    lead_sents: int = 5  # lead sentences of an article that speak for its publication day
    pub_lag_days: int = 1  # an article published on d+1 still reports on d
    min_words: int = 5
    max_words: int = 60
    max_sim: float = 0.5  # two sentences more similar than this (TF-IDF cosine) are redundant


def _day(value: str | None) -> date | None:
    if not value or not is_day(value):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def sentences_of(ex: Extraction) -> list[TLSentence]:
    """The article's sentences with the days their resolved DATE timexes point to.

    An estimated DCT is not trusted: such an article has no publication day here and only its absolute
    dates (no anchor) count, not the ones computed from the estimate ("on Thursday")."""
    art = ex.article
    trusted = art.dct_origin != "estimated"
    pub = _day(art.dct) if trusted else None
    days = [(t.start, d) for t in ex.timexes
            if t.type == "DATE" and (trusted or t.anchor is None) and (d := _day(t.value)) is not None]
    out = []
    for i, (s, e) in enumerate(sentence_spans(art.text)):
        ds = tuple(dict.fromkeys(d for pos, d in days if s <= pos < e))
        out.append(TLSentence(text=art.text[s:e], article_id=art.id, start=s, end=e, pub=pub, dates=ds,
                              index=i, source=art.source))
    return out


def date_counts(sents: Iterable[TLSentence]) -> tuple[Counter[date], Counter[date], Counter[date]]:
    """Per day: articles published, articles mentioning it, and articles published two or more days later
    that still mention it (the day mattered beyond its own news cycle)."""
    pub: dict[date, set[str]] = defaultdict(set)
    ment: dict[date, set[str]] = defaultdict(set)
    later: dict[date, set[str]] = defaultdict(set)
    for s in sents:
        if s.pub is not None:
            pub[s.pub].add(s.article_id)
        for d in s.dates:
            ment[d].add(s.article_id)
            if s.pub is not None and (s.pub - d).days >= 2:
                later[d].add(s.article_id)
    return tuple(Counter({d: len(a) for d, a in m.items()}) for m in (pub, ment, later))  # type: ignore[return-value]


def rank_dates(
    sents: Sequence[TLSentence],
    *,
    start: date | None = None,
    end: date | None = None,
    salience: Mapping[date, float] | None = None,
    config: TimelineConfig | None = None,
) -> list[tuple[date, float]]:
    """Days in [start, end] by importance, best first (ties: earlier first)."""
    cfg = config or TimelineConfig()
    pub, ment, later = date_counts(sents)
    salience = salience or {}
    days = set(pub) | set(ment) | set(salience)
    scored = []
    for d in days:
        if (start and d < start) or (end and d > end):
            continue
        score = (cfg.mention_weight * ment[d] + cfg.later_weight * later[d] + cfg.pub_weight * pub[d]
                 + cfg.salience_weight * salience.get(d, 0.0))
        scored.append((d, float(score)))
    scored.sort(key=lambda x: (-x[1], x[0]))
    return scored


def _candidates(sents: Sequence[TLSentence], cfg: TimelineConfig) -> tuple[dict[date, list[int]], dict[date, list[int]]]:
    ment: dict[date, list[int]] = defaultdict(list)
    lead: dict[date, list[int]] = defaultdict(list)
    for i, s in enumerate(sents):
        n = len(s.text.split())
        if n < cfg.min_words or n > cfg.max_words:
            continue
        for d in s.dates:
            ment[d].append(i)
        if not s.dates and s.pub is not None and s.index < cfg.lead_sents:
            for lag in range(cfg.pub_lag_days + 1):
                lead[s.pub - timedelta(days=lag)].append(i)
    return ment, lead


def summarize(rows: Sequence[TLSentence], k: int, tfidf: Tfidf, *, max_sim: float = 0.5,
              centroid_groups: Sequence[Sequence[int]] | None = None) -> list[int]:
    """Indices of up to ``k`` rows whose summed TF-IDF vector is closest to the centroid (greedy).

    ``centroid_groups`` (row index lists) make the centroid the mean of each group's normalised centroid,
    so that a few mentioning sentences weigh as much as many lead sentences."""
    if not rows or k <= 0:
        return []
    x = tfidf.matrix([r.tokens for r in rows])
    groups = [g for g in (centroid_groups or [range(len(rows))]) if len(g)]
    centroid = np.zeros(x.shape[1])
    for g in groups:
        c = x[list(g)].sum(axis=0)
        centroid += c / (np.linalg.norm(c) or 1.0)
    centroid /= np.linalg.norm(centroid) or 1.0
    selected: list[int] = []
    acc = np.zeros(x.shape[1])
    remaining = set(range(len(rows)))
    while remaining and len(selected) < k:
        cand = np.array(sorted(remaining))
        sums = acc + x[cand]
        norms = np.linalg.norm(sums, axis=1)
        norms[norms == 0] = 1.0
        scores = (sums @ centroid) / norms
        picked = None
        for j in np.argsort(-scores, kind="stable"):
            i = int(cand[j])
            remaining.discard(i)
            if scores[j] <= 0:
                remaining.clear()
                break
            if any(float(x[i] @ x[s]) > max_sim for s in selected):
                continue
            picked = i
            break
        if picked is None:
            continue
        selected.append(picked)
        acc += x[picked]
    return selected


def build_timeline(
    sents: Sequence[TLSentence],
    n_dates: int,
    k: int = 1,
    *,
    start: date | None = None,
    end: date | None = None,
    salience: Mapping[date, float] | None = None,
    keywords: Sequence[str] | None = None,
    config: TimelineConfig | None = None,
    tfidf: Tfidf | None = None,
) -> list[TimelineEntry]:
    """The ``n_dates`` most important days, each with up to ``k`` sentences, in date order.

    Only sentences of articles published in [start, end] are used (as in the news-tls setting), and only
    sentences containing one of ``keywords`` (case-insensitive) are output when keywords are given."""
    cfg = config or TimelineConfig()
    sents = [s for s in sents if s.pub is None or ((not start or s.pub >= start) and (not end or s.pub <= end))]
    if not sents or n_dates <= 0:
        return []
    tfidf = tfidf or Tfidf(s.tokens for s in sents)
    ment, lead = _candidates(sents, cfg)
    kws = [kw.lower() for kw in keywords or ()]
    entries: list[TimelineEntry] = []
    used: set[int] = set()  # a sentence speaks for one date only (the more important one)
    for d, score in rank_dates(sents, start=start, end=end, salience=salience, config=cfg):
        if len(entries) >= n_dates:
            break
        idx = [i for i in dict.fromkeys(ment.get(d, []) + lead.get(d, [])) if i not in used]
        if kws:
            idx = [i for i in idx if any(kw in sents[i].text.lower() for kw in kws)]
        rows = [sents[i] for i in idx]
        pos = {i: j for j, i in enumerate(idx)}
        groups = [[pos[i] for i in g if i in pos] for g in (ment.get(d, []), lead.get(d, []))]
        chosen = summarize(rows, k, tfidf, max_sim=cfg.max_sim, centroid_groups=groups)
        if chosen:
            used.update(idx[j] for j in chosen)
            entries.append(TimelineEntry(date=d, rank=len(entries) + 1, score=score,
                                         sentences=[rows[j] for j in chosen]))
    entries.sort(key=lambda e: e.date)
    return entries
