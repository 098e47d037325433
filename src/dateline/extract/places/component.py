"""Geoparsing: place mentions -> ``Place`` records (name, ISO alpha-3 country, lat/lon, feature).

Mentions are the NER spans labelled GPE, LOC or FAC plus the curated regions of
``resources/places/regions.yaml`` written in the text ("Gaza Strip", "Kerch Strait", "West Bank"), with a
direction word in front when there is one ("southern Israel" -> region in Israel). A name is resolved by the
offline gazetteer (``places.gazetteer``): a candidate in a country the article's other places name wins,
then a curated region, a country, a US state, a city, and the larger population; a small town the gazetteer
knows only abroad while the article's other places lie elsewhere gets no country (``_consistent``).

Not places: country names used as a modifier or owner ("US officials", "Qatar's foreign ministry"), names
linked to a person or an organization by the entities component, and demonyms ("Israeli").

``ctx.place_at`` (a typed ``Context`` field): for each token of a place mention, keyed by the token's
character offset (``token.idx``), the Place it is part of (for events' location).
"""
from __future__ import annotations

from collections import Counter

from spacy.tokens import Doc, Span

from ...model import Place
from ...resources import load_yaml as resource_yaml
from ..entities.kb import load_kb
from ..entities.mentions import lemma_key
from .gazetteer import Gazetteer, Loc, directional, load_gazetteer, rank
from ..registry import Component, Context, register

LABELS = frozenset({"GPE", "LOC", "FAC"})
_NOT_PLACE_KINDS = frozenset({"person", "media", "militant group", "organization", "IGO", "NGO", "company",
                              "ministry", "intelligence agency", "military", "government", "health agency",
                              "political party", "legislature", "police"})


@register("places", requires=("entities",), reads=("timexes",), assigns=("places", "place_at"))
def make_places(labels: frozenset[str] = LABELS) -> Component:
    gz = load_gazetteer()
    nouns = load_kb().nouns
    attribute_heads = frozenset(nouns["role_nouns"]) | {n for ns in nouns["group_nouns"].values() for n in ns}
    positions = {k: frozenset(v) for k, v in resource_yaml("places", "positions.yaml").items()}

    def places_component(doc: Doc, ctx: Context) -> None:
        ents = {(e.start, e.end): e for e in ctx.entities}
        blocked = _blocked_chars(doc, ctx)
        timex_chars = {i for t in ctx.timexes for i in range(t.start, t.end)}
        located = [(e.start, e.end) for e in ctx.entities if e.kind in ("location", "state")]
        spans = _candidate_spans(doc, gz, labels, blocked, located)
        found: list[tuple[int, int, str, list[Loc]]] = []
        prev_end = -2
        for s, e in spans:
            span = doc[s:e]
            text = span.text
            ent = ents.get((span.start_char, span.end_char))
            if ent is not None and ent.kind in _NOT_PLACE_KINDS:
                continue
            cands = _lookup(gz, text)
            if not cands:
                continue
            qualifier = s == prev_end + 1 and doc[s - 1].text == ","  # "ANAPA, Russia", "Lubbock, Texas"
            if any(i in timex_chars for i in range(span.start_char, span.end_char)) or \
                    (e < len(doc) and doc[e].like_num):
                continue  # "March" (a month), "Kuban 24" (an outlet)
            country_like = (ent is not None and ent.kind == "state") or all(c.feature == "country" for c in cands) \
                or (span.root.dep_ in ("nsubj", "nsubjpass") and all(c.priority == 2 for c in cands))
            if country_like and not qualifier and not _locative_use(span, positions, attribute_heads):
                continue  # "Israel said", "calling on Israel", "mediators from Qatar", "US officials"
            if not country_like and _is_attribute(span, attribute_heads) and not _local_office(span, positions):
                continue  # "Gaza militants", "Middle East adviser"
            found.append((s, e, text, cands))
            prev_end = e
        prelim = [max(cands, key=lambda c: (c.priority, c.population)) for *_, cands in found]
        place_at: dict[int, Place] = {}
        country_counts = Counter(p.country for p in prelim if p.country)
        countries = set(country_counts)
        locs: list[Loc] = []
        for k, (s, e, text, cands) in enumerate(found):
            own = prelim[k].country  # the countries of the other places: this one's only if named again
            context = countries - {own} if own and country_counts[own] == 1 else countries
            qual: str | None = None  # "Alexandria, Virginia": the next place qualifies this one
            if k + 1 < len(found) and found[k + 1][0] == e + 1 and doc[e].text == ",":
                qual = prelim[k + 1].country
            locs.append(_consistent(max(cands, key=lambda c: rank(c, context, qual)), doc[s:e].text, context, qual))
        for k, (s, e, text, cands) in enumerate(found):
            loc = _short_form(k, found, locs) or locs[k]
            span = doc[s:e]
            p = Place(article_id=ctx.article.id, text=span.text, start=span.start_char, end=span.end_char,
                      name=loc.name, country_code=loc.country, lat=loc.lat, lon=loc.lon, feature=loc.feature)
            ctx.places.append(p)
            for tok in span:
                place_at[tok.idx] = p
        ctx.place_at = place_at

    return places_component


#: a town below this population is not taken abroad when the article's other places lie elsewhere
SMALL_TOWN = 100_000


def _consistent(loc: Loc, text: str, context: set[str], qualifier: str | None) -> Loc:
    """The town the gazetteer offers, unless the article says it lies elsewhere: a town of another country
    than its qualifier ("Ancon, Peru" where the gazetteer knows only a Panamanian Ancón) is a town of the
    qualifier's country (no coordinates); a small town abroad while all the article's other places lie in one
    other country is a town of unknown country ("Ancon" in a story whose places are all Peruvian), not a foreign
    one (an article whose places span several countries keeps it: "Doha ... Kyiv ... Anapa")."""
    if loc.feature != "city" or (qualifier is None and not context) or loc.country in context:
        return loc
    if qualifier is not None:
        return loc if loc.country == qualifier else Loc(text, qualifier, None, None, "city", 0, 1)
    if len(context) == 1 and loc.population < SMALL_TOWN:
        return Loc(text, None, None, None, "city", 0, 1)
    return loc


def _short_form(k: int, found: list[tuple[int, int, str, list[Loc]]], locs: list[Loc]) -> Loc | None:
    """A generic short name ("the Gulf", "the Strait") is the water body or area of the article whose full name
    it begins or ends ("the Gulf of Mexico", "Kerch Strait"): the nearest one before it, else after it. Only a
    name whose every gazetteer reading lies in no country (no state, town or country is shortened so)."""
    text, cands = found[k][2], found[k][3]
    word = text[4:] if text.lower().startswith("the ") else text
    if " " in word or not word[:1].isalpha() or any(c.country is not None for c in cands):
        return None
    low = word.lower()

    def longer(j: int) -> bool:
        name = locs[j].name.lower().split()
        return j != k and len(name) > 1 and low in (name[0], name[-1]) and locs[j].feature in ("water", "region") \
            and not any(locs[j] is c for c in cands)

    before = [j for j in range(k - 1, -1, -1) if longer(j)]
    after = [j for j in range(k + 1, len(found)) if longer(j)]
    near = before or after
    return locs[near[0]] if near else None


def _blocked_chars(doc: Doc, ctx: Context) -> set[int]:
    """Character offsets inside person and organization names, up to a preposition ("the health ministry
    in Gaza": "Gaza" is still a place): no place starts there."""
    out: set[int] = set()
    for e in ctx.entities:
        if e.label in ("PERSON", "ORG") and e.kind in _NOT_PLACE_KINDS:
            span = doc.char_span(e.start, e.end, alignment_mode="expand")
            end = e.end
            if span is not None:
                end = next((t.idx for t in span if t.pos_ == "ADP" and t.i > span.start), e.end)
            out.update(range(e.start, end))
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


def _locative_use(span: Span, positions: dict[str, frozenset[str]], attribute_heads: frozenset[str]) -> bool:
    """A country written as a location: "in Qatar", "a tour of Saudi Arabia, Qatar and the UAE"."""
    root = span.root
    while root.dep_ == "conj" and root.head.i != root.i:
        root = root.head
    if root.dep_ != "pobj":
        return False
    prep = root.head
    word = prep.lower_
    if word in positions["locative_preps"]:
        return True
    if word in positions["from_preps"]:  # the noun just before "from" too: parsers attach it higher
        before = span.doc[prep.i - 1] if prep.i > 0 else prep.head
        return lemma_key(prep.head) not in attribute_heads and lemma_key(before) not in attribute_heads
    return word == "of" and lemma_key(prep.head) in positions["of_nouns"]


def _is_attribute(span: Span, attribute_heads: frozenset[str]) -> bool:
    """A place name compounded into a role or group noun ("Gaza militants", "Middle East adviser"), or
    hyphenated onto a word ("US-Israeli", "US-backed"). Possessives stay places ("Sevastopol's governor")."""
    root = span.root
    doc = span.doc
    if span.end + 1 < len(doc) and doc[span.end].text in ("-", "–") and \
            doc[span.end + 1].pos_ in ("ADJ", "PROPN", "NOUN", "VERB"):
        return True
    if root.head.i <= root.i:
        return False
    head = lemma_key(root.head)
    if root.dep_ == "poss":  # "Anapa's administration" acts; "Sevastopol's governor", "Anapa's beaches" are places
        return head in group_heads()
    return root.dep_ in ("compound", "amod", "nmod") and head in attribute_heads


def _local_office(span: Span, positions: dict[str, frozenset[str]]) -> bool:
    """A town compounded onto its local office ("the Homs governor said", "the Nalut council"): a place; not in a
    title before a name ("Krasnodar Governor Veniamin Kondratyev": part of the person's title)."""
    head = span.root.head
    if lemma_key(head) not in positions["local_heads"]:
        return False
    return not (head.dep_ == "compound" and head.head.pos_ == "PROPN")


def group_heads() -> frozenset[str]:
    return frozenset(n for ns in load_kb().nouns["group_nouns"].values() for n in ns)
