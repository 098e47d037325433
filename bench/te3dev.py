"""Error analysis of the time tagger on the TempEval-3 DEVELOPMENT sets only (TimeBank, AQUAINT).

    python bench/te3dev.py [--set timebank|aquaint|all] [--list KIND] [--top N] [--grep REGEX]

Scores dateline on the dev gold (same scorer and tagging as bench/tempeval3.py) and groups the errors:
``missed`` (gold, no overlapping system tag), ``spurious`` (system tag, no gold), ``value`` (relaxed match, other
value), ``type`` (same value, other type), ``extent`` (same type and value, other extent). Each category is
broken down by a coarse shape of the expression (see :func:`shape`) so that the largest general groups show first.
The spaCy parses are cached in ``bench/cache/te3dev`` (keyed on the text), so reruns take seconds.
It never reads the platinum test set.
"""
from __future__ import annotations

import argparse
import hashlib
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import te3score  # noqa: E402

CACHE = ROOT / "bench" / "cache" / "te3dev"
SETS = ("timebank", "aquaint")


def dev_dir() -> Path:
    from dateline.settings import settings

    return Path(settings.bench_dir) / "tempeval3" / "dev"


def parses(texts: list[str]):  # type: ignore[no-untyped-def]
    """spaCy docs of ``texts``, from the cache when the same text was parsed before."""
    from spacy.tokens import DocBin

    from dateline.extract.nlp import load_nlp

    nlp = load_nlp()
    key = hashlib.sha1("\x00".join(texts).encode()).hexdigest()[:16]
    path = CACHE / f"{key}.spacy"
    if path.exists():
        return list(DocBin().from_disk(path).get_docs(nlp.vocab))
    docs = list(nlp.pipe(texts, batch_size=16))
    CACHE.mkdir(parents=True, exist_ok=True)
    db = DocBin(store_user_data=False)
    for d in docs:
        db.add(d)
    db.to_disk(path)
    return docs


def run(corpus: str) -> tuple[te3score.Score, list[tuple[str, str, str, str, str, str]]]:
    """Score one dev corpus; errors as (doc, kind, gold text, gold type/value, system text, system type/value)."""
    from dateline.extract.time import find_timexes
    from dateline.extract.time.timeml import read_timeml, to_timeml

    files = sorted((dev_dir() / corpus).glob("*.tml"))
    raws = [f.read_text(encoding="utf-8") for f in files]
    docs_in = [read_timeml(r) for r in raws]
    docs = parses([d.text for d in docs_in])
    total = te3score.Score()
    errors = []
    for f, raw, d, doc in zip(files, raws, docs_in, docs):
        system = to_timeml(d.text, find_timexes(d.text, d.dct, doc), d.dct, docid=f.name)
        sc = te3score.score_texts(raw, system, f.name)
        total.add(sc)
        errors.extend(classify(raw, system, f.name))
    return total, errors


def classify(gold_raw: str, sys_raw: str, name: str) -> list[tuple[str, str, str, str, str, str]]:
    g_text, g_tx = te3score.parse_timeml(gold_raw)
    s_text, s_tx = te3score.parse_timeml(sys_raw)
    s_tx, _ = te3score._align(g_text, s_text, s_tx)
    pairs = te3score.match(g_tx, s_tx)
    out = []
    mg = {id(g) for g, _ in pairs}
    ms = {id(s) for _, s in pairs}
    for g, s in pairs:
        gs, ss = f"{g.type} {g.value}", f"{s.type} {s.value}"
        stext = f"[{g_text[s.start:s.end]}] " + _ctx(g_text, g.start, g.end)
        if g.value != s.value:
            out.append((name, "value", g.text, gs, stext, ss))
        elif g.type != s.type:
            out.append((name, "type", g.text, gs, stext, ss))
        elif (g.start, g.end) != (s.start, s.end):
            out.append((name, "extent", g.text, gs, stext, ss))
    for g in g_tx:
        if id(g) not in mg:
            out.append((name, "missed", g.text, f"{g.type} {g.value}", _ctx(g_text, g.start, g.end), ""))
    for s in s_tx:
        if id(s) not in ms:
            out.append((name, "spurious", g_text[s.start:s.end], "", _ctx(g_text, s.start, s.end), f"{s.type} {s.value}"))
    return out


def _ctx(text: str, start: int, end: int, width: int = 60) -> str:
    return (text[max(0, start - width):start] + "<<" + text[start:end] + ">>" + text[end:end + width]).replace("\n", " ")


_SHAPES = [
    ("weekday", r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b"),
    ("month-day", r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w*\.?\s+\d"),
    ("month", r"\b(?:january|february|march|april|may|june|july|august|september|october|november|december)\b"),
    ("quarter", r"quarter|\bq[1-4]\b"),
    ("fiscal", r"fiscal"),
    ("decade", r"\d0'?s\b|decade"),
    ("season", r"spring|summer|autumn|fall|winter"),
    ("ago/later", r"\b(?:ago|earlier|later|before|after)\b"),
    ("recent/past N", r"\b(?:recent|past|last|next|coming|previous)\b.*\b(?:days|weeks|months|years)\b"),
    ("relative unit", r"\b(?:this|last|next|that|same|previous|past|coming|current)\s+(?:day|week|month|year)"),
    ("deictic", r"\b(?:today|yesterday|tomorrow|tonight|now)\b"),
    ("clock", r"\d\s*(?:a\.?m|p\.?m)|\d:\d\d|o'clock|noon|midnight"),
    ("year", r"^\D*\b(?:1[89]|20)\d\d\b\D*$"),
    ("pod", r"morning|afternoon|evening|night"),
    ("duration-number", r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|a|an)\b.*\b(?:day|week|month|"
                        r"year|hour|minute)s?\b"),
    ("ref", r"\b(?:currently|recently|former|future|past|present|soon|once)\b"),
]


def shape(text: str) -> str:
    t = text.lower()
    for name, rx in _SHAPES:
        if re.search(rx, t):
            return name
    return "other"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--set", default="all", choices=[*SETS, "all"])
    ap.add_argument("--list", default="", help="print the errors of these kinds (comma-separated, or 'all')")
    ap.add_argument("--top", type=int, default=12, help="shapes shown per category")
    ap.add_argument("--grep", default="", help="only list errors whose gold/system text matches this regex")
    args = ap.parse_args(argv)
    sets = SETS if args.set == "all" else (args.set,)
    all_errors = []
    for corpus in sets:
        sc, errors = run(corpus)
        print(f"{corpus:9s} gold {sc.gold} sys {sc.system}  {te3score.format_metrics(sc.metrics())}")
        all_errors.extend((corpus, *e) for e in errors)
    by_kind: dict[str, Counter[str]] = defaultdict(Counter)
    for e in all_errors:
        by_kind[e[2]][shape(e[3])] += 1
    print()
    for kind in ("missed", "spurious", "value", "type", "extent"):
        c = by_kind.get(kind, Counter())
        print(f"{kind:9s} {sum(c.values()):4d}  " + ", ".join(f"{k} {v}" for k, v in c.most_common(args.top)))
    kinds = set(args.list.split(",")) if args.list and args.list != "all" else (
        {"missed", "spurious", "value", "type", "extent"} if args.list == "all" else set())
    rx = re.compile(args.grep, re.I) if args.grep else None
    if kinds:
        print()
        for corpus, doc, kind, gtext, gval, stext, sval in sorted(all_errors, key=lambda e: (e[2], shape(e[3]))):
            if kind in kinds and (rx is None or rx.search(f"{gtext} {stext} {gval} {sval}")):
                print(f"{kind:8s} | {shape(gtext):15s} | {gtext!r:28s} | {gval:22s} | {sval:22s} | {doc} | {stext}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
