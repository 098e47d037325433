"""Actor and target roles of one trigger (verb or noun), on top of ``events_args.Mentions``."""
from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token

from .events_args import (
    TARGET_PREPS, Actor, Mentions, agent_tokens, conjuncts, dedupe, inherited_subject, iter_pobj,
    passive_subject, subject_token,
)

#: actions whose "of" complement on a noun is the actor ("a meeting of ministers"), not the target
OF_IS_ACTOR = frozenset({"CONSULT", "AGREE", "COOPERATE", "PROTEST", "SUPPORT", "MOBILIZE"})


@dataclass(slots=True)
class Trigger:
    tok: Token  # the verb (or light verb) or the nominal trigger
    action: str
    verb: bool
    extra: list[Token] = field(default_factory=list)  # particle / object tokens of the pattern
    target_clause: Token | None = None  # "X said Y must Z": the clause whose subject is the target


@dataclass(slots=True)
class Roles:
    actors: list[Actor]
    targets: list[Actor]
    between: bool = False  # participants from "between X and Y" / coordinated reciprocal subjects


def verb_roles(m: Mentions, trig: Trigger) -> Roles:
    v = trig.tok
    subj, _ = inherited_subject(v)
    actors = m.actors(subj) if subj is not None else []
    if trig.target_clause is not None:
        s = subject_token(trig.target_clause)
        return Roles(actors, _minus(m.actors(s) if s is not None else [], actors))
    return Roles(actors, _minus(verb_targets(m, v, trig.extra), actors))


def verb_targets(m: Mentions, v: Token, extra: list[Token], depth: int = 0) -> list[Actor]:
    """Targets of a verb in order of preference; the first kind that names someone wins. Inside a
    complement (``depth`` > 0) only linked entities count ("refuses to send representatives": no target)."""
    if depth:
        return [a for a in _verb_targets(m, v, extra, depth) if a.linked]
    return _verb_targets(m, v, extra, depth)


def _verb_targets(m: Mentions, v: Token, extra: list[Token], depth: int) -> list[Actor]:
    ps = passive_subject(v)
    if ps is not None and agent_tokens(v):
        found = m.actors(ps)
        if found:
            return found
    for c in v.children:  # "gave the Ivory Coast 5 million dollars"
        if c.dep_ == "dative":
            found = m.actors(c) if c.pos_ != "ADP" else [a for g in iter_pobj(c) for a in m.actors(g)]
            if found:
                return found
    particle = next((t for t in extra if t.dep_ in ("prep", "prt", "agent") and t.head is v), None)
    if particle is not None and particle.dep_ == "prep":  # "call on X", "arrived in X", "met with X"
        found = [a for g in iter_pobj(particle) for a in m.actors(g)]
        if found:
            return found
    objs = [c for c in v.children if c.dep_ in ("dobj", "attr", "oprd")]
    for o in objs:
        found = m.actors(o)
        if found:
            return found
    preps = {c.lower_: c for c in v.children if c.dep_ in ("prep", "dative")}
    for o in objs:  # "threatened further action against Russia", "cut off electricity to X"
        for c in o.children:
            if c.dep_ == "prep" and c.lower_ in TARGET_PREPS and c.lower_ not in preps:
                preps[c.lower_] = c
    for p in TARGET_PREPS:
        c = preps.get(p)
        if c is not None:
            found = [a for g in iter_pobj(c) for a in m.actors(g)]
            if found:
                return found
    if depth < 2:
        for c in v.children:
            if c.dep_ == "ccomp":  # "demanded that the US cancel ..."
                s = subject_token(c)
                if s is not None and s.pos_ != "PRON":
                    found = m.actors(s)
                    if found:
                        return found
            if c.dep_ in ("xcomp", "ccomp"):  # "refused to allow UN planes to land"
                found = verb_targets(m, c, [], depth + 1)
                if found:
                    return found
    return []


def noun_roles(m: Mentions, trig: Trigger, occurrence: frozenset[str]) -> Roles:
    """Participants of a nominal trigger: "Hamas's attack on Israel", "talks between X and Y"."""
    n = trig.tok
    actors: list[Actor] = []
    targets: list[Actor] = []
    between: list[Actor] = []
    for c in n.children:
        if c.dep_ == "poss" or (c.dep_ in ("compound", "amod", "nmod") and c.i < n.i):
            for x in conjuncts(c):
                ent = m.entity[x.i]
                if ent is not None:
                    actors.append(m.from_entity(ent))
                elif c.dep_ == "poss" and x.pos_ in ("PRON", "PROPN", "NOUN"):
                    actors += m.np_actors(x)
    preps = [c for c in n.children if c.dep_ == "prep"]
    gov = n.head
    if n.dep_ in ("nsubj", "nsubjpass") and gov.lemma_.lower() in occurrence:
        preps += [c for c in gov.children if c.dep_ == "prep"]
        for o in gov.children:
            if o.dep_ in ("dobj", "attr"):  # "took place between X and Y"
                preps += [c for c in o.children if c.dep_ == "prep"]
    for c in preps:
        p = c.lower_
        objs = [a for g in iter_pobj(c) for a in m.actors(g)]
        if not objs:
            continue
        if p == "between" or (p == "among"):
            between += objs
        elif p == "by":
            actors += objs
        elif p == "of":
            (actors if trig.action in OF_IS_ACTOR else targets).extend(objs)
        elif p in TARGET_PREPS:
            targets += objs
    if between:
        if len(between) >= 2 and not actors:
            return Roles(dedupe(between), [], between=True)
        targets += between
    if not actors and n.dep_ in ("dobj",) and gov.pos_ == "VERB":  # "concluded a day of discussions"
        subj, _ = inherited_subject(gov)
        if subj is not None:
            actors = m.actors(subj)
    actors = dedupe(actors)
    return Roles(actors, _minus(dedupe(targets), actors))


def _minus(targets: list[Actor], actors: list[Actor]) -> list[Actor]:
    keys = {a.key for a in actors}
    return [t for t in dedupe(targets) if t.key not in keys]
