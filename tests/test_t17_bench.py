"""bench/t17.py end to end on a tiny topic folder in the T17 layout (interface, output shape, last line)."""
from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path

import pytest

from .conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))
import t17  # noqa: E402

ARTICLES = [
    ("1", "2011-02-11", "Hosni Mubarak resigned as president of Egypt on Friday , the army said . \n"
                        "Crowds in Tahrir Square celebrated through the night . \n"),
    ("2", "2011-02-12", "A day after Mubarak resigned on February 11 , the military council promised elections . \n"
                        "Cairo streets were calm as protesters cleaned Tahrir Square . \n"),
    ("3", "2011-02-13", "The army dissolved parliament on Sunday and suspended the constitution -LRB- state TV -RRB- . \n"
                        "Protesters said Mubarak 's resignation on February 11 was only the first step . \n"),
]
GOLD = [["2011-02-11", ["Mubarak resigns as president ."]], ["2011-02-13", ["The army dissolves parliament ."]]]


def test_detokenize() -> None:
    assert t17.detokenize("Mubarak 's rule -LRB- 30 years -RRB- ended , `` finally '' .") == \
        "Mubarak's rule (30 years) ended, \"finally\"."


def test_bench_on_a_tiny_topic(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    topic = tmp_path / "data" / "egypt_tiny"
    topic.mkdir(parents=True)
    with gzip.open(topic / "articles.jsonl.gz", "wt") as fh:
        for i, t, text in ARTICLES:
            fh.write(json.dumps({"id": i, "time": t, "text": text}) + "\n")
    (topic / "timelines.jsonl").write_text(json.dumps(GOLD) + "\n")
    (topic / "keywords.json").write_text('["egypt"]')
    monkeypatch.setattr(t17, "CACHE", tmp_path / "cache")
    out = tmp_path / "out"
    assert t17.main(["--data", str(tmp_path / "data"), "--out", str(out), "--no-append"]) == 0
    last = capsys.readouterr().out.strip().splitlines()[-1]
    assert last.startswith(t17.half("egypt_tiny") + ": mean AR-1 F1 ") and " AR-2 F1 " in last and " Date-F1 " in last
    pred = json.loads((out / "egypt_tiny.json").read_text())
    assert len(pred) == 2 and all(isinstance(d, str) and isinstance(s, list) and s for d, s in pred)
    assert [d for d, _ in pred] == ["2011-02-11", "2011-02-13"]
    assert float(last.split()[-1]) == 1.0  # both gold days found
    assert list((tmp_path / "cache").glob("egypt_tiny.*.jsonl.gz"))  # extraction cached


def test_detokenized_keeps_stored_offsets() -> None:
    """The statements bench reads the readable text and places its predictions in the stored one."""
    import t17_gold  # noqa: PLC0415 - bench sibling module

    stored = "-LRB- Wire -RRB- -- `` It is over , '' the harbour 's chief said .\nShe left ."
    text, where = t17_gold.detokenized(stored)
    assert text == "(Wire) -- \u201cIt is over,\u201d the harbour's chief said.\nShe left."
    assert len(where) == len(text) + 1 and where[-1] == len(stored)
    for word in ("It", "over", "harbour", "chief", "said", "She"):
        assert stored[where[text.index(word)]:].startswith(word)
    assert all(a <= b for a, b in zip(where, where[1:]))
