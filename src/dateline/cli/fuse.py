"""Fuse commands: fuse, stories, timeline, figures."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import typer
from rich.table import Table

from ..errors import DatelineError
from ..store.csvcells import rows_csv
from ..store.reads import Filters
from .app import DB_OPTION, app, check_format, console, fail

FORMATS = ("text", "json", "csv", "md")


def _open(db: str, *, read_only: bool = True) -> Any:
    from ..store import Store

    try:
        return Store(db, read_only=read_only)
    except DatelineError as e:
        fail(str(e))


def _no_stories(store: Any) -> None:
    """Fail saying what to run: an empty store needs an ingest, a store with articles a fuse."""
    if not store.counts().get("articles"):
        fail(f"{store.path}: no articles yet (run `dateline ingest PATH... --db {store.path}`)")
    fail(f"{store.path}: no stories yet (run `dateline fuse --db {store.path}`)")


def _resolve_story(store: Any, story: str | None) -> dict[str, Any]:
    stories: list[dict[str, Any]] = store.stories()["items"]
    if not stories:
        _no_stories(store)
    if story is None:
        return stories[0]  # the largest
    matches: list[dict[str, Any]] = store.find_stories(story)
    if not matches:
        fail(f"no story {story!r}: no id, label, main actor or latest headline has it (see `dateline stories`, "
             f"or `dateline search {story}` for the articles that mention it)")
    if len(matches) > 1:
        fail(f"{story!r} matches {len(matches)} stories: " + ", ".join(s["id"] for s in matches[:5]))
    return matches[0]


def _emit(text: str, out: Path | None) -> None:
    if out is None:
        typer.echo(text, nl=not text.endswith("\n"))
    else:
        try:
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_text(text, encoding="utf-8")
        except OSError as e:
            fail(f"--out {out}: cannot write ({e.strerror or e})")
        console.print(f"wrote {out}")


@app.command()
def fuse(db: str = DB_OPTION,
         full: bool = typer.Option(False, "--full", help="Recompute every fused table by replaying the stored "
                                                         "batches (gives what the incremental fuses gave).")) -> None:
    """Link near-duplicates, cluster articles into stories, fuse events and figures, build timelines."""
    from ..fuse import fuse_store

    store = _open(db, read_only=False)
    with store:
        try:
            r = fuse_store(store, full=full)
        except DatelineError as e:
            fail(str(e))
            return
    if not full and not r.new_articles:
        console.print(f"nothing new to fuse: {r.stories} stories (--full recomputes them) -> {db}", highlight=False)
        return
    console.print(f"{r.articles} articles ({r.new_articles} new), {r.duplicates} duplicates, {r.stories} stories, "
                  f"{len(r.recomputed)} recomputed -> {db}", highlight=False)


@app.command()
def stories(
    db: str = DB_OPTION,
    actor: str | None = typer.Option(None, "--actor", help="Only stories with this actor among the top actors."),
    source: str | None = typer.Option(None, "--source", help="Only stories with an article of this outlet."),
    date_from: str | None = typer.Option(None, "--date-from", help="Stories reaching this date or later."),
    date_to: str | None = typer.Option(None, "--date-to", help="Stories starting on this date or earlier."),
    q: str | None = typer.Option(None, "--query", "-q", help="Label contains."),
    fmt: str = typer.Option("text", "--format", help="text, json, jsonl or csv."),
    as_json: bool = typer.Option(False, "--json", help="JSON output (the same as --format json: the list)."),
) -> None:
    """Stories with their size, span of dates and top actors (largest first)."""
    from .records import LIST_FORMATS, items_text, make_filters

    check_format(fmt, LIST_FORMATS)
    with _open(db) as store:
        f = make_filters(store, actor=actor, source=source, date_from=date_from, date_to=date_to, q=q)
        rows = store.stories(f)["items"]
        if as_json or fmt == "json":
            typer.echo(json.dumps(rows, ensure_ascii=False, default=str, indent=1))
            return
        if fmt in ("jsonl", "csv"):
            typer.echo(items_text(rows, fmt), nl=False)
            return
        if not rows and f == Filters():
            _no_stories(store)
    if not rows:
        fail("no story matches these filters (see `dateline stories`)")
    table = Table(title="stories")
    table.add_column("id", no_wrap=True, min_width=max(len(str(s["id"])) for s in rows))
    for col in ("label", "articles", "dups", "from", "to", "top actors"):
        table.add_column(col, overflow="fold", no_wrap=col in ("from", "to"))
    for s in rows:
        table.add_row(s["id"], s["label"] or "", str(s["size"]), str(s["n_duplicates"] or 0),
                      s["first_date"] or "-", s["last_date"] or "-", ", ".join(s["top_actors"] or []))
    console.print(table)


def _credit(s: dict[str, Any]) -> str:
    """Outlet (and the outlets of near-duplicate copies), the source the sentence names, and whether the
    article's date is an estimate."""
    copies = [c for c in s.get("copies") or () if c]
    own = s.get("outlet") or s.get("source")
    if not own:
        out = ", ".join(copies) + " (copies)" if copies else "unknown outlet"
    else:
        out = own + (" (also " + ", ".join(copies) + ")" if copies else "")
    if s.get("said_by"):
        out += f", according to {s['said_by']}"
    return out + (" (date estimated)" if s.get("date_estimated") else "")


def render_timeline(story: dict[str, Any], rows: list[dict[str, Any]], fmt: str) -> str:
    """A timeline as text, JSON, CSV or Markdown (every sentence with its source and span)."""
    if fmt == "json":
        return json.dumps({"story": {k: story[k] for k in ("id", "label", "first_date", "last_date")},
                           "timeline": [{k: r[k] for k in ("date", "rank", "score", "sentences")} for r in rows]},
                          ensure_ascii=False, indent=1) + "\n"
    if fmt == "csv":  # one row per sentence
        return rows_csv(({"story_id": story["id"], "date": r["date"], "rank": r["rank"], "score": f"{r['score']:.2f}",
                          "n": i, "text": s["text"], "source": s.get("source") or "", "said_by": s.get("said_by"),
                          "date_estimated": bool(s.get("date_estimated")), "article_id": s["article_id"],
                          "start": s["start"], "end": s["end"]}
                         for r in rows for i, s in enumerate(r["sentences"], 1)),
                        columns=["story_id", "date", "rank", "score", "n", "text", "source", "said_by",
                                 "date_estimated", "article_id", "start", "end"])
    if fmt == "md":
        lines = [f"# {story['label']}", "", f"Story `{story['id']}`, {story['first_date']} to {story['last_date']}.", ""]
        for r in rows:
            lines.append(f"## {r['date']}")
            lines.append("")
            for s in r["sentences"]:
                text = " ".join(s["text"].split())
                lines.append(f"- {text} — *{_credit(s)}* (`{s['article_id']}`)")
            lines.append("")
        return "\n".join(lines)
    lines = [f"{story['label']}  [{story['id']}]  {story['first_date']} .. {story['last_date']}", ""]
    for r in rows:
        lines.append(f"{r['date']}  (#{r['rank']}, score {r['score']:.1f})")
        for s in r["sentences"]:
            text = " ".join(s["text"].split())
            lines.append(f"    {text}")
            lines.append(f"      -- {_credit(s)}, {s['article_id']} [{s['start']}:{s['end']}]")
    return "\n".join(lines) + "\n"


@app.command()
def timeline(
    story: str | None = typer.Argument(None, help="Story id (or a unique prefix, or part of its label); "
                                                  "default: the largest story."),
    db: str = DB_OPTION,
    dates: int | None = typer.Option(None, "--dates", min=1, help="Most important dates to show."),
    sentences: int | None = typer.Option(None, "--sentences", min=1, help="Sentences per date."),
    date_from: str | None = typer.Option(None, "--date-from", help="Only entries from this date (YYYY-MM-DD, "
                                                                   "YYYY-MM or YYYY)."),
    date_to: str | None = typer.Option(None, "--date-to", help="Only entries up to this date, inclusive."),
    fmt: str = typer.Option("text", "--format", help="text, json, csv or md."),
    out: Path | None = typer.Option(None, "--out", help="Write to this file instead of the terminal."),
) -> None:
    """A story's dated entries, each with its sentences and their sources, ranked by importance."""
    from ..fuse.run import read_timeline
    from .records import date_option

    check_format(fmt, FORMATS)
    d_from, d_to = date_option("--date-from", date_from), date_option("--date-to", date_to)
    with _open(db) as store:
        st = _resolve_story(store, story)
        rows = read_timeline(store, st["id"], dates, sentences)
    rows = [r for r in rows if (d_from is None or r["date"] >= d_from) and (d_to is None or r["date"] <= d_to + "~")]
    if not rows:
        within = f" between {d_from or 'the start'} and {d_to or 'the end'}" if d_from or d_to else ""
        undated = "" if within or st.get("first_date") else (
            f" (none of its {st.get('size') or 0} article(s) has a date: no header, metadata or year in the text "
            "to estimate one from; ingest again with --dct YYYY-MM-DD)")
        fail(f"story {st['id']}: no dated entries{within}{undated}")
    _emit(render_timeline(st, rows, fmt), out)


def value_text(value: float | None, unit: str | None) -> str:
    """A figure's value with its unit, as an analyst reads it: "9%", "1200 barrel", "46"."""
    if value is None:
        return "-"
    if unit in ("percent", "%"):
        return f"{value:g}%"
    return f"{value:g} {unit}" if unit else f"{value:g}"


@app.command()
def figures(
    story: str | None = typer.Argument(None, help="Story id (or prefix / part of the label); default: largest."),
    db: str = DB_OPTION,
    category: str | None = typer.Option(None, "--category", help="Only this category (e.g. killed)."),
    fmt: str = typer.Option("text", "--format", help="text, json or csv."),
    out: Path | None = typer.Option(None, "--out", help="Write to this file instead of the terminal."),
) -> None:
    """A story's figures as time series per (category, scope, kind), contradictions between comparable claims
    flagged with their reason."""
    check_format(fmt, ("text", "json", "csv"))
    with _open(db) as store:
        st = _resolve_story(store, story)
        rows = sorted(store.figure_series(st["id"], category),  # one series per (category, scope, kind)
                      key=lambda r: (r["category"], r.get("scope") or "", r.get("kind") or "", r["date"] or "9999"))
        cats = [c["category"] for c in store.figure_categories(st["id"])]
    if not rows:
        hint = f" (categories: {', '.join(cats)})" if cats else ""
        fail(f"story {st['id']}: no figures{' of category ' + repr(category) if category else ''}{hint}")
    if fmt == "json":
        _emit(json.dumps(rows, ensure_ascii=False, default=str, indent=1) + "\n", out)
        return
    if fmt == "csv":
        _emit(rows_csv(rows), out)
        return
    table = Table(title=f"{st['label']} — figures" + (f": {category}" if category else ""))
    for col in ("category", "scope", "kind", "date", "value", "qualifier", "source", "article", "!"):
        table.add_column(col, overflow="fold")
    for r in rows:
        v = r["value"]
        table.add_row(r["category"], r["scope"] or "", r.get("kind") or "", r["date"] or "-",
                      value_text(v, r.get("unit")), r["qualifier"] or "", r["source"] or "-", r["article_id"],
                      "[red]contradiction[/red]" if r["contradiction"] else "")
    groups: dict[str, list[dict[str, Any]]] = {}
    for r in rows:
        if r["contradiction"]:
            groups.setdefault(r["contradiction_group"], []).append(r)
    notes = [f"contradiction: {g[0]['category']} on {g[0]['date']}"
             + (f" ({g[0]['scope']})" if g[0]["scope"] else "") + ": "
             + " vs ".join(f"{(p['qualifier'] + ' ') if p['qualifier'] else ''}{value_text(p['value'], p.get('unit'))}"
                           f" ({p['source'] or '?'})"
                           for p in g)
             + (f" — {g[0]['reason'].split('; disagrees')[0]}" if g[0].get("reason") else "")
             for g in groups.values()]
    if out is not None:
        from rich.console import Console

        with open(out, "w", encoding="utf-8") as fh:
            file_console = Console(file=fh, width=160)
            file_console.print(table)
            for n in notes:
                file_console.print(n, highlight=False)
        console.print(f"wrote {out}")
    else:
        console.print(table)
        for n in notes:
            console.print(n, highlight=False, soft_wrap=True)
