"""Names behind the words of a scope (issue 20, guideline v2 (1): a word that points back is written as what it
names): a place noun resolved to the place named before ('the country' -> Egypt), a possessive to the body or place
it points at ('its mission' -> "UN's mission"), a proper name the tagger left untyped that the gazetteer knows, and
the named place of a first conjunct a later one shares; split out of ``figures.scope_place``."""
from __future__ import annotations

from spacy.tokens import Token

from ..places.gazetteer import DIRECTIONS, load_gazetteer
from .context import phrase

# nouns that name a place by its kind: 'the nation of Egypt', 'the country' (resolved to the name given before)
PLACE_NOUNS = frozenset({"country", "nation", "state", "city", "town", "village", "region", "province", "island",
                         "territory", "capital"})
# prepositions whose object is where a count holds ('in Homs', 'across the world', 'aboard the ferry')
PLACE_PREPS = frozenset({"in", "across", "inside", "throughout", "during", "among", "at", "aboard", "off", "into", "on"})


def entity_text(tok: Token) -> str:
    ent = next((e for e in tok.doc.ents if e.start <= tok.i < e.end), None)
    return ent.text if ent is not None else tok.text


_POSSESSIVES = frozenset({"its", "their"})
_OWNER_LABELS = frozenset({"ORG", "GPE", "NORP"})


def owned(noun: Token) -> str:
    """The noun's phrase with a possessive 'its' / 'their' resolved to the nearest organisation, state or people
    named before it in the sentence ('The UN says 100 people from its mission' -> "UN's mission"), as the
    guideline writes back-references; unchanged when none is named."""
    text = phrase(noun)
    doc = noun.doc
    place = next((t for t in text if t.dep_ == "poss" and t.lemma_.lower() in PLACE_NOUNS and t.head.i == noun.i),
                 None)
    named = described_place(place) if place is not None else None
    if place is not None and named is not None:  # "the city 's zoo" -> "Baghdad's zoo"
        end = place.i + 2 if place.i + 1 < text.end and doc[place.i + 1].dep_ == "case" else place.i + 1
        return f"{doc[text.start:place.left_edge.i].text} {named}'s {doc[end:text.end].text}".strip()
    poss = next((t for t in text if t.dep_ == "poss" and t.lower_ in _POSSESSIVES and t.head.i == noun.i), None)
    if poss is None:
        return text.text
    owner = next((e for e in reversed(noun.doc.ents) if e.label_ in _OWNER_LABELS and e.end <= poss.i and
                  e.start >= noun.sent.start), None)
    if owner is None:
        return text.text
    return f"{doc[text.start:poss.i].text} {owner.text}'s {doc[poss.i + 1:text.end].text}".strip()


def shared_place(verb: Token) -> str | None:
    """'fell 2.6% in New York, but closed 1.3% down', 'killed 20 in Zawiya and captured 15': a later conjunct verb
    with no subject of its own holds where its first conjunct does (a named place on that verb, before the
    conjunct)."""
    first = verb.head
    if verb.dep_ != "conj" or first.pos_ not in ("VERB", "AUX") or \
            any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in verb.children):
        return None
    for c in first.children:
        if c.dep_ != "prep" or c.lower_ not in PLACE_PREPS or c.i > verb.i:
            continue
        obj = next((p for p in c.children if p.dep_ == "pobj"), None)
        if obj is not None and (obj.ent_type_ in ("GPE", "LOC") or gazetteer_name(obj)):
            return f"{c.lower_} {entity_text(obj)}"
    return None


def gazetteer_name(tok: Token) -> bool:
    """A proper name the tagger left untyped (or took for a person's) that the gazetteer knows as a place ('into the
    Gulf', 'in Misrata')."""
    if tok.pos_ != "PROPN" or tok.ent_type_ not in ("", "PERSON", "ORG", "NORP"):
        return False  # the small tagger calls 'Homs', 'Nalut', 'Aleppo' ORG or NORP in some sentences
    name = " ".join(t.text for t in tok.lefts if t.dep_ == "compound" and t.pos_ == "PROPN") + " " + tok.text
    return load_gazetteer().best(name.strip()) is not None


def place_named(noun: Token) -> Token | None:
    """'the nation of Egypt', 'the city of Homs': the place a place noun's 'of' phrase names."""
    if noun.lemma_.lower() not in PLACE_NOUNS:
        return None
    return next((p for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children
                 if p.dep_ == "pobj" and p.ent_type_ in ("GPE", "LOC")), None)


def described_place(noun: Token) -> str | None:
    """'the country' / 'the city' with no other modifier: the place named last before it (its sentence first)."""
    if not any(c.lower_ in ("the", "this", "that") for c in noun.children):
        return None  # 'the country', 'this country'
    named = place_named(noun)
    if named is not None:  # 'the capital of Algiers'
        return entity_text(named)
    if any(c.dep_ not in ("det", "case") and not (c.dep_ == "amod" and c.lower_ in DIRECTIONS)
           for c in noun.children):
        return None  # 'the country', 'the eastern city' (a direction says where in it, not which)
    kinds = _NOUN_FEATURES.get(noun.lemma_.lower())
    for e in reversed([e for e in noun.doc.ents if e.label_ == "GPE" and e.end <= noun.i]):
        loc = load_gazetteer().best(e.text)
        if kinds is None or loc is None or loc.feature in kinds:
            return e.text  # the last place of the noun's kind: 'the nation' is no city named before
    return None


# the gazetteer features a place noun can name: 'the country' a country, 'the city' a city
_NOUN_FEATURES = {"country": ("country",), "nation": ("country",), "state": ("region", "state"),
                  "province": ("region", "state"), "region": ("region", "curated"), "city": ("city",),
                  "town": ("city",), "village": ("city",), "capital": ("city",),
                  "territory": ("curated", "region"), "island": ("curated", "region", "country")}
