"""Session 12 (QA): a story's label and top actors come from what its articles are mostly about, not from a side
mention that happens to sort first. Articles written here."""
from __future__ import annotations

import pytest

from dateline.extract.pipeline import Pipeline
from dateline.fuse.merge import story_row
from dateline.model import Article


@pytest.fixture(scope="module")
def pipe() -> Pipeline:
    return Pipeline()


FIRE = [
    ("Forest fires spread in southern Chile\n\nForest fires burned across southern Chile on Monday, and Chile's "
     "government declared an emergency in two regions. Chilean firefighters said the flames reached the edge of "
     "Temuco. Chile's interior minister said 14 people had died. Argentina sent two planes to help."),
    ("Chile fires: thousands flee\n\nThousands of people fled their homes in Chile on Tuesday as the fires moved "
     "north. Chile's president visited Temuco and said the army would help. Brazil and Argentina offered "
     "firefighters."),
]


def test_a_side_mention_does_not_label_the_story(pipe: Pipeline) -> None:
    exs = [pipe(Article(id=f"f{i}", text=t, dct=f"2025-02-0{i + 3}")) for i, t in enumerate(FIRE)]
    row = story_row("s", exs, {})
    assert row["top_actors"][0] == "Chile", row["top_actors"]
    assert row["label"].startswith("Chile"), row["label"]
    assert "Argentina" not in row["label"].split(" · ")[:1]
    # Argentina is named in both articles, as Chile is: the article count alone cannot tell them apart
    assert all("Argentina" in ex.article.text and "Chile" in ex.article.text for ex in exs)


def test_the_place_of_the_label_is_the_one_most_written_about(pipe: Pipeline) -> None:
    text = ("Floods hit Porto Alegre\n\nFloods cut roads in Porto Alegre on Friday after three days of heavy "
            "rain, and water covered the lower parts of the old town. Rescuers in Porto Alegre used boats to reach "
            "families on rooftops, and the mayor of Porto Alegre asked for help from the army. Schools and "
            "shops stayed closed as the river kept rising through the night.\n\nA team of divers from "
            "Montevideo arrived later in the week.")
    row = story_row("s", [pipe(Article(id="a", text=text, dct="2025-05-03"))], {})
    assert "Porto Alegre" in row["label"] and "Montevideo" not in row["label"], row["label"]
