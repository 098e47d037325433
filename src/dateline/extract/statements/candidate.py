"""An attribution candidate (cue, speaker phrase, content span) and the speaker phrase of a subject."""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from ..nlp import doc_text
from .clause import subtree_span

SPEAKER_DROP = frozenset({"relcl", "advcl"})


@dataclass(slots=True)
class Candidate:
    """An attribution cue with what the parse says of its speaker, content and hearer (offsets into the text)."""

    cue: Token
    cue_start: int
    cue_end: int
    cls: str
    speaker: Token | None = None
    speaker_span: tuple[int, int] | None = None
    content: tuple[int, int] | None = None
    hearer: tuple[int, int] | None = None
    parent: int | None = None  # index of the candidate this one inherits speaker/via/date from
    inherited_speaker: bool = False
    according: bool = False
    head: int | None = None  # char offset of the content's head word
    wraps: bool = False  # the content span wraps the attribution ("34 the Israeli military says are dead")
    pieces: list[tuple[int, int]] | None = None  # content around a parenthetical attribution


def speaker_span(tok: Token) -> tuple[int, int] | None:
    """The speaker phrase: the subject's subtree without relative/adverbial clauses, cut to the segment around
    its head when dashes or brackets set off a dateline ("SEMINOLE, Texas (Northline News) — Texas")."""
    span = subtree_span(tok, SPEAKER_DROP)
    if span is None:
        return None
    doc = tok.doc
    s, e = span
    for t in doc.char_span(s, e, alignment_mode="expand") or []:
        if t.text in ("—", "–", "(", ")", "--", "-LRB-", "-RRB-") and t.i != tok.i:
            if t.i < tok.i:
                s = max(s, t.idx + len(t.text))
            else:
                e = min(e, t.idx)
    s2 = s
    while s2 < e and doc_text(doc)[s2] in " \t\n,": s2 += 1  # noqa: E701
    return (s2, e) if e > s2 else span
