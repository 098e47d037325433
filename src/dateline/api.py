"""The Python API: ``extract(text, dct=...)`` and ``ingest(paths, db=...)``."""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .engine import run_batches
from .extract.pipeline import Pipeline, default_pipeline
from .ingest import read_paths
from .ingest.dates import to_iso_date
from .model import Article, Extraction, Rejected, text_hash
from .settings import settings
from .store import Store


def extract(
    text: str | Article,
    *,
    dct: str | None = None,
    title: str | None = None,
    source: str | None = None,
    url: str | None = None,
    id: str | None = None,
    pipeline: Pipeline | None = None,
) -> Extraction:
    """Extract every record from one article text (or an ``Article`` read by ``dateline.ingest``). A leading
    ``date YYYY-MM-DD`` header is honoured unless ``dct`` is given."""
    from .ingest.text import article_from_text

    if isinstance(text, Article):
        article = text
    elif isinstance(text, str):
        article = article_from_text(text, id=id or text_hash(text)[:16], title=title, source=source, url=url,
                                    check_header=not dct)
    else:
        raise TypeError(f"extract() takes an article's text or an Article, not {type(text).__name__}")
    if dct:
        iso = to_iso_date(dct)
        if iso is None:
            raise ValueError(f"dct: not a date: {dct!r} (use YYYY-MM-DD)")
        article.dct, article.dct_origin, article.dct_evidence = iso, "argument", "dct argument"
    return (pipeline or default_pipeline())(article)


@dataclass
class IngestReport:
    stored: int = 0
    unchanged: int = 0  # already in the store with the same id and text (skipped; use force=True to redo)
    rejected: list[Rejected] = field(default_factory=list)


def extract_all(items: Iterable[Article | Rejected], pipeline: Pipeline, rejected: list[Rejected],
                batch_size: int | None = None) -> Iterator[Extraction]:
    """Run the pipeline over articles, collecting the ``Rejected`` inputs (and articles whose extraction
    fails, with the reason) in ``rejected`` on the way."""

    def articles() -> Iterator[Article]:
        for item in items:
            if isinstance(item, Rejected):
                rejected.append(item)
            else:
                yield item

    for result in pipeline.pipe_safe(articles(), batch_size=batch_size):
        if isinstance(result, Rejected):
            rejected.append(result)
        else:
            yield result


def _chunks(items: Iterable[Article | Rejected], size: int) -> Iterator[list[Article | Rejected]]:
    chunk: list[Article | Rejected] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _store_files(db: str | Path) -> frozenset[Path]:
    """The store file and its write-ahead log, which an ingest of the folder holding them meets."""
    p = Path(db).resolve()
    return frozenset({p, p.with_name(p.name + ".wal")})


def _is_own(path: str, own: frozenset[Path]) -> bool:
    """Whether the input ``path`` is one of the store's own files (``dateline ingest .`` beside the store):
    passed over without a word, not rejected as an input."""
    try:
        return Path(path).resolve() in own
    except (OSError, ValueError):
        return False


def ingest(
    paths: Iterable[str | Path],
    *,
    db: str | Path | None = None,
    dct: str | None = None,
    pipeline: Pipeline | None = None,
    batch_size: int | None = None,
    workers: int = 1,
    force: bool = False,
    fuse: bool = True,
    on_article: Callable[[Extraction], None] | None = None,
    on_rejected: Callable[[Rejected], None] | None = None,
) -> IngestReport:
    """Read, extract and store, streaming in batches of ``batch_size``.

    Each batch is committed in one transaction, so an interrupted run loses at most the batch in flight, and
    a re-run with the same inputs skips articles already stored with the same text (resumable, idempotent).
    ``workers`` > 1 extracts in that many processes. ``db`` and ``batch_size`` default to ``Settings``
    (``DATELINE_DB``, ``DATELINE_BATCH_SIZE``).
    """
    db = db if db is not None else settings.db
    batch_size = batch_size or settings.batch_size
    pipeline = pipeline or default_pipeline()
    report = IngestReport()

    def reject(rs: list[Rejected], store: Store) -> None:
        if rs:
            store.add_rejected(rs)
            report.rejected.extend(rs)
            for r in rs:
                if on_rejected:
                    on_rejected(r)

    with Store(db) as store:
        run = _RunIds(store)

        own = _store_files(db)

        def todo() -> Iterator[list[Article]]:
            for chunk in _chunks(read_paths(paths, dct=dct), batch_size):
                reject([c for c in chunk if isinstance(c, Rejected) and not _is_own(c.path, own)], store)
                arts = [c for c in chunk if isinstance(c, Article)]
                if not force:
                    known = store.known_articles(arts)
                    report.unchanged += sum(1 for a in arts if a.id in known)
                    arts = [a for a in arts if a.id not in known]
                arts, again, clashes = run.check(arts)
                report.unchanged += again
                reject(clashes, store)
                if arts:
                    yield arts

        for results in run_batches(todo(), pipeline, workers=workers):
            done = [r for r in results if isinstance(r, Extraction)]
            report.stored += store.add(done)
            run.stored(done)
            reject([r for r in results if isinstance(r, Rejected)], store)
            if on_article:
                for ex in done:
                    on_article(ex)
        if fuse:
            _fuse(store)
    return report


class _RunIds:
    """Article ids met in one ingest run: a second article with an id already read in this run but another
    text (two files named alike, a JSON id used twice) is rejected, naming the first, instead of silently
    replacing it; the same article read twice is counted unchanged. Held in memory: the batches in flight
    only; what is stored is asked of the store (articles of the batches written since the run began)."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.since = store.last_batch()
        self.in_flight: dict[str, tuple[str, str | None]] = {}

    def check(self, arts: list[Article]) -> tuple[list[Article], int, list[Rejected]]:
        before = self.store.articles_since(self.since, [a.id for a in arts])
        keep: list[Article] = []
        again = 0
        clashes: list[Rejected] = []
        for a in arts:
            prev = self.in_flight.get(a.id) or before.get(a.id)
            if prev is None:
                self.in_flight[a.id] = (a.text_hash, a.path)
                keep.append(a)
            elif prev[0] == a.text_hash:
                again += 1
            else:
                clashes.append(Rejected(path=a.path or a.id, reason=(
                    f"duplicate id ({a.id!r} is also the id of {prev[1] or 'another input'} read in this run, with "
                    "another text; give each article its own id: a later run with this input alone replaces it)")))
        return keep, again, clashes

    def stored(self, done: list[Extraction]) -> None:
        for ex in done:
            self.in_flight.pop(ex.article.id, None)


def _fuse(store: Store) -> None:
    """Update duplicates, stories, fused records and timelines after a batch (the fuse stage)."""
    from .fuse import update as fuse_update

    fuse_update(store)
