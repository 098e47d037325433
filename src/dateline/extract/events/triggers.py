"""Event triggers: one pass over the tokens with the compiled dictionary (``events.lexicon``).

Verbs and verb patterns ("call on", "hold talks", "cut off aid"), light verbs with a nominal trigger as
object ("launched a major offensive"), nominal triggers ("Israeli airstrikes on Gaza", "talks between X
and Y"), and "X said Y must Z" (REQUEST), commands whose content the dictionary does not code ("ordered the
providers to block all traffic": COERCE). A trigger's complements and objects are its content: triggers
inside them are not coded again ("refuses to send representatives to the negotiations" is one REJECT,
not a CONSULT).
"""
from __future__ import annotations

from collections.abc import Iterator

from spacy.attrs import LEMMA, LOWER, POS
from spacy.tokens import Doc, Token

from ...labels import NAME_LABELS
from .args import Mentions
from .syntax import field_of, obliged
from .lexicon import Lexicon, NounPattern
from .judgement import characterization, said_judgement
from .roles import Trigger

#: children whose subtrees are the content of a trigger (their own triggers are not coded again) ...
CONTENT_DEPS = frozenset({"xcomp", "ccomp", "dobj", "prep", "pcomp", "attr", "oprd", "dative", "acomp", "agent",
                          "nsubjpass", "prt"})
#: ... but not its time adjuncts ("freed the soldier after direct talks with US representatives")
TIME_PREPS = frozenset({"after", "before", "during", "following", "since", "until", "amid", "despite"})
#: ... except clauses that only describe a participant ("hostages seized during Hamas's attack")
DESCRIPTIVE_DEPS = frozenset({"relcl", "acl", "advcl", "appos", "parataxis"})


def find_triggers(doc: Doc, lex: Lexicon, mentions: Mentions | None = None) -> list[Trigger]:
    """Every trigger in the doc, before the content rule drops nested ones."""
    light = lex.word_set("light_verbs")
    speech = lex.word_set("speech_verbs")
    deontic = lex.word_set("deontic_aux")
    commands = lex.word_set("command_verbs")
    characterize = lex.word_set("characterize_verbs")
    wanting = lex.word_set("wanting_verbs")
    crowds = lex.word_set("crowd_nouns")
    gathering: dict[str, frozenset[str]] = {}  # verb -> its particle ("turn out"), or none needed (empty)
    for entry in lex.word_set("crowd_verbs"):
        verb, _, particle = entry.partition(" ")
        gathering[verb] = gathering.get(verb, frozenset()) | ({particle} if particle else {""})
    out: list[Trigger] = []
    for tok in _candidates(doc, lex, light | speech | characterize | wanting | frozenset(gathering)):
        if mentions is not None:
            ent = mentions.entity[tok.i]
            if ent is not None and field_of(ent, "label") in NAME_LABELS:
                continue
        pos = tok.pos_
        if pos == "VERB" or (pos == "AUX" and tok.dep_ not in ("aux", "auxpass")):
            hit = lex.match_verb(tok)
            if hit is not None and hit[0].specificity > 0:
                out.append(Trigger(tok, hit[0].action, True, hit[1], modality=hit[0].modality))
                continue
            lemma = tok.lemma_.lower()
            if lemma in light:
                noun = _light_object(tok, lex)
                if noun is not None:
                    out.append(Trigger(tok, noun[0].action, True, [noun[1]], modality=noun[0].modality))
                    continue
            if hit is None and lex.fallback:
                hit = lex.match_verb(tok, fallback=True)
            if hit is not None:
                out.append(Trigger(tok, hit[0].action, True, hit[1], modality=hit[0].modality))
                continue
            if lemma in commands and _uncoded_command(tok, lex):  # "ordered pigs to be killed": COERCE
                out.append(Trigger(tok, "COERCE", True, []))
                continue
            if lemma in gathering and _with_particle(tok, gathering[lemma]) \
                    and _crowd_subject(tok, crowds, lex):  # "thousands gathered in the square", "... turned out"
                out.append(Trigger(tok, "PROTEST", True, []))
                continue
            if lemma in wanting and _wanted(tok):  # "want the government to resign"
                out.append(Trigger(tok, "REQUEST", True, []))
                continue
            judged = characterization(tok, characterize)  # "called the measures a disgrace"
            if judged is not None:
                out.append(Trigger(tok, judged, True, [], judged=True))
                continue
            if lemma in speech:  # "the Bush administration declared that China must drop barriers"
                for c in tok.children:
                    if c.dep_ == "ccomp" and (any(g.dep_ == "aux" and g.lower_ in deontic for g in c.children)
                                              or obliged(c)):
                        out.append(Trigger(tok, "REQUEST", True, [], target_clause=c))
                        break
                else:
                    said = said_judgement(tok)  # "said Jackson was a child abuser"
                    if said is not None:
                        out.append(Trigger(tok, said[0], True, [], target_clause=said[1], judged=True))
        elif pos in ("NOUN", "PROPN"):
            p = lex.match_noun(tok)
            if p is not None:
                out.append(Trigger(tok, p.action, False, modality=p.modality))
    return out


def _candidates(doc: Doc, lex: Lexicon, verb_words: frozenset[str]) -> Iterator[Token]:
    """Tokens whose lemma or form is in the dictionary, found on the doc's arrays (one Token object per
    candidate, not per token)."""
    if not len(doc):
        return
    strings = doc.vocab.strings
    verbs = {strings.add(p) for p in ("VERB", "AUX")}
    nouns = {strings.add(p) for p in ("NOUN", "PROPN")}
    for i, (pos, lemma, lower) in enumerate(doc.to_array([POS, LEMMA, LOWER]).tolist()):
        if pos in verbs:
            forms = {strings[lemma].lower(), strings[lower]}
            if forms & verb_words or any(f in lex.verbs or f in lex.fallback for f in forms) or strings[lower].endswith(("ed", "ing", "s")):
                yield doc[i]
        elif pos in nouns:
            if strings[lemma].lower() in lex.nouns or strings[lower] in lex.nouns:
                yield doc[i]


def _uncoded_command(verb: Token, lex: Lexicon) -> bool:
    """A command whose content ("ordered the providers to block all traffic", "ordered pigs to be killed") is no
    event the parties of the command could be read from: a to-infinitive that the dictionary does not code, or a
    passive without agent. A coded content with its own subject stays that event ("ordered troops to
    withdraw": RETREAT). A command to a state's own organs ("ordered the military to take action", "ordered
    the government to set up a commission") is administration, not coercion."""
    organs = lex.word_set("state_nouns")
    for c in verb.children:
        if c.dep_ == "dobj" and c.lemma_.lower() in organs:
            return False
        if c.dep_ not in ("xcomp", "ccomp") or c.pos_ not in ("VERB", "AUX"):
            continue
        if not any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children):
            continue
        subj = next((g for g in c.children if g.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None and subj.lemma_.lower() in organs:
            return False
        passive = any(g.dep_ == "auxpass" for g in c.children) and not any(g.dep_ == "agent" for g in c.children)
        return passive or lex.match_verb(c) is None
    return False


def _with_particle(verb: Token, particles: frozenset[str]) -> bool:
    """The verb has one of ``particles`` as its particle ("" in it: no particle needed)."""
    return "" in particles or any(c.dep_ == "prt" and c.lower_ in particles for c in verb.children)


def _crowd_subject(verb: Token, crowds: frozenset[str], lex: Lexicon) -> bool:
    """"Thousands gathered on the streets", "crowds converged on the square": a counted crowd assembling,
    unless the clause names the protest itself ("converging for a rally to protest ...": that codes it)."""
    if not any(c.dep_ == "nsubj" and c.lemma_.lower() in crowds for c in verb.children):
        return False
    for t in verb.subtree:
        if t.i == verb.i:
            continue
        found = lex.match_noun(t) if t.pos_ in ("NOUN", "PROPN") else lex.match_verb(t) if t.pos_ == "VERB" else None
        pattern = found[0] if isinstance(found, tuple) else found
        if pattern is not None and pattern.action == "PROTEST":
            return False
    return True


def _wanted(verb: Token) -> bool:
    """"want the government to resign": a demand of someone else's act. Wanting to act oneself ("want to
    meet", "wanted his troops to stay") is an intention (``modal_governors``), no demand."""
    for c in verb.children:
        if c.dep_ != "ccomp" or not any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children):
            continue
        subj = next((g for g in c.children if g.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None and not any(g.dep_ == "poss" and g.pos_ == "PRON" for g in subj.children):
            return True  # (not "wanted his troops to stay": his own act)
    return False


def _light_object(verb: Token, lex: Lexicon) -> tuple[NounPattern, Token] | None:
    for c in verb.children:
        if c.dep_ in ("dobj", "nsubjpass"):
            p = lex.match_noun(c)
            if p is not None:
                return p, c
        if c.dep_ in ("prep", "prt"):  # "engaged in fighting", "went on strike"
            for g in c.children:
                if g.dep_ == "pobj":
                    p = lex.match_noun(g)
                    if p is not None:
                        return p, g
    return None


def drop_nested(triggers: list[Trigger], behest: frozenset[str] = frozenset(),
                agents: frozenset[str] = frozenset(), agent_actions: frozenset[str] = frozenset()) -> list[Trigger]:
    """Keep the triggers that are not inside another trigger's content (complement, object, PP), except
    nominal acts of another kind with their own partner or agent (``_own_partner``, ``_own_agent``; ``agents``:
    modifier nouns that name the agent of the forceful ``agent_actions``, "police confiscation")."""
    owner: dict[int, Trigger] = {}  # token -> the trigger whose content it is
    at = {t.tok.i: t for t in triggers}
    for t in (t for t in triggers if not t.judged):  # what a judgement judges is told as it happened
        for c in t.tok.children:
            if (c.dep_ in CONTENT_DEPS and not (c.dep_ == "prep" and c.lower_ in TIME_PREPS)) \
                    or (not t.verb and noun_complement(c)):
                for i in _content(c, keep_clauses=c in t.extra):
                    owner.setdefault(i, t)
            elif c.dep_ == "nsubj" and t.verb and c.i in at and not at[c.i].verb:
                owner.setdefault(c.i, t)  # "the attack killed five": the verb codes it
    return [t for t in triggers if t.tok.i not in owner or _own_partner(t, owner[t.tok.i])
            or _own_agent(t, owner[t.tok.i], agents, agent_actions) or _at_behest(t, behest)]


def noun_complement(c: Token) -> bool:
    """A clause completing an act noun ("demands that the president resign", "its threat to strike"): what is
    demanded or threatened, not an event of its own."""
    if c.dep_ not in ("acl", "ccomp") or c.pos_ not in ("VERB", "AUX"):
        return False
    # "that" may be parsed as the clause's object ("demands that the president resign"): with a subject of
    # its own the clause is still the noun's content
    subject = any(g.dep_ in ("nsubj", "nsubjpass") and g.lower_ != "that" for g in c.children)
    return any((g.dep_ == "aux" and g.lower_ == "to") or (g.lower_ == "that" and g.i < c.i
               and (g.dep_ == "mark" or subject)) for g in c.children)


def _at_behest(t: Trigger, preps: frozenset[str]) -> bool:
    """"sent a team at the state's request": a request made by someone else, not the sender's act."""
    return (not t.verb and t.tok.dep_ == "pobj" and t.tok.head.lower_ in preps
            and any(c.dep_ == "poss" for c in t.tok.children))


def _own_partner(t: Trigger, owner: Trigger) -> bool:
    """A nominal act of another kind with its own partner stays ("transferred its counterproposal in full
    coordination with the United States")."""
    return (not t.verb and t.action != owner.action and t.tok not in owner.extra
            and any(c.dep_ == "prep" and c.lower_ == "with" for c in t.tok.children))


def _own_agent(t: Trigger, owner: Trigger, agents: frozenset[str], agent_actions: frozenset[str]) -> bool:
    """A nominal act of another kind whose own agent is named on it stays: it is an event told inside the
    other ("called the attacks by the thugs an attempt", "condemned Israel's strikes on Gaza", "in protest of
    police confiscation of his cart"). Without its own agent it is only the other act's content ("calling for
    protests")."""
    if t.verb or t.action == owner.action or t.tok in owner.extra:
        return False
    for c in t.tok.children:
        if c.dep_ == "poss" and c.pos_ in ("PROPN", "NOUN"):
            return True
        if c.dep_ == "prep" and c.lower_ == "by" and any(g.dep_ == "pobj" for g in c.children):
            return True
        if c.dep_ == "compound" and c.i < t.tok.i and (c.ent_type_ in AGENT_ENTS or c.pos_ == "PROPN"
                                                       or (c.lemma_.lower() in agents
                                                           and t.action.lower() in agent_actions)):
            return True
        if c.dep_ == "amod" and c.ent_type_ in ("NORP", "GPE"):
            return True
    return False


#: entity types of a modifier that names who did a nominal act ("police" is tagged by its role noun elsewhere)
AGENT_ENTS = frozenset({"ORG", "GPE", "NORP", "PERSON"})


def _content(tok: Token, keep_clauses: bool) -> Iterator[int]:
    stack = [tok]
    while stack:
        t = stack.pop()
        yield t.i
        stack.extend(c for c in t.children if keep_clauses or c.dep_ not in DESCRIPTIVE_DEPS)
