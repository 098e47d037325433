"""The grammatical gender of the persons an article names, as the article itself shows it, so that "she said"
is not resolved to the last man named.

Evidence, counted per person (their fullest name): a title ("Mr Hayward", "Ms Peirce", "Sir Ian"), a gendered
noun describing them ("a spokeswoman, Jane Roe", "her brother Michael", "Ann Lee, a mother of two"), and the
first possessive pronoun after them in a sentence they are the subject of, with no other person between ("LaToya
Jackson claimed her brother ..."; not "he" or "him", which in what a speaker said often means someone else). A
person without evidence has no gender (None).
"""
from __future__ import annotations

from collections import Counter

from spacy.tokens import Span

_TITLES = {"mr": "m", "mister": "m", "sir": "m", "lord": "m", "king": "m", "prince": "m", "mrs": "f", "ms": "f",
           "miss": "f", "dame": "f", "lady": "f", "queen": "f", "princess": "f", "madam": "f"}
_NOUNS = {
    **dict.fromkeys(("man", "spokesman", "brother", "father", "husband", "son", "boy", "grandfather", "uncle",
                     "nephew", "congressman", "businessman", "chairman", "widower", "actor", "king", "dad"), "m"),
    **dict.fromkeys(("woman", "spokeswoman", "sister", "mother", "wife", "daughter", "girl", "grandmother", "aunt",
                     "niece", "congresswoman", "businesswoman", "chairwoman", "widow", "actress", "queen", "mum",
                     "mom", "girlfriend"), "f"),
}
#: the gender a pronoun asks for
PRONOUN_GENDER = {"he": "m", "him": "m", "his": "m", "himself": "m", "she": "f", "her": "f", "hers": "f",
                  "herself": "f"}
_SUBJ = frozenset({"nsubj", "nsubjpass"})


class Genders:
    def __init__(self) -> None:
        self.votes: dict[str, Counter[str]] = {}

    def add(self, name: str, gender: str | None) -> None:
        if gender is not None:
            self.votes.setdefault(name, Counter())[gender] += 1

    def of(self, name: str) -> str | None:
        c = self.votes.get(name)
        if not c:
            return None
        (g, n), *rest = c.most_common(2)
        return g if not rest or rest[0][1] < n else None

    def mention(self, name: str, span: Span, person_tokens: set[int]) -> None:
        """Read the evidence around one mention of the person ``name`` (``span``: the mention's tokens;
        ``person_tokens``: token indices of every person mention in the article)."""
        doc = span.doc
        first = span[0]
        if first.lower_.rstrip(".") in _TITLES:
            self.add(name, _TITLES[first.lower_.rstrip(".")])
        elif span.start > 0 and doc[span.start - 1].lower_.rstrip(".") in _TITLES:
            self.add(name, _TITLES[doc[span.start - 1].lower_.rstrip(".")])
        root = span.root
        inside = range(span.start, span.end)
        described = [t for t in root.children if t.dep_ in ("compound", "appos", "amod") and t.i not in inside]
        if root.dep_ == "appos":
            described.append(root.head)
        for t in described:
            g = _NOUNS.get(t.lemma_.lower()) or _NOUNS.get(t.lower_)
            if g is not None:
                self.add(name, g)
                break
        subj = root.dep_ in _SUBJ or (root.dep_ == "appos" and root.head.dep_ in _SUBJ)
        if not subj:
            return
        for t in doc[span.end:span.sent.end]:
            if t.i in person_tokens:
                return
            g = PRONOUN_GENDER.get(t.lower_) if t.tag_ == "PRP$" else None
            if g is not None:
                self.add(name, g)
                return
