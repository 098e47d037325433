"""Estimating the DCT of undated articles from their text (issue #4): evidence, never today's date."""
from __future__ import annotations

from datetime import date

import pytest

from dateline.extract.nlp import load_nlp
from dateline.extract.registry import Context
from dateline.extract.time.dct import estimate_dct, office_period
from dateline.extract.time.component import make_time
from dateline.ingest.text import article_from_text
from dateline.model import Article

from .conftest import SEED_UNDATED


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def run_time(nlp, article: Article) -> Context:
    ctx = Context(article=article)
    make_time()(nlp(article.text), ctx)
    return ctx


def test_undated_seed_gets_an_estimate_with_evidence(nlp) -> None:
    article = article_from_text(SEED_UNDATED.read_text(encoding="utf-8"), id="000")
    assert article.dct is None
    ctx = run_time(nlp, article)
    a = ctx.article
    assert a.dct_origin == "estimated"
    assert a.dct is not None and a.dct != date.today().isoformat()
    # no year in the text: the estimate says so and names what it rests on
    assert "(very low evidence)" in a.dct_evidence and "no year" in a.dct_evidence
    assert "Joe Biden" in a.dct_evidence and "late May" in a.dct_evidence
    d = date.fromisoformat(a.dct)
    # Biden in office, after "late May" (told in the past tense), and a Friday: the day after the Thursday
    # the article is about, and the day of "the talks will continue on Friday"
    assert date(2021, 5, 31) <= d <= date(2024, 12, 31) and d.month >= 5
    assert d.isoweekday() == 5
    # the relative expressions are then resolved against the estimate
    thursday = [t for t in ctx.timexes if t.text == "Thursday"]
    assert thursday and all(t.value == (d.fromordinal(d.toordinal() - 1)).isoformat() for t in thursday)
    late_may = [t for t in ctx.timexes if t.text == "late May"][0]
    assert late_may.value == f"{d.year}-05" and late_may.mod == "END"


def test_latest_explicit_date_and_weekdays(nlp) -> None:
    text = ("Israel ended the ceasefire on March 18, 2025, launching a new offensive. "
            "On Sunday, officials said talks had resumed in Doha, and protesters marched on Sunday evening.")
    est = estimate_dct(text, nlp(text))
    assert est is not None and est.confidence == "low"
    d = date.fromisoformat(est.dct)
    assert d >= date(2025, 3, 18)
    assert d.isoweekday() == 1  # events told on Sunday: published on the Monday after
    assert "March 18, 2025" in est.evidence


def test_future_dates_are_not_a_lower_bound(nlp) -> None:
    text = "Officials said on Tuesday, January 7, 2025, that elections will be held on June 1, 2026."
    est = estimate_dct(text, nlp(text))
    assert est is not None
    assert date.fromisoformat(est.dct) < date(2026, 1, 1)


def test_no_evidence_no_estimate(nlp) -> None:
    text = "Officials said on Thursday that the talks had made progress."
    assert estimate_dct(text, nlp(text)) is None
    article = Article(id="x", text=text)
    ctx = run_time(nlp, article)
    assert ctx.article.dct is None and ctx.article.dct_origin == "missing"
    assert ctx.article.dct_evidence  # says why there is no estimate
    assert [t.value for t in ctx.timexes] == ["XXXX-WXX-4"]


def test_office_period_ignores_former_office_holders() -> None:
    assert office_period("Former President Barack Obama spoke.") is None
    periods, used = office_period("US President Barack Obama and Prime Minister David Cameron met.")
    assert periods == [(date(2010, 5, 11), date(2016, 7, 13))]
    assert len(used) == 2
    # every term counts: Netanyahu was prime minister 2009-2021 and again from December 2022
    periods, _ = office_period("US President Joe Biden and Prime Minister Benjamin Netanyahu spoke.")
    assert periods == [(date(2021, 1, 20), date(2021, 6, 13)), (date(2022, 12, 29), date(2025, 1, 20))]


def test_year_less_dates_move_the_bound_on(nlp) -> None:
    """"since March 18" after "October 7, 2023": the article is from after March 18, 2024."""
    text = ("Israel has kept up the war since the October 7, 2023 attack. The army resumed strikes on March 18, "
            "officials said on Thursday.")
    est = estimate_dct(text, nlp(text))
    assert est is not None and date.fromisoformat(est.dct) >= date(2024, 3, 18)
    assert "March 18" in est.evidence
