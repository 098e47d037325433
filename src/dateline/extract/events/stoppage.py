"""A work stoppage is no armed strike: "nurses extended their strike", "teachers will strike on Monday" are
PROTEST, "a strike on the depot", "the army's strike" ASSAULT. Decided by the context, not the word: a trigger
of ``stoppage_words`` coded ASSAULT is a stoppage when the parse names no target (an armed strike hits
something), no modifier names a weapon or force ("air strike", "drone strike"; ``weapon_modifiers``), and every
actor is people or a body that cannot fight (no state, government, armed force, militant or police:
``armed_kinds`` and the KB's group nouns of those classes, "the army"; no named person, as a leader orders
strikes)."""
from __future__ import annotations

from spacy.tokens import Token

from ..entities.kb import ActorKB
from .lexicon import Lexicon
from .roles import Roles, Trigger
from .syntax import Actor

#: kinds of the place actors (``events.component.PLACE_KINDS``) a stoppage may name as where it is
_WHERE = frozenset({"city", "town", "village", "location", "region", "place", "state_or_region", "facility"})

#: the actor KB's group-noun classes of people who fight or rule (``resources/actors/nouns.yaml``)
ARMED_CLASSES = ("force", "armed", "government", "intelligence", "police")


def _armed_nouns(kb: ActorKB) -> frozenset[str]:
    classes = kb.nouns.get("group_nouns") or {}
    return frozenset(w.lower() for c in ARMED_CLASSES for w in classes.get(c, ()))


def _armed(a: Actor, tok: Token, kinds: frozenset[str], nouns: frozenset[str]) -> bool:
    """An actor that can fight or order force: a state, an armed body, a named person, or a noun that names one
    (``nouns``: "the army", "police")."""
    if a.person or (a.kind or "").lower() in kinds or (a.linked and a.country and not a.kind):
        return True
    span = tok.doc.char_span(a.start, a.end, alignment_mode="expand")
    head = span.root if span is not None and len(span) else None
    return head is not None and (head.lemma_.lower() in nouns or head.lower_ in nouns)


def _walkout(v: Token) -> bool:
    """"Dock workers walked out on Monday": walking out of nothing named (not "walked out of the talks", a
    rejection) is a stoppage."""
    out = [c for c in v.children if c.dep_ in ("prt", "advmod") and c.lower_ == "out"]
    return v.lemma_.lower() == "walk" and bool(out) and not any(
        c.dep_ == "prep" and (c.lower_ in ("of", "from") or (c.lower_ == "on" and not _when(c)))
        for t in (v, *out) for c in t.children)


def _when(prep: Token) -> bool:
    """"on Monday": a time, not what is walked out on."""
    return any(g.dep_ == "pobj" and g.ent_type_ in ("DATE", "TIME") for g in prep.children)


def labour_stoppage(trig: Trigger, roles: Roles, lex: Lexicon, kb: ActorKB) -> bool:
    """Whether the ASSAULT trigger ``trig`` with ``roles`` (before stand-in targets) is a work stoppage (or the
    REJECT of a walkout of nothing named: "dock workers walked out on Monday"), or
    people taking to the streets ("students hit the streets": ``street_verbs`` with "the streets" as object,
    but "warplanes hit a street" is an attack)."""
    w = lex.word_set
    if trig.action == "REJECT" and trig.verb and roles.actors and not roles.targets and _walkout(trig.tok):
        return not any(_armed(a, trig.tok, w("armed_kinds"), _armed_nouns(kb)) for a in roles.actors)
    if trig.action != "ASSAULT" or not roles.actors:
        return False
    if trig.verb and trig.tok.lemma_.lower() in w("street_verbs") and any(
            c.dep_ == "dobj" and c.lower_ == "streets" for c in trig.tok.children):
        return not any(_armed(a, trig.tok, w("armed_kinds"), _armed_nouns(kb)) for a in roles.actors)
    if any((t.kind or "") not in _WHERE for t in roles.targets):  # a place is where people strike ("the
        return False  # inspectors' strike at Santos"); an armed strike on a place has an armed actor (below)
    # the trigger word, or the act noun of a light verb ("extended their strike")
    tok = next((t for t in (trig.tok, *trig.extra) if t.lemma_.lower() in w("stoppage_words")), None)
    if tok is None or any(c.dep_ in ("compound", "amod", "nmod") and c.lemma_.lower() in w("weapon_modifiers")
                          for c in tok.children):
        return False
    kinds, nouns = w("armed_kinds"), _armed_nouns(kb)
    return not any(_armed(a, tok, kinds, nouns) for a in roles.actors)
