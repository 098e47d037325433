"""Every extract component survives any text, and offsets stay valid under unicode."""
from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dateline.model import Article, Extraction, Rejected

from ..conftest import SEED_DATED, SEED_UNDATED
from .test_readers import hard_text

NEWSY = st.sampled_from([
    "Hamas said on Sunday that it rejected the proposal. ",
    "\u201cWe will continue,\u201d said a senior official, \u201cuntil the end.\u201d ",
    "At least 2,720 people have been killed since March 18, the ministry said. ",
    "The talks in Doha will resume on Friday, two US officials told AFP. ",
    "In 1066 and in 9999 and on 0001-01-01 and in the 2990s nothing happened. ",
    "Die Gespräche in Kairo wurden am Montag fortgesetzt. ",
    "\u05d4\u05e9\u05d9\u05d7\u05d5\u05ea \u05e0\u05de\u05e9\u05db\u05d5 \u05d1\u05d9\u05d5\u05dd \u05e8\u05d0\u05e9\u05d5\u05df. ",
    "\u0627\u0633\u062a\u0623\u0646\u0641\u062a \u0627\u0644\u0645\u062d\u0627\u062f\u062b\u0627\u062a \u064a\u0648\u0645 \u0627\u0644\u0623\u062d\u062f. ",
    "😀🔥 " * 3, "lone \ud83d surrogate \udc00 ", "\r\n", "\n\n", "...", "   ", "$1.2 billion, 45-day, two-thirds, a third of 58. ",
])
article_text = st.lists(NEWSY | hard_text, min_size=1, max_size=12).map("".join)


def _check_offsets(ex) -> None:
    text = ex.article.text
    for name, recs in ex.records().items():
        for r in recs:
            assert 0 <= r.start <= r.end <= len(text), (name, r)
            assert text[r.start:r.end] == r.text, (name, r.text, text[r.start:r.end])
            for a, b in (("speaker_start", "speaker_end"),):
                if getattr(r, a, None) is not None:
                    assert 0 <= getattr(r, a) <= getattr(r, b) <= len(text)


@given(text=article_text, dct=st.sampled_from([None, "2025-05-12", "0001-01-01", "9999-12-31", "2000-02-29"]))
def test_any_text_any_dct(pipeline, text: str, dct: str | None) -> None:
    if not text.strip():
        return
    art = Article(id="x", text=text, dct=dct, dct_origin="argument" if dct else "missing")
    ex = pipeline(art)  # must not raise
    _check_offsets(ex)


@pytest.mark.parametrize("form", ["NFC", "NFD", "NFKC", "NFKD"])
@pytest.mark.parametrize("seed", [SEED_DATED, SEED_UNDATED])
def test_offsets_under_normalization_and_crlf(pipeline, seed, form: str) -> None:
    text = unicodedata.normalize(form, "Les négociations à Doha ont repris. " + seed.read_text())
    for variant in (text, text.replace("\n", "\r\n"), "\u200f" + text.replace(" ", "\u00a0", 5)):
        ex = pipeline(Article(id="n", text=variant, dct="2025-05-12", dct_origin="argument"))
        _check_offsets(ex)
        assert ex.timexes and ex.entities


def test_no_sentences(pipeline) -> None:
    for text in ["....", "😀", "\n\n\n", "12345", "-" * 5000, "a" * 20000]:
        _check_offsets(pipeline(Article(id="e", text=text, dct="2025-05-12")))


@pytest.mark.slow
def test_one_megabyte_single_paragraph(pipeline) -> None:
    para = ("Negotiators met on Thursday in Doha, two officials told AFP, and at least 58 hostages remain held. "
            "The talks will continue on Friday, the spokesperson said in a statement. ")
    text = para * (1_000_000 // len(para) + 1)
    ex = pipeline(Article(id="big", text=text, dct="2024-08-16", dct_origin="argument"))
    _check_offsets(ex)
    assert len(ex.timexes) > 1000


def test_lone_surrogates_become_replacement_characters(tmp_path) -> None:
    """JSON may escape half a surrogate pair ("\\ud83d"); it cannot be parsed or stored, so each becomes U+FFFD
    (one code point for one: offsets into the text are unchanged) and the article is stored."""
    from dateline.api import ingest
    from dateline.store import Store

    p = tmp_path / "s.jsonl"
    p.write_text('{"id": "s1", "text": "Talks resumed in Doha on Sunday \\ud83d, officials told AFP.", '
                 '"title": "x\\udc00", "date": "2025-05-12"}\n{"id": "s2", "text": "Talks resumed on Monday."}\n')
    report = ingest([p], db=tmp_path / "s.duckdb", fuse=False)
    assert report.stored == 2 and not report.rejected
    with Store(tmp_path / "s.duckdb", read_only=True) as s:
        [row] = s.query("SELECT text, title FROM articles WHERE id = ?", ["s1"])
        text, title = row["text"], row["title"]
    assert text == "Talks resumed in Doha on Sunday \ufffd, officials told AFP." and title == "x\ufffd"


def test_a_parse_failure_rejects_one_article_and_the_batch_goes_on(pipeline) -> None:
    good = [Article(id=f"g{i}", text=f"Talks resumed on Monday in round {i}.", dct="2025-05-12") for i in range(3)]
    bad = Article(id="bad", text="ok", dct="2025-05-12")
    bad.text = "Talks \ud800 resumed."  # set after construction: bypasses the cleaning, so spaCy fails on it
    out = list(pipeline.pipe_safe([good[0], bad, good[1], good[2]], batch_size=4))
    assert [type(o) for o in out] == [Extraction, Rejected, Extraction, Extraction]
    assert out[1].path == "bad" and "pars" in out[1].reason
    assert [o.article.id for o in out if isinstance(o, Extraction)] == ["g0", "g1", "g2"]
    assert all(o.timexes for o in out if isinstance(o, Extraction))
