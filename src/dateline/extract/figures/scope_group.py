"""The subgroup a count of people is restricted to, from the counted noun itself (issue 20, scope guideline v2 in
``examples/t17_gold/figures.json``): its nationality or owner ("40 Estonian soldiers", "Poland's 2,400-strong
force"), a demonym counted on its own ("two Estonians", "63 Saudis"), or a role narrower than "people" ("11 workers",
"3,500 troops"). Generic people nouns ("people", "others", "victims") restrict nothing."""
from __future__ import annotations

from spacy.tokens import Token

from ..entities.kb import load_kb, normalize
from .lexicon import FiguresLexicon

_NATION_LABELS = frozenset({"NORP", "GPE"})
_OWNER_LABELS = frozenset({"NORP", "GPE", "ORG"})
# nouns of bodies of people: 'Japan's 500-strong contingent'
_BODY_NOUNS = frozenset({"contingent", "force", "forces", "mission", "army", "delegation", "unit"})
# roles narrower than people that restrict a count on their own ('11 workers', '3,500 troops'); not every worker
# noun ('10 staff', '40 volunteers' of a body named before count its people)
_ROLE_CLASSES = frozenset({"force"})
_ROLE_NOUNS = frozenset({"worker", "workers"})


def _nation(tok: Token) -> bool:
    """A nationality word: tagged NORP or GPE, or a state's demonym in the actor KB ('Lithuanian', 'Saudis')."""
    return tok.ent_type_ in _NATION_LABELS or normalize(tok.text) in load_kb().demonyms


def people_group(noun: Token | None, lex: FiguresLexicon) -> str | None:
    """The subgroup the counted noun names, as written ("Estonian soldiers", "Poland 's force", "Saudis"), or None."""
    if noun is None or noun.pos_ not in ("NOUN", "PROPN") or noun.like_num:
        return None
    classes = lex.classes_of(noun.lemma_) | lex.classes_of(noun.lower_)
    demonym = noun.ent_type_ == "NORP" or normalize(noun.text) in load_kb().demonyms
    if not (classes & {"person", "force", "worker"} or demonym or noun.lemma_.lower() in _BODY_NOUNS):
        return None
    mods = [c for c in noun.children if c.i < noun.i and (
        c.dep_ in ("amod", "compound", "nmod") and _nation(c) or
        c.dep_ == "poss" and (c.ent_type_ in _OWNER_LABELS or _nation(c)))]
    if mods:
        doc = noun.doc
        return " ".join([*(doc[m.left_edge.i:m.right_edge.i + 1].text for m in mods), noun.text])
    if demonym or classes & _ROLE_CLASSES or noun.lower_ in _ROLE_NOUNS:
        return noun.text
    return None


def with_group(scope: str | None, group: str | None) -> str | None:
    """The scope with the subgroup added when it does not already say it ('Algerians' from a share)."""
    if not group:
        return scope
    if not scope:
        return group
    if group.lower() in scope.lower():
        return scope
    return f"{scope}, {group}"
