"""Experiment: would a learned reportable-event filter help? Cross-validated on the tune halves only.

    python bench/events_filter_train.py [--folds 4]

A filter that drops coded events a reader would not report (an opinion "agreed that ...", a question "asked X
about ...", "a statement released by ...") was tried in session 7 (issue 15) as a learned alternative to more
single-sentence rules. It is *not* shipped: held out, it did not raise the T17 tune F1 (bench/RESULTS.md,
2026-12-07, branch s7evt). This script keeps the experiment repeatable when the gold grows.

Examples: every event the coder finds on
- the T17 real-news **tune** articles (``examples/t17_gold``: articles.json's tune half and the events-only extra
  tune articles), labelled 1 when it matches a gold event as ``bench/events_t17.py`` matches them (same line,
  action, actor; negated and speculative predictions are not scored there and are left out here);
- the own gold (``examples/gold``, development data), labelled 1 when its (actor, action, target) triple matches
  a gold triple (``bench/events.py``'s own-gold matching, one-to-one);
- the PLOVER **tune** sentences: the main event, labelled 1 when its PLOVER action is the gold one (a wrong main
  event is left out: the sentence holds a gold event, the coder named it wrongly).
The check halves (T17 check topics, PLOVER check sentences) are never read.

The model is scikit-learn's L2 logistic regression over sparse string features of the trigger in spaCy's parse
and of the coded event (``event_features``: the statements cue detector's verb features, the action, mode, actor
and target kinds, in-quote, question, sentence position, events per sentence). Each example gets the probability
of a model trained on the other folds (folds by article); the table prints, per regularization C and threshold,
the held-out T17 tune F1 (all, and per annotation batch), own-gold triple and date F1 and PLOVER tune action
accuracy.
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

import events as EV  # noqa: E402
import events_t17 as T  # noqa: E402
import t17_gold  # noqa: E402

from dateline.extract import default_pipeline  # noqa: E402
from dateline.extract.events.component import to_plover  # noqa: E402
from dateline.extract.events.lexicon import load_lexicon  # noqa: E402
from dateline.extract.pipeline import Pipeline  # noqa: E402
from dateline.extract.statements.cue_model import linear_prob, token_features  # noqa: E402
from dateline.extract.registry import Context  # noqa: E402
from dateline.model import Article, Event  # noqa: E402

from spacy.tokens import Doc, Token  # noqa: E402

Example = dict[str, Any]  # source, group (article), feats, label, and what the scores need


# ---- features of one coded event ----------------------------------------------------------------------------
_QUOTES_OPEN = frozenset('“"«')
_QUOTES_CLOSE = frozenset('”"»')
_PRONOUNS = frozenset("i we you he she it they who this that".split())
_CLAUSE_DEPS = ("ccomp", "xcomp", "advcl", "conj", "relcl", "acl", "pcomp", "pobj", "dobj", "nsubj", "nsubjpass")


def trigger_token(doc: Doc, ev: Event) -> Token | None:
    """The token of the event's trigger highest in the parse."""
    span = doc.char_span(ev.start, ev.end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    return min(span, key=lambda t: (_depth(t), t.i))


def _depth(tok: Token) -> int:
    d = 0
    while tok.head != tok and d < 60:
        tok, d = tok.head, d + 1
    return d


def _in_quote(tok: Token) -> bool:
    """Inside a quotation opened before it in its sentence and not closed before it."""
    depth = 0
    for t in tok.sent:
        if t.i >= tok.i:
            break
        if t.text in _QUOTES_OPEN and (t.text != '"' or depth == 0):
            depth += 1
        elif t.text in _QUOTES_CLOSE or t.text == "''":
            depth = max(0, depth - 1)
        elif t.text == "``":
            depth += 1
    return depth > 0


def _kind(name: str | None, text: str | None, country: str | None) -> str:
    if not text:
        return "none"
    if text.lower() in _PRONOUNS:
        return "pron"
    if country:
        return "state" if name and name != text else "country"
    return "linked" if name and name != text else "text"


def event_features(doc: Doc, ev: Event, sent_index: dict[int, int], per_sentence: dict[int, int]) -> Iterator[str]:
    """The sparse features of one coded event (strings; the model weighs them)."""
    yield "bias"
    act = ev.action
    yield f"act={act}"
    yield f"mod={ev.modality}"
    yield f"pol={ev.polarity}"
    yield f"actor={_kind(ev.actor, ev.actor_text, ev.actor_country)}"
    yield f"target={_kind(ev.target, ev.target_text, ev.target_country)}"
    yield f"act={act}|actor={_kind(ev.actor, ev.actor_text, ev.actor_country)}"
    yield f"date={ev.date_origin or 'none'}"
    tok = trigger_token(doc, ev)
    if tok is None:
        yield "notoken"
        return
    lem = tok.lemma_.lower()
    yield f"lem={lem}|act={act}"
    yield from (f"t:{f}" for f in token_features(tok) if f != "bias")
    yield f"pos={tok.pos_}"
    yield f"tag={tok.tag_}"
    yield f"dep={tok.dep_}"
    yield f"pos={tok.pos_}|dep={tok.dep_}"
    if tok.dep_ in _CLAUSE_DEPS:
        yield f"hlem={tok.head.lemma_.lower()}|dep={tok.dep_}"
        yield f"hpos={tok.head.pos_}|dep={tok.dep_}"
    deps = sorted({c.dep_ for c in tok.children if c.dep_ != "punct"})
    for d in deps:
        yield f"child={d}"
        yield f"act={act}|child={d}"
    for c in tok.children:
        if c.dep_ in ("aux", "auxpass", "neg", "mark", "prt"):
            yield f"{c.dep_}={c.lower_}"
        elif c.dep_ in ("ccomp", "xcomp"):
            if any(m.dep_ == "mark" and m.lower_ in ("that", "whether", "if") for m in c.children):
                yield f"{c.dep_}=that"
            yield f"lem={lem}|{c.dep_}"
        elif c.dep_ == "dobj":
            yield f"dobj={c.ent_type_ or c.pos_}"
        elif c.dep_ in ("nsubj", "nsubjpass"):
            yield f"subj={c.ent_type_ or c.pos_}"
    if _in_quote(tok):
        yield "quote"
    sent = tok.sent
    if any(t.text == "?" for t in sent):
        yield "question"
    k = sent_index.get(sent.start, 0)
    yield f"sent={min(k, 3)}"
    n = per_sentence.get(sent.start, 1)
    yield f"nsent={min(n, 4)}"
    yield f"first={tok.i - sent.start < 3}"


def article_features(doc: Doc, events: Sequence[Event]) -> list[list[str]]:
    """The features of each event of one article (their order)."""
    sent_index = {s.start: k for k, s in enumerate(doc.sents)}
    per_sentence: dict[int, int] = {}
    toks = [trigger_token(doc, e) for e in events]
    for t in toks:
        if t is not None:
            per_sentence[t.sent.start] = per_sentence.get(t.sent.start, 0) + 1
    return [list(event_features(doc, e, sent_index, per_sentence)) for e in events]


def _runner(actors: bool = False) -> Any:
    config = {"entities": {"actors_file": [str(EV.EXAMPLE_ACTORS)]}} if actors else None
    pipe = Pipeline(None, nlp=default_pipeline().nlp, config=config)

    def run(articles: list[Article]) -> list[tuple[Any, Context]]:
        out = []
        for art in articles:
            doc = pipe.nlp(art.text)
            ctx = Context(article=art)
            for _name, comp in pipe.components:
                comp(doc, ctx)
            out.append((doc, ctx))
        return out

    return run


def t17_examples() -> tuple[list[Example], dict[str, int]]:
    """The T17 tune examples and each article's gold count (negated gold left out, as the scorer does)."""
    gold_actor = T.GoldActor(EV.GENERIC)
    data = t17_gold.load("events")
    gold_all = [g for g in data["events"] if g.get("mode") != "negated"]
    arts = t17_gold.articles("tune") + data.get("extra_tune_articles", [])
    articles, stored = [], []
    for a in arts:
        row = t17_gold.article(a["topic"], a["article_id"])
        articles.append(Article(id=f"{a['topic']}/{a['article_id']}", text=T.readable(row["text"]), dct=row.get("time")))
        stored.append(row["text"])
    out: list[Example] = []
    n_gold: dict[str, int] = {}
    for a, art, text, (doc, ctx) in zip(arts, articles, stored, _runner()(articles)):
        gold = [g for g in gold_all if g["topic"] == a["topic"] and g["article_id"] == a["article_id"]]
        n_gold[art.id] = len(gold)
        pred = T._per_trigger_and_actor([e for e in ctx.events if T.scored(e)])
        used: set[int] = set()
        for g in gold:
            gl = T._line(text, g["start"])
            hit = next((i for i, e in enumerate(pred) if i not in used and e.action == g["action"]
                        and T._line(art.text, e.start) == gl
                        and (EV._actor_match(e.actor_text, e.actor, e.actor_country, gold_actor.record(g["actor"]))
                             or gold_actor.head_match(g["actor"], (e.actor_text, e.actor)))), None)
            if hit is not None:
                used.add(hit)
        for i, (e, fs) in enumerate(zip(pred, article_features(doc, pred))):
            out.append({"source": "t17", "group": art.id, "batch": a.get("batch", 1), "feats": fs,
                        "label": int(i in used)})
    return out, n_gold


def own_examples() -> tuple[list[Example], dict[str, int]]:
    golds = [g for g in (EV._load_own_gold() or []) if isinstance(g.get("events"), list) and g.get("article")]
    symmetric = load_lexicon().word_set("reciprocal")
    names = EV.Names()
    from gold_tools import ingested  # type: ignore[import-not-found]

    articles = ingested()
    golds = [g for g in golds if g["article"]["id"] in articles]
    for g in golds:
        art = articles[g["article"]["id"]]
        if art.dct is None:
            art.dct = g["article"].get("dct")
    runs = _runner(actors=True)([articles[g["article"]["id"]] for g in golds])
    out: list[Example] = []
    n_gold: dict[str, int] = {}
    for g, (doc, ctx) in zip(golds, runs):
        aid = str(g["article"]["id"])
        n_gold[aid] = len(g["events"])
        left = Counter(EV._triple(e, symmetric, names) for e in g["events"])
        left_dated = Counter((*EV._triple(e, symmetric, names), e.get("date")) for e in g["events"])
        for e, fs in zip(ctx.events, article_features(doc, ctx.events)):
            t = EV._triple(e.to_dict(), symmetric, names)
            label = int(left[t] > 0)
            left[t] -= label
            dated = (*t, e.date)
            date_ok = int(left_dated[dated] > 0)
            left_dated[dated] -= date_ok
            out.append({"source": "own", "group": aid, "feats": fs, "label": label, "date_ok": date_ok})
    return out, n_gold


def plover_examples() -> list[Example]:
    records = EV.plover_records("tune")
    lex = load_lexicon()
    runs = _runner()([Article(id=r["id"], text=r["text"]) for r in records])
    out: list[Example] = []
    for r, (doc, ctx) in zip(records, runs):
        gold = EV.OLD_NAMES.get(r["event"], r["event"])
        main = {id(e) for e in EV.main_events(doc, ctx.events)}
        for e, fs in zip(ctx.events, article_features(doc, ctx.events)):
            ok = to_plover(e, lex) == gold
            # the main event is the example; every event keeps its place for the accuracy under the filter
            out.append({"source": "plover", "group": r["id"], "feats": fs, "label": int(ok),
                        "main": id(e) in main, "depth": _key(doc, e), "ok": ok})
    return out


def _key(doc: Any, e: Any) -> tuple[int, int]:
    span = doc.char_span(e.start, e.end, alignment_mode="expand")
    return (min(EV._depth(t) for t in span) if span is not None and len(span) else 99, e.start)


def trainable(x: Example) -> bool:
    return x["source"] != "plover" or (x["main"] and x["ok"])


LEXICAL = ("lem=", "t:lem=", "hlem=", "t:hlem=", "t:dobj=", "t:ccomplem=", "t:xcomplem=")
NO_LEXICAL = False  # --no-lexical: leave out the features naming words (lemmas of the trigger, head, object)


def _usable(f: str) -> bool:
    return f != "bias" and not (NO_LEXICAL and (f.startswith(LEXICAL) or "|lem=" in f or "lem=" in f.split("|")[0]))


def fit(examples: list[Example], c: float) -> dict[str, float]:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    rows = [x for x in examples if trainable(x)]
    vec = DictVectorizer()
    X = vec.fit_transform([{f: 1.0 for f in x["feats"] if _usable(f)} for x in rows])
    y = [x["label"] for x in rows]
    model = LogisticRegression(C=c, max_iter=2000)
    model.fit(X, y)
    weights = {f: round(float(w), 4) for f, w in zip(vec.get_feature_names_out(), model.coef_[0]) if abs(w) >= 1e-3}
    weights["bias"] = round(float(model.intercept_[0]), 4)
    return weights


def prob(w: dict[str, float], feats: list[str]) -> float:
    return linear_prob(w, feats)


def scores(examples: list[Example], probs: list[float], t: float, n_t17: dict[str, int],
           n_own: dict[str, int]) -> dict[str, float]:
    """T17 tune F1 (all, per annotation batch), own triple and date F1, PLOVER tune action accuracy at threshold t."""
    res: dict[str, float] = {}
    for name in ("t17", *(f"t17b{b}" for b in sorted({_batch_of(g) for g in n_t17}))):
        wanted = _batches(name, n_t17)
        sel = [(x, p) for x, p in zip(examples, probs) if x["source"] == "t17" and x["batch"] in wanted]
        groups = {g for g in n_t17 if _batch_of(g) in wanted}
        kept = [x for x, p in sel if p >= t]
        res[name] = _f1(sum(x["label"] for x in kept), len(kept), sum(n_t17[g] for g in groups))[2]
    own = [(x, p) for x, p in zip(examples, probs) if x["source"] == "own"]
    kept = [x for x, p in own if p >= t]
    res["own"] = _f1(sum(x["label"] for x in kept), len(kept), sum(n_own.values()))[2]
    res["own_date"] = _f1(sum(x["date_ok"] for x in kept), len(kept), sum(n_own.values()))[2]
    by: dict[str, list[tuple[Example, float]]] = {}
    for x, p in zip(examples, probs):
        if x["source"] == "plover":
            by.setdefault(x["group"], []).append((x, p))
    right = 0
    for evs in by.values():
        kept_p = [x for x, p in evs if p >= t]
        if kept_p:
            right += int(min(kept_p, key=lambda x: x["depth"])["ok"])
    res["plover"] = right / max(1, len(by))
    return res


_BATCH: dict[str, int] = {}


def _batch_of(group: str) -> int:
    if not _BATCH:
        data = t17_gold.load("events")
        for a in t17_gold.articles("tune") + data.get("extra_tune_articles", []):
            _BATCH[f"{a['topic']}/{a['article_id']}"] = int(a.get("batch", 1))
    return _BATCH.get(group, 1)


def _batches(name: str, n_t17: dict[str, int]) -> tuple[int, ...]:
    """The annotation batches a score name covers: "t17" all, "t17b2" batch 2."""
    return tuple(sorted({_batch_of(g) for g in n_t17})) if name == "t17" else (int(name[len("t17b"):]),)


def _f1(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def cross_validated(examples: list[Example], c: float, folds: int, by_batch: bool = False) -> list[float]:
    """Each example's probability from a model trained on the other folds (folds by article; ``by_batch``: a T17
    example's fold is its annotation batch, leave-one-batch-out, and the own-gold and PLOVER articles are spread
    over as many folds)."""
    groups = sorted({x["group"] for x in examples})
    fold_of = {g: k % folds for k, g in enumerate(groups)}
    if by_batch:
        batches = sorted({x["batch"] for x in examples if x["source"] == "t17"})
        folds = len(batches)
        fold_of = {g: k % folds for k, g in enumerate(groups)}
        fold_of.update({x["group"]: batches.index(x["batch"]) for x in examples if x["source"] == "t17"})
    probs = [0.0] * len(examples)
    for k in range(folds):
        w = fit([x for x in examples if fold_of[x["group"]] != k], c)
        for i, x in enumerate(examples):
            if fold_of[x["group"]] == k:
                probs[i] = prob(w, x["feats"])
    return probs


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--folds", type=int, default=4)
    ap.add_argument("--no-lexical", action="store_true", help="no features naming words (syntax, action, mode only)")
    ap.add_argument("--by-batch", action="store_true", help="leave one T17 annotation batch out (not article folds)")
    args = ap.parse_args(argv)
    global NO_LEXICAL
    NO_LEXICAL = args.no_lexical
    t17, n_t17 = t17_examples()
    own, n_own = own_examples()
    examples = t17 + own + plover_examples()
    print(f"examples: T17 tune {len(t17)} ({sum(x['label'] for x in t17)} positive), own gold {len(own)} "
          f"({sum(x['label'] for x in own)}), PLOVER tune {sum(1 for x in examples if x['source'] == 'plover')}")
    base = scores(examples, [1.0] * len(examples), 0.5, n_t17, n_own)
    print("unfiltered: " + " ".join(f"{k} {v:.3f}" for k, v in base.items()))
    best: tuple[float, float, float] | None = None
    for c in (0.03, 0.1, 0.3, 1.0, 3.0):
        probs = cross_validated(examples, c, args.folds, args.by_batch)
        for t in (0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5):
            s = scores(examples, probs, t, n_t17, n_own)
            ok = s["plover"] >= base["plover"] - 1e-9
            goal = (s["t17"] + s["own"]) / 2
            print(f"C={c} t={t}: " + " ".join(f"{k} {v:.3f}" for k, v in s.items()) + ("" if ok else "  (PLOVER lower)"))
            if ok and (best is None or goal > best[0]):
                best = (goal, c, t)
    if best is not None:
        print(f"best held-out setting: C={best[1]} threshold={best[2]} (mean of T17 tune and own triple F1 {best[0]:.3f}; "
              f"unfiltered {(base['t17'] + base['own']) / 2:.3f})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
