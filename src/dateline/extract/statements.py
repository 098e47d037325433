"""Attributed statements: every direct quote and reported statement, with who said it, through which outlet,
and when.

The component works on spaCy's parse (``statements_parse``), the quotation spans of the raw text
(``statements_quotes``) and the article's earlier mentions (``statements_speakers``); the vocabulary (cue
verbs, outlets, anonymous-source patterns) is data in ``resources/statements/``.

- content: the clause or quotation said (``start``/``end``/``content``/``text``); a quote split by its
  attribution ('"...," said X, "..."') or running over several sentences or paragraphs is one statement whose
  span runs from the first quotation mark to the last.
- ``mode``: direct when the content is a quotation, else indirect (a paraphrase, with or without quoted words).
- ``via``: the outlet the statement reached us through: the addressee of the cue ("told AFP", "told Barak Ravid
  of Axios"), the outlet of a document speaking ("according to an AFP tally", "the report said" -> the outlet
  relaying the article's statements so far); inherited by participial cues ("..., with one saying").
- ``date``: a date expression in the cue's own clause ("said on Thursday night"), else the date of the statement
  this one continues ("He said", "The spokesperson added", "..., adding that"), else the article's DCT.
"""
from __future__ import annotations

import bisect
import re

from spacy.tokens import Doc

from ..model import Entity, Statement, Timex
from .registry import Context, register
from .statements_lexicon import Lexicon, load_lexicon
from .statements_content import attach_content
from .statements_parse import Candidate, find_candidates
from .statements_quotes import find_quotes
from .statements_speakers import Speaker, SpeakerResolver

_DATE_RE = re.compile(r"^(\d{4}-\d{2}-\d{2})")
_QUOTE_MARKS = "“”„«»\""


def _overlap(a0: int, a1: int, b0: int, b1: int) -> bool:
    return a0 < b1 and b0 < a1


def _is_direct(text: str, start: int, end: int, quotes: list[tuple[int, int]]) -> bool:
    if text[start] not in _QUOTE_MARKS:
        return False
    inside = sum(max(0, min(end, q1) - max(start, q0)) for q0, q1 in quotes)
    return inside >= 0.8 * (end - start) or text[end - 1] in _QUOTE_MARKS


def _date_of(c: Candidate, doc: Doc, timexes: list[Timex], content: tuple[int, int],
             nested: list[tuple[int, int]]) -> str | None:
    """A full date expressed in the cue's clause (not in the content or in a nested cue's clause)."""
    root = c.cue
    lo, hi = root.left_edge.idx, root.right_edge.idx + len(root.right_edge.text)
    if c.according:
        lo, hi = root.left_edge.idx, root.right_edge.idx + len(root.right_edge.text)
    best: tuple[int, str] | None = None
    for t in timexes:
        if t.start < lo or t.end > hi or _overlap(t.start, t.end, *content):
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


def _via(c: Candidate, sp: Speaker | None, text: str, lex: Lexicon, last_via: str | None) -> str | None:
    if c.hearer is not None:
        o = lex.outlet_in(text[c.hearer[0]:c.hearer[1]])
        if o is not None:
            return o[0]
    root = c.cue
    for ch in root.children:  # "said in an interview with CNN", "in a statement to AFP"
        if ch.dep_ == "prep" and ch.i > root.i and ch.lower_ in ("in", "to", "with"):
            span = text[ch.idx:ch.right_edge.idx + len(ch.right_edge.text)]
            if c.content is None or not _overlap(ch.idx, ch.idx + len(span), *c.content):
                o = lex.outlet_in(span)
                if o is not None:
                    return o[0]
    if sp is not None and c.speaker_span is not None:
        o = lex.outlet_in(text[c.speaker_span[0]:c.speaker_span[1]])
        if o is not None:
            return o[0]
        if sp.document:
            return last_via
    return None


def find_statements(doc: Doc, ctx: Context, lex: Lexicon, *, beliefs: bool = False,
                    in_quotes: bool = False) -> list[Statement]:
    text = doc.text
    quotes = find_quotes(text)
    cands = find_candidates(doc, lex, beliefs=beliefs)
    if not in_quotes:  # a cue inside a direct quotation is the quoted speaker's, not a new statement
        qs = [q[0] for q in quotes]
        keep = []
        for c in cands:
            k = bisect.bisect_right(qs, c.cue_start) - 1
            keep.append(not (k >= 0 and quotes[k][0] < c.cue_start < quotes[k][1]))
        remap, kept = {}, []
        for i, c in enumerate(cands):
            if keep[i]:
                remap[i] = len(kept)
                kept.append(c)
        for c in kept:
            c.parent = remap.get(c.parent) if c.parent is not None else None
        cands = kept
    entities: list[Entity] = list(ctx.entities) or [
        Entity(text=e.text, start=e.start_char, end=e.end_char, label=e.label_) for e in doc.ents]
    found = attach_content(text, cands, quotes)
    resolver = SpeakerResolver(doc, entities, lex)
    cand_index = {id(c): i for i, c in enumerate(cands)}
    spoken: dict[int, tuple[Speaker | None, str | None, str | None, bool]] = {}
    timexes = sorted(ctx.timexes, key=lambda t: t.start)
    dct = ctx.article.dct
    out: list[Statement] = []
    last_via: str | None = None
    last_date: tuple[Speaker | None, str | None] = (None, None)
    seen: set[tuple[int, int, int | None]] = set()
    for f in sorted(found, key=lambda f: f.cand.cue_start):
        c = f.cand
        parent = spoken.get(c.parent) if c.parent is not None else None
        sp: Speaker | None = None
        anaphor = False
        if c.speaker is not None and c.speaker_span is not None:
            sp, anaphor = resolver.resolve(c.speaker, c.speaker_span, parent[0] if parent else None)
        elif parent is not None:
            sp = parent[0]
        via = _via(c, sp, text, lex, last_via or _last_outlet(text, lex, f.start))
        if via is None and parent is not None:
            via = parent[1]
        nested = [(o.cue_start, o.cue_end) for o in cands if o is not c and o.cue_start > c.cue_start
                  and not _overlap(o.cue_start, o.cue_end, f.start, f.end)]
        date = _date_of(c, doc, timexes, (f.start, f.end), nested)
        if date is None and parent is not None:
            date = parent[2]
        if date is None and sp is not None and (anaphor or c.inherited_speaker) and last_date[0] is sp:
            date = last_date[1]
        date = date or dct
        spoken[cand_index[id(c)]] = (sp, via, date, anaphor)
        key = (f.start, f.end, c.cue_start)
        if key in seen:
            continue
        seen.add(key)
        if sp is not None:
            resolver.remember(c.cue_start, sp)
            last_date = (sp, date)
        if via is not None:
            last_via = via
        content = text[f.start:f.end]
        out.append(Statement(
            article_id=ctx.article.id, text=content, start=f.start, end=f.end, content=content,
            speaker=sp.name if sp else None,
            speaker_start=c.speaker_span[0] if c.speaker_span else None,
            speaker_end=c.speaker_span[1] if c.speaker_span else None,
            speaker_kind=sp.kind if sp else None,  # type: ignore[arg-type]
            speaker_role=sp.role if sp else None,
            cue=text[c.cue_start:c.cue_end].lower(), cue_start=c.cue_start, cue_end=c.cue_end,
            mode="direct" if _is_direct(text, f.start, f.end, quotes) else "indirect",
            via=via, date=date,
        ))
    return out


def _last_outlet(text: str, lex: Lexicon, before: int) -> str | None:
    last = None
    for m in lex.outlet_re.finditer(text, 0, before):
        last = lex.outlets[m.group(0)]
    return last


@register("statements")
def make_statements(beliefs: bool = False, in_quotes: bool = False) -> object:
    """``beliefs``: also attribute beliefs and perceptions ("X believes", "a poll shows"), as PolNeAR does;
    ``in_quotes``: also report cues inside direct quotations (a quoted speaker quoting someone)."""
    lex = load_lexicon()

    def statements_component(doc: Doc, ctx: Context) -> None:
        ctx.statements.extend(find_statements(doc, ctx, lex, beliefs=beliefs, in_quotes=in_quotes))

    return statements_component
