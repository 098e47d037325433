"""The ``dateline`` command. Each module adds its commands to the shared typer app."""
from __future__ import annotations

# imported for their commands, in the order `dateline --help` lists them
from . import core  # noqa: F401  isort: skip
from . import fuse, records, timeml, serve, batch, live  # noqa: F401  isort: skip
from .app import app


def main() -> None:
    import duckdb

    from .app import err

    try:
        app()
    except OSError as e:  # a file the command writes or reads (--out in a missing or read-only place ...)
        where = f"{e.filename}: " if e.filename else ""
        err.print(f"[red]error:[/red] {where}{e.strerror or e}", highlight=False, soft_wrap=True)
        raise SystemExit(1) from None
    except duckdb.Error as e:  # a store that opened but cannot be read (a damaged or truncated file)
        first = str(e).splitlines()[0]
        err.print(f"[red]error:[/red] the store could not be read: {first} (the store file is damaged or "
                  "truncated: restore it from a copy or an export, or ingest again into a new --db)", highlight=False, soft_wrap=True)
        raise SystemExit(1) from None


__all__ = ["app", "main"]
