"""Attribution candidates from the dependency parse: cue, speaker phrase, content span.

Works on the parse that spaCy already made (no extra model). One ``Candidate`` per cue token:
- a cue verb ("said", "told", "added", "insisted", ...) with its clausal complement (ccomp) as content, or a
  "that" clause, or, for verbs whose object is what was said ("reported progress", "urged Israel to ..."), the
  object/infinitive; inverted ("..., said X"), parenthetical ("The talks, he said, are ...") and relative
  ("34 the Israeli military says are dead") cues;
- "according to X": X is the source and the clause the phrase modifies is the content;
- participial cues without a subject ("..., adding that ...", "issued a statement calling on ...", "with one
  saying ...") take the speaker of the clause they hang from (``parent`` when that is a cue too).
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from .statements_lexicon import Lexicon

_SUBJ = ("nsubj",)
_CONTENT_OBJ = ("dobj", "xcomp", "oprd", "attr")
_CONTENT_PREP = ("on", "for", "about", "that")
_HEARER = ("dobj", "dative", "iobj")
_SPEAKER_DROP = frozenset({"relcl", "acl", "advcl"})
_SKIP_PUNCT_EDGE = frozenset({",", ";", ":", "-", "—", "–", ".", "(", ")", "'s"})
_QUOTE_CHARS = frozenset("“”„«»\"")


@dataclass(slots=True)
class Candidate:
    cue: Token
    cue_start: int
    cue_end: int
    cls: str
    speaker: Token | None = None
    speaker_span: tuple[int, int] | None = None
    content: tuple[int, int] | None = None
    hearer: tuple[int, int] | None = None
    parent: int | None = None  # index of the candidate this one inherits speaker/via/date from
    inherited_speaker: bool = False
    according: bool = False
    head: int | None = None  # char offset of the content's head word
    wraps: bool = False  # the content span wraps the attribution ("34 the Israeli military says are dead")


def _edges(tokens: list[Token]) -> tuple[int, int] | None:
    """Character span of a token run after trimming edge punctuation (quotes are kept if balanced)."""
    toks = [t for t in tokens if not t.is_space]
    while toks and (toks[0].text in _SKIP_PUNCT_EDGE or toks[0].dep_ == "cc" and len(toks) > 1):
        toks = toks[1:]
    while toks and (toks[-1].text in _SKIP_PUNCT_EDGE or toks[-1].dep_ == "cc"):
        toks = toks[:-1]
    if not toks:
        return None
    quotes = sum(1 for t in toks if t.text in _QUOTE_CHARS)
    if quotes % 2 == 1:  # an unbalanced quotation mark at an edge belongs outside
        if toks[0].text in _QUOTE_CHARS:
            toks = toks[1:]
        elif toks[-1].text in _QUOTE_CHARS:
            toks = toks[:-1]
        while toks and toks[-1].text in _SKIP_PUNCT_EDGE:
            toks = toks[:-1]
    if not toks:
        return None
    return toks[0].idx, toks[-1].idx + len(toks[-1].text)


def _subtree_span(tok: Token, drop: frozenset[str] = frozenset()) -> tuple[int, int] | None:
    """Span of ``tok``'s subtree without the children attached by ``drop`` relations (the contiguous run
    of tokens around ``tok``)."""
    skip: set[int] = set()
    for c in tok.children:
        if c.dep_ in drop:
            skip.update(x.i for x in c.subtree)
    lo = hi = tok.i
    left, right = tok.left_edge.i, tok.right_edge.i
    while lo - 1 >= left and lo - 1 not in skip:
        lo -= 1
    while hi + 1 <= right and hi + 1 not in skip:
        hi += 1
    return _edges(list(tok.doc[lo:hi + 1]))


def _speaker_span(tok: Token) -> tuple[int, int] | None:
    return _subtree_span(tok, _SPEAKER_DROP)


def _range(doc: Doc, a: int, b: int) -> list[Token]:
    return list(doc[a:b + 1])


def _cut_conj(head: Token, lex: Lexicon) -> set[int]:
    """Token indices of coordinated clauses that are not part of what was said: a clause with its own cue
    ("... and more than 4 in 10 said ...", "... but did not suggest ...") or with its own subject and no "that"."""
    cut: set[int] = set()
    for c in head.children:
        if c.dep_ != "conj" or c.i < head.i:
            continue
        own_subj = any(x.dep_ in ("nsubj", "nsubjpass", "expl") for x in c.children)
        has_that = any(x.dep_ == "mark" and x.lower_ in ("that", "whether", "if") for x in c.children)
        has_cue = any(x.pos_ == "VERB" and x.lemma_.lower() in lex.cues and lex.cues[x.lemma_.lower()].cls == "speech"
                      for x in c.subtree)
        if has_cue or (own_subj and not has_that):
            sub = list(c.subtree)
            lo = sub[0].i
            # the coordinating word and comma before the clause go too
            for t in head.doc[head.i + 1:lo][::-1]:
                if t.dep_ in ("cc", "punct") and t.head.i in (head.i, c.i):
                    lo = t.i
                else:
                    break
            cut.update(range(lo, sub[-1].i + 1))
    return cut


def _content_of(cue: Token, info_obj: str, exclude: set[int], lex: Lexicon) -> tuple[tuple[int, int], Token] | None:
    doc = cue.doc
    comps = [c for c in cue.children if c.dep_ == "ccomp" and c.i not in exclude]
    if comps:
        lo = min(c.left_edge.i for c in comps)
        hi = max(c.right_edge.i for c in comps)
        cut = set().union(*(_cut_conj(c, lex) for c in comps))
        toks = [t for t in _range(doc, lo, hi) if t.i not in cut]
        if cut:  # keep the run up to the first cut token
            first_cut = min(cut)
            toks = [t for t in toks if t.i < first_cut] or toks
        span = _edges(toks)
        return (span, comps[0]) if span else None
    if info_obj in ("content", "hearer", "prep"):
        objs = [c for c in cue.children if c.i > cue.i and (
            (c.dep_ in _CONTENT_OBJ and not (info_obj in ("hearer", "prep") and c.dep_ in ("dobj", "attr", "oprd")))
            or (c.dep_ == "prep" and c.lower_ in _CONTENT_PREP and info_obj in ("content", "prep")))]
        if objs:
            objs.sort(key=lambda c: c.i)
            lo = min(c.left_edge.i for c in objs)
            if objs[0].dep_ == "prep" and objs[0].i == lo:  # "called for X": X, not "for X"
                lo += 1
            hi = max(c.right_edge.i for c in objs)
            span = _edges(_range(doc, lo, hi))
            return (span, objs[0]) if span else None
    # "added in a statement that ...": a that-clause the parser hung elsewhere
    sent = cue.sent
    for t in doc[cue.i + 1:sent.end]:
        if t.lower_ == "that" and t.dep_ == "mark" and t.head.i > t.i and t.head.dep_ not in ("relcl", "advcl"):
            span = _edges(_range(doc, t.i, max(t.head.right_edge.i, t.i)))
            return (span, t.head) if span else None
        if t.dep_ in ("ccomp", "relcl") or t.pos_ == "VERB" and t.dep_ in ("conj", "ROOT"):
            break
    return None


def _reversed_content(cue: Token) -> tuple[int, int] | None:
    """'The talks, he said, are going well': the clause the parenthetical cue interrupts."""
    head = cue.head
    cue_sub = {t.i for t in cue.subtree}
    toks = [t for t in head.subtree if t.i not in cue_sub]
    if not toks:
        return None
    before = [t for t in toks if t.i < cue.left_edge.i]
    after = [t for t in toks if t.i > cue.right_edge.i]
    if before and after:
        return _edges(before + after)
    return _edges(before or after)


def _inherit(cue: Token) -> Token | None:
    """The governing verb whose subject a participial/infinitival cue shares."""
    t, hops = cue, 0
    while t.dep_ not in ("ROOT",) and hops < 4:
        t, hops = t.head, hops + 1
        subj = [c for c in t.children if c.dep_ in _SUBJ]
        if subj:
            return t
        if t.pos_ == "VERB" and t.dep_ in ("ccomp", "ROOT"):
            break
    return None


def _according(tok: Token) -> Candidate | None:
    to = next((c for c in tok.children if c.lower_ == "to"), None)
    if to is None:
        return None
    src = next((c for c in to.children if c.dep_ == "pobj"), None)
    head = tok.head
    phrase = {t.i for t in tok.subtree}
    toks = [t for t in head.subtree if t.i not in phrase]
    if head.i in phrase or not toks:
        return None
    before = [t for t in toks if t.i < tok.left_edge.i]
    after = [t for t in toks if t.i > tok.right_edge.i]
    content = _edges(before) if len(before) >= len(after) else _edges(after)
    if content is None:
        return None
    c = Candidate(cue=tok, cue_start=tok.idx, cue_end=to.idx + len(to.text), cls="speech", content=content,
                  according=True)
    if src is not None:
        c.speaker, c.speaker_span = src, _speaker_span(src)
    return c


def find_candidates(doc: Doc | Span, lex: Lexicon, *, beliefs: bool = False) -> list[Candidate]:
    """Every attribution cue in ``doc`` with its speaker phrase and content span (content may be None:
    a cue waiting for a direct quote next to it)."""
    out: list[Candidate] = []
    by_cue: dict[int, int] = {}
    for tok in doc:
        low = tok.lower_
        if low == "according" and tok.dep_ == "prep":
            cand = _according(tok)
            if cand is not None:
                by_cue[tok.i] = len(out)
                out.append(cand)
            continue
        if tok.pos_ not in ("VERB", "AUX") or tok.tag_ == "MD":
            continue
        info = lex.cues.get(tok.lemma_.lower())
        if info is None or (info.cls == "belief" and not beliefs):
            continue
        if tok.dep_ in ("amod", "compound") or (tok.tag_ == "VBN" and tok.dep_ == "acl"):
            continue  # "the reported attack", "a statement released on Sunday"
        end_tok = tok
        for c in tok.children:
            if c.dep_ == "prt" and c.i == tok.i + 1:
                end_tok = c
        cand = Candidate(cue=tok, cue_start=tok.idx, cue_end=end_tok.idx + len(end_tok.text), cls=info.cls)
        subj = next((c for c in tok.children if c.dep_ in _SUBJ), None)
        if subj is None and tok.dep_ in ("xcomp", "advcl", "acl", "pcomp", "conj", "relcl") or (
                subj is not None and subj.dep_ == "nsubj" and subj.lower_ in ("that", "which", "who")):
            gov = tok.head if subj is not None and subj.lower_ in ("that", "which", "who") else _inherit(tok)
            if subj is not None and tok.dep_ == "relcl":  # "officials who said": the antecedent speaks
                subj = tok.head
            elif gov is not None:
                subj = next((c for c in gov.children if c.dep_ in _SUBJ), None)
                cand.inherited_speaker = True
                p = gov
                while p is not None and p.i not in by_cue and p.dep_ != "ROOT":
                    p = p.head
                if p is not None and p.i in by_cue:
                    cand.parent = by_cue[p.i]
        elif subj is not None and tok.dep_ in ("advcl", "pcomp") and subj.lower_ == "one":
            p = tok.head
            while p.i not in by_cue and p.dep_ != "ROOT":
                p = p.head
            if p.i in by_cue:
                cand.parent = by_cue[p.i]
        if subj is not None:
            cand.speaker, cand.speaker_span = subj, _speaker_span(subj)
        if info.obj == "hearer" or tok.lemma_.lower() == "tell":
            hearer = next((c for c in tok.children if c.dep_ in _HEARER), None)
            if hearer is None:
                to = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ in ("to", "with")), None)
                hearer = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
            if hearer is not None:
                cand.hearer = _subtree_span(hearer, _SPEAKER_DROP)
        exclude = {subj.i} if subj is not None else set()
        if info.obj != "quote":
            found = _content_of(tok, info.obj, exclude, lex)
            if found is not None:
                cand.content, cand.head = found[0], found[1].idx
                if (tok.dep_ == "relcl" and subj is not None and subj.i > tok.head.i and tok.head.i < tok.i
                        and not any(x.dep_.startswith("nsubj") for x in found[1].children)):
                    # "34 the Israeli military says are dead": the antecedent is what is said about
                    cand.content = (tok.head.idx, cand.content[1])
                    cand.wraps = True
            elif tok.dep_ == "parataxis":
                cand.content = _reversed_content(tok)
                cand.head = tok.head.idx
        if cand.speaker is None and cand.content is None:
            continue
        by_cue[tok.i] = len(out)
        out.append(cand)
    return out
