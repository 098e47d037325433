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

sys.path.insert(0, str(Path(__file__).resolve().parent))

import attribution as A  # noqa: E402
from spacy.tokens import Doc  # noqa: E402
from spacy.training import Example  # noqa: E402
from spacy.util import fix_random_seed, minibatch  # noqa: E402

from dateline.extract.statements import span_model  # noqa: E402

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


def tune(tagger: object, grid: dict[str, list[float]]) -> tuple[dict[str, float], float]:
    """The settings with the best content F1 on the tune half of PolNeAR dev (probabilities computed once)."""
    from dateline.extract.statements.component import make_statements

    docs, parsed = A.load_polnear("dev"), None
    parsed = A.parse_docs(docs, "dev")
    keep = [i for i in range(len(docs)) if i % 2 == 0]
    docs, parsed = [docs[i] for i in keep], [parsed[i] for i in keep]
    best: tuple[float, dict[str, float]] = (-1.0, {})
    for values in itertools.product(*grid.values()):
        settings = dict(zip(grid, values))
        span_model.load_tagger.cache_clear()
        st = span_model.SpanTagger(tagger=tagger, columns={lab: i for i, lab in enumerate(tagger.labels)},  # type: ignore[attr-defined]
                                   **settings)
        preds = A.run_component(docs, parsed, make_statements(learned=True, tagger=st))
        res = A.score_polnear(docs, preds)
        f, fs = res["content overlap"].f, res["content+source"].f
        print(f"  {settings}: content F1 {f:.3f}, content+source {fs:.3f}", flush=True)
        if f > best[0]:
            best = (f, settings)
    return best[1], best[0]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--epochs", type=int, default=4)
    ap.add_argument("--limit", type=int, default=None, help="first N train articles")
    ap.add_argument("--no-tune", dest="tune", action="store_false")
    args = ap.parse_args(argv)
    t0 = time.time()
    docs = A.load_polnear("train", args.limit)
    parsed = A.parse_docs(docs, "train")
    t1 = time.time()
    tagger = train_tagger(docs, parsed, args.epochs)
    t2 = time.time()
    args.out.mkdir(parents=True, exist_ok=True)
    tagger.to_disk(args.out / "tagger")  # type: ignore[attr-defined]
    settings = {"cue_threshold": 0.5, "boundary_weight": 0.0, "content_threshold": 0.0}
    f_tune = float("nan")
    if args.tune:
        settings, f_tune = tune(tagger, {"cue_threshold": [0.3, 0.5, 0.7], "boundary_weight": [0.0, 0.3, 1.0],
                                         "content_threshold": [0.3, 0.5]})
    (args.out / "settings.json").write_text(json.dumps({
        "trained_on": "PolNeAR train", "articles": len(docs), "epochs": args.epochs, "seed": SEED,
        "labels": list(span_model.LABELS), **settings, "tune_content_f1": round(f_tune, 4)}, indent=1) + "\n",
        encoding="utf-8")
    print(f"{len(docs)} articles; parse {t1 - t0:.0f}s, training {t2 - t1:.0f}s, tuning {time.time() - t2:.0f}s; "
          f"settings {settings} (tune content F1 {f_tune:.3f}) -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
