"""Fusion inside a story: one fused event per (actor, action, target, date), figure time series with
contradictions, and the story's summary row (label, size, span, top actors)."""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from ..model import Extraction, Figure, stable_id
from .dedupe import trusted_dct
from .stories import NON_ACTOR_LABELS, actor_name

#: qualifiers meaning "the true value is at least this" / "at most this" / "roughly this"
LOWER_BOUND = frozenset({"at least", "more than", "over", "above", "in excess of", "upwards of", "no fewer than",
                         "not less than", "exceeding", "greater than"})
UPPER_BOUND = frozenset({"at most", "less than", "fewer than", "under", "below", "no more than", "not more than"})
#: "up to 3,700 tonnes may have spilled", "as many as 50 killed": in news, the high end of an estimate (the
#: speaker's figure), not a bare bound that any lower figure would satisfy
HIGH_ESTIMATE = frozenset({"up to", "as many as"})
APPROX = frozenset({"about", "around", "approximately", "roughly", "nearly", "almost", "some", "close to",
                    "an estimated", "estimated", "more or less", "just under", "just over", "circa"})


#: categories whose values are not claims about one quantity (never compared)
UNCOMPARABLE = frozenset({"other", "unknown", ""})


def _key(s: str | None) -> str:
    return re.sub(r"[^\w]+", " ", (s or "").lower()).strip()


@dataclass(slots=True)
class FusedEvent:
    id: str
    story_id: str
    actor: str | None
    action: str
    target: str | None
    date: str | None
    location: str | None
    polarity: str
    modality: str
    n_articles: int
    n_mentions: int
    sources: list[str]
    provenance: list[dict[str, Any]] = field(default_factory=list)


def fuse_events(story_id: str, extractions: Sequence[Extraction]) -> list[FusedEvent]:
    """The same actor / action / target / date (and polarity) across articles becomes one event."""
    groups: dict[tuple[str, ...], list[tuple[Extraction, Any]]] = defaultdict(list)
    for ex in extractions:
        for ev in ex.events:
            k = (_key(ev.actor), _key(ev.action), _key(ev.target), ev.date or "", ev.polarity)
            groups[k].append((ex, ev))
    out = []
    for k, mentions in groups.items():
        first = mentions[0][1]
        locs = Counter(ev.location for _, ev in mentions if ev.location)
        mods = Counter(ev.modality for _, ev in mentions)
        sources = sorted({ex.article.source for ex, _ in mentions if ex.article.source})
        out.append(FusedEvent(
            id="e" + stable_id(story_id, *k, n=11), story_id=story_id, actor=first.actor, action=first.action,
            target=first.target, date=first.date, location=locs.most_common(1)[0][0] if locs else None,
            polarity=first.polarity, modality=mods.most_common(1)[0][0],
            n_articles=len({ex.article.id for ex, _ in mentions}), n_mentions=len(mentions), sources=sources,
            provenance=[{"article_id": ex.article.id, "start": ev.start, "end": ev.end, "text": ev.text,
                         "source": ex.article.source, "date": ex.article.dct} for ex, ev in mentions]))
    out.sort(key=lambda e: (e.date or "9999", -e.n_articles, e.action, e.actor or ""))
    return out


def event_salience(events: Sequence[FusedEvent]) -> dict[str, float]:
    """Per day: how many articles report a (fused) event on that day, summed over its events."""
    sal: Counter[str] = Counter()
    for e in events:
        if e.date and len(e.date) == 10:
            sal[e.date] += e.n_articles
    return dict(sal)


# -- figures -------------------------------------------------------------------------------------


@dataclass(slots=True)
class SeriesPoint:
    story_id: str
    category: str
    date: str | None
    value: float
    qualifier: str | None
    scope: str | None
    source: str | None
    article_id: str
    start: int
    end: int
    unit: str | None = None
    contradiction: bool = False
    contradiction_group: str | None = None


def _interval(value: float, qualifier: str | None) -> tuple[float, float]:
    """The values a claim allows: exact, a bound, +-10% when approximate, the top 10% for a high estimate."""
    q = _key(qualifier)
    if q in LOWER_BOUND:
        return value, float("inf")
    if q in UPPER_BOUND:
        return 0.0, value
    if q in HIGH_ESTIMATE:
        return value * 0.9, value
    if q in APPROX:
        return value * 0.9, value * 1.1
    return value, value


def consistent(a: SeriesPoint, b: SeriesPoint) -> bool:
    """Two claims agree when the values they allow overlap."""
    lo1, hi1 = _interval(a.value, a.qualifier)
    lo2, hi2 = _interval(b.value, b.qualifier)
    return lo1 <= hi2 and lo2 <= hi1


def figure_series(story_id: str, extractions: Sequence[Extraction]) -> list[SeriesPoint]:
    """Every categorised figure of the story as a dated point (``as_of`` or the article's date), the claim's
    source (``Figure.source``, else the outlet); points of one category, day and scope whose values disagree
    between different sources are flagged as a contradiction group. A day computed from an estimated publication
    date ("on Thursday" in an undated article) is dropped when it falls outside the story's span as dated by its
    other articles: the guessed year was wrong."""
    points: list[SeriesPoint] = []
    span = story_span(extractions)
    for ex in extractions:
        for f in ex.figures:
            if f.value is None or not f.category:
                continue
            p = _point(story_id, ex, f)
            if p.date and trusted_dct(ex.article) is None and not _within(p.date, span):
                p.date = None  # computed from a guessed publication date, and outside the story's dated span
            points.append(p)
    groups: dict[tuple[str, str, str], list[SeriesPoint]] = defaultdict(list)
    for p in points:
        if p.date and p.category not in UNCOMPARABLE:
            groups[(p.category, p.date, _key(p.scope))].append(p)
    for (cat, day, scope), pts in groups.items():
        flagged: set[int] = set()
        for i, a in enumerate(pts):
            for j in range(i + 1, len(pts)):
                b = pts[j]
                if _key(a.source) != _key(b.source) and a.unit == b.unit and not consistent(a, b):
                    flagged.update((i, j))
        if flagged:
            gid = "c" + stable_id(story_id, cat, day, scope, n=11)
            for i in flagged:
                pts[i].contradiction, pts[i].contradiction_group = True, gid
    points.sort(key=lambda p: (p.category, p.date or "9999", p.source or "", p.article_id, p.start))
    return points


def trusted_days(extractions: Sequence[Extraction]) -> list[str]:
    """The story's articles' trusted publication dates (not estimated ones), sorted."""
    return sorted(d for ex in extractions if (d := trusted_dct(ex.article)))


def story_span(extractions: Sequence[Extraction], margin_days: int = 31) -> tuple[date, date] | None:
    """The days a story covers, from its articles' trusted publication dates, widened by ``margin_days``."""
    days = [date.fromisoformat(d[:10]) for d in trusted_days(extractions) if len(d) >= 10]
    if not days:
        return None
    return days[0] - timedelta(days=margin_days), days[-1] + timedelta(days=margin_days)


def _within(day: str, span: tuple[date, date] | None) -> bool:
    if span is None:
        return True
    try:
        return span[0] <= date.fromisoformat(day[:10]) <= span[1]
    except ValueError:
        return False


def _point(story_id: str, ex: Extraction, f: Figure) -> SeriesPoint:
    day = f.as_of if f.as_of and len(f.as_of) >= 10 else trusted_dct(ex.article)
    return SeriesPoint(story_id=story_id, category=str(f.category), date=day[:10] if day else None,
                       value=float(f.value or 0), qualifier=f.qualifier, scope=f.scope,
                       source=f.source or ex.article.source, article_id=ex.article.id, start=f.start, end=f.end,
                       unit=f.unit)


# -- story summary -------------------------------------------------------------------------------


def top_actors(extractions: Sequence[Extraction], n: int = 5) -> list[str]:
    """Actors named by most articles of the story (canonical names when the actors component gave them)."""
    per_article: Counter[str] = Counter()
    display: dict[str, Counter[str]] = defaultdict(Counter)
    for ex in extractions:
        seen = set()
        for e in ex.entities:
            if e.label in NON_ACTOR_LABELS:
                continue
            name = actor_name(e.canonical, e.text)
            k = _key(name)
            if not k:
                continue
            display[k][name] += 1
            seen.add(k)
        per_article.update(seen)
    ranked = sorted(per_article.items(), key=lambda kv: (-kv[1], kv[0]))[:n]
    return [sorted(display[k].items(), key=lambda kv: (-kv[1], kv[0]))[0][0] for k, _ in ranked]


def story_label(extractions: Sequence[Extraction], actors: Sequence[str]) -> str:
    """A short label: the two most present actors and the most present place."""
    places: Counter[str] = Counter()
    for ex in extractions:
        places.update({(p.name or p.text) for p in ex.places})
    parts = list(actors[:2])
    if places:
        place = sorted(places.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
        if _key(place) not in {_key(a) for a in parts}:
            parts.append(place)
    if not parts:
        titles = [ex.article.title for ex in extractions if ex.article.title]
        return (titles[0] if titles else extractions[0].article.text[:60]).strip() if extractions else ""
    return " · ".join(parts)


def story_row(story_id: str, extractions: Sequence[Extraction], duplicates: Mapping[str, str]) -> dict[str, Any]:
    days = trusted_days(extractions)
    actors = top_actors([ex for ex in extractions if ex.article.id not in duplicates])
    return {"id": story_id, "label": story_label(extractions, actors), "size": len(extractions),
            "n_duplicates": sum(1 for ex in extractions if ex.article.id in duplicates),
            "first_date": days[0] if days else None, "last_date": days[-1] if days else None,
            "top_actors": actors}
