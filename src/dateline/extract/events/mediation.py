"""Mediators act between the parties, not on each other.

CAMEO codes mediation (045) as a consultation of the mediator with each party, and PLOVER keeps it under
CONSULT; the mediators of one effort are no parties to it. So:
- coordinated actors named as mediators ("the mediators from Qatar, Egypt and the United States", "Qatari and
  Egyptian mediators", "Egypt and Qatar, the mediators, ...") are never paired with each other by a reciprocal
  action ("efforts ... to reach a ceasefire" is no agreement between Qatar and Egypt);
- a verb of mediation ("mediated", "brokered", "interceded") takes the sides named after "between" as its
  targets ("mediated a grain deal between Russia and Ukraine": Turkey CONSULT Russia, Turkey CONSULT Ukraine).
Word lists: ``mediator_nouns`` and ``mediation_verbs`` in ``resources/events/plover.yaml``.
"""
from __future__ import annotations

from spacy.tokens import Doc, Token

from .lexicon import Lexicon
from .syntax import Actor, iter_pobj

#: dependency arcs climbed from an actor's word to the noun that describes it
_UP = frozenset({"conj", "pobj", "prep", "amod", "compound", "nmod", "appos", "poss"})
MAX_HOPS = 5


def _described_as_mediator(tok: Token, nouns: frozenset[str]) -> bool:
    """``tok`` (an actor's word) is, or belongs to, a noun phrase headed by a mediator noun: "mediators from
    Qatar", "Qatari mediators", or stands beside one in apposition ("Egypt and Qatar, the mediators")."""
    for _ in range(MAX_HOPS):
        if tok.lemma_.lower() in nouns:
            return True
        if any(c.dep_ == "appos" and c.lemma_.lower() in nouns for c in tok.children):
            return True
        if tok.dep_ not in _UP or tok.head.i == tok.i:
            return False
        if tok.dep_ == "prep" and tok.lower_ not in ("from", "of"):
            return False
        tok = tok.head
    return False


def mediators_only(doc: Doc, actors: list[Actor], lex: Lexicon, offset: int = 0) -> bool:
    """Every one of two or more ``actors`` is named as a mediator (their character offsets are ``offset``
    ahead of the doc's)."""
    nouns = lex.word_set("mediator_nouns")
    if len(actors) < 2 or not nouns:
        return False
    for a in actors:
        span = doc.char_span(a.start - offset, a.end - offset, alignment_mode="expand")
        if span is None or not (any(t.lemma_.lower() in nouns for t in span)  # "mediators from Qatar"
                                or _described_as_mediator(span.root, nouns)):
            return False
    return True


def between_sides(v: Token, lex: Lexicon) -> list[Token]:
    """The words naming the sides a verb of mediation acts between ("mediated between X and Y", "brokered a
    truce between X and Y"); [] for any other verb."""
    if v.lemma_.lower() not in lex.word_set("mediation_verbs"):
        return []
    preps = [c for c in v.children if c.dep_ == "prep" and c.lower_ == "between"]
    for o in v.children:
        if o.dep_ in ("dobj", "attr"):
            preps += [c for c in o.children if c.dep_ == "prep" and c.lower_ == "between"]
    return [g for p in preps for g in iter_pobj(p)]
