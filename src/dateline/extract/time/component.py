"""The "time" component: every TIMEX3 of an article (DATE, TIME, DURATION, SET) normalized to a TimeML value.

Rules and words live in ``resources/time`` (see ``dateline.extract.time``). Relative expressions count from
the article's DCT, or from the last date the narrative moved to ("the next day"); the tense of the governing verb
decides whether a bare weekday or month lies before or after it. An article without a date first gets an
estimated DCT (``dct_origin="estimated"``, the reasons in ``dct_evidence``); today's date is never used.
"""
from __future__ import annotations

from spacy.tokens import Doc

from ..registry import Component, Context, register
from . import find_timexes
from .dct import estimate_dct


@register("time", assigns=("timexes", "dct"))
def make_time(estimate: bool = True) -> Component:
    """``estimate``: estimate the DCT of undated articles from their text (default on)."""

    def time_component(doc: Doc, ctx: Context) -> None:
        article = ctx.article
        if article.dct is None and estimate:
            est = estimate_dct(doc.text, doc)
            if est is not None:
                article.dct, article.dct_origin, article.dct_evidence = est.dct, "estimated", est.evidence
            else:
                article.dct_evidence = "no date in the text or metadata to estimate from"
        ctx.timexes.extend(find_timexes(doc.text, article.dct, doc, article.id))

    return time_component
