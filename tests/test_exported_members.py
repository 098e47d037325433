"""The public API (like httpx's tests/test_exported_members.py): ``__all__`` is exactly the public names, each
importable, and the callable packages work both as functions and as packages."""
from __future__ import annotations

import importlib
import subprocess
import sys

import dateline


def test_all_is_the_sorted_public_names():
    modules = {n for n in dir(dateline) if isinstance(getattr(dateline, n), type(importlib))}
    public = {n for n in dir(dateline) if not n.startswith("_")} - (modules - {"extract", "ingest"}) - {"annotations"}
    assert set(dateline.__all__) == public
    assert len(dateline.__all__) == len(set(dateline.__all__))


def test_extract_and_ingest_are_functions_and_packages():
    ex = dateline.extract("Hamas said on Sunday it rejects the plan.", dct="2025-05-12")
    assert [t.value for t in ex.timexes] == ["2025-05-11"]
    from dateline.extract.pipeline import Pipeline
    assert dateline.extract.Pipeline is Pipeline
    assert callable(dateline.ingest) and dateline.ingest.read_paths is not None


def test_subpackage_import_in_a_fresh_interpreter():
    # the failure this guards against: the function `extract` hid the package of the same name
    code = ("import dateline.extract.pipeline as p, dateline.extract.time.tagger as t, dateline.ingest.text as i; "
            "import dateline; print(p.Pipeline.__name__, callable(dateline.extract))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["Pipeline", "True"]
