"""/api/search: full-text search over articles, plus matching stories and actors."""
from __future__ import annotations

from fastapi import Depends, Query
from fastapi.responses import Response

from ...store.queries import Filters, Page, Queries
from ..deps import Format, clean_text, get_queries, output_format, page, search_filters
from ..responses import respond


def search(
    q: str = Query(..., min_length=1, max_length=200, description='Words and "phrases" to find (case-insensitive, all of them).'),
    f: Filters = Depends(search_filters), p: Page = Depends(page), fmt: Format = Depends(output_format),
    queries: Queries = Depends(get_queries),
) -> Response:
    """Articles whose title and text hold every word and "quoted phrase" of `q` (a word as the start of a word),
    best first (BM25: rarer words weigh more), each with a snippet and the offsets of the first hit; plus `stories` (label contains q) and `actors` (name contains q). Filters: story,
    source, date range."""
    return respond(queries.search(clean_text("q", q) or "", f, p), fmt, name="search")
