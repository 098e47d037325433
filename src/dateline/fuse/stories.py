"""Story clustering: incremental single-pass clustering of articles into developing stories.

Each article becomes one sparse, L2-normalised vector of namespaced features weighted by IDF:
actors (``a:`` canonical entity names, or the mention text), places (``p:``), content words of the title and
text (``w:``) and the days it mentions (``d:``). Articles are taken in publication order; an article joins the
story whose centroid is most similar (cosine, damped when the article is far in time from the story) if that
similarity reaches ``threshold``, else it starts a new story. Existing memberships never change, so a new
batch only adds articles to stories or opens new ones; duplicates always join their primary's story.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from ..model import Extraction, stable_id
from .dedupe import publication_order
from .text import content_tokens

#: spaCy labels that are not actors
NON_ACTOR_LABELS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT", "LANGUAGE",
                              "WORK_OF_ART", "LAW"})
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


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
        if t.type == "DATE" and t.value and _DAY.match(t.value):
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


def _cos(a: Mapping[str, float], b: Mapping[str, float], b_norm: float) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(x * b.get(k, 0.0) for k, x in a.items()) / (b_norm or 1.0)


@dataclass(slots=True)
class _Story:
    id: str
    members: list[str] = field(default_factory=list)
    centroid: dict[str, float] = field(default_factory=dict)
    first: date | None = None
    last: date | None = None

    def add(self, article_id: str, vec: Mapping[str, float], day: date | None) -> None:
        self.members.append(article_id)
        for k, x in vec.items():
            self.centroid[k] = self.centroid.get(k, 0.0) + x
        if day:
            self.first = min(self.first, day) if self.first else day
            self.last = max(self.last, day) if self.last else day

    def merge(self, other: _Story) -> None:
        self.members.extend(other.members)
        for k, x in other.centroid.items():
            self.centroid[k] = self.centroid.get(k, 0.0) + x
        days = [d for d in (self.first, self.last, other.first, other.last) if d]
        self.first, self.last = (min(days), max(days)) if days else (None, None)

    def key(self) -> tuple[bool, date, str]:
        """Older stories first (the surviving id of a merge)."""
        return (self.first is None, self.first or date.max, self.id)

    def norm(self) -> float:
        return math.sqrt(sum(x * x for x in self.centroid.values()))

    def gap(self, day: date | None) -> int:
        if day is None or self.first is None or self.last is None:
            return 0
        if day < self.first:
            return (self.first - day).days
        return max(0, (day - self.last).days)


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def story_id(first_article_id: str) -> str:
    return "s" + stable_id("story", first_article_id, n=11)


def cluster(
    extractions: Sequence[Extraction],
    *,
    existing: Mapping[str, str] | None = None,
    duplicates: Mapping[str, str] | None = None,
    config: StoryConfig | None = None,
) -> dict[str, tuple[str, float]]:
    """Assign every article to a story: ``{article_id: (story_id, similarity)}``.

    ``existing`` ({article_id: story_id}) is kept as is; ``duplicates`` ({article_id: primary_id}) join the
    story of their primary (or of any copy already placed)."""
    cfg = config or StoryConfig()
    existing = dict(existing or {})
    duplicates = duplicates or {}
    by_id = {ex.article.id: ex for ex in extractions}
    feats = {aid: features(ex, cfg) for aid, ex in by_id.items()}
    df: Counter[str] = Counter()
    for f in feats.values():
        df.update(f.keys())
    n = len(feats)
    vecs = {aid: vectorize(f, df, n, cfg) for aid, f in feats.items()}
    stories: dict[str, _Story] = {}
    out: dict[str, tuple[str, float]] = {}
    order = publication_order(ex.article for ex in extractions)
    for art in order:  # rebuild the kept stories first
        sid = existing.get(art.id)
        if sid is not None:
            stories.setdefault(sid, _Story(id=sid)).add(art.id, vecs[art.id], _day(art.dct))
            out[art.id] = (sid, 1.0)
    group_story: dict[str, str] = {}
    for aid, (sid, _) in out.items():
        group_story.setdefault(duplicates.get(aid, aid), sid)
    for art in order:
        if art.id in out:
            continue
        vec, day = vecs[art.id], _day(art.dct)
        root = duplicates.get(art.id, art.id)
        if root in group_story:
            sid, sim = group_story[root], 1.0
        else:
            sid, sim = "", 0.0
            for st in stories.values():
                s = _cos(vec, st.centroid, st.norm())
                extra = st.gap(day) - cfg.gap_days
                if extra > 0:
                    s *= math.exp(-extra / cfg.gap_scale)
                if s > sim:
                    sid, sim = st.id, s
            if sim < cfg.threshold:
                sid, sim = story_id(art.id), 1.0
        stories.setdefault(sid, _Story(id=sid)).add(art.id, vec, day)
        group_story.setdefault(root, sid)
        out[art.id] = (sid, round(sim, 4))
    fixed = set(existing.values())
    for src, dst in _merges(stories, fixed, cfg):
        for aid, (sid, sim) in out.items():
            if sid == src:
                out[aid] = (dst, sim)
    return out


def _merges(stories: dict[str, _Story], fixed: set[str], cfg: StoryConfig) -> list[tuple[str, str]]:
    """Merge a story opened in this run into another whose centroid is at least ``merge_threshold`` similar
    (most similar pair first), so the order of arrival matters less; stories already stored never merge
    with each other."""
    merges: list[tuple[str, str]] = []
    while True:
        best: tuple[float, str, str] | None = None
        ids = sorted(stories)
        norms = {i: stories[i].norm() for i in ids}
        for x, a in enumerate(ids):
            for b in ids[x + 1:]:
                if a in fixed and b in fixed:
                    continue
                sa, sb = stories[a], stories[b]
                sim = _cos(sa.centroid, sb.centroid, norms[b]) / (norms[a] or 1.0)
                extra = max(sa.gap(sb.first), sa.gap(sb.last)) - cfg.gap_days
                if extra > 0:
                    sim *= math.exp(-extra / cfg.gap_scale)
                if sim >= cfg.merge_threshold and (best is None or sim > best[0]):
                    best = (sim, a, b)
        if best is None:
            return merges
        _, a, b = best
        keep, gone = (a, b) if (b not in fixed and (a in fixed or stories[a].key() <= stories[b].key())) else (b, a)
        stories[keep].merge(stories.pop(gone))
        merges = [(s, keep if d == gone else d) for s, d in merges] + [(gone, keep)]
