"""The read side of the store: filters, pages and the plumbing every read query goes through.

``Reader`` runs constant SQL with ``?`` parameters over a DuckDB connection, a cursor per call, so one reader can
serve many threads (DuckDB's rule: a connection per thread). ``Store`` is a reader over its own connection;
``Store.reader()`` gives one over a connection of its own (the REST API's, apart from the writer's).
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import duckdb

from .schema import FUSE_INDEX_TABLES

#: columns holding JSON text that reads return decoded
JSON_COLUMNS = frozenset({"sentences", "top_actors", "mentions", "sources", "article_ids", "provenance"})


@dataclass(frozen=True, slots=True)
class Filters:
    """Filters shared by the list reads; ``None`` means no filter. Text filters match case-insensitively
    (``actor``/``q`` as substrings, ``source``/``action``/``category`` exactly); dates are ISO prefixes."""

    story: str | None = None
    actor: str | None = None
    action: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    source: str | None = None
    q: str | None = None
    category: str | None = None
    article: str | None = None
    #: statements only: ``speech`` (None means speech: speech acts, quotes, paraphrases), ``attribution`` (the
    #: other attributions the learned model finds) or ``all``
    kind: str | None = None


@dataclass(frozen=True, slots=True)
class Page:
    """A page of a list read; ``limit=None``: every row (the Python API's and the CLI's default)."""

    limit: int | None = 50
    offset: int = 0


#: every row
ALL = Page(limit=None)


class Where:
    """Collects fixed SQL conditions and their parameters."""

    def __init__(self) -> None:
        self.conds: list[str] = []
        self.params: list[Any] = []

    def add(self, cond: str, *params: Any) -> None:
        self.conds.append(cond)
        self.params.extend(params)

    def when(self, value: Any, cond: str) -> None:
        """``cond`` when the filter ``value`` is set, with ``value`` for each of its ``?``."""
        if value is not None:
            self.add(cond, *[value] * cond.count("?"))

    def date_range(self, f: Filters, expr: str) -> None:
        """``date_from``/``date_to`` on ``expr``: a record falls in the range when its date overlaps it, so a
        year or month ("2019", "2019-06") is in every range that meets it, and a bound may itself be a prefix
        ('2025-03' as ``date_to`` includes every day of March)."""
        self.when(f.date_from, f"{expr} || '~' >= ?")
        self.when(f.date_to, f"{expr} <= ? || '~'")

    def sql(self) -> str:
        return (" WHERE " + " AND ".join(self.conds)) if self.conds else ""


def calendar(expr: str) -> str:
    """SQL for ``expr`` as a sortable calendar value: an ISO week (``2025-W19``, a record dated "last week") becomes
    its Monday (``2025-05-05``), so it sorts and falls in ``date_from``/``date_to`` ranges among days and months;
    any other value is itself."""
    jan4 = f"make_date(CAST(({expr})[1:4] AS INTEGER), 1, 4)"
    monday = f"{jan4} + CAST((CAST(({expr})[7:8] AS INTEGER) - 1) * 7 - (isodow({jan4}) - 1) AS INTEGER)"
    return (f"CASE WHEN regexp_matches({expr}, '^[0-9]{{4}}-W[0-9]{{2}}$') "
            f"THEN strftime({monday}, '%Y-%m-%d') ELSE {expr} END")


def decode(row: dict[str, Any]) -> dict[str, Any]:
    """JSON text columns decoded, dates and times as ISO strings."""
    for k, v in row.items():
        if k in JSON_COLUMNS and isinstance(v, str) and v[:1] in "[{":
            try:
                row[k] = json.loads(v)
            except ValueError:
                pass
        elif hasattr(v, "isoformat"):
            row[k] = v.isoformat()
    return row


class Reader:
    """Parameterized reads over ``conn``: raw rows (``query``), decoded rows, scalars and pages."""

    conn: duckdb.DuckDBPyConnection

    def __init__(self, conn: duckdb.DuckDBPyConnection) -> None:
        self.conn = conn

    def query(self, sql: str, params: list[Any] | dict[str, Any] | None = None) -> list[dict[str, Any]]:
        """Run a parameterized read; rows as dicts (values as DuckDB gives them)."""
        cur = self.conn.cursor()
        try:
            res = cur.execute(sql, params or [])
            cols = [d[0] for d in res.description]
            return [dict(zip(cols, row)) for row in res.fetchall()]
        finally:
            cur.close()

    def _rows(self, sql: str, params: list[Any] | None = None) -> list[dict[str, Any]]:
        return [decode(r) for r in self.query(sql, params)]

    def _scalar(self, sql: str, params: list[Any] | None = None) -> Any:
        cur = self.conn.cursor()
        try:
            row = cur.execute(sql, params or []).fetchone()
            return row[0] if row else None
        finally:
            cur.close()

    def _paged(self, base: str, where: Where, order: str, page: Page, *, group: str = "") -> dict[str, Any]:
        """``{"total", "limit", "offset", "items"}``: one page of ``base`` (``group``: a GROUP BY after the
        conditions; then the total counts groups)."""
        body = f"{base}{where.sql()}{group}"
        total = self._scalar(f"SELECT count(*) FROM ({body}) AS t", where.params)
        items = self._rows(f"{body} ORDER BY {order} LIMIT ? OFFSET ?", [*where.params, page.limit, page.offset])
        return {"total": int(total or 0), "limit": page.limit, "offset": page.offset, "items": items}

    # -- overview --------------------------------------------------------------------------------
    def tables(self) -> list[str]:
        """The tables of records and fused records (the fuse stage's internal index is left out)."""
        return [r["table_name"] for r in self.query(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main' ORDER BY table_name")
            if r["table_name"] not in FUSE_INDEX_TABLES]

    def counts(self) -> dict[str, int]:
        """Rows per table (``tables()``)."""
        return {t: int(self._scalar(f'SELECT count(*) FROM "{t}"')) for t in self.tables()}  # names from the catalog
