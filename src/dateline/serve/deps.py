"""Request dependencies: the query object, validated filters, pagination and the output format."""
from __future__ import annotations

import dataclasses
import re
from typing import Literal

from fastapi import HTTPException, Query, Request

from ..days import check_date_prefix
from ..labels import check_action
from ..store.queries import Filters, Page, Queries

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
#: the largest offset accepted (keeps values inside DuckDB's BIGINT)
MAX_OFFSET = 10**12


def invalid(param: str, message: str) -> HTTPException:
    """A 422 naming the parameter, in the same shape as FastAPI's own validation errors."""
    return HTTPException(422, detail=f"invalid parameter {param}: {message}")


def get_queries(request: Request) -> Queries:
    return request.app.state.queries  # type: ignore[no-any-return]


def clean_text(param: str, value: str | None) -> str | None:
    """Strip a text parameter; reject control characters (a NUL byte is never a search term)."""
    if value is None:
        return None
    if _CONTROL.search(value):
        raise invalid(param, "must not contain control characters")
    value = value.strip()
    if not value:
        raise invalid(param, "must not be empty")
    return value


def check_date(param: str, value: str | None) -> str | None:
    """An ISO date or prefix: YYYY, YYYY-MM or YYYY-MM-DD (a real calendar date)."""
    value = clean_text(param, value)
    if value is None:
        return None
    try:
        return check_date_prefix(value)
    except ValueError as e:
        raise invalid(param, str(e)) from None


def check_plover(param: str, value: str | None) -> str | None:
    """A PLOVER action type (any case), else a 422 naming the types."""
    value = clean_text(param, value)
    if value is None:
        return None
    try:
        return check_action(value)
    except ValueError as e:
        raise invalid(param, str(e)) from None


def filters(
    request: Request,
    story: str | None = Query(None, max_length=100, description="Only records of this story: its id, an id "
                              "prefix, or a word of its label, a main actor or its latest headline (one story)."),
    actor: str | None = Query(None, max_length=200,
                              description="Actor name (case-insensitive substring of actor, target, speaker)."),
    action: str | None = Query(None, max_length=100, description="PLOVER action type, e.g. CONSULT."),
    date_from: str | None = Query(None, max_length=10, description="From this date (YYYY-MM-DD, YYYY-MM or YYYY)."),
    date_to: str | None = Query(None, max_length=10, description="Up to this date, inclusive (same formats)."),
    source: str | None = Query(None, max_length=200, description="Outlet (article source), exact match."),
    q: str | None = Query(None, max_length=200, description="Text contains (case-insensitive)."),
    category: str | None = Query(None, max_length=100, description="Figure category, e.g. killed (figures only)."),
    article: str | None = Query(None, max_length=200, description="Only records of this article (id)."),
) -> Filters:
    f = Filters(
        story=clean_text("story", story), actor=clean_text("actor", actor), action=check_plover("action", action),
        date_from=check_date("date_from", date_from), date_to=check_date("date_to", date_to),
        source=clean_text("source", source), q=clean_text("q", q), category=clean_text("category", category),
        article=clean_text("article", article),
    )
    if f.date_from and f.date_to and f.date_from > f.date_to + "~":
        raise invalid("date_to", f"{f.date_to} is before date_from {f.date_from}")
    if f.story is not None:
        f = dataclasses.replace(f, story=resolve_story(get_queries(request), f.story))
    return f


def resolve_story(queries: Queries, name: str) -> str:
    """The id of the one story ``name`` means (``Queries.find_stories``, as the CLI reads it); 404 when none
    has it, 422 naming the candidates when several do."""
    found = queries.find_stories(name)
    if not found:
        raise HTTPException(404, detail=f"no story {name!r}: no id, label, main actor or latest headline has it "
                                        "(see /api/stories, or /api/search for the articles that mention it)")
    if len(found) > 1:
        raise invalid("story", f"{name!r} matches {len(found)} stories: "
                               + ", ".join(str(s["id"]) for s in found[:5]))
    return str(found[0]["id"])


def search_filters(
    request: Request,
    story: str | None = Query(None, max_length=100, description="Only articles of this story (id, id prefix or a "
                              "word of its label, a main actor or its latest headline)."),
    date_from: str | None = Query(None, max_length=10, description="Published from (YYYY-MM-DD, YYYY-MM, YYYY)."),
    date_to: str | None = Query(None, max_length=10, description="Published up to, inclusive."),
    source: str | None = Query(None, max_length=200, description="Outlet, exact match."),
) -> Filters:
    return filters(request, story=story, date_from=date_from, date_to=date_to, source=source, actor=None, action=None,
                   q=None, category=None, article=None)


def page(
    request: Request,
    limit: int = Query(50, ge=1, description="Page size (at most the server's max_page, 1000 by default)."),
    offset: int = Query(0, ge=0, le=MAX_OFFSET, description="Records to skip."),
) -> Page:
    max_page = request.app.state.settings.max_page
    if limit > max_page:
        raise invalid("limit", f"{limit} is larger than the maximum page size {max_page}")
    return Page(limit=limit, offset=offset)


Format = Literal["json", "csv"]


def output_format(
    request: Request,
    format: Format | None = Query(None, description="json (default) or csv; `Accept: text/csv` works too."),
) -> Format:
    if format is not None:
        return format
    accept = request.headers.get("accept", "")
    return "csv" if "text/csv" in accept and "application/json" not in accept else "json"
