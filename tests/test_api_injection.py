"""SQL-injection and hostile strings in every parameter of every endpoint: never a 500, never a change to
the store, and text filters match literally (a payload finds exactly the articles containing it)."""
from __future__ import annotations

import pytest

from dateline.store import Store

PAYLOADS = [
    "' OR '1'='1",
    "' OR 1=1 --",
    "'; DROP TABLE articles; --",
    '" OR ""="',
    "1; DELETE FROM entities",
    "' UNION SELECT id, text, title FROM articles --",
    "') OR ('a'='a",
    "%",
    "_",
    "%' --",
    "\\",
    "'||(SELECT version())||'",
    "$1",
    "?",
    "*/ SELECT 1 /*",
    "Robert'); DROP TABLE stories;--",
    "ʼ OR 1=1",
    "\u202e' OR 1=1",
]
TEXT_PARAMS = ["story", "actor", "action", "source", "q", "category", "article"]
LIST_ENDPOINTS = ["/api/articles", "/api/stories", "/api/events", "/api/statements", "/api/figures",
                  "/api/actors"]


@pytest.fixture(scope="module", autouse=True)
def before(corpus_db: str) -> dict[str, int]:
    """The store's counts before this module's first request (autouse: taken before any test runs)."""
    with Store(corpus_db, read_only=True) as s:
        return s.counts()


@pytest.fixture(scope="module")
def articles(client) -> list[dict]:
    ids = [a["id"] for a in client.get("/api/articles", params={"limit": 1000}).json()["items"]]
    return [client.get(f"/api/articles/{i}").json()["article"] for i in ids]


@pytest.mark.parametrize("endpoint", LIST_ENDPOINTS)
@pytest.mark.parametrize("param", TEXT_PARAMS)
def test_text_params_are_only_ever_values(client, endpoint, param):
    full = client.get(endpoint, params={"limit": 1000}).json()["total"]
    for payload in PAYLOADS:
        r = client.get(endpoint, params={param: payload, "limit": 1000})
        assert r.status_code in (200, 422), (endpoint, param, payload, r.status_code, r.text)
        if r.status_code == 200:
            assert r.json()["total"] <= full  # a filter can only narrow


def test_search_and_timeline_params_are_only_ever_values(client):
    story = client.get("/api/stories", params={"limit": 1}).json()["items"][0]["id"]
    full = client.get(f"/api/stories/{story}/timeline").json()["total"]
    for payload in PAYLOADS:
        for param in ("story", "source"):
            r = client.get("/api/search", params={"q": "the", param: payload})
            assert r.status_code in (200, 422) and (r.status_code == 422 or r.json()["total"] == 0), (param, payload)
        r = client.get(f"/api/stories/{story}/timeline", params={"q": payload})
        assert r.status_code in (200, 422) and (r.status_code == 422 or r.json()["total"] <= full)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_q_matches_literally(client, articles, payload):
    expected = {a["id"] for a in articles
                if payload.strip().lower() in ((a["title"] or "") + " " + a["text"]).lower()}
    got = {a["id"] for a in client.get("/api/articles", params={"q": payload, "limit": 1000}).json()["items"]}
    assert got == expected
    r = client.get("/api/search", params={"q": payload, "limit": 1000})
    assert r.status_code == 200
    assert {a["id"] for a in r.json()["items"]} == expected


@pytest.mark.parametrize("endpoint", [*LIST_ENDPOINTS, "/api/search?q=a"])
@pytest.mark.parametrize("param", ["limit", "offset", "date_from", "date_to", "format"])
def test_typed_params_reject_payloads_with_422(client, endpoint, param):
    for payload in PAYLOADS:
        sep = "&" if "?" in endpoint else "?"
        r = client.get(f"{endpoint}{sep}", params={param: payload})
        assert r.status_code == 422, (endpoint, param, payload, r.text)
        assert param in r.json()["detail"]


def test_path_ids_are_only_ever_values(client):
    for payload in PAYLOADS:
        for path in ("/api/articles/{}", "/api/stories/{}", "/api/stories/{}/timeline"):
            r = client.get(path.format(payload.replace("?", "%3F").replace("%", "%25")))
            assert r.status_code in (404, 422), (path, payload, r.status_code, r.text)


def test_control_characters_are_rejected(client):
    for endpoint in LIST_ENDPOINTS:
        r = client.get(endpoint, params={"q": "a\x00b"})
        assert r.status_code == 422 and "control characters" in r.json()["detail"]
    assert client.get("/api/articles/a%00b").status_code == 422


def test_extract_body_payloads(client):
    for payload in PAYLOADS:
        r = client.post("/api/extract", json={"text": payload + " said officials on Monday.", "id": payload,
                                              "source": payload, "title": payload, "dct": payload})
        assert r.status_code == 422 and "dct" in r.json()["detail"]


def test_store_is_unchanged(client, corpus_db, before):
    # run after the others in this module (pytest keeps file order)
    with Store(corpus_db, read_only=True) as s:
        assert s.counts() == before
