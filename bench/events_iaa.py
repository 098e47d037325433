"""Event inter-annotator agreement on the T17 real-news event gold (issue 15): the original gold
(examples/t17_gold/events.json, "v1": batch 1 and the check half, annotated before the batch 3/4 conventions) against
a second, blind annotation under guideline v2 (examples/t17_gold/events_a2.json, "a2": every check article and 12
batch-1 tune articles), and dateline against each, in one run.

Every comparison uses bench/events_t17.py's own matcher (``t17_events``), the one bench/events.py scores dateline with:
same article line, same action (content or PLOVER convention), actor matched by a shared content word, the state's
code or a generic head word, one-to-one, joint actors merged, negated records left out on both sides.
- **annotator vs annotator**: one annotation's records become predictions (``Event``s with the annotation's actor
  as mention and name, its state code as ``actor_country``, mode intent -> modality planned, conditional ->
  conditional, negated -> negative polarity) scored against the other as gold; both directions are printed
  (P and R swap; F1 differs only where the greedy one-to-one matching differs).
- **actor+action+target**: the same match with the target as a further condition: an empty gold target matches
  only an empty target; a named one matches a target by the same rule as the actor (for dateline, any of its
  records of the trigger and actor may give the target: the bench merges them to one unit).
- **dateline vs v1, vs a2, vs the intersection** (the v1 records a2 agrees with on actor + action), over the
  articles a2 annotated (on check: the whole check half, so "vs v1" is bench/events.py's check number).
- 95 % intervals: percentile bootstrap over articles (2,000 resamples, random.Random(15)).

Only scores are printed: no record, error or dateline output of any article.

Usage: python bench/events_iaa.py [--no-append]
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import subprocess
import sys
from collections.abc import Callable, Sequence
from types import SimpleNamespace
from typing import Any

import t17_gold
from events import GENERIC, RESULTS, _actor_match, _run  # type: ignore[attr-defined]
from events_t17 import GoldActor, readable, scored, t17_events

from dateline.model import Article, Event

A2 = t17_gold.GOLD / "events_a2.json"
MODALITY = {"intent": "planned", "conditional": "conditional"}


def annotated(split: str) -> list[dict[str, Any]]:
    """The articles of one half that the second annotation covers (its ``articles`` list)."""
    return [a for a in json.loads(A2.read_text(encoding="utf-8"))["articles"] if a["split"] == split]


def half(records: list[dict[str, Any]], arts: Sequence[dict[str, Any]]) -> tuple[Any, ...]:
    """``events_t17.load_half``'s tuple for a given record list and article list."""
    keys = {(a["topic"], str(a["article_id"])) for a in arts}
    gold = [g for g in records if g.get("mode") != "negated" and (g["topic"], str(g["article_id"])) in keys]
    articles, stored = [], []
    for a in arts:
        row = t17_gold.article(a["topic"], a["article_id"])
        articles.append(Article(id=f"{a['topic']}/{a['article_id']}", text=readable(row["text"]), dct=row.get("time")))
        stored.append(row["text"])
    return gold, list(arts), articles, stored


class Memo:
    """dateline's pipeline over articles, each article run once per process."""

    def __init__(self) -> None:
        self.done: dict[str, tuple[Any, Any]] = {}

    def __call__(self, articles: list[Article]) -> tuple[list[tuple[Any, Any]], float]:
        todo = [a for a in articles if a.id not in self.done]
        if todo:
            runs, _ = _run(todo)
            self.done.update({a.id: r for a, r in zip(todo, runs)})
        return [self.done[a.id] for a in articles], 0.0


def as_predictions(records: list[dict[str, Any]], gold_actor: GoldActor) -> Callable[..., Any]:
    """A runner whose 'predictions' for each article are one annotation's records, placed at the same column share
    of the same line of the readable text (the matcher compares lines; distinct triggers stay distinct)."""
    by_art: dict[str, list[dict[str, Any]]] = {}
    for r in records:
        by_art.setdefault(f"{r['topic']}/{r['article_id']}", []).append(r)

    def run(articles: list[Article]) -> tuple[list[tuple[Any, Any]], float]:
        out = []
        for art in articles:
            topic, aid = art.id.split("/", 1)
            stored = t17_gold.article_text(topic, aid)
            s_lines, r_lines = stored.split("\n"), art.text.split("\n")
            evs = []
            for r in by_art.get(art.id, []):
                line = stored.count("\n", 0, r["start"])
                col = r["start"] - (stored.rfind("\n", 0, r["start"]) + 1)
                r_start = sum(len(x) + 1 for x in r_lines[:line])
                r_col = col * max(len(r_lines[line]) - 1, 0) // max(len(s_lines[line]), 1)
                evs.append(Event(article_id=art.id, text=r["text"], start=r_start + r_col, end=r_start + r_col + 1,
                                 actor=r["actor"], actor_text=r["actor"], actor_country=gold_actor.state_code(r["actor"]),
                                 action=r["action"], target=r.get("target"), target_text=r.get("target"),
                                 target_country=gold_actor.state_code(r["target"]) if r.get("target") else None,
                                 polarity="negative" if r.get("mode") == "negated" else "positive",
                                 modality=MODALITY.get(str(r.get("mode")), "asserted"), trigger=r["text"]))
            out.append((None, SimpleNamespace(events=evs)))
        return out, 0.0

    return run


class Targets:
    """``target_ok`` for the matcher: the target must match too (empty only with empty). A prediction's unit (one
    per trigger and actor) offers the targets of all its records. Records each accepted (prediction, gold) pair."""

    def __init__(self, gold_actor: GoldActor, check_target: bool) -> None:
        self.ga, self.check, self.siblings = gold_actor, check_target, {}  # type: ignore[var-annotated]
        self.matched: list[int] = []

    def index(self, runs: list[tuple[Any, Any]]) -> None:
        for _doc, ctx in runs:
            for e in ctx.events:
                self.siblings[id(e)] = [x for x in ctx.events if x.start == e.start and x.actor == e.actor and scored(x)]

    def __call__(self, e: Any, g: dict[str, Any]) -> bool:
        ok = True
        if self.check:
            cands = self.siblings.get(id(e), [e])
            if not g.get("target"):
                ok = any(not x.target and not x.target_text for x in cands)
            else:
                rec = self.ga.record(g["target"])
                ok = any((x.target or x.target_text)
                         and (_actor_match(x.target_text, x.target, x.target_country, rec)
                              or self.ga.head_match(g["target"], (x.target_text, x.target))) for x in cands)
        if ok:
            self.matched.append(id(g))
        return ok


def per_article(split: str, pred: Callable[..., Any], gold: list[dict[str, Any]], arts: list[dict[str, Any]],
                with_target: bool) -> tuple[list[tuple[int, int, int]], set[int]]:
    """(matched, predicted, gold) per article, and the ids of the gold records matched."""
    ga = GoldActor(GENERIC)
    rows, matched = [], set()
    for a in arts:
        h = half(gold, [a])
        targets = Targets(ga, with_target)
        runs, _ = pred(h[2])
        targets.index(runs)
        r = t17_events(split, lambda _arts, runs=runs: (runs, 0.0), False, _actor_match, GENERIC, half=h,
                       target_ok=targets)
        tp = round(r["f1"][1] * r["gold"])  # recall x gold: the matched count (no gold, no match)
        rows.append((tp, r["pred"], r["gold"]))
        matched |= set(targets.matched)
    return rows, matched


def f1(rows: Sequence[tuple[int, int, int]]) -> tuple[float, float, float]:
    tp, np_, ng = (sum(x[i] for x in rows) for i in range(3))
    p, r = (tp / np_ if np_ else 0.0), (tp / ng if ng else 0.0)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def interval(rows: Sequence[tuple[int, int, int]], n: int = 2000) -> tuple[float, float]:
    rng = random.Random(15)
    vals = sorted(f1([rows[rng.randrange(len(rows))] for _ in rows])[2] for _ in range(n))
    return vals[int(0.025 * n)], vals[int(0.975 * n) - 1]


def cell(rows: Sequence[tuple[int, int, int]]) -> str:
    p, r, f = f1(rows)
    lo, hi = interval(rows)
    return f"{f:.3f} (P {p:.3f} R {r:.3f}; {lo:.2f}-{hi:.2f})"


def main(argv: Sequence[str] | None = None) -> str:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--no-append", action="store_true")
    args = ap.parse_args(argv)
    v1 = t17_gold.load("events")["events"]
    a2 = json.loads(A2.read_text(encoding="utf-8"))["events"]
    ga = GoldActor(GENERIC)
    memo = Memo()
    lines = ["| half (articles) | comparison | gold n | pred n | actor+action F1 (P, R; 95 % CI) | actor+action+target F1 (P, R; 95 % CI) |",
             "|---|---|---|---|---|---|"]
    for split in ("tune", "check"):
        arts = annotated(split)
        label = f"{split} ({len(arts)} art.{', batch-1 sample' if split == 'tune' else ', all'})"
        n = {"v1": len(half(v1, arts)[0]), "a2": len(half(a2, arts)[0])}
        agree, matched = per_article(split, as_predictions(a2, ga), v1, arts, False)
        agree_t, _ = per_article(split, as_predictions(a2, ga), v1, arts, True)
        back, _ = per_article(split, as_predictions(v1, ga), a2, arts, False)
        back_t, _ = per_article(split, as_predictions(v1, ga), a2, arts, True)
        lines.append(f"| {label} | **a2 vs v1 gold** (a2 as predictions) | {n['v1']} | {n['a2']} | **{cell(agree)}** | {cell(agree_t)} |")
        lines.append(f"| {label} | v1 vs a2 (reverse direction) | {n['a2']} | {n['v1']} | {cell(back)} | {cell(back_t)} |")
        inter = [g for g in v1 if id(g) in matched]
        for name, gold in (("v1 gold", v1), ("a2", a2), ("intersection (v1 records a2 agrees with)", inter)):
            rows, _ = per_article(split, memo, gold, arts, False)
            rows_t, _ = per_article(split, memo, gold, arts, True)
            lines.append(f"| {label} | dateline vs {name} | {sum(r[2] for r in rows)} | {sum(r[1] for r in rows)} | "
                         f"{cell(rows)} | {cell(rows_t)} |")
    out = "\n".join(lines) + "\n"
    print(out)
    if not args.no_append:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=t17_gold.ROOT, capture_output=True,
                                text=True).stdout.strip()
        with RESULTS.open("a", encoding="utf-8") as f:
            f.write(f"\n## events IAA (bench/events_iaa.py) — {dt.date.today().isoformat()}, commit {commit}\n\n{out}")
    return out


if __name__ == "__main__":
    main(sys.argv[1:])
