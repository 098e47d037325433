"""Time expressions (minimal): absolute dates such as "March 18" and "October 7, 2023", normalized with the DCT.

Issue #4 replaces this with the full TIMEX3 tagger and normalizer.
"""
from __future__ import annotations

import re
from datetime import date

from spacy.tokens import Doc

from ..model import Timex
from .registry import Context, register

MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december"], 1)}
_MONTH_RE = "|".join(MONTHS)
_DATE_RE = re.compile(rf"\b(?P<month>{_MONTH_RE})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<year>\d{{4}})\b)?",
                      re.IGNORECASE)


def find_absolute_dates(text: str, dct: str | None, article_id: str = "") -> list[Timex]:
    out = []
    for m in _DATE_RE.finditer(text):
        month, day = MONTHS[m.group("month").lower()], int(m.group("day"))
        year = int(m.group("year")) if m.group("year") else (int(dct[:4]) if dct else None)
        value = None
        if year is not None:
            try:
                value = date(year, month, day).isoformat()
            except ValueError:
                continue
        out.append(Timex(article_id=article_id, text=m.group(0), start=m.start(), end=m.end(), type="DATE",
                         value=value, anchor=None if m.group("year") else dct))
    return out


@register("time")
def make_time() -> object:
    def time_component(doc: Doc, ctx: Context) -> None:
        ctx.timexes.extend(find_absolute_dates(doc.text, ctx.article.dct, ctx.article.id))

    return time_component
