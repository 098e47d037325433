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

from ..model import Extraction


@dataclass(slots=True, kw_only=True)
class Context(Extraction):
    """What one article's components share: the article (its DCT may be estimated on the way), the record
    lists of an ``Extraction`` that components append to, and scratch space."""

    #: scratch space for components to pass data to later ones (e.g. resolved actors per token)
    extra: dict[str, Any] = field(default_factory=dict)

    def to_extraction(self) -> Extraction:
        key = lambda r: (r.start, r.end)  # noqa: E731
        return Extraction(article=self.article, **{name: sorted(recs, key=key)
                                                   for name, recs in self.records().items()})


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
