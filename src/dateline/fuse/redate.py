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
import math
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

import numpy as np

from ..model import Article, Extraction
from .text import Tfidf, content_tokens
from .timeline import _day

#: dates that are not stated by the article or its metadata: they may be (re)placed by the story
UNSTATED = frozenset({"missing", "estimated", "story"})
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY = re.compile(r"^(?:on\s+)?(" + "|".join(_WEEKDAYS) + r")(?:'s)?$", re.I)
_NUMBER = re.compile(r"(?<![\d.,:])(?:\d{1,3}(?:,\d{3})+|\d{2,})(?![\d:])")
_YEAR = re.compile(r"^(?:19|20)\d\d$")
_COUNT = re.compile(r"\b(?:(\d{1,3})\s+days?\s+(?:into|after\s+the\s+start\s+of)|day\s+(\d{1,3})\s+of)\b", re.I)


@dataclass(slots=True)
class PlaceConfig:
    neighbours: int = 8  # most similar dated articles that vote
    min_sim: float = 0.05  # a dated article less similar than this does not vote
    sim_power: float = 2.0  # a neighbour's vote weighs similarity ** sim_power
    spread: float = 1.5  # days: a neighbour's vote decays as exp(-|d - its day| / spread)
    lag: float = 0.8  # a neighbour speaks (a little less) for the day after its own: news is retold
    window: int = 10  # days around the neighbours' days (and after the named dates) that are considered
    fact_weight: float = 1.0  # weight of the latest named date on or before the day (and of named dates after it)
    fact_decay: float = 3.0  # days: the named date's weight decays as exp(-(d - date) / fact_decay)
    fact_reach: int = 60  # with a similar neighbour, only named dates this close to a neighbour's day count
    strong_sim: float = 0.35  # a neighbour at least this similar is a strong one
    weekday_weight: float = 0.6  # weight of the weekday fit (and of counts from the story's start)
    told_weight: float = 0.5  # weight of "the days its relative mentions stand for are days the story knows"
    margin: int = 30  # days: an undated article of a story appeared within its dated articles' span +- margin


@dataclass(frozen=True, slots=True)
class StoryDate:
    article_id: str
    dct: str
    evidence: str
    confidence: str  # "high", "medium" or "low"


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


def _facts(ex: Extraction) -> list[date]:
    """Days the article names with their year (absolute, not computed from its own date)."""
    return [d for t in ex.timexes if t.type == "DATE" and t.anchor is None and (d := _day(t.value)) is not None]


def _weekdays(ex: Extraction) -> list[int]:
    """ISO weekday (0 = Monday) of every bare weekday name the article uses."""
    return [_WEEKDAYS.index(m.group(1).lower()) for t in ex.timexes if (m := _WEEKDAY.match(t.text.strip()))]


_DEICTIC = {"yesterday": 0, "last night": 0, "today": 1, "tonight": 1, "this morning": 1, "this afternoon": 1,
            "this evening": 1}


def _told(ex: Extraction) -> list[int]:
    """Relative mentions whose day depends on the article's own: weekdays (0-6), "yesterday" (10), "today" (11)."""
    out = list(_weekdays(ex))
    for t in ex.timexes:
        k = _DEICTIC.get(" ".join(t.text.lower().split()))
        if k is not None:
            out.append(10 + k)
    return out


def _counts(ex: Extraction) -> list[int]:
    return [int(m.group(1) or m.group(2)) for m in _COUNT.finditer(ex.article.text)]


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
        #: per dated article: the days it names or appeared on (the days the story knows something happened)
        self.days = [{d for t in ex.timexes if t.type == "DATE" and (d := _day(t.value)) is not None}
                     | ({d} if (d := stated(ex)) else set()) for ex in dated]

    def profile(self, sims: np.ndarray, min_sim: float, power: float) -> dict[date, float]:
        """Per day: how much the dated articles similar to an article speak of it (similarity-weighted), 0..1."""
        out: dict[date, float] = {}
        for i in np.flatnonzero(sims >= min_sim):
            w = float(sims[i]) ** power
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


def _told_day(d: date, ref: int) -> date:
    """The day a relative mention stands for if the article appeared on ``d``: a weekday (0-6) on or before it,
    or an offset (-1 yesterday, -2 today: 0 ... encoded as ref - 10)."""
    if ref >= 10:
        return d + timedelta(days=ref - 10 - 1)
    return d - timedelta(days=(d.weekday() - ref) % 7)


def _score(d: date, votes: Sequence[tuple[date, float]], facts: Sequence[date], weekdays: Sequence[int],
           counted: Sequence[date], cfg: PlaceConfig, told: Sequence[int] = (),
           known: dict[date, float] | None = None) -> float:
    total = sum(w for _, w in votes) or 1.0
    if told and known:
        score = cfg.told_weight * sum(known.get(_told_day(d, r), 0.0) for r in told) / len(told)
    else:
        score = 0.0
    score += sum(w * max(math.exp(-abs((d - nd).days) / cfg.spread),
                         cfg.lag * math.exp(-abs((d - nd).days - 1) / cfg.spread)) for nd, w in votes) / total
    if facts:
        before = [f for f in facts if f <= d]
        if before:
            score += cfg.fact_weight * math.exp(-(d - max(before)).days / cfg.fact_decay)
        score -= cfg.fact_weight * (len(facts) - len(before)) / len(facts)
    if weekdays:
        score -= cfg.weekday_weight * sum(max(0, (d.weekday() - wd) % 7 - 1) for wd in weekdays) / (5 * len(weekdays))
    if counted:
        score -= cfg.weekday_weight * min(abs((d - c).days) for c in counted) / cfg.window
    return score


def place(target: Extraction, dated: Sequence[tuple[Extraction, date]], space: Space,
          cfg: PlaceConfig | None = None) -> StoryDate | None:
    """The day ``target`` most likely appeared on, among its story's ``dated`` articles (``space``: their
    vectors, in the same order). None when no dated article is similar enough."""
    cfg = cfg or PlaceConfig()
    if not dated:
        return None
    sims = space.sims(target)
    order = [int(i) for i in np.argsort(-sims, kind="stable")[: cfg.neighbours] if sims[i] >= cfg.min_sim]
    if not order:
        return None
    votes = [(dated[i][1], float(sims[i]) ** cfg.sim_power) for i in order]
    top = float(sims[order[0]])
    # the dates it names with their year: near the neighbours' days, or anywhere when the neighbours are weak
    reach = timedelta(days=cfg.fact_reach if top >= cfg.strong_sim else 36600)
    dated_span = (min(d for _, d in dated), max(d for _, d in dated))
    span = (dated_span[0] - timedelta(days=cfg.margin), dated_span[1] + timedelta(days=cfg.margin))
    facts = [f for f in _facts(target) if span[0] <= f <= span[1] and any(abs(f - nd) <= reach for nd, _ in votes)]
    weekdays = _weekdays(target)
    start = dated_span[0]
    counted = [start + timedelta(days=n) for n in _counts(target)]
    window = timedelta(days=cfg.window)
    days = {nd + timedelta(days=k) for nd, _ in votes for k in range(-cfg.window, cfg.window + 1)}
    days |= {f + timedelta(days=k) for f in facts for k in range(cfg.window + 1)}
    days |= {c + timedelta(days=k) for c in counted for k in range(-2, 3)}
    days = {d for d in days if span[0] <= d <= span[1]} or days
    told = _told(target)
    known = space.profile(sims, cfg.min_sim, cfg.sim_power) if told else None
    scored = sorted(((_score(d, votes, facts, weekdays, counted, cfg, told, known), d) for d in days),
                    key=lambda x: (-x[0], x[1]))
    day = scored[0][1]
    near = [nd for nd, _ in votes if abs((nd - day).days) <= 2]
    confidence = "high" if len(near) >= 3 and top >= 0.3 else "medium" if near and top >= 0.15 else "low"
    parts = [f"{len(near)} of the {len(votes)} most similar dated articles of its story appeared within 2 days "
             f"(closest: {dated[order[0]][0].article.id} on {dated[order[0]][1].isoformat()}, similarity {top:.2f})"]
    if facts:
        on_or_before = [f for f in facts if f <= day]
        if on_or_before:
            parts.append(f"latest dated fact named: {max(on_or_before).isoformat()}")
    if weekdays:
        parts.append("weekdays named: " + ", ".join(sorted({_WEEKDAYS[w].capitalize() for w in weekdays}))
                     + f" -> a {day.strftime('%A')}")
    if counted and min(abs(c - day) for c in counted) <= window:
        parts.append("counted from the story's start: " + ", ".join(c.isoformat() for c in counted))
    return StoryDate(target.article.id, day.isoformat(), f"placed by its story ({confidence} confidence): "
                     + "; ".join(parts), confidence)


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
