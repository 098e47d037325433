"""Record commands: articles, events, statements, actors, search. The REST API's list reads (same filters, same
``{"total", "limit", "offset", "items"}`` shape) on the command line, as a table, JSON, JSON Lines or CSV."""
from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import typer
from rich.table import Table

from ..days import check_date_prefix
from ..labels import check_action
from ..model import STATEMENT_KINDS
from ..store.csvcells import rows_csv
from ..store.reads import Filters, Page
from .app import DB_OPTION, app, check_format, console, fail
from .fuse import _emit, _open, _resolve_story

LIST_FORMATS = ("text", "json", "jsonl", "csv")
STATEMENT_KIND_OPTIONS = (*STATEMENT_KINDS, "all")

STORY = typer.Option(None, "--story", help="Only this story (id, unique id prefix or part of its label).")
ACTOR = typer.Option(None, "--actor", help="Actor name contains (actor or target, speaker or via, entity).")
ACTION = typer.Option(None, "--action", help="PLOVER action type, e.g. CONSULT.")
DATE_FROM = typer.Option(None, "--date-from", help="From this date (YYYY-MM-DD, YYYY-MM or YYYY).")
DATE_TO = typer.Option(None, "--date-to", help="Up to this date, inclusive (YYYY-MM-DD, YYYY-MM or YYYY).")
SOURCE = typer.Option(None, "--source", help="Outlet (the article's source), exact, any case.")
QUERY = typer.Option(None, "--query", "-q", help="Text contains (any case).")
ARTICLE = typer.Option(None, "--article", help="Only records of this article (id).")
LIMIT = typer.Option(50, "--limit", min=0, help="Rows to show (0: all).")
OFFSET = typer.Option(0, "--offset", min=0, help="Rows to skip.")
FORMAT = typer.Option("text", "--format", help="text, json, jsonl or csv.")
OUT = typer.Option(None, "--out", help="Write to this file instead of the terminal.")


def date_option(name: str, value: str | None) -> str | None:
    """A ``--date-from``/``--date-to`` value checked (a date or its prefix), or a failure naming the option."""
    if value is None:
        return None
    try:
        return check_date_prefix(value.strip())
    except ValueError as e:
        fail(f"{name}: {e}")
    return None


def make_filters(store: Any, *, story: str | None = None, actor: str | None = None, action: str | None = None,
                 date_from: str | None = None, date_to: str | None = None, source: str | None = None,
                 q: str | None = None, category: str | None = None, article: str | None = None) -> Filters:
    """The command's options as the store's ``Filters``; ``story`` may be a prefix or part of a label."""
    d_from, d_to = date_option("--date-from", date_from), date_option("--date-to", date_to)
    if d_from and d_to and d_from > d_to + "~":
        fail(f"--date-to: {d_to} is before --date-from {d_from}")
    if action is not None:
        try:
            action = check_action(action)
        except ValueError as e:
            fail(f"--action: {e}")
    sid = _resolve_story(store, story)["id"] if story is not None else None
    return Filters(story=sid, actor=actor, action=action, date_from=d_from, date_to=d_to, source=source, q=q,
                   category=category, article=article)


def items_text(items: list[dict[str, Any]], fmt: str) -> str:
    """``items`` as JSON Lines (``fmt`` "jsonl") or CSV (``fmt`` "csv")."""
    if fmt == "csv":
        return rows_csv(items)
    return "".join(json.dumps(it, ensure_ascii=False, default=str) + "\n" for it in items)


#: columns kept whole on one line (ids, dates, offsets: what a user copies into the next command)
_WHOLE = frozenset({"id", "date", "dct", "first", "last", "article", "action", "hits", "articles", "mentions"})
#: columns left out of a table narrower than 120 characters (the JSON and CSV keep them)
_WIDE = frozenset({"sentence", "place", "origin", "via", "mode"})


def render_list(data: dict[str, Any], fmt: str, title: str, columns: dict[str, Callable[[dict[str, Any]], Any]],
                out: Path | None) -> None:
    """``data`` (a page of a list read) as JSON (the REST API's shape), JSON Lines or CSV (its items), or a table
    of ``columns`` with a line saying how many rows there are in all."""
    items: list[dict[str, Any]] = data["items"]
    if fmt == "json":
        _emit(json.dumps(data, ensure_ascii=False, default=str, indent=1) + "\n", out)
        return
    if fmt in ("jsonl", "csv"):
        _emit(items_text(items, fmt), out)
        return
    width = 200 if out is not None else console.width
    columns = {k: v for k, v in columns.items() if width >= 120 or k not in _WIDE}
    table = Table(title=title)
    for col, get in columns.items():
        whole = col in _WHOLE
        table.add_column(col, overflow="fold", no_wrap=whole,
                         min_width=max((len(str(get(it) or "")) for it in items), default=0) if whole else None)
    for it in items:
        table.add_row(*("" if v is None else str(v) for v in (get(it) for get in columns.values())))
    shown = f"{data['offset'] + 1}-{data['offset'] + len(items)} of {data['total']}" if items else \
        f"none of {data['total']}"
    more = "; --limit 0 for all, --offset to page" if data["offset"] + len(items) < data["total"] else ""
    if out is not None:
        from rich.console import Console

        with open(out, "w", encoding="utf-8") as fh:
            Console(file=fh, width=200).print(table, f"{shown}{more}")
        console.print(f"wrote {out}")
        return
    console.print(table)
    console.print(f"{shown}{more}", highlight=False)


def _page(limit: int, offset: int) -> Page:
    return Page(limit=limit or None, offset=offset)


def _short(text: str | None, n: int = 100) -> str:
    t = " ".join((text or "").split())
    return t if len(t) <= n else t[:n - 1] + "…"


Columns = dict[str, Callable[[dict[str, Any]], Any]]

ARTICLE_COLUMNS: Columns = {
    "id": lambda r: r["id"], "dct": lambda r: r["dct"], "origin": lambda r: r["dct_origin"],
    "source": lambda r: r["source"], "title": lambda r: _short(r["title"] or r["lead"], 70)}
EVENT_COLUMNS: Columns = {
    "date": lambda r: r["date"], "actor": lambda r: r["actor"], "action": lambda r: r["action"],
    "target": lambda r: r["target"], "modality": lambda r: r["modality"], "place": lambda r: r["location"],
    "article": lambda r: r["article_id"], "sentence": lambda r: _short(r.get("context"), 90)}
STATEMENT_COLUMNS: Columns = {
    "date": lambda r: r["date"], "speaker": lambda r: r["speaker"], "via": lambda r: r["via"],
    "mode": lambda r: r["mode"], "said": lambda r: _short(r["content"], 100), "article": lambda r: r["article_id"],
    "kind": lambda r: r.get("kind") or "speech"}
ACTOR_COLUMNS: Columns = {
    "name": lambda r: r["name"], "kind": lambda r: r["kind"] or r["label"], "country": lambda r: r["country"],
    "articles": lambda r: r["articles"], "mentions": lambda r: r["mentions"],
    "first": lambda r: r["first_date"], "last": lambda r: r["last_date"]}
SEARCH_COLUMNS: Columns = {
    "id": lambda r: r["id"], "dct": lambda r: r["dct"], "source": lambda r: r["source"],
    "hits": lambda r: r["hits"], "snippet": lambda r: _short(r["snippet"], 110)}


def _list(db: str, read: Callable[[Any, Filters, Page], dict[str, Any]], title: str, columns: Columns, fmt: str,
          out: Path | None, limit: int, offset: int, **options: str | None) -> None:
    """One list command: check the format, read a page with the options as filters, render it."""
    check_format(fmt, LIST_FORMATS)
    with _open(db) as store:
        data = read(store, make_filters(store, **options), _page(limit, offset))
    render_list(data, fmt, title, columns, out)


@app.command()
def articles(
    db: str = DB_OPTION, story: str | None = STORY, actor: str | None = ACTOR, action: str | None = ACTION,
    date_from: str | None = DATE_FROM, date_to: str | None = DATE_TO, source: str | None = SOURCE,
    q: str | None = QUERY, limit: int = LIMIT, offset: int = OFFSET, fmt: str = FORMAT, out: Path | None = OUT,
) -> None:
    """Stored articles, newest first (actor: an entity of the article; action: one of its events)."""
    _list(db, lambda s, f, p: s.articles(f, p), "articles", ARTICLE_COLUMNS, fmt, out, limit, offset, story=story,
          actor=actor, action=action, date_from=date_from, date_to=date_to, source=source, q=q)


@app.command()
def events(
    db: str = DB_OPTION, story: str | None = STORY, actor: str | None = ACTOR, action: str | None = ACTION,
    date_from: str | None = DATE_FROM, date_to: str | None = DATE_TO, source: str | None = SOURCE,
    q: str | None = QUERY, article: str | None = ARTICLE, limit: int = LIMIT, offset: int = OFFSET,
    fmt: str = FORMAT, out: Path | None = OUT,
) -> None:
    """Who did what to whom (PLOVER), in date order, each with its sentence."""
    _list(db, lambda s, f, p: s.events(f, p), "events", EVENT_COLUMNS, fmt, out, limit, offset, story=story,
          actor=actor, action=action, date_from=date_from, date_to=date_to, source=source, q=q, article=article)


@app.command()
def statements(
    db: str = DB_OPTION, story: str | None = STORY, actor: str | None = ACTOR,
    date_from: str | None = DATE_FROM, date_to: str | None = DATE_TO, source: str | None = SOURCE,
    q: str | None = QUERY, article: str | None = ARTICLE, limit: int = LIMIT, offset: int = OFFSET,
    fmt: str = FORMAT, out: Path | None = OUT,
    kind: str = typer.Option("speech", "--kind", help="speech (speech acts, quotes, paraphrases), attribution (the "
                             "other attributions: according to, beliefs, stances) or all."),
) -> None:
    """Who said what (direct or reported), in date order; --actor matches the speaker or the outlet it came via;
    --kind attribution|all for the other attributions the learned model finds."""
    if kind not in STATEMENT_KIND_OPTIONS:
        fail(f"--kind: {kind!r} is not one of {', '.join(STATEMENT_KIND_OPTIONS)}")
    _list(db, lambda s, f, p: s.statements(dataclasses.replace(f, kind=kind), p), "statements", STATEMENT_COLUMNS,
          fmt, out, limit, offset, story=story, actor=actor, date_from=date_from, date_to=date_to, source=source,
          q=q, article=article)


@app.command()
def actors(
    db: str = DB_OPTION, story: str | None = STORY, actor: str | None = ACTOR, action: str | None = ACTION,
    date_from: str | None = DATE_FROM, date_to: str | None = DATE_TO, source: str | None = SOURCE,
    limit: int = LIMIT, offset: int = OFFSET, fmt: str = FORMAT, out: Path | None = OUT,
) -> None:
    """Actors by the number of articles naming them, first and last seen (--actor: name contains)."""
    _list(db, lambda s, f, p: s.actors(f, p), "actors", ACTOR_COLUMNS, fmt, out, limit, offset, story=story,
          actor=actor, action=action, date_from=date_from, date_to=date_to, source=source)


@app.command()
def search(
    text: list[str] = typer.Argument(..., help="Words to find, case-insensitive, every one of them: `search water "
                                               "levels` finds articles with both words, best first; `search \"water "
                                               "levels\"` (one argument with a space) the phrase as written."),
    db: str = DB_OPTION, story: str | None = STORY, date_from: str | None = DATE_FROM,
    date_to: str | None = DATE_TO, source: str | None = SOURCE, limit: int = LIMIT, offset: int = OFFSET,
    fmt: str = FORMAT, out: Path | None = OUT,
) -> None:
    """Articles holding every word (and "phrase"), best first (BM25), with a snippet (JSON adds matching stories
    and actors)."""
    # an argument with a space was quoted in the shell: a phrase
    words = " ".join(f'"{" ".join(t.split())}"' if len(t.split()) > 1 and '"' not in t else t for t in text).strip()
    if not words.strip('" '):
        fail("search: give the words to find")
    _list(db, lambda s, f, p: s.search(words, f, p), f"articles matching {words}", SEARCH_COLUMNS, fmt, out,
          limit, offset, story=story, date_from=date_from, date_to=date_to, source=source)
