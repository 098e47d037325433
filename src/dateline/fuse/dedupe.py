"""Near-duplicate articles (syndicated copies, updates of one wire story) with MinHash LSH (datasketch).

Articles are taken in publication order; an article whose word-shingle Jaccard similarity (MinHash estimate)
with an earlier one reaches ``threshold`` is linked to that article's primary: the earliest copy stays the
primary, every other copy points to it (none is dropped).
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from datasketch import MinHash, MinHashLSH

from ..model import Article

_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(slots=True, frozen=True)
class Duplicate:
    article_id: str
    duplicate_of: str  # the primary (earliest) article of the group
    similarity: float  # estimated Jaccard similarity with the article it matched


def shingles(text: str, n: int = 5) -> set[bytes]:
    """Word n-grams of the lower-cased text (all words: copies share their function words too)."""
    words = _WORD.findall(text.lower())
    if len(words) < n:
        return {" ".join(words).encode()} if words else set()
    return {" ".join(words[i:i + n]).encode() for i in range(len(words) - n + 1)}


def minhash(text: str, num_perm: int = 128) -> MinHash:
    m = MinHash(num_perm=num_perm, seed=1)
    sh = shingles(text)
    if sh:
        m.update_batch(list(sh))
    return m


def trusted_dct(article: Article) -> str | None:
    """The article's date unless it was only estimated from its text."""
    return article.dct if article.dct_origin != "estimated" else None


def publication_order(articles: Iterable[Article]) -> list[Article]:
    """Earliest first; undated (or estimated-date) articles last; ties by id (stable across runs)."""
    return sorted(articles, key=lambda a: (trusted_dct(a) is None, trusted_dct(a) or "", a.id))


def find_duplicates(articles: Sequence[Article], *, threshold: float = 0.5, num_perm: int = 128,
                    min_words: int = 20) -> dict[str, Duplicate]:
    """Map each duplicate article id to its primary; primaries and unique articles are not in the map.

    Articles shorter than ``min_words`` words are never linked (too little text to tell a copy)."""
    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    sigs: dict[str, MinHash] = {}
    primary: dict[str, str] = {}
    out: dict[str, Duplicate] = {}
    for art in publication_order(articles):
        if art.id in sigs or len(_WORD.findall(art.text)) < min_words:
            continue
        sig = minhash(art.text, num_perm)
        best: tuple[float, str] | None = None
        for other in lsh.query(sig):
            sim = sig.jaccard(sigs[other])
            if sim >= threshold and (best is None or sim > best[0]):
                best = (sim, other)
        if best is not None:
            root = primary.get(best[1], best[1])
            primary[art.id] = root
            out[art.id] = Duplicate(article_id=art.id, duplicate_of=root, similarity=round(best[0], 3))
        lsh.insert(art.id, sig)
        sigs[art.id] = sig
    return out
