"""Event coding benchmark: our own sample-corpus gold and the PLOVER gold-standard sentences.

    python bench/events.py [--no-append] [--errors] [--limit N]

Own gold (``examples/gold/<article_id>.json``, ``events`` lists; loaded with ``bench/gold_tools.py``'s ``load_gold``
when present, else the files directly): the default pipeline on each gold article as ingested from
``examples/corpus`` (an undated article gets the gold DCT: DCT estimation is not scored here). Per article, predictions and
gold are multisets, matched one-to-one; P = matched / predicted, R = matched / gold, summed over articles.
- **triple**: (actor, action, target). Names match when equal (case-folded, without a leading "the" and
  punctuation), when the actor KB knows both as names of one actor ("CDC" = "Centers for Disease Control and
  Prevention", "Khan Yunis" = "Khan Younis"), or, for descriptions that are no KB name, when their head words
  agree ("tanker owners" = "owners"); an empty target matches only an empty target. For the reciprocal actions of the dictionary
  (CONSULT, AGREE, COOPERATE, SUPPORT) the pair is unordered ("Hamas-US talks" = "US-Hamas talks").
- **action**: the per-article multiset of action types (did we find as many CONSULTs as the gold has ...).
- **date**: (actor, action, target, date) — a triple match that also has the gold date.
- **location**: (actor, action, target, location) over the events whose gold location is set (predictions
  counted only when they match a triple with a gold location, so P and R use the same population).

Splits (fixed in code, never tuned): PLOVER records alternate tune / check in file order (the 1st, 3rd, ...
sentence is tune, the 2nd, 4th, ... check); the T17 real-news gold is split by topic in
``examples/t17_gold/articles.json``. Read the errors of the tune halves only (``--errors`` prints tune errors).

Real news (``examples/t17_gold/events.json``, Timeline17 articles, text read from ``$DATELINE_BENCH_DIR/t17``):
**event F1 (actor + action)**: a predicted event matches a gold event of the same article line (T17 texts hold one
sentence per line) with the same action whose actor matches (shared content word or canonical name, as for
PLOVER; a gold state or state organ carries its state's code, a generic-only gold name matches by head word:
``bench/events_t17.py``); one-to-one. Negated events (gold mode ``negated``, predicted polarity negative) are not scored,
nor are predicted speculative ones ("might join": the guideline counts predictions as no events).

PLOVER (``$DATELINE_BENCH_DIR/plover/gsr_dev.json``, 214 English sentences, first record = documentation): old
action names mapped DEMAND->REQUEST, DISAPPROVE->ACCUSE, INVESTIGATE->ACCUSE, FIGHT->ASSAULT. Each sentence is one
article, run through the default pipeline. The sentence's **main event** is the predicted event whose trigger is
highest in the dependency tree (fewest steps to the root; ties: leftmost); its action is coded to PLOVER proper
with ``events.to_plover`` (PLOVER codes intentions of cooperation as AGREE, hostile intentions as THREATEN and
negated cooperation as REJECT; our records keep the content action with modality/polarity). A sentence with no
event counts as wrong.
- **action accuracy**: the main event's PLOVER action equals the gold action.
- **actor+action+target accuracy**: the action is right, and one of the main trigger's events (one per
  actor-target pair) has an actor matching a gold source and a target matching a gold target. An actor matches
  a gold actor when they share a content word (case-folded; stop words and generic role words such as
  "president", "government", "officials" ignored) between the gold ``actorText`` and our actor mention or
  canonical name, or when our country (ISO alpha-3) equals the gold ``code``. A gold without target (empty,
  None, or "SRC/TAR" compound actors) is matched by no target or by one of the gold sources.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from dateline.extract import default_pipeline  # noqa: E402
from dateline.extract.pipeline import Pipeline  # noqa: E402
from dateline.extract.events.component import to_plover  # noqa: E402
from dateline.extract.events.lexicon import load_lexicon  # noqa: E402
from dateline.extract.registry import Context  # noqa: E402
from dateline.model import Article, Event  # noqa: E402
from dateline.settings import settings  # noqa: E402

RESULTS = ROOT / "bench" / "RESULTS.md"
GOLD_DIR = ROOT / "examples" / "gold"
OLD_NAMES = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}
_WORD = re.compile(r"[a-z0-9]+")
_STOP = frozenset("the a an of and or in on at to for from by with its their his her s new".split())
GENERIC = frozenset("""president prime minister government officials official leader leaders forces force army
troops military group groups people authorities administration secretary general chief head foreign defense
minister's ministry parliament council court party members member police security state national""".split())


# ---- helpers ------------------------------------------------------------------------------------------------
def _words(s: str | None) -> set[str]:
    return {w for w in _WORD.findall((s or "").lower()) if w not in _STOP and w not in GENERIC}


def _norm(s: str | None) -> str:
    s = " ".join(_WORD.findall((s or "").lower()))
    return s[4:] if s.startswith("the ") else s


def _f1(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


COMPONENTS: list[str] | None = None  # --components: a subset of the pipeline (default: the default pipeline)


TIMES: dict[str, float] = {}  # seconds per stage ("spacy" and each component) over every run


EXAMPLE_ACTORS = ROOT / "examples" / "actors.yaml"  # the sample corpus's own actors (user-dictionary path)


def _run(articles: Sequence[Article], actors: Sequence[Path] = ()) -> tuple[list[tuple[Any, Context]], float]:
    """Parse and run every component (``actors``: user actor files for the entities component); return
    (doc, ctx) pairs and the seconds taken."""
    config = {"entities": {"actors_file": [str(p) for p in actors]}} if actors else None
    if COMPONENTS is None and config is None:
        pipe = default_pipeline()
    else:
        pipe = Pipeline(COMPONENTS, nlp=default_pipeline().nlp, config=config)
    t0 = time.perf_counter()
    out = []
    for art in articles:
        t = time.perf_counter()
        doc = pipe.nlp(art.text)
        TIMES["spacy"] = TIMES.get("spacy", 0.0) + time.perf_counter() - t
        ctx = Context(article=art)
        for name, comp in pipe.components:
            t = time.perf_counter()
            comp(doc, ctx)
            TIMES[name] = TIMES.get(name, 0.0) + time.perf_counter() - t
        out.append((doc, ctx))
    return out, time.perf_counter() - t0


# ---- PLOVER -------------------------------------------------------------------------------------------------
def _actor_list(v: Any) -> list[dict[str, Any]]:
    return [a for a in v if isinstance(a, dict)] if isinstance(v, list) else []


def _actor_match(ev_text: str | None, ev_name: str | None, ev_country: str | None, gold: dict[str, Any]) -> bool:
    code = (gold.get("code") or "").upper()
    if ev_country and code and ev_country.upper() == code:
        return True
    gw = _words(gold.get("actorText"))
    return bool(gw & (_words(ev_text) | _words(ev_name)))


def _depth(tok: Any) -> int:
    d = 0
    while tok.head != tok and d < 50:
        tok, d = tok.head, d + 1
    return d


def main_events(doc: Any, events: Sequence[Event]) -> list[Event]:
    """The events of the trigger highest in the parse (fewest steps to the root; ties: leftmost)."""
    if not events:
        return []

    def key(e: Event) -> tuple[int, int]:
        span = doc.char_span(e.start, e.end, alignment_mode="expand")
        return (min(_depth(t) for t in span) if span is not None and len(span) else 99, e.start)

    best = min(key(e) for e in events)
    return [e for e in events if key(e) == best]


def plover_records(split: str) -> list[dict[str, Any]]:
    """The PLOVER gold sentences of one split: tune = 1st, 3rd, ... record; check = 2nd, 4th, ..."""
    path = Path(settings.bench_dir) / "plover" / "gsr_dev.json"
    records = [r for r in json.loads(path.read_text(encoding="utf-8")) if r.get("event") != "DOCUMENT"]
    return records[0 if split == "tune" else 1::2]


def plover(limit: int | None, show_errors: bool, split: str = "tune") -> dict[str, Any]:
    records = plover_records(split)
    if limit:
        records = records[:limit]
    runs, secs = _run([Article(id=r["id"], text=r["text"]) for r in records])
    lex = load_lexicon()
    n = ok_action = ok_full = no_event = 0
    per_action: dict[str, list[int]] = {}
    errors: list[str] = []
    for r, (doc, ctx) in zip(records, runs):
        n += 1
        gold_action = OLD_NAMES.get(r["event"], r["event"])
        stat = per_action.setdefault(gold_action, [0, 0])
        stat[1] += 1
        main = main_events(doc, ctx.events)
        if not main:
            no_event += 1
            errors.append(f"{r['id']}: no event | gold {gold_action} | {r['text'][:110]}")
            continue
        action = to_plover(main[0], lex)
        if action != gold_action:
            errors.append(f"{r['id']}: {action} ({main[0].trigger}) != {gold_action} | {r['text'][:110]}")
            continue
        ok_action += 1
        stat[0] += 1
        sources, targets = _actor_list(r.get("source")), _actor_list(r.get("target"))
        full = False
        for e in main:
            if not any(_actor_match(e.actor_text, e.actor, e.actor_country, s) for s in sources):
                continue
            if e.target is None:
                full = not targets or any(_actor_match(None, None, None, t) for t in []) or _is_self(targets, sources)
            else:
                full = any(_actor_match(e.target_text, e.target, e.target_country, t) for t in targets or sources)
            if full:
                break
        if full:
            ok_full += 1
        else:
            errors.append(f"{r['id']}: roles {[(e.actor_text, e.target_text) for e in main]} != "
                          f"{[s.get('actorText') for s in sources]} -> {[t.get('actorText') for t in targets]}")
    return {"n": n, "action": ok_action / n if n else 0.0, "full": ok_full / n if n else 0.0, "no_event": no_event,
            "per_action": per_action, "seconds": secs, "errors": errors if show_errors else []}


def _is_self(targets: list[dict[str, Any]], sources: list[dict[str, Any]]) -> bool:
    """Gold 'SRC/TAR' compounds repeat the sources as targets: then no target is right."""
    return {t.get("actorText") for t in targets} <= {s.get("actorText") for s in sources}


# ---- own gold -----------------------------------------------------------------------------------------------
def _load_own_gold() -> list[dict[str, Any]] | None:
    try:
        from gold_tools import load_gold  # type: ignore[import-not-found]
    except ImportError:
        load_gold = None
    if load_gold is not None:
        try:
            got = load_gold()
        except Exception as e:  # noqa: BLE001 - report, do not crash the benchmark
            print(f"own gold: load_gold() failed: {e}", file=sys.stderr)
            got = None
        if got is not None:
            items = list(got.values()) if isinstance(got, dict) else list(got)
            return [x if isinstance(x, dict) else x.to_dict() for x in items]
    files = sorted(GOLD_DIR.glob("*.json"))
    return [json.loads(f.read_text(encoding="utf-8")) for f in files] if files else None


class Names:
    """Name matching for the own-gold scores: two names are the same participant when they are equal
    (case-folded, no punctuation, no leading "the"), when the actor KB has them as names of the same actor
    ("CDC" = "Centers for Disease Control and Prevention"), or, for descriptions that are no KB name, when
    their head words agree ("tanker owners" = "owners"; a trailing plural "s" ignored)."""

    def __init__(self) -> None:
        from dateline.extract.entities.kb import load_kb

        self.kb = load_kb((str(EXAMPLE_ACTORS),))
        self.cache: dict[str, str] = {}

    def key(self, name: str | None) -> str:
        if not name:
            return ""
        if name in self.cache:
            return self.cache[name]
        found = self.kb.lookup(name)
        if found:
            key = "kb:" + found[0].name
        else:
            words = _norm(name).split()
            key = "head:" + (words[-1].rstrip("s") if words else "")
        self.cache[name] = key
        return key


def _triple(e: dict[str, Any], symmetric: frozenset[str], names: Names) -> tuple[str, str, str]:
    a, t, act = names.key(e.get("actor")), names.key(e.get("target")), str(e.get("action") or "").upper()
    if act.lower() in symmetric and t and t < a:
        a, t = t, a
    return a, act, t


def _match(pred: list[tuple[Any, ...]], gold: list[tuple[Any, ...]]) -> int:
    return sum((Counter(pred) & Counter(gold)).values())


def own_gold(show_errors: bool) -> dict[str, Any] | None:
    golds = _load_own_gold()
    if not golds:
        return None
    golds = [g for g in golds if isinstance(g.get("events"), list) and g.get("article")]
    if not golds:
        return None
    symmetric = load_lexicon().word_set("reciprocal")
    names = Names()
    from gold_tools import ingested  # type: ignore[import-not-found]

    articles = ingested()
    golds = [g for g in golds if g["article"]["id"] in articles]
    for g in golds:  # an undated article gets the true DCT: date estimation is scored elsewhere
        art = articles[g["article"]["id"]]
        if art.dct is None:
            art.dct = g["article"].get("dct")
    runs, secs = _run([articles[g["article"]["id"]] for g in golds], actors=(EXAMPLE_ACTORS,))
    tally = {k: [0, 0, 0] for k in ("triple", "action", "date", "location")}
    errors: list[str] = []
    for g, (_doc, ctx) in zip(golds, runs):
        gold = g["events"]
        pred = [e.to_dict() for e in ctx.events]
        gt = [_triple(e, symmetric, names) for e in gold]
        pt = [_triple(e, symmetric, names) for e in pred]
        rows = {
            "triple": (pt, gt),
            "action": ([t[1] for t in pt], [t[1] for t in gt]),
            "date": ([(*t, e.get("date")) for t, e in zip(pt, pred)], [(*t, e.get("date")) for t, e in zip(gt, gold)]),
        }
        gl = [(*t, names.key(e.get("location"))) for t, e in zip(gt, gold) if e.get("location")]
        gl_triples = Counter(x[:3] for x in gl)
        pl = [(*t, names.key(e.get("location"))) for t, e in zip(pt, pred) if gl_triples.get(t)]
        rows["location"] = (pl, gl)
        for k, (p, gg) in rows.items():
            tally[k][0] += _match(p, gg)
            tally[k][1] += len(p)
            tally[k][2] += len(gg)
        if show_errors:
            aid = g["article"].get("id")
            for t in (Counter(pt) - Counter(gt)).elements():
                errors.append(f"{aid}: FP {t}")
            for t in (Counter(gt) - Counter(pt)).elements():
                errors.append(f"{aid}: FN {t}")
    return {"articles": len(golds), "gold": tally["triple"][2], "pred": tally["triple"][1], "seconds": secs,
            **{k: _f1(*v) for k, v in tally.items()}, "errors": errors}


# ---- report -------------------------------------------------------------------------------------------------
def table(pl: dict[str, dict[str, Any]], own: dict[str, Any] | None, t17: dict[str, Any] | None = None) -> str:
    lines = ["| set | measure | P | R | F1 / accuracy | n |", "|---|---|---|---|---|---|"]
    if own is None:
        lines.append("| own gold | - | - | - | not available yet | 0 |")
    else:
        for k in ("triple", "action", "date", "location"):
            p, r, f = own[k]
            lines.append(f"| own gold, development data ({own['articles']} art., {own['gold']} events) | {k} | {p:.3f} | {r:.3f} | "
                         f"{f:.3f} | {own['pred']} pred |")
    notes = []
    for split, r in pl.items():
        lines.append(f"| PLOVER GSR dev, {split} half | action accuracy | | | {r['action']:.3f} | {r['n']} |")
        lines.append(f"| PLOVER GSR dev, {split} half | actor+action+target accuracy | | | {r['full']:.3f} | {r['n']} |")
        if split != "tune":  # the check half gives its scores only, no breakdown to read errors from
            continue
        per = ", ".join(f"{a} {c}/{t}" for a, (c, t) in sorted(r["per_action"].items()))
        notes += [f"PLOVER {split} per gold action (correct/total): {per}",
                  f"PLOVER {split} sentences with no event: {r['no_event']}"]
    for split, r in (t17 or {}).items():
        p, rr, f = r["f1"]
        lines.append(f"| T17 real news, {split} half ({r['articles']} art., {r['gold']} events) | actor+action | "
                     f"{p:.3f} | {rr:.3f} | {f:.3f} | {r['pred']} pred |")
        for batch, b in r.get("batches", {}).items() if len(r.get("batches", {})) > 1 else ():
            bp, br, bf = b["f1"]
            lines.append(f"| T17 real news, {split} half, annotation batch {batch} ({b['articles']} art., {b['gold']} "
                         f"events) | actor+action | {bp:.3f} | {br:.3f} | {bf:.3f} | {b['pred']} pred |")
        if "interval" in r:
            notes.append(f"T17 {split}: actor+action F1 95 % interval {r['interval'][0]:.2f}-{r['interval'][1]:.2f} "
                         "(percentile bootstrap over articles, 2,000 resamples)")
        if r["mode_n"]:
            notes.append(f"T17 {split}: mode right on {r['mode_ok']}/{r['mode_n']} matched events; "
                         f"date right on {r['date_ok']}/{r['date_n']} matched events with a gold date")
    spacy = TIMES.get("spacy", 0.0)
    if spacy:
        comps = sum(v for k, v in TIMES.items() if k != "spacy")
        notes.append(f"speed over both sets: spaCy pass {spacy:.1f}s; events component {TIMES.get('events', 0.0):.2f}s "
                     f"= {TIMES.get('events', 0.0) / spacy:.3f}x the spaCy pass; whole extraction "
                     f"{(spacy + comps) / spacy:.2f}x the spaCy pass")
    return "\n".join(lines) + "\n\n" + "\n".join(f"- {x}" for x in notes) + "\n"


def check_sets(run: Any) -> dict[str, dict[str, Any]]:
    """The T17 check half, the further blind check set ``events_check2.json`` ("check2") and the two together
    ("check + check2"), each article run once; scores only, with a 95 % bootstrap interval over articles for the
    last two (bench/events_iaa.py's ``per_article`` and ``interval``; since 2026-12-08, session 12, issue 15)."""
    from events_iaa import interval, per_article  # noqa: PLC0415 - bench sibling module
    from events_t17 import CHECK2, cached, joined, load_half, load_set, t17_events  # noqa: PLC0415

    run = cached(run)
    check, check2 = load_half("check"), load_set(CHECK2)
    out = {"check": t17_events("check", run, False, _actor_match, GENERIC, half=check)}
    rows = {}
    for name, h in (("check", check), ("check2", check2)):
        rows[name], _ = per_article("check", run, h[0], h[1], False)
    out["check2"] = t17_events("check", run, False, _actor_match, GENERIC, half=check2)
    out["check2"]["interval"] = interval(rows["check2"])
    out["check + check2"] = t17_events("check", run, False, _actor_match, GENERIC, half=joined(check, check2))
    out["check + check2"]["interval"] = interval(rows["check"] + rows["check2"])
    return out


def main(argv: Iterable[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--no-append", action="store_true", help="do not append to bench/RESULTS.md")
    ap.add_argument("--errors", action="store_true", help="print the errors of the tune halves and the own gold")
    ap.add_argument("--limit", type=int, default=None, help="PLOVER: first N sentences only")
    ap.add_argument("--verbs", default=None, help="development: verb dictionaries, e.g. 'cameo' or 'plover,cameo'")
    ap.add_argument("--components", default=None, help="comma-separated components to run (development)")
    args = ap.parse_args(list(argv) if argv is not None else None)
    if args.verbs:
        import dateline.extract.events.lexicon as lexmod

        lexmod.DEFAULT_VERBS = tuple(args.verbs.split(","))
        args.no_append = True
    if args.components:
        global COMPONENTS
        COMPONENTS = args.components.split(",")
        args.no_append = True
    pl = {split: plover(args.limit, args.errors and split == "tune", split) for split in ("tune", "check")}
    own = own_gold(args.errors)
    from events_t17 import t17_events  # noqa: PLC0415 - bench sibling module

    t17 = {"tune": t17_events("tune", _run, args.errors, _actor_match, GENERIC)}
    t17.update(check_sets(_run))
    out = table(pl, own, t17)
    print(out)
    if args.errors:
        for line in pl["tune"]["errors"] + t17["tune"]["errors"] + (own["errors"] if own else []):
            print(line)
    if not args.no_append and not args.limit:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                                text=True).stdout.strip()
        with RESULTS.open("a", encoding="utf-8") as f:
            f.write(f"\n## events (bench/events.py) — {dt.date.today().isoformat()}, commit {commit}\n\n{out}")


if __name__ == "__main__":
    main()
