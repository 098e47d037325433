"""Search terms and ranking for ``Queries.search`` (the CLI's ``dateline search``, ``/api/search``, the page).

A query is words and "quoted phrases". An article matches when its title or text holds every term (a word as
the start of a word: "protest" finds "protesters"; a phrase word for word, whatever the spaces between its
words; a term of punctuation only, "%", as written), case-insensitively. Common words ("the", "of") are left
out unless the query has nothing else. Matches are ranked by BM25 over the terms (rarer terms weigh more,
repeated hits less and less, long articles are not favoured for their length)."""
from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

#: at most this many terms are searched (the rest of a long query is ignored)
MAX_TERMS = 8
#: BM25's parameters (the usual values)
K1, B = 1.2, 0.75

_QUOTED = re.compile(r'"([^"]*)"')
_EDGE = "\"'“”‘’.,;:!?()[]{}<>"
STOP = frozenset("a an and are as at be by for from has have in is it its of on or that the this to was were "
                 "will with".split())


@dataclass(frozen=True, slots=True)
class Term:
    text: str  # lower case
    pattern: str  # a regular expression (RE2 and Python alike) over the lower-cased text

    @property
    def first_word(self) -> str:
        """What every text holding the term contains as it is (a cheap filter before the expression)."""
        return self.text.split()[0]


def _term(text: str) -> Term:
    words = text.lower().split()
    body = r"\s+".join(re.escape(w) for w in words)
    return Term(" ".join(words), (r"\b" if words[0][0].isalnum() else "") + body)


def parse(q: str) -> list[Term]:
    """The terms of the query ``q``: its quoted phrases and its other words (see the module docstring)."""
    phrases = [p for p in (" ".join(m.split()) for m in _QUOTED.findall(q)) if p.strip(_EDGE)]
    rest = _QUOTED.sub(" ", q) if phrases else q
    words = []
    for tok in rest.split():
        w = tok.strip(_EDGE) or tok  # a token of punctuation only is searched as written
        words.append(w)
    content = [w for w in words if w.lower() not in STOP]
    texts = [*phrases, *(content if content or phrases else words)]
    seen: dict[str, Term] = {}
    for t in texts:
        term = _term(t)
        seen.setdefault(term.text, term)
    return list(seen.values())[:MAX_TERMS]


def _doc_freq(rows: Sequence[dict[str, Any]], k: int) -> list[int]:
    """Per term (``h0`` ... ``h{k-1}``): how many ``rows`` hold it."""
    return [sum(1 for r in rows if r[f"h{i}"] > 0) for i in range(k)]


def by_rarity(rows: Sequence[dict[str, Any]], terms: Sequence[Term]) -> list[Term]:
    """The terms, the one held by the fewest ``rows`` first (what a snippet should show)."""
    df = _doc_freq(rows, len(terms))
    return [t for _, _, t in sorted(zip(df, range(len(terms)), terms))]


def rank(rows: Sequence[dict[str, Any]], terms: Sequence[Term], n_docs: int) -> list[dict[str, Any]]:
    """The ``rows`` holding every term, best first. Each row has ``n`` (its length) and ``h0``, ``h1`` ... (the
    hits of each term); ``rows`` are all the articles holding any term, so they give each term's document
    frequency. Adds ``hits`` and ``score`` to each row returned."""
    k = len(terms)
    df = _doc_freq(rows, k)
    idf = [math.log(1 + (n_docs - d + 0.5) / (d + 0.5)) for d in df]
    avg = (sum(r["n"] for r in rows) / len(rows)) if rows else 1.0
    out = []
    for r in rows:
        hits = [int(r[f"h{i}"]) for i in range(k)]
        if not all(hits):
            continue
        norm = K1 * (1 - B + B * (r["n"] or 0) / (avg or 1.0))
        score = sum(w * h * (K1 + 1) / (h + norm) for w, h in zip(idf, hits))
        out.append({**r, "hits": sum(hits), "score": round(score, 4)})
    out.sort(key=lambda r: (-r["score"], -_day_key(r.get("dct")), str(r["id"])))
    return out


def _day_key(dct: Any) -> int:
    """Newer first among equal scores (an undated article last)."""
    return int(str(dct).replace("-", "")[:8]) if dct else 0


def first_hit(text: str, terms: Sequence[Term]) -> tuple[int, int] | None:
    """The span of the first hit in ``text`` of the query's first term that has one, for the snippet and the
    link into the article."""
    for term in terms:
        m = re.search(term.pattern, text, re.IGNORECASE)
        if m is not None:
            return m.start(), m.end()
    return None
