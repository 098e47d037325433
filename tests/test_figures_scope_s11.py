"""Scope readings of session 11 (issue 20, guideline v2 in ``examples/t17_gold/figures.json``): every restriction
the sentence gives joined (the cause and the place), the age band or people a share's copula names, the place of
the people who report or act on a count, the place a participle clause's host act happened in, the whole an
'including'/'with' part belongs to, 'there' and 'this country' resolved, conditions on counted people, people words
on a tally, and what is no scope (the topic event, 'among other things', compound prepositions, another clause's or
list item's phrases). Sentences are written for these tests."""
from __future__ import annotations

import pytest

from dateline.model import Article


def _fig(pipeline, text: str, value: float, dct: str = "2011-04-14"):
    ex = pipeline(Article(id=f"s{abs(hash(text)) % 10**8}", text=text, dct=dct))
    hits = [f for f in ex.figures if f.value is not None and abs(f.value - value) < 1e-6 * max(1.0, value)]
    assert len(hits) == 1, [(f.text, f.value) for f in ex.figures]
    return hits[0]


@pytest.mark.parametrize("text,value,expected", [
    # a share's copula: an age band, or people narrowed by a modifier
    ("About 60% of those infected were under 18.", 60, "under 18"),
    ("Nearly 90 percent of the deaths were among people aged between 20 and 50.", 90,
     "people aged between 20 and 50"),
    # the people who report or act on the count, where they are
    ("Authorities in Egypt have ordered the slaughter of 300,000 pigs.", 300000, "in Egypt"),
    ("Mexico's health minister said the death toll had risen to 22.", 22, "in Mexico"),
    ("Rebels in Misrata said government snipers had killed 14 people on Tuesday.", 14, "in Misrata"),
    # a participle clause's count happened where its host act did
    ("Government troops shelled the western town of Yafran, killing 12 people.", 12, "in Yafran"),
    # a later conjunct's own place, not the noun borrowed from the first
    ("The virus has killed 16 people in Mexico and sickened more than 600 in 15 countries.", 600, "in 15 countries"),
    # the group whose share it is, people words on a tally, the people a container counts
    ("Children made up 40% of the confirmed cases.", 40, "Children"),
    ("UN agencies said civilian casualties had reached 1,200.", 1200, "civilian casualties"),
    # a restrictive clause narrows counted people
    ("Up to 90 passengers who shared a flight with the sick woman were traced.", 90,
     "passengers who shared a flight with the sick woman"),
    # a count of places as a phrase's object; a place a 'which' clause says has the count
    ("Officials said 320 people had caught the virus across 12 EU member states.", 320,
     "across 12 EU member states"),
    ("In Portugal, which has 57 confirmed cases, most patients are recovering.", 57, "in Portugal"),
    # 'there' is the place named before it in the sentence
    ("Doctors in Benghazi told reporters that at least 18 people had been killed there.", 18, "in Benghazi"),
    # a participle on the bare number; a noun from the clause before lends nothing
    ("Police reported 40 arrests in Lima, while the ministry reported 15 wounded in Cusco.", 15, "in Cusco"),
    # the whole an 'including' part belongs to
    ("The agency said 30 countries had reported 2,000 cases, including 40 deaths.", 40, "in 30 countries"),
    # a window within N hours
    ("Officials said 11 people had died within 48 hours.", 11, "within 48 hours"),
])
def test_scope_readings_s11(pipeline, text, value, expected) -> None:
    assert _fig(pipeline, text, value).scope == expected


@pytest.mark.parametrize("text,value,parts", [
    # the cause and the place of the count's own clause: both (v2 (3))
    ("The outbreak has killed at least 149 people in Mexico, where schools remain closed.", 149,
     ("in Mexico", "The outbreak")),
    # the place of a 'where' clause and the event it names
    ("Forces loyal to the colonel have retaken Brega, where 7 rebels died in the fighting.", 7,
     ("in Brega", "rebels")),
    # the measured container's people
    ("The number of civilians killed in the fighting has risen to 300.", 300, ("civilians",)),
    ("Some 6,000 Somali youngsters were resettled last year.", 6000, ("Somali youngsters",)),
    # 'with N' parts of a noun, later conjuncts too
    ("There have been 2,400 confirmed US cases, with 9 deaths and 130 hospitalisations.", 9, ("US",)),
    ("There have been 2,400 confirmed US cases, with 9 deaths and 130 hospitalisations.", 130, ("US",)),
    # 'this country': the last country named before it
    ("Peru has seen floods before, and some 40% of the people in this country live near rivers.", 40, ("Peru",)),
])
def test_scope_parts_s11(pipeline, text, value, parts) -> None:
    scope = _fig(pipeline, text, value).scope or ""
    for part in parts:
        assert part in scope, scope


@pytest.mark.parametrize("text,value,absent", [
    # past a semicolon: another item of a list
    ("In 1950 in Chile, a quake killed 900; in Peru in 1970, a larger quake killed 60,000.", 900, "Peru"),
    # 'in addition to' is no place
    ("In addition to costs in the Gulf of Mexico, the firm paid $30m in fines.", 30e6, "addition"),
])
def test_not_another_phrase_s11(pipeline, text, value, absent) -> None:
    assert absent not in (_fig(pipeline, text, value).scope or "")


@pytest.mark.parametrize("text,value", [
    ("Twelve people who died in the blast were buried on Friday.", 12),  # the clause states the category
    ("The ministry said 40 people infected with the virus were in hospital.", 40),
    ("Among other things, the firm spent $200m on new pipes.", 200e6),  # 'among' names people
    # the article's topic event (named in two sentences) is no scope
    ("The spill began in April off the coast. Some 500 birds were caught up in the spill, officials said.", 500),
])
def test_no_scope_s11(pipeline, text, value) -> None:
    assert _fig(pipeline, text, value).scope is None
