"""Issue 17: undated articles dated by their story (and re-dated records), timeline entries true to their day."""
from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from dateline.extract.pipeline import Pipeline
from dateline.fuse.run import fuse_store, read_timeline
from dateline.fuse.timeline import build_timeline, sentences_of
from dateline.model import Article
from dateline.store import Store

# one developing story: three dated reports and one undated report of the same day
STORY = [
    ("s1", "2025-03-18", "Israeli strikes across Gaza killed more than 400 people on Tuesday, the health ministry said. "
     "The strikes ended a ceasefire that had largely held since January 19. "
     "The overall toll since October 7, 2023 stands at 49,000, the ministry said."),
    ("s2", "2025-03-18", "Israel launched its heaviest strikes on Gaza since the ceasefire began, killing more than 400 "
     "people on Tuesday. Hamas accused Israel of overturning the truce. "
     "The death toll in Gaza since October 7, 2023 stands at 49,000, according to the health ministry."),
    ("s3", "2025-03-19", "A day after Israeli strikes killed more than 400 people in Gaza, families buried their dead on "
     "Wednesday. The truce had held since January 19. "
     "Aid groups said the toll since October 7, 2023 now stands at more than 49,000."),
]
UNDATED = ("u1", "Rescue workers in Gaza searched the rubble on Tuesday after Israeli strikes killed more than 400 "
                 "people, the health ministry said. Hamas accused Israel of overturning the ceasefire that had held "
                 "since January 19.")


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline()


@pytest.fixture(scope="module")
def story_db(tmp_path_factory: pytest.TempPathFactory, pipeline: Pipeline) -> Path:
    db = tmp_path_factory.mktemp("story") / "story.duckdb"
    arts = [Article(id=i, text=t, dct=d, dct_origin="metadata", source="Wire") for i, d, t in STORY]
    arts.append(Article(id=UNDATED[0], text=UNDATED[1], source="Gazette"))
    with Store(db) as store:
        store.add(pipeline.pipe(arts))
        fuse_store(store, full=True)
    return db


def test_since_and_stands_at_dates_are_not_entries(pipeline: Pipeline) -> None:
    exs = list(pipeline.pipe([Article(id=i, text=t, dct=d, dct_origin="metadata") for i, d, t in STORY]))
    # the dates are read (so the check below can fail) ...
    mentioned = {t.value for ex in exs for t in ex.timexes}
    assert {"2023-10-07", "2025-01-19", "2025-03-18"} <= mentioned
    sents = [s for ex in exs for s in sentences_of(ex)]
    # ... but a range start ("since", "had held since", "stands at ... since") qualifies no sentence
    assert all(date(2023, 10, 7) not in s.dates and date(2025, 1, 19) not in s.dates for s in sents)
    entries = build_timeline(sents, 10, 3)
    days = {e.date for e in entries}
    assert date(2025, 3, 18) in days and not days & {date(2023, 10, 7), date(2025, 1, 19)}
    texts = [s.text for e in entries for s in e.sentences]
    assert len(texts) == len(set(texts))  # no sentence twice


def test_statement_date_and_named_source_on_entries(pipeline: Pipeline) -> None:
    ex = pipeline(Article(id="a", text=STORY[0][2], dct=STORY[0][1], dct_origin="metadata", source="Wire"))
    first = sentences_of(ex)[0]
    assert first.dates == (date(2025, 3, 18),)
    d = first.to_dict()
    assert d["outlet"] == "Wire" and d["said_by"] and "ministry" in str(d["said_by"]) and d["date_estimated"] is False


def test_undated_article_is_placed_by_its_story_and_redated(story_db: Path) -> None:
    with Store(story_db, read_only=True) as store:
        [u] = store.load_extractions(["u1"])
        assert u.article.dct_origin == "story" and u.article.dct in {"2025-03-18", "2025-03-19"}
        assert "placed by its story" in (u.article.dct_evidence or "")
        # its relative dates were re-resolved on the story date, and its statement re-dated with them
        tuesday = [t for t in u.timexes if t.text == "Tuesday"]
        assert tuesday and all(t.value == "2025-03-18" and t.anchor == u.article.dct for t in tuesday)
        assert u.statements and all(s.date == "2025-03-18" for s in u.statements)
        # ... and so were its figures (the toll's as-of day) and its events (the strikes' day)
        assert u.figures and all(f.as_of == "2025-03-18" for f in u.figures)
        assert u.events and all(e.date == "2025-03-18" for e in u.events)


def test_estimated_article_joins_its_story_timeline(story_db: Path) -> None:
    with Store(story_db, read_only=True) as store:
        member = store.story_memberships()
        sid = member["u1"][0]
        assert member["s1"][0] == sid
        rows = read_timeline(store, sid, 10, 5)
        mine = [s for r in rows for s in r["sentences"] if s["article_id"] == "u1"]
        assert mine and all(s["date_estimated"] is True for s in mine)
        others = [s for r in rows for s in r["sentences"] if s["article_id"] != "u1"]
        assert others and not any(s["date_estimated"] for s in others)


def test_more_dates_or_sentences_only_add_entries(corpus_db: str) -> None:
    with Store(corpus_db, read_only=True) as store:
        for story in store.stories()["items"]:
            few = read_timeline(store, story["id"], 5, 1)
            many = read_timeline(store, story["id"], 40, 6)  # more than stored: recomputed
            by_date = {r["date"]: r for r in many}
            assert {r["date"] for r in few} <= set(by_date)
            assert sorted(r["date"] for r in many if r["rank"] <= 5) == sorted(r["date"] for r in few)
            for r in few:
                big = [(s["article_id"], s["start"]) for s in by_date[r["date"]]["sentences"]]
                assert [(s["article_id"], s["start"]) for s in r["sentences"]] == big[:len(r["sentences"])]
            texts = [" ".join(s["text"].lower().split()) for r in many for s in r["sentences"]]
            assert len(texts) == len(set(texts)), story["id"]


def test_named_dates_glued_numeric_and_yearless() -> None:
    from dateline.fuse.placing import named_dates

    full, yearless = named_dates("By Shelley DuBois, reporterFebruary 7, 2011: 5:46 AM ET. CNN Student News - "
                                 "1\\/26\\/11. The truce had held since 19 January; talks resume on March 3.")
    assert date(2011, 2, 7) in full and date(2011, 1, 26) in full
    assert set(yearless) == {(1, 19), (3, 3)}


def test_a_stated_date_is_never_replaced_and_the_story_date_is_honest(pipeline: Pipeline) -> None:
    from dateline.fuse.redate import place_undated, redate

    arts = [Article(id=i, text=t, dct=d, dct_origin="metadata", source="Wire") for i, d, t in STORY]
    # the same text as s1, but with a (wrong) stated date: the story must not move it
    arts.append(Article(id="s4", text=STORY[0][2], dct="2025-03-01", dct_origin="header", source="Wire"))
    arts.append(Article(id=UNDATED[0], text=UNDATED[1], source="Gazette"))
    exs = list(pipeline.pipe(arts))
    placed = place_undated(exs)
    assert [p.article_id for p in placed] == ["u1"]
    [u1] = placed
    assert 0.0 < u1.probability <= 1.0 and u1.confidence in ("high", "medium", "low")
    assert f"{u1.probability:.0%} probability within 3 days" in u1.evidence
    # a forged placement of a stated article is ignored
    forged = replace(u1, article_id="s4", dct="2025-03-18")
    assert [ex.article.id for ex in redate(exs, [forged, u1], pipeline.pipe)] == ["u1"]
