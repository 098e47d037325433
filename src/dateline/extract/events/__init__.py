"""PLOVER event coding: who did what to whom, when and where, from the existing dependency parse.

The component factory is in ``component`` (imported by ``extract._components``); the other modules hold pure ``find_*`` helpers and the lexicon."""
from __future__ import annotations
