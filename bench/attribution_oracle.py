"""Upper bounds for attribution candidate sets on PolNeAR (development diagnostic, tune half only).

    python bench/attribution_oracle.py [--split dev] [--half tune]

For each candidate generator, the share of gold attributions one of whose candidate contents matches the gold
content (character Jaccard >= 0.5, as bench/attribution.py scores): the recall a perfect filter over that set
could reach (precision 1.0), hence the content F1 ceiling 2R / (1 + R). Generators:

- ``learned``: the learned configuration's candidates before its filter (rules' broad cues + the cue
  detector's, contents re-chosen by the boundary ranker);
- ``learned alts``: each of those candidates' boundary alternatives (``statements.boundaries.variants``);
- ``syntax``: for every verb, noun and adjective of a sentence, the subtree of each dependent, the rest of the
  sentence after it, the sentence before its subject, and the whole sentence; plus the quotations;
- ``syntax+learned``: the union;
- ``span pairs``: the (anchor, span) pairs of ``statements.span_ranker.candidates`` (the learned candidates and
  the parse's spans around every verb, noun and adjective), a gold covered only when the pair's anchor lies in
  its cue (so that the cue, hence the source, is right too).
Also counts, for the gold no generator covers, whether any candidate overlaps them at all.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import attribution as A  # noqa: E402
import attribution_train as T  # noqa: E402

from spacy.tokens import Doc  # noqa: E402

from dateline.extract.statements import span_pairs as P  # noqa: E402
from dateline.extract.statements.boundaries import variants  # noqa: E402
from dateline.extract.statements.cue_model import load_cue_model  # noqa: E402
from dateline.extract.statements.learned import load_model, rebound  # noqa: E402
from dateline.extract.statements.quotes import find_quotes  # noqa: E402
from dateline.extract.nlp import doc_text  # noqa: E402

_DEPS = frozenset({"ccomp", "xcomp", "dobj", "advcl", "prep", "pobj", "attr", "acomp", "oprd", "nsubj", "csubj",
                   "acl", "relcl", "pcomp", "conj", "dative", "agent", "nsubjpass", "appos", "npadvmod"})


def syntax_spans(doc: Doc) -> set[tuple[int, int]]:
    """Token spans (first, last) the parse offers around every content word."""
    out: set[tuple[int, int]] = set()
    for sent in doc.sents:
        lo, hi = sent.start, sent.end - 1
        out.add((lo, hi))
        for t in sent:
            if t.pos_ not in ("VERB", "NOUN", "ADJ", "AUX", "PROPN"):
                continue
            for c in t.children:
                if c.dep_ in _DEPS:
                    a, b = c.left_edge.i, c.right_edge.i
                    out.add((a, b))
                    if doc[a].dep_ in ("mark",) or doc[a].lower_ == "that":
                        out.add((a + 1, b))
                    if c.i > t.i:
                        out.add((a, hi))
            if t.i + 1 <= hi:
                out.add((t.i + 1, hi))
            subj = next((c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            left = (subj.left_edge.i if subj is not None and subj.i < t.i else t.i) - 1
            if left >= lo:
                out.add((lo, left))
    return out


def _tok_chars(text: str, doc: Doc, a: int, b: int) -> A.Spans:
    return A._chars(text, [(doc[a].idx, doc[b].idx + len(doc[b].text))])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--split", default="dev")
    ap.add_argument("--half", default="tune", choices=["tune", "check"])
    args = ap.parse_args(argv)
    if args.half != "tune":
        print("only the tune half may be read in detail", file=sys.stderr)
    docs, parsed = T.load(args.split, None, half=args.half)
    model, cue = load_model(), load_cue_model()
    assert model is not None and cue is not None
    cands = T.broad_candidates(docs, parsed, [cue] * len(docs), model.nested)
    n_gold = sum(len(d.attributions) for d in docs)
    cover: dict[str, int] = {k: 0 for k in ("learned", "learned alts", "syntax", "syntax+learned", "span pairs",
                                             "any overlap")}
    n_cands = {k: 0 for k in cover}
    for d, doc, stmts in zip(docs, parsed, cands):
        text = doc_text(doc)
        ranked = [rebound(doc, s, model.boundary) for s in stmts]
        sets: dict[str, list[A.Spans]] = {"learned": [A._content_chars(text, s) for s in ranked]}
        alts = list(sets["learned"])
        for s in stmts:
            alts += [A._chars(text, [v[0]]) for v in variants(doc, s)[1:]]
        sets["learned alts"] = alts
        syn = [_tok_chars(text, doc, a, b) for a, b in syntax_spans(doc)]
        syn += [A._chars(text, [q]) for q in find_quotes(text)]
        sets["syntax"] = syn
        sets["syntax+learned"] = syn + alts
        for k, spans in sets.items():
            n_cands[k] += len(spans)
            for g in d.attributions:
                cover[k] += any(p & g.content and A.jaccard(p, g.content) >= 0.5 for p in spans)
        pairs = [(A._chars(text, [(c.start, c.end)]), doc[c.anchor]) for c in P.candidates(doc, ranked)]
        n_cands["span pairs"] += len(pairs)
        for g in d.attributions:
            cover["any overlap"] += any(p & g.content for p in sets["syntax+learned"])
            cover["span pairs"] += any((not g.cue or g.cue & frozenset(range(t.idx, t.idx + len(t.text))))
                                       and p & g.content and A.jaccard(p, g.content) >= 0.5 for p, t in pairs)
    print(f"PolNeAR {args.split} {args.half} half: {len(docs)} articles, {n_gold} gold attributions")
    print("| candidate set | candidates | gold covered (J>=0.5) | recall ceiling | content F1 ceiling |")
    print("|---|---|---|---|---|")
    for k, v in cover.items():
        r = v / n_gold
        print(f"| {k} | {n_cands[k]} | {v} | {r:.3f} | {2 * r / (1 + r):.3f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
