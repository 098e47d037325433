"""spaCy NER label sets and PLOVER's action types, each defined once (extract, fuse, store, CLI and REST read
them from here)."""
from __future__ import annotations

#: labels of names that can be actors (the events component adds "ACTOR": entities' non-name actor mentions)
NAME_LABELS: frozenset[str] = frozenset({"PERSON", "ORG", "GPE", "NORP"})
#: names of agents: people, organisations, groups (a speaker, a person-or-organisation name to link)
AGENT_LABELS: frozenset[str] = NAME_LABELS - {"GPE"}
#: labels the entities component keeps (names, places, facilities, named events)
ENTITY_LABELS: frozenset[str] = NAME_LABELS | {"LOC", "FAC", "EVENT"}
#: labels a participant of an event can carry
ACTOR_LABELS: frozenset[str] = NAME_LABELS | {"LOC", "FAC", "ACTOR"}
#: numbers, amounts and times: never a participant
NUMERIC_LABELS: frozenset[str] = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"})
#: names of things, not of participants ("launched Operation Gideon's Chariots")
NAMES_NOT_ACTORS: frozenset[str] = frozenset({"EVENT", "WORK_OF_ART", "LAW", "PRODUCT", "LANGUAGE"})
#: what fuse does not count as an actor of a story (events and products stay: "the Olympics", "Relenza")
STORY_NON_ACTOR_LABELS: frozenset[str] = NUMERIC_LABELS | {"LANGUAGE", "WORK_OF_ART", "LAW"}

#: PLOVER's 16 action types (the ``action`` of an event)
PLOVER_ACTIONS: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)


def check_action(value: str) -> str:
    """``value`` as a PLOVER action type (any case: "consult" is CONSULT), else ``ValueError`` naming the types
    (the REST API's and the CLI's ``action`` filter: a typo is an error, not an empty answer)."""
    up = value.strip().upper()
    if up not in PLOVER_ACTIONS:
        raise ValueError(f"{value!r} is not a PLOVER action type; use one of {', '.join(sorted(PLOVER_ACTIONS))}")
    return up
