"""Figures on long articles: the per-article indexes give the same answers as the plain scans, and the component
grows linearly with the article (no per-figure pass over the whole document)."""
from __future__ import annotations

import re
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dateline.extract.time import component as _time  # noqa: F401  registers the "time" component
from dateline.extract.figures.component import find_quantities
from dateline.extract.figures.context import StatementIndex, covering_statement
from dateline.extract.figures.numbers import _letters_before
from dateline.extract.nlp import load_nlp
from dateline.extract.registry import Context, get_factory
from dateline.model import Article, Statement

_spans = st.lists(st.tuples(st.integers(0, 60), st.integers(0, 30)), max_size=40)


@settings(max_examples=300, deadline=None)
@given(_spans, st.lists(st.tuples(st.integers(0, 70), st.integers(0, 10)), min_size=1, max_size=20))
def test_statement_index_is_covering_statement(spans: list[tuple[int, int]], queries: list[tuple[int, int]]) -> None:
    statements = [Statement(start=a, end=a + n, text="x" * n) for a, n in spans]
    index = StatementIndex(statements)
    for a, n in queries:
        assert index.covering(a, a + n) is covering_statement(statements, a, a + n)


_OLD_LETTERS_BEFORE = re.compile(r"[A-Za-z=]+$")  # what _letters_before replaces (a search from the text start)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="aZ=é1 -\n", max_size=30), st.integers(0, 30))
def test_letters_before_is_the_old_regex(text: str, end: int) -> None:
    end = min(end, len(text))
    m = _OLD_LETTERS_BEFORE.search(text, 0, end)
    expected = m.group(0) if m is not None and m.end() == end else ""
    assert _letters_before(text, end) == expected


_PARA = ("Israeli strikes on Tuesday killed 404 people in Gaza, the health ministry said on Wednesday. "
         "560 others were wounded in the strikes, including 3/4 of them children, according to the ministry. "
         "The COVID-19 toll has reached 1,200 since the war began, and S23 sales rose by two-thirds. "
         "Of the 58 hostages still held in Gaza, 35 are dead, it said. ")


def _figures_cpu(doc, text: str) -> tuple[float, int]:
    ctx = Context(article=Article(id="long", text=text, dct="2024-08-16"))
    get_factory("time")()(doc, ctx)
    best = float("inf")
    for _ in range(2):
        t0 = time.process_time()
        qs = find_quantities(doc, timexes=ctx.timexes, dct="2024-08-16")
        best = min(best, time.process_time() - t0)
    return best, len(qs)


@pytest.mark.slow
def test_figures_time_grows_linearly() -> None:
    """4x the text takes ~4x the time (a per-figure scan of the whole article made it ~11x at this size)."""
    nlp = load_nlp()
    big_text = _PARA * 120  # ~43 KB, one paragraph
    big = nlp(big_text)
    cut = next(s.end for s in big.sents if s.end_char >= len(big_text) // 4)
    small = big[:cut].as_doc()
    t_small, n_small = _figures_cpu(small, small.text)
    t_big, n_big = _figures_cpu(big, big_text)
    assert n_big >= 3 * n_small > 0
    assert t_big / max(t_small, 1e-3) < 8, (t_small, t_big)  # the old code: 0.071 s -> 0.729 s
