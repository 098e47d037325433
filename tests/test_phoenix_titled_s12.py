"""Session 12 (issue 15): with the titled Phoenix people loaded (``kb.PHOENIX = "titled"``), a role mention in an
article resolves, through the extraction pipeline, to whoever held the role on the article's date. Sentences
written here."""
from __future__ import annotations

from collections.abc import Iterator

import pytest

from dateline.extract.entities import kb as kbmod
from dateline.extract.pipeline import Pipeline
from dateline.model import Article


@pytest.fixture(scope="module")
def titled_pipe() -> Iterator[Pipeline]:
    mp = pytest.MonkeyPatch()
    mp.setattr(kbmod, "PHOENIX", "titled")
    kbmod.load_kb.cache_clear()
    try:
        yield Pipeline(["time", "entities", "places"])
    finally:
        mp.undo()
        kbmod.load_kb.cache_clear()


def _actors(pipe: Pipeline, text: str, dct: str) -> dict[str, str]:
    ex = pipe(Article(id="t", text=text, dct=dct))
    return {e.text: e.canonical for e in ex.entities if e.label == "ACTOR"}


@pytest.mark.parametrize(("text", "mention"), [
    ("The Greek prime minister said on Tuesday that parliament would vote on the pension bill.",
     "Greek prime minister"),
    ("Union leaders walked out of a meeting with Greece's prime minister over wage cuts.",
     "Greece's prime minister"),
])
@pytest.mark.parametrize(("dct", "holder"), [("2010-05-01", "Georgios Andreas Papandreou"),
                                             ("2013-05-01", "Antonis Samaras")])
def test_role_mention_resolves_to_the_holder_on_the_article_date(titled_pipe: Pipeline, text: str, mention: str,
                                                                dct: str, holder: str) -> None:
    assert _actors(titled_pipe, text, dct)[mention] == holder


def test_no_holder_on_the_date_falls_back_to_the_state(titled_pipe: Pipeline) -> None:
    # no Greek prime minister of the converted dictionary held office in 1995: the state, never a wrong person
    got = _actors(titled_pipe, "The Greek prime minister said the talks had failed.", "1995-06-01")
    assert got["Greek prime minister"] == "Greece"


def test_titled_loading_keeps_the_hand_made_holders(titled_pipe: Pipeline) -> None:
    # the hand-made KB wins where it knows the office (the Egyptian foreign minister changed in mid-2024)
    text = "The Egyptian foreign minister met envoys in Cairo."
    assert _actors(titled_pipe, text, "2024-03-01")["Egyptian foreign minister"] == "Sameh Shoukry"
    assert _actors(titled_pipe, text, "2024-09-01")["Egyptian foreign minister"] == "Badr Abdelatty"


def test_the_titled_file_is_the_titled_part_of_the_conversion() -> None:
    from dateline.resources import load_yaml

    every = load_yaml("actors", "phoenix.yaml")
    want = [d["name"] for d in every if d.get("kind") == "person" and kbmod.titled(d)]
    got = [d["name"] for d in load_yaml("actors", "phoenix_titled.yaml")]
    assert got == want and 50 < len(got) < len(every) // 10
