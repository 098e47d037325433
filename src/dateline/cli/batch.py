"""Batch commands for big runs: the Ray engine's job and `dateline load`."""
from __future__ import annotations

from pathlib import Path

import typer

from ..errors import DatelineError
from .app import DB_OPTION, app, console, err, fail


def run_ray(paths: list[str], *, out: Path | None, dct: str | None, batch_size: int, workers: int,
            actors: Path | None = None) -> None:
    """`dateline ingest --engine ray`: run the Ray Data job, writing Parquet partitions to --out."""
    if out is None:
        fail("--engine ray needs --out DIR (Parquet partitions; then `dateline load DIR`)")
        return
    try:
        from ..engine import ray_engine
    except ImportError:
        fail("the Ray engine needs the ray extra: pip install 'dateline[ray]'")
        return
    try:
        config = {"entities": {"actors_file": str(actors.resolve())}} if actors is not None else None
        ray_engine.run(paths, out, dct=dct, batch_size=batch_size, workers=workers, config=config)
    except ImportError:
        fail("the Ray engine needs the ray extra: pip install 'dateline[ray]'")
    console.print(f"wrote Parquet partitions to {out}; load them with: dateline load {out}", soft_wrap=True)


@app.command()
def load(
    folder: Path = typer.Argument(..., help="Parquet output of `dateline ingest --engine ray`."),
    db: str = DB_OPTION,
) -> None:
    """Bring the Parquet output of a Ray run into the DuckDB store (idempotent)."""
    from ..api import _fuse
    from ..engine.ray_engine import load_rows
    from ..store import Store

    if not folder.is_dir():
        fail(f"{folder}: not a folder")
    if not any(folder.rglob("*.parquet")):
        fail(f"{folder}: no Parquet partitions (the --out folder of `dateline ingest --engine ray`)")
    stored = rejected = 0
    try:
        with Store(db) as store:
            for extractions, rej in load_rows(folder):
                stored += store.add(extractions)
                rejected += store.add_rejected(rej)
                for r in rej:
                    err.print(f"[yellow]rejected[/yellow] {r.path}: {r.reason}", highlight=False, soft_wrap=True)
            _fuse(store)
    except DatelineError as e:
        fail(str(e))
    console.print(f"{stored} stored, {rejected} rejected -> {db}", highlight=False, soft_wrap=True)
    if rejected and not stored:
        raise typer.Exit(1)
