"""Real-news figures gold (``examples/t17_gold/figures.json``, the 16 Timeline17 articles of ``articles.json``,
tune/check by topic, plus the figures-only ``extra_tune_articles`` / ``extra_check_articles`` scored with the tune /
check half): the default components up to ``figures`` on each article (its Timeline17 date as DCT), scored per split.

- **Value match**: a predicted figure matches a gold one when the values are equal (relative tolerance 1e-3; a
  range needs both ends) and the spans overlap; one-to-one, greedy in text order. P/R/F1 over figures.
- Over matched figures (accuracies): **category** (equal), **source** (both empty, or one contains the other,
  case-insensitive, leading article dropped), **as-of** (equal, at the gold's precision: a gold "2007" needs
  "2007"), **kind** (equal), **scope where the gold has one** (one contains the other's content words, case-
  insensitive: "Australia" / "in Australia"; "on 2010-04-20" needs that day; or both name the same gazetteer
  place as a whole: "the US" / "in the United States", "Britain" / "the UK"), **no scope where the gold has none**
  (the prediction is empty too: the precision side of scope), **qualifier** (equal).
"""
from __future__ import annotations

import functools
import re
from typing import Any

import t17_gold

from dateline.model import Article

_STOPWORDS = frozenset({"the", "a", "an", "in", "of", "on"})


def close(a: float, b: float) -> bool:
    return abs(a - b) <= max(1e-6, 1e-3 * max(abs(a), abs(b)))


def _src(s: str | None) -> str:
    s = re.sub(r"\s+(?=['’]s\b)", "", (s or "").strip().lower())  # tokenized text: "Bulgaria 's"
    for det in ("the ", "a ", "an "):
        if s.startswith(det):
            s = s[len(det):]
    return s


def source_ok(pred: str | None, gold: str | None) -> bool:
    p, g = _src(pred), _src(gold)
    if not p and not g:
        return True
    return bool(p and g) and (p in g or g in p)


def scope_ok(pred: str | None, gold: str) -> bool:
    words = lambda s: {w for w in re.findall(r"[\w-]+", (s or "").lower()) if w not in _STOPWORDS}  # noqa: E731
    p, g = words(pred), words(gold)
    if bool(p and g) and (p <= g or g <= p):
        return True
    place_p, place_g = _place(pred), _place(gold)  # one place by two names: "the US" / "in the United States"
    return place_p is not None and place_p == place_g


_PLACE_PREPS = re.compile(r"^(?:(?:in|inside|across|throughout|at|to)\s+)?(?:the\s+)?", re.I)


@functools.cache
def _gazetteer() -> Any:
    from dateline.extract.places.gazetteer import load_gazetteer
    return load_gazetteer()


def _place(scope: str | None) -> tuple[str, str | None] | None:
    """The gazetteer place a scope names as a whole ("in the US" -> United States), None when it is no place."""
    name = _PLACE_PREPS.sub("", (scope or "").strip())
    loc = _gazetteer().best(name) if name else None
    return (loc.name, loc.country) if loc is not None else None


def _match(f: Any, g: dict[str, Any]) -> bool:
    if not (f.start < g["end"] and g["start"] < f.end) or f.value is None or not close(f.value, g["value"]):
        return False
    if g.get("value_max") is not None:
        return f.value_max is not None and close(f.value_max, g["value_max"])
    return True


def _batches() -> dict[str, tuple[list[dict[str, Any]], list[dict[str, Any]]]]:
    """split -> (articles, gold figures): tune and check of figures.json, and tune_new (figures_s8.json) when there."""
    data = t17_gold.load("figures")
    out = {split: (t17_gold.articles(split) + data.get(f"extra_{split}_articles", []), data["figures"])
           for split in ("tune", "check")}
    if (t17_gold.GOLD / "figures_s8.json").exists():
        new = t17_gold.load("figures_s8")
        out["tune_new"] = (new["articles"], new["figures"])
    if (t17_gold.GOLD / "figures_scope_blind12.json").exists():  # session 12: scope-only blind batch
        new = t17_gold.load("figures_scope_blind12")
        out["blind_scope"] = (new["articles"], new["figures"])
    if (t17_gold.GOLD / "figures_scope_train12.json").exists():  # session 12: scope-only batch to train the chooser
        new = t17_gold.load("figures_scope_train12")
        out["train_s12"] = (new["articles"], new["figures"])
    return out


def score(pipe: Any) -> dict[str, dict[str, Any]]:
    """{"tune": ..., "check": ..., "tune_new": ...}: counts, value P/R/F1, accuracies over matched figures, error
    lines."""
    out: dict[str, dict[str, Any]] = {}
    for split, (listed, gold) in _batches().items():
        res: dict[str, Any] = {"articles": 0, "pred": 0, "gold": 0, "tp": 0, "errors": [],
                               "acc": {k: [0, 0] for k in ("category", "source", "as_of", "kind", "scope",
                                                           "no_scope", "qualifier")}}
        for a in listed:
            rec = t17_gold.article(a["topic"], a["article_id"])
            art = Article(id=f"{a['topic']}/{a['article_id']}", text=rec["text"], dct=rec.get("time"))
            preds = list(pipe(art).figures)
            golds = [g for g in gold if g["topic"] == a["topic"] and g["article_id"] == a["article_id"]]
            res["articles"] += 1
            res["pred"] += len(preds)
            res["gold"] += len(golds)
            used: set[int] = set()
            for f in preds:
                k = next((k for k, g in enumerate(golds) if k not in used and _match(f, g)), None)
                if k is None:
                    res["errors"].append(f"{art.id}: FP {f.text!r} {f.category}")
                    continue
                used.add(k)
                res["tp"] += 1
                g = golds[k]
                checks = {} if "category" not in g else {  # a scope-only batch annotates value, offsets and scope
                    "category": f.category == g["category"], "source": source_ok(f.source, g["source"]),
                    "as_of": (f.as_of or "")[:len(g["as_of"])] == g["as_of"] and
                    len((f.as_of or "")[:10]) == len(g["as_of"]),
                    "kind": getattr(f, "kind", None) == g["kind"], "qualifier": (f.qualifier or None) == g["qualifier"]}
                if g.get("scope"):
                    checks["scope"] = scope_ok(f.scope, g["scope"])
                else:
                    checks["no_scope"] = not f.scope  # the other side of scope: none where the gold has none
                for key, ok in checks.items():
                    res["acc"][key][0] += int(ok)
                    res["acc"][key][1] += 1
                    if not ok:
                        field = "scope" if key == "no_scope" else key
                        res["errors"].append(f"{art.id}: {key} {f.text!r} {getattr(f, field, None)!r} != "
                                             f"{g.get(field)!r}")
            res["errors"] += [f"{a['topic']}/{a['article_id']}: FN {rec['text'][g['start']:g['end']]!r} "
                              f"{g.get('category')}"
                              for k, g in enumerate(golds) if k not in used]
        out[split] = res
    return out


def f1(res: dict[str, Any]) -> tuple[float, float, float]:
    p = res["tp"] / res["pred"] if res["pred"] else 0.0
    r = res["tp"] / res["gold"] if res["gold"] else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def rows(results: dict[str, dict[str, Any]]) -> list[str]:
    lines = ["| T17 real news | articles | pred | gold | value P | value R | value F1 | category | source | as-of "
             "| kind | scope (gold has one) | no scope (gold has none) | qualifier |",
             "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for split, res in results.items():
        p, r, f = f1(res)
        acc = " | ".join(f"{a / n:.3f} (n={n})" if n else "- (n=0)" for a, n in res["acc"].values())
        lines.append(f"| {split} | {res['articles']} | {res['pred']} | {res['gold']} | {p:.3f} | {r:.3f} | {f:.3f} "
                     f"| {acc} |")
    return lines
