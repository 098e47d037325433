"""The span a figure covers (``scope``): "since 2025-03-18", "since the war broke out", "on 2025-03-18", or the
event that caused the count ("Hamas's 2023 attack on southern Israel").

A "since ..." clause or phrase near the figure is resolved to its own date when it has one ("since March 18",
"since late January" -> a month), else to the most recent date of an anchor event of the same class elsewhere in the
article ("since Israel resumed its campaign" -> the day "Israel ended the last ceasefire"; classes in
``resources/figures/context.json``). A one-day toll ("strikes on Tuesday killed 404", "wounded in the strikes" of
that day) is scoped to that day.
"""
from __future__ import annotations

import bisect
from collections.abc import Sequence

from spacy.tokens import Doc, Token

from ...days import day_of
from .context import TimeIndex, phrase, subject_of
from .lexicon import FiguresLexicon
from .scope_parts import THERE, topic_event_lemmas
from .scope_place import fronted, place_or_event

_RELATIVE = frozenset({"that", "which", "who"})


def _since_clause(path: list[Token], extra: Sequence[Token] = ()) -> tuple[Token, Token] | None:
    """(since token, clause head) of the nearest 'since ...' on or beside the figure's head path.

    The modifiers of a first conjunct do not carry over to a later one ('a ceasefire that had held since
    January 19 and killing 404 people'): coming up from a ``conj``, the head's own children are not looked at.
    """
    tokens: list[Token] = []
    for k, t in enumerate(path):
        if k > 0 and path[k - 1].dep_ == "conj":
            tokens.extend(fronted(t))  # "Since 2003 two Estonians have been killed and 10 wounded"
            continue
        tokens.append(t)
        if k == 0:  # the figure's noun, and a participle on it: 'the 1,020 captured since the spill began'
            tokens.extend(extra)
            tokens.extend(c for x in (t, *extra) for c in x.children if c.dep_ == "acl")
    on_path = {p.i for p in path}
    fig = path[0].i
    seen: set[int] = set()
    for t in tokens:
        if t.i in seen:
            continue
        seen.add(t.i)
        found: list[tuple[Token, Token]] = []
        if t.dep_ == "prep" and t.lower_ == "since" and t.i not in on_path:
            found.append((t, t))  # a fronted 'since' phrase of the first conjunct
        for c in t.children:
            if c.dep_ == "mark" and c.lower_ == "since":
                if not _inside(path, t):
                    found.append((c, t))
            elif c.dep_ in ("advcl", "prep", "npadvmod") and c.i not in on_path:
                if c.lower_ == "since" and c.dep_ == "prep":
                    found.append((c, c))
                found.extend((m, c) for m in c.children if m.dep_ == "mark" and m.lower_ == "since")
        if found:
            return min(found, key=lambda x: abs(x[0].i - fig))
    return None


def _inside(path: list[Token], head: Token) -> bool:
    """The figure is an argument inside the since-clause headed by ``head`` ('since the rig exploded on 20 April,
    killing 11': the clause is the figure's event, not its period) -- reached without a preposition (a
    misparse such as 'the toll since the war broke out to 52,829' hangs the figure on the clause by 'to')."""
    for t in path:
        if t.i == head.i:
            return True
        if t.dep_ == "prep":
            return False
    return False


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


def _anchor_dates(doc: Doc, pairs: set[tuple[str, str]], times: TimeIndex) -> tuple[list[str], list[int]]:
    """Dates of the sentences that mention an event of the class (nearest DATE timex to the event word), with the
    event word's token: (dates ascending, tokens), read once per doc and class."""
    key = ("anchor_dates", frozenset(pairs))
    got = times.memo.get(key)
    if got is not None:
        return got  # type: ignore[return-value]
    verbs = {v for v, _ in pairs}
    out: list[tuple[str, int]] = []
    for k in sorted(k for v in verbs for k in times.with_lemma(doc, v)):
        t = doc[k]
        words = _event_args(t) | ({t.head.lemma_.lower()} if t.dep_ in ("relcl", "acl") else set())
        if not any(v == t.lemma_.lower() and (o == "*" or o in words) for v, o in pairs):
            continue
        sent = t.sent
        best: tuple[int, str] | None = None
        for i in range(sent.start, sent.end):
            tx = times.by_token.get(i)
            if tx is not None and tx.type == "DATE" and tx.value and day_of(tx.value):
                dist = abs(i - t.i)
                if best is None or dist < best[0]:
                    best = (dist, tx.value[:10])
        if best is not None:
            out.append((best[1], t.i))
    out.sort()
    times.memo[key] = result = ([d for d, _ in out], [i for _, i in out])
    return result


def _latest_anchor(dates: list[str], tokens: list[int], skip: range, limit: str | None) -> str | None:
    """The latest anchor date not after ``limit`` whose event word is outside ``skip`` (the since-clause)."""
    k = len(dates) if limit is None else bisect.bisect_right(dates, limit)
    for j in range(k - 1, -1, -1):
        if tokens[j] not in skip:
            return dates[j]
    return None


# verbs of an event's start: 'since the war broke out', 'since the outbreak was declared', 'since the spill began'
_INCEPTION = frozenset({"begin", "start", "break", "erupt", "declare", "notice", "occur", "happen", "hit", "strike",
                        "explode", "emerge", "launch"})
# nouns of an event's start: 'since the start of the war'
_START_NOUNS = frozenset({"start", "beginning", "onset", "outbreak"})
# a definite, unmodified 'the incident' points back at the story's own event
_BACK_REFERENCES = frozenset({"incident", "tragedy", "catastrophe"})


def topic_window(head: Token, times: TimeIndex, lex: FiguresLexicon) -> bool:
    """A since-window that starts with the article's topic event: 'since the war broke out', 'since the start of
    the war', 'since the outbreak was first noticed', 'since the spill', 'since the incident' (definite, with no
    modifier of its own beyond a compound: 'since the rig explosion'). A window from another event ('since Israel
    resumed its campaign', 'since the well was capped') or a date is kept."""
    if head.dep_ == "prep":
        noun = next((c for c in head.children if c.dep_ == "pobj"), None)
        if noun is None:
            return False
        if noun.lemma_.lower() in _START_NOUNS and noun.lemma_.lower() not in lex.event_nouns:
            noun = next((p for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children
                         if p.dep_ == "pobj"), None)
    elif head.pos_ in ("VERB", "AUX") and head.lemma_.lower() in _INCEPTION:
        noun = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    else:
        return False
    if noun is None or not any(c.dep_ == "det" and c.lower_ == "the" for c in noun.children):
        return False
    lemma = noun.lemma_.lower()
    if lemma in _BACK_REFERENCES:
        return not any(c.dep_ not in ("det", "prep") for c in noun.children)
    return lemma in topic_event_lemmas(head.doc, lex) and \
        not any(c.dep_ in ("amod", "nmod", "poss", "nummod") for c in noun.children)


def one_day(path: list[Token], times: TimeIndex, lex: FiguresLexicon, *, own_clause: bool = False) -> str | None:
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
        below = path[k - 1]
        # the object's own 'on <date>' is the verb's ('collected 10,000 barrels on Sunday' parsed on 'barrels')
        mods = [*t.children, *(c for c in below.children if c.dep_ == "prep" and c.lower_ == "on")] \
            if below.dep_ == "dobj" else t.children
        for c in mods:
            if c.i == below.i or own_clause and c.dep_ != "prep":
                continue  # own clause: 'collected 10,000 barrels on Sunday', not 'shares fell 13% today'
            if c.dep_ == "prep" and c.lower_ == "on" or c.dep_ == "npadvmod":
                toks = list(c.subtree)
            elif c.dep_ == "prep" and any(p.lower_ in lex.day_parts for p in c.children):
                toks = list(c.subtree)  # "before dawn on Tuesday"
            else:
                continue
            got = times.date_of(toks, lex)
            if got:
                return got
        if own_clause:
            return None  # only the figure's own clause ('9,200 tonnes' on tankers damaged on Sunday is not)
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
                # the last sentence before this one that names the event again
                doc = t.doc
                same = times.with_lemma(doc, lemma)
                j = bisect.bisect_left(same, t.sent.start) - 1
                while j >= 0 and same[j] == p.i:
                    j -= 1
                if j < 0:
                    continue
                lo, hi = times.sentence_of(doc, same[j])
                m = bisect.bisect_left(same, lo)
                while same[m] == p.i:
                    m += 1
                first = same[m]  # the first mention in that sentence
                best = None
                for i in range(lo, hi):
                    tx = times.by_token.get(i)
                    if tx is not None and tx.type == "DATE" and tx.value and day_of(tx.value):
                        dist = abs(i - first)
                        if best is None or dist < best[0]:
                            best = (dist, tx.value[:10])
                return best[1] if best else None
        return None
    return None


def find_scope(path: list[Token], times: TimeIndex, as_of: str | None, lex: FiguresLexicon,
               extra: Sequence[Token] = (), *, one_day_ok: bool = True, keep_topic: bool = False) -> str | None:
    """'since 2025-03-18' / 'since Israel resumed its campaign' / 'on 2025-03-18' / the event that caused the count;
    a window that starts with the article's topic event is none (``keep_topic``: kept, for the figure's kind)."""
    hit = _since_clause(path, extra)
    if hit is not None and not keep_topic and topic_window(hit[1], times, lex):
        hit = None  # 'since the outbreak began': the story's default window (guideline v2), no scope
    if hit is not None:
        window = _window(hit, path, times, as_of, lex)
        where = place_or_event(path, extra, lex, actor=False)  # 'killed in Misrata since March 18': both (v2 (3))
        return f"{where}, {window}" if where and where != THERE and not where.startswith("since ") else window
    day = one_day(path, times, lex) or event_day(path, times, lex) if one_day_ok else None
    if day:
        return f"on {day}"
    for t in path[1:]:
        if t.pos_ == "VERB" and t.lemma_.lower() in lex.cause_verbs:
            subj = subject_of(t)
            if subj is not None and t.dep_ == "relcl" and subj.lower_ in _RELATIVE:
                subj = t.head  # "the 20 April explosion that killed 11 workers": the event the clause is on
            elif subj is not None and subj.i in {p.i for p in path}:
                subj = None
            if subj is not None and subj.lemma_.lower() in lex.event_nouns:
                span = phrase(subj)
                day = times.date_of(list(span), lex)
                if day:
                    return f"on {day}"  # "Israeli strikes on Tuesday killed ..."
                # the cause and the place or group of the count's own clause: 'the outbreak has killed 149 people
                # in Mexico' (v2 (3): every restriction the sentence gives)
                where = place_or_event(path, extra, lex, actor=False)
                if where and where != THERE and not set(where.lower().split()) <= set(span.text.lower().split()):
                    return f"{where}, {span.text}"
                return span.text
    return place_or_event(path, extra, lex)


def _window(hit: tuple[Token, Token], path: list[Token], times: TimeIndex, as_of: str | None,
            lex: FiguresLexicon) -> str:
    """The since-window as a scope: 'since 2025-03-18', 'since <the anchor event's date>', else as written."""
    since, head = hit
    on_path = {t.i for t in path}
    exclude = {t.i for t in path[0].subtree} if head.i in on_path else set()
    span = phrase(head, exclude=exclude - {head.i})
    doc = head.doc
    lo = min(since.i, span.start)
    hi = span.end
    if doc[hi - 1].pos_ == "ADP" and hi in times.by_token:
        tx = times.by_token[hi]  # 'since ... began tweeting on | 19 May': the date the parse hung elsewhere
        while hi < len(doc) and times.by_token.get(hi) is tx:
            hi += 1
    text = doc[lo:hi].text
    own = times.date_of([doc[i] for i in range(lo, hi)], lex, month=True)
    if own and any(i in times.by_token for i in range(lo, hi)):
        return f"since {own}"  # "since March 18" -> since 2025-03-18, "since late January" -> since 2025-01
    cls = _event_class(head, lex)
    if cls is not None:
        dates, tokens = _anchor_dates(doc, cls[1], times)
        latest = _latest_anchor(dates, tokens, range(lo, hi), as_of or times.dct)
        if latest is not None:
            return f"since {latest}"
    return text[0].lower() + text[1:] if text.startswith("Since") else text
