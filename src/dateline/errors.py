"""Errors raised by dateline.

    DatelineError
     ├── InputError        an input (file, line, feed entry) could not be read as an article
     ├── StoreError        the DuckDB store cannot be opened or written (locked, read-only, disk full)
     └── ConfigError       a bad option or resource file
"""
from __future__ import annotations


class DatelineError(Exception):
    """Base of all dateline errors."""


class InputError(DatelineError):
    """An input could not be read; the message names the input and the reason."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class StoreError(DatelineError):
    """The store cannot be used."""


class ConfigError(DatelineError):
    """A bad option or resource file."""
