"""One Settings object: defaults, overridable by environment variables ``DATELINE_<FIELD>``."""
from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass, field
from pathlib import Path

from .errors import ConfigError


def _shared_dir() -> Path:
    here = Path(__file__).resolve()
    for parent in here.parents:
        cand = parent.parent / "shared"
        if (cand / "bench").is_dir():
            return cand
    return Path.cwd().parent / "shared"


@dataclass(slots=True)
class Settings:
    #: default DuckDB file
    db: str = field(default="dateline.duckdb", metadata={"help": "DuckDB store file"})
    #: largest input file or article accepted, in bytes
    max_article_bytes: int = field(default=10_000_000, metadata={"help": "largest article accepted (bytes)"})
    #: articles parsed per spaCy batch
    batch_size: int = field(default=32, metadata={"help": "articles per spaCy batch"})
    #: largest request body of POST /api/extract, in bytes
    max_request_bytes: int = field(default=1_000_000, metadata={"help": "largest /api/extract body (bytes)"})
    #: seconds allowed to one /api/extract call
    extract_timeout: float = field(default=30.0, metadata={"help": "timeout of /api/extract (s)"})
    #: largest page size of list endpoints
    max_page: int = field(default=1000, metadata={"help": "largest limit= of list endpoints"})
    #: your own actor files added to the actor KB (paths separated by ``os.pathsep``; ``--actors`` in the CLI)
    actors: str = field(default="", metadata={"help": "actor files added to the KB (os.pathsep-separated)"})
    #: folder of the third-party benchmark data
    bench_dir: str = field(default_factory=lambda: str(_shared_dir() / "bench"),
                           metadata={"help": "benchmark data folder (../shared/bench)"})

    @classmethod
    def from_env(cls) -> Settings:
        s = cls()
        for f in dataclasses.fields(cls):
            raw = os.environ.get(f"DATELINE_{f.name.upper()}")
            if raw is None:
                continue
            cur = getattr(s, f.name)
            try:
                value = type(cur)(raw) if not isinstance(cur, str) else raw
            except ValueError:
                raise ConfigError(f"DATELINE_{f.name.upper()}={raw!r}: not a valid {type(cur).__name__} "
                                  f"({f.metadata.get('help', f.name)})") from None
            if isinstance(value, (int, float)) and value <= 0:
                raise ConfigError(f"DATELINE_{f.name.upper()}={raw!r}: must be positive")
            setattr(s, f.name, value)
        return s


settings = Settings.from_env()
