"""Entities with canonical actors: spaCy NER + the offline actor KB (``entities.kb``), role appositions and
group nouns (``entities.mentions``, ``entities.groups``).

Every NER entity is kept (labels PERSON, ORG, GPE, NORP, LOC, FAC, EVENT) and linked: ``canonical``,
``kind``, ``country`` (ISO alpha-3 or an IGO code), ``actor_id`` and ``role`` (for people: the role written
beside the name, else the KB role held at the article's date). KB aliases that NER missed ("Axios") are
added with the label of their kind; actor mentions that are not names ("Hamas representatives",
"Qatari and Egyptian mediators", "the Israeli military") get label ``ACTOR``.

For later components (events) the component fills the typed ``Context`` fields ``actor_at`` (token offset ->
the actor it stands for: the mention whose head is that token, else the smallest mention covering it;
"mediators" in "Qatari and Egyptian mediators" -> the first of its two actors), ``actors_at`` (every actor a
token stands for: "leaders" in "the leaders of the US, Egypt and Qatar" -> three actors) and ``actor_kb``
(see ``dateline.extract.registry.Context``).

Configuration: ``Pipeline(config={"entities": {"actors_file": "my_actors.yaml"}})`` (a path or a list),
or the environment variable ``DATELINE_ACTORS`` (paths separated by ``os.pathsep``).
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import replace

from spacy.tokens import Doc, Token

from ...labels import ENTITY_LABELS
from ...model import Entity, stable_id
from .groups import GroupFinder, GroupMention
from .kb import ActorKB, load_kb, normalize, user_files_from_env
from .link import Link, Linker, actor_link
from .mentions import Descriptor, Mention, descriptors, dateline_mention, is_actor_position, is_locative, locative_names, named_mentions
from ..places.gazetteer import load_gazetteer
from ..registry import Component, Context, register

LABELS = ENTITY_LABELS
_PARTICLES = frozenset({"al", "el", "bin", "ibn", "abu", "van", "von", "de", "da", "di", "le", "la", "ben"})


def _files(actors_file: str | Sequence[str] | None) -> tuple[str, ...]:
    if not actors_file:
        return ()
    if isinstance(actors_file, str):
        return (actors_file,)
    return tuple(str(p) for p in actors_file)


@register("entities", reads=("dct",), assigns=("entities", "actor_at", "actors_at", "actor_kb"))
def make_entities(labels: frozenset[str] = LABELS, actors_file: str | Sequence[str] | None = None,
                  fuzzy_cutoff: float = 90.0) -> Component:
    own = _files(actors_file)
    state: dict[str, object] = {}

    def setup() -> tuple[ActorKB, Linker, GroupFinder, frozenset[str]]:
        """The KB for the configured files plus ``DATELINE_ACTORS`` (re-read when the variable changes)."""
        files = own + user_files_from_env()
        if state.get("files") != files:
            kb = load_kb(files)
            linker = Linker(kb, load_gazetteer(), fuzzy_cutoff)
            state.update(files=files, parts=(kb, linker, GroupFinder(kb, linker), frozenset(kb.nouns["role_nouns"])))
        return state["parts"]  # type: ignore[return-value]

    setup()

    def entities_component(doc: Doc, ctx: Context) -> None:
        kb, linker, groups, role_nouns = setup()
        date = ctx.article.dct
        mentions = named_mentions(doc, kb, frozenset(labels))
        extra = locative_names(doc, linker.gz, mentions) + dateline_mention(
            doc, linker.gz, mentions, (ctx.article.dateline_start or 0, ctx.article.dateline_end or 0))
        if extra:
            mentions = sorted(mentions + extra, key=lambda m: (m.start, m.end))
        mention_at = {i: m for m in mentions for i in range(m.start, m.end)}
        _link_mentions(doc, mentions, linker, kb, date)
        _spelled_out_acronyms(doc, mentions)
        skip = _apply_descriptors(doc, mentions, mention_at, kb, role_nouns)
        named = Counter(m.link.actor.name for m in mentions if m.link and m.link.actor is not None)
        rank = _country_rank(doc, mentions, kb)
        _link_group_names(doc, mentions, mention_at, groups, date, named, rank)
        found = groups.find(doc, mention_at, skip, date, named, rank)
        _records(doc, ctx, mentions, found, kb)

    return entities_component


def _link_mentions(doc: Doc, mentions: list[Mention], linker: Linker, kb: ActorKB, date: str | None) -> None:
    context: set[str] = set()
    for m in mentions:  # the article's states first: they settle ambiguous names
        if any(a.kind == "state" for a in m.scanned):
            context.update(a.country for a in m.scanned if a.kind == "state" and a.country)
        else:
            key = normalize(doc[m.start:m.end].text)
            if key in kb.demonyms and kb.demonyms[key].country:
                context.add(kb.demonyms[key].country or "")
    later: list[Mention] = []
    for m in mentions:
        span = doc[m.start:m.end]
        if m.label == "PERSON" and len(normalize(span.text).split()) == 1 and not m.scanned:
            later.append(m)
            continue
        m.link = _link_one(doc, m, linker, kb, date, context, None)
    surnames = _surnames(doc, mentions)
    for m in later:
        m.link = _link_one(doc, m, linker, kb, date, context, surnames)
    for m in mentions:  # single-word unknown names that are a surname of the article ("Kamel said")
        if m.link is not None and m.link.how == "unknown" and m.label in ("ORG", "GPE", "NORP"):
            key = normalize(doc[m.start:m.end].text)
            if key in surnames and len(key.split()) <= 2:
                m.link = replace(surnames[key], how="surname")


#: words an acronym leaves out ("Democratic Republic of the Congo" -> DRC)
_NOT_INITIALS = frozenset({"of", "the", "and", "for", "on", "in", "de", "du", "des", "la", "le", "el", "al", "&"})


def _initials(text: str) -> str:
    """The capitals an acronym of ``text`` would have ("Rapid Support Forces" -> "RSF"); "" unless every other
    word is capitalised and there are two or more."""
    words = [w for w in re.split(r"[\s\-]+", text) if w and w.lower() not in _NOT_INITIALS]
    if len(words) < 2 or not all(w[0].isupper() for w in words):
        return ""
    return "".join(w[0] for w in words)


def _spelled_out_acronyms(doc: Doc, mentions: list[Mention]) -> None:
    """An all-capitals short name whose letters are the initials of a name the article writes out ("the Rapid
    Support Forces ... the RSF") is that name, whatever else the KB knows by those letters (Reporters Without
    Borders is also "RSF"): the article defines its abbreviations (Schwartz & Hearst 2003)."""
    spelled: dict[str, Link] = {}
    for m in mentions:
        if m.link is not None and m.label != "PERSON" and m.end - m.start > 1:
            spelled.setdefault(_initials(doc[m.start:m.end].text), m.link)
    spelled.pop("", None)
    if not spelled:
        return
    for m in mentions:
        text = doc[m.start:m.end].text
        full = spelled.get(text) if 2 <= len(text) <= 6 and text.isalpha() and text.isupper() else None
        if full is not None and (m.link is None or m.link.actor_id != full.actor_id):
            m.link = replace(full, how="acronym")


def _link_one(doc: Doc, m: Mention, linker: Linker, kb: ActorKB, date: str | None, context: set[str],
              surnames: dict[str, Link] | None) -> Link:
    span = doc[m.start:m.end]
    locative = is_locative(span)
    if m.scanned:
        actor = linker.choose(m.scanned, date, context)
        if actor.kind == "state" and locative:
            return linker.link_name(span.text, "GPE", date=date, context=context, locative=True)
        return actor_link(actor, kb, date)
    link = linker.link_name(span.text, m.label, date=date, context=context, locative=locative,
                            actor_position=is_actor_position(span), surnames=surnames)
    if m.label == "NORP" and link.kind in ("state", "location") and span.root.tag_ in ("NNPS", "NNS"):
        # "Palestinians", "Gazans": the people, not the state or the place
        return Link(span.text, "people", link.country, stable_id("actor", "people", normalize(span.text)),
                    None, None, "demonym")
    return link


def _country_rank(doc: Doc, mentions: list[Mention], kb: ActorKB) -> Callable[[Token], list[str]]:
    """``rank(tok)``: the states named in the token's sentence, then in the article, most mentioned first."""
    by_sent: dict[int, Counter[str]] = {}
    article: Counter[str] = Counter()
    for m in mentions:
        c = m.link.country if m.link is not None else None
        if c and c in kb.states and m.link is not None and m.link.kind != "person":
            by_sent.setdefault(doc[m.start].sent.start, Counter())[c] += 1
            article[c] += 1
    ranked = [c for c, _ in article.most_common()]

    def rank(tok: Token) -> list[str]:
        near = [c for c, _ in by_sent.get(tok.sent.start, Counter()).most_common()]
        return near + [c for c in ranked if c not in near]

    return rank


def _link_group_names(doc: Doc, mentions: list[Mention], mention_at: dict[int, Mention], groups: GroupFinder,
                      date: str | None, named: Counter[str], rank: Callable[[Token], list[str]]) -> None:
    """NER names that are a group noun phrase ("the health ministry", "navy", "the Emergencies Ministry")
    and are not in the KB: resolved like group nouns (owners, or the article's ministry of that topic)."""
    for m in mentions:
        if m.link is None or m.link.how != "unknown" or m.label not in ("ORG", "NORP"):
            continue
        root = doc[m.head]
        noun = groups.noun_at(doc, root)
        if noun is None:
            continue
        others = {i: x for i, x in mention_at.items() if x is not m}
        found = groups.resolve(doc, root, noun[0], noun[1], others, date, named, {}, rank)
        if found:
            m.link = found[0].link


def _surnames(doc: Doc, mentions: list[Mention]) -> dict[str, Link]:
    """Last names (and "al-X"-style two-word ends) of the article's people, for "Burns said"."""
    out: dict[str, Link] = {}
    for m in mentions:
        link = m.link
        if link is None or link.kind != "person":
            continue
        names = [doc[m.start:m.end].text]
        if link.actor is not None:
            names += [link.actor.name, *link.actor.aliases]
        for name in names:
            words = normalize(name).split()
            if len(words) < 2:
                continue
            out.setdefault(words[-1], link)
            if len(words) >= 3 and words[-2] in _PARTICLES:
                out.setdefault(" ".join(words[-2:]), link)
    return out


def _apply_descriptors(doc: Doc, mentions: list[Mention], mention_at: dict[int, Mention], kb: ActorKB,
                       role_nouns: frozenset[str]) -> set[int]:
    """Roles and countries from appositions of people; returns the descriptor tokens (not group nouns)."""
    skip: set[int] = set()
    for m in mentions:
        if m.label != "PERSON" or m.link is None or m.link.kind != "person":
            continue
        for d in descriptors(doc, m, mention_at, role_nouns):
            skip.update(range(d.start, d.end))
            m.link.role = d.text
            if m.link.actor is None and m.link.country is None:
                m.link.country = _descriptor_country(doc, d, mention_at, kb)
            break
    return skip


def _descriptor_country(doc: Doc, d: Descriptor, mention_at: dict[int, Mention], kb: ActorKB) -> str | None:
    """The country a role phrase names, nearest to the name first ("Qatar foreign ministry spokesperson")."""
    for i in reversed(d.tokens):
        m = mention_at.get(i)
        if m is not None and m.link is not None and m.link.country:
            return m.link.country
        key = normalize(doc[i].text)
        if key in kb.demonyms:
            return kb.demonyms[key].country
    if d.possessor is not None:
        m = mention_at.get(d.possessor)
        if m is not None and m.link is not None:
            return m.link.country
    return None


def _entity(doc: Doc, ctx: Context, start: int, end: int, label: str, link: Link | None) -> Entity:
    span = doc[start:end]
    e = Entity(article_id=ctx.article.id, text=span.text, start=span.start_char, end=span.end_char, label=label)
    if link is not None:
        e.canonical, e.kind, e.country, e.actor_id, e.role = (link.canonical, link.kind, link.country,
                                                              link.actor_id, link.role)
    return e


def _records(doc: Doc, ctx: Context, mentions: list[Mention], found: list[GroupMention], kb: ActorKB) -> None:
    heads: dict[int, list[Entity]] = {}
    spans: list[tuple[int, int, Entity]] = []
    for m in mentions:
        e = _entity(doc, ctx, m.start, m.end, m.label, m.link)
        ctx.entities.append(e)
        if m.link is not None and m.link.is_actor:
            heads.setdefault(doc[m.head].idx, []).append(e)
            spans.append((m.start, m.end, e))
    for g in found:
        e = _entity(doc, ctx, g.start, g.end, "ACTOR", g.link)
        ctx.entities.append(e)
        heads.setdefault(doc[g.head].idx, []).append(e)
        spans.append((g.start, g.end, e))
    actor_at: dict[int, Entity] = {}
    actors_at: dict[int, list[Entity]] = {}
    for start, end, e in sorted(spans, key=lambda x: x[1] - x[0], reverse=True):
        for i in range(start, end):  # smaller mentions overwrite larger ones
            actor_at[doc[i].idx] = e
            actors_at[doc[i].idx] = [e]
    for idx, ents in heads.items():
        actor_at[idx] = ents[0]
        actors_at[idx] = ents
    ctx.actor_at = actor_at
    ctx.actors_at = actors_at
    ctx.actor_kb = kb
