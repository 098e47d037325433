"""Which verbs report something: a cue verb from the lexicon (or, in the broad sense, a verb with a
preposition that takes a content), unless its use says nothing was reported (``NOT_A_CUE``: each rule a named,
testable function)."""
from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Token

from .lexicon import Cue, Lexicon

_NOT_SAYING = frozenset({"decline", "refuse", "fail"})  # "declined to say", "refused to comment on"


def _modifier_verb(tok: Token, lex: Lexicon, broad: bool) -> bool:
    """"the reported attack", "a statement released on Sunday"."""
    return tok.dep_ in ("amod", "compound") or (tok.tag_ == "VBN" and tok.dep_ == "acl")


def _not_a_document(tok: Token, lex: Lexicon, broad: bool) -> bool:
    """"a protest demanding ...": only a statement, letter, report ... speaks."""
    return not broad and tok.dep_ == "acl" and tok.head.lemma_.lower() not in lex.issued_heads | lex.document_heads


def _negated(tok: Token, lex: Lexicon, broad: bool) -> bool:
    """"has not said how much": nothing was said."""
    return not broad and any(c.dep_ == "neg" for c in tok.children)


def _declined(tok: Token, lex: Lexicon, broad: bool) -> bool:
    """"declined to say whether ...": nothing was said either."""
    return not broad and tok.dep_ == "xcomp" and tok.head.lemma_.lower() in _NOT_SAYING


def _asked(tok: Token, lex: Lexicon, broad: bool) -> bool:
    """"Asked about the cost, the minister said": the subject was asked, and answers."""
    return tok.tag_ == "VBN" and tok.dep_ == "advcl" and tok.i == tok.sent.start


#: a cue verb in one of these uses reports nothing (each rule is a named, testable function)
NOT_A_CUE = (_modifier_verb, _not_a_document, _negated, _declined, _asked)


#: a learned cue detector (``statements.cue_model``): whether a verb the lexicon misses is a cue all the same
CueDetector = Callable[[Token], bool]


def verb_cue(tok: Token, lex: Lexicon, broad: bool,
             detector: CueDetector | None = None) -> tuple[Cue, frozenset[str]] | None:
    """The cue (and, broad, the prepositions that take its content) of a verb that reports something;
    ``detector``: asked about the verbs the lexicon does not take (a detected verb is a broad cue)."""
    if tok.pos_ not in ("VERB", "AUX") or tok.tag_ == "MD":
        return None
    lemma = tok.lemma_.lower()
    info = lex.cue_for(lemma, broad)
    preps = lex.broad_preps.get(lemma, frozenset()) if broad else frozenset()
    if info is None and preps and any(c.dep_ in ("prep", "prt") and c.lower_ in preps for c in tok.children):
        info = Cue(lemma, "belief", "prep")  # "was referring to ...", "talked about ..."
    if info is None and detector is not None and detector(tok):
        info, preps = Cue(lemma, "belief", "content"), frozenset()
    if info is None or any(rule(tok, lex, broad) for rule in NOT_A_CUE):
        return None
    return info, preps
