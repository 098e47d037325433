"""Numeric claims benchmark: NewsQuant dev (quantities in news sentences) beside CQE, the T17 real-news gold and
our own hand gold.

    python bench/figures.py [--no-append] [--errors N] [--limit N] [--t17-errors] [--no-cqe]

**Splits.** NewsQuant dev is split in code into a *tune* and a *check* half by a hash of each sentence's text
(``split_of``: sha1, even = tune), so the halves do not depend on file order; the T17 gold is split by topic
(``examples/t17_gold/articles.json``). Errors are printed for tune only; check gives scores.

**Peer.** CQE (``bench/cqe_peer.py``) runs on the same NewsQuant sentences and is scored by the same matcher:
value, and value+unit (the value matches and the units agree: the same normalized unit, "percentage" =
"percent"; a gold count — "-" or a noun such as "people" — accepts a prediction without a measurement unit).

NewsQuant (CQE, Almasian et al. 2023; ``$DATELINE_BENCH_DIR/newsquant/newsquant_dev.json``): 393 sentences, each
``{"text", "quantities": [{"change", "value", "unit", "normalized_unit", "referred_concepts"}]}``; no offsets.

- Each sentence is one article (no DCT), parsed once; the ``time`` component runs first (its timexes hide dates).
- **Modes**: ``all`` = ``find_quantities(..., include_all=True)``, every quantity (NewsQuant counts durations,
  ages, prices, percentages, measures); ``story`` = the figures component's default filter (story figures only:
  no durations, vague amounts, compounds ...), reported for reference — NewsQuant is not a story-figure gold.
- **Gold values**: ``"6.0"`` is one value; ``"36040.0-34935.0"`` / ``"3.0 - 4.0"`` a range (a leading ``-`` is a
  sign: ``"-5.0"``). A prediction's value is ``value`` (and ``value_max`` for ranges).
- **Value match**: numbers equal within a relative tolerance of 1e-3 (absolute 1e-6 near zero); a range matches
  a range with the same two ends (in either order); a single value matches a single value. Matching is one-to-one
  within a sentence, greedy in text order. P = matched predictions / predictions, R = matched gold / gold.
- **Value+concept**: a value match whose concept also matches. Gold concept words: ``referred_concepts`` plus the
  gold ``unit`` when it names what is counted ("hostages", "Kia and Hyundai vehicles"); predicted concept words:
  the quantified noun phrase, the measured entity (subject or head noun the number hangs on) and the category.
  Words are lower-cased, singularized (trailing "s"), without stop words and without unit words (units are
  scored by the value, not by the concept). Concepts match when they share a word. A gold quantity with no
  concept words (``referred_concepts`` "-" and a measurement unit) accepts any prediction (counted separately).

Own gold (``examples/gold/<article_id>.json`` with a ``figures`` list in the JSON contract's shape, articles
ingested with ``bench/gold_tools.py``): the default components up to ``figures`` (time, entities, places,
statements, figures) on each ingested article (its own DCT, as the product sees it); a prediction matches a
gold figure when the values are equal (tolerance as above) and the spans overlap; value+category F1 additionally
needs the same category (case-insensitive). Over matched pairs: qualifier accuracy (normalized with
``resources/figures/qualifiers.json``), as_of accuracy (equal dates), scope accuracy (equal, case-insensitive),
source accuracy (one contains the other, case-insensitive, leading article ignored; both empty counts).
"""
from __future__ import annotations

import argparse
import datetime as dt
import functools
import hashlib
import json
import re
import subprocess
import sys
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from dateline.extract.time import component as _timex  # noqa: E402,F401  registers the "time" component
from dateline.extract.figures.component import Quantity, find_quantities  # noqa: E402
from dateline.extract.figures.lexicon import load_lexicon  # noqa: E402
from dateline.extract.nlp import load_nlp  # noqa: E402
from dateline.extract.registry import Context, get_factory  # noqa: E402
from dateline.model import Article  # noqa: E402
from dateline.settings import settings  # noqa: E402

import cqe_peer  # noqa: E402
from figures_own import own_gold  # noqa: E402
import figures_t17  # noqa: E402

RESULTS = ROOT / "bench" / "RESULTS.md"
_STOP = frozenset("the a an of and or in on at to for from by with its their his her this that these those - "
                  "'s ’s is are was were be been has have had it they he she we".split())
_WORD = re.compile(r"[a-z0-9]+")


# ---- values -----------------------------------------------------------------------------------------------------

def parse_gold_value(s: str) -> tuple[float, float | None] | None:
    s = s.strip()
    m = re.fullmatch(r"(-?[\d.eE+]+)\s*-\s*(-?[\d.eE+]+)", s)
    try:
        if m:
            return float(m.group(1)), float(m.group(2))
        return float(s), None
    except ValueError:
        return None


close = figures_t17.close


def value_match(pred: tuple[float, float | None], gold: tuple[float, float | None]) -> bool:
    (pv, pm), (gv, gm) = pred, gold
    if gm is None or pm is None:
        return gm is None and pm is None and close(pv, gv)
    return (close(pv, gv) and close(pm, gm)) or (close(pv, gm) and close(pm, gv))


# ---- concepts ---------------------------------------------------------------------------------------------------

def _unit_words() -> frozenset[str]:
    lex = load_lexicon()
    words = {w for key in lex.unit_phrases for w in key}
    words |= {w.lower() for w in lex.currency_prefixes}
    return frozenset(_norm(w) for w in words)


def _norm(w: str) -> str:
    w = w.lower()
    return w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w


def concept_words(text: str | None, unit_words: frozenset[str]) -> set[str]:
    if not text or text.strip() == "-":
        return set()
    return {_norm(w) for w in _WORD.findall(text.lower()) if w not in _STOP} - unit_words - {"-"}


def predicted_concept(q: Quantity, unit_words: frozenset[str]) -> set[str]:
    words = set(q.counted.concept)
    if q.noun:
        words |= set(q.noun.lower().split())
    if q.category:
        words |= set(q.category.lower().split())
    return concept_words(" ".join(words), unit_words)


# ---- scoring ----------------------------------------------------------------------------------------------------

class Tally:
    def __init__(self) -> None:
        self.pred = self.gold = self.tp_pred = self.tp_gold = self.tp_concept = self.tp_unit = self.wild = 0

    def f1(self, tp: int | None = None) -> tuple[float, float, float]:
        tp_p = self.tp_pred if tp is None else tp
        tp_g = self.tp_gold if tp is None else tp
        p = tp_p / self.pred if self.pred else 0.0
        r = tp_g / self.gold if self.gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def split_of(text: str) -> str:
    """NewsQuant's fixed tune/check split: a hash of the sentence, independent of file order."""
    return "tune" if int(hashlib.sha1(text.encode("utf-8")).hexdigest(), 16) % 2 == 0 else "check"


_UNIT_ALIAS = {"percentage": "percent", "us dollar": "dollar", "pound-mass": "pound", "metric ton": "tonne"}


def _canon_unit(u: str | None) -> str:
    u = (u or "").lower().strip()
    return _UNIT_ALIAS.get(u, u)


@functools.lru_cache(maxsize=1)
def _measures() -> frozenset[str]:
    lex = load_lexicon()
    names = {u.name for u in lex.unit_phrases.values()}
    return frozenset(_canon_unit(n) for n in names) | frozenset(f"{n} {r}" for n in names
                                                                for r in set(lex.rate_suffixes.values()))


def unit_match(pred: str | None, gold: str | None) -> bool:
    p, g = _canon_unit(pred), _canon_unit(gold)
    measures = _measures()
    if g in ("", "-") or g not in measures:
        return p == "" or p not in measures  # a count ("people", "-"): no measurement unit predicted
    return p == g


def dateline_unit(q: Quantity) -> str | None:
    """The quantity's unit with its rate ("barrel per day" for "5,000 barrels a day")."""
    if q.unit is None:
        return None
    lex = load_lexicon()
    words = tuple((q.num.unit_text or "").lower().split())
    rate = next((lex.rate_suffixes[words[-k:]] for k in (3, 2, 1) if words[-k:] in lex.rate_suffixes), None)
    return f"{q.unit} {rate}" if rate else q.unit


@dataclass(slots=True)
class Pred:
    """One predicted quantity, from dateline or CQE, as the matcher sees it."""

    value: float
    value_max: float | None
    unit: str | None
    label: str
    concept: set[str] = field(default_factory=set)


def score_sentence(preds: Sequence[Pred], gold: Sequence[dict[str, Any]], tally: Tally,
                   unit_words: frozenset[str]) -> list[str]:
    """Tally one sentence; returns error lines (missed gold, spurious predictions)."""
    gvals = [(parse_gold_value(g["value"]), g) for g in gold]
    gvals = [(v, g) for v, g in gvals if v is not None]
    tally.gold += len(gvals)
    tally.pred += len(preds)
    used: set[int] = set()
    errors: list[str] = []
    for q in preds:
        pv = (q.value, q.value_max)
        hit = next((k for k, (gv, _) in enumerate(gvals) if k not in used and value_match(pv, gv)), None)
        if hit is None:
            errors.append(f"  FP {q.label} = {q.value:g}{'-%g' % q.value_max if q.value_max is not None else ''}"
                          f" [{q.unit}]")
            continue
        used.add(hit)
        tally.tp_pred += 1
        tally.tp_gold += 1
        g = gvals[hit][1]
        if unit_match(q.unit, g.get("normalized_unit")):
            tally.tp_unit += 1
        else:
            errors.append(f"  UNIT {q.label}: {q.unit!r} vs {g.get('normalized_unit')!r}")
        gwords = concept_words(g.get("referred_concepts"), unit_words)
        gwords |= concept_words(g.get("unit"), unit_words)
        if not gwords:
            tally.wild += 1
            tally.tp_concept += 1
        elif gwords & q.concept:
            tally.tp_concept += 1
        else:
            errors.append(f"  CONCEPT {q.label}: {sorted(q.concept)} vs {sorted(gwords)}")
    for k, (gv, g) in enumerate(gvals):
        if k not in used:
            errors.append(f"  FN {g['value']} [{g['unit']}] ({g['referred_concepts']})")
    return errors


def _dateline_preds(qs: Sequence[Quantity], unit_words: frozenset[str]) -> list[Pred]:
    return [Pred(q.value, q.value_max, dateline_unit(q), repr(q.text), predicted_concept(q, unit_words))
            for q in qs]


def newsquant(limit: int | None, show_errors: int, with_cqe: bool) -> tuple[dict[str, dict[str, Tally]], float,
                                                                              float, dict[str, int], str | None]:
    """{split: {mode: Tally}} for dateline (all, story) and CQE; timings; sentences per split; why CQE did not
    run (None when it ran)."""
    path = Path(settings.bench_dir) / "newsquant" / "newsquant_dev.json"
    data = json.loads(path.read_text(encoding="utf-8"))[:limit]
    nlp = load_nlp()
    time_component = get_factory("time")()
    unit_words = _unit_words()
    cqe, cqe_missing = None, None
    if with_cqe:
        try:
            cqe = cqe_peer.load_cqe()
        except ImportError as e:
            cqe_missing = str(e)
    texts = [d["text"] for d in data]
    t0 = time.perf_counter()
    docs = list(nlp.pipe(texts, batch_size=64))
    t_spacy = time.perf_counter() - t0
    tallies = {s: {"all": Tally(), "story": Tally(), "CQE": Tally()} for s in ("tune", "check")}
    n = {"tune": 0, "check": 0}
    shown = 0
    t_fig = 0.0
    for i, (doc, d) in enumerate(zip(docs, data)):
        split = split_of(d["text"])
        n[split] += 1
        ctx = Context(article=Article(id=f"nq{i}", text=d["text"]))
        time_component(doc, ctx)
        t1 = time.perf_counter()
        story_q = find_quantities(doc, timexes=ctx.timexes)
        t_fig += time.perf_counter() - t1
        all_q = find_quantities(doc, timexes=ctx.timexes, include_all=True)
        errs = score_sentence(_dateline_preds(all_q, unit_words), d["quantities"], tallies[split]["all"], unit_words)
        score_sentence(_dateline_preds(story_q, unit_words), d["quantities"], tallies[split]["story"], unit_words)
        if cqe is not None:
            preds = [Pred(v, vmax, u, "cqe") for v, vmax, u in cqe_peer.cqe_values(cqe, d["text"])]
            score_sentence(preds, d["quantities"], tallies[split]["CQE"], unit_words)
        if split == "tune" and errs and shown < show_errors:
            shown += 1
            print(f"[{i}] {d['text'][:220]}")
            print("\n".join(errs))
    return tallies, t_spacy, t_fig, n, cqe_missing


# ---- report -----------------------------------------------------------------------------------------------------

def table(tallies: dict[str, dict[str, Tally]], t_spacy: float, t_fig: float, n: dict[str, int],
          cqe_missing: str | None, t17: dict[str, dict[str, Any]], own: dict[str, Any] | None) -> str:
    lines = ["| set | half | system | pred | gold | value P | value R | value F1 | value+unit F1 | value+concept F1 |",
             "|---|---|---|---|---|---|---|---|---|---|"]
    for split in ("tune", "check"):
        for mode, t in tallies[split].items():
            if mode == "CQE" and cqe_missing:
                continue
            p, r, f = t.f1()
            name = "CQE 2.0.3" if mode == "CQE" else f"dateline ({mode})"
            fc = f"{t.f1(t.tp_concept)[2]:.3f}" if mode != "CQE" else "-"
            lines.append(f"| NewsQuant dev | {split} ({n[split]} sent.) | {name} | {t.pred} | {t.gold} | {p:.3f} | "
                         f"{r:.3f} | {f:.3f} | {t.f1(t.tp_unit)[2]:.3f} | {fc} |")
    lines += ["", *figures_t17.rows(t17)]
    notes = [f"NewsQuant: dateline (all) = every quantity (the benchmark mode); (story) = the story-figure filter, "
             f"for reference; CQE: {cqe_missing or 'run offline on the same sentences, same matcher'}",
             f"time: spaCy pass {t_spacy:.2f}s; figures component (story mode, on the parse) {t_fig:.2f}s "
             f"= {t_fig / t_spacy:.2f}x the spaCy pass"]
    if own is None:
        notes.append("own gold (examples/gold/*.json with figures): not available — not scored")
    else:
        _, _, fv = own["value"]
        p, r, fc = own["value_cat"]
        accs = ", ".join(f"{k} {v:.3f} (n={n_})" if v is not None else f"{k} - (n=0)"
                         for k, (v, n_) in own["acc"].items())
        notes.append(f"own gold ({own['articles']} sample-corpus articles, story mode): value F1 {fv:.3f}, "
                     f"value+category F1 {fc:.3f}; over matched figures: {accs}")
        notes.append(f"time on the {own['articles']} corpus articles: spaCy pass {own['t_spacy']:.2f}s; figures "
                     f"component {own['t_fig']:.3f}s = {own['t_fig'] / own['t_spacy']:.3f}x the spaCy pass")
    return "\n".join(lines) + "\n\n" + "\n".join(f"- {x}" for x in notes) + "\n"


def main(argv: Iterable[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--no-append", action="store_true", help="do not append to bench/RESULTS.md")
    ap.add_argument("--errors", type=int, default=0, help="print the errors of the first N tune NewsQuant sentences")
    ap.add_argument("--own-errors", action="store_true", help="print own-gold errors")
    ap.add_argument("--t17-errors", action="store_true", help="print the T17 gold's tune errors")
    ap.add_argument("--no-cqe", action="store_true", help="do not run CQE")
    ap.add_argument("--limit", type=int, default=None, help="only the first N NewsQuant sentences")
    args = ap.parse_args(list(argv) if argv is not None else None)
    tallies, t_spacy, t_fig, n, cqe_missing = newsquant(args.limit, args.errors, not args.no_cqe)
    if args.no_cqe:
        cqe_missing = "not run (--no-cqe)"
    from dateline.extract import Pipeline
    from dateline.extract.pipeline import DEFAULT_COMPONENTS

    pipe = Pipeline(DEFAULT_COMPONENTS[:DEFAULT_COMPONENTS.index("figures") + 1])
    t17 = figures_t17.score(pipe)
    if args.t17_errors:
        print("\n".join(t17["tune"]["errors"]))
    own = own_gold()
    if own is not None and args.own_errors:
        print("\n".join(own["errors"]))
    out = table(tallies, t_spacy, t_fig, n, cqe_missing, t17, own)
    print(out)
    if not args.no_append:
        rev = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                             text=True).stdout.strip()
        with open(RESULTS, "a", encoding="utf-8") as fh:
            fh.write(f"\n## Figures (bench/figures.py) — {dt.date.today().isoformat()} @ {rev}\n\n{out}")


if __name__ == "__main__":
    main()
