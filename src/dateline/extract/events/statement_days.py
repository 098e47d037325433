"""The day of the statement an event is told in: an undated event in a statement's content (or in the sentence
of its cue) takes the statement's day (``date_origin`` "statement"), when the text dates that statement."""
from __future__ import annotations

import bisect
from collections.abc import Iterable
from typing import Any

from spacy.tokens import Doc, Token

from ...days import day_of
from ...model import Timex
from ..nlp import token_index_after
from ..registry import Context
from .args import Mentions

#: statement dates an event told in it may take: found in the text, not the DCT
STATEMENT_DAY_ORIGINS = frozenset({"cue", "statement", "speaker"})
#: times that leave a sentence undated ("what is being done now")
VAGUE_NOW = frozenset({"PRESENT_REF", "PAST_REF", "FUTURE_REF"})
#: how many sentence starts may lie between a statement and the dated one of the same side it continues
CONTINUATION_SENTENCES = 2


class StatementDays:
    """Statement days for ``Clauses`` (which provides the parse climb and the clause's own time)."""

    doc: Doc
    ctx: Context
    m: Mentions
    statements: list[Any]
    _days: list[str | None] | None
    _timed: list[Timex]
    _timed_starts: list[int]
    _sent_of: list[int] | None
    _by_sent: list[list[int]] | None

    def _explicit(self, path: list[Token], own: set[int]) -> tuple[str | None, str] | None:
        raise NotImplementedError

    def _climb(self, trigger: Token, extra: Iterable[Token] = (), stop_at_clause: bool = False) -> Iterable[Token]:
        raise NotImplementedError

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
