"""What kind of figure a quantity is: ``rate`` ("5,000 barrels a day"), ``increment`` ("30 more", "rose by 20
percent"), ``cumulative`` (a running total: "the death toll rose to 52,829", "have been killed since 2003"),
``incident`` (one event's count: "killing 11 people" in the April 20 explosion) or ``total`` (anything else: a
stock, a budget, a group's size). Read from the parse around the figure and the words of
``resources/figures/context.json`` ("kinds"), in that order: the first that applies wins.
"""
from __future__ import annotations

from spacy.tokens import Doc, Token

from .lexicon import FiguresLexicon
from .numbers import Num

#: categories whose counts run up over time (cases, doses, oil spilled): cumulative unless marked otherwise
_RUNNING = frozenset({"cases", "hospitalised", "vaccinated", "oil spilled", "displaced", "arrested"})
_RELATIVE = frozenset({"earlier", "later", "before", "after", "ago", "previously"})
_PERSON_CATEGORIES = frozenset({"killed", "deaths", "injured", "missing", "displaced", "arrested",
                                "hostages abducted", "hostages released", "hostages dead", "prisoners released"})


def _rate(doc: Doc, num: Num, noun: Token | None, lex: FiguresLexicon) -> bool:
    if num.unit_text and any(tuple(num.unit_text.lower().split()[-k:]) in lex.rate_suffixes for k in (1, 2, 3)):
        return True
    after = (noun.i if noun is not None and noun.i > num.last_i else num.last_i) + 1
    toks = [t.lower_ for t in doc[after:after + 4]]
    for k in (3, 2, 1):
        if tuple(toks[:k]) in lex.rate_suffixes:
            return k >= len(toks) or toks[k] not in _RELATIVE  # "a day earlier" is a date, not a rate
    # "$180 per pig": a per-item rate (not "a total of", "per cent")
    return len(toks) >= 2 and toks[0] == "per" and doc[after + 1].pos_ == "NOUN" and toks[1] not in ("cent",)


def _increment(doc: Doc, num: Num, path: list[Token], noun: Token | None, lex: FiguresLexicon) -> bool:
    r = doc[num.root_i]
    anchor = noun if noun is not None else r
    nxt = doc[num.last_i + 1] if num.last_i + 1 < len(doc) else None
    if nxt is not None and nxt.lower_ in lex.increment_modifiers and not (
            nxt.i + 1 < len(doc) and doc[nxt.i + 1].lower_ == "than") or \
            any(c.lower_ in lex.increment_modifiers and c.i > num.last_i for c in (*anchor.children, *r.children)):
        return True  # "30 more missing", "107 new cases"
    head = anchor.head
    if anchor.dep_ == "pobj" and head.lower_ == "by" and head.head.lemma_.lower() in lex.change_words:
        return True  # "rose by 20 percent", "cut by six notches"
    if anchor.dep_ in ("dobj", "npadvmod") and head.lemma_.lower() in lex.change_words and \
            head.lemma_.lower() not in ("raise", "lift", "boost", "reduce", "lower"):
        return True  # "rise 20 percent"
    return False


def _cumulative(doc: Doc, num: Num, path: list[Token], noun: Token | None, scope: str | None,
                lex: FiguresLexicon) -> bool:
    if scope and any(part.strip().startswith("since") for part in scope.lower().split(",")):
        return True
    words = {t.lemma_.lower() for t in path[:6]}
    if noun is not None:
        words |= {noun.lemma_.lower()} | {c.lemma_.lower() for c in noun.children}
    words |= {c.lemma_.lower() for t in path[:4] for c in t.children if c.dep_ in ("amod", "compound", "advmod")}
    if words & lex.cumulative_words:
        return True
    sent = doc[num.root_i].sent
    text = " " + sent.text.lower() + " "
    if any(f" {w} " in text for w in lex.cumulative_words if " " in w):
        return True
    anchor = doc[num.root_i] if noun is None or noun.i < num.first_i else noun
    if anchor.dep_ == "pobj" and anchor.head.lower_ == "to" and anchor.head.head.lemma_.lower() in (
            lex.change_words | {"bring", "take", "push", "reach"}):
        return True  # "rose to 52,829", "bringing the toll to"
    for t in path[1:4]:
        if t.pos_ in ("VERB", "AUX") and t.lemma_.lower() not in lex.reporting_verbs:
            return any(c.dep_ == "aux" and c.lemma_.lower() == "have" for c in t.children)
    return False


def figure_kind(doc: Doc, num: Num, path: list[Token], noun: Token | None, scope: str | None,
                category: str | None, lex: FiguresLexicon) -> str:
    """rate | increment | cumulative | incident | total for the quantity ``num`` (head path ``path``)."""
    if _rate(doc, num, noun, lex):
        return "rate"
    if _increment(doc, num, path, noun, lex):
        return "increment"
    if _cumulative(doc, num, path, noun, scope, lex):
        return "cumulative"
    if scope and scope.startswith("on ") and scope[3:7].isdigit():  # a one-day count ('on Israel' is a place)
        return "incident"
    if category in _PERSON_CATEGORIES:
        for t in path[1:4]:
            if t.pos_ in ("VERB", "AUX") and t.lemma_.lower() not in lex.reporting_verbs:
                if any(c.dep_ == "aux" and c.tag_ == "MD" for c in t.children):
                    return "total"  # "Israel would release 1,231 prisoners": a proposal, not a running count
                return "incident" if t.tag_ in ("VBD", "VBG", "VBN") else "cumulative"
    if category in _RUNNING:
        return "cumulative"  # "174 of the cases were in Gaines County": a case count is a running count
    return "total"
