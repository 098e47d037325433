"""Train the learned attribution model (``dateline.extract.statements.learned``) on PolNeAR train.

    python bench/attribution_train.py [--out PATH] [--epochs 6] [--limit N] [--no-boundary]

Candidates are the rules' broad output (``broad=True, learned=False``) on PolNeAR train (all 840 articles).
1. **Boundary ranker**: for each candidate whose cue is a gold cue, the content alternatives of
   ``statements.boundaries.variants`` (the rules' span, the content head's subtree, cumulative runs of the cue's
   and the head's dependents, the rest of the sentence, ...) compete in a softmax (listwise logistic ranking by
   AdaGrad, L2, fixed seed); the positives are the alternatives matching the gold content (Jaccard ≥ 0.5).
2. **Filter**: each candidate, its span chosen by the ranker, is positive when its content matches a gold
   content one-to-one (character Jaccard ≥ 0.5, as ``bench/attribution.py`` scores). Logistic regression by
   AdaGrad SGD with L2, fixed seed, features seen at least twice.
The decision threshold maximises content F1 on the *tune* half of PolNeAR dev (the articles whose sorted index
is even; the odd ones are the *check* half, never read here). Writes both weight sets as JSON to
``src/dateline/resources/statements/attribution_model.json``. About 8 minutes on a loaded 2-core machine after
the spaCy parse of train (cached in ``bench/cache/polnear``; ~20 minutes the first time).
"""
from __future__ import annotations

import argparse
import json
import math
import random
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import attribution as A  # noqa: E402

from dateline.extract.statements.boundaries import variant_features, variants  # noqa: E402
from dateline.extract.statements.learned import MODEL_FILE, candidate_features, rebound  # noqa: E402

OUT = A.ROOT / "src" / "dateline" / "resources" / "statements" / MODEL_FILE
WIDE = {"broad": True, "learned": False}
SEED = 16


def candidates(split: str, limit: int | None, half: str | None = None) -> tuple[list[A.GoldDoc], list, list[list]]:
    docs = A.load_polnear(split, limit)
    parsed = A.parse_docs(docs, split)
    if half is not None:
        keep = [i for i in range(len(docs)) if (i % 2 == 0) == (half == "tune")]
        docs, parsed = [docs[i] for i in keep], [parsed[i] for i in keep]
    return docs, parsed, A.run(docs, parsed, WIDE)


def boundary_examples(docs: list[A.GoldDoc], parsed: list, preds: list[list]) -> list[tuple[list[list[str]], list[int]]]:
    """One group per candidate whose cue is a gold cue and one of whose alternative spans matches that
    attribution's gold content (Jaccard at least 0.5, as scored): the features of each alternative, positive
    when it matches."""
    groups: list[tuple[list[list[str]], list[int]]] = []
    for d, doc, stmts in zip(docs, parsed, preds):
        for s in stmts:
            if s.cue_start is None:
                continue
            cue = A._chars(d.text, [(s.cue_start, s.cue_end)])
            gold = [a.content for a in d.attributions if a.cue & cue]
            if len(gold) != 1:
                continue
            alts = variants(doc, s)
            if len(alts) < 2:
                continue
            js = [A.jaccard(A._chars(d.text, [v[0]]), gold[0]) for v in alts]
            best = max(js)
            if best < 0.5:
                continue
            tok = doc.char_span(s.cue_start, s.cue_end, alignment_mode="expand")
            lem = tok.root.lemma_.lower() if tok is not None and len(tok) else "-"
            groups.append(([list(variant_features(doc, s, v[0], v[1], v[2], lem)) for v in alts],
                           [int(j >= 0.5) for j in js]))
    return groups


def _start(counts: Counter[str], n: int) -> tuple[set[str], dict[str, float], dict[str, float], list[int],
                                                 random.Random]:
    """AdaGrad's starting state: the features seen at least twice, zero weights, the example order and RNG."""
    vocab = {f for f, c in counts.items() if c >= 2}
    return vocab, {f: 0.0 for f in vocab}, {f: 1e-8 for f in vocab}, list(range(n)), random.Random(SEED)


def train_ranker(groups: list[tuple[list[list[str]], list[int]]], epochs: int, l2: float = 1e-6,
                 lr: float = 0.3) -> dict[str, float]:
    """Listwise logistic (softmax) ranking by AdaGrad: the alternatives of one candidate compete; the gold
    distribution is uniform over the positive ones."""
    vocab, w, g2, order, rng = _start(Counter(f for X, _ in groups for fs in X for f in set(fs)), len(groups))
    for _ in range(epochs):
        rng.shuffle(order)
        for k in order:
            X, y = groups[k]
            fss = [[f for f in fs if f in vocab] for fs in X]
            zs = [sum(w[f] for f in fs) for fs in fss]
            top = max(zs)
            es = [math.exp(z - top) for z in zs]
            tot = sum(es)
            npos = sum(y)
            grad: dict[str, float] = {}
            for fs, e, yi in zip(fss, es, y):
                g = e / tot - yi / npos
                for f in fs:
                    grad[f] = grad.get(f, 0.0) + g
            for f, g in grad.items():
                g += l2 * w[f]
                g2[f] += g * g
                w[f] -= lr * g / math.sqrt(g2[f])
    return {f: round(v, 4) for f, v in w.items() if abs(v) >= 1e-3}


def examples(docs: list[A.GoldDoc], parsed: list, preds: list[list],
             boundary: dict[str, float]) -> tuple[list[list[list[str]]], list[list[int]], list[list]]:
    """Filter examples: each candidate (its span chosen by the boundary model), positive when its content
    matches a gold content one-to-one."""
    preds = [[rebound(doc, s, boundary) for s in stmts] for doc, stmts in zip(parsed, preds)] if boundary else preds
    feats, labels = [], []
    half_ok = lambda p, g: A.jaccard(p, g) >= 0.5  # noqa: E731
    for d, doc, stmts in zip(docs, parsed, preds):
        pc = [A._content_chars(d.text, s) for s in stmts]
        gc = [a.content for a in d.attributions]
        pos = {i for i, _ in A.match(pc, gc, half_ok)}
        feats.append(candidate_features(doc, stmts))
        labels.append([int(i in pos) for i in range(len(stmts))])
    return feats, labels, preds


def train(X: list[list[str]], y: list[int], epochs: int, l2: float = 1e-6, lr: float = 0.3) -> dict[str, float]:
    vocab, w, g2, order, rng = _start(Counter(f for fs in X for f in set(fs)), len(X))
    for _ in range(epochs):
        rng.shuffle(order)
        for i in order:
            fs = [f for f in X[i] if f in vocab]
            z = sum(w[f] for f in fs)
            p = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
            g = p - y[i]
            for f in fs:
                gf = g + l2 * w[f]
                g2[f] += gf * gf
                w[f] -= lr * gf / math.sqrt(g2[f])
    return {f: round(v, 4) for f, v in w.items() if abs(v) >= 1e-3}


def best_threshold(w: dict[str, float], docs: list[A.GoldDoc], feats: list[list[list[str]]],
                   preds: list[list]) -> tuple[float, float]:
    def prob(fs: list[str]) -> float:
        z = sum(w.get(f, 0.0) for f in fs)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    probs = [[prob(fs) for fs in doc_feats] for doc_feats in feats]
    best = (0.0, 0.5)
    for t in [x / 20 for x in range(4, 16)]:
        kept = [[s for s, p in zip(st, ps) if p >= t] for st, ps in zip(preds, probs)]
        f = A.score_polnear(docs, kept)["content overlap"].f
        if f > best[0]:
            best = (f, t)
    return best[1], best[0]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--epochs", type=int, default=6)
    ap.add_argument("--limit", type=int, default=None, help="first N train articles (the parse dominates: ~4 min per 200 on a busy core)")
    ap.add_argument("--no-boundary", dest="boundary", action="store_false", help="filter only, the rules' spans")
    args = ap.parse_args(argv)
    t0 = time.time()
    docs, parsed, preds = candidates("train", args.limit)
    groups = boundary_examples(docs, parsed, preds)
    t1 = time.time()
    bw = train_ranker(groups, args.epochs) if args.boundary else {}
    feats, labels, _ = examples(docs, parsed, preds, bw)
    X = [f for doc in feats for f in doc]
    y = [v for doc in labels for v in doc]
    t2 = time.time()
    w = train(X, y, args.epochs)
    t3 = time.time()
    tdocs, tparsed, tcands = candidates("dev", None, half="tune")
    tfeats, _, tpreds = examples(tdocs, tparsed, tcands, bw)
    threshold, f_tune = best_threshold(w, tdocs, tfeats, tpreds)
    args.out.write_text(json.dumps({"trained_on": "PolNeAR train", "articles": len(docs), "candidates": len(X),
                                    "positives": sum(y), "boundary_groups": len(groups), "epochs": args.epochs,
                                    "seed": SEED, "threshold": threshold, "weights": dict(sorted(w.items())),
                                    "boundary": dict(sorted(bw.items()))}, indent=0) + "\n", encoding="utf-8")
    print(f"{len(docs)} articles: {len(X)} candidates ({sum(y)} positive), {len(w)} filter features; "
          f"{len(groups)} boundary groups, {len(bw)} boundary features; rules+parse {t1 - t0:.0f}s, "
          f"training {t3 - t1:.0f}s; threshold {threshold} (tune content F1 {f_tune:.3f}) -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
