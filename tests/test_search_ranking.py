"""Search by every word of the query, ranked (BM25), quoted phrases exact (QA pass s10)."""
from __future__ import annotations

import pytest

import dateline
from dateline.store import Page, Store
from dateline.store.queries import Filters
from dateline.store.search import parse

DOCS = {
    "strike1": "date 2024-06-03\nDock workers began a strike at the northern port on Monday, the union said.",
    "strike3": ("date 2024-06-04\nThe port strike spread on Tuesday. Strike pickets closed two gates and the union "
                "said the strike would go on at the port until wages rose."),
    "award": "date 2024-06-05\nThe port authority gave an award to the pilots who steered the tanker clear.",
    "protest": "date 2024-06-06\nProtesters marched to the port gates on Thursday, police said.",
}


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp("docs")
    for name, text in DOCS.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    path = str(folder / "s.duckdb")
    dateline.ingest([folder], db=path)
    return path


def _ids(db: str, q: str) -> list[str]:
    with Store(db, read_only=True) as s:
        return [it["id"] for it in s.search(q, Filters(), Page(limit=None))["items"]]


def test_every_word_ranked_by_hits(db: str) -> None:
    assert _ids(db, "port strike") == ["strike3", "strike1"]  # both words; more strike hits first


def test_word_start_not_inside_a_word(db: str) -> None:
    assert _ids(db, "war") == []  # "award", "steered": no word starts with it
    assert _ids(db, "protest") == ["protest"]  # "Protesters"


def test_quoted_phrase_is_exact(db: str) -> None:
    assert _ids(db, '"port strike"') == ["strike3"]
    assert _ids(db, '"strike at the port"') == []


def test_common_words_left_out_unless_alone(db: str) -> None:
    assert [t.text for t in parse("the strike of the union")] == ["strike", "union"]
    assert [t.text for t in parse("the")] == ["the"]
    assert [t.text for t in parse('"the union" said')] == ["the union", "said"]


def test_snippet_points_at_a_hit(db: str) -> None:
    with Store(db, read_only=True) as s:
        res = s.search("pilots tanker", Filters(), Page(limit=None))
        [it] = res["items"]
        art = s.article(it["id"])
    assert art is not None and it["id"] == "award" and it["hits"] == 2
    assert art["article"]["text"][it["start"]:it["end"]].lower() in ("pilots", "tanker")


def test_empty_query_finds_nothing(db: str) -> None:
    assert _ids(db, '""') == []


def test_punctuation_only_term_is_literal(db: str) -> None:
    assert [t.pattern for t in parse("%")] == ["%"]
    assert _ids(db, "%") == []


def test_snippet_reads_white_space_runs_as_one_space() -> None:
    from dateline.store.snippets import snippet

    text = "The  ferry crews ( of the  port )\nwalked out   on Monday."
    start = text.index("walked")
    out = snippet(text, start, len("walked"), width=30)
    assert "  " not in out and "\n" not in out
    assert "walked out on Monday." in out and out.startswith("…")
    assert snippet(text, None, 0, width=10) == "The ferry crews ( o"  # the first 20 characters, spaces folded
