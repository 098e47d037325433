"""A speaker as resolved within one article (``Speaker``), and the word lists and name helpers that speaker
resolution (``statements.speakers``) reads: role dependencies, determiners, titles, role endings, organisation
anaphors."""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from spacy.tokens import Token

from ...model import Entity

ROLE_DEPS = frozenset({"compound", "amod", "nmod", "poss", "case", "npadvmod", "punct"})
PERSON_LABELS = frozenset({"PERSON"})
ORG_LABELS = frozenset({"ORG", "GPE", "NORP", "FAC"})
DETS = frozenset({"a", "an", "the", "another", "two", "three", "four", "five", "several", "some", "many",
                   "one", "other", "both", "all", "most", "few", "these", "those", "this", "that"})
SUBJ_DEPS = frozenset({"nsubj", "nsubjpass"})
#: words a person's name never ends with: a tagged "person" ending so is a role description
_ROLE_ENDINGS = frozenset({"pm", "president", "minister", "premier", "spokesman", "spokeswoman", "spokesperson",
                           "secretary", "chairman", "chairwoman", "chief", "director", "leader", "official",
                           "governor", "senator", "ambassador", "envoy"})
#: definite descriptions of an organisation that refer to the one the article is about ("the company said")
ORG_ANAPHORS = frozenset({"company", "firm", "corporation", "group", "giant", "airline", "carrier", "bank",
                           "retailer", "manufacturer", "insurer", "operator", "charity", "organisation",
                           "organization"})
POSSESSIVE = {"its": "it", "his": "he", "her": "she", "their": "they"}
_BRACKETS = frozenset({"-LRB-", "-RRB-", "(", ")", "[", "]"})  # PTB-tokenised text writes brackets as -LRB-
_SUFFIXES = frozenset({"Jr.", "Sr.", "Jr", "Sr", "II", "III", "IV"})
#: titles a person entity may start with ("Mr Markey", "Sgt Heinsaar"): not part of the name
TITLES = frozenset({"mr", "mrs", "ms", "miss", "dr", "sgt", "sergeant", "cpl", "corporal", "capt", "captain",
                     "gen", "general", "col", "colonel", "lt", "prof", "professor", "sir", "dame", "rev", "president",
                     "senator", "sen", "rep", "gov", "governor", "judge", "minister", "pm", "mayor", "king", "queen"})


@dataclass(slots=True)
class Speaker:
    name: str
    kind: str  # named | organization | anonymous
    role: str | None = None
    plural: bool = False
    words: frozenset[str] = field(default_factory=frozenset)  # lowercased words of the description + role
    document: bool = False  # a report, tally, statement ... (relayed by an outlet)
    role_span: tuple[int, int] | None = None  # where the article describes the person's role (char offsets)
    country: str | None = None  # the country a description names by reference ("the country's health ministry")


def lower_det(text: str, first: Token) -> str:
    if first.lower_ in DETS and first.pos_ != "PROPN":
        return first.lower_ + text[len(first.text):]
    return text


def untitled(name: str) -> str:
    """A person's name without the title it opens with ("Sgt Peter Heinsaar" -> "Peter Heinsaar")."""
    words = [w for w in name.split() if w not in _BRACKETS]
    while len(words) > 1 and words[0].rstrip(".").lower() in TITLES:
        words = words[1:]
    return " ".join(words)


def role_only(name: str) -> bool:
    """An entity the tagger found that is a description ending in a role word ("Thai PM", "Deputy Minister")."""
    words = name.split()
    return bool(words) and words[-1].rstrip(".").lower() in _ROLE_ENDINGS


def name_words(name: str) -> list[str]:
    """The words of a person's name that identify them (no title, no initials, no "Jr.")."""
    words = untitled(name).split()
    return [w for w in words if len(w.rstrip(".")) > 1 and w not in _SUFFIXES] or [name]


def word_set(tokens: list[Token]) -> frozenset[str]:
    return frozenset(w for t in tokens for w in (t.lower_, t.lemma_.lower()) if t.is_alpha)


def same_role(desc: Speaker, person: Speaker) -> bool:
    """An unnamed speaker described by words that all describe a person named later ("a UN spokesman said
    yesterday ..." then "UN spokesman Fred Eckhard said"): likely the same person."""
    words = desc.words - DETS
    return desc.kind == "anonymous" and not desc.plural and person.kind == "named" and bool(words) and \
        words <= person.words


def misspelt(short: str, surname: str) -> bool:
    """"Figuerdo" for "Figueiredo": a long surname written with a letter or two dropped or changed (same first
    three letters, similarity at least 0.8)."""
    return len(short) >= 6 and short[:3] == surname[:3] and short != surname and \
        SequenceMatcher(None, short.lower(), surname.lower()).ratio() >= 0.8


#: honorifics only persons carry ("Mr Hayward", "Dr Chan"); not ranks or offices ("General Motors")
_HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "dr", "sir", "dame", "prof", "professor"})


def persons_tagged_as_orgs(entities: list[Entity], org_heads: frozenset[str]) -> list[Entity]:
    """The entities with a person the tagger took for an organisation relabelled a person: an organisation no
    actor dictionary knows (no canonical name, country or kind of its own), of at most two words besides a title
    and none an organisation word ("Jackson Foundation", "Global Live Events" stay), whose capitalised words
    include a name the article tags as a person elsewhere ("Thai PM [Abhisit Vejjajiva]" after "Abhisit") or
    that opens with an honorific ("[Mr Sevan]", "[Dr Lowe]")."""
    names = {w for e in entities if e.label in PERSON_LABELS for w in name_words(e.text) if w[:1].isupper()}
    out = []
    for e in entities:
        words = [w for w in e.text.split() if w not in _BRACKETS]
        unknown = e.canonical in (None, e.text) and e.country is None and e.kind in (None, "organization")
        titled = bool(words) and words[0].rstrip(".").lower() in TITLES
        honorific = len(words) > 1 and words[0].rstrip(".").lower() in _HONORIFICS
        if e.label == "ORG" and unknown and 0 < len(words) <= 2 + titled \
                and all(w[:1].isupper() for w in words) and (honorific or any(w in names for w in words)) \
                and not any(w.lower() in org_heads or w.lower() == "the" for w in words):
            e = dataclasses.replace(e, label="PERSON", kind="person")
        out.append(e)
    return out
