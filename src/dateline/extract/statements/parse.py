"""Attribution candidates from the dependency parse: cue, speaker phrase, content span.

Works on the parse that spaCy already made (no extra model). One ``Candidate`` per cue token:
- a cue verb ("said", "told", "added", "insisted", ...) with its clausal complement (ccomp) as content, or a
  "that" clause, or, for verbs whose object is what was said ("reported progress", "urged Israel to ..."), the
  object/infinitive; inverted ("..., said X"), parenthetical ("The talks, he said, are ...") and relative
  ("34 the Israeli military says are dead") cues;
- "according to X", "..., per X", and in the broad sense adjective and noun cues: ``statements.nominal``;
- participial and coordinated cues without a subject ("..., adding that ...", "issued a statement calling
  on ...", "said ... and urged ...") take the speaker of the clause they hang from (``parent`` when that is a
  cue too); "with one saying ..." is one of the parent's speakers.
Clause boundaries (what belongs to the content) are in ``statements.clause``.
"""
from __future__ import annotations

from collections.abc import Iterator

from spacy.attrs import LOWER, POS
from spacy.parts_of_speech import IDS as POS_IDS
from spacy.tokens import Doc, Span, Token

from ..nlp import doc_text
from .clause import (BOUNDARY, content_of, edges, inverted_object, inverted_trailing_content, left_speaker,
                     phrase_start, reversed_content, run_in_speaker, subtree_span, trailing)
from .cues import CueDetector, verb_cue
from .candidate import SPEAKER_DROP, Candidate, speaker_span
from .lexicon import Cue, Lexicon
from .nominal import non_verb_cue

_SUBJ = ("nsubj",)
_HEARER = ("dobj", "dative", "iobj")
_RELATIVE = frozenset({"that", "which", "who"})


_CLOSING = {")": "(", "-RRB-": "-LRB-", "]": "["}


def _before_brackets(subj: Token) -> Token:
    """A subject the parser hung on a closing bracket ("members of the parliament (whose ...) have said"):
    the head of the phrase before the brackets."""
    opener = _CLOSING.get(subj.text)
    if opener is None:
        return subj
    doc, lo = subj.doc, subj.sent.start
    k = next((k for k in range(subj.i - 1, max(lo, subj.i - 40) - 1, -1) if doc[k].text == opener), None)
    if k is None or k - 1 < lo:
        return subj
    t = doc[k - 1]
    while t.head.i != t.i and lo <= t.head.i < k and t.head.pos_ not in ("VERB", "AUX"):
        t = t.head
    return t if t.pos_ in ("NOUN", "PROPN", "PRON") else subj


def _is_cue(tok: Token, lex: Lexicon) -> bool:
    info = lex.cues.get(tok.lemma_.lower())
    return info is not None and info.cls == "speech" and tok.pos_ == "VERB"


def _hearer_verb(tok: Token, lex: Lexicon) -> bool:
    info = lex.cues.get(tok.lemma_.lower())
    return info is not None and info.cls == "speech" and info.obj == "hearer"


def _inherit(cue: Token, lex: Lexicon) -> Token | None:
    """The governing verb whose subject a participial/infinitival/coordinated cue shares: a cue verb up the
    tree first ("said the death was "a tragedy" and urged families ..."), else the first verb with a subject."""
    t, hops, first = cue, 0, None
    while t.dep_ != "ROOT" and hops < 4:
        t, hops = t.head, hops + 1
        # a conjoined cue hung on a relative clause about a thing ("condemned the policy which had led to X and
        # vowed that ..."): the speaker is further up, not the thing
        has_subj = any(c.dep_ in _SUBJ and not (cue.dep_ == "conj" and t.dep_ == "relcl" and c.lower_ == "which")
                       for c in t.children)
        if has_subj and first is None:
            first = t
            if cue.dep_ != "conj":
                return t
        if has_subj and _is_cue(t, lex):
            return t
        if first is None and t.pos_ == "VERB" and t.dep_ in ("ccomp", "ROOT") and not (
                cue.dep_ == "conj" and t.dep_ == "ccomp" and _is_cue(cue, lex)):
            break  # a conjoined cue climbs past a subjectless complement: "said X was done by Y, but insisted
    return first


_QUOTE_OR_COMMA = frozenset({",", "'", "''", "”", "’", "\""})


def _bare_inverted(cue: Token) -> Token | None:
    """A headline's inverted cue with a bare role noun run into the next line ("'Stay calm', says minister
    Talks resume ...", "..., says mayor Days of ..."): the parser hangs the noun on the words after it; it is the
    speaker."""
    doc = cue.doc
    if cue.tag_ not in ("VBZ", "VBP") or cue.i == 0 or cue.i + 1 >= len(doc) or \
            doc[cue.i - 1].text not in _QUOTE_OR_COMMA:
        return None
    nxt = doc[cue.i + 1]
    if nxt.pos_ != "NOUN" or not nxt.text.isalpha() or not nxt.text.islower() or nxt.head.i == cue.i or \
            nxt.dep_ not in ("compound", "nsubj", "nmod"):
        return None
    return nxt


def _body_subject(cue: Token, skip: int) -> Token | None:
    """A headline parsed into the first sentence ("Cabinet approves deal\n\nThe PM's office said ..."): the
    speaker is the phrase between the body's start and the cue, its root (a noun or name)."""
    toks = [t for t in cue.doc[cue.sent.start:cue.i] if t.idx >= skip and not t.is_space]
    inside = {t.i for t in toks}
    return next((t for t in toks if (t.head.i not in inside or t.head.i == t.i)
                 and t.pos_ in ("NOUN", "PROPN", "PRON")), None)


def _parenthetical(cand: Candidate, subj: Token) -> None:
    """"If it's just a small number of delegates at stake, the campaign said, it may not bother": an attribution
    set off by commas inside the sentence it reports; the content is both sides."""
    cue, doc = cand.cue, cand.cue.doc
    sent = cue.sent
    lo = min(subj.left_edge.i, cue.i)
    hi = max(cue.i, subj.right_edge.i)
    while hi + 1 < sent.end and doc[hi + 1].dep_ in ("prt", "advmod", "npadvmod") and doc[hi + 1].head.i == cue.i:
        hi += 1
    if lo - 1 <= sent.start or hi + 1 >= sent.end - 1 or doc[lo - 1].text != "," or doc[hi + 1].text != ",":
        return
    assert cand.content is not None
    if any(t.text in ("”", "“", "\"", "''", "``") for t in doc[sent.start:sent.end]):
        return  # quotations around an attribution are handled as split quotes
    if cand.content[0] >= doc[hi + 1].idx:  # content after: the words before the attribution too
        left, right = edges(list(doc[sent.start:lo - 1])), cand.content  # type: tuple[int, int] | None, tuple[int, int] | None
    elif cand.content[1] <= doc[lo].idx:  # content before: the words after it too
        left, right = cand.content, edges(list(doc[hi + 2:sent.end]))
    else:
        return
    if left is None or right is None:
        return
    cand.pieces = [left, (right[0], right[1])]
    cand.content = (left[0], right[1])
    cand.wraps = True


def _parent(tok: Token, by_cue: dict[int, int]) -> int | None:
    p = tok.head
    while p.i not in by_cue and p.dep_ != "ROOT":
        p = p.head
    return by_cue.get(p.i)


def _active(cls: str, subj: Token | None, lex: Lexicon, broad: bool) -> bool:
    if cls == "speech":
        return True
    if cls == "evidence":  # "state data show", "a copy seen by X shows": a document says
        return broad or (subj is not None and subj.lemma_.lower() in lex.document_heads)
    return broad


_SLOT_POS = frozenset({"VERB", "AUX", "NOUN", "ADJ"})
_SLOT_WORDS = frozenset({"according", "per"})


def _cue_slots(doc: Doc | Span) -> Iterator[Token]:
    """The tokens that may be a cue (a verb, noun or adjective, "according", "per": ``verb_cue`` and
    ``non_verb_cue`` take no other); for a ``Doc`` their indices are read once from its arrays and remembered
    (the speech and the attribution pass both ask), so the other tokens are never made."""
    if not isinstance(doc, Doc):
        yield from (t for t in doc if t.pos_ in _SLOT_POS or t.lower_ in _SLOT_WORDS)
        return
    idx: list[int] | None = doc.user_data.get("dateline.cue_slots")
    if idx is None:
        strings = doc.vocab.strings
        pos_ids = {POS_IDS[p] for p in _SLOT_POS}
        words = {strings.add(w) for w in _SLOT_WORDS}
        arr = doc.to_array([POS, LOWER])
        idx = doc.user_data["dateline.cue_slots"] = [i for i, (p, w) in enumerate(arr.tolist())
                                                     if p in pos_ids or w in words]
    for i in idx:
        yield doc[i]


def find_candidates(doc: Doc | Span, lex: Lexicon, *, broad: bool = False, skip: int = 0,
                    detector: CueDetector | None = None) -> list[Candidate]:
    """Every attribution cue in ``doc`` with its speaker phrase and content span (content may be None:
    a cue waiting for a direct quote next to it). ``skip``: where the body starts (``Article.body_start``):
    no speaker phrase reaches back into the headline, byline or dateline before it. ``detector``: a learned
    cue detector asked about the verbs the lexicon does not take (they become broad cues)."""
    out: list[Candidate] = []
    by_cue: dict[int, int] = {}
    for tok in _cue_slots(doc):
        handled, cand = non_verb_cue(tok, lex, broad, detector)
        if not handled:
            cue = verb_cue(tok, lex, broad, detector)
            cand = _verb_candidate(doc, tok, cue, lex, broad, skip, by_cue) if cue is not None else None
        if cand is not None:
            by_cue[tok.i] = len(out)
            out.append(cand)
    return out


def _verb_candidate(doc: Doc | Span, tok: Token, cue: tuple[Cue, frozenset[str]], lex: Lexicon, broad: bool,
                    skip: int, by_cue: dict[int, int]) -> Candidate | None:
    info, preps = cue
    obj = info.obj if info.obj != "content-broad" else ("content" if broad else "-")
    if broad and obj == "-":
        obj = "content"  # "tweeted her thanks", "commented on the reason": objects count in the broad sense
    end_tok = tok
    for c in tok.children:
        if c.dep_ == "prt" and c.i == tok.i + 1:
            end_tok = c
    cand = Candidate(cue=tok, cue_start=tok.idx, cue_end=end_tok.idx + len(end_tok.text), cls=info.cls)
    subj, passive = _subject(tok, cand, lex, broad, skip, by_cue)
    if not _active(info.cls, subj, lex, broad):
        return None
    if subj is not None:
        _set_speaker(doc, cand, subj, skip)
    if obj == "hearer" or tok.lemma_.lower() == "tell":
        hearer = _hearer(tok)
        if hearer is not None:
            cand.hearer = subtree_span(hearer, SPEAKER_DROP)
    _content(doc, tok, cand, subj, passive, obj, preps, lex, broad)
    if cand.speaker is None and (cand.content is None or (not broad and any(
            c.dep_ in ("nsubjpass", "auxpass") for c in tok.children))):
        return None  # "they were asked whether ...", "reporters were told that ...": nobody says who spoke
    return cand


def _subject(tok: Token, cand: Candidate, lex: Lexicon, broad: bool, skip: int,
             by_cue: dict[int, int]) -> tuple[Token | None, Token | None]:
    """(who speaks, the passive subject whose subtree is the content): the cue's own subject, an agent of a
    passive (broad), a speaker left of the cue, or one inherited from the governing cue."""
    subjs = [c for c in tok.children if c.dep_ in _SUBJ]
    # several subjects (a dateline parsed as one): the one nearest the cue
    subj = _before_brackets(min(subjs, key=lambda c: abs(c.i - tok.i))) if subjs else None
    passive = None
    agent = next((c for c in tok.children if c.dep_ == "agent"), None) if subj is None else None
    by = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
    said = next((c for c in tok.children if c.dep_ == "nsubjpass"), None)
    if by is not None and said is not None and broad:  # "O'Malley's move was first reported by MSNBC"
        subj, passive = by, said
    elif by is not None and any(c.dep_ in ("ccomp", "xcomp") for c in tok.children) and (
            said is None or _hearer_verb(tok, lex)):
        # "after being told by a colleague that ...", "she was assured by the firm that ...": the agent speaks,
        # the complement is what was said (the passive subject of "told" is who heard it)
        subj = by
    if subj is not None and subj.idx < skip <= tok.idx:
        subj = left_speaker(tok) or _body_subject(tok, skip)
    relative = subj is not None and subj.lower_ in _RELATIVE
    if subj is None and tok.tag_ in ("VBD", "VBZ", "VBP") and tok.dep_ in ("ROOT", "conj", "ccomp", "parataxis"):
        subj = left_speaker(tok) or _bare_inverted(tok) or inverted_object(tok) or run_in_speaker(tok)
    if relative and tok.dep_ == "relcl":  # "Barkley, who said ...": the antecedent speaks
        subj = tok.head
    elif subj is None and tok.dep_ in ("xcomp", "advcl", "acl", "pcomp", "conj", "relcl"):
        gov = _inherit(tok, lex)
        if gov is not None:
            subj = next((_before_brackets(c) for c in gov.children if c.dep_ in _SUBJ), None)
            if subj is not None and subj.lower_ in _RELATIVE and gov.dep_ == "relcl":
                subj = gov.head  # "activists who had staged a protest, demanding ...": the antecedent
            cand.inherited_speaker = True
            cand.parent = by_cue.get(gov.i, _parent(gov, by_cue) if gov.dep_ != "ROOT" else None)
    elif subj is not None and tok.dep_ in ("advcl", "pcomp") and subj.lower_ == "one":
        cand.parent = _parent(tok, by_cue)
    return subj, passive


def _set_speaker(doc: Doc | Span, cand: Candidate, subj: Token, skip: int) -> None:
    """The speaker phrase, clipped at the body start when it reaches back into the dateline or headline."""
    cand.speaker, cand.speaker_span = subj, speaker_span(subj)
    if cand.speaker_span is not None and cand.speaker_span[0] < skip < cand.speaker_span[1]:
        clipped = doc.char_span(skip, cand.speaker_span[1], alignment_mode="contract")
        if clipped is not None and len(clipped):
            cand.speaker, cand.speaker_span = clipped.root, (skip, cand.speaker_span[1])


def _hearer(tok: Token) -> Token | None:
    """Who was told: the object of "told", or "to"/"with" someone."""
    hearer = next((c for c in tok.children if c.dep_ in _HEARER), None)
    if hearer is None:
        to = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ in ("to", "with")), None)
        hearer = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
    return hearer


def _content(doc: Doc | Span, tok: Token, cand: Candidate, subj: Token | None, passive: Token | None, obj: str,
             preps: frozenset[str], lex: Lexicon, broad: bool) -> None:
    """The content span: a passive subject's subtree, the cue's complement, the clause a parenthetical cue
    interrupts, or the sentence part before a trailing attribution; a complement before the cue runs up to it."""
    exclude = {subj.i} if subj is not None else set()
    if passive is not None:
        cand.content, cand.head = subtree_span(passive), passive.idx
    elif obj != "quote":
        found = content_of(tok, obj, exclude, lex, preps, broad)
        if found is not None:
            cand.content, cand.head = found[0], found[1].idx
            if (tok.dep_ == "relcl" and subj is not None and subj.i > tok.head.i and tok.head.i < tok.i
                    and not any(x.dep_.startswith("nsubj") for x in found[1].children)):
                # "34 the Israeli military says are dead": the antecedent is what is said about
                cand.content = (tok.head.idx, cand.content[1])
                cand.wraps = True
        elif tok.dep_ == "parataxis":
            cand.content = reversed_content(tok)
            cand.head = tok.head.idx
        elif subj is not None and subj.i > tok.i and (inverted := inverted_trailing_content(tok, subj)):
            cand.content, cand.head = inverted, tok.sent.start_char  # "<...>, said the ambassador."
        elif subj is not None and subj.i < tok.i and trailing(tok, obj == "hearer"):
            # "<content>, a source ... told Harbor Post"
            lo_tok = phrase_start(subj, tok)
            if lo_tok > tok.sent.start and doc[lo_tok - 1].text in BOUNDARY:
                cand.content = edges(list(doc[max(tok.sent.start, 0):lo_tok]))
                cand.head = tok.sent.start_char
    if cand.content is not None and subj is not None and subj.i < tok.i and not cand.wraps:
        _extend_to_cue(doc, tok, cand, subj)
    if subj is not None and cand.content is not None and not cand.wraps:
        _parenthetical(cand, subj)


def _extend_to_cue(doc: Doc | Span, tok: Token, cand: Candidate, subj: Token) -> None:
    """A complement before the attribution runs up to it ("<...>, he said")."""
    assert cand.content is not None
    lo_tok = phrase_start(subj, tok)
    if cand.content[1] <= doc[lo_tok].idx and cand.content[0] < doc[lo_tok].idx:
        between = doc_text(doc.doc if isinstance(doc, Span) else doc)[cand.content[1]:doc[lo_tok].idx]
        cs = doc.char_span(cand.content[0], cand.content[1], alignment_mode="expand")
        if cs is not None and "\n" not in between and not any(q in between for q in "“”\""):
            ext = edges(list(doc[cs.start:lo_tok]))
            if ext is not None:
                cand.content = ext
