"""What a number counts: the quantified noun and the category ("hostages held", "killed", "aid trucks", "money").

The noun is read from the dependency parse (``58 hostages``, ``34 of the hostages``, ``including 34`` after
``58 hostages``, ``bringing the death toll ... to 52,829``); the category from the noun's class and the predicate
lemmas around it (governing verb, participles, relative clauses, adjectives, the event noun of ``the deaths of N
people``), by the ordered rules of ``resources/figures/categories.json``.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from .figures_lexicon import FiguresLexicon
from .figures_numbers import Num

_ARG_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "attr", "oprd", "pobj", "appos", "conj", "npadvmod", "dative"})
_NOUN_POS = frozenset({"NOUN", "PROPN"})
_CLAUSE_DEPS = frozenset({"relcl", "acl"})
_PRED_POS = frozenset({"VERB", "ADJ", "NOUN", "AUX"})
_STOP_CONCEPT = frozenset({"the", "a", "an", "of", "and", "its", "their", "his", "her", "this", "that", "these",
                           "those", "-", "'s", "’s", ",", "(", ")"})


@dataclass(slots=True)
class Counted:
    """The reading of what a number counts."""

    noun: Token | None = None  # the quantified noun token
    inherited: bool = False  # noun taken from an antecedent figure ("including 34")
    predicates: set[str] = field(default_factory=set)
    category: str | None = None
    concept: list[str] = field(default_factory=list)  # content words of the quantified noun and measured entity
    anchor: Token | None = None  # the token that stands for the figure in the parse (noun or number root)


def _noun_phrase(tok: Token) -> list[Token]:
    """The noun with its compounds and adjectives (no determiners, clauses or PPs)."""
    left = [c for c in tok.lefts if c.dep_ in ("compound", "amod", "nmod", "poss") and not c.like_num]
    return sorted(left + [tok], key=lambda t: t.i)


def _quantified_noun(doc: Doc, num: Num) -> Token | None:
    r = doc[num.root_i]
    head = r.head
    if r.dep_ in ("nummod", "quantmod", "compound", "amod", "nmod") and head.pos_ in _NOUN_POS and head.i != r.i:
        return head
    # "34 of the hostages", "one of the best speakers"
    for c in r.children:
        if c.dep_ == "prep" and c.lower_ == "of":
            for p in c.children:
                if p.dep_ == "pobj" and p.pos_ in _NOUN_POS:
                    return p
    if r.pos_ in _NOUN_POS and not r.like_num and r.i > num.last_i - 1 and r.lower_ not in ("million", "billion",
                                                                                          "thousand", "hundred"):
        return r
    return None


def _antecedent(doc: Doc, num: Num, previous: list[tuple[Num, Counted]]) -> Counted | None:
    """'..., including 34 ...', 'of whom 34', 'among them 12': the figure this one is part of."""
    r = doc[num.root_i]
    head = r.head
    marker = head.lower_ if r.dep_ == "pobj" else ""
    if marker not in ("including", "of", "among", "includes", "include") and r.dep_ not in ("appos", "conj"):
        return None
    sent = r.sent
    for prev_num, counted in reversed(previous):
        if prev_num.root_i < sent.start:
            break
        if counted.noun is not None and prev_num.start < num.start:
            return counted
    return None


def _predicates(doc: Doc, noun: Token | None, r: Token, lex: FiguresLexicon) -> set[str]:
    """Lemmas around the counted thing that say what happened to it."""
    preds: set[str] = set()
    base = noun if noun is not None else r
    if noun is not None:
        preds.add(noun.lemma_.lower())
        preds.update(c.lemma_.lower() for c in noun.children if c.dep_ in ("compound", "amod"))
    # the governing word: verb of a subject/object, event noun of "the deaths of N people"
    tok = base
    if tok.dep_ == "pobj" and tok.head.dep_ in ("prep", "agent"):
        gov = tok.head.head
        preds.add(gov.lemma_.lower())
        preds.update(c.lemma_.lower() for c in gov.children if c.dep_ == "compound")
    elif tok.dep_ in _ARG_DEPS or tok.dep_ in ("ROOT", "nummod"):
        gov = tok.head
        if gov.pos_ in _PRED_POS:
            preds.add(gov.lemma_.lower())
            # "N are dead", "N remain captive"
            preds.update(c.lemma_.lower() for c in gov.children if c.dep_ in ("acomp", "oprd", "xcomp", "attr"))
    # clauses on the noun or the bare number: "hostages seized", "people who were killed", "34 ... says are dead"
    for c in base.children:
        if c.dep_ in _CLAUSE_DEPS or c.dep_ == "amod":
            preds |= _clause_predicates(c, lex)
    return preds


def _clause_predicates(head: Token, lex: FiguresLexicon, depth: int = 0) -> set[str]:
    """The clause's verb (or adjective) and its complements; through a reporting verb to what it reports."""
    lemma = head.lemma_.lower()
    out: set[str] = set()
    if lemma in lex.reporting_verbs:
        if depth < 2:
            for c in head.children:
                if c.dep_ in ("ccomp", "xcomp"):
                    out |= _clause_predicates(c, lex, depth + 1)
        return out
    out.add(lemma)
    out.update(c.lemma_.lower() for c in head.children if c.dep_ in ("acomp", "oprd", "xcomp", "attr", "prt"))
    return out


def _measured_noun(doc: Doc, r: Token, lex: FiguresLexicon) -> Token | None:
    """A bare number's measured noun up the tree: 'bringing the death toll ... to 52,829' -> toll."""
    tok, steps = r, 0
    while tok.head.i != tok.i and steps < 4:
        tok = tok.head
        if tok.pos_ in ("VERB", "AUX"):
            steps += 1
            for c in tok.children:
                if c.dep_ in ("dobj", "nsubj", "nsubjpass") and c.i != r.i and c.lemma_.lower() in lex.noun_class:
                    return c
    return None


def _rule_category(noun: Token | None, preds: set[str], lex: FiguresLexicon) -> str | None:
    cls = lex.noun_class.get(noun.lemma_.lower()) or lex.noun_class.get(noun.lower_) if noun is not None else None
    for rule_cls, rule_preds, category in lex.rules:
        if rule_cls == "*" or rule_cls == cls or (rule_cls == "person" and noun is None):
            if not rule_preds and rule_cls == cls:
                return category
            if rule_preds & preds:
                return category
    return None


def _concept(doc: Doc, noun: Token | None, r: Token) -> list[str]:
    """Content words of the quantified noun and of the measured entity (subject or head noun of the number)."""
    toks: list[Token] = list(_noun_phrase(noun)) if noun is not None else []
    base = noun if noun is not None else r
    tok, steps = base, 0
    while tok.head.i != tok.i and steps < 3:
        tok = tok.head
        steps += 1
        if tok.pos_ in _NOUN_POS and tok.i not in {t.i for t in toks}:
            toks.extend(_noun_phrase(tok))
            break
        if tok.pos_ in ("VERB", "AUX"):
            subj = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass") and c.i != base.i]
            if subj:
                toks.extend(_noun_phrase(subj[0]))
            break
    return [t.lower_ for t in toks if t.lower_ not in _STOP_CONCEPT and not t.like_num and not t.is_punct]


def count_what(doc: Doc, num: Num, previous: list[tuple[Num, Counted]], lex: FiguresLexicon) -> Counted:
    """Noun, predicates and category of one number (``previous``: the figures before it, for antecedents)."""
    r = doc[num.root_i]
    out = Counted(anchor=r)
    noun = _quantified_noun(doc, num)
    direct = noun
    if noun is not None and lex.unit_phrases.get((noun.lower_,)) is not None and num.unit is not None:
        # "58 per cent" / "5 dollars": the unit word is not what is counted; look at "of X"
        noun = next((p for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"
                     for p in c.children if p.dep_ == "pobj"), None)
    ante = _antecedent(doc, num, previous) if noun is None else None
    if ante is not None:
        noun, out.inherited = ante.noun, True
    if noun is None and num.unit is None:
        noun = _measured_noun(doc, r, lex)
    out.noun = noun
    local_noun = None if out.inherited else noun
    preds = _predicates(doc, local_noun, r, lex)
    if out.inherited and noun is not None:
        preds.add(noun.lemma_.lower())
    out.predicates = preds
    out.anchor = noun if noun is not None and noun is direct else r
    if num.unit is not None and num.unit.kind == "currency":
        out.category = lex.money_category
    else:
        out.category = _rule_category(noun, preds, lex)
        if out.category is None and out.inherited and ante is not None:
            out.category = ante.category
        if out.category is None:
            if num.unit is not None:
                out.category = lex.percent_category if num.unit.kind == "percent" else lex.fallback_category
            elif noun is not None:
                out.category = noun.lower_
            else:
                out.category = lex.fallback_category
    if out.category == "killed" and any(t.lower_ in lex.disease_words for t in r.sent):
        out.category = "deaths"
    out.concept = _concept(doc, noun, r)
    return out
