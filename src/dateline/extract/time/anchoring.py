"""What a time expression is anchored to: the tense of its governing verb (from the spaCy parse) and the
narrative reference time (the last absolute date mentioned), plus the choice of a year/date in a direction."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Literal

from spacy.tokens import Doc, Token

Tense = Literal["past", "future", "present"]

_FUTURE_AUX = {"will", "shall", "'ll", "wo", "going", "gon"}
_MODAL_FUTURE = {"would", "could", "should", "might", "may", "must", "can", "'d"}


def token_at(doc: Doc, start: int, end: int) -> Token | None:
    """The syntactic head token of the characters ``start:end`` (None if no token is there)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    return span.root


def governing_verb(tok: Token, max_up: int = 6) -> Token | None:
    """The verb that governs a token: climb the dependency tree to the first VERB/AUX."""
    for _ in range(max_up):
        if tok.pos_ in ("VERB", "AUX") and tok.dep_ not in ("amod", "compound"):
            return tok
        if tok.head.i == tok.i:
            return None
        tok = tok.head
    return None


def verb_tense(verb: Token, depth: int = 0) -> Tense | None:
    """Past, future or present from a verb's tag and its auxiliaries ("will continue", "had announced")."""
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    low = {a.lower_ for a in auxes}
    if low & _FUTURE_AUX or (verb.lower_ in _FUTURE_AUX and verb.tag_ == "MD"):
        return "future"
    if any(a.tag_ == "VBD" for a in auxes) or verb.tag_ == "VBD":
        if "going" in low or verb.lower_ == "going":
            return "future"
        return "past"
    if verb.tag_ == "VBN" and any(a.lemma_ == "have" for a in auxes):
        return "past"
    if any(a.tag_ == "MD" for a in auxes):
        return None  # would, could, might: no direction of their own
    if "to" in low and verb.tag_ == "VB" and depth < 2:
        # infinitive: "plans to meet on Friday" (future), "staged celebrations to mark ... on Friday" (past)
        head = governing_verb(verb.head) if verb.head.i != verb.i else None
        t = verb_tense(head, depth + 1) if head is not None and head.i != verb.i else None
        # a past head says nothing about when the infinitive happens ("had been set to expire Nov. 6")
        return "future" if t in (None, "present", "future") else None
    if verb.tag_ == "VBG" and any(a.lemma_ == "be" and a.tag_ in ("VBZ", "VBP") for a in auxes):
        return "future"  # "is meeting on Friday"
    if verb.tag_ in ("VBZ", "VBP"):
        return "present"
    if verb.tag_ == "VBN" and any(a.dep_ == "auxpass" and a.tag_ in ("VBZ", "VBP") for a in auxes):
        return "future"  # a present passive announces: "the vote is scheduled for Sunday", "is expected Monday"
    if verb.tag_ == "VBN":
        return None  # "the decision, announced Wednesday"; passives without a tensed auxiliary
    if verb.tag_ in ("VBG", "VB") and depth < 2 and verb.head.i != verb.i and verb.dep_ in (
            "relcl", "acl", "advcl", "ccomp", "xcomp", "conj"):
        head = governing_verb(verb.head)
        if head is not None and head.i != verb.i:
            return verb_tense(head, depth + 1)
    return None


def tense_at(doc: Doc | None, start: int, end: int) -> Tense | None:
    if doc is None:
        return None
    tok = token_at(doc, start, end)
    if tok is None:
        return None
    verb = governing_verb(tok)
    if tok.dep_ in ("compound", "poss", "nmod") and tok.head.pos_ == "NOUN" and tok.head.i > tok.i:
        # "a June agreement", "Tuesday's ruling", "the Oct. 23 slaying": a thing already done, unless the clause
        # says "will" ("Friday's vote will decide")
        will = verb is not None and tok.head.head.i == verb.i and any(
            c.lower_ in _FUTURE_AUX for c in verb.children if c.dep_ == "aux")
        return "future" if will else "past"
    return verb_tense(verb) if verb is not None else None


def direction(tense: Tense | None) -> int:
    return -1 if tense == "past" else 1 if tense == "future" else 0


def weekday_date(anchor: date, weekday: int, dirn: int, *, strict: bool = False) -> date:
    """The date of ISO ``weekday`` (1 = Monday) near ``anchor``: -1 the latest on/before, +1 the first on/after,
    0 the nearest; ``strict`` excludes the anchor day itself ("last Friday", "next Friday")."""
    diff = (weekday - anchor.isoweekday()) % 7  # days forward to the next such weekday (0 = same day)
    back = (7 - diff) % 7
    if strict:
        diff, back = diff or 7, back or 7
    if dirn < 0:
        return anchor - timedelta(days=back)
    if dirn > 0:
        return anchor + timedelta(days=diff)
    return anchor + timedelta(days=diff) if diff < back else anchor - timedelta(days=back)


def month_year(anchor: date, month: int, dirn: int, day: int | None = None) -> int:
    """The year of ``month`` (and ``day``) nearest the anchor in a direction (-1 past, +1 future, 0 nearest)."""
    here = (anchor.month, anchor.day if day is not None else 0)
    there = (month, day or 0)
    if dirn < 0:
        return anchor.year if there <= here else anchor.year - 1
    if dirn > 0:
        return anchor.year if there >= here else anchor.year + 1
    delta = (month - anchor.month) % 12
    if delta > 6 or (delta == 6 and month > anchor.month):
        return anchor.year - 1 if month > anchor.month else anchor.year
    return anchor.year + 1 if month < anchor.month else anchor.year


#: days a date against the tense of its verb must be nearer than one in that direction to be chosen
#: ("declared a dividend, payable Dec. 7": a past verb, a date after the DCT)
TENSE_PENALTY_DAYS = 90
#: the same for a bare month, where the tense is a stronger cue ("stepped down in March", said in November,
#: is last March; "gave it until mid-November", said in October, is still this November)
TENSE_PENALTY_MONTH_DAYS = 270


def year_near(anchor: date, month: int, tense: Tense | None, day: int | None = None) -> int:
    """The year of ``month`` (``day``) for a date without a year: the nearest such date to the anchor, where a
    date on the other side than the tense of its verb costs ``TENSE_PENALTY_DAYS`` more
    (``TENSE_PENALTY_MONTH_DAYS`` for a month without a day)."""
    best_year, best_cost = anchor.year, float("inf")
    dirn = direction(tense)
    penalty = TENSE_PENALTY_DAYS if day is not None else TENSE_PENALTY_MONTH_DAYS
    for y in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            d = date(y, month, min(day or 15, 28) if day is None else day)
        except ValueError:
            d = date(y, month, 28)
        delta = (d - anchor).days
        if day is None and y == anchor.year and month == anchor.month:
            delta = 0  # "in May" said in May
        cost = abs(delta) + (penalty if dirn and delta * dirn < 0 else 0)
        if cost < best_cost:
            best_year, best_cost = y, cost
    return best_year


@dataclass(slots=True)
class Narrative:
    """Reference times tracked through a document (HeidelTime's "reference time", plus granularity)."""

    dct: date | None
    ref: date | None = None  # the last date of day granularity mentioned (or resolved)
    ref_is_absolute: bool = False
    last_quarter: tuple[int, int] | None = None
    last_gran: str | None = None  # granularity of the last DATE value ("Q", "Y", "M", "D", "W")
    #: sentence -> (offset, year) of the explicit years written in it, in text order
    sentence_years: dict[int, list[tuple[int, int]]] = field(default_factory=dict)
    #: the last date mentioned at least at this granularity ("Y": any year, "M": a month, "D": a day)
    refs: dict[str, date] = field(default_factory=dict)
    ref_sentence: dict[str, int] = field(default_factory=dict)  # where each reference was mentioned
    sentence: int = 0  # the sentence being resolved
    paragraph: int = 0  # the paragraph being resolved
    ref_paragraph: dict[str, int] = field(default_factory=dict)  # the paragraph of each reference

    def told_day(self) -> date | None:
        """The last day mentioned in the paragraph being resolved, if it is not after the DCT: the day a past
        narration is on ("The storm hit on Tuesday. ... It made landfall at 4 p.m.")."""
        ref = self.refs.get("D")
        if ref is None or self.ref_paragraph.get("D") != self.paragraph:
            return None
        return ref if self.dct is None or ref <= self.dct else None

    def anchor(self, anaphoric: bool, unit: str = "D", window: int | None = None) -> date | None:
        """The date a relative expression counts from: the narrative reference for anaphoric expressions
        ("the next day", "two days later", "that year"), the DCT for deictic ones ("yesterday", "last week").
        ``window``: use the reference only if it was mentioned at most that many sentences before."""
        if anaphoric:
            gran = "Y" if unit in ("Y", "Q", "DE", "CE", "H") else "M" if unit == "M" else "D"
            ref = self.refs.get(gran)
            if ref is not None and (window is None or self.sentence - self.ref_sentence.get(gran, 0) <= window):
                return ref
        return self.dct
