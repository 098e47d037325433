"""Train the joint cue -> content span model (``dateline.extract.statements.span_ranker``) on PolNeAR train.

    python bench/attribution_spans_train.py [--out PATH] [--neg 0.3] [--C 0.5] [--limit N]

Every (anchor, span) pair of ``span_ranker.candidates`` over a train article is an example, positive when its
content matches a gold content (character Jaccard >= 0.5, as bench/attribution.py scores) whose cue contains the
anchor (or that has no cue). The rules' candidates are those of the learned configuration (broad rules + the
cue detector, spans re-chosen by the shipped boundary ranker); each train article gets the cue detector trained
on the other half of train (``attribution_train.cross_fitted``), as on unseen text. Negatives are sampled
(``--neg``, fixed seed) and weighted back. Logistic regression (scikit-learn, L2, liblinear) over binary features
seen at least 3 times. The decision threshold and the overlap allowed between taken spans maximise content F1 on
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

from dateline.extract.statements import span_ranker as R  # noqa: E402
from dateline.extract.statements.cue_model import load_cue_model  # noqa: E402
from dateline.extract.statements.learned import load_model, rebound  # noqa: E402
from dateline.extract.statements.lexicon import load_lexicon  # noqa: E402

OUT = A.ROOT / "src" / "dateline" / "resources" / "statements" / R.RANKER_FILE
SEED = 16


def pairs(docs: list[A.GoldDoc], parsed: list, detectors: list) -> list[list[tuple[R.SpanCand, list[str]]]]:
    """The candidate pairs of each article with their features."""
    model = load_model()
    assert model is not None, "make attribution-model first (the learned configuration's models)"
    lex = load_lexicon()
    rules = T.broad_candidates(docs, parsed, detectors, model.nested)
    out = []
    for d, doc, stmts, det in zip(docs, parsed, rules, detectors):
        stmts = [rebound(doc, s, model.boundary) for s in stmts]
        cands = R.candidates(doc, stmts)
        cx = R.context(doc, lex, det, cands)
        out.append([(c, R.features(doc, c, cx)) for c in cands])
    return out


def label(d: A.GoldDoc, c: R.SpanCand, doc) -> int:
    chars = A._chars(d.text, [(c.start, c.end)])
    t = doc[c.anchor]
    anchor = frozenset(range(t.idx, t.idx + len(t.text)))
    return int(any((not g.cue or g.cue & anchor) and g.content & chars and A.jaccard(chars, g.content) >= 0.5
                   for g in d.attributions))


def decode_all(ranker: R.SpanRanker, docs: list[A.GoldDoc], parsed: list, scored: list) -> list[list]:
    return [[R.to_statement(doc, c, d.name, None) for _, c in ranker.decode(s)]
            for d, doc, s in zip(docs, parsed, scored)]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--neg", type=float, default=0.3, help="share of negative pairs kept (weighted back)")
    ap.add_argument("--C", type=float, default=0.05, help="inverse L2 strength (tune: 0.02-0.1 best, 0.5 and 2.0 worse)")
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--min-count", type=int, default=3)
    args = ap.parse_args(argv)
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    t0 = time.time()
    cache = A.CACHE / f"span-pairs-{args.limit}-{args.neg}.pkl"
    if cache.exists():
        X, y, wts, n_docs = pickle.loads(cache.read_bytes())
    else:
        docs, parsed = T.load("train", args.limit)
        dets = T.cross_fitted(docs, parsed, 6, 0.5)
        rng = random.Random(SEED)
        X, y, wts, n_docs = [], [], [], len(docs)
        for d, doc, ps in zip(docs, parsed, pairs(docs, parsed, dets)):
            for c, f in ps:
                lab = label(d, c, doc)
                if lab or rng.random() < args.neg:
                    X.append(f)
                    y.append(lab)
                    wts.append(1.0 if lab else 1.0 / args.neg)
        cache.write_bytes(pickle.dumps((X, y, wts, n_docs)))
    counts = Counter(f for fs in X for f in set(fs))
    vocab = {f for f, n in counts.items() if n >= args.min_count}
    vec = DictVectorizer()
    M = vec.fit_transform([{f: 1 for f in fs if f in vocab} for fs in X]).tocsr()
    M.indices, M.indptr = M.indices.astype("int32"), M.indptr.astype("int32")  # liblinear's index type
    t1 = time.time()
    clf = LogisticRegression(C=args.C, solver="liblinear", max_iter=200)
    clf.fit(M, y, sample_weight=wts)
    t2 = time.time()
    names = vec.get_feature_names_out()
    weights = {str(n): round(float(w), 4) for n, w in zip(names, clf.coef_[0]) if abs(w) >= 1e-3}
    weights["bias"] = round(weights.get("bias", 0.0) + float(clf.intercept_[0]), 4)
    print(f"{n_docs} train articles: {len(X)} pairs kept ({sum(y)} positive), {len(vocab)} features, "
          f"{len(weights)} weights; pairs+features {t1 - t0:.0f}s, fit {t2 - t1:.0f}s", flush=True)

    tdocs, tparsed = T.load("dev", None, half="tune")
    cue = load_cue_model()
    tpairs = pairs(tdocs, tparsed, [cue] * len(tdocs))
    probe = R.SpanRanker(weights, 0.5)
    scored = [[(probe.prob(f), c) for c, f in ps] for ps in tpairs]
    best = (0.0, 0.5, 0.5, 0.0)
    for overlap in (0.2, 0.35, 0.5, 0.7):
        for th in [x / 20 for x in range(4, 18)]:
            res = A.score_polnear(tdocs, decode_all(R.SpanRanker(weights, th, overlap), tdocs, tparsed, scored))
            f, cs = res["content overlap"], res["content+source"]
            print(f"overlap {overlap} threshold {th}: content {f.p:.3f}/{f.r:.3f}/{f.f:.3f} c+s {cs.f:.3f}")
            if f.f > best[0]:
                best = (f.f, th, overlap, cs.f)
    args.out.write_text(json.dumps({"trained_on": "PolNeAR train", "articles": n_docs, "pairs": len(X),
                                    "positives": sum(y), "neg_sample": args.neg, "C": args.C, "seed": SEED,
                                    "threshold": best[1], "overlap": best[2],
                                    "weights": dict(sorted(weights.items()))}, indent=0) + "\n", encoding="utf-8")
    print(f"tune content F1 {best[0]:.3f} (c+s {best[3]:.3f}) at threshold {best[1]}, overlap {best[2]} -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
