"""Parameterized read queries behind the REST API (``dateline serve``).

Every statement is a constant string from this module; request values only ever travel as ``?``
parameters. Each call opens its own cursor, so one ``Queries`` can serve many threads (DuckDB's rule:
a connection per thread). Every table exists from the store's first opening (``schema.py``), so a store that
was never fused answers with empty lists.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import duckdb

from ..labels import NAME_LABELS
from ..model import MENTION_TYPES
from .snippets import sentence_around, snippet

#: columns holding JSON text that the API returns decoded
_JSON_COLUMNS = frozenset({"sentences", "top_actors", "mentions", "sources", "article_ids", "provenance"})
#: entity labels that count as actors when no actor linking has set ``kind``
_ACTOR_LABELS = sorted(NAME_LABELS)


@dataclass(frozen=True, slots=True)
class Filters:
    """Filters shared by the list endpoints; ``None`` means no filter. Text filters match case-insensitively
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


@dataclass(frozen=True, slots=True)
class Page:
    limit: int = 50
    offset: int = 0


class _Where:
    """Collects fixed SQL conditions and their parameters."""

    def __init__(self) -> None:
        self.conds: list[str] = []
        self.params: list[Any] = []

    def add(self, cond: str, *params: Any) -> None:
        self.conds.append(cond)
        self.params.extend(params)

    def sql(self) -> str:
        return (" WHERE " + " AND ".join(self.conds)) if self.conds else ""


def _decode(row: dict[str, Any]) -> dict[str, Any]:
    for k, v in row.items():
        if k in _JSON_COLUMNS and isinstance(v, str) and v[:1] in "[{":
            try:
                row[k] = json.loads(v)
            except ValueError:
                pass
        elif hasattr(v, "isoformat"):
            row[k] = v.isoformat()
    return row


class Queries:
    """Read-only queries over a store's connection (``Store(db, read_only=True).conn``)."""

    def __init__(self, conn: duckdb.DuckDBPyConnection) -> None:
        self._conn = conn

    # -- plumbing --------------------------------------------------------------------------------
    def _rows(self, sql: str, params: list[Any] | None = None) -> list[dict[str, Any]]:
        cur = self._conn.cursor()
        try:
            res = cur.execute(sql, params or [])
            cols = [d[0] for d in res.description]
            return [_decode(dict(zip(cols, r))) for r in res.fetchall()]
        finally:
            cur.close()

    def _scalar(self, sql: str, params: list[Any] | None = None) -> Any:
        cur = self._conn.cursor()
        try:
            row = cur.execute(sql, params or []).fetchone()
            return row[0] if row else None
        finally:
            cur.close()

    def _paged(self, base: str, where: _Where, order: str, page: Page) -> dict[str, Any]:
        total = self._scalar(f"SELECT count(*) FROM ({base}{where.sql()}) AS t", where.params)
        items = self._rows(f"{base}{where.sql()} ORDER BY {order} LIMIT ? OFFSET ?",
                           [*where.params, page.limit, page.offset])
        return {"total": int(total or 0), "limit": page.limit, "offset": page.offset, "items": items}

    def _common(self, w: _Where, f: Filters, *, date_expr: str, text_expr: str | None) -> None:
        """Story/source/date/article/q filters on a query whose article is aliased ``a``."""
        if f.story is not None:
            w.add("a.id IN (SELECT article_id FROM story_articles WHERE story_id = ?)", f.story)
        if f.source is not None:
            w.add("lower(a.source) = lower(?)", f.source)
        if f.article is not None:
            w.add("a.id = ?", f.article)
        if f.date_from is not None:
            w.add(f"{date_expr} >= ?", f.date_from)
        if f.date_to is not None:
            # an ISO prefix bound: '2025-03' includes every day of March
            w.add(f"{date_expr} <= ? || '~'", f.date_to)
        if f.q is not None and text_expr is not None:
            w.add(f"contains(lower({text_expr}), lower(?))", f.q)

    # -- overview --------------------------------------------------------------------------------
    def counts(self) -> dict[str, int]:
        out = {}
        for t in ("articles", *MENTION_TYPES, "stories", "fused_events", "timeline", "figure_series"):
            out[t] = int(self._scalar(f'SELECT count(*) FROM "{t}"'))  # t: constant names above
        return out

    def version(self) -> dict[str, Any]:
        """What changes when articles land or stories are fused (the page polls it with an ETag), and the
        store's clock (``now``: the same clock as ``ingested_at`` and ``updated_at``)."""
        row = self._rows(
            "SELECT (SELECT count(*) FROM articles) AS articles, (SELECT count(*) FROM stories) AS stories, "
            "(SELECT max(batch) FROM fuse_meta) AS batch, (SELECT max(updated_at) FROM stories) AS fused_at, "
            "CAST(current_timestamp AS TIMESTAMP) AS now")[0]
        row["version"] = f"{row['batch'] if row['batch'] is not None else 0}.{row['articles']}.{row['stories']}"
        return row

    def sources(self) -> list[dict[str, Any]]:
        return self._rows("SELECT source, count(*) AS articles FROM articles WHERE source IS NOT NULL "
                          "GROUP BY source ORDER BY articles DESC, source")

    # -- articles --------------------------------------------------------------------------------
    def articles(self, f: Filters, page: Page) -> dict[str, Any]:
        w = _Where()
        self._common(w, f, date_expr="a.dct", text_expr="coalesce(a.title, '') || ' ' || a.text")
        if f.actor is not None:
            w.add("a.id IN (SELECT article_id FROM entities "
                  "WHERE contains(lower(coalesce(canonical, text)), lower(?)))", f.actor)
        if f.action is not None:
            w.add("a.id IN (SELECT article_id FROM events WHERE lower(action) = lower(?))", f.action)
        base = ("SELECT a.id, a.title, a.source, a.url, a.dct, a.dct_origin, length(a.text) AS chars, "
                "left(a.text, 240) AS lead, a.ingested_at FROM articles a")
        return self._paged(base, w, "a.dct DESC NULLS LAST, a.id", page)

    def article(self, article_id: str) -> dict[str, Any] | None:
        rows = self._rows("SELECT * FROM articles WHERE id = ?", [article_id])
        if not rows:
            return None
        out: dict[str, Any] = {"article": rows[0]}
        for name in MENTION_TYPES:  # constant table names
            out[name] = self._rows(f'SELECT * FROM {name} WHERE article_id = ? ORDER BY start, "end"',
                                   [article_id])
        out["stories"] = self._rows(
            "SELECT s.id, s.label, sa.duplicate_of FROM story_articles sa JOIN stories s ON s.id = sa.story_id "
            "WHERE sa.article_id = ? ORDER BY s.id", [article_id])
        return out

    # -- stories and timelines -------------------------------------------------------------------
    def stories(self, f: Filters, page: Page) -> dict[str, Any]:
        w = _Where()
        if f.q is not None:
            w.add("contains(lower(s.label), lower(?))", f.q)
        if f.actor is not None:
            w.add("contains(lower(CAST(s.top_actors AS VARCHAR)), lower(?))", f.actor)
        if f.date_from is not None:
            w.add("s.last_date >= ?", f.date_from)
        if f.date_to is not None:
            w.add("s.first_date <= ? || '~'", f.date_to)
        if f.story is not None:
            w.add("CAST(s.id AS VARCHAR) = ?", f.story)
        if f.source is not None:
            w.add("s.id IN (SELECT sa.story_id FROM story_articles sa JOIN articles a ON a.id = sa.article_id "
                  "WHERE lower(a.source) = lower(?))", f.source)
        data = self._paged("SELECT s.* FROM stories s", w, "s.size DESC, s.last_date DESC NULLS LAST, s.id", page)
        self._add_latest(data["items"])
        return data

    def _add_latest(self, stories: list[dict[str, Any]]) -> None:
        """Each story's latest dated article (id, title, dct, lead): what is new, for the story list. Articles
        whose date was only estimated come last (a guessed year must not make an article the latest)."""
        ids = [str(s["id"]) for s in stories]
        if not ids:
            return
        rows = self._rows(
            "SELECT story_id, id, title, dct, lead FROM (SELECT CAST(sa.story_id AS VARCHAR) AS story_id, a.id, "
            "a.title, a.dct, left(a.text, 200) AS lead, row_number() OVER (PARTITION BY sa.story_id "
            "ORDER BY a.dct_origin = 'estimated', a.dct DESC NULLS LAST, a.id) AS n FROM story_articles sa "
            "JOIN articles a "
            "ON a.id = sa.article_id WHERE list_contains(?, CAST(sa.story_id AS VARCHAR)) "
            "AND sa.duplicate_of IS NULL) WHERE n = 1", [ids])
        latest = {r.pop("story_id"): r for r in rows}
        for s in stories:
            s["latest"] = latest.get(str(s["id"]))

    def story(self, story_id: str) -> dict[str, Any] | None:
        rows = self._rows("SELECT * FROM stories WHERE id = ?", [story_id])
        if not rows:
            return None
        story = rows[0]
        story["sources"] = self._rows(
            "SELECT a.source, count(*) AS articles FROM story_articles sa JOIN articles a "
            "ON a.id = sa.article_id WHERE sa.story_id = ? "
            "GROUP BY a.source ORDER BY articles DESC, a.source NULLS LAST", [story_id])
        story["duplicates"] = int(self._scalar(
            "SELECT count(*) FROM story_articles WHERE story_id = ? "
            "AND duplicate_of IS NOT NULL", [story_id]) or 0)
        return story

    def timeline(self, story_id: str, f: Filters, page: Page) -> dict[str, Any]:
        w = _Where()
        w.add("t.story_id = ?", story_id)
        if f.date_from is not None:
            w.add("t.date >= ?", f.date_from)
        if f.date_to is not None:
            w.add("t.date <= ? || '~'", f.date_to)
        if f.q is not None:
            w.add("contains(lower(coalesce(t.summary, '') || ' ' || CAST(t.sentences AS VARCHAR)), lower(?))", f.q)
        data = self._paged("SELECT t.* FROM timeline t", w, "t.date, t.rank", page)
        self._add_outlets([s for e in data["items"] if isinstance(e.get("sentences"), list)
                           for s in e["sentences"] if isinstance(s, dict)])
        return data

    def _add_outlets(self, refs: list[dict[str, Any]]) -> None:
        """Give each sentence reference (``article_id``) its article's outlet, title and date."""
        ids = sorted({r["article_id"] for r in refs if r.get("article_id")})
        if not ids:
            return
        arts = {r["id"]: r for r in self._rows(
            "SELECT id, source, title, dct FROM articles WHERE list_contains(?, id)", [ids])}
        for r in refs:
            a = arts.get(r.get("article_id"))
            if a:
                r["outlet"], r["article_title"], r["article_dct"] = a["source"], a["title"], a["dct"]

    def fused_events(self, story_id: str) -> list[dict[str, Any]]:
        return self._rows("SELECT * FROM fused_events WHERE story_id = ?", [story_id])

    # -- mention records -------------------------------------------------------------------------
    _ARTICLE_COLS = "a.source AS outlet, a.title AS article_title, a.dct AS article_dct"

    def events(self, f: Filters, page: Page) -> dict[str, Any]:
        w = _Where()
        self._common(w, f, date_expr="coalesce(e.date, a.dct)", text_expr="e.text")
        if f.actor is not None:
            w.add("(contains(lower(coalesce(e.actor, '')), lower(?)) "
                  "OR contains(lower(coalesce(e.target, '')), lower(?)))", f.actor, f.actor)
        if f.action is not None:
            w.add("lower(e.action) = lower(?)", f.action)
        base = f"SELECT e.*, {self._ARTICLE_COLS} FROM events e JOIN articles a ON a.id = e.article_id"
        data = self._paged(base, w, "coalesce(e.date, a.dct) NULLS LAST, e.article_id, e.start", page)
        self._add_context(data["items"])
        return data

    def _add_context(self, items: list[dict[str, Any]]) -> None:
        """The sentence around each record's span: ``context`` and its offset ``context_start``."""
        ids = sorted({it["article_id"] for it in items})
        if not ids:
            return
        texts = {r["id"]: r["text"] for r in self._rows(
            "SELECT id, text FROM articles WHERE list_contains(?, id)", [ids])}
        for it in items:
            text = texts.get(it["article_id"], "")
            lo, hi = sentence_around(text, it["start"], it["end"])
            it["context"], it["context_start"] = text[lo:hi], lo

    def actions(self, f: Filters) -> list[dict[str, Any]]:
        w = _Where()
        self._common(w, f, date_expr="coalesce(e.date, a.dct)", text_expr=None)
        return self._rows("SELECT e.action, count(*) AS n FROM events e JOIN articles a ON a.id = e.article_id"
                          f"{w.sql()} GROUP BY e.action ORDER BY n DESC, e.action", w.params)

    def statements(self, f: Filters, page: Page) -> dict[str, Any]:
        w = _Where()
        self._common(w, f, date_expr="coalesce(s.date, a.dct)", text_expr="s.content")
        if f.actor is not None:
            w.add("(contains(lower(coalesce(s.speaker, '')), lower(?)) "
                  "OR contains(lower(coalesce(s.via, '')), lower(?)))", f.actor, f.actor)
        if f.action is not None:  # statements have no action: filtering by one yields nothing
            w.add("FALSE")
        base = f"SELECT s.*, {self._ARTICLE_COLS} FROM statements s JOIN articles a ON a.id = s.article_id"
        return self._paged(base, w, "coalesce(s.date, a.dct) NULLS LAST, s.article_id, s.start", page)

    def figures(self, f: Filters, page: Page) -> dict[str, Any]:
        """Figure claims as time-series points. For a story with a fused ``figure_series`` its points are
        used (with contradictions); otherwise raw figure mentions dated by ``as_of`` or the article's DCT."""
        w = _Where()
        if f.story is not None:
            w.add("fs.story_id = ?", f.story)
            if f.category is not None:
                w.add("lower(fs.category) = lower(?)", f.category)
            if f.source is not None:
                w.add("(lower(fs.source) = lower(?) OR lower(a.source) = lower(?))", f.source, f.source)
            if f.date_from is not None:
                w.add("fs.date >= ?", f.date_from)
            if f.date_to is not None:
                w.add("fs.date <= ? || '~'", f.date_to)
            if f.article is not None:
                w.add("fs.article_id = ?", f.article)
            if f.q is not None or f.actor is not None or f.action is not None:
                w.add("contains(lower(coalesce(fs.category, '') || ' ' || coalesce(fs.source, '')), lower(?))",
                      f.q or f.actor or f.action)
            base = (f"SELECT fs.*, {self._ARTICLE_COLS}, "
                    "substr(a.text, fs.start + 1, fs.\"end\" - fs.start) AS text "
                    "FROM figure_series fs LEFT JOIN articles a ON a.id = fs.article_id")
            return self._paged(base, w, "fs.category, fs.scope NULLS FIRST, fs.kind, fs.date NULLS LAST, fs.source, "
                                        "fs.article_id", page)
        self._common(w, f, date_expr="coalesce(fg.as_of, a.dct)", text_expr="fg.text")
        if f.category is not None:
            w.add("lower(fg.category) = lower(?)", f.category)
        if f.actor is not None:
            w.add("contains(lower(coalesce(fg.source, '')), lower(?))", f.actor)
        if f.action is not None:
            w.add("FALSE")
        base = (f"SELECT fg.category, coalesce(fg.as_of, a.dct) AS date, fg.value, fg.qualifier, fg.scope, "
                f"coalesce(fg.source, a.source) AS source, fg.article_id, fg.start, fg.\"end\", fg.text, "
                f"fg.unit, fg.kind, NULL AS contradiction, NULL AS contradiction_group, NULL AS reason, "
                f"{self._ARTICLE_COLS} "
                "FROM figures fg JOIN articles a ON a.id = fg.article_id")
        return self._paged(base, w, "fg.category NULLS LAST, date NULLS LAST, source, fg.article_id, fg.start", page)

    def actors(self, f: Filters, page: Page) -> dict[str, Any]:
        w = _Where()
        w.add("(en.kind IS NOT NULL OR list_contains(?, en.label))", _ACTOR_LABELS)
        self._common(w, f, date_expr="a.dct", text_expr=None)
        if f.actor is not None or f.q is not None:
            w.add("contains(lower(coalesce(en.canonical, en.text)), lower(?))", f.actor or f.q)
        if f.action is not None:
            w.add("en.article_id IN (SELECT article_id FROM events WHERE lower(action) = lower(?))", f.action)
        # one actor per name, case-insensitively; shown with its most frequent spelling
        base = ("SELECT mode(coalesce(en.canonical, en.text)) AS name, any_value(en.kind) AS kind, "
                "any_value(en.label) AS label, any_value(en.country) AS country, count(*) AS mentions, "
                "count(DISTINCT en.article_id) AS articles, min(a.dct) AS first_date, max(a.dct) AS last_date "
                "FROM entities en JOIN articles a ON a.id = en.article_id")
        where = w.sql() + " GROUP BY lower(coalesce(en.canonical, en.text))"
        total = self._scalar(f"SELECT count(*) FROM ({base}{where}) AS t", w.params)
        items = self._rows(f"{base}{where} ORDER BY articles DESC, mentions DESC, name LIMIT ? OFFSET ?",
                           [*w.params, page.limit, page.offset])
        return {"total": int(total or 0), "limit": page.limit, "offset": page.offset, "items": items}

    # -- search ----------------------------------------------------------------------------------
    def search(self, q: str, f: Filters, page: Page) -> dict[str, Any]:
        """Articles whose title or text contains ``q`` (case-insensitive), most hits first, with a snippet;
        plus the matching stories and actors."""
        w = _Where()
        w.add("contains(lower(coalesce(a.title, '') || ' ' || a.text), lower(?))", q)
        self._common(w, Filters(story=f.story, source=f.source, date_from=f.date_from, date_to=f.date_to),
                     date_expr="a.dct", text_expr=None)
        base = ("SELECT a.id, a.title, a.source, a.dct, "
                "(length(lower(a.text)) - length(replace(lower(a.text), lower(?), ''))) // length(?) AS hits, "
                "strpos(lower(a.text), lower(?)) - 1 AS start FROM articles a")
        params = [q, q, q]
        total = self._scalar(f"SELECT count(*) FROM articles a{w.sql()}", w.params)
        items = self._rows(f"{base}{w.sql()} ORDER BY hits DESC, a.dct DESC NULLS LAST, a.id LIMIT ? OFFSET ?",
                           [*params, *w.params, page.limit, page.offset])
        for it in items:
            it["kind"] = "article"
            it["end"] = it["start"] + len(q) if it["start"] >= 0 else None
            if it["start"] < 0:
                it["start"] = None
        texts = {r["id"]: r["text"] for r in self._rows(
            "SELECT id, text FROM articles WHERE list_contains(?, id)", [[i["id"] for i in items]])}
        for it in items:
            it["snippet"] = snippet(texts.get(it["id"], ""), it["start"], len(q))
        stories = self.stories(Filters(q=q), Page(limit=10))["items"]
        actors = self.actors(Filters(actor=q, story=f.story), Page(limit=10))["items"]
        return {"total": int(total or 0), "limit": page.limit, "offset": page.offset, "items": items,
                "stories": stories, "actors": actors}
