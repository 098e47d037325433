"""Issue 17: the evidence that places an undated article in its story (cumulative figures, counts from a start the
story dates, facts its dated articles date), each on sentences written for the test."""
from __future__ import annotations

from datetime import date, timedelta

import pytest

from dateline.extract.pipeline import Pipeline
from dateline.fuse import counting, figseries, storyfacts
from dateline.fuse.redate import place_undated
from dateline.model import Article, Extraction

# a developing story told by its rising death toll (dated reports), and an undated report of a toll in between
TOLL = [("q1", "2010-01-13", "The earthquake has killed 150 people so far, officials said."),
        ("q2", "2010-01-14", "The death toll from the earthquake has risen to 400, officials said."),
        ("q3", "2010-01-16", "The death toll from the earthquake has risen to 900, the government said."),
        ("q4", "2010-01-18", "At least 1,500 people have now died in the earthquake, the health ministry said."),
        ("q5", "2010-01-21", "The death toll from the earthquake has risen to 2,300, officials said."),
        ("q6", "2010-01-24", "The earthquake has killed 3,100 people so far, aid agencies said.")]
TOLL_UNDATED = "Aid agencies said 1,200 people have now died in the earthquake, as rescuers dug through the rubble."


@pytest.fixture(scope="module")
def figures_pipe() -> Pipeline:
    return Pipeline(components=["time", "figures"])


def _story(pipe: Pipeline, dated: list[tuple[str, str, str]], undated: str) -> list[Extraction]:
    arts = [Article(id=i, text=t, dct=d, dct_origin="metadata") for i, d, t in dated]
    return list(pipe.pipe([*arts, Article(id="u", text=undated)]))


def test_a_cumulative_figure_places_an_article_where_the_series_reaches_it(figures_pipe: Pipeline) -> None:
    exs = _story(figures_pipe, TOLL, TOLL_UNDATED)
    story = figseries.series(figseries.points((ex.figures, date.fromisoformat(ex.article.dct or ""))
                                              for ex in exs[:-1]))
    assert ("killed", "") in story and story[("killed", "")].weight == 1.0  # the toll only rises
    [cross] = figseries.crossings(exs[-1].figures, story)
    # 1,200 lies between the 900 of 16 January and the 1,500 of 18 January
    assert date(2010, 1, 16) <= cross.day <= date(2010, 1, 18) and cross.value == 1200
    # recorded in the placement's evidence (its weight is fitted on Timeline17: see fuse.redate.WEIGHTS)
    [placed] = place_undated(exs)
    assert placed.article_id == "u" and f"cumulative figures: killed 1200 reached on {cross.day}" in placed.evidence


def test_a_mixed_series_does_not_count() -> None:
    from dateline.model import Figure

    days = [date(2009, 5, 1) + timedelta(days=k) for k in range(6)]
    # two totals (a country's and the world's) reported under one category: not rising
    values = [40, 9000, 55, 12000, 70, 15000]
    story = figseries.series(figseries.points(([Figure(value=v, category="cases", kind="cumulative")], d)
                                              for d, v in zip(days, values)))
    assert story[("cases", "")].weight < 0.5
    assert figseries.isotonic([1.0, 3.0, 2.0, 4.0], [1, 1, 1, 1]) == [1.0, 2.5, 2.5, 4.0]


def test_counts_from_a_start_the_story_dates() -> None:
    found = counting.counts("Fifty-eight days into the oil spill, BP tried again. It was the 12th day of the strike. "
                            "After two days of heavy fighting the town fell. Three weeks after the explosion, "
                            "divers went down.")
    assert [(c.days, c.text.split()[0]) for c in found] == [(58, "Fifty-eight"), (11, "the"), (21, "Three")]
    assert "spill" in found[0].words and "strike" in found[1].words
    # dated reports count from the blast (20 April); an undated one counts 30 days from it
    dated = [("Ten days after the rig blast, the slick reached the coast.", date(2010, 4, 30)),
             ("Day 3 of the rig blast clean-up: crews on the water.", date(2010, 4, 22))]
    starts = counting.starts(dated)
    assert {s for s, _ in starts} == {date(2010, 4, 20)}
    [(day, spread, text)] = counting.placed("Thirty days after the blast, fishermen are still idle.", starts,
                                            date(2010, 4, 25))
    assert day == date(2010, 5, 20) and spread == 1.0 and text.startswith("Thirty days")
    # a start no dated article counts from: the story's first day, less precise
    [(day, spread, _)] = counting.placed("Two weeks into the inquiry, nothing has changed.", starts, date(2010, 4, 25))
    assert day == date(2010, 5, 9) and spread > 3


def test_dated_reports_of_the_same_total_vote_for_their_days(figures_pipe: Pipeline) -> None:
    dated = [("c1", "2009-05-02", "Mexico has confirmed 1,490 cases of swine flu, the health ministry said."),
             ("c2", "2009-05-03", "Swine flu cases in Mexico have risen to 1,490, officials said."),
             ("c3", "2009-05-09", "Mexico has now confirmed 2,000 cases of swine flu."),
             ("c4", "2009-05-20", "The number of swine flu cases in Britain has risen to 1,000.")]
    exs = _story(figures_pipe, dated, "Mexican officials said swine flu cases had reached 1,490, with 84 deaths.")
    story = figseries.points((ex.figures, date.fromisoformat(ex.article.dct or "")) for ex in exs[:-1])
    found = figseries.matches(exs[-1].figures, story)
    # the two reports of 1,490, half a vote each; the round 2,000 and 1,000 are no match
    assert sorted(found) == [(date(2009, 5, 2), 0.5), (date(2009, 5, 3), 0.5)]
    assert figseries.significant(1490) == 3 and figseries.significant(2000) == 1


# dated reports that give the day things happened, and undated reports telling the same facts without a date
FACTS = [("f1", "2011-02-11", "Hosni Mubarak resigned as president on Friday and handed power to the army, "
                              "the vice-president announced. Crowds in Tahrir Square celebrated through the night."),
         ("f2", "2011-02-02", "Supporters of the president charged into the square on camels and horses on Wednesday, "
                              "and hundreds of protesters were hurt in the clashes."),
         ("f3", "2011-02-12", "A day after the president stepped down, the army promised a civilian government. "
                              "Caption: protesters in the square, photographed by our staff on Monday.")]
TOLD = ("Two days after Mubarak resigned as president and handed power to the army, workers went back to their "
        "offices. Crowds had celebrated through the night in the square. The army said on Sunday it would dissolve "
        "parliament.")


def test_facts_an_article_tells_are_dated_by_its_story() -> None:
    pipe = Pipeline(components=["time"])
    exs = _story(pipe, FACTS, TOLD)
    index = storyfacts.FactIndex([(ex, date.fromisoformat(ex.article.dct or "")) for ex in exs[:-1]])
    told = index.told(exs[-1])
    # its first sentence tells the resignation the first dated report gives the day of (Friday 11 February);
    # the camel charge (2 February) is not told, and no sentence matches the caption
    assert {x.day for x in told} == {date(2011, 2, 11)} and told[0].text.startswith("Two days after Mubarak")
    assert told[0].share >= storyfacts.MIN_SHARE and told[0].pin is None
    # a fact told with its weekday or "yesterday" puts the article that many days after it
    assert storyfacts.pin("on Friday", date(2011, 2, 11)) == (0, 6) and storyfacts.pin("yesterday", date(2011, 2, 11)) == (1, 1)
    assert storyfacts.pin("Sunday", date(2011, 2, 11)) is None
    [placed] = place_undated(exs)
    assert date.fromisoformat(placed.dct) >= date(2011, 2, 11)
    assert "facts told that its story dates; latest on or before: 2011-02-11 ('Two days after" in placed.evidence
    assert "contributions: " in placed.evidence
