"""The list commands a user filters from the shell (articles, events, statements, actors, search, stories,
timeline --date-from/--date-to), export --format json, and the CSV they write (no spreadsheet formula)."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dateline.cli import app
from dateline.cli.fuse import render_timeline
from dateline.model import Article, Event, Extraction, Statement
from dateline.store import Store
from dateline.store.reads import Filters, Page

runner = CliRunner()


def run_json(*args: str) -> dict:
    res = runner.invoke(app, [*args, "--format", "json"])
    assert res.exit_code == 0, res.output
    return json.loads(res.stdout)


def test_events_filters_match_the_store_reads(corpus_db: str) -> None:
    data = run_json("events", "--db", corpus_db, "--actor", "hamas", "--action", "consult", "--limit", "0")
    assert data["total"] == len(data["items"]) > 0
    for e in data["items"]:
        assert e["action"] == "CONSULT"
        assert "hamas" in (e["actor"] or "").lower() or "hamas" in (e["target"] or "").lower()
    with Store(corpus_db, read_only=True) as s:
        assert data["total"] == s.events(Filters(actor="Hamas", action="CONSULT"), Page(limit=None))["total"]
        assert data["total"] < s.events(Filters(), Page(limit=None))["total"]


def test_statements_of_a_story_by_label_within_dates(corpus_db: str) -> None:
    with Store(corpus_db, read_only=True) as s:
        gaza = next(st for st in s.stories()["items"] if "Gaza" in st["label"])
        members = {a["id"] for a in s.story(gaza["id"])["articles"]}
    data = run_json("statements", "--db", corpus_db, "--story", "gaza strip", "--date-from", "2025-05",
                    "--date-to", "2025-05-16", "--limit", "0")
    assert data["items"]
    for st in data["items"]:
        assert st["article_id"] in members
        assert "2025-05-01" <= (st["date"] or st["article_dct"]) <= "2025-05-16"


def test_articles_by_outlet_any_case_and_paged(corpus_db: str) -> None:
    data = run_json("articles", "--db", corpus_db, "--source", "harbor post", "--limit", "2")
    assert data["limit"] == 2 and len(data["items"]) == 2 and data["total"] > 2
    assert {a["source"] for a in data["items"]} == {"Harbor Post"}
    rest = run_json("articles", "--db", corpus_db, "--source", "Harbor Post", "--limit", "2", "--offset", "2")
    assert not {a["id"] for a in data["items"]} & {a["id"] for a in rest["items"]}


def test_text_table_counts_and_says_how_to_page(corpus_db: str) -> None:
    res = runner.invoke(app, ["actors", "--db", corpus_db, "--limit", "3"])
    assert res.exit_code == 0, res.output
    assert "1-3 of " in res.stdout and "--limit 0 for all" in res.stdout


def test_search_jsonl_and_csv(corpus_db: str) -> None:
    res = runner.invoke(app, ["search", "hostages", "--db", corpus_db, "--limit", "0", "--format", "jsonl"])
    assert res.exit_code == 0, res.output
    lines = [json.loads(line) for line in res.stdout.splitlines()]
    assert lines and all(r["hits"] >= 1 and r["kind"] == "article" for r in lines)
    res = runner.invoke(app, ["search", "hostages", "--db", corpus_db, "--limit", "0", "--format", "csv"])
    rows = list(csv.DictReader(io.StringIO(res.stdout)))
    assert [r["id"] for r in rows] == [r["id"] for r in lines]


def test_stories_filtered_by_actor_and_dates(corpus_db: str) -> None:
    res = runner.invoke(app, ["stories", "--db", corpus_db, "--format", "jsonl"])
    every = [json.loads(line) for line in res.stdout.splitlines()]
    assert len(every) >= 3
    res = runner.invoke(app, ["stories", "--db", corpus_db, "--actor", "hamas", "--json"])
    some = json.loads(res.stdout)
    assert 0 < len(some) < len(every) and all("Hamas" in s["top_actors"] for s in some)
    res = runner.invoke(app, ["stories", "--db", corpus_db, "--date-to", "2025-01"])
    assert res.exit_code == 0
    early = [s for s in every if s["first_date"] <= "2025-01-31"]
    late = [s for s in every if s["first_date"] > "2025-01-31"]
    assert early and late
    assert all(s["id"] in res.stdout for s in early) and not any(s["id"] in res.stdout for s in late)
    res = runner.invoke(app, ["stories", "--db", corpus_db, "--actor", "no such actor at all"])
    assert res.exit_code == 1 and "no story matches" in res.output


def test_timeline_date_range(corpus_db: str) -> None:
    res = runner.invoke(app, ["timeline", "Gaza", "--db", corpus_db, "--format", "json"])
    days = [e["date"] for e in json.loads(res.stdout)["timeline"]]
    inside = [d for d in days if "2025-05-01" <= d <= "2025-05-16"]
    assert inside and len(inside) < len(days)
    res = runner.invoke(app, ["timeline", "Gaza", "--db", corpus_db, "--format", "json", "--date-from",
                              "2025-05", "--date-to", "2025-05-16"])
    assert res.exit_code == 0, res.output
    assert [e["date"] for e in json.loads(res.stdout)["timeline"]] == inside


@pytest.mark.parametrize("args, named", [
    (["events", "--date-from", "2025-13"], "--date-from"),
    (["timeline", "--date-to", "May"], "--date-to"),
    (["statements", "--date-from", "2025-05-02", "--date-to", "2025-05-01"], "--date-to"),
    (["events", "--story", "no-such-story"], "no story"),
    (["articles", "--format", "xml"], "--format"),
    (["events", "--action", "ASSUALT"], "--action"),  # a misspelt PLOVER type: an error naming the types
    (["articles", "--action", "meet"], "CONSULT"),
])
def test_bad_options_are_named(corpus_db: str, args: list[str], named: str) -> None:
    res = runner.invoke(app, [*args, "--db", corpus_db])
    assert res.exit_code == 1 and named in res.output, res.output


def test_export_json_one_array_per_table(corpus_db: str, tmp_path: Path) -> None:
    res = runner.invoke(app, ["export", "--format", "json", "--out", str(tmp_path), "--db", corpus_db])
    assert res.exit_code == 0, res.output
    with Store(corpus_db, read_only=True) as s:
        counts = s.counts()
    for table, n in counts.items():
        rows = json.loads((tmp_path / f"{table}.json").read_text(encoding="utf-8"))
        assert isinstance(rows, list) and len(rows) == n, table
    assert not list(tmp_path.glob("*.tmp"))


HOSTILE = "=HYPERLINK(\"http://evil.example\",\"x\")"


def test_cli_csv_never_writes_a_formula(tmp_path: Path) -> None:
    db = str(tmp_path / "h.duckdb")
    art = Article(id="-h1", text="+Rebels attacked the town, officials said.", dct="2025-05-12", source="@Desk")
    ev = Event(article_id=art.id, text="attacked", start=7, end=15, actor=HOSTILE, action="ASSAULT",
               target="-town")
    st = Statement(article_id=art.id, text="+Rebels attacked the town", start=0, end=25, speaker="=officials",
                   content="+Rebels attacked the town", date="2025-05-12")
    with Store(db) as s:
        s.add([Extraction(article=art, events=[ev], statements=[st])])
    for cmd in ("events", "statements", "articles"):
        res = runner.invoke(app, [cmd, "--db", db, "--format", "csv"])
        assert res.exit_code == 0, res.output
        rows = list(csv.DictReader(io.StringIO(res.stdout)))
        assert rows, cmd
        for row in rows:
            for col, cell in row.items():
                assert not cell.startswith(("=", "+", "-", "@")) or col in {"start", "end", "context_start"}, \
                    (cmd, col, cell)
        assert rows[0].get("article_id", rows[0].get("id")) == "'-h1"
    story = {"id": "s1", "label": "x", "first_date": "2025-05-12", "last_date": "2025-05-12"}
    sentence = {"text": art.text, "article_id": art.id, "start": 0, "end": len(art.text), "source": "@Desk",
                "said_by": "=officials"}
    text = render_timeline(story, [{"date": "2025-05-12", "rank": 1, "score": 1.0, "sentences": [sentence]}], "csv")
    [row] = list(csv.DictReader(io.StringIO(text)))
    assert (row["text"], row["source"], row["said_by"], row["article_id"]) == \
        ("'" + art.text, "'@Desk", "'=officials", "'-h1")


def test_pipeline_says_what_it_runs() -> None:
    from dateline import Pipeline

    assert repr(Pipeline(components=["time", "entities"])) == "Pipeline(components=['time', 'entities'])"
    cfg = {"statements": {"broad": True}}
    assert repr(Pipeline(["time", "entities", "statements"], config=cfg)) == \
        "Pipeline(components=['time', 'entities', 'statements'], config={'statements': {'broad': True}})"


def test_a_week_dated_record_sorts_and_filters_by_its_monday(tmp_path: Path) -> None:
    """An event dated by "last week" keeps its ISO week (``2025-W19``) but falls in a date range by the week's
    Monday (2025-05-05) and sorts among days, not after every day of the year as the bare string would."""
    db = str(tmp_path / "w.duckdb")
    art = Article(id="w1", text="Troops raided the camp last week. Pilots struck the depot on May 9.",
                  dct="2025-05-14", source="Desk")
    week = Event(article_id=art.id, text="raided", start=7, end=13, actor="Troops", action="ASSAULT",
                 target="camp", date="2025-W19")
    late = Event(article_id=art.id, text="struck", start=41, end=47, actor="Pilots", action="ASSAULT",
                 target="depot", date="2025-05-09")
    with Store(db) as s:
        s.add([Extraction(article=art, events=[late, week])])
    may = run_json("events", "--db", db, "--date-from", "2025-05-01", "--date-to", "2025-05-07")
    assert [e["date"] for e in may["items"]] == ["2025-W19"]
    both = run_json("events", "--db", db, "--date-to", "2025-05")
    assert [e["date"] for e in both["items"]] == ["2025-W19", "2025-05-09"]
    assert run_json("events", "--db", db, "--date-from", "2025-05-12")["items"] == []


def test_a_year_or_month_dated_record_is_in_every_range_it_overlaps(tmp_path: Path) -> None:
    """An event dated only by its year ("the rebels' 2019 attack") or month lies in any range that meets that
    period, and in none that misses it."""
    db = str(tmp_path / "y.duckdb")
    art = Article(id="y1", text="The rebels' 2019 attack was recalled. Pilots struck the depot in June 2019.",
                  dct="2025-05-14", source="Desk")
    year = Event(article_id=art.id, text="attack", start=17, end=23, actor="rebels", action="ASSAULT",
                 date="2019")
    june = Event(article_id=art.id, text="struck", start=45, end=51, actor="Pilots", action="ASSAULT",
                 target="depot", date="2019-06")
    with Store(db) as s:
        s.add([Extraction(article=art, events=[year, june])])

    def dates(*args: str) -> list[str]:
        return sorted(e["date"] for e in run_json("events", "--db", db, *args)["items"])

    assert dates("--date-from", "2019-01-01", "--date-to", "2019-03-31") == ["2019"]
    assert dates("--date-from", "2019-06-15") == ["2019", "2019-06"]
    assert dates("--date-from", "2019-07-01") == ["2019"]
    assert dates("--date-to", "2018-12-31") == []
    assert dates("--date-from", "2020-01-01") == []
