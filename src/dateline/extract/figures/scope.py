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


def fronted(verb: Token) -> list[Token]:
    """Modifiers written before a first conjunct's subject scope over the whole coordination ('Since 2003 two
    Estonians have been killed and 10 wounded', 'In Homs, 20 were killed and 30 wounded'): the prepositions among
    them, returned for a later conjunct that comes up through ``verb``."""
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None:
        return []
    return [c for c in verb.children if c.dep_ == "prep" and c.i < subj.left_edge.i]


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
            dates, tokens = _anchor_dates(doc, cls[1], times)
            latest = _latest_anchor(dates, tokens, range(lo, hi), as_of or times.dct)
            if latest is not None:
                return f"since {latest}"
        return text[0].lower() + text[1:] if text.startswith("Since") else text
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
                return f"on {day}" if day else span.text  # "Israeli strikes on Tuesday killed ..."
    return place_or_event(path, extra, lex)


_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_RELATIVE = frozenset({"that", "which", "who"})
# prepositions on the counted noun that restrict it to a subgroup: "16 members of the peacekeeping mission",
# "100-150 people from its mission", "among them 30 children"
_SUBGROUP_PREPS = frozenset({"of", "from", "among", "aboard"})
# an 'of' subgroup names a body of people ('members of the peacekeeping mission'), not a thing ('of the tanker')
_GROUP_NOUNS = frozenset({"mission", "force", "forces", "contingent", "team", "group", "party", "delegation", "army",
                          "staff", "unit", "organisation", "organization", "community", "population", "movement",
                          "militia", "police", "government", "parliament", "coalition", "alliance", "union"})
_PLACE_PREPS = frozenset({"in", "across", "inside", "throughout", "during", "among", "at", "aboard"})
THERE = "<there>"  # resolved by the component to the place scope of the figure before


def place_or_event(path: list[Token], extra: Sequence[Token], lex: FiguresLexicon) -> str | None:
    """'in Australia', 'in 73 countries' on the figure, its noun or the verbs above it (up to a reporting verb):
    the place; 'in the Eaton fire' / 'in a ferry disaster': the event."""
    toks = [*path[:1], *extra]
    reporter = -1
    for k, t in enumerate(path[1:5], 1):
        if path[k - 1].dep_ == "conj":
            for c in fronted(t):  # "In Homs, 20 were killed and 30 wounded"
                obj = next((p for p in c.children if p.dep_ == "pobj" and p.ent_type_ in _PLACE_LABELS), None)
                if c.lower_ in _PLACE_PREPS and obj is not None:
                    ent = next((e for e in obj.doc.ents if e.start <= obj.i < e.end), None)
                    return f"{c.lower_} {ent.text if ent is not None else obj.text}"
            continue  # "1,000 dead in a ferry disaster, more than 370 dead in a train fire": not the first's
        if t.pos_ in ("VERB", "AUX") and t.lemma_.lower() in lex.reporting_verbs:
            if any(c.dep_ == "advmod" and c.lower_ == "there" for c in t.children):
                return THERE  # 'had recorded 186 cases there' ('said in Geneva' is where it was said)
            if path[k - 1].dep_ == "dobj":
                toks.append(t)  # the figure is what is reported: 'has confirmed 1,200 cases in 30 countries'
                reporter = t.i  # whose subject is the source, not a place ('Texas reported 198 cases')
            break
        toks.append(t)
        if t.pos_ in ("VERB", "AUX"):
            # 'the death toll in Gaza rose to 50,000', 'the number of cases in Australia passes 1,200': the
            # measured subject's place
            for subj in (c for c in t.children if c.dep_ in ("nsubj", "nsubjpass") and c.i not in {p.i for p in path}):
                if subj.lemma_.lower() in lex.container_nouns or lex.classes_of(subj.lemma_):
                    toks.append(subj)
                    toks.extend(p for g in subj.children if g.dep_ == "prep" and g.lower_ == "of"
                                for p in g.children if p.dep_ == "pobj")
            break  # the figure's own clause ('talks in Cairo on releasing ten hostages' is another's place)
    seen: set[int] = {t.i for t in path}
    for t in toks[1:]:
        # "Japan, where there have been almost 300 cases": the place the 'where' clause is on
        if t.dep_ == "relcl" and t.head.ent_type_ in _PLACE_LABELS and \
                any(c.dep_ == "advmod" and c.lower_ == "where" for c in t.children):
            ent = next((e for e in t.doc.ents if e.start <= t.head.i < e.end), None)
            return f"in {ent.text if ent is not None else t.head.text}"
    group = _subgroup(toks[:1 + len(extra)], lex)
    place = _place(toks, seen, path, lex, reporter)
    if place == THERE:
        return THERE
    # a place and a period together: 'killed in Misrata in the past 24 hours' -> 'in Misrata, in the past 24 hours'
    parts = [x for x in (place or group, _period(toks, seen)) if x]
    return ", ".join(parts) if parts else None


def _place(toks: Sequence[Token], seen: set[int], path: list[Token], lex: FiguresLexicon, reporter: int) -> str | None:
    """The place (or event) on the figure, its noun or its clause; ``THERE`` for 'there'."""
    for t in toks:
        for c in t.children:
            if c.dep_ == "advmod" and c.lower_ == "there" and t.pos_ in ("VERB", "AUX"):
                return THERE  # 'recorded 186 cases there': the place of the figure before
            if c.dep_ in ("advmod", "npadvmod", "amod") and c.lower_ in lex.place_adverbs:
                return c.lower_  # 'infected more than 5,000 worldwide', '1,000 worldwide swine flu cases'
            if c.dep_ in ("nsubj", "nsubjpass") and c.i not in seen and t.pos_ in ("VERB", "AUX") and \
                    c.ent_type_ in ("GPE", "LOC") and t.i != reporter:
                ent = next((e for e in c.doc.ents if e.start <= c.i < e.end), None)
                return f"in {ent.text if ent is not None else c.text}"  # 'Victoria ... are the worst-hit with'
            if c.dep_ == "prep" and c.lower_ == "to" and t.pos_ == "VERB" and c.i not in seen and \
                    lex.classes_of(path[0].lemma_) & {"person", "worker", "force"}:
                # "sending an extra 3,500 troops to Haiti": where people go ("rose to 50" and "sent 2,000 doses
                # to Texas" are no scope)
                dest = next((p for p in c.children if p.dep_ == "pobj" and p.ent_type_ in ("GPE", "LOC")), None)
                if dest is not None:
                    ent = next((e for e in dest.doc.ents if e.start <= dest.i < e.end), None)
                    return f"to {ent.text if ent is not None else dest.text}"
            if c.dep_ != "prep" or c.lower_ not in _PLACE_PREPS or c.i in seen:
                continue
            if c.lower_ in ("among", "aboard"):  # "among them 30 children", "aboard the ferry"
                obj = next((p for p in c.children if p.dep_ == "pobj" and p.pos_ in ("NOUN", "PROPN")), None)
                if obj is not None:
                    return f"{c.lower_} {phrase(obj).text}"
                continue
            for p in c.children:
                if p.dep_ != "pobj":
                    continue
                place = p if p.ent_type_ in _PLACE_LABELS else next(
                    (a for a in p.children if a.dep_ == "appos" and a.ent_type_ in _PLACE_LABELS), None)
                if place is not None:  # "in Homs", "in the disease epicentre, Mexico"
                    ent = next((e for e in p.doc.ents if e.start <= place.i < e.end), None)
                    return f"{c.lower_} {ent.text if ent is not None else place.text}"
                if p.lemma_.lower() in lex.event_nouns or p.lemma_.lower() == "country" or \
                        any(t.ent_type_ in _PLACE_LABELS for t in phrase(p)):
                    return f"{c.lower_} {phrase(p).text}"  # "in the Eaton fire", "in Libya's east"
    return None


_PERIOD_PREPS = frozenset({"during", "over", "in", "within", "for"})
_PERIOD_UNITS = frozenset({"hour", "day", "week", "month", "year", "decade", "fortnight", "weekend"})


def _period(toks: Sequence[Token], seen: set[int]) -> str | None:
    """A period on the figure or its clause: 'in the past 24 hours', 'during the past six months', 'over the last
    two years' (a span of time reaching back from the report, not a date)."""
    for t in toks:
        for c in t.children:
            if c.dep_ != "prep" or c.lower_ not in _PERIOD_PREPS or c.i in seen:
                continue
            for p in c.children:
                if p.dep_ == "pobj" and p.lemma_.lower() in _PERIOD_UNITS and \
                        any(m.lower_ in ("past", "last", "previous") for m in p.children):
                    return f"{c.lower_} {phrase(p).text}"
    return None


def _subgroup(toks: Sequence[Token], lex: FiguresLexicon) -> str | None:
    """A subgroup on the counted noun: 'of the peacekeeping mission' on a noun of people, 'from its mission'."""
    for t in toks:
        if t.pos_ not in ("NOUN", "PROPN") or not lex.classes_of(t.lemma_) & {"person", "worker"}:
            continue
        for c in t.children:
            if c.dep_ != "prep" or c.lower_ not in _SUBGROUP_PREPS:
                continue
            for p in c.children:
                if p.dep_ == "pobj" and not p.like_num and p.pos_ in ("NOUN", "PROPN") and \
                        not lex.classes_of(p.lemma_) & {"person"} and (
                        c.lower_ != "of" or p.lemma_.lower() in _GROUP_NOUNS or p.ent_type_ in ("ORG", "NORP")):
                    return f"{c.lower_} {phrase(p).text}"
    return None
