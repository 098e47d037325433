"""Run a subprocess with the network unreachable, as on a machine with no internet access.

A network namespace (``unshare -rn`` as a user, ``unshare -n`` as root) when the kernel allows it, else proxies
to a closed local port. HOME is a fresh folder, so no DuckDB extension cached in ~/.duckdb can stand in for
one a store would need: ``downloaded_extensions(home)`` lists what DuckDB installed there (it must stay empty).
"""
from __future__ import annotations

import functools
import os
import shutil
import subprocess
from pathlib import Path

CLOSED = "http://127.0.0.1:9"  # the discard port: nothing listens, connections are refused


@functools.cache
def namespace_prefix() -> tuple[str, ...]:
    """The ``unshare`` prefix that works here (tried once), or () when none does."""
    if not shutil.which("unshare"):
        return ()
    for prefix in (("unshare", "-rn"), ("unshare", "-n")):
        try:
            if subprocess.run([*prefix, "true"], capture_output=True, timeout=10).returncode == 0:
                return prefix
        except (OSError, subprocess.TimeoutExpired):
            continue
    return ()


def offline_env(home: Path) -> dict[str, str]:
    home.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ, HOME=str(home))
    for var in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "all_proxy"):
        env[var] = CLOSED
    env.pop("no_proxy", None)
    env.pop("NO_PROXY", None)
    return env


def offline_cmd(cmd: list[str]) -> list[str]:
    return [*namespace_prefix(), *cmd]


def run_offline(cmd: list[str], home: Path, **kw: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(offline_cmd(cmd), env=offline_env(home), capture_output=True, text=True, **kw)  # type: ignore[call-overload]


def popen_offline(cmd: list[str], home: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(offline_cmd(cmd), env=offline_env(home), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def downloaded_extensions(home: Path) -> list[Path]:
    return sorted((home / ".duckdb").rglob("*.duckdb_extension*"))
