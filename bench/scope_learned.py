"""Candidates for a learned scope chooser (issue 20, session 12; an experiment, not shipped: see bench/RESULTS.md):
the rules' scope is one candidate among the phrases the parse offers around the figure, and a linear model
(``bench/scope_train.py``) picks one (or no scope).

Candidates, all from the figure's own sentence: no scope; the rules' scope (``scope.find_scope`` and the
component's additions); each prepositional phrase on the figure's head path (the counted noun, its verb and the
verbs above it up to a reporting verb) without its preposition ('since' kept); the counted noun with its
modifiers ('US soldiers', 'public donations') and its relative clause; the named places, groups and events of the
sentence. Each candidate has sparse features (what it is, the preposition, how it hangs on the path, its entity
label and noun class, whether it names the topic event or a date, whether the rules chose it, the figure's unit
kind and category).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token

from dateline.extract.figures.lexicon import FiguresLexicon
from dateline.extract.figures.scope_parts import THERE, topic_event_lemmas

_KEEP_PREP = frozenset({"since", "before", "after", "during", "until", "among"})
_MOD_DEPS = frozenset({"amod", "compound", "nmod", "poss"})
_NAMED = frozenset({"GPE", "LOC", "FAC", "NORP", "ORG", "EVENT"})
_SKIP_POBJ = frozenset({"DATE", "TIME", "CARDINAL", "MONEY", "PERCENT", "QUANTITY"})


@dataclass
class Candidate:
    text: str | None  # None: no scope
    feats: dict[str, float] = field(default_factory=dict)


def _bucket(n: int, cuts: tuple[int, ...] = (1, 2, 4, 8)) -> str:
    return next((str(c) for c in cuts if n <= c), f">{cuts[-1]}")


def _text(toks: list[Token]) -> str:
    toks = sorted(toks, key=lambda t: t.i)
    while toks and toks[0].dep_ in ("det", "punct", "cc") and toks[0].lower_ in ("the", "a", "an", ",", "and"):
        toks = toks[1:]
    while toks and toks[-1].is_punct:
        toks = toks[:-1]
    if not toks:
        return ""
    doc = toks[0].doc
    return doc[toks[0].i:toks[-1].i + 1].text


def _core(tok: Token) -> list[Token]:
    """A noun with its determiners, modifiers and compounds (no clauses or phrases): 'the four Gulf states'."""
    return [c for c in tok.subtree if c.i <= tok.i and (c.head.i == tok.i or c.head.head.i == tok.i)
            and c.dep_ in ("det", "amod", "compound", "nummod", "poss", "nmod", "case")] + [tok]


def _common(f: dict[str, float], prefix: str, tok: Token, lex: FiguresLexicon, topic: frozenset[str]) -> None:
    f[f"{prefix}:ent={tok.ent_type_ or '-'}"] = 1.0
    f[f"{prefix}:pos={tok.pos_}"] = 1.0
    for cls in sorted(lex.classes_of(tok.lemma_))[:3]:
        f[f"{prefix}:cls={cls}"] = 1.0
    if tok.lemma_.lower() in topic:
        f[f"{prefix}:topic"] = 1.0
    if tok.lemma_.lower() in lex.event_nouns:
        f[f"{prefix}:event_noun"] = 1.0


def scope_candidates(path: list[Token], noun: Token | None, rule: str | None, unit_kind: str | None,
                     category: str | None, lex: FiguresLexicon) -> list[Candidate]:
    """The candidates of one figure with their features (the figure's head path from the anchor up, its counted
    noun, the rules' scope)."""
    anchor = path[0]
    sent = anchor.sent
    topic = topic_event_lemmas(anchor.doc, lex)
    ctx = {f"unit={unit_kind or '-'}": 1.0, f"cat={category or '-'}": 1.0}
    out = [Candidate(None, {"none": 1.0, **{f"none:{k}": v for k, v in ctx.items()},
                            "none:rule_empty" if not rule else "none:rule_set": 1.0})]
    if rule:
        form = "since" if rule.startswith("since ") else "on" if rule.startswith("on ") else \
            "there" if rule == THERE else "multi" if ", " in rule else "other"
        out.append(Candidate(rule, {"rule": 1.0, f"rule:form={form}": 1.0,
                                    **{f"rule:{k}": v for k, v in ctx.items()}}))
    seen: set[str] = {rule.lower()} if rule else set()

    def add(text: str, feats: dict[str, float]) -> None:
        key = text.lower()
        if not text or key in seen or any(ch.isdigit() for ch in text) and text == anchor.text:
            return
        seen.add(key)
        if rule and (set(key.split()) <= set(rule.lower().split())):
            feats["in_rule"] = 1.0
        feats[f"len={_bucket(len(text.split()))}"] = 1.0
        out.append(Candidate(text, feats))

    # the path up to a reporting verb (its phrases are the claim's), with the counted noun first
    heads: list[tuple[Token, int, str]] = []
    if noun is not None and noun.i != anchor.i:
        heads.append((noun, 0, "noun"))
    for k, t in enumerate(path):
        heads.append((t, k, "noun" if k == 0 else t.pos_))
        if t.pos_ in ("VERB", "AUX") and t.lemma_.lower() in lex.reporting_verbs:
            break
    on_path = {t.i for t in path}
    for h, depth, role in heads:
        role_key = "noun" if role == "noun" else "verb" if role in ("VERB", "AUX") else "other"
        for c in h.children:
            if c.dep_ == "prep" and c.i not in on_path:
                pobj = next((p for p in c.children if p.dep_ == "pobj"), None)
                if pobj is None or pobj.ent_type_ in ("MONEY", "PERCENT", "CARDINAL") and pobj.like_num:
                    continue
                prep = c.lower_
                base = {"pp": 1.0, f"pp:prep={prep}": 1.0, f"pp:at={role_key}": 1.0,
                        f"pp:depth={_bucket(depth, (0, 1, 2))}": 1.0, f"pp:{prep}:{role_key}": 1.0,
                        f"pp:after={int(c.i > anchor.i)}": 1.0, **{f"pp:{k}": v for k, v in ctx.items()}}
                _common(base, "pp", pobj, lex, topic)
                if pobj.ent_type_ in _SKIP_POBJ:
                    base["pp:time_or_number"] = 1.0
                lead = f"{prep} " if prep in _KEEP_PREP else ""
                full = [x for x in pobj.subtree]
                add(lead + _text(full), {**base, "pp:full": 1.0})
                if len(full) > len(_core(pobj)):
                    add(lead + _text(_core(pobj)), {**base, "pp:core": 1.0})
            elif c.dep_ == "relcl" and role == "noun":
                f = {"relcl": 1.0, **{f"relcl:{k}": v for k, v in ctx.items()}}
                add(_text([x for x in c.subtree]), f)
        if role == "noun" and h.pos_ in ("NOUN", "PROPN") and not h.like_num:
            mods = [c for c in h.children if c.dep_ in _MOD_DEPS and not c.like_num and c.ent_type_ not in _SKIP_POBJ]
            f = {"noun": 1.0, **{f"noun:{k}": v for k, v in ctx.items()}}
            _common(f, "noun", h, lex, topic)
            if mods:
                mf = dict(f, **{"noun:mods": 1.0})
                for m in mods:
                    mf[f"noun:mod_ent={m.ent_type_ or '-'}"] = 1.0
                    mf[f"noun:mod_dep={m.dep_}"] = 1.0
                add(_text([*[x for m in mods for x in m.subtree], h]), mf)
            else:
                add(h.text, dict(f, **{"noun:bare": 1.0}))
    for ent in sent.ents:
        if ent.label_ not in _NAMED or ent.start <= anchor.i < ent.end:
            continue
        root = ent.root
        f = {"ent": 1.0, f"ent:label={ent.label_}": 1.0, f"ent:after={int(ent.start > anchor.i)}": 1.0,
             f"ent:dist={_bucket(abs(ent.start - anchor.i), (3, 8, 15, 30))}": 1.0,
             **{f"ent:{k}": v for k, v in ctx.items()}}
        up = root
        hops = 0
        while up.i not in on_path and up.head.i != up.i and hops < 6:
            if up.dep_ == "pobj":
                f[f"ent:via={up.head.lower_}"] = 1.0
            if up.dep_ in ("nsubj", "nsubjpass"):
                f["ent:subject"] = 1.0
            up, hops = up.head, hops + 1
        f[f"ent:hops={_bucket(hops, (1, 2, 3, 5))}"] = 1.0
        f[f"ent:reaches_path={int(up.i in on_path)}"] = 1.0
        if up.i in on_path:
            k = next(j for j, t in enumerate(path) if t.i == up.i)
            f[f"ent:path_depth={_bucket(k, (0, 1, 2))}"] = 1.0
            if any(t.pos_ in ("VERB", "AUX") and t.lemma_.lower() in lex.reporting_verbs for t in path[1:k + 1]):
                f["ent:above_reporting"] = 1.0
        add(_text(list(ent)), f)
    return out
