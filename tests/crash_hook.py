"""Run the `dateline` CLI and kill it with SIGKILL at a chosen point (used by tests/test_crash.py).

    python tests/crash_hook.py SPEC LOG dateline-args...

SPEC is where to die (counts are within this run):
  open:SECONDS      that long after the store is opened (a random point of extraction, batch writes, fusion)
  extract:N         when the N-th batch is extracted, before it is stored
  tx:N              inside the N-th write transaction, its rows written, just before COMMIT
  committed:N       just after the N-th COMMIT
  fuse:SECONDS      that long after fusion starts
  fusetx            inside fusion's write transaction, just before COMMIT
  export:N          during export, the N-th file written to its temporary name, before the rename
  none              never (the run ends normally)
A point the run never reaches kills at exit instead. LOG gets one line per event (open, extract N, tx N,
commit N, fuse, export N, exit CODE) and the line ``kill`` before the signal, so the test can say where each
kill landed. The process dies by the signal itself: nothing is flushed, closed or checkpointed.
"""
from __future__ import annotations

import os
import pathlib
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

if __name__ != "__main__":  # imported (``pytest tests/crash_hook.py``): patch nothing, kill nothing
    import pytest

    pytest.skip("tests/crash_hook.py is a script run by tests/test_crash.py, not a test module",
                allow_module_level=True)

from dateline import api  # noqa: E402
from dateline.engine import local  # noqa: E402
from dateline.store.store import Store  # noqa: E402

PHASE, ARG = "none", ""
_log: Any = None
count = {"tx": 0, "extract": 0, "export": 0}
fusing = False


def event(what: str) -> None:
    _log.write(what + "\n")


def die() -> None:
    event("kill")
    os.kill(os.getpid(), signal.SIGKILL)


def die_in(seconds: str) -> None:
    timer = threading.Timer(float(seconds), die)
    timer.daemon = True
    timer.start()


_init, _transaction, _extract, _fuse, _export = (Store.__init__, Store.transaction, local.extract_batch,
                                                 api._fuse, Store.export)


def init(self: Store, *a: Any, **k: Any) -> None:
    _init(self, *a, **k)
    event("open")
    if PHASE == "open":
        die_in(ARG)


@contextmanager
def transaction(self: Store) -> Iterator[Any]:
    with _transaction(self) as c:
        yield c
        count["tx"] += 1
        event(f"tx {count['tx']}" + (" fuse" if fusing else ""))
        if (PHASE == "tx" and count["tx"] == int(ARG)) or (PHASE == "fusetx" and fusing):
            die()
    event(f"commit {count['tx']}")
    if PHASE == "committed" and count["tx"] == int(ARG):
        die()


def extract_batch(pipeline: Any, batch: list[Any]) -> Any:
    out = _extract(pipeline, batch)
    count["extract"] += 1
    event(f"extract {count['extract']}")
    if PHASE == "extract" and count["extract"] == int(ARG):
        die()
    return out


def fuse(store: Store) -> None:
    global fusing
    fusing = True
    event("fuse")
    if PHASE == "fuse":
        die_in(ARG)
    _fuse(store)


def export(self: Store, fmt: str, out: Any) -> Any:
    replace = pathlib.Path.replace

    def renaming(path: pathlib.Path, target: Any) -> Any:
        count["export"] += 1
        event(f"export {count['export']}")
        if PHASE == "export" and count["export"] == int(ARG):
            die()
        return replace(path, target)

    pathlib.Path.replace = renaming  # type: ignore[method-assign]
    return _export(self, fmt, out)


def main() -> None:
    global PHASE, ARG, _log
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    spec, log = sys.argv[1], sys.argv[2]
    sys.argv = ["dateline", *sys.argv[3:]]
    PHASE, _, ARG = spec.partition(":")
    _log = open(log, "a", buffering=1, encoding="utf-8")  # noqa: SIM115 - line-buffered: each event at once
    Store.__init__ = init  # type: ignore[method-assign]
    Store.transaction = transaction  # type: ignore[method-assign,assignment]
    Store.export = export  # type: ignore[method-assign]
    local.extract_batch = extract_batch
    api._fuse = fuse

    from dateline.cli import main as cli

    try:
        cli()
        code: Any = 0
    except SystemExit as e:
        code = e.code
    event(f"exit {code}")
    if PHASE != "none":
        die()
    sys.exit(code)


if __name__ == "__main__":
    main()
