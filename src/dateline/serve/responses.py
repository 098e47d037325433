"""JSON or CSV answers: list endpoints answer ``{"total", "limit", "offset", "items"}`` in JSON, or the
``items`` as CSV rows (nested values as JSON text)."""
from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from typing import Any

from fastapi import HTTPException
from fastapi.encoders import jsonable_encoder
from fastapi.responses import JSONResponse, Response

from ..store.csvcells import safe_text

#: OpenAPI ``responses=`` entry for endpoints that also speak CSV
CSV_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {"content": {"application/json": {}, "text/csv": {"schema": {"type": "string"}}},
          "description": "JSON, or CSV with `?format=csv` / `Accept: text/csv`."},
    422: {"description": "Invalid parameter (the message names it)."},
}


def _cell(v: Any) -> Any:
    if v is None:
        return ""
    if isinstance(v, (list, dict)):
        return json.dumps(v, ensure_ascii=False, default=str)
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, str):
        return safe_text(v)  # =, +, -, @, tab, CR: never a spreadsheet formula
    return v


def to_csv(rows: Iterable[dict[str, Any]]) -> str:
    rows = list(rows)
    cols: dict[str, None] = {}
    for r in rows:
        cols.update(dict.fromkeys(r))
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=list(cols), extrasaction="ignore", lineterminator="\n")
    w.writeheader()
    for r in rows:
        w.writerow({k: _cell(r.get(k)) for k in cols})
    return buf.getvalue()


def respond(data: dict[str, Any] | list[Any], fmt: str, *, name: str, rows: str = "items") -> Response:
    """``data`` as JSON, or its ``rows`` list as a CSV download named ``name.csv``."""
    if fmt == "csv":
        items = data if isinstance(data, list) else data.get(rows)
        if not isinstance(items, list):
            raise HTTPException(422, detail="invalid parameter format: csv is available for list endpoints only")
        return Response(to_csv(items), media_type="text/csv; charset=utf-8",
                        headers={"Content-Disposition": f'attachment; filename="{name}.csv"'})
    return JSONResponse(jsonable_encoder(data))
