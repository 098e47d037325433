"""PTB tokenized text (corpora such as Timeline17) made readable at ingest, offsets unchanged (QA pass s10)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

import dateline
from dateline.ingest import read_paths
from dateline.ptb import detokenize, is_ptb
from dateline.model import Article

PTB = ("-LRB- Harbour Wire -RRB- -- The ferry company 's chief said the crossing was `` safe again '' , "
       "and the strike wo n't resume -LRB- for now -RRB- .\nIt cost $ 40m , officials said .")


def test_same_length_and_readable() -> None:
    out = detokenize(PTB)
    assert len(out) == len(PTB)
    assert out.count("\n") == PTB.count("\n")
    readable = " ".join(out.split())
    assert readable == ("(Harbour Wire) -- The ferry company's chief said the crossing was \"safe again\", and the "
                        "strike won't resume (for now). It cost $40m, officials said.")


def test_words_keep_their_offsets() -> None:
    out = detokenize(PTB)
    for word in ("Harbour", "ferry", "chief", "crossing", "resume", "officials"):
        i = PTB.index(word)
        assert out[i:i + len(word)] == word


@pytest.mark.parametrize("text", [
    "The mayor , who spoke on Monday , said the bridge would reopen , and it did .",
    "Talks resume -LRB- again -RRB- today.",
    "She said `` no '' twice.",
])
def test_detected(text: str) -> None:
    assert is_ptb(text)


@pytest.mark.parametrize("text", [
    "The mayor, who spoke on Monday, said the bridge would reopen, and it did.",
    "The lawyers' fees rose 5 % , analysts said.",  # one odd comma among edited text is no tokenization
    "It's what the council's report said (in brief): rates won't rise.",
])
def test_edited_text_untouched(text: str) -> None:
    assert not is_ptb(text)
    assert detokenize(text) == text


def test_nested_brackets_close_together() -> None:
    text = "-LRB- Updated 9 a.m. -LRB- 0700 GMT -RRB- -RRB- Crews reopened the pass ."
    out = detokenize(text)
    assert len(out) == len(text)
    assert " ".join(out.split()) == "(Updated 9 a.m. (0700 GMT)) Crews reopened the pass."


def test_idempotent() -> None:
    once = detokenize(PTB)
    assert detokenize(once) == once


def test_ingest_jsonl_offsets_point_into_stored_text(tmp_path: Path) -> None:
    f = tmp_path / "wire.jsonl"
    f.write_text(json.dumps({"id": "w1", "time": "2024-03-05", "text": PTB}) + "\n", encoding="utf-8")
    [art] = list(read_paths([f]))
    assert isinstance(art, Article)
    assert "-LRB-" not in art.text and "``" not in art.text and len(art.text) == len(PTB)
    assert art.dateline_end and art.text[art.dateline_start:art.dateline_end].split() == ["(Harbour", "Wire)", "--"]
    ex = dateline.extract(PTB, dct="2024-03-05")
    assert ex.article.text == art.text
    for rec in [*ex.entities, *ex.statements, *ex.figures]:
        assert ex.article.text[rec.start:rec.end] == rec.text
    assert any(f.value == 40e6 for f in ex.figures)
