"""Fusion at scale (issue 18): the cost of an incremental fuse of 100 new articles as the store grows.

    python bench/fuse_scale.py [--sizes 1000,10000,100000] [--topic haiti_bbc] [--repeats 3] [--work DIR]
                               [--rebuild] [--no-append]

1. The base: one Timeline17 topic (``$DATELINE_BENCH_DIR/t17/TOPIC``) extracted once with the default pipeline
   (cached in ``--work``, default ``bench/cache/fuse_scale``, git-ignored).
2. Stores of each size are grown cheaply by cloning the base extractions: clone *k* gets new ids, every date
   (publication date, timex values, statement/event dates, figure ``as_of``) shifted by *k* x ``shift`` years
   (so clones fall in separate time windows, as a long-running store does), and every fifth word replaced by a
   corpus word of the same length (so a clone is not a near-duplicate of its base; offsets stay valid). The
   clones go through the load path of the Ray engine: Parquet partitions (``kind``/``payload`` rows) read by
   ``load_rows`` into ``Store.add``, then ``fuse_store`` (incremental, one chunk at a time).
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

    def _year(self, value: Any, years: int) -> Any:
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
                    r[f] = self._year(r.get(f), years)
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


def build(cloner: Cloner, sizes: list[int], work: Path, chunk: int, rebuild: bool) -> dict[int, Path]:
    """Grow one store through the sizes; a copy of it is kept at each size."""
    snaps = {n: work / f"store_{n}.duckdb" for n in sizes}
    if not rebuild and all(p.exists() for p in snaps.values()):
        return snaps
    db = work / "growing.duckdb"
    for p in (db, *snaps.values()):
        p.unlink(missing_ok=True)
    nb, done, t0 = len(cloner.base), 0, time.time()
    for target in sorted(sizes):
        while done < target:
            n = min(chunk, target - done)
            rows = [cloner.clone((done + j) % nb, (done + j) // nb) for j in range(n)]
            part = write_part(rows, work / "parts" / f"chunk_{done}")
            load_and_fuse(db, part)
            shutil.rmtree(part)
            done += n
            print(f"  built {done} articles ({time.time() - t0:.0f} s)", file=sys.stderr, flush=True)
        shutil.copy(db, snaps[target])
    db.unlink(missing_ok=True)
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
    ap.add_argument("--chunk", type=int, default=5000, help="articles per load+fuse while building")
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
    results = {n: run_size(cloner, snaps[n], n, args.work, args.repeats) for n in sizes}
    first = sizes[0]
    med = {n: (statistics.median(r["seconds"] for r in rs), statistics.median(r["peak_mb"] for r in rs))
           for n, rs in results.items()}
    lines = [f"base: {len(cloner.base)} extracted articles of Timeline17 `{args.topic}`, cloned with dates shifted "
             f"by {cloner.shift} years per clone; {NEW} new articles fused incrementally; median of "
             f"{args.repeats} runs; store build {build_s:.0f} s; load average {os.getloadavg()[0]:.1f}", "",
             "| stored articles | stories | incremental fuse of 100 (s) | x smallest | peak RSS (MB) | x smallest "
             "| stories recomputed | store file (MB) |",
             "|---|---|---|---|---|---|---|---|"]
    for n in sizes:
        s, m = med[n]
        r = results[n][0]
        lines.append(f"| {n:,} | {r['stories']:,} | {s:.2f} | {s / med[first][0]:.2f} | {m:.0f} | "
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
