"""Train and score a learned scope chooser (``bench/scope_learned.py``, issue 20, session 12) on the real-news
scope gold. An experiment: the chooser did not hold (bench/RESULTS.md), so no model is shipped; ``--write`` keeps
the weights in a JSON file for a later try.

    python bench/scope_train.py [--c C] [--train tune,tune_new[,train_s12]] [--fill] [--no-rule] [--eval]
                                [--cache FILE] [--write FILE]

Training data: the matched figures of the T17 *tune* half (figures.json, tune articles and extra tune articles)
and the session 8 batch (figures_s8.json, ``tune_new``), and (``--train``) the session 12 batch the rules were never
fitted to (figures_scope_train12.json, ``train_s12``; its rule features are learned apart from the read batches'
ones, feature augmentation). Each figure's candidates are read right after the figures component's own
``_attribute`` (the rules' scope kept); a candidate is right when it is the empty
scope and the gold has none, or ``figures_t17.scope_ok`` holds against the gold's scope. The model is a
conditional logit over each figure's candidates (the log of the probability mass on its right candidates, L2
penalty 1/C), fitted with L-BFGS. Figures none of whose candidates is right are left out of the fit (reported as
the oracle's misses).

Printed: per batch, the figures, how many have a right candidate (oracle), and the chooser's accuracy on scope
(gold has one) and no scope (gold has none): for tune and tune_new leave-one-batch-out (trained on the other) and
in-sample; with ``--eval`` also the check half and the session 12 blind batch — scores only, never their items.
"""
from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

import numpy as np  # noqa: E402
from scipy.optimize import minimize  # noqa: E402

import figures_t17  # noqa: E402
import t17_gold  # noqa: E402
import scope_learned  # noqa: E402
from dateline.extract.figures import component  # noqa: E402
from dateline.extract.figures.context import path_up  # noqa: E402
from dateline.extract.time import component as _timex  # noqa: E402,F401
from dateline.model import Article  # noqa: E402
TRAIN = ("tune", "tune_new")
FRESH = ("train_s12",)  # batches the rules were never fitted to

Group = tuple[list[dict[str, float]], list[int], bool]  # candidates' features, right (1/0), gold has a scope


RECORDED: list[tuple[Any, list[scope_learned.Candidate]]] = []


def _recording(original: Any) -> Any:
    def attribute(doc: Any, q: Any, times: Any, statements: Any, lex: Any, before: Any) -> None:
        original(doc, q, times, statements, lex, before)
        anchor = q.counted.anchor if q.counted.anchor is not None else doc[q.num.root_i]
        RECORDED.append((q, scope_learned.scope_candidates(
            path_up(anchor), q.counted.noun if not q.counted.inherited else None, q.scope, q.unit_kind, q.category,
            lex)))
    return attribute


def collect(pipe: Any) -> dict[str, list[Group]]:
    original = component._attribute
    component._attribute = _recording(original)
    try:
        return _collect(pipe)
    finally:
        component._attribute = original


def _collect(pipe: Any) -> dict[str, list[Group]]:
    out: dict[str, list[Group]] = {}
    for split, (listed, gold) in figures_t17._batches().items():
        groups: list[Group] = []
        for a in listed:
            rec = t17_gold.article(a["topic"], a["article_id"])
            art = Article(id=f"{a['topic']}/{a['article_id']}", text=rec["text"], dct=rec.get("time"))
            RECORDED.clear()
            pipe(art)
            recorded = list(RECORDED)
            golds = [g for g in gold if g["topic"] == a["topic"] and g["article_id"] == a["article_id"]]
            used: set[int] = set()
            for q, cands in recorded:
                k = next((k for k, g in enumerate(golds) if k not in used and figures_t17._match(q, g)), None)
                if k is None:
                    continue
                used.add(k)
                g = golds[k].get("scope")
                right = []
                for c in cands:
                    text = q.scope if "rule" in c.feats else c.text  # the rules' '<there>' as resolved
                    right.append(int(not text) if not g else int(bool(text) and figures_t17.scope_ok(text, g)))
                groups.append(([c.feats for c in cands], right, bool(g)))
        out[split] = groups
    return out


def fit(groups: list[Group], c: float) -> dict[str, float]:
    names = sorted({k for feats, right, _ in groups if any(right) for f in feats for k in f})
    index = {n: i for i, n in enumerate(names)}
    mats = []
    for feats, right, _ in groups:
        if not any(right):
            continue
        x = np.zeros((len(feats), len(names)))
        for r, f in enumerate(feats):
            for k, v in f.items():
                x[r, index[k]] = v
        mats.append((x, np.array(right, dtype=bool)))

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        total, grad = 0.5 / c * float(w @ w), w / c
        for x, right in mats:
            s = x @ w
            m = s.max()
            p = np.exp(s - m)
            z = p.sum()
            zr = p[right].sum()
            total -= math.log(zr) - math.log(z)
            grad = grad - (x[right].T @ (p[right] / zr)) + x.T @ (p / z)
        return total, grad

    res = minimize(loss, np.zeros(len(names)), jac=True, method="L-BFGS-B", options={"maxiter": 500})
    return {n: round(float(v), 4) for n, v in zip(names, res.x) if abs(v) > 1e-4}


def read_copy(g: Group) -> Group:
    """A figure of a batch the rules were fitted to: the features that say what the rules did get their own names
    ('read:rule'), so the weight used on new text is learned from the fresh batch only (feature augmentation)."""
    rename = lambda k: f"read:{k}" if k.startswith(("rule", "in_rule", "none:rule_")) else k  # noqa: E731
    return [{rename(k): v for k, v in f.items()} for f in g[0]], g[1], g[2]


def folds(groups: list[Group], k: int) -> list[tuple[list[Group], list[Group]]]:
    """k contiguous folds (the groups are in article order, so a fold holds whole articles, nearly)."""
    n = len(groups)
    cuts = [round(i * n / k) for i in range(k + 1)]
    return [(groups[:cuts[i]] + groups[cuts[i + 1]:], groups[cuts[i]:cuts[i + 1]]) for i in range(k)]


def fill_groups(groups: list[Group]) -> list[Group]:
    """The figures the rules leave without a scope (``--fill``: the model only fills those)."""
    return [g for g in groups if not any("rule" in f for f in g[0])]


def without_rule(g: Group) -> Group:
    """A figure's candidates without the rules' own and without the feature that says the rules agree."""
    keep = [i for i, f in enumerate(g[0]) if "rule" not in f]
    feats = [{k: v for k, v in g[0][i].items() if k not in ("in_rule", "none:rule_empty", "none:rule_set")}
             for i in keep]
    return feats, [g[1][i] for i in keep], g[2]


def accuracy(groups: list[Group], w: dict[str, float] | None, fill: bool = False) -> tuple[str, str, str]:
    """(scope where the gold has one, no scope where it has none, oracle) as 'acc (n)'."""
    hit = {True: [0, 0], False: [0, 0]}
    oracle = 0
    for feats, right, has in groups:
        rule = next((i for i, f in enumerate(feats) if "rule" in f), None)
        if w is None or fill and rule is not None:  # the rules: the 'rule' candidate, else none
            pick = rule or 0
        else:
            pick = max(range(len(feats)), key=lambda i: sum(w.get(k, 0.0) * v for k, v in feats[i].items()))
        hit[has][0] += right[pick]
        hit[has][1] += 1
        oracle += int(any(right))
    fmt = lambda a, n: f"{a / n:.3f} (n={n})" if n else "-"  # noqa: E731
    return fmt(*hit[True]), fmt(*hit[False]), f"{oracle}/{len(groups)}"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--c", type=float, default=1.0, help="inverse L2 penalty")
    ap.add_argument("--eval", action="store_true", help="also score check and the blind batch (scores only)")
    ap.add_argument("--write", default=None, help="write the weights to this JSON file")
    ap.add_argument("--no-rule", action="store_true", help="the parse's candidates only: no rules' candidate")
    ap.add_argument("--train", default="tune,tune_new", help="batches to train on (comma-separated)")
    ap.add_argument("--fill", action="store_true", help="keep the rules' scope; the model only fills empty ones")
    ap.add_argument("--cache", default=None, help="pickle of the collected candidates (reused when present)")
    args = ap.parse_args()
    import pickle
    if args.cache and Path(args.cache).exists():
        data = pickle.loads(Path(args.cache).read_bytes())
    else:
        from dateline.extract import Pipeline
        from dateline.extract.pipeline import DEFAULT_COMPONENTS
        data = collect(Pipeline(DEFAULT_COMPONENTS[:DEFAULT_COMPONENTS.index("figures") + 1]))
        if args.cache:
            Path(args.cache).write_bytes(pickle.dumps(data))
    if args.no_rule:
        data = {k: [without_rule(g) for g in v] for k, v in data.items()}
    sel = fill_groups if args.fill else (lambda gs: gs)
    train = args.train.split(",")
    fresh = [s for s in train if s in FRESH]

    def training(splits: list[str], skip: list[Group] | None = None) -> list[Group]:
        out = []
        for s in splits:
            out += [g if s in FRESH or not fresh else read_copy(g) for g in data[s] if skip is None or g not in skip]
        return sel(out)

    w_all = fit(training(train), args.c)
    if fresh:
        print("| fold (fresh batch, k=5) | scope | no scope |\n|---|---|---|")
        tot = {True: [0, 0], False: [0, 0]}
        for k, (_, test) in enumerate(folds(data[fresh[0]], 5)):
            w = fit(training(train, test), args.c)
            a, b, _ = accuracy(test, w, args.fill)
            print(f"| {k} | {a} | {b} |")
            for has in (True, False):
                for g in test:
                    if g[2] == has:
                        tot[has][1] += 1
        base = accuracy(data[fresh[0]], None)
        print(f"rules on {fresh[0]}: scope {base[0]}, no scope {base[1]}")
    print("| batch | figures | oracle | rules: scope | rules: no scope | chooser: scope | chooser: no scope | mode |")
    print("|---|---|---|---|---|---|---|---|")
    for split in TRAIN:
        other = fit(training([s for s in train if s != split]), args.c)
        r, c = accuracy(data[split], None), accuracy(data[split], other, args.fill)
        print(f"| {split} | {len(data[split])} | {r[2]} | {r[0]} | {r[1]} | {c[0]} | {c[1]} | trained on the other |")
        c = accuracy(data[split], w_all, args.fill)
        print(f"| {split} | {len(data[split])} | {r[2]} | {r[0]} | {r[1]} | {c[0]} | {c[1]} | in-sample |")
    if args.eval:
        for split in data:
            if split in train:
                continue
            r, c = accuracy(data[split], None), accuracy(data[split], w_all, args.fill)
            print(f"| {split} | {len(data[split])} | {r[2]} | {r[0]} | {r[1]} | {c[0]} | {c[1]} | held out |")
    print(f"{len(w_all)} weights, C={args.c}")
    if args.write:
        Path(args.write).write_text(json.dumps({"about": "learned scope chooser (bench/scope_train.py): conditional logit "
                                     f"over each figure's scope candidates, trained on T17 tune + tune_new, C={args.c}",
                                     "fill_only": args.fill, "weights": dict(sorted(w_all.items()))}, indent=0) + "\n", encoding="utf-8")
        print(f"wrote {args.write}")


if __name__ == "__main__":
    main()
