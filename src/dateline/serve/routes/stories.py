"""/api/stories: story clusters and their timelines (written by the fuse stage)."""
from __future__ import annotations

from typing import Any

from fastapi import Depends, HTTPException, Path
from fastapi.responses import Response

from ...store.queries import Filters, Page, Queries
from ..deps import Format, clean_text, filters, get_queries, output_format, page
from ..responses import respond

STORY_ID = Path(..., max_length=100, description="Story id.")


def _story_or_404(queries: Queries, story_id: str) -> dict[str, Any]:
    sid = clean_text("story_id", story_id) or ""
    story = queries.story(sid)
    if story is None:
        raise HTTPException(404, detail=f"no story with id {sid!r}")
    return story


def list_stories(
    f: Filters = Depends(filters), p: Page = Depends(page), fmt: Format = Depends(output_format),
    queries: Queries = Depends(get_queries),
) -> Response:
    """Stories, largest first, with size, first/last date and top actors. Filters: q (label contains), actor
    (in top actors), date range (overlapping the story's span), source (an article of that outlet)."""
    return respond(queries.stories(f, p), fmt, name="stories")


def get_story(story_id: str = STORY_ID, queries: Queries = Depends(get_queries)) -> Response:
    """One story with its sources (articles per outlet), duplicate count and fused events."""
    story = _story_or_404(queries, story_id)
    story["fused_events"] = queries.fused_events(str(story["id"]))
    return respond(story, "json", name="story")


def story_timeline(
    story_id: str = STORY_ID, f: Filters = Depends(filters), p: Page = Depends(page),
    fmt: Format = Depends(output_format), queries: Queries = Depends(get_queries),
) -> Response:
    """The story's timeline: dated entries in date order, each with its summary, score, rank and the
    sentences it was built from (text, article_id, start, end, source). Filters: date range, q. In CSV one row
    per entry: its summary, and its sentences' outlets, named sources (`said_by`), articles and spans joined
    by `; `."""
    story = _story_or_404(queries, story_id)
    data = queries.timeline(str(story["id"]), f, p)
    data["story"] = {k: story.get(k) for k in ("id", "label", "size", "first_date", "last_date")}
    if fmt == "csv":
        data = {"items": [flat_entry(e) for e in data["items"]]}
    return respond(data, fmt, name="timeline")


def _joined(values: Any) -> str:
    """Distinct non-empty values in order, joined by ``"; "``."""
    return "; ".join(dict.fromkeys(str(v) for v in values if v))


def flat_entry(entry: dict[str, Any]) -> dict[str, Any]:
    """A timeline entry as one flat CSV row: its date, rank, score and summary, and what its sentences came
    from joined into readable cells (outlets, the sources they name, articles), no JSON inside a cell."""
    sents = [s for s in entry.get("sentences") or () if isinstance(s, dict)]
    return {"story_id": entry.get("story_id"), "date": entry.get("date"), "rank": entry.get("rank"),
            "score": entry.get("score"), "summary": entry.get("summary"), "sentences": len(sents),
            "outlets": _joined(o for s in sents for o in (s.get("outlet") or s.get("source"), *(s.get("copies") or ()))),
            "said_by": _joined(s.get("said_by") for s in sents),
            "articles": _joined(s.get("article_id") for s in sents),
            "spans": _joined(f"{s.get('article_id')}[{s.get('start')}:{s.get('end')}]" for s in sents),
            "date_estimated": any(bool(s.get("date_estimated")) for s in sents)}
