"""The Ray Data engine: the same pipeline as a Ray Data job, for runs past one machine.

Files are listed by the driver; reading, parsing and extraction run as Ray tasks/actors (one pipeline per
actor, loaded once). The output is a folder of Parquet partitions with one row per article (the full record
as JSON, or the rejection) that ``dateline load`` brings into DuckDB. On a cluster, start Ray there
(``ray start --head`` / ``--address``) and set ``RAY_ADDRESS``; the job runs unchanged.
"""
from __future__ import annotations

import json
import os
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from ..ingest import file_id, files_under, read_paths
from ..model import Article, Extraction, Rejected

ROW_KINDS = ("extraction", "rejected")


def list_inputs(paths: Sequence[str | Path]) -> list[dict[str, str | None]]:
    """One row per input file: its path and, below a given folder, its article id (as ``read_path`` gives)."""
    out: list[dict[str, str | None]] = []
    for p in map(Path, paths):
        if p.is_dir():
            out += [{"path": str(c), "id": file_id(c, p)} for c in files_under(p)]
        else:
            out.append({"path": str(p), "id": None})
    return out


def _read(row: dict[str, Any], dct: str | None) -> list[dict[str, Any]]:
    rows = []
    for item in read_paths([row["path"]], dct=dct, id=row.get("id")):
        if isinstance(item, Rejected):
            rows.append({"kind": "rejected", "id": item.path, "payload": json.dumps(item.to_dict())})
        else:
            rows.append({"kind": "article", "id": item.id, "payload": json.dumps(item.to_dict())})
    return rows


class _Extractor:
    """A Ray actor: loads the pipeline once, then extracts batches of article rows."""

    def __init__(self, components: Sequence[str] | None = None,
                 config: dict[str, dict[str, Any]] | None = None) -> None:
        from ..extract import Pipeline

        self.pipeline = Pipeline(components, config=config)

    def __call__(self, batch: dict[str, Any]) -> dict[str, list[str]]:
        rows: list[tuple[str, str, str]] = []
        articles = []
        for kind, rid, payload in zip(batch["kind"], batch["id"], batch["payload"]):
            if kind == "article":
                articles.append(Article.from_dict(json.loads(payload)))
            else:
                rows.append(("rejected", str(rid), str(payload)))
        from .local import extract_batch

        for res in extract_batch(self.pipeline, articles):
            if isinstance(res, Extraction):
                rows.append(("extraction", res.article.id, json.dumps(res.to_dict())))
            else:
                rows.append(("rejected", res.path, json.dumps(res.to_dict())))
        return {"kind": [r[0] for r in rows], "id": [r[1] for r in rows], "payload": [r[2] for r in rows]}


def run(paths: Sequence[str | Path], out: str | Path, *, dct: str | None = None, batch_size: int | None = None,
        workers: int = 2, components: Sequence[str] | None = None,
        config: dict[str, dict[str, Any]] | None = None) -> str:
    """Run extraction as a Ray Data job; writes Parquet partitions to ``out`` and returns it (``components`` and
    ``config`` as for ``Pipeline``: each extractor builds its own)."""
    from ..settings import settings

    batch_size = batch_size or settings.batch_size
    import ray

    started = False
    if not ray.is_initialized():
        # a local Ray unless RAY_ADDRESS points at a cluster; one CPU more than the extractors, so the
        # reading tasks are never starved by the actors
        num_cpus = None if os.environ.get("RAY_ADDRESS") else max(2, workers + 1)
        ray.init(include_dashboard=False, log_to_driver=False, ignore_reinit_error=True, num_cpus=num_cpus)
        started = True
    files = list_inputs(paths)  # readers decide per file; unsupported files become rejections
    items: Any = ray.data.from_items(files)
    ds: Any = items.flat_map(_read, fn_kwargs={"dct": dct}, num_cpus=0.5)
    ds = ds.map_batches(_Extractor, fn_constructor_kwargs={"components": components, "config": config}, batch_size=batch_size,
                        concurrency=max(1, workers), batch_format="numpy")
    try:
        ds.write_parquet(str(out))
    finally:
        if started:
            ray.shutdown()
    return str(out)


def load_rows(folder: str | Path) -> Iterator[tuple[list[Extraction], list[Rejected]]]:
    """Read the Parquet output of ``run`` back into records, one partition file at a time; a file that is no
    such partition (damaged, another table), or a row that does not read back, is a ``Rejected`` naming it."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    for f in sorted(Path(folder).rglob("*.parquet")):
        extractions: list[Extraction] = []
        rejected: list[Rejected] = []
        try:
            tbl = pq.read_table(f, columns=["kind", "payload"])
        except (pa.ArrowException, OSError, KeyError) as e:
            yield [], [Rejected(path=str(f), reason=f"not a partition of `dateline ingest --engine ray` ({e})")]
            continue
        for i, (kind, payload) in enumerate(zip(tbl.column("kind").to_pylist(), tbl.column("payload").to_pylist())):
            try:
                d = json.loads(payload)
                if kind == "extraction":
                    extractions.append(Extraction.from_dict(d))
                else:
                    rejected.append(Rejected.from_dict(d))
            except (TypeError, ValueError, KeyError, AttributeError) as e:
                rejected.append(Rejected(path=f"{f}#row{i + 1}", reason=f"unreadable row ({type(e).__name__}: {e})"))
        yield extractions, rejected
