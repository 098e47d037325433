"""A plural description of people named together before stands for them: "Joan Mills and Peter Ortiz spoke ...
In a joint statement, the pair accused the mayor", "Ahmed Ali and Omar Said were freed. The two men said ...". The
antecedent is the nearest coordination of two or more people (entities the linker calls persons) in the
description's sentence before it or the ``SENTENCES_BACK`` sentences before; each person is an actor, as
when they are the subject themselves. Without such a coordination, a description counting two ("both men", "the two
leaders") stands for the two sides of the latest act between two people in that window: a person as subject and
another as the verb's object or its "with" / "to" / "from" object ("Enan spoke with his counterpart, Adm. Mike
Mullen ... Both men pledged to stay in touch"; since 2026-12-07, session 11).
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from spacy.tokens import Token

from .syntax import Actor, field_of

#: nouns for a group of people named together ("the pair", "the couple")
PAIR_NOUNS = frozenset({"pair", "couple", "duo", "trio"})
#: determiners that count a plural description ("the two men", "both women")
COUNTING = frozenset({"both", "two", "three"})
#: determiners that count exactly two: the two sides of one act may be meant
COUNTING_TWO = frozenset({"both", "two"})
#: the prepositions that name the other side of a two-party act ("spoke with", "talked to", "heard from")
PARTNER_PREPS = frozenset({"with", "to", "from"})
SENTENCES_BACK = 2


def _is_person(ent: Any) -> bool:
    return ent is not None and (field_of(ent, "label") == "PERSON" or field_of(ent, "kind") == "person")


def plural_description(tok: Token) -> bool:
    """"the pair", "the couple", "the two men", "both brothers": a description that counts people."""
    if tok.pos_ != "NOUN":
        return False
    dets = {c.lower_ for c in tok.children if c.dep_ in ("det", "predet", "nummod")}
    if tok.lemma_.lower() in PAIR_NOUNS:
        return "the" in dets
    return tok.tag_ == "NNS" and bool(dets & COUNTING)


def named_together(tok: Token, entity: list[Any], from_entity: Callable[[Any], Actor]) -> list[Actor]:
    """The people of the nearest coordination of persons before ``tok`` (``entity``: the entity at each
    token); [] when there is none."""
    if not plural_description(tok):
        return []
    doc = tok.doc
    first = tok.sent.start
    for _ in range(SENTENCES_BACK):
        if first == 0:
            break
        first = doc[first - 1].sent.start
    for t in reversed(doc[first:tok.i]):
        if t.dep_ == "conj" or not _is_person(entity[t.i]):
            continue
        people = [t, *(c for c in t.conjuncts if c.i > t.i and _is_person(entity[c.i]))]
        if len(people) >= 2:
            found: dict[str, Actor] = {}
            for p in people:
                a = from_entity(entity[p.i])
                found.setdefault(a.key, a)
            if len(found) >= 2:
                return list(found.values())
    if {c.lower_ for c in tok.children if c.dep_ in ("det", "predet", "nummod")} & COUNTING_TWO:
        return _two_sides(doc[first:tok.i], entity, from_entity)
    return []


def _person_in(tok: Token, entity: list[Any]) -> Any:
    """The first person named in ``tok``'s phrase ("his counterpart, Adm. Mike Mullen" -> Mike Mullen)."""
    return next((entity[t.i] for t in tok.subtree if _is_person(entity[t.i])), None)


def _two_sides(span: Any, entity: list[Any], from_entity: Callable[[Any], Actor]) -> list[Actor]:
    """The subject and the other party of the latest verb in ``span`` that has a person for each."""
    for v in reversed(span):
        if v.pos_ not in ("VERB", "AUX"):
            continue
        subj = next((entity[c.i] for c in v.children if c.dep_ == "nsubj" and _is_person(entity[c.i])), None)
        if subj is None:
            continue
        for c in v.children:
            obj = c if c.dep_ == "dobj" else next((g for g in c.children if g.dep_ == "pobj"), None) \
                if c.dep_ == "prep" and c.lower_ in PARTNER_PREPS else None
            other = _person_in(obj, entity) if obj is not None and obj.i < span.end else None
            if other is not None:
                sides = {a.key: a for a in (from_entity(subj), from_entity(other))}
                if len(sides) == 2:
                    return list(sides.values())
    return []
