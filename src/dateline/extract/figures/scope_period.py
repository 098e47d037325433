"""The counting window written on a figure or its clause ("in the past 24 hours", "over the last two years", "for
the third quarter of 2010"), split out of ``figures.scope_place``."""
from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.tokens import Token

from .context import phrase


_PERIOD_PREPS = frozenset({"during", "over", "in", "within", "for"})
_PERIOD_UNITS = frozenset({"hour", "day", "week", "month", "year", "decade", "fortnight", "weekend"})
_ORDINALS = frozenset({"first", "second", "third", "fourth", "fifth", "final", "last"})
_ORDER = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "final": 6, "last": 6}


def period(toks: Sequence[Token], seen: set[int]) -> str | None:
    """A period on the figure or its clause: 'in the past 24 hours', 'during the past six months', 'over the last
    two years' (a span of time reaching back from the report, not a date)."""
    for t in toks:
        children = list(t.children)
        if t.pos_ in ("VERB", "AUX"):  # the measured subject's period: 'profits for the quarter were 18% higher'
            children += [g for c in t.children if c.dep_ in ("nsubj", "nsubjpass") for g in c.children]
        for c in children:
            if c.dep_ == "npadvmod" and c.i not in seen and _so_far(c):
                return f"so far {phrase(c).text}"  # 'confirmed so far this year': a window to date, not a date
            if c.dep_ != "prep" or c.lower_ not in _PERIOD_PREPS or c.i in seen:
                continue
            for p in c.children:
                if p.dep_ == "pobj" and c.lower_ == "for" and p.lemma_.lower() in ("quarter", "half") and \
                        any(m.lower_ == "the" for m in p.children) and len(list(p.children)) == 1:
                    named = _named_before(p)
                    if named is not None:  # 'for the quarter': the ordinal quarter named before
                        return f"{c.lower_} {named}"
                if p.dep_ == "pobj" and p.lemma_.lower() in _PERIOD_UNITS and \
                        any(m.lower_ in ("past", "last", "previous") for m in p.children):
                    return f"{c.lower_} {phrase(p).text}"
                if p.dep_ == "pobj" and p.lemma_.lower() in _PERIOD_UNITS and c.lower_ in ("within", "over") and \
                        any(m.dep_ == "nummod" for m in p.children) and \
                        not any(a.dep_ == "aux" and a.tag_ == "MD" for a in t.children):  # 'could die within 48
                    # hours' is a projection's horizon, not a counting window
                    return f"{c.lower_} {phrase(p).text}"  # 'died within 24 hours', 'over 10 months': a window
                if p.dep_ == "pobj" and c.lower_ == "for" and p.lemma_.lower() in ("quarter", "half") and \
                        any(m.lower_ in _ORDINALS for m in p.children):
                    return f"{c.lower_} {phrase(p).text}"  # "profits for the third quarter of 2010"
    return None


def _so_far(c: Token) -> bool:
    """'this year' / 'this month' with 'so far' on the same verb (the guideline's 'so far this year')."""
    return c.lemma_.lower() in _PERIOD_UNITS and any(d.dep_ == "det" and d.lower_ == "this" for d in c.children) and \
        any(a.dep_ == "advmod" and a.lower_ == "far" and any(s.lower_ == "so" for s in a.children)
            for a in c.head.children)


def _named_before(p: Token) -> str | None:
    """The latest 'third quarter of 2010' (an ordinal on the same noun) written before ``p``: 'the quarter' of a
    results report is the one reported, not an earlier one recalled ('a record loss for the second quarter')."""
    best: tuple[tuple[int, int], str] | None = None
    for t in p.doc[max(0, p.i - 400):p.i]:
        ordinal = next((m.lower_ for m in t.children if m.lower_ in _ORDINALS), None)
        if t.lemma_.lower() != p.lemma_.lower() or ordinal is None:
            continue
        text = phrase(t)
        year = next((int(x.text) for x in text if x.like_num and len(x.text) == 4 and x.text.isdigit()), 0)
        key = (year, _ORDER.get(ordinal, 0))
        if best is None or key >= best[0]:
            best = (key, text.text)
    return best[1] if best else None


_QUARTER = re.compile(r"^(first|second|third|fourth)[- ]?(quarter|half)$", re.I)
_YEAR_BACK = frozenset({"ago", "earlier", "last", "previous", "before"})


def sentence_quarter(fig: Token, year: str | None) -> str | None:
    """The one quarter (or half) a results sentence names, for an amount or share in it that has no period of its
    own: "pushed the firm's second-quarter results into a loss of $17bn" -> 'the second quarter of 2010' (the
    year written, else the figure's as-of year); in a comparison with the year before ("compared with a profit of
    $3bn a year ago"), the same quarter of that year."""
    sent = fig.sent
    found: list[tuple[str, str | None]] = []
    for k, t in enumerate(sent):
        i = sent.start + k
        words = t.text if "-" in t.text else " ".join(x.text for x in t.doc[i:i + 3] if x.text != "-")
        two = " ".join(words.replace("-", " ").split()[:2])
        m = _QUARTER.match(two) if t.lower_ in _ORDER else None
        verb = next((a for a in t.ancestors if a.pos_ in ("VERB", "AUX")), None)
        if m is None or verb is None or verb not in fig.ancestors:
            continue  # the quarter of the figure's own clause, not another's ('a move which pushed ... into a loss
            # of $17bn for the second quarter' is not the quarter of the amount set aside)
        after = t.doc[i + 1:min(i + 6, sent.end)]
        written = next((x.text for x in after if x.like_num and len(x.text) == 4 and x.text.isdigit()), None)
        found.append((f"{m.group(1).lower()} {m.group(2).lower()}", written))
    if len({f for f, _ in found}) != 1:
        return None
    name, written = found[0]
    y = written or (year[:4] if year and year[:4].isdigit() else None)
    if y is None:
        return None
    if written is None and year is not None and len(year) >= 7 and year[5:7].isdigit() and \
            3 * _ORDER[name.split()[0]] * (2 if name.endswith("half") else 1) > int(year[5:7]):
        y = str(int(y) - 1)  # a quarter not over yet at the as-of is last year's ('third-quarter results' in May)
    compared = next((a for a in fig.ancestors if a.lemma_.lower() == "compare"), None)
    if compared is not None and any(x.lemma_.lower() == "year" and any(
            m.lower_ in _YEAR_BACK for m in (*x.children, *x.doc[x.i - 1:x.i], *x.doc[x.i + 1:x.i + 2]))
            for x in compared.subtree):
        y = str(int(y) - 1)
    return f"the {name} of {y}"
