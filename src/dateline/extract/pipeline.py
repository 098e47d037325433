"""The extract stage: spaCy parses each article once, then dateline components run over the parse."""
from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from ..model import Article, Extraction, Rejected
from ..settings import settings
from ..zones import find_asides, in_asides
from .nlp import load_nlp
from .registry import Component, Context, check_order, get_factory

#: default component order: later components read what earlier ones found
DEFAULT_COMPONENTS: tuple[str, ...] = ("time", "entities", "places", "statements", "figures", "events")


def _context(article: Article) -> tuple[Context, tuple[tuple[int, int], ...]]:
    """A fresh Context for ``article`` and the article's asides (``zones.find_asides``: a comment section,
    lines in capitals, handle lines)."""
    return Context(article=article), find_asides(article.text, article.body_start or 0)


def drop_asides(ctx: Context, asides: tuple[tuple[int, int], ...]) -> None:
    """Take out (in place) the records a component found in the article's asides -- reader comments, page
    furniture: no entity, place, statement, figure or event comes from them. Time expressions stay (the
    time component's own records, which the timeline benchmark caches apart)."""
    if not asides:
        return
    for name, recs in [*ctx.records().items(), ("attributions", ctx.attributions)]:
        if name != "timexes" and any(in_asides(r.start, asides) for r in recs):
            recs[:] = [r for r in recs if not in_asides(r.start, asides)]


class Pipeline:
    """Build once, then ``pipeline(article)`` or ``pipeline.pipe(articles)``.

    ``components`` names registered components (see ``dateline.extract.registry``); an unknown name, or an
    order in which a component would miss what it requires or reads (``Pipeline(["events"])``: no entities, no
    places), raises ``ConfigError``. ``config`` maps a component name to keyword arguments for its factory.
    """

    def __init__(
        self,
        components: Sequence[str] | None = None,
        *,
        nlp: Language | None = None,
        config: dict[str, dict[str, Any]] | None = None,
    ) -> None:
        from . import _components  # noqa: F401  registers the built-in components

        names = tuple(components) if components is not None else tuple(
            n for n in DEFAULT_COMPONENTS if _components.is_available(n)
        )
        check_order(names)
        config = config or {}
        self.config = config
        self.component_names = names
        self.components: list[tuple[str, Component]] = [
            (n, get_factory(n)(**config.get(n, {}))) for n in names
        ]
        self.nlp = nlp if nlp is not None else load_nlp()

    def __repr__(self) -> str:
        config = f", config={self.config!r}" if self.config else ""
        return f"Pipeline(components={list(self.component_names)!r}{config})"

    def __call__(self, article: Article) -> Extraction:
        [result] = self.pipe([article])
        return result

    def pipe(self, articles: Iterable[Article], *, batch_size: int | None = None) -> Iterator[Extraction]:
        """Parse articles in batches (``nlp.pipe``) and run every component; yields one Extraction each.

        Errors propagate; see ``pipe_safe`` for batch runs that must go on. ``batch_size``: ``Settings.batch_size``
        unless given."""
        batch_size = batch_size or settings.batch_size
        pairs = ((a.text, a) for a in articles)
        for doc, article in self.nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
            ctx, asides = _context(article)
            for _name, component in self.components:
                component(doc, ctx)
                drop_asides(ctx, asides)
            yield ctx.to_extraction()

    def pipe_safe(self, articles: Iterable[Article], *, batch_size: int | None = None) -> Iterator[Extraction | Rejected]:
        """Like ``pipe``, but an article that cannot be processed becomes a ``Rejected`` with the reason,
        and the batch goes on."""
        batch_size = batch_size or settings.batch_size
        ok: list[Article] = []
        for a in articles:
            if len(a.text) > self.nlp.max_length:
                yield Rejected(path=a.path or a.id, reason=f"article too long ({len(a.text)} characters > "
                                                          f"{self.nlp.max_length})")
            else:
                ok.append(a)
        done = 0
        try:
            for doc, article in self.nlp.pipe(((a.text, a) for a in ok), as_tuples=True, batch_size=batch_size):
                done += 1
                yield self._components_safe(doc, article)
        except Exception:  # noqa: BLE001 - the parser failed on some article: redo the rest one by one
            for article in ok[done:]:
                try:
                    doc = self.nlp(article.text)
                except Exception as e:  # noqa: BLE001
                    yield Rejected(path=article.path or article.id,
                                   reason=f"parsing failed: {type(e).__name__}: {e}")
                    continue
                yield self._components_safe(doc, article)

    def _components_safe(self, doc: Doc, article: Article) -> Extraction | Rejected:
        name = ""
        try:
            ctx, asides = _context(article)
            for name, component in self.components:
                component(doc, ctx)
                drop_asides(ctx, asides)
        except Exception as e:  # noqa: BLE001 - one bad article must not stop a batch
            return Rejected(path=article.path or article.id,
                            reason=f"extraction failed in component {name!r}: {type(e).__name__}: {e}")
        return ctx.to_extraction()


_DEFAULT: Pipeline | None = None


def default_pipeline() -> Pipeline:
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Pipeline()
    return _DEFAULT
