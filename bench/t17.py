"""Timeline17 benchmark: dateline's timelines against the gold, in the news-tls setting.

    python bench/t17.py [--data DIR] [--out DIR] [--no-append]

For every topic folder of ``--data`` (default: ``$DATELINE_BENCH_DIR/t17``, i.e. ../shared/bench/t17) holding
``articles.jsonl.gz`` and ``timelines.jsonl``, and every gold timeline in it: build a timeline with as many dates
as the gold and k = round(mean sentences per gold date) sentences per date, from the articles published within
the gold timeline's first and last date (news-tls: Gholipour Ghalandari & Ifrim 2020, ``evaluate.py``), then score
it with tilse as news-tls does (``tlsscore.py``: AR-1/AR-2 = align+ m:1 with date-content costs, Date-F1),
each reference timeline on its own; tune and check halves of the topics are reported apart (``half``).
Two date baselines use the same sentence selection: the N days with most articles published, and the N days
mentioned by most articles. No per-topic setting: one configuration (``TimelineConfig()``) for all topics.

Extraction runs dateline's own pipeline (``Pipeline(components=["time"])``) on the detokenized article text, with
the spaCy components the time tagger does not need switched off (checked on a sample: if switching them off
changes the time records, everything stays on). It is cached per topic in ``bench/cache/t17/`` (git-ignored),
keyed by the extract code, so a second run only summarizes.
"""
from __future__ import annotations

import argparse
import bisect
import gzip
import hashlib
import json
import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import tlsscore as tm  # noqa: E402

from dateline.fuse.timeline import TimelineConfig, build_timeline, sentences_of  # noqa: E402
from dateline.model import Article, Extraction, Timex  # noqa: E402

CACHE = ROOT / "bench" / "cache" / "t17"
RESULTS = ROOT / "bench" / "RESULTS.md"
PUBLISHED = {"DATEWISE (published)": (0.120, 0.035, 0.544), "CLUST (published)": (0.082, 0.020, 0.407)}
OPTIONAL_PIPES = ("ner", "lemmatizer", "parser")
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")

METHODS: dict[str, TimelineConfig] = {
    "dateline": TimelineConfig(),
    "baseline: most articles published": TimelineConfig(mention_weight=0.0, later_weight=0.0, pub_weight=1.0),
    "baseline: most mentioned": TimelineConfig(mention_weight=1.0, later_weight=0.0, pub_weight=0.0),
}

_PTB = [
    (re.compile(r"-LRB-"), "("), (re.compile(r"-RRB-"), ")"), (re.compile(r"-LSB-"), "["),
    (re.compile(r"-RSB-"), "]"), (re.compile(r"-LCB-"), "{"), (re.compile(r"-RCB-"), "}"),
    (re.compile(r"``\s*"), '"'), (re.compile(r"\s*''"), '"'),
    (re.compile(r" ([,.;:?!%])(?=\s|$)"), r"\1"), (re.compile(r" (n't|'s|'re|'ve|'ll|'m|'d)\b", re.I), r"\1"),
    (re.compile(r"([(\[{$]) "), r"\1"), (re.compile(r" ([)\]}])"), r"\1"),
]


def detokenize(text: str) -> str:
    """Undo the PTB tokenization of the prepared T17 texts (line breaks between sentences are kept)."""
    lines = []
    for line in text.split("\n"):
        for pat, rep in _PTB:
            line = pat.sub(rep, line)
        lines.append(line.strip())
    return "\n".join(lines)


def read_jsonl_gz(path: Path) -> Iterator[dict[str, Any]]:
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


def extract_key() -> str:
    """Hash of the code and resources that decide the time records (cache key): the time component
    (``extract/timex*.py``, ``extract/temporal/``, ``resources/time/``)."""
    h = hashlib.sha1()
    src = ROOT / "src" / "dateline"
    ext = src / "extract"
    files = [*ext.glob("timex*.py"), *ext.glob("tim*/**/*.py"), *ext.glob("temporal*/**/*.py"),
             *ext.glob("temporal*.py"),
             *(src / "resources" / "time").rglob("*")]
    for p in sorted(set(files)):
        # the text-only DCT estimator never runs here (every T17 article is dated)
        if p.is_file() and "__pycache__" not in p.parts and p.name != "dct.py":
            h.update(str(p.relative_to(src)).encode())
            h.update(p.read_bytes())
    return h.hexdigest()[:12]


def _articles(topic_dir: Path) -> Iterator[Article]:
    for i, a in enumerate(read_jsonl_gz(topic_dir / "articles.jsonl.gz")):
        dct = str(a.get("time") or "")[:10] or None
        yield Article(id=str(a.get("id", i)), text=detokenize(a["text"]), dct=dct,
                      dct_origin="metadata" if dct else "missing", source=topic_dir.name)


def _timex_rows(ex: Extraction) -> list[list[Any]]:
    return [[t.start, t.end, t.type, t.value] for t in ex.timexes]


def _line_starts(text: str) -> list[int]:
    return [0] + [i + 1 for i, c in enumerate(text) if c == "\n"]


def _prefilter() -> Any:
    """The time tagger's parse-free pass (candidate expressions from the text alone), if it has one."""
    try:
        from dateline.extract.time import find_timexes
    except ImportError:
        return None
    return lambda a: find_timexes(a.text, a.dct, None)


class Extractor:
    """The time component, made cheap for thousands of articles without changing its records.

    ``calibrate`` decides, on a sample, (1) which optional spaCy pipes can be switched off (each is tried;
    kept off only if the time records stay identical) and (2) whether only the lines holding a candidate time
    expression (the tagger's parse-free pass) need to be parsed; the records found on those lines are mapped
    back to the full text. That shortcut is taken only if the sample's day-level dates agree with a full parse
    (Jaccard >= ``min_agreement``; relative expressions anchored on a narrative time may differ a little)."""

    min_agreement = 0.98

    def __init__(self) -> None:
        from dateline.extract.pipeline import Pipeline

        self.pipeline = Pipeline(components=["time"])
        self.disable: list[str] = []
        self.prefilter = _prefilter()
        self.reduce = False
        self.agreement = 1.0

    def _run(self, sample: list[Article], disable: list[str], reduce: bool) -> list[list[list[Any]]]:
        with self.pipeline.nlp.select_pipes(disable=disable):
            return [_timex_rows(ex) for ex in self._pipe(iter(sample), reduce)]

    @staticmethod
    def _agree(a: list[list[list[Any]]], b: list[list[list[Any]]]) -> float:
        """Jaccard agreement of the day-level DATE records (the ones a timeline uses)."""
        def days(x: list[list[list[Any]]]) -> set[tuple[Any, ...]]:
            return {(i, *r) for i, rows in enumerate(x) for r in rows
                    if r[2] == "DATE" and isinstance(r[3], str) and _DAY.match(r[3])}
        ra, rb = days(a), days(b)
        return len(ra & rb) / max(len(ra | rb), 1)

    def calibrate(self, sample: list[Article]) -> None:
        full = self._run(sample, [], False)
        for pipe in OPTIONAL_PIPES:
            if pipe in self.pipeline.nlp.pipe_names and self._run(sample, [*self.disable, pipe], False) == full:
                self.disable.append(pipe)
        if self.prefilter is not None:
            agreement = self._agree(full, self._run(sample, self.disable, True))
            if agreement >= self.min_agreement:
                self.reduce, self.agreement = True, agreement

    def _pipe(self, articles: Iterator[Article], reduce: bool) -> Iterator[Extraction]:
        if not reduce:
            yield from self.pipeline.pipe(articles, batch_size=16)
            return
        pending: dict[str, tuple[Article, list[tuple[int, int, int]]]] = {}

        def reduced() -> Iterator[Article]:
            for a in articles:
                starts = _line_starts(a.text)
                ends = [s - 1 for s in starts[1:]] + [len(a.text)]
                keep = sorted({bisect.bisect_right(starts, t.start) - 1 for t in self.prefilter(a)})
                parts, segs, pos = [], [], 0
                for i in keep:
                    segs.append((pos, starts[i], ends[i] - starts[i]))
                    parts.append(a.text[starts[i]:ends[i]])
                    pos += ends[i] - starts[i] + 1
                pending[a.id] = (a, segs)
                yield Article(id=a.id, text="\n".join(parts), dct=a.dct, dct_origin=a.dct_origin, source=a.source)

        for ex in self.pipeline.pipe(reduced(), batch_size=16):
            art, segs = pending.pop(ex.article.id)
            offsets = [s[0] for s in segs]
            timexes = []
            for t in ex.timexes:
                k = bisect.bisect_right(offsets, t.start) - 1
                r0, o0, n = segs[k]
                if t.end - r0 > n:  # crosses a line break of the reduced text: not in the original
                    continue
                t.start, t.end = o0 + t.start - r0, o0 + t.end - r0
                timexes.append(t)
            yield Extraction(article=art, timexes=timexes)

    def pipe(self, articles: Iterator[Article]) -> Iterator[Extraction]:
        with self.pipeline.nlp.select_pipes(disable=self.disable):
            yield from self._pipe(articles, self.reduce)

    def describe(self) -> str:
        return (f"spaCy pipes off: {', '.join(self.disable) or 'none'}; "
                + (f"only lines with a candidate expression parsed (sample agreement {self.agreement:.3f})"
                   if self.reduce else "whole texts parsed"))


def load_topic(topic_dir: Path, extractor: Extractor | None, key: str) -> tuple[list[Extraction], bool]:
    """Extractions of a topic's articles, from the cache or freshly (then cached). Returns (records, cached)."""
    cache = CACHE / f"{topic_dir.name}.{key}.jsonl.gz"
    out: list[Extraction] = []
    if cache.exists():
        for row in read_jsonl_gz(cache):
            art = Article(**row["article"])
            out.append(Extraction(article=art, timexes=[
                Timex(article_id=art.id, start=s, end=e, type=ty, value=v, text=art.text[s:e])
                for s, e, ty, v in row["timexes"]]))
        return out, True
    assert extractor is not None
    cache.parent.mkdir(parents=True, exist_ok=True)
    tmp = cache.with_suffix(".tmp")
    with gzip.open(tmp, "wt", encoding="utf-8") as fh:
        for ex in extractor.pipe(_articles(topic_dir)):
            a = ex.article
            art = {"id": a.id, "text": a.text, "dct": a.dct, "dct_origin": a.dct_origin, "source": a.source}
            fh.write(json.dumps({"article": art, "timexes": _timex_rows(ex)}) + "\n")
            ex.entities = ex.statements = ex.figures = ex.events = ex.places = []
            out.append(ex)
    tmp.replace(cache)
    return out, False


def gold_timelines(topic_dir: Path) -> list[dict[date, list[str]]]:
    tls = []
    with open(topic_dir / "timelines.jsonl", encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                tl = json.loads(line)
                if tl:  # a date listed twice keeps the sentences of both entries
                    merged: dict[date, list[str]] = {}
                    for d, s in tl:
                        merged.setdefault(date.fromisoformat(d[:10]), []).extend(s)
                    tls.append(merged)
    return tls


def topics(data: Path) -> list[Path]:
    return sorted(p for p in data.iterdir() if (p / "articles.jsonl.gz").exists() and (p / "timelines.jsonl").exists())


def half(topic: str) -> str:
    """The fixed tune/check split of the topics: the parity of the SHA-1 of the topic's folder name (stable
    whatever other topics exist). On the 10 shared T17 topics: tune = EgyptianProtest_cnn, H1N1_bbc,
    H1N1_guardian, IraqWar_guardian, bpoil_guardian; check = H1N1_reuters, LibyaWar_cnn, MJ_bbc, bpoil_bbc,
    haiti_bbc."""
    return "tune" if int(hashlib.sha1(topic.encode()).hexdigest(), 16) % 2 == 0 else "check"


def _fmt(x: float) -> str:
    return f"{x:.3f}"


def _summary(results: dict[str, dict[str, list[dict[str, Any]]]]) -> list[str]:
    out = ["| method | half | timelines | AR-1 F1 | AR-2 F1 | Date-F1 |", "|---|---|---|---|---|---|"]
    for h in ("tune", "check"):
        for name in METHODS:
            res = results[h][name]
            if res:
                m = tm.mean_scores(res)
                out.append(f"| {name} | {h} | {len(res)} | {_fmt(m['rouge_1'])} | {_fmt(m['rouge_2'])} | "
                           f"{_fmt(m['date'])} |")
    for name, (a1, a2, df) in PUBLISHED.items():
        out.append(f"| {name} | whole T17, not this run | 19 | {a1:.3f} | {a2:.3f} | {df:.3f} |")
    return out


def data_args(doc: str | None) -> argparse.ArgumentParser:
    """The options of the Timeline17 benchmarks: ``--data`` (the topics) and ``--no-append``."""
    from dateline.settings import settings

    ap = argparse.ArgumentParser(description=(doc or "").split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=Path(os.environ.get("DATELINE_T17_DIR", Path(settings.bench_dir) / "t17")))
    ap.add_argument("--no-append", action="store_true", help="do not append the table to bench/RESULTS.md")
    return ap


def main(argv: list[str] | None = None) -> int:
    ap = data_args(__doc__)
    ap.add_argument("--out", type=Path, default=None, help="write each predicted timeline as TOPIC.json here")
    args = ap.parse_args(argv)
    if not args.data.is_dir():
        print(f"error: {args.data}: no such folder", file=sys.stderr)
        return 2
    t_start = time.time()
    key = extract_key()
    extractor: Extractor | None = None
    results: dict[str, dict[str, list[dict[str, Any]]]] = {h: {m: [] for m in METHODS} for h in ("tune", "check")}
    rows = []
    for topic_dir in topics(args.data):
        t0 = time.time()
        h = half(topic_dir.name)
        cache_hit = (CACHE / f"{topic_dir.name}.{key}.jsonl.gz").exists()
        if not cache_hit and extractor is None:
            extractor = Extractor()
            sample = [a for _, a in zip(range(40), _articles(topic_dir))]
            extractor.calibrate(sample)
            print(f"# extraction: {extractor.describe()}", flush=True)
        exs, _ = load_topic(topic_dir, extractor, key)
        t_extract = time.time() - t0
        sents = [s for ex in exs for s in sentences_of(ex)]
        for j, ref in enumerate(gold_timelines(topic_dir)):
            ref_dates = sorted(ref)
            n, k = len(ref), round(sum(len(s) for s in ref.values()) / len(ref))
            per: dict[str, dict[str, Any]] = {}
            for name, cfg in METHODS.items():
                entries = build_timeline(sents, n, k, start=ref_dates[0], end=ref_dates[-1], config=cfg)
                pred = {e.date: [s.text for s in e.sentences] for e in entries}
                per[name] = tm.evaluate(pred, ref)
                results[h][name].append(per[name])
                if name == "dateline" and args.out:
                    args.out.mkdir(parents=True, exist_ok=True)
                    fname = f"{topic_dir.name}.json" if j == 0 else f"{topic_dir.name}.{j + 1}.json"
                    (args.out / fname).write_text(json.dumps(
                        [[d.isoformat(), s] for d, s in sorted(pred.items())], ensure_ascii=False, indent=1))
            ours = per["dateline"]
            rows.append([topic_dir.name + (f"#{j + 1}" if j else ""), h, str(n), str(k),
                         _fmt(ours["rouge_1"]["f_score"]), _fmt(ours["rouge_2"]["f_score"]),
                         _fmt(ours["date"]["f_score"]),
                         _fmt(per["baseline: most articles published"]["date"]["f_score"]),
                         _fmt(per["baseline: most mentioned"]["date"]["f_score"]),
                         f"{t_extract:.0f}" + ("" if not cache_hit else " (cached)"),
                         f"{time.time() - t0 - t_extract:.1f}"])
            print(" | ".join(rows[-1]), flush=True)
    elapsed = time.time() - t_start
    head = ["topic", "half", "dates", "k", "AR-1", "AR-2", "Date-F1", "Date-F1 pub", "Date-F1 mention",
            "extract s", "build s"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(r) + " |" for r in rows]
    summary = _summary(results)
    print("\n".join(["", *lines, "", *summary, ""]))
    print(f"time: {elapsed:.0f}s for {len(rows)} timelines ({len(topics(args.data))} topics)")
    if not args.no_append:
        rev = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
        with open(RESULTS, "a", encoding="utf-8") as fh:
            fh.write(f"\n## Timeline17 (bench/t17.py, scored by tilse) — {date.today().isoformat()} @ {rev or '?'}\n\n"
                     f"Data: `{args.data}`; news-tls setting (articles within the gold span, N = gold dates, "
                     f"k = mean gold sentences per date); AR = tilse align+ m:1 (date-content costs, "
                     f"rouge_computation='reimpl'), each reference timeline on its own; means = F1 of mean P and R "
                     f"(news-tls). Split by topic-name hash (`half()`): tune / check. Baselines: same run, same "
                     f"sentence selection. Time: {elapsed:.0f}s (extraction cached in bench/cache/).\n\n"
                     + "\n".join(lines) + "\n\n" + "\n".join(summary) + "\n")
    for h in ("tune", "check"):
        if results[h]["dateline"]:
            m = tm.mean_scores(results[h]["dateline"])
            print(f"{h}: mean AR-1 F1 {m['rouge_1']:.4f} AR-2 F1 {m['rouge_2']:.4f} Date-F1 {m['date']:.4f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
