"""A story's dated articles as a space to place an undated article in: TF-IDF vectors (whole text and lead),
the first day each word was used, the days each article names, and a temporal language model. Lines that many of
the story's articles carry word for word (a site's page furniture: ``template_lines``) are left out of the
vectors, the passages and the language model."""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from datetime import date

import numpy as np

from ..model import Extraction
from . import counting, figseries
from .placing import activity, weekday_odds, weekdays
from .text import Tfidf, content_tokens
from .timeline import _day

#: dates that are not stated by the article or its metadata: they may be (re)placed by the story
UNSTATED = frozenset({"missing", "estimated", "story"})
_NUMBER = re.compile(r"(?<![\d.,:])(?:\d{1,3}(?:,\d{3})+|\d{2,})(?![\d:])")
_YEAR = re.compile(r"^(?:19|20)\d\d$")

_LEAD = 400  # characters: an article's title and first sentences (what it reports as new), its first lines


def stated(ex: Extraction) -> date | None:
    """The article's stated date (None when it was missing or only estimated)."""
    a = ex.article
    return None if a.dct_origin in UNSTATED else _day(a.dct)


def template_lines(texts: Sequence[str], min_df: int = 5) -> frozenset[str]:
    """The lines (over 20 characters) at least ``min_df`` of a story's articles carry word for word: a site's
    page furniture ("You've selected the U.S. Edition", comment rules, a crawl's sidebar of later headlines),
    not what one article tells on its day."""
    df: Counter[str] = Counter()
    for text in texts:
        df.update({line.strip() for line in text.split("\n") if len(line.strip()) > 20})
    return frozenset(line for line, n in df.items() if n >= min_df)


def _own(ex: Extraction, junk: frozenset[str]) -> tuple[str, list[tuple[int, int]]]:
    """The article's text without its template lines, and the character spans of those lines."""
    if not junk:
        return ex.article.text, []
    kept, cut, pos = [], [], 0
    for line in ex.article.text.split("\n"):
        if line.strip() in junk:
            cut.append((pos, pos + len(line)))
        else:
            kept.append(line)
        pos += len(line) + 1
    return "\n".join(kept), cut


def _tokens(ex: Extraction, owned: tuple[str, list[tuple[int, int]]]) -> list[str]:
    """Content words, actor names and numbers (a toll of 1,490 is told on the day it is reached), outside the
    story's template lines (``owned``: ``_own(ex, junk)``)."""
    own, cut = owned
    names = [("a:" + " ".join((e.canonical or e.text).lower().split())) for e in ex.entities
             if e.label not in ("DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT")
             and not any(a <= e.start < b for a, b in cut)]
    text = ((ex.article.title or "") + "\n") * 2 + own
    numbers = ["n:" + m.group(0).replace(",", "") for m in _NUMBER.finditer(text)]
    return content_tokens(text)[:600] + names + [n for n in numbers if not _YEAR.match(n[2:])]


def _lead_tokens(ex: Extraction, owned: tuple[str, list[tuple[int, int]]]) -> list[str]:
    text = (ex.article.title or "") + "\n" + owned[0][:_LEAD]
    return content_tokens(text) + ["n:" + m.group(0).replace(",", "") for m in _NUMBER.finditer(text)
                                   if not _YEAR.match(m.group(0))]


_WORD = re.compile(r"[a-z0-9]+")


def _passages(text: str, n: int = 8) -> set[str]:
    words = _WORD.findall(text.lower())
    return {" ".join(words[i:i + n]) for i in range(len(words) - n + 1)}


class Space:
    """TF-IDF vectors of a story's dated articles over their vocabulary; ``sims`` compares an article to them."""

    def __init__(self, dated: Sequence[Extraction], others: Sequence[Extraction] = ()) -> None:
        #: lines many of its articles carry (page furniture), left out of what the articles are compared by
        self.junk = template_lines([ex.article.text for ex in [*dated, *others]])
        #: per article (id, text hash): its text without the template lines, its tokens and lead tokens, worked
        #: out once (each is read by several features)
        self._owns: dict[tuple[str, str], tuple[str, list[tuple[int, int]]]] = {}
        self._toks: dict[tuple[str, str], list[str]] = {}
        self._leads: dict[tuple[str, str], list[str]] = {}
        docs = [self.tokens(ex) for ex in dated]
        self.tfidf = Tfidf(docs + [self.tokens(ex) for ex in others])
        self.vocab: dict[str, int] = {}
        for toks in docs:
            for t in toks:
                self.vocab.setdefault(t, len(self.vocab))
        self.matrix = np.stack([self._vector(toks) for toks in docs]) if docs else np.zeros((0, 1))
        self.leads = (np.stack([self._vector(self.lead_tokens(ex)) for ex in dated]) if docs else np.zeros((0, 1)))
        #: passages (word 8-grams) of the dated articles and how many of them share each: a passage shared by
        #: a few articles is the same wire copy or the same quote, told on the same days
        self.passages = [_passages(self.own(ex)[0]) for ex in dated]
        self.passage_df: Counter[str] = Counter()
        for ps in self.passages:
            self.passage_df.update(ps)
        #: per word of the dated articles: the first day one of them used it, and how many used it
        self.births: dict[str, tuple[date, int]] = {}
        for ex, toks in zip(dated, docs):
            day = stated(ex)
            if day is None:
                continue
            for t in set(toks):
                b, n = self.births.get(t, (day, 0))
                self.births[t] = (min(b, day), n + 1)
        #: per dated article: the days it names or appeared on (the days the story knows something happened)
        self.days = [{d for t in ex.timexes if t.type == "DATE" and (d := _day(t.value)) is not None}
                     | ({d} if (d := stated(ex)) else set()) for ex in dated]
        self.activity = activity([d for ex in dated if (d := stated(ex)) is not None])
        pairs = [(ex, d) for ex in dated if (d := stated(ex)) is not None]
        #: the cumulative totals its dated articles report, and the starts they count from
        self.totals = figseries.points((ex.figures, d) for ex, d in pairs)
        self.starts = counting.starts([(ex.article.text, d) for ex, d in pairs])
        #: how the story's dated articles name weekdays relative to their own day
        self.weekday_odds = weekday_odds([(d.weekday() - wd) % 7 for ex, d in pairs for wd in weekdays(ex)])
        # a temporal language model: the words used around each day (de Jong et al. 2005; Kanhabua and
        # Norvag 2008), from postings (word -> (dated article, count))
        self.ordinals = np.array([d.toordinal() if (d := stated(ex)) else 0 for ex in dated], dtype=float)
        self.postings: dict[str, list[tuple[int, int]]] = {}
        for i, toks in enumerate(docs):
            for t, c in Counter(toks).items():
                self.postings.setdefault(t, []).append((i, c))
        self.lengths = np.array([max(len(toks), 1) for toks in docs], dtype=float)
        self.total = float(self.lengths.sum())

    @staticmethod
    def _key(ex: Extraction) -> tuple[str, str]:
        return ex.article.id, ex.article.text_hash

    def own(self, ex: Extraction) -> tuple[str, list[tuple[int, int]]]:
        """``_own`` of the article, once per article."""
        key = self._key(ex)
        if key not in self._owns:
            self._owns[key] = _own(ex, self.junk)
        return self._owns[key]

    def tokens(self, ex: Extraction) -> list[str]:
        """``_tokens`` of the article, once per article."""
        key = self._key(ex)
        if key not in self._toks:
            self._toks[key] = _tokens(ex, self.own(ex))
        return self._toks[key]

    def lead_tokens(self, ex: Extraction) -> list[str]:
        """``_lead_tokens`` of the article, once per article."""
        key = self._key(ex)
        if key not in self._leads:
            self._leads[key] = _lead_tokens(ex, self.own(ex))
        return self._leads[key]

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
        out: np.ndarray = self.matrix @ self._vector(self.tokens(ex))
        return out

    def shared(self, ex: Extraction, rare: int = 5) -> np.ndarray:
        """Per dated article: the passages it shares with ``ex`` that at most ``rare`` dated articles use,
        each counted 1 / (number of articles using it)."""
        mine = _passages(self.own(ex)[0])
        return np.array([sum(1.0 / self.passage_df[g] for g in mine & ps if self.passage_df[g] <= rare)
                         for ps in self.passages])

    def lead_sims(self, ex: Extraction) -> np.ndarray:
        out: np.ndarray = self.leads @ self._vector(self.lead_tokens(ex))
        return out

    def language(self, ex: Extraction, days: Sequence[date], spread: float = 2.0,
                 smoothing: float = 0.5) -> dict[date, float]:
        """Per candidate day: how much likelier the article's words are in the dated articles around that day
        than in the whole story (normalised log-likelihood ratio, Jelinek-Mercer smoothing), minus the best
        day's."""
        q = Counter(t for t in self.tokens(ex) if t in self.postings)
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
        for t in set(self.tokens(ex)):
            b = self.births.get(t)
            if b is not None and b[1] >= 2:
                out.append((b[0], self.tfidf.idf.get(t, 0.0)))
        return out
