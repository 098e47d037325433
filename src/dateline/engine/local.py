"""Local engines: one process, or a pool of forked workers that each hold the loaded pipeline.

Input is consumed lazily with a bounded number of batches in flight, so memory stays constant in the
number of articles; results come back in input order. With several workers each batch is cut into one piece
per worker, of about equal text length, so the workers finish a batch together (articles vary a hundredfold
in length: whole batches as tasks leave a worker idle behind a long one, and the last batch runs alone).
"""
from __future__ import annotations

import multiprocessing as mp
import os
from collections import deque
from collections.abc import Iterable, Iterator

from ..extract.pipeline import Pipeline
from ..model import Article, Extraction, Rejected

Result = list[Extraction | Rejected]

_WORKER_PIPELINE: Pipeline | None = None  # set in the parent before forking; inherited by every worker


def _work(batch: list[Article]) -> Result:
    assert _WORKER_PIPELINE is not None
    return list(_WORKER_PIPELINE.pipe_safe(batch, batch_size=len(batch) or 1))


def run_batches(batches: Iterable[list[Article]], pipeline: Pipeline, *, workers: int = 1) -> Iterator[Result]:
    """Extract every batch; ``workers`` > 1 uses that many forked processes (the model is loaded once,
    before forking, and shared copy-on-write)."""
    if workers <= 1 or "fork" not in mp.get_all_start_methods():
        for batch in batches:
            yield list(pipeline.pipe_safe(batch, batch_size=len(batch) or 1))
        return
    global _WORKER_PIPELINE
    _WORKER_PIPELINE = pipeline
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    ctx = mp.get_context("fork")
    in_flight: deque[list[mp.pool.AsyncResult[Result]]] = deque()
    with ctx.Pool(processes=workers) as pool:
        for batch in batches:
            in_flight.append([pool.apply_async(_work, (piece,)) for piece in split_even(batch, workers)])
            while len(in_flight) > 2:  # the next batches keep the workers busy while the caller stores one
                yield [r for part in in_flight.popleft() for r in part.get()]
        while in_flight:
            yield [r for part in in_flight.popleft() for r in part.get()]


def split_even(batch: list[Article], parts: int) -> list[list[Article]]:
    """``batch`` cut into at most ``parts`` contiguous pieces of about equal total text length, in order."""
    if parts <= 1 or len(batch) <= 1:
        return [batch]
    total = sum(len(a.text) for a in batch)
    pieces: list[list[Article]] = []
    piece: list[Article] = []
    done = 0
    for a in batch:
        piece.append(a)
        done += len(a.text)
        if len(pieces) < parts - 1 and done * parts >= total * (len(pieces) + 1):
            pieces.append(piece)
            piece = []
    if piece:
        pieces.append(piece)
    return pieces
