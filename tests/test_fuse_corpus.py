"""The fuse stage on the sample corpus against its gold (examples/gold/stories.json): stories, duplicates,
contradictions, timelines."""
from __future__ import annotations

import json
import sys
from datetime import date

import pytest

from dateline.fuse.run import read_timeline
from dateline.store import Store

from .conftest import GOLD, ROOT

sys.path.insert(0, str(ROOT / "bench"))
import tlsscore as tm  # noqa: E402


@pytest.fixture(scope="module")
def gold() -> dict:
    return json.loads((GOLD / "stories.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def store(corpus_db: str):
    with Store(corpus_db, read_only=True) as s:
        yield s


def test_every_story_found_and_none_merged(store: Store, gold: dict) -> None:
    member = store.story_memberships()
    found = {}
    for name, articles in gold["stories"].items():
        stories = {member[a][0] for a in articles}
        assert len(stories) == 1, f"{name} split over {stories}"
        found[name] = stories.pop()
    assert len(set(found.values())) == len(found), "two gold stories share one story"
    assert {s["id"] for s in store.stories()["items"]} == set(found.values())  # no stray stories
    sizes = {s["id"]: s["size"] for s in store.stories()["items"]}
    assert all(sizes[found[n]] == len(a) for n, a in gold["stories"].items())


def test_duplicates_linked_to_the_earliest(store: Store, gold: dict) -> None:
    member = store.story_memberships()
    for dup, primary in gold["duplicates"]:
        assert member[dup][1] == primary
    linked = {a for a, (_, d) in member.items() if d}
    assert linked == {d for d, _ in gold["duplicates"]}  # nothing else is called a copy


def test_contradictions_surface_with_both_sources(store: Store, gold: dict) -> None:
    member = store.story_memberships()
    surfaced = 0
    for c in gold["contradictions"]:
        sid = member[c["values"][0]["article_id"]][0]
        rows = [r for r in store.figure_series(sid) if r["contradiction"] and r["date"] == c["date"]]
        groups: dict[str, set[tuple[str, float]]] = {}
        for r in rows:
            groups.setdefault(r["contradiction_group"], set()).add((r["article_id"], r["value"]))
        want = {(v["article_id"], v["value"]) for v in c["values"]}
        if any(want <= g for g in groups.values()):
            surfaced += 1
    assert surfaced == len(gold["contradictions"])  # every disagreement the gold records


def test_timelines_close_to_the_gold(store: Store, gold: dict) -> None:
    member = store.story_memberships()
    results = []
    for name, entries in gold["timelines"].items():
        sid = member[gold["stories"][name][0]][0]
        rows = read_timeline(store, sid, len(entries), 1)
        assert 0 < len(rows) <= len(entries)
        ids = set(gold["stories"][name])
        for r in rows:
            for s in r["sentences"]:
                assert s["article_id"] in ids
                text = store.query("SELECT text FROM articles WHERE id = ?", [s["article_id"]])[0]["text"]
                assert text[s["start"]:s["end"]] == s["text"]
        pred = {date.fromisoformat(r["date"]): [s["text"] for s in r["sentences"]] for r in rows}
        ref = {date.fromisoformat(d): [t] for d, t in entries}
        score = tm.evaluate(pred, ref)
        assert score["date"]["f_score"] >= 0.5, (name, sorted(pred))
        results.append(score)
    mean = tm.mean_scores(results)
    assert mean["date"] >= 0.65 and mean["rouge_1"] >= 0.2, mean


def test_story_summary_rows(store: Store) -> None:
    for s in store.stories()["items"]:
        assert s["label"] and s["top_actors"] and s["first_date"] <= s["last_date"]
        assert 1 <= len(store.timeline(s["id"])["items"]) <= 30
