"""`dateline serve --watch` in a real browser (Debian's chromium, headless, via playwright): an item published
to a local feed appears on the open story page without a reload, and API reads during the ingest never fail."""
from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from .feedserver import FeedServer, rss
from .test_browser import CHROMIUM, CHROMIUM_ARGS, _free_port

pytestmark = [pytest.mark.browser, pytest.mark.slow]

GAZA = ("Israeli strikes across Gaza killed dozens of people on {day}, the health ministry said, as Hamas and "
        "Israel traded blame for the collapse of ceasefire talks mediated by Qatar and Egypt in Doha. {extra}")
FIRST = [{"slug": "gaza-1", "title": "Strikes in Gaza as talks collapse", "date": "Tue, 18 Mar 2025 09:00:00 GMT",
          "text": GAZA.format(day="Tuesday", extra="Negotiators said hostages remained at the centre of it.")},
         {"slug": "gaza-2", "title": "Doha talks stall", "date": "Wed, 19 Mar 2025 09:00:00 GMT",
          "text": GAZA.format(day="Wednesday", extra="Qatar said mediators would meet again in Doha.")}]
LATER = {"slug": "gaza-3", "title": "Egypt tables a new Gaza proposal", "date": "Thu, 20 Mar 2025 08:00:00 GMT",
         "text": GAZA.format(day="Thursday", extra="Egypt tabled a new ceasefire proposal in Cairo on Thursday.")}


def get(base: str, path: str) -> dict:
    with urllib.request.urlopen(base + path, timeout=30) as r:
        return json.loads(r.read())


def wait_for(cond, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            got = cond()
        except (OSError, urllib.error.URLError):
            got = None
        if got:
            return got
        time.sleep(0.3)
    pytest.fail(f"timed out waiting for {what}")


def test_new_item_appears_without_reload_and_reads_never_fail(tmp_path: Path) -> None:
    assert Path(CHROMIUM).exists(), f"{CHROMIUM} not found: install Debian's chromium (`make browser`, as root)"
    from playwright.sync_api import sync_playwright

    with FeedServer() as feeds:
        feeds.routes["/wire.rss"] = rss(FIRST)
        port = _free_port()
        base = f"http://127.0.0.1:{port}"
        proc = subprocess.Popen([sys.executable, "-c", "from dateline.cli import main; main()", "serve", "--db",
                                 str(tmp_path / "live.duckdb"), "--port", str(port), "--watch",
                                 feeds.base + "/wire.rss", "--every", "1s"],
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        try:
            wait_for(lambda: get(base, "/api/stories")["total"] >= 1, 120, "the first items to be fused")
            story = get(base, "/api/stories")["items"][0]
            failures: list[str] = []
            reads = 0
            done = threading.Event()

            def hammer() -> None:  # API reads while the watcher ingests and fuses
                nonlocal reads
                paths = ["/api/stories", f"/api/stories/{story['id']}", f"/api/stories/{story['id']}/timeline",
                         f"/api/articles?story={story['id']}", "/api/changes"]
                while not done.is_set():
                    for p in paths:
                        try:
                            with urllib.request.urlopen(base + p, timeout=30) as r:
                                r.read()
                        except Exception as e:  # noqa: BLE001 - every failure is recorded
                            failures.append(f"{p}: {e}")
                        reads += 1

            with sync_playwright() as pw:
                browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
                page = browser.new_page()
                errors: list[str] = []
                page.on("pageerror", lambda e: errors.append(str(e)))
                page.goto(f"{base}/#/story/{story['id']}")
                page.wait_for_selector("#view[aria-busy=false]", timeout=30_000)
                page.wait_for_selector("#articles .article-row")
                assert page.locator("#articles .article-row").count() == 2
                assert "Egypt tables" not in page.locator("#articles").inner_text()
                page.evaluate("window.__notReloaded = true")
                thread = threading.Thread(target=hammer)
                thread.start()
                feeds.routes["/wire.rss"] = rss([*FIRST, LATER])  # publish
                page.wait_for_selector("#articles .article-row:has-text('Egypt tables a new Gaza proposal')",
                                       timeout=120_000)
                done.set()
                thread.join()
                assert page.evaluate("window.__notReloaded") is True  # re-rendered in place, not reloaded
                row = page.locator("#articles .article-row", has_text="Egypt tables a new Gaza proposal")
                assert row.locator(".badge-new").count() == 1  # marked as new since the visit began
                assert page.locator("#articles .badge-new").count() == 1
                assert errors == []
                browser.close()
            assert reads > 10 and failures == []
            assert get(base, f"/api/stories/{story['id']}")["size"] == 3
        finally:
            proc.terminate()
            try:
                out = proc.communicate(timeout=30)[0].decode()
            except subprocess.TimeoutExpired:
                proc.kill()
                out = proc.communicate()[0].decode()
        assert "cycle 1: 2 new" in out, out[-3000:]
