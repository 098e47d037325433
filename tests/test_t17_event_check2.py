"""The further blind event check set (examples/t17_gold/events_check2.json, session 12, issue 15) is consistent with
the stored T17 texts and with its own drawing procedure, stores no article text beyond each trigger, and
bench/events.py's loaders read it as a half of its own and joined to the check half. The texts are read from
$DATELINE_BENCH_DIR/t17, never from the repo."""
from __future__ import annotations

import gzip
import json
import random
import sys
from pathlib import Path

import pytest

from dateline.settings import settings

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "examples" / "t17_gold"
T17 = Path(settings.bench_dir) / "t17"
TOPICS = ("bpoil_guardian", "haiti_bbc")
ACTIONS = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT",
           "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}
needs_t17 = pytest.mark.skipif(not T17.is_dir(), reason="Timeline17 data not beside the repo")


def _check2() -> dict[str, list[dict[str, object]]]:
    return dict(json.loads((GOLD / "events_check2.json").read_text(encoding="utf-8")))


def _texts() -> dict[tuple[str, str], dict[str, object]]:
    rows: dict[tuple[str, str], dict[str, object]] = {}
    for topic in TOPICS:
        with gzip.open(T17 / topic / "articles.jsonl.gz", "rt", encoding="utf-8") as f:
            rows.update({(topic, str(r["id"])): r for r in map(json.loads, filter(str.strip, f))})
    return rows


def test_records_keep_to_the_listed_articles_and_the_record_shape() -> None:
    data = _check2()
    listed = {(a["topic"], a["article_id"]) for a in data["articles"]}
    assert len(listed) == len(data["articles"]) == 16
    assert all(a["split"] == "check" and a["topic"] in TOPICS for a in data["articles"])
    for e in data["events"]:
        assert (e["topic"], e["article_id"]) in listed, e
        assert set(e) == {"topic", "article_id", "start", "end", "text", "actor", "action", "target", "date", "mode"}
        assert e["action"] in ACTIONS and e["mode"] in ("asserted", "intent", "conditional", "negated"), e
        assert e["date"] is None or str(e["date"])[:4] == "2010", e


def test_no_article_is_shared_with_another_events_gold_or_its_topics() -> None:
    data = _check2()
    events = json.loads((GOLD / "events.json").read_text(encoding="utf-8"))
    shared = json.loads((GOLD / "articles.json").read_text(encoding="utf-8"))
    used_topics = set(shared["tune_topics"]) | set(shared["check_topics"])
    used_topics |= {e["topic"] for e in events["events"]}
    used_topics |= {e["topic"] for e in json.loads((GOLD / "events_a2.json").read_text(encoding="utf-8"))["events"]}
    assert not used_topics & {a["topic"] for a in data["articles"]}


@needs_t17
def test_the_articles_are_the_recorded_draw() -> None:
    """The procedure the file's "about" names reproduces its article list, in order."""
    rows = sorted((topic, aid, str(r["time"]), len(str(r["text"]))) for (topic, aid), r in _texts().items()
                  if 1500 <= len(str(r["text"])) <= 4000)
    rng = random.Random(1512)
    drawn = [x for topic in TOPICS for x in rng.sample([r for r in rows if r[0] == topic], 8)]
    data = _check2()
    assert [(a["topic"], a["article_id"], a["time"], a["chars"]) for a in data["articles"]] == drawn
    assert "Random(1512)" in str(data["about"])


@needs_t17
def test_offsets_cover_the_named_trigger_and_only_the_trigger_is_stored() -> None:
    texts = _texts()
    for e in _check2()["events"]:
        text = str(texts[(e["topic"], e["article_id"])]["text"])
        assert 0 <= e["start"] < e["end"] <= len(text), e  # type: ignore[operator]
        assert text[e["start"]:e["end"]] == e["text"], e  # type: ignore[misc]
        assert len(str(e["text"]).split()) <= 3 and "\n" not in str(e["text"]), e


@needs_t17
def test_the_bench_reads_the_set_alone_and_joined_to_the_check_half() -> None:
    sys.path.insert(0, str(ROOT / "bench"))
    import events_iaa  # noqa: PLC0415 - bench module
    from events import GENERIC, _actor_match  # noqa: PLC0415
    from events_t17 import CHECK2, GoldActor, cached, joined, load_half, load_set, t17_events  # noqa: PLC0415

    check2 = load_set(CHECK2)
    recs = _check2()["events"]
    assert len(check2[1]) == len(check2[2]) == len(check2[3]) == 16 and len(check2[0]) == len(recs)
    calls: list[int] = []
    base = events_iaa.as_predictions(recs, GoldActor(GENERIC))

    def counting(arts: list[object]) -> tuple[list[tuple[object, object]], float]:
        calls.append(len(arts))
        return base(arts)  # type: ignore[no-any-return]

    run = cached(counting)
    alone = t17_events("check", run, False, _actor_match, GENERIC, half=check2)
    assert alone["f1"][2] == 1.0 and alone["gold"] == len(recs)  # the set's records, as predictions, match it all
    check = load_half("check")
    both = joined(check, check2)
    assert [len(x) for x in both] == [len(a) + len(b) for a, b in zip(check, check2)]
    t17_events("check", run, False, _actor_match, GENERIC, half=joined(check2))
    assert calls == [16]  # each article is run once however often it is scored
