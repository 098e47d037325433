"""CSV cells a spreadsheet cannot run: text starting with ``=``, ``+``, ``-``, ``@``, tab or CR gets a leading
single quote (OWASP, "CSV Injection"), so ``=HYPERLINK(...)`` in an article is shown, not evaluated. Only text
cells: numbers (a negative figure value) are written as numbers. Used by every CSV dateline writes: ``dateline
export --format csv``, the CSV of the list commands (``timeline``, ``figures``, ``events`` ...) and the REST API's
``?format=csv``."""
from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_FORMULA_RE = "^[=+\\-@\t\r]"


def safe_text(value: str) -> str:
    """``value`` as a spreadsheet shows it literally."""
    return "'" + value if value.startswith(FORMULA_START) else value


def csv_table(table: pa.Table) -> pa.Table:
    """``table`` ready for CSV: list/struct/map columns as JSON text, text cells made safe (numbers untouched)."""
    cols = []
    for col in table.columns:
        if pa.types.is_nested(col.type):
            col = pa.array([None if v is None else json.dumps(v, default=str) for v in col.to_pylist()],
                           type=pa.string())
        if pa.types.is_string_view(col.type):
            col = col.cast(pa.string())
        if pa.types.is_string(col.type) or pa.types.is_large_string(col.type):
            risky = pc.match_substring_regex(col, _FORMULA_RE)
            col = pc.if_else(risky, pc.binary_join_element_wise("'", col, ""), col)
        cols.append(col)
    return pa.Table.from_arrays(cols, names=table.column_names)


def _scalar(v: Any) -> bool:
    return v is None or isinstance(v, (str, int, float, bool))


def _flat(row: dict[str, Any]) -> dict[str, Any]:
    """A row a spreadsheet reads: a list of plain values as one cell joined by ``"; "`` (top actors, outlets),
    an object of plain values as one column per field (``latest`` -> ``latest_id``, ``latest_title`` ...);
    deeper values stay JSON text."""
    out: dict[str, Any] = {}
    for k, v in row.items():
        if isinstance(v, list) and all(_scalar(x) for x in v):
            out[k] = "; ".join(str(x) for x in v if x is not None and x != "")
        elif isinstance(v, dict) and v and all(_scalar(x) for x in v.values()):
            out.update({f"{k}_{sub}": x for sub, x in v.items()})
        else:
            out[k] = v
    return out


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


def rows_csv(rows: Iterable[dict[str, Any]], columns: list[str] | None = None) -> str:
    """Rows of dicts as CSV text: the union of their keys (or ``columns``) as header, lists of plain values
    joined by ``"; "``, objects of plain values spread over ``key_field`` columns, deeper values as JSON text,
    booleans ``true``/``false``, text cells made safe."""
    rows = [_flat(r) for r in rows]
    cols: dict[str, None] = dict.fromkeys(columns or ())
    if columns is None:
        for r in rows:
            cols.update(dict.fromkeys(r))
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=list(cols), extrasaction="ignore", lineterminator="\n")
    w.writeheader()
    for r in rows:
        w.writerow({k: _cell(r.get(k)) for k in cols})
    return buf.getvalue()
