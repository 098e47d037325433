"""Session 12 (QA): a table piped or redirected (`dateline stories > stories.txt`) is not wrapped at 80 columns."""
from __future__ import annotations

import json
import os
import subprocess
import sys


def _run(*args: str, columns: str | None = None) -> str:
    env = {k: v for k, v in os.environ.items() if k != "COLUMNS"}
    if columns is not None:
        env["COLUMNS"] = columns
    cmd = [sys.executable, "-c", "from dateline.cli import main; main()", *args]
    res = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=120)
    assert res.returncode == 0, res.stderr
    return res.stdout


def test_piped_tables_keep_each_cell_on_one_line(corpus_db: str) -> None:
    stories = json.loads(_run("stories", "--db", corpus_db, "--format", "json"))
    out = _run("stories", "--db", corpus_db)
    lines = out.splitlines()
    for s in stories:
        cell = ", ".join(s["top_actors"])
        assert any(cell in line and s["label"] in line for line in lines), (cell, out)
    # COLUMNS still sets the width, as on a terminal
    narrow = _run("stories", "--db", corpus_db, columns="60")
    assert max(len(line) for line in narrow.splitlines()) <= 60
