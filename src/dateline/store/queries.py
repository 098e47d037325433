"""Parameterized read queries behind the REST API (``dateline serve``) and the CLI: articles, mention records,
actors, search (story reads: ``stories.py``).

Every statement is a constant string of the store package; request values only ever travel as ``?``
parameters. Each call opens its own cursor, so one ``Queries`` can serve many threads (DuckDB's rule:
a connection per thread). Every table exists from the store's first opening (``schema.py``), so a store that
was never fused answers with empty lists.
"""
from __future__ import annotations

from typing import Any

from ..labels import NAME_LABELS
from ..model import MENTION_TYPES
from . import search
from .reads import Filters, Page, Where, calendar
from .snippets import sentence_around, snippet
from .stories import StoryReads

__all__ = ["Filters", "Page", "Queries"]

#: entity labels that count as actors when no actor linking has set ``kind``
_ACTOR_LABELS = sorted(NAME_LABELS)


class Queries(StoryReads):
    """Read-only queries behind the REST API and the CLI (``Store`` is one; ``Store.reader()`` gives one over a
    connection of its own)."""

    def _where(self, f: Filters, *, date_expr: str, text_expr: str | None = None, actor: str | None = None,
               action: str | None = None) -> Where:
        """The filters of a query whose article is aliased ``a``: story, source, article, date range, ``q`` (on
        ``text_expr``), and ``actor``/``action`` (conditions on the filter's value; "FALSE" where the records
        have no such thing, so filtering by one yields nothing)."""
        w = Where()
        w.when(f.story, "a.id IN (SELECT article_id FROM story_articles WHERE story_id = ?)")
        w.when(f.source, "lower(a.source) = lower(?)")
        w.when(f.article, "a.id = ?")
        w.date_range(f, date_expr)
        if text_expr is not None:
            w.when(f.q, f"contains(lower({text_expr}), lower(?))")
        if actor is not None:
            w.when(f.actor, actor)
        if action is not None:
            w.when(f.action, action)
        return w

    # -- overview --------------------------------------------------------------------------------
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
        w = self._where(f, date_expr="a.dct", text_expr="coalesce(a.title, '') || ' ' || a.text",
                        actor="a.id IN (SELECT article_id FROM entities "
                              "WHERE contains(lower(coalesce(canonical, text)), lower(?)))",
                        action="a.id IN (SELECT article_id FROM events WHERE lower(action) = lower(?))")
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

    # -- mention records -------------------------------------------------------------------------
    _ARTICLE_COLS = "a.source AS outlet, a.title AS article_title, a.dct AS article_dct"

    def events(self, f: Filters, page: Page) -> dict[str, Any]:
        w = self._where(f, date_expr=calendar("coalesce(e.date, a.dct)"), text_expr="e.text",
                        actor="(contains(lower(coalesce(e.actor, '')), lower(?)) "
                              "OR contains(lower(coalesce(e.target, '')), lower(?)))",
                        action="lower(e.action) = lower(?)")
        base = f"SELECT e.*, {self._ARTICLE_COLS} FROM events e JOIN articles a ON a.id = e.article_id"
        data = self._paged(base, w, calendar("coalesce(e.date, a.dct)") + " NULLS LAST, e.article_id, e.start", page)
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
        w = self._where(f, date_expr=calendar("coalesce(e.date, a.dct)"))
        return self._rows("SELECT e.action, count(*) AS n FROM events e JOIN articles a ON a.id = e.article_id"
                          f"{w.sql()} GROUP BY e.action ORDER BY n DESC, e.action", w.params)

    def statements(self, f: Filters, page: Page) -> dict[str, Any]:
        w = self._where(f, date_expr=calendar("coalesce(s.date, a.dct)"), text_expr="s.content",
                        actor="(contains(lower(coalesce(s.speaker, '')), lower(?)) "
                              "OR contains(lower(coalesce(s.via, '')), lower(?)))",
                        action="FALSE")  # statements have no action
        kind = f.kind or "speech"
        if kind != "all":
            w.add(f"{self._statement_kind()} = ?", kind)
        base = f"SELECT s.*, {self._ARTICLE_COLS} FROM statements s JOIN articles a ON a.id = s.article_id"
        return self._paged(base, w, calendar("coalesce(s.date, a.dct)") + " NULLS LAST, s.article_id, s.start", page)

    def _statement_kind(self) -> str:
        """SQL for a statement's kind: a store made before ``Statement.kind`` existed, opened read-only (not
        migrated), has no such column and holds speech only; a migrated one has no NULL left."""
        has = self._scalar("SELECT count(*) FROM duckdb_columns() WHERE table_name = 'statements' "
                           "AND column_name = 'kind'")
        return "coalesce(s.kind, 'speech')" if has else "'speech'"

    def figures(self, f: Filters, page: Page) -> dict[str, Any]:
        """Figure claims as time-series points. For a story with a fused ``figure_series`` its points are
        used (with contradictions); otherwise raw figure mentions dated by ``as_of`` or the article's DCT."""
        w = Where()
        if f.story is not None:
            w.add("fs.story_id = ?", f.story)
            w.when(f.category, "lower(fs.category) = lower(?)")
            w.when(f.source, "(lower(fs.source) = lower(?) OR lower(a.source) = lower(?))")
            w.date_range(f, "fs.date")
            w.when(f.article, "fs.article_id = ?")
            if f.q is not None or f.actor is not None or f.action is not None:
                w.add("contains(lower(coalesce(fs.category, '') || ' ' || coalesce(fs.source, '')), lower(?))",
                      f.q or f.actor or f.action)
            base = (f"SELECT fs.*, {self._ARTICLE_COLS}, "
                    "substr(a.text, fs.start + 1, fs.\"end\" - fs.start) AS text "
                    "FROM figure_series fs LEFT JOIN articles a ON a.id = fs.article_id")
            return self._paged(base, w, "fs.category, fs.scope NULLS FIRST, fs.kind, fs.date NULLS LAST, fs.source, "
                                        "fs.article_id", page)
        w = self._where(f, date_expr="coalesce(fg.as_of, a.dct)", text_expr="fg.text",
                        actor="contains(lower(coalesce(fg.source, '')), lower(?))", action="FALSE")
        w.when(f.category, "lower(fg.category) = lower(?)")
        base = (f"SELECT fg.category, coalesce(fg.as_of, a.dct) AS date, fg.value, fg.qualifier, fg.scope, "
                f"coalesce(fg.source, a.source) AS source, fg.article_id, fg.start, fg.\"end\", fg.text, "
                f"fg.unit, fg.kind, NULL AS contradiction, NULL AS contradiction_group, NULL AS reason, "
                f"{self._ARTICLE_COLS} "
                "FROM figures fg JOIN articles a ON a.id = fg.article_id")
        return self._paged(base, w, "fg.category NULLS LAST, date NULLS LAST, source, fg.article_id, fg.start", page)

    def actors(self, f: Filters, page: Page) -> dict[str, Any]:
        w = self._where(f, date_expr="a.dct",
                        action="en.article_id IN (SELECT article_id FROM events WHERE lower(action) = lower(?))")
        w.add("(en.kind IS NOT NULL OR list_contains(?, en.label))", _ACTOR_LABELS)
        w.when(f.actor or f.q, "contains(lower(coalesce(en.canonical, en.text)), lower(?))")
        # one actor per name, case-insensitively; shown with its most frequent spelling
        base = ("SELECT mode(coalesce(en.canonical, en.text)) AS name, any_value(en.kind) AS kind, "
                "any_value(en.label) AS label, any_value(en.country) AS country, count(*) AS mentions, "
                "count(DISTINCT en.article_id) AS articles, min(a.dct) AS first_date, max(a.dct) AS last_date "
                "FROM entities en JOIN articles a ON a.id = en.article_id")
        return self._paged(base, w, "articles DESC, mentions DESC, name", page,
                           group=" GROUP BY lower(coalesce(en.canonical, en.text))")

    # -- search ----------------------------------------------------------------------------------
    def search(self, q: str, f: Filters, page: Page) -> dict[str, Any]:
        """Articles whose title and text hold every word and "quoted phrase" of ``q`` (case-insensitive; see
        ``store/search.py``), best first (BM25), each with a snippet around its first hit; plus the matching
        stories and actors."""
        terms = search.parse(q)
        if not terms:
            return {"total": 0, "limit": page.limit, "offset": page.offset, "items": [], "stories": [], "actors": [],
                    "terms": []}
        w = self._where(Filters(story=f.story, source=f.source, date_from=f.date_from, date_to=f.date_to),
                        date_expr="a.dct")
        n_docs = int(self._scalar(f"SELECT count(*) FROM articles a{w.sql()}", w.params) or 0)
        doc = "lower(coalesce(a.title, '') || ' ' || a.text)"
        w.add("(" + " OR ".join([f"contains({doc}, ?)"] * len(terms)) + ")", *[t.first_word for t in terms])
        hits = ", ".join(f"len(regexp_extract_all({doc}, ?)) AS h{i}" for i in range(len(terms)))
        rows = self._rows(f"SELECT a.id, a.title, a.source, a.dct, length(a.text) AS n, {hits} FROM articles a{w.sql()}",
                          [*(t.pattern for t in terms), *w.params])
        ranked = search.rank(rows, terms, n_docs)
        items = ranked[page.offset:] if page.limit is None else ranked[page.offset:page.offset + page.limit]
        texts = {r["id"]: r["text"] for r in self._rows(
            "SELECT id, text FROM articles WHERE list_contains(?, id)", [[i["id"] for i in items]])}
        rarest = search.by_rarity(rows, terms)
        for i, it in enumerate(items):
            text = texts.get(it["id"], "")
            span = search.first_hit(text, rarest)
            items[i] = it = {k: v for k, v in it.items() if k != "n" and not (k[0] == "h" and k[1:].isdigit())}
            it["kind"] = "article"
            it["start"], it["end"] = span if span else (None, None)
            it["snippet"] = snippet(text, it["start"], (it["end"] or 0) - (it["start"] or 0))
            it["lead"] = text[:240]  # what the page titles an untitled article by (as in /api/articles)
        total = len(ranked)
        phrase = " ".join(t.text for t in terms)
        stories = self.stories(Filters(q=phrase), Page(limit=10))["items"]
        actors = self.actors(Filters(actor=phrase, story=f.story), Page(limit=10))["items"]
        return {"total": int(total or 0), "limit": page.limit, "offset": page.offset, "items": items,
                "stories": stories, "actors": actors, "terms": [t.text for t in terms]}
