"""TempEval-3 task A (TIMEX3 extent, type, value): dateline against the official peer runs, in one run.

    python bench/tempeval3.py [--data DIR] [--no-append] [--errors dev]

1. Checks our scorer (``te3score.py``) on the peer runs in ``DIR/peers``: it must reproduce the published value F1
   of HeidelTime, NavyTime, ManTIME, SUTime and ClearTK (and HeidelTime's relaxed F1) within 1.5 points.
2. Tags the 20 platinum test inputs (``DIR/test/input/*.TE3input``) and the development gold texts (TimeBank,
   AQUAINT: their text with the tags removed) with dateline: spaCy ``en_core_web_sm`` (full pipeline) parses,
   then the time tagger runs on the parse with the file's DCT.
3. Prints one table (every peer run and dateline on platinum; dateline on TimeBank and AQUAINT) with the
   tagger's time per document as a ratio to the spaCy pass on the same documents, and appends it to
   ``bench/RESULTS.md`` with the date and commit.

Rules are developed on TimeBank/AQUAINT; the platinum set is only scored.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import te3score  # noqa: E402

RESULTS = ROOT / "bench" / "RESULTS.md"
#: published TE3 task A figures (UzZaman et al. 2013): best run of each system, value F1 (relaxed F1)
PUBLISHED = {
    "unihd/english-3": ("HeidelTime", 77.61, 90.30),
    "chambers/NavyTime1": ("NavyTime", 70.97, None),
    "manchester_filannino/run4": ("ManTIME", 68.97, None),
    "Stanford/SUTime": ("SUTime", 67.38, None),
    "cleartk/1-timebank": ("ClearTK", 64.66, None),
}
TOLERANCE = 1.5


def bench_dir(arg: str | None) -> Path:
    if arg:
        return Path(arg)
    env = os.environ.get("DATELINE_BENCH_DIR")
    return Path(env) / "tempeval3" if env else ROOT.parent / "shared" / "bench" / "tempeval3"


def check_scorer(data: Path, gold: Path) -> tuple[list[tuple[str, dict[str, float]]], list[str]]:
    """Score every peer run; return the rows and the failed published-figure checks."""
    rows, failures = [], []
    for run in sorted((data / "peers").glob("*/*")):
        name = f"{run.parent.name}/{run.name}"
        m = te3score.score_dirs(gold, run / "test-TaskABC").metrics()
        rows.append((name, m))
        if name in PUBLISHED:
            label, value, relaxed = PUBLISHED[name]
            if abs(m["value_f1"] - value) > TOLERANCE:
                failures.append(f"{label} ({name}): value F1 {m['value_f1']:.2f}, published {value}")
            if relaxed is not None and abs(m["relaxed_f1"] - relaxed) > TOLERANCE:
                failures.append(f"{label} ({name}): relaxed F1 {m['relaxed_f1']:.2f}, published {relaxed}")
    return rows, failures


def run_dateline(files: list[Path], gold_of: dict[Path, Path] | None, out_dir: Path) -> tuple[float, float, int]:
    """Tag ``files`` into ``out_dir``; returns (spaCy seconds, tagger seconds, documents)."""
    from dateline.extract.nlp import load_nlp
    from dateline.extract.time import find_timexes
    from dateline.extract.time.timeml import insert_timex3, read_timeml, to_timeml

    nlp = load_nlp()
    docs_in = [read_timeml(f.read_text(encoding="utf-8")) for f in files]
    t0 = time.perf_counter()
    docs = list(nlp.pipe((d.text for d in docs_in), batch_size=16))
    t_spacy = time.perf_counter() - t0
    t_tag = 0.0
    for f, d, doc in zip(files, docs_in, docs):
        t1 = time.perf_counter()
        timexes = find_timexes(d.text, d.dct, doc)
        t_tag += time.perf_counter() - t1
        name = f.name.replace(".TE3input", "")
        if gold_of is None:  # a TE3 input: tags go into the file itself
            (out_dir / name).write_text(insert_timex3(d, timexes), encoding="utf-8")
        else:  # a gold file: a fresh TimeML document of its plain text
            (out_dir / name).write_text(to_timeml(d.text, timexes, d.dct, docid=name), encoding="utf-8")
    return t_spacy, t_tag, len(files)


def fmt_row(name: str, m: dict[str, float], extra: str = "") -> str:
    return (f"| {name} | {m['strict_p']:.2f} | {m['strict_r']:.2f} | {m['strict_f1']:.2f} | {m['relaxed_p']:.2f} | "
            f"{m['relaxed_r']:.2f} | {m['relaxed_f1']:.2f} | {m['value_f1']:.2f} | {m['type_f1']:.2f} | {extra} |")


def commit() -> str:
    try:
        return subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True,
                              check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", help="TempEval-3 folder (default: $DATELINE_BENCH_DIR/tempeval3)")
    ap.add_argument("--no-append", action="store_true", help="print only, do not append to bench/RESULTS.md")
    ap.add_argument("--errors", choices=["dev"], help="also list dateline's errors on the development sets")
    args = ap.parse_args(argv)
    data = bench_dir(args.data)
    gold = data / "test" / "gold"

    peer_rows, failures = check_scorer(data, gold)
    print("scorer check on the peer runs:", "OK" if not failures else "FAILED")
    for f in failures:
        print("  ", f)

    sets = {
        "platinum (test, 20 docs)": (sorted((data / "test" / "input").glob("*.TE3input")), None, gold),
        "TimeBank (dev)": (sorted((data / "dev" / "timebank").glob("*.tml")), True, data / "dev" / "timebank"),
        "AQUAINT (dev)": (sorted((data / "dev" / "aquaint").glob("*.tml")), True, data / "dev" / "aquaint"),
    }
    results: dict[str, dict[str, float]] = {}
    errors: dict[str, te3score.Score] = {}
    t_spacy = t_tag = 0.0
    n_docs = 0
    with tempfile.TemporaryDirectory() as tmp:
        for label, (files, is_gold, gold_dir) in sets.items():
            out = Path(tmp) / label.split()[0]
            out.mkdir()
            s, t, n = run_dateline(files, {} if is_gold else None, out)
            t_spacy, t_tag, n_docs = t_spacy + s, t_tag + t, n_docs + n
            sc = te3score.score_dirs(gold_dir, out)
            results[label] = sc.metrics()
            errors[label] = sc
    ratio = t_tag / t_spacy if t_spacy else 0.0
    timing = (f"tagger {1000 * t_tag / n_docs:.1f} ms/doc vs spaCy {1000 * t_spacy / n_docs:.1f} ms/doc "
              f"({n_docs} docs): +{100 * ratio:.1f}%")

    head = ("| system | strict P | strict R | strict F1 | relaxed P | relaxed R | relaxed F1 | value F1 | type F1 "
            "| note |\n|---|---|---|---|---|---|---|---|---|---|")
    lines = [head]
    plat = "platinum (test, 20 docs)"
    lines.append(fmt_row(f"**dateline** — {plat}", results[plat], "this run"))
    for name, m in sorted(peer_rows, key=lambda r: -r[1]["value_f1"]):
        note = ""
        if name in PUBLISHED:
            label, value, relaxed = PUBLISHED[name]
            note = f"{label}; published value F1 {value}" + (f", relaxed {relaxed}" if relaxed else "")
        lines.append(fmt_row(f"{name} — platinum", m, note))
    for label in ("TimeBank (dev)", "AQUAINT (dev)"):
        lines.append(fmt_row(f"**dateline** — {label}", results[label], "development set"))
    table = "\n".join(lines)
    stamp = f"## TempEval-3 task A (TIMEX3) — {date.today().isoformat()} — commit {commit()}"
    body = (f"{stamp}\n\n`python bench/tempeval3.py` (scorer: bench/te3score.py; peers = official TE3 runs on the "
            f"same 20 platinum documents; scorer check against published figures: "
            f"{'OK, within ' + str(TOLERANCE) + ' points' if not failures else 'FAILED: ' + '; '.join(failures)})."
            f"\n\n{table}\n\nSpeed (platinum + dev, en_core_web_sm full pipeline, same documents): {timing}\n")
    print()
    print(body)
    if args.errors == "dev":
        for label in ("TimeBank (dev)", "AQUAINT (dev)"):
            for e in errors[label].errors:
                print(label, *e, sep=" | ")
    if not args.no_append:
        with RESULTS.open("a", encoding="utf-8") as fh:
            fh.write(("\n" if RESULTS.exists() and RESULTS.stat().st_size else "") + body)
        print(f"appended to {RESULTS.relative_to(ROOT)}")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
