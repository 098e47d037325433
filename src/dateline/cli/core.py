"""Core commands: ingest, extract, show, export."""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from ..errors import DatelineError
from ..model import Extraction, Rejected
from ..settings import settings

if TYPE_CHECKING:
    from ..extract.pipeline import Pipeline
from .app import DB_OPTION, app, console, err, fail


def _check_dct(dct: str | None) -> str | None:
    if dct is None:
        return None
    from ..ingest.dates import to_iso_date

    iso = to_iso_date(dct)
    if iso is None:
        fail(f"--dct: not a date: {dct!r} (use YYYY-MM-DD)")
    return iso


ACTORS_OPTION = typer.Option(None, "--actors", help="Your own actors file (YAML or CSV) added to the actor KB.")


def _pipeline(actors: Path | None) -> Pipeline:
    """``--actors FILE``: the default pipeline with the file in the entities component's config (forked
    workers inherit the pipeline)."""
    from ..extract import default_pipeline
    from ..extract.pipeline import Pipeline

    if actors is None:
        return default_pipeline()
    if not actors.is_file():
        fail(f"--actors: no such file: {actors}")
    return Pipeline(nlp=default_pipeline().nlp, config={"entities": {"actors_file": str(actors.resolve())}})


@app.command()
def ingest(
    paths: list[str] = typer.Argument(..., help="Files or directories (text, HTML, RSS/Atom, JSONL)."),
    db: str = DB_OPTION,
    dct: str | None = typer.Option(None, "--dct", help="Publication date for every input (YYYY-MM-DD)."),
    actors: Path | None = ACTORS_OPTION,
    batch_size: int = typer.Option(settings.batch_size, "--batch-size", min=1, help="Articles per batch (one transaction each)."),
    workers: int = typer.Option(1, "--workers", "-w", min=1, help="Extraction processes (e.g. the number of cores)."),
    force: bool = typer.Option(False, "--force", help="Re-extract articles already stored with the same text."),
    engine: str = typer.Option("local", "--engine", help="local, or ray (writes Parquet; see `dateline load`)."),
    out: Path | None = typer.Option(None, "--out", help="Output folder of Parquet partitions (--engine ray)."),
) -> None:
    """Read, extract and store articles; a bad input is reported and the batch goes on.

    Streams in batches; re-running with the same inputs skips what is already stored (resumable)."""
    from ..api import ingest as run_ingest

    dct = _check_dct(dct)
    if engine == "ray":
        from .batch import run_ray

        if actors is not None and not actors.is_file():
            fail(f"--actors: no such file: {actors}")
        run_ray(paths, out=out, dct=dct, batch_size=batch_size, workers=workers, actors=actors)
        return
    if engine != "local":
        fail(f"--engine: unknown engine {engine!r} (use local or ray)")
    rejected: list[Rejected] = []
    stored = undated = 0
    try:
        with Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                      TextColumn("{task.fields[rate]} articles/s"), TimeElapsedColumn(),
                      console=err, transient=not err.is_terminal) as progress:
            task = progress.add_task("ingest", total=None, rate="-")

            def on_article(ex: Extraction) -> None:
                nonlocal stored, undated
                stored += 1  # called once its batch is committed
                undated += ex.article.dct_origin in ("missing", "estimated")
                progress.advance(task)
                t = progress.tasks[0]
                if t.elapsed:
                    progress.update(task, rate=f"{t.completed / t.elapsed:.1f}")

            def on_rejected(r: Rejected) -> None:
                rejected.append(r)
                err.print(f"[yellow]rejected[/yellow] {r.path}: {r.reason}", highlight=False, soft_wrap=True)

            report = run_ingest(paths, db=db, dct=dct, batch_size=batch_size, workers=workers,
                                force=force, on_article=on_article, on_rejected=on_rejected,
                                pipeline=_pipeline(actors))
    except DatelineError as e:
        fail(str(e))
        return
    except KeyboardInterrupt:
        err.print(f"interrupted: {stored} articles stored by this run are kept (each batch is committed in one "
                  "transaction; the batch in flight was not stored). Run the same command again to finish: what is "
                  "stored is skipped, and stories are fused at the end.", highlight=False, soft_wrap=True)
        raise typer.Exit(130) from None
    console.print(f"{report.stored} stored, {report.unchanged} unchanged, {len(report.rejected)} rejected -> {db}",
                  highlight=False, soft_wrap=True)
    if undated:
        console.print(f"{undated} of them had no date of their own (no header, metadata or --dct): dated by an "
                      "estimate from their text, and by their story when it has dated articles (dct_origin "
                      "'estimated' or 'story'); give --dct when you know it", highlight=False, soft_wrap=True)
    if report.rejected:
        why: dict[str, int] = {}
        for r in report.rejected:
            key = r.reason.split(" (")[0].split(": ")[0]
            why[key] = why.get(key, 0) + 1
        console.print("rejected: " + "; ".join(f"{n} × {k}" for k, n in sorted(why.items(), key=lambda kv: -kv[1])),
                      highlight=False, soft_wrap=True)
    if report.rejected and report.stored == 0:
        raise typer.Exit(1)


@app.command()
def extract(
    path: str = typer.Argument(..., help="A file or directory to extract (nothing is stored)."),
    dct: str | None = typer.Option(None, "--dct", help="Publication date (YYYY-MM-DD); overrides the input's."),
    as_json: bool = typer.Option(False, "--json", help="Print the JSON contract (one object per line)."),
    actors: Path | None = ACTORS_OPTION,
) -> None:
    """Extract records from an input without storing them."""
    from ..api import extract_all
    from ..ingest import read_paths

    dct = _check_dct(dct)
    pipeline = _pipeline(actors)
    rejected: list[Rejected] = []
    n = 0
    for ex in extract_all(read_paths([path], dct=dct), pipeline, rejected):
        n += 1
        for r in rejected:
            err.print(f"[yellow]rejected[/yellow] {r.path}: {r.reason}", highlight=False, soft_wrap=True)
        rejected.clear()
        if as_json:
            sys.stdout.write(json.dumps(ex.to_dict(), ensure_ascii=False) + "\n")
        else:
            a = ex.article
            console.print(f"[bold]{a.id}[/bold] dct={a.dct} ({a.dct_origin}) " + ", ".join(
                f"{k}={len(v)}" for k, v in ex.records().items()))
            for t in ex.timexes:
                console.print(f"  time  {t.text!r} -> {t.value}", highlight=False, soft_wrap=True)
    for r in rejected:
        err.print(f"[yellow]rejected[/yellow] {r.path}: {r.reason}", highlight=False, soft_wrap=True)
    if n == 0:
        raise typer.Exit(1)


@app.command()
def show(db: str = DB_OPTION, limit: int = typer.Option(10, "--limit", min=1, help="Articles to list.")) -> None:
    """Counts per table and the latest articles."""
    from ..store import Store

    try:
        store = Store(db, read_only=True)
    except DatelineError as e:
        fail(str(e))
        return
    with store:
        counts = Table(title=f"{db}")
        counts.add_column("table")
        counts.add_column("rows", justify="right")
        for t, n in store.counts().items():
            counts.add_row(t, str(n))
        console.print(counts)
        latest = Table(title="latest articles")
        rows = store.latest_articles(limit)
        latest.add_column("id", no_wrap=True, min_width=max((len(a["id"]) for a in rows), default=2))
        for col in ("dct", "origin", "source", "title"):
            latest.add_column(col, no_wrap=col == "dct", overflow="fold")
        for a in rows:
            latest.add_row(a["id"], a["dct"] or "-", a["dct_origin"], a["source"] or "-", (a["title"] or "")[:60])
        console.print(latest)


@app.command()
def export(
    format: str = typer.Option("parquet", "--format", help="parquet, csv, jsonl or json (one file per table)."),
    out: Path = typer.Option(..., "--out", help="Output directory."),
    db: str = DB_OPTION,
) -> None:
    """Export every table of the store."""
    from ..store import Store

    try:
        with Store(db, read_only=True) as store:
            files = store.export(format, out)
    except DatelineError as e:
        fail(str(e))
        return
    console.print(f"wrote {len(files)} files to {out}")
