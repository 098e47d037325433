"""`dateline ingest .` in the folder that holds the store: the store file and its WAL are not inputs (they were
each rejected as "unsupported file type" on every run); another unreadable file there still is."""
from __future__ import annotations

from pathlib import Path

import dateline


def test_ingesting_the_folder_of_the_store_passes_over_the_store(tmp_path: Path) -> None:
    (tmp_path / "harvest.txt").write_text(
        "date 2024-10-02\nFarmers in the valley began the grape harvest on Monday, two weeks early, the growers' "
        "cooperative said.", encoding="utf-8")
    (tmp_path / "notes.docx").write_bytes(b"PK\x03\x04 not an article")
    db = tmp_path / "valley.duckdb"
    for _ in range(2):  # the second run meets the store written by the first
        report = dateline.ingest([tmp_path], db=str(db))
        assert db.exists()
        rejected = [Path(r.path).name for r in report.rejected]
        assert rejected == ["notes.docx"], rejected
    assert report.unchanged == 1


def test_the_store_of_another_run_is_still_named(tmp_path: Path) -> None:
    other = tmp_path / "in"
    other.mkdir()
    (other / "harvest.txt").write_text("date 2024-10-02\nThe harvest began on Monday.", encoding="utf-8")
    dateline.ingest([other], db=str(other / "first.duckdb"))
    report = dateline.ingest([other], db=str(tmp_path / "second.duckdb"))
    assert [Path(r.path).name for r in report.rejected] == ["first.duckdb"]


def test_search_takes_its_words_with_or_without_quotes(tmp_path: Path) -> None:
    """`dateline search water levels` finds every word (it was "unexpected extra argument"); one argument with a
    space (`search "water levels"`) is the phrase as written (QA pass s10: words are ranked, not one phrase)."""
    import json

    from typer.testing import CliRunner

    from dateline.cli import app

    (tmp_path / "dam.txt").write_text(
        "date 2024-10-03\nEngineers opened two sluice gates at the Korva dam on Wednesday as water levels rose "
        "after a week of rain, the regional water board said.", encoding="utf-8")
    (tmp_path / "ferry.txt").write_text(
        "date 2024-10-03\nThe lake ferry stopped running on Wednesday because of high winds, its operator said.",
        encoding="utf-8")
    (tmp_path / "well.txt").write_text(
        "date 2024-10-02\nNitrate levels in the village well were checked after farmers asked for clean water.",
        encoding="utf-8")
    db = str(tmp_path / "s.duckdb")
    dateline.ingest([tmp_path], db=db)
    runner = CliRunner()
    quoted = runner.invoke(app, ["search", "water levels", "--db", db, "--format", "json"])
    bare = runner.invoke(app, ["search", "water", "levels", "--db", db, "--format", "json"])
    assert quoted.exit_code == 0 and bare.exit_code == 0, bare.output
    assert [i["id"] for i in json.loads(quoted.output)["items"]] == ["dam"]
    assert {i["id"] for i in json.loads(bare.output)["items"]} == {"dam", "well"}
