"""The statement rules one by one, on short texts written for these tests."""
from __future__ import annotations

import sys

import pytest

from dateline.extract.pipeline import Pipeline
from dateline.extract.registry import registered
from dateline.extract.statements.quotes import find_quotes
from dateline.model import Article, Statement

from .conftest import GOLD, ROOT
from .statements_util import speech


@pytest.fixture(scope="module")
def pipe() -> Pipeline:
    return Pipeline(["time", "entities", "statements"], config={"statements": {"learned": False}})


@pytest.fixture(scope="module")
def broad_pipe() -> Pipeline:
    return Pipeline(["time", "entities", "statements"], config={"statements": {"broad": True, "learned": False}})


def run(pipe: Pipeline, text: str, dct: str | None = "2025-03-14", source: str | None = None) -> list[Statement]:
    ex = pipe(Article(id="t", text=text, dct=dct, source=source))
    for s in ex.statements:  # offsets are the contract
        assert ex.article.text[s.start:s.end] == s.content == s.text
        if s.speaker_start is not None:
            assert 0 <= s.speaker_start < s.speaker_end <= len(text)
        if s.content_parts:
            for piece in s.content_parts.split(";"):
                a, b = map(int, piece.split("-"))
                assert s.start <= a < b <= s.end
    return sorted(speech(ex.statements), key=lambda s: s.start)


def one(stmts: list[Statement], **want: object) -> Statement:
    hits = [s for s in stmts if all(getattr(s, k) == v for k, v in want.items())]
    assert len(hits) == 1, [(s.speaker, s.cue, s.content) for s in stmts]
    return hits[0]


def test_component_is_registered(pipe: Pipeline) -> None:
    assert "statements" in registered()


def test_quote_spans() -> None:
    text = ('He said "very good" and “fine,” she said, “more.”\n\n“First paragraph.\n\n“Second one,” he said.\n\n'
            "''Old style,'' it said. An \"unclosed quote\nends at the paragraph")
    assert [text[s:e] for s, e in find_quotes(text)] == [
        '"very good"', "“fine,”", "“more.”", "“First paragraph.\n\n“Second one,”", "''Old style,''",
        '"unclosed quote']


def test_split_quote_is_one_direct_statement(pipe: Pipeline) -> None:
    text = ('"We will rebuild the bridge," said Maria Lopez, the mayor of Riverton, '
            '"and we will do it before winter."')
    s = one(run(pipe, text), cue="said")
    assert s.mode == "direct" and s.speaker == "Maria Lopez" and s.speaker_kind == "named"
    assert s.content.startswith("We will rebuild") and s.content.endswith("before winter")
    pieces = [text[int(a):int(b)] for a, b in (p.split("-") for p in s.content_parts.split(";"))]
    assert pieces == ["We will rebuild the bridge", "and we will do it before winter"]


def test_quote_continued_after_the_attribution_sentence(pipe: Pipeline) -> None:
    text = ('"The water is safe to drink," Maria Lopez said on Monday at a briefing in the town hall. '
            '"We tested it twice."\n\n"Nobody has fallen ill."')
    s = one(run(pipe, text), cue="said")
    assert s.content.startswith("The water is safe") and s.content.endswith("Nobody has fallen ill")
    assert len(s.content_parts.split(";")) == 3
    assert s.date == "2025-03-10"  # "on Monday" before the DCT (Friday 2025-03-14)


def test_according_to_and_document_relay(pipe: Pipeline) -> None:
    text = "At least 40 people were injured in the storm, according to a Reuters count based on hospital data."
    s = one(run(pipe, text), cue="according to")
    assert s.content == "At least 40 people were injured in the storm"
    assert s.via == "Reuters" and s.speaker_kind == "organization"


def test_trailing_attribution_and_role(pipe: Pipeline) -> None:
    text = ("The dam will be repaired within a month, the region's water chief, Tomas Berg, said on Tuesday. "
            "He added that the reservoir was half full.")
    stmts = run(pipe, text)
    said = one(stmts, cue="said")
    assert said.speaker == "Tomas Berg" and said.content == "The dam will be repaired within a month"
    assert said.date == "2025-03-11"
    added = one(stmts, cue="added")
    assert added.speaker == "Tomas Berg" and text[added.speaker_start:added.speaker_end] == "He"
    assert added.date == "2025-03-11"  # the same speaker, continuing: the same day


def test_role_noun_and_issued_document(pipe: Pipeline) -> None:
    text = ("Interior Minister Jan Novak said the border would stay open. The minister also said that more "
            "police would be sent. \"We will not close it,\" the statement said.")
    stmts = run(pipe, text)
    also = one(stmts, content="more police would be sent")
    assert also.speaker == "Jan Novak" and text[also.speaker_start:also.speaker_end] == "The minister"
    issued = one(stmts, content="We will not close it")
    assert issued.speaker == "Jan Novak" and issued.mode == "direct"


def test_anonymous_and_relay_outlets(pipe: Pipeline) -> None:
    text = ("Two diplomats familiar with the talks told Reuters that a deal was close. A senior official told "
            "reporters the deal would be signed soon. An aide told the Harbor Gazette the date was not fixed.")
    stmts = run(pipe, text)
    assert one(stmts, content="a deal was close").via == "Reuters"
    official = one(stmts, content="the deal would be signed soon")
    assert official.via is None and official.speaker == "a senior official" and official.speaker_kind == "anonymous"
    assert one(stmts, content="the date was not fixed").via == "Harbor Gazette"


def test_article_outlet_is_a_relay(pipe: Pipeline) -> None:
    text = "A volunteer told Riverside Wire that the beach was closed."
    s = one(run(pipe, text, source="Riverside Wire"), cue="told")
    assert s.via == "Riverside Wire"


def test_dateline_is_not_the_speaker(pipe: Pipeline) -> None:
    text = "RIVERTON, Oregon (Northline News) — Oregon reported 12 new cases on Friday, health officials said."
    s = one(run(pipe, text), cue="said")
    assert s.speaker == "health officials"
    assert s.content.startswith("Oregon reported 12 new cases")


def test_negated_and_belief_cues(pipe: Pipeline, broad_pipe: Pipeline) -> None:
    text = "Officials have not said how much oil spilled. The mayor believes the beaches will reopen in May."
    assert run(pipe, text) == []
    broad = run(broad_pipe, text)
    assert one(broad, cue="believes").content == "the beaches will reopen in May"


def test_nested_reported_speech_is_part_of_the_outer_statement(pipe: Pipeline) -> None:
    text = "Hamas said the mediators told its negotiators that a new proposal was coming."
    stmts = run(pipe, text)
    assert [s.cue for s in stmts] == ["said"]
    nested = Pipeline(["time", "entities", "statements"], config={"statements": {"nested": True, "learned": False}})
    assert sorted(s.cue for s in run(nested, text)) == ["said", "told"]


def test_colon_headline_and_labels(pipe: Pipeline) -> None:
    text = "Jan Novak: The Border Will Stay Open\n\nNote: this story was updated."
    stmts = run(pipe, text)
    s = one(stmts, cue=":")
    assert s.speaker == "Jan Novak" and s.content == "The Border Will Stay Open"


@pytest.mark.slow
def test_own_gold_speakers() -> None:
    """Guard on the hand gold of the sample corpus (bench/attribution.py reports the full numbers)."""
    sys.path.insert(0, str(ROOT / "bench"))
    import attribution  # type: ignore[import-not-found]

    gold, articles = attribution.load_own_gold()
    assert gold and GOLD.is_dir()
    result = attribution.score_own(gold, articles)
    assert result["speaker"].f >= 0.9
    assert result["via_acc"] >= 0.9


@pytest.mark.parametrize(("text", "content", "date"), [
    # a time right after the cue says when it was said: out of the content, and the statement's date
    ("Hamas said on Sunday it rejected the proposal, a senior official told AFP.",
     "it rejected the proposal", "2025-03-09"),  # the outer attribution relays it (issue 16)
    ("Officials said on Thursday night talks would resume in Cairo.", "talks would resume in Cairo", "2025-03-13"),
    ("Officials said Thursday that talks would resume in Cairo.", "talks would resume in Cairo", "2025-03-13"),
    # ...unless the time is what the content is about
    ("He said Sunday was the deadline for the deal.", "Sunday was the deadline for the deal", "2025-03-14"),
])
def test_time_after_the_cue_dates_the_statement(pipe, text: str, content: str, date: str) -> None:
    s = one(run(pipe, text), cue="said")
    assert (s.content, s.date) == (content, date)
