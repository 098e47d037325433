"""Validators named in patterns.yaml (``check:``): reject a match that is not a time expression in context,
using the spaCy parse when there is one ("May" the modal verb, "fall" the verb, "2000 people")."""
from __future__ import annotations

import functools
import re
from collections.abc import Callable

from spacy.tokens import Doc, Token

from .grammar import RawMatch
from .lexicon import load_lexicon

Check = Callable[[RawMatch, str, "Doc | None"], bool]
CHECKS: dict[str, Check] = {}

_PREV_WORD = re.compile(r"([A-Za-z]+)\W*$")


def check(name: str) -> Callable[[Check], Check]:
    def deco(fn: Check) -> Check:
        CHECKS[name] = fn
        return fn

    return deco


@functools.lru_cache(maxsize=8)
def _words(table: str) -> frozenset[str]:
    """A word list of lexicon.yaml as a set."""
    return frozenset(str(w).lower() for w in load_lexicon().data[table])


def _prev_word(text: str, start: int) -> str:
    m = _PREV_WORD.search(text, max(0, start - 25), start)
    return m.group(1).lower() if m else ""


def _tokens(doc: Doc | None, start: int, end: int) -> list[Token]:
    if doc is None:
        return []
    span = doc.char_span(start, end, alignment_mode="expand")
    return list(span) if span is not None else []


@check("month_word")
def _month_word(m: RawMatch, text: str, doc: Doc | None) -> bool:
    """A bare month name: "May" and "March" are also a verb; short ones need a date-like neighbour."""
    word = m.g("month") or ""
    start = m.start + m.text.find(word)
    if word.lower() in ("may", "march") and not (m.g("mod") or m.g("rel") or m.g("rel2")):
        for tok in _tokens(doc, start, start + len(word)):
            if tok.pos_ in ("AUX", "VERB") or tok.tag_ == "MD":
                return False
        if doc is None or word.lower() == "may":
            return _prev_word(text, start) in _words("season_context") | _words("month_context")
    return True


@check("month_day")
def _month_day(m: RawMatch, text: str, doc: Doc | None) -> bool:
    """"May 5" but not "may 5 percent" (handled by the pattern) nor "March 18 people" (a count after a verb)."""
    word = m.g("month") or ""
    if word.lower() in ("may", "march") and not m.g("year"):
        start = m.start + m.text.find(word)
        for tok in _tokens(doc, start, start + len(word)):
            if tok.pos_ in ("AUX", "VERB") and tok.tag_ != "NNP":
                return False
    return True


@check("weekday_word")
def _weekday_word(m: RawMatch, text: str, doc: Doc | None) -> bool:
    return True


@check("season_word")
def _season_word(m: RawMatch, text: str, doc: Doc | None) -> bool:
    """A season needs a time context: "last fall", "in the spring", not "the fall of Rome" nor "hot spring"."""
    if m.g("rel2") or m.g("mod"):
        return True
    rel = (m.g("rel") or "").lower()
    after = text[m.end:m.end + 4].lower()
    if after.startswith(" of"):
        return False
    word = m.g("season") or ""
    start = m.start + m.text.lower().rfind(word.lower())
    for tok in _tokens(doc, start, start + len(word)):
        if tok.pos_ not in ("NOUN", "PROPN"):
            return False
    if rel and rel != "the":
        return True
    return _prev_word(text, m.start) in _words("season_context")


@check("year_number")
def _year_number(m: RawMatch, text: str, doc: Doc | None) -> bool:
    """A four-digit number is a year unless it counts something ("2000 people", "$1999", "No. 1984")."""
    year = m.g("year") or ""
    start = m.start + m.text.find(year)
    before = text[max(0, start - 2):start]
    if "$" in before or "#" in before or before.endswith("-") and m.start == start:
        return False
    if _prev_word(text, start) in _words("not_year_before"):
        return False
    for tok in _tokens(doc, start, start + len(year)):
        if tok.dep_ == "nummod" and tok.head.tag_ in ("NNS", "NNPS") and tok.head.i > tok.i:
            return False
        nxt = tok.doc[tok.i + 1].lower_ if tok.i + 1 < len(tok.doc) else ""
        if nxt in _NOT_YEAR_AFTER:
            return False
        if nxt == "to" and not (_prev_word(text, start) in _YEAR_PREPOSITIONS or _YEAR_AFTER_TO.match(
                text, tok.doc[tok.i + 1].idx + 2)):
            return False  # "1500 to 2000 people", but "from 1991 to 1997", "in 1980 to more than 300,000"
    return True


_NOT_YEAR_AFTER = frozenset({"percent", "%", "feet", "metres", "meters", "km", "miles", "people"})
_YEAR_PREPOSITIONS = frozenset({"in", "from", "since", "between", "during", "until", "till", "through"})
_YEAR_AFTER_TO = re.compile(r"\s+(?:1[6-9]|20)\d\d\b(?!\s*(?:%|percent|[.,]\d))")


@check("ref_word")
def _ref_word(m: RawMatch, text: str, doc: Doc | None) -> bool:
    word = (m.g("ref") or "").lower()
    if word == "earlier":
        toks = _tokens(doc, m.start, m.end)
        return bool(toks) and toks[0].pos_ == "ADV" and toks[0].dep_ == "advmod" and \
            text[m.end:m.end + 5].strip()[:4] not in ("than", "in", "this", "that")
    if word in ("the past", "the future"):  # "the past three summers", "the future king": not the past itself
        toks = _tokens(doc, m.start, m.end)
        if toks and toks[-1].i + 1 < len(toks[-1].doc) and toks[-1].doc[toks[-1].i + 1].pos_ in ("NUM", "NOUN",
                                                                                                 "PROPN", "ADJ"):
            return False
    if word in ("current", "future"):
        after = text[m.end:m.end + 12].lower().lstrip()
        return not after.startswith(("account", "affairs", "events", "contract", "generations", "tense"))
    return True


@check("unit_word")
def _unit_word(m: RawMatch, text: str, doc: Doc | None) -> bool:
    """"second" and "minute" are also adjectives: "a second official", "minute details"."""
    word = (m.g("unit") or "").lower()
    if word.startswith("quarter"):  # "three-quarters of the votes" is a fraction
        return not (re.search(r"-quarters?$", m.text.lower()) or text[m.end:m.end + 4].lower() == " of ")
    if word not in ("second", "minute", "sec", "min"):
        return True
    start = m.start + m.text.lower().rfind(word)
    toks = _tokens(doc, start, start + len(word))
    if toks:
        return toks[0].pos_ == "NOUN"
    return not re.match(r"\s+[a-z]", text[m.end:m.end + 3])


def passes(m: RawMatch, text: str, doc: Doc | None) -> bool:
    return all(CHECKS[name](m, text, doc) for name in m.rule.checks)
