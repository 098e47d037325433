"""Speaker phrases resolved as a whole rather than by their head word: people named together ("Randy, Jermaine
and Janet Jackson", "their brothers Marlon, Tito and Jackie") and a body named by reference to the country last
named ("the country's health ministry"); and where an anaphor's antecedent may be (``horizon``,
``latest_before``), shared with ``statements.speakers``."""
from __future__ import annotations

import bisect
from collections.abc import Iterator

from spacy.tokens import Doc, Token

from ...model import Entity
from ..nlp import doc_text
from .lexicon import Lexicon
from .speaker_names import ORG_LABELS, Speaker, word_set


def horizon(first: Token) -> tuple[int, int]:
    """Where an anaphor's antecedent may be: from the start of the third sentence before ``first``'s (or 600
    characters back, whichever is further) to the start of its own sentence."""
    sent_start = first.sent.start_char
    start = first.doc[max(0, first.sent.start - 1)].sent
    for _ in range(2):
        if start.start > 0:
            start = first.doc[start.start - 1].sent
    return min(start.start_char, sent_start - 600), sent_start


def latest_before(ents: list[Entity], char: int) -> Iterator[Entity]:
    """The entities of ``ents`` (sorted by start) starting before ``char``, the latest first."""
    hi = bisect.bisect_left(ents, char, key=lambda e: e.start)
    return (ents[i] for i in range(hi - 1, -1, -1))


def named_group(doc: Doc, ent_tok: dict[int, Entity], head: Token) -> Speaker | None:
    """People named together ("Randy, Jermaine and Janet Jackson", "their brothers Marlon, Tito and Jackie"):
    the coordinated names, without the role words before them, when one of them is a person and none an
    organisation or place."""
    top = head
    if head.pos_ == "NOUN":  # "her cousins [Ivo Brandt and Mara Brandt]": the names in apposition
        head = next((c for c in head.children if c.dep_ == "appos" and c.pos_ == "PROPN"), head)
    if head.pos_ != "PROPN":
        return None
    names = [head]
    for t in names:
        names.extend(c for c in t.children if c.dep_ == "conj" and c.pos_ == "PROPN")
    if len(names) < 2:
        return None
    labels = {ent_tok[t.i].label for n in names for t in n.subtree if t.i in ent_tok}
    if "PERSON" not in labels or labels & ORG_LABELS:
        return None
    first = head
    while first.i > 0 and doc[first.i - 1].pos_ == "PROPN" and doc[first.i - 1].head.i == first.i:
        first = doc[first.i - 1]
    last = max(names, key=lambda t: t.i)
    text = doc_text(doc)
    lo = min(top.left_edge.i, head.left_edge.i)
    role = text[doc[lo].idx:first.idx].strip(" ,") if lo < first.i else None
    return Speaker(name=text[first.idx:last.idx + len(last.text)], kind="named", plural=True, role=role,
                   words=word_set(list(doc[lo:last.i + 1])))


def country_owned(doc: Doc, ents: list[Entity], lex: Lexicon, toks: list[Token],
                  span: tuple[int, int]) -> Speaker | None:
    """"the country's health ministry" after "a man in Costa Rica": the body of the country last named
    (within the last 3 sentences or 600 characters), named by it ("Costa Rica's health ministry")."""
    if len(toks) < 4 or toks[0].lower_ != "the" or toks[1].lower_ not in ("country", "nation") or \
            toks[2].tag_ != "POS":
        return None
    lo, _ = horizon(toks[0])
    place = next((e for e in latest_before(ents, span[0]) if e.label == "GPE" and e.country), None)
    if place is None or place.start < lo:
        return None
    country = place.canonical or place.text
    rest = doc_text(doc)[toks[3].idx:span[1]]
    kind = "organization" if toks[-1].lemma_.lower() in lex.organization_heads else "anonymous"
    return Speaker(name=f"{country}'s {rest}", kind=kind, plural=toks[-1].tag_ in ("NNS", "NNPS"),
                   country=country, words=word_set(toks[3:]) | frozenset(country.lower().split()))
