"""The temporal tagger (issue #4) on the seeds and on sentences of news, with the spaCy parse."""
from __future__ import annotations

import pytest

from dateline.extract.nlp import load_nlp
from dateline.extract.registry import Context
from dateline.extract.time import find_timexes
from dateline.extract.time.component import make_time
from dateline.ingest.text import article_from_text
from dateline.model import Article, Extraction, Timex

from .conftest import SEED_DATED, SEED_UNDATED


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


@pytest.fixture(scope="module")
def time_only(nlp):
    """The registered "time" component alone on the spaCy parse (what the pipeline runs first)."""
    component = make_time()

    def run(article: Article) -> Extraction:
        ctx = Context(article=article)
        component(nlp(article.text), ctx)
        return ctx.to_extraction()

    return run


def tag(nlp, text: str, dct: str | None) -> list[Timex]:
    return find_timexes(text, dct, nlp(text))


def by_text(timexes: list[Timex]) -> dict[str, list[Timex]]:
    out: dict[str, list[Timex]] = {}
    for t in timexes:
        out.setdefault(t.text, []).append(t)
    return out


def one(nlp, text: str, dct: str, mention: str) -> Timex:
    found = [t for t in tag(nlp, text, dct) if t.text == mention]
    assert found, f"{mention!r} not found in {[t.text for t in tag(nlp, text, dct)]}"
    return found[0]


# --- the seeds -----------------------------------------------------------------------------------------------------


def test_seed_004_every_expression(time_only) -> None:
    """Every time expression of the dated seed (DCT 2025-05-12 from its header), resolved."""
    article = article_from_text(SEED_DATED.read_text(encoding="utf-8"), id="004")
    ex = time_only(article)
    assert article.dct == "2025-05-12"
    got = by_text(ex.timexes)
    # "recent days", "the early months": periods of unspecified length ending now / at the start of the war. TimeML
    # defines a value for them (PXD, PXM: a duration of some days/months), which is how the TimeBank/AQUAINT gold
    # writes "recent days/weeks/months/years" (bench/te3dev.py); PAST_REF is only the fallback where none is defined.
    expected = {
        "recent days": ("DURATION", "PXD"),
        "October 7, 2023": ("DATE", "2023-10-07"),
        "two months": ("DURATION", "P2M"),
        "March 18": ("DATE", "2025-03-18"),
        "the early months": ("DURATION", "PXM"),
        "March": ("DATE", "2025-03"),
        "April 18": ("DATE", "2025-04-18"),
        "45-day": ("DURATION", "P45D"),
        "2023": ("DATE", "2023"),
    }
    for mention, (typ, value) in expected.items():
        assert mention in got, (mention, sorted(got))
        assert (got[mention][0].type, got[mention][0].value) == (typ, value), mention
    # "told AFP on Sunday" and "said on Sunday": the Sunday before Monday 2025-05-12
    assert [t.value for t in got["Sunday"]] == ["2025-05-11", "2025-05-11"]
    assert all(t.anchor == "2025-05-12" for t in got["Sunday"])
    # "for decades": an unspecified number of decades
    assert got["decades"][0].value in ("PXDE", "P1DE")
    # the early months "of the war" is part of the sentence, not a calendar date
    text = article.text
    assert all(text[t.start:t.end] == t.text for t in ex.timexes)
    assert "A second" not in got  # "A second official" is not a duration


def test_seed_000_with_dct(time_only) -> None:
    """With --dct 2024-08-16 (a Friday) the weekdays follow the tense of their verbs."""
    article = article_from_text(SEED_UNDATED.read_text(encoding="utf-8"), id="000")
    article.dct, article.dct_origin = "2024-08-16", "argument"
    got = by_text(time_only(article).timexes)
    assert {t.value for t in got["Thursday"]} == {"2024-08-15"}
    assert got["Sunday"][0].value == "2024-08-11"  # "Hamas had announced on Sunday"
    assert got["Wednesday"][0].value == "2024-08-14"  # "Netanyahu on Wednesday approved"
    assert got["Friday"][0].value == "2024-08-16"  # "the talks will continue on Friday"
    assert (got["Thursday night"][0].type, got["Thursday night"][0].value) == ("TIME", "2024-08-15TNI")
    late_may = got["late May"][0]
    assert (late_may.value, late_may.mod) == ("2024-05", "END")
    week = got["a week"][0]  # "come a week after the leaders ... issued a statement"
    assert week.value == "P1W" and week.anchor is not None


# --- tense and anchoring ---------------------------------------------------------------------------------------------


def test_weekday_direction_follows_tense(nlp) -> None:
    dct = "2025-05-12"  # a Monday
    assert one(nlp, "The delegation arrived in Cairo on Friday.", dct, "Friday").value == "2025-05-09"
    assert one(nlp, "The delegation will arrive in Cairo on Friday.", dct, "Friday").value == "2025-05-16"
    assert one(nlp, "Officials said talks would resume next Friday.", dct, "next Friday").value == "2025-05-16"
    assert one(nlp, "The vote took place last Friday.", dct, "last Friday").value == "2025-05-09"
    assert one(nlp, "Hamas is meeting mediators on Thursday.", dct, "Thursday").value == "2025-05-15"


def test_month_without_year_follows_tense(nlp) -> None:
    dct = "2025-05-12"
    assert one(nlp, "The ceasefire collapsed in October.", dct, "October").value == "2024-10"
    assert one(nlp, "Elections will be held in October.", dct, "October").value == "2025-10"
    assert one(nlp, "Prices rose sharply in March.", dct, "March").value == "2025-03"
    # an explicit year in the same sentence wins over the DCT
    assert one(nlp, "In 2019 the plant closed in March.", dct, "March").value == "2019-03"


def test_narrative_reference_time(nlp) -> None:
    text = ("The agreement was signed on March 3, 2021. The next day, troops withdrew. "
            "Two days later the border reopened.")
    got = by_text(tag(nlp, text, "2025-05-12"))
    assert got["The next day"][0].value == "2021-03-04"
    assert got["The next day"][0].anchor == "2021-03-03"
    assert got["Two days later"][0].value == "2021-03-06"
    # a deictic expression still counts from the DCT
    assert one(nlp, "Yesterday the border reopened.", "2025-05-12", "Yesterday").value == "2025-05-11"


# --- expression types --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("text, mention, typ, value, mod", [
    ("Israel launched its offensive last week.", "last week", "DATE", "2025-W19", None),
    ("The truce lasted two months.", "two months", "DURATION", "P2M", None),
    ("Hamas rejected a 45-day truce.", "45-day", "DURATION", "P45D", None),
    ("The plan was outlined in late May.", "late May", "DATE", "2025-05", "END"),
    ("Talks resumed in early 2024.", "early 2024", "DATE", "2024", "START"),
    ("Exports fell in the third quarter of 2024.", "the third quarter of 2024", "DATE", "2024-Q3", None),
    ("Fighting intensified last summer.", "last summer", "DATE", "2024-SU", None),
    ("The region was stable in the 1990s.", "the 1990s", "DATE", "199", None),
    ("Aid has been blocked for nearly forty years.", "nearly forty years", "DURATION", "P40Y", "LESS_THAN"),
    ("The blockade has lasted twenty-one days.", "twenty-one days", "DURATION", "P21D", None),
    ("Officials meet every week.", "every week", "SET", "P1W", None),
    ("The ceasefire began at 8 a.m. Sunday.", "8 a.m. Sunday", "TIME", "2025-05-11T08:00", None),
    ("Talks have stalled for the past two years.", "the past two years", "DURATION", "P2Y", None),
    ("The town was shelled three years ago.", "three years ago", "DATE", "2022", None),
    ("It happened in nineteen ninety-six.", "nineteen ninety-six", "DATE", "1996", None),
    ("Officials met on Christmas Day.", "Christmas Day", "DATE", "2024-12-25", None),
    ("Residents are now returning.", "now", "DATE", "PRESENT_REF", None),
])
def test_expression_types(nlp, text: str, mention: str, typ: str, value: str, mod: str | None) -> None:
    t = one(nlp, text, "2025-05-12", mention)
    assert (t.type, t.value, t.mod) == (typ, value, mod)


def test_not_time_expressions(nlp) -> None:
    """Ages, counts, modal verbs and fractions are not time expressions."""
    texts = [
        "A 45-year-old man was arrested.",
        "Some 2000 soldiers were deployed.",
        "The talks may resume, officials said.",
        "About three-quarters of the buildings were damaged.",
        "A second official confirmed the report.",
    ]
    for text in texts:
        assert tag(nlp, text, "2025-05-12") == [], text


def test_ranges_give_two_expressions(nlp) -> None:
    got = by_text(tag(nlp, "The conference ran March 14-15 and the 2009-2010 season was cancelled.", "2013-03-22"))
    assert got["March 14"][0].value == "2013-03-14" and got["15"][0].value == "2013-03-15"
    assert got["2009"][0].value == "2009" and got["2010"][0].value == "2010"


def test_without_dct_values_stay_underspecified(nlp) -> None:
    got = by_text(tag(nlp, "The talks ended on Friday, March 18, after two weeks.", None))
    assert got["Friday, March 18"][0].value == "XXXX-03-18"
    assert got["two weeks"][0].value == "P2W"


def test_offsets_are_exact(nlp) -> None:
    text = "Early Tuesday, the ministry said that since Oct. 7, 2023, more than 1,200 people had been killed."
    for t in tag(nlp, text, "2025-05-12"):
        assert text[t.start:t.end] == t.text


@pytest.mark.parametrize("dct", ["2025-05-12", None, "0001-01-01", "9999-12-31"])
def test_extreme_inputs_do_not_fail(dct: str | None) -> None:
    texts = ["It happened 999999999 days ago and 99999999 years later.", "1 1/0 hours", "On Feb 30 and 2023-02-30.",
             "Monday, January 1 and 1 day earlier", "the 99th century", "at 25:99 GMT", "a year and a half ago"]
    for text in texts:
        for t in find_timexes(text, dct):
            assert text[t.start:t.end] == t.text
            assert t.value is None or t.value[:1] in "0123456789XPT" or t.value.endswith("_REF")


def test_number_words(nlp) -> None:
    text = "It took a dozen years, then two dozen days, then a year and a half, and two hours and 30 minutes."
    got = {t.text: t.value for t in tag(nlp, text, "2025-05-12")}
    # fractions as a second unit, as the TimeBank/AQUAINT gold writes them ("2 1/2 years" P2Y6M, "5 1/2 hours" PT5H30M)
    assert got == {"a dozen years": "P12Y", "two dozen days": "P24D", "a year and a half": "P1Y6M",
                   "two hours and 30 minutes": "PT2H30M"}
    # a larger unit after a smaller one is a second expression
    got = {t.text: t.value for t in tag(nlp, "They waited two days and a year.", "2025-05-12")}
    assert got == {"two days": "P2D", "a year": "P1Y"}


# --- conventions of the TimeBank/AQUAINT development gold (bench/te3dev.py) -------------------------------------------


@pytest.mark.parametrize("dct, text, mention, typ, value", [
    # a bare month follows the verb's tense unless the month on that side is nearly a year away
    ("1989-11-02", "He stepped down as chairman in March.", "March", "DATE", "1989-03"),
    ("1989-10-20", "Regulators gave the company until mid-November to respond.", "mid-November", "DATE", "1989-11"),
    # a present passive announces; a date modifying a noun names something already done
    ("2013-03-20", "The vote is scheduled for Sunday.", "Sunday", "DATE", "2013-03-24"),
    ("1999-05-06", "Police have searched for him since the Oct. 23 slaying.", "Oct. 23", "DATE", "1998-10-23"),
    ("2013-03-20", "Friday's vote will decide the issue.", "Friday", "DATE", "2013-03-22"),
    # a year after "since" does not frame its sentence; a season said in that season is this one
    ("2013-03-22", "Unemployment hit its highest level since 2008 in February.", "February", "DATE", "2013-02"),
    ("2013-03-22", "The election will be held in the spring.", "the spring", "DATE", "2013-SP"),
    # a clock time takes the day named right after it
    ("1998-08-08", "The blast occurred at 10:35 a.m. (0735 GMT) Friday.", "10:35 a.m.", "TIME", "1998-08-07T10:35"),
    # rates are sets; fractions are written with a second unit
    ("1989-10-30", "The plan should save $500 million a year.", "a year", "SET", "P1Y"),
    ("1989-10-30", "The strike lasted a year.", "a year", "DURATION", "P1Y"),
    ("1998-02-27", "They lived in refugee camps for 2 1/2 years.", "2 1/2 years", "DURATION", "P2Y6M"),
    ("1989-10-30", "Eight trading days after the crash, prices recovered.", "Eight trading days", "DURATION", "P8D"),
    ("1989-10-30", "Profit fell from a year-earlier loss of $2 million.", "year-earlier", "DATE", "1988"),
    ("1989-10-30", "We don't minimize the challenges of the near term.", "the near term", "DATE", "FUTURE_REF"),
    ("2000-02-10", "He was arrested at least twice from 1991 to 1997.", "1991", "DATE", "1991"),
])
def test_dev_conventions(nlp, dct: str, text: str, mention: str, typ: str, value: str) -> None:
    t = one(nlp, text, dct, mention)
    assert (t.type, t.value) == (typ, value)


def test_year_ago_quarter_keeps_the_reported_quarter(nlp) -> None:
    text = ("Profit rose in the third quarter of 1989. In the year-earlier third quarter, the company lost money. "
            "During the quarter, sales rose 5%.")
    got = by_text(tag(nlp, text, "1989-10-30"))
    assert got["the year-earlier third quarter"][0].value == "1988-Q3"
    assert got["the quarter"][0].value == "1989-Q3"


def test_only_attested_range_separators(nlp) -> None:
    """Ranges split in two only with the separators of HeidelTime's rules and the dev gold (bench/te3ranges.py)."""
    got = by_text(tag(nlp, "The fair ran March 14 to 15 and resumes in May and June 2013.", "2013-03-22"))
    assert "15" not in got and got["March 14"][0].value == "2013-03-14"
    assert got["May"][0].value == "2013-05" and got["June 2013"][0].value == "2013-06"


def test_the_past_before_a_noun_is_not_past_ref(nlp) -> None:
    assert "the past" not in by_text(tag(nlp, "Violence has flared for the past three summers.", "2013-03-22"))
    assert one(nlp, "In the past, such attacks were rare.", "2013-03-22", "the past").value == "PAST_REF"
