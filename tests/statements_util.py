"""Shared helpers of the statements tests: run the default configuration on a sentence, pick a statement by cue
or by the position of its cue (the ``pipe`` fixture, in conftest.py, is the default configuration)."""
from __future__ import annotations

from dateline.extract.pipeline import Pipeline
from dateline.model import Article, Statement


def default_pipe() -> Pipeline:
    """The statements component in its default configuration, with the components it reads."""
    return Pipeline(["time", "entities", "statements"])


def speech(stmts: list[Statement]) -> list[Statement]:
    """The speech statements (``kind="speech"``: what these tests are about; the default configuration also
    gives the learned model's other attributions, ``kind="attribution"``)."""
    return [s for s in stmts if s.kind == "speech"]


def run(pipe: Pipeline, text: str) -> list[Statement]:
    ex = pipe(Article(id="t", text=text, dct="2025-03-14"))
    return sorted(speech(ex.statements), key=lambda s: s.start)


def by_cue(stmts: list[Statement], cue: str) -> Statement:
    hits = [s for s in stmts if s.cue == cue]
    assert len(hits) == 1, [(s.speaker, s.cue, s.content) for s in stmts]
    return hits[0]


def at(stmts: list[Statement], text: str, cue: str, nth: int = 0) -> Statement:
    """The one statement whose cue is the ``nth`` occurrence of ``cue`` in ``text``."""
    pos = [i for i in range(len(text)) if text.startswith(cue, i)][nth]
    hits = [s for s in stmts if s.cue_start == pos]
    assert len(hits) == 1, [(s.speaker, s.cue, s.cue_start, s.content) for s in stmts]
    return hits[0]
