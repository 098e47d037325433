"""Through which outlet a statement reached the article (``via``) and on which day it was made (``date``).

- via: an outlet named as the cue's addressee ("told AFP", "told Barak Ravid of Axios", "said in an interview
  with CNN"), the outlet of a document that speaks ("according to an AFP tally"), or the outlet of a trailing
  attribution around another ("Hamas said it rejected the proposal, officials told AFP", "..., per NBC":
  ``relay_outlet``). Only what the statement's own sentence says: never an outlet named in another sentence
  ("The report noted ..." relays nothing), never the speaker itself ("NBC" via "NBC News"). Outlets are the known ones (``resources/statements/outlets.tsv``), the
  article's own source, entities typed as media, and capitalized names ending in an outlet word ("Meridian Wire").
  An outlet speaking for itself ("Kuban 24 reported") relays nothing.
- date: a full date (else a week, month or year) among the time expressions of the cue's own clause (not of the
  content, nor of the speaker phrase, nor of another cue's clause): "said on Thursday night" -> that day.
"""
from __future__ import annotations

import bisect
import re

from spacy.tokens import Doc, Token

from ...days import day_of
from ...model import Entity, Timex
from ..nlp import doc_text
from .lexicon import Lexicon
from .candidate import Candidate
from .speaker_names import Speaker



def _overlap(a0: int, a1: int, b0: int, b1: int) -> bool:
    return a0 < b1 and b0 < a1


def _strip_the(name: str) -> str:
    return name[4:] if name.lower().startswith("the ") and not name.startswith("The ") else name


class Outlets:
    """Finds outlet names in a span of one article."""

    def __init__(self, text: str, lex: Lexicon, source: str | None, entities: list[Entity]) -> None:
        self.text, self.lex, self.source = text, lex, source
        self.media = sorted((e.start, e.end, _strip_the(e.canonical or e.text)) for e in entities
                            if (e.kind or "").lower() == "media")
        self.media_starts = [m[0] for m in self.media]
        self.orgs = sorted((e.start, e.end, _strip_the(e.text)) for e in entities if e.label == "ORG")
        # (end, start, outlet) of every mention in the article, built on first use
        self._known: list[tuple[int, int, str]] | None = None
        self._named: list[tuple[int, int, str]] | None = None

    def find(self, start: int, end: int) -> str | None:
        span = self.text[start:end]
        o = self.lex.outlet_in(span)
        if o is not None:
            return o[0]
        if self.source and self.source in span:
            return self.source
        for s, e, name in self.media[bisect.bisect_left(self.media_starts, start):]:
            if s >= end:
                break
            if e <= end:
                return name
        m = self.lex.outlet_name_re.search(span)
        return m.group(0) if m else None

    def interviewer(self, start: int, end: int) -> str | None:
        """The organisation an interview was given to ("in an interview with GMTV", "speaking to Newsbeat"):
        an outlet, whatever the tagger calls it."""
        return next((name for s, e, name in self.orgs if start <= s and e <= end), None)

    def last_before(self, pos: int) -> str | None:
        """The outlet mentioned last before ``pos``: a capitalized outlet name if it comes after the last
        known outlet, else that known outlet."""
        if self._known is None:
            self._known = [(m.end(), m.start(), self.lex.outlets[m.group(0)])
                           for m in self.lex.outlet_re.finditer(self.text)]
            self._named = [(m.end(), m.start(), m.group(0)) for m in self.lex.outlet_name_re.finditer(self.text)]
        known, named = _last_before(self._known, pos), _last_before(self._named or [], pos)
        if named is not None and (known is None or named[1] > known[1]):
            return named[2]
        return known[2] if known else None


def _last_before(found: list[tuple[int, int, str]], pos: int) -> tuple[int, int, str] | None:
    """The last mention ending at or before ``pos`` (mentions are in text order, so their ends ascend)."""
    i = bisect.bisect_right(found, pos, key=lambda f: f[0])
    return found[i - 1] if i else None


_OUTLET_NOUNS = frozenset({"newspaper", "paper", "daily", "agency", "broadcaster", "channel", "network", "station",
                           "magazine", "website", "outlet", "radio", "television", "tv", "publication"})


def via_of(c: Candidate, sp: Speaker | None, outlets: Outlets) -> str | None:
    if c.hearer is not None:
        o = outlets.find(*c.hearer)
        if o is not None:
            return o
        words = outlets.text[c.hearer[0]:c.hearer[1]].lower().split()
        if len(words) <= 3 and words[0] == "the" and words[-1] in _OUTLET_NOUNS:
            # "told the newspaper": the outlet the article named before, else the description as written
            return outlets.last_before(c.cue_start) or " ".join(outlets.text[c.hearer[0]:c.hearer[1]].split())
    root = c.cue
    for ch in _relay_phrases(root):  # "said in an interview with CNN", "In an interview with CNN, she said"
        end = ch.right_edge.idx + len(ch.right_edge.text)
        if c.content is None or not _overlap(ch.idx, end, *c.content):
            o = outlets.find(ch.idx, end)
            if o is None and (ch.head.lemma_ in ("speak", "talk") or any(
                    t.lemma_ == "interview" for t in ch.subtree)):
                o = outlets.interviewer(ch.idx, end)
            if o is not None:
                return o
    if sp is not None and sp.document and c.speaker_span is not None:
        return outlets.find(*c.speaker_span)
    return None


def _relay_phrases(cue: Token) -> list[Token]:
    """The cue's phrases that can name the outlet it spoke to: a prepositional phrase on either side ("said in an
    interview with CNN", "In a statement to AFP, ... said"), or a participle of speaking ("Speaking to
    Newsbeat, she said", "talking to the BBC")."""
    out = []
    for ch in cue.children:
        if ch.dep_ == "prep" and ch.lower_ in ("in", "to", "with"):
            out.append(ch)
        elif ch.dep_ == "advcl" and ch.lemma_.lower() in ("speak", "talk", "interview") and ch.i < cue.i:
            out.extend(g for g in ch.children if g.dep_ == "prep" and g.lower_ in ("to", "with"))
    return out


def relay_outlet(c: Candidate, outlets: Outlets) -> str | None:
    """The outlet a trailing attribution names: its addressee ("officials told AFP", "in an interview with
    CNN") or its speaker when that is an outlet ("NBC News reported", "per the AP")."""
    via = via_of(c, None, outlets)
    if via is None and c.speaker_span is not None:
        words = outlets.text[c.speaker_span[0]:c.speaker_span[1]].split()
        if len(words) > 1 and words[-1].lower() in _OUTLET_NOUNS:  # "the Sudan Tribune newspaper"
            words = words[:-1]
        if words and words[0].lower() == "the":
            words = words[1:]
        o = outlets.find(*c.speaker_span)
        if o is not None and len(o) >= 0.5 * len(" ".join(words)):
            return o
    return via


def same_party(via: str, speaker: str) -> bool:
    """An outlet relaying its own words ("NBC" via "NBC News"): not a relay."""
    a, b = _strip_the(via).casefold(), _strip_the(speaker).casefold()
    return a in b or b in a


_PERIOD = re.compile(r"\d{4}(?:-W\d{2}|-\d{2})?")


def statement_day(t: Timex) -> str | None:
    """The day a time expression names, else the week, month or year it names as a whole ("said last week" ->
    "2005-W05", "in a report last month" -> "2005-01", "told the paper last year" -> "2004")."""
    day = day_of(t.value)
    if day is not None:
        return day
    return t.value if t.value and _PERIOD.fullmatch(t.value) else None


def date_of(c: Candidate, doc: Doc, timexes: list[Timex], content: list[tuple[int, int]],
            nested: list[tuple[int, int]], starts: list[int]) -> str | None:
    """A full date (else a week, month or year: ``statement_day``) expressed in the cue's clause (not in the content's pieces or in a nested cue's clause).
    ``timexes`` are sorted by start and ``starts`` are their starts, so only the clause's own are visited."""
    day = _clause_day(c, c.cue, doc, timexes, content, nested, starts)
    head = c.cue.head
    if day is None and c.cue.dep_ == "advcl" and head.i < c.cue.i and head.lemma_.lower() not in _SAID and any(
            m.dep_ == "mark" and m.lower_ in _AT_ONCE for m in c.cue.children):
        # "the city lowered its alert late last night as the mayor claimed ...": said when the main clause's
        # event happened (the expression nearest its verb; not another statement's time)
        inner = (c.cue.left_edge.idx, c.cue.right_edge.idx + len(c.cue.right_edge.text))
        day = _clause_day(c, head, doc, timexes, [*content, inner], nested, starts)
    return day


_AT_ONCE = frozenset({"as", "while", "when"})
_SAID = frozenset({"say", "tell", "add", "report", "announce", "state"})


def _clause_day(c: Candidate, root: Token, doc: Doc, timexes: list[Timex], content: list[tuple[int, int]],
                nested: list[tuple[int, int]], starts: list[int]) -> str | None:
    lo, hi = root.left_edge.idx, root.right_edge.idx + len(root.right_edge.text)
    best: tuple[int, str] | None = None
    text = doc_text(doc)
    sp = c.speaker  # the speaker phrase with its relative clauses ("X, who ... last year, said")
    who = c.speaker_span
    if sp is not None and sp.head.i == c.cue.i:
        who = (sp.left_edge.idx, sp.right_edge.idx + len(sp.right_edge.text))
    for t in timexes[bisect.bisect_left(starts, lo):bisect.bisect_right(starts, hi)]:
        if t.end > hi or any(_overlap(t.start, t.end, a, b) for a, b in content):
            continue
        if any(_overlap(t.start, t.end, a, b) for a, b in nested):
            continue
        if who is not None and _overlap(t.start, t.end, *who):
            continue  # "X, who led the inquiry last year, said": when the speaker did something else
        if "\n" in text[min(t.end, c.cue_start):max(t.start, c.cue_end)]:
            continue  # a clause the parser ran over a line break ('... knew that.”\nTomorrow ...'): another paragraph
        day = statement_day(t)
        if day is None:
            continue
        dist = abs(t.start - root.idx) + (0 if len(day) == 10 else 10_000)  # a day before any period
        if best is None or dist < best[0]:
            best = (dist, day)
    return best[1] if best else None
