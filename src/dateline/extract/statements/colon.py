"""Colon attributions: a paragraph that opens with a short speaker label and a colon.

Headlines ("John McCain: Republican Populist Anger Appeals to ...", "Poll: Donald Trump Ties Hillary Clinton")
and transcripts ("TAPPER: And obviously, you're supporting ..."). The label must name someone: a person or
organization entity, an all-capitals transcript name, or a document ("Poll"); labels such as "Note" or "Update"
(``resources/statements/colon_skip.txt``) and places are not speakers. The content is the rest of the paragraph.
"""
from __future__ import annotations

import re

from spacy.tokens import Doc

from ...labels import AGENT_LABELS
from ..nlp import doc_text
from .lexicon import Lexicon
from .clause import edges
from .candidate import Candidate

_LABEL_RE = re.compile(r"(?m)^[ \t]*([A-Z][^\n:]{0,60}?):[ \t]+(?=\S)")
_MAX_WORDS = 6


def _is_speaker_label(doc: Doc, start: int, end: int, label: str, lex: Lexicon) -> bool:
    if label.lower().strip() in lex.colon_skip or len(label.split()) > _MAX_WORDS or re.search(r"\d", label):
        return False
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or any(t.pos_ in ("VERB", "AUX") and not t.is_upper for t in span):
        return False
    ents = [e for e in doc.ents if e.start >= span.start and e.end <= span.end]
    if ents and all(e.label_ in ("GPE", "LOC", "FAC") for e in ents):
        return False  # a place ("GAZA CITY:", "Mandalay:") opens a dateline, it does not speak
    if label.isupper() and len(label) > 2:  # "TAPPER:", "JAKE TAPPER:" in a transcript
        return True
    if any(e.label_ in AGENT_LABELS for e in ents):
        return True
    if not ents and len(span) >= 2 and all(t.pos_ == "PROPN" for t in span):
        return True  # a name the tagger missed in a headline ("Jan Novak: ...")
    return span.root.lemma_.lower() in lex.document_heads


def colon_candidates(doc: Doc, lex: Lexicon, skip: int = 0) -> list[Candidate]:
    """Speaker labels before a colon, except the dateline ending at ``skip`` (the body's start: "GAZA CITY: ...");
    a headline of its own ("Jan Novak: The Border Will Stay Open") keeps its speaker."""
    text = doc_text(doc)
    out: list[Candidate] = []
    for m in _LABEL_RE.finditer(text):
        s, e = m.span(1)
        if (s < skip and not text[e:skip].strip(": ")) or not _is_speaker_label(doc, s, e, m.group(1), lex):
            continue
        colon = doc.char_span(e, e + 1, alignment_mode="expand")
        label = doc.char_span(s, e, alignment_mode="expand")
        if colon is None or label is None:
            continue
        end = text.find("\n", m.end())
        end = len(text) if end < 0 else end
        body = doc.char_span(m.end(), end, alignment_mode="expand")
        content = edges(list(body)) if body is not None else None
        if content is None:
            continue
        out.append(Candidate(cue=colon[0], cue_start=e, cue_end=e + 1, cls="speech", speaker=label.root,
                             speaker_span=(s, e), content=content, head=content[0]))
    return out
