"""An undated article is not placed by its story on a day outside the terms of the office holders it names by
title (``fuse.redate.in_office``; new sentences, session 11)."""
from __future__ import annotations

import pytest

from dateline.extract.pipeline import Pipeline
from dateline.fuse.redate import in_office, place_undated
from dateline.model import Article

DATED = [
    ("d1", "2025-05-12", "Hamas and US envoys held direct talks in Doha on Sunday about a Gaza truce, officials said. "
     "Qatar and Egypt pressed both sides to agree to a ceasefire and an exchange of hostages."),
    ("d2", "2025-05-13", "Talks in Doha on a Gaza truce went on for a second day on Monday, officials said. "
     "The hostages held in Gaza and a ceasefire were at the top of the agenda."),
]
UNDATED_2024 = ("u1", "Talks in Doha on a Gaza truce and the hostages went on on Thursday, officials said. "
                "US President Joe Biden spoke with Israeli Prime Minister Benjamin Netanyahu, and Secretary of "
                "State Antony Blinken said a ceasefire was closer than ever.")
UNDATED_ANY = ("u2", "Talks in Doha on a Gaza truce and the hostages went on on Monday, officials said. "
               "A ceasefire was closer than ever, mediators said.")


@pytest.fixture(scope="module")
def exs():
    pipe = Pipeline()
    arts = [Article(id=i, text=t, dct=d, dct_origin="metadata") for i, d, t in DATED]
    arts += [Article(id=i, text=t) for i, t in (UNDATED_2024, UNDATED_ANY)]
    return list(pipe.pipe(arts))


def test_office_terms_bound_the_days(exs):
    periods = in_office(UNDATED_2024[1])
    assert periods is not None and max(b for _, b in periods).isoformat() < "2025-02-01"
    assert in_office(UNDATED_ANY[1]) is None
    assert in_office("Ousted President Hosni Mubarak appeared in court on Monday.") is None
    # one title may be a past one kept; a handover is no common term
    assert in_office("US President Joe Biden said a ceasefire was closer than ever.") is None
    assert in_office("Unlike President George W. Bush, President Barack Obama spoke with Russian President "
                     "Dmitry Medvedev on Monday.") is None


def test_a_story_mate_outside_the_term_does_not_date_the_article(exs):
    placed = {sd.article_id: sd.dct for sd in place_undated(exs)}
    assert "u1" not in placed  # keeps its text-only estimate: Biden was no longer president in May 2025
    assert placed["u2"][:7] == "2025-05"  # the same story without a named office holder is placed by it
    (u1,) = [ex for ex in exs if ex.article.id == "u1"]
    assert u1.article.dct_origin == "estimated" and u1.article.dct is not None and u1.article.dct < "2025-01-21"
