"""The data behind numeric claims, loaded once from ``resources/figures/*.json``.

Number words, units and currencies, qualifiers, the category lexicon (what is counted) and the attribution/time
context words. Everything the figures modules match against lives in these files, not in code branches.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

from ...errors import ConfigError
from ...resources import load_json


def _load(name: str) -> dict[str, Any]:
    data: dict[str, Any] = load_json("figures", name)
    return data


@dataclass(frozen=True, slots=True)
class Unit:
    name: str  # normalized unit ("dollar", "percent", "kilometre", "day")
    kind: str  # currency | percent | measure | time


@dataclass(frozen=True, slots=True)
class FiguresLexicon:
    # numbers
    units: dict[str, float]
    tens: dict[str, float]
    scales: dict[str, float]
    suffix_scales: dict[str, float]
    fractions: dict[str, float]
    numerators: dict[str, float]
    vague: dict[str, float]
    multiplicatives: dict[str, float]
    word_starts: frozenset[str]  # words that can start a number written in words
    ordinal_suffixes: frozenset[str]
    time_suffixes: frozenset[str]
    # units: token tuple (lower case unless case-sensitive) -> Unit; longest phrase length
    unit_phrases: dict[tuple[str, ...], Unit]
    unit_max_len: int
    case_sensitive: frozenset[str]
    currency_prefixes: dict[str, str]
    rate_suffixes: dict[tuple[str, ...], str]
    # qualifiers: token tuple -> (normalized, change)
    qualifiers_before: dict[tuple[str, ...], tuple[str, str]]
    qualifiers_after: dict[tuple[str, ...], tuple[str, str]]
    drop_qualifiers: frozenset[str]
    qualifier_bounds: dict[str, str]  # normalized qualifier -> lower | upper | approximate | estimate | exact
    # categories
    noun_classes: dict[str, frozenset[str]]
    rules: tuple[tuple[str, frozenset[str], str], ...]
    disease_words: frozenset[str]
    violence_words: frozenset[str]
    container_nouns: frozenset[str]
    money_category: str
    percent_category: str
    fallback_category: str
    # context
    reporting_verbs: frozenset[str]
    reporting_nouns: frozenset[str]
    speaker_nouns: frozenset[str]
    definite_determiners: frozenset[str]
    manner_nouns: frozenset[str]
    scope_events: dict[str, tuple[tuple[str, str], ...]]
    cause_verbs: frozenset[str]
    change_words: frozenset[str]
    day_parts: frozenset[str]
    event_nouns: frozenset[str]
    weekdays: dict[str, int]
    months: frozenset[str]
    name_markers: frozenset[str]
    # kinds (context.json "kinds")
    rate_heads: frozenset[str]
    increment_modifiers: frozenset[str]
    cumulative_words: frozenset[str]
    # resolvable source descriptions: head word -> spaCy entity label (context.json "source_descriptions")
    source_descriptions: dict[str, str]
    source_anaphors: frozenset[str]
    count_compounds: frozenset[str]
    place_adverbs: frozenset[str]  # "worldwide", "nationwide": a place scope written as an adverb  # "N-strong": a hyphenated count, not a classifier
    substance_units: frozenset[str] = frozenset()  # units of a bulk substance ("barrel", "litre"): class "substance"
    source_institutions: frozenset[str] = frozenset()  # name words of public bodies: no 'company' antecedent

    def classes_of(self, word: str | None) -> frozenset[str]:
        """Noun classes of a lemma or word form ('hostages', 'Gazans')."""
        if not word:
            return frozenset()
        w = word.lower()
        got = self.noun_classes.get(w)
        if got is None and w.endswith("s"):
            got = self.noun_classes.get(w[:-1])
        return got or frozenset()

    def bound_of(self, qualifier: str | None) -> str:
        """What ``qualifier`` (normalized or as written: 'no more than') says about the true value:
        lower | upper | approximate | estimate | exact (no qualifier, or one the data does not know)."""
        if not qualifier:
            return "exact"
        q = qualifier.lower().strip()
        if q not in self.qualifier_bounds:
            key = tuple(q.split())
            hit = self.qualifiers_before.get(key) or self.qualifiers_after.get(key)
            q = hit[0] if hit else q
        return self.qualifier_bounds.get(q, "exact")

    def unit_for(self, key: str) -> Unit | None:
        """The unit of a single glued suffix ("km", "GB", "%"), case-insensitive unless case-sensitive."""
        if key in self.case_sensitive:
            return self.unit_phrases.get((key,))
        return self.unit_phrases.get((key.lower(),))


BOUNDS = frozenset({"lower", "upper", "approximate", "estimate", "exact"})


def _bounds(quals: dict[str, Any]) -> dict[str, str]:
    bounds = {str(k): str(v) for k, v in quals["bounds"].items()}
    normalized = {v[0] for table in (quals["before"], quals["after"]) for v in table.values()}
    bad = {k: v for k, v in bounds.items() if v not in BOUNDS}
    missing = normalized - bounds.keys()
    if bad or missing:
        raise ConfigError(f"resources/figures/qualifiers.json: bounds must be one of {sorted(BOUNDS)} for every "
                         f"normalized qualifier (bad: {bad}, missing: {sorted(missing)})")
    return bounds


@functools.lru_cache(maxsize=1)
def load_lexicon() -> FiguresLexicon:
    nums = _load("number_words.json")
    units = _load("units.json")
    quals = _load("qualifiers.json")
    cats = _load("categories.json")
    ctx = _load("context.json")

    case_sensitive = frozenset(units["case_sensitive"])
    unit_phrases: dict[tuple[str, ...], Unit] = {}
    for kind, table in units["units"].items():
        for name, forms in table.items():
            for form in forms:
                key = tuple(form.split()) if form in case_sensitive else tuple(form.lower().split())
                unit_phrases.setdefault(key, Unit(name=name, kind=kind))
    rates = {tuple(k.lower().split()): v for k, v in units["rate_suffixes"].items()}

    def phrase_table(d: dict[str, list[str]]) -> dict[tuple[str, ...], tuple[str, str]]:
        return {tuple(k.lower().split()): (v[0], v[1]) for k, v in d.items()}

    noun_classes: dict[str, set[str]] = {}
    for cls, lemmas in cats["noun_classes"].items():
        for lemma in lemmas:
            noun_classes.setdefault(lemma.lower(), set()).add(cls)
    rules = tuple((r[0], frozenset(r[1]), r[2]) for r in cats["rules"])
    scope_events = {name: tuple((p[0], p[1]) for p in spec["pairs"]) for name, spec in ctx["scope_events"].items()}

    return FiguresLexicon(
        units={k: float(v) for k, v in nums["units"].items()},
        tens={k: float(v) for k, v in nums["tens"].items()},
        scales={k: float(v) for k, v in nums["scales"].items()},
        suffix_scales={k: float(v) for k, v in nums["suffix_scales"].items()},
        fractions={k: float(v) for k, v in nums["fractions"].items()},
        numerators={k: float(v) for k, v in nums["numerators"].items()},
        vague={k: float(v) for k, v in nums["vague"].items()},
        multiplicatives={k: float(v) for k, v in nums["multiplicatives"].items()},
        word_starts=frozenset({"a", "an", "dozen"} | set(nums["units"]) | set(nums["tens"]) | set(nums["vague"])
                              | set(nums["numerators"]) | set(nums["multiplicatives"])),
        ordinal_suffixes=frozenset(nums["ordinal_suffixes"]),
        time_suffixes=frozenset(s.lower() for s in nums["time_suffixes"]),
        unit_phrases=unit_phrases,
        unit_max_len=max(len(k) for k in unit_phrases),
        case_sensitive=case_sensitive,
        currency_prefixes=dict(units["currency_prefixes"]),
        rate_suffixes=rates,
        qualifiers_before=phrase_table(quals["before"]),
        qualifiers_after=phrase_table(quals["after"]),
        drop_qualifiers=frozenset(quals["drop_qualifiers"]),
        qualifier_bounds=_bounds(quals),
        noun_classes={k: frozenset(v) for k, v in noun_classes.items()},
        rules=rules,
        disease_words=frozenset(cats["disease_words"]),
        violence_words=frozenset(cats["violence_words"]),
        container_nouns=frozenset(cats["container_nouns"]),
        money_category=cats["money_category"],
        percent_category=cats["percent_category"],
        fallback_category=cats["fallback_category"],
        reporting_verbs=frozenset(ctx["reporting_verbs"]),
        reporting_nouns=frozenset(ctx["reporting_nouns"]),
        speaker_nouns=frozenset(ctx["speaker_nouns"]),
        definite_determiners=frozenset(ctx["definite_determiners"]),
        manner_nouns=frozenset(ctx["manner_nouns"]),
        scope_events=scope_events,
        cause_verbs=frozenset(ctx["cause_verbs"]),
        change_words=frozenset(ctx["change_words"]),
        day_parts=frozenset(ctx["day_parts"]),
        event_nouns=frozenset(ctx["event_nouns"]),
        weekdays={d: i for i, d in enumerate(ctx["weekdays"])},
        months=frozenset(ctx["months"]),
        name_markers=frozenset(ctx["name_markers"]),
        rate_heads=frozenset(ctx["kinds"]["rate_heads"]),
        increment_modifiers=frozenset(ctx["kinds"]["increment_modifiers"]),
        cumulative_words=frozenset(ctx["kinds"]["cumulative_words"]),
        source_descriptions={w: label for label in ("PERSON", "ORG") for w in ctx["source_descriptions"][label]},
        source_anaphors=frozenset(ctx["source_descriptions"]["anaphors"]),
        count_compounds=frozenset(nums.get("count_compounds", ())),
        place_adverbs=frozenset(ctx["place_adverbs"]),
        substance_units=frozenset(cats.get("substance_units", ())),
        source_institutions=frozenset(ctx["source_descriptions"].get("institutions", ())),
    )
