"""Attributed statements on the two seed articles: every statement, with its speaker, cue, mode, relay and date."""
from __future__ import annotations

import pytest

from dateline import extract
from dateline.model import Statement

from .conftest import SEED_DATED, SEED_UNDATED
from .statements_util import speech

# (speaker, speaker_kind, speaker mention, cue, mode, via, date, content start, content end)
SEED_000 = [
    ("US officials", "anonymous", "US officials", "told", "indirect", "Axios", "2024-08-16",
     "Some progress was made on Thursday", "ceasefire deal"),
    ("the report", "organization", "the report", "said", "indirect", None, "2024-08-16",  # no via from another sentence (issue 16)
     "CIA director Bill Burns", "the crucial round of negotiations"),
    ("a source with knowledge", "anonymous", "a source with knowledge", "told", "indirect", "Axios", "2024-08-16",
     "Hamas representatives in Doha", "throughout the day"),
    ("Hamas", "organization", "Hamas", "announced", "indirect", None, "2024-08-11",
     "it refuses to send representatives", "to the negotiations"),
    ("John Kirby", "named", "White House spokesperson John Kirby", "told", "indirect", None, "2024-08-15",
     "the talks in Doha are focused", "how to implement the deal"),
    ("John Kirby", "named", "He", "said", "indirect", None, "2024-08-15",
     "the US believes", "close the remaining gaps"),
    ("two US officials", "anonymous", "Two US officials", "told", "indirect", "Axios", "2024-08-16",
     'the first day of talks was "very good"', "some progress was made"),
    ("another US official", "anonymous", "Another US official", "said", "indirect", None, "2024-08-16",
     'the mediators "concluded', 'in Doha"'),
    ("Majed Al-Ansari", "named", "Qatar foreign ministry spokesperson Majed Al-Ansari", "said", "indirect", None,
     "2024-08-15", "the talks will continue", "on Friday"),
    ("Majed Al-Ansari", "named", "The spokesperson", "added", "indirect", None, "2024-08-15",
     "the efforts of the mediators", "humanitarian aid into Gaza"),
    ("the leaders of the US, Egypt and Qatar", "organization", "the leaders of the US, Egypt and Qatar", "calling",
     "indirect", None, "2024-08-16", "Israel and Hamas to hold a summit", "to finalize the deal"),
]

SEED_004 = [
    ("two officials from the Palestinian militant group", "anonymous",
     "two officials from the Palestinian militant group", "told", "indirect", "AFP", "2025-05-11",
     "Hamas and US representatives have held direct talks", "in recent days"),
    ("one of two officials from the Palestinian militant group", "anonymous", "one", "saying", "indirect", "AFP",
     "2025-05-11", 'there had been "progress"', "a truce in Gaza"),
    ("a senior Hamas official", "anonymous", "a senior Hamas official", "said", "direct", None, "2025-05-12",
     "Direct talks have taken place in Doha", "the entry of humanitarian aid"),
    ("a senior Hamas official", "anonymous", "a senior Hamas official", "adding", "indirect", None, "2025-05-12",
     "the talks", '"are still ongoing"'),
    ("a second official from the Palestinian group", "anonymous", "A second official from the Palestinian group",
     "said", "indirect", None, "2025-05-12", 'there was "progress made', "a US-Israeli captive held by militants"),
    ("a second official from the Palestinian group", "anonymous", "The second official", "reported", "indirect",
     None, "2025-05-12", "progress", '"on the ceasefire in the Gaza Strip"'),
    ("the Israeli military", "organization", "the Israeli military", "says", "indirect", None, "2025-05-12",
     "34", "are dead"),
    ("Israel", "organization", "It", "saying", "indirect", None, "2025-05-12",
     "it would pressure Hamas", "the remaining hostages"),
    ("Hamas", "organization", "Hamas", "insist", "indirect", None, "2025-05-12", "a deal", "ends the war"),
    ("an AFP tally based on official figures", "organization", "an AFP tally based on official figures",
     "according to", "indirect", "AFP", "2025-05-12", "Hamas's 2023 attack on southern Israel",
     "mostly civilians"),
    ("the health ministry in Hamas-run Gaza", "organization", "The health ministry in Hamas-run Gaza", "said",
     "indirect", None, "2025-05-11", "at least 2,720 people have been killed", "to 52,829"),
]


@pytest.fixture(scope="module")
def seed_000() -> tuple[str, list[Statement]]:
    ex = extract(SEED_UNDATED.read_text(encoding="utf-8"), dct="2024-08-16")
    return ex.article.text, speech(ex.statements)


@pytest.fixture(scope="module")
def seed_004() -> tuple[str, list[Statement]]:
    ex = extract(SEED_DATED.read_text(encoding="utf-8"))
    assert ex.article.dct == "2025-05-12"
    return ex.article.text, speech(ex.statements)


def _check(text: str, stmts: list[Statement], expected: list[tuple]) -> None:
    got = sorted(stmts, key=lambda s: s.cue_start or 0)
    assert len(got) == len(expected), [(s.speaker, s.cue, s.content[:40]) for s in got]
    for s, (speaker, kind, mention, cue, mode, via, date, head, tail) in zip(got, expected):
        where = f"{speaker} {cue}: {s.content[:60]!r}"
        assert s.speaker == speaker, where
        assert s.speaker_kind == kind, where
        assert text[s.speaker_start:s.speaker_end] == mention, where
        assert s.cue == cue and text[s.cue_start:s.cue_end].lower() == cue, where
        assert s.mode == mode, where
        assert s.via == via, where
        assert s.date == date, where
        assert s.content.startswith(head) and s.content.endswith(tail), where
        assert text[s.start:s.end] == s.content == s.text


def test_seed_000_every_statement(seed_000: tuple[str, list[Statement]]) -> None:
    _check(*seed_000, SEED_000)


def test_seed_004_every_statement(seed_004: tuple[str, list[Statement]]) -> None:
    _check(*seed_004, SEED_004)


def test_roles_are_kept(seed_000: tuple[str, list[Statement]]) -> None:
    roles = {s.speaker: s.speaker_role for s in seed_000[1]}
    assert roles["John Kirby"] == "White House spokesperson"
    assert roles["Majed Al-Ansari"] == "Qatar foreign ministry spokesperson"


def test_dates_follow_the_clause_timex_without_dct() -> None:
    """Without a DCT argument the dates still come from the cue's own time expression ("said on Thursday
    night" -> that timex's day), and the other statements get the article's (estimated or missing) DCT."""
    ex = extract(SEED_UNDATED.read_text(encoding="utf-8"))
    night = next(t for t in ex.timexes if t.text == "Thursday night")
    ansari = next(s for s in speech(ex.statements) if s.speaker == "Majed Al-Ansari" and s.cue == "said")
    assert ansari.date == ((night.value or "")[:10] or ex.article.dct)
    source = next(s for s in speech(ex.statements) if s.speaker == "a source with knowledge")
    assert source.date == ex.article.dct
