"""The real-news event gold (examples/t17_gold/events.json) is consistent with the stored T17 texts: every record
sits in an article of its half (the shared articles.json or the events-only extra_<split>_articles), and its
offsets cover the trigger word it names. The texts are read from $DATELINE_BENCH_DIR/t17, never from the repo."""
from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from dateline.settings import settings

GOLD = Path(__file__).resolve().parents[1] / "examples" / "t17_gold"
T17 = Path(settings.bench_dir) / "t17"
ACTIONS = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT",
           "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}


def _gold() -> tuple[dict[str, object], dict[tuple[str, str], str]]:
    data = json.loads((GOLD / "events.json").read_text(encoding="utf-8"))
    shared = json.loads((GOLD / "articles.json").read_text(encoding="utf-8"))["articles"]
    split = {(a["topic"], a["article_id"]): a["split"] for a in shared}
    for half in ("tune", "check"):
        for a in data.get(f"extra_{half}_articles", []):
            assert a["split"] == half
            assert (a["topic"], a["article_id"]) not in split, a  # an extra article is not a shared one
            split[(a["topic"], a["article_id"])] = half
    return data, split


def test_extra_articles_keep_to_their_half_topics() -> None:
    data, split = _gold()
    topics = json.loads((GOLD / "articles.json").read_text(encoding="utf-8"))
    for (topic, _), half in split.items():
        assert topic in topics[f"{half}_topics"], (topic, half)
    for e in data["events"]:  # type: ignore[attr-defined]
        assert (e["topic"], e["article_id"]) in split, e
        assert e["action"] in ACTIONS and e["mode"] in ("asserted", "intent", "conditional", "negated"), e


@pytest.mark.skipif(not T17.is_dir(), reason="Timeline17 data not beside the repo")
def test_offsets_cover_the_named_trigger() -> None:
    data, _ = _gold()
    texts: dict[tuple[str, str], str] = {}
    for e in data["events"]:  # type: ignore[attr-defined]
        key = (e["topic"], e["article_id"])
        if key not in texts:
            with gzip.open(T17 / e["topic"] / "articles.jsonl.gz", "rt", encoding="utf-8") as f:
                rows = [json.loads(line) for line in f if line.strip()]
            texts.update({(e["topic"], str(r["id"])): r["text"] for r in rows})
        assert texts[key][e["start"]:e["end"]] == e["text"], e


def test_guideline_v2_holds_the_batch_conventions() -> None:
    data, _ = _gold()
    v2 = " ".join(data["guideline_v2"])  # type: ignore[arg-type]
    for convention in ("both sides", "one record each", "promise", "headline", "refusal", "first-person plural"):
        assert convention in v2, convention


def test_second_annotation_keeps_to_its_articles_and_halves() -> None:
    _, split = _gold()
    a2 = json.loads((GOLD / "events_a2.json").read_text(encoding="utf-8"))
    listed = {(a["topic"], a["article_id"]): a["split"] for a in a2["articles"]}
    for key, half in listed.items():
        assert split[key] == half, key  # an annotated article is one of the gold's, in the same half
    assert {k for k, h in split.items() if h == "check"} <= set(listed)  # every check article is annotated
    for e in a2["events"]:
        assert (e["topic"], e["article_id"]) in listed, e
        assert e["action"] in ACTIONS and e["mode"] in ("asserted", "intent", "conditional", "negated"), e
        assert set(e) == {"topic", "article_id", "start", "end", "text", "actor", "action", "target", "date", "mode"}


@pytest.mark.skipif(not T17.is_dir(), reason="Timeline17 data not beside the repo")
def test_second_annotation_offsets_cover_the_named_trigger() -> None:
    a2 = json.loads((GOLD / "events_a2.json").read_text(encoding="utf-8"))
    texts: dict[tuple[str, str], str] = {}
    for e in a2["events"]:
        key = (e["topic"], e["article_id"])
        if key not in texts:
            with gzip.open(T17 / e["topic"] / "articles.jsonl.gz", "rt", encoding="utf-8") as f:
                texts.update({(e["topic"], str(r["id"])): r["text"] for r in map(json.loads, filter(str.strip, f))})
        assert texts[key][e["start"]:e["end"]] == e["text"], e
