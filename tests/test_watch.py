"""`dateline watch` against feeds served by a local HTTP server (127.0.0.1, free port)."""
from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from dateline.cli import app
from dateline.extract import Pipeline
from dateline.live import Watcher, parse_interval
from dateline.store import Store

from .feedserver import FeedServer, rss

GAZA = ("Israeli strikes across Gaza killed dozens of people on {day}, the health ministry said, as Hamas and "
        "Israel traded blame for the collapse of ceasefire talks mediated by Qatar and Egypt in Doha. {extra}")
ITEMS = [
    {"slug": "gaza-1", "title": "Strikes in Gaza", "date": "Tue, 18 Mar 2025 09:00:00 GMT",
     "text": GAZA.format(day="Tuesday", extra="Negotiators said hostages remained at the centre of the dispute.")},
    {"slug": "measles-1", "title": "Measles in Texas", "date": "Fri, 14 Feb 2025 10:00:00 GMT",
     "text": "Measles cases in Lubbock rose again on Friday, Texas health officials said, urging parents to "
             "vaccinate children before the outbreak spreads to more schools across the region."},
]
LATER = {"slug": "gaza-2", "title": "Talks stall", "date": "Wed, 19 Mar 2025 08:00:00 GMT",
         "text": GAZA.format(day="Wednesday", extra="Egypt said a new proposal would be tabled next week.")}


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline(["time", "entities", "places"])


def test_parse_interval() -> None:
    assert parse_interval("15m") == 900 and parse_interval("30s") == 30 and parse_interval("2") == 2
    with pytest.raises(ValueError, match="invalid interval"):
        parse_interval("soon")


def test_new_items_once_failures_reported_others_go_on(tmp_path: Path, pipeline: Pipeline) -> None:
    folder = tmp_path / "drop"
    folder.mkdir()
    (folder / "note.txt").write_text("date 2025-03-20\nQatar said talks on Gaza would resume in Doha on Monday, "
                                     "with Egyptian mediators present.", encoding="utf-8")
    with FeedServer() as srv, Store(str(tmp_path / "w.duckdb")) as store:
        srv.routes.update({"/wire.rss": rss(ITEMS), "/down.rss": 500, "/broken.rss": b"<rss><channel><item>oops",
                           "/slow.rss": ("sleep", 3.0)})
        targets = [srv.base + p for p in ("/down.rss", "/wire.rss", "/broken.rss", "/slow.rss")] + [str(folder)]
        w = Watcher(targets, store, pipeline, timeout=0.5)
        first = w.poll_once()
        assert first.new == 3 and first.stories_touched >= 2
        reasons = {e.source.rsplit("/", 1)[-1]: e.reason for e in first.failed}
        assert set(reasons) == {"down.rss", "broken.rss", "slow.rss"}
        assert "HTTP 500" in reasons["down.rss"] and "malformed" in reasons["broken.rss"]
        assert "timed out" in reasons["slow.rss"]
        line = first.line()
        assert "3 new" in line and "HTTP 500" in line and "retried next cycle" in line
        assert all(a.startswith("dateline/") for a in srv.agents)
        counts = store.counts()
        titles = {r["title"] for r in store.latest_articles(10)}
        assert {"Strikes in Gaza", "Measles in Texas"} <= titles and store.stories()["total"] >= 2

        again = w.poll_once()  # nothing changed: a 304 for the feed, unchanged files not read
        assert again.new == 0 and srv.not_modified == 1 and store.counts() == counts
        assert srv.hits["/down.rss"] == 2  # the failed feed was retried

        srv.routes["/down.rss"] = rss([LATER])  # the failing feed recovers, with an item
        srv.routes["/wire.rss"] = rss([*ITEMS, LATER])  # the same item also appears in the other feed
        third = w.poll_once()
        assert third.new == 1 and third.duplicates == 2 and not {e.source for e in third.failed} & {
            srv.base + "/down.rss", srv.base + "/wire.rss"}
        assert store.counts()["articles"] == counts["articles"] + 1


def test_a_feed_without_etag_stores_nothing_twice(tmp_path: Path, pipeline: Pipeline) -> None:
    with FeedServer() as srv, Store(str(tmp_path / "n.duckdb")) as store:
        srv.routes["/wire.rss"] = rss(ITEMS)
        w = Watcher([srv.base + "/wire.rss"], store, pipeline)
        assert w.poll_once().new == 2
        w.sources[0].etag = w.sources[0].modified = None  # as if the server sent no validators
        counts = store.counts()
        again = w.poll_once()
        assert again.new == 0 and again.duplicates == 2 and store.counts() == counts


def test_cli_watch_one_cycle(tmp_path: Path) -> None:
    db = str(tmp_path / "c.duckdb")
    with FeedServer() as srv:
        srv.routes["/wire.rss"] = rss(ITEMS[:1])
        result = CliRunner().invoke(app, ["watch", srv.base + "/wire.rss", srv.base + "/gone.rss", "--db", db,
                                          "--cycles", "1", "--every", "1s"])
    assert result.exit_code == 0, result.output
    assert "cycle 1: 1 new" in result.output and "HTTP 404" in result.output
    bad = CliRunner().invoke(app, ["watch", "x", "--db", db, "--every", "soon", "--cycles", "1"])
    assert bad.exit_code != 0 and "invalid interval" in bad.output
