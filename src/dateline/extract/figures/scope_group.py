"""The subgroup a figure is restricted to: from the counted noun itself (issue 20, scope guideline v2 in
``examples/t17_gold/figures.json``): its nationality or owner ("40 Estonian soldiers", "Poland's 2,400-strong
force"), a demonym counted on its own ("two Estonians", "63 Saudis"), or a role narrower than "people" ("11 workers",
"3,500 troops"; generic people nouns -- "people", "others", "victims" -- restrict nothing); the group a share is
of ("Syrians (18%)", "foreign militants ... account for 10%"); the operation money was spent on ("clean-up costs")."""
from __future__ import annotations

from spacy.tokens import Doc, Token

from ..entities.kb import load_kb, normalize
from .context import phrase
from .lexicon import FiguresLexicon

_NATION_LABELS = frozenset({"NORP", "GPE"})
_OWNER_LABELS = frozenset({"NORP", "GPE", "ORG"})
# nouns of bodies of people: 'Japan's 500-strong contingent'
_BODY_NOUNS = frozenset({"contingent", "force", "forces", "mission", "army", "delegation", "unit"})
# roles narrower than people that restrict a count on their own ('11 workers', '3,500 troops'); not every worker
# noun ('10 staff', '40 volunteers' of a body named before count its people)
_ROLE_CLASSES = frozenset({"force"})
_ROLE_NOUNS = frozenset({"worker", "workers"})


def _nation(tok: Token) -> bool:
    """A nationality word: tagged NORP or GPE, or a state's demonym in the actor KB ('Lithuanian', 'Saudis')."""
    return tok.ent_type_ in _NATION_LABELS or normalize(tok.text) in load_kb().demonyms


def people_group(noun: Token | None, lex: FiguresLexicon) -> str | None:
    """The subgroup the counted noun names, as written ("Estonian soldiers", "Poland 's force", "Saudis"), or None."""
    if noun is None or noun.pos_ not in ("NOUN", "PROPN") or noun.like_num:
        return None
    classes = lex.classes_of(noun.lemma_) | lex.classes_of(noun.lower_)
    demonym = noun.ent_type_ == "NORP" or normalize(noun.text) in load_kb().demonyms
    if not (classes & {"person", "force", "worker"} or demonym or noun.lemma_.lower() in _BODY_NOUNS):
        return None
    mods = [c for c in noun.children if c.i < noun.i and (
        c.dep_ in ("amod", "compound", "nmod") and _nation(c) or
        c.dep_ == "poss" and (c.ent_type_ in _OWNER_LABELS or _nation(c)))]
    clause = condition_clause(noun, lex)
    tail = f" {clause}" if clause else ""
    if mods:
        doc = noun.doc
        return " ".join([*(doc[m.left_edge.i:m.right_edge.i + 1].text for m in mods), noun.text]) + tail
    if demonym or classes & _ROLE_CLASSES or noun.lower_ in _ROLE_NOUNS:
        lead = [c for c in noun.children if c.dep_ == "compound" and c.i < noun.i and not c.like_num]
        return noun.doc[_hyphened(noun.doc, lead[0].i) if lead else noun.i:noun.i + 1].text + tail  # 'aid workers'
    if "person" in classes and noun.lemma_.lower() not in GENERIC_PEOPLE and noun.lower_ not in GENERIC_PEOPLE and \
            (any(c.dep_ in ("nummod", "quantmod") or c.like_num for c in noun.children) or partitive_of(noun)):
        # a narrower population than people: 'children', 'civilians', 'pregnant women' (guideline v2: the
        # counted people's age, role or condition), with the noun's own describing words before it
        lead = [c for c in noun.children if c.dep_ in ("amod", "compound") and c.i < noun.i and
                c.right_edge.i == noun.i - 1 and not any(x.like_num or x.lower_ in _NOT_DESCRIBING for x in c.subtree)]
        return noun.doc[_hyphened(noun.doc, lead[0].left_edge.i) if lead else noun.i:noun.i + 1].text + tail
    if "person" in classes and clause and any(c.dep_ in ("nummod", "quantmod") or c.like_num for c in noun.children):
        return f"{noun.text} {clause}"  # '130 people who shared flights with the sick man'
    return None


def condition_clause(noun: Token, lex: FiguresLexicon) -> str | None:
    """A relative clause or participle after counted people that narrows them ('who shared flights with the infected
    man', 'living near the coast'), not one that states the category itself ('who died', 'infected with the virus':
    a verb of the category rules) and holding no other figure."""
    for c in noun.children:
        if c.i < noun.i or c.dep_ not in ("relcl", "acl") or c.dep_ == "acl" and c.tag_ not in ("VBG", "VBN"):
            continue
        if c.lemma_.lower() in _category_verbs(lex) or \
                any(x.like_num or x.ent_type_ in _AMOUNT_LABELS for x in c.subtree):
            return None
        doc = noun.doc
        lo = c.left_edge.i
        if lo > 0 and doc[lo - 1].text == ",":
            return None  # ', who ...': a non-restrictive clause says more about them, narrows nothing
        hi = next((i for i in range(lo, c.right_edge.i + 1) if doc[i].text in (",", ";", ":", "(", "-LRB-")),
                  c.right_edge.i + 1)  # up to an aside on its own words
        return doc[lo:hi].text
    return None


def _category_verbs(lex: FiguresLexicon) -> frozenset[str]:
    got = _CATEGORY_VERBS.get(id(lex))
    if got is None:
        got = _CATEGORY_VERBS[id(lex)] = frozenset(w for cls, preds, _ in lex.rules for w in preds
                                                    if cls in ("person", "death", "case", "injury"))
    return got


_CATEGORY_VERBS: dict[int, frozenset[str]] = {}


def _hyphened(doc: Doc, lo: int) -> int:
    """The start of a hyphenated word the tokenizer split before ``lo``: 'pro - Gadhafi', 'anti - government'."""
    while lo >= 2 and doc[lo - 1].text == "-" and not doc[lo - 1].whitespace_ and not doc[lo - 2].whitespace_ and \
            doc[lo - 2].is_alpha:
        lo -= 2
    return lo


def partitive_of(noun: Token) -> bool:
    """The counted people of a partitive: '40 of their fighters', 'two of the soldiers' (the number's 'of' object,
    with no number of its own: '106 of the 233 people' counts a part of a counted whole)."""
    prep = noun.head
    return noun.dep_ == "pobj" and prep.dep_ == "prep" and prep.lower_ == "of" and prep.head.like_num and \
        prep.head.i < noun.i and not any(c.dep_ == "nummod" or c.like_num for c in noun.children)


# people nouns that name no narrower population than the category's default ('40 people', '30 others', 'victims')
GENERIC_PEOPLE = frozenset({"people", "person", "persons", "individual", "other", "others", "victim", "casualty",
                             "dead", "wounded", "injured", "population", "life", "lives", "patient", "resident",
                             "inhabitant", "member", "family", "household", "case"})
# words before a counted noun that are no description of the people: 'other', 'more', 'further', 'additional'
_NOT_DESCRIBING = frozenset({"other", "more", "further", "additional", "new", "total", "some", "estimated",
                             "confirmed", "suspected", "reported", "least", "most"})


_CONDITION_PREPS = frozenset({"with", "without"})


def _conditioned(p: Token, lex: FiguresLexicon) -> str | None:
    """People narrowed by what they are or have: 'pregnant women', 'patients with breathing problems', 'people who
    had travelled to Mexico'; a generic people noun ('people', 'residents') only with such a condition or describing
    words ('nursing home residents')."""
    if p.pos_ not in ("NOUN", "PROPN") or p.like_num or p.ent_type_ in ("GPE", "LOC", "FAC") or \
            not lex.classes_of(p.lemma_) & {"person"}:
        return None
    doc = p.doc
    after = [c for c in p.children if c.i > p.i and (c.dep_ == "relcl" or c.dep_ == "prep" and
                                                     c.lower_ in _CONDITION_PREPS)]
    after = [c for c in after if not any(x.like_num or x.ent_type_ in _AMOUNT_LABELS for x in c.subtree)]
    lead = [c for c in p.children if c.dep_ in ("amod", "compound") and c.i < p.i and c.right_edge.i == p.i - 1 and
            not any(x.like_num or x.lower_ in _NOT_DESCRIBING for x in c.subtree)]
    generic = p.lemma_.lower() in GENERIC_PEOPLE or p.lower_ in GENERIC_PEOPLE
    if generic and not after and not lead:
        return None
    lo = _hyphened(doc, lead[0].left_edge.i) if lead else p.i
    hi = after[0].right_edge.i + 1 if after else p.i + 1
    return doc[lo:hi].text


def people_in(noun: Token | None, lex: FiguresLexicon) -> str | None:
    """The population counted cases, deaths or patients are in (guideline v2: the counted people's age, role or
    condition): '35 cases in pregnant women', '80 cases in people who had travelled to Mexico', '150 patients with
    breathing problems'."""
    if noun is None or noun.pos_ not in ("NOUN", "PROPN"):
        return None
    classes = lex.classes_of(noun.lemma_) | lex.classes_of(noun.lower_)
    # the noun's phrases, and the one the parse hung on its verb right after it ('recorded 35 cases in ...')
    preps = [c for c in noun.children if c.dep_ == "prep" and c.i > noun.i]
    if noun.dep_ in ("dobj", "nsubj", "nsubjpass"):
        preps += [c for c in noun.head.children if c.dep_ == "prep" and c.i == noun.right_edge.i + 1]
    if classes & {"case", "death", "injury"}:
        for c in preps:
            if c.lower_ == "in":
                got = next((x for p in c.children if p.dep_ == "pobj" for x in [_conditioned(p, lex)] if x), None)
                if got:
                    return got
        return None
    if "person" in classes and (noun.lemma_.lower() in GENERIC_PEOPLE or noun.lower_ in GENERIC_PEOPLE):
        cond = next((c for c in preps if c.lower_ in _CONDITION_PREPS), None)
        if cond is not None and not any(x.like_num or x.ent_type_ in _AMOUNT_LABELS for x in cond.subtree):
            lead = [c for c in noun.children if c.dep_ in ("amod", "compound") and c.i < noun.i and
                    c.right_edge.i == noun.i - 1 and not any(x.like_num or x.lower_ in _NOT_DESCRIBING
                                                            for x in c.subtree)]
            return noun.doc[_hyphened(noun.doc, lead[0].left_edge.i) if lead else noun.i:cond.right_edge.i + 1].text
    return None


def with_group(scope: str | None, group: str | None) -> str | None:
    """The scope with the subgroup added when it does not already say it ('Algerians' from a share)."""
    if not group:
        return scope
    if not scope:
        return group
    if group.lower() in scope.lower():
        return scope
    return f"{scope}, {group}"


# nouns of money spent: 'clean-up costs', 'the bill for containing the leak', 'the cost of building six booms'
_COST_NOUNS = frozenset({"cost", "costs", "bill", "spending", "expense", "expenses", "expenditure"})


def spent_on(path: list[Token], lex: FiguresLexicon) -> str | None:
    """The operation an amount of money was spent on, when the sentence names one: 'paid $8bn in clean-up costs' ->
    'clean-up', 'the bill for containing and cleaning up the spill has reached $10bn' -> 'containing and cleaning
    up the spill'. What the money is for as a whole ('the cost of the disaster') restricts nothing."""
    for k, t in enumerate(path[:4]):
        nouns: list[Token] = []
        if t.lemma_.lower() in _COST_NOUNS and t.pos_ == "NOUN":
            nouns.append(t)  # '$360m cost of building ...'
        elif t.pos_ in ("VERB", "AUX"):
            nouns.extend(p for c in t.children if c.dep_ == "prep" and c.lower_ == "in" and c.i != path[k - 1].i
                         for p in c.children if p.dep_ == "pobj" and p.lower_ in _COST_NOUNS)
            nouns.extend(c for c in t.children if c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in _COST_NOUNS)
        if t.pos_ in ("VERB", "AUX") and k > 0 and path[k - 1].dep_ == "prep" and path[k - 1].lower_ in ("to", "from"):
            # 'upping its spending on recruitment to $320m': the amount the object is raised to
            raised = [c for c in t.children if c.dep_ == "dobj" and c.lower_ in _COST_NOUNS]
            nouns.extend(raised)
            if raised and _spent_on_action(t):
                return _spent_on_action(t)  # the parse hung 'on recruitment' on the verb
        for n in nouns:
            got = _operation(n, lex)
            if got:
                return got
        if t.pos_ == "VERB" and t.lemma_.lower() in _SPEND_VERBS:
            on = _spent_on_action(t)
            if on is not None:  # 'will spend $320m on recruitment ads'
                return on
            doing = next((c for c in t.children if c.dep_ in ("xcomp", "advcl") and c.tag_ == "VBG" and
                          not any(m.dep_ == "mark" for m in c.children)), None)
            if doing is not None:  # 'spent $300m fighting the outbreak': the operation it was spent on
                return doc_span(doing)
        if t.pos_ in ("VERB", "AUX"):
            return None  # the figure's own clause only
    return None


_SPEND_VERBS = frozenset({"spend", "pay"})
# endings of nouns that name an action (nominalised verbs): 'recruitment', 'reconstruction', 'advertising'
_ACTION_ENDINGS = ("ment", "tion", "sion", "ance", "ence", "ing")


def _action(noun: Token) -> bool:
    return noun.pos_ == "NOUN" and noun.tag_ in ("NN", "VBG") and noun.lower_.endswith(_ACTION_ENDINGS) and \
        len(noun.text) > 5


def _spent_on_action(head: Token) -> str | None:
    """What money is spent on when that is an action ('spending on recruitment', 'spend $320m on recruitment ads',
    guideline v2: money spent in an operation), not goods ('spent $4m on medicine')."""
    for c in head.children:
        if c.dep_ != "prep" or c.lower_ != "on":
            continue
        for p in c.children:
            if p.dep_ != "pobj" or p.ent_type_:
                continue
            lead = [m for m in p.children if m.dep_ == "compound" and m.i < p.i]
            if _action(p) or lead and _action(lead[0]) and lead[0].right_edge.i == p.i - 1:
                return p.doc[lead[0].i if lead else p.i:p.i + 1].text
    return None


def doc_span(head: Token) -> str:
    return head.doc[head.i:head.right_edge.i + 1].text


def _operation(noun: Token, lex: FiguresLexicon) -> str | None:
    doc = noun.doc
    for c in noun.children:
        if c.dep_ in ("compound", "amod") and c.i < noun.i and c.right_edge.i == noun.i - 1 and \
                not any(x.like_num or x.is_currency or x.ent_type_ for x in c.subtree) and \
                (c.pos_ == "NOUN" or any(x.text == "-" for x in c.subtree)) and \
                c.lemma_.lower() not in lex.event_nouns:  # not the event itself: 'BP oil spill cost hits $10bn'
            return doc[c.left_edge.i:noun.i].text  # 'clean-up costs' (not 'total costs', '$ 200m cost')
        if c.dep_ == "prep" and c.lower_ in ("for", "of"):
            for g in c.children:
                if g.dep_ in ("pcomp", "pobj") and g.tag_ == "VBG":
                    return doc[g.i:g.right_edge.i + 1].text  # 'for containing and cleaning up the oil spill'
    return _spent_on_action(noun)  # 'spending on recruitment'


_OPEN = frozenset({"(", "-lrb-"})
_CLOSE = frozenset({")", "-rrb-"})
_AMOUNT_LABELS = frozenset({"MONEY", "PERCENT", "CARDINAL", "QUANTITY", "DATE", "TIME"})
_LIST_BREAKS = frozenset({",", ";", ":", "and", "or", "by", "with", "including"})


def bracket_group(fig: Token) -> str | None:
    """The words right before a bracket that holds only the figure: 'Sudanese (15%)', 'and those from other
    states (5%)' -- read from the surface, as list parses of bracketed shares are often broken."""
    doc = fig.doc
    lo = hi = fig.i
    while fig.ent_type_ and lo > 0 and doc[lo - 1].ent_type_ == fig.ent_type_ and doc[lo - 1].lower_ not in _OPEN:
        lo -= 1  # the figure's own tokens: '15 %'
    while fig.ent_type_ and hi + 1 < len(doc) and doc[hi + 1].ent_type_ == fig.ent_type_ and \
            doc[hi + 1].lower_ not in _CLOSE:
        hi += 1
    if lo < 2 or doc[lo - 1].lower_ not in _OPEN or hi + 1 >= len(doc) or doc[hi + 1].lower_ not in _CLOSE:
        return None
    j = lo - 2
    words: list[Token] = []
    while j >= 0 and doc[j].lower_ not in _LIST_BREAKS and doc[j].pos_ not in ("VERB", "AUX") and \
            not doc[j].is_punct and not doc[j].is_space and len(words) < 5:  # not the parse's sentence: a bracket
        # often starts a new one in tokenized text
        words.insert(0, doc[j])
        j -= 1
    if not words or words[-1].pos_ not in ("NOUN", "PROPN") or len(words) == 5 or any(
            w.like_num or w.is_currency or w.ent_type_ in _AMOUNT_LABELS for w in words):
        return None  # '$ 1.6 bn (# 1.1 bn)': an amount and its conversion
    return doc[words[0].i:words[-1].i + 1].text


def share_of(path: list[Token]) -> str | None:
    """A share written in brackets after the group it is the share of: 'Syrians (18%)', 'those from other states
    (5%)', 'Algerians are the largest group (20%)' (the copula's subject)."""
    for t in path[:2]:
        if t.dep_ != "appos":
            continue
        head = t.head
        if head.like_num or head.pos_ not in ("NOUN", "PROPN", "PRON") or head.ent_type_ in ("MONEY", "PERCENT") or \
                t.left_edge.i == 0 or t.doc[t.left_edge.i - 1].lower_ not in ("(", "-lrb-"):
            return None  # the share itself in brackets right after its group, not 'ANAPA, Russia (Northline) - 3,700'
        if _amount(head, t):
            return None  # '5,000 feet (1,524 m)', '$6m (4m pounds)': an amount and its conversion, no group

        if head.dep_ == "attr" and head.head.lemma_ == "be":
            head = next((c for c in head.head.children if c.dep_ == "nsubj"), head)
        elif head.dep_ == "pobj" and head.head.dep_ == "prep" and head.head.head.pos_ in ("PRON", "NOUN") and \
                head.head.head.i < head.i:  # 'those from other states (5%)': the whole phrase before the bracket
            return head.doc[head.head.head.left_edge.i:t.left_edge.i - 1].text
        if head.pos_ == "PRON" or head.lower_ in _OPEN or head.lower_ in _CLOSE:
            return None
        return phrase(head).text
    return None


def _amount(head: Token, appos: Token) -> bool:
    """The bracket's head is itself an amount: a number on it, or an amount entity, outside the bracket."""
    return head.ent_type_ in _AMOUNT_LABELS or any(
        c.dep_ in ("nummod", "compound", "quantmod", "nmod") and (c.like_num or c.ent_type_ in _AMOUNT_LABELS or
                                                              c.is_currency) for c in head.children)


def share_holder(path: list[Token]) -> str | None:
    """The group whose share a figure is: 'foreign militants ... account for less than 10% of the insurgents', 'the
    Christian minority, who account for about 10% of the population' (the subject before its own modifiers)."""
    for k, t in enumerate(path[1:3], 1):
        if t.pos_ == "VERB" and path[k - 1].dep_ == "dobj" and _share_verb(t):
            verb = t  # 'children made up 40% of the cases', 'women represent 60% of the victims'
        elif t.dep_ != "prep" or t.lower_ != "for" or t.head.lemma_.lower() != "account" or path[k - 1].dep_ != "pobj":
            continue
        else:
            verb = t.head
        subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subj is not None and subj.lower_ in ("who", "which", "that") and verb.dep_ == "relcl":
            subj = verb.head
        if subj is None or subj.pos_ not in ("NOUN", "PROPN"):
            return None
        return subj.doc[subj.left_edge.i:subj.i + 1].text
    return _account_for_surface(path[0])


# verbs whose subject is the group a share is of: 'X make up / represent / comprise / constitute N%'
_SHARE_VERBS = frozenset({"represent", "comprise", "constitute"})


def _share_verb(verb: Token) -> bool:
    return verb.lemma_.lower() in _SHARE_VERBS or verb.lemma_.lower() == "make" and any(
        c.dep_ == "prt" and c.lower_ == "up" for c in verb.children)


def tally_group(noun: Token | None, lex: FiguresLexicon) -> str | None:
    """People words on a tally ('civilian casualties', 'child deaths'), or the people a measured container counts
    ('the number of civilians killed'): the counted people's role or age (guideline v2), as written with the
    tally noun."""
    if noun is None or noun.pos_ != "NOUN":
        return None
    lemma = noun.lemma_.lower()
    if lemma in lex.container_nouns or noun.dep_ == "pobj" and noun.head.lower_ == "of" and \
            noun.head.head.lemma_.lower() in lex.container_nouns:
        p = noun if lemma not in lex.container_nouns else next(
            (p for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children
             if p.dep_ == "pobj"), None)
        if p is None or p.like_num or any(c.dep_ == "nummod" for c in p.children) or \
                not lex.classes_of(p.lemma_) & {"person"} or p.lemma_.lower() in GENERIC_PEOPLE or \
                p.lower_ in GENERIC_PEOPLE:
            return None
        lead = [c for c in p.children if c.dep_ in ("amod", "compound") and c.i < p.i and
                c.right_edge.i == p.i - 1 and not any(x.like_num or x.lower_ in _NOT_DESCRIBING for x in c.subtree)]
        return p.doc[_hyphened(p.doc, lead[0].left_edge.i) if lead else p.i:p.i + 1].text
    if not (lex.classes_of(lemma) & {"death", "case", "injury"} or lemma in ("casualty", "casualties")):
        return None
    mods = [c for c in noun.children if c.dep_ in ("amod", "compound") and c.i < noun.i and
            c.right_edge.i == noun.i - 1 and c.lemma_.lower() not in GENERIC_PEOPLE and
            (lex.classes_of(c.lemma_) | lex.classes_of(c.lower_)) & {"person", "force", "worker"}]
    return noun.doc[mods[0].left_edge.i:noun.i + 1].text if mods else None


def _account_for_surface(fig: Token) -> str | None:
    """'X - mainly from A and B - account for 10%' where the dashes broke the parse: the noun phrase before
    'account for', past a dash-enclosed aside."""
    doc = fig.doc
    i = fig.left_edge.i - 1
    while i > 0 and (doc[i].ent_type_ == fig.ent_type_ and fig.ent_type_ or doc[i].lower_ in ("than", "less", "more",
                                                                                               "about", "some")):
        i -= 1  # the qualifier before the number
    if i < 2 or doc[i].lower_ != "for" or not doc[i - 1].lower_.startswith("account"):
        return None
    j = i - 2
    if doc[j].text in ("-", "--", "—"):
        j -= 1
        while j > 0 and doc[j].text not in ("-", "--", "—") and not doc[j].is_sent_start:
            j -= 1
        j -= 1
    if j < 0 or doc[j].pos_ not in ("NOUN", "PROPN"):
        return None
    k = j
    while k > 0 and doc[k - 1].pos_ in ("ADJ", "NOUN", "PROPN") and doc[k - 1].dep_ in ("amod", "compound"):
        k -= 1
    return doc[k:j + 1].text
