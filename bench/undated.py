"""Undated articles: how close dateline's date estimates come, placed by their story vs from their text alone.

    python bench/undated.py [--data DIR] [--no-append] [--weights W,W,...] [--no-figures]

For every Timeline17 topic of ``--data`` (default ``$DATELINE_BENCH_DIR/t17``): one article in six (the 6th,
12th, ... in the topic's file order) has its date hidden. The hidden articles are extracted without a date
(dateline's time component: its text-only estimate, ``dct_origin="estimated"``); the others keep their stated
dates (their time records come from ``bench/t17.py``'s cache; the figures of every article from
``bench/undated_figures.py``'s). Each topic is taken as one story (Timeline17's
topics are collections about one developing story), and ``dateline.fuse.redate.place_undated`` (the function
the fuse stage calls after clustering) places every hidden article among the dated ones. Reported per half
(tune/check, ``t17.half``): articles placed, median error in days and the share within 3 days, for the story
placement and for the text-only estimate (an article without an estimate counts as not within 3 days, and as
an infinite error in the median).
"""
from __future__ import annotations

import gzip
import json
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

import t17  # noqa: E402  (puts src/ on sys.path)
import undated_figures  # noqa: E402

from dateline.fuse.redate import PlaceConfig, place_undated  # noqa: E402
from dateline.model import Article, Extraction, Timex  # noqa: E402

CACHE = t17.ROOT / "bench" / "cache" / "undated"
EVERY = 6
FIGURES = True  # read the articles' figures (bench/undated_figures.py); off: an ablation without them


def hidden(i: int) -> bool:
    return i % EVERY == EVERY - 1


def _load_hidden(topic_dir: Path, key: str, truth: dict[str, str]) -> list[Extraction]:
    """The hidden articles extracted without their date (cached)."""
    cache = CACHE / f"{topic_dir.name}.{key}.jsonl.gz"
    out: list[Extraction] = []
    if cache.exists():
        for row in t17.read_jsonl_gz(cache):
            art = Article(**row["article"])
            out.append(Extraction(article=art, timexes=[
                Timex(article_id=art.id, start=s, end=e, type=ty, value=v, anchor=an, text=art.text[s:e])
                for s, e, ty, v, an in row["timexes"]]))
        return out
    from dateline.extract.pipeline import Pipeline

    pipe = Pipeline(components=["time"])
    arts = [Article(id=a.id, text=a.text, dct=None, dct_origin="missing", source=a.source)
            for i, a in enumerate(t17._articles(topic_dir)) if a.id in truth]
    cache.parent.mkdir(parents=True, exist_ok=True)
    tmp = cache.with_suffix(".tmp")
    with pipe.nlp.select_pipes(disable=[p for p in ("ner", "lemmatizer") if p in pipe.nlp.pipe_names]), \
            gzip.open(tmp, "wt", encoding="utf-8") as fh:
        for ex in pipe.pipe(iter(arts), batch_size=16):
            a = ex.article
            row = {"article": {"id": a.id, "text": a.text, "dct": a.dct, "dct_origin": a.dct_origin,
                               "dct_evidence": a.dct_evidence, "source": a.source},
                   "timexes": [[t.start, t.end, t.type, t.value, t.anchor] for t in ex.timexes]}
            fh.write(json.dumps(row) + "\n")
            out.append(Extraction(article=a, timexes=ex.timexes))
    tmp.replace(cache)
    return out


def topic_cases(topic_dir: Path, key: str, extractor: Any) -> tuple[list[Extraction], list[Extraction], dict[str, str]]:
    """(dated articles, hidden articles extracted undated, true date of each hidden article)."""
    exs, _ = t17.load_topic(topic_dir, extractor, key)
    truth = {ex.article.id: str(ex.article.dct) for i, ex in enumerate(exs) if hidden(i)}
    dated = [ex for ex in exs if ex.article.id not in truth]
    undated = _load_hidden(topic_dir, key, truth)
    figures = undated_figures.load(topic_dir, frozenset(i for i in range(len(exs)) if hidden(i))) if FIGURES else {}
    for ex in [*dated, *undated]:
        ex.figures = figures.get(ex.article.id, [])
    return dated, undated, truth


def errors(estimates: dict[str, str | None], truth: dict[str, str]) -> list[float]:
    return [abs((date.fromisoformat(e) - date.fromisoformat(truth[a])).days) if e else float("inf")
            for a, e in estimates.items()]


def story_estimates(dated: Sequence[Extraction], undated: Sequence[Extraction],
                    cfg: PlaceConfig | None = None) -> dict[str, tuple[str | None, str]]:
    """Per hidden article: (its story date, the placement's confidence); an article the story does not place
    keeps its text-only estimate (confidence "text only")."""
    placed = {sd.article_id: sd for sd in place_undated([*dated, *undated], cfg)}
    return {ex.article.id: (sd.dct, sd.confidence) if (sd := placed.get(ex.article.id)) else
            (ex.article.dct, "text only") for ex in undated}


def calibration(errs: Sequence[float], confidence: Sequence[str]) -> str:
    """Share within 3 days per confidence level: is the stated confidence honest?"""
    out = []
    for level in ("high", "medium", "low", "text only"):
        e = [x for x, c in zip(errs, confidence) if c == level]
        if e:
            out.append(f"{level} {sum(x <= 3 for x in e) / len(e):.0%} (n={len(e)})")
    return ", ".join(out)


def summary(errs: list[float]) -> tuple[str, str, str]:
    if not errs:
        return "0", "-", "-"
    med = statistics.median(errs)
    near = sum(e <= 3 for e in errs)
    return (str(len(errs)), "inf" if med == float("inf") else f"{med:g}", f"{near / len(errs):.0%} ({near})")


def main(argv: list[str] | None = None) -> int:
    ap = t17.data_args(__doc__)
    ap.add_argument("--weights", default="", help="comma-separated weights of fuse.placing.FEATURES instead of "
                    "fuse.redate.WEIGHTS (an ablation, e.g. bench/undated_fit.py --drop's; implies --no-append)")
    ap.add_argument("--no-figures", action="store_true", help="without the articles' figures (ablation)")
    args = ap.parse_args(argv)
    global FIGURES
    FIGURES = not args.no_figures
    cfg = PlaceConfig(weights=tuple(float(w) for w in args.weights.split(","))) if args.weights else None
    args.no_append = args.no_append or bool(args.weights) or args.no_figures
    if not args.data.is_dir():
        print(f"error: {args.data}: no such folder", file=sys.stderr)
        return 2
    t0 = time.time()
    key = t17.extract_key()
    extractor = None
    per_half: dict[str, dict[str, list[float]]] = {h: {"story": [], "text": []} for h in ("tune", "check")}
    conf: dict[str, list[str]] = {"tune": [], "check": []}
    rows = []
    for topic_dir in t17.topics(args.data):
        if extractor is None and not (t17.CACHE / f"{topic_dir.name}.{key}.jsonl.gz").exists():
            extractor = t17.Extractor()
            extractor.calibrate([a for _, a in zip(range(40), t17._articles(topic_dir))])
        dated, undated, truth = topic_cases(topic_dir, key, extractor)
        h = t17.half(topic_dir.name)
        est = story_estimates(dated, undated, cfg)
        story = errors({a: e[0] for a, e in est.items()}, truth)
        conf[h] += [e[1] for e in est.values()]
        text = errors({ex.article.id: ex.article.dct for ex in undated}, truth)
        per_half[h]["story"] += story
        per_half[h]["text"] += text
        rows.append([topic_dir.name, h, *summary(story), *summary(text)[1:]])
        print(" | ".join(rows[-1]), flush=True)
    head = ["topic", "half", "hidden", "story: median days off", "story: within 3 days",
            "text only: median days off", "text only: within 3 days"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(r) + " |" for r in rows]
    for h, res in per_half.items():
        if res["story"]:
            lines.append(f"| **{h} half** | {h} | " + " | ".join(f"**{x}**" for x in summary(res["story"]))
                         + " | " + " | ".join(summary(res["text"])[1:]) + " |")
    lines.append("")
    lines += [f"- {h}: within 3 days by the placement's confidence: {calibration(res['story'], conf[h])}"
              for h, res in per_half.items() if res["story"]]
    elapsed = time.time() - t0
    print("\n".join(["", *lines, ""]))
    print(f"time: {elapsed:.0f}s")
    if not args.no_append:
        rev = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=t17.ROOT, capture_output=True,
                             text=True).stdout.strip()
        with open(t17.RESULTS, "a", encoding="utf-8") as fh:
            fh.write(f"\n## Undated articles (bench/undated.py) — {date.today().isoformat()} @ {rev or '?'}\n\n"
                     f"Data: `{args.data}`; one article in {EVERY} per topic has its date hidden; each topic taken "
                     f"as one story; story placement (`fuse.redate.place_undated`) vs the text-only estimate. "
                     f"Split by topic-name hash (`t17.half`). Time: {elapsed:.0f}s.\n\n" + "\n".join(lines) + "\n")
    for h, res in per_half.items():
        if res["story"]:
            n, med, within = summary(res["story"])
            print(f"{h}: story median {med} days, {within} within 3 days ({n} articles)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
