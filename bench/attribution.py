"""Attributed statements benchmark: PolNeAR (political news attribution relations) and our own hand gold.

    python bench/attribution.py [--split dev|train] [--no-append] [--limit N] [--errors N]

PolNeAR (Newell, Margolin & Ruths 2018; ``$DATELINE_BENCH_DIR/polnear/{train,dev}``): brat standoff, one
``.ann`` per article and annotator; ``T`` lines are ``Source``/``Cue``/``Content`` spans (a span may be split in
pieces ``a b;c d``: we score the union of its pieces), ``E`` lines tie one attribution's spans together.

- **One annotation per article**: when an article was annotated by several people (``<name>_<annotator>.ann``),
  the file of the annotator id that sorts first is used (deterministic, blind to the content).
- **Matching**: spans are compared as sets of character offsets (whitespace inside excluded). A predicted span
  *matches* a gold span when their Jaccard overlap |P∩G|/|P∪G| is ≥ 0.5 ("overlap" columns); *exact* when the
  two sets are equal after trimming edge whitespace, edge punctuation ``.,;:``, quotation marks and a leading
  "that" from both (PolNeAR keeps marks and "that" in a content, dateline leaves them out); *any* when they share
  at least one character (the lenient measure, reported for cues, whose gold often spans "has said", "said in a
  statement" where we mark the verb). Matching is one-to-one, greedy by best overlap. P = matched predictions /
  predictions, R = matched gold / gold, F1 their harmonic mean.
- **content+source**: a prediction counts when its content matches a gold attribution's content (Jaccard ≥ 0.5)
  and its speaker span matches that attribution's source (Jaccard ≥ 0.5), or both have no source.
- Configurations of the same component, side by side: ``default (speech + attributions)`` (the rules' speech
  acts, ``kind="speech"``, plus the ``learned + spans`` statements that overlap none of them,
  ``kind="attribution"``: both kinds scored, PolNeAR's notion), ``rules speech`` (``attributions=False``: speech
  acts only, cues outside quotations), ``rules broad`` (``broad=True``: also beliefs, perceptions and stances, which
  PolNeAR annotates as attributions too) and ``learned`` (``learned=True``): the rules' broad candidates and
  those of the verbs a learned cue detector takes as cues (``statements.cue_model``), each
  content span re-chosen among the parse's alternatives by the boundary ranker, then kept or dropped by the
  classifier, all three trained on PolNeAR train (``bench/attribution_train.py``); ``learned + tagger``
  (``learned=True, tagger=True``): the same plus the spaCy attribution tagger (``statements.span_model``,
  ``bench/attribution_span_train.py``); ``learned + spans`` (``learned=True, spans=True``): the joint cue ->
  content span model (``statements.span_ranker``, ``bench/attribution_spans_train.py``) picks among every
  (anchor word, parse span) pair and the learned configuration's candidates. Develop on train; dev is
  split in a *tune* half (even-indexed articles: errors read, threshold set) and a *check* half (odd), each
  scored too.

Own gold (``examples/gold/<article_id>.json``, a ``statements`` list in the JSON contract's shape, with the
article): statements matched by content (Jaccard ≥ 0.5); speaker F1 counts a match when the resolved speaker
string is equal (case-insensitive); via and date accuracy over matched statements.

Parsed documents are cached in ``bench/cache/polnear/`` (git-ignored), keyed by text and spaCy model.
"""
from __future__ import annotations

import argparse
import hashlib
import re
import subprocess
import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from spacy.tokens import Doc, DocBin  # noqa: E402

from dateline.extract.nlp import load_nlp  # noqa: E402
from dateline.extract.pipeline import Pipeline  # noqa: E402
from dateline.extract.registry import Context  # noqa: E402
from dateline.model import Article, Statement  # noqa: E402
from dateline.settings import settings  # noqa: E402

RESULTS = ROOT / "bench" / "RESULTS.md"
CACHE = ROOT / "bench" / "cache" / "polnear"
CONFIGS: dict[str, dict[str, Any]] = {
    "default (speech + attributions)": {},
    "rules speech": {"attributions": False},
    "rules broad": {"broad": True},
    "learned": {"learned": True},
    "learned + tagger": {"learned": True, "tagger": True},
    "learned + spans": {"learned": True, "spans": True},
}
_ANN_RE = re.compile(r"^(?P<base>.+)_(?P<annotator>[0-9a-f]{4})\.ann$")
_EDGE = " \t\n.,;:“”\"„«»"

Spans = frozenset[int]


@dataclass(slots=True)
class Attribution:
    content: Spans
    cue: Spans
    source: Spans | None


@dataclass(slots=True)
class GoldDoc:
    name: str
    text: str
    attributions: list[Attribution] = field(default_factory=list)


def _chars(text: str, pieces: Iterable[tuple[int, int]]) -> Spans:
    return frozenset(i for s, e in pieces for i in range(s, e) if not text[i].isspace())


def _content_chars(text: str, s: Statement) -> Spans:
    """A statement's content characters: its pieces when it is a quote split by its attribution."""
    if s.content_parts:
        return _chars(text, [tuple(int(x) for x in p.split("-")) for p in s.content_parts.split(";")])  # type: ignore[misc]
    return _chars(text, [(s.start, s.end)])


def _trimmed(text: str, spans: Spans) -> Spans:
    """A span for the *exact* comparison: without edge whitespace, edge punctuation, quotation marks and a
    leading "that" (conventions differ: PolNeAR keeps them, dateline's content leaves them out)."""
    idx = sorted(spans)
    lo, hi = 0, len(idx) - 1
    for _ in range(2):
        while lo <= hi and text[idx[lo]] in _EDGE:
            lo += 1
        while hi >= lo and text[idx[hi]] in _EDGE:
            hi -= 1
        if hi - lo >= 4 and text[idx[lo]:idx[lo] + 5].lower() == "that " and idx[lo + 3] == idx[lo] + 3:
            lo += 4
    return frozenset(idx[lo:hi + 1])


def load_polnear(split: str, limit: int | None = None) -> list[GoldDoc]:
    """Articles of one split with the attributions of one annotator each (the id that sorts first)."""
    base = Path(settings.bench_dir) / "polnear" / split
    chosen: dict[str, Path] = {}
    for ann in sorted((base / "attributions").glob("*.ann")):
        m = _ANN_RE.match(ann.name)
        name = m.group("base") if m else ann.stem
        chosen.setdefault(name, ann)  # sorted: the first annotator id wins
    docs = []
    for name, ann in sorted(chosen.items())[:limit]:
        txt = base / "text" / f"{name}.txt"
        if not txt.exists():
            continue
        text = txt.read_text(encoding="utf-8")
        docs.append(GoldDoc(name=name, text=text, attributions=_parse_ann(ann.read_text(encoding="utf-8"), text)))
    return docs


def _parse_ann(raw: str, text: str) -> list[Attribution]:
    spans: dict[str, tuple[str, Spans]] = {}
    events = []
    for line in raw.splitlines():
        if line.startswith("T") and line.count("\t") >= 2:  # (a span's text may run over several lines)
            tid, info, _ = line.split("\t", 2)
            label, offsets = info.split(" ", 1)
            pieces = [tuple(int(x) for x in p.split()) for p in offsets.split(";")]
            spans[tid] = (label, _chars(text, pieces))  # type: ignore[arg-type]
        elif line.startswith("E") and "\t" in line:
            events.append(dict(p.split(":", 1) for p in line.split("\t")[1].split()))
    out = []
    for ev in events:
        roles = {k: spans[v][1] for k, v in ev.items() if v in spans and k in ("Content", "Cue", "Source")}
        if roles.get("Content"):
            out.append(Attribution(content=roles["Content"], cue=roles.get("Cue", frozenset()),
                                   source=roles.get("Source")))
    return out


def agreement(split: str) -> tuple[int, PRF, PRF]:
    """Human reference: on the articles several people annotated, the first annotator's attributions scored
    against each other annotator's (content and source overlap, as for the system)."""
    base = Path(settings.bench_dir) / "polnear" / split
    groups: dict[str, list[Path]] = {}
    for ann in sorted((base / "attributions").glob("*.ann")):
        m = _ANN_RE.match(ann.name)
        groups.setdefault(m.group("base") if m else ann.stem, []).append(ann)
    content, source, n = PRF(), PRF(), 0
    half = lambda p, g: jaccard(p, g) >= 0.5  # noqa: E731
    for name, anns in groups.items():
        txt = base / "text" / f"{name}.txt"
        if len(anns) < 2 or not txt.exists():
            continue
        text = txt.read_text(encoding="utf-8")
        first, *others = [_parse_ann(a.read_text(encoding="utf-8"), text) for a in anns]
        for other in others:
            pc, gc = [a.content for a in other], [a.content for a in first]
            content.add(len(match(pc, gc, half)), len(pc), len(gc))
            ps, gs = [a.source for a in other if a.source], [a.source for a in first if a.source]
            source.add(len(match(ps, gs, half)), len(ps), len(gs))
        n += 1
    return n, content, source


def parse_docs(docs: list[GoldDoc], key: str) -> list[Doc]:
    nlp = load_nlp()
    h = hashlib.sha1(("\x00".join(d.text for d in docs) + nlp.meta["name"] + nlp.meta["version"]).encode())
    path = CACHE / f"{key}-{h.hexdigest()[:12]}.spacy"
    if path.exists():
        return list(DocBin().from_disk(path).get_docs(nlp.vocab))
    parsed = list(nlp.pipe((d.text for d in docs), batch_size=16))
    path.parent.mkdir(parents=True, exist_ok=True)
    DocBin(docs=parsed).to_disk(path)
    return parsed


def run(docs: list[GoldDoc], parsed: list[Doc], config: dict[str, Any]) -> list[list[Statement]]:
    pipe = Pipeline(["entities", "statements"], nlp=load_nlp(), config={"statements": config})
    return run_component(docs, parsed, *[comp for _name, comp in pipe.components])


def run_component(docs: list[GoldDoc], parsed: list[Doc], *components: Any) -> list[list[Statement]]:
    """The statements of each parsed article after ``components`` (entities first when there is only the
    statements component)."""
    if len(components) == 1:
        components = (*[c for _n, c in Pipeline(["entities"], nlp=load_nlp()).components], *components)
    out = []
    for d, doc in zip(docs, parsed):
        ctx = Context(article=Article(id=d.name, text=d.text))
        for comp in components:
            comp(doc, ctx)
        out.append([*ctx.statements, *ctx.attributions])  # both kinds: PolNeAR's notion of attribution
    return out


# --- scoring ---------------------------------------------------------------------------------------------
def jaccard(a: Spans, b: Spans) -> float:
    if not a or not b:
        return 0.0
    inter = len(a & b)
    return inter / (len(a) + len(b) - inter) if inter else 0.0


def match(pred: list[Spans], gold: list[Spans], ok: Any) -> list[tuple[int, int]]:
    """One-to-one greedy matching by best Jaccard among the pairs ``ok(p, g)`` accepts."""
    pairs = []
    for i, p in enumerate(pred):
        for j, g in enumerate(gold):
            if p & g and ok(p, g):
                pairs.append((jaccard(p, g), i, j))
    pairs.sort(reverse=True)
    used_p, used_g, out = set(), set(), []
    for _, i, j in pairs:
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            out.append((i, j))
    return out


@dataclass(slots=True)
class PRF:
    tp_p: int = 0
    tp_g: int = 0
    n_pred: int = 0
    n_gold: int = 0

    def add(self, matched: int, n_pred: int, n_gold: int) -> None:
        self.tp_p += matched
        self.tp_g += matched
        self.n_pred += n_pred
        self.n_gold += n_gold

    @property
    def p(self) -> float:
        return self.tp_p / self.n_pred if self.n_pred else 0.0

    @property
    def r(self) -> float:
        return self.tp_g / self.n_gold if self.n_gold else 0.0

    @property
    def f(self) -> float:
        return 2 * self.p * self.r / (self.p + self.r) if self.p + self.r else 0.0


def score_polnear(docs: list[GoldDoc], preds: list[list[Statement]]) -> dict[str, PRF]:
    res = {k: PRF() for k in ("content overlap", "content exact", "content any", "source overlap",
                              "source exact", "cue any", "cue exact", "content+source")}
    half = lambda p, g: jaccard(p, g) >= 0.5  # noqa: E731
    anyo = lambda p, g: True  # noqa: E731
    for d, stmts in zip(docs, preds):
        t = d.text
        pc = [_content_chars(t, s) for s in stmts]
        gc = [a.content for a in d.attributions]
        exact = lambda p, g: _trimmed(t, p) == _trimmed(t, g)  # noqa: E731
        res["content overlap"].add(len(match(pc, gc, half)), len(pc), len(gc))
        res["content exact"].add(len(match(pc, gc, exact)), len(pc), len(gc))
        res["content any"].add(len(match(pc, gc, anyo)), len(pc), len(gc))
        ps = [_chars(t, [(s.speaker_start, s.speaker_end)]) for s in stmts if s.speaker_start is not None]
        gs = [a.source for a in d.attributions if a.source]
        res["source overlap"].add(len(match(ps, gs, half)), len(ps), len(gs))
        res["source exact"].add(len(match(ps, gs, exact)), len(ps), len(gs))
        pq = [_chars(t, [(s.cue_start, s.cue_end)]) for s in stmts if s.cue_start is not None]
        gq = [a.cue for a in d.attributions if a.cue]
        res["cue any"].add(len(match(pq, gq, anyo)), len(pq), len(gq))
        res["cue exact"].add(len(match(pq, gq, exact)), len(pq), len(gq))
        both = 0
        for i, j in match(pc, gc, half):
            s, a = stmts[i], d.attributions[j]
            if s.speaker_start is None or a.source is None:
                both += int(s.speaker_start is None and a.source is None)
            else:
                both += int(half(_chars(t, [(s.speaker_start, s.speaker_end)]), a.source))
        res["content+source"].add(both, len(pc), len(gc))
    return res


def print_errors(docs: list[GoldDoc], preds: list[list[Statement]], n: int) -> None:
    """Missed gold and spurious predictions (content, Jaccard ≥ 0.5), for development."""
    half = lambda p, g: jaccard(p, g) >= 0.5  # noqa: E731
    shown = 0
    for d, stmts in zip(docs, preds):
        t = d.text
        pc = [_content_chars(t, s) for s in stmts]
        gc = [a.content for a in d.attributions]
        m = match(pc, gc, half)
        mp, mg = {i for i, _ in m}, {j for _, j in m}
        for j, a in enumerate(d.attributions):
            if j not in mg and shown < n:
                src = _show(t, a.source) if a.source else None
                print(f"MISS {d.name}: [{src}] [{_show(t, a.cue)}] {_show(t, a.content)[:160]!r}")
                shown += 1
        for i, s in enumerate(stmts):
            if i not in mp and shown < n:
                print(f"SPUR {d.name}: [{s.speaker}] [{s.cue}] {s.content[:160]!r}")
                shown += 1


def _show(text: str, spans: Spans) -> str:
    idx = sorted(spans)
    return text[idx[0]:idx[-1] + 1] if idx else ""


# --- own gold ---------------------------------------------------------------------------------------------
def load_own_gold() -> tuple[list[dict[str, Any]], dict[str, Article]]:
    """The hand gold with statements, and the ingested articles it points into (``bench/gold_tools.py``)."""
    try:
        import gold_tools  # type: ignore[import-not-found]

        gold = [g for g in gold_tools.load_gold().values() if g.get("statements")]
        return gold, gold_tools.ingested() if gold else {}
    except (ImportError, AttributeError, FileNotFoundError):
        return [], {}


def score_own(gold: list[dict[str, Any]], articles: dict[str, Article], show_errors: bool = False) -> dict[str, Any]:
    from dateline.extract.pipeline import default_pipeline

    pipe = default_pipeline()
    sp, via_ok, date_ok, n_match, kind_ok = PRF(), 0, 0, 0, 0
    for g in gold:
        art = articles.get(g["article"]["id"])
        if art is None:
            continue
        ex = pipe(art)
        t = ex.article.text
        pred, gst = [s for s in ex.statements if s.kind == "speech"], g["statements"]
        pc = [_chars(t, [(s.start, s.end)]) for s in pred]
        gc = [_chars(t, [(s["start"], s["end"])]) for s in gst]
        m = match(pc, gc, lambda p, q: jaccard(p, q) >= 0.5)
        same = [(i, j) for i, j in m if (pred[i].speaker or "").casefold().strip() ==
                (gst[j].get("speaker") or "").casefold().strip()]
        sp.add(len(same), len(pred), len(gst))
        if show_errors:
            mp, mg, ok = {i for i, _ in m}, {j for _, j in m}, set(same)
            for i, j in m:
                if (i, j) not in ok or pred[i].via != gst[j].get("via"):
                    print(f"DIFF {g['article']['id']}: pred [{pred[i].speaker}|{pred[i].speaker_kind}|via "
                          f"{pred[i].via}|{pred[i].date}] gold [{gst[j].get('speaker')}|{gst[j].get('speaker_kind')}"
                          f"|via {gst[j].get('via')}|{gst[j].get('date')}] {gst[j]['content'][:80]!r}")
            for j, x in enumerate(gst):
                if j not in mg:
                    print(f"MISS {g['article']['id']}: [{x.get('speaker')}] [{x.get('cue')}] {x['content'][:120]!r}")
            for i, x in enumerate(pred):
                if i not in mp:
                    print(f"SPUR {g['article']['id']}: [{x.speaker}] [{x.cue}] {x.content[:120]!r}")
        n_match += len(m)
        kind_ok += sum(pred[i].speaker_kind == gst[j].get("speaker_kind") for i, j in m)
        via_ok += sum(pred[i].via == gst[j].get("via") for i, j in m)
        date_ok += sum(pred[i].date == (gst[j].get("date") or g["article"].get("dct")) for i, j in m)
    return {"articles": len(gold), "gold": sp.n_gold, "pred": sp.n_pred, "speaker": sp,
            "matched": n_match, "via_acc": via_ok / n_match if n_match else 0.0,
            "kind_acc": kind_ok / n_match if n_match else 0.0,
            "date_acc": date_ok / n_match if n_match else 0.0}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--split", default="dev", choices=["train", "dev"])
    ap.add_argument("--limit", type=int, default=None, help="first N articles only")
    ap.add_argument("--errors", type=int, default=0, help="print N misses/spurious (speech config)")
    ap.add_argument("--errors-config", default="default (speech + attributions)", choices=list(CONFIGS))
    ap.add_argument("--no-append", action="store_true", help="do not append to bench/RESULTS.md")
    ap.add_argument("--own-only", action="store_true", help="score the own gold only (prints its errors)")
    args = ap.parse_args(argv)
    if args.own_only:
        own, articles = load_own_gold()
        o = score_own(own, articles, show_errors=True)
        print({k: (f"{v.p:.3f}/{v.r:.3f}/{v.f:.3f}" if isinstance(v, PRF) else v) for k, v in o.items()})
        return 0
    t0 = time.time()
    docs = load_polnear(args.split, args.limit)
    parsed = parse_docs(docs, args.split)
    t_parse = time.time() - t0
    results, timing = {}, {}
    halves = {"tune": [i for i in range(len(docs)) if i % 2 == 0], "check": [i for i in range(len(docs)) if i % 2]}
    configs = dict(CONFIGS)
    for name, cfg in CONFIGS.items():
        t1 = time.time()
        try:
            preds = run(docs, parsed, cfg)
        except FileNotFoundError as e:  # a model not built (make attribution-model)
            print(f"{name}: not scored: {e}", file=sys.stderr)
            del configs[name]
            continue
        timing[name] = time.time() - t1
        results[name] = score_polnear(docs, preds)
        for half, idx in halves.items():
            results[f"{name}, {half} half"] = score_polnear([docs[i] for i in idx], [preds[i] for i in idx])
        if args.errors and name == args.errors_config:
            tune = halves["tune"]
            print_errors([docs[i] for i in tune], [preds[i] for i in tune], args.errors)
    n_gold = sum(len(d.attributions) for d in docs)
    cols = ["content overlap", "content exact", "source overlap", "source exact", "cue any", "cue exact",
            "content+source"]
    lines = ["| PolNeAR " + args.split + " | " + " | ".join(cols) + " |", "|---" * (len(cols) + 1) + "|"]
    for name, res in results.items():
        lines.append(f"| {name} (P/R/F1) | " + " | ".join(
            f"{res[c].p:.3f} / {res[c].r:.3f} / **{res[c].f:.3f}**" for c in cols) + " |")
    n_iaa, iaa_c, iaa_s = agreement("train")
    iaa = (f"Human reference (PolNeAR train, {n_iaa} articles with several annotators: first annotator vs. each "
           f"other, same measures): content overlap F1 {iaa_c.f:.3f}, source overlap F1 {iaa_s.f:.3f}.")
    lines.append("")
    lines.append(iaa)
    own, articles = load_own_gold()
    if own:
        o = score_own(own, articles)
        s = o["speaker"]
        own_lines = ["| own gold | articles | gold statements | predicted | content-matched | speaker P / R / F1 "
                     "| kind acc | via acc | date acc |", "|---|---|---|---|---|---|---|---|---|",
                     f"| examples/gold | {o['articles']} | {o['gold']} | {o['pred']} | {o['matched']} | "
                     f"{s.p:.3f} / {s.r:.3f} / **{s.f:.3f}** | {o['kind_acc']:.3f} | {o['via_acc']:.3f} | "
                     f"{o['date_acc']:.3f} |"]
    else:
        own_lines = ["Own gold: no `examples/gold/*.json` with statements yet; not scored."]
    try:
        import attribution_t17

        own_lines += ["", *attribution_t17.table(configs)]
    except FileNotFoundError as e:  # no T17 data next to the repo
        own_lines += ["", f"T17 real-news gold not scored: {e}"]
    print("\n".join(["", *lines, "", *own_lines, ""]))
    per_doc = {k: 1000 * v / max(1, len(docs)) for k, v in timing.items()}
    print(f"{len(docs)} articles, {n_gold} gold attributions; parse {t_parse:.0f}s (cached after the first run); "
          + ", ".join(f"{k} component {v:.1f} ms/article" for k, v in per_doc.items()))
    if not args.no_append:
        rev = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                             text=True).stdout.strip()
        with open(RESULTS, "a", encoding="utf-8") as fh:
            fh.write(f"\n## Attributed statements (bench/attribution.py) — {date.today().isoformat()} @ {rev or '?'}\n\n"
                     f"PolNeAR {args.split}: {len(docs)} articles (one annotator each: the id sorting first), "
                     f"{n_gold} gold attributions. overlap = character Jaccard ≥ 0.5; exact = equal after trimming "
                     f"edge whitespace, .,;:, quotation marks and a leading 'that'; any = at least one shared "
                     f"character; split quotes scored by their pieces; one-to-one greedy matching. "
                     f"content+source: content and source both overlap-matched in the same attribution. "
                     f"`default (speech + attributions)` = the rules' speech acts plus the `learned + spans` statements overlapping "
                     f"none of them (kind=attribution), both kinds scored; `rules speech` = the rules, speech acts only; `rules broad` = rules with broad=True "
                     f"(PolNeAR's wider notion of attribution); `learned` = the rules' broad candidates plus the verbs "
                     f"the learned cue detector takes as cues, content spans re-chosen by the boundary ranker, filtered by the classifier, all three trained on PolNeAR "
                     f"train (bench/attribution_train.py); `learned + tagger` = learned plus "
                     f"the runs of content the spaCy attribution tagger (bench/attribution_span_train.py) finds "
                     f"outside the kept candidates, kept by its run filter; `learned + spans` = the joint cue -> content span model "
                     f"(bench/attribution_spans_train.py) choosing among every (verb/noun/adjective, parse span) pair "
                     f"and the learned candidates. "
                     f"Halves: tune = even-indexed dev articles (errors read, threshold set), check = odd.\n\n" + "\n".join(lines) + "\n\n"
                     + "\n".join(own_lines) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
