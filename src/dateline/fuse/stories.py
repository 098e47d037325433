"""Story clustering: incremental single-pass clustering of articles into developing stories.

Each article becomes one sparse, L2-normalised vector of namespaced features weighted by IDF:
actors (``a:`` canonical entity names, or the mention text), places (``p:``), content words of the title and
text (``w:``) and the days it mentions (``d:``). Articles are taken in publication order; an article joins the
story whose centroid is most similar (cosine, damped when the article is far in time from the story) if that
similarity reaches ``threshold``, else it starts a new story. Existing memberships never change, so a new
batch only adds articles to stories or opens new ones; duplicates always join their primary's story. Only the
stories within ``reach_days`` of an article's day can reach the threshold, so a batch needs only those
(time-window blocking; ``fuse/state.py`` loads them from the store).
"""
from __future__ import annotations

import heapq
import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from ..days import is_day
from ..labels import STORY_NON_ACTOR_LABELS
from ..model import Extraction, stable_id
from .dedupe import publication_order, trusted_dct
from .text import content_tokens

#: spaCy labels that are not actors
NON_ACTOR_LABELS = STORY_NON_ACTOR_LABELS


@dataclass(slots=True)
class StoryConfig:
    threshold: float = 0.18  # cosine similarity (article to story centroid) to join a story
    merge_threshold: float = 0.2  # cosine similarity of two centroids to merge a new story into another
    actor_weight: float = 2.0
    place_weight: float = 1.5
    word_weight: float = 1.0
    date_weight: float = 0.5
    max_words: int = 400  # content words per article (the lead carries the topic)
    gap_days: int = 30  # no damping while the article is this close to the story's span
    gap_scale: float = 30.0  # then similarity x exp(-(extra days) / gap_scale)
    top_features: int = 400  # heaviest features kept per article
    query_features: int = 40  # heaviest features used to find candidate stories
    candidates: int = 25  # candidate stories scored exactly


def actor_name(canonical: str | None, text: str) -> str:
    return re.sub(r"\s+", " ", (canonical or text)).strip()


def _norm(name: str) -> str:
    n = name.lower()
    n = re.sub(r"^(?:the)\s+", "", n)
    return re.sub(r"[^\w]+", " ", n).strip()


def features(ex: Extraction, cfg: StoryConfig) -> Counter[str]:
    """Raw (un-weighted by IDF) feature counts of one article."""
    f: Counter[str] = Counter()
    for e in ex.entities:
        if e.label in NON_ACTOR_LABELS:
            continue
        n = _norm(actor_name(e.canonical, e.text))
        if n:
            f["a:" + n] += 1
    for p in ex.places:
        n = _norm(p.name or p.text)
        if n:
            f["p:" + n] += 1
    text = ((ex.article.title or "") + "\n") * 2 + ex.article.text
    for w in content_tokens(text)[: cfg.max_words]:
        f["w:" + w] += 1
    for t in ex.timexes:
        if t.type == "DATE" and t.value and is_day(t.value):
            f["d:" + t.value] += 1
    return f


_NS_WEIGHT = {"a": "actor_weight", "p": "place_weight", "w": "word_weight", "d": "date_weight"}


def vectorize(feats: Mapping[str, int], df: Mapping[str, int], n_docs: int, cfg: StoryConfig) -> dict[str, float]:
    v: dict[str, float] = {}
    for k, c in feats.items():
        idf = math.log((1 + n_docs) / (1 + df.get(k, 0))) + 1
        v[k] = (1 + math.log(c)) * idf * getattr(cfg, _NS_WEIGHT[k[0]])
    norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
    return {k: x / norm for k, x in v.items()}


def _sparsify(v: dict[str, float], top: int) -> dict[str, float]:
    """Keep the ``top`` heaviest features (re-normalised): less noise, shorter index postings."""
    if len(v) <= top:
        return v
    kept = dict(sorted(v.items(), key=lambda kv: (-kv[1], kv[0]))[:top])
    norm = math.sqrt(sum(x * x for x in kept.values())) or 1.0
    return {k: x / norm for k, x in kept.items()}


@dataclass(slots=True)
class Story:
    id: str
    members: list[str] = field(default_factory=list)
    centroid: dict[str, float] = field(default_factory=dict)
    norm2: float = 0.0
    first: date | None = None
    last: date | None = None

    def key(self) -> tuple[bool, date, str]:
        """Older stories first (the surviving id of a merge)."""
        return (self.first is None, self.first or date.max, self.id)

    def gap(self, day: date | None) -> int:
        if day is None or self.first is None or self.last is None:
            return 0
        if day < self.first:
            return (self.first - day).days
        return max(0, (day - self.last).days)


class StoryIndex:
    """Story centroids with an inverted index (feature -> {story: weight}) for fast similarity queries."""

    def __init__(self, cfg: StoryConfig) -> None:
        self.cfg = cfg
        self.stories: dict[str, Story] = {}
        self.postings: dict[str, dict[str, float]] = {}

    def add(self, sid: str, article_id: str, vec: Mapping[str, float], day: date | None) -> None:
        st = self.stories.get(sid)
        if st is None:
            st = self.stories[sid] = Story(id=sid)
        st.members.append(article_id)
        for k, x in vec.items():
            old = st.centroid.get(k, 0.0)
            st.centroid[k] = old + x
            st.norm2 += (old + x) ** 2 - old * old
            self.postings.setdefault(k, {})[sid] = old + x
        if day:
            st.first = min(st.first, day) if st.first else day
            st.last = max(st.last, day) if st.last else day

    def reachable(self, st: Story, days: Sequence[date | None]) -> bool:
        """False when the time damping alone keeps ``st`` below every threshold (time-window blocking)."""
        return max((st.gap(d) for d in days), default=0) <= reach_days(self.cfg)

    def restore(self, sid: str, centroid: dict[str, float], norm2: float, first: date | None,
                last: date | None) -> None:
        """Put back a story as the store kept it (its centroid and span)."""
        st = self.stories[sid] = Story(id=sid, centroid=dict(centroid), norm2=norm2, first=first, last=last)
        for k, x in st.centroid.items():
            self.postings.setdefault(k, {})[sid] = x

    def damp(self, st: Story, sim: float, days: Sequence[date | None]) -> float:
        extra = max((st.gap(d) for d in days), default=0) - self.cfg.gap_days
        return sim * math.exp(-extra / self.cfg.gap_scale) if extra > 0 else sim

    def similar(self, vec: Mapping[str, float], vec_norm: float, days: Sequence[date | None],
                exclude: str | None = None) -> list[tuple[float, str]]:
        """(cosine, story) for the stories most similar to ``vec``, best first.

        Candidates come from the index postings of the ``query_features`` heaviest features of ``vec``
        (the ``candidates`` best partial scores) among the stories within reach in time (``reach_days``);
        each candidate then gets its exact, time-damped cosine."""
        cfg = self.cfg
        top = sorted(vec.items(), key=lambda kv: (-kv[1], kv[0]))[: cfg.query_features]
        partial: dict[str, float] = {}
        for k, x in top:
            for sid, w in self.postings.get(k, {}).items():
                partial[sid] = partial.get(sid, 0.0) + x * w / (math.sqrt(self.stories[sid].norm2) or 1.0)
        partial.pop(exclude, None)  # type: ignore[arg-type]
        partial = {sid: x for sid, x in partial.items() if self.reachable(self.stories[sid], days)}
        cands = sorted(partial, key=lambda sid: (-partial[sid], sid))[: cfg.candidates]
        out = []
        for sid in cands:
            st = self.stories[sid]
            c = st.centroid
            dot = sum(x * c.get(k, 0.0) for k, x in vec.items()) if len(vec) <= len(c) else \
                sum(w * vec.get(k, 0.0) for k, w in c.items())
            out.append((self.damp(st, dot / ((math.sqrt(st.norm2) or 1.0) * (vec_norm or 1.0)), days), sid))
        out.sort(key=lambda x: (-x[0], x[1]))
        return out

    def merge(self, keep: str, gone: str) -> None:
        g = self.stories.pop(gone)
        for k in g.centroid:
            self.postings[k].pop(gone, None)
        st = self.stories[keep]
        for aid in g.members:
            st.members.append(aid)
        for k, x in g.centroid.items():
            old = st.centroid.get(k, 0.0)
            st.centroid[k] = old + x
            st.norm2 += (old + x) ** 2 - old * old
            self.postings[k][keep] = old + x
        days = [d for d in (st.first, st.last, g.first, g.last) if d]
        st.first, st.last = (min(days), max(days)) if days else (None, None)


def reach_days(cfg: StoryConfig) -> int:
    """Days beyond a story's span past which the damping keeps any cosine (<= 1) under both thresholds."""
    return cfg.gap_days + math.floor(cfg.gap_scale * math.log(1 / min(cfg.threshold, cfg.merge_threshold)))


def day_of(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def story_id(first_article_id: str) -> str:
    return "s" + stable_id("story", first_article_id, n=11)


def article_vectors(extractions: Sequence[Extraction], df: Mapping[str, int], n_docs: int,
                    cfg: StoryConfig, feats: Mapping[str, Counter[str]] | None = None) -> dict[str, dict[str, float]]:
    """Sparse IDF-weighted vectors of the articles (``df``/``n_docs``: the collection they are weighed in)."""
    feats = feats or {ex.article.id: features(ex, cfg) for ex in extractions}
    return {ex.article.id: _sparsify(vectorize(feats[ex.article.id], df, n_docs, cfg), cfg.top_features)
            for ex in extractions}


def assign_batch(index: StoryIndex, extractions: Sequence[Extraction], vecs: Mapping[str, Mapping[str, float]], *,
                 story_of: Mapping[str, str], roots: Mapping[str, str]) -> dict[str, tuple[str, float]]:
    """Place a batch of new articles (in publication order) into ``index``: ``{article_id: (story, similarity)}``.

    The stories already in ``index`` are fixed (they never merge with each other); a copy joins the story of
    its primary (``roots``: article -> primary; ``story_of``: the stories of articles placed before)."""
    cfg = index.cfg
    fixed = set(index.stories)
    placed = dict(story_of)
    out: dict[str, tuple[str, float]] = {}
    for art in publication_order(ex.article for ex in extractions):
        vec, day = vecs[art.id], day_of(trusted_dct(art))
        root = roots.get(art.id, art.id)
        if root in placed:
            sid, sim = placed[root], 1.0
        else:
            best = index.similar(vec, 1.0, [day])
            sim, sid = best[0] if best else (0.0, "")
            if sim < cfg.threshold:
                sid, sim = story_id(art.id), 1.0
        index.add(sid, art.id, vec, day)
        placed.setdefault(root, sid)
        placed[art.id] = sid
        out[art.id] = (sid, round(sim, 4))
    renamed = _merges(index, fixed, cfg)
    return {aid: (renamed.get(sid, sid), sim) for aid, (sid, sim) in out.items()}


def cluster(
    extractions: Sequence[Extraction],
    *,
    existing: Mapping[str, str] | None = None,
    duplicates: Mapping[str, str] | None = None,
    config: StoryConfig | None = None,
) -> dict[str, tuple[str, float]]:
    """Assign every article to a story in one batch: ``{article_id: (story_id, similarity)}``.

    ``existing`` ({article_id: story_id}) is kept as is; ``duplicates`` ({article_id: primary_id}) join the
    story of their primary (or of any copy already placed)."""
    cfg = config or StoryConfig()
    existing = dict(existing or {})
    duplicates = duplicates or {}
    feats = {ex.article.id: features(ex, cfg) for ex in extractions}
    df: Counter[str] = Counter()
    for f in feats.values():
        df.update(f.keys())
    vecs = article_vectors(extractions, df, len(feats), cfg, feats)
    index = StoryIndex(cfg)
    out: dict[str, tuple[str, float]] = {}
    for art in publication_order(ex.article for ex in extractions):  # rebuild the kept stories first
        sid = existing.get(art.id)
        if sid is not None:
            index.add(sid, art.id, vecs[art.id], day_of(trusted_dct(art)))
            out[art.id] = (sid, 1.0)
    placed: dict[str, str] = {}
    for aid, (sid, _) in out.items():
        placed.setdefault(duplicates.get(aid, aid), sid)
    new = [ex for ex in extractions if ex.article.id not in out]
    return {**out, **assign_batch(index, new, vecs, story_of=placed, roots=duplicates)}


def _merges(index: StoryIndex, fixed: set[str], cfg: StoryConfig) -> dict[str, str]:
    """Merge a story opened in this run into the story whose centroid is most similar, when that reaches
    ``merge_threshold`` (best pairs first, lazily re-scored after each merge), so the order of arrival
    matters less; stories already stored never merge with each other. Returns {merged: surviving story}."""
    version: dict[str, int] = {sid: 0 for sid in index.stories}
    heap: list[tuple[float, str, str, int, int]] = []

    def push(sid: str) -> None:
        st = index.stories[sid]
        for sim, other in index.similar(st.centroid, math.sqrt(st.norm2), [st.first, st.last], exclude=sid):
            if sim < cfg.merge_threshold:
                break
            if sid in fixed and other in fixed:
                continue
            heapq.heappush(heap, (-sim, sid, other, version[sid], version[other]))

    for sid in sorted(index.stories):
        if sid not in fixed:
            push(sid)
    renamed: dict[str, str] = {}
    while heap:
        _, a, b, va, vb = heapq.heappop(heap)
        if a not in index.stories or b not in index.stories:
            continue
        if va != version[a] or vb != version[b]:  # stale: a side has grown since
            continue
        sa, sb = index.stories[a], index.stories[b]
        keep, gone = (a, b) if (b not in fixed and (a in fixed or sa.key() <= sb.key())) else (b, a)
        index.merge(keep, gone)
        renamed = {k: (keep if v == gone else v) for k, v in renamed.items()}
        renamed[gone] = keep
        version[keep] += 1
        push(keep)
    return renamed
