"""The typer app shared by every command module."""
from __future__ import annotations

import os
import sys

import typer
from rich.console import Console

from ..settings import settings

app = typer.Typer(
    name="dateline",
    help="News articles about developing stories -> a sourced, dated, queryable record.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_show_locals=False,
)
#: the width of tables written to a pipe or a file (as ``--out`` writes them): a terminal's own width is for a
#: terminal; piped (``dateline stories > stories.txt``, ``| less``) rich would wrap every cell at 80 columns
PIPE_WIDTH = 200


def _stdout_console() -> Console:
    """The terminal's width on a terminal (or ``COLUMNS``), ``PIPE_WIDTH`` when stdout is piped or redirected."""
    if os.environ.get("COLUMNS") or sys.stdout.isatty():
        return Console()
    return Console(width=PIPE_WIDTH)


console = _stdout_console()
err = Console(stderr=True)

DB_OPTION = typer.Option(settings.db, "--db", help="DuckDB store file.", envvar="DATELINE_DB")


def fail(message: str, code: int = 1) -> None:
    err.print(f"[red]error:[/red] {message}", highlight=False, soft_wrap=True)
    raise typer.Exit(code)


def check_format(fmt: str, formats: tuple[str, ...]) -> None:
    """A ``--format`` value one of ``formats``, or a failure naming them."""
    if fmt not in formats:
        fail(f"--format: unknown format {fmt!r}; use one of {', '.join(formats)}")
