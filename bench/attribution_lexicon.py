"""Derive the broad-sense cue lexicon from PolNeAR *train* (never dev): which verb lemmas mark attributions.

    python bench/attribution_lexicon.py [--min-count 3] [--min-ratio 0.08] [--min-precision 0.35]

1. For every gold attribution of the train split (one annotator per article, as in ``attribution.py``) the
   cue's head word is found in spaCy's parse (the token of the cue span whose head lies outside it); its lemma
   is counted, and so is every verb of the train texts. Lemmas seen as a cue at least ``--min-count`` times and
   in at least ``--min-ratio`` of their occurrences are candidates.
2. The statements component runs on train in the broad sense with all candidates; a candidate lemma is kept
   when at least ``--min-precision`` of the statements it cues match a gold attribution (content Jaccard ≥ 0.5):
   a cue whose statements are right less often than that lowers F1 (a prediction of precision p raises F1 only
   when p > F1/2).

The kept lemmas go to ``src/dateline/resources/statements/cues_broad.tsv`` (lemma, gold cue count, occurrences,
ratio, precision of its statements), used by the component with ``broad=True`` only. The file holds counts
over lemmas, no text from the corpus.
"""
from __future__ import annotations

import argparse
import collections
import dataclasses
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import attribution as A  # noqa: E402

from dateline.extract.registry import Context  # noqa: E402
from dateline.extract.statements.component import find_statements  # noqa: E402
from dateline.extract.statements.lexicon import load_lexicon  # noqa: E402
from dateline.model import Article, Entity  # noqa: E402

OUT = ROOT / "src" / "dateline" / "resources" / "statements" / "cues_broad.tsv"


def cue_counts(docs: list[A.GoldDoc], parsed: list) -> tuple[collections.Counter[str], collections.Counter[str],
                                                                collections.Counter[tuple[str, str]]]:
    cue: collections.Counter[str] = collections.Counter()
    seen: collections.Counter[str] = collections.Counter()
    pairs: collections.Counter[tuple[str, str]] = collections.Counter()
    for d, doc in zip(docs, parsed):
        for a in d.attributions:
            if not a.cue:
                continue
            idx = sorted(a.cue)
            span = doc.char_span(idx[0], idx[-1] + 1, alignment_mode="expand")
            if span is None:
                continue
            inside = {t.i for t in span}
            adj = next((t for t in span if t.pos_ == "ADJ" and t.dep_ == "acomp"), None)
            if adj is not None:  # "is critical of", "was confident that"
                cue["adj:" + adj.lemma_.lower()] += 1
                continue
            root = next((t for t in span if (t.head.i not in inside or t.head.i == t.i) and t.pos_ == "VERB"), None)
            noun = next((t for t in span if (t.head.i not in inside or t.head.i == t.i) and t.pos_ == "NOUN"), None)
            if root is None and noun is not None:  # "his criticism of", "the claim that"
                cue["noun:" + noun.lemma_.lower()] += 1
            if root is not None:
                cue[root.lemma_.lower()] += 1
                last = span[-1]
                if last.pos_ == "ADP" and last.head.i == root.i:  # "referring to", "talked about"
                    pairs[(root.lemma_.lower(), last.lower_)] += 1
        for t in doc:
            if t.pos_ == "VERB":
                seen[t.lemma_.lower()] += 1
            elif t.pos_ == "ADJ" and t.dep_ == "acomp":
                seen["adj:" + t.lemma_.lower()] += 1
            elif t.pos_ == "NOUN":
                seen["noun:" + t.lemma_.lower()] += 1
    return cue, seen, pairs


def statement_precision(docs: list[A.GoldDoc], parsed: list, broad_cues: dict[str, float],
                        broad_preps: dict[str, frozenset[str]]) -> dict[str, float]:
    """Share of the broad-sense statements cued by each lemma that match a gold attribution."""
    lex = dataclasses.replace(load_lexicon(), broad_cues=broad_cues, broad_preps=broad_preps)
    total: collections.Counter[str] = collections.Counter()
    good: collections.Counter[str] = collections.Counter()
    for d, doc in zip(docs, parsed):
        ents = [Entity(text=e.text, start=e.start_char, end=e.end_char, label=e.label_) for e in doc.ents]
        ctx = Context(article=Article(id=d.name, text=d.text), entities=ents)
        stmts = find_statements(doc, ctx, lex, broad=True)
        pc = [A._content_chars(d.text, s) for s in stmts]
        matched = {i for i, _ in A.match(pc, [a.content for a in d.attributions],
                                         lambda p, g: A.jaccard(p, g) >= 0.5)}
        for i, s in enumerate(stmts):
            span = doc.char_span(s.cue_start, s.cue_end, alignment_mode="expand")
            lemma = span[0].lemma_.lower() if span is not None else ""
            if span is not None and span[0].pos_ in ("ADJ", "NOUN"):
                lemma = span[0].pos_.lower() + ":" + lemma
            total[lemma] += 1
            good[lemma] += i in matched
    return {lem: good[lem] / n for lem, n in total.items()}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--min-count", type=int, default=3)
    ap.add_argument("--min-ratio", type=float, default=0.08)
    ap.add_argument("--min-precision", type=float, default=0.35)
    args = ap.parse_args(argv)
    docs = A.load_polnear("train")
    parsed = A.parse_docs(docs, "train")
    cue, seen, pairs = cue_counts(docs, parsed)
    cands = {lem: n / seen[lem] for lem, n in cue.items()
             if n >= args.min_count and seen[lem] and n / seen[lem] >= args.min_ratio}
    prep_cands: dict[str, set[str]] = {}
    for (lem, prep), n in pairs.items():
        if n >= args.min_count:
            prep_cands.setdefault(lem, set()).add(prep)
    prec = statement_precision(docs, parsed, cands, {k: frozenset(v) for k, v in prep_cands.items()})
    kept = sorted((lem for lem in cands if prec.get(lem, 0.0) >= args.min_precision),
                  key=lambda lem: (-cue[lem], lem))
    kept_pairs = sorted(((lem, prep) for lem, ps in prep_cands.items() for prep in ps
                         if lem in kept or prec.get(lem, 0.0) >= args.min_precision), key=lambda p: (-pairs[p], p))
    header = (f"# Broad-sense cue verbs derived from PolNeAR train by bench/attribution_lexicon.py (gold cue at "
              f"least {args.min_count} times and in {args.min_ratio} of a lemma's occurrences; statements it cues "
              f"right at least {args.min_precision} of the time).\n"
              "# lemma <TAB> times a gold cue <TAB> times a verb in the train texts <TAB> ratio <TAB> precision\n"
              "# lemma <TAB> preposition <TAB> times a gold cue with it <TAB> - <TAB> precision  (verbs that are cues\n"
              "#   only with that preposition: \"referring to\", \"talked about\")\n")
    OUT.write_text(header + "".join(f"{lem}\t{cue[lem]}\t{seen[lem]}\t{cands[lem]:.2f}\t{prec[lem]:.2f}\n"
                                    for lem in kept)
                   + "".join(f"{lem}\t{prep}\t{pairs[(lem, prep)]}\t-\t{prec[lem]:.2f}\n" for lem, prep in kept_pairs),
                   encoding="utf-8")
    print(f"{len(cands)} candidates, {len(kept)} kept, {len(kept_pairs)} verb+preposition cues -> "
          f"{OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
