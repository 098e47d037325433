"""The temporal tagger: find TIMEX3 expressions in a text and normalize them to TimeML values.

One pass of the combined rule regex (grammar.py) finds candidates; validators (checks.py) drop false ones using
the spaCy parse; normalizers (normalize*.py) resolve them in text order, anchored to the DCT or to the narrative
reference time, with the tense of the governing verb deciding the direction of weekdays and bare months.
"""
from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from spacy.tokens import Doc

from ...model import Timex
from . import normalize_rel  # noqa: F401 - registers the relative normalizers in NORMALIZERS
from .anchoring import Narrative, tense_at
from .calendar import parse_iso
from .event_nouns import day_spans, event_noun, mention_day
from .checks import passes
from .grammar import RawMatch, load_grammar
from .normalize import NORMALIZERS, Resolution, Situation


@dataclass(slots=True)
class Found:
    """A normalized match (before it becomes a Timex record)."""

    match: RawMatch
    res: Resolution
    sentence: int


#: normalizers whose result depends on the tense of the governing verb
_TENSE_NORMS = {"date", "month", "season", "weekday", "holiday", "quarter", "clock", "weekend"}
_SENT_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[\"“'A-Z0-9])|\n\s*\n")
_PARAGRAPH = re.compile(r"\n")  # a line break ends a paragraph (articles are stored one paragraph a line)
_FULL_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_EXPLICIT_YEAR = re.compile(r"^(\d{4})(?:-|$)")
#: a year after these words bounds a period and does not frame its sentence ("the highest since 2008 in February")
_NOT_FRAME = re.compile(r"\b(?:since|until|till|before|after|than|from|to)\s+$", re.I)
#: a value starts with a 4-digit year (or fewer digits for decades/centuries), X, P or a *_REF
_VALID_VALUE = re.compile(r"(?:\d{2,4}(?![\d])|X|P|T|PAST_REF|PRESENT_REF|FUTURE_REF)")


def sentence_starts(text: str, doc: Doc | None) -> list[int]:
    if doc is not None and doc.has_annotation("SENT_START"):
        return [s.start_char for s in doc.sents]
    return [0] + [m.end() for m in _SENT_END.finditer(text)]


def _explicit_year(m: RawMatch) -> int | None:
    """A year that frames its sentence ("In 2019, ... in March"): a bare year, not one inside a date ("since
    October 2023, ... since March 18" says nothing about the year of March 18)."""
    y = m.g("year")
    if y and y.isdigit() and len(y) == 4 and m.rule.norm in ("year", "season", "quarter", "half") and not m.g("mod"):
        return int(y)
    return None


def _granularity(value: str) -> str | None:
    if re.fullmatch(r"\d{4}-Q\d", value):
        return "Q"
    if re.fullmatch(r"\d{4}", value):
        return "Y"
    if re.fullmatch(r"\d{4}-\d{2}", value):
        return "M"
    if _FULL_DATE.match(value):
        return "D"
    if "-W" in value:
        return "W"
    return None


def _track(narr: Narrative, res: Resolution, norm: str) -> None:
    """Move the narrative reference on after a resolved expression."""
    v = res.value
    if res.type in ("DURATION", "SET"):
        narr.last_gran = res.type
    if not v or res.type not in ("DATE", "TIME"):
        return
    gran = _granularity(v)
    if gran is None or not v[:4].isdigit():
        return
    narr.last_gran = gran
    if gran == "Q" and norm == "quarter" and not res.backdrop:
        narr.last_quarter = (int(v[:4]), int(v[6]))
    year = int(v[:4])
    if gran == "D":
        d = parse_iso(v)
        if d is not None:
            narr.ref = d
            narr.ref_is_absolute = res.absolute
            narr.refs.update(D=d, M=d, Y=d)
            narr.ref_sentence.update(D=narr.sentence, M=narr.sentence, Y=narr.sentence)
            narr.ref_paragraph["D"] = narr.paragraph
    elif gran == "M":
        narr.refs["M"] = narr.refs["Y"] = date(year, int(v[5:7]), 1)
        narr.ref_sentence.update(M=narr.sentence, Y=narr.sentence)
    elif gran in ("Y", "Q"):
        narr.refs["Y"] = date(year, 1, 1)
        narr.ref_sentence["Y"] = narr.sentence


def resolve(text: str, dct: str | date | None, doc: Doc | None = None,
            matches: Iterable[RawMatch] | None = None) -> list[Found]:
    """Find and normalize every time expression of ``text`` (DCT as ISO date or date; doc = its spaCy parse)."""
    grammar = load_grammar()
    lex = grammar.lexicon
    cands = [m for m in (matches if matches is not None else grammar.finditer(text)) if passes(m, text, doc)]
    starts = sentence_starts(text, doc)
    dct_date = dct if isinstance(dct, date) else parse_iso(dct)
    narr = Narrative(dct=dct_date)
    sents = [bisect.bisect_right(starts, m.start) - 1 for m in cands]
    for m, si in zip(cands, sents):
        y = _explicit_year(m)
        if y is not None and not _NOT_FRAME.search(text, max(0, m.start - 12), m.start):
            narr.sentence_years.setdefault(si, []).append((m.start, y))
    tok_starts = [t.idx for t in doc] if doc is not None else []
    out: list[Found] = []
    breaks = [b.start() for b in _PARAGRAPH.finditer(text)]
    for m, si in zip(cands, sents):
        narr.sentence = si
        narr.paragraph = bisect.bisect_right(breaks, m.start)
        tense = tense_at(doc, m.start, m.end) if m.rule.norm in _TENSE_NORMS else None
        k = bisect.bisect_left(tok_starts, m.start) - 1
        prev_pos = doc[k].pos_ if doc is not None and k >= 0 else ""
        sit = Situation(lex, narr, tense, si, text[m.end:m.end + 20], m.start, prev_pos)
        try:
            res = NORMALIZERS[m.rule.norm](m, sit)
        except (ArithmeticError, ValueError):  # "999999999 days ago", a date past year 9999
            res = None
        if res is None or (res.value and not _VALID_VALUE.match(res.value)):
            continue
        if res.pieces:
            for a, b, piece in res.pieces:
                sub = RawMatch(m.rule, m.start + a, m.start + b, m.text[a:b], m.groups)
                _track(narr, piece, m.rule.norm)
                out.append(Found(sub, piece, si))
            continue
        _track(narr, res, m.rule.norm)
        out.append(Found(m, res, si))
    _clock_days(out, text)
    if doc is not None:
        _event_anchors(out, doc)
    return out


def _event_anchors(found: list[Found], doc: Doc) -> None:
    """"A week after the quake": the duration counts from the day the text gave the quake, else from no known
    day (not from the last date mentioned). Needs the dependency parse: without it (the parser disabled) nothing
    changes, as spaCy's tree walks are not safe on a doc the parser never saw."""
    if not doc.has_annotation("DEP"):
        return
    days = day_spans((f.match.start, f.match.end, f.res.type, f.res.value) for f in found)
    for f in found:
        if f.res.type != "DURATION" or f.res.anchor is None:
            continue
        span = doc.char_span(f.match.start, f.match.end, alignment_mode="expand")
        if span is None or span.end >= len(doc) or doc[span.end].lower_ not in ("after", "before"):
            continue
        noun = event_noun(doc[span.end])
        if noun is not None:
            day = mention_day(doc, noun, [d for d in days if d[0] < noun.idx])
            f.res.anchor = parse_iso(day) if day else None


#: a clock time takes the day named right after it ("at 10:35 a.m. (0735 GMT) Friday", "at 9 a.m. on Monday")
_CLOCK_DAY_GAP = re.compile(r"[\s,)]*(?:local\s+time[\s,]*)?(?:\([^()]{0,20}\)[\s,]*)?(?:on\s+)?$", re.I)


def _clock_days(found: list[Found], text: str) -> None:
    """Give a clock time without a day of its own the day of a date that follows it closely in its sentence."""
    for i, f in enumerate(found):
        if f.match.rule.norm != "clock" or f.match.g("rel") or not f.res.value or f.res.type != "TIME":
            continue
        for g in found[i + 1:i + 3]:
            if g.sentence != f.sentence or g.match.start - f.match.end > 30:
                break
            day = _FULL_DATE.match(g.res.value or "")
            if day and g.match.rule.norm != "clock" and _CLOCK_DAY_GAP.match(text[f.match.end:g.match.start]):
                f.res.value = day.group() + f.res.value[10:]
                f.res.anchor = g.res.anchor
                break


def find_timexes(text: str, dct: str | date | None, doc: Doc | None = None, article_id: str = "") -> list[Timex]:
    """Timex records (offsets into ``text``) for every time expression, resolved against ``dct``."""
    out = []
    for f in resolve(text, dct, doc):
        m, r = f.match, f.res
        start, end = m.start, m.end
        while end > start and text[end - 1] in " \t\n,":
            end -= 1
        out.append(Timex(article_id=article_id, text=text[start:end], start=start, end=end, type=r.type,  # type: ignore[arg-type]
                         value=r.value, anchor=r.anchor.isoformat() if r.anchor else None, mod=r.mod))
    return out
