"""The Python API: ``extract(text, dct=...)`` and ``ingest(paths, db=...)``."""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .extract.pipeline import Pipeline, default_pipeline
from .ingest import read_paths
from .ingest.dates import to_iso_date
from .model import Article, Extraction, Rejected, text_hash
from .store import Store


def extract(
    text: str,
    *,
    dct: str | None = None,
    title: str | None = None,
    source: str | None = None,
    url: str | None = None,
    id: str | None = None,
    pipeline: Pipeline | None = None,
) -> Extraction:
    """Extract every record from one article text. A leading ``date YYYY-MM-DD`` header is honoured
    unless ``dct`` is given."""
    from .ingest.text import article_from_text

    article = article_from_text(text, id=id or text_hash(text)[:16], title=title, source=source, url=url)
    if dct:
        iso = to_iso_date(dct)
        if iso is None:
            raise ValueError(f"dct: not a date: {dct!r} (use YYYY-MM-DD)")
        article.dct, article.dct_origin, article.dct_evidence = iso, "argument", "dct argument"
    return (pipeline or default_pipeline())(article)


@dataclass
class IngestReport:
    stored: int = 0
    rejected: list[Rejected] = field(default_factory=list)


def extract_all(items: Iterable[Article | Rejected], pipeline: Pipeline, rejected: list[Rejected],
                batch_size: int = 32) -> Iterator[Extraction]:
    """Run the pipeline over articles, collecting the ``Rejected`` inputs on the way (and articles whose
    extraction fails, with the reason)."""

    def articles() -> Iterator[Article]:
        for item in items:
            if isinstance(item, Rejected):
                rejected.append(item)
            else:
                yield item

    yield from pipeline.pipe(articles(), batch_size=batch_size)


def ingest(
    paths: Iterable[str | Path],
    *,
    db: str | Path = "dateline.duckdb",
    dct: str | None = None,
    pipeline: Pipeline | None = None,
    batch_size: int = 32,
    on_article: Callable[[Extraction], None] | None = None,
    on_rejected: Callable[[Rejected], None] | None = None,
) -> IngestReport:
    """Read, extract and store; commits every batch so nothing already stored is lost."""
    pipeline = pipeline or default_pipeline()
    report = IngestReport()
    rejected: list[Rejected] = []
    with Store(db) as store:
        batch: list[Extraction] = []
        for ex in extract_all(read_paths(paths, dct=dct), pipeline, rejected, batch_size=batch_size):
            batch.append(ex)
            if on_article:
                on_article(ex)
            while rejected:
                r = rejected.pop(0)
                report.rejected.append(r)
                store.add_rejected([r])
                if on_rejected:
                    on_rejected(r)
            if len(batch) >= batch_size:
                report.stored += store.add(batch)
                batch = []
        report.stored += store.add(batch)
        for r in rejected:
            report.rejected.append(r)
            if on_rejected:
                on_rejected(r)
        store.add_rejected(rejected)
    return report
