"""People counted as a part of a group the parse names by what happened to it (issue 20): a partitive whose whole
is a participle or adjective ("17 of the wounded were ..."), a bare participle count ("left 400 wounded"), and a
list tail that refers back to the figure before ("..., eight of them children", "among them six policemen"); the
tail's noun is the counted part, its subgroup scope."""
from __future__ import annotations

from spacy.tokens import Token

from .lexicon import FiguresLexicon

_PARTICIPLE_TAGS = frozenset({"VBN", "JJ"})
_TAIL_PREPS = frozenset({"among", "including"})
_TAIL_PRONOUNS = frozenset({"them", "whom"})


def _participle(tok: Token) -> bool:
    return tok.tag_ in _PARTICIPLE_TAGS and tok.pos_ in ("VERB", "ADJ")


def own_participle(r: Token) -> Token | None:
    """The participle or adjective that says what happened to the people a bare number counts: the whole of
    "N of the wounded" / "N of the dead", the predicate of "left N wounded", the participle hung on "N wounded"."""
    for c in r.children:
        if c.dep_ == "prep" and c.lower_ == "of":
            for p in c.children:
                if p.dep_ == "pobj" and _participle(p) and any(d.dep_ == "det" for d in p.children):
                    return p  # 'the wounded', 'the dead' (not 'of selected'), 'of those killed' is a noun's clause
    for c in r.children:
        if c.dep_ in ("acl", "amod") and c.tag_ == "VBN" and c.i == r.i + 1:
            return c  # '400 wounded' read as a participle on the number
    if r.dep_ in ("dobj", "conj", "nsubj", "nsubjpass", "appos"):
        nxt = r.doc[r.i + 1] if r.i + 1 < len(r.doc) else None
        if nxt is not None and nxt.tag_ == "VBN" and (
                nxt.dep_ in ("oprd", "acl", "amod", "xcomp", "ccomp") and nxt.head.i in (r.i, r.head.i)
                or r.dep_ in ("nsubj", "nsubjpass") and r.head.i == nxt.i):
            return nxt  # 'left 400 wounded', 'killed 9 people and 400 wounded', '... and dozens injured'
    return None


def list_tail(r: Token, noun: Token | None) -> Token | None:
    """The counted part of a list tail that refers back to the figure before: 'among them six policemen' (the
    noun, with 'among them' on it or before it), 'eight of them children' (the verbless predicate the number is the
    subject of; 'were soldiers' after a fronted partitive), else None."""
    if noun is not None and noun.i > r.i and noun.lower_ not in _TAIL_PRONOUNS:
        if any(c.dep_ == "prep" and c.lower_ in _TAIL_PREPS and c.i < r.i and
               any(p.dep_ == "pobj" and p.lower_ in _TAIL_PRONOUNS for p in c.children) for c in noun.children):
            return noun
        return None
    if noun is None and r.dep_ == "nsubj" and r.head.lemma_ == "be":
        return next((c for c in r.head.children if c.dep_ == "attr" and c.pos_ in ("NOUN", "PROPN")
                     and c.i > r.i), None)  # 'Of the 30 killed, 12 were soldiers' (a part of the figure before)
    if noun is not None and noun.lower_ in _TAIL_PRONOUNS and r.dep_ == "nsubj":
        head = r.head
        if head.pos_ in ("NOUN", "PROPN") and head.i > r.i and head.dep_ in ("appos", "dep", "conj", "npadvmod"):
            return head  # ', eight of them children'
    return None


def phrase(tok: Token) -> str:
    """The noun with its left modifiers ('six riot policemen', 'U.S. citizens'), no numbers or determiners."""
    left = [t for t in tok.subtree if t.i < tok.i and not t.like_num and t.dep_ in ("compound", "amod", "nmod")
            and t.head.i == tok.i]
    first = left[0].i if left else tok.i
    return tok.doc[first:tok.i + 1].text


def people_participle(tok: Token, lex: FiguresLexicon) -> bool:
    """A past participle a people rule names: 'dozens injured', 'hundreds displaced' (not 'millions spent')."""
    return tok.tag_ == "VBN" and any(cls == "person" and (tok.lemma_.lower() in preds or tok.lower_ in preds)
                                     for cls, preds, _ in lex.rules)
