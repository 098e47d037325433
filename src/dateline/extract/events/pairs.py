"""A plural description of people named together before stands for them: "Joan Mills and Peter Ortiz spoke ...
In a joint statement, the pair accused the mayor", "Ahmed Ali and Omar Said were freed. The two men said ...". The
antecedent is the nearest coordination of two or more people (entities the linker calls persons) in the
description's sentence before it or the ``SENTENCES_BACK`` sentences before; each person is an actor, as
when they are the subject themselves.
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
    return []
