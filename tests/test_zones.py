"""The dateline and headline zones: found once when an Article is made, kept on it and in the store, read by
every component."""
from __future__ import annotations

import pytest

from dateline import Pipeline
from dateline.ingest.text import article_from_text
from dateline.model import Article
from dateline.store import Store
from dateline.zones import find_dateline


@pytest.mark.parametrize(("text", "header"), [
    ("MOSCOW (Meridian Wire) — The Kremlin said.", "MOSCOW (Meridian Wire) — "),
    ("GAZA CITY, Palestinian Territories (Meridian Wire) — Hamas said.",
     "GAZA CITY, Palestinian Territories (Meridian Wire) — "),
    ("Headline here\n\nCAMBRIDGE, Mass., Dec. 11 (UPI) — Young voters said.", "CAMBRIDGE, Mass., Dec. 11 (UPI) — "),
    ("A title.\n\nMANCHESTER, N.H. - At a rally here, he said.", "MANCHESTER, N.H. - "),
    ("WASHINGTON —\xa0U.S. officials said.", "WASHINGTON —\xa0"),
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
])
def test_not_datelines(text: str) -> None:
    assert find_dateline(text) is None


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
        row = st.conn.execute("SELECT dateline_start, dateline_end, headline_end FROM articles").fetchone()
    assert row == (a.dateline_start, a.dateline_end, a.headline_end) and row[1] > row[0] > 0


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
