"""The ``dateline`` command. Each module adds its commands to the shared typer app."""
from __future__ import annotations

# imported for their commands, in the order `dateline --help` lists them
from . import core  # noqa: F401  isort: skip
from . import fuse, timeml, serve, batch, live  # noqa: F401  isort: skip
from .app import app


def main() -> None:
    app()


__all__ = ["app", "main"]
