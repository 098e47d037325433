"""Category, source, scope and value of figures read from their clause (issue 20): bulk-substance units, reporting
nouns, passive and contrast clauses, subgroups, periods and dated events. Sentences are written for these tests in
the style of the Timeline17 news they were found in (no article text is copied)."""
from __future__ import annotations

import pytest

from dateline.model import Article


def _fig(pipeline, text: str, dct: str, value: float):
    ex = pipeline(Article(id=f"c{abs(hash(text)) % 10**8}", text=text, dct=dct))
    hits = [f for f in ex.figures if f.value is not None and abs(f.value - value) < 1e-6 * max(1.0, value)]
    assert len(hits) == 1, [(f.text, f.value) for f in ex.figures]
    return hits[0]


@pytest.mark.parametrize("text,value,expected", [
    # a volume with no 'of X' noun: the sentence says it is oil, and that it leaks
    ("Government estimates now put the flow of crude into the sea at between 12,000 and 19,000 barrels a day.",
     12000, "oil spilled"),
    ("Scientists think nearly 300m litres have spilled since the rig blew up.", 300e6, "oil spilled"),
    # what is done with it on its own clause: collected oil is no spill, even in a sentence about the leak
    ("The firm said its containment dome had collected about 6,000 barrels from the leak on Monday.", 6000,
     "other"),
    # a length counts no one, although 'deployed' would make a bare number workers
    ("Crews have deployed 1.3 m ft of boom along the coast.", 1.3e6, "other"),
    # troops and police serve, they are no workforce
    ("The UN is sending an extra 2,000 troops to the island.", 2000, "other"),
    ("Some 800 police personnel are serving with the mission.", 800, "other"),
    # deaths in a disaster are killed (disease deaths are 'deaths')
    ("At least 12 members of the aid mission are known to have died in the earthquake.", 12, "killed"),
])
def test_category_from_the_clause(pipeline, text, value, expected) -> None:
    assert _fig(pipeline, text, "2010-06-10", value).category == expected


@pytest.mark.parametrize("text,value", [
    ("Officials said 7m litres a day could be leaking.", 7e6),   # 'm' before a unit word is a million
    ("The fund has raised 3.5 bn pesos since March.", 3.5e9),
    ("The charity has raised # 250,000 for the appeal.", 250000),  # '#' for '£' in ASCII-converted text
])
def test_scaled_and_currency_values(pipeline, text, value) -> None:
    f = _fig(pipeline, text, "2010-06-10", value)
    if "#" in text:
        assert f.unit == "pound sterling"


@pytest.mark.parametrize("text,value,expected", [
    # a report's owner gives it, the report itself is no one
    ("The World Health Organization published new figures on Monday. Its latest tally includes 52 deaths in "
     "the capital.", 52, "World Health Organization"),
    ("The revised estimates suggest the company will pay far more after the blast that killed 9 workers.", 9,
     None),
    ("Analysts at the bank say the shares have lost 30 % since April.", 30, "Analysts at the bank"),
    # 'the company' is the most often named company before it, not the public body named last
    ("BP has been criticised over the spill. BP shares fell again in London. The US Coast Guard said the slick "
     "had reached Florida. The company said it had collected 352 barrels of oil on Sunday.", 352, "BP"),
    # a passive reporting verb names no one
    ("The company is estimated to have spent $ 6bn so far.", 6e9, None),
    # a role in apposition to the name: the name
    ("The agency 's director , Maria Lopez , said up to 4m litres a day had escaped.", 4e6, "Maria Lopez"),
    # another actor's fact beside the report
    ("The opposition said it would bring home its 400 soldiers , while Spain withdrew 900 troops last month .",
     900, None),
])
def test_source_from_the_clause(pipeline, text, value, expected) -> None:
    f = _fig(pipeline, text, "2010-06-10", value)
    if expected is None:
        assert f.source is None
    else:
        assert f.source is not None and expected.lower() in f.source.lower()


@pytest.mark.parametrize("text,value,expected", [
    # the counted people's role is a subgroup too (scope guideline v2 of the T17 gold)
    ("Since 2004 three soldiers have been killed and 14 wounded in the province.", 14, "since 2004, soldiers"),
    ("The health ministry has confirmed 900 cases in 25 countries.", 900, "in 25 countries"),
    ("Peru, where there have been nearly 200 cases, closed its schools.", 200, "in Peru"),
    ("Border guards detained 40 smugglers during the past three months.", 40, "during the past three months"),
    ("The ministry said 60 people from the convoy are still missing.", 60, "from the convoy"),
    ("Rebels said 25 people were killed in Misrata in the past 24 hours.", 25, "in Misrata, in the past 24 hours"),
    ("Shares have fallen since the 14 March fire that killed 8 workers at the plant.", 8, "on 2010-03-14, workers"),
])
def test_scope_from_the_clause(pipeline, text, value, expected) -> None:
    assert _fig(pipeline, text, "2010-06-10", value).scope == expected
