"""A learned reading of scope (issue 20): the phrases of a figure's sentence that could restrict it -- the prepositional
phrases on the figure, its counted noun and its clause, the counted noun's own words and clauses, the clause's
subject, fronted phrases and the places named in the sentence -- each described by where the parse hangs it and what
it names, scored by a logistic model trained on the annotated real-news figures (``bench/scope_train.py``, the tune
half of ``examples/t17_gold``); weights in ``resources/figures/scope_model.json``.

The model is asked only when the rules of ``figures.scope`` find no scope: it then writes the best phrase whose
probability reaches the stored threshold."""
from __future__ import annotations

import functools
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Token

from ...resources import has_resource, load_json
from .context import TimeIndex, phrase
from .lexicon import FiguresLexicon

_VERBS = frozenset({"VERB", "AUX"})
# prepositions written with their object in a scope ('in Homs', 'since ...', 'over the past two years'); the object
# alone for the others ('members of the mission' -> 'the mission', 'into the Gulf' -> 'the Gulf')
_KEEP_PREP = frozenset({"in", "at", "since", "during", "over", "within", "among", "aboard", "across", "throughout",
                        "inside", "before", "after", "until", "between"})
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})


@dataclass
class Candidate:
    text: str
    head: int
    feats: dict[str, float] = field(default_factory=dict)


def _bucket(n: int, edges: Sequence[int]) -> str:
    for e in edges:
        if n <= e:
            return f"<={e}"
    return f">{edges[-1]}"


@functools.cache
def _gazetteer() -> Any:
    from ..places.gazetteer import load_gazetteer  # noqa: PLC0415 - loaded once, on first use
    return load_gazetteer()


def _describe(tok: Token, span_toks: Sequence[Token], times: TimeIndex, lex: FiguresLexicon,
              topic: frozenset[str]) -> dict[str, float]:
    """What a candidate's head word names."""
    f: dict[str, float] = {}
    ent = tok.ent_type_ or "none"
    f[f"ent={ent}"] = 1.0
    lemma = tok.lemma_.lower()
    if tok.pos_ == "PROPN" and ent == "none":
        f["propn"] = 1.0
    if ent in _PLACE_LABELS or (tok.pos_ == "PROPN" and _gazetteer().best(tok.text) is not None):
        f["place"] = 1.0
    if lemma in lex.event_nouns:
        f["topic_event" if lemma in topic else "event_noun"] = 1.0
    classes = lex.classes_of(lemma) | lex.classes_of(tok.lower_)
    if classes & {"person", "force", "worker"}:
        f["people"] = 1.0
    if any(t.like_num for t in span_toks):
        f["has_num"] = 1.0
    if any(t.i in times.by_token for t in span_toks):
        f["has_time"] = 1.0
    if any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in tok.children):
        f["definite"] = 1.0
    elif any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in tok.children):
        f["indefinite"] = 1.0
    if tok.pos_ == "PRON":
        f["pronoun"] = 1.0
    if tok.pos_ in _VERBS:
        f["clause"] = 1.0
    f[f"len{_bucket(len(span_toks), (1, 3, 6))}"] = 1.0
    return f


def candidates(path: list[Token], extra: Sequence[Token], times: TimeIndex, lex: FiguresLexicon,
               category: str | None, unit_kind: str | None, topic: frozenset[str]) -> list[Candidate]:
    """The phrases of the figure's sentence that could be its scope, with their features."""
    fig = path[0]
    sent = fig.sent
    on_path = {t.i for t in path}
    own = {t.i for t in fig.subtree} | {t.i for x in extra for t in [x]}
    sites: list[tuple[str, Token]] = [("fig", fig), *(("noun", t) for t in extra)]
    verbs = 0
    for k, t in enumerate(path[1:8], 1):
        if t.pos_ in _VERBS:
            if t.lemma_.lower() in lex.reporting_verbs:
                sites.append(("report", t))
                break
            verbs += 1
            sites.append(("verb" if verbs == 1 else "above", t))
            for s in t.children:
                if s.dep_ in ("nsubj", "nsubjpass") and s.i not in on_path:
                    sites.append(("subj_of", s))
            if verbs == 2:
                break
        elif path[k - 1].dep_ != "conj":
            sites.append(("path", t))
    clause = next((t for t in path[1:] if t.pos_ in _VERBS), None)

    def verb_of(tok: Token) -> Token | None:
        for a in tok.ancestors:
            if a.pos_ in _VERBS:
                return a
        return None

    group = "money" if unit_kind == "currency" else "share" if unit_kind == "percent" else \
        "other" if category in (None, lex.fallback_category, "money") else "count"
    out: list[Candidate] = []
    seen: set[int] = set()

    def add(att: str, rel: str, head: Token, toks: list[Token], text: str) -> None:
        if head.i in seen or head.i in on_path and rel not in ("self", "mods") or not text.strip():
            return
        seen.add(head.i)
        f = _describe(head, toks, times, lex, topic)
        f = {**f, **{f"{att}|{k}": v for k, v in f.items()}, **{f"{rel}|{k}": v for k, v in f.items()}}
        dist = head.i - fig.i
        v = verb_of(head)
        where = "own_clause" if clause is not None and v is not None and v.i == clause.i else \
            "reporting_clause" if v is not None and v.lemma_.lower() in lex.reporting_verbs else "other_clause"
        if head.dep_ in ("nsubj", "nsubjpass") and v is not None and v.lemma_.lower() in lex.reporting_verbs:
            where = "source"
        f[where] = 1.0
        f[f"{att}|{where}"] = 1.0
        f.update({"bias": 1.0, f"att={att}": 1.0, f"rel={rel}": 1.0, f"att_rel={att}|{rel}": 1.0,
                  f"grp={group}": 1.0, f"grp_rel={group}|{rel}": 1.0, f"grp_att={group}|{att}": 1.0,
                  f"dist{_bucket(abs(dist), (2, 5, 10, 20))}": 1.0, "after" if dist > 0 else "before": 1.0})
        out.append(Candidate(text=text, head=head.i, feats=f))

    for att, t in sites:
        if att == "subj_of":
            span = phrase(t)
            add("subj", f"subj:{t.dep_}", t, list(span), span.text)
            continue
        for c in t.children:
            if c.i in own and att != "fig" and c.dep_ != "prep":
                continue
            if c.dep_ == "prep":
                for p in c.children:
                    if p.dep_ in ("pobj", "pcomp"):
                        span = phrase(p)
                        text = f"{c.lower_} {span.text}" if c.lower_ in _KEEP_PREP else span.text
                        add(att, f"prep:{c.lower_}", p, list(span), text)
            elif c.dep_ in ("advmod", "npadvmod") and c.lower_ in lex.place_adverbs:
                add(att, "adverb", c, [c], c.lower_)
            elif c.dep_ == "appos" and att in ("fig", "noun"):
                span = phrase(c)
                add(att, "appos", c, list(span), span.text)
            elif c.dep_ in ("relcl", "acl") and att in ("fig", "noun"):
                toks = [x for x in c.subtree]
                add(att, c.dep_, c, toks, t.doc[min(t.i, toks[0].i):toks[-1].i + 1].text)
        if att == "noun":  # the counted noun's own words: 'Libyan rebels', 'unvaccinated girls'
            mods = [c for c in t.children if c.i < t.i and c.dep_ in ("amod", "compound", "nmod", "poss")
                    and not any(x.like_num for x in c.subtree)]
            if mods:
                lo = min(m.left_edge.i for m in mods)
                add(att, "mods", t, list(t.doc[lo:t.i + 1]), t.doc[lo:t.i + 1].text)
            elif not t.like_num:
                add(att, "self", t, [t], t.text)
    root = sent.root
    subj = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    for c in root.children:  # fronted phrases hold for the whole sentence
        if c.dep_ == "prep" and subj is not None and c.i < subj.left_edge.i and c.i not in on_path:
            for p in c.children:
                if p.dep_ == "pobj":
                    span = phrase(p)
                    add("front", f"prep:{c.lower_}", p, list(span),
                        f"{c.lower_} {span.text}" if c.lower_ in _KEEP_PREP else span.text)
    for ent in sent.ents:  # the places and nationalities named anywhere in the sentence
        if ent.label_ in ("GPE", "LOC", "NORP") and not any(t.i in seen for t in ent):
            add("sent", f"ent:{ent.label_}", ent.root, list(ent), ent.text)
    return out


@dataclass(frozen=True)
class ScopeModel:
    weights: dict[str, float]
    threshold: float

    def prob(self, c: Candidate) -> float:
        z = sum(self.weights.get(k, 0.0) * v for k, v in c.feats.items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def best(self, cands: Sequence[Candidate]) -> tuple[Candidate, float] | None:
        scored = [(c, self.prob(c)) for c in cands]
        return max(scored, key=lambda x: x[1]) if scored else None


@functools.cache
def load_model() -> ScopeModel | None:
    """The stored model, or None when there is none."""
    if not has_resource("figures", "scope_model.json"):
        return None
    data = load_json("figures", "scope_model.json")
    return ScopeModel(weights={k: float(v) for k, v in data["weights"].items()}, threshold=float(data["threshold"]))


#: set to a list by ``bench/scope_train.py``: (start, end, candidates, rule scope) of every figure read
TRACE: list[tuple[int, int, list[Candidate], str | None]] | None = None
