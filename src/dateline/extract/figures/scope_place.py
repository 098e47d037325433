"""Where and among whom a figure holds: the place, subgroup, event or period written around it ("in Homs", "of the
peacekeeping mission", "in the Eaton fire", "in the past 24 hours"), read from the figure, its noun and its clause
(the since-clauses and one-day scopes are in ``figures.scope``)."""
from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Token

from ..entities.kb import load_kb, normalize
from .context import path_up, phrase
from .lexicon import FiguresLexicon
from .scope_group import GENERIC_PEOPLE, bracket_group, share_holder, share_of
from .scope_names import PLACE_NOUNS as _PLACE_NOUNS
from .scope_names import PLACE_PREPS as _PLACE_PREPS
from .scope_names import described_place, owned
from .scope_names import entity_text as _entity_text
from .scope_names import gazetteer_name as _gazetteer_name
from .scope_names import place_named as _place_named
from .scope_names import shared_place as _shared_place
from .scope_parts import _GROUP_NOUNS, _PLACE_LABELS, THERE, _actor_place, _included_in, _money, \
    _of_chain, _there, _where, is_topic_event, partitive_whole, predicate_group, topic_event_lemmas
from .scope_period import period as _period


def fronted(verb: Token) -> list[Token]:
    """Modifiers written before a first conjunct's subject scope over the whole coordination ('Since 2003 two
    Estonians have been killed and 10 wounded', 'In Homs, 20 were killed and 30 wounded'): the prepositions among
    them, returned for a later conjunct that comes up through ``verb``."""
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None:
        return []
    return [c for c in verb.children if c.dep_ == "prep" and c.i < subj.left_edge.i]


# prepositions on the counted noun that restrict it to a subgroup: "16 members of the peacekeeping mission",
# "100-150 people from its mission", "among them 30 children"
_SUBGROUP_PREPS = frozenset({"of", "from", "among", "aboard"})
# prepositions that name a place only with a named place as object ('on the Gulf coast', not 'on the issue')
_NAMED_ONLY = frozenset({"on"})
# verbs whose object is where the counted thing went: 'litres of oil have entered the Gulf'
_ARRIVAL_VERBS = frozenset({"enter", "reach"})
# what a tally counts ('the Mexican death toll', "Peru's confirmed cases"): a place named on it is where it holds
_TALLY_CLASSES = frozenset({"death", "case", "injury"})
# verbs whose object is where the counted people or things left: 'have fled Libya'
_DEPARTURE_VERBS = frozenset({"flee", "leave", "escape", "evacuate"})
# the whole world written as a noun: 'across the world', 'around the globe'
_WORLD_NOUNS = frozenset({"world", "globe"})


def place_or_event(path: list[Token], extra: Sequence[Token], lex: FiguresLexicon, *,
                   actor: bool = True) -> str | None:
    """'in Australia', 'in 73 countries' on the figure, its noun or the verbs above it (up to a reporting verb):
    the place; 'in the Eaton fire' / 'in a ferry disaster': the event. ``actor``: when nothing else is found, the
    place of the people who report or act on it (left out beside a window or a cause, which restrict it already)."""
    toks = [*path[:1], *extra]
    if path[0].like_num:  # '27 wounded in Suez': a participle on the bare number is the figure's own predicate
        toks.extend(c for c in path[0].children if c.dep_ == "acl" and c.tag_ == "VBN")
    reporter = -1
    inherited: str | None = None  # the place of a first conjunct whose subject a later one shares
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
                return _there(next(c for c in t.children if c.lower_ == "there"))  # 'had recorded 186 cases
                # there' ('said in Geneva' is where it was said)
            if path[k - 1].dep_ in ("dobj", "nsubjpass"):
                toks.append(t)  # the figure is what is reported: 'has confirmed 1,200 cases in 30 countries',
                # '220 cases have been confirmed in Canada'
                reporter = t.i  # whose subject is the source, not a place ('Texas reported 198 cases')
            break
        toks.append(t)
        if t.pos_ in ("VERB", "AUX") and inherited is None:
            inherited = _shared_place(t)
        if t.pos_ in ("VERB", "AUX"):
            # 'the death toll in Gaza rose to 50,000', 'the number of cases in Australia passes 1,200': the
            # measured subject's place
            measured = ("nsubj", "nsubjpass", "dobj") if path[k - 1].dep_ == "prep" and path[k - 1].lower_ == "to" \
                else ("nsubj", "nsubjpass")  # 'bringing the UK total to 15': the object raised to the figure
            for subj in (c for c in t.children if c.dep_ in measured and c.i not in {p.i for p in path}):
                chain = _of_chain(subj)  # 'the estimate of the amount of oil flowing into ...': measured too
                if any(n.lemma_.lower() in lex.container_nouns or lex.classes_of(n.lemma_) for n in chain
                       if n.pos_ in ("NOUN", "PROPN")):
                    toks.extend(chain)
            break  # the figure's own clause ('talks in Cairo on releasing ten hostages' is another's place)
    seen: set[int] = {t.i for t in path}
    share = share_of(path) or bracket_group(path[0]) or share_holder(path)
    if share is not None:
        return share
    said = predicate_group(path, lex)
    if said is not None:  # 'of the 233 people on board the flight, 106 were foreigners': the whole's place too
        whole = partitive_whole(path[:2])
        place = _place([whole], seen | {whole.i}, [whole], lex, -1) if whole is not None else None
        return f"{place}, {said}" if place else said
    group = _subgroup(toks[:1 + len(extra)], lex)
    place = _place(toks, seen, path, lex, reporter)
    if place == THERE:
        return THERE
    where = _where(toks)
    if place is None:
        place = where
    elif where is not None and where.lower() not in place.lower():
        place = f"{where}, {place}"  # 'Brega, where 7 rebels died in the fighting': the place and the event
    if place is None:
        place = inherited or _participle_event(toks[:1 + len(extra)], lex)
    if place is None and group is None:
        whole = partitive_whole(path[:2])
        if whole is not None:  # "of the 233 people on board the flight, 106 were foreigners": the whole's scope
            place = _place([whole], seen | {whole.i}, [whole], lex, -1) or _subgroup([whole], lex)
    # a place and a period together: 'killed in Misrata in the past 24 hours' -> 'in Misrata, in the past 24 hours'
    parts = [x for x in (place or group, _period(toks, seen)) if x]
    if not parts:
        parts = [x for x in [front_of_sentence(path, seen, lex)] if x]
    if not parts:
        parts = [x for x in [_host_place(path, seen, lex)] if x]
    if not parts and actor and not _money(path[0]):
        parts = [x for x in [_actor_place(path, lex)] if x]
    if not parts:
        whole = _included_in(path)
        if whole is not None:  # '11,168 cases in 42 countries, including 86 deaths': the whole's place
            got = place_or_event(path_up(whole), [], lex)
            return None if got == THERE else got
    return ", ".join(parts) if parts else None


def _host_place(path: list[Token], seen: set[int], lex: FiguresLexicon) -> str | None:
    """A participle clause that tells what an act did ('shelled the western town of Yafran, killing 12 people',
    'bombed a bunker in Tripoli, wounding 20'): the count happened where its host verb's act did -- the host's
    place phrase, or its object when that is a named place or a place noun naming one ('the town of Yafran')."""
    k = next((k for k, t in enumerate(path[1:4], 1) if t.pos_ == "VERB"), 0)
    verb = path[k]
    if k == 0 or verb.dep_ != "advcl" or verb.tag_ != "VBG" or path[k - 1].dep_ != "dobj" or \
            any(c.dep_ in ("nsubj", "mark") for c in verb.children):
        return None  # the count is what the act did ('killing 12 people'), not a total it brought ('to 50,277')
    host = verb.head
    if host.pos_ != "VERB" or host.lemma_.lower() in lex.reporting_verbs:
        return None
    for c in host.children:
        if c.dep_ == "dobj" and c.i not in seen:
            named = c if c.ent_type_ in ("GPE", "LOC") else _place_named(c)
            if named is not None:
                return f"in {_entity_text(named)}"
    return next((got for c in host.children if c.dep_ == "prep" and c.lower_ in _PLACE_PREPS and c.i not in seen
                 for got in [_prep_place(c, lex)] if got), None)  # 'bombed a bunker in Tripoli, wounding 20'


def _participle_event(nouns: Sequence[Token], lex: FiguresLexicon) -> str | None:
    """A participle on the counted noun is its predicate: '80 people wounded in the shelling' -> the event (an event
    noun in its 'in'/'during' phrase; its places are left alone: 'hostages held in Gaza' is where all are)."""
    for x in nouns:
        if x.pos_ not in ("NOUN", "PROPN"):
            continue
        for v in x.children:
            if v.dep_ != "acl" or v.tag_ != "VBN" or v.i < x.i:
                continue
            for c in v.children:
                if c.dep_ == "prep" and c.lower_ in ("in", "during"):
                    ev = next((p for p in c.children if p.dep_ == "pobj" and p.lemma_.lower() in lex.event_nouns),
                              None)
                    if ev is not None:
                        return f"{c.lower_} {phrase(ev).text}"
    return None


def front_of_sentence(path: list[Token], seen: set[int], lex: FiguresLexicon) -> str | None:
    """A place, event or period set before the subject of the sentence's main clause holds for every figure in it
    ('In Mexico, health officials said 20 ...', 'During the past six months this has led to the capture of 63
    Saudis')."""
    root = path[-1]
    for c in fronted(root):
        if c.i in seen:
            continue  # the figure is inside it
        got = (_prep_place(c, lex) if c.lower_ in _PLACE_PREPS else None) or _period([root], seen | {
            x.i for x in root.children if x.i != c.i})
        if got is not None:
            return got
    return None


def _place(toks: Sequence[Token], seen: set[int], path: list[Token], lex: FiguresLexicon, reporter: int) -> str | None:
    """The place (or event) on the figure, its noun or its clause; ``THERE`` for 'there'."""
    fig = path[0].i
    for t in toks:
        children = list(t.children)
        if t.pos_ == "NOUN" and t.i != fig:
            # a list hung flat on one noun ('one: 900 dead in a ferry disaster, 270 dead in a train fire'): the
            # phrase right after the figure first
            children.sort(key=lambda c: (c.i < fig, abs(c.i - fig)))
        for c in children:
            if c.i > fig and any(x.text == ";" for x in t.doc[fig:c.i]):
                continue  # past a semicolon: another item of a list ('... killed 2,000; in 1843, a quake ...')
            if c.dep_ == "advmod" and c.lower_ == "there" and t.pos_ in ("VERB", "AUX"):
                return _there(c)  # 'recorded 186 cases there': the place named before
            if c.dep_ in ("advmod", "npadvmod", "amod") and c.lower_ in lex.place_adverbs:
                return c.lower_  # 'infected more than 5,000 worldwide', '1,000 worldwide swine flu cases'
            if c.dep_ == "dobj" and t.lemma_.lower() in _ARRIVAL_VERBS and (c.ent_type_ in ("GPE", "LOC") or
                                                                             _gazetteer_name(c)) and \
                    c.i not in seen:
                return f"into {_entity_text(c)}"
            if c.dep_ == "dobj" and t.lemma_.lower() in _DEPARTURE_VERBS and c.ent_type_ in ("GPE", "LOC") and \
                    c.i not in seen:
                return f"from {_entity_text(c)}"  # '200,000 people have fled Libya'
            if c.dep_ == "prep" and c.lower_ == "from" and t.lemma_.lower() in _DEPARTURE_VERBS and c.i not in seen:
                for p in c.children:
                    if p.dep_ == "pobj" and (p.ent_type_ in ("GPE", "LOC") or _gazetteer_name(p)):
                        return f"from {_entity_text(p)}"  # '1,000 foreigners were evacuated from Benghazi'
                    if p.dep_ == "pobj" and any(x.ent_type_ in ("GPE", "LOC") for x in phrase(p)):
                        return f"from {phrase(p).text}"  # 'from the coast of Louisiana'
            if t.pos_ == "NOUN" and c.i < t.i and c.dep_ in ("compound", "poss", "amod") and not _money(path[0]) \
                    and (t.lemma_.lower() in lex.container_nouns or lex.classes_of(t.lemma_) & _TALLY_CLASSES):
                country = _named_country(c)
                if country is not None:  # 'the Mexican death toll', "Peru's confirmed cases"
                    return f"in {country}"
            if c.dep_ in ("nsubj", "nsubjpass") and c.i not in seen and t.pos_ in ("VERB", "AUX") and \
                    c.lemma_.lower() in _PLACE_NOUNS | {"nation"} and any(n.dep_ == "nummod" for n in c.children):
                return f"in {phrase(c).text}"  # '42 countries had recorded 11,168 cases': a count of places
            if c.dep_ in ("nsubj", "nsubjpass") and c.i not in seen and t.pos_ in ("VERB", "AUX") and \
                    t.i != reporter and not _money(path[0]):  # 'Saudi Arabia has spent $1.2bn': the payer
                named = c if c.ent_type_ in ("GPE", "LOC") else _place_named(c)
                if named is not None:  # 'Victoria ... are the worst-hit with', 'the nation of Egypt is home to'
                    return f"in {_entity_text(named)}"
            if c.dep_ == "prep" and c.lower_ == "on" and c.i not in seen:
                board = next((b for b in c.children if b.lower_ == "board"), None)
                obj = _vessel(board) if board is not None else None
                if obj is not None:
                    return f"aboard {phrase(obj).text}"  # "233 people on board the flight from Tokyo"
            if c.dep_ == "prep" and c.lower_ == "to" and t.pos_ == "VERB" and c.i not in seen and \
                    lex.classes_of(path[0].lemma_) & {"person", "worker", "force"}:
                # "sending an extra 3,500 troops to Haiti": where people go ("rose to 50" and "sent 2,000 doses
                # to Texas" are no scope)
                dest = next((p for p in c.children if p.dep_ == "pobj" and p.ent_type_ in ("GPE", "LOC")), None)
                if dest is not None:
                    ent = next((e for e in dest.doc.ents if e.start <= dest.i < e.end), None)
                    return f"to {ent.text if ent is not None else dest.text}"
            if c.dep_ == "prep" and c.lower_ in ("of", "from") and t.pos_ == "NOUN" and c.i not in seen:
                # 'deaths from the virus in Mexico', 'cases of swine flu in Peru': the place on the noun's cause
                got = next((_prep_place(g, lex) for p in c.children if p.dep_ == "pobj" and not p.like_num
                            for g in p.children if g.dep_ == "prep" and g.lower_ in _PLACE_PREPS), None)
                if got is not None:
                    return got
            if c.dep_ == "prep" and c.lower_ in _CAUSE_PREPS and c.i not in seen:
                got = _cause_event(c, lex)
                if got is not None:  # 'claims of $167m from the Chilean earthquake', 'fined over a refinery blast'
                    return got
            if c.dep_ != "prep" or c.lower_ not in _PLACE_PREPS or c.i in seen:
                continue
            if c.lower_ in ("among", "aboard"):  # "among them 30 children", "aboard the ferry"
                obj = next((p for p in c.children if p.dep_ == "pobj" and p.pos_ in ("NOUN", "PROPN") and
                            p.lemma_.lower() not in GENERIC_PEOPLE and p.lower_ not in GENERIC_PEOPLE and
                            (c.lower_ == "aboard" or p.pos_ == "PROPN" or p.ent_type_ in ("NORP", "GPE", "ORG") or
                             lex.classes_of(p.lemma_) & {"person", "worker", "force"})), None)
                # ('among other things' is no one: 'among' names people)
                # ('among the dead', 'among the victims' say what is counted, the category)
                if obj is not None:
                    return f"{c.lower_} {phrase(obj).text}"
                continue
            got = _prep_place(c, lex)
            if got is not None:
                return got
    return None


# prepositions whose object is the event a count comes from ('losses from the storm', 'fined over the blast')
_CAUSE_PREPS = frozenset({"from", "over", "by"})
_EVENT_MARKS = frozenset({"GPE", "LOC", "NORP", "DATE", "EVENT", "FAC"})


def _cause_event(c: Token, lex: FiguresLexicon) -> str | None:
    """The particular event a 'from' / 'over' / 'by' phrase names as the count's cause: an event noun that is not
    the article's topic event, unless a place, people or date marks it as another one ('the Chilean earthquake'
    in a spill story; 'a 2005 refinery explosion')."""
    for p in c.children:
        lemma = p.lemma_.lower()
        if p.dep_ != "pobj" or lemma not in lex.event_nouns:
            continue
        marked = any(m.ent_type_ in _EVENT_MARKS for m in p.subtree if m.i < p.i)
        if is_topic_event(p, lex) or lemma in topic_event_lemmas(p.doc, lex) and not marked:
            return None  # 'deaths from the virus', 'costs from the BP oil spill' in that story: its default
        return f"{c.lower_} {owned(p)}"
    return None


def _named_country(mod: Token) -> str | None:
    """The place a noun's modifier names: a place name ('Gaza death toll', "Peru's cases") or a state's demonym
    ('the Mexican death toll' -> Mexico, guideline v2)."""
    if mod.ent_type_ in ("GPE", "LOC"):
        return _entity_text(mod)
    if mod.ent_type_ == "NORP" and mod.dep_ == "amod":
        actor = load_kb().demonyms.get(normalize(mod.text))
        return actor.name if actor is not None and actor.kind == "state" else None
    return None


def _vessel(board: Token) -> Token | None:
    """The noun after 'on board' ('on board the flight from Tokyo'), however the parse hung it."""
    obj = next((o for o in board.children if o.dep_ in ("dobj", "pobj")), None)
    if obj is not None:
        return obj
    doc = board.doc
    nxt = board.i + 1
    return next((t for t in doc[nxt:min(nxt + 6, len(doc))] if t.pos_ in ("NOUN", "PROPN") and
                 t.left_edge.i == nxt and t.head.i != t.i and not (t.head.i > t.i and t.dep_ == "compound")), None)


# nouns of compound prepositions ('in addition to', 'in response to', 'in exchange for', 'in terms of')
_COMPLEX_PREP_NOUNS = frozenset({"addition", "response", "spite", "terms", "term", "favour", "favor", "exchange",
                                 "return", "line", "order", "light", "view", "lieu", "accordance", "connection",
                                 "relation", "regard", "respect", "charge", "contrast", "comparison", "total"})


def _prep_place(c: Token, lex: FiguresLexicon, depth: int = 0) -> str | None:
    """The place or event a place preposition's object names: 'in Homs', 'in the Eaton fire'; through the object's
    own place phrase ('at a hospital in Homs' -> 'in Homs')."""
    for p in c.children:
        if p.dep_ != "pobj" or p.ent_type_ in ("DATE", "TIME") or p.lemma_.lower() in _COMPLEX_PREP_NOUNS:
            continue  # 'in addition to', 'in response to': a compound preposition, no place
        if c.lower_ in _NAMED_ONLY:
            if any(t.ent_type_ in _PLACE_LABELS for t in phrase(p)):
                return f"{c.lower_} {phrase(p).text}"
            continue
        place = p if p.ent_type_ in _PLACE_LABELS or _gazetteer_name(p) else next(
            (a for a in p.children if a.dep_ == "appos" and a.ent_type_ in _PLACE_LABELS), None)
        if place is not None:  # "in Homs", "in the disease epicentre, Mexico"
            return f"{c.lower_} {_entity_text(place)}"
        if p.lemma_.lower() in _WORLD_NOUNS and any(d.lower_ == "the" for d in p.children):
            return f"{c.lower_} the {p.text}"  # 'infected 4,379 people across the world'
        if p.lemma_.lower() in _PLACE_NOUNS | {"nation"} and any(n.dep_ == "nummod" for n in p.children):
            return f"{c.lower_} {phrase(p).text}"  # 'across 21 EU member states', 'in 19 states': a count of places
        if p.lemma_.lower() in _PLACE_NOUNS:
            named = described_place(p)
            if named is not None:  # "250,000 pigs inside the country" (Egypt, named before)
                return f"{c.lower_} {named}"
        if p.lemma_.lower() in lex.event_nouns and is_topic_event(p, lex):
            continue  # 'caught up in the spill' in a spill story: the story's default (v2), no scope
        if p.lemma_.lower() in lex.event_nouns or p.lemma_.lower() == "country" or \
                any(t.ent_type_ in _PLACE_LABELS for t in phrase(p)):
            return f"{c.lower_} {owned(p)}"  # "in the Eaton fire", "in Libya's east", "in its offensive"
        if depth == 0:
            got = next((x for g in p.children if g.dep_ == "prep" and g.lower_ in _PLACE_PREPS
                        for x in [_prep_place(g, lex, 1)] if x), None)
            if got is not None:  # 'treated at a hospital in Homs'
                return got
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
                if p.dep_ == "pobj" and (p.ent_type_ in ("GPE", "LOC") or _gazetteer_name(p)) and \
                        c.lower_ in ("of", "from"):
                    # 'residents of Homs', 'people from Misrata': where the counted people are from
                    return f"{'in' if c.lower_ == 'of' else c.lower_} {_entity_text(p)}"
                if p.dep_ == "pobj" and not p.like_num and p.pos_ in ("NOUN", "PROPN") and \
                        not lex.classes_of(p.lemma_) & {"person"} and (
                        c.lower_ != "of" or p.lemma_.lower() in _GROUP_NOUNS or p.ent_type_ in ("ORG", "NORP")):
                    return f"{c.lower_} {owned(p)}"  # 'from its mission' -> "from UN's mission"
    return None
