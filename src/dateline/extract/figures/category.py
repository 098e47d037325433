"""What a number counts: the quantified noun and the category ("hostages held", "killed", "aid trucks", "money").

The noun is read from the dependency parse (``58 hostages``, ``34 of the hostages``, ``including 34`` after
``58 hostages``, ``bringing the death toll ... to 52,829``); the category from the noun's class and the predicate
lemmas around it (governing verb, participles, relative clauses, adjectives, the event noun of ``the deaths of N
people``), by the ordered rules of ``resources/figures/categories.json``.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from .lexicon import FiguresLexicon
from .numbers import Num
from .partitive import list_tail, own_participle, phrase

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
    subgroup: str | None = None  # the counted part of a list tail ('among them six policemen')
    participle: Token | None = None  # what happened to the people a bare number counts ('400 wounded')


class Previous(list):  # type: ignore[type-arg]
    """The figures read so far, ``(Num, Counted)`` in text order, with the running maximum of their root tokens
    (``reach``) so that the ones in a sentence are found by bisection, not by a scan from the start."""

    def __init__(self) -> None:
        super().__init__()
        self.reach: list[int] = []

    def append(self, item: tuple[Num, Counted]) -> None:
        super().append(item)
        self.reach.append(max(item[0].root_i, self.reach[-1]) if self.reach else item[0].root_i)


def _noun_phrase(tok: Token) -> list[Token]:
    """The noun with its compounds and adjectives (no determiners, clauses or PPs)."""
    left = [c for c in tok.lefts if c.dep_ in ("compound", "amod", "nmod", "poss") and not c.like_num]
    return sorted(left + [tok], key=lambda t: t.i)


def _quantified_noun(doc: Doc, num: Num) -> Token | None:
    r = doc[num.root_i]
    head = r.head
    if r.dep_ in ("nummod", "quantmod", "compound", "amod", "nmod") and head.pos_ in _NOUN_POS and head.i != r.i:
        return head
    # "34 of the hostages", "one of the best speakers"; "40 of them" (what "them" stands for: ``_antecedent``)
    for c in r.children:
        if c.dep_ == "prep" and c.lower_ == "of":
            for p in c.children:
                if p.dep_ == "pobj" and (p.pos_ in _NOUN_POS or (p.pos_ == "PRON" and p.lower_ in _ANAPHORIC_NOUNS)):
                    return p
    if r.pos_ in _NOUN_POS and not r.like_num and r.i > num.last_i - 1 and r.lower_ not in ("million", "billion",
                                                                                          "thousand", "hundred"):
        return r
    return None


_ANTECEDENT_MARKERS = frozenset({"including", "of", "among", "includes", "include", "from", "with", "than", "versus",
                                 "vs", "vs."})
_ANAPHORIC_NOUNS = frozenset({"other", "others", "more", "them", "whom", "which"})


def _antecedent(doc: Doc, num: Num, previous: list[tuple[Num, Counted]], noun: Token | None,
                tail: bool = False) -> Counted | None:
    """The figure this one continues: '..., including 34 ...', 'up from 48', 'and 52,567 since ...',
    'the bodies of 18 others', 'Of the 58 hostages ..., 35 are dead'."""
    r = doc[num.root_i]
    sent = r.sent
    first = 0
    reach = getattr(previous, "reach", None)
    if reach is not None and len(reach) == len(previous):
        first = bisect.bisect_left(reach, sent.start)  # the figures before ``first`` have their roots before it
    in_sent = [(n, c) for n, c in previous[first:] if n.root_i >= sent.start and n.start < num.start]
    before = [(n, c) for n, c in in_sent if c.noun is not None]
    if not before:  # 'Of the 200 rescued, 45 were children': a whole counted by its own participle
        return _partitive_whole(doc, [(n, c) for n, c in in_sent if c.participle is not None]) \
            if noun is None else None
    if noun is not None:
        return before[-1][1] if noun.lower_ in _ANAPHORIC_NOUNS or tail else None
    head = r.head
    marker = head.lower_ if r.dep_ == "pobj" else ""
    if marker in _ANTECEDENT_MARKERS or r.dep_ in ("appos", "conj"):
        return before[-1][1]
    return _partitive_whole(doc, before)


def _partitive_whole(doc: Doc, before: list[tuple[Num, Counted]]) -> Counted | None:
    """The whole of a fronted partitive: "Of the 58 hostages still held in Gaza, 35 are dead" (its noun), "Of the
    30 killed, 12 were soldiers" (the number itself, counted by its participle)."""
    for n, c in reversed(before):
        pn = c.noun if c.noun is not None else doc[n.root_i]
        if pn.dep_ == "pobj" and pn.head.lower_ == "of" and pn.head.head.pos_ in ("VERB", "AUX"):
            return c
    return None


def _next_verb(noun: Token) -> Token | None:
    """The first verb after the noun's phrase, before any punctuation (at most 8 tokens on)."""
    doc = noun.doc
    start = max(t.i for t in noun.subtree if t.i - noun.i < 8) + 1 if noun.n_rights else noun.i + 1
    for t in doc[start:min(start + 8, noun.sent.end)]:
        if t.is_punct:
            return None
        if t.pos_ == "VERB":
            return t
    return None


#: at most this many coordinated nouns walked back to the verb they are an argument of
CONJ_HOPS = 4


def _verb_of(tok: Token) -> Token | None:
    """The verb a noun is an argument of, through coordination ('release ten hostages and the bodies of 18')."""
    for _ in range(CONJ_HOPS):
        if tok.dep_ == "conj":
            tok = tok.head
            continue
        if tok.dep_ in ("dobj", "nsubj", "nsubjpass", "attr") and tok.head.pos_ in ("VERB", "AUX"):
            return tok.head
        return None
    return None


def _predicates(doc: Doc, noun: Token | None, r: Token, lex: FiguresLexicon) -> set[str]:
    """Lemmas around the counted thing that say what happened to it."""
    preds: set[str] = set()
    base = noun if noun is not None else r
    if noun is not None:
        preds.add(noun.lemma_.lower())
        preds.update(c.lemma_.lower() for c in noun.children if c.dep_ in ("compound", "amod"))
    if noun is None:  # "60 of the dead were soldiers": the whole the number is a part of
        preds.update(p.lemma_.lower() for c in r.children if c.dep_ == "prep" and c.lower_ == "of"
                     for p in c.children if p.dep_ == "pobj" and p.pos_ == "ADJ")
    # the governing word: verb of a subject/object, event noun of "the deaths of N people"
    tok = base
    if tok.dep_ == "pobj" and tok.head.dep_ in ("prep", "agent"):
        gov = tok.head.head
        preds.add(gov.lemma_.lower())
        preds.update(c.lemma_.lower() for c in gov.children if c.dep_ == "compound")
        verb = _verb_of(gov) if gov.pos_ in _NOUN_POS else None
        if verb is not None:
            preds.add(verb.lemma_.lower())
    elif tok.dep_ in _ARG_DEPS and tok.dep_ != "conj" or tok.dep_ in ("ROOT", "nummod"):
        gov = tok.head
        if gov.pos_ in _PRED_POS:
            preds.add(gov.lemma_.lower())
            # "N are dead", "N remain captive"
            preds.update(c.lemma_.lower() for c in gov.children if c.dep_ in ("acomp", "oprd", "xcomp", "attr", "prt")
                         or c.dep_ == "dobj" and c.i != tok.i)  # "had taken part in the clean-up"
            # "three citizens were among the dead": the group the counted people are part of
            among = [p for c in gov.children if c.dep_ == "prep" and c.lower_ == "among"
                     for p in c.children if p.dep_ == "pobj"]
            preds.update(p.lemma_.lower() for p in among)
            # "three children were among those who drowned / those killed": what happened to that group
            for k in (k for p in among for k in p.children if k.dep_ in ("acl", "relcl")):
                preds |= _clause_predicates(k, lex)
            if any(c.dep_ == "aux" and c.lower_ in ("could", "might") for c in gov.children):
                preds.add("<hypothetical>")
    # clauses on the noun or the bare number: "hostages seized", "people who were killed", "34 ... says are dead"
    for c in base.children:
        if c.dep_ in _CLAUSE_DEPS or c.dep_ == "amod":
            preds |= _clause_predicates(c, lex)
    if tok.dep_ == "conj" and not preds - {noun.lemma_.lower() if noun is not None else ""}:
        # "50 people were killed and 120 [wounded]": the first conjunct's verb only when nothing closer
        preds.add(tok.head.lemma_.lower())
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
    """A bare number's measured noun up the tree: 'bringing the death toll ... to 52,829' -> toll,
    'the number of measles cases rose to 624' -> cases."""
    tok, steps = r, 0
    while tok.head.i != tok.i and steps < 4:
        below, tok = tok, tok.head
        if tok.pos_ in ("VERB", "AUX"):
            steps += 1
            if below.dep_ in ("ccomp", "parataxis") and tok.lemma_.lower() in lex.reporting_verbs:
                return None  # 'Police said 40 were killed': the speakers are not what the reported clause counts
            for c in tok.children:
                if c.dep_ not in ("dobj", "nsubj", "nsubjpass") or c.i == r.i:
                    continue
                if c.lemma_.lower() in lex.container_nouns:
                    c = next((p for g in c.children if g.dep_ == "prep" and g.lower_ == "of"
                              for p in g.children if p.dep_ == "pobj"), c)
                if lex.classes_of(c.lemma_) or lex.classes_of(c.lower_):
                    return c
    return None


def _own_clause_category(r: Token, local_noun: Token | None, noun: Token | None, lex: FiguresLexicon) -> str | None:
    """A bare number that is the subject of its own clause ('with 77 missing', '30 more missing', '35 are dead')
    is counted by that clause's predicate: a rule of the continued figure's noun that names the predicate
    ('hostages' + 'dead'), else a rule for people ('missing'), not the continued figure's own category."""
    if local_noun is not None or r.dep_ not in ("nsubj", "nsubjpass") or r.head.pos_ not in ("VERB", "ADJ", "AUX"):
        return None
    head = r.head
    preds = {head.lemma_.lower(), head.lower_}
    preds.update(c.lemma_.lower() for c in head.children if c.dep_ in ("acomp", "oprd", "attr", "prt", "advmod"))
    preds.update(p.lemma_.lower() for c in head.children if c.dep_ == "prep" for p in c.children if p.dep_ == "pobj")
    return _rule_category(noun, preds, lex, named_only=True) or _rule_category(None, preds, lex)


def _rule_category(noun: Token | None, preds: set[str], lex: FiguresLexicon, *,
                   named_only: bool = False) -> str | None:
    """The first rule whose noun class and predicates match (``named_only``: only rules that name predicates)."""
    if named_only and noun is None:
        return None
    classes = (lex.classes_of(noun.lemma_) | lex.classes_of(noun.lower_)) if noun is not None else frozenset()
    if noun is not None and noun.ent_type_ == "NORP":
        classes |= {"person"}  # "two Estonians", "40 Palestinians": nationalities and groups are people
    if noun is not None:  # "141 police personnel": the compound says which people
        classes |= {c for m in noun.children if m.dep_ == "compound" for c in lex.classes_of(m.lemma_)} & {"force"}
    for rule_cls, rule_preds, category in lex.rules:
        if rule_cls in classes or (rule_cls == "person" and noun is None):
            if not rule_preds and rule_cls in classes and not named_only:
                return category
            if rule_preds & preds:
                return category
    return None


def _concept(doc: Doc, num: Num, noun: Token | None, r: Token, lex: FiguresLexicon) -> list[str]:
    """Content words of the quantified noun and of the measured entity: the subject of the clause, or the noun
    the number (or its unit) hangs on ('the price of $6', 'the index was up 19 per cent')."""
    toks: list[Token] = list(_noun_phrase(noun)) if noun is not None else []
    base = noun if noun is not None else r
    # start above the unit: "19 per cent", "$6" ("$" is the head of "6"), "256GB"
    while base.head.i != base.i and base.head.i <= num.last_i + 3 and base.head.i >= num.first_i - 1 and (
            lex.unit_phrases.get((base.head.lower_,)) is not None or base.head.text in "$€£¥"):
        base = base.head
    for c in base.children:  # "10 percent of the platform's annual turnover"
        if c.dep_ == "prep" and c.lower_ == "of" and noun is None:
            toks.extend(p for g in c.children if g.dep_ == "pobj" for p in _noun_phrase(g))
    tok, steps = base, 0
    while tok.head.i != tok.i and steps < 4:
        child, tok = tok, tok.head
        steps += 1
        if tok.pos_ in _NOUN_POS and tok.i not in {t.i for t in toks} and \
                lex.unit_phrases.get((tok.lower_,)) is None:
            toks.extend(_noun_phrase(tok))
            break
        if tok.pos_ in ("VERB", "AUX"):
            subj = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass") and c.i != child.i]
            if subj:
                toks.extend(_noun_phrase(subj[0]))
                break
            if tok.dep_ not in ("xcomp", "conj", "advcl", "relcl", "acl"):
                break
    return [t.lower_ for t in toks if t.lower_ not in _STOP_CONCEPT and not t.like_num and not t.is_punct]


def _substance_category(doc: Doc, num: Num, r: Token, lex: FiguresLexicon) -> str:
    """A bulk measure without an 'of X' noun ('5,000 barrels a day', '400m litres have spilled'): the 'substance'
    rules with the predicates around the unit word, else with the lemmas of the sentence."""
    unit_tok = r.head if r.dep_ in ("nummod", "compound", "quantmod") and r.head.i > r.i else r
    local = _predicates(doc, unit_tok, unit_tok, lex) | _predicates(doc, None, r, lex)
    sentence = {t.lemma_.lower() for t in r.sent} | {t.lower_ for t in r.sent}
    for preds, local_only in ((local, False), (sentence, True)):
        for rule_cls, rule_preds, category in lex.rules:
            # what is done with the substance is read on its own clause only ('the transport ministry said')
            if rule_cls == "substance" and rule_preds & preds and \
                    not (local_only and category == lex.fallback_category):
                return category
    return lex.fallback_category


def _own_participle(r: Token, lex: FiguresLexicon) -> Token | None:
    """``partitive.own_participle`` when it says what happened to people: any past participle, an adjective only
    when a people rule names it ('of the dead', not 'of the top')."""
    own = own_participle(r)
    if own is None or own.tag_ == "VBN":
        return own
    named = any(cls == "person" and (own.lemma_.lower() in preds or own.lower_ in preds) for cls, preds, _ in lex.rules)
    return own if named else None


def count_what(doc: Doc, num: Num, previous: list[tuple[Num, Counted]], lex: FiguresLexicon) -> Counted:
    """Noun, predicates and category of one number (``previous``: the figures before it, for antecedents)."""
    r = doc[num.root_i]
    out = Counted(anchor=r)
    noun = _quantified_noun(doc, num)
    if noun is not None and num.kind == "vague" and noun.i == r.i:
        noun = None  # 'dozens injured': the vague word counts no noun of its own
    direct = noun
    if noun is not None and lex.unit_phrases.get((noun.lower_,)) is not None and num.unit is not None:
        # "58 per cent" / "5 dollars": the unit word is not what is counted; look at "of X"
        noun = next((p for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"
                     for p in c.children if p.dep_ == "pobj"), None)
    tail = list_tail(r, noun) if num.unit is None else None
    ante = _antecedent(doc, num, previous, noun, tail is not None) if num.unit is None else None
    if ante is not None and tail is not None:
        out.subgroup = phrase(tail)
    own = out.participle = _own_participle(r, lex) if noun is None and num.unit is None else None
    local_noun = noun  # "the bodies of 18 others": predicates are read around "others"
    if ante is not None:
        noun, out.inherited = ante.noun, True
    measured = None
    if noun is None and num.unit is None:
        measured = _measured_noun(doc, r, lex)
        if own is None or measured is not None and measured.head.lemma_.lower() not in lex.reporting_verbs:
            noun = measured  # ('left 400 wounded, officials said': with its own participle, not the speakers)
        else:
            measured = None  # what is counted; predicates stay around the number
    out.noun = noun
    preds = _predicates(doc, local_noun, r, lex)
    if own is not None:  # '17 of the wounded', 'left 400 wounded'
        preds.update((own.lemma_.lower(), own.lower_))
    if (out.inherited or measured is not None) and noun is not None:
        preds.add(noun.lemma_.lower())
        if measured is not None:  # "the overall death toll"
            preds.update(c.lemma_.lower() for c in measured.children if c.dep_ in ("compound", "amod"))
    out.predicates = preds
    out.anchor = noun if noun is not None and noun is direct else r
    if num.unit is not None and num.unit.kind == "currency":
        out.category = lex.money_category
    elif num.unit is not None and num.unit.name in lex.substance_units and (
            local_noun is None or "oil" in lex.classes_of(local_noun.lemma_)):
        out.category = _substance_category(doc, num, r, lex)  # "5,000 barrels", "25,000 barrels of oil a day"
    elif num.unit is not None and num.unit.kind == "measure" and noun is None:
        out.category = lex.fallback_category  # "2.2m ft of boom being deployed": a length counts no one
    elif "<hypothetical>" in preds:
        out.category = lex.fallback_category  # "up to 14,000 babies could die"
    elif out.subgroup is not None and ante is not None and ante.category is not None:
        out.category = ante.category  # ', eight of them children': what happened to the people listed before
    else:
        out.category = _own_clause_category(r, local_noun, noun, lex) or _rule_category(noun, preds, lex)
        if out.category is None and noun is not None:
            # a misparse (a dateline before the sentence) can hide the verb: try the next verb in the clause
            nxt = _next_verb(noun)
            if nxt is not None:
                out.category = _rule_category(noun, preds | {nxt.lemma_.lower()}, lex)
        if out.category is None and out.inherited and ante is not None:
            out.category = ante.category
        if out.category is None:
            out.category = lex.percent_category if num.unit is not None and num.unit.kind == "percent" \
                else lex.fallback_category
    sent_words = {t.lemma_.lower() for t in r.sent}
    if out.category == "killed" and sent_words & lex.disease_words:
        out.category = "deaths"
    elif out.category == "deaths" and sent_words & lex.violence_words:
        out.category = "killed"
    out.concept = _concept(doc, num, noun, r, lex)
    return out
