"""Near-duplicate articles (syndicated copies, updates of one wire story) with MinHash LSH (datasketch).

Articles are taken in arrival order (within one batch: publication order); an article whose word-shingle Jaccard
similarity (MinHash estimate) with an earlier one reaches ``threshold`` is linked to that article's primary: the
first copy stays the primary, every other copy points to it (none is dropped). The LSH band keys and signatures
are kept in the store, so a new batch is compared with the articles sharing a band only.
"""
from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np

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


def lsh_params(threshold: float, num_perm: int) -> tuple[int, int]:
    """(bands, rows per band) that datasketch's ``MinHashLSH`` picks for this threshold."""
    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    return lsh.b, lsh.r


def band_keys(sig: np.ndarray, bands: int, rows: int) -> list[int]:
    """One signed 64-bit key per LSH band: two signatures share a key when a whole band of them is equal."""
    return [int.from_bytes(hashlib.blake2b(i.to_bytes(2, "little") + sig[i * rows:(i + 1) * rows].tobytes(),
                                           digest_size=8).digest(), "little", signed=True) for i in range(bands)]


def signature(text: str, num_perm: int = 128) -> np.ndarray:
    """The MinHash signature of ``text`` as uint32 values (what the store keeps)."""
    values: np.ndarray = minhash(text, num_perm).hashvalues  # datasketch is untyped
    return values.astype(np.uint32)


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """MinHash estimate of the Jaccard similarity of two signatures."""
    return float(np.count_nonzero(a == b)) / len(a)


@dataclass(slots=True)
class Known:
    """An article already indexed: its arrival rank, signature and primary (itself unless a copy)."""

    seq: int
    sig: np.ndarray
    primary: str


@dataclass
class DupIndex:
    """MinHash LSH over articles in arrival order: an article is linked to the most similar earlier arrival
    (ties: the earlier one) whose estimated Jaccard similarity reaches ``threshold``, and takes that article's
    primary. Earlier links never change, so a batch is matched against the band keys it shares only
    (``known`` and ``bands`` may hold just those, loaded from the store)."""

    threshold: float = 0.5
    num_perm: int = 128
    min_words: int = 20
    known: dict[str, Known] = field(default_factory=dict)
    bands: dict[int, list[str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.b, self.r = lsh_params(self.threshold, self.num_perm)

    def prepare(self, articles: Sequence[Article]) -> dict[str, tuple[np.ndarray, list[int]]]:
        """Signatures and band keys of the articles long enough to compare."""
        out = {}
        for art in articles:
            if len(_WORD.findall(art.text)) >= self.min_words:
                sig = signature(art.text, self.num_perm)
                out[art.id] = (sig, band_keys(sig, self.b, self.r))
        return out

    def add_batch(self, articles: Sequence[Article], first_seq: int,
                  prepared: dict[str, tuple[np.ndarray, list[int]]] | None = None) -> dict[str, Duplicate]:
        """Match ``articles`` (in this order, arrival ranks from ``first_seq``) and index them."""
        prepared = self.prepare(articles) if prepared is None else prepared
        out: dict[str, Duplicate] = {}
        for i, art in enumerate(articles):
            if art.id not in prepared or art.id in self.known:
                continue
            sig, keys = prepared[art.id]
            cands = {a for k in keys for a in self.bands.get(k, ())}
            best: tuple[float, int, str] | None = None
            for other in cands:
                o = self.known[other]
                sim = similarity(sig, o.sig)
                if sim >= self.threshold and (best is None or (sim, -o.seq) > (best[0], -best[1])):
                    best = (sim, o.seq, other)
            primary = art.id
            if best is not None:
                primary = self.known[best[2]].primary
                out[art.id] = Duplicate(article_id=art.id, duplicate_of=primary, similarity=round(best[0], 3))
            self.known[art.id] = Known(seq=first_seq + i, sig=sig, primary=primary)
            for k in keys:
                self.bands.setdefault(k, []).append(art.id)
        return out


def find_duplicates(articles: Sequence[Article], *, threshold: float = 0.5, num_perm: int = 128,
                    min_words: int = 20) -> dict[str, Duplicate]:
    """Map each duplicate article id to its primary; primaries and unique articles are not in the map.

    Articles are taken in publication order (one batch); shorter than ``min_words`` words are never linked."""
    index = DupIndex(threshold=threshold, num_perm=num_perm, min_words=min_words)
    return index.add_batch(publication_order(articles), 0)
