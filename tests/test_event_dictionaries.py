"""The converted field dictionaries: CAMEO verb patterns -> PLOVER, Phoenix actors with dated roles, the
user-dictionary path for actors, and date-aware role resolution."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from dateline.extract.entities.kb import load_kb
from dateline.extract.events.lexicon import ACTIONS, NO_EVENT, load_lexicon
from dateline.extract.pipeline import Pipeline, default_pipeline
from dateline.extract.registry import Context
from dateline.model import Article

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

from convert_dictionaries import convert_pattern, plover_table, to_plover  # noqa: E402
from phoenix_actors import parse, to_records  # noqa: E402

# One new sentence per PLOVER action; the verb is coded by the converted CAMEO patterns alone.
CASES = [
    ("AGREE", "The rebels promised support to the villagers.", "promised"),
    ("CONSULT", "The foreign minister met his counterpart.", "met"),
    ("SUPPORT", "The president praised the decision of the court.", "praised"),
    ("CONCEDE", "The government eased restrictions on the press.", "eased"),
    ("COOPERATE", "The bank cooperated with the investigation.", "cooperated"),
    ("AID", "The charity sent aid to the refugees.", "sent"),
    ("RETREAT", "The rebels released the officers.", "released"),
    ("REQUEST", "The opposition demanded elections.", "demanded"),
    ("ACCUSE", "Prosecutors investigated fraud at the ministry.", "investigated"),
    ("REJECT", "The minister refused the demand of the strikers.", "refused"),
    ("THREATEN", "The general threatened the rebels.", "threatened"),
    ("PROTEST", "Students marched against sanctions.", "marched"),
    ("SANCTION", "The government severed aid to the province.", "severed"),
    ("MOBILIZE", "The country mobilized its troops.", "mobilized"),
    ("COERCE", "Police detained the protesters.", "detained"),
    ("ASSAULT", "Gunmen attacked the bus.", "attacked"),
]


def test_every_plover_action_has_a_case() -> None:
    assert sorted(a for a, _, _ in CASES) == sorted(ACTIONS)


@pytest.mark.parametrize(("action", "sentence", "verb"), CASES)
def test_cameo_patterns_code_each_plover_action(action: str, sentence: str, verb: str) -> None:
    lex = load_lexicon(verbs=("cameo",))
    doc = default_pipeline().nlp(sentence)
    tok = next(t for t in doc if t.text == verb)
    found = lex.match_verb(tok)
    assert found is not None, sentence
    assert found[0].action == action


def test_cameo_lexicon_is_converted_and_valid() -> None:
    lex = load_lexicon(verbs=("cameo",))
    assert len(lex.verbs) > 1000
    assert {p.action for pats in lex.verbs.values() for p in pats} - {NO_EVENT} == set(ACTIONS)
    for name in ("LICENSE.petrarch2", "COMMIT.petrarch2", "COMMIT.plover", "LICENSE.plover"):
        assert (ROOT / "src" / "dateline" / "resources" / "events" / name).read_text().strip()


def test_petrarch_pattern_syntax_is_converted() -> None:
    sets = {"military", "treaty"}
    assert convert_pattern("AID", sets) == "aid"
    assert convert_pattern("(TO BORDER)", sets) == "to border"
    assert convert_pattern("POLICE (TO BORDER)", sets) == "police to"
    assert convert_pattern("{PEACE &TREATY}", sets) == "@cameo_treaty"
    assert convert_pattern("&MILITARY", sets) == "@cameo_military"
    assert convert_pattern("$ +", sets) is None


def test_cameo_codes_map_to_plover_with_the_official_table(tmp_path: Path) -> None:
    rows = {"036": "AGREE", "0874": "RETREAT", "163": "COERCE", "1712": "ASSAULT", "138": "THREATEN"}
    text = "\n".join(f"{k}: {v},  , # x" for k, v in rows.items())
    path = tmp_path / "table.txt"
    path.write_text(text, encoding="utf-8")
    t = plover_table(path)
    assert to_plover("0874", t) == "RETREAT"
    assert to_plover("08741", t) == "RETREAT"  # falls back on the 4-digit parent
    assert to_plover("042:043", t) is None  # source code 042 not in this small table
    assert to_plover("0212", t) == "REQUEST"  # appeals are REQUEST
    assert to_plover("010", t) is None  # public statements: no PLOVER action
    assert to_plover("---", t) is None


def test_phoenix_people_get_titles_and_dated_roles(tmp_path: Path) -> None:
    src = tmp_path / "actors.txt"
    src.write_text("BARACK_OBAMA\n+PRESIDENT_BARACK_OBAMA\n+OBAMA\n\t[USAELI 780101-000101]\n\t[USAGOV >090120]\n"
                   "HAMAS_ [PSEREB]\n+HARAKAT_AL-MUQAWAMA_AL-ISLAMIYA\n", encoding="utf-8")
    entries = parse(src)
    people = to_records(entries, people=True)
    assert [p["name"] for p in people] == ["Barack Obama"]
    roles = people[0]["roles"]
    assert {"role": "president", "country": "USA", "start": "2009-01-20", "end": None} in roles
    groups = to_records(entries, people=False)
    assert any(g["name"] == "Hamas" and g["kind"] == "armed group" for g in groups)


def _people_file(tmp_path: Path) -> Path:
    f = tmp_path / "my_actors.yaml"
    f.write_text(
        "- name: Ana Verdana\n  kind: person\n  country: PRT\n  aliases: [Verdana]\n"
        "  roles: [{role: Prime Minister of Portugal, start: 2001-01-01, end: 2004-12-31}]\n"
        "- name: Rui Castelo\n  kind: person\n  country: PRT\n  aliases: [Castelo]\n"
        "  roles: [{role: Prime Minister of Portugal, start: 2005-01-01, end: 2008-12-31}]\n"
        "- {name: Lantern Gazette, kind: media, aliases: [Gazette]}\n", encoding="utf-8")
    return f


def test_user_actors_file_reaches_the_kb_through_the_pipeline_config(tmp_path: Path) -> None:
    f = _people_file(tmp_path)
    kb = load_kb((str(f),))
    assert kb.lookup("Lantern Gazette")[0].kind == "media"
    assert not load_kb().lookup("Lantern Gazette")  # not in the shipped KB
    pipe = Pipeline(["entities"], nlp=default_pipeline().nlp, config={"entities": {"actors_file": str(f)}})
    art = Article(id="a", text="Ana Verdana spoke to the Lantern Gazette on Monday.", dct="2003-05-01")
    ctx = Context(article=art)
    doc = pipe.nlp(art.text)
    for _name, comp in pipe.components:
        comp(doc, ctx)
    assert "Ana Verdana" in {e.canonical for e in ctx.entities}


def test_sample_corpus_outlets_are_an_examples_dictionary() -> None:
    assert not load_kb().lookup("Meridian Wire")
    assert load_kb((str(ROOT / "examples" / "actors.yaml"),)).lookup("Meridian Wire")


@pytest.mark.parametrize(("dct", "holder"), [("2003-05-01", "Ana Verdana"), ("2006-05-01", "Rui Castelo")])
def test_a_role_resolves_to_whoever_held_it_on_the_article_date(tmp_path: Path, dct: str, holder: str) -> None:
    kb = load_kb((str(_people_file(tmp_path)),))
    held = [a.name for a in kb.actors if a.kind == "person" and a.country == "PRT"
            and any(r.role == "Prime Minister of Portugal" and r.active(dct) for r in a.roles)]
    assert held == [holder]
    from dateline.extract.entities.groups import GroupFinder
    from dateline.extract.entities.link import Linker
    from dateline.extract.places.gazetteer import load_gazetteer

    finder = GroupFinder(kb, Linker(kb, load_gazetteer(), 90.0))
    link = finder.person_in_office("PRT", "prime minister", dct)
    assert link is not None and link.actor is not None and link.actor.name == holder
