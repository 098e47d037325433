"""Train the joint cue -> content span model (``dateline.extract.statements.span_ranker``) on PolNeAR train.

    python bench/attribution_spans_train.py [--out PATH] [--neg 0.3] [--C 0.05] [--features 2] [--gate-recall 0.9]
                                            [--drop-rate 0.012] [--limit N] [--check]

Every (anchor, span) pair of ``span_ranker.candidates`` over a train article is an example, positive when its
content matches a gold content (character Jaccard >= 0.5, as bench/attribution.py scores) whose cue contains the
anchor (or that has no cue). The rules' candidates are those of the learned configuration (broad rules + the
cue detector, spans re-chosen by the shipped boundary ranker); each train article gets the cue detector trained
on the other half of train (``attribution_train.cross_fitted``), as on unseen text. Negatives are sampled
(``--neg``, fixed seed) and weighted back. Logistic regression (scikit-learn, L2, liblinear) over binary features
seen at least 3 times; feature set 2 adds ``statements.span_features`` (WordNet classes, clause type, path, ...).
The anchor gate (a logistic model over the anchor's own features, every parse anchor of train an example,
positive when one of its pairs is) gets the threshold that keeps ``--gate-recall`` of tune's right anchors; the
pair kinds right less often than ``--drop-rate`` in train are not offered. The decision threshold and the overlap allowed between taken spans maximise content F1 on
the *tune* half of PolNeAR dev (even-indexed; the odd *check* half is never read here). Writes feature -> weight
to ``src/dateline/resources/statements/span_ranker.json``.
"""
from __future__ import annotations

import argparse
import json
import pickle
import random
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import attribution as A  # noqa: E402
import attribution_train as T  # noqa: E402

from dateline.extract.statements import span_pairs as P  # noqa: E402
from dateline.extract.statements import span_ranker as R  # noqa: E402
from dateline.extract.statements.cue_model import load_cue_model  # noqa: E402
from dateline.extract.statements.learned import load_model, rebound  # noqa: E402
from dateline.extract.statements.lexicon import load_lexicon  # noqa: E402

OUT = A.ROOT / "src" / "dateline" / "resources" / "statements" / R.RANKER_FILE
SEED = 16


def pairs(docs: list[A.GoldDoc], parsed: list, detectors: list, extra: bool = False
          ) -> list[tuple[list[tuple[P.SpanCand, list[str]]], dict[int, list[str]]]]:
    """The candidate pairs of each article with their features, and the anchor features of each parse anchor."""
    model = load_model()
    assert model is not None, "make attribution-model first (the learned configuration's models)"
    lex = load_lexicon()
    rules = T.broad_candidates(docs, parsed, detectors, model.nested)
    out = []
    for d, doc, stmts, det in zip(docs, parsed, rules, detectors):
        stmts = [rebound(doc, s, model.boundary) for s in stmts]
        cands = P.candidates(doc, stmts)
        cx = R.context(doc, lex, det, cands, extra)
        ps = [(c, R.features(doc, c, cx)) for c in cands]
        out.append((ps, {c.anchor: cx.anchors[c.anchor].feats for c in cands if c.kind != "rule"}))
    return out


def label(d: A.GoldDoc, c: P.SpanCand, doc) -> int:
    chars = A._chars(d.text, [(c.start, c.end)])
    t = doc[c.anchor]
    anchor = frozenset(range(t.idx, t.idx + len(t.text)))
    return int(any((not g.cue or g.cue & anchor) and g.content & chars and A.jaccard(chars, g.content) >= 0.5
                   for g in d.attributions))


def decode_all(ranker: R.SpanRanker, docs: list[A.GoldDoc], parsed: list, scored: list,
               gates: list[dict[int, float]] | None = None, gate_th: float = 0.0) -> list[list]:
    """The statements each article's scored pairs give; with ``gates`` (per article, anchor -> gate
    probability), the parse pairs of anchors below ``gate_th`` are left out first."""
    if gates is not None:
        scored = [[(p, c) for p, c in s if c.kind == "rule" or g.get(c.anchor, 1.0) >= gate_th]
                  for s, g in zip(scored, gates)]
    return [[P.to_statement(doc, c, d.name, None) for _, c in ranker.decode(s)]
            for d, doc, s in zip(docs, parsed, scored)]


def fit(X: list[list[str]], y: list[int], wts: list[float] | None, C: float, min_count: int) -> dict[str, float]:
    """An L2 logistic regression (liblinear) over the binary features seen at least ``min_count`` times."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    counts = Counter(f for fs in X for f in set(fs))
    vocab = {f for f, n in counts.items() if n >= min_count}
    vec = DictVectorizer()
    M = vec.fit_transform([{f: 1 for f in fs if f in vocab} for fs in X]).tocsr()
    M.indices, M.indptr = M.indices.astype("int32"), M.indptr.astype("int32")  # liblinear's index type
    clf = LogisticRegression(C=C, solver="liblinear", max_iter=200)
    clf.fit(M, y, sample_weight=wts)
    names = vec.get_feature_names_out()
    weights = {str(n): round(float(w), 4) for n, w in zip(names, clf.coef_[0]) if abs(w) >= 1e-3}
    weights["bias"] = round(weights.get("bias", 0.0) + float(clf.intercept_[0]), 4)
    return weights


def drop_kinds(X: list[list[str]], y: list[int], wts: list[float], rate: float) -> set[str]:
    """The pair kinds (not the rules') whose pairs are right less often than ``rate`` in train (weighted back)."""
    pos: Counter[str] = Counter()
    tot: Counter[str] = Counter()
    for fs, lab, w in zip(X, y, wts):
        k = next(f for f in fs if f.startswith("k="))[2:]
        tot[k] += w
        pos[k] += lab
    return {k for k in tot if k != "rule" and pos[k] < rate * tot[k]}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--neg", type=float, default=0.3, help="share of negative pairs kept (weighted back)")
    ap.add_argument("--C", type=float, default=0.05, help="inverse L2 strength (tune: 0.02-0.1 best, 0.5 and 2.0 worse)")
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--min-count", type=int, default=3)
    ap.add_argument("--features", type=int, default=2, help="1: the first feature set; 2: with span_features")
    ap.add_argument("--gate-recall", type=float, default=0.9,
                    help="the anchor gate's threshold keeps this share of tune's positive anchors (0: no gate)")
    ap.add_argument("--drop-rate", type=float, default=0.012,
                    help="pair kinds right less often than this in train are not offered (0: all offered)")
    ap.add_argument("--check", action="store_true", help="print the check half's scores (no per-item output)")
    args = ap.parse_args(argv)
    extra = args.features >= 2

    t0 = time.time()
    cache = A.CACHE / f"span-pairs-{args.limit}-{args.neg}-f{args.features}.pkl"
    if cache.exists():
        X, y, wts, n_docs, AX, Ay = pickle.loads(cache.read_bytes())
    else:
        docs, parsed = T.load("train", args.limit)
        dets = T.cross_fitted(docs, parsed, 6, 0.5)
        rng = random.Random(SEED)
        X, y, wts, n_docs, AX, Ay = [], [], [], len(docs), [], []
        for d, doc, (ps, anchors) in zip(docs, parsed, pairs(docs, parsed, dets, extra)):
            pos: set[int] = set()
            for c, f in ps:
                lab = label(d, c, doc)
                if lab:
                    pos.add(c.anchor)
                if lab or rng.random() < args.neg:
                    X.append(f)
                    y.append(lab)
                    wts.append(1.0 if lab else 1.0 / args.neg)
            for a, f in anchors.items():
                AX.append(f)
                Ay.append(int(a in pos))
        cache.write_bytes(pickle.dumps((X, y, wts, n_docs, AX, Ay)))
    t1 = time.time()
    weights = fit(X, y, wts, args.C, args.min_count)
    gate = fit(AX, Ay, None, 0.1, args.min_count) if args.gate_recall else None
    if gate is not None:  # the gate weighs the anchor's own features only; its threshold takes the intercept's place
        gate.pop("bias", None)
    t2 = time.time()
    drop = drop_kinds(X, y, wts, args.drop_rate)
    print(f"kinds dropped (right < {args.drop_rate} in train): {sorted(drop)}")
    t2 = time.time()
    print(f"{n_docs} train articles: {len(X)} pairs kept ({sum(y)} positive), {len(weights)} weights, "
          f"{len(AX)} anchors ({sum(Ay)} positive); pairs+features {t1 - t0:.0f}s, fit {t2 - t1:.0f}s", flush=True)

    cue = load_cue_model()

    def prepare(half: str) -> tuple:
        hdocs, hparsed = T.load("dev", None, half=half)
        hpairs = pairs(hdocs, hparsed, [cue] * len(hdocs), extra)
        probe = R.SpanRanker(weights, 0.5)
        scored = [[(probe.prob(f), c) for c, f in ps if c.kind not in drop] for ps, _ in hpairs]
        gates = ([{a: R.linear_prob(gate, f) for a, f in an.items()} for _, an in hpairs]
                 if gate is not None else None)
        return hdocs, hparsed, scored, gates, hpairs

    tdocs, tparsed, scored, gates, tpairs = prepare("tune")
    gate_th = 0.0
    if gates is not None:
        # the gate threshold that keeps --gate-recall of the anchors with a gold pair in tune
        pos = sorted(g[c.anchor] for (ps, _), g, d, doc in zip(tpairs, gates, tdocs, tparsed)
                     for c in {c.anchor: c for c, _ in ps if c.kind != "rule" and label(d, c, doc)}.values())
        gate_th = pos[int((1 - args.gate_recall) * len(pos))] if pos else 0.0
        kept = sum(1 for (ps, _), g in zip(tpairs, gates) for c, _ in ps if c.kind == "rule" or g[c.anchor] >= gate_th)
        print(f"gate threshold {gate_th:.4f}: tune pairs kept {kept} of {sum(len(ps) for ps, _ in tpairs)}")
    best = (0.0, 0.5, 0.5, 0.0)
    for overlap in (0.2, 0.35, 0.5):
        for th in [x / 20 for x in range(4, 14)]:
            res = A.score_polnear(tdocs, decode_all(R.SpanRanker(weights, th, overlap), tdocs, tparsed, scored,
                                                    gates, gate_th))
            f, cs = res["content overlap"], res["content+source"]
            print(f"overlap {overlap} threshold {th}: content {f.p:.3f}/{f.r:.3f}/{f.f:.3f} c+s {cs.f:.3f}")
            if f.f > best[0]:
                best = (f.f, th, overlap, cs.f)
    raw = {"trained_on": "PolNeAR train", "articles": n_docs, "pairs": len(X), "positives": sum(y),
           "neg_sample": args.neg, "C": args.C, "seed": SEED, "features": args.features,
           "threshold": best[1], "overlap": best[2], "drop_kinds": sorted(drop), "weights": dict(sorted(weights.items()))}
    if gate is not None:
        raw.update(gate=dict(sorted(gate.items())), gate_threshold=round(gate_th, 4), gate_recall=args.gate_recall)
    args.out.write_text(json.dumps(raw, indent=0) + "\n", encoding="utf-8")
    print(f"tune content F1 {best[0]:.3f} (c+s {best[3]:.3f}) at threshold {best[1]}, overlap {best[2]} -> {args.out}")
    if args.check:
        cdocs, cparsed, cscored, cgates, _ = prepare("check")
        res = A.score_polnear(cdocs, decode_all(R.SpanRanker(weights, best[1], best[2]), cdocs, cparsed, cscored,
                                                cgates, gate_th))
        f, cs = res["content overlap"], res["content+source"]
        print(f"check content {f.p:.3f}/{f.r:.3f}/{f.f:.3f} c+s {cs.f:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
