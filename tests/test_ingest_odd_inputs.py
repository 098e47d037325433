"""More inputs a user meets, each new here: JSON Lines holding JSON that is no article object, an empty or
deeply nested JSON array, a page of scripts only, feed items without link or text, broken links and pipes in a
folder, file names that are not UTF-8, date headers that are no date; Ctrl-C during an ingest and a damaged store
file. Each bad input is named with its reason, the rest of the batch is stored, nothing stored is lost."""
from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from dateline.cli import app
from dateline.ingest import read_path, read_paths
from dateline.model import Article, Rejected

runner = CliRunner()
BODY = "The port reopened on Friday after the storm, the harbour master said."


def split(items) -> tuple[list[Article], list[Rejected]]:
    items = list(items)
    return [i for i in items if isinstance(i, Article)], [i for i in items if isinstance(i, Rejected)]


def ingest(*args: str) -> tuple[int, str]:
    res = runner.invoke(app, ["ingest", *args])
    return res.exit_code, res.output


def stored(db: str, sql: str = "SELECT id FROM articles ORDER BY id") -> list[tuple]:
    with duckdb.connect(db, read_only=True) as c:
        return c.sql(sql).fetchall()


# -- JSON ----------------------------------------------------------------------------------------
def test_jsonl_lines_that_are_json_but_no_object(tmp_path: Path) -> None:
    f = tmp_path / "mixed.jsonl"
    f.write_text('42\n"a string"\nnull\ntrue\n[1, 2]\n' + json.dumps({"id": "port", "text": BODY}) + "\n")
    arts, rej = split(read_path(f))
    assert [a.id for a in arts] == ["port"]
    assert [(r.path, r.reason.split("got ")[1]) for r in rej] == [
        (f"{f}:1", "a number"), (f"{f}:2", "a string"), (f"{f}:3", "null"), (f"{f}:4", "true"),
        (f"{f}:5", "an array")]
    assert all("expected a JSON object with a 'text' field" in r.reason for r in rej)


def test_jsonl_opening_with_an_array_line_keeps_its_other_lines(tmp_path: Path) -> None:
    """A first line `[1, 2]` made the whole file be read as one JSON array (rejected whole, the good lines
    lost)."""
    f = tmp_path / "lines.jsonl"
    f.write_text('[1, 2]\n' + json.dumps({"id": "port", "text": BODY}) + "\n")
    arts, rej = split(read_path(f))
    assert [a.id for a in arts] == ["port"] and [r.path for r in rej] == [f"{f}:1"]
    g = tmp_path / "array.json"  # a real JSON array over several lines is still one array of articles
    g.write_text('[\n' + json.dumps({"id": "port", "text": BODY}) + ',\n{"id": "x"}\n]\n')
    arts, rej = split(read_path(g))
    assert [a.id for a in arts] == ["port"] and [r.path for r in rej] == [f"{g}[1]"]


def test_empty_and_deeply_nested_json_are_named(tmp_path: Path) -> None:
    (tmp_path / "empty.json").write_text("[]")
    (tmp_path / "deep.json").write_text("[" * 50_000 + "]" * 50_000)
    (tmp_path / "deep.jsonl").write_text(json.dumps({"text": BODY}) + "\n" + '{"a": ' * 50_000 + "1"
                                         + "}" * 50_000 + "\n")
    arts, rej = split(read_paths([tmp_path]))  # was: RecursionError, the whole ingest stopped
    reasons = {Path(r.path).name: r.reason for r in rej}
    assert set(reasons) == {"empty.json", "deep.json", "deep.jsonl:2"}
    assert reasons["empty.json"] == "empty JSON array: no articles"
    assert "nested too deeply" in reasons["deep.json"] and "nested too deeply" in reasons["deep.jsonl:2"]
    assert [a.text for a in arts] == [BODY]


# -- HTML and feeds --------------------------------------------------------------------------------
def test_html_of_scripts_only_is_rejected(tmp_path: Path) -> None:
    f = tmp_path / "app.html"
    f.write_text("<html><head><script>var s = 'The minister resigned on Monday after weeks of protests.';"
                 "</script><style>p { color: red }</style></head><body><script>render()</script></body></html>")
    arts, [r] = split(read_path(f))
    assert not arts and r.path == str(f) and r.reason == "no article text found in HTML"


def test_feed_items_without_link_or_text(tmp_path: Path) -> None:
    f = tmp_path / "desk.rss"
    f.write_text('<?xml version="1.0"?><rss version="2.0"><channel><title>Desk</title>'
                 "<item><title>A title and nothing else</title></item>"
                 f"<item><description>{BODY}</description></item></channel></rss>")
    arts, [r] = split(read_path(f))
    assert r.path == f"{f}#entry1" and r.reason == "feed entry has no text"
    [a] = arts
    assert a.text == BODY and a.source == "Desk" and a.url is None and a.dct is None
    assert [x.id for x in split(read_path(f))[0]] == [a.id]  # the same id on every read (re-runs skip it)


# -- folders and file names ----------------------------------------------------------------------
def test_folder_with_a_broken_link_and_a_pipe(tmp_path: Path) -> None:
    d = tmp_path / "in"
    d.mkdir()
    (d / "good.txt").write_text(f"date 2025-05-16\n{BODY}")
    os.symlink(tmp_path / "gone.txt", d / "link.txt")
    os.mkfifo(d / "pipe.txt")  # was skipped without a word; read directly, it would wait forever
    arts, rej = split(read_path(d))
    assert [a.id for a in arts] == ["good"]
    assert {Path(r.path).name: r.reason for r in rej} == {
        "link.txt": "broken symbolic link (its target does not exist)",
        "pipe.txt": "not a regular file (a pipe): skipped"}
    [r] = split(read_path(d / "link.txt"))[1]
    assert "broken symbolic link" in r.reason


@pytest.mark.skipif(sys.platform != "linux", reason="file names as bytes")
def test_file_names_that_are_not_utf8(tmp_path: Path) -> None:
    """A latin-1 file name made the whole batch fail to store ("cannot encode str as UTF-8, surrogate")."""
    d = tmp_path / "in"
    d.mkdir()
    for raw, day in ((b"caf\xe9.txt", "2025-05-13"), (b"caf\xe8.txt", "2025-05-14"), (b"plain.txt", "2025-05-15")):
        with open(os.path.join(os.fsencode(d), raw), "w") as fh:
            fh.write(f"date {day}\nOwners of the {day[-2:]} shops protested on Tuesday against the new tax.\n")
    db = str(tmp_path / "s.duckdb")
    code, out = ingest(str(d), "--db", db)
    assert code == 0, out
    assert "3 stored, 0 unchanged, 0 rejected" in out
    assert stored(db, "SELECT id, path FROM articles ORDER BY id") == [
        ("caf\\xe8", str(d / "caf\\xe8.txt")), ("caf\\xe9", str(d / "caf\\xe9.txt")), ("plain", str(d / "plain.txt"))]


def test_lone_surrogates_in_json_are_stored(tmp_path: Path) -> None:
    f = tmp_path / "s.jsonl"
    f.write_text('{"id": "s\\udc80", "text": "The council voted \\ud800 on Monday to close the bridge.", '
                 '"source": "Desk \\udfff"}\n' + json.dumps({"id": "ok", "text": BODY}) + "\n")
    db = str(tmp_path / "s.duckdb")
    code, out = ingest(str(f), "--db", db)
    assert code == 0 and "2 stored" in out, out
    assert stored(db, "SELECT id, text, source FROM articles ORDER BY id") == [
        ("ok", BODY, None), ("s\ufffd", "The council voted \ufffd on Monday to close the bridge.", "Desk \ufffd")]


# -- dates ---------------------------------------------------------------------------------------
def test_a_date_header_that_is_no_date_is_named(tmp_path: Path) -> None:
    d = tmp_path / "in"
    d.mkdir()
    (d / "bad.txt").write_text(f"date 2025-13-45\n{BODY}")
    (d / "none.txt").write_text(BODY.replace("port", "airport"))
    (d / "a.jsonl").write_text(json.dumps({"id": "j1", "text": f"date 2025-02-30 {BODY}"}) + "\n"
                                      + json.dumps({"id": "j2", "text": f"date 2025-02-30 {BODY}",
                                                    "date": "2025-03-01"}) + "\n")
    db = str(tmp_path / "s.duckdb")
    code, out = ingest(str(d), "--db", db)
    assert code == 0, out
    lines = [ln for ln in out.splitlines() if ln.startswith("rejected ")]
    assert len(lines) == 2 and all("unreadable date header" in ln for ln in lines)
    assert any("bad.txt" in ln and "'date 2025-13-45'" in ln for ln in lines)
    assert any("a.jsonl:1" in ln and "'date 2025-02-30'" in ln for ln in lines)
    assert "2 stored, 0 unchanged, 2 rejected" in out
    assert "1 of them had no date of their own" in out  # none.txt: told, and stored
    assert [r[0] for r in stored(db)] == ["j2", "none"]


def test_a_bad_date_header_with_a_date_given_apart(tmp_path: Path) -> None:
    import dateline
    from dateline.errors import InputError

    with pytest.raises(InputError, match="unreadable date header"):
        dateline.extract(f"date 2025-13-45\n{BODY}", pipeline=dateline.Pipeline(components=["time"]))
    ex = dateline.extract(f"date 2025-13-45\n{BODY}", dct="2025-05-16", pipeline=dateline.Pipeline(components=["time"]))
    assert ex.article.dct == "2025-05-16"


# -- interrupted and damaged -----------------------------------------------------------------------
def test_ctrl_c_during_an_ingest_keeps_the_committed_batches(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import dateline.engine.local as local

    d = tmp_path / "in"
    d.mkdir()
    places = ["Lisbon", "Oslo", "Quito", "Hanoi", "Accra"]
    for i, place in enumerate(places):
        (d / f"a{i}.txt").write_text(f"date 2025-05-1{i}\nTalks on the water treaty resumed in {place} on "
                                     "Monday, officials said.")
    db = str(tmp_path / "s.duckdb")
    real, calls = local.extract_batch, []

    def interrupted(pipeline, batch):
        calls.append(len(batch))
        if len(calls) == 2:
            raise KeyboardInterrupt  # Ctrl-C while the second batch is extracted
        return real(pipeline, batch)

    monkeypatch.setattr(local, "extract_batch", interrupted)
    code, out = ingest(str(d), "--db", db, "--batch-size", "2")
    assert code == 130 and "interrupted: 2 articles stored by this run are kept" in out, out
    assert "Run the same command again" in out
    assert [r[0] for r in stored(db)] == ["a0", "a1"]
    assert stored(db, "SELECT count(*) FROM timexes WHERE article_id NOT IN (SELECT id FROM articles)") == [(0,)]
    monkeypatch.setattr(local, "extract_batch", real)
    code, out = ingest(str(d), "--db", db, "--batch-size", "2")
    assert code == 0 and "3 stored, 2 unchanged, 0 rejected" in out, out
    assert [r[0] for r in stored(db)] == [f"a{i}" for i in range(5)]
    assert stored(db, "SELECT count(DISTINCT article_id) FROM story_articles") == [(5,)]  # fused at the end


def test_a_damaged_store_is_named_without_a_traceback(corpus_db: str, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    """A store whose blocks were overwritten fails to open; one cut short opens, and the command that reads past
    the cut (export reads every table) fails: both name the file, without a traceback."""
    from dateline.cli import main

    (tmp_path / "x.txt").write_text(f"date 2025-05-16\n{BODY}")
    zeroed, cut = tmp_path / "zeroed.duckdb", tmp_path / "cut.duckdb"
    for db in (zeroed, cut):
        shutil.copy(corpus_db, db)
    size = zeroed.stat().st_size
    with open(zeroed, "r+b") as fh:
        fh.seek(3 * 4096)  # past DuckDB's file headers
        fh.write(b"\0" * (size - 3 * 4096))
    with open(cut, "r+b") as fh:
        fh.truncate(size // 8)  # a copy cut short (disk full, an interrupted transfer)
    cases = [(zeroed, ["show"], "Corrupt"), (zeroed, ["ingest", str(tmp_path / "x.txt")], "Corrupt"),
             (cut, ["export", "--format", "csv", "--out", str(tmp_path / "out")], "damaged or truncated")]
    for db, args, word in cases:
        monkeypatch.setattr(sys, "argv", ["dateline", *args, "--db", str(db)])
        with pytest.raises(SystemExit) as exc:
            main()
        err = capsys.readouterr().err
        assert exc.value.code == 1, (args, err)
        assert db.name in err and word in err and "Traceback" not in err, (args, err)


def test_rest_extract_names_a_date_header_that_is_no_date(client) -> None:
    r = client.post("/api/extract", json={"text": f"date 2025-13-45\n{BODY}"})
    assert r.status_code == 422 and "unreadable date header 'date 2025-13-45'" in r.json()["detail"]
    r = client.post("/api/extract", json={"text": f"date 2025-13-45\n{BODY}", "dct": "2025-05-16"})
    assert r.status_code == 200 and r.json()["article"]["dct"] == "2025-05-16"
