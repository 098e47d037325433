"""Train the attribution tagger (``dateline.extract.statements.span_model``) on PolNeAR train with spaCy.

    python bench/attribution_span_train.py [--epochs 4] [--limit N] [--out DIR] [--no-tune]

Each token of a train article (its ``en_core_web_sm`` parse, cached in ``bench/cache/polnear``) is labelled
``CUE`` when it lies in a gold cue, else ``SRC`` in a gold source, else ``CON`` in a gold content, else ``O``
(one annotator per article, as ``bench/attribution.py`` scores). spaCy's ``tagger`` with its own small CNN
tok2vec (``span_model.tagger_config``) is trained with ``nlp.update`` (Adam, dropout 0.1, batches of 4
articles, fixed seed) for ``--epochs`` passes. Its three decision settings (cue threshold, boundary weight,
content threshold) are then chosen on the *tune* half of PolNeAR dev (even-indexed articles; the odd ones, the
*check* half, are never read here) by content F1 of the statements component with ``learned=True,
tagger=True``. Writes ``src/dateline/resources/statements/attribution_tagger/`` (the tagger's weights and
``settings.json``).
"""
from __future__ import annotations

import argparse
import itertools
import json
import random
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import attribution as A  # noqa: E402
import numpy as np  # noqa: E402
from attribution_train import train as train_lr  # noqa: E402
from spacy.tokens import Doc  # noqa: E402
from spacy.training import Example  # noqa: E402
from spacy.util import fix_random_seed, minibatch  # noqa: E402

from dateline.extract.statements import span_model, tagged_runs  # noqa: E402

OUT = A.ROOT / "src" / "dateline" / "resources" / "statements" / span_model.TAGGER_DIR
SEED = 16


def token_labels(d: A.GoldDoc, doc: Doc) -> list[str]:
    """One label per token: CUE > SRC > CON > O (the first role any of its characters has)."""
    roles: dict[int, int] = {}
    rank = {"CUE": 3, "SRC": 2, "CON": 1}
    for a in d.attributions:
        for name, chars in (("CUE", a.cue), ("SRC", a.source or frozenset()), ("CON", a.content)):
            for i in chars:
                roles[i] = max(roles.get(i, 0), rank[name])
    names = {v: k for k, v in rank.items()}
    out = []
    for tok in doc:
        r = max((roles.get(i, 0) for i in range(tok.idx, tok.idx + len(tok.text))), default=0)
        out.append(names.get(r, "O"))
    return out


def train_tagger(docs: list[A.GoldDoc], parsed: list[Doc], epochs: int) -> object:
    fix_random_seed(SEED)
    nlp, tagger = span_model.blank_tagger()
    for label in span_model.LABELS:
        tagger.add_label(label)
    examples = [Example.from_dict(doc, {"tags": token_labels(d, doc)}) for d, doc in zip(docs, parsed)]
    optimizer = nlp.initialize(lambda: examples[:50])
    rng = random.Random(SEED)
    for epoch in range(epochs):
        rng.shuffle(examples)
        losses: dict[str, float] = {}
        t = time.time()
        for batch in minibatch(examples, size=4):
            nlp.update(batch, sgd=optimizer, drop=0.1, losses=losses)
        print(f"epoch {epoch + 1}: loss {losses.get('attribution_tagger', 0.0):.0f} ({time.time() - t:.0f}s)",
              flush=True)
    return tagger


def _span_tagger(tagger: object, **settings: object) -> span_model.SpanTagger:
    return span_model.SpanTagger(tagger=tagger, columns={lab: i for i, lab in enumerate(tagger.labels)},  # type: ignore[attr-defined]
                                 **settings)  # type: ignore[arg-type]


def out_of_fold_probs(docs: list[A.GoldDoc], parsed: list[Doc], epochs: int) -> list[np.ndarray]:
    """Each train article's tag probabilities from a tagger trained on the other half of train (2 folds)."""
    probs: list[np.ndarray] = [np.zeros(0)] * len(docs)
    for fold in (0, 1):
        other = [i for i in range(len(docs)) if i % 2 != fold]
        st = _span_tagger(train_tagger([docs[i] for i in other], [parsed[i] for i in other], epochs),
                          cue_threshold=1.1, boundary_weight=0.0, content_threshold=0.0)
        for i in range(fold, len(docs), 2):
            probs[i] = st.probs(parsed[i])
    return probs


def run_examples(docs: list[A.GoldDoc], parsed: list[Doc], probs: list[np.ndarray]) -> tuple[list[list[str]], list[int]]:
    """One example per run of tagged content the learned configuration's statements leave uncovered, positive
    when it matches (Jaccard >= 0.5, one-to-one) a gold content those statements miss."""
    base = A.run(docs, parsed, {"learned": True})
    half = lambda p, g: A.jaccard(p, g) >= 0.5  # noqa: E731
    X: list[list[str]] = []
    y: list[int] = []
    for d, doc, pr, stmts in zip(docs, parsed, probs, base):
        gc = [a.content for a in d.attributions]
        hit = {j for _, j in A.match([A._content_chars(d.text, s) for s in stmts], gc, half)}
        rest = [g for j, g in enumerate(gc) if j not in hit]
        cov = tagged_runs.covered_tokens(doc, stmts)
        runs = tagged_runs.content_runs(doc, pr, cov)
        rc = [A._chars(d.text, [(doc[a].idx, doc[b].idx + len(doc[b].text))]) for a, b in runs]
        pos = {i for i, _ in A.match(rc, rest, half)}
        for k, (a, b) in enumerate(runs):
            sent = doc[a].sent
            X.append(list(tagged_runs.run_features(doc, pr, a, b, bool(cov[sent.start:sent.end].any()))))
            y.append(int(k in pos))
    return X, y


def tune(tagger: object, grid: dict[str, list[Any]]) -> tuple[dict[str, Any], float]:
    """The settings with the best content F1 on the tune half of PolNeAR dev (probabilities computed once)."""
    from dateline.extract.statements.component import make_statements

    docs = A.load_polnear("dev")
    parsed = A.parse_docs(docs, "dev")
    keep = [i for i in range(len(docs)) if i % 2 == 0]
    docs, parsed = [docs[i] for i in keep], [parsed[i] for i in keep]
    cache: dict[int, np.ndarray] = {}
    plain = span_model.SpanTagger.probs

    def cached(self: span_model.SpanTagger, doc: Doc) -> np.ndarray:
        return cache[id(doc)] if id(doc) in cache else cache.setdefault(id(doc), plain(self, doc))

    span_model.SpanTagger.probs = cached  # type: ignore[method-assign]
    best: tuple[float, dict[str, Any]] = (-1.0, {})
    try:
        for values in itertools.product(*grid.values()):
            settings = dict(zip(grid, values))
            preds = A.run_component(docs, parsed, make_statements(learned=True, tagger=_span_tagger(tagger, **settings)))
            res = A.score_polnear(docs, preds)
            c, cs = res["content overlap"], res["content+source"]
            shown = {k: v for k, v in settings.items() if k != "run_weights"}
            print(f"  {shown}: content P/R/F1 {c.p:.3f}/{c.r:.3f}/{c.f:.3f}, content+source {cs.f:.3f}", flush=True)
            if c.f > best[0]:
                best = (c.f, settings)
    finally:
        span_model.SpanTagger.probs = plain  # type: ignore[method-assign]
    return best[1], best[0]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--epochs", type=int, default=6)
    ap.add_argument("--fold-epochs", type=int, default=3, help="epochs of the two half-train taggers (run filter data)")
    ap.add_argument("--limit", type=int, default=None, help="first N train articles")
    ap.add_argument("--tagger", type=Path, default=None, help="reuse the tagger saved in this directory")
    ap.add_argument("--runs-from", type=Path, default=None, help="reuse the run filter of this earlier output")
    ap.add_argument("--no-tune", dest="tune", action="store_false")
    args = ap.parse_args(argv)
    t0 = time.time()
    docs = A.load_polnear("train", args.limit)
    parsed = A.parse_docs(docs, "train")
    t1 = time.time()
    if args.tagger is not None:
        _nlp, tagger = span_model.blank_tagger()
        tagger.from_disk(args.tagger / "tagger")
    else:
        tagger = train_tagger(docs, parsed, args.epochs)
    args.out.mkdir(parents=True, exist_ok=True)
    tagger.to_disk(args.out / "tagger")  # type: ignore[attr-defined]
    t2 = time.time()
    if args.runs_from is not None:  # the run filter of an earlier run (its settings.json)
        old = json.loads((args.runs_from / "settings.json").read_text(encoding="utf-8"))
        run_weights, X, y = old["run_weights"], [[]] * old["runs"], [1] * old["run_positives"]
    else:
        X, y = run_examples(docs, parsed, out_of_fold_probs(docs, parsed, args.fold_epochs))
        run_weights = train_lr(X, y, 6)
    print(f"run filter: {len(X)} runs ({sum(y)} positive), {len(run_weights)} features", flush=True)
    t3 = time.time()
    settings: dict[str, Any] = {"cue_threshold": 1.1, "boundary_weight": 0.0, "content_threshold": 0.5,
                                "filter_weight": 0.0, "run_weights": run_weights, "run_threshold": 0.5}
    f_tune = float("nan")
    if args.tune:
        settings, f_tune = tune(tagger, {"cue_threshold": [0.7, 1.1], "boundary_weight": [0.0],
                                         "content_threshold": [0.6], "filter_weight": [0.0],
                                         "run_weights": [run_weights],
                                         "run_threshold": [0.3, 0.4, 0.5, 0.6, 0.8]})
    (args.out / "settings.json").write_text(json.dumps({
        "trained_on": "PolNeAR train", "articles": len(docs), "epochs": args.epochs, "fold_epochs": args.fold_epochs,
        "seed": SEED, "labels": list(span_model.LABELS), "runs": len(X), "run_positives": sum(y),
        **{k: v for k, v in settings.items() if k != "run_weights"}, "tune_content_f1": round(f_tune, 4),
        "run_weights": dict(sorted(settings["run_weights"].items()))}, indent=0) + "\n", encoding="utf-8")
    print(f"{len(docs)} articles; parse {t1 - t0:.0f}s, tagger {t2 - t1:.0f}s, run filter {t3 - t2:.0f}s, tuning "
          f"{time.time() - t3:.0f}s; settings { {k: v for k, v in settings.items() if k != 'run_weights'} } "
          f"(tune content F1 {f_tune:.3f}) -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
