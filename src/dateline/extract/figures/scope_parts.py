"""Readings around a figure's clause for its scope (issue 20, guideline v2): what a counted part is said to be
(a share's copula, its age band), the whole of a partitive or an 'including'/'with' part, the measured subject's
of-chain, the place of a 'where' clause, of 'there', of the people who report or act on a count, and the article's
topic event (no scope); split out of ``figures.scope_place``."""
from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc, Token

from .lexicon import FiguresLexicon
from .scope_group import GENERIC_PEOPLE
from .scope_names import entity_text as _entity_text
from .scope_names import gazetteer_name as _gazetteer_name

THERE = "<there>"  # resolved by the component to the place scope of the figure before
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# an 'of' subgroup names a body of people ('members of the peacekeeping mission'), not a thing ('of the tanker')
_GROUP_NOUNS = frozenset({"mission", "force", "forces", "contingent", "team", "group", "party", "delegation", "army",
                          "staff", "unit", "organisation", "organization", "community", "population", "movement",
                          "militia", "police", "government", "parliament", "coalition", "alliance", "union"})


def _actor_place(path: list[Token], lex: FiguresLexicon) -> str | None:
    """Where the people who count or act on the figure are, when the figure has no place of its own: 'health
    officials in Britain have confirmed 15 cases', 'authorities in Egypt ordered the slaughter of 300,000 pigs',
    'doctors in Misrata said 20 were killed' -- the subject of the figure's clause or of the reporting verb over it,
    a noun of people or a body with 'in <named place>'."""
    on_path = {t.i for t in path}
    # a state's official counts people or cases in it; its trucks or goods may be anywhere ("Israel's COGAT said 93
    # trucks")
    tally = path[0].like_num or bool(lex.classes_of(path[0].lemma_) & {"person", "death", "case", "injury"})
    verbs = 0
    for t in path[1:]:
        if t.pos_ not in ("VERB", "AUX"):
            continue
        verbs += 1
        for subj in (c for c in t.children if c.dep_ == "nsubj" and c.i not in on_path and c.pos_ in ("NOUN", "PROPN")
                     and c.ent_type_ not in _PLACE_LABELS):
            poss = next((c for c in subj.children if c.dep_ == "poss" and c.ent_type_ in ("GPE", "LOC")), None)
            if poss is not None and t.lemma_.lower() in lex.reporting_verbs and tally:
                return f"in {_entity_text(poss)}"  # "Mexico's health minister said the toll had risen to 22"
            classes = lex.classes_of(subj.lemma_) | lex.classes_of(subj.lower_) | lex.classes_of(subj.lower_[:-1])
            if not (classes & {"person", "worker", "force"} or subj.ent_type_ == "ORG" or
                    subj.lemma_.lower() in _GROUP_NOUNS | {"authority", "ministry", "department", "official"}):
                continue
            for c in subj.children:
                if c.dep_ == "prep" and c.lower_ == "in":
                    obj = next((p for p in c.children if p.dep_ == "pobj" and
                                (p.ent_type_ in ("GPE", "LOC") or _gazetteer_name(p))), None)
                    if obj is not None:
                        return f"in {_entity_text(obj)}"
        if t.lemma_.lower() in lex.reporting_verbs or verbs >= 2:
            return None
    return None


def _included_in(path: list[Token]) -> Token | None:
    """The whole an 'including N' part belongs to: the noun the phrase is on, or the object of the verb the parse
    hung it on ('recorded 11,168 cases, including 86 deaths'); a later conjunct is in it too ('with 12 deaths and 507
    hospitalisations')."""
    while len(path) > 3 and path[0].dep_ == "conj" and path[1].pos_ in ("NOUN", "PROPN"):
        path = path[1:]
    if len(path) < 3 or path[1].dep_ != "prep" or path[1].lower_ not in ("including", "with"):
        return None
    head = path[2]
    if head.pos_ in ("NOUN", "PROPN"):
        return head  # '8,585 US cases, with 12 deaths'
    if head.pos_ in ("VERB", "AUX"):
        return next((c for c in head.children if c.dep_ in ("dobj", "nsubjpass", "attr") and c.i < path[1].i and
                     c.pos_ in ("NOUN", "PROPN")), None)
    return None


_AMOUNT_LABELS = frozenset({"MONEY", "PERCENT", "CARDINAL", "QUANTITY", "DATE", "TIME"})


def predicate_group(path: list[Token], lex: FiguresLexicon) -> str | None:
    """What the counted part is said to be when the figure is the subject of 'be': people ('106 were foreigners');
    for a share also a property ('almost 30% were obese', '13% had cardiovascular problems'), while a count's
    adjective is its state, the category itself ('35 are dead', '14 are safe')."""
    k = 1 if len(path) > 2 and path[0].dep_ in ("nummod", "quantmod") else 0  # '30 %' / '106'
    if len(path) > 3 and path[0].dep_ == "pobj" and path[1].lower_ == "of" and path[2].like_num:
        k = 2  # 'nine of the victims were children': the counted noun of a partitive
    if len(path) < k + 2 or path[k].dep_ != "nsubj" or path[k + 1].pos_ not in ("AUX", "VERB"):
        return None
    verb = path[k + 1]
    share = any(t.ent_type_ == "PERCENT" or t.lower_ in ("%", "percent") for t in path[:k + 1])
    deps = ("attr", "acomp") if verb.lemma_ == "be" and share else ("attr",) if verb.lemma_ == "be" else \
        ("dobj",) if verb.lemma_ == "have" and share else ()
    if share and verb.lemma_ == "be":
        age = _age_or_among(verb, lex)
        if age is not None:  # '80% of those who died were between 20 and 54', '... were among people aged 20-50'
            return age
    pred = next((c for c in verb.children if c.dep_ in deps), None)
    if pred is None:
        return None
    if not share and not (pred.ent_type_ == "NORP" or lex.classes_of(pred.lemma_) & {"person", "force", "worker"}):
        return None  # 'the $7.7bn is a stark reminder'
    keep = [t for t in pred.subtree if not any(a.dep_ in ("conj", "cc", "relcl", "acl", "prep") and
                                                a.head.i == pred.i and (t.i == a.i or a in t.ancestors)
                                                for a in pred.children)]
    if not keep or any(t.like_num or t.ent_type_ in _AMOUNT_LABELS for t in keep):
        return None  # 'the toll was 50', 'had 20 beds' (a conjunct's number is another figure: '14 were
        # children and 9 were women')
    return pred.doc[keep[0].i:keep[-1].i + 1].text


_AGE_PREPS = frozenset({"under", "over", "between", "above", "below", "aged"})


def _age_or_among(verb: Token, lex: FiguresLexicon) -> str | None:
    """The group a share's copula puts it in when that is an age band ('were under 18', 'were between 20 and 54':
    guideline v2, the counted people's age) or 'among' people narrowed by a modifier ('among people aged 20 to 50',
    'among pregnant women'); generic 'among the dead' says nothing."""
    doc = verb.doc
    for c in verb.children:
        if c.i < verb.i:
            continue
        if c.dep_ == "attr" and c.like_num and any(q.dep_ == "quantmod" and q.lower_ in _AGE_PREPS
                                                   for q in c.children):
            return doc[c.left_edge.i:c.right_edge.i + 1].text  # 'between 20 and 54' parsed as a number
        if c.dep_ == "prep" and c.lower_ in _AGE_PREPS and any(p.dep_ == "pobj" and p.like_num for p in c.children):
            return doc[c.i:c.right_edge.i + 1].text  # 'under 18'
        if c.dep_ == "prep" and c.lower_ == "among":
            p = next((p for p in c.children if p.dep_ == "pobj" and p.pos_ == "NOUN" and
                      lex.classes_of(p.lemma_) & {"person"}), None)
            if p is None:
                continue
            mods = [m for m in p.children if m.dep_ in ("acl", "relcl", "amod", "compound")]
            if mods or p.lemma_.lower() not in GENERIC_PEOPLE and p.lower_ not in GENERIC_PEOPLE:
                return doc[p.left_edge.i:p.right_edge.i + 1].text
    return None


def _of_chain(noun: Token) -> list[Token]:
    """The measured subject, the nouns of its 'of' chain and the participles on them: 'the estimate of the amount of
    oil flowing into the Gulf', 'the number of people killed in Homs'."""
    out = [noun]
    for _ in range(3):
        nxt = next((p for g in noun.children if g.dep_ == "prep" and g.lower_ == "of"
                    for p in g.children if p.dep_ == "pobj"), None)
        if nxt is None:
            break
        out.append(nxt)
        out.extend(c for c in nxt.children if c.dep_ == "acl")
        noun = nxt
    return out


def _where(toks: Sequence[Token]) -> str | None:
    """'Japan, where there have been almost 300 cases': the place the 'where' clause is on."""
    for t in toks[1:]:
        if t.dep_ == "relcl" and (t.head.ent_type_ in _PLACE_LABELS or t.head.pos_ == "PROPN") and \
                any(c.dep_ == "advmod" and c.lower_ == "where" for c in t.children):
            return f"in {_entity_text(t.head)}"
        if t.dep_ == "relcl" and t.head.ent_type_ in ("GPE", "LOC") and \
                any(c.dep_ == "nsubj" and c.lower_ in ("which", "that") for c in t.children):
            return f"in {_entity_text(t.head)}"  # 'Spain, which has 143 confirmed cases': the place that has them
    return None


def partitive_whole(toks: Sequence[Token]) -> Token | None:
    """The whole a figure is a part of: 'of the 233 people ..., 106 were', '106 of the 233 people' -- an 'of'
    phrase on the figure or on the clause it is the subject of, whose noun is counted."""
    for t in toks:
        for c in t.children:
            if c.dep_ != "prep" or c.lower_ != "of" or (t.pos_ in ("VERB", "AUX") and c.i > toks[0].i):
                continue
            for p in c.children:
                if p.dep_ == "pobj" and any(n.dep_ == "nummod" for n in p.children):
                    return p
    return None


def _there(tok: Token) -> str:
    """What 'there' points at (guideline v2 (1)): the last place named before it in its sentence ('officials in
    Alexandria say 31 people have been killed there'), else ``THERE`` (the place of the figure before)."""
    ents = [e for e in tok.doc.ents if e.label_ in ("GPE", "LOC") and tok.sent.start <= e.start and e.end <= tok.i]
    return f"in {ents[-1].text}" if ents else THERE


def _money(tok: Token) -> bool:
    return tok.ent_type_ == "MONEY" or tok.is_currency or any(c.is_currency for c in tok.children)


def is_topic_event(noun: Token, lex: FiguresLexicon) -> bool:
    """'the spill' in a spill story, 'the conflict' in a war story (guideline v2: the article's topic event is the
    story's default, no scope): a definite event noun with no modifier of its own, whose lemma the article writes in
    two sentences or more (``topic_event_lemmas``; 'a ferry disaster', 'the Eaton fire' stay)."""
    if not any(c.dep_ == "det" and c.lower_ == "the" for c in noun.children) or \
            any(c.dep_ in ("amod", "compound", "nmod", "poss", "nummod", "prep", "relcl", "acl") for c in noun.children):
        return False
    return noun.lemma_.lower() in topic_event_lemmas(noun.doc, lex)


def topic_event_lemmas(doc: Doc, lex: FiguresLexicon) -> frozenset[str]:
    """The article's topic event, as event-noun lemmas written in two sentences or more ('the spill' in a spill
    story, 'the war' in a war story); an event named once is a sub-event. Computed once per doc."""
    seen = doc.user_data.get("figures_topic_events")
    if seen is None:
        sents: dict[str, set[int]] = {}
        for t in doc:
            if t.pos_ == "NOUN" and t.lemma_.lower() in lex.event_nouns:
                sents.setdefault(t.lemma_.lower(), set()).add(t.sent.start)
        seen = doc.user_data["figures_topic_events"] = frozenset(w for w, s in sents.items() if len(s) >= 2)
    return seen
