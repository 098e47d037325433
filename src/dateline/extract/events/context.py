"""When, where and how sure: an event's date, location, polarity, modality and reporter.

- date: the time expression governing the trigger's clause (found by climbing the parse from the
  trigger), its YYYY-MM-DD when it names a day; a clause whose own time expression is vaguer ("in
  recent days") takes the article's DCT; a clause with none takes the day of the statement it is told in when the
  text dates that statement (``date_origin`` "statement"), else the DCT.
- location: a place in a locative phrase ("in Doha", "in the northern city of Kirkuk") of the trigger,
  of its object, or of a governing clause; the place's canonical name.
- polarity / modality: negation, refusal and failure; future and intention, proposals, conditions,
  and reported content.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, timedelta
from itertools import takewhile
from typing import Any

from spacy.tokens import Doc, Token

from ...days import day_of
from ..time.calendar import add_months, parse_iso
from ..time.event_nouns import day_spans, event_noun, mention_day
from .anchored import find_anchors
from .args import Mentions
from .syntax import HEAD_HOPS, Actor, field_of, clause_verb, place_actor, shared_auxiliaries, subject_chain
from ...model import Place
from .lexicon import Lexicon
from .statement_days import StatementDays
from ..registry import Context

#: a week or a month of the calendar ("2025-W19", "2025-04"): a clause's own time coarser than a day
_PERIOD = re.compile(r"(\d{4})-(W\d{2}|\d{2})")


def _past_period(value: str | None, dct: str | None) -> bool:
    """``value`` is a calendar week, month or year that ended before the DCT ("last week", not "this week";
    "the rebels' 2019 attack")."""
    m = _PERIOD.fullmatch(value or "")
    d = parse_iso((dct or "")[:10])
    if d is not None and re.fullmatch(r"\d{4}", value or ""):
        return int(value or 0) < d.year
    if m is None or d is None:
        return False
    y, rest = int(m.group(1)), m.group(2)
    try:
        end = (date.fromisocalendar(y, int(rest[1:]), 7) if rest.startswith("W")
               else date(*add_months(y, int(rest), 1), 1) - timedelta(days=1))
    except ValueError:
        return False
    return end < d


LOC_PREPS = frozenset({"in", "at", "near", "inside", "outside", "across", "around", "throughout", "within"})
CLIMB_DEPS = frozenset({"conj", "xcomp", "ccomp", "advcl", "acl", "pcomp", "prep", "pobj", "dobj", "parataxis",
                        "nsubj", "nsubjpass", "attr", "oprd", "acomp", "dative"})
#: the paths from a denied content up to the denial ("denied [the report [claiming [Hamas is willing [to give up]]]]")
DENIED_DEPS = frozenset({"xcomp", "ccomp", "acl", "relcl", "pcomp", "pobj", "prep", "dobj", "acomp", "attr", "conj"})
#: a modal of possibility ("might join", "could spread") makes an event speculative: a prediction, not a report
#: of something done or intended; a condition still outranks it ("could deploy if asked" is conditional)
MODALITY_RANK = {"conditional": 5, "speculative": 4, "proposed": 3, "planned": 2, "reported": 1, "asserted": 0}


class Clauses(StatementDays):
    """Per-doc: where each time expression and place attaches in the parse."""

    def __init__(self, doc: Doc, ctx: Context, mentions: Mentions, lex: Lexicon) -> None:
        self.doc, self.ctx, self.m, self.lex = doc, ctx, mentions, lex
        self.dates: dict[int, list[Any]] = {}  # token index -> timexes attached there
        off = mentions.offset
        self.anchors = find_anchors(doc, list(ctx.timexes), off)
        anchored_preps = {a.inner.head.i for a in self.anchors if a.inner.dep_ == "pobj"}
        for tx in ctx.timexes:
            span = doc.char_span(tx.start - off, tx.end - off, alignment_mode="expand")
            if span is None or not len(span):
                continue
            root = span.root
            for c in root.children:  # "Hamas's October 7, 2023 attack" parsed as [attack] appos of the date
                if c.dep_ == "appos" and c.i >= span.end and c.pos_ == "NOUN":
                    self.dates.setdefault(c.i, []).append(tx)
            node = root.head
            if node.i in range(span.start, span.end):
                continue
            via_prep = node.dep_ == "prep" or node.pos_ == "ADP"
            if via_prep:
                node = node.head
            self.dates.setdefault(node.i, []).append(tx)
            # "ended the ceasefire ... on March 18", "said in a televised address on Saturday": a date PP on
            # the verb's object or on the object of its preposition dates the verb too
            if via_prep and node.pos_ in ("NOUN", "PROPN"):
                up = node.head
                if node.dep_ == "pobj" and up.dep_ == "prep":
                    if up.i in anchored_preps:  # "two days before the summit on May 5": the summit's date
                        continue
                    up = up.head
                if node.dep_ in ("dobj", "nsubjpass", "attr", "pobj") and up.pos_ in ("VERB", "AUX"):
                    self.dates.setdefault(up.i, []).append(tx)
        self.speech = lex.word_set("speech_verbs")
        self.statements = sorted(ctx.statements, key=lambda s: s.start)
        self._days: list[str | None] | None = None
        #: the article's dates and times by start, for the spans between statements and a sentence's own time
        self._timed = sorted((tx for tx in ctx.timexes if tx.type in ("DATE", "TIME")), key=lambda tx: tx.start)
        self._timed_starts = [tx.start for tx in self._timed]
        self._sent_of: list[int] | None = None  # sentence number of each token, built on first use
        self._by_sent: list[list[int]] | None = None  # statements overlapping each sentence, built on first use

    # -- date -------------------------------------------------------------------------------------
    def date(self, trigger: Token, extra: Iterable[Token] = (), planned: bool = False) -> str | None:
        """YYYY-MM-DD of the time expression governing the trigger, else the DCT. A planned or proposed act
        takes only a time of its own clause: the date it was announced is not its date."""
        return self.dated(trigger, extra, planned)[0]

    def dated(self, trigger: Token, extra: Iterable[Token] = (), planned: bool = False) -> tuple[str | None, str]:
        """The date and where it comes from: ``clause`` (a time attached to the trigger or its pattern words,
        "Hamas's October 7, 2023 attack"), ``sentence`` (a time on a clause it depends on), ``anchored`` (a
        day after / a week before another clause that has a date, or a noun whose event the text dated earlier:
        ``events.anchored``), ``unresolved`` (no date: "a week after the quake" where the text never dates the
        quake) or ``publication`` (the DCT)."""
        dct = self.ctx.article.dct
        own = {trigger.i, *(t.i for t in extra)}
        path = list(self._climb(trigger, extra, stop_at_clause=planned))
        at = {t.i: k for k, t in enumerate(path)}
        inner = next((a for a in self.anchors if a.inner.i in at), None)
        if inner is not None:  # the trigger is inside "after X": X's own time only, not the outer clause's
            path = path[:at[inner.inner.i] + 1]
        found = self._explicit(path, own)
        if found is None and trigger.pos_ in ("NOUN", "PROPN"):  # "strikes that killed 114 on Thursday"
            found = self._explicit([c for c in trigger.children if c.dep_ in ("acl", "relcl")], set())
        if found is not None:
            return found
        if inner is not None:
            day, _origin = self.dated(inner.outer)
            got = inner.shift(day, "inner") if day else None
            if got:
                return got, "anchored"
        outer = next((a for a in self.anchors if a.outer.i in at and a is not inner), None)
        if outer is not None:
            there = self._explicit(list(takewhile(lambda t: t.i != outer.outer.i and t.lower_ not in ("after", "before"),
                                                  self._climb(outer.inner))), set())
            if there is not None and there[1] != "publication":
                got = outer.shift(there[0] or "", "outer")
                if got:
                    return got, "anchored"
            elif there is None and outer.inner.head.lower_ in ("after", "before") and event_noun(outer.inner.head):
                # "a week after the quake": from the day the text gave the quake, else no known day
                day = mention_day(self.doc, outer.inner, self._days_in_doc())
                got = outer.shift(day, "outer") if day else None
                return got, "anchored" if got else "unresolved"
        said = self._statement_day(trigger)
        if said is not None:
            return said, "statement"
        return dct, "publication"

    def _days_in_doc(self) -> list[tuple[int, int, str]]:
        """(start, end, day) of the day-valued times, as offsets into the doc."""
        return day_spans(((tx.start, tx.end, tx.type, tx.value) for tx in self._timed), self.m.offset)

    def _explicit(self, path: list[Token], own: set[int]) -> tuple[str | None, str] | None:
        """The first day on ``path`` (clause or sentence), the DCT for a vaguer time there, else None."""
        for node in path:
            txs = self.dates.get(node.i)
            if not txs:
                continue
            for tx in txs:  # a day ("Saturday night" is a TIME on a day)
                if tx.type in ("DATE", "TIME") and tx.value and day_of(tx.value):
                    return tx.value[:10], "clause" if node.i in own else "sentence"
            for tx in txs:  # "shipped doses last week", "the 2019 attack" (its own clause): that week, month or year,
                # if it is over by the DCT
                if node.i in own and tx.type == "DATE" and _past_period(tx.value, self.ctx.article.dct):
                    return tx.value, "clause"
            if any(tx.type in ("DATE", "TIME") for tx in txs):
                return self.ctx.article.dct, "publication"  # the clause has its own, vaguer time ("in recent days")
        return None

    def _climb(self, trigger: Token, extra: Iterable[Token] = (), stop_at_clause: bool = False) -> Iterable[Token]:
        """The trigger, its pattern tokens, then the heads it depends on, up to a clause with a subject of
        its own ("..., as Israel said it had sent a counterproposal": not dated by the main clause)."""
        yield trigger
        yield from extra
        t = trigger
        for _ in range(30):
            if t.head == t or t.dep_ not in CLIMB_DEPS:
                return
            if t.dep_ == "advcl" and any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children):
                return
            if stop_at_clause and t.pos_ in ("VERB", "AUX") and t.dep_ not in ("conj",):
                return
            t = t.head
            yield t

    # -- location ---------------------------------------------------------------------------------
    def location(self, trigger: Token, extra: Iterable[Token] = ()) -> Actor | None:
        """The place of the trigger's locative phrase, nearest clause first."""
        objects = [c for c in trigger.children if c.dep_ in ("dobj", "nsubjpass")]
        for node in (trigger, *extra, *objects):  # "will evacuate all 21 settlements in the Gaza Strip"
            found = self._local_place(node)
            if found is not None:
                return found
        for c in trigger.children:  # "Police in Anapa detained ...", "Local pastors in Seminole had worked ..."
            if c.dep_ in ("nsubj", "nsubjpass"):
                found = self._local_place(c)
                if found is not None:
                    return found
        t = trigger
        for _ in range(30):  # up to the governing clauses, not past a reported or a coordinated clause
            if t.head == t or t.dep_ not in CLIMB_DEPS or t.dep_ == "ccomp":
                return None
            if t.dep_ == "conj" and any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children):
                return None
            t = t.head
            found = self._local_place(t)
            if found is not None:
                return found
        return None

    def complement_place(self, trigger: Token, depth: int = 0) -> Actor | None:
        """A place in the trigger's complement clause: "agreed to set up a centre in Tokyo"."""
        for c in trigger.children:
            if c.dep_ not in ("xcomp", "ccomp"):
                continue
            for node in (c, *[o for o in c.children if o.dep_ in ("dobj", "attr", "nsubjpass")]):
                found = self._local_place(node)
                if found is not None:
                    return found
            if depth < 2:
                found = self.complement_place(c, depth + 1)
                if found is not None:
                    return found
        return None

    def _local_place(self, node: Token) -> Actor | None:
        for c in node.children:
            if c.dep_ == "prep" and c.lower_ in LOC_PREPS:
                for g in c.children:
                    if g.dep_ != "pobj":
                        continue
                    hit = self._place_in_np(g)
                    if hit is not None:
                        return hit
        return None

    def place_actor(self, rec: Any, tok: Token) -> Actor:
        if isinstance(rec, Place):
            return place_actor(rec)
        return self.m.from_entity(rec)

    def _place_in_np(self, tok: Token, depth: int = 0) -> Actor | None:
        rec = self.m.place[tok.i]
        if rec is not None:
            return self.place_actor(rec, tok)
        ent = self.m.entity[tok.i]
        if ent is not None and field_of(ent, "label") in ("GPE", "LOC", "FAC"):
            return self.m.from_entity(ent)
        if tok.lemma_.lower() in self.m.refs.place_nouns:  # "across the territory"
            found = self.m.refs.definite(tok)
            if found:
                return found[0]
        if depth > 2:
            return None
        for c in tok.children:  # "the northern city of Kirkuk", "Gaza City"
            if c.dep_ in ("compound", "amod") and (self.m.place[c.i] is not None):
                return self.place_actor(self.m.place[c.i], c)
            if c.dep_ == "prep" and c.lower_ == "of":
                for g in c.children:
                    if g.dep_ == "pobj":
                        hit = self._place_in_np(g, depth + 1)
                        if hit is not None:
                            return hit
        return None

    # -- polarity and modality ----------------------------------------------------------------------
    def _denied(self, trigger: Token) -> bool:
        """Inside what a denial verb denies (its object, complement or their clauses): not the action."""
        denial = self.lex.word_set("denial_verbs")
        t = trigger
        for _ in range(HEAD_HOPS):
            if t.head == t or t.dep_ not in DENIED_DEPS:
                return False
            dep, t = t.dep_, t.head
            if dep != "conj" and t.pos_ in ("VERB", "AUX") and t.lemma_.lower() in denial:
                return True  # ("denied X and attacked Y": the attack is no content of the denial)
        return False

    def polarity_modality(self, trigger: Token, verb: bool, extra: Iterable[Token] = ()) -> tuple[str, str]:
        lex = self.lex
        future = lex.word_set("future_aux") | {"would"}
        possible = lex.word_set("speculative_aux")
        marks = lex.word_set("conditional_marks")
        modality = "asserted"
        negative = False

        def bump(kind: str) -> None:
            nonlocal modality
            if MODALITY_RANK[kind] > MODALITY_RANK[modality]:
                modality = kind

        for c in trigger.children:
            low = c.lower_
            if c.dep_ == "neg" or (c.dep_ == "det" and low == "no") or (c.dep_ == "advmod" and low == "never"):
                negative = True
            elif c.dep_ == "aux" and low in future:
                bump("planned")
            elif c.dep_ == "aux" and low in possible:
                bump("speculative")
            elif c.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ in marks for g in c.children):
                bump("conditional")
            elif c.dep_ == "mark" and low in marks:
                bump("conditional")
            elif c.dep_ == "amod" and low in lex.modal_modifiers:
                bump(lex.modal_modifiers[low])
        if verb and trigger.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ in marks for g in trigger.children):
            bump("conditional")
        for aux in shared_auxiliaries(trigger) if verb else ():  # "may take the hint and accept an exit"
            if aux.lower_ in future:
                bump("planned")
            elif aux.lower_ in possible:
                bump("speculative")
        for t in extra:  # "made no commitments"
            if t.pos_ == "NOUN" and any(c.dep_ == "det" and c.lower_ == "no" for c in t.children):
                negative = True
        if self._denied(trigger):  # "denied the report claiming Hamas is willing to give up its weapons"
            negative = True
        # governors: "plans to meet", "is willing to withdraw", "failed to reach", "proposal to hold"
        t = trigger
        for _ in range(6):
            if t.dep_ not in ("xcomp", "ccomp", "acl", "pcomp", "pobj", "prep", "advcl") or t.head == t:
                break
            gov = t.head
            glemma = gov.lemma_.lower()
            kind = lex.modal_governors.get(glemma) or lex.modal_governors.get(gov.lower_)
            if kind == "negated":
                negative = not negative
            elif kind:
                bump(kind)
            if gov.pos_ == "NOUN" and glemma in lex.word_set("act_nouns") and glemma in ("proposal", "plan", "offer",
                                                                                        "initiative", "idea"):
                bump("proposed")
            if any(c.dep_ == "aux" and c.lower_ in future for c in gov.children) and t.dep_ == "xcomp":
                bump("planned")
            if any(c.dep_ == "aux" and c.lower_ in possible for c in gov.children) and t.dep_ == "xcomp":
                bump("speculative")  # "might want to join"
            if any(c.dep_ == "neg" for c in gov.children) and t.dep_ == "xcomp" and not kind:
                negative = not negative
            if t.dep_ == "ccomp" and glemma in self.speech:
                break
            t = gov
        if self.reporter(trigger) is not None:
            bump("reported")
        return ("negative" if negative else "positive"), modality

    # -- reported_by --------------------------------------------------------------------------------
    def reporter(self, trigger: Token) -> str | None:
        """The speaker of a statement whose content holds the trigger, else the subject of a speech verb
        governing it ("X said that ...")."""
        pos = trigger.idx + self.m.offset
        for st in (self.statements[k] for k in self._statements_by_sentence()[self._sentence_of(trigger.i)]):
            if st.start <= pos < st.end and st.speaker:
                return str(st.speaker)
        t = trigger
        for _ in range(HEAD_HOPS):
            if t.head == t:
                return None
            if t.dep_ == "ccomp" and t.head.lemma_.lower() in self.speech:
                subj = next(subject_chain(t.head), None)
                if subj is None:
                    return None
                acts = self.m.actors(subj)
                if acts:
                    return acts[0].name
                return subj.text if subj.pos_ != "PRON" else None
            if t.dep_ not in ("conj", "xcomp", "ccomp", "advcl", "acl", "pcomp", "prep", "pobj", "dobj"):
                return None
            t = t.head
        return None


def speech_complement_verb(tok: Token, speech: frozenset[str]) -> Token | None:
    """The speech verb whose complement holds ``tok``'s clause, if any."""
    v = clause_verb(tok)
    while v is not None and v.head != v:
        if v.dep_ == "ccomp" and v.head.lemma_.lower() in speech:
            return v.head
        if v.dep_ not in ("conj", "xcomp", "advcl"):
            return None
        v = v.head
    return None
