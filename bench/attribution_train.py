"""Train the learned attribution models (``dateline.extract.statements.cue_model`` and ``.learned``) on PolNeAR train.

    python bench/attribution_train.py [--out PATH] [--cue-out PATH] [--epochs 6] [--cue-threshold 0.5]
                                      [--nested] [--limit N] [--no-boundary]

0. **Cue detector**: every verb of train the lexicon does not take as a cue (broad sense) is an example,
   positive when it lies in a gold cue span; logistic regression by AdaGrad SGD with L2 over
   ``cue_model.token_features`` (lemma, tag, dependency, children, subject, object, head). Verbs it scores at
   least ``--cue-threshold`` become broad cues whose speaker and content the rules build. For the filter's
   training data each train article gets the detector trained on the other half of train (2 folds), so the
   candidates look as they will on unseen text.
Candidates are then the rules' broad output with the detector's cues (``--nested``: also the cues inside a
quotation or another statement's content, which PolNeAR annotates too) on PolNeAR train (all 840 articles).
1. **Boundary ranker**: for each candidate whose cue is a gold cue, the content alternatives of
   ``statements.boundaries.variants`` (the rules' span, the content head's subtree, cumulative runs of the cue's
   and the head's dependents, the rest of the sentence, ...) compete in a softmax (listwise logistic ranking by
   AdaGrad, L2, fixed seed); the positives are the alternatives matching the gold content (Jaccard ≥ 0.5).
2. **Filter**: each candidate, its span chosen by the ranker, is positive when its content matches a gold
   content one-to-one (character Jaccard ≥ 0.5, as ``bench/attribution.py`` scores). Logistic regression by
   AdaGrad SGD with L2, fixed seed, features seen at least twice.
The decision threshold maximises content F1 on the *tune* half of PolNeAR dev (the articles whose sorted index
is even; the odd ones are the *check* half, never read here). Writes the detector to
``src/dateline/resources/statements/cue_model.json`` and the ranker and filter weights to
``attribution_model.json``. The spaCy parse of train is cached in ``bench/cache/polnear`` (~20 minutes the
first time on a loaded 2-core machine).
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

from dateline.extract.nlp import load_nlp  # noqa: E402
from dateline.extract.pipeline import Pipeline  # noqa: E402
from dateline.extract.registry import Context  # noqa: E402
from dateline.extract.statements.boundaries import variant_features, variants  # noqa: E402
from dateline.extract.statements.component import find_statements  # noqa: E402
from dateline.extract.statements.cue_model import CUE_MODEL_FILE, CueModel, is_open_verb, token_features  # noqa: E402
from dateline.extract.statements.cues import verb_cue  # noqa: E402
from dateline.extract.statements.learned import MODEL_FILE, candidate_features, rebound  # noqa: E402
from dateline.extract.statements.lexicon import load_lexicon  # noqa: E402
from dateline.model import Article  # noqa: E402

OUT = A.ROOT / "src" / "dateline" / "resources" / "statements" / MODEL_FILE
CUE_OUT = OUT.parent / CUE_MODEL_FILE
SEED = 16


def load(split: str, limit: int | None, half: str | None = None) -> tuple[list[A.GoldDoc], list]:
    docs = A.load_polnear(split, limit)
    parsed = A.parse_docs(docs, split)
    if half is not None:
        keep = [i for i in range(len(docs)) if (i % 2 == 0) == (half == "tune")]
        docs, parsed = [docs[i] for i in keep], [parsed[i] for i in keep]
    return docs, parsed


def broad_candidates(docs: list[A.GoldDoc], parsed: list, detectors: list[CueModel | None],
                     nested: bool) -> list[list]:
    """The rules' broad statements of each article, with the verbs its cue detector takes as cues too."""
    pipe, lex, out = Pipeline(["entities"], nlp=load_nlp()), load_lexicon(), []
    for d, doc, det in zip(docs, parsed, detectors):
        ctx = Context(article=Article(id=d.name, text=d.text))
        for _name, comp in pipe.components:
            comp(doc, ctx)
        out.append(find_statements(doc, ctx, lex, broad=True, nested=nested,
                                   detector=det.is_cue if det is not None else None))
    return out


def cue_examples(docs: list[A.GoldDoc], parsed: list) -> tuple[list[list[str]], list[int]]:
    """One example per verb the lexicon does not take as a cue (broad sense): positive when the verb lies in
    a gold cue span."""
    lex, X, y = load_lexicon(), [], []
    for d, doc in zip(docs, parsed):
        cue_chars = frozenset().union(*(a.cue for a in d.attributions)) if d.attributions else frozenset()
        for tok in doc:
            if not is_open_verb(tok) or verb_cue(tok, lex, True) is not None:
                continue
            X.append(list(token_features(tok)))
            y.append(int(any(i in cue_chars for i in range(tok.idx, tok.idx + len(tok.text)))))
    return X, y


def cross_fitted(docs: list[A.GoldDoc], parsed: list, epochs: int, threshold: float) -> list[CueModel | None]:
    """A cue detector for each train article trained on the other half of train (2 folds), so that the filter
    learns from the detector's candidates as they come on unseen text."""
    dets: list[CueModel | None] = [None] * len(docs)
    for fold in (0, 1):
        other = [i for i in range(len(docs)) if i % 2 != fold]
        X, y = cue_examples([docs[i] for i in other], [parsed[i] for i in other])
        model = CueModel(train(X, y, epochs), threshold)
        for i in range(fold, len(docs), 2):
            dets[i] = model
    return dets


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


AVERAGE = True  # the weights returned are the mean of the iterates after each epoch but the first


def _epoch_end(w: dict[str, float], acc: dict[str, float], epoch: int) -> None:
    if AVERAGE and epoch > 0:
        for f, v in w.items():
            acc[f] = acc.get(f, 0.0) + v


def _final(w: dict[str, float], acc: dict[str, float], epochs: int) -> dict[str, float]:
    out = {f: v / (epochs - 1) for f, v in acc.items()} if AVERAGE and epochs > 1 else w
    return {f: round(v, 4) for f, v in out.items() if abs(v) >= 1e-3}


def train_ranker(groups: list[tuple[list[list[str]], list[int]]], epochs: int, l2: float = 1e-6,
                 lr: float = 0.3) -> dict[str, float]:
    """Listwise logistic (softmax) ranking by AdaGrad: the alternatives of one candidate compete; the gold
    distribution is uniform over the positive ones."""
    vocab, w, g2, order, rng = _start(Counter(f for X, _ in groups for fs in X for f in set(fs)), len(groups))
    acc: dict[str, float] = {}
    for epoch in range(epochs):
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
        _epoch_end(w, acc, epoch)
    return _final(w, acc, epochs)


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
    acc: dict[str, float] = {}
    for epoch in range(epochs):
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
        _epoch_end(w, acc, epoch)
    return _final(w, acc, epochs)


def best_threshold(w: dict[str, float], docs: list[A.GoldDoc], feats: list[list[list[str]]],
                   preds: list[list]) -> tuple[float, float]:
    def prob(fs: list[str]) -> float:
        z = sum(w.get(f, 0.0) for f in fs)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    probs = [[prob(fs) for fs in doc_feats] for doc_feats in feats]
    best = (0.0, 0.5)
    for t in [x / 20 for x in range(2, 16)]:
        kept = [[s for s, p in zip(st, ps) if p >= t] for st, ps in zip(preds, probs)]
        f = A.score_polnear(docs, kept)["content overlap"].f
        if f > best[0]:
            best = (f, t)
    return best[1], best[0]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--cue-out", type=Path, default=CUE_OUT)
    ap.add_argument("--epochs", type=int, default=6)
    ap.add_argument("--cue-threshold", type=float, default=0.5, help="the detector's probability to take a verb as a cue")
    ap.add_argument("--limit", type=int, default=None, help="first N train articles (the parse dominates: ~4 min per 200 on a busy core)")
    ap.add_argument("--nested", action="store_true", help="candidates inside quotations and other contents too")
    ap.add_argument("--no-average", dest="average", action="store_false", help="the last weights, not the mean over epochs")
    ap.add_argument("--no-boundary", dest="boundary", action="store_false", help="filter only, the rules' spans")
    args = ap.parse_args(argv)
    global AVERAGE
    AVERAGE = args.average
    t0 = time.time()
    docs, parsed = load("train", args.limit)
    cX, cy = cue_examples(docs, parsed)
    cue = CueModel(train(cX, cy, args.epochs), args.cue_threshold)
    preds = broad_candidates(docs, parsed, cross_fitted(docs, parsed, args.epochs, args.cue_threshold), args.nested)
    groups = boundary_examples(docs, parsed, preds)
    t1 = time.time()
    bw = train_ranker(groups, args.epochs) if args.boundary else {}
    feats, labels, _ = examples(docs, parsed, preds, bw)
    X = [f for doc in feats for f in doc]
    y = [v for doc in labels for v in doc]
    w = train(X, y, args.epochs)
    t3 = time.time()
    tdocs, tparsed = load("dev", None, half="tune")
    tfeats, _, tpreds = examples(tdocs, tparsed, broad_candidates(tdocs, tparsed, [cue] * len(tdocs), args.nested), bw)
    threshold, f_tune = best_threshold(w, tdocs, tfeats, tpreds)
    args.cue_out.write_text(json.dumps({"trained_on": "PolNeAR train", "articles": len(docs), "verbs": len(cX),
                                        "positives": sum(cy), "epochs": args.epochs, "seed": SEED,
                                        "threshold": args.cue_threshold,
                                        "weights": dict(sorted(cue.weights.items()))}, indent=0) + "\n",
                            encoding="utf-8")
    args.out.write_text(json.dumps({"trained_on": "PolNeAR train", "articles": len(docs), "candidates": len(X),
                                    "positives": sum(y), "boundary_groups": len(groups), "epochs": args.epochs,
                                    "seed": SEED, "threshold": threshold, "nested": args.nested, "weights": dict(sorted(w.items())),
                                    "boundary": dict(sorted(bw.items()))}, indent=0) + "\n", encoding="utf-8")
    print(f"cue detector: {len(cX)} verbs off the lexicon ({sum(cy)} in a gold cue), {len(cue.weights)} features "
          f"-> {args.cue_out}")
    print(f"{len(docs)} articles: {len(X)} candidates ({sum(y)} positive), {len(w)} filter features; "
          f"{len(groups)} boundary groups, {len(bw)} boundary features; rules+parse {t1 - t0:.0f}s, "
          f"training {t3 - t1:.0f}s; threshold {threshold} (tune content F1 {f_tune:.3f}) -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
