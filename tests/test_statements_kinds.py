"""Statement kinds (issue 16): the default configuration gives the rules' speech statements (``kind="speech"``)
and, besides them, the learned span model's other attributions (``kind="attribution"``: beliefs, fears, stances)
that overlap no speech statement; later components read speech only; the store keeps both, lists speech by
default (``--kind``, ``?kind=``) and reads a store made before the field existed as speech. Sentences written
here."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from dateline.cli import app
from dateline.extract.pipeline import Pipeline
from dateline.extract.registry import Context
from dateline.model import Article, Extraction, Statement
from dateline.serve import create_app
from dateline.store import Store
from dateline.store.reads import Filters, Page

from .statements_util import speech


@pytest.fixture(scope="module")
def pipe() -> Pipeline:
    return Pipeline(["time", "entities", "statements"])


def _kinds(pipe: Pipeline, text: str) -> list[tuple[str, str | None, str]]:
    ex = pipe(Article(id="k", text=text, dct="2025-03-14"))
    return [(s.kind, s.cue, s.content) for s in sorted(ex.statements, key=lambda s: s.start)]


def test_a_belief_is_an_attribution_with_its_holder(pipe: Pipeline) -> None:
    text = "The mayor of Tarnwick believes the new bridge will ease traffic in the old town."
    ex = pipe(Article(id="k", text=text, dct="2025-03-14"))
    [st] = ex.statements
    assert (st.kind, st.cue, st.content) == ("attribution", "believes",
                                             "the new bridge will ease traffic in the old town")
    assert st.speaker is not None and "mayor" in st.speaker.lower()
    assert st.speaker_start is not None and "mayor" in text[st.speaker_start:st.speaker_end]
    assert st.date == "2025-03-14"


def test_a_fear_is_an_attribution(pipe: Pipeline) -> None:
    kinds = _kinds(pipe, "Orchard owners along the valley fear that the late frost has ruined the apricot crop.")
    assert [(k, c) for k, c, _ in kinds] == [("attribution", "fear")]
    assert "late frost" in kinds[0][2]


def test_speech_and_according_to_stay_speech(pipe: Pipeline) -> None:
    kinds = _kinds(pipe, "The ferry company said sailings would resume on Monday. According to the harbour "
                         "master, the storm damaged two piers.")
    assert [(k, c) for k, c, _ in kinds] == [("speech", "said"), ("speech", "according to")]


def test_speech_is_the_rules_output_unchanged(pipe: Pipeline) -> None:
    text = ("Council members are convinced that the budget is too small. The treasurer said on Tuesday that the "
            "shortfall would be covered by a loan, and the auditors doubt the loan will be approved.")
    art = Article(id="k", text=text, dct="2025-03-14")
    rules = Pipeline(["time", "entities", "statements"], config={"statements": {"attributions": False}})(art)
    both = pipe(art)
    assert all(s.kind == "speech" for s in rules.statements)
    assert speech(both.statements) == rules.statements
    extra = [s for s in both.statements if s.kind == "attribution"]
    assert extra, [(s.kind, s.cue) for s in both.statements]
    for a in extra:  # none of them is a speech statement found again
        for s in rules.statements:
            assert not (s.cue_start is not None and s.cue_start <= (a.cue_start or -1) < (s.cue_end or 0))
            inter = min(a.end, s.end) - max(a.start, s.start)
            assert inter <= 0 or inter / (max(a.end, s.end) - min(a.start, s.start)) < 0.5


def test_later_components_read_speech_only(pipe: Pipeline) -> None:
    text = "Shop owners worry that the new parking rules will drive customers away, the chamber said."
    doc = pipe.nlp(text)
    ctx = Context(article=Article(id="k", text=text, dct="2025-03-14"))
    for _name, comp in pipe.components:
        comp(doc, ctx)
    assert ctx.statements and all(s.kind == "speech" for s in ctx.statements)
    assert all(s.kind == "attribution" for s in ctx.attributions)
    ex = ctx.to_extraction()
    assert len(ex.statements) == len(ctx.statements) + len(ctx.attributions)


def test_attributions_off_gives_speech_only(pipe: Pipeline) -> None:
    art = Article(id="k", text="The mayor of Tarnwick believes the new bridge will ease traffic.", dct="2025-03-14")
    rules = Pipeline(["time", "entities", "statements"], config={"statements": {"attributions": False}})(art)
    assert rules.statements == []


# --- store, CLI, REST ------------------------------------------------------------------------------------
def _mixed() -> Extraction:
    text = "The minister said the border would reopen. Traders believe prices will fall."
    art = Article(id="mix", text=text, dct="2025-03-14", source="Tarn Courier")
    said = Statement(article_id="mix", text="the border would reopen", start=18, end=41,
                     content="the border would reopen", speaker="The minister", cue="said")
    belief = Statement(article_id="mix", text="prices will fall", start=59, end=75, content="prices will fall",
                       speaker="Traders", cue="believe", kind="attribution")
    assert text[said.start:said.end] == said.content and text[belief.start:belief.end] == belief.content
    return Extraction(article=art, statements=[said, belief])


def test_store_lists_speech_by_default_and_each_kind_on_request(tmp_path: Path) -> None:
    db = str(tmp_path / "k.duckdb")
    with Store(db) as s:
        s.add([_mixed()])
        assert [r["kind"] for r in s.statements(Filters(), Page(limit=None))["items"]] == ["speech"]
        assert [r["cue"] for r in s.statements(Filters(kind="attribution"), Page(limit=None))["items"]] == ["believe"]
        assert s.statements(Filters(kind="all"), Page(limit=None))["total"] == 2
        ex = s.get_extraction("mix")
        assert ex is not None and sorted(st.kind for st in ex.statements) == ["attribution", "speech"]
    res = CliRunner().invoke(app, ["statements", "--db", db, "--kind", "attribution", "--format", "json"])
    assert res.exit_code == 0, res.output
    assert [r["speaker"] for r in json.loads(res.stdout)["items"]] == ["Traders"]
    res = CliRunner().invoke(app, ["statements", "--db", db, "--format", "json"])
    assert [r["speaker"] for r in json.loads(res.stdout)["items"]] == ["The minister"]
    bad = CliRunner().invoke(app, ["statements", "--db", db, "--kind", "rumour"])
    assert bad.exit_code != 0 and "--kind" in bad.output
    with TestClient(create_app(db)) as c:
        assert [r["kind"] for r in c.get("/api/statements").json()["items"]] == ["speech"]
        assert c.get("/api/statements", params={"kind": "all"}).json()["total"] == 2
        assert [r["cue"] for r in c.get("/api/statements", params={"kind": "attribution"}).json()["items"]] == \
            ["believe"]
        assert c.get("/api/statements", params={"kind": "rumour"}).status_code == 422


def test_a_store_made_before_kinds_reads_as_speech(tmp_path: Path) -> None:
    db = str(tmp_path / "old.duckdb")
    ex = _mixed()
    ex.statements = ex.statements[:1]
    with Store(db) as s:
        s.add([ex])
        s.conn.execute("DROP INDEX statements_article")
        s.conn.execute("ALTER TABLE statements DROP COLUMN kind")  # as a store of an earlier release
        s.conn.execute("CHECKPOINT")
    with Store(db, read_only=True) as s:  # not migrated: still listed, as speech
        assert [r["speaker"] for r in s.statements(Filters(), Page(limit=None))["items"]] == ["The minister"]
        assert s.statements(Filters(kind="attribution"), Page(limit=None))["total"] == 0
        got = s.get_extraction("mix")
        assert got is not None and [st.kind for st in got.statements] == ["speech"]
    with Store(db) as s:  # opened for writing: the column is added and the old rows are speech
        assert s.query("SELECT kind FROM statements") == [{"kind": "speech"}]
        assert s.statements(Filters(), Page(limit=None))["total"] == 1
