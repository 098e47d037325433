"""Normalizers: one function per ``norm`` of patterns.yaml, from a rule match to a TimeML type/value/mod.

Each receives the match and a :class:`Situation` (DCT, narrative reference, tense of the governing verb) and
returns a :class:`Resolution`, or None to drop the match.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from . import calendar as cal
from .anchoring import Narrative, Tense, direction, month_year, year_near
from .grammar import RawMatch
from .lexicon import Lexicon
from .numbers import parse_number


@dataclass(slots=True)
class Resolution:
    type: str
    value: str | None
    mod: str | None = None
    anchor: date | None = None
    absolute: bool = False  # an explicit calendar date (moves the narrative reference)
    anaphoric: bool = False  # counted from the narrative reference, not the DCT
    #: a comparison period ("the year-ago quarter"): the narrative stays on the period it compares with
    backdrop: bool = False
    #: a match that holds several expressions ("March 14-15", "2009-2010"): (start, end) in the match, each
    pieces: list[tuple[int, int, Resolution]] | None = None


@dataclass(slots=True)
class Situation:
    lex: Lexicon
    narrative: Narrative
    tense: Tense | None
    sentence: int
    text_after: str  # a few characters after the match
    start: int = 0  # where the match starts in the text
    prev_pos: str = ""  # coarse part of speech of the token before the match ("NOUN" in "four flights a week")

    @property
    def dct(self) -> date | None:
        return self.narrative.dct

    def sentence_year(self) -> int | None:
        """The last explicit year written before the expression in its sentence ("In 2019 ... in March")."""
        years = [y for off, y in self.narrative.sentence_years.get(self.sentence, ()) if off < self.start]
        return years[-1] if years else None


Normalizer = Callable[[RawMatch, Situation], "Resolution | None"]
NORMALIZERS: dict[str, Normalizer] = {}


def normalizer(name: str) -> Callable[[Normalizer], Normalizer]:
    def deco(fn: Normalizer) -> Normalizer:
        NORMALIZERS[name] = fn
        return fn

    return deco


def _mod(m: RawMatch, s: Situation, *names: str) -> str | None:
    for n in names or ("mod",):
        v = m.g(n)
        if v:
            k = s.lex.key(v)
            if n == "approx":
                return s.lex.approx.get(k)
            return s.lex.mod.get(k) or s.lex.mod.get(k + "-") or {"pre": "BEFORE", "post": "AFTER"}.get(k)
    return None


def _unit(s: Situation, word: str | None) -> str | None:
    return s.lex.lookup("unit", word) if word else None


def _year4(y: str, s: Situation) -> int:
    y = y.lstrip("'’")
    if len(y) == 2:
        base = s.dct.year if s.dct else 2000
        n = int(y)
        century = base // 100 * 100
        return century + n if century + n <= base + 10 else century - 100 + n
    return int(y)


# --- explicit dates --------------------------------------------------------------------------------------------


@normalizer("iso")
def _iso(m: RawMatch, s: Situation) -> Resolution | None:
    d = cal.safe_date(int(m.g("y") or 0), int(m.g("m") or 0), int(m.g("d") or 0))
    if d is None:
        return None
    if m.g("hh"):
        return Resolution("TIME", f"{d.isoformat()}T{m.g('hh')}:{m.g('mi')}", absolute=True, anchor=d)
    return Resolution("DATE", d.isoformat(), absolute=True, anchor=d)


@normalizer("numeric_date")
def _numeric(m: RawMatch, s: Situation) -> Resolution | None:
    d = cal.safe_date(_year4(m.g("y") or "", s), int(m.g("m") or 0), int(m.g("d") or 0))
    return Resolution("DATE", d.isoformat(), absolute=True, anchor=d) if d else None


def _resolve_month_day(month: int, day: int | None, s: Situation) -> tuple[int | None, date | None]:
    """Year of a month (and day) without a year: the sentence's explicit year, else the DCT and the tense."""
    y = s.sentence_year()
    if y is not None:
        return y, None
    if s.dct is None:
        return None, None
    return year_near(s.dct, month, s.tense, day), s.dct


@normalizer("date")
def _date(m: RawMatch, s: Situation) -> Resolution | None:
    month = s.lex.lookup("month", m.g("month"))
    day = int(re.match(r"\d+", m.g("day") or "0").group())  # type: ignore[union-attr]
    if not month or not 1 <= day <= 31:
        return None
    anchor = None
    if m.g("year"):
        year: int | None = int(m.g("year") or 0)
    elif m.g("year2") and s.dct:
        year = s.dct.year + {"this": 0, "last": -1, "next": 1}[s.lex.key(m.g("year2") or "").split()[0]]
        anchor = s.dct
    else:
        year, anchor = _resolve_month_day(month, day, s)
    mod = _mod(m, s)
    if year is None:
        return Resolution("DATE", f"XXXX-{month:02d}-{day:02d}", mod=mod)
    d = cal.safe_date(year, month, day)
    if d is None:
        return None
    return Resolution("DATE", d.isoformat(), mod=mod, anchor=anchor, absolute=m.g("year") is not None)


def _piece(m: RawMatch, group: str) -> tuple[int, int]:
    """Offsets of a group inside the match text (the last occurrence for the second part of a range)."""
    g = m.g(group) or ""
    i = m.text.rfind(g) if group.endswith("2") else m.text.find(g)
    return i, i + len(g)


@normalizer("date_range")
def _date_range(m: RawMatch, s: Situation) -> Resolution | None:
    """"March 14-15", "September 14 and 18, 2010": two dates (the month and year shared)."""
    first = _date(m, s)
    month = s.lex.lookup("month", m.g("month"))
    day2 = int(re.match(r"\d+", m.g("day2") or "0").group())  # type: ignore[union-attr]
    if first is None or not first.value or not month or first.value.startswith("XXXX"):
        return first
    d2 = cal.safe_date(int(first.value[:4]), month, day2)
    if d2 is None or d2.isoformat() <= first.value:
        return None
    second = Resolution("DATE", d2.isoformat(), anchor=first.anchor, absolute=first.absolute)
    end_first = _piece(m, "day")[1]
    first.pieces = [(0, end_first, first), (_piece(m, "day2")[0], len(m.text), second)]
    return first


@normalizer("month_range")
def _month_range(m: RawMatch, s: Situation) -> Resolution | None:
    """"May and June 2011": two months of the year named once."""
    y = int(m.g("year") or 0)
    m1, m2 = s.lex.lookup("month", m.g("month")), s.lex.lookup("month", m.g("month2"))
    if not m1 or not m2:
        return None
    a = Resolution("DATE", f"{y:04d}-{m1:02d}")
    b = Resolution("DATE", f"{y:04d}-{m2:02d}")
    a.pieces = [(0, _piece(m, "month")[1], a), (_piece(m, "month2")[0], len(m.text), b)]
    return a


@normalizer("year_range")
def _year_range(m: RawMatch, s: Situation) -> Resolution | None:
    """"2009-2010", "1998-99": two years."""
    y1 = int(m.g("year") or 0)
    t2 = m.g("year2") or ""
    y2 = int(t2) if len(t2) == 4 else y1 // 100 * 100 + int(t2)
    if not y1 < y2 <= y1 + 100:
        return None
    a, b = Resolution("DATE", f"{y1:04d}"), Resolution("DATE", f"{y2:04d}")
    a.pieces = [(0, _piece(m, "year")[1], a), (_piece(m, "year2")[0], len(m.text), b)]
    return a


@normalizer("month_year")
def _month_year(m: RawMatch, s: Situation) -> Resolution | None:
    month = s.lex.lookup("month", m.g("month"))
    return Resolution("DATE", f"{int(m.g('year') or 0):04d}-{month:02d}", mod=_mod(m, s)) if month else None


@normalizer("month")
def _month(m: RawMatch, s: Situation) -> Resolution | None:
    month = s.lex.lookup("month", m.g("month"))
    if not month:
        return None
    rel = s.lex.key(m.g("rel") or m.g("rel2") or "")
    mod = _mod(m, s)
    if rel == "that":
        a = s.narrative.anchor(True)
        if a is None:
            return Resolution("DATE", f"XXXX-{month:02d}", mod=mod)
        return Resolution("DATE", f"{month_year(a, month, 0):04d}-{month:02d}", mod=mod, anchor=a, anaphoric=True)
    if s.dct is None:
        y = s.sentence_year()
        return Resolution("DATE", f"{y:04d}-{month:02d}" if y else f"XXXX-{month:02d}", mod=mod)
    dct = s.dct
    if m.g("rel2"):
        year = dct.year + {"this": 0, "last": -1, "next": 1}[rel]
    elif rel in ("last", "past", "this past"):
        year = dct.year if month < dct.month else dct.year - 1
    elif rel in ("next", "coming", "this coming"):
        year = dct.year if month > dct.month else dct.year + 1
    elif rel == "this":
        year = dct.year
    else:
        y, _ = _resolve_month_day(month, None, s)
        year = y if y is not None else dct.year
    return Resolution("DATE", f"{year:04d}-{month:02d}", mod=mod, anchor=dct)


@normalizer("season")
def _season(m: RawMatch, s: Situation) -> Resolution | None:
    code = s.lex.lookup("season", m.g("season"))
    if not code:
        return None
    mod = _mod(m, s)
    if m.g("year"):
        return Resolution("DATE", f"{int(m.g('year') or 0):04d}-{code}", mod=mod)
    if s.dct is None:
        return Resolution("DATE", f"XXXX-{code}", mod=mod)
    rel = s.lex.key(m.g("rel") or "")
    rel2 = s.lex.key(m.g("rel2") or "")
    if rel2:
        year = s.dct.year + {"this": 0, "last": -1, "next": 1}[rel2]
    else:
        dirn = {"last": -1, "past": -1, "this past": -1, "next": 1, "coming": 1, "this coming": 1, "this": 0}.get(
            rel, direction(s.tense))
        year = s.sentence_year() or cal.season_year(s.dct, code, dirn, inclusive=rel in ("", "the"))
    return Resolution("DATE", f"{year:04d}-{code}", mod=mod, anchor=s.dct)


@normalizer("year")
def _year(m: RawMatch, s: Situation) -> Resolution | None:
    y = _year4(m.g("year") or "", s)
    return Resolution("DATE", f"{y:04d}", mod=_mod(m, s))


@normalizer("year_words")
def _year_words(m: RawMatch, s: Situation) -> Resolution | None:
    """"nineteen ninety-six" -> 1996, "two thousand and one" -> 2001."""
    words = re.split(r"[\s-]+", s.lex.key(m.g("yw") or ""))
    if words[:2] == ["two", "thousand"]:
        rest = parse_number(" ".join(w for w in words[2:] if w != "and"), s.lex) if len(words) > 2 else 0
        return Resolution("DATE", f"{2000 + int(rest or 0):04d}") if rest is not None else None
    head = s.lex.number.get(words[0])
    tail = parse_number(" ".join(words[1:]), s.lex) if words[1:] != ["hundred"] else 0
    if head is None or tail is None or isinstance(tail, str):
        return None
    return Resolution("DATE", f"{head * 100 + int(tail):04d}")


@normalizer("decade")
def _decade(m: RawMatch, s: Situation) -> Resolution | None:
    mod = _mod(m, s)
    if m.g("cent"):
        return Resolution("DATE", f"{m.g('cent')}{m.g('dec')}", mod=mod)
    dd = m.g("dec2") or m.g("dec3")
    digit = int(dd) if dd else s.lex.lookup("decade", m.g("decw"))
    if digit is None:
        return None
    base = s.dct.year if s.dct else 2000
    cent = base // 100
    if cent * 100 + digit * 10 > base:
        cent -= 1
    return Resolution("DATE", f"{cent}{digit}", mod=mod)


@normalizer("century")
def _century(m: RawMatch, s: Situation) -> Resolution | None:
    o = s.lex.key(m.g("ord") or "")
    n = int(re.match(r"\d+", o).group()) if o[:1].isdigit() else s.lex.ordinal.get(o)  # type: ignore[union-attr]
    if not n or n < 1:
        return None
    return Resolution("DATE", f"{n - 1:02d}", mod=_mod(m, s))


@normalizer("holiday")
def _holiday(m: RawMatch, s: Situation) -> Resolution | None:
    rule = s.lex.lookup("holiday", m.g("hol"))
    if rule is None:
        return None
    if m.g("year"):
        d = cal.holiday_date(rule, int(m.g("year") or 0))
        return Resolution("DATE", d.isoformat(), absolute=True) if d else None
    if s.dct is None:
        return Resolution("DATE", "XXXX-" + rule if re.fullmatch(r"\d\d-\d\d", rule) else None)
    rel = s.lex.key(m.g("rel") or "")
    dirn = {"last": -1, "next": 1, "this": 0}.get(rel, direction(s.tense))
    d = cal.holiday_date(rule, s.dct.year)
    if d is None:
        return None
    if dirn < 0 and d > s.dct:
        d = cal.holiday_date(rule, s.dct.year - 1) or d
    elif dirn > 0 and d < s.dct:
        d = cal.holiday_date(rule, s.dct.year + 1) or d
    return Resolution("DATE", d.isoformat(), anchor=s.dct)


# --- quarters and halves -------------------------------------------------------------------------------------------

@normalizer("quarter")
def _quarter(m: RawMatch, s: Situation) -> Resolution | None:
    o = s.lex.key(m.g("ord") or m.g("qnum") or "")
    ytext = m.g("year") or m.g("year0") or ""
    year: int | None = int(ytext) if ytext.isdigit() else None
    yrel = s.lex.key(m.g("yrel") or m.g("yrel2") or "")
    dct = s.dct
    if re.fullmatch(r"q[1-4]", o):
        q: int | None = int(o[1])
    else:
        q = s.lex.data["quarter_name"].get(o)
    if q is not None:
        if year is None and yrel and dct:
            year = dct.year + {"this": 0, "last": -1, "next": 1, "the previous": -1}.get(yrel, 0)
        if year is None:
            year = s.sentence_year()
        if year is None and m.g("yago") and s.narrative.last_quarter:
            year = s.narrative.last_quarter[0]
        if year is None:
            if dct is not None:
                cy, cq = cal.quarter_of(dct)
                year = cy if q <= cq or s.tense == "future" else cy - 1
        if m.g("yago"):  # "the year-ago third quarter": that quarter a year before the one being reported
            return Resolution("DATE", f"{year - 1:04d}-Q{q}" if year else f"XXXX-Q{q}", backdrop=True)
        return Resolution("DATE", f"{year:04d}-Q{q}" if year else f"XXXX-Q{q}")
    if dct is None:
        return Resolution("DATE", "XXXX-QX")
    lq = s.narrative.last_quarter
    cur = cal.quarter_of(dct)
    ended = s.lex.lookup("month", m.g("qmonth"))
    if ended:  # "the quarter ended Sept. 30": the quarter of that month, the latest one before the DCT
        q_end = (ended - 1) // 3 + 1
        y = dct.year if (q_end, ended) <= (cur[1], dct.month) else dct.year - 1
        return Resolution("DATE", f"{y:04d}-Q{q_end}", anchor=dct)
    if o in ("latest", "last", "previous", "past", "recent", "most recent"):
        y, qq = cal.shift_quarter(*cur, -1)
    elif o in ("current",):
        y, qq = cur
    elif o in ("next", "coming"):
        y, qq = cal.shift_quarter(*cur, 1)
    elif o in ("year-earlier", "year-ago", "comparable") or o.startswith(("comparable year", "year ")):
        y, qq = cal.shift_quarter(*(lq or cal.shift_quarter(*cur, -1)), -4)
        return Resolution("DATE", f"{y:04d}-Q{qq}", anchor=dct, backdrop=True)
    elif o == "same" and yrel:
        y, qq = cal.shift_quarter(*(lq or cal.shift_quarter(*cur, -1)), -4 if yrel in ("last", "the previous") else 0)
        return Resolution("DATE", f"{y:04d}-Q{qq}", anchor=dct, backdrop=yrel in ("last", "the previous"))
    elif lq is not None:
        y, qq = lq
    else:
        y, qq = cal.shift_quarter(*cur, -1)
    return Resolution("DATE", f"{y:04d}-Q{qq}", anchor=dct)


@normalizer("half")
def _half(m: RawMatch, s: Situation) -> Resolution | None:
    o = s.lex.key(m.g("ord") or "")
    h = 1 if o in ("first", "1st") else 2
    year = int(m.g("year") or 0) if m.g("year") else (s.sentence_year() or (s.dct.year if s.dct else None))
    return Resolution("DATE", f"{year:04d}-H{h}" if year else f"XXXX-H{h}")

