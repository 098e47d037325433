"""WordNet's lexicographer classes of English verbs and nouns (``verb.communication``, ``noun.cognition``, ...):
a coarse meaning for words a training set saw rarely or never, so a learned model can weigh "denounce" like
"criticize" (both ``verb.communication``) without having seen it attribute anything.

The table ``resources/statements/wordnet_classes.tsv.gz`` (lemma, ``v``/``n``, the classes of its first three
senses, most frequent first) is derived from Princeton WordNet 3.0 (its licence allows redistribution) by
``bench/wordnet_classes.py`` from Debian's ``wordnet-base`` files and shipped; nothing is downloaded. Without the
file every word has no class.
"""
from __future__ import annotations

import functools
import gzip
from importlib import resources

WORDNET_FILE = "wordnet_classes.tsv.gz"


@functools.cache
def wordnet_classes() -> dict[tuple[str, str], tuple[str, ...]]:
    """(lemma, "v" or "n") -> its senses' classes, most frequent first ("communication", "social")."""
    f = resources.files("dateline.resources").joinpath("statements").joinpath(WORDNET_FILE)
    if not f.is_file():
        return {}
    out: dict[tuple[str, str], tuple[str, ...]] = {}
    for line in gzip.decompress(f.read_bytes()).decode("utf-8").splitlines():
        lem, pos, cls = line.split("\t")
        out[(lem, pos)] = tuple(cls.split(","))
    return out


def classes(lemma: str, pos: str) -> tuple[str, ...]:
    """The classes of a lemma with spaCy's coarse tag (VERB -> verbs; NOUN, PROPN -> nouns); () if none."""
    p = "v" if pos == "VERB" else "n" if pos in ("NOUN", "PROPN") else ""
    return wordnet_classes().get((lemma.lower(), p), ()) if p else ()
