"""Through which outlet a statement reached the article (``via``) and on which day it was made (``date``).

- via: an outlet named as the cue's addressee ("told AFP", "told Barak Ravid of Axios", "said in an interview
  with CNN"), or the outlet of a document that speaks ("according to an AFP tally"); "the report said" takes
  the outlet the article relayed last. Outlets are the known ones (``resources/statements/outlets.tsv``), the
  article's own source, entities typed as media, and capitalized names ending in an outlet word ("Meridian Wire").
  An outlet speaking for itself ("Kuban 24 reported") relays nothing.
- date: a full date among the time expressions of the cue's own clause (not of the content, nor of another cue's
  clause): "said on Thursday night" -> that day.
"""
from __future__ import annotations

import re

from spacy.tokens import Doc

from ..model import Entity, Timex
from .statements_lexicon import Lexicon
from .statements_parse import Candidate
from .statements_speakers import Speaker

_DATE_RE = re.compile(r"^(\d{4}-\d{2}-\d{2})")


def _overlap(a0: int, a1: int, b0: int, b1: int) -> bool:
    return a0 < b1 and b0 < a1


def _strip_the(name: str) -> str:
    return name[4:] if name.lower().startswith("the ") and not name.startswith("The ") else name


class Outlets:
    """Finds outlet names in a span of one article."""

    def __init__(self, text: str, lex: Lexicon, source: str | None, entities: list[Entity]) -> None:
        self.text, self.lex, self.source = text, lex, source
        self.media = [(e.start, e.end, _strip_the(e.canonical or e.text)) for e in entities
                      if (e.kind or "").lower() == "media"]

    def find(self, start: int, end: int) -> str | None:
        span = self.text[start:end]
        o = self.lex.outlet_in(span)
        if o is not None:
            return o[0]
        if self.source and self.source in span:
            return self.source
        for s, e, name in self.media:
            if start <= s and e <= end:
                return name
        m = self.lex.outlet_name_re.search(span)
        return m.group(0) if m else None

    def last_before(self, pos: int) -> str | None:
        last, last_pos = None, -1
        for m in self.lex.outlet_re.finditer(self.text, 0, pos):
            last, last_pos = self.lex.outlets[m.group(0)], m.start()
        m2 = None
        for m2 in self.lex.outlet_name_re.finditer(self.text, 0, pos):
            pass
        if m2 is not None and m2.start() > last_pos:
            return m2.group(0)
        return last


def via_of(c: Candidate, sp: Speaker | None, outlets: Outlets, last_via: str | None) -> str | None:
    if c.hearer is not None:
        o = outlets.find(*c.hearer)
        if o is not None:
            return o
    root = c.cue
    for ch in root.children:  # "said in an interview with CNN", "in a statement to AFP"
        if ch.dep_ == "prep" and ch.i > root.i and ch.lower_ in ("in", "to", "with"):
            end = ch.right_edge.idx + len(ch.right_edge.text)
            if c.content is None or not _overlap(ch.idx, end, *c.content):
                o = outlets.find(ch.idx, end)
                if o is not None:
                    return o
    if sp is not None and sp.document:
        if c.speaker_span is not None:
            o = outlets.find(*c.speaker_span)
            if o is not None:
                return o
        return last_via or outlets.last_before(c.cue_start)
    return None


def date_of(c: Candidate, doc: Doc, timexes: list[Timex], content: list[tuple[int, int]],
            nested: list[tuple[int, int]]) -> str | None:
    """A full date expressed in the cue's clause (not in the content's pieces or in a nested cue's clause)."""
    root = c.cue
    lo, hi = root.left_edge.idx, root.right_edge.idx + len(root.right_edge.text)
    best: tuple[int, str] | None = None
    for t in timexes:
        if t.start < lo or t.end > hi or any(_overlap(t.start, t.end, a, b) for a, b in content):
            continue
        if any(_overlap(t.start, t.end, a, b) for a, b in nested):
            continue
        m = _DATE_RE.match(t.value or "")
        if m is None:
            continue
        dist = abs(t.start - c.cue_start)
        if best is None or dist < best[0]:
            best = (dist, m.group(1))
    return best[1] if best else None
