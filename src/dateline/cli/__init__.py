"""The ``dateline`` command. Each module adds its commands to the shared typer app."""
from __future__ import annotations

import importlib

from .app import app

for _mod in ("core", "timeml", "fuse", "serve", "batch"):
    try:
        importlib.import_module(f"{__name__}.{_mod}")
    except ModuleNotFoundError as e:  # command module not written yet
        if e.name != f"{__name__}.{_mod}":
            raise


def main() -> None:
    app()


__all__ = ["app", "main"]
