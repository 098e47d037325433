"""Descriptions of a person the article introduced with them: "the Libyan leader" after "Libyan leader Moammar
Gadhafi", "the doctor" after "Conrad Murray, the singer's doctor" or "Dr Conrad Murray" (a title before the name, spelt out or
abbreviated, or an apposition beside it) is that person, the latest so introduced before it; the description's own state stays its country ("the
Libyan leader" acts for Libya, as it did before it was resolved)."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from spacy.tokens import Token

from .syntax import Actor, field_of

if TYPE_CHECKING:
    from .args import Mentions  # type only: Mentions builds Descriptions

#: determiners of a description that is someone else ("a doctor", "another leader")
INDEFINITE = frozenset({"a", "an", "another", "any", "every", "each", "no"})


class Descriptions:
    def __init__(self, m: Mentions) -> None:
        self.m = m
        self._described: dict[str, list[tuple[int, Any]]] | None = None
        #: "dr" -> "doctor": the noun a description uses for a person named with the abbreviated title
        self.abbreviations = dict(x.split("=", 1) for x in m.lex.word_set("title_abbreviations"))

    def person(self, tok: Token) -> Actor | None:
        """The person a singular description stands for ("the Libyan leader", "the singer's doctor"): the latest
        person named before it with that noun as title or apposition; None when there is none."""
        if tok.tag_ != "NN" or not any(c.dep_ in ("det", "poss", "amod", "compound") for c in tok.children):
            return None
        if any(c.dep_ == "det" and c.lower_ in INDEFINITE for c in tok.children):
            return None
        if self._described is None:
            self._described = self._descriptions()
        ent = next((e for i, e in reversed(self._described.get(tok.lemma_.lower(), [])) if i < tok.i), None)
        if ent is None or self.m.entity[tok.i] is ent:
            return None
        a = self.m.from_entity(ent)
        country = a.country or next((x.country for c in tok.children if c.dep_ in ("amod", "compound", "poss")
                                     for x in self.m.np_actors(c, 3) if x.country), None)
        first = min((c.i for c in tok.lefts if c.dep_ in ("amod", "compound", "poss")), default=tok.i)
        mention = self.m.doc[first:tok.i + 1]  # "Libyan leader", "singer's doctor"
        pos = mention.start_char + self.m.offset
        return Actor(name=a.name, text=mention.text, start=pos, end=pos + len(mention.text), country=country,
                     person=True, linked=True, kind=a.kind)

    def _descriptions(self) -> dict[str, list[tuple[int, Any]]]:
        """Noun lemma -> (token index, person entity) for each person named with a title noun before the name
        ("Libyan leader Moammar Gadhafi") or an apposition beside it ("Murray, the singer's doctor", "the
        singer's doctor, Conrad Murray"), in text order."""
        found: dict[str, list[tuple[int, Any]]] = {}
        for i, ent in enumerate(self.m.entity):
            if ent is None or not (field_of(ent, "label") == "PERSON" or field_of(ent, "kind") == "person"):
                continue
            tok = self.m.doc[i]
            if self.m.entity[tok.head.i] is ent and tok.head != tok:
                continue  # only the head of the name
            nouns = [c for c in tok.children if c.dep_ in ("compound", "appos")
                     and (c.pos_ == "NOUN" or (c.pos_ == "PROPN" and c.dep_ == "compound"))]
            if tok.dep_ == "appos" and tok.head.pos_ == "NOUN":
                nouns.append(tok.head)
            for n in nouns:
                if self.m.entity[n.i] is None:
                    lemma = n.lemma_.lower().rstrip(".")
                    found.setdefault(self.abbreviations.get(lemma, lemma), []).append((i, ent))
        return found
