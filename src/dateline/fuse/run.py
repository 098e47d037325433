"""The fuse stage over a store: duplicates -> stories -> fused events, figure series, timelines.

``fuse_store(store)`` is incremental: stories already in the store keep their articles, new articles join
them or open new stories, and only the stories that changed are recomputed, from their own rows; what the
batch needs from the rest of the store comes from the fuse index (``fuse/state.py``). ``full=True``
recomputes everything by replaying the stored batches, and gives the same result.
"""
from __future__ import annotations

from collections import defaultdict
from itertools import groupby
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from ..model import Extraction
from .dedupe import DupIndex
from .loader import StoreLoader
from .merge import FigureConfig, event_salience, figure_series, fuse_events, story_row
from .state import BatchResult, FuseState
from .stories import StoryConfig
from .redate import Extractor, PlaceConfig, redate_stories
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
    figures: FigureConfig = field(default_factory=FigureConfig)  # qualifier tolerances for contradictions
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
                   duplicates: Mapping[str, str] | None = None, salience: dict[str, float] | None = None,
                   config: TimelineConfig | None = None) -> list[TimelineEntry]:
    """A story's timeline from its records. ``duplicates`` maps a near-duplicate article to its primary: the
    duplicates are left out (one copy speaks for the group) and their outlets are credited on the primary's
    sentences."""
    dups = duplicates or {}
    copies: dict[str, list[str]] = defaultdict(list)
    for ex in extractions:
        if ex.article.id in dups and ex.article.source:
            copies[dups[ex.article.id]].append(ex.article.source)
    sents = [s for ex in extractions if ex.article.id not in dups
             for s in sentences_of(ex, copies.get(ex.article.id, ()))]
    sal = {date.fromisoformat(d): v for d, v in (salience or {}).items()}
    return build_timeline(sents, n_dates, k, salience=sal, config=config)


def timeline_rows(story_id: str, entries: Sequence[TimelineEntry]) -> list[dict[str, Any]]:
    return [{"story_id": story_id, "date": e.date.isoformat(), "rank": e.rank, "score": e.score,
             "summary": e.summary, "sentences": [s.to_dict() for s in e.sentences]} for e in entries]


def story_tables(story_id: str, members: Sequence[Extraction], dups: dict[str, str],
                 sims: dict[str, float], cfg: FuseConfig) -> dict[str, list[dict[str, Any]]]:
    """Every fused row of one story."""
    events = fuse_events(story_id, members)
    entries = story_timeline(members, cfg.max_dates, cfg.sentences, duplicates=dups,
                             salience=event_salience(events), config=cfg.timeline)
    ev_rows = [asdict(e) for e in events]
    return {
        "stories": [story_row(story_id, members, dups)],
        "story_articles": [{"story_id": story_id, "article_id": ex.article.id,
                            "duplicate_of": dups.get(ex.article.id), "similarity": sims.get(ex.article.id)}
                           for ex in members],
        "timeline": timeline_rows(story_id, entries),
        "fused_events": ev_rows,
        "figure_series": [asdict(p) for p in figure_series(story_id, members, cfg.figures)],
    }


def _by_story(rows: Sequence[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        out[r["story_id"]].append(r)
    return out


def _recompute(story_rows: dict[str, list[dict[str, Any]]], exs: dict[str, Extraction],
               cfg: FuseConfig) -> dict[str, list[dict[str, Any]]]:
    """Every fused row (but ``story_articles``) of these stories, from their members' records."""
    tables: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for sid in sorted(story_rows):
        rows = story_rows[sid]
        members = sorted((exs[r["article_id"]] for r in rows if r["article_id"] in exs),
                         key=lambda ex: (ex.article.dct is None, ex.article.dct or "", ex.article.id))
        dups = {r["article_id"]: r["duplicate_of"] for r in rows if r["duplicate_of"]}
        sims = {r["article_id"]: r["similarity"] for r in rows}
        for table, trows in story_tables(sid, members, dups, sims, cfg).items():
            if table != "story_articles":
                tables[table].extend(trows)
    return tables


def _redate(members: dict[str, list[dict[str, Any]]], exs: dict[str, Extraction], story_ids: Sequence[str],
            cfg: FuseConfig) -> list[Extraction]:
    """The touched stories' undated articles placed by their dated members (``fuse/redate.py``)."""
    by_story = {sid: [exs[r["article_id"]] for r in rows if r["article_id"] in exs] for sid, rows in members.items()}
    return redate_stories(by_story, story_ids, cfg.extract, cfg.place)


def _index_rows(state: FuseState, results: Sequence[BatchResult]) -> dict[str, Any]:
    sigs: list[dict[str, Any]] = []
    bands: list[dict[str, Any]] = []
    for res in results:
        for row in res.rows:
            aid = row["article_id"]
            if aid in res.prepared:
                sig, keys = res.prepared[aid]
                sigs.append({"article_id": aid, "seq": row["seq"], "sig": sig.tobytes(),
                             "primary_id": state.dups.known[aid].primary})
                bands.extend({"key": k, "article_id": aid, "seq": row["seq"]} for k in keys)
    return {"signatures": sigs, "bands": bands}


def fuse_store(store: Store, *, full: bool = False, config: FuseConfig | None = None) -> FuseReport:
    """Fuse the store's new articles (all of them again when ``full``, or when the store has no fuse index).

    Incremental: one ``FuseState.step`` over the new articles with the state loaded for them, then the stories
    they touched are recomputed from their own rows. Full: every stored batch is replayed in its order (new
    articles last) through the same ``step``, so both give the same stories and timelines."""
    cfg = config or FuseConfig()
    counters = store.fuse_counters()
    full = full or counters is None
    state = FuseState(stories_cfg=cfg.stories, dups=DupIndex(threshold=cfg.dup_threshold))
    report = FuseReport()
    if full:
        exs = {ex.article.id: ex for ex in store.load_extractions()}
        batches = store.fused_batches()
        order = sorted(exs, key=lambda a: (a not in batches, batches.get(a, 0)))
        groups = [[exs[a] for a in g] for _, g in groupby(order, key=lambda a: batches.get(a, -1))]
        results = [state.step(g) for g in groups]
        report.new_articles = sum(1 for a in exs if a not in batches)
    else:
        assert counters is not None
        state.n_docs, state.next_seq, state.batch = counters
        new = store.load_extractions(store.unfused_ids())
        if not new:
            report.stories = store.count_stories()
            return report
        results = [state.step(new, StoreLoader(store))]
        report.new_articles = len(new)
    rows = [r for res in results for r in res.rows]
    touched = sorted({s for res in results for s in res.touched})
    if full:
        members = _by_story(rows)
    else:
        members = _by_story(store.story_members(touched) + rows)
        exs = {ex.article.id: ex for ex in store.load_extractions(
            r["article_id"] for rs in members.values() for r in rs)}
    redated = _redate(members, exs, touched, cfg)  # undated members: dated by their story, records re-extracted
    if redated:
        store.add(redated)
        exs.update({ex.article.id: ex for ex in redated})
    fused = _recompute(members, exs, cfg)
    feats = {f for res in results for f in res.df_delta}
    store.save_fuse_batch(members=rows, **_index_rows(state, results), frequencies={f: state.df[f] for f in feats},
                          stories=state.story_rows(touched), counters=(state.n_docs, state.next_seq, state.batch),
                          fused=fused, recomputed=touched, full=full)
    report.articles = store.count_articles()
    report.duplicates = sum(res.duplicates for res in results)
    report.stories = store.count_stories()
    report.recomputed = touched
    return report


def update(store: Store, config: FuseConfig | None = None) -> FuseReport:
    """Incremental fusion after an ingest batch (``dateline.api.ingest`` calls this)."""
    return fuse_store(store, config=config)


def read_timeline(store: Store, story_id: str, n_dates: int | None = None, k: int | None = None,
                  config: FuseConfig | None = None) -> list[dict[str, Any]]:
    """The story's timeline: the stored entries (top ``n_dates`` by rank, first ``k`` sentences each), or,
    when more is asked than was stored, recomputed from the story's records (nothing is written)."""
    cfg = config or FuseConfig()
    stored = store.timeline(story_id)["items"]
    stored_k = max((len(r["sentences"]) for r in stored), default=0)
    more_dates = n_dates is not None and n_dates > len(stored) and len(stored) >= cfg.max_dates
    more_sents = k is not None and k > stored_k and k > cfg.sentences
    if more_dates or more_sents:
        story = store.story(story_id) or {"articles": []}
        members = store.load_extractions(a["id"] for a in story["articles"])
        dups = {a["id"]: a["duplicate_of"] for a in story["articles"] if a["duplicate_of"]}
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
