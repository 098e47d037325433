"""Pluggable extract components (like spaCy's factories).

A component is a callable ``component(doc, ctx) -> None`` that reads the parsed spaCy ``Doc`` and the
records already found by earlier components (``ctx``), and appends its own records to ``ctx``.
Register one with ``@register("name")`` on a factory ``make(**config) -> component``; the pipeline builds
components by name, so users can add theirs without touching dateline's code.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Protocol

from spacy.tokens import Doc

from ..model import Article, Entity, Event, Extraction, Figure, Place, Statement, Timex


@dataclass(slots=True)
class Context:
    """What one article's components share: the article (its DCT may be estimated on the way) and records."""

    article: Article
    timexes: list[Timex] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    #: scratch space for components to pass data to later ones (e.g. resolved actors per token)
    extra: dict[str, Any] = field(default_factory=dict)

    def to_extraction(self) -> Extraction:
        key = lambda r: (r.start, r.end)  # noqa: E731
        return Extraction(
            article=self.article,
            timexes=sorted(self.timexes, key=key),
            entities=sorted(self.entities, key=key),
            statements=sorted(self.statements, key=key),
            figures=sorted(self.figures, key=key),
            events=sorted(self.events, key=key),
            places=sorted(self.places, key=key),
        )


class Component(Protocol):
    def __call__(self, doc: Doc, ctx: Context) -> None: ...


Factory = Callable[..., Component]
_FACTORIES: dict[str, Factory] = {}


def register(name: str) -> Callable[[Factory], Factory]:
    """Register a component factory under ``name``."""

    def deco(factory: Factory) -> Factory:
        _FACTORIES[name] = factory
        return factory

    return deco


def get_factory(name: str) -> Factory:
    try:
        return _FACTORIES[name]
    except KeyError:
        raise KeyError(f"unknown extract component {name!r}; known: {sorted(_FACTORIES)}") from None


def registered() -> list[str]:
    return sorted(_FACTORIES)
