"""serve: the REST API and the analyst web page (``dateline serve``)."""
from __future__ import annotations

from .app import create_app

__all__ = ["create_app"]
