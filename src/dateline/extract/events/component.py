"""PLOVER event coding: who did what to whom, when and where, from the existing dependency parse.

Triggers come from the compiled dictionary (``events.triggers``, ``events.lexicon``); each trigger that
is not the content of another gives one ``Event`` per actor-target pair (``events.roles``), with date,
location, polarity, modality and reporter (``events.context``).

Targets, when the parse names none (PLOVER practice, switched per action in the dictionary):
- material acts take the place of the clause ("launched an offensive in Gaza" -> Gaza Strip); a city
  stands for the region or country the article names most when they are in the same country
  ("strikes in Khan Younis" -> Gaza Strip); attacks and coercion with no place at all take that main place;
- verbal acts take a place inside their complement ("agreed to set up a centre in Tokyo");
- protests are against the state where they happen; a purpose clause shares its governor's target
  ("rallied in Tel Aviv to demand a deal" -> both against Israel).

A dateline opening the article ("CAIRO (Meridian Wire) — A Hamas delegation ...") names no participant:
its tokens are never actors (the parser often makes it a second subject; the nearer one is taken).
"""
from __future__ import annotations

import bisect
from collections.abc import Iterator, Sequence
from dataclasses import replace
from typing import Any

from spacy.tokens import Doc

from ...model import Event
from .args import Mentions
from .syntax import Actor
from .context import MODALITY_RANK, Clauses
from .lexicon import ACTIONS, Lexicon, load_lexicon
from .mediation import mediators_only
from .roles import Roles, Trigger, noun_roles, verb_roles
from .rules import skipped_roles, skipped_trigger
from .state_media import for_state
from .stoppage import labour_stoppage
from .triggers import drop_nested, find_triggers
from ..entities.kb import load_kb
from ..registry import Context, register

__all__ = ["ACTIONS", "find_events", "find_triggers", "make_events", "to_plover"]

CITY_FEATURES = frozenset({"city", "facility", "town", "village", "location"})
PLACE_KINDS = CITY_FEATURES | {"region", "country", "place", "state_or_region"}
#: a bound on the tree walk to the root (a malformed parse cannot loop)
#: how many heads up an event without a place of its own looks for a governing event's place
LOCATION_CLIMB_STEPS = 6
MAX_TREE_DEPTH = 60


def find_events(doc: Doc, ctx: Context, lex: Lexicon, *, require_actor: bool = True) -> list[Event]:
    article = ctx.article
    events = _doc_events(doc, ctx, lex, article.dateline_end or 0, require_actor)
    return _without_headline_repeats(events, article.headline_end or 0)


def _without_headline_repeats(events: list[Event], head_end: int) -> list[Event]:
    """A headline (``Article.headline_end``: a first line without final punctuation) announces what the body
    tells: its events that the body codes again are dropped."""
    if not head_end:
        return events
    body = {(e.actor, e.action, e.target) for e in events if e.start >= head_end}
    return [e for e in events if e.start >= head_end or (e.actor, e.action, e.target) not in body]


def _doc_events(doc: Doc, ctx: Context, lex: Lexicon, dateline_end: int, require_actor: bool) -> list[Event]:
    mentions = Mentions(doc, ctx, lex)
    for t in doc:  # a dateline names where the story was filed, no participant
        if t.idx >= dateline_end:
            break
        mentions.non_actor[t.i] = True
    clauses = Clauses(doc, ctx, mentions, lex)
    w = lex.word_set
    occurrence, light = w("occurrence_verbs"), w("light_verbs")
    triggers = [t for t in drop_nested(find_triggers(doc, lex, mentions), w("request_preps"), w("agent_modifiers"),
                                       w("agent_modifier_actions"))
                if skipped_trigger(t, lex, dateline_end) is None]
    triggers.sort(key=lambda t: (_depth(t.tok), t.tok.i))  # governors first: purpose clauses inherit targets
    targets_at: dict[int, list[Actor]] = {}
    action_at: dict[int, str] = {}
    location_at: dict[int, str] = {}
    reactions: list[tuple[int, str]] = []  # (index in events, the action of the act reacted to)
    exchanges: list[tuple[int, tuple[int, int]]] = []  # (index in events, the sentences around it)
    retold: dict[int, set[str]] = {}  # index in events -> verb and object lemmas, when the object points back
    lemmas: dict[int, set[str]] = {}  # index in events -> its trigger's lemmas
    events: list[Event] = []
    kb = ctx.actor_kb if ctx.actor_kb is not None else load_kb()  # the run's KB, with the user's --actors files
    for trig in triggers:
        roles = verb_roles(mentions, trig) if trig.verb else noun_roles(mentions, trig, occurrence, light)
        roles.actors = for_state(roles.actors, lex, kb)  # "Egyptian state television announced": Egypt acts
        if skipped_roles(trig, roles, lex, "roles", require_actor) is not None:
            continue
        if labour_stoppage(trig, roles, lex, kb):  # "nurses extended their strike": PROTEST, not ASSAULT
            trig.action = "PROTEST"
        place = clauses.location(trig.tok, trig.extra)
        symmetric = roles.between or _symmetric(trig, w("reciprocal"), w("reciprocal_verbs"))
        if symmetric and not roles.between and not roles.targets and \
                mediators_only(doc, roles.actors, lex, mentions.offset):
            continue  # "the mediators from Qatar and Egypt ... to reach a ceasefire": no act between them
        if not roles.targets and not (symmetric and len(roles.actors) > 1):
            roles.targets = _stand_in(trig, roles, place, mentions, clauses, lex, targets_at, action_at)
            if trig.verb and trig.action.lower() in w("exchange_actions") \
                    and any(c.dep_ == "dobj" and c.lemma_.lower() in w("held_persons") for c in trig.tok.children):
                exchanges.append((len(events), _near_sentences(trig.tok)))
        countries = {a.country for a in roles.actors if a.country}
        acted_on = next((t for t in roles.targets if t.kind in PLACE_KINDS), None)  # before a city stands for its region
        roles.targets = [_regional(t, mentions, trig.action, lex) for t in roles.targets
                         if not (t.kind == "organ" and t.country in countries)]  # Putin meeting (his) officials
        admin = w("admin_place_nouns")
        if trig.action.lower() in w("place_as_location") or any(_admin_unit(t, admin) for t in roles.targets):
            # "sent a delegation to Cairo", "visited Gaines County"; any act in a county or district
            spots = [t for t in roles.targets if (t.kind in PLACE_KINDS and t.kind not in ("country", "state")
                                                  and trig.action.lower() in w("place_as_location"))
                     or _admin_unit(t, admin)]
            if spots and place is None:
                place = spots[0]
            roles.targets = [t for t in roles.targets if t not in spots]
        if skipped_roles(trig, roles, lex, "targets", require_actor) is not None:
            continue
        targets_at[trig.tok.i] = roles.targets
        action_at[trig.tok.i] = trig.action
        polarity, modality = clauses.polarity_modality(trig.tok, trig.verb, trig.extra)
        if trig.modality and MODALITY_RANK.get(trig.modality, 0) > MODALITY_RANK[modality]:
            modality = trig.modality
        date, date_origin = clauses.dated(trig.tok, trig.extra)
        toks = sorted([trig.tok, *[t for t in trig.extra if t.dep_ not in ("prep",)]], key=lambda t: t.i)
        start, end = toks[0].idx, toks[-1].idx + len(toks[-1])
        base: dict[str, Any] = dict(
            article_id=ctx.article.id, text=ctx.article.text[start:end], start=start, end=end, action=trig.action,
            date=date, date_origin=date_origin,
            location=_location(place, acted_on, trig, location_at),
            polarity=polarity, modality=modality, reported_by=clauses.reporter(trig.tok),
            trigger=" ".join(t.text for t in toks),
        )
        if not roles.targets and trig.verb and trig.action.lower() in w("act_reaction_target"):
            reacted = next((lex.match_noun(c) for c in trig.tok.children if c.dep_ == "dobj"), None)
            if reacted is not None:  # resolved once every event is known (``_reactions``)
                reactions.append((len(events), reacted.action))
        told = _retold(trig)
        words = {trig.tok.lemma_.lower(), *(t.lemma_.lower() for t in trig.extra)}
        pairs = list(_pairs(roles, symmetric))
        for k in range(len(pairs)):
            lemmas[len(events) + k] = words
            if told is not None:
                retold[len(events) + k] = told
        for actor, target in pairs:
            events.append(Event(**base, actor=actor.name if actor else None, actor_text=actor.text if actor else None,
                                actor_country=actor.country if actor else None,
                                target=target.name if target else None, target_text=target.text if target else None,
                                target_country=target.country if target else None))
    return _without_retold(_reactions(_exchanges(events, exchanges), reactions), retold, lemmas)


def _near_sentences(tok: Any) -> tuple[int, int]:
    """The character range (doc offsets) of the sentence of ``tok`` and the ones before and after it."""
    doc, sent = tok.doc, tok.sent
    lo = doc[sent.start - 1].sent.start_char if sent.start > 0 else sent.start_char
    hi = doc[sent.end].sent.end_char if sent.end < len(doc) else sent.end_char
    return lo, hi


def _exchanges(events: list[Event], exchanges: list[tuple[int, tuple[int, int]]]) -> list[Event]:
    """Held people released with no one named to receive them go to the other side of the exchange: the
    actor of a release told in the sentence before or after ("Hamas would release ten living hostages ... In
    exchange, Israel would free 125 Palestinian prisoners" -> Hamas CONCEDE Israel), else the stand-in."""
    for k, (lo, hi) in exchanges:
        first = events[k]
        other = [e for e in events if e.action == first.action and e.actor and e.actor != first.actor
                 and lo <= e.start < hi and e.start != first.start]  # events start at doc offsets
        if not other:
            continue
        partner = min(other, key=lambda e: abs(e.start - first.start))
        for ev in (e for e in events[k:] if e.start == first.start and e.actor == first.actor):
            ev.target, ev.target_text, ev.target_country = partner.actor, partner.actor_text, partner.actor_country
    return events


def _retold(trig: Trigger) -> set[str] | None:
    """The verb and object lemmas of a verb whose object points back to something told before ("accepted
    it", "transferred its counterproposal"), else None."""
    if not trig.verb:
        return None
    obj = next((c for c in trig.tok.children if c.dep_ == "dobj"), None)
    if obj is None:
        return None
    back = obj.pos_ == "PRON" or any(c.dep_ == "poss" and c.pos_ == "PRON" for c in obj.children)
    return {trig.tok.lemma_.lower(), obj.lemma_.lower()} if back else None


def _without_retold(events: list[Event], retold: dict[int, set[str]], lemmas: dict[int, set[str]]) -> list[Event]:
    """An act told again with an object that points back ("We ... accepted it", "had transferred its
    counterproposal") is the act an earlier trigger of the same actor, action, modality and polarity with the
    same verb or object already coded, not a new one ("said it would free him" after "freed" is told anew)."""
    same: dict[tuple[Any, ...], list[int]] = {}  # the events of one actor, action, modality and polarity
    for j, e in enumerate(events):
        same.setdefault((e.actor, e.action, e.modality, e.polarity), []).append(j)
    drop = {k for k, told in retold.items()
            if any(events[j].start < events[k].start and told & lemmas.get(j, set())
                   for j in same[(events[k].actor, events[k].action, events[k].modality, events[k].polarity)])}
    return [e for k, e in enumerate(events) if k not in drop]


def _reactions(events: list[Event], reactions: list[tuple[int, str]]) -> list[Event]:
    """A reaction to an act named by a noun ("hailed the release") targets the actor of the last event of
    that action told before it by someone else."""
    at: dict[int, list[int]] = {}  # start -> the events told there
    by_action: dict[str, list[Event]] = {}  # action -> its events with an actor, by start (stable)
    starts: dict[str, list[int]] = {}
    for j, e in enumerate(events):
        at.setdefault(e.start, []).append(j)
    for e in sorted(events, key=lambda e: e.start):
        if e.actor:
            by_action.setdefault(e.action, []).append(e)
            starts.setdefault(e.action, []).append(e.start)
    for k, act in reactions:
        for ev in (events[j] for j in at[events[k].start] if j >= k and events[j].target is None):
            last = _last_before(by_action.get(act, []), bisect.bisect_left(starts.get(act, []), ev.start), ev)
            if last is not None:
                ev.target, ev.target_text, ev.target_country = last.actor, last.actor_text, last.actor_country
    return events


def _last_before(done: list[Event], hi: int, ev: Event) -> Event | None:
    """The first told of the latest of ``done[:hi]`` (sorted by start, all before ``ev``) by someone else."""
    last: Event | None = None
    for i in range(hi - 1, -1, -1):
        e = done[i]
        if last is not None and e.start != last.start:
            break
        if e.actor != ev.actor:
            last = e
    return last


def _stand_in(trig: Trigger, roles: Roles, place: Actor | None, m: Mentions, clauses: Clauses, lex: Lexicon,
              targets_at: dict[int, list[Actor]], action_at: dict[int, str]) -> list[Actor]:
    """A target for an act whose parse names none (see the module docstring)."""
    action = trig.action.lower()
    actor_keys = {a.key for a in roles.actors}
    found: list[Actor] = []
    if action in lex.word_set("location_state_as_target"):  # protests: the state where they happen
        code = place.country if place is not None else m.refs.main_state()
        found = m.state_actor(code, trig.tok)
        if place is not None:  # the state's mention is the place where it happens ("in Antwerp"), not the verb
            found = [replace(a, text=place.text, start=place.start, end=place.end) for a in found]
    elif action in lex.word_set("location_as_target") and place is not None:
        found = [place]
    elif action in lex.word_set("default_place_target") and place is None:
        main = m.refs.main_place()  # not the actor's own territory ("Hamas ... killing 1,200 people")
        own = {a.country for a in roles.actors if a.country}
        found = [main] if main is not None and main.country not in own else []
    elif trig.verb and action in lex.word_set("complement_location_as_target"):
        inner = clauses.complement_place(trig.tok)  # "agreed to set up a centre in Tokyo"
        found = [inner] if inner is not None else []
    if not found and trig.tok.dep_ == "advcl":  # "rallied in Tel Aviv to demand a deal"
        found = targets_at.get(trig.tok.head.i, [])
    if not found and trig.verb and trig.tok.dep_ == "conj" and action_at.get(trig.tok.head.i) == trig.action:
        # "sent a team to Texas and was providing vaccines": a known party (with its country), not a misread name
        found = [t for t in targets_at.get(trig.tok.head.i, []) if t.linked and t.country]
    if not found and action in lex.word_set("proposal_reply_actions"):  # "The proposal, which Israel accepted"
        found = m.refs.proposal_owner(trig.tok, trig.extra, roles.actors)
    if not found and action in lex.word_set("counterpart_target"):  # "Hamas rejected ..." -> Israel
        found = m.refs.counterpart(roles.actors)
    return [a for a in found if a.key not in actor_keys]


def _admin_unit(target: Actor, admin: frozenset[str]) -> bool:
    """A county or district named by its mention ("Gaines County", "Gaines and Lubbock counties")."""
    words = target.text.lower().split()
    return bool(words) and words[-1] in admin


def _location(place: Actor | None, acted_on: Actor | None, trig: Trigger, location_at: dict[int, str]) -> str | None:
    """The clause's place; else the place acted on ("struck targets across the Gaza Strip", "sent a team to
    Lubbock": Lubbock, even where the city stands for its region as target); else the place of the nearest
    event governing the trigger ("visited Gaines County and met the families", "Police in Anapa detained
    activists who had staged a protest"), not across a reported clause. The result is remembered for the
    events the trigger governs."""
    name = place.name if place is not None else acted_on.name if acted_on is not None else None
    t = trig.tok
    for _ in range(LOCATION_CLIMB_STEPS):
        if name is not None or t.head == t or t.dep_ == "ccomp":
            break
        t = t.head
        name = location_at.get(t.i)
    if name is not None:
        location_at[trig.tok.i] = name
    return name


def _regional(target: Actor, m: Mentions, action: str, lex: Lexicon) -> Actor:
    """A city acted on in a material act stands for the region or country the article names most, when
    both are in the same country ("strikes in Khan Younis" -> Gaza Strip)."""
    if target.kind not in CITY_FEATURES or action.lower() not in lex.word_set("regional_target"):
        return target
    main = m.refs.main_place()
    if main is None or main.country != target.country or main.name == target.name:
        return target
    return Actor(name=main.name, text=target.text, start=target.start, end=target.end, country=main.country,
                 linked=True, kind=main.kind)


def _depth(tok: Any) -> int:
    """Steps from ``tok`` to its sentence root (at most ``MAX_TREE_DEPTH``)."""
    d = 0
    while tok.head != tok and d < MAX_TREE_DEPTH:
        tok, d = tok.head, d + 1
    return d


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
    none: list[Actor | None] = [None]
    for x in actors or none:
        for t in targets or none:
            yield x, t


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


@register("events", requires=("entities", "actor_at", "actors_at", "actor_kb", "places", "place_at"),
          reads=("timexes", "statements", "dct"), assigns=("events",))
def make_events(dictionaries: Sequence[str] = (), require_actor: bool = True) -> Any:
    """PLOVER event coder. ``dictionaries``: extra YAML files extending ``resources/events/plover.yaml``."""
    lex = load_lexicon(tuple(str(d) for d in dictionaries))

    def events_component(doc: Doc, ctx: Context) -> None:
        ctx.events.extend(find_events(doc, ctx, lex, require_actor=require_actor))

    return events_component
