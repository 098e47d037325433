"""WordNet-backed verb coverage: a PLOVER action for a verb the dictionary has no pattern for, through its WordNet
synonyms / hypernyms that the dictionaries code (``resources/events/wordnet_verbs.tsv``, built by
``scripts/wordnet_verbs.py``; WordNet 3.0 licence in ``LICENSE.wordnet``).

The rows become bare fallback patterns (``Lexicon.fallback``), tried only on a verb without any pattern in the
compiled dictionary and outside its rule word lists (speech, light, command, wanting, characterize, crowd verbs).
"""
from __future__ import annotations

import functools

from ...resources import load_lines
from .lexicon import ACTIONS, Lexicon, VerbPattern

TABLE = "wordnet_verbs.tsv"
#: rows below this confidence are not used (the table's confidence: relation weight x sense weight x vote share)
DEFAULT_MIN_CONFIDENCE = 0.7
#: verbs with more WordNet senses than this are not used
DEFAULT_MAX_SENSES = 3
RULE_LISTS = ("speech_verbs", "light_verbs", "command_verbs", "wanting_verbs", "characterize_verbs", "crowd_verbs")


@functools.lru_cache(maxsize=1)
def table() -> dict[str, tuple[str, float, int]]:
    """verb -> (PLOVER action, confidence, number of WordNet senses)."""
    out: dict[str, tuple[str, float, int]] = {}
    for line in load_lines("events", TABLE):
        verb, action, conf, senses = line.split("\t")[:4]
        if action in ACTIONS:
            out[verb] = (action, float(conf), int(senses))
    return out


def add_wordnet_fallback(lex: Lexicon, min_confidence: float = DEFAULT_MIN_CONFIDENCE,
                         max_senses: int = DEFAULT_MAX_SENSES) -> int:
    """Add the table's verbs at or above ``min_confidence`` with at most ``max_senses`` WordNet senses (a general,
    many-sensed verb's first sense says little of its use) that ``lex`` has no pattern for; returns how many."""
    ruled = {w.split()[0] for name in RULE_LISTS for w in lex.word_set(name)}
    n = 0
    for verb, (action, conf, senses) in table().items():
        if conf < min_confidence or senses > max_senses or verb in lex.verbs or verb in ruled or verb in lex.fallback:
            continue
        lex.fallback[verb] = [VerbPattern(action=action, lemma=verb)]
        n += 1
    return n
