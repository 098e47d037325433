"""The sample corpus and its hand-made gold agree with what ingest produces, and meet the agreed size."""
from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from .conftest import CORPUS, GOLD, bench_module

SPAN_FIELD = {"timexes": "text", "statements": "content", "figures": "text", "events": "text", "places": "text"}
MINIMUMS = {"events": 80, "statements": 60, "figures": 40, "timexes": 150}
PLOVER = {
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT",
    "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
}


gt = bench_module("gold_tools")


@pytest.fixture(scope="module")
def articles():
    return gt.ingested(CORPUS)


@pytest.fixture(scope="module")
def gold():
    return gt.load_gold(GOLD)


@pytest.fixture(scope="module")
def stories():
    return gt.load_stories(GOLD)


def test_every_article_has_gold_and_vice_versa(articles, gold):
    assert set(articles) == set(gold)
    assert len(articles) >= 24


def test_every_gold_span_matches_the_ingested_text(articles, gold):
    bad = []
    for aid, g in gold.items():
        text = articles[aid].text
        for table, field in SPAN_FIELD.items():
            for rec in g[table]:
                if text[rec["start"]:rec["end"]] != rec[field]:
                    bad.append((aid, table, rec[field], text[rec["start"]:rec["end"]]))
    assert not bad, bad[:5]


def test_gold_files_are_rebuilt_identically_from_their_sources(articles, gold):
    for src in sorted(gt.GOLD_SRC.glob("*.txt")):
        rebuilt = gt.build_article(articles[src.stem], src.read_text(encoding="utf-8"))
        assert rebuilt == gold[src.stem], src.name
    assert {p.stem for p in gt.GOLD_SRC.glob("*.txt")} == set(gold)


def test_article_metadata_agrees_with_ingest(articles, gold):
    for aid, g in gold.items():
        a, meta = articles[aid], g["article"]
        assert meta["id"] == aid
        assert meta["dct_origin"] == a.dct_origin, aid
        assert meta["dct"], aid
        if a.dct_origin != "missing":
            assert meta["dct"] == a.dct, aid
        else:
            assert a.dct is None
        if a.source:
            assert meta["source"] == a.source, aid
        assert 120 <= len(a.text.split()) <= 350, (aid, len(a.text.split()))


def test_counts_meet_the_minimums(gold):
    counts = gt.counts(gold)
    for table, minimum in MINIMUMS.items():
        assert counts[table] >= minimum, (table, counts[table])
    assert {e["action"] for g in gold.values() for e in g["events"]} == PLOVER
    assert {e["polarity"] for g in gold.values() for e in g["events"]} == {"positive", "negative"}
    assert {"proposed", "planned", "conditional"} <= {e["modality"] for g in gold.values() for e in g["events"]}
    assert {s["speaker_kind"] for g in gold.values() for s in g["statements"]} == {"named", "organization", "anonymous"}
    assert sum(1 for g in gold.values() for s in g["statements"] if s["via"]) >= 10
    assert {"at least", "about", "more than", "up to"} <= {f["qualifier"] for g in gold.values() for f in g["figures"]}
    assert {"DATE", "TIME", "DURATION", "SET"} == {t["type"] for g in gold.values() for t in g["timexes"]}


def test_corpus_mix_of_stories_outlets_and_formats(articles, gold):
    metas = [g["article"] for g in gold.values()]
    assert len({m["story"] for m in metas}) >= 3
    assert len({m["source"] for m in metas}) >= 4
    assert sum(1 for m in metas if m["dct_origin"] == "missing") >= 3
    files = Counter(Path(a.path.split("#")[0].rsplit(":", 1)[0]).suffix for a in articles.values())
    assert files[".html"] >= 2
    on_disk = Counter(p.suffix for p in CORPUS.iterdir())
    assert on_disk[".xml"] == 1 and on_disk[".jsonl"] == 1
    assert set(on_disk) <= {".txt", ".html", ".xml", ".jsonl"}
    assert sum(1 for a in articles.values() if "#entry" in (a.path or "")) >= 3
    raw_headers = [p for p in CORPUS.glob("*.txt") if p.read_text(encoding="utf-8").startswith(" date ")]
    assert len(raw_headers) >= 1


def test_stories_duplicates_and_contradictions(gold, stories):
    listed = [aid for ids in stories["stories"].values() for aid in ids]
    assert sorted(listed) == sorted(gold)
    for story, ids in stories["stories"].items():
        assert all(gold[aid]["article"]["story"] == story for aid in ids)
        dates = [gold[aid]["article"]["dct"] for aid in ids]
        assert dates == sorted(dates)
    assert len(stories["duplicates"]) >= 2
    for copy, original in stories["duplicates"]:
        assert gold[copy]["article"]["duplicate_of"] == original
        assert gold[original]["article"]["duplicate_of"] is None
    assert len(stories["contradictions"]) >= 2
    for c in stories["contradictions"]:
        assert len({v["value"] for v in c["values"]}) == len(c["values"]) >= 2
        assert len({v["source"] for v in c["values"]}) == len(c["values"])
        for v in c["values"]:
            matches = [
                f for f in gold[v["article_id"]]["figures"]
                if f["value"] == v["value"] and f["category"] == c["category"] and f["as_of"] == c["date"]
                and f["scope"] == c["scope"] and f["source"] == v["source"]
            ]
            assert matches, (c, v)
    for story, entries in stories["timelines"].items():
        assert 8 <= len(entries) <= 12, story
        dates = [d for d, _ in entries]
        assert dates == sorted(dates) and len(set(dates)) == len(dates)
