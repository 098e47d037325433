"""The fuse stage over a store: duplicates -> stories -> fused events, figure series, timelines.

``fuse_store(store)`` is incremental: stories already in the store keep their articles, new articles join
them or open new stories, and only the stories that changed are recomputed. ``full=True`` starts over.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from ..model import Extraction
from .dedupe import find_duplicates
from .merge import event_salience, figure_series, fuse_events, story_row
from .redate import Extractor, PlaceConfig, redate_stories
from .stories import StoryConfig, cluster
from .timeline import TimelineConfig, TimelineEntry, build_timeline, sentences_of

if TYPE_CHECKING:
    from ..store import Store


@dataclass(slots=True)
class FuseConfig:
    dup_threshold: float = 0.5
    stories: StoryConfig = field(default_factory=StoryConfig)
    timeline: TimelineConfig = field(default_factory=TimelineConfig)
    max_dates: int = 30  # timeline entries stored per story (the CLI shows the top N of them)
    sentences: int = 3  # sentences stored per entry (greedy selection: the first K are the best K)
    place: PlaceConfig = field(default_factory=PlaceConfig)  # undated articles placed by their story
    extract: Extractor | None = None  # re-extraction of re-dated articles (default: the default pipeline)


@dataclass(slots=True)
class FuseReport:
    articles: int = 0
    new_articles: int = 0
    duplicates: int = 0
    stories: int = 0
    recomputed: list[str] = field(default_factory=list)


def story_timeline(extractions: Sequence[Extraction], n_dates: int, k: int, *,
                   duplicates: set[str] | frozenset[str] = frozenset(), salience: dict[str, float] | None = None,
                   config: TimelineConfig | None = None) -> list[TimelineEntry]:
    """A story's timeline from its records (duplicates left out: one copy speaks for the group)."""
    sents = [s for ex in extractions if ex.article.id not in duplicates for s in sentences_of(ex)]
    sal = {date.fromisoformat(d): v for d, v in (salience or {}).items()}
    return build_timeline(sents, n_dates, k, salience=sal, config=config)


def timeline_rows(story_id: str, entries: Sequence[TimelineEntry]) -> list[dict[str, Any]]:
    return [{"story_id": story_id, "date": e.date.isoformat(), "rank": e.rank, "score": e.score,
             "summary": e.summary, "sentences": [s.to_dict() for s in e.sentences]} for e in entries]


def story_tables(story_id: str, members: Sequence[Extraction], dups: dict[str, str],
                 sims: dict[str, float], cfg: FuseConfig) -> dict[str, list[dict[str, Any]]]:
    """Every fused row of one story."""
    events = fuse_events(story_id, members)
    entries = story_timeline(members, cfg.max_dates, cfg.sentences, duplicates=set(dups),
                             salience=event_salience(events), config=cfg.timeline)
    ev_rows = [asdict(e) for e in events]
    return {
        "stories": [story_row(story_id, members, dups)],
        "story_articles": [{"story_id": story_id, "article_id": ex.article.id,
                            "duplicate_of": dups.get(ex.article.id), "similarity": sims.get(ex.article.id)}
                           for ex in members],
        "timeline": timeline_rows(story_id, entries),
        "fused_events": ev_rows,
        "figure_series": [asdict(p) for p in figure_series(story_id, members)],
    }


def fuse_store(store: Store, *, full: bool = False, config: FuseConfig | None = None) -> FuseReport:
    """Fuse the store's articles (incrementally unless ``full``); writes the fused tables."""
    cfg = config or FuseConfig()
    exs = store.load_extractions()
    report = FuseReport(articles=len(exs))
    ids = {ex.article.id for ex in exs}
    old = {} if full else {a: v for a, v in store.story_memberships().items() if a in ids}
    dups = {a: d.duplicate_of for a, d in find_duplicates([ex.article for ex in exs],
                                                          threshold=cfg.dup_threshold).items()}
    assigned = cluster(exs, existing={a: s for a, (s, _) in old.items()}, duplicates=dups, config=cfg.stories)
    members: dict[str, list[Extraction]] = defaultdict(list)
    for ex in exs:
        members[assigned[ex.article.id][0]].append(ex)
    old_stories = {s for s, _ in store.story_memberships().values()} if not full else set()
    if full:
        changed = set(members)
    else:
        changed = {assigned[a][0] for a in ids if a not in old or old[a] != (assigned[a][0], dups.get(a))}
        changed |= {s for s in members if s not in old_stories}
    redated = redate_stories(members, sorted(changed), cfg.extract, cfg.place)  # undated: dated by their story
    if redated:
        store.add(redated)
        new = {ex.article.id: ex for ex in redated}
        members = defaultdict(list, {s: [new.get(ex.article.id, ex) for ex in m] for s, m in members.items()})
    gone = old_stories - set(members)
    tables: dict[str, list[dict[str, Any]]] = defaultdict(list)
    sims = {a: sim for a, (_, sim) in assigned.items()}
    for sid in sorted(changed):
        mine = {ex.article.id for ex in members[sid]}
        story_dups = {a: d for a, d in dups.items() if a in mine}
        for table, rows in story_tables(sid, members[sid], story_dups, sims, cfg).items():
            tables[table].extend(rows)
    if full:
        store.clear_fused()
    if changed or gone:
        store.replace_stories(changed, tables, drop=gone)
    report.new_articles = sum(1 for a in ids if a not in old)
    report.duplicates = len(dups)
    report.stories = len(members)
    report.recomputed = sorted(changed)
    return report


def update(store: Store, config: FuseConfig | None = None) -> FuseReport:
    """Incremental fusion after an ingest batch (``dateline.api.ingest`` calls this)."""
    return fuse_store(store, config=config)


def read_timeline(store: Store, story_id: str, n_dates: int | None = None, k: int | None = None,
                  config: FuseConfig | None = None) -> list[dict[str, Any]]:
    """The story's timeline: the stored entries (top ``n_dates`` by rank, first ``k`` sentences each), or,
    when more is asked than was stored, recomputed from the story's records (nothing is written)."""
    cfg = config or FuseConfig()
    stored = store.timeline(story_id)
    stored_k = max((len(r["sentences"]) for r in stored), default=0)
    more_dates = n_dates is not None and n_dates > len(stored) and len(stored) >= cfg.max_dates
    more_sents = k is not None and k > stored_k and k > cfg.sentences
    if more_dates or more_sents:
        story = store.story(story_id) or {"articles": []}
        members = store.load_extractions(a["id"] for a in story["articles"])
        dups = {a["id"] for a in story["articles"] if a["duplicate_of"]}
        sal: dict[str, float] = defaultdict(float)
        for e in store.fused_events(story_id):
            if e["date"] and len(e["date"]) == 10:
                sal[e["date"]] += e["n_articles"]
        entries = story_timeline(members, n_dates or cfg.max_dates, k or cfg.sentences, duplicates=dups,
                                 salience=dict(sal), config=cfg.timeline)
        stored = timeline_rows(story_id, entries)
    rows = [r for r in stored if n_dates is None or r["rank"] <= n_dates]
    if k is not None:
        for r in rows:
            r["sentences"] = r["sentences"][:k]
            r["summary"] = " ".join(s["text"] for s in r["sentences"])
    return sorted(rows, key=lambda r: r["date"])
