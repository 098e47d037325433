"""Actor and target roles of one trigger (verb or noun), on top of ``events.args.Mentions``."""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from spacy.tokens import Token

from .args import Mentions
from .issuer import issuer
from .mediation import between_sides
from .syntax import (
    TARGET_PREPS, Actor, agent_tokens, dedupe, field_of, is_passive, iter_pobj, passive_subject,
    subject_chain, subject_token,
)

#: actions whose "of" complement on a noun is the actor ("a meeting of ministers"), not the target
OF_IS_ACTOR = frozenset({"CONSULT", "AGREE", "COOPERATE", "PROTEST", "SUPPORT", "MOBILIZE", "RETREAT"})
#: nominal acts of moving away: "from" names what is left ("withdrawal of Israeli forces from the Gaza Strip")
FROM_IS_TARGET = frozenset({"RETREAT"})
#: nominal acts one takes part in: their actor may be the subject of the clause around them
TAKE_PART = frozenset({"CONSULT", "COOPERATE", "PROTEST"})
PARTICIPATION_PREPS = frozenset({"for", "to", "into", "at", "after", "before", "following", "during", "in"})


@dataclass(slots=True)
class Trigger:
    tok: Token  # the verb (or light verb) or the nominal trigger
    action: str
    verb: bool
    extra: list[Token] = field(default_factory=list)  # particle / object tokens of the pattern
    target_clause: Token | None = None  # "X said Y must Z": the clause whose subject is the target
    modality: str | None = None  # from the pattern ("put forward a proposal": proposed)
    judged: bool = False  # a judgement ("called the measures a disgrace", ``events.judgement``)


@dataclass(slots=True)
class Roles:
    actors: list[Actor]
    targets: list[Actor]
    between: bool = False  # participants from "between X and Y" / coordinated reciprocal subjects


def verb_roles(m: Mentions, trig: Trigger) -> Roles:
    v = trig.tok
    ps = passive_subject(v)
    nouns = [t for t in trig.extra if t.pos_ in ("NOUN", "PROPN")]
    if ps is not None and nouns and ps not in nouns and not agent_tokens(v) \
            and not any(o.dep_ == "dobj" and t.i in range(o.left_edge.i, o.right_edge.i + 1)
                        for o in v.children for t in nouns):
        actors = m.actors(ps)  # "Serb forces were engaged in ethnic cleansing" (not "they were given water":
        # with the object left in place the subject of the passive is who receives)
    else:
        actors = verb_actors(m, v)
    if not actors and trig.action.lower() in m.lex.word_set("crowd_actions"):
        actors = _crowd(m, v)
    if trig.target_clause is not None:
        s = subject_token(trig.target_clause)
        return Roles(actors, _minus(m.actors(s) if s is not None else [], actors))
    against = [a for n in nouns for c in n.children if c.i < n.i for a in m.np_actors(c) if against_prefix(c)]
    if against:  # "staged anti-American protests": what the act noun is against
        return Roles(actors, _minus(against, actors))
    sides = [a for g in between_sides(v, m.lex) for t in (g, *g.conjuncts) for a in m.actors(t)]
    if sides:  # "mediated a grain deal between Russia and Ukraine": the sides are the targets
        return Roles(actors, _minus(dedupe(sides), actors))
    keys = frozenset(a.key for a in actors)
    theme = trig.action.lower() in m.lex.word_set("theme_object_actions")
    benefit = trig.action.lower() in m.lex.word_set("beneficiary_actions")
    return Roles(actors, _minus(verb_targets(m, v, trig.extra, keys, theme=theme, benefit=benefit), actors))


def _crowd(m: Mentions, v: Token) -> list[Actor]:
    """"Thousands marched on the palace": a crowd counted, not named, protests (``crowd_nouns``)."""
    subj = next(subject_chain(v), None)
    if subj is None or subj.lemma_.lower() not in m.lex.word_set("crowd_nouns") \
            or any(c.dep_ == "prep" and c.lower_ == "of" for c in subj.children):
        return []
    s = subj.left_edge.idx + m.offset
    return [Actor(name="protesters", text=m.ctx.article.text[s:subj.idx + m.offset + len(subj)], start=s,
                  end=subj.idx + m.offset + len(subj))]


def verb_actors(m: Mentions, v: Token) -> list[Actor]:
    """The actors of verb ``v``: its (inherited) subject; when that names no one and ``v`` is coordinated
    inside a reported clause ("said the death was a tragedy and urged families"), the reporter. An outlet
    that "has learned" something is no actor: the subject of what it learned is. A present participle
    modifying a noun that names an actor is that actor's act ("arrested protesters demanding his resignation",
    "rebels fighting government troops", "protesting farmers"), not the act of the clause the noun sits in."""
    doer = participle_doer(m, v)
    if doer:
        return doer
    for subj in subject_chain(v):
        found = m.actors(subj)
        if found and all(a.kind == "media" for a in found):
            inner = next((c for c in v.children if c.dep_ == "ccomp"), None)
            if inner is None and v.dep_ in ("advcl", "parataxis") and v.head.pos_ in ("VERB", "AUX"):
                inner = v.head  # "Hamas freed X after talks with Y, Meridian Wire has learned"
            s = next(subject_chain(inner), None) if inner is not None else None
            return m.actors(s) if s is not None else found
        if found:
            return found
    act = subject_token(v)
    if act is not None and act.pos_ == "NOUN":  # "an investigation led by Paul Volcker accused ...": who led it
        for c in act.children:
            if c.dep_ == "acl" and agent_tokens(c):
                return [a for g in agent_tokens(c) for a in m.actors(g)]
        issued = issuer(m, act, lambda verb: verb_actors(m, verb))  # "the lawsuit accuses": who filed it
        if issued:
            return issued
    if v.dep_ == "conj" and v.head.dep_ == "ccomp" and v.head.head != v.head and not is_passive(v):
        for subj in subject_chain(v.head.head):
            return m.actors(subj)
    return []


def participle_doer(m: Mentions, v: Token) -> list[Actor]:
    """The actors named by the noun a subjectless present participle modifies ("protesters demanding ...",
    "striking workers"); [] when the noun names no actor ("a statement calling on ...": its issuer acts)."""
    if v.tag_ != "VBG" or v.dep_ not in ("acl", "amod") or v.head.pos_ not in ("NOUN", "PROPN") \
            or subject_token(v) is not None:
        return []
    return m.actors(v.head)


def verb_targets(m: Mentions, v: Token, extra: list[Token], skip: frozenset[str] = frozenset(),
                 depth: int = 0, theme: bool = False, benefit: bool = True) -> list[Actor]:
    """Targets of a verb in order of preference; the first kind that names someone other than the actors
    (``skip``) wins. Inside a complement (``depth`` > 0) only linked entities count ("refuses to send
    representatives": no target)."""
    for found in _verb_targets(m, v, extra, skip, depth, theme, benefit):
        found = [a for a in found if a.key not in skip and (a.linked or not depth)]
        if found:
            return found
    return []


def _verb_targets(m: Mentions, v: Token, extra: list[Token], skip: frozenset[str],
                  depth: int, theme: bool = False, benefit: bool = True) -> Iterator[list[Actor]]:
    ps = passive_subject(v)
    if ps is not None:  # "reservists are called up", "were briefed by mediators"
        yield m.actors(ps)
    for c in v.children:  # "gave the Ivory Coast 5 million dollars"
        if c.dep_ == "dative":
            yield m.actors(c) if c.pos_ != "ADP" else [a for g in iter_pobj(c) for a in m.actors(g)]
    particle = next((t for t in extra if t.dep_ in ("prep", "prt", "agent") and t.head == v), None)
    if particle is not None and particle.dep_ == "prep":  # "call on X", "arrived in X", "met with X"
        yield [a for g in iter_pobj(particle) for a in m.actors(g)]
        for g in iter_pobj(particle):  # "remained in contact with both parties"; not "called for sanctions
            # against Russia's tankers": who a requested measure is against is not who is asked
            yield _prep_objects(m, g, REQUESTED_PREPS if particle.lower_ == "for" else DEFAULT_PREPS)
    held = m.lex.word_set("held_persons")
    objs = [c for c in v.children if c.dep_ in ("dobj", "attr", "oprd")]
    if any(o.lemma_.lower() in held for o in objs):  # "release five hostages, among them the soldier X"
        objs = []
    for o in objs:  # the pattern's object is what is sent or imposed, not who is acted on ("declared a state
        # of siege"); neither are the troops one withdraws. Named people released or evacuated are.
        if not any(t.i in range(o.left_edge.i, o.right_edge.i + 1) for t in extra) and not theme:
            yield m.actors(o)
        elif not theme and o.lemma_.lower() in m.lex.word_set("released_people"):
            yield m.actors(o)  # "freed the soldier Edan Alexander", "evacuated the remaining 12 sailors"
    for c in v.children:  # "threatened concrete actions if Israel did not halt ...": the one to comply
        if c.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ in ("if", "unless") for g in c.children):
            s = subject_token(c)
            if s is not None:
                yield m.actors(s)
    preps = [c for c in v.children if c.dep_ in ("prep", "dative") and (benefit or c.lower_ != "for")]
    for o in objs:  # "threatened further action against Russia", "cut off electricity to X" ("aid for X" only
        # where X benefits: not "demanded a deal for the hostages")
        preps += [c for c in o.children if c.dep_ == "prep" and c.lower_ in TARGET_PREPS
                  and (benefit or c.lower_ != "for")]
    for p in TARGET_PREPS:
        for c in preps:
            if c.lower_ == p:
                yield [a for g in iter_pobj(c) for a in m.actors(g)]
    for o in objs:  # "tighten the naval blockade of Serbia"
        for c in o.children:
            if c.dep_ == "prep" and c.lower_ == "of" and any(t.i in range(o.left_edge.i, o.right_edge.i + 1)
                                                             for t in extra):
                act = m.lex.match_noun(o) is not None  # "the house arrest of the captain": any actor
                yield [a for g in iter_pobj(c) for a in m.actors(g) if a.linked or act]
    for o in objs:  # "suspended talks on a trade agreement with Israel"
        for c in o.children:
            if c.dep_ == "prep":
                for g in iter_pobj(c):
                    yield _prep_objects(m, g, TARGET_PREPS)
    if depth < 2:
        for c in v.children:
            if c.dep_ == "ccomp":  # "demanded that the US cancel ..."
                s = subject_token(c)
                if s is not None and s.pos_ != "PRON":
                    yield m.actors(s)
            if c.dep_ in ("xcomp", "ccomp"):  # "refused to allow UN planes to land"
                yield verb_targets(m, c, [], skip, depth + 1)


DEFAULT_PREPS = ("with", "to", "against", "on")
REQUESTED_PREPS = ("with", "to", "on")


def _prep_objects(m: Mentions, tok: Token, preps: tuple[str, ...] = DEFAULT_PREPS) -> list[Actor]:
    return [a for c in tok.children if c.dep_ == "prep" and c.lower_ in preps
            for g in iter_pobj(c) for a in m.actors(g)]


def noun_roles(m: Mentions, trig: Trigger, occurrence: frozenset[str], light: frozenset[str]) -> Roles:
    """Participants of a nominal trigger: "Hamas's attack on Israel", "talks between X and Y"."""
    n = trig.tok
    actors: list[Actor] = []
    targets: list[Actor] = []
    between: list[Actor] = []
    owners = list(n.children)
    if n.dep_ == "appos" and n.head.i < n.i and n.head.ent_type_ == "DATE":
        owners += [c for c in n.head.children if c.dep_ == "poss"]  # "Hamas's October 7, 2023 attack"
    undergone = n.lemma_.lower() in m.lex.word_set("patient_nouns") and not any(
        c.dep_ == "prep" and c.lower_ in ("by", "of") for c in n.children)
    for c in owners:
        if c.dep_ == "poss" or (c.dep_ in ("compound", "amod", "nmod") and c.i < n.i):
            for x, ent in m.modifier_words(c, n):
                if against_prefix(x):  # "anti-government protests": what they are against, not who
                    targets += m.np_actors(x)
                elif c.dep_ == "poss" and undergone and _person(x, ent):
                    targets += m.np_actors(x)  # "his arrest", "Ghonim's detention": the one arrested
                elif ent is not None:
                    actors.append(m.from_entity(ent))
                elif c.dep_ == "poss" and x.pos_ in ("PRON", "PROPN", "NOUN"):
                    actors += m.np_actors(x)
                elif x.lemma_.lower() in m.lex.word_set("agent_modifiers") \
                        and trig.action.lower() in m.lex.word_set("agent_modifier_actions"):  # "police raids"
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
        elif p == "from" and trig.action in FROM_IS_TARGET:
            targets += objs
        elif p in ("by", "from"):  # "criticism from public health experts"
            actors += objs
        elif p == "of":
            (actors if trig.action in OF_IS_ACTOR else targets).extend(objs)
        elif p in TARGET_PREPS and p != "from":
            targets += objs
    if between:
        if len(between) >= 2 and not actors:
            return Roles(dedupe(between), [], between=True)
        targets += between
    if n.dep_ == "dobj" and gov.lemma_.lower() in m.lex.word_set("receiving_verbs") and not targets:
        subj = next(subject_chain(gov), None)  # "drawing criticism from experts": the drawer is criticized
        targets = m.actors(subj) if subj is not None else []
    if n.dep_ == "pobj" and gov.lower_ in m.lex.word_set("request_preps") and not targets \
            and gov.head.pos_ == "VERB":  # "sent a team at the state's request": the sender is asked
        targets = verb_actors(m, gov.head)
    definite = any(c.dep_ == "det" and c.lower_ in ("the", "this", "that", "these") for c in n.children)
    if not actors and trig.action in TAKE_PART and not (definite and not targets):
        # "returned to Geneva for talks", "said at a meeting" (not "after the visit": an act told before)
        verb = gov if n.dep_ == "dobj" and gov.lemma_.lower() in light else None
        if n.dep_ == "pobj" and gov.lower_ in PARTICIPATION_PREPS and gov.head.pos_ == "VERB" \
                and not _other_act_on_someone(m, gov.head, gov, trig.action):
            verb = gov.head
        if verb is not None and verb.pos_ == "VERB":
            actors = verb_actors(m, verb)
    actors = dedupe(actors)
    return Roles(actors, _minus(dedupe(targets), actors))


#: prepositions that only place an act in time ("arrested him during the protests")
_TIME_PREPS = frozenset({"during", "after", "before", "following", "amid"})


def _other_act_on_someone(m: Mentions, verb: Token, prep: Token, action: str) -> bool:
    """A verb of another action done to someone, with the act noun only placing it in time ("police arrested
    him during the demonstrations"): its subject took no part in the act named by the noun."""
    if prep.lower_ not in _TIME_PREPS or not any(c.dep_ == "dobj" for c in verb.children):
        return False
    found = m.lex.match_verb(verb)
    return found is not None and found[0].action != action


_PERSONAL = frozenset({"his", "her", "my", "your", "their", "our"})


def _person(x: Token, ent: object) -> bool:
    """A possessive that names a person: a personal pronoun or a person entity."""
    if x.pos_ == "PRON":
        return x.lower_ in _PERSONAL
    return x.ent_type_ == "PERSON" or (ent is not None and field_of(ent, "label") == "PERSON")


def against_prefix(x: Token) -> bool:
    """A modifier word written with the prefix "anti-" ("anti-government", "anti - Israel")."""
    doc = x.doc
    if x.lower_.startswith("anti-"):
        return True
    prev = doc[x.i - 1] if x.i > 0 else None
    if prev is not None and prev.text == "-" and x.i > 1:
        prev = doc[x.i - 2]
    return prev is not None and prev.lower_ in ("anti", "anti-")


def _minus(targets: list[Actor], actors: list[Actor]) -> list[Actor]:
    keys = {a.key for a in actors}
    return [t for t in dedupe(targets) if t.key not in keys]
