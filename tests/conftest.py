"""Shared fixtures: paths to the seeds and the sample corpus, one pipeline per session, temp stores."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("DATELINE_SHARED_DIR", ROOT.parent / "shared"))
SEEDS = SHARED / "seeds"
SEED_DATED = SEEDS / "004_a2656dd142b0d0b9.txt"
SEED_UNDATED = SEEDS / "000_a2b0146f3b8e419c.txt"
CORPUS = ROOT / "examples" / "corpus"
GOLD = ROOT / "examples" / "gold"


@pytest.fixture(scope="session")
def pipeline():
    from dateline.extract import default_pipeline

    return default_pipeline()


@pytest.fixture()
def tmp_db(tmp_path: Path) -> str:
    return str(tmp_path / "t.duckdb")


@pytest.fixture(scope="session")
def corpus_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The sample corpus ingested once per session with `dateline ingest` (extraction and fusion) into a
    temp DuckDB file; open it read-only (the API and browser tests do)."""
    from typer.testing import CliRunner

    from dateline.cli import app

    tmp = tmp_path_factory.mktemp("corpus")
    db = tmp / "corpus.duckdb"
    result = CliRunner().invoke(app, ["ingest", str(CORPUS), "--db", str(db)])
    assert result.exit_code == 0, result.output
    return str(db)


@pytest.fixture(scope="module")
def client(corpus_db: str):
    """The REST app over the sample corpus (read-only, as `dateline serve` opens it)."""
    from fastapi.testclient import TestClient

    from dateline.serve import create_app

    with TestClient(create_app(corpus_db)) as c:
        yield c
