"""Fit the learned "same few days" pair model (``dateline.fuse.pairs.PAIR_WEIGHTS``) on the tune half.

    python bench/undated_pairs.py [--data DIR] [--l2 X]

The pairs are those of the *dated* articles of every Timeline17 tune topic (``bench/undated.py``'s split: the
articles whose date is hidden there are left out): for each dated article and each other dated article of its
topic, the pair features (``fuse.pairs.PAIR_FEATURES``) and whether their stated days lie within 3 days of each
other. A logistic regression (L2) is fitted on them; printed: per tune topic, the log-loss and ROC AUC when
fitted on the other tune topics (leave one topic out) beside those of the similarity alone, and the weights fitted
on all tune topics. The check topics are never read.
"""
from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import t17  # noqa: E402  (puts src/ on sys.path)
import undated  # noqa: E402
from scipy.optimize import minimize  # noqa: E402

from dateline.fuse.pairs import PAIR_FEATURES  # noqa: E402
from dateline.fuse.redate import Space, stated  # noqa: E402
from dateline.model import Extraction  # noqa: E402

Pairs = tuple[np.ndarray, np.ndarray]  # (features, label: within 3 days)


def topic_pairs(dated: Sequence[Extraction], hidden: Sequence[Extraction], tolerance: int = 3) -> Pairs:
    """The pair features and labels of every ordered pair of a topic's dated articles."""
    pairs = [(ex, d) for ex in dated if (d := stated(ex)) is not None]
    space = Space([ex for ex, _ in pairs], hidden)
    ords = np.array([d.toordinal() for _, d in pairs])
    xs, ys = [], []
    for i, (ex, d) in enumerate(pairs):
        mine = space.passages[i]
        shared = np.array([0.0 if j == i else sum(1.0 / (space.passage_df[g] - 1) for g in mine & ps
                                                   if space.passage_df[g] - 1 <= 5)
                           for j, ps in enumerate(space.passages)])
        x = space.pair_index.features(ex.article.text, space.sims(ex), space.lead_sims(ex), shared, own=i)
        keep = np.arange(len(pairs)) != i
        xs.append(x[keep])
        ys.append(np.abs(ords[keep] - d.toordinal()) <= tolerance)
    return np.concatenate(xs), np.concatenate(ys).astype(float)


def nll(w: np.ndarray, x: np.ndarray, y: np.ndarray, l2: float) -> tuple[float, np.ndarray]:
    z = x @ w
    p = 1.0 / (1.0 + np.exp(-z))
    eps = 1e-12
    loss = -float(np.mean(y * np.log(p + eps) + (1 - y) * np.log(1 - p + eps)))
    return loss + l2 * float(w[:-1] @ w[:-1]), x.T @ (p - y) / len(y) + 2 * l2 * np.append(w[:-1], 0.0)


def fit(x: np.ndarray, y: np.ndarray, l2: float = 0.001) -> np.ndarray:
    out: np.ndarray = minimize(nll, np.zeros(x.shape[1]), args=(x, y, l2), jac=True, method="L-BFGS-B").x
    return out


def auc(score: np.ndarray, y: np.ndarray) -> float:
    from scipy.stats import rankdata

    r = rankdata(score)
    pos = y > 0.5
    n1, n0 = int(pos.sum()), int((~pos).sum())
    return float((r[pos].sum() - n1 * (n1 + 1) / 2) / max(n1 * n0, 1))


def tune_pairs(data: Path) -> dict[str, Pairs]:
    key = t17.extract_key()
    out = {}
    for topic_dir in t17.topics(data):
        if t17.half(topic_dir.name) == "tune":
            dated, hidden, _ = undated.topic_cases(topic_dir, key, None)
            out[topic_dir.name] = topic_pairs(dated, hidden)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = t17.data_args(__doc__)
    ap.add_argument("--l2", type=float, default=0.001)
    args = ap.parse_args(argv)
    per_topic = tune_pairs(args.data)
    print("| topic | pairs | within 3 days | log-loss (LOTO) | AUC (LOTO) | AUC similarity alone |\n|---|---|---|---|---|---|")
    for name, (x, y) in per_topic.items():
        w = fit(np.concatenate([o[0] for t, o in per_topic.items() if t != name]),
                np.concatenate([o[1] for t, o in per_topic.items() if t != name]), args.l2)
        loss = nll(w, x, y, 0.0)[0]
        print(f"| {name} | {len(y)} | {y.mean():.1%} | {loss:.3f} | {auc(x @ w, y):.3f} | {auc(x[:, 0], y):.3f} |")
    w = fit(np.concatenate([o[0] for o in per_topic.values()]), np.concatenate([o[1] for o in per_topic.values()]),
            args.l2)
    for name, v in zip(PAIR_FEATURES, w):
        print(f"  {name:10s} {v:+.3f}")
    print("PAIR_WEIGHTS = (" + ", ".join(f"{v:.3f}" for v in w) + ")")
    return 0


if __name__ == "__main__":
    sys.exit(main())
