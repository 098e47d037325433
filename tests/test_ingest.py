"""Ingest of every input format, the date-header rules, and bad input."""
from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from dateline.ingest import read_path, read_paths, split_date_header
from dateline.model import Article, Rejected

from .conftest import SEED_DATED, SEED_UNDATED


def articles(items):
    return [i for i in items if isinstance(i, Article)]


def rejected(items):
    return [i for i in items if isinstance(i, Rejected)]


# -- date header -------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "raw, dct, text",
    [
        (" date 2025-05-12 Hamas and US representatives met.", "2025-05-12", "Hamas and US representatives met."),
        ("date 2025-05-12\nHamas met.", "2025-05-12", "Hamas met."),
        ("Date: 2025-05-12\n\nHamas met.", "2025-05-12", "Hamas met."),
        ("date: 2025-05-12T08:30:00Z\nHamas met.", "2025-05-12", "Hamas met."),
        ("DATE 2025-05-12 10:15:00+02:00 Talks went on.", "2025-05-12", "Talks went on."),
        ("Date: Mon, 12 May 2025 10:00:00 GMT\nTalks went on.", "2025-05-12", "Talks went on."),
        ("Date: 12 May 2025\nTalks went on.", "2025-05-12", "Talks went on."),
    ],
)
def test_date_header_variants(raw: str, dct: str, text: str) -> None:
    got_dct, got_text, header = split_date_header(raw)
    assert got_dct == dct
    assert got_text.strip() == text
    assert header and "date" in header.lower()


@pytest.mark.parametrize(
    "raw",
    [
        "Date night at the White House was cancelled on Friday.",
        "date palms were destroyed in the strikes, officials said.",
        "Dated 2025-05-12, the letter was leaked.",
        "date 2025-13-45 is not a date.",
        "Talks resumed. date 2025-05-12 appears later.",
    ],
)
def test_not_a_header(raw: str) -> None:
    dct, text, header = split_date_header(raw)
    assert dct is None and header is None and text == raw


@pytest.mark.parametrize(
    "text, source",
    [
        ("GAZA CITY, Palestinian Territories (Meridian Wire) — Israeli warplanes struck.", "Meridian Wire"),
        ("DOHA (AP) -- Talks resumed on Monday.", "AP"),
        ("ST. LOUIS (Harbor Post) – Cases rose.", "Harbor Post"),
        ("Hamas (the group) — said nothing.", None),
        ("DOHA — Talks resumed (on Monday) — officials said.", None),
    ],
)
def test_wire_dateline_names_the_source(text: str, source: str | None) -> None:
    from dateline.ingest.text import article_from_text

    assert article_from_text(text, id="x").source == source


def test_seed_with_inline_header() -> None:
    [a] = articles(read_path(SEED_DATED))
    assert a.dct == "2025-05-12" and a.dct_origin == "header"
    assert a.text.startswith("Hamas and US representatives have held direct talks in Doha")
    assert "date 2025-05-12" not in a.text
    assert a.id == "004_a2656dd142b0d0b9"


def test_seed_without_date() -> None:
    [a] = articles(read_path(SEED_UNDATED))
    assert a.dct is None and a.dct_origin == "missing"
    assert a.text.startswith("Some progress was made on Thursday")


def test_dct_argument_overrides() -> None:
    [a] = articles(read_paths([SEED_DATED], dct="2024-08-16"))
    assert a.dct == "2024-08-16" and a.dct_origin == "argument"


# -- formats ----------------------------------------------------------------------------------
HTML = """<!doctype html><html><head><title>Talks resume in Cairo | Harbor Post</title>
<meta property="og:site_name" content="Harbor Post">
<meta property="article:published_time" content="2025-04-02T09:00:00Z"></head>
<body><nav>Home | World</nav><article><h1>Talks resume in Cairo</h1>
<p>Egyptian mediators hosted a Hamas delegation in Cairo on Tuesday, two officials said, as efforts to restore
the ceasefire in Gaza entered a new phase after weeks of deadlock between the parties.</p>
<p>The delegation was expected to respond to a proposal for a 45-day truce within days, a senior official told
reporters, adding that the talks had been constructive and would continue on Wednesday.</p>
</article><footer>Copyright</footer></body></html>"""

RSS = """<?xml version="1.0"?><rss version="2.0"><channel><title>Northline News</title>
<item><title>Spill reaches beaches</title><guid>nl-1</guid><link>https://example.org/a</link>
<pubDate>Tue, 17 Dec 2024 08:00:00 GMT</pubDate>
<description>&lt;p&gt;Fuel oil from two damaged tankers washed ashore near Anapa on Monday, officials said.&lt;/p&gt;</description></item>
<item><title>No text</title><guid>nl-2</guid><description></description></item>
<item><title>Clean-up</title><guid>nl-3</guid><description>Volunteers cleared beaches on Wednesday.</description></item>
</channel></rss>"""


def test_html(tmp_path: Path) -> None:
    p = tmp_path / "cairo.html"
    p.write_text(HTML)
    [a] = articles(read_path(p))
    assert a.dct == "2025-04-02" and a.dct_origin == "metadata"
    assert "Egyptian mediators hosted a Hamas delegation" in a.text
    assert "Copyright" not in a.text
    assert a.title and "Talks resume in Cairo" in a.title
    assert a.source == "Harbor Post"


def test_feed(tmp_path: Path) -> None:
    p = tmp_path / "feed.xml"
    p.write_text(RSS)
    items = list(read_path(p))
    arts = articles(items)
    assert [a.title for a in arts] == ["Spill reaches beaches", "Clean-up"]
    assert arts[0].dct == "2024-12-17" and arts[0].source == "Northline News"
    assert arts[0].text.startswith("Fuel oil from two damaged tankers")
    assert arts[1].dct is None and arts[1].dct_origin == "missing"
    [r] = rejected(items)
    assert "entry2" in r.path and "no text" in r.reason


def test_jsonl(tmp_path: Path) -> None:
    p = tmp_path / "batch.jsonl"
    lines = [
        json.dumps({"id": "a1", "title": "T", "time": "2025-03-18", "text": "Israel resumed strikes.", "source": "X"}),
        "{not json",
        json.dumps({"id": "a2", "text": ""}),
        json.dumps({"id": "a3", "date": "2025-03-19T10:00:00", "text": "Talks stalled.", "url": "http://e/x"}),
        json.dumps(["a", "list"]),
        json.dumps({"text": "No id, no date."}),
        json.dumps({"text": 42}),
    ]
    p.write_text("\n".join(lines) + "\n")
    items = list(read_path(p))
    arts = articles(items)
    assert [a.id for a in arts][:2] == ["a1", "a3"]
    assert arts[0].dct == "2025-03-18" and arts[0].dct_origin == "metadata" and arts[0].source == "X"
    assert arts[1].dct == "2025-03-19" and arts[1].url == "http://e/x"
    assert arts[2].dct is None and len(arts[2].id) == 16
    bad = {r.path.rsplit(":", 1)[1]: r.reason for r in rejected(items)}
    assert set(bad) == {"2", "3", "5", "7"}
    assert "malformed JSON" in bad["2"] and "text" in bad["3"] and "object" in bad["5"]


def test_jsonl_gz_and_directory(tmp_path: Path) -> None:
    d = tmp_path / "in"
    (d / "sub").mkdir(parents=True)
    (d / "sub" / "x.jsonl.gz").write_bytes(gzip.compress(b'{"id": "g1", "text": "Zipped article."}\n'))
    (d / "one.txt").write_text("date 2025-01-02\nA plain article.")
    (d / ".hidden.txt").write_text("ignored")
    arts = articles(read_path(d))
    assert sorted(a.id for a in arts) == ["g1", "one"]


# -- bad input ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "name, content, reason",
    [
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b"  \n\t\n", "empty file"),
        ("bin.txt", bytes(range(256)) * 4, "binary"),
        ("latin1.txt", "Caf\xe9 talks in Doha".encode("latin-1"), "UTF-8"),
        ("broken.html", b"<html><body><div><p>", "HTML"),
        ("notes.pdf", b"%PDF-1.4", "unsupported file type"),
        ("bad.xml", b"<rss><channel><item>", "feed"),
        ("header-only.txt", b"date 2025-01-02\n", "no text"),
    ],
)
def test_bad_inputs_are_rejected_with_reason(tmp_path: Path, name: str, content: bytes, reason: str) -> None:
    p = tmp_path / name
    p.write_bytes(content)
    good = tmp_path / "good.txt"
    good.write_text("Talks resumed in Cairo on Monday.")
    items = list(read_paths([p, good]))
    [r] = rejected(items)
    assert r.path.startswith(str(p)) and reason in r.reason
    assert [a.id for a in articles(items)] == ["good"]


def test_missing_path_is_rejected() -> None:
    [r] = list(read_path("/nonexistent/x.txt"))
    assert isinstance(r, Rejected) and "no such file" in r.reason


def test_unreadable_path(tmp_path: Path) -> None:
    p = tmp_path / "locked.txt"
    p.write_text("Some text.")
    p.chmod(0)
    try:
        items = list(read_path(p))
        import os

        if os.geteuid() == 0:  # root reads anything: then it is an article
            assert articles(items)
        else:
            [r] = rejected(items)
            assert "cannot read" in r.reason
    finally:
        p.chmod(0o644)


def test_too_large(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from dateline import settings as s

    monkeypatch.setattr(s.settings, "max_article_bytes", 100)
    p = tmp_path / "big.txt"
    p.write_text("word " * 100)
    [r] = list(read_path(p))
    assert isinstance(r, Rejected) and "too large" in r.reason
