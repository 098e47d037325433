"""The REST timeline as CSV: one flat row per entry (no JSON inside a cell), what its sentences came from joined
into readable cells; the same entries as the JSON answer."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

import dateline
from dateline.serve import create_app

ARTICLES = [
    {"id": "flood-a", "date": "2024-09-16", "source": "Delta Courier",
     "text": "Floodwaters swept through the river town of Marsden on Saturday, forcing 3,000 residents from their "
             "homes, the county emergency office said on Monday. Army engineers began building a levee north of "
             "the town on Sunday, a county spokesman said."},
    {"id": "flood-b", "date": "2024-09-17", "source": "Valley Radio",
     "text": "The river at Marsden fell by half a metre on Tuesday, county officials said, as the first residents "
             "returned to homes left under water since Saturday. Army engineers finished the levee north of "
             "Marsden on Monday, the county spokesman said."},
]


@pytest.fixture(scope="module")
def flood_client(tmp_path_factory: pytest.TempPathFactory):
    tmp = tmp_path_factory.mktemp("flood")
    src = tmp / "flood.jsonl"
    src.write_text("".join(json.dumps(a) + "\n" for a in ARTICLES), encoding="utf-8")
    db = str(tmp / "flood.duckdb")
    dateline.ingest([str(src)], db=db)
    with TestClient(create_app(db)) as c:
        yield c


def _story(client: TestClient) -> str:
    stories = client.get("/api/stories").json()["items"]
    assert stories
    return str(max(stories, key=lambda s: s["size"])["id"])


def test_timeline_csv_is_one_flat_row_per_entry(flood_client: TestClient, tmp_path: Path) -> None:
    sid = _story(flood_client)
    entries = flood_client.get(f"/api/stories/{sid}/timeline").json()["items"]
    assert entries
    r = flood_client.get(f"/api/stories/{sid}/timeline", params={"format": "csv"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert len(rows) == len(entries)  # one row per entry, not one per sentence, not JSON in a cell
    assert {"date", "rank", "score", "summary", "sentences", "outlets", "said_by", "articles", "spans"} <= set(rows[0])
    for row, entry in zip(rows, entries):
        assert not any(cell.lstrip().startswith(("[", "{")) for cell in row.values()), row
        assert row["date"] == entry["date"] and row["summary"] == entry["summary"]
        sents = entry["sentences"]
        assert int(row["sentences"]) == len(sents)
        assert row["articles"].split("; ") == list(dict.fromkeys(s["article_id"] for s in sents))
        outlets = set(row["outlets"].split("; "))
        assert {s["outlet"] for s in sents if s.get("outlet")} <= outlets
        assert outlets <= {"Delta Courier", "Valley Radio"}
        assert len(row["spans"].split("; ")) == len(sents)
    # both outlets appear somewhere in the timeline, each named in a plain cell
    assert {o for row in rows for o in row["outlets"].split("; ")} == {"Delta Courier", "Valley Radio"}


def test_timeline_csv_by_accept_header_matches_the_parameter(flood_client: TestClient) -> None:
    sid = _story(flood_client)
    by_param = flood_client.get(f"/api/stories/{sid}/timeline", params={"format": "csv"}).text
    by_header = flood_client.get(f"/api/stories/{sid}/timeline", headers={"Accept": "text/csv"}).text
    assert by_param == by_header


def test_story_list_csv_has_plain_cells(flood_client: TestClient) -> None:
    """Lists of names are one cell joined by '; ', the latest article one column per field: no JSON in a cell."""
    stories = flood_client.get("/api/stories").json()["items"]
    rows = list(csv.DictReader(io.StringIO(flood_client.get("/api/stories", params={"format": "csv"}).text)))
    assert len(rows) == len(stories)
    for row, story in zip(rows, stories):
        assert not any(cell.lstrip().startswith(("[", "{")) for cell in row.values()), row
        assert row["top_actors"] == "; ".join(story["top_actors"])
        assert row["latest_id"] == story["latest"]["id"] and row["latest_dct"] == story["latest"]["dct"]


def test_rows_csv_flattens_plain_lists_and_objects_only() -> None:
    from dateline.store.csvcells import rows_csv

    text = rows_csv([{"port": "Marsden", "crews": ["north", "", None, "=east"], "gauge": {"level": 2.5, "trend": "down"},
                      "readings": [{"at": "06:00", "m": 2.9}]}])
    [row] = list(csv.DictReader(io.StringIO(text)))
    assert row["crews"] == "north; =east"
    assert row["gauge_level"] == "2.5" and row["gauge_trend"] == "down" and "gauge" not in row
    assert json.loads(row["readings"]) == [{"at": "06:00", "m": 2.9}]  # deeper values stay JSON
