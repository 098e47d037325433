"""Train the span model's second stage (``dateline.extract.statements.span_rerank``) on PolNeAR train.

    python bench/attribution_rerank_train.py --linear PATH [--out PATH] [--floor 0.05] [--check]

``--linear``: a span model JSON written by ``bench/attribution_spans_train.py`` (feature set 2, with its gate).
Every train article's pairs are scored by a linear model trained on the *other* half of train (two folds, same
settings: ``attribution_spans_train.fit``), so the trees learn from linear scores as they come on unseen text;
the pairs scored at least ``--floor`` become the trees' examples (label as in ``attribution_spans_train``).
scikit-learn's ``HistGradientBoostingClassifier`` (fixed seed) is fitted and its trees exported as plain arrays
into the model JSON (``trees``, ``floor``); the decision threshold and overlap are chosen on the *tune* half of
PolNeAR dev (``--check`` prints the check half's scores only).
"""
from __future__ import annotations

import argparse
import json
import pickle
import random
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

import attribution as A  # noqa: E402
import attribution_spans_train as S  # noqa: E402
import attribution_train as T  # noqa: E402

from dateline.extract.statements import span_ranker as R  # noqa: E402
from dateline.extract.statements import span_rerank as RR  # noqa: E402
from dateline.extract.statements.cue_model import linear_prob, load_cue_model  # noqa: E402
from dateline.extract.statements.learned import load_model, rebound  # noqa: E402
from dateline.extract.statements.lexicon import load_lexicon  # noqa: E402


def doc_pairs(docs: list[A.GoldDoc], parsed: list, detectors: list, gate: dict[str, float] | None,
              with_labels: bool) -> list[tuple[list[R.SpanCand], list[list[str]], list[int], R.Context]]:
    """Per article: its candidate pairs, their features, labels (or []), and the feature context."""
    model = load_model()
    assert model is not None
    lex = load_lexicon()
    rules = T.broad_candidates(docs, parsed, detectors, model.nested)
    out = []
    for d, doc, stmts, det in zip(docs, parsed, rules, detectors):
        stmts = [rebound(doc, s, model.boundary) for s in stmts]
        cands = R.candidates(doc, stmts)
        cx = R.context(doc, lex, det, cands, True)
        feats = [[sys.intern(f) for f in R.features(doc, c, cx)] for c in cands]
        labels = [S.label(d, c, doc) for c in cands] if with_labels else []
        out.append((cands, feats, labels, cx))
    return out


def gated(doc, cands, scored, cx, gate, gate_th):
    return [(p, c) for p, c in scored
            if c.kind == "rule" or gate is None or linear_prob(gate, cx.anchors[c.anchor].feats) >= gate_th]


def export(clf) -> dict:
    feature, threshold, left, right, leaf, value, roots = [], [], [], [], [], [], []
    for (pred,) in clf._predictors:
        nodes = pred.nodes
        base = len(feature)
        roots.append(base)
        for nd in nodes:
            is_leaf = bool(nd["is_leaf"])
            feature.append(0 if is_leaf else int(nd["feature_idx"]))
            threshold.append(0.0 if is_leaf else float(nd["num_threshold"]))
            left.append(base + int(nd["left"]) if not is_leaf else base)
            right.append(base + int(nd["right"]) if not is_leaf else base)
            leaf.append(is_leaf)
            value.append(round(float(nd["value"]), 6) if is_leaf else 0.0)
    return {"feature": feature, "threshold": threshold, "left": left, "right": right, "leaf": leaf,
            "value": value, "roots": roots, "baseline": float(np.ravel(clf._baseline_prediction)[0]),
            "names": list(RR.NAMES)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--linear", type=Path, required=True)
    ap.add_argument("--out", type=Path, default=S.OUT)
    ap.add_argument("--floor", type=float, default=0.05)
    ap.add_argument("--iters", type=int, default=200)
    ap.add_argument("--leaves", type=int, default=15)
    ap.add_argument("--lr", type=float, default=0.1)
    ap.add_argument("--check", action="store_true")
    args = ap.parse_args(argv)
    raw = json.loads(args.linear.read_text())
    weights, gate, gate_th = raw["weights"], raw.get("gate"), float(raw.get("gate_threshold", 0.0))
    C, neg = float(raw["C"]), float(raw["neg_sample"])
    drop = set(raw.get("drop_kinds", ()))

    t0 = time.time()
    cache = A.CACHE / f"rerank-train-{args.floor}-{C}.pkl"
    if cache.exists():
        Xs, ys = pickle.loads(cache.read_bytes())
    else:
        docs, parsed = T.load("train", None)
        dets = T.cross_fitted(docs, parsed, 6, 0.5)
        got = doc_pairs(docs, parsed, dets, gate, True)
        rng = random.Random(S.SEED)
        fold = [k % 2 for k in range(len(docs))]
        linear = []
        for f in (0, 1):  # the linear model of the other fold
            X, y, w = [], [], []
            for k, (_, feats, labels, _) in enumerate(got):
                if fold[k] == f:
                    continue
                for fs, lab in zip(feats, labels):
                    if lab or rng.random() < neg:
                        X.append(fs)
                        y.append(lab)
                        w.append(1.0 if lab else 1.0 / neg)
            linear.append(S.fit(X, y, w, C, 3))
            print(f"fold {f}: linear model on {len(X)} pairs ({time.time() - t0:.0f}s)", flush=True)
        Xs, ys = [], []
        for k, ((cands, feats, labels, cx), doc) in enumerate(zip(got, parsed)):
            scored = gated(doc, cands, [(linear_prob(linear[fold[k]], fs), c) for c, fs in zip(cands, feats)
                                        if c.kind not in drop], cx, gate, gate_th)
            lab = {id(c): y for c, y in zip(cands, labels)}
            info, kept = R.infos(doc, scored, cx, gate, args.floor)
            Xs.append(RR.vectors(info))
            ys.extend(lab[id(c)] for c in kept)
        cache.write_bytes(pickle.dumps((Xs, ys)))
    X, y = np.vstack(Xs), np.asarray(ys)
    from sklearn.ensemble import HistGradientBoostingClassifier
    clf = HistGradientBoostingClassifier(max_iter=args.iters, max_leaf_nodes=args.leaves, learning_rate=args.lr,
                                         random_state=S.SEED, early_stopping=False)
    clf.fit(X, y)
    trees = export(clf)
    rt = RR.Trees.from_json(trees)
    assert np.allclose(rt.prob(X[:500]), clf.predict_proba(X[:500])[:, 1], atol=1e-6), "tree export"
    print(f"trees on {len(y)} pairs ({int(y.sum())} positive), {len(trees['roots'])} trees, "
          f"{len(trees['leaf'])} nodes ({time.time() - t0:.0f}s)", flush=True)

    cue = load_cue_model()

    def prepare(half: str) -> tuple:
        hdocs, hparsed = T.load("dev", None, half=half)
        out = []
        for (cands, feats, _, cx), doc in zip(doc_pairs(hdocs, hparsed, [cue] * len(hdocs), gate, False), hparsed):
            scored = gated(doc, cands, [(linear_prob(weights, fs), c) for c, fs in zip(cands, feats)
                                        if c.kind not in drop], cx, gate, gate_th)
            info, kept = R.infos(doc, scored, cx, gate, args.floor)
            out.append(list(zip(rt.prob(RR.vectors(info)).tolist(), kept)))
        return hdocs, hparsed, out

    tdocs, tparsed, scored = prepare("tune")
    best = (0.0, 0.5, 0.5, 0.0)
    for overlap in (0.2, 0.35, 0.5):
        for th in [x / 20 for x in range(4, 14)]:
            res = A.score_polnear(tdocs, S.decode_all(R.SpanRanker(weights, th, overlap), tdocs, tparsed, scored))
            f, cs = res["content overlap"], res["content+source"]
            print(f"overlap {overlap} threshold {th}: content {f.p:.3f}/{f.r:.3f}/{f.f:.3f} c+s {cs.f:.3f}")
            if f.f > best[0]:
                best = (f.f, th, overlap, cs.f)
    raw.update(threshold=best[1], overlap=best[2], floor=args.floor, trees=trees,
               trees_settings={"iters": args.iters, "leaves": args.leaves, "lr": args.lr, "pairs": len(y)})
    args.out.write_text(json.dumps(raw, indent=0) + "\n", encoding="utf-8")
    print(f"tune content F1 {best[0]:.3f} (c+s {best[3]:.3f}) at threshold {best[1]}, overlap {best[2]} -> {args.out}")
    if args.check:
        cdocs, cparsed, cscored = prepare("check")
        res = A.score_polnear(cdocs, S.decode_all(R.SpanRanker(weights, best[1], best[2]), cdocs, cparsed, cscored))
        f, cs = res["content overlap"], res["content+source"]
        print(f"check content {f.p:.3f}/{f.r:.3f}/{f.f:.3f} c+s {cs.f:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
