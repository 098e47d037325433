"""The rules of ``resources/time/patterns.yaml`` compiled into ONE regex (a single pass over the text).

Every rule becomes an outer group ``(?P<R{i}>...)`` of the alternation; its named groups are prefixed
``R{i}_`` so that names stay unique. ``Match.lastindex`` is the outer group of the rule that matched.
"""
from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ...errors import ConfigError
from .lexicon import Lexicon, load_lexicon, load_rules

_MACRO = re.compile(r"\{([A-Z_]+)\}")
_NAMED = re.compile(r"\(\?P<([a-zA-Z_]\w*)>")
_WORD = re.compile(r"[^\W_]+")
#: how many words before a trigger word a time expression may start ("at least 20 more years")
_BACK = 4


@dataclass(frozen=True, slots=True)
class Rule:
    index: int
    name: str
    type: str
    norm: str
    checks: tuple[str, ...]
    groups: tuple[str, ...]  # the rule's own group names (unprefixed)


@dataclass(slots=True)
class RawMatch:
    """One match of the combined regex: the rule and its groups (unprefixed names; None when not matched)."""

    rule: Rule
    start: int
    end: int
    text: str
    groups: dict[str, str | None]

    def g(self, name: str) -> str | None:
        return self.groups.get(name)


class Grammar:
    def __init__(self, lexicon: Lexicon, rules: list[dict[str, Any]]) -> None:
        self.lexicon = lexicon
        parts: list[str] = []
        self.rules: list[Rule] = []
        for i, spec in enumerate(rules):
            body = self._expand(spec["pattern"], lexicon.macros, spec["name"])
            names = tuple(_NAMED.findall(body))
            body = _NAMED.sub(lambda m: f"(?P<R{i}_{m.group(1)}>", body)
            parts.append(f"(?P<R{i}>{body})")
            self.rules.append(Rule(i, spec["name"], spec.get("type", "DATE"), spec.get("norm", spec["name"]),
                                   tuple(spec.get("check", ())), names))
        self.regex = re.compile("|".join(parts), re.IGNORECASE)
        self._by_group = {self.regex.groupindex[f"R{r.index}"]: r for r in self.rules}
        self.triggers = self._triggers()

    @staticmethod
    def _expand(pattern: str, macros: dict[str, str], name: str) -> str:
        def sub(m: re.Match[str]) -> str:
            try:
                return macros[m.group(1)]
            except KeyError:
                raise ConfigError(f"time rule {name!r}: unknown macro {{{m.group(1)}}}") from None

        out = _MACRO.sub(sub, pattern)
        re.compile(out, re.IGNORECASE)  # fail early, naming the rule, on a broken pattern
        return out

    def _triggers(self) -> frozenset[str]:
        lex = self.lexicon
        words: set[str] = set(lex.data.get("trigger", ()))
        for table in ("month", "weekday", "number", "unit", "season", "part_of_day", "deictic_day", "holiday",
                      "ref", "decade", "set"):
            for key in lex.data[table]:
                words.update(w for w in re.split(r"[\s'.-]+", key.lower()) if len(w) > 2 or w in lex.month)
        words -= {"the", "day", "per", "each", "every", "and", "a", "an", "in", "at", "st"} - set(lex.unit)
        return frozenset(words)

    def finditer(self, text: str) -> Iterator[RawMatch]:
        """Matches in text order: the combined regex is tried only at the word starts just before (and at) a
        trigger word, earliest start first, like ``finditer`` restricted to where a time expression can be."""
        toks = [(m.start(), m.group()) for m in _WORD.finditer(text)]
        trig, match = self.triggers, self.regex.match
        covered = 0
        for i, (start, w) in enumerate(toks):
            if start < covered:
                continue
            lw = w.lower()
            if not (w[0].isdigit() or lw in trig or (lw[-1:] == "s" and lw[:-1] in trig)):
                continue
            for c in range(max(0, i - _BACK), i + 1):
                cstart = toks[c][0]
                if cstart < covered:
                    continue
                m = match(text, cstart)
                if m is None or m.end() <= start:
                    continue
                covered = m.end()
                rule = self._by_group[m.lastindex or 0]
                prefix = f"R{rule.index}_"
                groups = {n: m.group(prefix + n) for n in rule.groups}
                yield RawMatch(rule, m.start(), m.end(), m.group(0), groups)
                break


@functools.lru_cache(maxsize=1)
def load_grammar() -> Grammar:
    return Grammar(load_lexicon(), load_rules())
