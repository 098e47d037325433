"""Finding actor mentions in a parsed article: named mentions (NER merged with a scan of KB aliases),
role appositions of people, and group nouns ("Hamas representatives", "the Israeli military",
"Qatari and Egyptian mediators", "the leaders of the US, Egypt and Qatar", "the health ministry in Gaza").

Everything here works on token indices of one spaCy ``Doc``; ``entities.py`` turns the result into records.
"""
from __future__ import annotations

import bisect
import functools
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span, Token

from .kb import Actor, ActorKB, fold, normalize
from .link import Link

if TYPE_CHECKING:
    from ..places.gazetteer import Gazetteer


@dataclass(slots=True)
class Mention:
    """A named mention: tokens ``[start, end)``, its label, and the KB actors the scan found for it."""

    start: int
    end: int
    label: str
    scanned: list[Actor] = field(default_factory=list)  # KB actors from the alias scan
    link: Link | None = None
    head: int = -1  # token index of the mention's syntactic head


_POSSESSIVE_TOKENS = frozenset({"'s", "’s", "'", "’"})
_DESCRIPTOR_ADPS = frozenset({"of", "for", "at", "to"})
_DESCRIPTOR_POS = frozenset({"PROPN", "NOUN", "ADJ"})


def token_key(tok: Token) -> str:
    return normalize(tok.text) if tok.text not in _POSSESSIVE_TOKENS else ""


def scan_aliases(doc: Doc, kb: ActorKB) -> list[tuple[int, int, list[Actor]]]:
    """KB aliases written in the text (longest match first), whether NER saw them or not.

    A match starts on a capitalized token; all-caps aliases ("WHO", "AP") must be written in capitals.
    """
    keys = [token_key(t) for t in doc]
    n = len(doc)
    out: list[tuple[int, int, list[Actor]]] = []
    i = 0
    maxw = kb.max_alias_words
    while i < n:
        tok = doc[i]
        if keys[i] not in kb.first_words or not tok.text[:1].isupper():
            i += 1
            continue
        best: tuple[int, int, list[Actor]] | None = None
        words: list[str] = []
        for j in range(i, min(n, i + maxw + 3)):
            if j > i and (doc[j].is_sent_start or doc[j].text in _POSSESSIVE_TOKENS):
                break
            if keys[j]:
                words.extend(keys[j].split())
            elif doc[j].text not in ("-", "–", "&"):
                break
            if len(words) > maxw:
                break
            key = " ".join(words)
            if key in kb.aliases and doc[j].text not in ("-", "–"):
                found = kb.lookup(key, surface=doc[i:j + 1].text)
                if found:
                    best = (i, j + 1, found)
        if best is not None:
            out.append(best)
            i = best[1]
        else:
            i += 1
    return out


_BREAKS = frozenset({".", '"', "“", "”", ":", ";", "(", ")", "[", "]", "|", "—", "–"})


def _segments(doc: Doc, ent: Span) -> list[tuple[int, int]]:
    """An NER span cut at quotes and sentence punctuation ('X. "Hamas' -> 'Hamas'); pieces of one
    character are dropped. Abbreviation tokens ("U.S.", "Jr.") are single tokens and stay whole."""
    out: list[tuple[int, int]] = []
    start = ent.start
    for t in ent:
        if t.text in _BREAKS:
            out.append((start, t.i))
            start = t.i + 1
    out.append((start, ent.end))
    return [(a, b) for a, b in out if b > a and len(doc[a:b].text.strip(". ")) > 1]


def _trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    while end > start + 1 and (doc[end - 1].text in _POSSESSIVE_TOKENS or doc[end - 1].is_punct):
        end -= 1
    return start, end


def named_mentions(doc: Doc, kb: ActorKB, labels: frozenset[str]) -> list[Mention]:
    """NER entities merged with the alias scan.

    - a scan match that contains an NER entity replaces it ("Egyptian" in "Egyptian intelligence");
    - an NER entity made entirely of scan matches is split ("Qatar Mohammed bin Abdulrahman Al Thani");
    - other NER entities stay as they are; scan matches outside every NER entity are added.
    """
    scans = scan_aliases(doc, kb)  # in text order, not overlapping: starts and ends both ascend
    scan_starts = [a for a, _, _ in scans]
    scan_ends = [b for _, b, _ in scans]
    ents = [(s, e, ent.label_) for ent in doc.ents if ent.label_ in labels for s, e in _segments(doc, ent)]
    mentions: list[Mention] = []
    used_scans: set[int] = set()
    for s0, e0, label in ents:
        s, e = _trim(doc, s0, e0)
        # the scans within [s, e); the one scan that may cover it is the last to start at or before s
        inside = list(range(bisect.bisect_left(scan_starts, s), bisect.bisect_right(scan_ends, e)))
        last = bisect.bisect_right(scan_starts, s) - 1
        covering = [last] if last >= 0 and scan_ends[last] >= e and \
            (scan_ends[last] - scan_starts[last]) > (e - s) else []
        exact = [k for k in inside if scans[k][0] == s and scans[k][1] == e]
        if covering:
            continue  # the longer scan match is the mention
        if exact or not inside:
            mentions.append(Mention(s, e, label, scans[exact[0]][2] if exact else []))
            used_scans.update(exact)
            continue
        covered = {i for k in inside for i in range(scans[k][0], scans[k][1])}
        rest = [t for t in doc[s:e] if t.i not in covered and t.pos_ == "PROPN"]
        if rest and not (label == "PERSON" and _leading_only(doc, s, e, inside, scans)):
            mentions.append(Mention(s, e, label))
            continue
        for k in inside:
            a, b, actors = scans[k]
            mentions.append(Mention(a, b, _label_for(actors), actors))
            used_scans.add(k)
        if rest:  # a PERSON entity that starts with a place or title: "Qatar Mohammed ..."
            a = max(scans[k][1] for k in inside)
            while a < e and not doc[a].text[:1].isupper():
                a += 1
            if a < e:
                mentions.append(Mention(a, e, "PERSON"))
    taken = {i for m in mentions for i in range(m.start, m.end)}
    for k, (a, b, actors) in enumerate(scans):
        if k in used_scans or any(i in taken for i in range(a, b)):
            continue
        mentions.append(Mention(a, b, _label_for(actors), actors))
    mentions.sort(key=lambda m: (m.start, m.end))
    for m in mentions:
        m.head = doc[m.start:m.end].root.i
    return mentions


#: a dateline place is at most this many all-capitals words ("KHAN YOUNIS")
DATELINE_PLACE_WORDS = 4


def dateline_mention(doc: Doc, gz: Gazetteer, mentions: list[Mention], dateline: tuple[int, int]) -> list[Mention]:
    """The all-caps place NER missed in the article's dateline (``dateline``: ``Article.dateline_start``,
    ``dateline_end``; "ANAPA, Russia (Northline News) — ...", "ANAPA: ...")."""
    start, end = dateline
    if end <= start:
        return []
    first = doc.char_span(start, end, alignment_mode="expand")
    if first is None:
        return []
    i = s = first.start
    while i < len(doc) and i - s < DATELINE_PLACE_WORDS and doc[i].text.isupper() and doc[i].is_alpha:
        i += 1
    if i == s or i >= len(doc) or doc[i].text not in (",", "(", "—", "–", "-", ":"):
        return []
    if any(s <= k < i for m in mentions for k in range(m.start, m.end)) or not gz.lookup(doc[s:i].text):
        return []
    return [Mention(s, i, "GPE", head=doc[s:i].root.i)]


def locative_names(doc: Doc, gz: Gazetteer, mentions: list[Mention]) -> list[Mention]:
    """Place names NER missed in a locative position: after a locative preposition ("In Kyiv, the foreign
    ministry ..."), the later names of its list ("in Deraa, Banias and Douma") and the object of a verb of
    movement ("the army entered Rastan"): one to three capitalized PROPN tokens the gazetteer knows, outside
    every other mention."""
    from .link import LOCATIVE_PREPS

    taken = {i for m in mentions for i in range(m.start, m.end)}
    out: list[Mention] = []
    for tok in doc:
        if not _name_start(tok, taken):
            continue
        after_prep = tok.i > 0 and doc[tok.i - 1].pos_ == "ADP" and (doc[tok.i - 1].lower_ in LOCATIVE_PREPS or (
            doc[tok.i - 1].lower_ == "of" and tok.i > 1 and lemma_key(doc[tok.i - 2]) in _of_nouns()))
        s = e = tok.i
        while e < len(doc) and e - s < 3 and _name_word(doc[e], taken):
            e += 1
        while e > s and not gz.lookup(doc[s:e].text):
            e -= 1
        if e > s and (after_prep or is_locative(doc[s:e])):
            out.append(Mention(s, e, "GPE", head=doc[s:e].root.i))
            taken.update(range(s, e))
    return out


def _name_word(tok: Token, taken: set[int]) -> bool:
    return tok.pos_ == "PROPN" and tok.text[:1].isupper() and tok.i not in taken


def _name_start(tok: Token, taken: set[int]) -> bool:
    """The first word of a run of capitalized proper nouns (not the sentence's first word)."""
    return _name_word(tok, taken) and not tok.is_sent_start and not _name_word(tok.doc[tok.i - 1], taken)


@functools.lru_cache(maxsize=1)
def _of_nouns() -> frozenset[str]:
    """Nouns after which "of X" names a place ("the beaches of Anapa"): ``resources/places/positions.yaml``."""
    from ...resources import load_yaml as resource_yaml

    return frozenset(resource_yaml("places", "positions.yaml")["of_nouns"])


@functools.lru_cache(maxsize=1)
def _motion_verbs() -> frozenset[str]:
    """Verbs whose object is a place ("entered Rastan"): ``resources/places/positions.yaml``."""
    from ...resources import load_yaml as resource_yaml

    return frozenset(resource_yaml("places", "positions.yaml")["motion_verbs"])


def _leading_only(doc: Doc, s: int, e: int, inside: list[int], scans: list[tuple[int, int, list[Actor]]]) -> bool:
    """A PERSON entity that starts with a state or organization before the name: after "of" ("the Prime
    Minister of Qatar Mohammed ...") or an organization ("Mossad chief David Barnea" read as one name)."""
    first = min(scans[k][0] for k in inside)
    if first != s or any(a.kind == "person" for k in inside for a in scans[k][2]):
        return False
    after_of = s > 0 and doc[s - 1].lower_ == "of"
    orgs = all(a.kind != "state" for k in inside for a in scans[k][2])
    return after_of or orgs


def _label_for(actors: list[Actor]) -> str:
    kinds = {a.kind for a in actors}
    if kinds == {"person"}:
        return "PERSON"
    if "state" in kinds:
        return "GPE"
    return "ORG"


def is_locative(span: Span) -> bool:
    """A place use: the object of a locative preposition ("in Doha", "talks in Qatar", "in Hama and Homs"), of
    "of" after a place noun ("the outskirts of Homs") or of a verb of movement ("the army entered Rastan")."""
    root = _first_conjunct(span.root)
    if root.dep_ == "dobj" and root.head.pos_ == "VERB":  # "fled Homs", "left Tripoli"
        return root.head.lemma_.lower() in _motion_verbs()
    if root.dep_ == "pobj" and root.head.lower_ == "of":  # "the neighbourhoods of Vina del Mar"
        return root.head.head.i != root.head.i and lemma_key(root.head.head) in _of_nouns()
    return root.dep_ == "pobj" and root.head.lower_ in _locative_preps()


def _first_conjunct(tok: Token) -> Token:
    """"Moscow" in "talks in Kyiv and Moscow" stands where "Kyiv" stands."""
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head
    return tok


_ACTOR_DEPS = frozenset({"nsubj", "nsubjpass", "poss", "dobj", "appos", "ROOT"})
_ACTOR_PREPS = frozenset({"by", "with", "between", "against", "on", "and"})


def is_actor_position(span: Span) -> bool:
    """Where a name acts: subject, object, possessor, agent ("by Moscow"), "talks with Washington"."""
    root = _first_conjunct(span.root)
    if root.dep_ == "pobj":
        return root.head.lower_ in _ACTOR_PREPS
    return root.dep_ in _ACTOR_DEPS


def _locative_preps() -> frozenset[str]:
    from .link import LOCATIVE_PREPS

    return LOCATIVE_PREPS


@dataclass(slots=True)
class Descriptor:
    start: int
    end: int
    text: str
    tokens: list[int]
    possessor: int | None = None  # token index inside a PERSON mention that possesses the role


def descriptors(doc: Doc, m: Mention, mention_at: dict[int, Mention], role_nouns: frozenset[str]) -> list[Descriptor]:
    """Role phrases of a PERSON mention: before it ("CIA director Bill Burns", "the Prime Minister of Qatar
    Mohammed ...", "Joe Biden's top Middle East adviser Brett McGurk") or in apposition after it
    ("Abbas Kamel, the head of Egyptian intelligence,")."""
    out: list[Descriptor] = []
    sent_start = doc[m.start].sent.start
    i = m.start - 1
    left: list[int] = []
    possessor = None
    while i >= sent_start and len(left) < 12:
        tok = doc[i]
        other = mention_at.get(i)
        if other is not None and other is not m and other.label == "PERSON":
            if i + 1 < m.start and doc[i + 1].text in _POSSESSIVE_TOKENS or tok.text.endswith(("'s", "’s")):
                possessor = i
            break
        if tok.text in _POSSESSIVE_TOKENS:
            left.append(i)
            i -= 1
            continue
        if tok.pos_ in _DESCRIPTOR_POS or (other is not None) or tok.text in ("-", "–"):
            left.append(i)
        elif tok.lower_ in _DESCRIPTOR_ADPS and left:
            left.append(i)
        else:
            break
        i -= 1
    left.reverse()
    while left and (doc[left[0]].lower_ in _DESCRIPTOR_ADPS or doc[left[0]].text in _POSSESSIVE_TOKENS
                    or doc[left[0]].text in ("-", "–")):
        left.pop(0)
    if left and any(doc[k].lemma_.lower() in role_nouns for k in left) and \
            doc[left[-1]].pos_ in ("NOUN", "PROPN"):
        out.append(Descriptor(left[0], left[-1] + 1, doc[left[0]:left[-1] + 1].text, left, possessor))
    root = doc[m.head] if m.head >= 0 else doc[m.start]
    for child in root.children:
        if child.dep_ == "appos" and child.i >= m.end:
            toks = [t.i for t in child.subtree if not t.is_punct or t.text in ("-", "–")]
            if not toks or not any(doc[k].lemma_.lower() in role_nouns for k in toks):
                continue
            while toks and doc[toks[0]].pos_ == "DET":
                toks.pop(0)
            if toks:
                out.append(Descriptor(toks[0], toks[-1] + 1, doc[toks[0]:toks[-1] + 1].text, toks))
    return out


def is_descriptor_token(tok: Token, mention_at: dict[int, Mention]) -> bool:
    """A role noun right before a person's name ("spokesperson" in "White House spokesperson John Kirby")."""
    nxt = tok.i + 1
    if nxt >= len(tok.doc):
        return False
    m = mention_at.get(nxt)
    return m is not None and m.label == "PERSON" and m.start == nxt


def lemma_key(tok: Token) -> str:
    lem = tok.lemma_.lower() if tok.lemma_ else tok.lower_
    return fold(lem)
