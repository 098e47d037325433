"""Verbal acts told as a judgement: "Faris called these measures a disgrace", "Crowley called the attacks an
attempt to intimidate the protesters", "he said Jackson was a child abuser". A characterising verb
(``characterize_verbs``: call, describe as, label, brand) whose predicate, or a speech verb whose complement
("X is/was Y") judges someone or something, is a criticism (ACCUSE) when the predicate holds a clearly negative
word, and praise (SUPPORT) when it holds a clearly positive one; the valence of a word is the AFINN-en-165
lexicon's (Finn Årup Nielsen, ODbL; ``resources/events/afinn-en-165.txt``, ``SOURCE.afinn``). A negated
predicate ("was not a mistake") judges nothing.
"""
from __future__ import annotations

import functools
from importlib import resources

from spacy.tokens import Token

#: a word this negative (AFINN: -5 .. +5) makes a judgement a criticism; this positive, praise
NEGATIVE = -2
POSITIVE = 3
PREDICATE_DEPS = frozenset({"oprd", "attr", "acomp", "xcomp", "ccomp"})
#: the words of a predicate phrase that judge: its head and modifiers ("a clear attempt", "utterly unacceptable"),
#: not its complements ("ready to release the prisoners")
PHRASE_DEPS = frozenset({"amod", "advmod", "compound", "neg", "det", "acomp", "conj"})


@functools.cache
def valence() -> dict[str, int]:
    """Word -> AFINN valence (single words only)."""
    text = resources.files("dateline.resources").joinpath("events/afinn-en-165.txt").read_text(encoding="utf-8")
    out: dict[str, int] = {}
    for line in text.splitlines():
        word, _, score = line.rpartition("\t")
        if word and " " not in word:
            out[word] = int(score)
    return out


def _score(t: Token) -> int:
    """The word's valence, by its form, its lemma or, for an agent noun, its verb ("abuser" -> abuse)."""
    v = valence()
    low, lemma = t.lower_, t.lemma_.lower()
    for w in (low, lemma, *((lemma[:-1], lemma[:-2]) if lemma.endswith("er") and t.pos_ == "NOUN" else ())):
        if w in v:
            return v[w]
    return 0


def _verdict(pred: Token) -> str | None:
    """ACCUSE / SUPPORT for the words of a predicate phrase, None when it is neutral, mixed or negated."""
    words = [pred, *(c for c in pred.children if c.dep_ in PHRASE_DEPS)]  # the judging words, not its clauses
    words += [g for c in words[1:] for g in c.children if g.dep_ in PHRASE_DEPS]
    if any(t.dep_ in ("neg", "det") and t.lower_ in ("not", "no", "never", "n't") for t in words):
        return None
    scores = [_score(t) for t in words]
    neg, pos = min(scores, default=0), max(scores, default=0)
    if neg <= NEGATIVE and pos < POSITIVE:
        return "ACCUSE"
    if pos >= POSITIVE and neg > NEGATIVE:
        return "SUPPORT"
    return None


def characterization(verb: Token, verbs: frozenset[str]) -> str | None:
    """"called the measures extreme", "described the attack as barbaric": the action the judgement codes."""
    if verb.lemma_.lower() not in verbs or not any(c.dep_ == "dobj" for c in verb.children):
        return None
    for c in verb.children:
        if c.dep_ in PREDICATE_DEPS and c.i > verb.i:
            return _verdict(c)
        if c.dep_ == "prep" and c.lower_ == "as":
            return next((_verdict(g) for g in c.children if g.dep_ == "pobj"), None)
    return None


def said_judgement(verb: Token) -> tuple[str, Token] | None:
    """"said Jackson was a child abuser": the action and the judged clause (whose subject is the target)."""
    for c in verb.children:
        if c.dep_ != "ccomp" or c.lemma_.lower() != "be":
            continue
        if not any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children):
            continue
        pred = next((g for g in c.children if g.dep_ in ("attr", "acomp")), None)
        if pred is None or any(g.dep_ == "neg" for g in c.children):
            continue
        act = _verdict(pred)
        if act is not None:
            return act, c
    return None
