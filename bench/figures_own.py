"""The sample corpus's own hand gold for figures (``examples/gold/<article_id>.json``, built by
``bench/gold_tools.py``): the default components up to ``figures`` on each ingested article; value and
value+category F1, and qualifier / as_of / scope / source accuracy over matched figures (see bench/figures.py)."""
from __future__ import annotations

import json
import re
import sys
import time
from pathlib import Path
from typing import Any

from dateline.extract.figures.component import find_quantities
from dateline.extract.figures.lexicon import load_lexicon
from dateline.extract.nlp import load_nlp
from dateline.extract.registry import Context, get_factory
from figures_t17 import close

ROOT = Path(__file__).resolve().parents[1]
GOLD_DIR = ROOT / "examples" / "gold"


def _load_own_gold() -> tuple[list[dict[str, Any]], dict[str, Any]] | None:
    """(gold dicts with figures, article id -> ingested Article) or None when there is no gold yet."""
    try:
        import gold_tools  # type: ignore[import-not-found]
    except ImportError:
        return None
    if not hasattr(gold_tools, "load_gold") or not GOLD_DIR.is_dir():
        return None
    golds = []
    for path in sorted(GOLD_DIR.glob("*.json")):
        if path.name == "stories.json":
            continue
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except json.JSONDecodeError as e:  # a file being written right now
            print(f"own gold: skipping unreadable {path.name}: {e}", file=sys.stderr)
            continue
        if isinstance(data.get("figures"), list) and data.get("article", {}).get("id"):
            golds.append(data)
    if not golds:
        return None
    articles = gold_tools.ingested()
    return [g for g in golds if g["article"]["id"] in articles], articles


def _qual(q: str | None) -> str | None:
    if not q:
        return None
    lex = load_lexicon()
    key = tuple(q.lower().split())
    hit = lex.qualifiers_before.get(key) or lex.qualifiers_after.get(key)
    return hit[0] if hit else q.lower()


def _src(s: str | None) -> str:
    s = (s or "").strip().lower()
    for det in ("the ", "a ", "an "):
        if s.startswith(det):
            s = s[len(det):]
    return s


def _category(c: str | None) -> str:
    """Category compared without a unit note: "oil spilled (tonnes)" == "oil spilled"."""
    return re.sub(r"\s*\(.*?\)\s*$", "", (c or "").lower()).strip()


def own_gold() -> dict[str, Any] | None:
    loaded = _load_own_gold()
    if loaded is None:
        return None
    golds, articles = loaded
    from dateline.extract import Pipeline
    from dateline.extract.pipeline import DEFAULT_COMPONENTS

    # the default components up to figures (those after it cannot change figures)
    pipe = Pipeline(DEFAULT_COMPONENTS[:DEFAULT_COMPONENTS.index("figures") + 1])
    n_pred = n_gold = tp = tp_cat = 0
    acc = {"qualifier": [0, 0], "as_of": [0, 0], "scope": [0, 0], "source": [0, 0]}
    errors: list[str] = []
    for g in golds:
        art = articles[g["article"]["id"]]
        ex = pipe(art)
        preds = list(ex.figures)
        gold = list(g["figures"])
        n_pred += len(preds)
        n_gold += len(gold)
        used: set[int] = set()
        for f in preds:
            k = next((k for k, gf in enumerate(gold) if k not in used and gf.get("value") is not None
                      and close(float(gf["value"]), float(f.value or 0.0))
                      and f.start < int(gf["end"]) and int(gf["start"]) < f.end), None)
            if k is None:
                errors.append(f"{art.id}: FP {f.text!r} {f.category}")
                continue
            used.add(k)
            gf = gold[k]
            tp += 1
            if _category(f.category) == _category(gf.get("category")):
                tp_cat += 1
            else:
                errors.append(f"{art.id}: category {f.text!r} {f.category!r} != {gf.get('category')!r}")
            for key, ok in (("qualifier", _qual(f.qualifier) == _qual(gf.get("qualifier"))),
                            ("as_of", (f.as_of or "")[:10] == (gf.get("as_of") or "")[:10]),
                            ("scope", (f.scope or "").lower() == (gf.get("scope") or "").lower()),
                            ("source", _src(f.source) in _src(gf.get("source")) or
                             _src(gf.get("source")) in _src(f.source) if (f.source or gf.get("source"))
                             else True)):
                acc[key][1] += 1
                acc[key][0] += int(bool(ok))
                if not ok:
                    errors.append(f"{art.id}: {key} {f.text!r} {getattr(f, key)!r} != {gf.get(key)!r}")
        for k, gf in enumerate(gold):
            if k not in used:
                errors.append(f"{art.id}: FN {gf.get('text')!r} {gf.get('category')}")

    # speed on whole articles: the figures component alone vs the spaCy pass over the same texts
    texts = [articles[g["article"]["id"]].text for g in golds]
    nlp = load_nlp()
    t0 = time.perf_counter()
    docs = list(nlp.pipe(texts))
    t_spacy = time.perf_counter() - t0
    time_component = get_factory("time")()
    t_fig = 0.0
    for doc, g in zip(docs, golds):
        art = articles[g["article"]["id"]]
        ctx = Context(article=art)
        time_component(doc, ctx)
        t1 = time.perf_counter()
        find_quantities(doc, timexes=ctx.timexes, dct=art.dct)
        t_fig += time.perf_counter() - t1

    def f1(t: int) -> tuple[float, float, float]:
        p = t / n_pred if n_pred else 0.0
        r = t / n_gold if n_gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    return {"articles": len(golds), "pred": n_pred, "gold": n_gold, "value": f1(tp), "value_cat": f1(tp_cat),
            "acc": {k: (v[0] / v[1] if v[1] else None, v[1]) for k, v in acc.items()}, "errors": errors,
            "t_spacy": t_spacy, "t_fig": t_fig}


