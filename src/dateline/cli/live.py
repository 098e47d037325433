"""``dateline watch``: follow RSS/Atom feeds and folders into the store."""
from __future__ import annotations

import signal
import threading
from types import FrameType

import typer

from ..errors import DatelineError
from .app import DB_OPTION, app, console, err, fail


def interval_option(value: str) -> float:
    from ..live import parse_interval

    try:
        return parse_interval(value)
    except ValueError as e:
        raise typer.BadParameter(str(e)) from None


def stop_on_ctrl_c() -> threading.Event:
    """An event set by the first Ctrl-C (the batch in flight finishes); a second Ctrl-C aborts."""
    stop = threading.Event()

    def handler(_sig: int, _frame: FrameType | None) -> None:
        if stop.is_set():
            raise KeyboardInterrupt
        err.print("stopping after the batch in flight (Ctrl-C again to abort)")
        stop.set()

    signal.signal(signal.SIGINT, handler)
    return stop


@app.command()
def watch(
    targets: list[str] = typer.Argument(..., help="Feed URLs (http/https), files or folders to follow."),
    db: str = DB_OPTION,
    every: str = typer.Option("15m", "--every", help="Time between polls: 30s, 15m, 1h ..."),
    cycles: int = typer.Option(0, "--cycles", min=0, help="Stop after N cycles (0: run until Ctrl-C)."),
    timeout: float = typer.Option(20.0, "--timeout", min=0.1, help="Seconds before a feed request gives up."),
) -> None:
    """Poll feeds and folders; store only new items, fuse incrementally, print one line per cycle."""
    from ..live import Watcher
    from ..store import Store

    seconds = interval_option(every)
    stop = stop_on_ctrl_c()
    try:
        with Store(db) as store:
            watcher = Watcher(targets, store, timeout=timeout)
            console.print(f"watching {len(targets)} source(s) every {every} -> {db}", highlight=False)
            watcher.run(seconds, stop=stop, cycles=cycles or None,
                        log=lambda line: console.print(line, highlight=False, soft_wrap=True))
    except DatelineError as e:
        fail(str(e))
