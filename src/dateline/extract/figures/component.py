"""Numeric claims ("figures"): value, what is counted, qualifier, scope, as-of date and source.

``find_quantities(doc, ...)`` reads every quantity in a parsed article (digits and words, currency, units,
ranges); ``story_figure`` says which of them are numeric claims about the story. The ``figures`` component keeps
those (or every quantity with ``include_all_quantities=True``, the NewsQuant benchmark mode) as ``Figure`` records.

Conventions (see also ``resources/figures/*.json``):
- ``value`` is a float with scale applied ("1.2 million" -> 1200000); ranges keep the upper end in ``value_max``;
  fractions are shares ("a third" -> 0.333, unit "share"); percentages keep the number (unit "percent").
- Not figures: dates and years, clock times, numbers inside DATE/TIME/SET timexes, durations ("two months",
  "45-day", "several hours"), hyphenated classifiers ("three-phase"), ordinals, names and codes ("Game 2",
  "S23", "COVID-19"), vague amounts ("dozens", "thousands"), counts of the speakers of a statement ("two officials
  told AFP"), anaphoric small counts ("the two sides"), "one" as a pronoun.
- ``qualifier`` is normalized: at least | more than | about | nearly | up to | less than.
- ``source``: the subject of the reporting verb over the figure, "according to X", else a covering statement.
- ``as_of``: the date on that reporting verb ("said on Sunday"), "as of X", the statement date, else the DCT.
- ``scope``: "since <date>" when the since-clause's anchor event is dated in the article, else its phrase; or
  the event noun that caused the count ("Hamas's 2023 attack on southern Israel").
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from ...model import Figure, Statement, Timex
from .category import Counted, Previous, count_what
from .context import (NARRATOR, StatementIndex, TimeIndex, according_in_sentence, clause_date, find_as_of,
                      find_source, own_date, path_up, statement_source)
from .lexicon import FiguresLexicon, load_lexicon
from ..nlp import doc_text
from .kind import figure_kind
from .numbers import Num, find_numbers
from .scope import find_scope, one_day
from .scope_group import people_group, people_in, spent_on, tally_group, with_group
from .scope_period import sentence_quarter
from .scope_parts import THERE
from .source import resolve_source
from .units import attach_qualifiers, attach_units, merge_ranges
from ..registry import Component, Context, register

__all__ = ["Quantity", "find_quantities", "make_figures", "story_figure"]

_PRONOUNS = frozenset({"it", "they", "he", "she", "we", "i"})


@dataclass(slots=True)
class Quantity:
    """A quantity in an article, with everything the figures component reads around it."""

    num: Num
    counted: Counted
    text: str
    start: int
    end: int
    value: float
    value_max: float | None
    unit: str | None
    unit_kind: str | None
    category: str | None
    qualifier: str | None
    change: str
    noun: str | None
    source: str | None = None
    as_of: str | None = None
    scope: str | None = None
    claimed: str | None = None  # the day the figure was stated (as_of may be the day it refers to)
    story_skip: str | None = None  # why this quantity is not a story figure (None: it is one)
    kind: str | None = None  # rate | increment | cumulative | incident | total
    as_of_origin: str | None = None  # clause | own | event | reporting | statement | dct
    source_text: str | None = None  # the source as written, when ``source`` was resolved from it


def _not_a_quantity(doc: Doc, num: Num, times: TimeIndex, lex: FiguresLexicon, *, story: bool) -> str | None:
    """Why ``num`` is no quantity at all (dates, times, names, codes, list numbers), else None."""
    if num.skip:
        return num.skip
    prev = doc[num.first_i - 1] if num.first_i > 0 else None
    nxt = doc[num.last_i + 1] if num.last_i + 1 < len(doc) else None
    for i in range(num.first_i, num.last_i + 1):
        tx = times.by_token.get(i)
        if tx is None:
            continue
        if story or tx.type in ("DATE", "TIME") and not (num.unit is not None and num.unit.kind == "time"):
            return "timex"  # all quantities: keep "every 33 years" (SET), "Nine days later", "two years ago"
    first = doc[num.first_i]
    r = doc[num.root_i]
    if (prev is not None and prev.lower_ in lex.months) or (nxt is not None and nxt.lower_ in lex.months
                                                            and num.value <= 31 and num.unit is None):
        return "date"
    if nxt is not None and nxt.lower_ in lex.time_suffixes | {"o'clock", "a.m", "p.m"}:
        return "time"
    text = doc_text(doc)[num.start:num.end]
    counts_noun = r.dep_ in ("nummod", "quantmod") and r.head.pos_ == "NOUN" and r.head.tag_ in ("NNS", "NNPS")
    if (num.kind == "digits" and num.unit is None and num.value_max is None and text.isdigit() and len(text) == 4
            and 1800 <= num.value <= 2100 and not (counts_noun and r.head.i == num.last_i + 1)):
        return "year"
    if num.unit is None and not counts_noun and prev is not None and num.kind in ("digits", "words"):
        if prev.lower_ in lex.name_markers:
            return "name"
        if num.kind == "digits" and (prev.pos_ == "PROPN" or prev.is_title and prev.i != prev.sent.start
                                     and (prev.lower_,) not in lex.qualifiers_before and not prev.is_sent_start):
            return "name"
        if prev.text == "(" and nxt is not None and nxt.text == ")" and num.first_i >= 2 \
                and doc[num.first_i - 2].pos_ == "PROPN":
            return "name"
    if num.unit is None and r.dep_ in ("compound", "nummod") and r.head.pos_ == "PROPN" and r.head.i > r.i \
            and not r.head.tag_.endswith("S") and num.kind == "digits" and r.head.is_title:
        return "name"  # "90049 ZIP Code", "737 Max jets" (but "0.5 WAR", "300 PS" are units)
    if prev is not None and prev.text == "," and nxt is not None and nxt.text == "," and num.unit is None \
            and num.kind == "digits" and num.value < 120 and num.first_i >= 2 \
            and doc[num.first_i - 2].pos_ == "PROPN":
        return "age"  # "Jamie Armstrong, 25, said"
    if num.compound is not None and not story and (num.unit is None or num.unit.kind == "time"
                                                   and num.unit.name != "year of age"):
        return "compound"  # "three-phase", "45-day", "six-speed" (but "3.5-liter", "50-year-old")
    if story and prev is not None and (prev.lower_ in ("aged", "age", "ages") or prev.lower_ == "of" and
                                       num.first_i >= 2 and doc[num.first_i - 2].lemma_.lower() == "age"):
        return "age"  # "under the age of five", "children aged 12" (all quantities: NewsQuant counts ages)
    if first.is_sent_start or (prev is not None and prev.text.startswith("\n")):
        if nxt is not None and nxt.text in (".", ")") and num.kind == "digits":
            return "list"
    if text.lower() == "one" and r.dep_ != "nummod" and not any(
            c.dep_ == "prep" and c.lower_ == "of" for c in r.children):
        return "pronoun"
    if num.kind == "fraction" and num.unit is None and num.value == 1.0:
        return "pronoun"
    return None


def story_figure(doc: Doc, q: Quantity, lex: FiguresLexicon) -> str | None:
    """Why quantity ``q`` is not a numeric claim about the story, else None."""
    num, counted = q.num, q.counted
    r = doc[num.root_i]
    if num.kind in ("vague", "multiplicative"):
        return "vague"
    if num.compound is not None and num.compound not in lex.count_compounds:
        return "compound"  # "45-day", "three-phase" (but "a 136-strong mission" counts troops)
    if q.unit_kind == "time":
        return "duration"
    if doc_text(doc)[num.start:num.end].lower() == "one" and counted.noun is not None and not counted.inherited and \
            counted.noun.i < r.i:
        return "pronoun"
    if doc_text(doc)[num.start:num.end].lower() == "one" and any(c.lower_ == "of" for c in r.children):
        return "one of"
    noun = counted.noun
    if noun is not None and not counted.inherited:
        if noun.lemma_.lower() in lex.speaker_nouns and noun.dep_ in ("nsubj", "nsubjpass") and \
                noun.head.lemma_.lower() in lex.reporting_verbs:
            return "speakers"
        known = lex.classes_of(noun.lemma_) or lex.classes_of(noun.lower_)
        small = num.kind == "words" and num.value <= 10
        det = [c for c in noun.children if c.dep_ in ("det", "poss") and c.i < r.i]
        if det and det[0].lower_ in lex.definite_determiners and small and not known:
            return "anaphoric"  # "the two sides"
        if small and noun.dep_ == "pobj" and noun.head.lower_ in ("between", "among") and not known:
            return "anaphoric"  # "between the two countries"
        if small and noun.lemma_.lower() in lex.manner_nouns:
            return "manner"  # "in two stages", "in one batch"
        if small and q.category == lex.fallback_category and "person" in known and not _counted_subject(noun):
            return "mention"  # "he praised two local doctors" (but "four nationals were evacuated" counts)
    if doc_text(doc)[num.start:num.end].lower() == "one" and q.category == lex.fallback_category:
        return "one"  # "at least one required vaccine"
    if noun is None and q.unit is None and q.category == lex.fallback_category and counted.participle is None \
            and counted.subgroup is None:
        return "bare"  # (but "almost 100 rescued" says what happened to the people counted)
    return None


def _counted_subject(noun: Token) -> bool:
    """People counted as what a passive clause or an "among those ..." clause is about: "six people were
    evacuated", "four nationals were among those rescued" (a claim, not a passing mention)."""
    if noun.dep_ == "nsubjpass":
        return True
    return noun.dep_ == "nsubj" and noun.head.lemma_ == "be" and any(
        c.dep_ == "prep" and c.lower_ == "among" and any(o.dep_ == "pobj" and any(
            k.dep_ in ("acl", "relcl") for k in o.children) for o in c.children)
        for c in noun.head.children)


def find_quantities(
    doc: Doc,
    *,
    timexes: Sequence[Timex] = (),
    statements: Sequence[Statement] = (),
    dct: str | None = None,
    include_all: bool = False,
    lex: FiguresLexicon | None = None,
) -> list[Quantity]:
    """Every quantity in ``doc`` with its reading; ``story_skip`` is None for the story figures.

    With ``include_all`` durations in timexes are kept (they are quantities, not story figures).
    """
    try:
        return _find_quantities(doc, timexes, statements, dct, include_all, lex or load_lexicon())
    finally:  # the per-doc caches of figures.numbers are not part of the parse
        doc.user_data.pop("dateline.text", None)
        doc.user_data.pop("dateline.starts", None)


def _find_quantities(doc: Doc, timexes: Sequence[Timex], statements: Sequence[Statement], dct: str | None,
                     include_all: bool, lex: FiguresLexicon) -> list[Quantity]:
    times = TimeIndex.build(doc, timexes, dct)
    nums = find_numbers(doc, lex)
    nums = merge_ranges([x for x in nums if not x.skip], doc, lex)
    attach_units(nums, doc, lex)
    attach_qualifiers(nums, doc, lex)
    covering = StatementIndex(statements)
    out: list[Quantity] = []
    previous = Previous()
    last: list[Quantity] = []  # the latest figure with a named source, for "..., it said"
    for num in sorted(nums, key=lambda x: x.start):
        if _not_a_quantity(doc, num, times, lex, story=not include_all):
            continue
        counted = count_what(doc, num, previous, lex)
        previous.append((num, counted))
        start = num.span_start
        q = Quantity(
            num=num, counted=counted, text=doc_text(doc)[start:num.end], start=start, end=num.end, value=num.value,
            value_max=num.value_max, unit=num.unit.name if num.unit else ("share" if num.kind == "fraction" else None),
            unit_kind=num.unit.kind if num.unit else None, category=counted.category, qualifier=num.qualifier,
            change=num.change, noun=counted.noun.text if counted.noun is not None else None,
        )
        q.story_skip = story_figure(doc, q, lex)
        if q.story_skip and not include_all:
            continue
        _attribute(doc, q, times, covering, lex, last[-1] if last else None)
        if q.scope == THERE:
            q.scope = next((p.scope for p in reversed(out) if p.scope and not p.scope.startswith(("on ", "since "))
                            and q.start - p.end < 400), None)
        if q.source and q.source.lower() not in _PRONOUNS:
            last.append(q)
        out.append(q)
    _inherit_parenthetical_qualifier(doc, out)
    return out


def _source(doc: Doc, q: Quantity, anchor: Token, path: list[Token], times: TimeIndex,
            statements: StatementIndex, lex: FiguresLexicon, before: Quantity | None) -> tuple[str | None, str | None]:
    """(source, claimed day) from the reporting verb over the figure, 'according to X', the statement the figure
    sits in, or the figure before ('..., it said'); sets ``q.as_of_origin`` to where the claimed day came from."""
    source, verb = find_source(path, lex)
    claimed = find_as_of(path, verb, times, lex)
    q.as_of_origin = "reporting" if claimed else None
    if source == NARRATOR:
        return None, claimed  # another actor's fact beside the report ('..., while Italy withdrew 300 soldiers')
    if source is None:
        source = according_in_sentence(anchor.sent)
    pronoun = source is not None and source.lower() in _PRONOUNS
    st = statements.covering(q.start, q.end)
    close_before = before is not None and anchor.sent.start - doc[before.num.root_i].sent.start <= 120
    if pronoun and before is not None and close_before and source.lower() in ("it", "they"):  # type: ignore[union-attr]
        # "..., it said": the ministry of the figure before
        source, claimed = before.source, claimed or before.claimed
        q.source_text = before.source_text
    elif st is not None and (source is None or pronoun):
        source = statement_source(st, doc_text(doc), lex) or source  # "he said" -> the statement's resolved speaker
        if not claimed and st.date:
            claimed, q.as_of_origin = st.date[:10], "statement"
    if source is not None:
        named = resolve_source(doc, source, anchor.sent, anchor.i, times, lex)
        if named is not None:  # "the company" -> BP; the surface form is kept
            q.source_text, source = source, named
    return source, claimed


def _attribute(doc: Doc, q: Quantity, times: TimeIndex, statements: StatementIndex,
               lex: FiguresLexicon, before: Quantity | None) -> None:
    anchor = q.counted.anchor if q.counted.anchor is not None else doc[q.num.root_i]
    path = path_up(anchor)
    q.source, claimed = _source(doc, q, anchor, path, times, statements, lex, before)
    q.claimed = claimed or (times.dct[:10] if times.dct else None)
    extra = [q.counted.noun] if q.counted.noun is not None and q.counted.noun is not anchor \
        and not q.counted.inherited and not _other_clause(q.counted.noun, anchor) else []
    if anchor.i != q.num.root_i:
        extra.append(doc[q.num.root_i])  # the number's own modifiers: '1,000 or so worldwide swine flu cases'
    q.scope = find_scope(path, times, claimed, lex, extra, keep_topic=True)
    day = q.scope[3:] if q.scope and q.scope.startswith("on ") and q.scope[3:7].isdigit() else None  # not 'on Israel'
    if q.category == lex.fallback_category and day and one_day(path, times, lex, own_clause=True) != day:
        q.scope = None  # '9,200 tonnes' on tankers damaged on Sunday: a day, but no one-day count
    own = own_date(path, times, lex)
    clause = None if own or day else clause_date(path, times, lex)
    # "up from 48 on Tuesday"; a one-day count is as of that day; "killed ... a day earlier"; the claim's day
    q.as_of = own or day or clause or q.claimed
    q.as_of_origin = "own" if own else "scope" if day else "clause" if clause else \
        (q.as_of_origin if claimed else "dct")
    q.kind = figure_kind(doc, q.num, path, q.counted.noun if not q.counted.inherited else None, q.scope,
                         q.category, lex)
    if q.scope and "since " in q.scope or day and not _alone(anchor, times):
        # the kind saw the window and the day; a topic window is no scope, nor is a point date (v2: the as-of),
        # unless the count is that day's alone ('on Tuesday alone')
        q.scope = find_scope(path, times, claimed, lex, extra, one_day_ok=False)
    elif day and q.scope:  # 'killed in Misrata on Tuesday alone': the place too
        where = find_scope(path, times, claimed, lex, extra, one_day_ok=False)
        q.scope = f"{where}, {q.scope} alone" if where and where != THERE else f"{q.scope} alone"
    noun = q.counted.noun if not q.counted.inherited and not (  # an elided conjunct shares its people
        q.counted.noun is not None and _other_clause(q.counted.noun, anchor, ("advcl", "parataxis"))) else None
    q.scope = with_group(q.scope, people_group(noun, lex) or people_in(noun, lex) or tally_group(noun, lex))
    q.scope = with_group(q.scope, q.counted.subgroup)  # 'among them six policemen', 'eight of them children'
    if q.unit_kind == "currency":
        q.scope = with_group(q.scope, spent_on(path, lex))
    if q.unit_kind in ("currency", "percent") and not (q.scope and any(
            w in q.scope for w in ("quarter", "half", "since ", "past", "last"))):
        q.scope = with_group(q.scope, sentence_quarter(anchor, q.as_of))  # 'second-quarter results


def _clause_of(tok: Token) -> Token | None:
    return next((a for a in tok.ancestors if a.pos_ in ("VERB", "AUX")), None)


def _other_clause(noun: Token, anchor: Token, deps: tuple[str, ...] = ("conj", "advcl", "parataxis")) -> bool:
    """The counted noun was read off an earlier conjunct clause ('killed 16 people in Mexico and sickened more than
    600 in 15 countries'): it says what is counted, but its own phrases are the other clause's, not this figure's."""
    verb, own = _clause_of(noun), _clause_of(anchor)
    return noun.i < anchor.i and verb is not None and own is not None and verb.i != own.i and \
        own.dep_ in deps and own.head.i == verb.i  # '..., while X reports 27 wounded in Suez'


def _alone(anchor: Token, times: TimeIndex) -> bool:
    """'... on Tuesday alone': a date in the figure's sentence followed by 'alone'."""
    return any(t.lower_ == "alone" and t.i > 0 and t.i - 1 in times.by_token for t in anchor.sent)


def _inherit_parenthetical_qualifier(doc: Doc, out: list[Quantity]) -> None:
    """'about 85 billion roubles ($830 million)': the converted amount has the same qualifier; an amount of money
    converted to another currency has the same source, dates and scope."""
    for a, b in zip(out, out[1:]):
        between = doc_text(doc)[a.end:b.start]
        if not ("(" in between or "-LRB-" in between) or len(between) > 20:
            continue
        if b.qualifier is None and a.qualifier is not None:
            b.qualifier, b.change = a.qualifier, a.change
        if a.unit_kind == "currency" and b.unit_kind == "currency" and a.unit != b.unit:
            b.source, b.source_text, b.claimed, b.as_of, b.as_of_origin = \
                a.source, a.source_text, a.claimed, a.as_of, a.as_of_origin
            a.scope = b.scope = a.scope or b.scope  # the parse may reach the scope from either


@register("figures", reads=("timexes", "statements", "dct"), assigns=("figures",))
def make_figures(include_all_quantities: bool = False) -> Component:
    """The figures component; ``include_all_quantities`` keeps every quantity (benchmark mode)."""
    lex = load_lexicon()

    def figures_component(doc: Doc, ctx: Context) -> None:
        for q in find_quantities(doc, timexes=ctx.timexes, statements=ctx.statements, dct=ctx.article.dct,
                                 include_all=include_all_quantities, lex=lex):
            ctx.figures.append(Figure(
                article_id=ctx.article.id, text=q.text, start=q.start, end=q.end, value=q.value,
                category=q.category, qualifier=q.qualifier, as_of=q.as_of, source=q.source, scope=q.scope,
                unit=q.unit, value_max=q.value_max, noun=q.noun, kind=q.kind, as_of_origin=q.as_of_origin,
                source_text=q.source_text,
            ))

    return figures_component
