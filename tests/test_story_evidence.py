"""Issue 17: the evidence that places an undated article in its story (the same cumulative totals, counts from a
start the story dates), each on sentences written for the test."""
from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pytest

from dateline.extract.pipeline import Pipeline
from dateline.fuse import counting, figseries, storyspace
from dateline.fuse.placing import ACTIVITY_FLOOR, FEATURES, Evidence, activity, features, weekday_odds, weekdays
from dateline.fuse.redate import PlaceConfig, choose, place_undated
from dateline.fuse.storyspace import Space
from dateline.model import Article, Extraction

@pytest.fixture(scope="module")
def figures_pipe() -> Pipeline:
    return Pipeline(components=["time", "figures"])


def _story(pipe: Pipeline, dated: list[tuple[str, str, str]], undated: str) -> list[Extraction]:
    arts = [Article(id=i, text=t, dct=d, dct_origin="metadata") for i, d, t in dated]
    return list(pipe.pipe([*arts, Article(id="u", text=undated)]))


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
    # recorded in the placement's evidence
    [placed] = place_undated(exs)
    assert "dated reports of the same cumulative totals: 2009-05-02, 2009-05-03" in placed.evidence
    assert "contributions: " in placed.evidence


def test_weekdays_scored_by_how_the_story_names_them(figures_pipe: Pipeline) -> None:
    # offsets 0..6 (days after the weekday named): none seen is uniform; the most seen is the likeliest
    assert weekday_odds([]) == pytest.approx((0.0,) * 7)
    odds = weekday_odds([1, 1, 1, 1, 0, 6])
    assert max(range(7), key=lambda b: odds[b]) == 1 and odds[1] > odds[0] > odds[3]
    # a feed whose reports appear the day after the weekday they name (all three dated on a Sunday or Monday)
    dated = [("w1", "2011-03-06", "On Saturday the ferry company cut its winter timetable, the harbour office said."),
             ("w2", "2011-03-13", "The harbour office said on Saturday that two more ferries would stop."),
             ("w3", "2011-03-15", "Dock workers walked out on Monday over the ferry cuts.")]
    exs = _story(figures_pipe, dated, "Ferry crews met on Saturday. On Saturday evening the union voted, "
                                      "and on Saturday night the harbour was closed.")
    space = Space(exs[:-1], exs[-1:])
    assert max(range(7), key=lambda b: space.weekday_odds[b]) == 1
    col = FEATURES.index("weekday_ll")
    once = Evidence(votes=[(date(2011, 3, 13), 0.5)], weekdays=[5], weekday_odds=space.weekday_odds)
    thrice = Evidence(votes=[(date(2011, 3, 13), 0.5)], weekdays=weekdays(exs[-1]),
                      weekday_odds=space.weekday_odds)
    assert thrice.weekdays == [5, 5, 5]
    sunday, saturday, wednesday = date(2011, 3, 20), date(2011, 3, 19), date(2011, 3, 16)
    # the story names the day before's weekday: on a Sunday its "Saturday" is likeliest; other offsets unseen
    assert features(sunday, once)[col] > features(saturday, once)[col] == features(wednesday, once)[col]
    # every weekday named counts: three "Saturday"s weigh three times one
    gap = features(sunday, once)[col] - features(wednesday, once)[col]
    assert features(sunday, thrice)[col] - features(wednesday, thrice)[col] == pytest.approx(3 * gap)


def test_page_furniture_many_articles_carry_is_left_out_of_the_comparison() -> None:
    furniture = ["Sign up for our evening briefing and get the day's top stories by email.",
                 "Comments on this page are moderated and may take a while to appear online."]
    stories = ["Ferry crews walked out at dawn and the harbour stood silent all morning.",
               "Lighthouse keepers on the northern isles voted to join the stoppage.",
               "The ferry operator offered a new pay deal to the striking crews.",
               "Shops on the island ran short of bread as the stoppage went on.",
               "Union leaders met the transport minister but no talks were set."]
    texts = [s + "\n" + "\n".join(furniture) for s in stories]
    lines = set(storyspace.template_lines(texts))
    assert lines == set(furniture)  # carried by five articles; each story line by one
    assert storyspace.template_lines(texts[:4]) == frozenset()  # four is not enough
    dated = [Extraction(article=Article(id=f"d{i}", text=t, dct=f"2011-03-0{i + 1}", dct_origin="metadata"))
             for i, t in enumerate(texts)]
    # an undated page that shares only the furniture with them: no longer similar to any of them
    other = Extraction(article=Article(id="u", text="Snow closed the mountain pass for a second day.\n"
                                       + "\n".join(furniture)))
    space = Space(dated, [other])
    assert space.junk == frozenset(furniture)
    assert float(space.sims(other).max()) == 0.0
    # the furniture still counts where a story does not repeat it
    assert float(Space(dated[:2], [other]).sims(other).max()) > 0.3
    # its own story words still do
    same = Extraction(article=Article(id="v", text="The ferry crews' stoppage entered its third day.\n"
                                      + "\n".join(furniture)))
    assert int(np.argmax(Space(dated, [same]).sims(same))) in (0, 2)


def test_space_works_out_each_articles_own_text_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """QA pass s10: the text without template lines is worked out once per article, not per feature; the
    features read the same tokens as before."""
    line = "Sign up for our morning briefing and never miss a story from the valley."
    dated = [Extraction(article=Article(id=f"d{i}", text=f"The river rose {i} metres at the mill.\n{line}",
                                        dct=f"2024-02-0{i}", dct_origin="metadata")) for i in range(1, 7)]
    undated = Extraction(article=Article(id="u", text=f"The mill flooded as the river rose.\n{line}"))
    calls: list[str] = []
    real = storyspace._own
    monkeypatch.setattr(storyspace, "_own", lambda ex, junk: calls.append(ex.article.id) or real(ex, junk))
    space = Space(dated, [undated])
    assert line in space.junk
    for _ in range(2):
        space.sims(undated), space.lead_sims(undated), space.shared(undated), space.word_births(undated)
        space.language(undated, [date(2024, 2, 3)])
    assert sorted(calls) == sorted([ex.article.id for ex in dated] + ["u"])
    assert space.tokens(undated) == storyspace._tokens(undated, real(undated, space.junk))
    assert "briefing" not in space.tokens(undated) and "mill" in space.tokens(undated)

def test_an_article_like_no_dated_one_is_still_placed_by_what_needs_no_neighbour() -> None:
    stories = ["Ferry crews walked out at dawn and the harbour stood silent all morning.",
               "Lighthouse keepers on the northern isles voted to join the stoppage.",
               "The ferry operator offered a new pay deal to the striking crews.",
               "Shops on the island ran short of bread as the stoppage went on."]
    dated = [Extraction(article=Article(id=f"d{i}", text=t, dct=f"2011-03-0{2 * i + 1}", dct_origin="metadata"))
             for i, t in enumerate(stories)]
    # shares no word with them, but names a day with its year
    alone = Extraction(article=Article(id="u", text="Snow closed the mountain pass on March 8, 2011, and "
                                       "drivers waited for hours."))
    assert float(Space(dated, [alone]).sims(alone).max()) == 0.0
    [placed] = place_undated([*dated, alone])
    assert placed.article_id == "u" and placed.confidence == "low"
    assert abs((date.fromisoformat(placed.dct) - date(2011, 3, 8)).days) <= 1
    assert "no dated article of its story is similar to it" in placed.evidence
    # without the fallback it is left to its text-only estimate
    assert place_undated([*dated, alone], PlaceConfig(fallback=False)) == []


def test_the_day_chosen_is_where_most_probability_lies_not_a_lone_peak() -> None:
    days = [date(2012, 5, 1) + timedelta(days=k) for k in range(20)]
    p = np.zeros(len(days))
    p[0] = 0.42  # one sharp day ...
    p[10:14] = 0.145  # ... against four close days holding more probability between them
    day, within = choose(days, p, 3)
    assert day in days[10:14] and within == pytest.approx(0.58)
    # with the day's own probability counted too (the rule before), the lone peak wins
    assert choose(days, p, 3, exact=1.0) == (days[0], pytest.approx(0.42))


def test_the_days_an_article_names_most_weigh_beside_its_latest_one() -> None:
    col = FEATURES.index("fact_share")
    # a report naming its news day three ways and an old date once; a feature naming only an old date
    news = Evidence(votes=[(date(2014, 8, 20), 0.4)], facts=[date(2014, 3, 2), date(2014, 8, 17), date(2014, 8, 18),
                                                            date(2014, 8, 19)])
    assert features(date(2014, 8, 19), news)[col] == pytest.approx(0.75)
    assert features(date(2014, 8, 21), news)[col] == pytest.approx(0.25)  # the 17th is three days back
    assert features(date(2014, 3, 3), news)[col] == pytest.approx(0.25)
    assert features(date(2014, 8, 16), news)[col] == 0.0  # none of them yet
    assert features(date(2014, 8, 19), Evidence(votes=[(date(2014, 8, 20), 0.4)]))[col] == 0.0  # names none


def test_the_story_publication_rate_is_a_log_prior_over_days() -> None:
    col, lin = FEATURES.index("activity_log"), FEATURES.index("activity")
    # eight reports of a flood on 3 June, one follow-up on 10 June, nothing in between
    story = [date(2016, 6, 3)] * 8 + [date(2016, 6, 10)]
    ev = Evidence(votes=[], activity=activity(story))
    busy, quiet, empty = (features(date(2016, 6, d), ev) for d in (3, 10, 7))
    assert busy[col] > quiet[col] > empty[col]
    assert empty[lin] == 0.0 and np.isfinite(empty[col])  # a day nobody wrote on is unlikely, not impossible
    # the linear share barely tells the quiet day from the empty one; the log tells them apart
    assert quiet[lin] - empty[lin] < 0.2 < quiet[col] - empty[col]
    assert busy[col] == pytest.approx(np.log(1.0 + ACTIVITY_FLOOR))
