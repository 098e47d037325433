"""Fit the weights of the story placement of undated articles (``dateline.fuse.redate.WEIGHTS``) on the tune half.

    python bench/undated_fit.py [--data DIR] [--errors] [--cv] [--l2 X] [--tol DAYS] [--drop F,F] [--augment K,K]
                                [--grid 'spread=1,1.5;lag=0.8,1'] [--interact] [--stash FILE]

The cases are ``bench/undated.py``'s: one article in six of every Timeline17 *tune* topic has its date hidden.
For each, the candidate days of its story and their features (``fuse.placing.FEATURES``) make one conditional
logit case (the true day must be a candidate); the weights maximise the mean log-probability of the true days,
with an L2 penalty. The check topics are never read here; ``--cv`` reports the share within 3 days of each tune
topic when the weights are fitted on the other tune topics (leave one topic out). ``--errors`` prints the tune articles placed more than
3 days off, with their evidence (for reading errors; check errors are not shown). ``--drop`` zeroes features
(ablation); ``--augment 0,1`` also trains on the tune topics with other articles hidden (i % 6 == k; their undated
extraction is cached under bench/cache/undated/), the scores staying on the standard cases; with ``--cv`` the
held-out topic's augmented cases are scored too (``--augment 0,1,2,3,4``: every tune article hidden once, about six
times the cases: a steadier model-selection signal). ``--grid`` refits and cross-validates each setting of the
kernel parameters of ``placing.features``; ``--stash`` keeps the cases' evidence in a file for the next run.
"""
from __future__ import annotations

import pickle
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path

import numpy as np
import t17  # noqa: E402  (puts src/ on sys.path)
import undated  # noqa: E402
from scipy.optimize import minimize  # noqa: E402

from dateline.fuse.placing import FEATURES, Evidence, features  # noqa: E402
from dateline.fuse.redate import PlaceConfig, Space, case, choose, place, stated  # noqa: E402
from dateline.model import Extraction  # noqa: E402

Case = tuple[np.ndarray, np.ndarray]  # (features of the candidate days, their offset in days from the true day)
Raw = tuple[Evidence, list[date], date]  # (the evidence, the candidate days, the true day): features recomputable
KERNEL = {"spread": 1.5, "lag": 0.8, "fact_decay": 3.0, "sharp": 0.05}  # placing.features' defaults


def built(raw: Raw, kernel: dict[str, float], interact: Sequence[int] = ()) -> Case:
    """A raw case's features with kernel parameters ``kernel`` (``placing.features``' keyword arguments);
    ``interact``: these features also times the top neighbour's similarity (an experiment: more columns)."""
    ev, days, true = raw
    x = np.stack([features(d, ev, **kernel) for d in days])
    if interact:
        x = np.hstack([x, x[:, list(interact)] * (ev.votes[0][1] if ev.votes else 0.0)])
    return x, np.array([(d - true).days for d in days])


def topic_cases(dated: Sequence[Extraction], hidden: Sequence[Extraction], truth: dict[str, str],
                cfg: PlaceConfig, errors: bool = False) -> tuple[list[Raw], int]:
    """The conditional-logit cases of one topic, and how many hidden articles had no case (no neighbour, or
    the true day not among the candidates)."""
    pairs = [(ex, d) for ex in dated if (d := stated(ex)) is not None]
    space = Space([ex for ex, _ in pairs], hidden)
    out: list[Raw] = []
    missed = 0
    for ex in hidden:
        true = date.fromisoformat(truth[ex.article.id])
        found = case(ex, pairs, space, cfg)
        days = found[1] if found else []
        if found is None or true not in days:
            missed += 1
        else:
            out.append((found[0], days, true))
        if errors:
            est = place(ex, pairs, space, cfg)
            if est is None or abs((date.fromisoformat(est.dct) - true).days) > 3:
                ev = found[0] if found else None
                print(f"== {ex.article.id} true {true} ({true:%a}) est {est.dct if est else None} "
                      f"({est.confidence if est else '-'})\n   {ex.article.text[:160]!r}")
                if ev is not None:
                    print(f"   votes {[(str(d), round(s, 2)) for d, s in ev.votes]}\n   facts {ev.facts} "
                          f"weekdays {ev.weekdays} deictic {ev.deictic} counted {ev.counted} same totals {ev.same_totals}")
    return out, missed


def nll(w: np.ndarray, cases: Sequence[Case], l2: float, tol: int) -> tuple[float, np.ndarray]:
    """Mean negative log-probability that the article appeared within ``tol`` days of the true day."""
    total, grad = 0.0, np.zeros_like(w)
    for x, off in cases:
        s = x @ w
        s = s - s.max()
        p = np.exp(s)
        p /= p.sum()
        near = np.abs(off) <= tol
        mass = float(p[near].sum()) + 1e-12
        total -= float(np.log(mass))
        grad -= (p[near] @ x[near]) / mass - p @ x
    n = max(len(cases), 1)
    return total / n + l2 * float(w @ w), grad / n + 2 * l2 * w


def picked_off(x: np.ndarray, off: np.ndarray, w: np.ndarray, tolerance: int,
               rule: tuple[float, float] | None = None) -> int:
    """How far from the true day the placement's choice (``redate.choose``) falls, with weights ``w``; ``rule``:
    (weight of the within-1 mass, of the day's own) in another choice rule (an experiment; redate's is (1, 1))."""
    s = x @ w
    p = np.exp(s - s.max())
    p /= p.sum()
    if rule is None:
        days = [date.fromordinal(730000 + int(o)) for o in off]
        return abs((choose(days, p, tolerance)[0] - date.fromordinal(730000)).days)
    gap = np.abs(off[:, None] - off[None, :])
    score = (gap <= tolerance).astype(float) @ p + rule[0] * ((gap <= 1).astype(float) @ p) + rule[1] * p
    return abs(int(off[int(np.argmax(score))]))


def augmented(topic_dir: Path, key: str, k: int) -> tuple[list[Extraction], list[Extraction], dict[str, str]]:
    """A topic with its articles i % 6 == k hidden (instead of bench/undated.py's i % 6 == 5): more tune cases."""
    exs, _ = t17.load_topic(topic_dir, None, key)
    truth = {ex.article.id: str(ex.article.dct) for i, ex in enumerate(exs) if i % undated.EVERY == k}
    dated = [ex for ex in exs if ex.article.id not in truth]
    return dated, undated._load_hidden(topic_dir, f"{key}.h{k}", truth), truth


def fit(cases: Sequence[Case], l2: float, tol: int, start: np.ndarray | None = None) -> tuple[np.ndarray, float]:
    res = minimize(nll, np.zeros(cases[0][0].shape[1]) if start is None else start, args=(cases, l2, tol), jac=True,
                   method="L-BFGS-B")
    return res.x, float(res.fun)


def _grid(spec: str) -> list[dict[str, float]]:
    """Kernel parameter settings from "spread=1,1.5;lag=0.8,1" (every combination, the rest at their defaults)."""
    out = [dict(KERNEL)]
    for part in [p for p in spec.split(";") if p]:
        name, values = part.split("=")
        out = [{**k, name: float(v)} for k in out for v in values.split(",")]
    return out


def main(argv: list[str] | None = None) -> int:
    ap = t17.data_args(__doc__)
    ap.add_argument("--errors", action="store_true", help="print the tune articles placed more than 3 days off")
    ap.add_argument("--cv", action="store_true", help="also report leave-one-topic-out within 3 days")
    ap.add_argument("--l2", type=float, default=0.01)
    ap.add_argument("--tol", type=int, default=3, help="fit the probability of falling within TOL days")
    ap.add_argument("--augment", default="", help="comma-separated residues k (0-4): also train on the tune topics "
                    "with the articles i %% 6 == k hidden instead (more cases; with --cv the held-out topic's "
                    "augmented cases are scored too, in a column of their own)")
    ap.add_argument("--grid", default="", help="kernel parameters of placing.features to try, e.g. "
                    "'spread=1,1.5,2;lag=0.6,0.8;fact_decay=2,3,5' (each setting refitted and cross-validated)")
    ap.add_argument("--stash", default="", help="a file to keep the cases' evidence in and read it back from "
                    "(an experiment's speed-up: stale once the placement code changes)")
    ap.add_argument("--interact", default="", help="comma-separated features (or 'all') also entered times the "
                    "top neighbour's similarity (an experiment)")
    ap.add_argument("--rules", default="", help="other choice rules to score with --cv: 'A,B;A,B' (weights of "
                    "the within-1 mass and of the day's own probability beside the within-3 mass; redate's is 1,1)")
    ap.add_argument("--drop", default="", help="comma-separated features left out (their column zeroed)")
    ap.add_argument("--no-figures", action="store_true", help="without the articles' figures (ablation)")
    args = ap.parse_args(argv)
    undated.FIGURES = not args.no_figures
    key = t17.extract_key()
    cfg = PlaceConfig()
    stash = Path(args.stash) if args.stash else None
    if stash is not None and stash.exists():  # the evidence of an earlier run (same code, same --augment)
        with open(stash, "rb") as fh:
            per_topic, extra, extra_missed = pickle.load(fh)
        if not args.augment:  # the stash's augmented cases left out
            extra, extra_missed = {name: [] for name in per_topic}, 0
    else:
        per_topic: dict[str, tuple[list[Raw], int]] = {}
        for topic_dir in t17.topics(args.data):
            if t17.half(topic_dir.name) != "tune":
                continue
            dated, hidden, truth = undated.topic_cases(topic_dir, key, None)
            if args.errors:
                print(f"# {topic_dir.name}")
            per_topic[topic_dir.name] = topic_cases(dated, hidden, truth, cfg, args.errors)
        extra: dict[str, list[Raw]] = {name: [] for name in per_topic}
        extra_missed = 0
        for k in [int(r) for r in args.augment.split(",") if r]:
            for topic_dir in t17.topics(args.data):
                if topic_dir.name in per_topic:
                    dated, hidden, truth = augmented(topic_dir, key, k)
                    got, m = topic_cases(dated, hidden, truth, cfg)
                    extra[topic_dir.name] += got
                    extra_missed += m
        if stash is not None:
            with open(stash, "wb") as fh:
                pickle.dump((per_topic, extra, extra_missed), fh)
    drop = [FEATURES.index(f) for f in args.drop.split(",") if f]
    rules = [(float(a), float(b)) for r in args.rules.split(";") if r for a, b in [r.split(",")]]
    inter = (list(range(len(FEATURES))) if args.interact == "all"
             else [FEATURES.index(f) for f in args.interact.split(",") if f])
    missed = sum(m for _, m in per_topic.values())
    n = sum(len(c) for c, _ in per_topic.values()) + missed
    n_extra = sum(len(c) for c in extra.values()) + extra_missed
    for kernel in _grid(args.grid):
        std = {name: [built(r, kernel, inter) for r in raws] for name, (raws, _) in per_topic.items()}
        ext = {name: [built(r, kernel, inter) for r in raws] for name, raws in extra.items()}
        for cs in [*std.values(), *ext.values()]:
            for x, _ in cs:
                x[:, drop] = 0.0
        cases = [c for cs in std.values() for c in cs]
        w0 = np.asarray(cfg.weights, float)
        w0 = np.concatenate([w0, np.zeros(cases[0][0].shape[1] - len(w0))])
        w, obj = fit(cases + [c for cs in ext.values() for c in cs], args.l2, args.tol, w0)
        picked = sum(picked_off(x, off, w, cfg.tolerance) <= 3 for x, off in cases)
        start = sum(picked_off(x, off, w0, cfg.tolerance) <= 3 for x, off in cases)
        print(f"kernel {kernel}: tune cases {len(cases)} (+{missed} without a case; augmented {n_extra - extra_missed}"
              f" +{extra_missed}); objective {obj:.3f}; within 3 days: {start}/{n} with the current weights -> "
              f"{picked}/{n}", flush=True)
        if args.cv:  # leave one topic out: fitted on the others, scored on it (and on its augmented cases)
            held, held_ext, held_ll = 0, 0, 0.0
            held_w: dict[str, np.ndarray] = {}
            for name, cs in std.items():
                wo = fit([c for other, o in std.items() if other != name for c in o + ext[other]], args.l2,
                         args.tol)[0]
                held_w[name] = wo
                held += sum(picked_off(x, off, wo, cfg.tolerance) <= 3 for x, off in cs)
                held_ext += sum(picked_off(x, off, wo, cfg.tolerance) <= 3 for x, off in ext[name])
                held_ll += nll(wo, cs, 0.0, args.tol)[0] * len(cs)
            for rule in rules:
                got = sum(picked_off(x, off, wo_, cfg.tolerance, rule) <= 3 for name, wo_ in held_w.items()
                          for x, off in std[name])
                got_ext = sum(picked_off(x, off, wo_, cfg.tolerance, rule) <= 3 for name, wo_ in held_w.items()
                              for x, off in ext[name])
                insample = sum(picked_off(x, off, w, cfg.tolerance, rule) <= 3 for x, off in cases)
                print(f"  choice rule {rule}: in-sample {insample}/{n}; leave one topic out {got}/{n}, augmented "
                      f"{got_ext}/{n_extra}, all {got + got_ext}/{n + n_extra}")
            print(f"  leave one topic out: {held / n:.1%} ({held}/{n}) within 3 days; held-out objective "
                  f"{held_ll / max(len(cases), 1):.3f}" + (f"; augmented held out {held_ext}/{n_extra} "
                  f"({held_ext / n_extra:.1%}), all {held + held_ext}/{n + n_extra}" if n_extra else ""), flush=True)
    for name, v in zip([*FEATURES, *(f"{FEATURES[i]}*top" for i in inter)], w):
        print(f"  {name:14s} {v:+.2f}")
    print("WEIGHTS = (" + ", ".join(f"{v:.2f}" for v in w) + ")")
    return 0


if __name__ == "__main__":
    sys.exit(main())
