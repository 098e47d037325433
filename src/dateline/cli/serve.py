"""``dateline serve``: the REST API and web page over a store."""
from __future__ import annotations

from pathlib import Path

import typer

from ..errors import DatelineError
from .app import DB_OPTION, app, console, err, fail


@app.command()
def serve(
    db: str = DB_OPTION,
    host: str = typer.Option("127.0.0.1", "--host", help="Interface to listen on (127.0.0.1: this machine only)."),
    port: int = typer.Option(8000, "--port", min=1, max=65535, help="TCP port."),
    allow_ingest: bool = typer.Option(
        False, "--allow-ingest",
        help="Open the store for writing and let POST /api/extract?store=true add articles "
             "(otherwise the store is opened read-only)."),
    watch: list[str] = typer.Option(
        [], "--watch", help="A feed URL, file or folder to follow while serving (repeatable): this process "
                            "then owns the store's one writer, ingests new items and fuses them, and the page "
                            "shows them without a reload."),
    every: str = typer.Option("15m", "--every", help="Time between polls of --watch sources: 30s, 15m, 1h ..."),
) -> None:
    """Serve the REST API (OpenAPI docs at /docs) and the analyst web page at /."""
    import uvicorn

    from ..serve import create_app

    from .live import interval_option

    seconds = interval_option(every)
    if not (allow_ingest or watch) and not Path(db).exists():
        fail(f"{db}: no such store (run `dateline ingest PATH --db {db}` or `make demo` first)")
    try:
        application = create_app(db, allow_ingest=allow_ingest, watch=watch, watch_every=seconds,
                                 log=lambda line: console.print(line, highlight=False, soft_wrap=True))
    except DatelineError as e:
        fail(str(e))
        return
    if host not in ("127.0.0.1", "localhost", "::1"):
        err.print(f"[yellow]warning:[/yellow] listening on {host}: the API is reachable from other machines",
                  highlight=False)
    mode = "read-write (--allow-ingest)" if allow_ingest else "read-only"
    if watch:
        mode = f"read-write, watching {len(watch)} source(s) every {every}"
    shown = f"[{host}]" if ":" in host else host
    console.print(f"dateline serving {db} ({mode}) on http://{shown}:{port}/  (API docs: /docs)", highlight=False)
    uvicorn.run(application, host=host, port=port, log_level="info")
