"""Real-news event scoring for bench/events.py: the T17 gold in ``examples/t17_gold/events.json``.

A predicted event matches a gold event of the same article line (Timeline17 texts hold one sentence per line) with
the same action and an actor that matches (``actor_match``: a shared content word or the canonical name); gold and
predictions are matched one-to-one. Negated events are left out on both sides (a denial is not the action).
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

import t17_gold

from dateline.model import Article

Runner = Callable[[list[Article]], tuple[list[tuple[Any, Any]], float]]
ActorMatch = Callable[[str | None, str | None, str | None, dict[str, Any]], bool]


def _line(text: str, offset: int) -> int:
    return text.count("\n", 0, offset)


def t17_events(split: str, run: Runner, show_errors: bool, actor_match: ActorMatch) -> dict[str, Any]:
    gold_all = [g for g in t17_gold.load("events")["events"] if g.get("mode") != "negated"]
    arts = [a for a in t17_gold.articles() if a["split"] == split]
    articles = []
    for a in arts:
        row = t17_gold.article(a["topic"], a["article_id"])
        articles.append(Article(id=f"{a['topic']}/{a['article_id']}", text=row["text"], dct=row.get("time")))
    runs, _secs = run(articles)
    tp = n_pred = n_gold = mode_ok = mode_n = date_ok = date_n = 0
    errors: list[str] = []
    for a, art, (_doc, ctx) in zip(arts, articles, runs):
        gold = [g for g in gold_all if g["topic"] == a["topic"] and g["article_id"] == a["article_id"]]
        pred = [e for e in ctx.events if e.polarity != "negative"]
        n_pred += len(pred)
        n_gold += len(gold)
        used: set[int] = set()
        for g in gold:
            gl = _line(art.text, g["start"])
            hit = next((i for i, e in enumerate(pred) if i not in used and e.action == g["action"]
                        and _line(art.text, e.start) == gl
                        and actor_match(e.actor_text, e.actor, e.actor_country, {"actorText": g["actor"]})), None)
            if hit is None:
                errors.append(f"{art.id}: FN {g['actor']} {g['action']} {g.get('target')} @{g['text']}")
                continue
            used.add(hit)
            tp += 1
            e = pred[hit]
            mode_n += 1
            mode_ok += (e.modality == "asserted") == (g.get("mode", "asserted") == "asserted")
            if g.get("date"):
                date_n += 1
                date_ok += bool(e.date) and str(e.date).startswith(g["date"])
        for i, e in enumerate(pred):
            if i not in used:
                errors.append(f"{art.id}: FP {e.actor_text} {e.action} {e.target_text} @{e.trigger}")
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return {"articles": len(arts), "gold": n_gold, "pred": n_pred, "f1": (p, r, 2 * p * r / (p + r) if p + r else 0.0),
            "mode_ok": mode_ok, "mode_n": mode_n, "date_ok": date_ok, "date_n": date_n,
            "errors": errors if show_errors else []}
