"""The REST API on the sample corpus: every endpoint, filters, pagination, CSV, errors, /api/extract."""
from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from dateline.serve import create_app
from dateline.settings import Settings
from dateline.store import Store

from .conftest import SEED_DATED

ENDPOINTS = ["articles", "stories", "events", "statements", "figures", "actors"]


@pytest.fixture(scope="module")
def counts(corpus_db: str) -> dict[str, int]:
    with Store(corpus_db, read_only=True) as s:
        return s.counts()


def get(client: TestClient, path: str, **params) -> dict:
    r = client.get(path, params=params)
    assert r.status_code == 200, (path, params, r.text)
    return r.json()


def all_items(client: TestClient, path: str, **params) -> list[dict]:
    return get(client, path, limit=1000, **params)["items"]


# -- articles ----------------------------------------------------------------------------------
def test_articles_lists_every_stored_article(client, counts):
    data = get(client, "/api/articles", limit=1000)
    assert data["total"] == counts["articles"] == len(data["items"])
    dated = [a["dct"] for a in data["items"] if a["dct"]]
    assert dated == sorted(dated, reverse=True)  # newest first, undated last


def test_pagination_is_disjoint_and_complete(client):
    everything = [a["id"] for a in all_items(client, "/api/articles")]
    pages, offset = [], 0
    while offset < len(everything):
        page = get(client, "/api/articles", limit=2, offset=offset)
        assert page["total"] == len(everything) and len(page["items"]) <= 2
        pages += [a["id"] for a in page["items"]]
        offset += 2
    assert pages == everything
    assert get(client, "/api/articles", limit=5, offset=10**6)["items"] == []


@pytest.mark.parametrize("params, param", [
    ({"limit": 1001}, "limit"), ({"limit": 0}, "limit"), ({"limit": -1}, "limit"), ({"limit": "ten"}, "limit"),
    ({"offset": -5}, "offset"), ({"offset": "1.5"}, "offset"), ({"offset": 10**13}, "offset"),
    ({"date_from": "2025-02-30"}, "date_from"), ({"date_from": "yesterday"}, "date_from"),
    ({"date_to": "2025-13"}, "date_to"), ({"date_from": "2025-05-01", "date_to": "2025-04-30"}, "date_to"),
    ({"format": "xml"}, "format"), ({"source": "   "}, "source"), ({"q": "x" * 201}, "q"),
    ({"action": "ASSUALT"}, "action"), ({"action": "meeting"}, "CONSULT"),
])
def test_bad_parameters_get_422_naming_the_parameter(client, params, param):
    r = client.get("/api/articles", params=params)
    assert r.status_code == 422, r.text
    assert param in r.json()["detail"]


def test_max_page_comes_from_settings(corpus_db):
    with TestClient(create_app(corpus_db, settings=Settings(max_page=3))) as c:
        assert len(c.get("/api/articles", params={"limit": 3}).json()["items"]) <= 3
        r = c.get("/api/articles", params={"limit": 4})
        assert r.status_code == 422 and "maximum page size 3" in r.json()["detail"]


def test_article_detail_has_text_and_records_with_provenance(client, counts):
    ids = [a["id"] for a in all_items(client, "/api/articles")]
    seen = {k: 0 for k in ("timexes", "entities", "statements", "figures", "events", "places")}
    for aid in ids:
        data = get(client, f"/api/articles/{aid}")
        text = data["article"]["text"]
        assert data["article"]["id"] == aid and text
        for kind in seen:
            for rec in data[kind]:
                assert rec["article_id"] == aid
                assert text[rec["start"]:rec["end"]] == rec["text"], (kind, rec)
                seen[kind] += 1
    assert seen == {k: counts[k] for k in seen}  # every record belongs to exactly one article
    assert seen["timexes"] > 0 and seen["entities"] > 0


def test_unknown_ids_get_404(client):
    for path in ("/api/articles/no-such-article", "/api/stories/no-such-story",
                 "/api/stories/no-such-story/timeline"):
        r = client.get(path)
        assert r.status_code == 404 and "no-such" in r.json()["detail"]


def test_source_and_date_filters(client):
    arts = all_items(client, "/api/articles")
    source = next(a["source"] for a in arts if a["source"])
    got = all_items(client, "/api/articles", source=source.upper())  # case-insensitive exact
    assert got and {a["source"] for a in got} == {source}
    assert len(got) == sum(a["source"] == source for a in arts)
    dates = sorted(a["dct"] for a in arts if a["dct"])
    lo, hi = dates[0], dates[len(dates) // 2]
    got = all_items(client, "/api/articles", date_from=lo, date_to=hi)
    assert got and all(lo <= a["dct"] <= hi for a in got)
    assert len(got) == sum(1 for d in dates if lo <= d <= hi)
    month = all_items(client, "/api/articles", date_from=hi[:7], date_to=hi[:7])  # YYYY-MM prefixes
    assert {a["dct"][:7] for a in month} == {hi[:7]}


def test_actor_filter_on_articles_and_actors(client):
    actors = all_items(client, "/api/actors")
    assert actors and actors == sorted(actors, key=lambda a: (-a["articles"], -a["mentions"], a["name"]))
    name = actors[0]["name"]
    arts = all_items(client, "/api/articles", actor=name.lower())
    assert len(arts) >= actors[0]["articles"]
    for a in arts:
        detail = get(client, f"/api/articles/{a['id']}")
        assert any(name.lower() in (e["canonical"] or e["text"]).lower() for e in detail["entities"])
    assert all(name.lower() in a["name"].lower() for a in all_items(client, "/api/actors", actor=name))


def test_record_endpoints_match_the_store(client, counts):
    for kind in ("events", "statements", "figures"):
        every = {"kind": "all"} if kind == "statements" else {}  # statements list speech unless asked for all kinds
        data = get(client, f"/api/{kind}", limit=1000, **every)
        assert data["total"] == counts[kind], kind
        for it in data["items"]:
            assert it["article_id"] and "outlet" in it
            if kind == "events":  # the sentence around the event, with its offset in the article
                lo = it["context_start"]
                assert it["context"][it["start"] - lo:it["end"] - lo] == it["text"]


def test_sentence_around():
    from dateline.store.snippets import sentence_around

    text = 'Talks began. Hamas said "we accept." Israel declined!\n\nA new paragraph'
    for word, sentence in [("Talks", "Talks began."), ("accept", 'Hamas said "we accept."'),
                           ("declined", "Israel declined!"), ("paragraph", "A new paragraph")]:
        i = text.index(word)
        lo, hi = sentence_around(text, i, i + len(word))
        assert text[lo:hi] == sentence


def test_event_filters(client):
    events = all_items(client, "/api/events")
    for ev in events[:5]:
        got = all_items(client, "/api/events", action=ev["action"].lower())
        assert got and all(g["action"] == ev["action"] for g in got)
        if ev["actor"]:
            got = all_items(client, "/api/events", actor=ev["actor"])
            assert ev in got
            assert all(ev["actor"].lower() in ((g["actor"] or "") + " " + (g["target"] or "")).lower() for g in got)
    assert all_items(client, "/api/statements", action="CONSULT") == []  # statements have no action


def test_csv_output(client):
    data = get(client, "/api/articles", limit=1000)
    r = client.get("/api/articles", params={"limit": 1000, "format": "csv"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert [row["id"] for row in rows] == [a["id"] for a in data["items"]]
    r2 = client.get("/api/articles", params={"limit": 1000}, headers={"Accept": "text/csv"})
    assert r2.text == r.text
    for kind in ("events", "actors", "figures", "statements", "stories"):
        r = client.get(f"/api/{kind}", params={"format": "csv", "limit": 1000})
        assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv"), kind
        assert len(list(csv.DictReader(io.StringIO(r.text)))) == get(client, f"/api/{kind}", limit=1000)["total"]
    aid = data["items"][0]["id"]
    rows = list(csv.DictReader(io.StringIO(client.get(f"/api/articles/{aid}?format=csv").text)))
    detail = get(client, f"/api/articles/{aid}")
    assert len(rows) == sum(len(detail[k]) for k in ("timexes", "entities", "statements", "figures", "events", "places"))


def test_search(client):
    arts = all_items(client, "/api/articles")
    word = max((w for a in arts for w in a["lead"].split() if w.isalpha() and len(w) > 5), key=len)
    data = get(client, "/api/search", q=word.upper(), limit=1000)
    texts = {a["id"]: get(client, f"/api/articles/{a['id']}")["article"] for a in arts}
    expected = {i for i, a in texts.items() if word.lower() in ((a["title"] or "") + " " + a["text"]).lower()}
    assert {it["id"] for it in data["items"]} == expected and data["total"] == len(expected)
    for it in data["items"]:
        assert word.lower() in it["snippet"].lower() or it["start"] is None
        if it["start"] is not None:
            assert texts[it["id"]]["text"][it["start"]:it["end"]].lower() == word.lower()
    assert client.get("/api/search").status_code == 422
    assert client.get("/api/search", params={"q": ""}).status_code == 422


# -- stories, timelines, figures (written by the fuse stage) ------------------------------------
def test_stories_and_timelines(client, counts):
    stories = get(client, "/api/stories", limit=1000)
    assert stories["total"] == counts.get("stories", 0) >= 2
    for s in stories["items"]:
        detail = get(client, f"/api/stories/{s['id']}")
        assert detail["label"] == s["label"] and sum(x["articles"] for x in detail["sources"]) == s["size"]
        tl = get(client, f"/api/stories/{s['id']}/timeline", limit=1000)
        assert tl["story"]["id"] == s["id"]
        dates = [e["date"] for e in tl["items"]]
        assert dates == sorted(dates)
        members = {a["id"]: a for a in all_items(client, "/api/articles", story=str(s["id"]))}
        assert len(members) == s["size"]
        # the newest trusted date; an article whose date was only estimated is "latest" only if nothing else is
        trusted = [a["dct"] for a in members.values() if a["dct"] and a["dct_origin"] != "estimated"]
        latest = max(trusted or [a["dct"] for a in members.values() if a["dct"]], default=None)
        assert s["latest"]["id"] in members and s["latest"]["dct"] == latest
        for e in tl["items"]:
            assert e["sentences"], e
            for sent in e["sentences"]:
                text = get(client, f"/api/articles/{sent['article_id']}")["article"]["text"]
                assert text[sent["start"]:sent["end"]] == sent["text"]  # provenance of every sentence
                assert sent["article_id"] in members
    assert sum(get(client, f"/api/stories/{s['id']}/timeline")["total"] for s in stories["items"]) == counts["timeline"]


def test_rest_and_python_api_read_stories_in_one_shape(client, corpus_db):
    """The REST answers are the store's own reads (one implementation): same lists, same story, same timeline."""
    with Store(corpus_db, read_only=True) as store:
        stories = store.stories()
        assert get(client, "/api/stories", limit=1000)["items"] == stories["items"]
        for s in stories["items"]:
            detail = get(client, f"/api/stories/{s['id']}")
            assert detail.pop("fused_events") == store.fused_events(s["id"])
            assert detail == store.story(s["id"])
            tl = get(client, f"/api/stories/{s['id']}/timeline", limit=1000)
            assert tl["items"] == store.timeline(s["id"])["items"] and tl["total"] == store.timeline(s["id"])["total"]


def test_figures_as_series(client):
    stories = all_items(client, "/api/stories")
    for s in stories:
        data = get(client, "/api/figures", story=str(s["id"]), limit=1000)
        for series in data["series"]:
            for line in series["lines"]:
                assert all(p["category"] == series["category"] and (p["unit"] or None) == series["unit"]
                           and (p["scope"] or None) == series["scope"] and (p["kind"] or None) == series["kind"]
                           for p in line["points"])  # one series per (category, unit, scope, kind)
                assert all((p["source"] or p["outlet"] or "unknown") == line["source"] for p in line["points"])
        groups: dict[str, set] = {}
        for p in data["items"]:
            if p["contradiction"]:
                groups.setdefault(p["contradiction_group"], set()).add(p["value"])
        assert all(len(v) >= 2 for v in groups.values())  # a contradiction has disagreeing values


# -- POST /api/extract -------------------------------------------------------------------------
def test_extract_returns_the_contract_without_storing(client, counts):
    text = SEED_DATED.read_text(encoding="utf-8")
    r = client.post("/api/extract", json={"text": text, "source": "AFP", "title": "Talks"})
    assert r.status_code == 200, r.text
    out = r.json()
    assert set(out) >= {"article", "timexes", "entities", "statements", "figures", "events", "places"}
    assert out["article"]["dct"] == "2025-05-12" and out["article"]["source"] == "AFP"
    values = {t["text"]: t["value"] for t in out["timexes"]}
    assert values.get("March 18") == "2025-03-18" and values.get("October 7, 2023") == "2023-10-07"
    assert "stored" not in out
    assert get(client, "/api/articles", limit=1)["total"] == counts["articles"]


@pytest.mark.parametrize("body, needle", [
    (b"not json", "invalid body"), (b"{}", "text"), (b'{"text": ""}', "text"), (b'{"text": "   "}', "blank"),
    (b'{"text": "Talks.", "dct": "soon"}', "dct"), (b'{"text": "Talks.", "bogus": 1}', "bogus"),
    (b'{"text": 5}', "text"),
])
def test_extract_rejects_bad_bodies(client, body, needle):
    r = client.post("/api/extract", content=body, headers={"Content-Type": "application/json"})
    assert r.status_code == 422 and needle in r.json()["detail"], r.text


def test_extract_limits(corpus_db, client):
    assert client.post("/api/extract?store=true", json={"text": "Talks resumed."}).status_code == 403
    small = Settings(max_request_bytes=100, extract_timeout=0.000001)
    with TestClient(create_app(corpus_db, settings=small)) as c:
        r = c.post("/api/extract", json={"text": "x" * 200})
        assert r.status_code == 413 and "100" in r.json()["detail"]
        r = c.post("/api/extract", json={"text": "Talks resumed on Monday."})
        assert r.status_code == 503 and "longer than" in r.json()["detail"]


def test_extract_and_store_with_allow_ingest(corpus_db, tmp_path: Path):
    db = tmp_path / "copy.duckdb"
    shutil.copy(corpus_db, db)
    with TestClient(create_app(db, allow_ingest=True)) as c:
        before = c.get("/api/articles").json()["total"]
        r = c.post("/api/extract?store=true",
                   json={"text": "Talks resumed in Cairo on Monday, officials said.", "dct": "2025-06-02",
                         "id": "posted-1", "source": "Desk"})
        assert r.status_code == 200 and r.json()["stored"] is True
        assert c.get("/api/articles").json()["total"] == before + 1
        art = c.get("/api/articles/posted-1").json()
        assert art["article"]["source"] == "Desk" and art["article"]["dct"] == "2025-06-02"
        assert len(art["stories"]) == 1  # fused into a story, as `dateline ingest` does


def test_read_only_store(client):
    import duckdb

    assert client.app.state.store.read_only is True
    with pytest.raises(duckdb.Error):
        client.app.state.store.conn.execute("CREATE TABLE x (a INT)")


# -- docs and the page -------------------------------------------------------------------------
def test_openapi_documents_every_endpoint(client):
    spec = client.get("/openapi.json").json()
    paths = set(spec["paths"])
    for p in ("/api/articles", "/api/articles/{article_id}", "/api/stories", "/api/stories/{story_id}/timeline",
              "/api/events", "/api/statements", "/api/figures", "/api/actors", "/api/search", "/api/extract"):
        assert p in paths, p
        for op in spec["paths"][p].values():
            assert op.get("description") or op.get("summary")
    assert "requestBody" in spec["paths"]["/api/extract"]["post"]
    docs = client.get("/docs")
    assert docs.status_code == 200 and "/openapi.json" in docs.text
    assert "http://" not in docs.text and "https://" not in docs.text  # Swagger UI from the package, no CDN
    for asset in ("swagger-ui-bundle.js", "swagger-ui.css"):
        assert client.get(f"/docs-assets/{asset}").status_code == 200
    assert client.get("/docs-assets/index.html").status_code == 404


def test_page_and_assets_are_served_from_a_fixed_list(client):
    r = client.get("/")
    assert r.status_code == 200 and "<main id=\"view\"" in r.text
    assert "default-src 'self'" in r.headers["content-security-policy"]
    for name in ("app.js", "views.js", "charts.js", "article.js", "api.js", "style.css"):
        assert client.get(f"/static/{name}").status_code == 200
    for bad in ("../app.py", "..%2Fapp.py", "%2e%2e/%2e%2e/settings.py", "app.py", "/etc/passwd", "index.html%00.js"):
        assert client.get(f"/static/{bad}").status_code == 404, bad
    assert "http://" not in client.get("/").text and "https://" not in client.get("/static/app.js").text


def test_store_without_fused_tables(tmp_path: Path):
    """A store written without the fuse stage (or by an older dateline) is served: no stories, no errors."""
    from dateline.api import ingest

    db = tmp_path / "plain.duckdb"
    ingest([SEED_DATED], db=db, fuse=False)
    with TestClient(create_app(db)) as c:
        for kind in ENDPOINTS:
            assert c.get(f"/api/{kind}").status_code == 200, kind
        assert c.get("/api/stories").json()["total"] == 0
        for kind in ("figures", "articles"):  # no story has it: said, not an empty list that looks like an answer
            r = c.get(f"/api/{kind}", params={"story": "s1"})
            assert r.status_code == 404 and "no story 's1'" in r.json()["detail"], kind
        assert c.get("/api/stories/s1/timeline").status_code == 404
        aid = c.get("/api/articles").json()["items"][0]["id"]
        assert c.get(f"/api/articles/{aid}").json()["stories"] == []
        assert c.get("/").status_code == 200


def test_serve_command_needs_an_existing_store(tmp_path: Path):
    from typer.testing import CliRunner

    from dateline.cli import app

    missing = tmp_path / "missing.duckdb"
    result = CliRunner().invoke(app, ["serve", "--db", str(missing)])
    assert result.exit_code == 1 and "no such store" in result.output
    assert not missing.exists()  # nothing was created


def test_story_filter_takes_what_the_cli_takes(client, corpus_db):
    """`story=` names a story as `dateline timeline WORD` does: an id prefix or a label word gives the same records
    as the id; a name no story has is a 404 saying so, one several stories have a 422 naming them."""
    with Store(corpus_db, read_only=True) as store:
        stories = store.stories()["items"]
    for s in stories:
        by_id = all_items(client, "/api/events", story=str(s["id"]))
        words = [w for w in (s["label"] or "").split() if len(w) > 3]
        unique = [w for w in words if sum(w.lower() in (t["label"] or "").lower() for t in stories) == 1]
        for name in [str(s["id"])[:8], *unique[:1]]:
            assert all_items(client, "/api/events", story=name) == by_id, name
    r = client.get("/api/statements", params={"story": "zzqx-no-story"})
    assert r.status_code == 404 and "zzqx-no-story" in r.json()["detail"]
    shared = [w for w in {w for s in stories for w in (s["label"] or "").split() if len(w) > 3}
              if sum(w.lower() in (t["label"] or "").lower() for t in stories) > 1
              and not any(str(t["id"]) == w or str(t["id"]).startswith(w) for t in stories)]
    if shared:
        r = client.get("/api/figures", params={"story": shared[0]})
        assert r.status_code == 422 and "matches" in r.json()["detail"]
