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


def test_ptb_share_list_keeps_its_groups(pipeline) -> None:
    text = ("The poll says Peruvians are the biggest group -LRB- 31 % -RRB- , followed by Bolivians -LRB- 12 % -RRB- "
            "and those from other countries -LRB- 6 % -RRB- .")
    assert _fig(pipeline, text, 6).scope == "those from other countries"
    assert _fig(pipeline, text, 31).scope == "Peruvians"


@pytest.mark.parametrize("text,value,expected", [
    # the place a reporting verb's passive subject is counted in (the active's object already had it)
    ("Health officials said 640 cases had been reported in Ontario.", 640, "in Ontario"),
    ("Some 85 deaths have been confirmed in Bolivia, the ministry said.", 85, "in Bolivia"),
    # 'so far this year': a window to date, not the as-of's date
    ("The clinic said 410 patients had been treated so far this year.", 410, "so far this year"),
    # a later conjunct verb with no subject of its own holds where the first does
    ("The index dropped 3.1 % in Tokyo on Monday but ended only 0.8 % lower .", 0.8, "in Tokyo"),
    # money spent on an action (a nominalised verb), not on goods
    ("The ministry will spend $ 45m on resettlement next year .", 45e6, "resettlement"),
    ("The agency is raising its spending on vaccination to $ 90m .", 90e6, "vaccination"),
    # a participle on the counted noun is its predicate: its phrases restrict the count
    ("Medics treated 65 people hurt in the explosion at the depot.", 65, "in the explosion"),
    # where people left from
    ("Around 4,500 residents were evacuated from the coast of Florida.", 4500, "from the coast of Florida"),
    ("Some 25,000 people have fled from Tripoli, aid agencies said.", 25000, "from Tripoli"),
])
def test_scope_readings_s10(pipeline, text, value, expected) -> None:
    assert _fig(pipeline, text, value).scope == expected


@pytest.mark.parametrize("text,value", [
    ("The city has spent $ 12m on blankets and bottled water .", 12e6),  # goods: no operation
    ("The virus has killed 230 people this year .", 230),  # 'this year' alone: the as-of
])
def test_no_new_scope_s10(pipeline, text, value) -> None:
    assert _fig(pipeline, text, value).scope is None


def test_later_conjunct_with_its_own_subject_and_place(pipeline) -> None:
    text = "Rebels said 30 fighters died in Benghazi and 12 were wounded in Tripoli ."
    assert _fig(pipeline, text, 12).scope.startswith("in Tripoli")
    assert _fig(pipeline, text, 30).scope.startswith("in Benghazi")


@pytest.mark.parametrize("text,value,expected", [
    # a possessive pointing back is written as what it names (guideline v2 (1))
    ("The Red Cross says 40 people from its Benghazi office are safe .", 40, "from The Red Cross's Benghazi office"),
    ("Floods hit Bolivia in March . Officials said 25 people died in the country 's worst storm .", 25,
     "in Bolivia's worst storm"),
])
def test_back_pointing_possessive(pipeline, text, value, expected) -> None:
    assert _fig(pipeline, text, value).scope == expected


def test_possessive_with_nothing_named_is_kept(pipeline) -> None:
    text = "The army said 40 soldiers from its garrison had deserted ."
    assert "its garrison" in (_fig(pipeline, text, 40).scope or "")
