"""People counted as a part of a group named by what happened to it, a list tail, or a bare participle (issue 20,
s11; sentences written here)."""
from __future__ import annotations

import pytest

from dateline import extract
from dateline.extract.figures.component import find_quantities
from dateline.extract.nlp import load_nlp


def _figures(text: str) -> dict[float, tuple[str, str | None]]:
    return {f.value: (f.category, f.scope) for f in extract(text, dct="2024-03-05").figures}


@pytest.mark.parametrize(("text", "value", "category", "group"), [
    # a partitive whose whole is a participle or adjective, with a predicate saying what the part is
    ("Officials said 38 of the injured were pilgrims.", 38, "injured", "pilgrims"),
    ("The mayor said 12 of the wounded were firefighters.", 12, "injured", "firefighters"),
    ("Twenty of the dead were police officers, the governor said.", 20, "killed", "police officers"),
    # a list tail referring back to the figure before
    ("Floods killed 64 people last week, 19 of them children.", 19, "killed", "children"),
    ("Troops arrested 40 protesters on Monday, among them three journalists.", 3, "arrested", "journalists"),
    ("Rebels attacked the convoy and killed 12 soldiers, among them four officers.", 4, "killed", "officers"),
    # "among the dead"
    ("Four Australian tourists were among the dead.", 4, "killed", "Australian tourists"),
])
def test_part_of_a_counted_group(text: str, value: float, category: str, group: str) -> None:
    got = _figures(text)
    assert value in got, got
    cat, scope = got[value]
    assert cat == category, got
    assert scope is not None and group in scope, got


@pytest.mark.parametrize(("text", "value", "category"), [
    ("The crash left 7 injured, police said.", 7, "injured"),
    ("Gunmen stormed the hotel, leaving 18 dead and 60 wounded.", 60, "injured"),
    ("Militants killed 9 people and 400 wounded in the attack.", 400, "injured"),
])
def test_bare_participle_count(text: str, value: float, category: str) -> None:
    assert _figures(text).get(value, (None,))[0] == category, _figures(text)


def test_partitive_whole_is_not_the_speaker() -> None:
    # the bare number's own whole says what it counts, not the subject of the reporting verb over it
    ex = extract("Police said 45 of the wounded were students.", dct="2024-03-05")
    [f] = ex.figures
    assert (f.category, f.noun) == ("injured", None)
    assert f.scope == "students"


def test_vague_count_with_a_participle_is_a_quantity() -> None:
    doc = load_nlp()("Dozens injured as a train derailed near the city.")
    qs = find_quantities(doc, dct="2024-03-05", include_all=True)
    assert [(q.text, q.category, q.story_skip) for q in qs] == [("Dozens", "injured", "vague")]
    # a vague amount with no participle of people stays no quantity
    assert find_quantities(load_nlp()("Millions spent on the stadium."), dct="2024-03-05", include_all=True) == []


@pytest.mark.parametrize("text", [
    "About 30 of the selected were chosen.",  # a participle whole that names no people rule: no category
    "The company hired 300 workers and trained 40.",
])
def test_no_people_category_without_a_people_participle(text: str) -> None:
    cats = {c for c, _ in _figures(text).values()}
    assert not cats & {"injured", "killed", "deaths"}, cats
