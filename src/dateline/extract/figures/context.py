"""Who gives a figure and as of when: ``source`` and ``as_of`` (the scope is in ``figures.scope``).

Both are read from the dependency parse around the figure: the reporting verb on its path to the root ("The health
ministry ... said on Sunday that ...", "34 the Israeli military says are dead", the outermost of nested ones),
"according to X", a date on the figure itself ("up from 48 on Tuesday"). Statements found earlier
(``ctx.statements``) fill source and date when the parse has none.
"""
from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from spacy.tokens import Doc, Span, Token

from ...days import day_of
from ...model import Statement, Timex
from .lexicon import FiguresLexicon

_MONTH = re.compile(r"^\d{4}-\d{2}(?!\d)")
_DROP_DEPS = frozenset({"relcl", "acl", "appos", "punct", "advcl", "parataxis", "cc", "conj", "prep_drop"})
_PRONOUNS = frozenset({"it", "they", "he", "she", "we", "i", "you", "who", "which", "that"})


@dataclass(slots=True)
class TimeIndex:
    """Timexes of one article by token, plus the DCT, for quick lookups; also the article's other lookups, built
    on first use (token indices by lower-cased lemma, sentence starts, ``memo`` for results per article)."""

    by_token: dict[int, Timex]
    dct: str | None
    lemma_index: dict[str, list[int]] | None = None
    sent_starts: list[int] | None = None
    memo: dict[object, object] = field(default_factory=dict)

    def with_lemma(self, doc: Doc, lemma: str) -> list[int]:
        """Indices (ascending) of the tokens of ``doc`` whose lower-cased lemma is ``lemma``."""
        if self.lemma_index is None:
            index: dict[str, list[int]] = {}
            for t in doc:
                index.setdefault(t.lemma_.lower(), []).append(t.i)
            self.lemma_index = index
        return self.lemma_index.get(lemma, [])

    def sentence_of(self, doc: Doc, i: int) -> tuple[int, int]:
        """(start, end) token indices of the sentence of token ``i`` (the ``doc.sents`` boundaries)."""
        if self.sent_starts is None:
            self.sent_starts = [s.start for s in doc.sents]
        k = bisect.bisect_right(self.sent_starts, i) - 1
        end = self.sent_starts[k + 1] if k + 1 < len(self.sent_starts) else len(doc)
        return self.sent_starts[k], end

    @classmethod
    def build(cls, doc: Doc, timexes: Sequence[Timex], dct: str | None) -> TimeIndex:
        by_token: dict[int, Timex] = {}
        for tx in timexes:
            span = doc.char_span(tx.start, tx.end, alignment_mode="expand")
            if span is not None:
                for t in span:
                    by_token.setdefault(t.i, tx)
        return cls(by_token=by_token, dct=dct)

    def date_of(self, tokens: Sequence[Token], lex: FiguresLexicon, *, past: bool = True,
                month: bool = False) -> str | None:
        """The first day-precision date among ``tokens`` (a timex, else a weekday / today / yesterday);
        with ``month`` a month-precision timex value ("2025-01") counts too."""
        d = date.fromisoformat(self.dct[:10]) if self.dct else None
        for t in tokens:
            tx = self.by_token.get(t.i)
            if tx is not None and tx.type in ("DATE", "TIME") and tx.value:
                if day_of(tx.value):
                    if past and d is not None and t.lower_ in lex.weekdays and (
                            tx.value[:10] > d.isoformat() or tx.text.strip().lower() == t.lower_):
                        # a bare weekday in a news report is the last one before the publication date ('up
                        # from 98 on Friday', 'said on Thursday'), not the next one, nor one after an earlier
                        # date of the story the time expression was anchored to
                        return _days_before(d, (d.weekday() - lex.weekdays[t.lower_]) % 7)
                    return tx.value[:10]
                if month and _MONTH.match(tx.value):
                    return tx.value[:7]
        if d is None:
            return None
        for t in tokens:
            low = t.lower_
            if low in lex.weekdays and t.i not in self.by_token:
                back = (d.weekday() - lex.weekdays[low]) % 7 if past else -((lex.weekdays[low] - d.weekday()) % 7)
                return _days_before(d, back)
            if low == "today" and t.i not in self.by_token:
                return d.isoformat()
            if low == "yesterday" and t.i not in self.by_token:
                return _days_before(d, 1)
        return None


def _days_before(d: date, days: int) -> str | None:
    """``d`` minus ``days`` as ISO, or None past the calendar's ends (DCTs such as 0001-01-01)."""
    try:
        return (d - timedelta(days=days)).isoformat()
    except OverflowError:
        return None


def phrase(tok: Token, *, exclude: set[int] | None = None) -> Span:
    """A compact phrase for ``tok``: its subtree without clauses, appositions and what contains ``exclude``."""
    exclude = exclude or set()
    keep = {tok.i}
    stack = [c for c in tok.children]
    while stack:
        c = stack.pop()
        if c.dep_ in _DROP_DEPS and c.head.i == tok.i or c.i in exclude:
            if not (c.dep_ == "appos" and c.pos_ == "PROPN" and c.left_edge.i == tok.i + 1):
                continue  # but keep a name right after its role: "the agency's head Svetlana Radionova"
        if any(x in exclude for x in (d.i for d in c.subtree)):
            continue
        keep.add(c.i)
        stack.extend(c.children)
    lo = hi = tok.i
    while lo - 1 in keep:
        lo -= 1
    while hi + 1 in keep:
        hi += 1
    doc = tok.doc
    while lo < hi and (doc[hi].is_punct or doc[hi].dep_ == "cc"):
        hi -= 1
    return doc[lo:hi + 1]


def clean_source(text: str) -> str:
    text = text.strip().strip(",")
    for det in ("The ", "A ", "An "):
        if text.startswith(det):
            return det.lower() + text[len(det):]
    return text


def path_up(tok: Token) -> list[Token]:
    out = [tok]
    while out[-1].head.i != out[-1].i and len(out) < 24:
        out.append(out[-1].head)
    return out


_POSSESSIVE = {"its": "it", "their": "they", "his": "he", "her": "she"}


def source_phrase(subj: Token, lex: FiguresLexicon, *, owner_only: bool = False) -> str | None:
    """The source a reporting verb's subject names. A reporting noun is no agent ('the revised figures suggest',
    'previous estimates put'): its owner is ('its official tally' -> it, 'WHO's count'), or its 'from'/'by' phrase
    ('estimates from scientists'), or a name on it ('a UN report'); else nothing. ``owner_only`` (the subject of a
    verb that is not a reporting verb: 'its tally includes'): only a pronoun or a named owner."""
    if subj.dep_ == "nsubjpass" or subj.lower_ in ("that", "which"):
        return None  # "BP is estimated to have paid", "it is believed": the one estimating is not named
    if subj.lemma_.lower() not in lex.reporting_nouns:
        if owner_only:
            return None
        if subj.pos_ == "NOUN":  # a role with the name in apposition: "US Geological Survey director, Marcia McNutt,"
            name = next((c for c in subj.children if c.dep_ == "appos" and c.ent_type_ == "PERSON"), None)
            if name is not None:
                return clean_source(phrase(name).text)
        return clean_source(phrase(subj).text)
    for c in subj.children:
        if c.dep_ == "poss":
            if c.lower_ in _POSSESSIVE:
                return _POSSESSIVE[c.lower_]
            if owner_only and c.ent_type_ not in ("ORG", "PERSON", "GPE", "NORP"):
                return None
            return clean_source(re.sub(r"\s*['’]s$", "", phrase(c).text))
        if c.dep_ in ("prep", "agent") and c.lower_ in ("from", "by") and not owner_only:
            for p in c.children:
                if p.dep_ == "pobj":
                    return clean_source(phrase(p).text)
    named = any(c.dep_ in ("compound", "amod", "nmod") and (c.pos_ == "PROPN" or c.ent_type_) for c in subj.lefts)
    return clean_source(phrase(subj).text) if named and not owner_only else None


NARRATOR = ""  # find_source: the figure is the narrator's own, whatever statement the sentence sits in


def _contrast_clause(t: Token) -> bool:
    """A 'while'/'whereas' clause with its own named subject: another actor's fact set beside the report."""
    return t.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in ("while", "whereas") for c in t.children) \
        and any(c.dep_ in ("nsubj", "nsubjpass") and c.pos_ == "PROPN" for c in t.children)


def find_source(path: list[Token], lex: FiguresLexicon) -> tuple[str | None, Token | None]:
    """(source phrase, reporting verb) for a figure whose head path is ``path``.

    A reporting clause on the figure itself wins ('34 the Israeli military says are dead'); else the outermost
    reporting verb with a subject ('X estimated the damage at 85 billion, Y said' -> Y); else 'according to X'.
    ``NARRATOR`` when a contrast clause cuts the figure off the reports above it.
    """
    on_path = {t.i for t in path}
    according: str | None = None
    outer: tuple[str, Token] | None = None
    for k, t in enumerate(path):
        for c in t.children:
            if c.lower_ == "according" and c.dep_ in ("prep", "advcl", "advmod") and according is None:
                for to in c.children:
                    for p in to.children:
                        if p.dep_ == "pobj":
                            according = clean_source(phrase(p).text)
            if c.dep_ in ("relcl", "parataxis") and c.i not in on_path and c.lemma_.lower() in lex.reporting_verbs:
                subj = subject_of(c)
                named = source_phrase(subj, lex) if subj is not None else None
                if named is not None:
                    if k <= 1:  # on the figure or its noun
                        return named, c
                    outer = (named, c)
        if _contrast_clause(t):  # '... said it would pull out its troops, while Italy withdrew 300 soldiers'
            return (outer or (according or NARRATOR, None))[0], (outer[1] if outer else None)
        if t.pos_ in ("VERB", "AUX") and k > 0:
            subj = subject_of(t)
            if subj is None or subj.i in on_path or path[k - 1].dep_ in ("prep", "conj"):
                # 'In Mexico, where 75 deaths have occurred, the authorities said': an adjunct; 'Page last updated
                # ... The United Nations says ...': a coordinated clause, not what the verb reports
                continue
            # a report's verb reports too, when the report has an owner: "its official tally includes 45 deaths"
            named = source_phrase(subj, lex, owner_only=t.lemma_.lower() not in lex.reporting_verbs)
            if named is not None:
                outer = (named, t)
    if outer is not None:
        return outer
    return according, None


def according_in_sentence(sent: Span) -> str | None:
    hits = [t for t in sent if t.lower_ == "according" and t.i + 1 < sent.end and t.nbor(1).lower_ == "to"]
    if len(hits) != 1:
        return None
    for to in hits[0].children:
        for p in to.children:
            if p.dep_ == "pobj":
                return clean_source(phrase(p).text)
    return None


def subject_of(verb: Token) -> Token | None:
    """The subject of ``verb``; a conjoined verb shares its first conjunct's ('Hamas accused ... and said')."""
    for _ in range(3):
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subjects:
            # two subjects are a misparse ('..., most of them in children ..., the Department said'): the nearest
            return min(subjects, key=lambda c: (c.i > verb.i, abs(verb.i - c.i)))
        if verb.dep_ != "conj":
            return None
        verb = verb.head
    return None


def own_date(path: list[Token], times: TimeIndex, lex: FiguresLexicon) -> str | None:
    """A date on the figure itself: 'up from 48 on Tuesday', '159 on Tuesday'."""
    r = path[0]
    toks = [r] + ([r.head] if r.dep_ == "pobj" else [])
    for t in toks:
        for c in t.children:
            if c.dep_ == "prep" and c.lower_ == "on" or c.dep_ == "npadvmod":
                got = times.date_of(list(c.subtree), lex)
                if got:
                    return got
    return None


def clause_date(path: list[Token], times: TimeIndex, lex: FiguresLexicon) -> str | None:
    """The date of the clause the figure belongs to, at the precision written: the time expression on the first
    verb above it that is not a reporting verb ('killed up to 37 people a day earlier', 'flowed ... in 2007',
    'killed in the April 20 explosion'); 'since ...' is a scope, not a date."""
    for k, t in enumerate(path[1:], 1):
        if t.pos_ not in ("VERB", "AUX"):
            if t.dep_ == "prep" and t.lower_ not in ("of", "in", "during"):
                return None
            continue
        if t.lemma_.lower() in lex.reporting_verbs:
            return None
        for c in t.children:
            if c.i == path[k - 1].i or c.dep_ not in ("prep", "npadvmod", "advmod", "tmod") or c.lower_ == "since":
                continue
            if any(x.like_num and x.i not in times.by_token for x in c.subtree):
                continue  # 'up from 98 on Friday': the date of another figure
            for x in c.subtree:
                if (tx := times.by_token.get(x.i)) is not None and tx.type == "DATE" and tx.value:
                    return _past(x, tx.value, times, lex)
        return _when_date(t, times, lex)
    return None


def _past(x: Token, value: str, times: TimeIndex, lex: FiguresLexicon) -> str | None:
    """The date a time expression (at token ``x``) gives a count, when it is not in the future."""
    dct = (times.dct or "9999")[:10]
    if day_of(value):
        day = times.date_of([x], lex)
        return day if day and day <= dct else None  # a reported count is not in the future
    if (_MONTH.match(value) or re.match(r"^\d{4}$", value)) and value < dct[:len(value)]:
        return value  # 'flowed ... in 2007': a past month or year (this one is the DCT's)
    return None


def _when_date(verb: Token, times: TimeIndex, lex: FiguresLexicon) -> str | None:
    """A 'when' clause takes the date it refers back to: '... in June 2001, when 74 people died' (the clause
    hung on the date, or on the verb the date modifies): the last date written before 'when'."""
    when = next((c for c in verb.children if c.lower_ == "when" and c.dep_ == "advmod" and c.i < verb.i), None)
    if when is None or verb.dep_ not in ("relcl", "advcl"):
        return None
    scope = verb.head.subtree if verb.dep_ == "advcl" else [verb.head]
    dated = [x for x in scope if x.i < when.i and (tx := times.by_token.get(x.i)) is not None
             and tx.type == "DATE" and tx.value]
    if not dated:
        return None
    x = dated[-1]
    return _past(x, times.by_token[x.i].value or "", times, lex)


def find_as_of(path: list[Token], verb: Token | None, times: TimeIndex, lex: FiguresLexicon) -> str | None:
    """The date of the claim: the timex on the reporting verb ('said on Sunday'), or 'as of X' on the path."""
    if verb is not None:
        toks = [t for c in verb.children if c.dep_ in ("prep", "npadvmod", "advmod", "tmod")
                and c.lower_ != "since" for t in c.subtree]
        got = times.date_of(toks, lex, past=verb.tag_ != "MD")
        if got:
            return got
    for t in path:
        for c in t.children:
            if c.dep_ == "prep" and c.lower_ in ("as", "by") and c.i + 1 < len(c.doc) and (
                    c.lower_ == "by" or c.nbor(1).lower_ == "of"):
                got = times.date_of(list(c.subtree), lex)
                if got:
                    return got
    return None


def covering_statement(statements: Sequence[Statement], start: int, end: int) -> Statement | None:
    best: Statement | None = None
    for st in statements:
        if st.start <= start and end <= st.end and (best is None or st.end - st.start < best.end - best.start):
            best = st
    return best


class StatementIndex:
    """``covering_statement`` for many figures of one article: statements sorted by start in a max-end segment
    tree, so a query visits only the statements that cover it (same answer: the shortest, the first on ties)."""

    def __init__(self, statements: Sequence[Statement]) -> None:
        order = sorted(range(len(statements)), key=lambda k: statements[k].start)
        self._items = [(statements[k], k) for k in order]
        self._starts = [statements[k].start for k in order]
        size = 1
        while size < len(order):
            size *= 2
        tree = [-1] * (2 * size)
        for j, k in enumerate(order):
            tree[size + j] = statements[k].end
        for v in range(size - 1, 0, -1):
            tree[v] = max(tree[2 * v], tree[2 * v + 1])
        self._size, self._tree = size, tree

    def covering(self, start: int, end: int) -> Statement | None:
        k = bisect.bisect_right(self._starts, start)  # the statements that start at or before ``start``
        best: Statement | None = None
        best_key: tuple[int, int] | None = None
        tree = self._tree
        stack = [(1, 0, self._size)] if k else []
        while stack:
            v, lo, hi = stack.pop()
            if lo >= k or tree[v] < end:
                continue
            if hi - lo == 1:
                st, orig = self._items[lo]
                key = (st.end - st.start, orig)
                if best_key is None or key < best_key:
                    best, best_key = st, key
                continue
            mid = (lo + hi) // 2
            stack.append((2 * v + 1, mid, hi))
            stack.append((2 * v, lo, mid))
        return best


def statement_source(st: Statement, text: str, lex: FiguresLexicon | None = None) -> str | None:
    """The statement's speaker as written (its resolved name for a pronoun); a bare reporting noun ('the revised
    figures suggest') names no one."""
    if st.speaker_start is not None and st.speaker_end is not None:
        span_text = text[st.speaker_start:st.speaker_end]
        words = span_text.split()
        if lex is not None and words and words[-1].lower().rstrip("s") in lex.reporting_nouns \
                and not any(w[:1].isupper() for w in words[1:]):
            return None
        if span_text.lower() not in _PRONOUNS and span_text:
            return clean_source(span_text)
    return st.speaker
