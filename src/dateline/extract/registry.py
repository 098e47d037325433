"""Pluggable extract components (like spaCy's factories).

A component is a callable ``component(doc, ctx) -> None`` that reads the parsed spaCy ``Doc`` and the
records already found by earlier components (``ctx``), and appends its own records to ``ctx``.
Register one with ``@register("name", requires=..., reads=..., assigns=...)`` on a factory
``make(**config) -> component``; the pipeline builds components by name, so users can add theirs without
touching dateline's code.

The contract names ``Context`` fields (``"timexes"``, ``"entities"``, ``"actor_at"``, ...):

- ``assigns``: the fields the component fills;
- ``requires``: fields it cannot work without -- an earlier component must assign each;
- ``reads``: fields it uses when present -- no *later* component may assign one (it would read an empty value).

``Pipeline`` checks the order with :func:`check_order` and raises ``ConfigError`` for one that cannot work.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, fields
from typing import TYPE_CHECKING, Callable, Protocol

from spacy.tokens import Doc

from ..errors import ConfigError
from ..model import Entity, Extraction, Place, Statement

if TYPE_CHECKING:
    from .entities.kb import ActorKB


@dataclass(slots=True, kw_only=True)
class Context(Extraction):
    """What one article's components share: the article (its DCT may be estimated on the way), the record
    lists of an ``Extraction`` that components append to, and the token indexes below (not records: they are
    not stored)."""

    #: entities: for each token inside an actor mention, keyed by the token's character offset
    #: (``token.idx``), the actor it stands for -- the mention whose head is that token, else the smallest
    #: mention covering it ("Qatari" -> Qatar). Places, facilities and events are not in it.
    actor_at: dict[int, Entity] = field(default_factory=dict)
    #: entities: same keys, every actor a token stands for (the head of "Qatari and Egyptian mediators" ->
    #: [Qatar mediators, Egypt mediators])
    actors_at: dict[int, list[Entity]] = field(default_factory=dict)
    #: entities: the loaded actor knowledge base (``kb.lookup(name)``), None before the entities component
    actor_kb: ActorKB | None = None
    #: places: for each token of a place mention, keyed by ``token.idx``, the Place it is part of
    place_at: dict[int, Place] = field(default_factory=dict)
    #: statements: the attributions (``Statement.kind == "attribution"``) found besides the speech statements of
    #: ``statements``; kept apart while the components run (later components -- figure sources, events' reported
    #: speech -- read speech only) and stored with the statements
    attributions: list[Statement] = field(default_factory=list)

    def to_extraction(self) -> Extraction:
        key = lambda r: (r.start, r.end)  # noqa: E731
        recs = self.records()
        recs["statements"] = [*recs["statements"], *self.attributions]
        return Extraction(article=self.article, **{name: sorted(rs, key=key) for name, rs in recs.items()})


#: the Context fields a contract may name ("dct": the article's DCT, which the time component may estimate)
CONTEXT_FIELDS: frozenset[str] = frozenset(f.name for f in fields(Context)) - {"article"} | {"dct"}


class Component(Protocol):
    def __call__(self, doc: Doc, ctx: Context) -> None: ...


Factory = Callable[..., Component]


@dataclass(frozen=True, slots=True)
class ComponentInfo:
    """A registered factory and its contract."""

    name: str
    factory: Factory
    requires: tuple[str, ...] = ()
    reads: tuple[str, ...] = ()
    assigns: tuple[str, ...] = ()


_FACTORIES: dict[str, ComponentInfo] = {}


def register(name: str, *, requires: Sequence[str] = (), reads: Sequence[str] = (),
             assigns: Sequence[str] = ()) -> Callable[[Factory], Factory]:
    """Register a component factory under ``name`` with its contract (``Context`` field names)."""
    unknown = sorted((set(requires) | set(reads) | set(assigns)) - CONTEXT_FIELDS)
    if unknown:
        raise ConfigError(f"component {name!r}: unknown Context fields {unknown}; known: {sorted(CONTEXT_FIELDS)}")

    def deco(factory: Factory) -> Factory:
        _FACTORIES[name] = ComponentInfo(name, factory, tuple(requires), tuple(reads), tuple(assigns))
        return factory

    return deco


def _builtins() -> None:
    from . import _components  # noqa: F401  registers the built-in components (imported late: they import us)


def get_info(name: str) -> ComponentInfo:
    _builtins()
    try:
        return _FACTORIES[name]
    except KeyError:
        raise ConfigError(f"unknown extract component {name!r}; known: {sorted(_FACTORIES)}") from None


def get_factory(name: str) -> Factory:
    return get_info(name).factory


def registered() -> list[str]:
    _builtins()
    return sorted(_FACTORIES)


def check_order(names: Sequence[str]) -> None:
    """Raise ``ConfigError`` when the components ``names``, run in this order, cannot work: an unknown name,
    a required field no earlier component assigns, or a field read before a later component assigns it."""
    infos = [get_info(n) for n in names]
    problems: list[str] = []
    for i, info in enumerate(infos):
        before = {f for earlier in infos[:i] for f in earlier.assigns}
        for f in info.requires:
            if f not in before:
                by = sorted(o.name for o in _FACTORIES.values() if f in o.assigns)
                later = [o.name for o in infos[i + 1:] if f in o.assigns]
                hint = f"move {later[0]!r} before it" if later else f"add {' or '.join(map(repr, by))} before it"
                problems.append(f"{info.name!r} requires {f!r}, which no earlier component assigns ({hint})")
        for f in info.reads:
            later = [o.name for o in infos[i + 1:] if f in o.assigns and f not in before]
            if later:
                problems.append(f"{info.name!r} reads {f!r}, which {later[0]!r} assigns only after it "
                                f"(move {later[0]!r} before {info.name!r})")
    if problems:
        raise ConfigError(f"extract components {list(names)}: " + "; ".join(problems))
