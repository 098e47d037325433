"""Alternative content spans for one attribution, and the features a learned model picks among them by.

The rules give each cue one content span; PolNeAR's annotators often draw it differently (the object with its
relative clause and "as ..." phrase, not the bare noun; the clause without a trailing "after ..." adverbial;
all conjoined objects). ``variants`` proposes the spans the parse makes plausible — the rules' span, the
subtree of the content head, each cumulative run of the cue's and the head's right-hand dependents, the rest of
the sentence, the sentence before a trailing cue — and ``variant_features`` describes each one (where its edges
come from, what lies just outside them, length against the rules' span) for the boundary model in
``statements.learned``, trained on PolNeAR train (``bench/attribution_train.py``).
"""
from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Token

from ...model import Statement
from ..nlp import doc_text
from .clause import edges

#: at most this many alternatives per statement (the rules' span always first)
MAX_VARIANTS = 24
_QUOTES = ("“", "”", '"')
_CUT_DEPS = frozenset({"prep", "advcl", "npadvmod", "advmod", "conj", "cc", "punct", "relcl", "acl", "appos",
                       "dobj", "xcomp", "ccomp", "dative", "oprd", "attr", "pobj", "pcomp", "agent"})


def _bucket(n: int) -> str:
    return ("0" if n <= 0 else "1" if n == 1 else "2-3" if n <= 3 else "4-7" if n <= 7 else "8-15" if n <= 15
            else "16-31" if n <= 31 else "32+")


def _tok_at(doc: Doc, start: int, end: int) -> tuple[Token, Token] | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    return span[0], span[-1]


def variants(doc: Doc, s: Statement) -> list[tuple[tuple[int, int], str, str]]:
    """(span, start kind, end kind) for the alternatives of ``s``'s content, the rules' span first."""
    out: list[tuple[tuple[int, int], str, str]] = [((s.start, s.end), "rule", "rule")]
    if s.content_parts or s.cue_start is None or s.cue_end is None:
        return out
    ends = _tok_at(doc, s.start, s.end)
    cue_toks = _tok_at(doc, s.cue_start, s.cue_end)
    if ends is None or cue_toks is None:
        return out
    first, last = ends
    cue = doc.char_span(s.cue_start, s.cue_end, alignment_mode="expand")
    assert cue is not None
    root = cue.root
    sent = root.sent
    lo_s, hi_s = sent.start, sent.end - 1
    content_toks = doc[first.i:last.i + 1]
    head = content_toks.root
    starts: dict[int, str] = {first.i: "rule"}
    finals: dict[int, str] = {last.i: "rule"}
    after_cue = [c for c in root.children if c.i > cue_toks[1].i and c.dep_ in _CUT_DEPS and c.dep_ != "punct"]
    if after_cue:
        starts.setdefault(after_cue[0].left_edge.i, "cue-first-dep")
        for c in after_cue:
            finals.setdefault(c.right_edge.i, f"cue-{c.dep_}")
    if cue_toks[1].i + 1 <= hi_s:
        starts.setdefault(cue_toks[1].i + 1, "after-cue")
    starts.setdefault(head.left_edge.i, "head-left")
    finals.setdefault(head.right_edge.i, "head-right")
    for c in head.children:
        if c.i > head.i and c.dep_ in _CUT_DEPS and c.dep_ != "punct":
            finals.setdefault(c.left_edge.i - 1, f"before-{c.dep_}")
            finals.setdefault(c.right_edge.i, f"head-{c.dep_}")
    for c in head.children:
        if c.i < head.i and c.dep_ in ("prep", "advcl", "npadvmod", "advmod") and c.left_edge.i == first.i:
            starts.setdefault(c.right_edge.i + 1, f"after-{c.dep_}")
    finals.setdefault(hi_s, "sent-end")
    if s.end <= s.cue_start:  # content before its cue: the sentence up to the cue phrase
        starts.setdefault(lo_s, "sent-start")
    out_set = {(s.start, s.end)}
    for a, ak in sorted(starts.items()):
        for b, bk in sorted(finals.items()):
            if not (lo_s <= a <= b <= hi_s) or (a <= root.i <= b) or len(out) >= MAX_VARIANTS:
                continue
            span = edges(list(doc[a:b + 1]))
            if span is None or span in out_set:
                continue
            out_set.add(span)
            out.append((span, ak, bk))
    return out


def variant_features(doc: Doc, s: Statement, span: tuple[int, int], sk: str, ek: str,
                     lem: str) -> Iterator[str]:
    """Features of one alternative span of ``s`` (``lem``: the cue's lemma)."""
    yield "vbias"
    yield f"sk={sk}"
    yield f"ek={ek}"
    yield f"sk={sk}|ek={ek}"
    yield f"lem={lem}|ek={ek}"
    yield f"lem={lem}|sk={sk}"
    toks = _tok_at(doc, span[0], span[1])
    rule = _tok_at(doc, s.start, s.end)
    if toks is None or rule is None:
        return
    a, b = toks
    n = b.i - a.i + 1
    n0 = rule[1].i - rule[0].i + 1
    yield f"len={_bucket(n)}"
    yield f"ek={ek}|len={_bucket(n)}"
    d = n - n0
    yield f"dlen={'-' if d < 0 else '+'}{_bucket(abs(d))}"
    yield f"ek={ek}|dlen={'-' if d < 0 else '+'}{_bucket(abs(d))}"
    nxt = doc[b.i + 1] if b.i + 1 < len(doc) else None
    prv = doc[a.i - 1] if a.i > 0 else None
    yield f"next={nxt.lower_ if nxt is not None and (nxt.is_punct or nxt.pos_ in ('ADP', 'SCONJ', 'CCONJ')) else (nxt.pos_ if nxt is not None else '-')}"
    yield f"nextdep={nxt.dep_ if nxt is not None else '-'}"
    yield f"prev={prv.lower_ if prv is not None and (prv.is_punct or prv.pos_ in ('ADP', 'SCONJ', 'CCONJ')) else (prv.pos_ if prv is not None else '-')}"
    yield f"first={a.pos_}"
    yield f"firstdep={a.dep_}"
    yield f"last={b.pos_}"
    yield f"lastdep={b.dep_}"
    yield f"lem={lem}|next={nxt.lower_ if nxt is not None and nxt.is_punct else '-'}"
    root = doc[a.i:b.i + 1].root
    yield f"root={root.dep_}"
    yield f"lem={lem}|root={root.dep_}"
    yield f"rootpos={root.pos_}"
    text = doc_text(doc)[span[0]:span[1]]
    yield f"quotes={sum(text.count(q) for q in _QUOTES) % 2}"
    yield f"comma={min(text.count(','), 3)}"
    if nxt is not None and nxt.dep_ == "relcl" and nxt.head.i == b.i:
        yield "cuts-relcl"
