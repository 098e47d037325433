"""Timeline summarization over records: rank dates, then pick sentences for each date.

Date-wise, as DATEWISE does (Gholipour Ghalandari & Ifrim 2020), without its supervised ranker:

1. **Date importance**: for each day, the number of articles that mention it (a resolved day-level
   ``Timex``), plus those among them published two or more days later (lasting importance, cf. DATEWISE's
   "mentioned before/after publication" features), plus ``pub_weight`` x the number of articles published that
   day, plus ``salience_weight`` x an optional event salience (how many articles report a fused event that day).
2. **Candidates per date**: the sentences in which something happens on the date (a day-level date that is not
   a range bound or a background reference: "since October 7", "had held since January 19", "as of", "until"
   do not count; an event's or statement's own date does), and the lead sentences (no date of their own) of
   articles published on the date or the day after. Each sentence (and its copies: the same text in another
   article, or a near-copy in the same article, like a headline and its lead) is given to one date only, its
   best-ranked candidate date, before any date is summarized: asking for more or fewer dates or sentences
   never moves a sentence to another date.
3. **Sentences**: greedy centroid optimisation: add the candidate that brings the summary's TF-IDF vector
   closest to the date's centroid, skipping near-duplicates (syndicated copies say the same thing twice).

Works on plain ``TLSentence`` rows built from records (``sentences_of``), never on spaCy docs.
"""
from __future__ import annotations

from collections import Counter, defaultdict
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

import numpy as np

from ..days import is_day
from ..model import Event, Extraction, Statement
from .text import Tfidf, content_tokens, sentence_spans

#: article date origins that are estimates (text-only, or placed by its story)
ESTIMATED = frozenset({"estimated", "story"})
#: words before a date that make it a bound of a range or a reference point, not a day something happens on
_NOT_ON = re.compile(r"\b(?:since|from|until|till|through|between|as\s+of|by|before|after|starting|beginning)"
                     r"\s+(?:(?:the|late|early|mid|around|about|on)\s+)*[\W]*$", re.I)


@dataclass(slots=True)
class TLSentence:
    """One sentence of one article, with the days something happens on in it and its publication day."""

    text: str
    article_id: str
    start: int
    end: int
    pub: date | None
    dates: tuple[date, ...] = ()
    index: int = 0  # position of the sentence in its article
    source: str | None = None  # the article's outlet
    said_by: str | None = None  # the source the sentence names (a statement's speaker, or the outlet relayed)
    dct_origin: str | None = None  # how the article's date is known ("story"/"estimated": an estimate)
    copies: tuple[str, ...] = ()  # outlets of the article's near-duplicate copies (left out of the timeline)
    tokens: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.tokens:
            self.tokens = content_tokens(self.text)

    def to_dict(self) -> dict[str, object]:
        return {"text": self.text, "article_id": self.article_id, "start": self.start, "end": self.end,
                "source": self.source, "outlet": self.source, "said_by": self.said_by,
                "date_estimated": self.dct_origin in ESTIMATED, "copies": list(self.copies)}


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
    reserve: int = 3  # sentences a date takes from the dates ranked below it (whatever number is shown)


def _day(value: str | None) -> date | None:
    if not value or not is_day(value):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def happens_on(text: str, start: int) -> bool:
    """Whether the date mention at ``start`` of ``text`` is a day something happens on (not after "since",
    "until", "as of", "before" ...)."""
    return _NOT_ON.search(text[max(0, start - 40):start]) is None


def sentences_of(ex: Extraction, copies: Sequence[str] = ()) -> list[TLSentence]:
    """The article's sentences with the days something happens on in them (see the module docstring).

    An article dated by an estimate takes part (its sentences are marked); its relative dates are those
    re-resolved from the estimate. ``copies``: the outlets that carried near-duplicates of the article (its
    own outlet left out), credited beside it."""
    art = ex.article
    pub = _day(art.dct)
    text = art.text
    days: list[tuple[int, date]] = []
    bounds: list[tuple[int, date]] = []
    for t in ex.timexes:
        if t.type == "DATE" and (d := _day(t.value)) is not None:
            (days if happens_on(text, t.start) else bounds).append((t.start, d))
    speech = [st for st in ex.statements if st.kind != "attribution"]  # beliefs, stances: not what was said
    dated: list[Event | Statement] = [*ex.events, *speech]
    own = [(r.start, d) for r in dated
           if (d := _day(r.date)) is not None and d != pub]  # the article's own day is the lead's, not a mention
    speakers = [(st.start, st.end, st.speaker or st.via) for st in speech if st.speaker or st.via]
    out = []
    for i, (s, e) in enumerate(sentence_spans(text)):
        bound = {d for pos, d in bounds if s <= pos < e}
        mine = [d for pos, d in days if s <= pos < e]
        mine += [d for pos, d in own if s <= pos < e and d not in bound]
        said = next((who for a, b, who in speakers if a < e and b > s), None)
        out.append(TLSentence(text=text[s:e], article_id=art.id, start=s, end=e, pub=pub,
                              dates=tuple(dict.fromkeys(mine)), index=i, source=art.source, said_by=said,
                              dct_origin=art.dct_origin,
                              copies=tuple(o for o in dict.fromkeys(copies) if o and o != art.source)))
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


def _candidates(sents: Sequence[TLSentence], cfg: TimelineConfig) -> dict[int, list[date]]:
    """Candidate dates per sentence index: its own dates, or for a lead sentence without one its article's
    publication day and the days before it (``pub_lag_days``)."""
    out: dict[int, list[date]] = {}
    for i, s in enumerate(sents):
        n = len(s.text.split())
        if n < cfg.min_words or n > cfg.max_words:
            continue
        if s.dates:
            out[i] = list(s.dates)
        elif s.pub is not None and s.index < cfg.lead_sents:
            out[i] = [s.pub - timedelta(days=lag) for lag in range(cfg.pub_lag_days + 1)]
    return out


def _copy_keys(sents: Sequence[TLSentence], idx: Iterable[int], max_overlap: float = 0.6) -> dict[int, str]:
    """One key per group of copies: the same text (whitespace and case aside) anywhere, or near-copies in one
    article (content-word Jaccard above ``max_overlap``: a headline and its lead)."""
    keys: dict[int, str] = {}
    by_article: dict[str, list[tuple[int, set[str]]]] = defaultdict(list)
    for i in idx:
        s = sents[i]
        key = " ".join(s.text.lower().split())
        toks = set(s.tokens)
        for j, other in by_article[s.article_id]:
            if toks and other and len(toks & other) / len(toks | other) > max_overlap:
                key = keys[j]
                break
        keys[i] = key
        by_article[s.article_id].append((i, toks))
    return keys


def date_pools(sents: Sequence[TLSentence], ranked: Sequence[tuple[date, float]], cfg: TimelineConfig,
               tfidf: Tfidf, keep: Callable[[TLSentence], bool] = lambda s: True
               ) -> tuple[dict[date, tuple[list[int], list[int]]], dict[int, str]]:
    """Each date's candidate sentences, and (positions in that list) those another date took; and the copy key
    of every candidate.

    Dates are taken in rank order; each takes the best ``cfg.reserve`` of its candidates (greedy summary), and a
    sentence (with its copies) taken by a date is no candidate of the dates after it, nor of those before it
    beyond their own reserve. Fixed whatever the number of dates or sentences asked for: a longer list only
    adds dates, more sentences only extend each date's list, and no sentence is shown twice."""
    cands = _candidates(sents, cfg)
    keys = _copy_keys(sents, cands)
    by_date: dict[date, list[int]] = defaultdict(list)
    for i, ds in cands.items():
        if keep(sents[i]):
            for d in dict.fromkeys(ds):
                by_date[d].append(i)
    taken: dict[str, date] = {}
    pools: dict[date, list[int]] = {}
    for d, _ in ranked:
        pool = [i for i in by_date.get(d, []) if keys[i] not in taken]
        if not pool:
            continue
        rows = [sents[i] for i in pool]
        for j in summarize(rows, cfg.reserve, tfidf, max_sim=cfg.max_sim, centroid_groups=_groups(rows, d)):
            taken.setdefault(keys[pool[j]], d)
        pools[d] = pool
    return {d: (pool, [j for j, i in enumerate(pool) if taken.get(keys[i], d) != d]) for d, pool in pools.items()}, keys


def _groups(rows: Sequence[TLSentence], d: date) -> list[list[int]]:
    """Centroid groups of a date's candidates: the sentences naming the date, and the lead sentences."""
    return [[j for j, r in enumerate(rows) if d in r.dates], [j for j, r in enumerate(rows) if d not in r.dates]]


def summarize(rows: Sequence[TLSentence], k: int, tfidf: Tfidf, *, max_sim: float = 0.5,
              centroid_groups: Sequence[Sequence[int]] | None = None, exclude: Iterable[int] = ()) -> list[int]:
    """Indices of up to ``k`` rows whose summed TF-IDF vector is closest to the centroid (greedy).

    ``centroid_groups`` (row index lists) make the centroid the mean of each group's normalised centroid,
    so that a few mentioning sentences weigh as much as many lead sentences. Rows in ``exclude`` count in the
    centroid but are never picked."""
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
    remaining = set(range(len(rows))) - set(exclude)
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
    ranked = rank_dates(sents, start=start, end=end, salience=salience, config=cfg)
    kws = [kw.lower() for kw in keywords or ()]
    pools, keys = date_pools(sents, ranked, cfg, tfidf, lambda s: not kws or any(kw in s.text.lower() for kw in kws))
    entries: list[TimelineEntry] = []
    shown: set[str] = set()  # beyond its reserve, a date shows no sentence a date above it shows
    for d, score in ranked:
        if len(entries) >= n_dates:
            break
        pool, others = pools.get(d, ([], []))
        rows = [sents[i] for i in pool]
        exclude = set(others) | {j for j, i in enumerate(pool) if keys[i] in shown}
        chosen = summarize(rows, k, tfidf, max_sim=cfg.max_sim, centroid_groups=_groups(rows, d), exclude=exclude)
        shown.update(keys[pool[j]] for j in chosen)
        if chosen:
            entries.append(TimelineEntry(date=d, rank=len(entries) + 1, score=score,
                                         sentences=[rows[j] for j in chosen]))
    entries.sort(key=lambda e: e.date)
    return entries
