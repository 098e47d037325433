"""bench/events_iaa.py (issue 15, session 12): one annotation's records scored as predictions against another with
the real-news bench's own matcher. Uses the stored T17 texts (never copied) and the repo's second annotation."""
from __future__ import annotations

import copy
import json
import sys
from pathlib import Path

import pytest

from dateline.settings import settings

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
pytestmark = pytest.mark.skipif(not (Path(settings.bench_dir) / "t17").is_dir(), reason="Timeline17 data not beside the repo")


def _setup() -> tuple[object, object, list[dict[str, object]], list[dict[str, object]]]:
    import events_iaa  # noqa: PLC0415 - bench module
    from events import GENERIC  # noqa: PLC0415
    from events_t17 import GoldActor  # noqa: PLC0415

    art = events_iaa.annotated("tune")[0]
    recs = [e for e in json.loads(events_iaa.A2.read_text(encoding="utf-8"))["events"]
            if (e["topic"], e["article_id"]) == (art["topic"], art["article_id"]) and e["mode"] != "negated"]
    assert len(recs) >= 3
    return events_iaa, GoldActor(GENERIC), recs, [art]


def test_an_annotation_agrees_with_itself_and_each_changed_record_costs_one_match() -> None:
    m, ga, recs, arts = _setup()
    rows, _ = m.per_article("tune", m.as_predictions(recs, ga), recs, arts, True)  # type: ignore[attr-defined]
    assert rows == [(len(recs), len(recs), len(recs))]
    changed = copy.deepcopy(recs)
    changed[0]["action"] = "SANCTION" if changed[0]["action"] != "SANCTION" else "AID"
    rows, matched = m.per_article("tune", m.as_predictions(changed, ga), recs, arts, False)  # type: ignore[attr-defined]
    assert rows == [(len(recs) - 1, len(recs), len(recs))] and len(matched) == len(recs) - 1


def test_the_target_counts_only_in_the_triple_measure() -> None:
    m, ga, recs, arts = _setup()
    changed = copy.deepcopy(recs)
    i = next(k for k, r in enumerate(changed) if r["target"] is None)
    changed[i]["target"] = "Zanzibar Ferry Company"  # a named target where the gold has none
    pair, _ = m.per_article("tune", m.as_predictions(changed, ga), recs, arts, False)  # type: ignore[attr-defined]
    triple, _ = m.per_article("tune", m.as_predictions(changed, ga), recs, arts, True)  # type: ignore[attr-defined]
    assert pair[0][0] == len(recs) and triple[0][0] == len(recs) - 1
