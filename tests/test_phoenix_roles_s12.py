"""Session 12 (issue 15): the Phoenix conversion reads the dictionary's section comments ("# Prime Ministers") for
its people's roles, so a role mention resolves by the article's date ("the Greek prime minister" in 2010 and 2013).
Phoenix-format input written here (invented names) and the shipped converted file."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest
import yaml

from dateline.extract.entities import kb as kbmod
from dateline.extract.entities.groups import GroupFinder
from dateline.extract.entities.link import Linker
from dateline.extract.places.gazetteer import load_gazetteer

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

from phoenix_actors import parse, section_title, to_records  # noqa: E402

SOURCE = """\
PORTUGAL_ [PRT]
+PORTUGUESE_
# Presidents
ANA_VERDANA_
+PRESIDENT_VERDANA_
\t[PRTGOV 20010101-20041231]
# Prime Ministers
RUI_CASTELO_  # CountryInfo.txt
\t[PRTELI 900101-001231]
\t[PRTGOV 010101-041231]
MARTA_SOUSELA
\t[PRTGOV 20050101-20081231]
ALBERTO_ANDRADE_  # CountryInfo.txt
\t[PRTGOVBUS 050601-061231]
BRUNO_CARVALHAL_  # CountryInfo.txt
\t[PRTGOV 030101-041231]
CARLA_DIAS_  # CountryInfo.txt
\t[PRTGOV 090101-101231]
SPAIN_ [ESP]
DIEGO_MORALES_
+VICE_PRESIDENT_DIEGO_MORALES
\t[ESPGOV 060101-071231]
"""


def _records(tmp_path: Path) -> list[dict]:
    src = tmp_path / "Phoenix.Countries.actors.txt"
    src.write_text(SOURCE, encoding="utf-8")
    return to_records(parse(src), people=True)


def _roles(recs: list[dict], name: str) -> list[tuple[str, str | None, str | None]]:
    rec = next(r for r in recs if r["name"] == name)
    return [(r["role"], r["start"], r["end"]) for r in rec["roles"]]


@pytest.mark.parametrize(("comment", "title"), [
    ("Prime Ministers", "prime minister"), ("Greek Prime Ministers", "prime minister"),
    ("Roughly following order of presidents", "president"), ("Vice Presidents of the United States", "vice president"),
    ("U.S. Secretaries of State", "secretary of state"), ("Monarch[s]", "monarch"), ("National institutions", None),
])
def test_section_comment_names_a_role(comment: str, title: str | None) -> None:
    assert section_title(comment) == title


def test_section_roles_dates_and_synonym_lines(tmp_path: Path) -> None:
    recs = _records(tmp_path)
    # "PRESIDENT_VERDANA_" is an alias line; the section gives the role, YYYYMMDD dates are read
    assert _roles(recs, "Ana Verdana") == [("president", "2001-01-01", "2004-12-31")]
    assert ("prime minister", "2001-01-01", "2004-12-31") in _roles(recs, "Rui Castelo")
    assert ("eli", "1990-01-01", "2000-12-31") in _roles(recs, "Rui Castelo")  # the elite code keeps its sector
    assert _roles(recs, "Marta Sousela") == [("prime minister", "2005-01-01", "2008-12-31")]
    # a ministry's code under the section is no prime minister's
    assert _roles(recs, "Alberto Andrade") == [("official", "2005-06-01", "2006-12-31")]
    # the list's date order breaks at Carvalhal (2003 < 2005): the section has ended, he and those after him are
    # CountryInfo officials (an alphabetical list of ministers follows the leaders, no comment between)
    assert _roles(recs, "Bruno Carvalhal") == [("official", "2003-01-01", "2004-12-31")]
    assert _roles(recs, "Carla Dias") == [("official", "2009-01-01", "2010-12-31")]
    # a country entry ends the section; a titled alias gives the longest title ("vice president", not "president")
    assert _roles(recs, "Diego Morales") == [("vice president", "2006-01-01", "2007-12-31")]


def _finder(kb: kbmod.ActorKB) -> GroupFinder:
    return GroupFinder(kb, Linker(kb, load_gazetteer(), 90.0))


@pytest.mark.parametrize(("dct", "holder"), [("2003-06-01", "Rui Castelo"), ("2006-06-01", "Marta Sousela")])
def test_converted_roles_resolve_by_date(tmp_path: Path, dct: str, holder: str) -> None:
    f = tmp_path / "phoenix_people.yaml"
    f.write_text(yaml.safe_dump(_records(tmp_path)), encoding="utf-8")
    kb = kbmod.load_kb((str(f),))
    link = _finder(kb).person_in_office("PRT", "prime minister", dct)
    assert link is not None and link.actor is not None and link.actor.name == holder


@pytest.mark.parametrize(("dct", "holder"), [("2010-05-01", "Georgios Andreas Papandreou"),
                                             ("2013-05-01", "Antonis Samaras")])
def test_shipped_phoenix_resolves_the_greek_prime_minister_by_date(monkeypatch: pytest.MonkeyPatch, dct: str,
                                                                   holder: str) -> None:
    monkeypatch.setattr(kbmod, "PHOENIX", "titled")
    kb = kbmod.load_kb.__wrapped__(())
    link = _finder(kb).person_in_office("GRC", "prime minister", dct)
    assert link is not None and link.actor is not None and link.actor.name == holder


def test_titled_loading_leaves_out_untitled_officials(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(kbmod, "PHOENIX", "titled")
    titled = kbmod.load_kb.__wrapped__(())
    monkeypatch.setattr(kbmod, "PHOENIX", False)
    base = kbmod.load_kb.__wrapped__(())
    added = [a for a in titled.actors if a.name not in base.by_name]
    assert added and all(any(r.role not in kbmod.UNTITLED for r in a.roles) for a in added)
