"""Syntax helpers shared by the event participant finders (``args``) and reference resolution
(``refs``): the participant record, dependency-parse walks, no state."""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Token

from ...labels import NUMERIC_LABELS

SUBJ_DEPS = frozenset({"nsubj", "csubj"})
PERSONAL = frozenset({"it", "its", "they", "them", "their", "he", "him", "his", "she", "her", "we", "our", "us",
                      "i", "my", "me"})
RELATIVE = frozenset({"who", "which", "that", "whom", "whose"})
#: NER labels that never name an actor
NON_ACTOR_LABELS = NUMERIC_LABELS
OWNER_PREPS = ("of", "from", "for", "by")
TARGET_PREPS = ("on", "upon", "with", "against", "to", "toward", "towards", "at", "from", "into", "over", "for")
KEEP_MODS = frozenset({"compound", "amod", "nmod"})


@dataclass(frozen=True, slots=True)
class Actor:
    """One participant: canonical name (or mention text), the mention, its country."""

    name: str
    text: str
    start: int
    end: int
    country: str | None = None
    person: bool = False
    linked: bool = False  # named by an entity (not just a common noun's text)
    kind: str | None = None

    @property
    def key(self) -> str:
        return self.name.lower()


#: at most this many steps up the dependency tree, from a token to the clause that governs it
HEAD_HOPS = 8


def field_of(rec: Any, name: str) -> Any:
    """A field of a record or of its dict form (a Place, an Actor, a stored row)."""
    return rec.get(name) if isinstance(rec, dict) else getattr(rec, name, None)


def place_actor(rec: Any) -> Actor:
    """A Place record as a participant (its kind is its feature: city, region, country ...)."""
    return Actor(name=rec.name or rec.text, text=rec.text, start=rec.start, end=rec.end, country=rec.country_code,
                 linked=True, kind=rec.feature or "place")


def _of_pobj(tok: Token) -> Token | None:
    return next((g for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"
                 for g in c.children if g.dep_ == "pobj"), None)


def conjuncts(tok: Token) -> list[Token]:
    out, stack = [], [tok]
    while stack:
        t = stack.pop()
        out.append(t)
        stack.extend(reversed([c for c in t.children if c.dep_ == "conj" and c.pos_ not in ("VERB", "AUX")]))
    return sorted(out, key=lambda t: t.i)


def dedupe(actors: Iterable[Actor]) -> list[Actor]:
    seen: set[str] = set()
    out = []
    for a in actors:
        if a.key not in seen:
            seen.add(a.key)
            out.append(a)
    return out


def clause_verb(tok: Token) -> Token | None:
    t = tok
    for _ in range(40):
        if t.pos_ in ("VERB", "AUX") or t.dep_ == "ROOT" or t.head == t:
            return t
        t = t.head
    return None


def subject_token(v: Token) -> Token | None:
    """The verb's subject; of two (a dateline "CAIRO (Meridian Wire) — ..." parsed as a second subject), the
    one nearest the verb."""
    found = [c for c in v.children if c.dep_ in SUBJ_DEPS]
    return min(found, key=lambda c: abs(v.i - c.i)) if found else None


def is_passive(v: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in v.children) and not agent_tokens(v)


def agent_tokens(v: Token) -> list[Token]:
    return [g for c in v.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]


def passive_subject(v: Token) -> Token | None:
    return next((c for c in v.children if c.dep_ == "nsubjpass"), None)


#: conjunctions the parser takes for prepositions of a noun, its clause's verb then hanging on the noun
CLAUSE_MARKS = frozenset({"after", "before", "since", "until", "as", "because", "once"})


def subject_chain(v: Token) -> Iterator[Token]:
    """Candidate subjects of verb ``v``, nearest first: its own, then those of the clauses it depends on
    (coordination, control, participles: "issued a statement calling on ..." -> the issuer)."""
    t = v
    for _ in range(HEAD_HOPS):
        s = subject_token(t)
        if s is not None:
            yield s
            return
        ag = agent_tokens(t)
        if ag:
            yield ag[0]
            return
        if is_passive(t):  # "children who were not vaccinated", "a task force had been set up": no agent named
            return
        if t.dep_ == "relcl":
            yield t.head
            return
        if t.dep_ == "xcomp":
            obj = next((c for c in t.head.children if c.dep_ in ("dobj", "dative")), None)
            if obj is not None and obj.pos_ in ("PROPN", "NOUN", "PRON"):
                yield obj  # "urged Iraq to allow": Iraq allows
                return
            for c in t.head.children:  # "calling on Israel and Hamas to hold a summit"
                if c.dep_ == "prep" and c.lower_ in ("on", "upon"):
                    pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
                    if pobj is not None:
                        yield pobj
                        return
        if t.dep_ == "acl" and t.head.pos_ in ("NOUN", "PROPN"):
            noun = t.head
            if noun.sent.root.pos_ not in ("VERB", "AUX") and t.tag_ in ("VBD", "VBN", "VBZ", "VBP"):
                yield next((c for c in noun.sent.root.subtree if c.i == noun.i), noun)
                return  # a sentence with no verb at its root: the finite verb was parsed as a modifier
            poss = next((c for c in noun.children if c.dep_ == "poss"), None)
            if poss is not None and t.tag_ == "VB":  # "its commitment to defend itself": its
                yield poss
                return
            if noun.dep_ == "pobj" and noun.head.lower_ in CLAUSE_MARKS and t.i > noun.i \
                    and not any(c.dep_ == "auxpass" for c in t.children):
                yield noun  # "after a group of radical Muslims protested": a clause parsed as a phrase
                return
            if t.tag_ in ("VBN", "VBD"):
                return
            gov = noun.head
            if noun.dep_ in ("dobj", "pobj") and gov.pos_ in ("VERB", "AUX", "ADP"):
                t = gov.head if gov.pos_ == "ADP" else gov
                continue
            return
        if t.dep_ in ("conj", "xcomp", "advcl", "pcomp", "acl", "acomp") and t.head != t:
            t = t.head if t.head.pos_ in ("VERB", "AUX", "ADJ") else t.head.head
            if t.pos_ == "ADV" and t.dep_ == "advmod":  # "stopped short of urging": the one who stopped
                t = t.head
            continue
        return


#: verbs of obligation with "to": "has to", "need to" (present tense only: a past "had to" tells what happened)
OBLIGATION_VERBS = frozenset({"have", "need"})


def obliged(clause: Token) -> bool:
    """"said the steps have to be acted upon", "said Egypt needs to hold elections": an obligation told with
    "have to" / "need to", as with "must"."""
    return (clause.lemma_.lower() in OBLIGATION_VERBS and clause.tag_ in ("VBP", "VBZ")
            and any(g.dep_ == "xcomp" and any(a.dep_ == "aux" and a.lower_ == "to" for a in g.children)
                    for g in clause.children))


def iter_pobj(prep: Token) -> Iterator[Token]:
    for g in prep.children:
        if g.dep_ == "pobj":
            yield g
        elif g.dep_ == "prep":  # "out of X"
            yield from iter_pobj(g)


def shared_auxiliaries(verb: Any) -> list[Any]:
    """The auxiliaries a coordinated verb shares with the verb it is coordinated with, when it has neither a
    subject nor an auxiliary of its own ("may take the hint and accept an early exit": "accept" is under "may";
    "will meet and sign" under "will"); up the conjunct chain."""
    out: list[Any] = []
    t = verb
    for _ in range(HEAD_HOPS):
        if t.dep_ != "conj" or t.head == t or t.head.pos_ not in ("VERB", "AUX"):
            break
        if any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass", "expl") for c in t.children):
            break
        t = t.head
        out += [c for c in t.children if c.dep_ == "aux"]
    return out
