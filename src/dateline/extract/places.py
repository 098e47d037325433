"""Geoparsing: place mentions -> ``Place`` records (name, ISO alpha-3 country, lat/lon, feature).

Mentions are the NER spans labelled GPE, LOC or FAC plus the curated regions of
``resources/places/regions.yaml`` written in the text ("Gaza Strip", "Kerch Strait", "West Bank"), with a
direction word in front when there is one ("southern Israel" -> region in Israel). A name is resolved by the
offline gazetteer (``places_gazetteer``): a candidate in a country the article's other places name wins,
then a curated region, a country, a US state, a city, and the larger population.

Not places: country names used as a modifier or owner ("US officials", "Qatar's foreign ministry"), names
linked to a person or an organization by the entities component, and demonyms ("Israeli").

``ctx.extra["place_at"]``: ``dict[int, Place]`` -- for each token of a place mention, keyed by the token's
character offset (``token.idx``), the Place it is part of (for events' location).
"""
from __future__ import annotations

from spacy.tokens import Doc

from ..model import Place
from .actors_kb import load_kb
from .actors_mentions import lemma_key
from .places_gazetteer import Gazetteer, Loc, directional, load_gazetteer
from .registry import Context, register

LABELS = frozenset({"GPE", "LOC", "FAC"})
_NOT_PLACE_KINDS = frozenset({"person", "media", "militant group", "organization", "IGO", "NGO", "company",
                              "ministry", "intelligence agency", "military", "government", "health agency",
                              "political party", "legislature", "police"})
_MODIFIER_DEPS = frozenset({"compound", "amod", "poss", "nmod", "npadvmod"})


@register("places")
def make_places(labels: frozenset[str] = LABELS) -> object:
    gz = load_gazetteer()
    nouns = load_kb().nouns
    attribute_heads = frozenset(nouns["role_nouns"]) | {n for ns in nouns["group_nouns"].values() for n in ns}

    def places_component(doc: Doc, ctx: Context) -> None:
        ents = {(e.start, e.end): e for e in ctx.entities}
        blocked = _blocked_chars(ctx)
        located = [(e.start, e.end) for e in ctx.entities if e.kind in ("location", "state")]
        spans = _candidate_spans(doc, gz, labels, blocked, located)
        found: list[tuple[int, int, str, list[Loc]]] = []
        for s, e in spans:
            span = doc[s:e]
            text = span.text
            ent = ents.get((span.start_char, span.end_char))
            if ent is not None and ent.kind in _NOT_PLACE_KINDS:
                continue
            cands = _lookup(gz, text)
            if not cands:
                continue
            if _is_modifier(span) and (all(c.feature == "country" for c in cands)
                                       or lemma_key(span.root.head) in attribute_heads):
                continue  # "US officials", "Qatar's foreign ministry", "Middle East adviser": attributes
            found.append((s, e, text, cands))
        prelim = [max(cands, key=lambda c: (c.priority, c.population)) for *_, cands in found]
        place_at: dict[int, Place] = {}
        for k, (s, e, text, cands) in enumerate(found):
            context = {p.country for j, p in enumerate(prelim) if j != k and p.country}
            qualifier = None  # "Alexandria, Virginia": the next place qualifies this one
            if k + 1 < len(found) and found[k + 1][0] == e + 1 and doc[e].text == ",":
                qualifier = prelim[k + 1].country
            loc = max(cands, key=lambda c: (c.country == qualifier, c.country in context, c.priority,
                                            c.population))
            span = doc[s:e]
            p = Place(article_id=ctx.article.id, text=span.text, start=span.start_char, end=span.end_char,
                      name=loc.name, country_code=loc.country, lat=loc.lat, lon=loc.lon, feature=loc.feature)
            ctx.places.append(p)
            for tok in span:
                place_at[tok.idx] = p
        ctx.extra["place_at"] = place_at

    return places_component


def _blocked_chars(ctx: Context) -> set[int]:
    """Character offsets inside person and organization entities: no place starts there."""
    out: set[int] = set()
    for e in ctx.entities:
        if e.label in ("PERSON", "ORG") and e.kind in _NOT_PLACE_KINDS:
            out.update(range(e.start, e.end))
    return out


def _candidate_spans(doc: Doc, gz: Gazetteer, labels: frozenset[str], blocked: set[int],
                     located: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """NER places, entities linked to a place or state (NER said PERSON/ORG: "DOHA", "Anapa"), curated names."""
    spans: list[tuple[int, int]] = []
    for a, b in located:
        span = doc.char_span(a, b, alignment_mode="contract")
        if span is not None and len(span):
            spans.append((span.start, span.end))
    for ent in doc.ents:
        if ent.label_ in labels and ent.start_char not in blocked:
            s, e = ent.start, ent.end
            while e > s + 1 and (doc[e - 1].text in ("'s", "’s", "'", "’") or doc[e - 1].is_punct):
                e -= 1
            spans.append((s, e))
    assert gz.curated_regex is not None
    for m in gz.curated_regex.finditer(doc.text):
        if m.start() in blocked:
            continue
        span = doc.char_span(m.start(), m.end(), alignment_mode="contract")
        if span is not None and len(span):
            spans.append((span.start, span.end))
    spans = [_with_direction(doc, gz, s, e) for s, e in spans]
    spans = [_without_article(doc, gz, s, e) for s, e in spans]
    # longest first; drop spans overlapping a longer one
    spans.sort(key=lambda x: (x[1] - x[0]), reverse=True)
    taken: set[int] = set()
    out = []
    for s, e in spans:
        if any(i in taken for i in range(s, e)):
            continue
        taken.update(range(s, e))
        out.append((s, e))
    out.sort()
    return out


def _with_direction(doc: Doc, gz: Gazetteer, s: int, e: int) -> tuple[int, int]:
    """"southern Israel": take the direction word in when the gazetteer or the rule knows the region."""
    if s > 0 and directional(doc[s - 1].text) and doc[s - 1].text[:1].islower() and _lookup(gz, doc[s - 1:e].text):
        return s - 1, e
    return s, e


def _lookup(gz: Gazetteer, text: str) -> list[Loc]:
    """Gazetteer candidates; "<direction> <country or region>" is a region of that country."""
    cands = gz.lookup(text)
    if cands:
        return cands
    words = text.split(None, 1)
    if len(words) == 2 and words[0].islower() and directional(words[0]):
        base = gz.best(words[1])
        if base is not None and base.feature in ("country", "region"):
            return [Loc(f"{words[0]} {base.name}", base.country, base.lat, base.lon, "region", 0, base.priority)]
    return []


def _without_article(doc: Doc, gz: Gazetteer, s: int, e: int) -> tuple[int, int]:
    if e - s > 1 and doc[s].lower_ == "the" and not gz.lookup(doc[s:e].text):
        return s + 1, e
    return s, e


def _is_modifier(span) -> bool:
    root = span.root
    doc = span.doc
    if span.end < len(doc) and doc[span.end].text in ("-", "–") and span.end + 1 < len(doc) \
            and doc[span.end + 1].pos_ in ("ADJ", "PROPN", "NOUN", "VERB"):
        return True  # "US-Israeli captive"
    return root.dep_ in _MODIFIER_DEPS and root.head.i > root.i and root.head.pos_ in ("NOUN", "PROPN", "ADJ")
