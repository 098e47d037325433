"""A blank line ends a sentence and an entity: a headline without a final stop is not parsed with the dateline
and lead under it, and a name at a headline's end is not joined to the dateline's place. Plain-text inputs take
their title from that headline and their outlet from the dateline under it."""
from __future__ import annotations

from pathlib import Path

import pytest

import dateline
from dateline.extract.nlp import load_nlp
from dateline.ingest import read_path
from dateline.model import Article

FERRY = ("Ferry capsizes off Lesbos, at least 9 dead\n\n"
         "ATHENS (Aegean Wire) — A passenger ferry capsized in heavy seas off the island of Lesbos on Friday, "
         "killing at least nine people, the coast guard said.\n\n"
         "Rescuers were searching for 12 missing passengers.")
RAIL = ("Flooding cuts rail link to Porto\n\n"
        "LISBON (Iberia Desk) — Floods cut the rail line between Lisbon and Porto on Tuesday, the operator said.")


@pytest.mark.parametrize("text", [FERRY, RAIL])
def test_no_sentence_or_entity_crosses_a_blank_line(text: str) -> None:
    doc = load_nlp()(text)
    breaks = [i for i in range(len(text)) if text.startswith("\n\n", i)]
    for sent in doc.sents:
        body = sent.text.strip()
        start = sent.start_char + sent.text.index(body)
        assert not any(start < b < start + len(body) for b in breaks), repr(sent.text)
    for ent in doc.ents:
        assert "\n" not in ent.text and ent.text == ent.text.strip(), repr(ent.text)


def test_a_name_ending_the_headline_stays_apart_from_the_dateline_place() -> None:
    ex = dateline.extract(RAIL, dct="2025-02-04")
    names = [e.text for e in ex.entities]
    assert "Porto" in names and "LISBON" in names
    assert not any("\n" in n for n in names), names


def test_a_headline_toll_is_read_in_the_headline_alone() -> None:
    ex = dateline.extract(FERRY, dct="2025-02-08")
    head = [f for f in ex.figures if f.end <= FERRY.index("\n")]
    assert [(f.value, f.category) for f in head] == [(9, "killed")]


def _read(tmp_path: Path, name: str, text: str) -> Article:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    [a] = [x for x in read_path(str(p)) if isinstance(x, Article)]
    return a


def test_plain_text_takes_its_title_from_the_headline_and_outlet_from_the_dateline(tmp_path: Path) -> None:
    a = _read(tmp_path, "ferry.txt", "date 2025-02-08\n" + FERRY)
    assert a.title == "Ferry capsizes off Lesbos, at least 9 dead"
    assert a.source == "Aegean Wire"
    b = _read(tmp_path, "rail.txt", RAIL)
    assert (b.title, b.source) == ("Flooding cuts rail link to Porto", "Iberia Desk")


def test_no_title_from_a_byline_a_dateline_or_a_first_sentence(tmp_path: Path) -> None:
    byline = _read(tmp_path, "byline.txt", "By Maria Costa\n\nFloods cut the rail line on Tuesday.\n\nMore rain is due.")
    assert byline.title is None
    dated = _read(tmp_path, "dated.txt", "LISBON (Iberia Desk) —\nFloods cut the rail line on Tuesday.")
    assert dated.title is None and dated.source == "Iberia Desk"
    sentence = _read(tmp_path, "sentence.txt", "Floods cut the rail line on Tuesday.\n\nMore rain is due on Friday.")
    assert sentence.title is None and sentence.source is None
