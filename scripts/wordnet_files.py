"""Readers of Princeton WordNet 3.0's database files (format: wndb(5WN)) as Debian's ``wordnet-base`` installs them
(``/usr/share/wordnet``), shared by the scripts that build dateline's WordNet-derived tables
(``scripts/water_bodies.py``, ``scripts/wordnet_verbs.py``, ``bench/wordnet_classes.py``).
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

DEFAULT = Path("/usr/share/wordnet")


@dataclass(frozen=True)
class Synset:
    lexfile: int  # the lexicographer file's number (lexnames(5WN))
    words: list[str]  # as written in the file ("body_of_water")
    pointers: list[tuple[str, str, str]]  # (symbol, target offset, target part of speech)
    gloss: str


def _lines(path: Path) -> Iterator[str]:
    for line in path.read_text(encoding="latin-1").splitlines():
        if line and not line.startswith(" "):  # the licence header lines start with spaces
            yield line


def data(wordnet: Path, pos: str) -> dict[str, Synset]:
    """offset -> synset, for every synset of ``data.<pos>`` (pos: noun, verb, adj, adv)."""
    out = {}
    for line in _lines(wordnet / f"data.{pos}"):
        head, _, gloss = line.partition(" | ")
        parts = head.split()
        n_words = int(parts[3], 16)
        k = 4 + 2 * n_words
        n_ptr = int(parts[k])
        out[parts[0]] = Synset(
            int(parts[1]), [parts[4 + 2 * i] for i in range(n_words)],
            [(parts[k + 1 + 4 * i], parts[k + 2 + 4 * i], parts[k + 3 + 4 * i]) for i in range(n_ptr)], gloss.strip())
    return out


def index(wordnet: Path, pos: str) -> dict[str, list[str]]:
    """lemma -> its synset offsets in WordNet's sense order (most frequent first), from ``index.<pos>``."""
    out = {}
    for line in _lines(wordnet / f"index.{pos}"):
        parts = line.split()
        out[parts[0]] = parts[-int(parts[2]):]
    return out
