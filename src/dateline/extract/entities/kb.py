"""The offline actor knowledge base: states, organizations and people, loaded from data files.

Data (``dateline/resources/actors/``):

- ``states.csv``: one row per state (ISO 3166 alpha-3, short common name, aliases, demonyms, metonyms);
  any other ISO country comes from pycountry with its common name.
- ``organizations.yaml``, ``people.yaml``: canonical name, kind, country, aliases, roles with dates.
- ``nouns.yaml``: the lexicon of role nouns, group nouns, ministry topics (used by ``entities.mentions``).

Users add their own files (YAML with the same fields, or CSV with columns ``name,kind,country,aliases``
and optional ``role,start,end``; aliases separated by ``|``) with ``--actors FILE`` or ``DATELINE_ACTORS``
(paths separated by ``os.pathsep``). A user actor with the name of a built-in one extends it.

Lookups are by a normalized key (:func:`normalize`): case, diacritics, punctuation, a leading "the" and a
trailing possessive do not matter. The KB is loaded once per process per set of files.
"""
from __future__ import annotations

import csv
import functools
import os
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


from ...model import stable_id
from ...resources import load_text, parse_yaml
from ...resources import load_yaml as resource_yaml
from ...settings import Settings

_NON_ALNUM = re.compile(r"[^0-9a-z]+")
_POSSESSIVE = re.compile(r"['’]s?$")


def fold(text: str) -> str:
    """Lower case without diacritics (``"Türkiye" -> "turkiye"``)."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def normalize(text: str) -> str:
    """The lookup key of a name: folded, punctuation as spaces, no leading "the", no trailing "'s"."""
    s = fold(_POSSESSIVE.sub("", text.strip()))
    s = _NON_ALNUM.sub(" ", s).strip()
    if s.startswith("the "):
        s = s[4:]
    return s


def parse_date(value: Any, *, end: bool = False) -> str | None:
    """``2021``, ``2021-03`` or ``2021-03-19`` (or a YAML date) as a comparable ISO date string."""
    if value is None or value == "":
        return None
    s = str(value)
    if len(s) == 4:
        return s + ("-12-31" if end else "-01-01")
    if len(s) == 7:
        return s + ("-31" if end else "-01")
    return s[:10]


@dataclass(slots=True)
class Role:
    role: str
    org: str | None = None
    country: str | None = None
    start: str | None = None
    end: str | None = None

    def active(self, date: str | None) -> bool:
        if date is None:
            return self.end is None
        return (self.start is None or self.start <= date) and (self.end is None or date <= self.end)


@dataclass(slots=True)
class Actor:
    """One canonical actor. ``country`` is ISO alpha-3 or an IGO code (UN, EU, NATO ...)."""

    name: str
    kind: str
    country: str | None = None
    aliases: list[str] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)
    topic: str | None = None  # ministries: foreign, health, defence ...
    demonyms: list[str] = field(default_factory=list)  # states
    metonyms: list[str] = field(default_factory=list)  # states: capitals used for the government
    id: str = ""

    def __post_init__(self) -> None:
        if not self.id:
            self.id = stable_id("actor", self.name)

    def role_at(self, date: str | None) -> Role | None:
        """The role held at ``date`` (the latest-starting one); with no date, the current one."""
        active = [r for r in self.roles if r.active(date)]
        if not active:
            return None
        return max(active, key=lambda r: r.start or "")

    def latest_role(self) -> Role | None:
        return max(self.roles, key=lambda r: r.start or "", default=None)

    def country_at(self, date: str | None, kb: ActorKB) -> str | None:
        """The country an actor acts for at ``date``: its role's organization's (an IGO's code), else its own."""
        role = self.role_at(date)
        if role is not None:
            if role.country:
                return role.country
            org = kb.by_name.get(role.org or "")
            if org is not None and org.country and org.country not in kb.states:  # an IGO's code
                return org.country
        return self.country


@dataclass(slots=True)
class ActorKB:
    actors: list[Actor] = field(default_factory=list)
    by_name: dict[str, Actor] = field(default_factory=dict)
    #: normalized alias -> actors (several when an alias is ambiguous)
    aliases: dict[str, list[Actor]] = field(default_factory=lambda: defaultdict(list))
    #: normalized all-caps aliases that only match in capitals ("WHO", "US", "AP")
    exact_case: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    mixed_case: set[str] = field(default_factory=set)
    #: normalized demonym -> state actor ("qatari" -> Qatar)
    demonyms: dict[str, Actor] = field(default_factory=dict)
    #: normalized metonym -> state actor ("washington" -> United States)
    metonyms: dict[str, Actor] = field(default_factory=dict)
    states: dict[str, Actor] = field(default_factory=dict)  # ISO alpha-3 -> state
    by_kind_country: dict[tuple[str, str], list[Actor]] = field(default_factory=lambda: defaultdict(list))
    first_words: set[str] = field(default_factory=set)
    max_alias_words: int = 1
    nouns: dict[str, Any] = field(default_factory=dict)

    # -- building ---------------------------------------------------------------------------------
    def add(self, actor: Actor) -> Actor:
        known = self.by_name.get(actor.name)
        if known is not None:  # a later file extends an actor of the same name
            for a in actor.aliases:
                if a not in known.aliases:
                    known.aliases.append(a)
            known.roles.extend(actor.roles)
            known.kind = actor.kind or known.kind
            known.country = actor.country or known.country
            self._index(known, actor.aliases)
            return known
        self.actors.append(actor)
        self.by_name[actor.name] = actor
        if actor.kind == "state" and actor.country:
            self.states[actor.country] = actor
        if actor.country:
            self.by_kind_country[(actor.kind, actor.country)].append(actor)
        self._index(actor, [actor.name, *actor.aliases])
        for d in actor.demonyms:
            for form in _plurals(d):
                self.demonyms.setdefault(normalize(form), actor)
        for m in actor.metonyms:
            self.metonyms.setdefault(normalize(m), actor)
        return actor

    def _index(self, actor: Actor, names: list[str]) -> None:
        for name in names:
            key = normalize(name)
            if not key:
                continue
            if actor not in self.aliases[key]:
                self.aliases[key].append(actor)
            stripped = name.strip()
            if stripped.isupper() and len(key.replace(" ", "")) <= 5:
                self.exact_case[key].add(stripped.replace(".", ""))
            else:
                self.mixed_case.add(key)
            words = key.split()
            self.first_words.add(words[0])
            self.max_alias_words = max(self.max_alias_words, len(words))

    # -- lookups -----------------------------------------------------------------------------------
    def lookup(self, text: str, *, surface: str | None = None) -> list[Actor]:
        """Actors whose name or alias is ``text``; all-caps aliases need the same capitals in ``surface``."""
        key = normalize(text)
        found = self.aliases.get(key, [])
        if found and key in self.exact_case and key not in self.mixed_case:
            s = _POSSESSIVE.sub("", (surface if surface is not None else text).strip()).replace(".", "")
            if s.startswith(("the ", "The ")):
                s = s[4:]
            if s not in self.exact_case[key]:
                return []
        return found

    def state(self, iso3: str | None) -> Actor | None:
        return self.states.get(iso3 or "")

    def of_kind(self, kind: str, country: str | None) -> list[Actor]:
        return self.by_kind_country.get((kind, country or ""), [])

    def ministry(self, country: str | None, topic: str) -> Actor | None:
        for a in self.of_kind("ministry", country):
            if a.topic == topic:
                return a
        return None

    def counts(self) -> tuple[int, int]:
        """(actors, aliases) in the KB."""
        return len(self.actors), len(self.aliases)


def _plurals(demonym: str) -> list[str]:
    forms = [demonym]
    if not demonym.endswith(("s", "sh", "ch", "ese")):
        forms.append(demonym + "s")
    return forms


#: kinds that act for their state: a government, its ministries, forces and agencies
NATIONAL_KINDS = frozenset({"state", "government", "military", "ministry", "intelligence agency", "police",
                            "legislature"})


def acting_for(entity: Any, kb: ActorKB) -> str | None:
    """The name an entity acts under in an event: national bodies (and an unnamed office holder, "the Israeli
    prime minister") -> their state's short name; anything else -> its canonical name.

    ``entity`` is an :class:`~dateline.model.Entity` (or any object with ``canonical``, ``kind``, ``country``
    and ``label``)."""
    canonical = getattr(entity, "canonical", None)
    kind = getattr(entity, "kind", None)
    country = getattr(entity, "country", None)
    unnamed_person = kind == "person" and getattr(entity, "label", None) == "ACTOR"
    if (kind in NATIONAL_KINDS or unnamed_person) and country in kb.states:
        return kb.states[country].name
    return canonical


# -- loading -------------------------------------------------------------------------------------
def _split(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, list):
        return [str(v).strip() for v in value if str(v).strip()]
    return [v.strip() for v in str(value).split("|") if v.strip()]




def _actor_from_dict(d: dict[str, Any], default_kind: str) -> Actor:
    roles = []
    for r in d.get("roles") or []:
        roles.append(Role(role=str(r["role"]), org=r.get("org"), country=r.get("country"),
                          start=parse_date(r.get("start")), end=parse_date(r.get("end"), end=True)))
    if d.get("role"):  # CSV shorthand: one role per row
        roles.append(Role(role=str(d["role"]), org=d.get("org") or None,
                          start=parse_date(d.get("start")), end=parse_date(d.get("end"), end=True)))
    return Actor(name=str(d["name"]).strip(), kind=str(d.get("kind") or default_kind).strip(),
                 country=(str(d["country"]).strip() or None) if d.get("country") else None,
                 aliases=_split(d.get("aliases")), roles=roles, topic=d.get("topic"))


def _load_states(kb: ActorKB) -> None:
    import pycountry

    rows = {r["iso3"]: r for r in csv.DictReader(load_text("actors", "states.csv").splitlines())}
    for c in pycountry.countries:
        row = rows.pop(c.alpha_3, None)
        official = [c.name, getattr(c, "official_name", None), getattr(c, "common_name", None)]
        if row is not None:
            name, aliases = row["name"], _split(row["aliases"])
            demonyms, metonyms = _split(row["demonyms"]), _split(row["metonyms"])
        else:
            name, aliases, demonyms, metonyms = getattr(c, "common_name", None) or c.name, [], [], []
        aliases += [a for a in official if a and a != name and a not in aliases]
        kb.add(Actor(name=name, kind="state", country=c.alpha_3, aliases=aliases, demonyms=demonyms,
                     metonyms=metonyms))
    for iso3, row in rows.items():  # states pycountry lacks (Kosovo)
        kb.add(Actor(name=row["name"], kind="state", country=iso3, aliases=_split(row["aliases"]),
                     demonyms=_split(row["demonyms"]), metonyms=_split(row["metonyms"])))


def _load_user_file(kb: ActorKB, path: Path) -> None:
    if not path.is_file():
        raise FileNotFoundError(f"actors file not found: {path}")
    text = path.read_text(encoding="utf-8")
    if path.suffix.lower() == ".csv":
        records: list[dict[str, Any]] = list(csv.DictReader(text.splitlines()))
    else:
        data = parse_yaml(text, str(path)) or []
        records = data.get("actors", []) if isinstance(data, dict) else data
    for d in records:
        if not d.get("name"):
            continue
        kind = "person" if d.get("roles") and not d.get("kind") else "organization"
        kb.add(_actor_from_dict(d, kind))


def user_files_from_env() -> tuple[str, ...]:
    """The actor files of the settings (``DATELINE_ACTORS``), read when asked: a pipeline made later sees them."""
    raw = Settings.from_env().actors
    return tuple(p for p in raw.split(os.pathsep) if p.strip())


#: load the converted Phoenix actor dictionary behind the hand-made files: False, True (every person and group,
#: ``resources/actors/phoenix.yaml``), or "titled" (only people holding a titled role: "prime minister",
#: "secretary of state" ..., from the dictionary's section comments or titled aliases, not CountryInfo's untitled
#: "official"s; ``phoenix_titled.yaml``). All of it lowered the PLOVER check half (actor+action+target 0.682 ->
#: 0.664, bench/events.py, sessions 8-12); "titled" changes no events, statements, attribution, figures or places
#: number (session 12) and is the default: the people a role description ("the Greek prime minister") resolves to
#: on the article's date.
PHOENIX: bool | str = "titled"
#: Phoenix roles that name no office a description could use ("official", the CAMEO sector codes "eli", "bus" ...)
UNTITLED = frozenset({"official", "member"})


def titled(d: dict[str, Any]) -> bool:
    """Whether a converted Phoenix record holds a titled role (``scripts/phoenix_actors.py`` writes those apart)."""
    return any(str(r.get("role")) not in UNTITLED and len(str(r.get("role"))) > 3 for r in d.get("roles") or [])


def _load_phoenix(kb: ActorKB, titled_only: bool = False) -> None:
    """Phoenix people (titles, dated roles) and non-state groups (``titled_only``: people with a titled role
    only); a name or alias the KB already holds is not taken again (the hand-made entries win), so the converted
    file only adds actors."""
    for d in resource_yaml("actors", "phoenix_titled.yaml" if titled_only else "phoenix.yaml"):
        if titled_only and not titled(d):
            continue
        if kb.aliases.get(normalize(str(d["name"]))):
            continue
        d = {**d, "aliases": [a for a in d.get("aliases") or [] if not kb.aliases.get(normalize(a))]}
        kb.add(_actor_from_dict(d, str(d.get("kind") or "person")))


@functools.lru_cache(maxsize=8)
def load_kb(extra_files: tuple[str, ...] = ()) -> ActorKB:
    """The built-in KB plus ``extra_files`` (cached per tuple of paths)."""
    kb = ActorKB()
    _load_states(kb)
    for d in resource_yaml("actors", "organizations.yaml"):
        kb.add(_actor_from_dict(d, "organization"))
    for d in resource_yaml("actors", "people.yaml"):
        kb.add(_actor_from_dict(d, "person"))
    if PHOENIX:
        _load_phoenix(kb, titled_only=PHOENIX == "titled")
    for p in extra_files:
        _load_user_file(kb, Path(p))
    kb.nouns = resource_yaml("actors", "nouns.yaml")
    return kb
