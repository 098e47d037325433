"""Estimating the creation date (DCT) of an undated article from its own text. Today's date is never used.

Evidence, strongest first:
1. the latest explicit calendar date mentioned in a non-future clause ("March 18, 2025") is a lower bound;
2. without any year: office holders named with their title ("US President Joe Biden") bound the period, and
   month names in past clauses ("in late May") pick the most recent matching month inside it;
3. weekday names fix the day within the week after that bound: events told in the past tense are expected on
   the day before publication or earlier, those in the future tense on it or later.
"""
from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta

from spacy.tokens import Doc

from ...errors import ConfigError
from ...resources import load_yaml

from .anchoring import tense_at, weekday_date
from .calendar import add_months
from .lexicon import load_lexicon, load_tenures
from .tagger import Found, resolve


@dataclass(frozen=True, slots=True)
class DctEstimate:
    dct: str
    evidence: str
    #: "low" (a dated mention: on the Timeline17 tune topics 24% of such estimates fall within 3 days of the
    #: true date) or "very low" (no year in the text: none of them did); ``fuse.redate`` places the article by
    #: its story when it has one
    confidence: str


def _as_date(v: object, as_of: date, end: bool = False) -> date | None:
    """A KB date: a date, "YYYY", "YYYY-MM" or "YYYY-MM-DD" (an end in a month/year counts to its last day)."""
    if isinstance(v, date):
        return v
    m = re.fullmatch(r"(\d{4})(?:-(\d\d))?(?:-(\d\d))?", str(v)) if v is not None else None
    if not m:
        return as_of if end else None
    y, mo, d = int(m.group(1)), int(m.group(2) or (12 if end else 1)), int(m.group(3) or 0)
    if not d:
        d = (date(y + (mo == 12), mo % 12 + 1, 1) - timedelta(days=1)).day if end else 1
    return date(y, mo, d)


def _people_kb(as_of: date) -> list[tuple[list[str], list[tuple[date, date]]]]:
    """(names, role periods) of the people of the actor knowledge base, if it is installed."""
    try:
        people = load_yaml("actors", "people.yaml") or []
    except ConfigError:  # no KB: the curated offices only
        return []
    out = []
    for p in people:
        names = [p.get("name") or ""] + list(p.get("aliases") or [])
        names = [n for n in names if n and (" " in n or len(n) >= 4)]
        periods = []
        for r in p.get("roles") or ():
            start = _as_date(r.get("start"), as_of)
            if start is not None:
                periods.append((start, _as_date(r.get("end"), as_of, end=True) or as_of))
        if names and periods:
            out.append((names, periods))
    return out


def _alt(words: list[str]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(set(words), key=len, reverse=True))


@functools.lru_cache(maxsize=1)
def _tenure_regex() -> tuple[re.Pattern[str], list[tuple[str, list[tuple[date, date]]]]]:
    """One regex for "title + name" of every office holder: the curated offices of tenures.yaml, and the people of
    the actor KB after any title word."""
    data = load_tenures()
    as_of: date = data["as_of"]
    alts: list[str] = []
    entries: list[tuple[str, list[tuple[date, date]]]] = []
    people: dict[str, tuple[set[str], set[str], list[tuple[date, date]]]] = {}
    for off in data["offices"]:  # one person may hold an office several times (Netanyahu)
        roles, names, periods = people.setdefault(off["names"][0], (set(), set(), []))
        roles.update(off["roles"])
        names.update(off["names"])
        periods.append((off["from"], off["to"] or as_of))
    for who, (roles, names, periods) in people.items():
        alts.append(rf"(?P<o{len(entries)}>\b(?:{_alt(list(roles))})\s+(?:{_alt(list(names))})\b)")
        entries.append((who, periods))
    titles = _alt(data.get("titles", []))
    for kb_names, kb_periods in _people_kb(as_of):
        alts.append(rf"(?P<o{len(entries)}>\b(?:{titles})\s+(?:{_alt(kb_names)})\b)")
        entries.append((kb_names[0], kb_periods))
    return re.compile(r"(?<!former )(?<!ex-)(?<!then-)(?<!late )(?<!ousted )(?<!deposed )(?<!toppled )(?<!overthrown )(?:" + "|".join(alts) + ")", re.I), entries


Intervals = list[tuple[date, date]]


def _intersect(a: Intervals, b: Intervals) -> Intervals:
    out = [(max(x0, y0), min(x1, y1)) for x0, x1 in a for y0, y1 in b if max(x0, y0) <= min(x1, y1)]
    return sorted(set(out))


def office_period(text: str) -> tuple[Intervals, list[str]] | None:
    """When every titled office holder named in the text held office: the periods (several when a person held
    the office more than once), and the mentions used. None if nobody is named with a title; a person whose terms
    contradict the others is left out."""
    spans, mentions = _office_spans(text)
    if not spans:
        return None
    return _feasible(spans, mentions)


def office_holders(text: str) -> tuple[Intervals, list[str], int] | None:
    """``office_period`` and how many office holders the text names (those left out for contradicting the others
    included)."""
    spans, mentions = _office_spans(text)
    if not spans:
        return None
    feasible, used = _feasible(spans, mentions)
    return feasible, used, len(spans)


def _office_spans(text: str) -> tuple[dict[str, Intervals], dict[str, str]]:
    rx, entries = _tenure_regex()
    spans: dict[str, Intervals] = {}
    mentions: dict[str, str] = {}
    for m in rx.finditer(text):
        for name, idx in m.groupdict().items():
            if idx is not None:
                who, periods = entries[int(name[1:])]
                mentions.setdefault(who, m.group(0))
                for period in periods:
                    if period not in spans.setdefault(who, []):
                        spans[who].append(period)
    return spans, mentions


def _feasible(spans: dict[str, Intervals], mentions: dict[str, str]) -> tuple[Intervals, list[str]]:
    feasible: Intervals = [(date.min, date.max)]
    used = []
    for who, periods in spans.items():
        both = _intersect(feasible, periods)
        if both:
            feasible = both
            terms = ", ".join(f"{a.isoformat()}..{b.isoformat()}" for a, b in sorted(periods))
            used.append(f"{' '.join(mentions[who].split())} ({terms})")
    return feasible, used


def _weekday_mentions(found: list[Found], text: str, doc: Doc | None) -> list[tuple[int, str]]:
    """(ISO weekday, tense) of every bare weekday name ("on Thursday", not "next Thursday")."""
    lex = load_lexicon()
    out: list[tuple[int, str]] = []
    for f in found:
        if f.match.rule.norm != "weekday" or f.match.g("rel"):
            continue
        wd = lex.lookup("weekday", f.match.g("wd"))
        if wd:
            out.append((wd, tense_at(doc, f.match.start, f.match.end) or "past"))
    return out


def _fit_weekday(lower: date, mentions: list[tuple[int, str]]) -> tuple[date, str]:
    """The day in the week from ``lower`` that best fits the weekdays mentioned (see the module docstring)."""
    if not mentions:
        return lower, ""
    best, best_cost = lower, float("inf")
    for k in range(7):
        d = lower + timedelta(days=k)
        cost = 0.0
        for wd, tense in mentions:
            if tense == "future":
                cost += (weekday_date(d, wd, 1) - d).days
            else:
                cost += abs((d - weekday_date(d, wd, -1)).days - 1)
        if cost < best_cost:
            best, best_cost = d, cost
    counts = Counter((wd, t) for wd, t in mentions)
    names: dict[int, str] = {}
    for word, v in load_lexicon().weekday.items():
        if len(word) > len(names.get(v, "")):
            names[v] = word
    told = ", ".join(f"{names[wd].capitalize()} ({t}{' x%d' % n if n > 1 else ''})" for (wd, t), n in
                     counts.most_common())
    return best, f"weekdays mentioned: {told} -> a {best.strftime('%A')}"


def _explicit_bounds(found: list[Found], text: str, doc: Doc | None) -> tuple[date, str] | None:
    """The latest explicit calendar date (or month, or year) mentioned outside future clauses."""
    best: tuple[date, str] | None = None
    for f in found:
        v = f.res.value or ""
        if not re.match(r"\d{4}(?:-\d\d){0,2}$", v) or "X" in v:
            continue
        if tense_at(doc, f.match.start, f.match.end) == "future":
            continue
        y = int(v[:4])
        if len(v) == 10:
            d = date(y, int(v[5:7]), int(v[8:10]))
        elif len(v) == 7:
            ny, nm = add_months(y, int(v[5:7]), 1)
            d = date(ny, nm, 1) - timedelta(days=1) if f.res.mod == "END" else date(y, int(v[5:7]), 1)
        else:
            d = date(y, 1, 1)
        if best is None or d > best[0]:
            best = (d, f"latest date mentioned: {f.match.text!r} ({v})")
    return best


def _yearless(found: list[Found], doc: Doc | None) -> list[tuple[Found, int, int | None]]:
    """(mention, month, day) of the dates and months named without a year outside future clauses."""
    out = []
    for f in found:
        m = re.fullmatch(r"XXXX-(\d\d)(?:-(\d\d))?", f.res.value or "")
        if m and tense_at(doc, f.match.start, f.match.end) != "future":
            out.append((f, int(m.group(1)), int(m.group(2)) if m.group(2) else None))
    return out


def _occurrence(f: Found, y: int, month: int, day: int | None) -> date:
    """The date a year-less mention stands for in year ``y`` (a month: its first day, or its last if "late")."""
    if day is not None:
        return date(y, month, min(day, 28 if month == 2 else 30 if month in (4, 6, 9, 11) else 31))
    ny, nm = add_months(y, month, 1)
    return date(ny, nm, 1) - timedelta(days=1) if f.res.mod == "END" else date(y, month, 1)


def _after(lower: date, mentions: list[tuple[Found, int, int | None]]) -> tuple[date, str] | None:
    """The latest of the first occurrences after ``lower`` of the year-less mentions ("since March 18" after
    "October 7, 2023" means March 18, 2024 or later)."""
    best: tuple[date, str] | None = None
    for f, month, day in mentions:
        d = _occurrence(f, lower.year, month, day)
        if d < lower:
            d = _occurrence(f, lower.year + 1, month, day)
        if d > lower and (best is None or d > best[0]):
            best = (d, f"named without a year after it: {f.match.text!r} -> {d.year}")
    return best


def _within(periods: Intervals, mentions: list[tuple[Found, int, int | None]]) -> tuple[date, str] | None:
    """The latest occurrence of a year-less mention ("late May") inside the periods."""
    best: tuple[date, str] | None = None
    for f, month, day in mentions:
        for lo, hi in periods:
            for y in range(hi.year, lo.year - 1, -1):
                d = _occurrence(f, y, month, day)
                if lo <= d <= hi:
                    if best is None or d > best[0]:
                        best = (d, f"named without a year: {f.match.text!r} -> {y}")
                    break
    return best


def estimate_dct(text: str, doc: Doc | None = None) -> DctEstimate | None:
    """Estimate the DCT of an undated text; None when the text holds no evidence of a year at all."""
    found = resolve(text, None, doc)
    weekdays = _weekday_mentions(found, text, doc)
    yearless = _yearless(found, doc)
    explicit = _explicit_bounds(found, text, doc)
    offices = office_period(text)
    if explicit is None and offices is None:
        return None
    parts: list[str] = []
    if explicit is not None:
        lower, why = explicit
        parts.append(why)
        if offices is not None:  # office holders named: the first day after the bound they were all in office
            later = [(max(a, lower), b) for a, b in offices[0] if b >= lower]
            if later and later[0][0] > lower:
                lower = later[0][0]
                parts.append("office holders named: " + ", ".join(offices[1]) + f" -> from {lower.isoformat()}")
        pushed = _after(lower, yearless)
        if pushed is not None:
            lower = pushed[0]
            parts.append(pushed[1])
        confidence = "low"
    else:
        assert offices is not None
        periods, used = offices
        parts += ["no year in the text", "office holders named: " + ", ".join(used)]
        month = _within(periods, yearless)
        lower = month[0] if month else periods[-1][0]
        parts.append(month[1] if month else "no date named: the start of that period")
        confidence = "very low"
    day, why = _fit_weekday(lower, weekdays)
    parts.append(why or "no weekday to fix the day: that date itself")
    return DctEstimate(day.isoformat(), f"estimated ({confidence} evidence): " + "; ".join(parts), confidence)
