"""The rules that keep a trigger from becoming an event, each named and testable on its own.

Two lists, applied in order by ``events.component``:

- ``TRIGGER_RULES`` look at the trigger token alone (before roles are found): a trigger in the dateline, in a
  background clause that only dates the news, in the condition of a threat, in the purpose of an effort.
- ``ROLE_RULES`` look at the participants found (``when="roles"``: before stand-in targets are added;
  ``when="targets"``: after).

A rule's ``skips(...)`` returns True when the trigger gives no event.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from .syntax import Actor, obliged
from .lexicon import Lexicon
from .roles import Roles, Trigger

#: how many conjunct steps up a purpose ("efforts to reach a ceasefire, open ... and allow ...") is looked for
GOAL_CONJ_STEPS = 4
#: how many steps up the tree a background or conditional clause is looked for
CLAUSE_CLIMB_STEPS = 8
#: the clause types a background/conditional clause is climbed through
_CLIMB_DEPS = frozenset({"conj", "xcomp", "dobj", "prep", "pobj", "advcl", "acl"})


def in_background(tok: Any, marks: frozenset[str]) -> bool:
    """Inside an adverbial clause with one of ``marks`` ("since Israel resumed its campaign")."""
    t = tok
    for _ in range(CLAUSE_CLIMB_STEPS):
        if t.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in marks for c in t.children):
            return True
        if t.head == t or t.dep_ not in _CLIMB_DEPS:
            return False
        t = t.head
    return False


def in_goal(tok: Any, goals: frozenset[str]) -> bool:
    """Inside the purpose of an effort ("efforts to reach a ceasefire, open the crossings and allow aid to
    enter"): aims, not events."""
    t = tok
    for _ in range(GOAL_CONJ_STEPS):
        if t.dep_ == "acl" and t.head.lemma_.lower() in goals:
            return True
        if t.dep_ != "conj" or t.head == t:
            return False
        if _after_goal(t, goals):
            return True
        t = t.head
    return False


def _after_goal(conj: Any, goals: frozenset[str]) -> bool:
    """A conjunct the parser hung on the main verb though it continues a purpose just before it ("would free
    him as part of efforts "to reach a ceasefire, open the crossings and allow aid"": "open" is parsed as a
    conjunct of "free"): the words right before it belong to the purpose clause of an effort."""
    prev = conj.i - 1
    while prev > conj.head.i and not conj.doc[prev].is_alpha:
        prev -= 1
    t = conj.doc[prev]
    for _ in range(CLAUSE_CLIMB_STEPS):
        if t == conj.head or t.head == t:
            return False
        if t.dep_ == "acl" and t.head.lemma_.lower() in goals:
            return True
        t = t.head
    return False


def outcome_of(tok: Any, verbs: frozenset[str]) -> bool:
    """A nominal act named as what something would lead to ("the truce would lead to a permanent ceasefire and a
    full Israeli withdrawal"): a prospect, not an event."""
    if tok.pos_ not in ("NOUN", "PROPN"):
        return False
    t = tok
    for _ in range(GOAL_CONJ_STEPS):
        if t.dep_ not in ("conj", "pobj", "prep", "dobj") or t.head == t:
            return False
        t = t.head
        if t.pos_ in ("VERB", "AUX"):
            return t.lemma_.lower() in verbs
    return False


def in_question(tok: Any) -> bool:
    """The trigger's sentence is a direct question (its last token is "?"), outside a quotation."""
    sent = tok.sent
    last = next((t for t in reversed(sent) if not t.is_space and not t.is_quote), None)
    return last is not None and last.text == "?" and not any(t.is_quote for t in sent)


def named(a: Actor) -> bool:
    """A named party: a linked entity that is more than a description ("the mediators")."""
    return a.linked and (a.country is not None or a.kind not in (None, "group"))


def reflexive_object(trig: Trigger) -> bool:
    return trig.verb and any(c.dep_ == "dobj" and c.lower_.endswith(("self", "selves")) for c in trig.tok.children)


def agentless_participle(trig: Trigger) -> bool:
    """A past participle opening a clause without agent or auxiliary ("Asked to offer advice, ...")."""
    tok = trig.tok
    return (trig.verb and tok.tag_ == "VBN" and tok.dep_ == "advcl"
            and not any(c.dep_ in ("agent", "aux", "auxpass", "nsubj", "nsubjpass") for c in tok.children))


#: the verbal acts whose content is an act to be done (a demand, a promise, a threat), not a statement
DIRECTIVE_ACTIONS = frozenset({"REQUEST", "AGREE", "THREATEN"})
_FINITE_TAGS = frozenset({"VBD", "VBZ"})  # not VBP: a plural subjunctive looks the same ("demanded that the US match")
_QUESTION_MARKS = frozenset({"whether", "if", "what", "why", "how", "who", "when", "where", "which"})


def statement_or_question(trig: Trigger) -> bool:
    """A directive or commissive verb whose only content is a statement of fact or a question ("agreed that he
    seemed already dead", "insisted it had no intention of changing the name", "asked the witness about the
    records", "warned that the fighting is spreading"): the subject asserts or asks; nothing is demanded,
    promised or threatened. An act to be done keeps the event: an infinitive ("urged them to stay"), "for"
    ("asked for help"), an object alone ("demanded his resignation"), a clause with a modal or in the base form
    ("insisted that Israel must withdraw", "demanded that he resign", "warned it would retaliate")."""
    if not trig.verb or trig.extra or trig.action not in DIRECTIVE_ACTIONS:
        return False
    tok = trig.tok
    kids = [c for c in tok.children if c.dep_ != "punct"]
    if any(c.dep_ in ("xcomp", "oprd") or (c.dep_ == "prep" and c.lower_ in ("for", "to", "against", "on", "upon"))
           for c in kids):
        return False
    asked_about = any(c.dep_ == "prep" and c.lower_ == "about" for c in kids)
    clauses = [c for c in kids if c.dep_ == "ccomp"]
    if not clauses:  # an object with no clause or "about" is what is demanded ("demanded his resignation")
        return asked_about
    return all(_fact_or_question(c, mandative=trig.action == "REQUEST") for c in clauses)


def _fact_or_question(clause: Any, mandative: bool) -> bool:
    """A finite indicative clause without a modal ("he seemed dead"), or an indirect question ("whether ...").
    After a verb of demanding (``mandative``) a past-tense tag is no proof: the subjunctive that follows it
    ("demanded that the group lay down its weapons") is often tagged so; there only a verb in -s, a finite
    auxiliary or a finite "be"/"have" ("insisted it had no intention") make a statement."""
    kids = list(clause.children)
    if any(c.dep_ in ("mark", "advmod", "nsubj", "dobj") and c.lower_ in _QUESTION_MARKS and c.i < clause.i
           for c in kids):
        return True
    if any(c.tag_ == "MD" or (c.dep_ == "aux" and c.lower_ == "to") for c in kids) or obliged(clause):
        return False
    if any(c.dep_ in ("aux", "auxpass") and c.tag_ in _FINITE_TAGS for c in kids) or clause.tag_ == "VBZ":
        return True
    return clause.tag_ == "VBD" and (not mandative or clause.lemma_.lower() in ("be", "have"))


def _with_thing(trig: Trigger) -> bool:
    """The verb has a "with" partner that is a common noun naming no one (no entity, not a person noun)."""
    for c in trig.tok.children:
        if c.dep_ == "prep" and c.lower_ == "with":
            objs = [g for g in c.children if g.dep_ == "pobj"]
            return bool(objs) and all(g.pos_ == "NOUN" and not g.ent_type_ for g in objs)
    return False


def denial_of_a_claim(trig: Trigger, denial: frozenset[str], claims: frozenset[str]) -> bool:
    """A denial verb whose content is a claim: a clause ("denied that he had taken part"), a gerund ("denied
    causing the death") or a claim noun ("denied the allegations"): a statement, no rejection of anyone."""
    if not trig.verb or trig.extra or trig.action != "REJECT" or trig.tok.lemma_.lower() not in denial:
        return False
    for c in trig.tok.children:
        if c.dep_ == "ccomp" or (c.dep_ in ("xcomp", "dobj", "pcomp") and c.tag_ == "VBG"):
            return True
        if c.dep_ == "dobj" and c.lemma_.lower() in claims:
            return True
    return False


def non_answer(trig: Trigger, verbs: frozenset[str], nouns: frozenset[str], unnamed: frozenset[str]) -> bool:
    """"declined to comment", "refused to be named", "declined comment": not answering is no act towards anyone."""
    if not trig.verb or trig.action != "REJECT":
        return False
    for c in trig.tok.children:
        if c.dep_ == "xcomp" and c.lemma_.lower() in verbs:
            return True
        if c.dep_ == "xcomp" and c.lemma_.lower() in unnamed and any(g.dep_ == "auxpass" for g in c.children):
            return True
        if c.dep_ == "dobj" and c.lemma_.lower() in nouns:
            return True
    return False


def people_dismissed(trig: Trigger, verbs: frozenset[str], people: frozenset[str]) -> bool:
    """"fired three officials", "officials have been fired by the ministry": a verb of shooting whose object (or
    passive subject) is a person or a post holder dismisses them, it attacks no one (the object decides the sense;
    "fired shots", "fired on the crowd", "officers were fired upon" stay attacks)."""
    if not trig.verb or trig.extra or trig.action != "ASSAULT" or trig.tok.lemma_.lower() not in verbs:
        return False
    kids = list(trig.tok.children)
    if any(c.dep_ in ("prep", "prt") and c.lower_ in ("on", "upon", "at", "into")
           and not any(g.ent_type_ in ("DATE", "TIME") for g in c.children) for c in kids):
        return False  # "officers were fired upon" (not "on Monday")
    return any(c.dep_ in ("dobj", "nsubjpass") and (c.ent_type_ == "PERSON" or c.lemma_.lower() in people)
               for c in kids)


@dataclass(frozen=True, slots=True)
class TriggerRule:
    name: str
    skips: Callable[[Trigger, Lexicon, int], bool]  # (trigger, lexicon, dateline end)


@dataclass(frozen=True, slots=True)
class RoleRule:
    name: str
    when: Literal["roles", "targets"]
    skips: Callable[[Trigger, Roles, Lexicon], bool]


TRIGGER_RULES: tuple[TriggerRule, ...] = (
    # a dateline names where the story was filed
    TriggerRule("in_dateline", lambda t, lex, dateline_end: t.tok.idx < dateline_end),
    # "since Israel resumed its campaign": background that dates the news
    TriggerRule("background_clause", lambda t, lex, _: in_background(t.tok, lex.word_set("background_marks"))),
    # the condition of a threat is not an event
    TriggerRule("condition_clause", lambda t, lex, _: in_background(t.tok, lex.word_set("conditional_marks"))),
    TriggerRule("purpose_of_effort", lambda t, lex, _: in_goal(t.tok, lex.word_set("goal_nouns"))),
    # "would lead to a full withdrawal": an outcome foreseen, not an act
    TriggerRule("outcome_noun", lambda t, lex, _: not t.verb and outcome_of(t.tok, lex.word_set("outcome_verbs"))),
    # "Could the US government shut down the internet?": a question asserts no event
    TriggerRule("in_question", lambda t, lex, _: in_question(t.tok)),
    # "agreed that he seemed dead", "asked the witness about ...": a statement or a question, no act demanded
    TriggerRule("statement_or_question", lambda t, lex, _: statement_or_question(t)),
    # "denied causing his death", "denied the allegations": a denial states, it rejects no one
    TriggerRule("denial_of_a_claim", lambda t, lex, _: denial_of_a_claim(t, lex.word_set("denial_verbs"),
                                                                      lex.word_set("claim_nouns"))),
    # "fired three officials": dismissed, not attacked
    TriggerRule("people_dismissed", lambda t, lex, _: people_dismissed(t, lex.word_set("dismissal_verbs"),
                                                                    lex.word_set("post_holders"))),
    # "declined to comment": no answer, no rejection
    TriggerRule("non_answer", lambda t, lex, _: non_answer(t, lex.word_set("non_answer_verbs"),
                                                        lex.word_set("non_answer_nouns"), lex.word_set("unnamed_verbs"))),
)

ROLE_RULES: tuple[RoleRule, ...] = (
    RoleRule("no_actor", "roles", lambda t, r, lex: not r.actors),  # only with require_actor
    # "experts warned": a warning, not a threat, unless a named party makes it
    RoleRule("unnamed_warner", "roles", lambda t, r, lex: t.tok.lemma_.lower() in lex.word_set("named_actor_verbs")
             and not any(a.linked for a in r.actors)),
    # "Meridian Wire has learned ...": outlets report events, they are not their actors
    RoleRule("media_actor", "roles", lambda t, r, lex: all(a.kind == "media" for a in r.actors)),
    # "described the oil spill as a disaster": a judgement of no party is no act towards anyone
    RoleRule("judgement_of_no_party", "roles", lambda t, r, lex: t.judged and not r.targets),
    # "the clean-up must continue": a demand needs someone to make it to
    RoleRule("demand_without_addressee", "roles", lambda t, r, lex: t.target_clause is not None and not r.targets),
    # "its commitment to defend itself": no one else acted on
    RoleRule("reflexive_object", "targets", lambda t, r, lex: not r.targets and reflexive_object(t)
             and t.tok.lemma_.lower() not in lex.word_set("reflexive_attacks")),
    # "Asked to offer advice, the Thai PM said ...": the subject of an agentless passive participle undergoes it
    RoleRule("agentless_participle", "roles", lambda t, r, lex: agentless_participle(t)),
    # "the concert will clash with the trial": a reciprocal verb whose partner is no participant
    RoleRule("thing_as_partner", "roles", lambda t, r, lex: t.verb and not r.targets
             and t.tok.lemma_.lower() in lex.word_set("reciprocal_verbs") and _with_thing(t)),
    # "pleaded not guilty": a plea in court, not a request
    RoleRule("court_plea", "roles", lambda t, r, lex: t.tok.lemma_.lower() == "plead"
             and any(c.lower_ in ("guilty", "innocent") for c in t.tok.children)),
    # "when the government shut down", "went into the house, and it blew up": a verb that can tell what happens
    # to its subject, used without object, is no act of the subject
    RoleRule("ergative_without_object", "roles", lambda t, r, lex: t.verb
             and t.tok.lemma_.lower() in lex.word_set("ergative_verbs")
             and not any(c.dep_ in ("dobj", "nsubjpass", "auxpass", "attr") for c in t.tok.children)),
    # "its decision to kill 300,000 pigs": killing animals is no attack on anyone
    RoleRule("animals_killed", "roles", lambda t, r, lex: t.action == "ASSAULT" and t.verb
             and any(c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() in lex.word_set("animal_nouns")
                     for c in t.tok.children)),
    # "Speaking to the BBC, the minister said", "talking to reporters": an interview, no meeting with a party
    RoleRule("interview", "targets", lambda t, r, lex: t.verb
             and t.tok.lemma_.lower() in lex.word_set("conversation_verbs")
             and all(a.kind == "media" for a in r.targets)),
    # "visited the family home", "toured the memorial park": a visit to no party is no meeting (a visit to a
    # county or region is: its officials are met)
    RoleRule("visit_of_no_party", "targets", lambda t, r, lex: not r.targets
             and t.tok.lemma_.lower() in lex.word_set("visiting_verbs")
             and not any(c.dep_ == "dobj" and c.ent_type_ in ("GPE", "LOC") for c in t.tok.children)),
    # "while the mediators were meeting": a meeting needs a named side or a partner
    RoleRule("lone_unnamed_reciprocal", "targets", lambda t, r, lex: not r.targets and len(r.actors) == 1
             and not named(r.actors[0]) and t.action.lower() in lex.word_set("joint_actions")),
)


def skipped_trigger(trig: Trigger, lex: Lexicon, dateline_end: int) -> str | None:
    """The name of the first trigger rule that drops ``trig``, else None."""
    return next((r.name for r in TRIGGER_RULES if r.skips(trig, lex, dateline_end)), None)


def skipped_roles(trig: Trigger, roles: Roles, lex: Lexicon, when: Literal["roles", "targets"],
                  require_actor: bool = True) -> str | None:
    """The name of the first role rule of stage ``when`` that drops the trigger, else None."""
    for r in ROLE_RULES:
        if r.when == when and (require_actor or r.name != "no_actor") and r.skips(trig, roles, lex):
            return r.name
    return None
