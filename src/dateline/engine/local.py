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

#: most text parsed in one spaCy batch. spaCy's memory grows with the tokens of a batch (the parser and NER
#: hold ~14 KB a token: 32 T17 articles of 45k words peak at +650 MB, one 10k-word article adds 165 MB), while
#: its speed is the same for batches of 2 to 32 articles; so batches are cut by length as well as by count.
SPACY_BATCH_CHARS = 30_000


def extract_batch(pipeline: Pipeline, batch: list[Article]) -> Result:
    """Extract one batch, parsing it in spaCy batches of at most ``SPACY_BATCH_CHARS`` characters."""
    out: Result = []
    for piece in split_chars(batch, SPACY_BATCH_CHARS):
        out += pipeline.pipe_safe(piece, batch_size=len(piece))
    return out


def split_chars(batch: list[Article], limit: int) -> list[list[Article]]:
    """``batch`` cut into contiguous pieces of at most ``limit`` characters (or of one longer article)."""
    pieces: list[list[Article]] = []
    piece: list[Article] = []
    size = 0
    for a in batch:
        if piece and size + len(a.text) > limit:
            pieces.append(piece)
            piece, size = [], 0
        piece.append(a)
        size += len(a.text)
    if piece:
        pieces.append(piece)
    return pieces


def _work(batch: list[Article]) -> Result:
    assert _WORKER_PIPELINE is not None
    return extract_batch(_WORKER_PIPELINE, batch)


def run_batches(batches: Iterable[list[Article]], pipeline: Pipeline, *, workers: int = 1) -> Iterator[Result]:
    """Extract every batch; ``workers`` > 1 uses that many forked processes (the model is loaded once,
    before forking, and shared copy-on-write)."""
    if workers <= 1 or "fork" not in mp.get_all_start_methods():
        for batch in batches:
            yield extract_batch(pipeline, batch)
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
