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

import bisect
from collections.abc import Iterable
from itertools import takewhile
from typing import Any

from spacy.tokens import Doc, Token

from ...days import day_of
from .anchored import find_anchors
from .args import Mentions
from .syntax import HEAD_HOPS, Actor, field_of, clause_verb, place_actor, subject_chain
from ...model import Place, Timex
from .lexicon import Lexicon
from ..nlp import token_index_after
from ..registry import Context

LOC_PREPS = frozenset({"in", "at", "near", "inside", "outside", "across", "around", "throughout", "within"})
CLIMB_DEPS = frozenset({"conj", "xcomp", "ccomp", "advcl", "acl", "pcomp", "prep", "pobj", "dobj", "parataxis",
                        "nsubj", "nsubjpass", "attr", "oprd", "acomp", "dative"})
#: the paths from a denied content up to the denial ("denied [the report [claiming [Hamas is willing [to give up]]]]")
DENIED_DEPS = frozenset({"xcomp", "ccomp", "acl", "relcl", "pcomp", "pobj", "prep", "dobj", "acomp", "attr", "conj"})
#: statement dates an event told in it may take: found in the text, not the DCT
STATEMENT_DAY_ORIGINS = frozenset({"cue", "statement", "speaker"})
#: times that leave a sentence undated ("what is being done now")
VAGUE_NOW = frozenset({"PRESENT_REF", "PAST_REF", "FUTURE_REF"})
#: how many sentence starts may lie between a statement and the dated one of the same side it continues
CONTINUATION_SENTENCES = 2
#: a modal of possibility ("might join", "could spread") makes an event speculative: a prediction, not a report
#: of something done or intended; a condition still outranks it ("could deploy if asked" is conditional)
MODALITY_RANK = {"conditional": 5, "speculative": 4, "proposed": 3, "planned": 2, "reported": 1, "asserted": 0}


class Clauses:
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
        day after / a week before another clause that has a date: ``events.anchored``) or ``publication``
        (the DCT)."""
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
        said = self._statement_day(trigger)
        if said is not None:
            return said, "statement"
        return dct, "publication"

    def _statement_day(self, trigger: Token) -> str | None:
        """The day of the statement an undated sentence's event is told in (its content or its attribution:
        ``_statement_days``); None when the sentence has a time of its own (other than "now", "recently") or
        the statement has no day from the text."""
        sent = trigger.sent
        off = self.m.offset
        lo, hi = sent.start_char + off, sent.end_char + off
        if any(tx.value not in VAGUE_NOW for tx in self._timed_in(lo, hi)):
            return None
        at = trigger.idx + off
        days = self._statement_days()
        for k in self._statements_by_sentence()[self._sentence_of(trigger.i)]:
            st, day = self.statements[k], days[k]
            first = min(st.start, st.cue_start if st.cue_start is not None else st.start)
            last = max(st.end, st.cue_end if st.cue_end is not None else st.end)
            cue_here = st.cue_start is not None and lo <= st.cue_start < hi  # "Putin said at a meeting"
            if day is not None and (first <= at < last or cue_here):
                return day
        return None

    def _sentence_of(self, i: int) -> int:
        if self._sent_of is None:
            self._sent_of = [k for k, sent in enumerate(self.doc.sents) for _ in sent]
        return self._sent_of[i]

    def _statements_by_sentence(self) -> list[list[int]]:
        """For each sentence, the statements (by number) whose content or cue overlaps it, built once."""
        if self._by_sent is None:
            off, starts = self.m.offset, [sent.start_char for sent in self.doc.sents]
            found: list[set[int]] = [set() for _ in starts]
            for k, st in enumerate(self.statements):
                first = min(st.start, st.cue_start if st.cue_start is not None else st.start) - off
                last = max(st.end, st.cue_end if st.cue_end is not None else st.end) - off
                spanned = range(max(0, bisect.bisect_right(starts, first) - 1), bisect.bisect_left(starts, last))
                cue = [bisect.bisect_right(starts, st.cue_start - off) - 1] if st.cue_start is not None else []
                for n in [*spanned, *cue]:
                    if 0 <= n < len(found):
                        found[n].add(k)
            self._by_sent = [sorted(ks) for ks in found]
        return self._by_sent

    def _statement_days(self) -> list[str | None]:
        """Each statement's day from the text: as the statements component dated it (by its cue, the
        statement it continues, the speaker's last dated one); else the time of the clause its cue depends
        on ("Hamas on Thursday rejected the proposal, saying ..."); else the day of the statement just before
        it by the same side (the speaker, or the organisation one of them leads or speaks for: "Hamas ...
        saying", then its chief's quote) when no time is named between them and they are at most
        ``CONTINUATION_SENTENCES`` sentences apart."""
        if self._days is not None:
            return self._days
        days: list[str | None] = []
        off = self.m.offset
        for k, st in enumerate(self.statements):
            day = st.date[:10] if st.date_origin in STATEMENT_DAY_ORIGINS and st.date and day_of(st.date) else None
            cue = self.doc.char_span(st.cue_start - off, st.cue_end - off, alignment_mode="expand") \
                if st.cue_start is not None and st.cue_end is not None else None
            if day is None and cue is not None and len(cue):
                got = self._explicit(list(self._climb(cue.root)), set())
                day = got[0] if got is not None and got[1] != "publication" else None
            prev = self.statements[k - 1] if k else None
            if day is None and prev is not None and days[-1] is not None and self._same_side(prev, st) \
                    and not self._apart(prev, st):
                day = days[-1]
            days.append(day)
        self._days = days
        return days

    def _same_side(self, a: Any, b: Any) -> bool:
        sides = []
        for st in (a, b):
            side = {x for x in (st.speaker, st.speaker_org) if x}
            person = self.m.kb.by_name.get(st.speaker or "") if self.m.kb is not None else None
            role = person.role_at(self.ctx.article.dct) if person is not None else None
            if role is not None and role.org:
                side.add(role.org)
            sides.append(side)
        return bool(sides[0] & sides[1])

    def _apart(self, before: Any, st: Any) -> bool:
        """A day is named between two statements, or more than ``CONTINUATION_SENTENCES`` sentences begin
        between them."""
        off = self.m.offset
        return self._sentences_in(before.end - off, st.start - off) > CONTINUATION_SENTENCES or bool(
            self._timed_in(before.end, st.start))

    def _timed_in(self, lo: int, hi: int) -> list[Timex]:
        """The dates and times starting in [lo, hi) (article offsets)."""
        return self._timed[bisect.bisect_left(self._timed_starts, lo):bisect.bisect_left(self._timed_starts, hi)]

    def _sentences_in(self, lo: int, hi: int) -> int:
        """How many sentences have a token starting in [lo, hi) (doc offsets)."""
        i0, i1 = token_index_after(self.doc, lo), token_index_after(self.doc, hi)
        return self._sentence_of(i1 - 1) - self._sentence_of(i0) + 1 if i1 > i0 else 0

    def _explicit(self, path: list[Token], own: set[int]) -> tuple[str | None, str] | None:
        """The first day on ``path`` (clause or sentence), the DCT for a vaguer time there, else None."""
        for node in path:
            txs = self.dates.get(node.i)
            if not txs:
                continue
            for tx in txs:  # a day ("Saturday night" is a TIME on a day)
                if tx.type in ("DATE", "TIME") and tx.value and day_of(tx.value):
                    return tx.value[:10], "clause" if node.i in own else "sentence"
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
