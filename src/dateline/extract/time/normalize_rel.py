"""Normalizers of relative expressions, durations and sets ("last week", "two days later", "Thursday night",
"45-day", "every year", "recent days")."""
from __future__ import annotations

import re
from datetime import date, timedelta

from . import calendar as cal
from .anchoring import direction, weekday_date
from .grammar import RawMatch
from .normalize import Resolution, Situation, _mod, _unit, normalizer
from .numbers import format_amount, parse_number

_TIME_UNITS = {"H", "MIN", "S"}
#: "a year", "an hour", "per day" after an amount or a count: a rate (SET), not a duration
_RATE = re.compile(r"(?:an?|per)\s+(?:year|month|week|day|night|hour|quarter)", re.I)
#: duration units, largest first (a compound duration goes from larger to smaller units)
_UNIT_ORDER = ["ML", "CE", "DE", "Y", "Q", "M", "FN", "W", "WE", "D", "H", "MIN", "S"]
#: "two days later" counts from a date mentioned at most this many sentences before (else from the DCT)
_OFFSET_WINDOW = 1
#: direction of a bare weekday whose verb gives no tense (news mostly reports the past)
_WEEKDAY_DEFAULT = 0


def _pod_value(code: str) -> str:
    return f"T{code}"


def _with_pod(d: date, pod: str | None, s: Situation) -> tuple[str, str]:
    """(type, value) of a day with an optional part of day: ("TIME", "2024-08-15TNI")."""
    if not pod:
        return "DATE", d.isoformat()
    code = s.lex.lookup("part_of_day", pod) or s.lex.lookup("part_of_day", pod.replace("mid-", "").replace("mid", ""))
    if code is None:
        return "DATE", d.isoformat()
    return "TIME", f"{d.isoformat()}{_pod_value(code)}"


def _shift(anchor: date, unit: str, n: float, s: Situation, *, quarter_context: bool = False) -> str | None:
    """The period ``n`` units from the anchor, at the unit's granularity (a fraction drops to a smaller unit)."""
    if not float(n).is_integer():
        if unit in ("DE", "CE"):
            unit, n = "Y", n * (10 if unit == "DE" else 100)
        if unit == "Y" and not float(n).is_integer():
            unit, n = "M", n * 12
        if unit == "M" and not float(n).is_integer():
            unit, n = "D", n * 30
        elif unit == "W":
            unit, n = "D", n * 7
        if not float(n).is_integer():
            n = round(n)
    n = int(n)
    if unit == "Y" and quarter_context and s.narrative.last_gran == "Q" and s.narrative.last_quarter:
        y, q = cal.shift_quarter(*s.narrative.last_quarter, 4 * n)  # "a year ago" after "third-quarter"
        return f"{y:04d}-Q{q}"
    if unit == "DE":
        return f"{anchor.year + 10 * n:04d}"
    if unit == "CE":
        return f"{anchor.year + 100 * n:04d}"
    if unit in _TIME_UNITS:
        return anchor.isoformat()
    return cal.point(anchor, unit, n)


@normalizer("offset")
def _offset(m: RawMatch, s: Situation) -> Resolution | None:
    dword = s.lex.key(m.g("dir") or "")
    sign, anaphoric_dir = s.lex.data["offset_direction"].get(dword, (None, 0))
    unit = _unit(s, m.g("unit"))
    if sign is None or unit is None:
        return None
    num = parse_number(m.g("num") or "", s.lex) if m.g("num") else "X"
    if m.g("andhalf") and isinstance(num, float):  # "a year and a half ago"
        num += 0.5
    mod = _mod(m, s, "approx")
    anaphoric = bool(anaphoric_dir)
    anchor = s.narrative.anchor(anaphoric, unit, window=_OFFSET_WINDOW)
    if num is None:
        return None
    if isinstance(num, str) or anchor is None:
        if anchor is None and not isinstance(num, str):
            return Resolution("DATE", None, mod=mod)
        return Resolution("DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", mod=mod)
    value = _shift(anchor, unit, sign * num, s, quarter_context=True)
    return Resolution("DATE", value, mod=mod, anchor=anchor, anaphoric=anaphoric and anchor != s.dct)


@normalizer("offset_adj")
def _offset_adj(m: RawMatch, s: Situation) -> Resolution | None:
    unit = _unit(s, m.g("unit"))
    anchor = s.narrative.anchor(False)
    if unit is None or anchor is None:
        return Resolution("DATE", "PAST_REF")
    return Resolution("DATE", _shift(anchor, unit, -1, s, quarter_context=True), anchor=anchor)


def _rel_unit(m: RawMatch, s: Situation, default_rel: str) -> tuple[str, str] | None:
    """The relation word ("next", "past") and the calendar unit of a match, None when the unit is unknown."""
    unit = _unit(s, m.g("unit"))
    return None if unit is None else (s.lex.key(m.g("rel") or default_rel), unit)


@normalizer("span")
def _span(m: RawMatch, s: Situation) -> Resolution | None:
    if (found := _rel_unit(m, s, "")) is None:
        return None
    rel, unit = found
    mod = "APPROX" if m.g("orso") else _mod(m, s, "approx")
    word = s.lex.key(m.g("unit") or "")
    plural = word.endswith("s") and word not in ("hrs", "yrs") or word in ("centuries", "millennia")
    if m.g("num"):
        num = parse_number(m.g("num") or "", s.lex)
        if num is None:
            return None
        if unit in ("DE", "CE") and not isinstance(num, str):  # "the past two decades": P20Y, as "two decades"
            unit, num = "Y", num * (10 if unit == "DE" else 100)
        return Resolution("DURATION", cal.duration(num, unit), mod=mod)
    if plural:  # "recent days", "the past few weeks": a period of unspecified length (TimeBank: PXD, PXW)
        return Resolution("DURATION", cal.duration("X", unit), mod=mod)
    if rel in s.lex.data["relative"]:  # "the next day", "the past year": a date, as "last year"
        return _relative(m, s)
    return Resolution("DURATION", cal.duration(1, unit), mod=mod)


@normalizer("relative")
def _relative(m: RawMatch, s: Situation) -> Resolution | None:
    if (found := _rel_unit(m, s, "this")) is None:
        return None
    rel, unit = found
    modword = s.lex.key(m.g("mod") or "")
    mod = _mod(m, s) or ({"-end": "END", "end": "END"}.get(modword.replace(" ", "")))
    text = s.lex.key(m.text)
    anaphoric = rel == "that" or any(f"the {w}" in text for w in ("following", "next", "previous", "same", "prior"))
    anchor = s.narrative.anchor(anaphoric, unit)
    if anchor is None:
        return Resolution("DATE", None, mod=mod)
    n = s.lex.data["relative"].get(rel, 0)
    if unit == "Q" and n == 0 and s.narrative.last_quarter and rel in ("same", "that"):
        y, q = s.narrative.last_quarter
        return Resolution("DATE", f"{y:04d}-Q{q}", mod=mod, anchor=anchor)
    value = cal.point(anchor, unit, n) if unit in ("DE", "CE") else _shift(anchor, unit, n, s)
    return Resolution("DATE", value, mod=mod, anchor=anchor, anaphoric=anaphoric and anchor != s.dct)


@normalizer("deictic")
def _deictic(m: RawMatch, s: Situation) -> Resolution | None:
    entry = s.lex.lookup("deictic_day", m.g("dd"))
    if entry is None:
        return None
    offset, pod = entry
    mod = _mod(m, s)
    if s.dct is None:
        return Resolution("DATE", None, mod=mod)
    d = s.dct + timedelta(days=offset)
    pod_word = m.g("pod") or m.g("pod0")
    if pod_word:
        typ, value = _with_pod(d, pod_word, s)
    elif pod:
        typ, value = "TIME", f"{d.isoformat()}T{pod}"
    else:
        typ, value = "DATE", d.isoformat()
    return Resolution(typ, value, mod=mod, anchor=s.dct)


@normalizer("pod")
def _pod(m: RawMatch, s: Situation) -> Resolution | None:
    rel = s.lex.key(m.g("rel") or "")
    mod = _mod(m, s) or {"early": "START", "earlier": "START", "late": "END", "later": "END", "mid": "MID"}.get(rel)
    offset = {"last": -1, "the next": 1, "the following": 1, "the previous": -1}.get(rel, 0)
    # "that night", "the next morning"; a bare "at dawn", "at noon" is on the day the narrative is on
    anaphoric = rel in ("that", "the next", "the following", "the same", "the previous") or not rel
    anchor = s.narrative.anchor(anaphoric)
    if anchor is None:
        return Resolution("TIME", None, mod=mod)
    d = anchor + timedelta(days=offset)
    if rel == "last" and s.lex.key(m.g("pod") or "") != "night":
        d = anchor - timedelta(days=1)
    typ, value = _with_pod(d, m.g("pod") or m.g("pod2"), s)
    return Resolution(typ, value, mod=mod, anchor=anchor, anaphoric=anaphoric and anchor != s.dct)


@normalizer("weekday")
def _weekday(m: RawMatch, s: Situation) -> Resolution | None:
    wd = s.lex.lookup("weekday", m.g("wd"))
    if not wd:
        return None
    rel = s.lex.key(m.g("rel") or "")
    mod = _mod(m, s)
    anaphoric = rel.startswith("the ")
    anchor = s.narrative.anchor(anaphoric)
    if anchor is None:
        return Resolution("DATE", f"XXXX-WXX-{wd}", mod=mod)
    if rel in ("last", "past", "previous", "this past", "the previous"):
        d = weekday_date(anchor, wd, -1, strict=True)
    elif rel in ("next", "coming", "following", "this coming", "the following", "the next"):
        d = weekday_date(anchor, wd, 1, strict=True)
    elif rel == "this":
        d = anchor + timedelta(days=wd - anchor.isoweekday())
    elif rel == "the same":
        d = weekday_date(anchor, wd, 0)
    else:
        d = weekday_date(anchor, wd, direction(s.tense) if s.tense else _WEEKDAY_DEFAULT)
    typ, value = _with_pod(d, m.g("pod") or m.g("pod0"), s)
    return Resolution(typ, value, mod=mod, anchor=anchor, anaphoric=anaphoric and anchor != s.dct)


@normalizer("weekend")
def _weekend(m: RawMatch, s: Situation) -> Resolution | None:
    """"the weekend", "that weekend", "the past weekend": the week of the Saturday meant, ``YYYY-Www-WE``."""
    rel = s.lex.key(m.g("rel") or "")
    text = s.lex.key(m.text)
    anaphoric = text.startswith("that") or rel in ("following", "previous")
    anchor = s.narrative.anchor(anaphoric)
    if anchor is None:
        return Resolution("DATE", None)
    dirn = -1 if rel in ("past", "previous") else 1 if rel in ("coming", "following") else direction(s.tense)
    sat = weekday_date(anchor, 6, dirn, strict=rel in ("previous", "following"))
    return Resolution("DATE", cal.iso_week(sat) + "-WE", anchor=anchor, anaphoric=anaphoric and anchor != s.dct)


@normalizer("weekday_set")
def _weekday_set(m: RawMatch, s: Situation) -> Resolution | None:
    wd = s.lex.lookup("weekday", m.g("wd"))
    return Resolution("SET", f"XXXX-WXX-{wd}") if wd else None


@normalizer("set_every")
def _set_every(m: RawMatch, s: Situation) -> Resolution | None:
    word = m.g("unit") or ""
    key = s.lex.key(word)
    wd = s.lex.weekday.get(key.rstrip("s")) or s.lex.weekday.get(key)
    if wd:
        return Resolution("SET", f"XXXX-WXX-{wd}")
    month = s.lex.month.get(key)
    if month and len(key) > 3:
        return Resolution("SET", f"XXXX-{month:02d}")
    season = s.lex.season.get(key.rstrip("s")) or s.lex.season.get(key)
    if season:
        return Resolution("SET", f"XXXX-{season}")
    pod = s.lex.part_of_day.get(key)
    if pod and key not in ("night", "nights"):
        return Resolution("SET", f"XXXX-XX-XXT{pod}")
    unit = _unit(s, word)
    if unit is None:
        return None
    n: float | str = 2 if m.g("other") else (parse_number(m.g("num") or "", s.lex) or 1) if m.g("num") else 1
    return Resolution("SET", cal.duration(n, unit))


@normalizer("set_times")
def _set_times(m: RawMatch, s: Situation) -> Resolution | None:
    unit = _unit(s, m.g("unit"))
    return Resolution("SET", cal.duration(1, unit)) if unit else None


@normalizer("set_word")
def _set_word(m: RawMatch, s: Situation) -> Resolution | None:
    entry = s.lex.lookup("set", m.g("w"))
    return Resolution("SET", entry[0]) if entry else None


@normalizer("duration")
def _duration(m: RawMatch, s: Situation) -> Resolution | None:
    if s.lex.key(m.g("long") or "") in ("old", "older", "younger"):
        return None  # ages ("45-year-old", "ten years older") are not time expressions in TimeML news annotation
    unit = _unit(s, m.g("unit"))
    num = parse_number(m.g("num") or "", s.lex) if m.g("num") else None
    if unit is None or num is None:
        return None
    if _RATE.fullmatch(m.text) and s.prev_pos in ("NOUN", "PROPN", "NUM", "SYM"):
        return Resolution("SET", cal.duration(1, unit))  # "$500 million a year", "four flights a week": a rate
    if m.g("andhalf") and isinstance(num, float):  # "a year and a half"
        num += 0.5
    if re.fullmatch(r"(?:1[6-9]|20)\d\d", m.g("num") or "") and unit in ("Q", "Y", "M"):
        return None  # "the 1988 quarter": a year, not an amount
    if unit == "DE" and not isinstance(num, str):
        unit, num = "Y", num * 10
    elif unit == "CE" and not isinstance(num, str):
        unit, num = "Y", num * 100
    value = cal.duration(num, unit)
    unit2 = _unit(s, m.g("unit2"))
    num2 = parse_number(m.g("num2") or "", s.lex) if m.g("num2") else None
    pieces = None
    if unit2 and num2 is not None and not isinstance(num2, str) and not isinstance(num, str):
        second = cal.duration(num2, unit2)
        if _UNIT_ORDER.index(unit2) > _UNIT_ORDER.index(unit):  # "two years and three months": P2Y3M
            if "T" in second and "T" not in value:
                value += second[1:]
            else:
                value += second[2:] if second.startswith("PT") and "T" in value else second[1:]
        else:  # "two days and a year": two expressions
            cut = m.text.find(m.g("unit") or "") + len(m.g("unit") or "")
            hit = re.compile(rf"\b{re.escape(m.g('num2') or '')}\b", re.I).search(m.text, cut)
            start2 = hit.start() if hit else cut
            pieces = [(0, cut, Resolution("DURATION", value)), (start2, len(m.text), Resolution("DURATION", second))]
    orso = s.lex.key(m.g("orso") or "")
    if m.g("numhi") and not orso:  # "two to three weeks": at least the lower bound
        orso = "or more"
    mod = {"or so": "APPROX", "or more": "EQUAL_OR_MORE", "or longer": "EQUAL_OR_MORE"}.get(orso) or _mod(
        m, s, "approx")
    # "a week after the leaders issued a statement": a distance from the narrative's current time
    anchor = s.narrative.anchor(True) if re.match(r"\s+(?:after|before)\b", s.text_after) else None
    res = Resolution("DURATION", value, mod=mod, anchor=anchor)
    res.pieces = pieces
    return res


@normalizer("vague_plural")
def _vague_plural(m: RawMatch, s: Situation) -> Resolution | None:
    unit = _unit(s, m.g("unit"))
    if unit is None:
        return None
    rel = s.lex.key(m.g("rel") or "").removeprefix("the ")
    if rel in ("early", "first", "final") and unit in _TIME_UNITS and s.text_after.startswith(" of "):
        return None  # "the early hours of Friday": a part of that day, not a duration
    if rel == "earlier" and unit not in _TIME_UNITS:
        return Resolution("DATE", "PAST_REF")
    if rel == "later":
        return Resolution("DATE", "FUTURE_REF")
    return Resolution("DURATION", cal.duration("X", unit))


@normalizer("ref")
def _ref(m: RawMatch, s: Situation) -> Resolution | None:
    value = s.lex.lookup("ref", m.g("ref"))
    return Resolution("DATE", value) if value else None


__all__ = ["format_amount"]


@normalizer("clock")
def _clock(m: RawMatch, s: Situation) -> Resolution | None:
    """"3 p.m.", "9 a.m. Tuesday", "14:30 GMT": the DCT's day (or the day named after it) at that time."""
    h, mi = int(m.g("h") or 0), int(m.g("mi") or 0)
    ampm = s.lex.key(m.g("ampm") or "").replace(".", "")
    if (ampm == "pm" or s.lex.key(m.g("pod") or "") in ("afternoon", "evening")) and h < 12:
        h += 12  # "3 p.m.", "8 in the evening"
    elif ampm == "am" and h == 12:
        h = 0
    if h > 24 or mi > 59:
        return None
    mod = _mod(m, s, "approx") or {"early": "START", "late": "END"}.get(s.lex.key(m.g("early") or ""))
    rel = s.lex.key(m.g("rel") or "")
    # a bare clock time belongs to the day the narrative is on ("On March 5 ... At 3 p.m., ...")
    anchor = s.narrative.anchor(not rel, "D", window=1)
    if not rel and s.tense == "past" and anchor == s.dct:
        # a past narration: the day told earlier in its paragraph ("The storm hit on Tuesday. Crews ... It made
        # landfall at 4 p.m.")
        anchor = s.narrative.told_day() or anchor
    if anchor is None:
        return Resolution("TIME", f"XXXX-XX-XXT{h:02d}:{mi:02d}", mod=mod)
    d = anchor
    if rel:
        entry = s.lex.deictic_day.get(rel)
        wd = s.lex.weekday.get(rel)
        if entry is not None:
            d = anchor + timedelta(days=entry[0])
        elif wd:
            d = weekday_date(anchor, wd, direction(s.tense))
    return Resolution("TIME", f"{d.isoformat()}T{h:02d}:{mi:02d}", mod=mod, anchor=anchor)
