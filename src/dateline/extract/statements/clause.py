"""What a cue's content is, in the parse: the clause said, without what does not belong to it.

- the clausal complement ("said [that the talks will continue]"), or for verbs whose object is what was said
  the object, infinitive or preposition phrase ("reported [progress]", "urged [Israel to ...]", "called for [a
  ceasefire]", "accused Israel [of ...]", "called the move ["a step ..."]");
- a "that" clause the parser hung elsewhere ("added in a statement [that ...]");
- never: a trailing clause with a cue of its own ("..., and more than 4 in 10 said ...", "... but did not
  suggest ...", "..., though he stopped short of urging ..."), a date phrase right after the cue ("said [on
  Saturday] it had ..." — that is when it was said), edge punctuation or a dangling conjunction.
"""
from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from ..nlp import doc_text
from .lexicon import Lexicon

_CONTENT_OBJ = ("dobj", "xcomp", "oprd", "attr")
_CONTENT_PREP = frozenset({"on", "for", "about", "that", "of", "against", "as"})
_VP_REST = frozenset({"prep", "dobj", "dative", "oprd", "xcomp", "attr", "acomp", "npadvmod"})
_STRIP_PREP = frozenset({"for", "on", "about", "as"})  # "called for [...]": the preposition is not said
_SKIP_PUNCT_EDGE = frozenset({",", ";", ":", "-", "—", "–", ".", "(", ")", "'s"})
_QUOTE_CHARS = frozenset("“”„«»\"")
_NESTED = frozenset({"conj", "advcl", "parataxis"})
_TIME_ENTS = frozenset({"DATE", "TIME"})
BOUNDARY = frozenset({",", ";", ":", "—", "–", "(", ")", "”", "\"", "''"})
_HEARER = ("dobj", "dative", "iobj")
_DASHES = frozenset({"--", "—", "–"})


def edges(tokens: list[Token]) -> tuple[int, int] | None:
    """Character span of a token run after trimming edge punctuation and conjunctions (quotation marks are
    kept when balanced)."""
    toks = [t for t in tokens if not t.is_space]
    while toks and (toks[0].text in _SKIP_PUNCT_EDGE or toks[0].dep_ == "cc" and len(toks) > 1):
        toks = toks[1:]
    while toks and (toks[-1].text in _SKIP_PUNCT_EDGE or toks[-1].dep_ == "cc"):
        toks = toks[:-1]
    if not toks:
        return None
    if sum(1 for t in toks if t.text in _QUOTE_CHARS) % 2 == 1:  # an unbalanced mark at an edge is outside
        if toks[0].text in _QUOTE_CHARS:
            toks = toks[1:]
        elif toks[-1].text in _QUOTE_CHARS:
            toks = toks[:-1]
        while toks and toks[-1].text in _SKIP_PUNCT_EDGE:
            toks = toks[:-1]
    if not toks:
        return None
    return toks[0].idx, toks[-1].idx + len(toks[-1].text)


def subtree_span(tok: Token, drop: frozenset[str] = frozenset()) -> tuple[int, int] | None:
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
    return edges(list(tok.doc[lo:hi + 1]))


def _is_time(prep: Token) -> bool:
    """"on Sunday", "in March": a date phrase, not what was said."""
    return any(c.ent_type_ in _TIME_ENTS for c in prep.children if c.dep_ == "pobj")


def _across_paragraph(comp: Token, cue: Token) -> bool:
    """A complement the parser attached across a paragraph break (a headline joined to the first sentence)."""
    text = doc_text(cue.doc)
    lo, hi = sorted((comp.idx, cue.idx))
    return "\n" in text[lo:hi]


def _speech_cue(tok: Token, lex: Lexicon) -> bool:
    info = lex.cues.get(tok.lemma_.lower())
    return info is not None and info.cls == "speech" and info.obj != "quote" and tok.pos_ == "VERB"


def _aside(t: Token, lo: int) -> bool:
    """A trailing aside set off by a comma or dash: an appositive ("..., a longstanding federal provision
    that ...") or a non-restrictive relative clause ("..., which is spread by mosquitoes")."""
    doc = t.doc
    start = t.left_edge.i
    if start - 1 <= lo or doc[start - 1].text not in (",", "—", "–", "--"):
        return False
    if t.dep_ == "appos":
        return True
    return t.dep_ == "relcl" and doc[start].lower_ in ("which", "who", "whom", "whose")


def _tail_cut(lo: int, hi: int, doc_toks: list[Token], lex: Lexicon) -> int:
    """The last token index of the content once a trailing nested attribution or aside is cut off."""
    for t in doc_toks:
        if t.i <= lo or t.right_edge.i < hi - 1:
            continue
        if _aside(t, lo):
            return t.left_edge.i - 2
        if t.dep_ not in _NESTED:
            continue
        if any(m.dep_ == "mark" and m.lower_ == "that" for m in t.children):
            continue  # "... and that the committee would continue to investigate": more of what was said
        if _speech_cue(t, lex) or (t.dep_ == "advcl" and any(
                m.dep_ == "mark" and m.lower_ in ("though", "although") for m in t.children)):
            start = t.left_edge.i
            while start - 1 > lo and (doc_toks[start - 1 - lo].dep_ in ("cc", "punct", "mark")):
                start -= 1
            if start > lo:
                return start - 1
    return hi


def _lead_time(comp: Token, lo: int) -> int:
    """Skip a date phrase that opens the complement before its subject ("said on Saturday it had ...")."""
    doc = comp.doc
    subj = next((c for c in comp.children if c.dep_ in ("nsubj", "nsubjpass", "expl")), None)
    if subj is None:
        return lo
    for c in comp.children:
        if c.i >= subj.i or c.left_edge.i != lo or c.dep_ not in ("prep", "npadvmod", "advmod"):
            continue
        if any(t.ent_type_ in _TIME_ENTS for t in c.subtree):
            nxt = c.right_edge.i + 1
            while nxt < subj.left_edge.i and doc[nxt].is_punct:
                nxt += 1
            return nxt
    return lo


_RELATIVES = frozenset({"who", "whom", "which", "that", "whose", "where", "when"})


def _told_clause(cue: Token) -> list[Token]:
    """'told a delegation he wanted his troops to stay': the parser takes the clause for a relative clause of the
    hearer; with a personal pronoun as its subject and no relative word it is what was told."""
    hearer = next((c for c in cue.children if c.dep_ in ("dobj", "dative") and c.i > cue.i), None)
    rel = next((c for c in hearer.children if c.dep_ == "relcl" and c.i > hearer.i), None) if hearer else None
    if rel is None or any(t.lower_ in _RELATIVES for t in rel.subtree if t.i < rel.i):
        return []
    subj = next((c for c in rel.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return [rel] if subj is not None and subj.tag_ == "PRP" and subj.i == rel.left_edge.i else []


def content_of(cue: Token, info_obj: str, exclude: set[int], lex: Lexicon,
               preps: frozenset[str] = frozenset(), broad: bool = False) -> tuple[tuple[int, int], Token] | None:
    """The content span of a cue and its head token, or None. ``preps``: more prepositions that introduce
    what was said after this verb ("referring to", "talked about")."""
    doc = cue.doc
    content_preps = _CONTENT_PREP | preps
    comps = [c for c in cue.children if c.dep_ == "ccomp" and c.i not in exclude and not _across_paragraph(c, cue)]
    if any(c.i > cue.i for c in comps) and any(c.i < cue.i for c in comps):
        comps = [c for c in comps if c.i > cue.i]  # "..., Cruz said he's certain ...": what follows
    if not comps and info_obj == "hearer":
        comps = _told_clause(cue)
    if comps:  # "said it had deployed a team ..., and that federal officials would work ...": both
        comps += [c for c in cue.children if c.dep_ == "conj" and c.i > comps[0].i and any(
            m.dep_ == "mark" and m.lower_ == "that" for m in c.children)]
        lo = _lead_time(comps[0], min(c.left_edge.i for c in comps))
        hi = max(c.right_edge.i for c in comps)
        if doc[lo].lower_ == "that" and doc[lo].dep_ == "mark" and lo < hi:
            lo += 1  # the content is the reported clause, after "that"
        toks = list(doc[lo:hi + 1])
        hi = _tail_cut(lo, hi, toks, lex)
        span = edges(list(doc[lo:hi + 1]))
        return (span, comps[0]) if span else None
    if info_obj in ("content", "hearer", "prep"):
        objs = [c for c in cue.children if c.i > cue.i and (
            (c.dep_ in _CONTENT_OBJ and not (info_obj in ("hearer", "prep") and c.dep_ in ("dobj", "attr")))
            or (c.dep_ == "prep" and c.lower_ in content_preps and not _is_time(c))
            or (c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "for" for m in c.children)))]
        if info_obj == "prep":
            dobj = next((c for c in cue.children if c.dep_ == "dobj"), None)
            naming = [c for c in dobj.children if c.dep_ in ("appos", "oprd") or (
                c.dep_ == "prep" and c.lower_ == "as")] if dobj is not None else []
            if naming and not any(o.dep_ in ("prep", "oprd", "xcomp") for o in objs):
                # 'called the release "a step taken in good faith"': the name given (with what is named, in
                # the broad sense)
                objs = naming + ([dobj] if broad and dobj is not None else [])
            if any(o.dep_ in ("prep", "oprd", "xcomp") for o in objs) and not (broad and any(
                    o.dep_ == "oprd" for o in objs)):
                objs = [o for o in objs if o.dep_ != "dobj"]
        if objs:
            objs.sort(key=lambda c: c.i)
            lo = min(c.left_edge.i for c in objs)
            if objs[0].i == lo and objs[0].dep_ == "prep" and objs[0].lower_ in _STRIP_PREP | preps:
                lo += 1  # "called for [a ceasefire]", "described it as [a disaster]", "referring to [...]"
            elif doc[lo].lower_ == "for" and doc[lo].dep_ == "mark":
                lo += 1  # "calling for [the United States to step up ...]"
            hi = max(c.right_edge.i for c in objs)
            if broad:  # the rest of the verb phrase after the object ("a check [to a super PAC ...]")
                rest = [c for c in cue.children if c.i > hi and c.dep_ in _VP_REST and not _is_time(c)]
                hi = max([hi] + [c.right_edge.i for c in rest])
            hi = _tail_cut(lo, hi, list(doc[lo:hi + 1]), lex)
            span = edges(list(doc[lo:hi + 1]))
            return (span, objs[0]) if span else None
    # "added in a statement that ...": a that-clause the parser hung elsewhere
    for t in doc[cue.i + 1:cue.sent.end]:
        if t.lower_ == "that" and t.dep_ == "mark" and t.head.i > t.i and t.head.dep_ not in ("relcl", "advcl"):
            span = edges(list(doc[t.i + 1:max(t.head.right_edge.i, t.i + 1) + 1]))
            return (span, t.head) if span else None
        if t.dep_ in ("ccomp", "relcl") or t.pos_ == "VERB" and t.dep_ in ("conj", "ROOT"):
            break
    return None


def reversed_content(cue: Token) -> tuple[int, int] | None:
    """'The talks, he said, are going well': the clause the parenthetical cue interrupts."""
    head = cue.head
    cue_sub = {t.i for t in cue.subtree}
    toks = [t for t in head.subtree if t.i not in cue_sub]
    if not toks:
        return None
    before = [t for t in toks if t.i < cue.left_edge.i]
    after = [t for t in toks if t.i > cue.right_edge.i]
    if before and after:
        return edges(before + after)
    return edges(before or after)


# --- trailing attributions: "<content>, <speaker> said" ------------------------------------------------
def _chunk_before(doc: Doc | Span, i: int, start: int) -> int | None:
    """Start of the noun phrase ending at token ``i`` that follows a comma or closing quotation mark."""
    if i < start or doc[i].pos_ not in ("NOUN", "PROPN", "PRON"):
        return None
    j = i
    while j - 1 >= start and doc[j - 1].text not in BOUNDARY and i - j < 12:
        j -= 1
    if j - 1 < start or doc[j - 1].text not in BOUNDARY:
        return None
    if any(t.pos_ in ("VERB", "AUX") for t in doc[j:i + 1]):
        return None
    return j


def left_speaker(cue: Token) -> Token | None:
    """The speaker of a trailing attribution the parser did not make the subject ("..., the group's Gaza chief
    Khalil al-Hayya said", "..., a source with knowledge of the talks told Harbor Post", "..., the army chief,
    Lieutenant General Eyal Zamir, said"): the phrase between a comma or closing quotation mark and the cue;
    returns its root (the person's name when the phrase names one)."""
    doc, sent = cue.doc, cue.sent
    i = cue.i - 1
    while i >= sent.start and doc[i].pos_ in ("ADV", "AUX", "PART") and doc[i].dep_ in ("advmod", "aux", "neg"):
        i -= 1
    if i >= sent.start and doc[i].text == ",":
        i -= 1  # ", Lieutenant General Eyal Zamir, said"
    if i >= sent.start and doc[i].text in _DASHES:  # "..., Ortega -- speaking in Lima on Friday -- said"
        k = next((k for k in range(i - 1, max(sent.start, i - 30) - 1, -1) if doc[k].text == doc[i].text), None)
        if k is not None:
            i = k - 1
    j = _chunk_before(doc, i, sent.start)
    if j is None:
        return None
    inside = set(range(j, i + 1))
    person = next((t for t in doc[j:i + 1] if t.ent_type_ == "PERSON" and (
        t.i == i or doc[t.i + 1].ent_type_ != "PERSON")), None)
    if person is not None:
        return person
    return next((t for t in doc[j:i + 1] if t.head.i not in inside or t.head.i == t.i), None)


def trailing(cue: Token, hearer_ok: bool) -> bool:
    """Whether the cue ends its clause ("..., X said.", "..., X told Harbor Post.", "..., X said, one of ...")
    rather than introducing an object of its own ("X declared a regional emergency")."""
    doc = cue.doc
    hearer = {t.i for c in cue.children if c.dep_ in _HEARER for t in c.subtree} if hearer_ok else set()
    for t in doc[cue.i + 1:cue.sent.end]:
        if t.text in (",", ";", "—", "–") or t.is_sent_end:
            return True
        if t.pos_ in ("NOUN", "PROPN", "PRON", "VERB", "NUM") and t.ent_type_ not in ("DATE", "TIME") \
                and t.i not in hearer:
            return False
    return True


def phrase_start(subj: Token, cue: Token) -> int:
    """Token index where the speaker phrase before the cue starts (its subtree, or its appositive chunk)."""
    return min(subj.left_edge.i, _left_start(subj, cue))


def _left_start(subj: Token, cue: Token) -> int:
    doc = cue.doc
    i = subj.i
    while i - 1 >= cue.sent.start and doc[i - 1].text not in BOUNDARY:
        i -= 1
    if i - 2 >= cue.sent.start and doc[i - 1].text == "," and subj.ent_type_ == "PERSON":
        j = i - 2  # ", the army chief, Lieutenant General Eyal Zamir, said"
        while j - 1 >= cue.sent.start and doc[j - 1].text not in BOUNDARY and i - j < 10:
            j -= 1
        if doc[j].lower_ in ("the", "a", "an") and j - 1 >= cue.sent.start and doc[j - 1].text in BOUNDARY:
            return j
    return i


def inverted_object(cue: Token) -> Token | None:
    """An inverted attribution after a closing quotation mark whose speaker the parser took for the verb's
    object ("“...,” reported Robertson from Alexandria"): a name right after the cue is who spoke."""
    doc = cue.doc
    if cue.i < 2 or cue.i + 1 >= len(doc) or doc[cue.i - 1].text not in ("”", "''", '"') or \
            any(c.dep_ in ("nsubj", "nsubjpass") for c in cue.children):
        return None
    nxt = doc[cue.i + 1]
    obj = nxt if nxt.head.i == cue.i else nxt.head if nxt.dep_ == "compound" and nxt.head.head.i == cue.i else None
    if obj is None or obj.dep_ != "dobj" or obj.pos_ != "PROPN" or obj.ent_type_ not in ("PERSON", "ORG", ""):
        return None
    return obj


def run_in_speaker(cue: Token) -> Token | None:
    """The speaker of a sentence run into a caption or headline with no stop between them ("... when he died
    The detective said ..."): the parser hangs the noun phrase on the words before it; a capitalised article
    right after a word, opening a phrase of nouns that ends at the cue, starts a new sentence."""
    doc, sent = cue.doc, cue.sent
    i = cue.i - 1
    if i <= sent.start or doc[i].pos_ not in ("NOUN", "PROPN") or doc[i].dep_ in ("nsubj", "nsubjpass"):
        return None
    for j in range(i - 1, max(sent.start, i - 5), -1):
        t, before = doc[j], doc[j - 1]
        if t.text in ("The", "A", "An") and (before.like_num or (before.is_alpha and before.text[0].islower())):
            between = doc[j + 1:i + 1]
            if all(x.pos_ in ("NOUN", "PROPN", "ADJ") for x in between):
                return doc[i]
            return None
    return None


def inverted_trailing_content(cue: Token, subj: Token) -> tuple[int, int] | None:
    """The content of an inverted attribution closing its sentence that the parser hung on a word inside the
    content ("<...>, said Egyptian ambassador Sameh Shoukry to the United States."): the sentence up to the
    comma before the cue."""
    doc, sent = cue.doc, cue.sent
    if not (sent.start < cue.i - 1 and subj.i > cue.i and doc[cue.i - 1].text == ","):
        return None
    if any(not (t.is_punct or t.is_space) for t in doc[cue.right_edge.i + 1:sent.end]):
        return None
    return edges(list(doc[sent.start:cue.i - 1]))
