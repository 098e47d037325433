"""The web page in a real browser: Debian's chromium (headless) driven by playwright against `dateline serve`
started on a free port. These tests FAIL when chromium is missing (`make browser` installs it)."""
from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

CHROMIUM = os.environ.get("DATELINE_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(corpus_db: str):
    yield from _serve(corpus_db)


def _serve(db: str, **env: str):
    port = _free_port()
    cmd = [sys.executable, "-c", "from dateline.cli import main; main()", "serve", "--db", db,
           "--host", "127.0.0.1", "--port", str(port)]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env={**os.environ, **env})
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if proc.poll() is not None:
                pytest.fail(f"dateline serve exited with {proc.returncode}: {proc.stderr.read().decode()[-2000:]}")
            try:
                urllib.request.urlopen(base + "/api/meta", timeout=2).read()
                break
            except OSError:
                if time.monotonic() > deadline:
                    pytest.fail("dateline serve did not answer within 60 s")
                time.sleep(0.2)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def api(base: str, path: str, **params) -> dict:
    from urllib.parse import urlencode

    qs = ("?" + urlencode(params)) if params else ""
    with urllib.request.urlopen(f"{base}/api/{path}{qs}", timeout=30) as r:
        return json.loads(r.read())


@pytest.fixture(scope="module")
def browser():
    assert Path(CHROMIUM).exists(), f"{CHROMIUM} not found: install Debian's chromium (`make browser`, as root)"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture()
def page(browser, server):
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = ctx.new_page()
    problems: list[str] = []
    pg.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    pg.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    pg.on("request", lambda r: problems.append(f"off-site request: {r.url}")
          if not (r.url.startswith(server) or r.url.startswith("data:")) else None)
    pg.problems = problems  # type: ignore[attr-defined]
    yield pg
    ctx.close()
    assert problems == []  # no script errors, nothing fetched from the network (works offline)


def _open(page, url: str) -> None:
    page.goto(url)
    page.wait_for_selector("#view[aria-busy=false]", timeout=30_000)


def test_story_timeline_and_article_highlights(page, server, tmp_path: Path):
    stories = api(server, "stories", limit=1000)
    assert stories["total"] >= 2, "the sample corpus must give stories (fuse stage)"
    _open(page, server + "/")
    assert page.locator(".story-card").count() == stories["total"]
    page.screenshot(path=str(tmp_path / "1-stories.png"), full_page=True)

    story = stories["items"][0]
    page.locator(".story-card a.story-link").first.click()
    page.wait_for_selector(".tl-list")
    page.wait_for_selector("#events tbody tr, #events p.muted")
    timeline = api(server, f"stories/{story['id']}/timeline", limit=1000)
    assert page.locator("h1").inner_text() == story["label"]
    assert page.locator(".tl-entry").count() == timeline["total"] > 0
    assert page.locator(".tl-point").count() == sum(1 for e in timeline["items"] if e["date"])
    shown = page.locator(".tl-entry time").evaluate_all("els => els.map(e => e.getAttribute('datetime'))")
    assert shown == [e["date"] for e in timeline["items"]]
    page.screenshot(path=str(tmp_path / "2-story.png"), full_page=True)

    # click an entry: its sentences and their sources unfold
    first = timeline["items"][0]
    entry = page.locator(".tl-entry").first
    assert not entry.locator(".tl-sentences").is_visible()
    entry.locator(".tl-head").click()
    assert entry.locator(".tl-sentences").is_visible()
    assert entry.locator(".tl-sentence").count() == len(first["sentences"])
    assert entry.locator(".tl-sentence blockquote").first.inner_text() == first["sentences"][0]["text"]
    assert page.locator(".tl-point.selected").count() == 1
    page.screenshot(path=str(tmp_path / "3-entry-open.png"), full_page=True)

    # follow the first sentence to its article: the sentence is outlined, mentions are highlighted
    sent = first["sentences"][0]
    entry.locator(".tl-sentence a").first.click()
    page.wait_for_selector(".article-text")
    assert page.locator(".focus").inner_text() == sent["text"]
    detail = api(server, f"articles/{sent['article_id']}")
    kinds = ("timexes", "entities", "statements", "figures", "events", "places")
    refs = set(" ".join(page.locator("mark.hl").evaluate_all("els => els.map(e => e.dataset.refs)")).split())
    assert refs == {f"{k}:{i}" for k in kinds for i in range(len(detail[k]))}  # every record highlighted
    for k in kinds:
        assert page.locator(f"mark.t-{k}").count() >= (1 if detail[k] else 0)
        assert page.locator(f".rec.t-{k}").count() == len(detail[k])
    page.screenshot(path=str(tmp_path / "4-article.png"), full_page=True)

    # a highlighted time expression links to its record
    if detail["timexes"]:
        tx = detail["timexes"][0]
        mark = page.locator("mark.t-timexes").filter(has_text=tx["text"]).first
        mark.click()
        selected = page.locator(".rec.selected")
        assert selected.count() == 1 and tx["text"] in selected.inner_text()
        page.screenshot(path=str(tmp_path / "5-record.png"), full_page=True)


def test_estimated_dates_are_marked_on_the_timeline(page, server, tmp_path: Path):
    """An undated article placed by its story joins the story's timeline, and the page says its date is an
    estimate (on its sentences, and only on them)."""
    marked: dict[str, list[tuple[int, int]]] = {}
    for story in api(server, "stories", limit=1000)["items"]:
        tl = api(server, f"stories/{story['id']}/timeline", limit=1000)
        for i, e in enumerate(tl["items"]):
            for j, s in enumerate(e["sentences"]):
                if s["date_estimated"]:
                    marked.setdefault(story["id"], []).append((i, j))
    assert marked, "the sample corpus holds undated articles: their sentences must join a timeline"
    sid, where = next(iter(marked.items()))
    _open(page, f"{server}/#/story/{sid}")
    page.wait_for_selector(".tl-list")
    for i in sorted({i for i, _ in where}):
        page.locator(".tl-entry").nth(i).locator(".tl-head").click()
    for i, j in where:
        meta = page.locator(".tl-entry").nth(i).locator(".tl-sentence").nth(j).locator(".meta")
        assert "(date estimated)" in meta.inner_text()
    assert page.locator(".tl-sentence .estimated").count() == len(where)
    page.screenshot(path=str(tmp_path / "estimated.png"), full_page=True)


def test_story_figures_and_event_filters(page, server, tmp_path: Path):
    story = api(server, "stories", limit=1)["items"][0]
    _open(page, f"{server}/#/story/{story['id']}")
    page.wait_for_selector("#events tbody tr, #events p.muted")
    figures = api(server, "figures", story=story["id"], limit=1000)
    # a chart per named category with at least two dated claims (at most 4); one point per claim
    charted = [s for s in figures["series"] if s["category"] not in ("other", "unknown")
               and sum(len(line["points"]) for line in s["lines"]) >= 2][:4]
    assert page.locator(".fig-chart").count() == len(charted)
    cats = page.locator(".fig").evaluate_all("els => els.map(e => e.dataset.category)")
    assert cats == [s["category"] for s in charted]
    keys = page.locator(".fig").evaluate_all("els => els.map(e => [e.dataset.scope, e.dataset.kind])")
    assert keys == [[s["scope"] or "", s["kind"] or ""] for s in charted]  # a series per scope and kind
    captions = page.locator(".fig figcaption").all_inner_texts()
    assert all(s["kind"] in c for s, c in zip(charted, captions) if s["kind"])
    for i, s in enumerate(charted):
        points = [p for line in s["lines"] for p in line["points"]]
        fig = page.locator(".fig").nth(i)
        assert fig.locator(".fig-point").count() == len(points)
        assert fig.locator(".fig-point.contradicted").count() == sum(1 for p in points if p["contradiction"])
        assert fig.locator(".legend li").all_inner_texts() == [line["source"] for line in s["lines"]]
    actors = api(server, "actors", story=story["id"], limit=15)
    assert page.locator("#actors .bars li").count() == len(actors["items"])

    events = api(server, "events", story=story["id"], limit=25)  # the table's page size
    assert page.locator("#events tbody tr").count() == len(events["items"])
    if events["total"] > 25:
        page.click("#events button.more")
        want = min(events["total"], 50)
        page.wait_for_function("n => document.querySelectorAll('#events tbody tr').length === n", arg=want)
    if events["items"]:
        action = events["items"][0]["action"]
        page.select_option("#events select[name=action]", action)
        page.click("#events button[type=submit]")
        want = api(server, "events", story=story["id"], action=action, limit=25)["items"]
        page.wait_for_function("n => document.querySelectorAll('#events tbody tr').length === n", arg=len(want))
        cells = page.locator("#events tbody tr td:nth-child(3) .action").all_inner_texts()
        assert cells == [action] * len(want)
    page.screenshot(path=str(tmp_path / "story-figures-events.png"), full_page=True)


def _row_titles(page) -> dict[str, str]:
    links = page.locator("#view .article-row a.article-title")
    return {links.nth(i).get_attribute("href").split("?")[0]: links.nth(i).inner_text() for i in range(links.count())}


def test_search_and_lists(page, server, tmp_path: Path):
    arts = api(server, "articles", limit=1000)
    _open(page, server + "/#/articles")
    assert page.locator(".article-row").count() == arts["total"]
    titles = _row_titles(page)
    word = arts["items"][0]["title"] or arts["items"][0]["lead"].split()[0]
    word = max(word.split(), key=len)
    page.fill("#search input", word)
    page.press("#search input", "Enter")
    page.wait_for_selector("body[data-view=search] #view[aria-busy=false]")
    page.wait_for_selector(".article-row")
    assert page.locator("#view .articles .article-row").count() == api(server, "search", q=word, limit=100)["total"]
    found = _row_titles(page)
    assert found and all(titles[href] == title for href, title in found.items())  # an untitled article is titled
    # by its lead in both lists, not by the search snippet (which starts mid-word)
    _open(page, server + "/#/actors")
    assert page.locator("table.actors tbody tr").count() == min(api(server, "actors", limit=200)["total"], 200)
    page.screenshot(path=str(tmp_path / "actors.png"), full_page=True)


def test_rest_style_paths_open_the_story_and_the_article(page, server, tmp_path: Path):
    """'#/stories/ID' and '#/articles/ID' (as the REST paths read) open the page, not 'Unknown page'."""
    story = api(server, "stories", limit=1)["items"][0]
    _open(page, server + "/#/stories/" + story["id"])
    assert page.locator("h1").inner_text() == story["label"]
    art = api(server, "articles", limit=1)["items"][0]
    _open(page, server + "/#/articles/" + art["id"])
    assert "Unknown page" not in page.locator("#view").inner_text()
    assert page.locator("h1").inner_text() == (art["title"] or page.locator("h1").inner_text())
    _open(page, server + "/#/articles")
    assert page.locator(".article-row").count() > 0  # the list stays the list


def test_api_docs_render_offline(page, server, tmp_path: Path):
    with urllib.request.urlopen(server + "/openapi.json", timeout=30) as r:
        spec = json.loads(r.read())
    operations = sum(len(ops) for ops in spec["paths"].values())
    page.goto(server + "/docs")
    page.wait_for_selector(".swagger-ui .opblock", timeout=30_000)
    assert page.locator(".swagger-ui .opblock").count() == operations
    page.screenshot(path=str(tmp_path / "docs.png"), full_page=True)


@pytest.fixture()
def small_pages(corpus_db: str):
    """A server whose largest page is 7 (DATELINE_MAX_PAGE): the page must not ask for more, and must page."""
    yield from _serve(corpus_db, DATELINE_MAX_PAGE="7")


def test_long_lists_page_within_the_servers_limit(browser, small_pages, tmp_path: Path):
    pg = browser.new_page(viewport={"width": 1280, "height": 900})
    problems: list[str] = []
    pg.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    pg.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    total = api(small_pages, "articles", limit=7)["total"]
    actors = api(small_pages, "actors", limit=7)["total"]
    assert total > 14 and actors > 14
    for hash_, rows, n in (("#/articles", ".article-row", total), ("#/actors", "table.actors tbody tr", actors)):
        _open(pg, small_pages + "/" + hash_)
        assert pg.locator(rows).count() == 7 and not pg.locator(".error").count()
        clicks = 0
        while pg.locator("button.more").count():
            pg.click("button.more")
            clicks += 1
            pg.locator(rows).nth(min(7 * (clicks + 1), n) - 1).wait_for()
        assert pg.locator(rows).count() == n and clicks == (n - 1) // 7
    _open(pg, small_pages + "/#/articles")
    for k in range(1, (total - 1) // 7 + 1):
        pg.click("button.more")
        pg.locator(".article-row").nth(min(7 * (k + 1), total) - 1).wait_for()
    hrefs = [pg.locator(".article-row a.article-title").nth(i).get_attribute("href") for i in range(total)]
    assert len(set(hrefs)) == total  # every article once, no page fetched twice
    pg.close()
    assert problems == []
