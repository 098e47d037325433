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

from .anchoring import tense_at, weekday_date
from .calendar import add_months
from .lexicon import load_lexicon, load_tenures
from .tagger import Found, resolve


@dataclass(frozen=True, slots=True)
class DctEstimate:
    dct: str
    evidence: str
    confidence: str  # "medium" (a dated mention) or "weak" (no year in the text)


@functools.lru_cache(maxsize=1)
def _tenure_regex() -> tuple[re.Pattern[str], list[tuple[str, date, date]]]:
    data = load_tenures()
    as_of: date = data["as_of"]
    alts, entries = [], []
    for i, off in enumerate(data["offices"]):
        roles = "|".join(re.escape(r).replace(r"\ ", r"\s+") for r in sorted(off["roles"], key=len, reverse=True))
        names = "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in sorted(off["names"], key=len, reverse=True))
        alts.append(rf"(?P<o{i}>\b(?:{roles})\s+(?:{names})\b)")
        entries.append((off["names"][0], off["from"], off["to"] or as_of))
    return re.compile(r"(?<!former )(?<!ex-)(?<!then-)(?<!late )(?:" + "|".join(alts) + ")", re.I), entries


def office_period(text: str) -> tuple[date, date, list[str]] | None:
    """The period in which every titled office holder named in the text held office (None if none named)."""
    rx, entries = _tenure_regex()
    spans: dict[str, list[tuple[date, date]]] = {}
    mentions: dict[str, str] = {}
    for m in rx.finditer(text):
        for name, idx in m.groupdict().items():
            if idx is not None:
                who, start, end = entries[int(name[1:])]
                mentions.setdefault(who, m.group(0))
                if (start, end) not in spans.setdefault(who, []):
                    spans[who].append((start, end))
    if not spans:
        return None
    lo, hi, used = date.min, date.max, []
    for who, periods in spans.items():
        mention = mentions[who]
        # several terms of the same person with the same title: keep the union (its hull), latest first
        p_lo, p_hi = min(p[0] for p in periods), max(p[1] for p in periods)
        if max(lo, p_lo) <= min(hi, p_hi):
            lo, hi = max(lo, p_lo), min(hi, p_hi)
            used.append(f"{' '.join(mention.split())} ({p_lo.isoformat()}..{p_hi.isoformat()})")
    return lo, hi, used


def _weekday_mentions(found: list[Found], text: str, doc: Doc | None) -> list[tuple[int, str]]:
    """(ISO weekday, tense) of every bare weekday name ("on Thursday", not "next Thursday")."""
    lex = load_lexicon()
    out = []
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
    for k, v in load_lexicon().weekday.items():
        if len(k) > len(names.get(v, "")):
            names[v] = k
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


def _month_in_period(found: list[Found], doc: Doc | None, lo: date, hi: date) -> tuple[date, str] | None:
    """The latest past month named without a year ("late May") that fits inside [lo, hi]."""
    best: tuple[date, str] | None = None
    for f in found:
        v = f.res.value or ""
        m = re.fullmatch(r"XXXX-(\d\d)(?:-(\d\d))?", v)
        if not m or tense_at(doc, f.match.start, f.match.end) == "future":
            continue
        month = int(m.group(1))
        for y in range(hi.year, lo.year - 1, -1):
            if m.group(2):
                d = date(y, month, min(int(m.group(2)), 28))
            else:
                ny, nm = add_months(y, month, 1)
                d = date(ny, nm, 1) - timedelta(days=1) if f.res.mod == "END" else date(y, month, 1)
            if lo <= d <= hi:
                if best is None or d > best[0]:
                    best = (d, f"month named without a year: {f.match.text!r} -> {y}")
                break
    return best


def estimate_dct(text: str, doc: Doc | None = None) -> DctEstimate | None:
    """Estimate the DCT of an undated text; None when the text holds no evidence of a year at all."""
    found = resolve(text, None, doc)
    weekdays = _weekday_mentions(found, text, doc)
    explicit = _explicit_bounds(found, text, doc)
    if explicit is not None:
        day, why = _fit_weekday(explicit[0], weekdays)
        parts = [explicit[1], why] if why else [explicit[1], "no weekday to fix the day: the date itself"]
        return DctEstimate(day.isoformat(), "estimated (medium evidence): " + "; ".join(parts), "medium")
    period = office_period(text)
    if period is None:
        return None
    lo, hi, used = period
    month = _month_in_period(found, doc, lo, hi)
    start = month[0] if month else lo
    day, why = _fit_weekday(start, weekdays)
    parts = ["no year in the text", "office holders named: " + ", ".join(used)]
    parts.append(month[1] if month else "no month named: the start of that period")
    if why:
        parts.append(why)
    return DctEstimate(day.isoformat(), "estimated (weak evidence): " + "; ".join(parts), "weak")
