"""/api/articles: list and one article with all its records."""
from __future__ import annotations

from fastapi import Depends, HTTPException, Path
from fastapi.responses import Response

from ...store.queries import Filters, Page, Queries
from ..deps import Format, clean_text, filters, get_queries, output_format, page
from ..responses import respond


def list_articles(
    f: Filters = Depends(filters), p: Page = Depends(page), fmt: Format = Depends(output_format),
    queries: Queries = Depends(get_queries),
) -> Response:
    """Articles, newest first. Filters: story, actor (mentioned), action (an event of this type), date range
    (on the publication date), source, q (title or text contains)."""
    return respond(queries.articles(f, p), fmt, name="articles")


def get_article(
    article_id: str = Path(..., max_length=200, description="Article id."),
    fmt: Format = Depends(output_format),
    queries: Queries = Depends(get_queries),
) -> Response:
    """One article: its text and every record extracted from it (timexes, entities, statements, figures,
    events, places; offsets into the text) and the stories it belongs to."""
    aid = clean_text("article_id", article_id)
    data = queries.article(aid or "")
    if data is None:
        raise HTTPException(404, detail=f"no article with id {aid!r}")
    if fmt == "csv":  # every record of the article, one row each, tagged with its type
        rows = [{"type": kind, **rec} for kind, recs in data.items() if kind not in ("article", "stories")
                for rec in recs]
        return respond(rows, fmt, name="article_records")
    return respond(data, fmt, name="article")
