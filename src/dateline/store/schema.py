"""The store's one schema, created when a store is opened for writing: a table per record type (generated
from the record model), the fuse stage's tables, and the fuse stage's index (MinHash bands, document
frequencies, story centroids) that lets a batch be fused without reading the whole store."""
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
    # the store.add call that wrote a row (articles and records): rows of one batch are contiguous, so reading
    # a few articles' records filters on these numbers and DuckDB skips the row groups that hold none of them
    "CREATE SEQUENCE IF NOT EXISTS ingest_batches",
    *[f"ALTER TABLE {t} ADD COLUMN IF NOT EXISTS ingest_batch BIGINT" for t in ("articles", *MENTION_TYPES)],
    # statements stored before ``Statement.kind`` existed were all speech (the rules' speech acts and quotes)
    "UPDATE statements SET kind = 'speech' WHERE kind IS NULL",
    "CREATE INDEX IF NOT EXISTS articles_hash ON articles(text_hash)",
    *[f"CREATE INDEX IF NOT EXISTS {t}_article ON {t}(article_id)" for t in MENTION_TYPES],
]

#: tables the fuse stage writes per story (a recomputed story's rows are deleted and rewritten)
FUSED_DDL = [
    "CREATE TABLE IF NOT EXISTS stories (id VARCHAR PRIMARY KEY, label VARCHAR, size BIGINT, "
    "n_duplicates BIGINT, first_date VARCHAR, last_date VARCHAR, top_actors VARCHAR[], "
    "updated_at TIMESTAMP DEFAULT current_timestamp)",
    "CREATE TABLE IF NOT EXISTS story_articles (story_id VARCHAR, article_id VARCHAR, duplicate_of VARCHAR, "
    "similarity DOUBLE, seq BIGINT, batch BIGINT)",
    "ALTER TABLE story_articles ADD COLUMN IF NOT EXISTS seq BIGINT",
    "ALTER TABLE story_articles ADD COLUMN IF NOT EXISTS batch BIGINT",
    "CREATE TABLE IF NOT EXISTS timeline (story_id VARCHAR, date VARCHAR, rank BIGINT, score DOUBLE, "
    "summary VARCHAR, sentences VARCHAR)",
    "CREATE TABLE IF NOT EXISTS fused_events (id VARCHAR, story_id VARCHAR, actor VARCHAR, action VARCHAR, "
    "target VARCHAR, date VARCHAR, location VARCHAR, polarity VARCHAR, modality VARCHAR, n_articles BIGINT, "
    "n_mentions BIGINT, sources VARCHAR[], provenance VARCHAR)",
    "CREATE TABLE IF NOT EXISTS figure_series (story_id VARCHAR, category VARCHAR, date VARCHAR, value DOUBLE, "
    "qualifier VARCHAR, scope VARCHAR, source VARCHAR, article_id VARCHAR, start BIGINT, \"end\" BIGINT, "
    "unit VARCHAR, contradiction BOOLEAN, contradiction_group VARCHAR, kind VARCHAR, reason VARCHAR)",
    "CREATE INDEX IF NOT EXISTS story_articles_story ON story_articles(story_id)",
    "CREATE INDEX IF NOT EXISTS story_articles_article ON story_articles(article_id)",
]
#: the fuse stage's index: signatures and LSH band keys of articles, document frequencies of story features,
#: story centroids and spans, and the counters (one row)
#: columns added to fused tables after their first release (older stores get them at open)
FUSED_ADDED = [
    "ALTER TABLE figure_series ADD COLUMN IF NOT EXISTS kind VARCHAR",
    "ALTER TABLE figure_series ADD COLUMN IF NOT EXISTS reason VARCHAR",
]
FUSE_INDEX_DDL = [
    "CREATE TABLE IF NOT EXISTS fuse_minhash (article_id VARCHAR, seq BIGINT, sig BLOB, primary_id VARCHAR)",
    "CREATE TABLE IF NOT EXISTS fuse_bands (key BIGINT, article_id VARCHAR, seq BIGINT)",
    "ALTER TABLE fuse_bands ADD COLUMN IF NOT EXISTS seq BIGINT",
    "CREATE TABLE IF NOT EXISTS fuse_df (feature VARCHAR, n BIGINT)",
    "CREATE TABLE IF NOT EXISTS fuse_stories (id VARCHAR, first_day DATE, last_day DATE, norm2 DOUBLE, "
    "centroid VARCHAR)",
    "CREATE TABLE IF NOT EXISTS fuse_meta (n_docs BIGINT, next_seq BIGINT, batch BIGINT)",
]
FUSED_TABLES = ("stories", "story_articles", "timeline", "fused_events", "figure_series")
FUSE_INDEX_TABLES = ("fuse_minhash", "fuse_bands", "fuse_df", "fuse_stories", "fuse_meta")
SCHEMA = DDL + FUSED_DDL + FUSED_ADDED + FUSE_INDEX_DDL
