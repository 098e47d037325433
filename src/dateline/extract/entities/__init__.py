"""Entities with canonical actors: spaCy NER, the offline actor KB, role appositions and group nouns.

The component factory is in ``component`` (imported by ``extract._components``); the other modules hold pure ``find_*`` helpers and the lexicon."""
from __future__ import annotations
