"""The fuse stage over a DuckDB store, and its commands (hand-made records, no spaCy)."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dateline.cli import app
from dateline.fuse import fuse_store
from dateline.model import Article, Entity, Extraction, Figure, Place, Timex
from dateline.store import Store

GAZA = ("Israeli strikes across Gaza on {day} killed dozens of people, the health ministry said, as Hamas and "
        "Israel traded blame for the collapse of the ceasefire talks mediated by Qatar and Egypt in Doha. "
        "Negotiators said hostages remained at the centre of the dispute. {extra}")
MEASLES = ("Measles cases in Lubbock and Gaines County rose again on {day}, Texas health officials said, urging "
           "parents to vaccinate children before the outbreak spreads to more schools across the region. "
           "Clinics extended their hours. {extra}")


def _ex(aid: str, dct: str, template: str, day_text: str, day_value: str, *, source: str,
        extra: str = "", killed: float | None = None, killed_source: str | None = None) -> Extraction:
    text = template.format(day=day_text, extra=extra)
    ex = Extraction(article=Article(id=aid, text=text, dct=dct, dct_origin="header", source=source))
    i = text.index(day_text)
    ex.timexes.append(Timex(article_id=aid, text=day_text, start=i, end=i + len(day_text), value=day_value))
    names = ("Hamas", "Israel", "Qatar") if template is GAZA else ("Texas", "Lubbock")
    for n in names:
        j = text.index(n)
        ex.entities.append(Entity(article_id=aid, text=n, start=j, end=j + len(n), label="ORG", canonical=n))
    place = "Gaza" if template is GAZA else "Lubbock"
    j = text.index(place)
    ex.places.append(Place(article_id=aid, text=place, start=j, end=j + len(place), name=place))
    if killed is not None:
        j = text.index("dozens")
        ex.figures.append(Figure(article_id=aid, text="dozens", start=j, end=j + 6, value=killed,
                                 category="killed", as_of=day_value, source=killed_source))
    return ex


def _batch1() -> list[Extraction]:
    return [
        _ex("g1", "2025-03-18", GAZA, "March 18", "2025-03-18", source="Meridian", killed=404,
            killed_source="health ministry"),
        _ex("g2", "2025-03-19", GAZA, "March 18", "2025-03-18", source="Harbor",
            extra="Residents of Khan Younis described a night of explosions, with families sheltering in tents "
                  "near the coast while ambulances struggled to reach the wounded along roads damaged by earlier "
                  "bombardments, and aid groups warned that fuel for hospital generators was running out.",
            killed=300, killed_source="Israeli military"),
        _ex("m1", "2025-02-14", MEASLES, "February 14", "2025-02-14", source="Harbor"),
        _ex("m2", "2025-02-20", MEASLES, "February 20", "2025-02-20", source="Ledger",
            extra="A school-age child who was not vaccinated died in hospital overnight, the first measles death "
                  "in the United States in a decade, prompting the state to send extra staff and vaccine doses "
                  "to rural clinics where exemption rates among families have climbed for years."),
        # a syndicated copy of g1 (same text, later, other outlet)
        _ex("g1copy", "2025-03-19", GAZA, "March 18", "2025-03-18", source="Northline"),
    ]


@pytest.fixture()
def store(tmp_db: str) -> Store:
    with Store(tmp_db) as s:
        s.add(_batch1())
        fuse_store(s)
    return Store(tmp_db, read_only=True)


def test_fused_tables(store: Store) -> None:
    with store:
        stories = store.stories()["items"]
        assert [s["size"] for s in stories] == [3, 2]
        gaza = stories[0]
        assert gaza["first_date"] == "2025-03-18" and gaza["last_date"] == "2025-03-19"
        assert gaza["n_duplicates"] == 1 and "Hamas" in gaza["top_actors"]
        detail = store.story(gaza["id"])
        assert {a["id"]: a["duplicate_of"] for a in detail["articles"]} == {"g1": None, "g2": None, "g1copy": "g1"}
        tl = store.timeline(gaza["id"])["items"]
        assert tl and tl[0]["date"] == "2025-03-18"
        sent = tl[0]["sentences"][0]
        assert set(sent) == {"text", "article_id", "start", "end", "source", "outlet", "said_by", "date_estimated",
                             "copies", "article_title", "article_dct"}
        art = next(a for a in [*store.load_extractions([sent["article_id"]])])
        assert art.article.text[sent["start"]:sent["end"]] == sent["text"]
        assert sent["article_id"] != "g1copy"  # duplicates do not speak twice
        series = store.figure_series(gaza["id"], "killed")
        assert {(r["value"], r["contradiction"]) for r in series} == {(404.0, True), (300.0, True)}
        assert len({r["contradiction_group"] for r in series}) == 1
        assert store.figure_series(gaza["id"], "injured") == []
        assert store.story("nope") is None


def test_unfused_store_reads_empty(tmp_db: str) -> None:
    with Store(tmp_db) as s:
        s.add(_batch1()[:1])
    with Store(tmp_db, read_only=True) as s:
        assert s.stories()["items"] == [] and s.timeline("x")["items"] == [] and s.figure_series("x") == []
        assert s.fused_events("x") == [] and s.story("x") is None


def test_incremental_batch_keeps_stories(tmp_db: str) -> None:
    with Store(tmp_db) as s:
        s.add(_batch1())
        fuse_store(s)
        before = s.story_memberships()
        s.add([_ex("g3", "2025-03-25", GAZA, "March 25", "2025-03-25", source="Ledger", extra="A new plan."),
               _ex("m3", "2025-03-01", MEASLES, "March 1", "2025-03-01", source="Meridian", extra="Cases doubled.")])
        report = fuse_store(s)
        after = s.story_memberships()
        assert report.new_articles == 2 and len(report.recomputed) == 2
        assert all(after[a] == v for a, v in before.items())
        assert after["g3"][0] == before["g1"][0] and after["m3"][0] == before["m1"][0]
        assert fuse_store(s).recomputed == []  # nothing new, nothing recomputed
        assert s.stories()["total"] == 2
        full = fuse_store(s, full=True)
        assert full.stories == 2 and s.story_memberships() == after


runner = CliRunner()


def test_cli_stories_timeline_figures(store: Store, tmp_db: str, tmp_path: Path) -> None:
    store.close()
    r = runner.invoke(app, ["stories", "--db", tmp_db])
    assert r.exit_code == 0, r.output
    assert "Hamas" in r.output
    r = runner.invoke(app, ["timeline", "--db", tmp_db, "--dates", "1", "--format", "json"])
    assert r.exit_code == 0, r.output
    data = json.loads(r.output)
    assert len(data["timeline"]) == 1 and data["timeline"][0]["date"] == "2025-03-18"
    out = tmp_path / "tl.csv"
    r = runner.invoke(app, ["timeline", "Lubbock", "--db", tmp_db, "--format", "csv", "--sentences", "1",
                            "--out", str(out)])
    assert r.exit_code == 0, r.output
    rows = list(csv.DictReader(io.StringIO(out.read_text())))
    assert rows and {r["n"] for r in rows} == {"1"} and all(r["article_id"] in {"m1", "m2"} for r in rows)
    r = runner.invoke(app, ["timeline", "--db", tmp_db, "--format", "md"])
    assert r.exit_code == 0 and r.output.startswith("# ") and "## 2025-03-18" in r.output
    r = runner.invoke(app, ["timeline", "--db", tmp_db])
    assert r.exit_code == 0 and "2025-03-18" in r.output and "Meridian" in r.output
    r = runner.invoke(app, ["figures", "--db", tmp_db, "--category", "killed", "--format", "json"])
    assert r.exit_code == 0, r.output
    assert {x["source"] for x in json.loads(r.output) if x["contradiction"]} == {"health ministry", "Israeli military"}
    r = runner.invoke(app, ["figures", "--db", tmp_db, "--category", "killed"])
    assert r.exit_code == 0 and "contradiction" in r.output and "404 (health ministry)" in r.output


def test_cli_errors(store: Store, tmp_db: str, tmp_path: Path) -> None:
    store.close()
    r = runner.invoke(app, ["timeline", "no-such-story", "--db", tmp_db])
    assert r.exit_code == 1 and "no story" in r.output
    r = runner.invoke(app, ["timeline", "--db", tmp_db, "--format", "xml"])
    assert r.exit_code == 1 and "unknown format" in r.output
    r = runner.invoke(app, ["figures", "--db", tmp_db, "--category", "displaced"])
    assert r.exit_code == 1 and "killed" in r.output  # names the categories there are
    r = runner.invoke(app, ["stories", "--db", str(tmp_path / "missing.duckdb")])
    assert r.exit_code == 1 and "no such store" in r.output


def test_cli_fuse(tmp_db: str) -> None:
    with Store(tmp_db) as s:
        s.add(_batch1())
    r = runner.invoke(app, ["fuse", "--db", tmp_db])
    assert r.exit_code == 0, r.output
    assert "2 stories" in r.output and "1 duplicates" in r.output
