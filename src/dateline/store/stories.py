"""Reads of the fuse stage's tables: stories, a story, its timeline, fused events and figure series.

One implementation with one shape for every reader: the CLI, the Python API (``Store``) and the REST API
(``Store.reader()``). Lists answer ``{"total", "limit", "offset", "items"}`` (``page`` defaults to every row);
JSON columns come decoded, dates as ISO strings.
"""
from __future__ import annotations

from typing import Any

from .reads import ALL, Filters, Page, Reader, Where


class StoryReads(Reader):
    """Story reads (mixed into ``Queries`` and so into ``Store``)."""

    def stories(self, f: Filters | None = None, page: Page = ALL) -> dict[str, Any]:
        """Stories, largest first, each with its ``latest`` article. Filters: q (label contains), actor (in the
        top actors), date range (overlapping the story's span), story (id), source (an article of that outlet)."""
        f = f or Filters()
        w = Where()
        w.when(f.q, "contains(lower(s.label), lower(?))")
        w.when(f.actor, "contains(lower(CAST(s.top_actors AS VARCHAR)), lower(?))")
        w.when(f.date_from, "s.last_date >= ?")
        w.when(f.date_to, "s.first_date <= ? || '~'")
        w.when(f.story, "CAST(s.id AS VARCHAR) = ?")
        w.when(f.source, "s.id IN (SELECT sa.story_id FROM story_articles sa JOIN articles a "
                         "ON a.id = sa.article_id WHERE lower(a.source) = lower(?))")
        data = self._paged("SELECT s.* FROM stories s", w, "s.size DESC, s.last_date DESC NULLS LAST, s.id", page)
        self._add_latest(data["items"])
        return data

    def find_stories(self, name: str) -> list[dict[str, Any]]:
        """The stories a reader means by ``name``, for every reader (CLI, Python, REST): the story with that id,
        else those whose id starts with it, else those whose label contains it, else those one of whose main
        actors or whose latest headline contains it ("Ghana", "measles": what a reader calls a story when its
        label, its most distinctive names, does not say it). Largest first; empty when nothing has it."""
        stories: list[dict[str, Any]] = self.stories()["items"]
        w = name.lower()
        return ([s for s in stories if s["id"] == name] or [s for s in stories if str(s["id"]).startswith(name)]
                or [s for s in stories if w in (s["label"] or "").lower()]
                or [s for s in stories if any(w in (a or "").lower() for a in s.get("top_actors") or ())
                    or w in ((s.get("latest") or {}).get("title") or "").lower()])

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
        """One story: its row, ``sources`` (articles per outlet), ``duplicates`` (how many members are copies)
        and ``articles`` (id, title, source, dct, duplicate_of, similarity; in date order)."""
        rows = self._rows("SELECT * FROM stories WHERE id = ?", [story_id])
        if not rows:
            return None
        story = rows[0]
        story["sources"] = self._rows(
            "SELECT a.source, count(*) AS articles FROM story_articles sa JOIN articles a "
            "ON a.id = sa.article_id WHERE sa.story_id = ? "
            "GROUP BY a.source ORDER BY articles DESC, a.source NULLS LAST", [story_id])
        story["articles"] = self._rows(
            "SELECT a.id, a.title, a.source, a.dct, sa.duplicate_of, sa.similarity FROM story_articles sa "
            "JOIN articles a ON a.id = sa.article_id WHERE sa.story_id = ? ORDER BY a.dct NULLS LAST, a.id",
            [story_id])
        story["duplicates"] = sum(1 for a in story["articles"] if a["duplicate_of"] is not None)
        return story

    def timeline(self, story_id: str, f: Filters | None = None, page: Page = ALL) -> dict[str, Any]:
        """The story's timeline entries in date order, each with its sentences (text, article_id, start, end,
        source, said_by, date_estimated, and the article's outlet, title and date). Filters: date range, q."""
        f = f or Filters()
        w = Where()
        w.add("t.story_id = ?", story_id)
        w.date_range(f, "t.date")
        w.when(f.q, "contains(lower(coalesce(t.summary, '') || ' ' || CAST(t.sentences AS VARCHAR)), lower(?))")
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
        """The story's fused events: dated first, then by how many articles report them."""
        return self._rows("SELECT * FROM fused_events WHERE story_id = ? "
                          "ORDER BY date NULLS LAST, n_articles DESC, id", [story_id])

    def figure_series(self, story_id: str, category: str | None = None) -> list[dict[str, Any]]:
        """The story's figure series points (of one ``category``, case-insensitive)."""
        w = Where()
        w.add("story_id = ?", story_id)
        if category is not None:
            w.add("lower(category) = lower(?)", category)
        return self._rows(f"SELECT * FROM figure_series{w.sql()} "
                          "ORDER BY category, date NULLS LAST, source, article_id, start", w.params)

    def figure_categories(self, story_id: str) -> list[dict[str, Any]]:
        """The story's figure categories with their points and contradictions, most points first."""
        return self._rows("SELECT category, count(*) AS points, sum(CASE WHEN contradiction THEN 1 ELSE 0 END) "
                          "AS contradictions FROM figure_series WHERE story_id = ? GROUP BY category "
                          "ORDER BY points DESC, category", [story_id])
