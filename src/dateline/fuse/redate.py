"""Story-aware dates for undated articles: place an article by the dated articles of its story, then re-date it.

An article whose date was not stated (``dct_origin`` "missing", "estimated" from its own text, or "story" from an
earlier placement) is placed among the articles of its story that carry a stated date:

1. **neighbours**: the dated articles it shares the most content with (TF-IDF cosine over content words and
   actor names); news is retold on the day it happens and the day after, so each neighbour votes for the days
   around its own publication day, in proportion to its similarity;
2. **latest dated fact**: a calendar date the article names with its year (not computed from any date) and
   that falls near the neighbours' days is a lower bound: the article cannot be older than what it reports;
3. **weekdays**: a bare weekday ("on Sunday") must fall on the article's day or in the six days before it;
4. **counts from a known start**: "33 days into the spill", "day 33 of the strike" count from the story's first
   day (the earliest stated publication day of the story);
5. **days the story knows**: its relative mentions ("on Tuesday", "yesterday"), resolved on a candidate day,
   should fall on days the similar dated articles name or appeared on.

Every day within the story's span (its dated articles' days +- ``margin``) near a neighbour or a named date is
scored on all of these; the weights were set on the tune half of Timeline17 (``bench/undated.py``).

The best-scoring day becomes the article's date (``dct_origin="story"``, the evidence in ``dct_evidence``, with a
confidence); its relative dates, statements, figures and events are then re-extracted on that date
(``redate``). A stated date (header, metadata, argument) is never replaced. An article alone in its story keeps
its text-only estimate.
"""
from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

import numpy as np

from ..model import Article, Extraction
from .placing import Evidence, activity, counts, deictic, features, named_dates, weekdays
from .text import Tfidf, content_tokens
from .timeline import _day

#: dates that are not stated by the article or its metadata: they may be (re)placed by the story
UNSTATED = frozenset({"missing", "estimated", "story"})
_NUMBER = re.compile(r"(?<![\d.,:])(?:\d{1,3}(?:,\d{3})+|\d{2,})(?![\d:])")
_YEAR = re.compile(r"^(?:19|20)\d\d$")

#: weights of ``placing.FEATURES``, fitted on the 182 hidden articles of the Timeline17 tune topics
#: (``bench/undated.py --fit``: conditional logit over the candidate days, L2-regularised)
WEIGHTS = (1.17, 2.98, 0.55, 1.58, 2.91, -1.75, 4.98, 0.27, -1.01, 1.27, -1.23, -1.54, 0.0)
_LEAD = 400  # characters: an article's title and first sentences (what it reports as new), its first lines


@dataclass(slots=True)
class PlaceConfig:
    neighbours: int = 8  # most similar dated articles that vote
    min_sim: float = 0.05  # a dated article less similar than this does not vote
    window: int = 10  # days around the neighbours' days (and after the named dates) that are candidates
    fact_reach: int = 60  # with a similar neighbour, only named dates this close to a neighbour's day count
    strong_sim: float = 0.35  # a neighbour at least this similar is a strong one
    margin: int = 30  # days: an undated article of a story appeared within its dated articles' span +- margin
    weights: tuple[float, ...] = WEIGHTS  # of placing.FEATURES
    tolerance: int = 3  # days: the day chosen has the most probability within this many days of it


@dataclass(frozen=True, slots=True)
class StoryDate:
    article_id: str
    dct: str
    evidence: str
    confidence: str  # "high", "medium" or "low"
    probability: float = 0.0  # the model's probability that the article appeared within ``tolerance`` days


def stated(ex: Extraction) -> date | None:
    """The article's stated date (None when it was missing or only estimated)."""
    a = ex.article
    return None if a.dct_origin in UNSTATED else _day(a.dct)


def _tokens(ex: Extraction) -> list[str]:
    """Content words, actor names and numbers (a toll of 1,490 is told on the day it is reached)."""
    names = [("a:" + " ".join((e.canonical or e.text).lower().split())) for e in ex.entities
             if e.label not in ("DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT")]
    text = ((ex.article.title or "") + "\n") * 2 + ex.article.text
    numbers = ["n:" + m.group(0).replace(",", "") for m in _NUMBER.finditer(text)]
    return content_tokens(text)[:600] + names + [n for n in numbers if not _YEAR.match(n[2:])]


def _lead_tokens(ex: Extraction) -> list[str]:
    text = (ex.article.title or "") + "\n" + ex.article.text[:_LEAD]
    return content_tokens(text) + ["n:" + m.group(0).replace(",", "") for m in _NUMBER.finditer(text)
                                   if not _YEAR.match(m.group(0))]


def _facts(ex: Extraction) -> list[date]:
    """Days the article names with their year (absolute, not computed from its own date)."""
    tagged = [d for t in ex.timexes if t.type == "DATE" and t.anchor is None and (d := _day(t.value)) is not None]
    return sorted(set(tagged) | set(named_dates(ex.article.text)[0]))


class Space:
    """TF-IDF vectors of a story's dated articles over their vocabulary; ``sims`` compares an article to them."""

    def __init__(self, dated: Sequence[Extraction], others: Sequence[Extraction] = ()) -> None:
        docs = [_tokens(ex) for ex in dated]
        self.tfidf = Tfidf(docs + [_tokens(ex) for ex in others])
        self.vocab: dict[str, int] = {}
        for toks in docs:
            for t in toks:
                self.vocab.setdefault(t, len(self.vocab))
        self.matrix = np.stack([self._vector(toks) for toks in docs]) if docs else np.zeros((0, 1))
        self.leads = (np.stack([self._vector(_lead_tokens(ex)) for ex in dated]) if docs else np.zeros((0, 1)))
        #: per word of the dated articles: the first day one of them used it, and how many used it
        self.births: dict[str, tuple[date, int]] = {}
        for ex, toks in zip(dated, docs):
            day = stated(ex)
            for t in set(toks) if day else ():
                b, n = self.births.get(t, (day, 0))
                self.births[t] = (min(b, day), n + 1)
        #: per dated article: the days it names or appeared on (the days the story knows something happened)
        self.days = [{d for t in ex.timexes if t.type == "DATE" and (d := _day(t.value)) is not None}
                     | ({d} if (d := stated(ex)) else set()) for ex in dated]
        self.activity = activity([d for ex in dated if (d := stated(ex)) is not None])
        # a temporal language model: the words used around each day (de Jong et al. 2005; Kanhabua and
        # Norvag 2008), from postings (word -> (dated article, count))
        self.ordinals = np.array([d.toordinal() if (d := stated(ex)) else 0 for ex in dated], dtype=float)
        self.postings: dict[str, list[tuple[int, int]]] = {}
        for i, toks in enumerate(docs):
            for t, c in Counter(toks).items():
                self.postings.setdefault(t, []).append((i, c))
        self.lengths = np.array([max(len(toks), 1) for toks in docs], dtype=float)
        self.total = float(self.lengths.sum())

    def profile(self, sims: np.ndarray, min_sim: float) -> dict[date, float]:
        """Per day: how much the dated articles similar to an article speak of it (similarity ** 2), 0..1."""
        out: dict[date, float] = {}
        for i in np.flatnonzero(sims >= min_sim):
            w = float(sims[i]) ** 2
            for d in self.days[i]:
                out[d] = out.get(d, 0.0) + w
        top = max(out.values(), default=0.0) or 1.0
        return {d: v / top for d, v in out.items()}

    def _vector(self, tokens: Sequence[str]) -> np.ndarray:
        v = np.zeros(max(len(self.vocab), 1))
        for t in tokens:
            j = self.vocab.get(t)
            if j is not None:
                v[j] += self.tfidf.idf.get(t, 0.0)
        n = np.linalg.norm(v)
        return v / n if n else v

    def sims(self, ex: Extraction) -> np.ndarray:
        out: np.ndarray = self.matrix @ self._vector(_tokens(ex))
        return out

    def lead_sims(self, ex: Extraction) -> np.ndarray:
        out: np.ndarray = self.leads @ self._vector(_lead_tokens(ex))
        return out

    def language(self, ex: Extraction, days: Sequence[date], spread: float = 2.0,
                 smoothing: float = 0.5) -> dict[date, float]:
        """Per candidate day: how much likelier the article's words are in the dated articles around that day
        than in the whole story (normalised log-likelihood ratio, Jelinek-Mercer smoothing), minus the best
        day's."""
        q = Counter(t for t in _tokens(ex) if t in self.postings)
        if not q or not days:
            return {}
        words = list(q)
        m = np.zeros((len(self.lengths), len(words)))
        for j, t in enumerate(words):
            for i, c in self.postings[t]:
                m[i, j] = c
        coll = m.sum(axis=0) / self.total
        k = np.exp(-np.abs(np.array([d.toordinal() for d in days], dtype=float)[:, None] - self.ordinals[None, :])
                   / spread)
        near = (k @ m) / np.maximum(k @ self.lengths, 1e-9)[:, None]
        w = np.array([q[t] for t in words], dtype=float)
        score = np.log(smoothing * near + (1 - smoothing) * coll) @ (w / w.sum()) - np.log(coll) @ (w / w.sum())
        # on the scale of the gap between the best and the typical day, clipped: a comparison, not a verdict
        z = np.maximum((score - score.max()) / max(float(score.max() - np.median(score)), 1e-6), -3.0)
        return dict(zip(days, z.tolist()))

    def word_births(self, ex: Extraction) -> list[tuple[date, float]]:
        """(first day used, idf) of the article's words that at least two dated articles use."""
        out = []
        for t in set(_tokens(ex)):
            b = self.births.get(t)
            if b is not None and b[1] >= 2:
                out.append((b[0], self.tfidf.idf.get(t, 0.0)))
        return out


def evidence(target: Extraction, dated: Sequence[tuple[Extraction, date]], space: Space,
             cfg: PlaceConfig) -> tuple[Evidence, list[int], tuple[date, date]] | None:
    """What places ``target`` in its story (None when no dated article is similar enough), the indices of its
    voting neighbours in ``dated`` and the span its day may fall in."""
    if not dated:
        return None
    sims = space.sims(target)
    order = [int(i) for i in np.argsort(-sims, kind="stable")[: cfg.neighbours] if sims[i] >= cfg.min_sim]
    if not order:
        return None
    votes = [(dated[i][1], float(sims[i])) for i in order]
    # the dates it names with their year: near the neighbours' days, or anywhere when the neighbours are weak
    reach = timedelta(days=cfg.fact_reach if votes[0][1] >= cfg.strong_sim else 36600)
    first, last = min(d for _, d in dated), max(d for _, d in dated)
    span = (first - timedelta(days=cfg.margin), last + timedelta(days=cfg.margin))
    facts = [f for f in _facts(target) if span[0] <= f <= span[1] and any(abs(f - nd) <= reach for nd, _ in votes)]
    lead = space.lead_sims(target)
    lead_order = [int(i) for i in np.argsort(-lead, kind="stable")[: cfg.neighbours] if lead[i] >= cfg.min_sim]
    headline = [f for f in facts if f in set(named_dates(target.article.text[:_LEAD])[0])
                | {d for t in target.timexes if t.start < _LEAD and t.anchor is None and (d := _day(t.value))}]
    ev = Evidence(votes=votes, lead=[(dated[i][1], float(lead[i])) for i in lead_order], headline=headline,
                  births=space.word_births(target), facts=facts, yearless=named_dates(target.article.text)[1], weekdays=weekdays(target),
                  deictic=deictic(target), counted=[first + timedelta(days=n) for n in counts(target)],
                  activity=space.activity)
    if ev.weekdays or ev.deictic:
        ev.known = space.profile(sims, cfg.min_sim)
    return ev, order, span


def candidates(ev: Evidence, span: tuple[date, date], window: int) -> list[date]:
    """The days an article may have appeared on: near its neighbours, its named dates and its counts."""
    days = {nd + timedelta(days=k) for nd, _ in ev.votes for k in range(-window, window + 1)}
    days |= {f + timedelta(days=k) for f in ev.facts for k in range(window + 1)}
    days |= {c + timedelta(days=k) for c in ev.counted for k in range(-2, 3)}
    return sorted({d for d in days if span[0] <= d <= span[1]} or days)


def case(target: Extraction, dated: Sequence[tuple[Extraction, date]], space: Space,
         cfg: PlaceConfig) -> tuple[Evidence, list[date], list[int]] | None:
    """The evidence on ``target``, its candidate days and its voting neighbours (None: nothing to place it by)."""
    found = evidence(target, dated, space, cfg)
    if found is None:
        return None
    ev, order, span = found
    days = candidates(ev, span, cfg.window)
    ev.language = space.language(target, days)
    return ev, days, order


def posterior(ev: Evidence, days: Sequence[date], weights: Sequence[float]) -> np.ndarray:
    """The probability of each candidate day (softmax of the weighted features)."""
    x = np.stack([features(d, ev) for d in days]) @ np.asarray(weights)
    p = np.exp(x - x.max())
    out: np.ndarray = p / p.sum()
    return out


def choose(days: Sequence[date], p: np.ndarray, tolerance: int) -> tuple[date, float]:
    """The day whose expected closeness is best: the probability of being on it, within a day of it and within
    ``tolerance`` days of it, summed (an estimate should above all be close, and exact when it can); returned
    with the probability within ``tolerance`` days."""
    ords = np.array([d.toordinal() for d in days])
    gap = np.abs(ords[:, None] - ords[None, :])
    within = (gap <= tolerance).astype(float) @ p
    best = int(np.argmax(within + (gap <= 1).astype(float) @ p + p))
    return days[best], float(within[best])


def place(target: Extraction, dated: Sequence[tuple[Extraction, date]], space: Space,
          cfg: PlaceConfig | None = None) -> StoryDate | None:
    """The day ``target`` most likely appeared on, among its story's ``dated`` articles (``space``: their
    vectors, in the same order). None when no dated article is similar enough."""
    cfg = cfg or PlaceConfig()
    found = case(target, dated, space, cfg)
    if found is None:
        return None
    ev, days, order = found
    day, mass = choose(days, posterior(ev, days, cfg.weights), cfg.tolerance)
    confidence = "high" if mass >= 0.75 else "medium" if mass >= 0.4 else "low"
    near = [nd for nd, _ in ev.votes if abs((nd - day).days) <= 2]
    top = ev.votes[0][1]
    parts = [f"{mass:.0%} probability within {cfg.tolerance} days",
             f"{len(near)} of the {len(ev.votes)} most similar dated articles of its story appeared within 2 days "
             f"(closest: {dated[order[0]][0].article.id} on {dated[order[0]][1].isoformat()}, similarity {top:.2f})"]
    on_or_before = [f for f in ev.facts if f <= day]
    if on_or_before:
        parts.append(f"latest dated fact named: {max(on_or_before).isoformat()}")
    if ev.weekdays:
        parts.append("weekdays named: " + ", ".join(sorted({_WEEKDAY_NAMES[w] for w in ev.weekdays}))
                     + f" -> a {day.strftime('%A')}")
    if ev.counted and min(abs((c - day).days) for c in ev.counted) <= cfg.window:
        parts.append("counted from the story's start: " + ", ".join(c.isoformat() for c in ev.counted))
    return StoryDate(target.article.id, day.isoformat(), f"placed by its story ({confidence} confidence): "
                     + "; ".join(parts), confidence, mass)


_WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def place_undated(members: Sequence[Extraction], cfg: PlaceConfig | None = None) -> list[StoryDate]:
    """Dates for the members of one story whose date is not stated, placed by the members whose date is."""
    dated = [(ex, d) for ex in members if (d := stated(ex)) is not None]
    todo = [ex for ex in members if ex.article.dct_origin in UNSTATED]
    if not dated or not todo:
        return []
    space = Space([ex for ex, _ in dated], todo)
    return [est for ex in todo if (est := place(ex, dated, space, cfg)) is not None]


Extractor = Callable[[Iterable[Article]], Iterable[Extraction]]


def redate(exs: Sequence[Extraction], dates: Sequence[StoryDate], extract: Extractor) -> list[Extraction]:
    """The articles re-extracted on their story dates (relative dates re-resolved, statements, figures and
    events re-dated); articles whose date and origin did not change are left out."""
    by_id = {ex.article.id: ex for ex in exs}
    todo = []
    for sd in dates:
        ex = by_id.get(sd.article_id)
        if ex is None or ex.article.dct_origin not in UNSTATED:  # a stated date is never replaced
            continue
        if ex.article.dct == sd.dct and ex.article.dct_origin == "story":
            continue
        todo.append(replace(ex.article, dct=sd.dct, dct_origin="story", dct_evidence=sd.evidence))
    return list(extract(todo)) if todo else []


@functools.lru_cache(maxsize=1)
def _default_pipeline() -> Any:
    from ..extract.pipeline import Pipeline

    return Pipeline()


def default_extract(articles: Iterable[Article]) -> Iterator[Extraction]:
    """Re-extraction with dateline's default components (the spaCy model is loaded on first use)."""
    yield from _default_pipeline().pipe(articles)


def redate_stories(members: Mapping[str, Sequence[Extraction]], story_ids: Iterable[str],
                   extract: Extractor | None = None, cfg: PlaceConfig | None = None) -> list[Extraction]:
    """Place the undated members of ``story_ids`` by their stories and re-extract those whose date changed."""
    out: list[Extraction] = []
    for sid in story_ids:
        exs = members.get(sid, ())
        if any(ex.article.dct_origin in UNSTATED for ex in exs):
            out += redate(exs, place_undated(exs, cfg), extract or default_extract)
    return out
