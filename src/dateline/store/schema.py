"""DuckDB DDL generated from the record model: one table per record type."""
from __future__ import annotations

import dataclasses

from ..model import MENTION_TYPES, Article, Record, Rejected

_TYPES = {"int": "BIGINT", "float": "DOUBLE", "bool": "BOOLEAN"}


def sql_type(annotation: object) -> str:
    base = str(annotation).replace(" ", "").split("|")[0]
    return _TYPES.get(base, "VARCHAR")


def create_table_sql(cls: type[Record]) -> str:
    cols = []
    for f in dataclasses.fields(cls):
        col = f'"{f.name}" {sql_type(f.type)}'
        if cls is Article and f.name == "id":
            col += " PRIMARY KEY"
        cols.append(col)
    if cls is Article:  # in the CREATE, not only in the ALTER below: a fresh store's WAL then holds no ALTER
        cols.append('"ingested_at" TIMESTAMP DEFAULT current_timestamp')
    return f"CREATE TABLE IF NOT EXISTS {cls.table} ({', '.join(cols)})"


RECORD_TYPES: list[type[Record]] = [Article, *MENTION_TYPES.values(), Rejected]


def add_columns_sql(cls: type[Record]) -> list[str]:
    """A store made before a field was added to the record model gets its column (NULL in old rows)."""
    return [f'ALTER TABLE {cls.table} ADD COLUMN IF NOT EXISTS "{f.name}" {sql_type(f.type)}'
            for f in dataclasses.fields(cls) if not (cls is Article and f.name == "id")]


DDL = [create_table_sql(c) for c in RECORD_TYPES] + [s for c in RECORD_TYPES for s in add_columns_sql(c)] + [
    # stores made before ingested_at existed (an ALTER is replayed from the WAL only with core_functions:
    # Store checkpoints after any schema change)
    "ALTER TABLE articles ADD COLUMN IF NOT EXISTS ingested_at TIMESTAMP DEFAULT current_timestamp",
    "CREATE INDEX IF NOT EXISTS articles_hash ON articles(text_hash)",
    *[f"CREATE INDEX IF NOT EXISTS {t}_article ON {t}(article_id)" for t in MENTION_TYPES],
]
