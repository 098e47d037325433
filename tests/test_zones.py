"""The dateline and headline zones: found once when an Article is made, kept on it and in the store, read by
every component."""
from __future__ import annotations

import pytest

from dateline import Pipeline
from dateline.ingest.text import article_from_text
from dateline.model import Article
from dateline.store import Store
from dateline.zones import find_dateline, find_zones


@pytest.mark.parametrize(("text", "header"), [
    ("MOSCOW (Meridian Wire) — The Kremlin said.", "MOSCOW (Meridian Wire) — "),
    ("GAZA CITY, Palestinian Territories (Meridian Wire) — Hamas said.",
     "GAZA CITY, Palestinian Territories (Meridian Wire) — "),
    ("Headline here\n\nCAMBRIDGE, Mass., Dec. 11 (UPI) — Young voters said.", "CAMBRIDGE, Mass., Dec. 11 (UPI) — "),
    ("A title.\n\nMANCHESTER, N.H. - At a rally here, he said.", "MANCHESTER, N.H. - "),
    ("WASHINGTON —\xa0U.S. officials said.", "WASHINGTON —\xa0"),
    # colon datelines: the place must be one the gazetteer knows
    ("KHARTOUM: Aid convoys reached the southern districts on Tuesday.", "KHARTOUM: "),
    ("KYIV, Ukraine: Air raid sirens sounded across the capital overnight.", "KYIV, Ukraine: "),
    ("Port reopens after storm\n\nTRIPOLI: The harbour authority said ships could dock again.", "TRIPOLI: "),
    # the outlet alone, and an outlet after a dateline
    ("(CNN) -- Rescuers cleared the mountain road by noon.", "(CNN) -- "),
    ("-LRB- CNN -RRB- -- Rescuers cleared the mountain road by noon.", "-LRB- CNN -RRB- -- "),
    ("LIMA (Andes Wire) — (CNN) -- Miners returned to work.", "LIMA (Andes Wire) — (CNN) -- "),
])
def test_datelines_are_found(text: str, header: str) -> None:
    found = find_dateline(text)
    assert found is not None
    assert text[found.start:found.end] == header


@pytest.mark.parametrize("text", [
    "AFL-CIO to endorse Clinton, officials said.",
    "BP - which is battling the spill - said.",
    "CHARLESTON, S.C. is where front-runner Clinton spoke.",
    "EXCLUSIVE: In memo to Congress, he said.",
    "UPDATE: The bridge stays closed until Friday, engineers said.",
    "PLEASE NOTE: Comments on this page are moderated.",
])
def test_not_datelines(text: str) -> None:
    assert find_dateline(text) is None


@pytest.mark.parametrize(("text", "body"), [
    ("Ferry service resumes\nBy Ana Ruiz\n\nVALLETTA: The first boat left at dawn.", "The first boat"),
    ("UPDATE: The bridge stays closed until Friday, engineers said.", "The bridge"),  # a label, not a dateline
    ("Storm warning lifted\n\nThe weather office lifted its warning.", "The weather office"),
    ("The weather office lifted its warning.", "The weather office"),
])
def test_body_starts_after_headline_byline_dateline_and_label(text: str, body: str) -> None:
    a = Article(id="b", text=text)
    assert a.text[a.body_start:].startswith(body)
    assert find_zones(text).body_start == a.body_start


def test_every_component_reads_a_colon_dateline_from_the_article() -> None:
    text = "KHARTOUM: Army commanders attacked rebel positions on Tuesday, a military spokesman said."
    ex = Pipeline()(Article(id="c", text=text, dct="2025-01-01"))
    assert (ex.article.dateline_start, ex.article.dateline_end) == (0, len("KHARTOUM: "))
    assert ex.article.body_start == len("KHARTOUM: ")
    assert all(e.start >= ex.article.body_start for e in ex.events)
    assert all(s.start >= ex.article.body_start and s.speaker != "KHARTOUM" for s in ex.statements)
    assert [p.text for p in ex.places if p.start < ex.article.body_start] == ["KHARTOUM"]  # a place, no speaker
    assert not any(e.actor_text and "KHARTOUM" in e.actor_text for e in ex.events)


def test_article_keeps_its_zones_and_ingest_reads_the_outlet_from_them() -> None:
    a = article_from_text("date 2025-03-01\nDOHA (Meridian Wire) — Qatar said talks would resume.", id="z")
    assert a.text[a.dateline_start:a.dateline_end] == "DOHA (Meridian Wire) — "
    assert a.source == "Meridian Wire"
    b = Article(id="h", text="Talks resume in Doha\nDOHA (Meridian Wire) — Qatar said talks would resume.")
    assert b.headline_end == len("Talks resume in Doha")
    assert b.text[b.dateline_start:b.dateline_end] == "DOHA (Meridian Wire) — "
    assert Article(id="n", text="Qatar said so.").dateline_end == 0


def test_zones_are_stored(tmp_path) -> None:
    a = Article(id="s", text="Talks resume\nCAIRO (Meridian Wire) — Egypt said talks would resume.")
    with Store(tmp_path / "z.duckdb") as st:
        st.add([Pipeline(["time"])(a)])
        row = st.conn.execute("SELECT dateline_start, dateline_end, headline_end, body_start FROM articles").fetchone()
    assert row == (a.dateline_start, a.dateline_end, a.headline_end, a.body_start) and row[1] > row[0] > 0


def test_events_and_statements_agree_on_the_dateline() -> None:
    # a single-hyphen dateline: events used to see none where statements did
    text = ("WASHINGTON (Reuters) - ISRAEL accused Hamas of violating the truce on Monday, "
            "a military spokesman said.")
    ex = Pipeline()(Article(id="d", text=text, dct="2025-01-01"))
    end = ex.article.dateline_end
    assert end == len("WASHINGTON (Reuters) - ")
    assert all(e.start >= end for e in ex.events)
    assert all(s.start >= end for s in ex.statements)
    assert not any(e.actor_text and "WASHINGTON" in e.actor_text for e in ex.events)
