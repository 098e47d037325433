"""POST /api/extract: run the pipeline on one article sent in the request (stored only when allowed)."""
from __future__ import annotations

import asyncio
import logging
import threading
from typing import Any

from fastapi import HTTPException, Query, Request
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ...errors import InputError
from ...model import Extraction

log = logging.getLogger(__name__)
_PIPELINE_LOCK = threading.Lock()  # spaCy pipelines are not meant to be shared between threads


class ExtractRequest(BaseModel):
    """One article. `dct` (publication date, YYYY-MM-DD) overrides a leading `date ...` header in the text."""

    model_config = ConfigDict(extra="forbid")

    text: str = Field(..., min_length=1, description="Article text (a leading `date YYYY-MM-DD` header is read).")
    dct: str | None = Field(None, max_length=40, description="Publication date, YYYY-MM-DD.")
    title: str | None = Field(None, max_length=1000)
    source: str | None = Field(None, max_length=200, description="Outlet.")
    url: str | None = Field(None, max_length=2000)
    id: str | None = Field(None, max_length=200, description="Article id (default: a hash of the text).")


REQUEST_BODY: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "content": {"application/json": {"schema": ExtractRequest.model_json_schema()}},
    },
}


def _run(payload: ExtractRequest) -> Extraction:
    from ...api import extract

    with _PIPELINE_LOCK:
        return extract(payload.text, dct=payload.dct, title=payload.title, source=payload.source,
                       url=payload.url, id=payload.id)


async def _read_body(request: Request, limit: int) -> bytes:
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise HTTPException(413, detail=f"request body of {declared} bytes is larger than the limit of {limit}")
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            raise HTTPException(413, detail=f"request body is larger than the limit of {limit} bytes")
    return bytes(body)


async def extract_article(
    request: Request,
    store: bool = Query(False, description="Also store the article (only on a server started with "
                                           "--allow-ingest; otherwise 403)."),
) -> dict[str, Any]:
    """Extract every record from one article (JSON body: `text`, optional `dct`, `title`, `source`, `url`,
    `id`) and return the JSON contract of `dateline extract --json`. Nothing is stored unless `store=true` on a
    server started with `--allow-ingest`. Bodies over the size limit get 413; a run over the time limit 503."""
    state = request.app.state
    if store and state.writer is None:
        raise HTTPException(403, detail="storing is disabled: start the server with --allow-ingest")
    body = await _read_body(request, state.settings.max_request_bytes)
    try:
        payload = ExtractRequest.model_validate_json(body or b"null")
    except ValidationError as e:
        msgs = "; ".join(f"{'.'.join(str(x) for x in err['loc']) or 'body'}: {err['msg']}" for err in e.errors())
        raise HTTPException(422, detail=f"invalid body: {msgs}") from None
    if not payload.text.strip():
        raise HTTPException(422, detail="invalid body: text: must not be blank")
    timeout = state.settings.extract_timeout
    try:
        ex = await asyncio.wait_for(run_in_threadpool(_run, payload), timeout=timeout)
    except asyncio.TimeoutError:
        raise HTTPException(503, detail=f"extraction took longer than {timeout:g} s") from None
    except ValueError as e:  # e.g. an unreadable dct
        raise HTTPException(422, detail=f"invalid body: {e}") from None
    except InputError as e:  # e.g. a date header that is no date
        raise HTTPException(422, detail=f"invalid body: text: {e.reason}") from None
    except Exception as e:  # noqa: BLE001  a pipeline failure is reported, not a bare 500 page
        log.exception("extraction failed")
        raise HTTPException(500, detail=f"extraction failed: {type(e).__name__}: {e}") from None
    out = ex.to_dict()
    if store:
        await run_in_threadpool(state.write, ex)
        out["stored"] = True
    return out
