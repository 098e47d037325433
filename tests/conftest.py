"""Shared fixtures: paths to the seeds and the sample corpus, one pipeline per session, temp stores, and the
benchmark scripts as modules."""
from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("DATELINE_SHARED_DIR", ROOT.parent / "shared"))
SEEDS = SHARED / "seeds"
SEED_DATED = SEEDS / "004_a2656dd142b0d0b9.txt"
SEED_UNDATED = SEEDS / "000_a2b0146f3b8e419c.txt"
CORPUS = ROOT / "examples" / "corpus"
GOLD = ROOT / "examples" / "gold"


def bench_module(script: str, name: str | None = None) -> ModuleType:
    """``bench/<script>.py`` loaded as the module ``name`` (default: the script's name), once per session (kept in
    ``sys.modules``: dataclasses look their module up there)."""
    name = name or script
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, ROOT / "bench" / f"{script}.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    sys.modules[name] = mod
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="session")
def pipeline():
    from dateline.extract import default_pipeline

    return default_pipeline()


@pytest.fixture(scope="session")
def pipe():
    """The statements component in its default configuration with the components it reads (time, entities),
    built once: the statements tests parse their sentences with it (``statements_util.run``). A module that
    needs another configuration defines its own ``pipe``."""
    from .statements_util import default_pipe

    return default_pipe()


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
