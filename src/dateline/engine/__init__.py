"""engine: how extraction runs over many articles (one process, a local process pool, or Ray Data)."""
from __future__ import annotations

from .local import run_batches

__all__ = ["run_batches"]
