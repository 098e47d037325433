"""Linking one name to the actor KB: exact alias, in-article surname, fuzzy (rapidfuzz), gazetteer, unknown.

A :class:`Link` is what an ``Entity`` gets: canonical name, kind, country, actor id and role.
Unknown named actors are never dropped: they get a stable id from their kind and normalized name, and
a country from their context when the caller has one.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

from rapidfuzz import fuzz, process

from ...labels import AGENT_LABELS, NAME_LABELS
from ...model import stable_id
from .kb import Actor, ActorKB, normalize
from ..places.gazetteer import Gazetteer, Loc

#: spaCy labels -> KB kinds an alias may have under that label (None: any)
_LABEL_KINDS: dict[str, tuple[str, ...] | None] = {
    "PERSON": ("person",),
    "GPE": None,
    "NORP": None,
    "ORG": None,
    "LOC": None,
    "FAC": None,
}
#: kinds that are not actors (places, events): kept as entities, left out of ``actor_at``
NON_ACTOR_KINDS = frozenset({"location", "facility", "event", "work of art", "law", "language", "product"})
_UNKNOWN_KIND = {"PERSON": "person", "ORG": "organization", "NORP": "group", "GPE": "location",
                 "LOC": "location", "FAC": "facility", "EVENT": "event", "ACTOR": "group"}
LOCATIVE_PREPS = frozenset({"in", "at", "to", "from", "near", "into", "inside", "outside", "across", "around",
                            "through", "toward", "towards", "via", "within", "throughout", "over", "off"})


@dataclass(slots=True)
class Link:
    canonical: str | None
    kind: str | None
    country: str | None
    actor_id: str | None
    role: str | None = None
    actor: Actor | None = None  # the KB actor, when there is one
    how: str = "alias"  # alias, demonym, metonym, surname, fuzzy, gazetteer, unknown, group, description, acronym

    @property
    def is_actor(self) -> bool:
        return self.kind is not None and self.kind not in NON_ACTOR_KINDS


def actor_link(actor: Actor, kb: ActorKB, date: str | None, how: str = "alias") -> Link:
    role = None
    if actor.kind == "person":
        r = actor.role_at(date) or (actor.latest_role() if date is None else None)
        role = r.role if r else None
    return Link(actor.name, actor.kind, actor.country_at(date, kb) if actor.kind == "person" else actor.country,
                actor.id, role, actor, how)


def unknown_link(name: str, label: str, country: str | None = None, kind: str | None = None) -> Link:
    kind = kind or _UNKNOWN_KIND.get(label, label.lower())
    canonical = " ".join(name.split())
    return Link(canonical, kind, country, stable_id("actor", kind, normalize(name)), None, None, "unknown")


def place_link(loc: Loc) -> Link:
    if loc.feature == "country":
        return Link(loc.name, "state", loc.country, None, None, None, "gazetteer")
    return Link(loc.name, "location", loc.country, stable_id("place", loc.name, loc.country), None, None,
                "gazetteer")


class Linker:
    """Alias, fuzzy and gazetteer lookups for one KB (built once per pipeline)."""

    def __init__(self, kb: ActorKB, gazetteer: Gazetteer, fuzzy_cutoff: float = 90.0) -> None:
        self.kb = kb
        self.gz = gazetteer
        self.fuzzy_cutoff = fuzzy_cutoff
        persons: list[str] = []
        others: list[str] = []
        for key, actors in kb.aliases.items():
            if len(key) < 5 or key in kb.exact_case:
                continue
            if any(a.kind == "person" for a in actors):
                if " " in key:
                    persons.append(key)
            else:
                others.append(key)
        self._fuzzy = {"person": persons, "other": others}
        titles = sorted((normalize(t) for t in kb.nouns.get("titles", [])), key=len, reverse=True)
        self._titles = tuple(t + " " for t in titles if t)

    # -- helpers -----------------------------------------------------------------------------------
    def strip_title(self, key: str) -> str:
        changed = True
        while changed:
            changed = False
            for t in self._titles:
                if key.startswith(t) and len(key) > len(t):
                    key = key[len(t):]
                    changed = True
        return key

    def choose(self, actors: list[Actor], date: str | None, context: set[str]) -> Actor:
        """Several actors share an alias: the one in office at ``date``, in the article's countries, first listed."""
        if len(actors) == 1:
            return actors[0]
        order = {id(a): i for i, a in enumerate(actors)}

        def score(a: Actor) -> tuple[bool, bool, int]:
            in_office = a.kind != "person" or not a.roles or a.role_at(date) is not None
            return in_office, (a.country or "") in context, -order[id(a)]

        return max(actors, key=score)

    def fuzzy(self, key: str, group: str) -> list[Actor]:
        if len(key) < 6:
            return []
        hit = process.extractOne(key, self._fuzzy[group], scorer=fuzz.ratio, score_cutoff=self.fuzzy_cutoff)
        return self.kb.aliases[hit[0]] if hit else []

    # -- linking -----------------------------------------------------------------------------------
    def link_name(self, text: str, label: str, *, date: str | None, context: set[str],
                  locative: bool = False, actor_position: bool = True,
                  surnames: dict[str, Link] | None = None) -> Link:
        """The link of a named mention (``text`` as written, ``label`` from NER or the KB scan).

        ``locative``: the object of "in", "at", "from" ... (a place use); ``actor_position``: a subject,
        object, possessor or agent (where a capital stands for its government: "Washington refused").
        """
        kb = self.kb
        key = normalize(text)
        if label == "PERSON":
            key = self.strip_title(key)
        if not key:
            return unknown_link(text, label)
        if surnames and label in NAME_LABELS and len(key.split()) <= 2 and key in surnames:
            return replace(surnames[key], how="surname")
        allowed = _LABEL_KINDS.get(label)
        found = [a for a in kb.lookup(key, surface=text) if allowed is None or a.kind in allowed]
        if label == "PERSON" and not found:
            found = [a for a in kb.lookup(text) if a.kind == "person"]
        if found:
            actor = self.choose(found, date, context)
            if actor.kind == "state" and locative and label in ("GPE", "LOC"):
                loc = self.gz.best(text, context)
                if loc is not None and loc.feature != "country":
                    return place_link(loc)
            return actor_link(actor, kb, date)
        if label in ("NORP", "GPE", "ORG") and key in kb.demonyms:
            return actor_link(kb.demonyms[key], kb, date, "demonym")
        if label == "NORP" and key in self.gz.demonyms:
            return place_link(self.gz.demonyms[key])
        dateline = text.isupper() and len(key) > 3
        if label in ("GPE", "ORG") and key in kb.metonyms and actor_position and not locative and not dateline:
            return actor_link(kb.metonyms[key], kb, date, "metonym")
        if label in ("GPE", "LOC", "FAC"):
            loc = self.gz.best(text, context)
            if loc is not None:
                if loc.feature == "country" and loc.country in kb.states:
                    return actor_link(kb.states[loc.country], kb, date, "gazetteer")
                return place_link(loc)
        if label in AGENT_LABELS and self._place_like(text, key, label, locative, dateline):
            loc = self.gz.best(text, context)
            if loc is not None:
                if loc.feature == "country" and loc.country in kb.states:
                    return actor_link(kb.states[loc.country], kb, date, "gazetteer")
                return place_link(loc)
        if label in AGENT_LABELS:
            group = "person" if label == "PERSON" else "other"
            if group == "other" or " " in key:
                fz = [a for a in self.fuzzy(key, group) if allowed is None or a.kind in allowed]
                if fz:
                    return actor_link(self.choose(fz, date, context), kb, date, "fuzzy")
        return unknown_link(text, label, kind=self.org_kind(key) if label == "ORG" else None)

    def _place_like(self, text: str, key: str, label: str, locative: bool, dateline: bool) -> bool:
        """NER often labels places PERSON or ORG ("Khan Younis", "Anapa", the dateline "DOHA"): an unknown
        name that the gazetteer knows is a place when it is a curated region, a dateline, in a locative
        position, or (not for people's names) any gazetteer name; a one-word PERSON must be a city of 100,000.
        A water body's name is a place only where NER says so or in a locative position ("Amazon" the company)."""
        cands = self.gz.lookup(text)
        if not locative:
            cands = [c for c in cands if c.feature != "water"]
        if not cands:
            return False
        if dateline or locative or any(c.priority >= 4 for c in cands):
            return True
        if label != "PERSON":
            return not any(w in self.kb.nouns.get("org_name_kinds", {}) for w in key.split())
        return " " not in key and any(c.population >= 100_000 for c in cands)

    def org_kind(self, key: str) -> str:
        kinds = self.kb.nouns.get("org_name_kinds", {})
        for word in reversed(key.split()):
            if word in kinds:
                return str(kinds[word])
        return "organization"

    def owner_token(self, text: str, date: str | None) -> Link | None:
        """A one-word owner of a group noun: demonym ("Qatari") or alias ("Hamas", "US")."""
        key = normalize(text)
        if key in self.kb.demonyms:
            return actor_link(self.kb.demonyms[key], self.kb, date, "demonym")
        if key in self.gz.demonyms:
            return place_link(self.gz.demonyms[key])
        found = self.kb.lookup(key, surface=text)
        if found:
            return actor_link(found[0], self.kb, date)
        return None
