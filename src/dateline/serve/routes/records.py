"""/api/events, /api/statements, /api/figures, /api/actors: mention records across articles."""
from __future__ import annotations

import dataclasses
from typing import Any, Literal

from fastapi import Depends, Query, Request
from fastapi.encoders import jsonable_encoder
from fastapi.responses import JSONResponse, Response

from ...store.queries import Filters, Page, Queries
from ..deps import Format, filters, get_queries, output_format, page
from ..responses import respond


def list_events(
    f: Filters = Depends(filters), p: Page = Depends(page), fmt: Format = Depends(output_format),
    queries: Queries = Depends(get_queries),
) -> Response:
    """Event mentions (actor, PLOVER action, target, date, location, polarity, modality) with their article
    and span. Filters: story, actor (actor or target), action, date range (event date, else publication
    date), source (outlet), q (sentence contains), article."""
    return respond(queries.events(f, p), fmt, name="events")


def list_statements(
    f: Filters = Depends(filters), p: Page = Depends(page), fmt: Format = Depends(output_format),
    queries: Queries = Depends(get_queries),
    kind: Literal["speech", "attribution", "all"] = Query(
        "speech", description="speech (speech acts, quotes, paraphrases; the default), attribution (the other "
                              "attributions: according to, beliefs, stances, knowledge) or all."),
) -> Response:
    """Who said what: speaker, cue, direct/indirect, content, via (the outlet or agency relaying it), kind, with
    article and span. Filters: story, actor (speaker or via), date range, source, q (content), article, kind
    (speech by default)."""
    return respond(queries.statements(dataclasses.replace(f, kind=kind), p), fmt, name="statements")


def _series(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Group figure points into series by category, unit (roubles and dollars are not one series), scope ("in
    Myanmar" vs "in Thailand") and kind (a running total vs one day's toll), then by source: one line per
    source."""
    cats: dict[tuple[str, str | None, str | None, str | None], dict[str, list[dict[str, Any]]]] = {}
    for it in items:
        if it.get("value") is None or not it.get("date"):
            continue
        key = (it.get("category") or "other", it.get("unit") or None, it.get("scope") or None, it.get("kind") or None)
        src = it.get("source") or it.get("outlet") or "unknown"
        cats.setdefault(key, {}).setdefault(src, []).append(it)
    return [{"category": c, "unit": u, "scope": sc, "kind": k,
             "lines": [{"source": s, "points": pts} for s, pts in sorted(lines.items())]}
            for (c, u, sc, k), lines in sorted(cats.items(), key=lambda kv: -sum(len(v) for v in kv[1].values()))]


def list_figures(
    f: Filters = Depends(filters), p: Page = Depends(page), fmt: Format = Depends(output_format),
    queries: Queries = Depends(get_queries),
) -> Response:
    """Numeric claims as time series. `items` are the points (category, date, value, qualifier, scope,
    source, article and span, kind, contradiction flag and reason); `series` groups this page's points per
    (category, unit, scope, kind) and per source. With `story=` the fused series of that story is used (contradictions marked). Filters: story,
    category, date range, source, article."""
    data = queries.figures(f, p)
    if fmt == "json":
        data["series"] = _series(data["items"])
    return respond(data, fmt, name="figures")


def list_actors(
    f: Filters = Depends(filters), p: Page = Depends(page), fmt: Format = Depends(output_format),
    queries: Queries = Depends(get_queries),
) -> Response:
    """Actors (people, organizations, groups, countries) by number of articles mentioning them, with first and
    last date. Filters: story, actor or q (name contains), action, date range, source."""
    return respond(queries.actors(f, p), fmt, name="actors")


def meta(request: Request, request_queries: Queries = Depends(get_queries)) -> dict[str, Any]:
    """Counts per table, outlets and event action types (for filter menus), and the largest ``limit`` a list
    endpoint takes (``max_page``)."""
    return {"counts": request_queries.counts(), "sources": request_queries.sources(),
            "actions": request_queries.actions(Filters()), "max_page": request.app.state.settings.max_page}


def changes(request: Request, request_queries: Queries = Depends(get_queries)) -> Response:
    """The store's version (articles, stories, fuse batch) and clock; answers 304 when ``If-None-Match``
    still matches, so a page can poll it cheaply to show what is new without reloading."""
    data = request_queries.version()
    etag = f'"{data["version"]}"'
    headers = {"ETag": etag, "Cache-Control": "no-cache"}
    if request.headers.get("if-none-match") == etag:
        return Response(status_code=304, headers=headers)
    return JSONResponse(jsonable_encoder(data), headers=headers)
