"""A document that acts stands for whoever issued it: "the ministry's statement urged parents", "a report by the
commission accused the company", "The union filed a lawsuit. The lawsuit accuses the company of negligence",
"The ministry announced ... The announcement urged parents to ...". The nouns are the dictionary's
``document_nouns``; the issuer is the document's owner named on it (possessive, compound, "by" / "from" / "of"),
else, for a definite document ("the lawsuit", "this letter"), the actor of the nearest verb in the sentences
before that produced it: a verb with that noun as object ("filed a lawsuit", "sent a letter") or the verb the
noun is made from ("announced" -> the announcement, "complained" -> the complaint).
"""
from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Token

from .args import Mentions
from .syntax import Actor

#: how many sentences before the document's own a producing verb is looked for
SENTENCES_BACK = 3
#: determiners that make a document one told before
DEFINITE = frozenset({"the", "this", "that"})
#: prepositions that name a document's issuer
OWNERS = frozenset({"by", "from", "of"})
#: the shortest verb lemma whose nominalisation is matched by prefix ("state" -> statement)
MIN_STEM = 5


def issuer(m: Mentions, doc_noun: Token, actors_of: Callable[[Token], list[Actor]]) -> list[Actor]:
    """The actors who issued the document ``doc_noun`` (a subject in ``document_nouns``); [] if none is found.
    ``actors_of(verb)``: the actors of a producing verb (the coder's own subject resolution)."""
    if doc_noun.lemma_.lower() not in m.lex.word_set("document_nouns"):
        return []
    owners = _owners(m, doc_noun)
    if owners:
        return owners
    if not any(c.dep_ == "det" and c.lower_ in DEFINITE for c in doc_noun.children):
        return []
    producer = _producer(doc_noun)
    return actors_of(producer) if producer is not None else []


def _owners(m: Mentions, doc_noun: Token) -> list[Actor]:
    """The issuer named on the document: "the ministry's statement", "a UN report", "a letter from X"."""
    for c in doc_noun.children:
        if c.dep_ in ("poss", "compound") and c.i < doc_noun.i:
            found = m.actors(c)
            if found:
                return found
        if c.dep_ == "prep" and c.lower_ in OWNERS:
            found = [a for g in c.children if g.dep_ == "pobj" for a in m.actors(g)]
            if found:
                return found
    return []


def _producer(doc_noun: Token) -> Token | None:
    """The nearest verb before the document's sentence (up to ``SENTENCES_BACK`` sentences, and earlier in its
    own) whose object is the same noun, or whose lemma the noun is made from."""
    doc, lemma = doc_noun.doc, doc_noun.lemma_.lower()
    first = doc_noun.sent.start
    for _ in range(SENTENCES_BACK):
        if first == 0:
            break
        first = doc[first - 1].sent.start
    for t in reversed(doc[first:doc_noun.sent.start]):
        if t.pos_ != "VERB":
            continue
        if any(c.dep_ == "dobj" and c.lemma_.lower() == lemma for c in t.children):
            return t
        stem = t.lemma_.lower()
        stem = stem[:-1] if stem.endswith("e") else stem
        if len(stem) >= MIN_STEM - 1 and lemma.startswith(stem) and lemma != t.lemma_.lower():
            return t
    return None
