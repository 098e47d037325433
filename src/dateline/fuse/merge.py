"""Fusion inside a story: one fused event per (actor, action, target, date), figure time series with
contradictions, and the story's summary row (label, size, span, top actors)."""
from __future__ import annotations

import functools
import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from ..extract.figures.lexicon import load_lexicon
from ..model import Extraction, Figure, stable_id
from .dedupe import trusted_dct
from .stories import NON_ACTOR_LABELS, actor_name

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
            k: tuple[str, ...] = (_key(ev.actor), _key(ev.action), _key(ev.target), ev.date or "", ev.polarity)
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


@dataclass(slots=True, frozen=True)
class FigureConfig:
    """How far a qualified figure may be from its value (relative), when two claims are compared."""

    approximate: float = 0.1  # "about 50", "nearly 50": 45..55
    estimate: float = 0.1  # "up to 50", "as many as 50": the high end of an estimate, 45..50
    exact: float = 0.0  # a bare figure (raise to forgive rounding: "1,200" vs "1,213")


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
    kind: str | None = None
    reason: str | None = None  # why the point is flagged (the other claim, and what makes them comparable)


def interval(value: float, qualifier: str | None, config: FigureConfig | None = None) -> tuple[float, float]:
    """The values a claim allows, from its qualifier's bound (``resources/figures/qualifiers.json``)."""
    cfg = config or FigureConfig()
    bound = load_lexicon().bound_of(qualifier)
    if bound == "lower":
        return value, float("inf")
    if bound == "upper":
        return 0.0, value
    if bound == "estimate":
        return value * (1 - cfg.estimate), value
    if bound == "approximate":
        return value * (1 - cfg.approximate), value * (1 + cfg.approximate)
    return value * (1 - cfg.exact), value * (1 + cfg.exact)


def consistent(a: SeriesPoint, b: SeriesPoint, config: FigureConfig | None = None) -> bool:
    """Two claims agree when the values they allow overlap."""
    lo1, hi1 = interval(a.value, a.qualifier, config)
    lo2, hi2 = interval(b.value, b.qualifier, config)
    return lo1 <= hi2 and lo2 <= hi1


def series_key(p: SeriesPoint) -> tuple[str, str, str, str]:
    """What makes two points one series: category, scope, kind and unit."""
    return p.category, scope_key(p.scope), p.kind or "", p.unit or ""


_PLACE_PREP = re.compile(r"^(?:in|across|inside|throughout|at|on|off|aboard)\s+(?:the\s+)?", re.I)


@functools.lru_cache(maxsize=4096)
def scope_key(scope: str | None) -> str:
    """A scope as series compare it: each part a place the gazetteer knows by its one name, whatever the wording
    ('across Gaza' and 'across the Gaza Strip' are one place), other parts as written; a flow's destination ('into
    the Black Sea') is left out: where spilled oil went does not split the amount spilled."""
    from ..extract.places.gazetteer import load_gazetteer

    parts = []
    for part in re.split(r"[,;]\s*", scope or ""):
        part = part.strip()
        if not part or part.lower().startswith("into "):
            continue
        name = _PLACE_PREP.sub("", part)
        loc = load_gazetteer().best(name) if name and not name[:1].isdigit() else None
        parts.append(f"@{loc.name}" if loc is not None else _key(part))
    return " | ".join(parts)


def _claim(p: SeriesPoint) -> str:
    q = f"{p.qualifier} " if p.qualifier else ""
    return f"{p.source or 'unknown source'}: {q}{p.value:g} on {p.date}"


def _flag(pts: Sequence[SeriesPoint], gid: str, reason: str) -> None:
    for p in pts:
        others = "; ".join(_claim(o) for o in pts if o is not p)
        p.contradiction, p.contradiction_group = True, gid
        p.reason = f"{reason}; disagrees with {others}"


def contradictions(story_id: str, points: Sequence[SeriesPoint], config: FigureConfig | None = None,
                   guessed: frozenset[int] = frozenset()) -> None:
    """Flag claims that cannot both be true: same category, kind, scope and unit (one series), different
    sources, and either the same day with values their qualifiers do not reconcile, or -- for cumulative totals,
    compared in time order -- a later total below what an earlier one allows (a rising toll is a series); the
    order is only trusted between points whose articles have a trusted publication date (``guessed``: ids of
    the other points)."""
    series: dict[tuple[str, str, str, str], list[SeriesPoint]] = defaultdict(list)
    for p in points:
        if p.date and p.category not in UNCOMPARABLE:
            series[series_key(p)].append(p)
    for key, pts in series.items():
        cat, _, kind, unit = key
        scope = " ".join((pts[0].scope or "").split())  # as written ("since 2025-05-15"), not the matching key
        what = f"{cat}, {kind or 'kind unknown'}, scope {scope or 'none'}" + (f", {unit}" if unit else "")
        by_day: dict[str, list[SeriesPoint]] = defaultdict(list)
        for p in pts:
            by_day[str(p.date)].append(p)
        for day, same in by_day.items():
            bad = [(a, b) for i, a in enumerate(same) for b in same[i + 1:]
                   if _key(a.source) != _key(b.source) and not consistent(a, b, config)]
            if bad:
                flagged = list({id(x): x for pair in bad for x in pair}.values())
                _flag(flagged, "c" + stable_id(story_id, *key, day, n=11),
                      f"same day ({day}), different sources, one series ({what}): the values differ by more than "
                      "their qualifiers allow")
        if kind == "cumulative":
            dated = [p for p in pts if id(p) not in guessed]
            _falling_totals(story_id, key, what, sorted(dated, key=lambda p: str(p.date)), config)


def _falling_totals(story_id: str, key: tuple[str, ...], what: str, ordered: Sequence[SeriesPoint],
                    config: FigureConfig | None) -> None:
    """A later running total (another source's) below what an earlier one allows."""
    for i, early in enumerate(ordered):
        low = interval(early.value, early.qualifier, config)[0]
        for late in ordered[i + 1:]:
            if early.contradiction:
                break
            if late.date == early.date or _key(late.source) == _key(early.source) or late.contradiction:
                continue
            if interval(late.value, late.qualifier, config)[1] < low:
                _flag([early, late], "c" + stable_id(story_id, *key, str(early.date), str(late.date), n=11),
                      f"cumulative total ({what}) lower on {late.date} than on {early.date}: a running total "
                      "cannot fall")


def figure_series(story_id: str, extractions: Sequence[Extraction],
                  config: FigureConfig | None = None) -> list[SeriesPoint]:
    """Every categorised figure of the story as a dated point (``as_of`` or the article's date), the claim's
    source (``Figure.source``, else the outlet), its kind and scope; contradictions flagged by
    ``contradictions``. A day computed from an estimated publication date ("on Thursday" in an undated article)
    is dropped when it falls outside the story's span as dated by its other articles: the guessed year was
    wrong."""
    points: list[SeriesPoint] = []
    guessed: set[int] = set()
    span = story_span(extractions)
    for ex in extractions:
        for f in ex.figures:
            if f.value is None or not f.category:
                continue
            p = _point(story_id, ex, f)
            if trusted_dct(ex.article) is None:
                guessed.add(id(p))
                if p.date and not _within(p.date, span):
                    p.date = None  # computed from a guessed publication date, outside the story's dated span
            points.append(p)
    contradictions(story_id, points, config, frozenset(guessed))
    points.sort(key=lambda p: (p.category, p.scope or "", p.kind or "", p.date or "9999", p.source or "",
                               p.article_id, p.start))
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
                       unit=f.unit, kind=f.kind)


# -- story summary -------------------------------------------------------------------------------


#: an article's lead: its headline and the first characters of its body (where news says what it is about)
LEAD_CHARS = 300
#: what naming an actor or place in the lead adds to its share of the article's mentions
LEAD_BONUS = 0.5


def _lead_end(ex: Extraction) -> int:
    a = ex.article
    return (a.body_start or 0) + LEAD_CHARS


def _salience(ex: Extraction, mentions: Sequence[tuple[str, int]]) -> dict[str, float]:
    """What one article is about: each name's share of the article's mentions (key, start), plus ``LEAD_BONUS``
    when its headline, title or lead names it (a side mention, "firefighters from Argentina", weighs little)."""
    counts = Counter(k for k, _ in mentions)
    total = sum(counts.values())
    if not total:
        return {}
    lead_end = _lead_end(ex)
    title = _key(ex.article.title)
    dl = (ex.article.dateline_start or 0, ex.article.dateline_end or 0)  # where it was filed, not what it is about
    in_lead = {k for k, start in mentions if (start < lead_end and not dl[0] <= start < dl[1])
               or (title and f" {k} " in f" {title} ")}
    return {k: n / total + (LEAD_BONUS if k in in_lead else 0.0) for k, n in counts.items()}


def _ranked(scores: Mapping[str, float], per_article: Mapping[str, int]) -> list[str]:
    return [k for k, _ in sorted(scores.items(), key=lambda kv: (-round(kv[1], 9), -per_article[kv[0]], kv[0]))]


#: a second actor or the place joins the label only with at least this share of the first actor's salience
LABEL_SHARE = 0.25


def top_actors(extractions: Sequence[Extraction], n: int = 5) -> list[str]:
    """Actors the story's articles are most about (canonical names when the actors component gave them)."""
    return [name for name, _ in scored_actors(extractions, n)]


def scored_actors(extractions: Sequence[Extraction], n: int = 5) -> list[tuple[str, float]]:
    """The ``n`` actors the story's articles are most about with their salience: summed over articles, each
    actor's share of an article's actor mentions plus a bonus when its lead names it."""
    scores: Counter[str] = Counter()
    per_article: Counter[str] = Counter()
    display: dict[str, Counter[str]] = defaultdict(Counter)
    for ex in extractions:
        mentions: list[tuple[str, int]] = []
        outlet = _outlet_key(ex.article.source)
        for e in ex.entities:
            if e.label in NON_ACTOR_LABELS:
                continue
            name = actor_name(e.canonical, e.text)
            k = _key(name)
            if not k or (outlet and outlet in (_outlet_key(name), _outlet_key(e.text))):
                continue  # the article's own outlet ("BLANTYRE (Lake Bulletin) -", "told the Lake Bulletin")
            display[k][name] += 1
            mentions.append((k, e.start))
        sal = _salience(ex, mentions)
        scores.update(sal)
        per_article.update(sal.keys())
    ranked = _ranked(scores, per_article)[:n]
    return [(sorted(display[k].items(), key=lambda kv: (-kv[1], kv[0]))[0][0], scores[k]) for k in ranked]


def _outlet_key(name: str | None) -> str:
    """An outlet's name as a key, without a leading "the" ("the Harbour Ledger" = "Harbour Ledger")."""
    return re.sub(r"^the ", "", _key(name))


def story_label(extractions: Sequence[Extraction], actors: Sequence[str | tuple[str, float]]) -> str:
    """A short label: the two actors the story is most about and the place it is most about (as for actors:
    each place's share of an article's place mentions, plus a bonus in the lead, summed over articles). With
    scored actors (``scored_actors``), the second and the place need ``LABEL_SHARE`` of the first's salience."""
    scores: Counter[str] = Counter()
    per_article: Counter[str] = Counter()
    display: dict[str, str] = {}
    for ex in extractions:
        mentions = []
        for p in ex.places:
            name = p.name or p.text
            display.setdefault(_key(name), name)
            mentions.append((_key(name), p.start))
        sal = _salience(ex, mentions)
        scores.update(sal)
        per_article.update(sal.keys())
    scored = [(a, None) if isinstance(a, str) else a for a in actors[:2]]
    floor = LABEL_SHARE * scored[0][1] if scored and scored[0][1] is not None else None
    parts = [a for a, sc in scored if floor is None or sc is None or sc >= floor]
    if scores:
        best = _ranked(scores, per_article)[0]
        place = display[best]
        if _key(place) not in {_key(a) for a in parts} and (floor is None or scores[best] >= floor):
            parts.append(place)
    if not parts:
        titles = [ex.article.title for ex in extractions if ex.article.title]
        return (titles[0] if titles else extractions[0].article.text[:60]).strip() if extractions else ""
    return " · ".join(parts)


def story_row(story_id: str, extractions: Sequence[Extraction], duplicates: Mapping[str, str]) -> dict[str, Any]:
    days = trusted_days(extractions)
    scored = scored_actors([ex for ex in extractions if ex.article.id not in duplicates])
    actors = [name for name, _ in scored]
    return {"id": story_id, "label": story_label(extractions, scored), "size": len(extractions),
            "n_duplicates": sum(1 for ex in extractions if ex.article.id in duplicates),
            "first_date": days[0] if days else None, "last_date": days[-1] if days else None,
            "top_actors": actors}
