"""Bad and awkward inputs a user meets: other encodings, truncated or huge JSON Lines, pretty-printed JSON,
wrong fields, URLs, files named alike; and a bad batch into an existing store loses nothing stored."""
from __future__ import annotations

import gzip
import json
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from dateline.cli import app
from dateline.ingest import read_path, read_paths
from dateline.model import Article, Rejected

from .conftest import CORPUS

BODY = "Talks resumed in Doha on Monday, officials said."


def split(items) -> tuple[list[Article], list[Rejected]]:
    items = list(items)
    return [i for i in items if isinstance(i, Article)], [i for i in items if isinstance(i, Rejected)]


# -- encodings -----------------------------------------------------------------------------------
@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32", "utf-8-sig"])
def test_text_with_a_byte_order_mark_is_decoded(tmp_path: Path, encoding: str) -> None:
    p = tmp_path / "bom.txt"
    raw = f"date 2025-05-12\nCafé {BODY}"
    p.write_bytes(("\ufeff" + raw).encode(encoding) if encoding == "utf-16-be" else raw.encode(encoding))
    [a] = read_path(p)
    assert isinstance(a, Article), a
    assert a.text == f"Café {BODY}" and a.dct == "2025-05-12"


def test_html_in_its_declared_charset(tmp_path: Path) -> None:
    p = tmp_path / "page.html"
    p.write_bytes(('<html><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">'
                   f'<title>Café</title></head><body><article><p>Café {BODY} The talks went on into the night '
                   'and the mediators said a deal was near.</p></article></body></html>').encode("latin-1"))
    [a] = read_path(p)
    assert isinstance(a, Article), a
    assert a.text.startswith(f"Café {BODY}")
    # a page that declares latin-1 but is UTF-8 (common): UTF-8 first, no mojibake
    p.write_bytes(p.read_bytes().decode("latin-1").encode("utf-8"))
    [a] = read_path(p)
    assert isinstance(a, Article) and a.text.startswith(f"Café {BODY}") and "Ã" not in a.text


def test_latin1_feed_with_xml_declaration(tmp_path: Path) -> None:
    p = tmp_path / "feed.xml"
    p.write_bytes(('<?xml version="1.0" encoding="ISO-8859-1"?><rss version="2.0"><channel><title>Café News'
                   '</title><item><guid>e1</guid><pubDate>Tue, 17 Dec 2024 08:00:00 GMT</pubDate>'
                   f'<description>Café {BODY}</description></item></channel></rss>').encode("latin-1"))
    [a] = read_path(p)
    assert isinstance(a, Article), a
    assert a.text == f"Café {BODY}" and a.source == "Café News" and a.dct == "2024-12-17"


def test_undeclared_latin1_text_is_a_clear_error(tmp_path: Path) -> None:
    p = tmp_path / "latin.txt"
    p.write_bytes(f"Café {BODY}".encode("latin-1"))
    [r] = read_path(p)
    assert isinstance(r, Rejected) and r.path == str(p)
    assert "not valid UTF-8" in r.reason and "0xe9" in r.reason and "iconv" in r.reason


# -- JSON and JSON Lines -------------------------------------------------------------------------
def rows(n: int) -> list[str]:
    return [json.dumps({"id": f"a{i}", "text": f"Round {i}: {BODY} " * 20, "date": "2025-05-12"}) for i in range(n)]


def test_truncated_gzip_keeps_the_lines_before(tmp_path: Path) -> None:
    data = gzip.compress(("\n".join(rows(400)) + "\n").encode())
    p = tmp_path / "cut.jsonl.gz"
    p.write_bytes(data[: len(data) // 2])
    arts, [r] = split(read_path(p))
    assert 100 < len(arts) < 400
    assert [a.id for a in arts] == [f"a{i}" for i in range(len(arts))]
    assert r.path == f"{p}:{len(arts) + 1}" and "truncated" in r.reason


def test_jsonl_larger_than_the_article_limit_is_streamed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from dateline import settings as s

    lines = rows(50)
    big = json.dumps({"id": "big", "text": BODY * 200})
    monkeypatch.setattr(s.settings, "max_article_bytes", max(len(x) for x in lines) + 10)
    for name, write in (("big.jsonl", lambda p, b: p.write_bytes(b)),
                        ("big.jsonl.gz", lambda p, b: p.write_bytes(gzip.compress(b)))):
        p = tmp_path / name
        write(p, ("\n".join(lines[:20] + [big] + lines[20:]) + "\n").encode())
        arts, [r] = split(read_path(p))
        assert [a.id for a in arts] == [f"a{i}" for i in range(50)]  # the file is far over the limit
        assert r.path == f"{p}:21" and "line too large" in r.reason
    # read whole: a JSON array over the limit, also once unzipped
    arr = tmp_path / "arr.json.gz"
    arr.write_bytes(gzip.compress(json.dumps([json.loads(x) for x in lines], indent=1).encode()))
    [r] = read_path(arr)
    assert isinstance(r, Rejected) and "too large" in r.reason and "unzipped" in r.reason


def test_pretty_printed_json_object_and_wrong_fields(tmp_path: Path) -> None:
    pretty = tmp_path / "one.json"
    pretty.write_text(json.dumps({"id": "p1", "text": BODY, "date": "2025-05-12"}, indent=2))
    wrong = tmp_path / "wrong.json"
    wrong.write_text(json.dumps({"headline": "Talks", "body": BODY}, indent=2))
    mixed = tmp_path / "mixed.jsonl"
    mixed.write_text(json.dumps({"headline": "x", "body": BODY}) + "\n" + json.dumps({"id": "m2", "text": BODY})
                     + "\n" + json.dumps({"id": "m3", "text": ["a list"]}) + "\n")
    arts, rej = split(read_paths([pretty, wrong, mixed]))
    assert [a.id for a in arts] == ["p1", "m2"] and arts[0].dct == "2025-05-12"
    reasons = {r.path: r.reason for r in rej}
    assert set(reasons) == {str(wrong), f"{mixed}:1", f"{mixed}:3"}  # one rejection per object, not per line
    assert "'headline', 'body'" in reasons[str(wrong)] and "'headline', 'body'" in reasons[f"{mixed}:1"]
    assert "it is an array" in reasons[f"{mixed}:3"]  # in JSON's words (was the Python type, "list")


def test_blank_jsonl_and_broken_gzip(tmp_path: Path) -> None:
    blank = tmp_path / "blank.jsonl"
    blank.write_text("\n\n  \n")
    notgz = tmp_path / "not.jsonl.gz"
    notgz.write_bytes(b"plain text, not gzip")
    [r1] = read_path(blank)
    [r2] = read_path(notgz)
    assert isinstance(r1, Rejected) and r1.reason == "empty file"
    assert isinstance(r2, Rejected) and r2.path.startswith(str(notgz)) and "gzip" in r2.reason


# -- paths and ids -------------------------------------------------------------------------------
def test_url_is_named_as_a_url() -> None:
    url = "https://example.org/world.rss"
    [r] = read_paths([url])
    assert isinstance(r, Rejected) and r.path == url and "dateline watch" in r.reason
    res = CliRunner().invoke(app, ["ingest", url, "--db", ":memory:"])
    assert url in res.output and "dateline watch" in res.output and res.exit_code == 1


def test_empty_folder_is_named(tmp_path: Path) -> None:
    (tmp_path / "inbox" / ".git").mkdir(parents=True)
    (tmp_path / "inbox" / ".git" / "HEAD").write_text("ref: refs/heads/main")
    [r] = read_path(tmp_path / "inbox")
    assert isinstance(r, Rejected) and r.path == str(tmp_path / "inbox") and "no files" in r.reason


def test_files_named_alike_in_two_folders_are_two_articles(tmp_path: Path) -> None:
    for sub, text in (("a", "Talks in Cairo on Monday."), ("b", "A flood hit Texas on Tuesday.")):
        (tmp_path / "in" / sub).mkdir(parents=True)
        (tmp_path / "in" / sub / "story.txt").write_text(text)
    (tmp_path / "in" / "top.txt").write_text(BODY)
    arts, rej = split(read_path(tmp_path / "in"))
    assert not rej and sorted(a.id for a in arts) == ["a/story", "b/story", "top"]


def test_one_id_twice_in_a_run(tmp_path: Path) -> None:
    """x.txt and x.html share the id "x": the second is rejected naming the first (it used to replace it);
    the same file given twice is stored once."""
    from dateline import Pipeline, ingest

    (tmp_path / "x.txt").write_text(BODY)
    (tmp_path / "x.html").write_text(f"<html><body><article><p>{BODY} Another text, a longer page about the "
                                     "talks and the people who went to them.</p></article></body></html>")
    db = str(tmp_path / "s.duckdb")
    pipe = Pipeline(components=["time"])
    report = ingest([tmp_path / "x.html", tmp_path / "x.txt", tmp_path / "x.html"], db=db, pipeline=pipe)
    assert report.stored == 1 and report.unchanged == 1
    [r] = report.rejected
    assert r.path == str(tmp_path / "x.txt") and "duplicate id" in r.reason and str(tmp_path / "x.html") in r.reason
    with duckdb.connect(db, read_only=True) as c:
        assert c.sql("SELECT id, path FROM articles").fetchall() == [("x", str(tmp_path / "x.html"))]


# -- a bad batch into an existing store ----------------------------------------------------------
def bad_batch(d: Path) -> dict[str, str]:
    """A folder of good and bad inputs; returns file name -> the word its rejection must contain."""
    d.mkdir()
    (d / "good.txt").write_text(f"date 2025-05-20\n{BODY}")
    (d / "empty.txt").write_bytes(b"")
    (d / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (d / "latin.txt").write_bytes(f"Café {BODY}".encode("latin-1"))
    (d / "broken.html").write_text("<html><body><div><p>")
    (d / "broken.rss").write_text("<rss><channel><item><title>x</title>")
    (d / "wrong.jsonl").write_text(json.dumps({"body": BODY}) + "\n{not json\n")
    data = gzip.compress(("\n".join(rows(3)) + "\n").encode())
    (d / "cut.jsonl.gz").write_bytes(data[:-12])
    (d / "notes.pdf").write_bytes(b"%PDF-1.4")
    return {"empty.txt": "empty", "binary.txt": "binary", "latin.txt": "UTF-8", "broken.html": "HTML",
            "broken.rss": "feed", "wrong.jsonl": "text", "cut.jsonl.gz": "truncated", "notes.pdf": "unsupported"}


def test_bad_batch_into_existing_store_loses_nothing(tmp_path: Path) -> None:
    db = str(tmp_path / "s.duckdb")
    runner = CliRunner()
    first = runner.invoke(app, ["ingest", str(CORPUS), "--db", db])
    assert first.exit_code == 0, first.output
    tables = ("articles", "timexes", "entities", "statements", "figures", "events", "places", "stories",
              "story_articles")
    with duckdb.connect(db, read_only=True) as c:
        before = {t: c.execute(f"SELECT count(*) FROM {t}").fetchall()[0][0] for t in tables}
        ids = set(c.sql("SELECT id FROM articles").fetchall())
    expect = bad_batch(tmp_path / "bad")
    res = runner.invoke(app, ["ingest", str(tmp_path / "bad"), "https://example.org/x.rss", "--db", db])
    assert res.exit_code == 0, res.output
    assert f"3 stored, 0 unchanged, 10 rejected -> {db}" in res.output
    for name, word in expect.items():  # every bad file named with its reason
        line = next(ln for ln in res.output.splitlines() if ln.startswith("rejected") and name in ln)
        assert word in line, line
    with duckdb.connect(db, read_only=True) as c:
        after = {t: c.execute(f"SELECT count(*) FROM {t}").fetchall()[0][0] for t in tables}
        assert ids <= set(c.sql("SELECT id FROM articles").fetchall())
        new = {r[0] for r in c.sql("SELECT id FROM articles").fetchall()} - {i[0] for i in ids}
        stored_rejections = {Path(r[0].split(":")[0].split("#")[0]).name
                             for r in c.sql("SELECT path FROM rejected").fetchall()}
    assert all(after[t] >= before[t] for t in tables), (before, after)
    assert new == {"good", "a0", "a1"}  # the good file and the JSON lines before the cut
    assert set(expect) <= stored_rejections


def test_every_input_type_may_be_gzipped(tmp_path: Path) -> None:
    """`.gz` of any input reads like the input (it was JSON only: "unsupported file type '.txt.gz'")."""
    from .conftest import CORPUS as corpus

    names = ["gaza-01-meridian.txt", "gaza-05-ledger.html", "northline-feed.xml", "harbor-post.jsonl"]
    plain = [(a.id, a.text, a.dct) for a in split(read_paths([corpus / n for n in names]))[0]]
    for n in names:
        (tmp_path / (n + ".gz")).write_bytes(gzip.compress((corpus / n).read_bytes()))
    zipped, rej = split(read_paths([tmp_path / (n + ".gz") for n in names]))
    assert not rej and [(a.id, a.text, a.dct) for a in zipped] == plain and len(plain) > 4
