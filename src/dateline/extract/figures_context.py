"""Who gives a figure, as of when, and over what span: ``source``, ``as_of`` and ``scope``.

All three are read from the dependency parse around the figure: the reporting verb on its path to the root
("The health ministry ... said on Sunday that ...", "34 the Israeli military says are dead"), "according to X",
a "since ..." clause or phrase (resolved to the date of the matching anchor event elsewhere in the article:
"since Israel resumed its campaign" -> the day "Israel ended the last ceasefire"), or the event that caused the
count ("Hamas's 2023 attack ... resulted in the deaths of ..."). Statements found earlier (``ctx.statements``)
fill source and date when the parse has none.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from spacy.tokens import Doc, Span, Token

from ..model import Statement, Timex
from .figures_lexicon import FiguresLexicon

_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}")
_MONTH = re.compile(r"^\d{4}-\d{2}(?!\d)")
_DROP_DEPS = frozenset({"relcl", "acl", "appos", "punct", "advcl", "parataxis", "cc", "conj", "prep_drop"})
_PRONOUNS = frozenset({"it", "they", "he", "she", "we", "i", "you", "who", "which", "that"})


@dataclass(slots=True)
class TimeIndex:
    """Timexes of one article by token, plus the DCT, for quick lookups."""

    by_token: dict[int, Timex]
    dct: str | None

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
        for t in tokens:
            tx = self.by_token.get(t.i)
            if tx is not None and tx.type in ("DATE", "TIME") and tx.value:
                if _DAY.match(tx.value):
                    return tx.value[:10]
                if month and _MONTH.match(tx.value):
                    return tx.value[:7]
        if self.dct is None:
            return None
        d = date.fromisoformat(self.dct[:10])
        for t in tokens:
            low = t.lower_
            if low in lex.weekdays and t.i not in self.by_token:
                back = (d.weekday() - lex.weekdays[low]) % 7 if past else -((lex.weekdays[low] - d.weekday()) % 7)
                return (d - timedelta(days=back)).isoformat()
            if low == "today" and t.i not in self.by_token:
                return d.isoformat()
            if low == "yesterday" and t.i not in self.by_token:
                return (d - timedelta(days=1)).isoformat()
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


def find_source(path: list[Token], lex: FiguresLexicon) -> tuple[str | None, Token | None]:
    """(source phrase, reporting verb) for a figure whose head path is ``path``.

    A reporting clause on the figure itself wins ('34 the Israeli military says are dead'); else the outermost
    reporting verb with a subject ('X estimated the damage at 85 billion, Y said' -> Y); else 'according to X'.
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
                subj = _subject(c)
                if subj is not None:
                    if k <= 1:  # on the figure or its noun
                        return clean_source(phrase(subj).text), c
                    outer = (clean_source(phrase(subj).text), c)
        if t.pos_ in ("VERB", "AUX") and t.lemma_.lower() in lex.reporting_verbs and k > 0:
            subj = _subject(t)
            if subj is not None and subj.i not in on_path:
                outer = (clean_source(phrase(subj).text), t)
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


def _subject(verb: Token) -> Token | None:
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


def statement_source(st: Statement, text: str) -> str | None:
    if st.speaker_start is not None and st.speaker_end is not None:
        span_text = text[st.speaker_start:st.speaker_end]
        if span_text.lower() not in _PRONOUNS and span_text:
            return clean_source(span_text)
    return st.speaker


# ---- scope ----------------------------------------------------------------------------------------------------

def _since_clause(path: list[Token], extra: Sequence[Token] = ()) -> tuple[Token, Token] | None:
    """(since token, clause head) of the nearest 'since ...' on or beside the figure's head path.

    The modifiers of a first conjunct do not carry over to a later one ('a ceasefire that had held since
    January 19 and killing 404 people'): coming up from a ``conj``, the head's own children are not looked at.
    """
    tokens: list[Token] = []
    for k, t in enumerate(path):
        if k > 0 and path[k - 1].dep_ == "conj":
            continue
        tokens.append(t)
        if k == 0:
            tokens.extend(extra)
    on_path = {p.i for p in path}
    fig = path[0].i
    seen: set[int] = set()
    for t in tokens:
        if t.i in seen:
            continue
        seen.add(t.i)
        found: list[tuple[Token, Token]] = []
        for c in t.children:
            if c.dep_ == "mark" and c.lower_ == "since":
                found.append((c, t))
            elif c.dep_ in ("advcl", "prep", "npadvmod") and c.i not in on_path:
                if c.lower_ == "since" and c.dep_ == "prep":
                    found.append((c, c))
                found.extend((m, c) for m in c.children if m.dep_ == "mark" and m.lower_ == "since")
        if found:
            return min(found, key=lambda x: abs(x[0].i - fig))
    return None


def _event_args(head: Token) -> set[str]:
    """Lemmas that name the event of a clause or noun: verb, objects, subject, particle, 'start of the war'."""
    out = {head.lemma_.lower()}
    for c in head.children:
        if c.dep_ in ("dobj", "nsubj", "nsubjpass", "pobj", "attr", "prt"):
            out.add(c.lemma_.lower())
            for g in c.children:
                if g.dep_ == "prep" and g.lower_ == "of":
                    out.update(p.lemma_.lower() for p in g.children if p.dep_ == "pobj")
        if c.dep_ == "prep" and c.lower_ == "of":
            out.update(p.lemma_.lower() for p in c.children if p.dep_ == "pobj")
    return out


def _event_class(head: Token, lex: FiguresLexicon) -> tuple[str, set[tuple[str, str]]] | None:
    words = _event_args(head)
    if head.dep_ == "prep":  # "since the start of the war"
        words = set()
        for p in head.children:
            if p.dep_ == "pobj":
                words |= _event_args(p)
    for name, pairs in lex.scope_events.items():
        for v, o in pairs:
            if v in words and (o == "*" or o in words):
                return name, set(pairs)
    return None


def _anchor_dates(doc: Doc, pairs: set[tuple[str, str]], skip: set[int], times: TimeIndex) -> list[str]:
    """Dates of the sentences that mention an event of the class (nearest DATE timex to the event word)."""
    verbs = {v for v, _ in pairs}
    out: list[str] = []
    for t in doc:
        if t.lemma_.lower() not in verbs or t.i in skip:
            continue
        words = _event_args(t) | ({t.head.lemma_.lower()} if t.dep_ in ("relcl", "acl") else set())
        if not any(v == t.lemma_.lower() and (o == "*" or o in words) for v, o in pairs):
            continue
        sent = t.sent
        best: tuple[int, str] | None = None
        for i in range(sent.start, sent.end):
            tx = times.by_token.get(i)
            if tx is not None and tx.type == "DATE" and tx.value and _DAY.match(tx.value):
                dist = abs(i - t.i)
                if best is None or dist < best[0]:
                    best = (dist, tx.value[:10])
        if best is not None:
            out.append(best[1])
    return out


def one_day(path: list[Token], times: TimeIndex, lex: FiguresLexicon) -> str | None:
    """The day of a one-day count: 'on <date>' (or 'before dawn on <date>') on a verb above the figure.

    Stops at a reporting verb (its date is the claim's, not the count's) and at a preposition other than 'of'
    ('including 34', 'seized during the October 7 attack' say nothing about the count's day).
    """
    for k, t in enumerate(path[1:], 1):
        if t.dep_ == "prep" and t.lower_ != "of":
            return None
        if t.pos_ not in ("VERB", "AUX"):
            continue
        if t.lemma_.lower() in lex.reporting_verbs:
            return None
        if path[k - 1].dep_ == "conj":
            continue
        for c in t.children:
            if c.i == path[k - 1].i:
                continue
            if c.dep_ == "prep" and c.lower_ == "on" or c.dep_ == "npadvmod":
                toks = list(c.subtree)
            elif c.dep_ == "prep" and any(p.lower_ in lex.day_parts for p in c.children):
                toks = list(c.subtree)  # "before dawn on Tuesday"
            else:
                continue
            got = times.date_of(toks, lex)
            if got:
                return got
    return None


def event_day(path: list[Token], times: TimeIndex, lex: FiguresLexicon) -> str | None:
    """'560 others were wounded in the strikes': the day of the strikes mentioned earlier in the article."""
    for k, t in enumerate(path[1:], 1):
        if t.pos_ not in ("VERB", "AUX") or t.lemma_.lower() in lex.reporting_verbs:
            if t.pos_ in ("VERB", "AUX"):
                return None
            continue
        for c in t.children:
            if c.dep_ != "prep" or c.lower_ not in ("in", "during"):
                continue
            for p in c.children:
                lemma = p.lemma_.lower()
                if p.dep_ != "pobj" or lemma not in lex.event_nouns or \
                        not any(d.lower_ in ("the", "these", "those") for d in p.children):
                    continue
                doc = t.doc
                for sent in reversed([s for s in doc.sents if s.end <= t.sent.start]):
                    hits = [x for x in sent if x.lemma_.lower() == lemma and x.i != p.i]
                    if not hits:
                        continue
                    best = None
                    for i in range(sent.start, sent.end):
                        tx = times.by_token.get(i)
                        if tx is not None and tx.type == "DATE" and tx.value and _DAY.match(tx.value):
                            dist = abs(i - hits[0].i)
                            if best is None or dist < best[0]:
                                best = (dist, tx.value[:10])
                    return best[1] if best else None
        return None
    return None


def find_scope(path: list[Token], times: TimeIndex, as_of: str | None, lex: FiguresLexicon,
               extra: Sequence[Token] = (), *, one_day_ok: bool = True) -> str | None:
    """'since 2025-03-18' / 'since the war broke out' / 'on 2025-03-18' / the event that caused the count."""
    hit = _since_clause(path, extra)
    if hit is not None:
        since, head = hit
        on_path = {t.i for t in path}
        exclude = {t.i for t in path[0].subtree} if head.i in on_path else set()
        span = phrase(head, exclude=exclude - {head.i})
        doc = head.doc
        lo = min(since.i, span.start)
        hi = span.end
        text = doc[lo:hi].text
        own = times.date_of([doc[i] for i in range(lo, hi)], lex, month=True)
        if own and any(i in times.by_token for i in range(lo, hi)):
            return f"since {own}"  # "since March 18" -> since 2025-03-18, "since late January" -> since 2025-01
        cls = _event_class(head, lex)
        if cls is not None:
            dates = _anchor_dates(doc, cls[1], set(range(lo, hi)), times)
            limit = as_of or times.dct
            dates = [d for d in dates if limit is None or d <= limit]
            if dates:
                return f"since {max(dates)}"
        return text[0].lower() + text[1:] if text.startswith("Since") else text
    day = one_day(path, times, lex) or event_day(path, times, lex) if one_day_ok else None
    if day:
        return f"on {day}"
    for t in path[1:]:
        if t.pos_ == "VERB" and t.lemma_.lower() in lex.cause_verbs:
            subj = _subject(t)
            if subj is not None and subj.lemma_.lower() in lex.event_nouns and subj.i not in {p.i for p in path}:
                span = phrase(subj)
                day = times.date_of(list(span), lex)
                return f"on {day}" if day else span.text  # "Israeli strikes on Tuesday killed ..."
    return None
