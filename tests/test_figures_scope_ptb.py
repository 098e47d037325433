"""Scope on Penn-Treebank-tokenized news (issue 20, session 10): a bracket written as ``-LRB-`` / ``-RRB-`` is read as
a bracket by the tagger and parser, and an amount converted in brackets is no group the conversion is a share of.
Sentences written for these tests."""
from __future__ import annotations

import pytest

from dateline.extract.nlp import load_nlp
from dateline.model import Article


def _fig(pipeline, text: str, value: float):
    ex = pipeline(Article(id=f"p{abs(hash(text)) % 10**8}", text=text, dct="2011-06-09"))
    hits = [f for f in ex.figures if f.value is not None and abs(f.value - value) < 1e-6 * max(1.0, value)]
    assert len(hits) == 1, [(f.text, f.value) for f in ex.figures]
    return hits[0]


def test_ptb_bracket_is_punctuation() -> None:
    doc = load_nlp()("The charity has spent about $ 2m -LRB- # 1.3m -RRB- so far rebuilding the village school .")
    brackets = [t for t in doc if t.text in ("-LRB-", "-RRB-")]
    assert [t.pos_ for t in brackets] == ["PUNCT", "PUNCT"]
    assert doc.text.count("-LRB-") == 1  # the text is unchanged


def test_operation_after_a_ptb_conversion(pipeline) -> None:
    text = "The charity has spent about $ 2m -LRB- # 1.3m -RRB- so far rebuilding the village school ."
    assert _fig(pipeline, text, 2e6).scope == "rebuilding the village school"
    assert _fig(pipeline, text, 1.3e6).scope == "rebuilding the village school"


@pytest.mark.parametrize("text,value", [
    ("Divers found the wreck 3,000 feet -LRB- 914 m -RRB- below the surface .", 914),
    ("The fee for the event is $ 5m -LRB- # 3m -RRB- a year .", 3e6),
])
def test_conversion_is_no_share_of_a_group(pipeline, text, value) -> None:
    assert _fig(pipeline, text, value).scope is None
