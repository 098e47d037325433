"""Throughput benchmark (issue 6): spaCy alone vs. full extraction, per component, workers, Ray, memory.

    python bench/throughput.py [--data DIR] [--limit N | --all] [--mem-size N] [--no-ray] [--no-append]

On the Timeline17 articles (``--data``, default ``$DATELINE_BENCH_DIR/t17``: one ``*/articles.jsonl.gz`` per
topic), sampled round-robin over the topics (``--limit`` articles, ``--all`` for every one), in ONE run:

1. a bare spaCy pass: ``load_nlp().pipe(texts, batch_size=B)`` (the model as dateline loads it);
2. the full extraction, ``Pipeline().pipe_safe(articles, batch_size=B)``, every default component, no store,
   with each component call wrapped in a timer (3.: its share of the spaCy pass, in CPU time);
4. ``dateline.api.ingest(..., workers=1)`` and ``workers=2`` into fresh DuckDB files (``fuse=False``);
5. the Ray engine (``dateline.engine.ray_engine.run``, 2 actors) writing Parquet, then loaded into DuckDB;
6. the peak RSS of an ingest process (``ingest(..., fuse=False)`` in a subprocess, its ``VmHWM``) over
   ``--mem-size`` articles and over 10× that (the same articles repeated, each copy a new id and text, written
   to one JSONL as a stream).

Wall times depend on what else runs on the machine: the 1-minute load average is recorded at each stage and
``--max-load``/``--wait`` wait (up to a limit) for a quiet machine before the timed stages. CPU times (this
process plus reaped children) are given beside them; "cores" = CPU / wall.
Prints a table and appends it to bench/RESULTS.md (date, commit).
"""
from __future__ import annotations

import argparse
import dataclasses
import gzip
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

RESULTS = ROOT / "bench" / "RESULTS.md"
STAGES = ("time", "entities", "places", "statements", "figures", "events")


# -- corpus ------------------------------------------------------------------------------------------------
def _topic_rows(path: Path, topic: str) -> Iterator[dict[str, Any]]:
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                obj = json.loads(line)
                yield {"id": f"{topic}-{obj['id']}", "time": obj.get("time"), "text": obj["text"]}


def sample_rows(data: Path, limit: int | None) -> Iterator[dict[str, Any]]:
    """Articles round-robin over the topic folders (a mix of outlets and stories), streamed; ``limit`` caps."""
    streams = [_topic_rows(p / "articles.jsonl.gz", p.name) for p in sorted(data.iterdir())
               if (p / "articles.jsonl.gz").is_file()]
    n = 0
    while streams and (limit is None or n < limit):
        alive = []
        for s in streams:
            row = next(s, None)
            if row is None:
                continue
            alive.append(s)
            yield row
            n += 1
            if limit is not None and n >= limit:
                return
        streams = alive


def write_sample(rows: Iterator[dict[str, Any]], folder: Path) -> int:
    """One JSONL per topic (several input files, as a real run has); returns the number of articles."""
    folder.mkdir(parents=True, exist_ok=True)
    handles: dict[str, Any] = {}
    n = 0
    try:
        for row in rows:
            topic = row["id"].rsplit("-", 1)[0]
            if topic not in handles:
                handles[topic] = (folder / f"{topic}.jsonl").open("w", encoding="utf-8")
            handles[topic].write(json.dumps(row) + "\n")
            n += 1
    finally:
        for h in handles.values():
            h.close()
    return n


def write_repeated(rows: list[dict[str, Any]], times: int, path: Path) -> int:
    """``times`` copies of ``rows`` in one JSONL, written as a stream; each copy is a new article (id and
    text differ, so the store neither skips nor replaces it)."""
    n = 0
    with path.open("w", encoding="utf-8") as fh:
        for k in range(times):
            for row in rows:
                fh.write(json.dumps({**row, "id": f"{row['id']}~{k}", "text": f"{row['text']}\n\n(Copy {k}.)"}))
                fh.write("\n")
                n += 1
    return n


# -- measuring ---------------------------------------------------------------------------------------------
def load1() -> float:
    return os.getloadavg()[0]


def wait_quiet(max_load: float, wait: float) -> float:
    """Wait up to ``wait`` seconds for the 1-minute load average to drop below ``max_load``; returns it."""
    deadline = time.time() + wait
    while load1() >= max_load and time.time() < deadline:
        time.sleep(min(15.0, max(0.0, deadline - time.time())))
    return load1()


def cpu_now() -> float:
    """CPU seconds of this process and of its reaped children (pool workers)."""
    me = resource.getrusage(resource.RUSAGE_SELF)
    ch = resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + ch.ru_utime + ch.ru_stime


@dataclasses.dataclass
class Row:
    stage: str
    docs: int
    words: int
    wall: float
    cpu: float | None
    load: float
    note: str = ""

    def cells(self) -> list[str]:
        cpu = f"{self.cpu:.1f}" if self.cpu is not None else "-"
        cores = f"{self.cpu / self.wall:.2f}" if self.cpu is not None and self.wall else "-"
        return [self.stage, str(self.docs), f"{self.wall:.1f}", cpu, cores, f"{self.docs / self.wall:.2f}",
                f"{self.words / self.wall:,.0f}", f"{self.load:.2f}", self.note]


def timed(stage: str, docs: int, words: int, fn: Callable[[], str | None], *, cpu: bool = True) -> Row:
    load = load1()
    c0, t0 = cpu_now(), time.perf_counter()
    note = fn() or ""
    wall, used = time.perf_counter() - t0, cpu_now() - c0
    row = Row(stage, docs, words, wall, used if cpu else None, max(load, load1()), note)
    print(f"  {stage}: {wall:.1f} s wall, {used:.1f} s CPU, load {row.load:.2f} {note}", file=sys.stderr, flush=True)
    return row


def _hwm_mb(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def peak_rss_mb(cmd: list[str], env: dict[str, str] | None = None) -> tuple[float, float, int]:
    """Run ``cmd``; returns (its peak RSS in MB, wall seconds, exit code).

    The peak is the process's own high-water mark (``VmHWM``), read every 50 ms while it runs: ``ru_maxrss``
    of ``wait4``/``RUSAGE_CHILDREN`` would count the forked copy of this (large) process before the exec."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = 0.0
    err = b""
    while True:
        peak = max(peak, _hwm_mb(proc.pid))
        try:
            _, err = proc.communicate(timeout=0.05)
            break
        except subprocess.TimeoutExpired:
            continue
    if proc.returncode:
        sys.stderr.write(err.decode(errors="replace")[-2000:])
    return peak, time.perf_counter() - t0, proc.returncode


class ComponentTimer:
    """Wraps a pipeline's component calls with CPU timers (time.process_time, robust to other load)."""

    def __init__(self, pipeline: Any) -> None:
        self.pipeline = pipeline
        self.original = list(pipeline.components)
        self.cpu: dict[str, float] = {n: 0.0 for n, _ in self.original}
        pipeline.components = [(n, self._wrap(n, c)) for n, c in self.original]

    def _wrap(self, name: str, component: Callable[..., None]) -> Callable[..., None]:
        def run(doc: Any, ctx: Any) -> None:
            t0 = time.process_time()
            try:
                component(doc, ctx)
            finally:
                self.cpu[name] += time.process_time() - t0

        return run

    def restore(self) -> None:
        self.pipeline.components = self.original


def commit_of(root: Path) -> str:
    def git(*args: str) -> str:
        return subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True).stdout.strip()

    dirty = git("status", "--porcelain", "--", "src")
    return (git("rev-parse", "--short", "HEAD") or "unknown") + (" (+ uncommitted src changes)" if dirty else "")


MEM_RUNNER = ("import sys, dateline; "
              "dateline.ingest([sys.argv[1]], db=sys.argv[2], batch_size=int(sys.argv[3]), fuse=False)")


def table(header: list[str], rows: list[list[str]]) -> list[str]:
    return ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header), *("| " + " | ".join(r) + " |" for r in rows)]


def run(args: argparse.Namespace) -> list[str]:
    from collections import Counter

    import dateline.api
    from dateline.engine.ray_engine import load_rows
    from dateline.engine.ray_engine import run as ray_run
    from dateline.extract.nlp import load_nlp
    from dateline.extract.pipeline import Pipeline
    from dateline.ingest import read_paths
    from dateline.model import Article, Rejected
    from dateline.store import Store

    data = Path(args.data)
    bs = args.batch_size
    tmp = Path(tempfile.mkdtemp(prefix="dateline-tp-"))
    corpus = tmp / "corpus"
    n = write_sample(sample_rows(data, None if args.all else args.limit), corpus)
    articles = [a for a in read_paths([corpus]) if isinstance(a, Article)]
    words = sum(len(a.text.split()) for a in articles)
    print(f"{n} articles, {words:,} words in {len(list(corpus.iterdir()))} files under {tmp}", file=sys.stderr)

    nlp = load_nlp()
    pipeline = Pipeline(config={"statements": json.loads(args.statements)} if args.statements else None)
    list(pipeline.pipe_safe([dataclasses.replace(a) for a in articles[:2]]))  # warm up lazy resources
    rows: list[Row] = []
    wait_quiet(args.max_load, args.wait)

    def spacy_pass() -> str:
        return f"{sum(len(doc) for doc in nlp.pipe((a.text for a in articles), batch_size=bs)):,} tokens"

    rows.append(timed("1. spaCy en_core_web_sm only", n, words, spacy_pass))
    timer = ComponentTimer(pipeline)
    found: Counter[str] = Counter()
    rejected: list[Rejected] = []

    def full_pass() -> str:
        for r in pipeline.pipe_safe((dataclasses.replace(a) for a in articles), batch_size=bs):
            if isinstance(r, Rejected):
                rejected.append(r)
            else:
                found.update({k: len(getattr(r, k)) for k in ("timexes", "entities", "places", "statements",
                                                              "figures", "events")})
        return f"{sum(found.values()):,} records, {len(rejected)} rejected"

    rows.append(timed("2. full extraction (no store)", n, words, full_pass))
    timer.restore()
    for r in rejected[:5]:
        print(f"  rejected {r.path}: {r.reason}", file=sys.stderr)
    if args.components_only:
        spacy, full = rows
        return [f"## throughput, components only (bench/throughput.py --components-only) — "
                f"{date.today().isoformat()}, commit {commit_of(ROOT)}", "",
                f"T17 ({n} articles round-robin over the topics; {words:,} words), batch size {bs}; statements "
                f"config {args.statements or 'default'}; full / spaCy-only {full.wall / spacy.wall:.2f}× wall, "
                f"{(full.cpu or 0) / (spacy.cpu or 1):.2f}× CPU (load {spacy.load:.2f} / {full.load:.2f}).", "",
                *table(["component", "CPU s", "ms/article", "share of spaCy"], component_rows(timer, spacy, full, n)), ""]

    counts: dict[int, dict[str, int]] = {}

    def ingest(workers: int) -> Callable[[], str]:
        def go() -> str:
            db = tmp / f"workers{workers}.duckdb"
            rep = dateline.api.ingest([corpus], db=db, batch_size=bs, workers=workers, fuse=False, pipeline=pipeline)
            with Store(db, read_only=True) as s:
                counts[workers] = s.counts()
            return f"{rep.stored} stored, {len(rep.rejected)} rejected"
        return go

    wait_quiet(args.max_load, args.wait)
    rows.append(timed("4. ingest, 1 worker", n, words, ingest(1)))
    wait_quiet(args.max_load, args.wait)
    rows.append(timed("4. ingest, 2 workers", n, words, ingest(2)))
    same = "same rows as 1 worker" if counts[1] == counts[2] else f"DIFFERENT rows: {counts[2]} vs {counts[1]}"
    rows[-1].note += f"; {same}"

    if not args.no_ray:
        import logging

        logging.getLogger("ray").setLevel(logging.WARNING)
        os.environ["PYTHONPATH"] = os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")])
        out = tmp / "parquet"
        wait_quiet(args.max_load, args.wait)
        rows.append(timed("5. Ray engine, 2 actors (incl. ray.init)", n, words,
                          lambda: ray_run([str(corpus)], out, batch_size=bs, workers=2) and None, cpu=False))

        def ray_load() -> str:
            db = tmp / "ray.duckdb"
            with Store(db) as s:
                for ex, rej in load_rows(out):
                    s.add(ex)
                    s.add_rejected(rej)
                c = s.counts()
            return "same rows as 1 worker" if c == counts[1] else f"DIFFERENT rows: {c} vs {counts[1]}"

        rows.append(timed("5. load Parquet into DuckDB", n, words, ray_load))

    mem_rows = list(sample_rows(data, args.mem_size))
    mem: list[list[str]] = []
    peaks = {}
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")])}
    for times in (1, 10):
        src = tmp / f"repeat{times}.jsonl"
        k = write_repeated(mem_rows, times, src)
        load = wait_quiet(args.max_load, args.wait)
        peak, wall, code = peak_rss_mb([sys.executable, "-c", MEM_RUNNER, str(src), str(tmp / f"m{times}.duckdb"),
                                        str(bs)], env)
        peaks[times] = peak
        mem.append([f"{times}×", str(k), f"{peak:,.0f}", f"{wall:.1f}", f"{k / wall:.2f}", f"{load:.2f}",
                    "" if code == 0 else f"exit {code}"])
        print(f"  memory {times}×: {k} articles, peak {peak:.0f} MB, {wall:.1f} s", file=sys.stderr, flush=True)

    return report(args, n, words, rows, timer, mem, peaks, found)


def component_rows(timer: ComponentTimer, spacy: Row, full: Row, n: int) -> list[list[str]]:
    """Per component: CPU s, ms/article, share of the bare spaCy pass's CPU time (and all, and the rest)."""
    comp = [[name, f"{cpu:.1f}", f"{1000 * cpu / n:.0f}", f"{100 * cpu / (spacy.cpu or 1):.1f}%"]
            for name, cpu in timer.cpu.items()]
    total = sum(timer.cpu.values())
    comp.append(["all components", f"{total:.1f}", f"{1000 * total / n:.0f}", f"{100 * total / (spacy.cpu or 1):.1f}%"])
    inner = (full.cpu or 0) - total
    comp.append(["spaCy + glue inside the full pass", f"{inner:.1f}", f"{1000 * inner / n:.0f}",
                 f"{100 * inner / (spacy.cpu or 1):.1f}%"])
    return comp


def report(args: argparse.Namespace, n: int, words: int, rows: list[Row], timer: ComponentTimer,
           mem: list[list[str]], peaks: dict[int, float], found: dict[str, int]) -> list[str]:
    spacy, full = rows[0], rows[1]
    w1 = next(r for r in rows if r.stage == "4. ingest, 1 worker")
    w2 = next(r for r in rows if r.stage == "4. ingest, 2 workers")
    ratio_wall, ratio_cpu = full.wall / spacy.wall, (full.cpu or 0) / (spacy.cpu or 1)
    speedup = w1.wall / w2.wall
    mem_ratio = peaks[10] / peaks[1]

    def verdict(ok: bool) -> str:
        return "pass" if ok else "FAIL"

    comp = component_rows(timer, spacy, full, n)
    sample = "all articles" if args.all else f"{n} articles round-robin over the topics"
    lines = [
        f"## throughput (bench/throughput.py) — {date.today().isoformat()}, commit {commit_of(ROOT)}",
        "",
        f"T17 ({sample}; {words:,} words, {words / n:,.0f} a article), batch size {args.batch_size}, "
        f"{os.cpu_count()} cores shared with other jobs (load = 1-minute load average during the stage).",
        "",
        *table(["stage", "articles", "wall s", "CPU s", "cores", "docs/s", "words/s", "load", "note"],
               [r.cells() for r in rows]),
        "",
        f"- full / spaCy-only: **{ratio_wall:.2f}×** wall, **{ratio_cpu:.2f}×** CPU "
        f"(acceptance ≤ 1.5: {verdict(ratio_cpu <= 1.5)}; goal ≤ 1.2: {verdict(ratio_cpu <= 1.2)})",
        f"- 2 workers vs 1: **{speedup:.2f}×** faster (wall; acceptance ≥ 1.6: {verdict(speedup >= 1.6)}; "
        f"load {w1.load:.2f} / {w2.load:.2f})",
        f"- peak RSS 10× / 1× corpus: **{mem_ratio:.2f}×** (acceptance ≤ 1.2: {verdict(mem_ratio <= 1.2)})",
        "- records found: " + ", ".join(f"{k} {v:,}" for k, v in found.items()),
        "",
        "3. Per component (CPU time of its calls in the full pass; share = of the bare spaCy pass's CPU time):",
        "",
        *table(["component", "CPU s", "ms/article", "share of spaCy"], comp),
        "",
        "6. Peak memory of an ingest process (`dateline.api.ingest(..., fuse=False)` in a subprocess, "
        "workers=1; the articles repeated, each copy a new article, in one JSONL):",
        "",
        *table(["corpus", "articles", "peak RSS MB", "wall s", "docs/s", "load", "note"], mem),
        "",
    ]
    return lines


def main(argv: list[str] | None = None) -> int:
    from dateline.settings import settings

    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", default=str(Path(settings.bench_dir) / "t17"), help="T17 folder (topic subfolders)")
    ap.add_argument("--limit", type=int, default=200, help="articles in the sample (default 200)")
    ap.add_argument("--all", action="store_true", help="every article (overrides --limit)")
    ap.add_argument("--batch-size", type=int, default=32)
    ap.add_argument("--mem-size", type=int, default=32,
                    help="articles in the 1× memory run (default 32 = one batch, so the 10× run parses the same "
                         "batches ten times: only what accumulates can raise its peak)")
    ap.add_argument("--max-load", type=float, default=1.0, help="wait for a 1-minute load average below this")
    ap.add_argument("--wait", type=float, default=0.0, help="...for at most this many seconds per stage")
    ap.add_argument("--no-ray", action="store_true", help="skip the Ray engine")
    ap.add_argument("--no-append", action="store_true", help="do not append to bench/RESULTS.md")
    ap.add_argument("--statements", default="", help='the statements config as JSON ({"learned": true, "tagger": true})')
    ap.add_argument("--components-only", action="store_true", help="stages 1-3 only (the per-component table)")
    args = ap.parse_args(argv)
    if not Path(args.data).is_dir():
        print(f"no T17 data at {args.data} (--data DIR)", file=sys.stderr)
        return 2
    lines = run(args)
    print("\n".join(lines))
    if not args.no_append:
        with RESULTS.open("a", encoding="utf-8") as fh:
            fh.write("\n" + "\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
