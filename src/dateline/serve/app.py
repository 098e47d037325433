"""The FastAPI app: ``create_app()`` and the one route table.

Reads go through ``Queries`` over a read-only DuckDB connection (a cursor per request). With
``allow_ingest=True`` the store is opened for writing instead (DuckDB allows one writer process) and
``POST /api/extract?store=true`` adds articles through a single lock-guarded writer. With ``watch`` (feeds,
folders) the process also runs the watcher in a thread: it owns the one writer (the same lock), while
requests read through their own cursors of a reader connection, so reads never wait for, or fail during,
an ingest (DuckDB's MVCC: a reader sees the last committed batch).
"""
from __future__ import annotations

import threading
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

from ..model import Extraction
from ..settings import Settings
from ..settings import settings as default_settings
from ..store import Store
from .responses import CSV_RESPONSES
from .routes import articles, extract, pages, records, search, stories


@dataclass(frozen=True)
class Route:
    method: str
    path: str
    endpoint: Callable[..., Any]
    tag: str
    extra: dict[str, Any] = field(default_factory=dict)


ROUTES: list[Route] = [
    Route("GET", "/api/articles", articles.list_articles, "articles", {"responses": CSV_RESPONSES}),
    Route("GET", "/api/articles/{article_id:path}", articles.get_article, "articles",
          {"responses": {**CSV_RESPONSES, 404: {"description": "Unknown article id."}}}),
    Route("GET", "/api/stories", stories.list_stories, "stories", {"responses": CSV_RESPONSES}),
    Route("GET", "/api/stories/{story_id}", stories.get_story, "stories",
          {"responses": {404: {"description": "Unknown story id."}}}),
    Route("GET", "/api/stories/{story_id}/timeline", stories.story_timeline, "stories",
          {"responses": {**CSV_RESPONSES, 404: {"description": "Unknown story id."}}}),
    Route("GET", "/api/events", records.list_events, "records", {"responses": CSV_RESPONSES}),
    Route("GET", "/api/statements", records.list_statements, "records", {"responses": CSV_RESPONSES}),
    Route("GET", "/api/figures", records.list_figures, "records", {"responses": CSV_RESPONSES}),
    Route("GET", "/api/actors", records.list_actors, "records", {"responses": CSV_RESPONSES}),
    Route("GET", "/api/search", search.search, "search", {"responses": CSV_RESPONSES}),
    Route("GET", "/api/meta", records.meta, "meta"),
    Route("GET", "/api/changes", records.changes, "meta"),
    Route("POST", "/api/extract", extract.extract_article, "extract",
          {"openapi_extra": extract.REQUEST_BODY,
           "responses": {403: {"description": "store=true on a server without --allow-ingest."},
                         413: {"description": "Body larger than max_request_bytes."},
                         422: {"description": "Invalid body."},
                         503: {"description": "Extraction took longer than extract_timeout."}}}),
    Route("GET", "/", pages.index, "page", {"include_in_schema": False}),
    Route("GET", "/static/{name}", pages.asset, "page", {"include_in_schema": False}),
    Route("GET", "/docs", pages.docs, "page", {"include_in_schema": False}),
    Route("GET", "/docs-assets/{name}", pages.docs_asset, "page", {"include_in_schema": False}),
]


def _validation_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = []
    for e in exc.errors():
        loc = [str(x) for x in e.get("loc", ()) if x not in ("query", "path", "body")]
        errors.append({"param": ".".join(loc) or "request", "msg": e.get("msg", "invalid"),
                       "input": e.get("input") if isinstance(e.get("input"), (str, int, float)) else None})
    msg = "; ".join(f"invalid parameter {e['param']}: {e['msg']}" for e in errors)
    return JSONResponse({"detail": msg, "errors": errors}, status_code=422)


def _db_error(_request: Request, _exc: Exception) -> JSONResponse:
    return JSONResponse({"detail": "the store could not answer this query"}, status_code=500)


def create_app(db: str | Path | None = None, *, allow_ingest: bool = False,
               settings: Settings | None = None, watch: Sequence[str] = (), watch_every: float = 900.0,
               log: Callable[[str], None] = print) -> FastAPI:
    """The API and web page over the store ``db`` (read-only unless ``allow_ingest`` or ``watch``)."""
    settings = settings or default_settings
    store = Store(db if db is not None else settings.db, read_only=not (allow_ingest or watch))
    write_lock = threading.Lock()
    stop = threading.Event()
    threads: list[threading.Thread] = []

    def write(ex: Extraction) -> None:
        """Store one article and update stories and timelines (as `dateline ingest` does)."""
        with write_lock:
            store.add([ex])
            from ..fuse import update

            update(store)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        if watch:
            from ..live import Watcher

            watcher = Watcher(watch, store, lock=write_lock, batch_size=settings.batch_size)
            threads.append(threading.Thread(target=watcher.run, args=(watch_every,), name="dateline-watch",
                                            kwargs={"stop": stop, "log": log}, daemon=True))
            threads[0].start()
        yield
        stop.set()
        for t in threads:
            t.join()
        store.close()

    app = FastAPI(
        title="dateline",
        summary="Sourced, dated records of developing news stories.",
        description="Read-only REST API over a dateline store. List endpoints take `limit`/`offset` "
                    f"(at most {settings.max_page} a page) and answer JSON or CSV (`?format=csv`).",
        version="0.1.0",
        lifespan=lifespan,
        docs_url=None,  # served by pages.docs with local Swagger UI files (no CDN)
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.store = store
    app.state.queries = store.reader()
    app.state.writer = store if allow_ingest else None
    app.state.write = write
    for r in ROUTES:
        app.add_api_route(r.path, r.endpoint, methods=[r.method], tags=[r.tag], **r.extra)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(duckdb.Error, _db_error)
    return app
