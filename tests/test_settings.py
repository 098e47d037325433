"""One settings object: DATELINE_* variables reach the defaults; a bad value is a ConfigError naming it."""
from __future__ import annotations

import pytest

from dateline.errors import ConfigError
from dateline.settings import Settings


def test_environment_overrides(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATELINE_BATCH_SIZE", "7")
    monkeypatch.setenv("DATELINE_DB", "x.duckdb")
    s = Settings.from_env()
    assert (s.batch_size, s.db) == (7, "x.duckdb")


@pytest.mark.parametrize(("name", "raw"), [("DATELINE_BATCH_SIZE", "many"), ("DATELINE_MAX_PAGE", "0"),
                                           ("DATELINE_EXTRACT_TIMEOUT", "-1")])
def test_bad_values_are_config_errors(monkeypatch: pytest.MonkeyPatch, name: str, raw: str) -> None:
    monkeypatch.setenv(name, raw)
    with pytest.raises(ConfigError, match=name):
        Settings.from_env()


def test_store_and_ingest_default_to_the_settings(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    import dateline.store.store as store_mod
    from dateline.store import Store

    monkeypatch.setattr(store_mod.settings, "db", str(tmp_path / "from_settings.duckdb"))
    with Store() as st:
        assert st.path == str(tmp_path / "from_settings.duckdb")
    assert (tmp_path / "from_settings.duckdb").exists()
