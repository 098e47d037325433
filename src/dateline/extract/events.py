"""PLOVER event coding: who did what to whom, when and where, from the existing dependency parse.

One pass over the tokens finds triggers with the compiled dictionary (``events_lexicon``): verbs and
verb patterns ("call on", "hold talks", "cut off aid"), light verbs with a nominal trigger as object
("launched a major offensive"), nominal triggers ("Israeli airstrikes on Gaza", "talks between X and
Y"), and "X said Y must Z" (REQUEST). A trigger's complements and objects are its content: triggers
inside them are not coded again ("refuses to send representatives to the negotiations" is one REJECT,
not a CONSULT). Each remaining trigger gives one ``Event`` per actor-target pair (``events_roles``),
with date, location, polarity, modality and reporter from ``events_context``.
"""
from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from spacy.tokens import Doc, Token

from ..model import Event
from .events_args import Actor, Mentions, _get
from .events_context import Clauses
from .events_lexicon import ACTIONS, Lexicon, load_lexicon
from .events_roles import Roles, Trigger, noun_roles, verb_roles
from .registry import Context, register

__all__ = ["ACTIONS", "find_events", "find_triggers", "make_events", "to_plover"]

#: children whose subtrees are the content of a trigger (their own triggers are not coded again) ...
CONTENT_DEPS = frozenset({"xcomp", "ccomp", "dobj", "prep", "pcomp", "attr", "oprd", "dative", "acomp", "agent",
                          "nsubjpass", "prt"})
#: ... except clauses that only describe a participant ("hostages seized during Hamas's attack")
DESCRIPTIVE_DEPS = frozenset({"relcl", "acl", "advcl", "appos", "parataxis"})
NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})


def find_triggers(doc: Doc, lex: Lexicon, mentions: Mentions | None = None) -> list[Trigger]:
    """Every trigger in the doc, before the content rule drops nested ones."""
    light = lex.word_set("light_verbs")
    speech = lex.word_set("speech_verbs")
    deontic = lex.word_set("deontic_aux")
    out: list[Trigger] = []
    for tok in doc:
        if mentions is not None:
            ent = mentions.entity[tok.i]
            if ent is not None and _get(ent, "label") in NAME_LABELS:
                continue
        pos = tok.pos_
        if pos == "VERB" or (pos == "AUX" and tok.dep_ not in ("aux", "auxpass")):
            hit = lex.match_verb(tok)
            if hit is not None and hit[0].specificity > 0:
                out.append(Trigger(tok, hit[0].action, True, hit[1]))
                continue
            lemma = tok.lemma_.lower()
            if lemma in light:
                noun = _light_object(tok, lex)
                if noun is not None:
                    out.append(Trigger(tok, noun[0], True, [noun[1]]))
                    continue
            if hit is not None:
                out.append(Trigger(tok, hit[0].action, True, hit[1]))
                continue
            if lemma in speech:  # "the Bush administration declared that China must drop barriers"
                for c in tok.children:
                    if c.dep_ == "ccomp" and any(g.dep_ == "aux" and g.lower_ in deontic for g in c.children):
                        out.append(Trigger(tok, "REQUEST", True, [], target_clause=c))
                        break
        elif pos in ("NOUN", "PROPN"):
            p = lex.match_noun(tok)
            if p is not None:
                out.append(Trigger(tok, p.action, False))
    return out


def _light_object(verb: Token, lex: Lexicon) -> tuple[str, Token] | None:
    for c in verb.children:
        if c.dep_ in ("dobj", "nsubjpass"):
            p = lex.match_noun(c)
            if p is not None:
                return p.action, c
        if c.dep_ in ("prep", "prt"):  # "engaged in fighting", "went on strike"
            for g in c.children:
                if g.dep_ == "pobj":
                    p = lex.match_noun(g)
                    if p is not None:
                        return p.action, g
    return None


def drop_nested(triggers: list[Trigger]) -> list[Trigger]:
    """Keep the triggers that are not inside another trigger's content (complement, object, PP)."""
    content: set[int] = set()
    at = {t.tok.i: t for t in triggers}
    for t in triggers:
        for c in t.tok.children:
            if c.dep_ in CONTENT_DEPS:
                content.update(_content(c, keep_clauses=c in t.extra))
            elif c.dep_ == "nsubj" and t.verb and c.i in at and not at[c.i].verb:
                content.add(c.i)  # "the attack killed five": the verb codes it
    return [t for t in triggers if t.tok.i not in content]


def _content(tok: Token, keep_clauses: bool) -> Iterator[int]:
    stack = [tok]
    while stack:
        t = stack.pop()
        yield t.i
        stack.extend(c for c in t.children if keep_clauses or c.dep_ not in DESCRIPTIVE_DEPS)


def find_events(doc: Doc, ctx: Context, lex: Lexicon, *, require_actor: bool = True) -> list[Event]:
    mentions = Mentions(doc, ctx, lex)
    clauses = Clauses(doc, ctx, mentions, lex)
    occurrence = lex.word_set("occurrence_verbs")
    reciprocal = lex.word_set("reciprocal")
    reciprocal_verbs = lex.word_set("reciprocal_verbs")
    loc_target = lex.word_set("location_as_target")
    events: list[Event] = []
    for trig in drop_nested(find_triggers(doc, lex, mentions)):
        roles = verb_roles(mentions, trig) if trig.verb else noun_roles(mentions, trig, occurrence)
        if require_actor and not roles.actors:
            continue
        where = clauses.location(trig.tok, trig.extra)
        place = mentions.from_entity(where[0]) if where is not None else None
        symmetric = roles.between or _symmetric(trig, reciprocal, reciprocal_verbs)
        if not roles.targets and place is not None and trig.action.lower() in loc_target:
            if place.key not in {a.key for a in roles.actors} and not (symmetric and len(roles.actors) > 1):
                roles.targets = [place]
        polarity, modality = clauses.polarity_modality(trig.tok, trig.verb)
        toks = sorted([trig.tok, *[t for t in trig.extra if t.dep_ not in ("prep",)]], key=lambda t: t.i)
        start, end = toks[0].idx, toks[-1].idx + len(toks[-1])
        base: dict[str, Any] = dict(
            article_id=ctx.article.id, text=doc.text[start:end], start=start, end=end, action=trig.action,
            date=clauses.date(trig.tok, trig.extra), location=place.name if place is not None else None,
            polarity=polarity, modality=modality, reported_by=clauses.reporter(trig.tok),
            trigger=" ".join(t.text for t in toks),
        )
        for actor, target in _pairs(roles, symmetric):
            events.append(Event(**base, actor=actor.name if actor else None, actor_text=actor.text if actor else None,
                                actor_country=actor.country if actor else None,
                                target=target.name if target else None, target_text=target.text if target else None,
                                target_country=target.country if target else None))
    return events


def _symmetric(trig: Trigger, reciprocal: frozenset[str], reciprocal_verbs: frozenset[str]) -> bool:
    """Coordinated subjects act on each other: reciprocal verbs ("met", "clashed"), and reciprocal
    actions named by a noun ("held talks", "signed an agreement"); never with a passive agent."""
    if trig.verb and any(c.dep_ == "agent" for c in trig.tok.children):
        return False
    if trig.tok.lemma_.lower() in reciprocal_verbs:
        return True
    return trig.action.lower() in reciprocal and (not trig.verb or bool(trig.extra))


def _pairs(roles: Roles, symmetric: bool) -> Iterator[tuple[Actor | None, Actor | None]]:
    actors, targets = roles.actors, roles.targets
    if not targets and len(actors) >= 2 and symmetric:
        for i, a in enumerate(actors):
            for b in actors[i + 1:]:
                yield a, b
        return
    for a in actors or [None]:
        for t in targets or [None]:
            yield a, t


def to_plover(event: Event, lex: Lexicon | None = None) -> str:
    """The action as PLOVER codes it: intentions of cooperation are AGREE, hostile ones THREATEN, refused
    or negated cooperation is REJECT (``plover_intent`` in the dictionary)."""
    lex = lex or load_lexicon()
    action = event.action
    if event.polarity == "negative" and action in lex.plover_cooperative:
        return "REJECT"
    if event.modality in ("planned", "proposed", "conditional"):
        if action in lex.plover_cooperative:
            return "AGREE"
        if action in lex.plover_hostile:
            return "THREATEN"
    return action


@register("events")
def make_events(dictionaries: Sequence[str] = (), require_actor: bool = True) -> Any:
    """PLOVER event coder. ``dictionaries``: extra YAML files extending ``resources/events/plover.yaml``."""
    lex = load_lexicon(tuple(str(d) for d in dictionaries))

    def events_component(doc: Doc, ctx: Context) -> None:
        ctx.events.extend(find_events(doc, ctx, lex, require_actor=require_actor))

    return events_component
