"""Geoparsing: place mentions -> ``Place`` records (name, ISO alpha-3 country, lat/lon, feature).

The component factory is in ``component`` (imported by ``extract._components``); the other modules hold pure ``find_*`` helpers and the lexicon."""
from __future__ import annotations
