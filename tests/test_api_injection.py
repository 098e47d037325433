"""SQL-injection and hostile strings in every parameter of every endpoint, against the read-only server and
against the writer (``allow_ingest=True``, a store opened read-write, where a DROP or DELETE could succeed):
each answer is exactly what a literal match gives (no rows / 404 for a string the store does not hold, the
unfiltered answer for a parameter the endpoint does not use), and no table changes (rows and content)."""
from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from dateline.serve import create_app
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
    "e_t",  # LIKE would read _ as any character ("eat", "set", ...): a literal match finds nothing
    "%a%",
    "x') UNION SELECT 1 --",
]
TEXT_PARAMS = ["story", "actor", "action", "source", "q", "category", "article"]
LIST_ENDPOINTS = ["/api/articles", "/api/stories", "/api/events", "/api/statements", "/api/figures",
                  "/api/actors"]
#: text parameters an endpoint does not use: its answer must be the unfiltered one
IGNORED = {"/api/articles": {"category"}, "/api/stories": {"action", "category", "article"},
           "/api/events": {"category"}, "/api/statements": {"category"}, "/api/figures": set(),
           "/api/actors": {"category"}}


def snapshot(store: Store) -> dict[str, tuple[int, int]]:
    """Every table's row count and a hash of its content, through the server's own connection."""
    out = {}
    for t in store.tables():
        n, h = store.conn.execute(f'SELECT count(*), bit_xor(hash(t)) FROM "{t}" AS t').fetchone()
        out[t] = (n, h)
    return out


def absent(store: Store) -> list[str]:
    """The payloads that occur (case-insensitively) in no stored value: every filter must find nothing."""
    values = []
    for t in store.tables():
        for col in store.query("SELECT column_name FROM information_schema.columns WHERE table_name = ?", [t]):
            values += [v.lower() for (v,) in store.conn.execute(
                f'SELECT DISTINCT CAST("{col["column_name"]}" AS VARCHAR) FROM "{t}"').fetchall() if v]
    return [p for p in PAYLOADS if not any(p.strip().lower() in v for v in values)]


@dataclass
class Api:
    client: TestClient
    store: Store
    before: dict[str, tuple[int, int]]
    zero: list[str]  # payloads absent from the store
    _articles: list[dict[str, Any]] | None = None

    def articles(self) -> list[dict[str, Any]]:
        """Every article with its text (fetched once)."""
        if self._articles is None:
            ids = [a["id"] for a in self.get("/api/articles", limit=1000)["items"]]
            self._articles = [self.get(f"/api/articles/{quote(i, safe='')}")["article"] for i in ids]
        return self._articles

    def get(self, path: str, **params: Any) -> Any:
        r = self.client.get(path, params=params)
        assert r.status_code == 200, (path, params, r.status_code, r.text)
        return r.json()


@pytest.fixture(scope="module", params=["read-only", "writer"])
def api(request: pytest.FixtureRequest, corpus_db: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Api]:
    if request.param == "writer":
        db = tmp_path_factory.mktemp("writer") / "writer.duckdb"
        shutil.copy(corpus_db, db)
        app = create_app(db, allow_ingest=True)
    else:
        app = create_app(corpus_db)
    store = app.state.store
    assert store.read_only is (request.param == "read-only")
    with TestClient(app) as c:
        zero = absent(store)
        # the SQL-looking payloads are all in the store-free set, so their exact answer is "nothing"
        assert all(p in zero for p in PAYLOADS if "'" in p or ";" in p or '"' in p), zero
        yield Api(c, store, snapshot(store), zero)


@pytest.mark.parametrize("endpoint", LIST_ENDPOINTS)
def test_text_params_match_literally(api: Api, endpoint: str) -> None:
    full = api.get(endpoint, limit=1000)
    assert full["total"] > 0
    for param in TEXT_PARAMS:
        for payload in api.zero:
            if param == "story" and param not in IGNORED[endpoint]:  # names no story: said so, nothing read
                r = api.client.get(endpoint, params={param: payload})
                assert r.status_code == 404 and r.json()["detail"].startswith("no story"), (endpoint, payload)
                continue
            if param == "action":  # no PLOVER type: a 422 naming the parameter and the types, nothing read
                r = api.client.get(endpoint, params={param: payload})
                assert r.status_code == 422 and "invalid parameter action" in r.json()["detail"], (endpoint, payload)
                assert "CONSULT" in r.json()["detail"]
                continue
            got = api.get(endpoint, **{param: payload, "limit": 1000})
            if param in IGNORED[endpoint]:
                assert got == full, (endpoint, param, payload)
            else:
                assert (got["total"], got["items"]) == (0, []), (endpoint, param, payload, got["total"])


def test_figure_series_params_match_literally(api: Api) -> None:
    """/api/figures?story=... reads the fused figure series (another query): each other text filter too."""
    story = api.get("/api/stories", limit=1)["items"][0]["id"]
    assert api.get("/api/figures", story=story, limit=1000)["total"] > 0
    for param in ("actor", "action", "source", "q", "category", "article"):
        for payload in api.zero:
            if param == "action":
                assert api.client.get("/api/figures", params={"story": story, param: payload}).status_code == 422
                continue
            got = api.get("/api/figures", story=story, **{param: payload})
            assert (got["total"], got["items"]) == (0, []), (param, payload)


def test_search_and_timeline_params_match_literally(api: Api) -> None:
    story = api.get("/api/stories", limit=1)["items"][0]["id"]
    assert api.get(f"/api/stories/{story}/timeline")["total"] > 0
    assert api.get("/api/search", q="the")["total"] > 0
    for payload in api.zero:
        got = api.get("/api/search", q="the", source=payload)
        assert (got["total"], got["items"]) == (0, []), payload
        r = api.client.get("/api/search", params={"q": "the", "story": payload})  # names no story: said so
        assert r.status_code == 404 and r.json()["detail"].startswith("no story"), payload
        got = api.get(f"/api/stories/{story}/timeline", q=payload)
        assert (got["total"], got["items"]) == (0, []), payload
        got = api.get("/api/search", q=payload)
        assert (got["total"], got["items"], got["stories"], got["actors"]) == (0, [], [], []), payload


@pytest.mark.parametrize("payload", PAYLOADS)
def test_q_matches_literally(api: Api, payload: str) -> None:
    """Also for the payloads the store does hold (``_``, ``\\``): exactly the articles containing them."""
    expected = {a["id"] for a in api.articles()
                if payload.strip().lower() in ((a["title"] or "") + " " + a["text"]).lower()}
    got = {a["id"] for a in api.get("/api/articles", q=payload, limit=1000)["items"]}
    assert got == expected
    assert {a["id"] for a in api.get("/api/search", q=payload, limit=1000)["items"]} == expected


@pytest.mark.parametrize("endpoint", [*LIST_ENDPOINTS, "/api/search?q=a"])
@pytest.mark.parametrize("param", ["limit", "offset", "date_from", "date_to", "format"])
def test_typed_params_reject_payloads_with_422(api: Api, endpoint: str, param: str) -> None:
    for payload in PAYLOADS:
        sep = "&" if "?" in endpoint else "?"
        r = api.client.get(f"{endpoint}{sep}", params={param: payload})
        assert r.status_code == 422, (endpoint, param, payload, r.text)
        assert param in r.json()["detail"]


def test_path_ids_are_only_ever_values(api: Api) -> None:
    for payload in PAYLOADS:
        for path, what in (("/api/articles/{}", "article"), ("/api/stories/{}", "story"),
                           ("/api/stories/{}/timeline", "story")):
            r = api.client.get(path.format(quote(payload, safe="")))
            assert r.status_code == 404, (path, payload, r.status_code, r.text)
            if "/" not in payload:  # a decoded slash changes the route: the router's own 404
                assert r.json()["detail"] == f"no {what} with id {payload.strip()!r}", (path, payload)


def test_control_characters_are_rejected(api: Api) -> None:
    for endpoint in LIST_ENDPOINTS:
        r = api.client.get(endpoint, params={"q": "a\x00b"})
        assert r.status_code == 422 and "control characters" in r.json()["detail"]
    assert api.client.get("/api/articles/a%00b").status_code == 422


def test_extract_body_payloads(api: Api) -> None:
    for payload in PAYLOADS:
        r = api.client.post("/api/extract", json={"text": payload + " said officials on Monday.", "id": payload,
                                                  "source": payload, "title": payload, "dct": payload})
        assert r.status_code == 422 and "dct" in r.json()["detail"]


def test_store_is_unchanged(api: Api) -> None:
    # runs after the others of its server (pytest keeps file order within a module-scoped parameter)
    assert snapshot(api.store) == api.before


def test_writer_stores_hostile_strings_as_literal_values(corpus_db: str, tmp_path) -> None:
    """POST /api/extract?store=true with hostile id, title and source: stored as given, found again by exactly
    those strings, and the store grows by exactly that article and its records."""
    db = tmp_path / "w.duckdb"
    shutil.copy(corpus_db, db)
    app = create_app(db, allow_ingest=True)
    with TestClient(app) as c:
        store = app.state.store
        for payload in ("'; DROP TABLE articles; --", "Robert'); DELETE FROM entities;--", "%' OR '1'='1"):
            before = store.counts()
            r = c.post("/api/extract", params={"store": "true"},
                       json={"text": f"Officials said on Monday that {payload} had been seen in Rafah.",
                             "id": payload, "source": payload, "title": payload, "dct": "2025-05-12"})
            assert r.status_code == 200, r.text
            out = r.json()
            after = store.counts()
            assert after["articles"] == before["articles"] + 1
            for table in ("timexes", "entities", "statements", "figures", "events", "places"):
                assert after[table] == before[table] + len(out[table]), table
            art = c.get(f"/api/articles/{quote(payload, safe='')}").json()["article"]
            assert (art["id"], art["title"], art["source"]) == (payload, payload, payload)
            listed = c.get("/api/articles", params={"source": payload, "limit": 1000}).json()
            assert [a["id"] for a in listed["items"]] == [payload]
