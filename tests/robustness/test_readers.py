"""Every input reader survives any input: it yields articles or clear rejections, never raises."""
from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from dateline.ingest import read_paths, split_date_header
from dateline.model import Article, Rejected

SUFFIXES = [".txt", ".html", ".xml", ".rss", ".jsonl", ".json", ".md", ".bin", ".jsonl.gz"]

# text with the hard parts: mixed scripts, RTL, emoji, combining marks, CR/LF, NUL, lone surrogates escaped
PIECES = ["\r\n", "\r", "\u200f", "\u202e", "שלום", "مرحبا", "🇵🇸", "👍🏽", "e\u0301", "\ufeff", "date ", "2025-05-12",
          "Talks resumed on Sunday. ", "\u201cquote,\u201d he said. "]
hard_text = st.lists(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=20)
                     | st.sampled_from(PIECES), max_size=25).map("".join)


def _check(items: list, path: Path) -> None:
    for it in items:
        assert isinstance(it, (Article, Rejected))
        if isinstance(it, Rejected):
            assert it.reason and it.path.startswith(str(path))
        else:
            assert it.text.strip() and it.id
            assert it.dct is None or len(it.dct) == 10


@given(data=st.binary(max_size=3000), suffix=st.sampled_from(SUFFIXES))
def test_random_bytes(tmp_path_factory, data: bytes, suffix: str) -> None:
    p = tmp_path_factory.mktemp("b") / f"x{suffix}"
    p.write_bytes(data)
    _check(list(read_paths([p])), p)


@given(text=hard_text, suffix=st.sampled_from(SUFFIXES))
def test_random_text(tmp_path_factory, text: str, suffix: str) -> None:
    p = tmp_path_factory.mktemp("t") / f"x{suffix}"
    p.write_text(text, encoding="utf-8", errors="surrogatepass")
    _check(list(read_paths([p])), p)


@given(depth=st.integers(1, 3000), tag=st.sampled_from(["div", "p", "span", "table", "b"]), junk=hard_text)
def test_deeply_nested_broken_html(tmp_path_factory, depth: int, tag: str, junk: str) -> None:
    p = tmp_path_factory.mktemp("h") / "x.html"
    p.write_text(f"<html><body>{('<' + tag + '>') * depth}{junk} Talks resumed on Monday.</body>")
    _check(list(read_paths([p])), p)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | hard_text,
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=5), children, max_size=3),
    max_leaves=8,
)


@given(rows=st.lists(st.fixed_dictionaries({}, optional={
    "id": json_values, "text": json_values | hard_text, "time": json_values | st.sampled_from(
        ["2025-05-12", "0001-01-01", "9999-12-31T23:59:59Z", "Mon, 12 May 2025 10:00:00 GMT", "32/13/2025", ""]),
    "date": json_values, "title": json_values, "url": json_values, "source": json_values}), max_size=6))
def test_jsonl_wrong_types(tmp_path_factory, rows: list[dict]) -> None:
    p = tmp_path_factory.mktemp("j") / "x.jsonl"
    p.write_text("\n".join(json.dumps(r) for r in rows) + "\n{broken\n")
    items = list(read_paths([p]))
    _check(items, p)
    assert any(isinstance(i, Rejected) and "malformed JSON" in i.reason for i in items)


@given(entries=st.lists(st.fixed_dictionaries({}, optional={
    "title": hard_text, "description": hard_text, "pubDate": hard_text | st.sampled_from(
        ["Tue, 17 Dec 2024 08:00:00 GMT", "not a date", "Sat, 01 Jan 0001 00:00:00 GMT"]),
    "guid": hard_text, "link": hard_text}), max_size=5))
def test_feeds_with_missing_fields(tmp_path_factory, entries: list[dict]) -> None:
    from xml.sax.saxutils import escape

    items = "".join("<item>" + "".join(f"<{k}>{escape(v)}</{k}>" for k, v in e.items()) + "</item>"
                    for e in entries)
    p = tmp_path_factory.mktemp("f") / "x.rss"
    p.write_text(f'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>{items}</channel></rss>')
    _check(list(read_paths([p])), p)


@given(text=hard_text)
def test_header_split_never_loses_text(text: str) -> None:
    dct, rest, header = split_date_header(text)
    if dct is None:
        assert rest == text
    else:
        assert text.endswith(rest) and header is not None


def test_huge_line_and_many_files(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text("Talks resumed on Monday in Doha, officials said. " * 25_000)  # ~1.2 MB, one paragraph
    many = tmp_path / "many"
    many.mkdir()
    for i in range(300):
        (many / f"{i}.txt").write_text(f"Article {i} about talks on Monday.")
    items = list(read_paths([big, many]))
    assert len([i for i in items if isinstance(i, Article)]) == 301
