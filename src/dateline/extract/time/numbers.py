"""Numbers as written in time expressions: "45", "5 1/2", "two", "forty-five", "two hundred", "a few" (= X)."""
from __future__ import annotations

import re

from .lexicon import Lexicon

_FRACTION = re.compile(r"(?:(\d+)\s+)?(\d)/(\d)$")
_HALF = re.compile(r"(?:\s+and\s+a\s+half|\s+and\s+one-half|-and-a-half)$", re.I)


def parse_number(s: str, lex: Lexicon) -> float | str | None:
    """The value of a number expression, ``"X"`` for vague ones ("several"), None if not a number."""
    k = lex.key(s)
    half = 0.0
    m = _HALF.search(k)
    if m:
        half, k = 0.5, k[: m.start()]
    if k in ("half a", "half an", "a half"):
        return 0.5
    if k in lex.vague_number:
        v = lex.vague_number[k]
        return v if v == "X" else float(v) + half
    m = _FRACTION.match(k)
    if m:
        whole = int(m.group(1)) if m.group(1) else 0
        if int(m.group(3)) == 0:
            return None
        return whole + int(m.group(2)) / int(m.group(3))
    if re.fullmatch(r"\d+(?:,\d{3})*", k):
        return float(k.replace(",", "")) + half
    if re.fullmatch(r"\d+\.\d+", k):
        return float(k) + half
    words = re.split(r"[\s-]+", k)
    total, current = 0, 0
    seen = False
    for w in words:
        if w in ("and", "a") and seen:
            continue
        if w == "a" and not seen:
            current, seen = 1, True
            continue
        v = lex.number.get(w)
        if v is None:
            return None
        seen = True
        if v in (12, 100) and w in ("dozen", "hundred"):
            current = max(current, 1) * v
        elif v == 1000:
            total += max(current, 1) * 1000
            current = 0
        else:
            current += v
    if not seen:
        return None
    return float(total + current) + half


def format_amount(n: float | str) -> str:
    """``2.0`` -> ``"2"``, ``"X"`` stays."""
    if isinstance(n, str):
        return n
    if float(n).is_integer():
        return str(int(n))
    return f"{n:g}"
