"""The (anchor, content span) pairs the joint span model (``statements.span_ranker``) chooses among, and the
statement a taken pair becomes.

Every verb, noun and adjective of a sentence (and "according", "per") is a possible cue, its *anchor*; its content
one of: the subtree of one of its dependents (``c:<dep>``), without a leading "that"/"whether" (``c:<dep>-mark``),
or from that dependent to the end of the sentence (``c:<dep>+rest``); the rest of the sentence after it
(``rest``), or the sentence before its subject (``before``: "..., X said"); the content the rules give it
(``rule``). A pair the model takes becomes the rules' statement with that content, or a new statement whose
speaker is the anchor's subject (or the object of "according to"); an adjective or participle cue that complements a
copula or verb ("residents are convinced that", "officials were confident that") takes that verb's subject, also
when the rules' statement for it has no speaker.
"""
from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from ...model import Statement
from ..nlp import doc_text

_CHILD_DEPS = frozenset({"ccomp", "xcomp", "dobj", "advcl", "prep", "pobj", "attr", "acomp", "oprd", "csubj",
                         "acl", "relcl", "pcomp", "conj", "dative", "agent", "nsubjpass", "nsubj", "appos"})
_NOUN_DEPS = frozenset({"ccomp", "acl", "prep", "xcomp", "relcl", "appos", "pobj", "attr"})
_MARKS = frozenset({"that", "whether", "if"})
#: quotation marks (kept at a content's edges)
QUOTES = frozenset({"“", "”", '"', "‘", "’"})


@dataclass(slots=True)
class SpanCand:
    """One (anchor, content) pair: token range ``a..b`` (inclusive) and its characters ``start..end``."""

    anchor: int
    a: int
    b: int
    start: int
    end: int
    kind: str
    rule: Statement | None = None


def trim(doc: Doc, a: int, b: int) -> tuple[int, int] | None:
    """The token range without edge punctuation (quotation marks kept) and spaces."""
    while a <= b and (doc[a].is_space or (doc[a].is_punct and doc[a].text not in QUOTES)):
        a += 1
    while b >= a and (doc[b].is_space or (doc[b].is_punct and doc[b].text not in QUOTES)):
        b -= 1
    return (a, b) if a <= b else None


def _anchors(doc: Doc) -> Iterator[Token]:
    for t in doc:
        if t.pos_ in ("VERB", "NOUN", "ADJ") or t.lower_ in ("according", "per"):
            yield t


def candidates(doc: Doc, rules: list[Statement], body: int = 0,
               keep: Callable[[Token], bool] | None = None, drop: frozenset[str] = frozenset(),
               bounds: list[tuple[int, int]] | None = None) -> list[SpanCand]:
    """Every (anchor, span) pair: the parse's spans around each content word (those ``keep`` lets through,
    none of the kinds in ``drop``) and the rules' candidates."""
    out: dict[tuple[int, int, int], SpanCand] = {}

    def add(anchor: int, a: int, b: int, kind: str) -> None:
        if kind in drop:
            return
        ab = trim(doc, a, b)
        if ab is None or ab[0] <= anchor <= ab[1] and kind != "rule":
            return
        a, b = ab
        start, end = doc[a].idx, doc[b].idx + len(doc[b].text)
        key = (anchor, start, end)
        if key not in out:
            out[key] = SpanCand(anchor, a, b, start, end, kind)

    for s in rules:
        if s.cue_start is None:
            continue
        cue = doc.char_span(s.cue_start, s.cue_end or s.cue_start, alignment_mode="expand")
        span = doc.char_span(s.start, s.end, alignment_mode="expand")
        if cue is None or span is None or not len(cue) or not len(span):
            continue
        key = (cue.root.i, s.start, s.end)
        out[key] = SpanCand(cue.root.i, span[0].i, span[-1].i, s.start, s.end, "rule", s)
    for t in _anchors(doc):
        if t.idx < body or keep is not None and not keep(t):
            continue
        lo, hi = bounds[t.i] if bounds else (t.sent.start, t.sent.end)
        hi -= 1
        deps = _NOUN_DEPS if t.pos_ != "VERB" else _CHILD_DEPS
        for c in t.children:
            if c.dep_ not in deps:
                continue
            a, b = c.left_edge.i, c.right_edge.i
            add(t.i, a, b, f"c:{c.dep_}")
            if doc[a].lower_ in _MARKS and a < b:
                add(t.i, a + 1, b, f"c:{c.dep_}-mark")
            if c.i > t.i and b < hi:
                add(t.i, a, hi, f"c:{c.dep_}+rest")
        if t.pos_ == "VERB":
            if t.i < hi:
                add(t.i, t.i + 1, hi, "rest")
            subj = next((c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            left = (subj.left_edge.i if subj is not None and subj.i < t.i else t.i) - 1
            if left > lo:
                add(t.i, lo, left, "before")
    return list(out.values())


_CLIMB = frozenset({"xcomp", "conj", "advcl", "acl", "ccomp"})
#: a predicative complement: "are convinced", "were confident", "seem sure", "is the hope" (its clause's subject)
_PREDICATIVE = frozenset({"acomp", "attr", "oprd"})


def subject_of(t: Token, predicative: bool = False) -> Token | None:
    """The anchor's subject, or that of the verb it hangs from (xcomp, conj, advcl: up to three steps); with
    ``predicative``, also that of the copula or verb whose complement (acomp, attr, oprd) the anchor is."""
    climb = _CLIMB | _PREDICATIVE if predicative else _CLIMB
    for _ in range(4):
        subj = next((c for c in t.children if c.dep_ in ("nsubj", "nsubjpass", "poss")), None)
        if subj is not None:
            return subj
        if t.dep_ not in climb or t.head is t:
            return None
        t = t.head
    return None


def speaker_of(doc: Doc, anchor: int) -> tuple[int, int] | None:
    """A speaker phrase for an anchor the rules did not read: its subject (or possessor, or the object of
    "according to"), else the subject of the verb it hangs from."""
    t = doc[anchor]
    if t.lower_ in ("according", "per"):
        to = t if t.lower_ == "per" else next((c for c in t.children if c.lower_ == "to"), None)
        obj = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
        return (obj.left_edge.idx, obj.right_edge.idx + len(obj.right_edge.text)) if obj is not None else None
    agent = next((g for c in t.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None)
    subj = agent or subject_of(t, predicative=True)
    if subj is None:
        return None
    a, b = subj.left_edge.i, subj.right_edge.i
    for ch in subj.children:  # without a relative clause or apposition after the head
        if ch.i > subj.i and ch.dep_ in ("relcl", "acl", "appos") and ch.left_edge.i - 1 >= subj.i:
            b = min(b, ch.left_edge.i - 1)
    ab = trim(doc, a, b)
    if ab is None:
        return None
    return doc[ab[0]].idx, doc[ab[1]].idx + len(doc[ab[1]].text)


def _with_subject(doc: Doc, s: Statement, anchor: int) -> Statement:
    """A rules' statement whose cue is a predicative complement ("were convinced", "is sure") and that has no
    speaker: the subject of the copula or verb the cue depends on, when the parse gives one."""
    if s.speaker is not None or s.speaker_start is not None:
        return s
    if doc[anchor].dep_ not in _PREDICATIVE:  # filling any speakerless rule statement: tune and check fell
        return s
    sp = speaker_of(doc, anchor)
    if sp is None:
        return s
    return dataclasses.replace(s, speaker=doc_text(doc)[sp[0]:sp[1]], speaker_start=sp[0], speaker_end=sp[1])


def to_statement(doc: Doc, c: SpanCand, article_id: str, dct: str | None) -> Statement:
    """The statement of a taken pair: the rules' statement with this content, or a new one whose speaker is the
    anchor's subject (unresolved)."""
    text = doc_text(doc)
    content = text[c.start:c.end]
    if c.rule is not None:
        rule = _with_subject(doc, c.rule, c.anchor)
        if (rule.start, rule.end) == (c.start, c.end):
            return rule
        return dataclasses.replace(rule, start=c.start, end=c.end, text=content, content=content,
                                   content_parts=None)
    t = doc[c.anchor]
    sp = speaker_of(doc, c.anchor)
    return Statement(article_id=article_id, text=content, start=c.start, end=c.end, content=content,
                     speaker=text[sp[0]:sp[1]] if sp else None, speaker_start=sp[0] if sp else None,
                     speaker_end=sp[1] if sp else None, cue=t.lower_, cue_start=t.idx, cue_end=t.idx + len(t.text),
                     date=dct, date_origin="dct" if dct else None)
