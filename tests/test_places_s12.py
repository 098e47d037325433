"""Session 12 (QA): the UK's constituent countries and named water bodies are places; a small town the gazetteer
knows only abroad is not taken abroad when the article's other places lie elsewhere. New sentences."""
from __future__ import annotations

import pytest

from dateline.extract.pipeline import Pipeline
from dateline.extract.places.gazetteer import load_gazetteer
from dateline.model import Article


@pytest.fixture(scope="module")
def pipe() -> Pipeline:
    return Pipeline(["time", "entities", "places"])


def _places(pipe: Pipeline, text: str) -> dict[str, tuple[str | None, str | None, str | None]]:
    ex = pipe(Article(id="p", text=text))
    assert all(text[p.start:p.end] == p.text for p in ex.places)
    return {p.text: (p.name, p.country_code, p.feature) for p in ex.places}


def test_uk_countries_are_regions_of_the_uk_with_a_centre():
    gz = load_gazetteer()
    for name in ("Scotland", "England", "Wales", "Northern Ireland"):
        loc = gz.best(name)
        assert loc is not None and (loc.country, loc.feature) == ("GBR", "region"), name
        assert loc.lat is not None and 49 < loc.lat < 61 and -9 < loc.lon < 2, name
    assert gz.best("Scotland").lat > gz.best("England").lat  # centres of their own towns
    assert gz.best("Cymru").name == "Wales"


def test_water_bodies_come_from_wordnet_without_country():
    gz = load_gazetteer()
    gulf = gz.best("Gulf of Mexico")
    assert gulf is not None and (gulf.country, gulf.feature) == (None, "water")
    assert gz.best("Baltic Sea").feature == "water"
    assert gz.best("Jordan").feature == "country"  # a country beats the river of its name


def test_uk_countries_and_seas_in_text(pipe: Pipeline):
    got = _places(pipe, "Heavy snow closed schools across Scotland and northern England on Tuesday, while "
                        "ferries to Northern Ireland were cancelled.")
    assert got["Scotland"][1:] == ("GBR", "region")
    assert got["Northern Ireland"][1] == "GBR"
    got = _places(pipe, "Two fishing boats sank in the Gulf of Mexico after the storm moved inland.")
    assert got["the Gulf of Mexico" if "the Gulf of Mexico" in got else "Gulf of Mexico"] == \
        ("Gulf of Mexico", None, "water")


def test_small_town_known_only_abroad_is_not_sent_abroad(pipe: Pipeline):
    # the gazetteer's only Ancon is in Panama; these places are all Peruvian
    got = _places(pipe, "Fishermen in Ancon, north of Lima, said the oil reached beaches near Callao and "
                        "Chancay on Sunday.")
    assert got["Lima"][1] == "PER"
    assert got["Ancon"][1] is None
    # a qualifier naming another country than the gazetteer's: that country
    got = _places(pipe, "The spill reached Ancon, Peru, on Sunday.")
    assert got["Ancon"][1] == "PER"
    # with no other place, or with the town's own country around it, the gazetteer's town stands
    assert _places(pipe, "Residents of Ancon said the water was cut.")["Ancon"][1] == "PAN"
    assert _places(pipe, "A bridge near Ancon and Panama City was closed.")["Ancon"][1] == "PAN"


def test_a_short_name_is_the_full_name_the_article_gave(pipe: Pipeline):
    got = _places(pipe, "A tanker leaked fuel into the Gulf of Mexico on Friday. Shrimp boats in the Gulf were "
                        "told to stay in port.")
    assert got["Gulf"] == ("Gulf of Mexico", None, "water")
    got = _places(pipe, "Tar balls from the Gulf of Mexico spill washed up on Monday; the gulf was calm.")
    assert [v for k, v in got.items() if k.lower() == "gulf"] in ([], [("Gulf of Mexico", None, "water")])
    # alone, "the Gulf" keeps the gazetteer's reading
    assert _places(pipe, "Tankers in the Gulf slowed down after the drone attack.")["Gulf"][0] == "Persian Gulf"
