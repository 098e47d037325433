"""The CLI via typer's runner, and the JSON contract of `dateline extract --json`."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from typer.testing import CliRunner

from dateline.cli import app
from dateline.model import MENTION_TYPES

from .conftest import SEED_DATED, SEED_UNDATED, SEEDS

runner = CliRunner()

CONTRACT = {
    "article": {"id", "title", "source", "url", "dct", "dct_origin", "text"},
    "timexes": {"text", "start", "end", "type", "value", "anchor"},
    "entities": {"text", "start", "end", "label", "canonical", "kind", "country"},
    "statements": {"speaker", "speaker_start", "speaker_end", "speaker_kind", "cue", "mode", "content", "start",
                   "end", "via", "date"},
    "figures": {"value", "text", "start", "end", "category", "qualifier", "as_of", "source", "scope"},
    "events": {"actor", "action", "target", "date", "location", "polarity", "modality", "text", "start", "end"},
    "places": {"text", "start", "end", "name", "country_code", "lat", "lon"},
}


def extract_json(*args: str) -> list[dict]:
    res = runner.invoke(app, ["extract", *args, "--json"])
    assert res.exit_code == 0, res.output
    return [json.loads(line) for line in res.stdout.splitlines() if line.strip()]


def check_contract(d: dict) -> None:
    assert set(CONTRACT) <= set(d)
    assert CONTRACT["article"] <= set(d["article"])
    text = d["article"]["text"]
    for key in MENTION_TYPES:
        assert isinstance(d[key], list)
        for rec in d[key]:
            assert CONTRACT[key] <= set(rec), (key, set(CONTRACT[key]) - set(rec))
            assert text[rec["start"]:rec["end"]] == rec.get("content", rec["text"]) or \
                text[rec["start"]:rec["end"]] == rec["text"]


def test_extract_dated_seed() -> None:
    [d] = extract_json(str(SEED_DATED))
    check_contract(d)
    a = d["article"]
    assert a["dct"] == "2025-05-12" and a["dct_origin"] == "header"
    assert "date 2025-05-12" not in a["text"]
    values = {t["text"]: t["value"] for t in d["timexes"]}
    assert values["March 18"] == "2025-03-18"
    assert values["October 7, 2023"] == "2023-10-07"
    assert any(e["text"] == "Doha" for e in d["entities"])


def test_extract_undated_seed() -> None:
    [d] = extract_json(str(SEED_UNDATED))
    check_contract(d)
    assert d["article"]["dct"] is None or d["article"]["dct_origin"] == "estimated"
    assert d["article"]["dct_origin"] in {"missing", "estimated"}


def test_extract_dct_option() -> None:
    [d] = extract_json(str(SEED_UNDATED), "--dct", "2024-08-16")
    assert d["article"]["dct"] == "2024-08-16" and d["article"]["dct_origin"] == "argument"


def test_extract_directory_is_json_lines() -> None:
    docs = extract_json(str(SEEDS))
    assert sorted(d["article"]["id"] for d in docs) == ["000_a2b0146f3b8e419c", "004_a2656dd142b0d0b9"]


def test_extract_bad_dct() -> None:
    res = runner.invoke(app, ["extract", str(SEED_DATED), "--dct", "yesterday-ish"])
    assert res.exit_code != 0 and "--dct" in res.output


def test_ingest_show_export(tmp_path: Path) -> None:
    db = str(tmp_path / "c.duckdb")
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"%PDF")
    res = runner.invoke(app, ["ingest", str(SEEDS), str(bad), "--db", db])
    assert res.exit_code == 0, res.output
    assert "2 stored, 0 unchanged, 1 rejected" in res.stdout
    assert "1 × unsupported file type" in res.stdout
    assert "bad.pdf" in res.output and "unsupported file type" in res.output
    res = runner.invoke(app, ["show", "--db", db])
    assert res.exit_code == 0 and "articles" in res.stdout and "004_a2656dd142b0d0b9" in res.stdout
    res = runner.invoke(app, ["export", "--db", db, "--format", "csv", "--out", str(tmp_path / "x")])
    assert res.exit_code == 0 and (tmp_path / "x" / "articles.csv").exists()


def test_show_missing_db(tmp_path: Path) -> None:
    res = runner.invoke(app, ["show", "--db", str(tmp_path / "none.duckdb")])
    assert res.exit_code == 1 and "no such store" in res.output


def test_help_everywhere() -> None:
    res = runner.invoke(app, ["--help"])
    assert res.exit_code == 0
    commands = [c.name or c.callback.__name__ for c in app.registered_commands]
    assert {"ingest", "extract", "show", "export", "articles", "events", "statements", "actors", "search"} <= \
        set(commands)
    for cmd in commands:
        assert cmd in res.stdout
        sub = runner.invoke(app, [cmd, "--help"])
        assert sub.exit_code == 0 and "Usage" in sub.stdout


def test_python_api() -> None:
    import dateline

    ex = dateline.extract(SEED_DATED.read_text())
    assert ex.article.dct == "2025-05-12"
    assert "2025-03-18" in {t.value for t in ex.timexes}
    ex2 = dateline.extract("Talks resumed on March 18.", dct="2025-05-12")
    assert ex2.article.dct_origin == "argument"
    assert isinstance(dateline.Pipeline, type)
    # an Article read by ingest (here an HTML page of the sample corpus) is extracted as it is
    corpus = Path(__file__).resolve().parents[1] / "examples" / "corpus"
    page = next(a for a in dateline.read_paths([corpus / "gaza-05-ledger.html"]) if isinstance(a, dateline.Article))
    ex3 = dateline.extract(page)
    assert ex3.article is page and ex3.article.source and ex3.statements
    with pytest.raises(TypeError, match="bytes"):
        dateline.extract(b"Talks resumed on March 18.")  # type: ignore[arg-type]


def test_story_commands_on_an_empty_store_say_to_ingest(tmp_path: Path) -> None:
    from dateline.store import Store

    db = str(tmp_path / "empty.duckdb")
    Store(db).close()
    for cmd in (["stories"], ["timeline"], ["figures"]):
        res = runner.invoke(app, [*cmd, "--db", db])
        assert res.exit_code == 1 and "no articles yet" in res.output and "dateline ingest" in res.output, cmd


def test_output_paths_that_cannot_be_written(corpus_db: str, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    res = runner.invoke(app, ["export", "--out", str(blocker), "--db", corpus_db])
    assert res.exit_code == 1 and f"{blocker}: cannot write the export here" in res.output
    res = runner.invoke(app, ["timeline", "--db", corpus_db, "--out", str(blocker / "story.md")])
    assert res.exit_code == 1 and "cannot write" in res.output and not isinstance(res.exception, OSError)
    # any other command writing where it cannot: a message, no traceback (the `dateline` entry point)
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "-m", "dateline.cli", "timeml", str(SEED_DATED), "--out",
                          str(blocker / "x.tml")], capture_output=True, text=True, timeout=300)
    assert out.returncode == 1 and "Traceback" not in out.stderr and f"{blocker / 'x.tml'}: " in out.stderr
