"""Anchored relative dates: "a day after X", "two days before X", "a week after X".

A duration before *after*/*before* relates two clauses of one sentence: the governing clause (the *outer*
one: "The CDC withdrew ... on Monday") and the clause or noun the preposition introduces (the *inner* one:
"the state reported no new cases"). When one side has a date, the other side's date follows from the
duration: outer = inner + n (after) or inner - n (before), and the reverse.

The duration is the time tagger's DURATION value (``P1D``, ``P2W``, ``P3M``, ``P1Y``) on the unit noun,
found wherever the parser attaches it (on the preposition, on either clause, or the preposition on it).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from spacy.tokens import Doc, Token

from ..time.calendar import add_months, parse_iso, safe_date, shift_days

UNITS = frozenset({"day", "week", "month", "year"})
_DURATION = re.compile(r"^P(\d+)([DWMY])$")


@dataclass(frozen=True, slots=True)
class Anchor:
    """``outer`` happened ``n`` ``unit`` after (``sign`` +1) or before (-1) ``inner``."""

    outer: Token
    inner: Token
    n: int
    unit: str  # D, W, M, Y
    sign: int

    def shift(self, day: str, towards: str) -> str | None:
        """The date of the ``towards`` side ("outer" or "inner") given the other side's ``day`` (YYYY-MM-DD)."""
        d = parse_iso(day[:10])
        if d is None:
            return None
        k = self.n * self.sign * (1 if towards == "outer" else -1)
        return _add(d, k, self.unit)


def _add(d: date, k: int, unit: str) -> str | None:
    if unit in ("D", "W"):
        return shift_days(d, k * (7 if unit == "W" else 1)).isoformat()
    y, m = add_months(d.year, d.month, k * (12 if unit == "Y" else 1))
    got = safe_date(y, m, d.day) or safe_date(y, m, 28)
    return got.isoformat() if got else None


def find_anchors(doc: Doc, timexes: list[Any], offset: int = 0) -> list[Anchor]:
    """The anchored relations of ``doc`` (``timexes``: the article's time expressions; ``offset``: the doc's
    start in the article text)."""
    durations: dict[int, tuple[int, str]] = {}
    for tx in timexes:
        m = _DURATION.match(getattr(tx, "value", None) or "")
        if getattr(tx, "type", None) != "DURATION" or m is None or getattr(tx, "mod", None):
            continue  # only an exact duration ("less than a year after" dates nothing)
        span = doc.char_span(tx.start - offset, tx.end - offset, alignment_mode="expand")
        if span is not None:
            for t in span:
                if t.lemma_.lower() in UNITS:
                    durations[t.i] = (int(m.group(1)), m.group(2))
    if not durations:
        return []
    out: list[Anchor] = []
    for tok in doc:
        if tok.lower_ not in ("after", "before") or tok.dep_ not in ("mark", "prep"):
            continue
        found = _sides(tok, durations)
        if found is not None:
            outer, inner, (n, unit) = found
            out.append(Anchor(outer, inner, n, unit, 1 if tok.lower_ == "after" else -1))
    return out


def _sides(prep: Token, durations: dict[int, tuple[int, str]]) -> tuple[Token, Token, tuple[int, str]] | None:
    """(outer, inner, duration) around ``prep``, else None."""
    obj = next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None)
    if prep.dep_ == "mark":  # "a week after [the state reported ...]": the clause is an advcl of the outer one
        inner = prep.head
        if inner.dep_ != "advcl" or inner.head == inner:
            return None
        outer = inner.head
    else:
        head = prep.head
        if head.i in durations and head.dep_ == "npadvmod":  # "[a day after the first phase] ... expired"
            clause = head.head
            if clause.dep_ == "advcl" and clause.head != clause:
                return clause.head, clause, durations[head.i]
            return (clause, obj, durations[head.i]) if obj is not None else None
        if obj is None:
            return None
        inner, outer = obj, head
    near = [*prep.children, *inner.children, *outer.children]
    unit = next((c for c in near if c.dep_ == "npadvmod" and c.i in durations), None)
    if unit is None:
        return None
    return outer, inner, durations[unit.i]
