"""JSON or CSV answers: list endpoints answer ``{"total", "limit", "offset", "items"}`` in JSON, or the
``items`` as CSV rows (nested values as JSON text)."""
from __future__ import annotations

from typing import Any

from fastapi import HTTPException
from fastapi.encoders import jsonable_encoder
from fastapi.responses import JSONResponse, Response

from ..store.csvcells import rows_csv

#: OpenAPI ``responses=`` entry for endpoints that also speak CSV
CSV_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {"content": {"application/json": {}, "text/csv": {"schema": {"type": "string"}}},
          "description": "JSON, or CSV with `?format=csv` / `Accept: text/csv`."},
    422: {"description": "Invalid parameter (the message names it)."},
}


def respond(data: dict[str, Any] | list[Any], fmt: str, *, name: str, rows: str = "items") -> Response:
    """``data`` as JSON, or its ``rows`` list as a CSV download named ``name.csv``."""
    if fmt == "csv":
        items = data if isinstance(data, list) else data.get(rows)
        if not isinstance(items, list):
            raise HTTPException(422, detail="invalid parameter format: csv is available for list endpoints only")
        return Response(rows_csv(items), media_type="text/csv; charset=utf-8",
                        headers={"Content-Disposition": f'attachment; filename="{name}.csv"'})
    return JSONResponse(jsonable_encoder(data))
