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


# nouns of money spent: 'clean-up costs', 'the bill for containing the leak', 'the cost of building six booms'
_COST_NOUNS = frozenset({"cost", "costs", "bill", "spending", "expense", "expenses", "expenditure"})


def spent_on(path: list[Token], lex: FiguresLexicon) -> str | None:
    """The operation an amount of money was spent on, when the sentence names one: 'paid $8bn in clean-up costs' ->
    'clean-up', 'the bill for containing and cleaning up the spill has reached $10bn' -> 'containing and cleaning
    up the spill'. What the money is for as a whole ('the cost of the disaster') restricts nothing."""
    for k, t in enumerate(path[:4]):
        nouns: list[Token] = []
        if t.lemma_.lower() in _COST_NOUNS and t.pos_ == "NOUN":
            nouns.append(t)  # '$360m cost of building ...'
        elif t.pos_ in ("VERB", "AUX"):
            nouns.extend(p for c in t.children if c.dep_ == "prep" and c.lower_ == "in" and c.i != path[k - 1].i
                         for p in c.children if p.dep_ == "pobj" and p.lower_ in _COST_NOUNS)
            nouns.extend(c for c in t.children if c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in _COST_NOUNS)
        for n in nouns:
            got = _operation(n, lex)
            if got:
                return got
        if t.pos_ in ("VERB", "AUX"):
            return None  # the figure's own clause only
    return None


def _operation(noun: Token, lex: FiguresLexicon) -> str | None:
    doc = noun.doc
    for c in noun.children:
        if c.dep_ in ("compound", "amod") and c.i < noun.i and c.right_edge.i == noun.i - 1 and \
                not any(x.like_num or x.is_currency or x.ent_type_ for x in c.subtree) and \
                (c.pos_ == "NOUN" or any(x.text == "-" for x in c.subtree)) and \
                c.lemma_.lower() not in lex.event_nouns:  # not the event itself: 'BP oil spill cost hits $10bn'
            return doc[c.left_edge.i:noun.i].text  # 'clean-up costs' (not 'total costs', '$ 200m cost')
        if c.dep_ == "prep" and c.lower_ in ("for", "of"):
            for g in c.children:
                if g.dep_ in ("pcomp", "pobj") and g.tag_ == "VBG":
                    return doc[g.i:g.right_edge.i + 1].text  # 'for containing and cleaning up the oil spill'
    return None
