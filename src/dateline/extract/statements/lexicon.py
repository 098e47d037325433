"""The data behind attributed statements, loaded once from ``resources/statements/*.tsv``.

Cue verbs (with their class and what a direct object means), news outlets with their aliases, the head nouns
and phrases of anonymous sources, organization and document head nouns, and speaker pronouns.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass


from ...resources import load_lines, load_text, load_yaml


@dataclass(frozen=True, slots=True)
class Cue:
    lemma: str
    cls: str  # speech | belief
    obj: str  # hearer | content | quote | -


@dataclass(frozen=True, slots=True)
class Lexicon:
    cues: dict[str, Cue]
    #: alias -> canonical outlet name
    outlets: dict[str, str]
    #: matches any outlet alias on word boundaries (case-sensitive)
    outlet_re: re.Pattern[str]
    #: a capitalized name ending in an outlet word ("Meridian Wire", "Northline News")
    outlet_name_re: re.Pattern[str]
    anonymous_heads: frozenset[str]
    anonymous_re: re.Pattern[str]
    organization_heads: frozenset[str]
    document_heads: frozenset[str]  # documents relayed by the press (report, tally, poll, copy ...)
    issued_heads: frozenset[str]  # documents issued by a speaker (statement, communique ...)
    pronouns: dict[str, str]
    #: labels before a colon that are not speakers ("Note:", "Update:")
    colon_skip: frozenset[str]
    #: broad-sense cue verbs learnt from PolNeAR train (lemma -> share of its occurrences that are cues)
    broad_cues: dict[str, float]
    #: broad-sense verb + preposition cues learnt from PolNeAR train ("refer to", "talk about", "call for")
    broad_preps: dict[str, frozenset[str]]
    #: broad-sense predicative adjectives learnt from PolNeAR train ("is critical of", "was confident that")
    broad_adjs: frozenset[str] = frozenset()
    #: broad-sense cue nouns learnt from PolNeAR train ("his criticism of", "the claim that")
    broad_nouns: frozenset[str] = frozenset()
    #: nouns naming a person by role ("minister", "bassist"): the actor dictionaries' role nouns and ours
    person_nouns: frozenset[str] = frozenset()

    def cue_for(self, lemma: str, broad: bool) -> Cue | None:
        """The cue a verb lemma is: speech cues always; in the broad sense, also the verbs learnt from PolNeAR
        (hand-listed belief verbs only when the data confirms them)."""
        info = self.cues.get(lemma)
        if not broad:
            return info if info is not None and info.cls != "belief" else None
        if info is not None and (info.cls != "belief" or lemma in self.broad_cues):
            return info
        if lemma in self.broad_cues:
            return Cue(lemma, "belief", "content")
        return None

    def outlet_in(self, text: str) -> tuple[str, int, int] | None:
        """The first outlet named in ``text``: (canonical name, start, end) or None."""
        m = self.outlet_re.search(text)
        if m is None:
            return None
        return self.outlets[m.group(0)], m.start(), m.end()


def _rows(name: str) -> list[list[str]]:
    raw = load_text("statements", name)
    rows = []
    for line in raw.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        rows.append(line.rstrip("\n").split("\t"))
    return rows


@functools.lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    cues: dict[str, Cue] = {}
    for lemma, cls, obj in _rows("cues.tsv"):
        cues.setdefault(lemma, Cue(lemma, cls, obj))
    outlets: dict[str, str] = {}
    for canonical, aliases in _rows("outlets.tsv"):
        for alias in aliases.split("|"):
            outlets[alias] = canonical
    alias_alt = "|".join(re.escape(a) for a in sorted(outlets, key=len, reverse=True))
    outlet_re = re.compile(rf"(?<![\w-])(?:{alias_alt})(?![\w-])")
    words = load_lines("statements", "outlet_words.txt")
    outlet_name_re = re.compile(r"\b(?:The )?(?:[A-Z][\w&'.-]*\s){1,3}(?:%s)\b" % "|".join(map(re.escape, words)))
    anon_heads, anon_patterns = set(), []
    for kind, value in _rows("anonymous.tsv"):
        (anon_heads.add(value) if kind == "head" else anon_patterns.append(value))
    heads: dict[str, set[str]] = {"org": set(), "document": set(), "issued": set()}
    for kind, value in _rows("organizations.tsv"):
        heads[kind].add(value)
    pronouns = {p: k for p, k in _rows("pronouns.tsv")}
    broad_cues: dict[str, float] = {}
    preps: dict[str, set[str]] = {}
    broad_adjs: set[str] = set()
    broad_nouns: set[str] = set()
    for row in _rows("cues_broad.tsv"):
        if row[1].isalpha():  # "lemma <TAB> preposition <TAB> ..." lines
            preps.setdefault(row[0], set()).add(row[1])
        elif row[0].startswith("adj:"):  # "is critical of", "was confident that"
            broad_adjs.add(row[0][4:])
        elif row[0].startswith("noun:"):  # "his criticism of", "the claim that"
            broad_nouns.add(row[0][5:])
        else:
            broad_cues[row[0]] = float(row[3])
    return Lexicon(
        cues=cues,
        outlets=outlets,
        outlet_re=outlet_re,
        outlet_name_re=outlet_name_re,
        anonymous_heads=frozenset(anon_heads),
        anonymous_re=re.compile("|".join(anon_patterns), re.IGNORECASE),
        organization_heads=frozenset(heads["org"]),
        document_heads=frozenset(heads["document"]),
        issued_heads=frozenset(heads["issued"]),
        pronouns=pronouns,
        colon_skip=frozenset(w.lower() for w in load_lines("statements", "colon_skip.txt")),
        broad_cues=broad_cues,
        broad_preps={k: frozenset(v) for k, v in preps.items()},
        broad_adjs=frozenset(broad_adjs),
        broad_nouns=frozenset(broad_nouns),
        person_nouns=frozenset(load_yaml("actors", "nouns.yaml")["role_nouns"]) | frozenset(
            w.lower() for w in load_lines("statements", "person_nouns.txt")),
    )
