"""The temporal tagger's words (``resources/time/lexicon.yaml``), loaded once, and regex macros built from them."""
from __future__ import annotations

import functools
import re
from typing import Any


from ...resources import load_yaml


def _load_yaml(name: str) -> Any:
    return load_yaml("time", name)


def _alternation(words: list[str]) -> str:
    """A regex alternation of words, longest first, with flexible whitespace inside multiword entries."""
    parts = []
    for w in sorted(set(words), key=lambda s: (-len(s), s)):
        esc = re.escape(w).replace(r"\ ", r"\s+").replace("'", "['’]")
        parts.append(esc)
    return "(?:" + "|".join(parts) + ")"


class Lexicon:
    """Word lists by name (``month``, ``weekday``, ``unit``, ...) as lower-case dicts, plus regex macros."""

    def __init__(self, data: dict[str, dict[str, Any]]) -> None:
        self.data = data
        self.month: dict[str, int] = data["month"]
        self.weekday: dict[str, int] = data["weekday"]
        self.number: dict[str, int] = data["number"]
        self.vague_number: dict[str, Any] = data["vague_number"]
        self.fraction: dict[str, float] = data["fraction"]
        self.ordinal: dict[str, int] = data["ordinal"]
        self.unit: dict[str, str] = data["unit"]
        self.season: dict[str, str] = data["season"]
        self.part_of_day: dict[str, str] = data["part_of_day"]
        self.deictic_day: dict[str, list[Any]] = data["deictic_day"]
        self.mod: dict[str, str] = data["mod"]
        self.approx: dict[str, str] = data["approx"]
        self.holiday: dict[str, str] = data["holiday"]
        self.ref: dict[str, str] = data["ref"]
        self.decade: dict[str, int] = data["decade"]
        self.set: dict[str, list[str]] = data["set"]
        self.macros = self._macros()

    @staticmethod
    def _full_names(table: dict[str, int]) -> list[str]:
        """The longest name of every value (``january`` but not ``jan``)."""
        best: dict[int, str] = {}
        for k, v in table.items():
            if v not in best or len(k) > len(best[v]):
                best[v] = k
        return list(best.values())

    def _macros(self) -> dict[str, str]:
        months_full = self._full_names(self.month)
        months_abbr = [k for k in self.month if k not in months_full]
        days_full = self._full_names(self.weekday)
        days_abbr = [k for k in self.weekday if k not in days_full]
        num_words = [k for k in self.number if k not in ("hundred", "thousand", "dozen")]
        numw = _alternation(num_words)
        number_word = rf"(?:{numw}(?:(?:-|\s+)(?:and\s+)?(?:{numw}|hundred|thousand|dozen))*|(?:a\s+)?(?:dozen|hundred|thousand))"
        digits = r"(?:\d+(?:[.,]\d+)?(?:\s+\d/\d)?|\d/\d)"
        half = r"(?:\s+and\s+a\s+half|\s+and\s+one-half|-and-a-half)"
        number = rf"(?:(?:{digits}|{number_word}){half}?|{_alternation(list(self.vague_number))}|half\s+an?|a\s+half)"
        return {
            "MONTH": rf"(?:{_alternation(months_full)}|{_alternation(months_abbr)}\.?)",
            "MONTHF": _alternation(months_full),
            "WEEKDAY": rf"(?:{_alternation(days_full)}|{_alternation(days_abbr)}\.)",
            "WEEKDAYF": _alternation(days_full),
            "NUMWORD": number_word,
            "NUM": number,
            "ORD": _alternation(list(self.ordinal)),
            "UNIT": _alternation(list(self.unit)),
            "SEASON": _alternation(list(self.season)),
            "POD": _alternation(list(self.part_of_day)),
            "DEICTIC": _alternation(list(self.deictic_day)),
            "MOD": _alternation([k for k in self.mod if not k.endswith("-")]),
            "APPROX": _alternation(list(self.approx)),
            "HOLIDAY": _alternation(list(self.holiday)),
            "REF": _alternation(list(self.ref)),
            "DECADE": _alternation(list(self.decade)),
            "SETWORD": _alternation(list(self.set)),
            "CAP": r"(?=(?-i:[A-Z]))",
            "YEAR": r"(?:1[0-9]\d\d|20\d\d)",
            "DAY": r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?",
            "S": r"(?:[ \t]+\n?[ \t]*|\n[ \t]*)",
            "H": r"(?:[ \t]*-[ \t]*|[ \t]+\n?[ \t]*|\n[ \t]*)",
        }

    # -- lookups ---------------------------------------------------------------------------------------------

    @staticmethod
    def key(s: str) -> str:
        """Normalize a matched word for lookup: lower case, single spaces, straight apostrophes, no final dot."""
        return re.sub(r"\s+", " ", s.strip().lower().replace("’", "'")).rstrip(".")

    def lookup(self, table: str, s: str | None) -> Any:
        if s is None:
            return None
        return self.data[table].get(self.key(s))


@functools.lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    return Lexicon(_load_yaml("lexicon.yaml"))


@functools.lru_cache(maxsize=1)
def load_rules() -> list[dict[str, Any]]:
    return list(_load_yaml("patterns.yaml"))


@functools.lru_cache(maxsize=1)
def load_tenures() -> dict[str, Any]:
    return dict(_load_yaml("tenures.yaml"))
