"""Story-aware dates for undated articles: place an article by the dated articles of its story, then re-date it.

An article whose date was not stated (``dct_origin`` "missing", "estimated" from its own text, or "story" from an
earlier placement) is placed among the articles of its story that carry a stated date. Every candidate day (near
the days of its most similar dated articles, after the dates it names, at its counts from the story's start,
within the story's span +- ``margin``) gets features (``placing.FEATURES``): the similar articles' days (whole
text and lead), the story's activity (linear and as a log prior), the latest dated fact it names as a lower bound,
a date in its first lines, its weekdays ("on Sunday": that day or up to six days before; each one scored by how
its story's dated articles name weekdays relative to their own day), its "yesterday"/"today" against the days the similar articles
name, "33 days into the spill" (from the start its story's dated articles count from: ``counting``), the dated
reports of the same cumulative totals (``figseries``), the first days its story words were used and a temporal
language model of the story. A conditional logit (weights ``WEIGHTS``, fitted on the tune half of Timeline17 by
``bench/undated_fit.py``) turns them into a probability per day; the day chosen is the one most probably close
(``choose``), and the probability that it lies within ``tolerance`` days is its confidence.

That day becomes the article's date (``dct_origin="story"``, the evidence in ``dct_evidence``, with its
confidence and each feature's contribution to the day chosen over the average candidate); its relative
dates, statements, figures and events are then re-extracted on that date (``redate``). A stated date (header, metadata, argument) is never replaced. An article alone in its story keeps
its text-only estimate, and so does one that names an office holder by title ("US President Joe Biden") whose term
no candidate day of its story falls in: only days within the terms are candidates (``in_office``).
"""
from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

import numpy as np

from ..model import Article, Extraction
from . import counting, figseries
from .placing import FEATURES, Evidence, deictic, features, named_dates, weekdays
from .storyspace import _LEAD, UNSTATED, Space, stated
from .timeline import _day

#: weights of ``placing.FEATURES``, fitted on the 182 hidden articles of the Timeline17 tune topics
#: (``bench/undated_fit.py``: conditional logit over the candidate days, L2-regularised)
WEIGHTS = (0.64, 0.93, 0.62, 0.06, 2.23, -0.89, 1.83, 0.12, -0.18, 0.42, 0.20, -0.09, 0.61, 0.15, 1.65, 0.34, 0.39,
           2.46, 0.63)


@dataclass(slots=True)
class PlaceConfig:
    neighbours: int = 8  # most similar dated articles that vote
    min_sim: float = 0.05  # a dated article less similar than this does not vote
    whole_span: int = 800  # days: every day of a story's span (+- margin) up to this long is a candidate ...
    window: int = 10  # ... of a longer one, the days this close to its neighbours' days and after its named dates
    fact_reach: int = 60  # with a similar neighbour, only named dates this close to a neighbour's day count
    strong_sim: float = 0.35  # a neighbour at least this similar is a strong one
    margin: int = 30  # days: an undated article of a story appeared within its dated articles' span +- margin
    #: an article no dated article of its story is similar to is still placed, by the evidence that needs no
    #: neighbour (its dated facts, weekdays, counts, the story's busy days), with its (low) confidence; off: it
    #: keeps its text-only estimate
    fallback: bool = True
    weights: tuple[float, ...] = WEIGHTS  # of placing.FEATURES
    tolerance: int = 3  # days: the day chosen has the most probability within this many days of it
    exact: float = 0.0  # weight of a day's own probability in the choice of the day (``choose``)


@dataclass(frozen=True, slots=True)
class StoryDate:
    article_id: str
    dct: str
    evidence: str
    confidence: str  # "high", "medium" or "low"
    probability: float = 0.0  # the model's probability that the article appeared within ``tolerance`` days


def _facts(ex: Extraction) -> list[date]:
    """Days the article names with their year (absolute, not computed from its own date)."""
    tagged = [d for t in ex.timexes if t.type == "DATE" and t.anchor is None and (d := _day(t.value)) is not None]
    return sorted(set(tagged) | set(named_dates(ex.article.text)[0]))


def evidence(target: Extraction, dated: Sequence[tuple[Extraction, date]], space: Space,
             cfg: PlaceConfig) -> tuple[Evidence, list[int], tuple[date, date]] | None:
    """What places ``target`` in its story (None when no dated article is similar enough and ``cfg.fallback``
    is off, or the story has no dated article), the indices of its
    voting neighbours in ``dated`` and the span its day may fall in."""
    if not dated:
        return None
    sims = space.sims(target)
    order = [int(i) for i in np.argsort(-sims, kind="stable")[: cfg.neighbours] if sims[i] >= cfg.min_sim]
    if not order and not cfg.fallback:
        return None
    votes = [(dated[i][1], float(sims[i])) for i in order]
    # the dates it names with their year: near the neighbours' days, or anywhere when the neighbours are weak
    reach = timedelta(days=cfg.fact_reach if votes and votes[0][1] >= cfg.strong_sim else 36600)
    first, last = min(d for _, d in dated), max(d for _, d in dated)
    span = (first - timedelta(days=cfg.margin), last + timedelta(days=cfg.margin))
    facts = [f for f in _facts(target) if span[0] <= f <= span[1]
             and (not votes or any(abs(f - nd) <= reach for nd, _ in votes))]
    lead = space.lead_sims(target)
    lead_order = [int(i) for i in np.argsort(-lead, kind="stable")[: cfg.neighbours] if lead[i] >= cfg.min_sim]
    headline = [f for f in facts if f in set(named_dates(target.article.text[:_LEAD])[0])
                | {d for t in target.timexes if t.start < _LEAD and t.anchor is None and (d := _day(t.value))}]
    shared = space.shared(target)
    ev = Evidence(votes=votes, lead=[(dated[i][1], float(lead[i])) for i in lead_order],
                  passages=[(dated[int(i)][1], float(shared[i])) for i in np.flatnonzero(shared)],
                  headline=headline, births=space.word_births(target), facts=facts,
                  weekdays=weekdays(target), lead_weekdays=weekdays(target, _LEAD), deictic=deictic(target),
                  counted=counting.placed(target.article.text, space.starts, first),
                  same_totals=figseries.matches(target.figures, space.totals),
                  activity=space.activity, weekday_odds=space.weekday_odds)
    if ev.weekdays or ev.deictic:
        ev.known = space.profile(sims, cfg.min_sim)
    return ev, order, span


def candidates(ev: Evidence, span: tuple[date, date], window: int, whole_span: int = 800) -> list[date]:
    """The days an article may have appeared on: every day of its story's span, or in a long story the days
    near its neighbours, its named dates and its counts."""
    days = {nd + timedelta(days=k) for nd, _ in ev.votes for k in range(-window, window + 1)}
    days |= {f + timedelta(days=k) for f in ev.facts for k in range(window + 1)}
    days |= {c + timedelta(days=k) for c, _, _ in ev.counted for k in range(-2, 3)}
    days |= {nd + timedelta(days=k) for nd, _ in ev.same_totals for k in range(-2, 3)}
    if (span[1] - span[0]).days <= whole_span:
        days = {span[0] + timedelta(days=k) for k in range((span[1] - span[0]).days + 1)}
    elif not days:  # nothing similar, dated or counted: the days its story was told on
        days = {d for d, v in ev.activity.items() if v > 0}
    return sorted({d for d in days if span[0] <= d <= span[1]} or days)


def case(target: Extraction, dated: Sequence[tuple[Extraction, date]], space: Space,
         cfg: PlaceConfig) -> tuple[Evidence, list[date], list[int]] | None:
    """The evidence on ``target``, its candidate days and its voting neighbours (None: nothing to place it by)."""
    found = evidence(target, dated, space, cfg)
    if found is None:
        return None
    ev, order, span = found
    days = candidates(ev, span, cfg.window, cfg.whole_span)
    periods = in_office(target.article.text)
    if periods is not None:  # "US President Joe Biden": no day outside his term (a story-mate may be a year on)
        days = [d for d in days if any(a <= d <= b for a, b in periods)]
        if not days:
            return None
    ev.language = space.language(target, days)
    return ev, days, order


def in_office(text: str) -> list[tuple[date, date]] | None:
    """The periods in which every office holder the text names with a title held office (``time.dct``'s
    evidence; ``OFFICE_SLACK`` days either side), when that evidence is firm: at least ``OFFICE_HOLDERS`` of
    them, none contradicting the others, together in office for at least ``OFFICE_OVERLAP`` days. A story
    recalling "President George W. Bush" and "President Obama" names them across a handover, not in office
    together; one title can be a past one kept ("under President Bush"). None otherwise."""
    from ..extract.time.dct import office_holders

    found = office_holders(text)
    if found is None:
        return None
    periods, used, named = found
    if named < OFFICE_HOLDERS or len(used) < named or \
            max(((b - a).days for a, b in periods), default=0) < OFFICE_OVERLAP:
        return None
    slack = timedelta(days=OFFICE_SLACK)
    return [(a - slack if a > date.min + slack else a, b + slack if b < date.max - slack else b) for a, b in periods]


#: days an article may lie outside the terms of the office holders it names (a title kept a few days on)
OFFICE_SLACK = 7
#: office holders named with their titles for their common term to bound the article's day ...
OFFICE_HOLDERS = 3
#: ... and the fewest days of that term
OFFICE_OVERLAP = 90


def posterior(ev: Evidence, days: Sequence[date], weights: Sequence[float]) -> np.ndarray:
    """The probability of each candidate day (softmax of the weighted features)."""
    x = np.stack([features(d, ev) for d in days]) @ np.asarray(weights)
    p = np.exp(x - x.max())
    out: np.ndarray = p / p.sum()
    return out


def contributions(ev: Evidence, days: Sequence[date], day: date, weights: Sequence[float], top: int = 4) -> str:
    """The evidence that most favours ``day`` over the average candidate day: weight x (feature on ``day`` -
    its mean over the candidates), largest first."""
    x = np.stack([features(d, ev) for d in days])
    gain = np.asarray(weights) * (features(day, ev) - x.mean(axis=0))
    order = [int(i) for i in np.argsort(-np.abs(gain))[:top] if abs(gain[i]) >= 0.05]
    return ", ".join(f"{FEATURES[i]} {gain[i]:+.2f}" for i in order) or "none"


def choose(days: Sequence[date], p: np.ndarray, tolerance: int, exact: float = 0.0) -> tuple[date, float]:
    """The day whose expected closeness is best: the probability of being within ``tolerance`` days of it and
    within a day of it, summed (an estimate should above all be close, and then closer), plus ``exact`` times
    the probability of being on it; returned with the probability within ``tolerance`` days. ``exact`` was 1
    until session 10: on every tune article hidden in turn (1,103, leave one topic out) the day's own probability
    drew the choice to a lone peak away from where most probability lies (placed within 3 days: 661 -> 667)."""
    ords = np.array([d.toordinal() for d in days])
    gap = np.abs(ords[:, None] - ords[None, :])
    within = (gap <= tolerance).astype(float) @ p
    best = int(np.argmax(within + (gap <= 1).astype(float) @ p + exact * p))
    return days[best], float(within[best])


def place(target: Extraction, dated: Sequence[tuple[Extraction, date]], space: Space,
          cfg: PlaceConfig | None = None) -> StoryDate | None:
    """The day ``target`` most likely appeared on, among its story's ``dated`` articles (``space``: their
    vectors, in the same order). None when it has nothing to be placed by (see ``evidence``)."""
    cfg = cfg or PlaceConfig()
    found = case(target, dated, space, cfg)
    if found is None:
        return None
    ev, days, order = found
    day, mass = choose(days, posterior(ev, days, cfg.weights), cfg.tolerance, cfg.exact)
    confidence = "high" if mass >= 0.75 and order else "medium" if mass >= 0.4 and order else "low"
    near = [nd for nd, _ in ev.votes if abs((nd - day).days) <= 2]
    parts = [f"{mass:.0%} probability within {cfg.tolerance} days"]
    if order:
        parts.append(f"{len(near)} of the {len(ev.votes)} most similar dated articles of its story appeared within "
                     f"2 days (closest: {dated[order[0]][0].article.id} on {dated[order[0]][1].isoformat()}, "
                     f"similarity {ev.votes[0][1]:.2f})")
    else:
        parts.append("no dated article of its story is similar to it")
    on_or_before = [f for f in ev.facts if f <= day]
    if on_or_before:
        parts.append(f"latest dated fact named: {max(on_or_before).isoformat()}")
    if ev.weekdays:
        parts.append("weekdays named: " + ", ".join(sorted({_WEEKDAY_NAMES[w] for w in ev.weekdays}))
                     + f" -> a {day.strftime('%A')}")
    if ev.counted and min(abs((c - day).days) for c, _, _ in ev.counted) <= cfg.window:
        parts.append("counted from a start its story dates: " + ", ".join(f"{t!r} -> {c.isoformat()}"
                                                                          for c, _, t in ev.counted))
    if ev.same_totals:
        parts.append("dated reports of the same cumulative totals: "
                     + ", ".join(sorted({d.isoformat() for d, _ in ev.same_totals})))
    parts.append("contributions: " + contributions(ev, days, day, cfg.weights))
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
