"""Attributed statements: every direct quote and reported statement, with who said it, through which outlet,

The component factory is in ``component`` (imported by ``extract._components``); the other modules hold pure ``find_*`` helpers and the lexicon."""
from __future__ import annotations
