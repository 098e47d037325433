"""Who did it and to whom: event participants from the dependency parse.

Actors come from the entities already found (canonical names and countries filled by the actors
component, through ``ctx.extra["actor_at"]`` or ``ctx.entities``); a noun phrase with no linked entity
falls back to its mention text. Role nouns stand for the entity in their modifiers ("the leaders of
the US, Egypt and Qatar" -> three actors, "US representatives" -> United States).
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc, Token

from .events_lexicon import Lexicon
from .registry import Context

SUBJ_DEPS = frozenset({"nsubj", "csubj", "expl"})
CLAUSE_UP = frozenset({"conj", "xcomp", "ccomp", "advcl", "acl", "pcomp", "relcl", "parataxis"})
PERSONAL = frozenset({"it", "its", "they", "them", "their", "he", "him", "his", "she", "her", "we", "our",
                      "itself", "themselves", "us"})
RELATIVE = frozenset({"who", "which", "that", "whom", "whose"})
DET_DEPS = frozenset({"det", "predet", "nummod", "quantmod", "punct", "case"})
OWNER_PREPS = ("of", "from", "for", "by")
#: NER labels and tokens that never name an actor
NON_ACTOR_LABELS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"})
TARGET_PREPS = ("on", "upon", "with", "against", "to", "toward", "towards", "at", "from", "into", "over", "for")


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

    @property
    def key(self) -> str:
        return self.name.lower()


def _get(rec: Any, name: str) -> Any:
    return rec.get(name) if isinstance(rec, dict) else getattr(rec, name, None)


class Mentions:
    """Per-doc lookups: token index -> linked entity / place, and actor resolution over the parse."""

    def __init__(self, doc: Doc, ctx: Context, lex: Lexicon) -> None:
        self.doc, self.lex = doc, lex
        n = len(doc)
        self.entity: list[Any] = [None] * n
        self.place: list[Any] = [None] * n
        self._char_to_tok = {t.idx: t.i for t in doc}
        for ent in ctx.entities:
            self._paint(self.entity, ent.start, ent.end, ent)
        self._paint_map(self.entity, ctx.extra.get("actor_at"))
        for pl in ctx.places:
            self._paint(self.place, pl.start, pl.end, pl)
        self._paint_map(self.place, ctx.extra.get("place_at"))
        self.non_actor = [t.ent_type_ in NON_ACTOR_LABELS or t.like_num for t in doc]
        for tx in ctx.timexes:
            span = doc.char_span(tx.start, tx.end, alignment_mode="expand")
            for t in span if span is not None else ():
                self.non_actor[t.i] = True
        self.role = lex.word_set("role_nouns")
        self.actor_nouns = lex.word_set("actor_nouns")
        self.act_nouns = lex.word_set("act_nouns")
        self._subjects: list[tuple[int, list[Actor]]] | None = None

    def _paint(self, arr: list[Any], start: int, end: int, rec: Any) -> None:
        span = self.doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            return
        for t in span:
            if arr[t.i] is None or _get(arr[t.i], "canonical") is None:
                arr[t.i] = rec

    def _paint_map(self, arr: list[Any], mapping: Any) -> None:
        """``ctx.extra["actor_at"]``/``["place_at"]``: char offset -> record (any offset inside a token)."""
        if not mapping:
            return
        items = mapping.items() if isinstance(mapping, dict) else mapping
        for off, rec in items:
            if isinstance(off, tuple):
                self._paint(arr, off[0], off[1], rec)
                continue
            i = self._char_to_tok.get(off)
            if i is None:
                span = self.doc.char_span(off, off + 1, alignment_mode="expand")
                i = span.start if span is not None and len(span) else None
            if i is not None:
                s, e = _get(rec, "start"), _get(rec, "end")
                if isinstance(s, int) and isinstance(e, int):
                    self._paint(arr, s, e, rec)
                else:
                    arr[i] = rec

    # -- actors -----------------------------------------------------------------------------------
    def from_entity(self, ent: Any) -> Actor:
        canonical = _get(ent, "canonical") or _get(ent, "name")
        text = _get(ent, "text") or canonical or ""
        label = _get(ent, "label") or ""
        kind = _get(ent, "kind") or ""
        country = _get(ent, "country") or _get(ent, "country_code")
        return Actor(name=canonical or text, text=text, start=_get(ent, "start") or 0, end=_get(ent, "end") or 0,
                     country=country, person=(label == "PERSON" or kind == "person"), linked=True)

    def np_actors(self, tok: Token, depth: int = 0) -> list[Actor]:
        """Actors named by the noun phrase headed by ``tok`` (without its conjuncts)."""
        if depth > 3 or self.non_actor[tok.i]:
            return []
        ent = self.entity[tok.i]
        if ent is not None:
            return [self.from_entity(ent)]
        lemma = tok.lemma_.lower()
        if tok.pos_ == "PRON":
            return self.resolve_pronoun(tok, depth) if tok.lower_ in PERSONAL or tok.lower_ in RELATIVE else []
        is_role = lemma in self.role or tok.lower_ in self.role
        is_act = lemma in self.act_nouns or tok.lower_ in self.act_nouns
        if is_role or is_act or tok.pos_ in ("NOUN", "ADJ"):
            found = self.modifier_actors(tok, depth, owners=is_role or is_act)
            if found:
                return found
        if lemma in self.actor_nouns or tok.lower_ in self.actor_nouns:
            return [self._text_actor(tok)]
        if tok.pos_ == "PROPN":
            return [self._text_actor(tok)]
        return []

    def modifier_actors(self, tok: Token, depth: int, owners: bool) -> list[Actor]:
        """Entities in a noun's modifiers: "of/from X" (role and act nouns), compounds, adjectives, 's."""
        out: list[Actor] = []
        if owners:
            for c in tok.children:
                if c.dep_ == "prep" and c.lower_ in OWNER_PREPS:
                    for g in c.children:
                        if g.dep_ == "pobj":
                            for x in conjuncts(g):
                                out += self.np_actors(x, depth + 1)
            if out:
                return out
        for c in tok.children:
            if c.dep_ in ("compound", "amod", "poss", "nmod", "npadvmod"):
                for x in conjuncts(c):
                    ent = self.entity[x.i]
                    if ent is not None:
                        out.append(self.from_entity(ent))
                    elif x.pos_ == "PRON" and x.lower_ in PERSONAL and c.dep_ == "poss":
                        out += self.resolve_pronoun(x, depth + 1)
        return out

    def _text_actor(self, tok: Token) -> Actor:
        left = tok.left_edge
        toks = [t for t in tok.doc[left.i: tok.i + 1] if not (t.dep_ in DET_DEPS and t.i < tok.i)]
        if not toks:
            toks = [tok]
        s, e = toks[0].idx, toks[-1].idx + len(toks[-1])
        text = tok.doc.text[s:e]
        return Actor(name=text, text=text, start=s, end=e, country=None)

    def actors(self, tok: Token) -> list[Actor]:
        """Actors of ``tok`` and its coordinated conjuncts, de-duplicated in order."""
        return dedupe(a for x in conjuncts(tok) for a in self.np_actors(x))

    # -- pronouns ---------------------------------------------------------------------------------
    def resolve_pronoun(self, tok: Token, depth: int = 0) -> list[Actor]:
        if depth > 4:
            return []
        if tok.lower_ in RELATIVE:
            clause = tok.head
            while clause.dep_ != "relcl" and clause.head is not clause and clause.dep_ in CLAUSE_UP | {"prep", "pobj"}:
                clause = clause.head
            return self.np_actors(clause.head, depth + 1) if clause.dep_ == "relcl" else []
        v = clause_verb(tok)
        if tok.dep_ == "poss" and v is not None:  # "Israel resumed its campaign": its own clause's subject
            subj, _ = inherited_subject(v)
            if subj is not None and subj is not tok and subj.pos_ != "PRON":
                found = self.np_actors(subj, depth + 1)
                if found:
                    return found
        # a pronoun subject of a reported or controlled clause is the reporting clause's subject
        while v is not None and v.dep_ in ("ccomp", "xcomp", "advcl", "conj") and v.head is not v:
            subj = subject_token(v.head)
            if subj is not None and subj is not tok:
                found = self.np_actors(subj, depth + 1)
                if found:
                    return found
            v = v.head
        # else the last subject before it (people for he/she)
        want_person = tok.lower_ in ("he", "him", "his", "she", "her")
        for i, acts in reversed(self.subjects()):
            if i >= tok.i:
                continue
            cands = [a for a in acts if a.person == want_person] if tok.lower_ not in ("they", "them", "their") else acts
            if cands:
                return cands[:1] if want_person or tok.lower_ in ("it", "its") else cands
        return []

    def subjects(self) -> list[tuple[int, list[Actor]]]:
        if self._subjects is None:
            self._subjects = []
            for t in self.doc:
                if t.dep_ in ("nsubj", "nsubjpass") and t.pos_ != "PRON":
                    acts = self.actors(t)
                    if acts:
                        self._subjects.append((t.i, acts))
        return self._subjects


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
        if t.pos_ in ("VERB", "AUX") or t.dep_ == "ROOT":
            return t
        if t.head is t:
            return t
        t = t.head
    return None


def subject_token(v: Token) -> Token | None:
    for c in v.children:
        if c.dep_ in SUBJ_DEPS and c.dep_ != "expl":
            return c
    return None


def agent_tokens(v: Token) -> list[Token]:
    return [g for c in v.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]


def passive_subject(v: Token) -> Token | None:
    for c in v.children:
        if c.dep_ == "nsubjpass":
            return c
    return None


def inherited_subject(v: Token) -> tuple[Token | None, bool]:
    """The subject of verb ``v``, following coordination, control and participles upward.

    Returns (token, from_object): ``from_object`` is True when the subject is the governing verb's object
    ("urged Iraq to allow" -> Iraq for "allow").
    """
    t = v
    for _ in range(8):
        s = subject_token(t)
        if s is not None:
            return s, False
        ag = agent_tokens(t)
        if ag:
            return ag[0], False
        if t.dep_ == "relcl":
            return t.head, False
        if t.dep_ == "xcomp":
            obj = next((c for c in t.head.children if c.dep_ in ("dobj", "dative")), None)
            if obj is not None and obj.pos_ in ("PROPN", "NOUN", "PRON"):
                return obj, True
            for c in t.head.children:  # "calling on Israel and Hamas to hold a summit"
                if c.dep_ == "prep" and c.lower_ in ("on", "upon"):
                    pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
                    if pobj is not None:
                        return pobj, True
        if t.dep_ == "acl" and t.head.pos_ in ("NOUN", "PROPN"):
            noun = t.head  # "issued a statement calling on ..." -> the issuer
            if t.tag_ == "VBN":
                return None, False
            gov = noun.head
            if noun.dep_ in ("dobj", "pobj") and gov.pos_ in ("VERB", "AUX", "ADP"):
                if gov.pos_ == "ADP":
                    gov = gov.head
                t = gov
                continue
            return None, False
        if t.dep_ in ("conj", "xcomp", "advcl", "pcomp", "acl") and t.head is not t:
            t = t.head if t.head.pos_ in ("VERB", "AUX", "ADJ") else t.head.head
            continue
        return None, False
    return None, False


def iter_pobj(prep: Token) -> Iterator[Token]:
    for g in prep.children:
        if g.dep_ == "pobj":
            yield g
        elif g.dep_ == "prep":  # "out of X"
            yield from iter_pobj(g)
