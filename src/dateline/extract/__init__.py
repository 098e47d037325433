"""extract: one spaCy parse per article, then pluggable components (time, entities, places, statements,
figures, events) that turn it into records."""
from __future__ import annotations

from .pipeline import DEFAULT_COMPONENTS, Pipeline, default_pipeline
from .registry import Context, register, registered

__all__ = ["DEFAULT_COMPONENTS", "Context", "Pipeline", "default_pipeline", "register", "registered"]

from .._callable import make_callable  # noqa: E402

make_callable(__name__, "dateline.api:extract")
