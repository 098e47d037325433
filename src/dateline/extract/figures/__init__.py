"""Numeric claims ("figures"): value, what is counted, qualifier, scope, as-of date and source.

The component factory is in ``component`` (imported by ``extract._components``); the other modules hold pure ``find_*`` helpers and the lexicon."""
from __future__ import annotations
