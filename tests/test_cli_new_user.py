"""A new user's first run over articles nobody tuned on (tests/data/s11, written in session 11): the CLI names
stories the way a reader does, shows figures with their units, and says why a timeline is empty. The articles are
our own sentences (facts invented or paraphrased): an oil spill dated on a line under its headline, an undated
epidemic report, a wildfire page with a comment section, a court case and a dock strike (JSON Lines), a port strike
(RSS)."""
from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from dateline.cli import app

runner = CliRunner()
DATA = Path(__file__).parent / "data" / "s11"


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = str(tmp_path_factory.mktemp("s11") / "n.duckdb")
    res = runner.invoke(app, ["ingest", str(DATA), "--db", path])
    assert res.exit_code == 0, res.output
    assert "7 stored, 0 unchanged, 0 rejected" in res.stdout
    return path


def test_date_under_the_headline_is_the_articles_date(db: str) -> None:
    res = runner.invoke(app, ["articles", "--db", db, "--format", "csv", "--limit", "0"])
    (row,) = [line for line in res.stdout.splitlines() if line.startswith("spill,")]
    assert ",2024-02-05,header," in row, row


def test_a_story_is_found_by_a_main_actor_or_its_headline(db: str) -> None:
    for word in ("Ghana", "Measles"):  # neither is in the story's label
        res = runner.invoke(app, ["figures", word, "--db", db, "--format", "json"])
        assert res.exit_code == 0, res.output
        assert '"article_id": "measles"' in res.stdout
    res = runner.invoke(app, ["timeline", "Zanzibar", "--db", db])
    assert res.exit_code == 1 and "dateline search Zanzibar" in res.output


def test_an_undated_story_says_why_it_has_no_timeline(db: str) -> None:
    res = runner.invoke(app, ["timeline", "Ghana", "--db", db])
    assert res.exit_code == 1 and "has a date" in res.output and "--dct" in res.output


def test_figures_show_their_units(db: str) -> None:
    res = runner.invoke(app, ["figures", "Santos", "--db", db], env={"COLUMNS": "200"})
    assert res.exit_code == 0, res.output
    assert "20%" in res.stdout and "9%" in res.stdout


def test_the_pages_comment_is_no_record(db: str) -> None:
    res = runner.invoke(app, ["statements", "--db", db, "--article", "wildfire", "--format", "csv"])
    assert res.exit_code == 0 and "Praying" not in res.stdout and "Boric" in res.stdout
