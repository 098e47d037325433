"""Fusion at scale (issue 18): the cost of an incremental fuse of 100 new articles as the store grows.

    python bench/fuse_scale.py [--sizes 1000,10000,100000] [--topic haiti_bbc] [--repeats 3] [--work DIR]
                               [--rebuild] [--no-append]

1. The base: one Timeline17 topic (``$DATELINE_BENCH_DIR/t17/TOPIC``) extracted once with the default pipeline
   (cached in ``--work``, default ``bench/cache/fuse_scale``, git-ignored).
2. The smallest store (``BLOCK_SLOTS`` clones of the base, ~1.2k articles): clone *k* gets new ids, every date
   (publication date, timex values, statement/event dates, figure ``as_of``) shifted by *k* x ``shift`` years
   (so clones fall in separate time windows, as a long-running store does), and every fifth word replaced by a
   corpus word of the same length (so a clone is not a near-duplicate of its base; offsets stay valid). The
   clones go through the load path of the Ray engine: Parquet partitions (``kind``/``payload`` rows) read by
   ``load_rows`` into ``Store.add``, then ``fuse_store`` (incremental, ``--chunk`` articles at a time).
   Larger stores are that block copied in bulk SQL (``replicate``: ids, dates and the fuse index moved per
   copy), ~10k and ~100k articles.
3. For each size, a fresh copy of the store gets 100 new clones (in the latest time window, so they join
   existing stories), and a fresh process times ``fuse_store`` on them and reads its peak RSS (``VmHWM``).
   Median of ``--repeats`` runs. Ratios are to the smallest size.

Prints a table and appends it to bench/RESULTS.md (date, commit).
"""
from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import math
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

RESULTS = ROOT / "bench" / "RESULTS.md"
NEW = 100
_WORD = re.compile(r"[A-Za-z]{3,}")
_YEAR = re.compile(r"^(\d{4})(.*)$", re.S)
_DATE_FIELDS = {"article": ("dct",), "timexes": ("value", "anchor"), "statements": ("date",),
                "events": ("date",), "figures": ("as_of",)}


def base_extractions(topic: Path, work: Path) -> list[dict[str, Any]]:
    """The topic's extractions (``Extraction.to_dict()``), extracted once and cached."""
    cache = work / f"base_{topic.name}.jsonl.gz"
    if cache.exists():
        with gzip.open(cache, "rt", encoding="utf-8") as fh:
            return [json.loads(line) for line in fh]
    from t17 import _articles

    from dateline.api import default_pipeline

    exs = [ex.to_dict() for ex in default_pipeline().pipe(_articles(topic))]
    work.mkdir(parents=True, exist_ok=True)
    with gzip.open(cache, "wt", encoding="utf-8") as fh:
        for d in exs:
            fh.write(json.dumps(d, ensure_ascii=False) + "\n")
    return exs


class Cloner:
    """Clones of the base extractions with new ids, shifted dates and reworded text."""

    def __init__(self, base: list[dict[str, Any]], reach_days: int) -> None:
        self.base = base
        self.spans = [[m.span() for m in _WORD.finditer(d["article"]["text"])] for d in base]
        by_len: dict[int, set[str]] = defaultdict(set)
        for d, spans in zip(base, self.spans):
            for s, e in spans:
                by_len[e - s].add(d["article"]["text"][s:e].lower())
        self.vocab = {n: sorted(ws) for n, ws in by_len.items()}
        days = sorted(d["article"]["dct"] for d in base if d["article"].get("dct"))
        span = (dt.date.fromisoformat(days[-1][:10]) - dt.date.fromisoformat(days[0][:10])).days if days else 0
        self.shift = 4 * math.ceil((span + 2 * reach_days + 30) / 1461)  # years; a multiple of 4 keeps Feb 29

    @staticmethod
    def shift_year(value: Any, years: int) -> Any:
        m = _YEAR.match(value) if isinstance(value, str) else None
        if not m or not years:
            return value
        y = int(m.group(1)) + years
        rest = m.group(2)
        if rest.startswith("-02-29") and not (y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)):
            rest = "-02-28" + rest[6:]
        return f"{y:04d}{rest}"

    def _text(self, i: int, key: int) -> str:
        text = self.base[i]["article"]["text"]
        if not key:
            return text
        out, last = [], 0
        for j, (s, e) in enumerate(self.spans[i]):
            if (j + key) % 5 == 0:
                words = self.vocab[e - s]
                out += [text[last:s], words[(key * 7919 + j * 104729) % len(words)]]
                last = e
        return "".join(out) + text[last:]

    def clone(self, i: int, slot: int, variant: int = 0) -> dict[str, Any]:
        from dateline.model import text_hash

        d = json.loads(json.dumps(self.base[i]))
        aid = f"{d['article']['id']}~{slot}" + (f"v{variant}" if variant else "")
        text = self._text(i, slot * 7 + variant)
        d["article"].update(id=aid, text=text, text_hash=text_hash(text), path=None)
        years = slot * self.shift
        for name, fields in _DATE_FIELDS.items():
            rows = [d["article"]] if name == "article" else d.get(name) or []
            for r in rows:
                for f in fields:
                    r[f] = self.shift_year(r.get(f), years)
        for name in ("timexes", "entities", "statements", "figures", "events", "places"):
            for r in d.get(name) or []:
                r["article_id"] = aid
        return d


def write_part(rows: list[dict[str, Any]], folder: Path) -> Path:
    """One Parquet partition in the Ray engine's output format."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "part-0.parquet"
    pq.write_table(pa.table({"kind": ["extraction"] * len(rows), "id": [r["article"]["id"] for r in rows],
                             "payload": [json.dumps(r, ensure_ascii=False) for r in rows]}), path)
    return folder


def load_and_fuse(db: Path, folder: Path) -> Any:
    """What ``dateline load FOLDER`` does: Parquet partitions into the store, then the (incremental) fuse."""
    from dateline.engine.ray_engine import load_rows
    from dateline.fuse import fuse_store
    from dateline.store import Store

    with Store(db) as store:
        for exs, _ in load_rows(folder):
            store.add(exs)
        return fuse_store(store)


BLOCK_SLOTS = 4  # clone slots fused for real (the smallest store); larger stores are copies of this block
_MACROS = [
    # an ISO-ish value with its year moved by y years (Feb 29 -> 28 when the new year is not a leap year)
    "CREATE OR REPLACE TEMP MACRO shift_year(v, y) AS CASE WHEN regexp_matches(v, '^[0-9]{4}') THEN "
    "lpad(CAST(CAST(left(v, 4) AS INT) + y AS VARCHAR), 4, '0') || CASE WHEN substr(v, 5, 6) = '-02-29' AND NOT "
    "((CAST(left(v, 4) AS INT) + y) % 4 = 0 AND ((CAST(left(v, 4) AS INT) + y) % 100 <> 0 OR "
    "(CAST(left(v, 4) AS INT) + y) % 400 = 0)) THEN '-02-28' || substr(v, 11) ELSE substr(v, 5) END ELSE v END",
    # article id X~slot -> X~(slot + n)
    "CREATE OR REPLACE TEMP MACRO move_id(v, n) AS CASE WHEN v IS NULL THEN NULL ELSE "
    "regexp_replace(v, '~[0-9]+$', '') || '~' || CAST(CAST(regexp_extract(v, '~([0-9]+)$', 1) AS INT) + n AS VARCHAR) "
    "END",
]


def _json_ids(col: str, n: str) -> str:
    """Article ids inside a JSON text column: ...~b" -> ...~(b + n)" for the block's slots."""
    out = col
    for b in range(BLOCK_SLOTS):
        out = f"replace({out}, '~{b}\"', '~' || CAST({b} + {n} AS VARCHAR) || '\"')"
    return out


def replicate(db: Path, groups: int, shift: int) -> None:
    """Grow a store holding the fused block (``BLOCK_SLOTS`` clone slots) to ``groups`` copies of it, in bulk
    SQL: each copy g moves article ids by g x BLOCK_SLOTS slots, every date by g x BLOCK_SLOTS x ``shift`` years,
    and story ids get a ``~g`` suffix; the fuse index is copied the same way (band keys re-hashed per copy,
    date features of the centroids and frequencies moved, other frequencies summed, counters scaled). Every
    table then holds what fusing the copies would hold, in size and shape; JSON display fields keep their
    dates. Fusing 100k articles one by one takes hours on a shared 2-core machine; this takes minutes."""
    import duckdb

    if groups <= 1:
        return
    c = duckdb.connect(str(db))
    for m in _MACROS:
        c.execute(m)
    n_docs, next_seq, n_batch = c.execute("SELECT n_docs, next_seq, batch FROM fuse_meta").fetchall()[0]
    max_ingest = c.execute("SELECT max(ingest_batch) FROM articles").fetchall()[0][0] or 0
    n = f"(g * {BLOCK_SLOTS})"
    y = f"(g * {BLOCK_SLOTS * shift})"
    sid = "(story_id || '~' || CAST(g AS VARCHAR))"
    exprs: dict[str, dict[str, str]] = {
        "articles": {"id": f"move_id(id, {n})", "dct": f"shift_year(dct, {y})", "path": "NULL"},
        "timexes": {"value": f"shift_year(value, {y})", "anchor": f"shift_year(anchor, {y})"},
        "statements": {"date": f"shift_year(date, {y})"}, "events": {"date": f"shift_year(date, {y})"},
        "figures": {"as_of": f"shift_year(as_of, {y})"}, "entities": {}, "places": {},
        "story_articles": {"story_id": sid, "duplicate_of": f"move_id(duplicate_of, {n})",
                           "seq": f"seq + g * {next_seq}", "batch": f"batch + g * {n_batch}"},
        "stories": {"id": "(id || '~' || CAST(g AS VARCHAR))", "first_date": f"shift_year(first_date, {y})",
                    "last_date": f"shift_year(last_date, {y})"},
        "timeline": {"story_id": sid, "date": f"shift_year(date, {y})", "sentences": _json_ids("sentences", n)},
        "fused_events": {"id": "(id || '~' || CAST(g AS VARCHAR))", "story_id": sid, "date": f"shift_year(date, {y})",
                         "provenance": _json_ids("provenance", n)},
        "figure_series": {"story_id": sid, "date": f"shift_year(date, {y})",
                          "contradiction_group": "(contradiction_group || '~' || CAST(g AS VARCHAR))"},
        "fuse_minhash": {"seq": f"seq + g * {next_seq}", "primary_id": f"move_id(primary_id, {n})"},
        "fuse_bands": {"key": "CAST(hash(key, g) % 9223372036854775807 AS BIGINT)", "seq": f"seq + g * {next_seq}"},
    }
    c.execute("BEGIN TRANSACTION")
    for table, special in exprs.items():
        cols = [r[0] for r in c.execute("SELECT column_name FROM information_schema.columns WHERE table_name = ? "
                                        "ORDER BY ordinal_position", [table]).fetchall()]
        if table not in ("articles", "stories", "fused_events", "fuse_stories") and "article_id" in cols:
            special.setdefault("article_id", f"move_id(article_id, {n})")
        if "ingest_batch" in cols:  # each copy is a later ingest: its rows stay contiguous
            special.setdefault("ingest_batch", f"ingest_batch + g * {max_ingest + 1}")
        sel = ", ".join(special.get(col, f'"{col}"') for col in cols)
        c.execute(f"CREATE TEMP TABLE blk AS SELECT * FROM {table}")
        c.execute(f"INSERT INTO {table} SELECT {sel} FROM blk, range(1, {groups}) r(g) ORDER BY g")
        c.execute("DROP TABLE blk")
    # frequencies: date features move with each copy, the others count once per copy
    c.execute("CREATE TEMP TABLE blk AS SELECT * FROM fuse_df")
    c.execute("DELETE FROM fuse_df WHERE NOT starts_with(feature, 'd:')")
    c.execute(f"INSERT INTO fuse_df SELECT feature, n * {groups} FROM blk WHERE NOT starts_with(feature, 'd:')")
    c.execute(f"INSERT INTO fuse_df SELECT 'd:' || shift_year(substr(feature, 3), {y}), n FROM blk, "
              f"range(1, {groups}) r(g) WHERE starts_with(feature, 'd:')")
    c.execute("DROP TABLE blk")
    # story centroids: JSON keys of date features move (in Python: JSON)
    import pyarrow as pa

    rows = c.execute("SELECT id, first_day, last_day, norm2, centroid FROM fuse_stories").fetchall()
    out: dict[str, list[Any]] = {"id": [], "first_day": [], "last_day": [], "norm2": [], "centroid": []}
    for g in range(1, groups):
        years = g * BLOCK_SLOTS * shift
        for sid_, first, last, norm2, cen in rows:
            moved = {(("d:" + _shift_day(k[2:], years)) if k.startswith("d:") else k): v
                     for k, v in json.loads(cen).items()}
            out["id"].append(f"{sid_}~{g}")
            out["first_day"].append(_shift_date(first, years))
            out["last_day"].append(_shift_date(last, years))
            out["norm2"].append(norm2)
            out["centroid"].append(json.dumps(moved))
    c.register("_cen", pa.table(out))
    c.execute("INSERT INTO fuse_stories SELECT * FROM _cen")
    c.execute("UPDATE fuse_meta SET n_docs = ?, next_seq = ?, batch = ?",
              [n_docs * groups, next_seq * groups, n_batch * groups])
    c.execute(f"SELECT setval('ingest_batches', {(max_ingest + 1) * groups})").fetchall()
    c.execute("COMMIT")
    c.execute("CHECKPOINT")
    c.close()


def _shift_day(v: str, years: int) -> str:
    return str(Cloner.shift_year(v, years))


def _shift_date(d: dt.date | None, years: int) -> dt.date | None:
    if d is None:
        return None
    try:
        return d.replace(year=d.year + years)
    except ValueError:  # Feb 29
        return d.replace(year=d.year + years, day=28)


def build(cloner: Cloner, sizes: list[int], work: Path, chunk: int, rebuild: bool) -> dict[int, Path]:
    """The block (``BLOCK_SLOTS`` clone slots of the base) through the Ray load path and ``fuse_store``,
    then a copy grown by ``replicate`` for each larger size. Returns {articles: store file}."""
    nb = len(cloner.base)
    block = work / "block.duckdb"
    if rebuild or not block.exists():
        block.unlink(missing_ok=True)
        done, t0 = 0, time.time()
        while done < BLOCK_SLOTS * nb:
            n = min(chunk, BLOCK_SLOTS * nb - done)
            rows = [cloner.clone((done + j) % nb, (done + j) // nb) for j in range(n)]
            part = write_part(rows, work / "parts" / f"chunk_{done}")
            load_and_fuse(block, part)
            shutil.rmtree(part)
            done += n
            print(f"  fused {done} articles ({time.time() - t0:.0f} s)", file=sys.stderr, flush=True)
    snaps = {}
    for size in sizes:
        groups = max(1, round(size / (BLOCK_SLOTS * nb)))
        snap = work / f"store_{groups}x.duckdb"
        if rebuild or not snap.exists():
            t0 = time.time()
            tmp = snap.with_suffix(".tmp")
            shutil.copy(block, tmp)
            replicate(tmp, groups, cloner.shift)
            tmp.replace(snap)
            print(f"  replicated {groups}x ({time.time() - t0:.0f} s)", file=sys.stderr, flush=True)
        snaps[groups * BLOCK_SLOTS * nb] = snap
    return snaps


def measure(db: Path) -> dict[str, Any]:
    """(In a fresh process) time the incremental fuse of the store's unfused articles; peak RSS of the process."""
    from dateline.fuse import fuse_store
    from dateline.store import Store

    with Store(db) as store:
        t0 = time.perf_counter()
        report = fuse_store(store)
        secs = time.perf_counter() - t0
    hwm = next(int(line.split()[1]) for line in Path("/proc/self/status").read_text().splitlines()
               if line.startswith("VmHWM:"))
    return {"seconds": secs, "peak_mb": hwm / 1024, "new": report.new_articles, "recomputed": len(report.recomputed),
            "articles": report.articles, "stories": report.stories}


def run_size(cloner: Cloner, snap: Path, size: int, work: Path, repeats: int) -> list[dict[str, Any]]:
    nb = len(cloner.base)
    slot = max(size // nb - 1, 0)  # the latest complete time window of the store
    rows = [cloner.clone(i % nb, slot, variant=1 + i // nb) for i in range(NEW)]
    out = []
    for r in range(repeats):
        db = work / f"run_{size}.duckdb"
        shutil.copy(snap, db)
        part = write_part(rows, work / "parts" / f"new_{size}")
        from dateline.engine.ray_engine import load_rows
        from dateline.store import Store

        with Store(db) as store:
            for exs, _ in load_rows(part):
                store.add(exs)
        res = subprocess.run([sys.executable, __file__, "--measure", str(db)], capture_output=True, text=True,
                             check=True)
        out.append(json.loads(res.stdout.strip().splitlines()[-1]))
        out[-1]["stored"] = out[-1]["articles"] - out[-1]["new"]
        db.unlink()
        print(f"  {size}: run {r + 1}: {out[-1]}", file=sys.stderr, flush=True)
    return out


def main(argv: list[str] | None = None) -> int:
    from dateline.settings import Settings

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="1000,10000,100000")
    ap.add_argument("--topic", default="haiti_bbc")
    ap.add_argument("--data", type=Path, default=Path(Settings.from_env().bench_dir) / "t17")
    ap.add_argument("--work", type=Path, default=ROOT / "bench" / "cache" / "fuse_scale")
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--chunk", type=int, default=300, help="articles per load+fuse while building")
    ap.add_argument("--rebuild", action="store_true", help="rebuild the stores even if cached")
    ap.add_argument("--no-append", action="store_true", help="do not append to bench/RESULTS.md")
    ap.add_argument("--measure", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.measure:
        print(json.dumps(measure(args.measure)))
        return 0
    from dateline.fuse import FuseConfig
    from dateline.fuse.stories import reach_days

    sizes = sorted(int(s) for s in args.sizes.split(","))
    args.work.mkdir(parents=True, exist_ok=True)
    topic = args.data / args.topic
    if not (topic / "articles.jsonl.gz").exists():
        print(f"{topic}: no articles.jsonl.gz (set DATELINE_BENCH_DIR)", file=sys.stderr)
        return 2
    cloner = Cloner(base_extractions(topic, args.work), reach_days(FuseConfig().stories))
    t0 = time.time()
    snaps = build(cloner, sizes, args.work, args.chunk, args.rebuild)
    build_s = time.time() - t0
    sizes = sorted(snaps)
    results = {n: run_size(cloner, snaps[n], n, args.work, args.repeats) for n in sizes}
    first = sizes[0]
    med = {n: (statistics.median(r["seconds"] for r in rs), statistics.median(r["peak_mb"] for r in rs))
           for n, rs in results.items()}
    lines = [f"base: {len(cloner.base)} extracted articles of Timeline17 `{args.topic}`, cloned with dates shifted "
             f"by {cloner.shift} years per clone; the smallest store ({BLOCK_SLOTS} clones) loaded through the Ray "
             f"load path and fused for real, larger ones copies of it in bulk SQL (fuse index included); {NEW} new "
             f"articles fused incrementally; median of {args.repeats} runs; build {build_s:.0f} s; load average "
             f"{os.getloadavg()[0]:.1f}", "",
             "| stored articles | stories | incremental fuse of 100 (s) | x smallest | peak RSS (MB) | x smallest "
             "| stories recomputed | store file (MB) |",
             "|---|---|---|---|---|---|---|---|"]
    for n in sizes:
        s, m = med[n]
        r = results[n][-1]
        lines.append(f"| {r['stored']:,} | {r['stories']:,} | {s:.2f} | {s / med[first][0]:.2f} | {m:.0f} | "
                     f"{m / med[first][1]:.2f} | {r['recomputed']} | {snaps[n].stat().st_size / 2**20:.0f} |")
    out = "\n".join(lines) + "\n"
    print(out)
    if not args.no_append:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                                text=True).stdout.strip()
        with RESULTS.open("a", encoding="utf-8") as f:
            f.write(f"\n## fusion at scale (bench/fuse_scale.py) — {dt.date.today().isoformat()}, commit {commit}\n\n"
                    f"{out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
