"""Attribution cues that are no verbs: "according to X" and "..., per X" (X is the source, the clause the phrase
modifies the content), and in the broad sense stances held by adjectives ("was confident that ...") and nouns
("the claim that ...", "his criticism of ...")."""
from __future__ import annotations

from spacy.tokens import Token

from ...labels import NAME_LABELS
from .candidate import Candidate, speaker_span
from .clause import edges
from .cues import CueDetector
from .lexicon import Lexicon


def _is_per(tok: Token) -> bool:
    """"..., per NBC", "per the AP", "per two people familiar with the talks": a source, not a rate ("$5 per
    barrel"): set off by a comma or opening the sentence, its object a name or a person."""
    if tok.lower_ != "per" or tok.dep_ != "prep":
        return False
    obj = next((c for c in tok.children if c.dep_ == "pobj"), None)
    if obj is None or tok.head.pos_ not in ("VERB", "AUX"):
        return False
    before = tok.nbor(-1) if tok.i > tok.sent.start else None
    return (before is None or before.text in ",—–(") and (
        obj.pos_ == "PROPN" or obj.ent_type_ in NAME_LABELS or obj.tag_ == "NNS")


def _according(tok: Token) -> Candidate | None:
    """"according to X" and "per X": X is the source, the clause the phrase modifies is the content."""
    to = tok if tok.lower_ == "per" else next((c for c in tok.children if c.lower_ == "to"), None)
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
    content = edges(before) if len(before) >= len(after) else edges(after)
    if content is None:
        return None
    c = Candidate(cue=tok, cue_start=tok.idx, cue_end=to.idx + len(to.text), cls="speech", content=content,
                  according=True, head=head.idx)
    if src is not None:
        c.speaker, c.speaker_span = src, speaker_span(src)
    return c


def _adjective(adj: Token) -> Candidate | None:
    """"Cruz is critical of ...", "He was confident that ...": the subject of the copula holds the stance."""
    subj = next((c for c in adj.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    objs = [c for c in adj.children if c.dep_ in ("ccomp", "xcomp", "prep") and c.i > adj.i]
    if subj is None or not objs:
        return None
    lo, hi = min(c.left_edge.i for c in objs), max(c.right_edge.i for c in objs)
    doc = adj.doc
    if doc[lo].dep_ in ("prep", "mark") and doc[lo].lower_ in ("of", "about", "that", "on", "with") and lo < hi:
        lo += 1
    content = edges(list(doc[lo:hi + 1]))
    if content is None:
        return None
    return Candidate(cue=adj, cue_start=adj.idx, cue_end=adj.idx + len(adj.text), cls="belief", speaker=subj,
                     speaker_span=speaker_span(subj), content=content, head=objs[0].idx)


_NOUN_PREPS = frozenset({"of", "about", "on", "for", "against", "to", "over", "with", "that"})


def _noun(noun: Token) -> Candidate | None:
    """"his criticism of ...", "the claim that ...", "made several statements on ...": whose (possessor, "by"
    agent, or the subject of the verb the noun is the object of) and what about."""
    doc = noun.doc
    objs = [c for c in noun.children if c.i > noun.i and (
        (c.dep_ == "prep" and c.lower_ in _NOUN_PREPS) or c.dep_ in ("acl", "ccomp") and any(
            m.dep_ == "mark" and m.lower_ == "that" for m in c.children))]
    if not objs:
        return None
    speaker = next((c for c in noun.children if c.dep_ == "poss"), None)
    if speaker is None:
        agent = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "by"), None)
        speaker = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
    if speaker is None and noun.dep_ == "dobj":
        speaker = next((c for c in noun.head.children if c.dep_ == "nsubj"), None)
    if speaker is None:
        return None
    lo, hi = min(c.left_edge.i for c in objs), max(c.right_edge.i for c in objs)
    if doc[lo].lower_ in _NOUN_PREPS and lo < hi:
        lo += 1
    content = edges(list(doc[lo:hi + 1]))
    if content is None:
        return None
    span = speaker_span(speaker) if speaker.dep_ != "poss" else (speaker.idx, speaker.idx + len(speaker.text))
    return Candidate(cue=noun, cue_start=noun.idx, cue_end=noun.idx + len(noun.text), cls="belief",
                     speaker=speaker, speaker_span=span, content=content, head=objs[0].idx)


def non_verb_cue(tok: Token, lex: Lexicon, broad: bool,
                  detector: CueDetector | None = None) -> tuple[bool, Candidate | None]:
    """(whether ``tok`` is a non-verbal cue word, its candidate): "according to", "per", and in the broad sense
    "was confident that", "the belief that" (and the nouns ``detector`` takes as cues)."""
    if (tok.lower_ == "according" and tok.dep_ == "prep") or _is_per(tok):
        return True, _according(tok)
    if broad and tok.pos_ == "ADJ" and tok.dep_ == "acomp" and tok.lemma_.lower() in lex.broad_adjs:
        return True, _adjective(tok)
    if broad and tok.pos_ == "NOUN" and (tok.lemma_.lower() in lex.broad_nouns or (
            detector is not None and detector(tok))):
        return True, _noun(tok)
    return False, None
