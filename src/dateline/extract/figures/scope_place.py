"""Where and among whom a figure holds: the place, subgroup, event or period written around it ("in Homs", "of the
peacekeeping mission", "in the Eaton fire", "in the past 24 hours"), read from the figure, its noun and its clause
(the since-clauses and one-day scopes are in ``figures.scope``)."""
from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Token

from .context import phrase
from .lexicon import FiguresLexicon


def fronted(verb: Token) -> list[Token]:
    """Modifiers written before a first conjunct's subject scope over the whole coordination ('Since 2003 two
    Estonians have been killed and 10 wounded', 'In Homs, 20 were killed and 30 wounded'): the prepositions among
    them, returned for a later conjunct that comes up through ``verb``."""
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None:
        return []
    return [c for c in verb.children if c.dep_ == "prep" and c.i < subj.left_edge.i]


_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
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
