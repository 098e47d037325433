"""The PLOVER event dictionary: loaded from YAML data files and compiled into dict lookups.

The default dictionary is ``resources/events/plover.yaml`` (its header documents the pattern syntax);
users add their own files with the same shape. Matching a token is a few dict/set lookups on the
existing spaCy parse: no regexes, no second pass over the text.
"""
from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from spacy.tokens import Token

from ...errors import ConfigError
from ...labels import PLOVER_ACTIONS
from ...resources import load_yaml, parse_yaml

#: PLOVER's 16 action types
ACTIONS: tuple[str, ...] = PLOVER_ACTIONS
#: dependency labels of a verb's direct object (and of the subject of its passive)
OBJECT_DEPS = frozenset({"dobj", "nsubjpass", "attr", "oprd"})
MOD_DEPS = frozenset({"compound", "amod", "nmod", "npadvmod"})
#: prepositions of time adjuncts, whose object is never a pattern's object ("consulted X before the strikes")
ADJUNCT_PREPS = frozenset({"after", "before", "during", "following", "since", "until", "amid", "despite"})
#: the action of a phrase pattern that codes no event (a dictionary's ``no_event: {verbs: [...]}``, e.g. CAMEO's
#: statements and ``[---]`` patterns): matched as the most specific pattern, it keeps the verb from being coded
NO_EVENT = ""


@dataclass(frozen=True, slots=True)
class VerbPattern:
    action: str
    lemma: str
    particle: str | None = None
    objects: frozenset[str] | None = None
    modality: str | None = None  # e.g. "proposed" for "put forward a proposal"
    requires: str | None = None  # a preposition the clause must have ("halt @aid into")

    @property
    def specificity(self) -> int:
        return (2 if self.objects else 0) + (1 if self.particle else 0) + (1 if self.requires else 0)


@dataclass(frozen=True, slots=True)
class NounPattern:
    action: str
    head: str
    modifiers: frozenset[str] | None = None
    modality: str | None = None


@dataclass(slots=True)
class Lexicon:
    """Compiled dictionary: lemma -> patterns, plus the word lists the argument rules use."""

    verbs: dict[str, list[VerbPattern]] = field(default_factory=dict)
    nouns: dict[str, list[NounPattern]] = field(default_factory=dict)
    words: dict[str, frozenset[str]] = field(default_factory=dict)
    modal_governors: dict[str, str] = field(default_factory=dict)  # lemma -> planned/proposed/negated
    modal_modifiers: dict[str, str] = field(default_factory=dict)
    plover_cooperative: frozenset[str] = frozenset()
    plover_hostile: frozenset[str] = frozenset()
    noun_block: dict[str, frozenset[str]] = field(default_factory=dict)  # head -> modifiers that block it
    maps: dict[str, dict[str, frozenset[str]]] = field(default_factory=dict)  # e.g. anaphoric_nouns
    #: phrase patterns (verb + particle/object) tried on a verb the dictionary itself does not code
    fallback: dict[str, list[VerbPattern]] = field(default_factory=dict)

    def word_set(self, name: str) -> frozenset[str]:
        return self.words.get(name, frozenset())

    # -- matching ---------------------------------------------------------------------------------
    def match_verb(self, tok: Token, fallback: bool = False) -> tuple[VerbPattern, list[Token]] | None:
        """The most specific verb pattern for ``tok`` and the extra tokens it covers (particle, object);
        ``fallback``: the fallback phrase patterns instead."""
        pats = None
        table = self.fallback if fallback else self.verbs
        for form in _forms(tok):
            pats = table.get(form)
            if pats:
                break
        if not pats:
            return None
        particles: dict[str, Token] = {}
        for c in tok.children:
            if c.dep_ in ("prt", "prep", "agent", "advmod", "dative") and c.lower_ not in particles \
                    and c.i > tok.i:  # a particle follows its verb ("In an attempt to ..., Saddam gave ...")
                particles[c.lower_] = c
            elif c.dep_ in ("advcl", "ccomp") and "for" not in particles:  # "calling for pigs to be culled"
                mark = next((g for g in c.children if g.dep_ == "mark" and g.lower_ == "for"), None)
                if mark is not None:
                    particles["for"] = mark
        best: tuple[VerbPattern, list[Token]] | None = None
        for p in pats:  # sorted most specific first
            extra: list[Token] = []
            if p.particle is not None:
                part = particles.get(p.particle)
                if part is None:
                    continue
                extra.append(part)
            if p.objects is not None:
                obj = _find_object(tok, p.objects, extra[0] if extra else None)
                if obj is None:
                    continue
                extra.append(obj)
            if p.requires is not None and not _has_prep(tok, extra, p.requires):
                continue
            best = (p, extra)
            break
        if best is not None and best[0].action == NO_EVENT:  # "want a divorce": the dictionary codes no event
            return None
        return best

    def match_noun(self, tok: Token) -> NounPattern | None:
        head = tok.lemma_.lower()
        pats = self.nouns.get(head) or self.nouns.get(tok.lower_)
        if not pats:
            return None
        mods = {c.lemma_.lower() for c in tok.children if c.dep_ in MOD_DEPS}
        mods |= {c.lower_ for c in tok.children if c.dep_ in MOD_DEPS}
        if tok.i > 0:  # "air strike" may be parsed flat
            mods.add(tok.doc[tok.i - 1].lower_)
        block = self.noun_block.get(head) or self.noun_block.get(tok.lower_)
        if block and mods & block:
            return None
        for p in pats:  # sorted: with modifiers first
            if p.modifiers is None or mods & p.modifiers:
                return p
        return None


def _forms(tok: Token) -> Iterable[str]:
    """The lemma, the word, and plain de-inflections of it (the lemmatizer gives "staged" -> "stag")."""
    yield tok.lemma_.lower()
    low = tok.lower_
    yield low
    if low.endswith("ied"):
        yield low[:-3] + "y"
    if low.endswith("ed"):
        yield low[:-1]
        yield low[:-2]
    if low.endswith("ing"):
        yield low[:-3]
        yield low[:-3] + "e"
    if low.endswith("s"):
        yield low[:-1]


def _has_prep(verb: Token, extra: list[Token], prep: str) -> bool:
    """A preposition ``prep`` on the verb or on the pattern's object ("halted deliveries of aid into ...")."""
    nodes = [verb, *extra]
    for t in list(extra):
        nodes.extend(a for a in t.ancestors if a.i != verb.i and verb in a.ancestors)
    return any(c.dep_ in ("prep", "prt") and c.lower_ == prep for n in nodes for c in n.children)


def _object_lemmas(tok: Token) -> Iterable[Token]:
    yield tok
    for c in tok.children:
        if c.dep_ == "conj":
            yield c
        elif c.dep_ == "prep" and c.lower_ == "of":  # "700 kg of medicine", "a series of bombs"
            for g in c.children:
                if g.dep_ == "pobj":
                    yield g
        elif c.dep_ in ("compound", "amod"):  # "a negotiating team", "vaccination units"
            yield c


def _find_object(verb: Token, objects: frozenset[str], particle: Token | None) -> Token | None:
    heads = [c for c in verb.children if c.dep_ in OBJECT_DEPS]
    if particle is not None:
        heads += [c for c in particle.children if c.dep_ == "pobj"]
    else:  # "went on strike", "engaged in fighting": object under any preposition but a time adjunct's
        heads += [g for c in verb.children if c.dep_ in ("prep", "prt") and c.lower_ not in ADJUNCT_PREPS
                  for g in c.children if g.dep_ == "pobj"]
    for h in heads:
        for t in _object_lemmas(h):
            if t.lemma_.lower() in objects or t.lower_ in objects:
                return t
    return None


# -- loading ----------------------------------------------------------------------------------------
def _patterns(v: Any) -> list[tuple[str, str | None]]:
    """Pattern items: a string, or a mapping ``{pattern: "...", modality: proposed}``."""
    out: list[tuple[str, str | None]] = []
    for item in v if isinstance(v, list) else ([] if v is None else [v]):
        if isinstance(item, dict):
            if "pattern" not in item:
                raise ConfigError(f"event dictionary: a pattern mapping needs a 'pattern' key: {item!r}")
            out.append((str(item["pattern"]), item.get("modality")))
        else:
            out.extend((p, None) for p in _as_list([item]))
    return out


def _as_list(v: Any) -> list[str]:
    if v is None:
        return []
    if isinstance(v, str):
        return [v]
    if any(isinstance(x, bool) for x in v):
        raise ConfigError("event dictionary: a list holds a boolean; quote \"on\", \"off\", \"no\", \"yes\" in YAML")
    return [str(x) for x in v]


def _expand(spec: str, classes: dict[str, set[str]]) -> set[str]:
    out: set[str] = set()
    for part in spec.split("|"):
        part = part.strip().lower()
        if part.startswith("@"):
            try:
                out |= classes[part[1:]]
            except KeyError:
                raise ConfigError(f"event dictionary: unknown noun class {part!r}") from None
        elif part:
            out.add(part.split()[-1])  # multiword objects match on their head ("martial law" -> law)
    return out


def _compile_verb(action: str, spec: str, particles: set[str], classes: dict[str, set[str]],
                  modality: str | None = None) -> VerbPattern:
    words = spec.lower().split()
    if not words:
        raise ConfigError(f"event dictionary: empty verb pattern under {action}")
    lemma, particle, objects, requires = words[0], None, None, None
    rest = words[1:]
    if rest and rest[0] in particles:
        particle = rest.pop(0)
        while rest and rest[0] in particles:  # "pull out of": extra prepositions only guide targets
            rest.pop(0)
    if len(rest) > 1 and rest[-1] in particles:  # "halt @aid into": the clause must have this preposition
        requires = rest.pop()
    if rest:
        objects = frozenset(_expand(" ".join(rest), classes))
    return VerbPattern(action=action, lemma=lemma, particle=particle, objects=objects, modality=modality,
                       requires=requires)


def _compile_noun(action: str, spec: str, modality: str | None = None) -> NounPattern:
    words = spec.lower().split()
    mods = frozenset(words[:-1]) if len(words) > 1 else None
    return NounPattern(action=action, head=words[-1], modifiers=mods, modality=modality)


def build_lexicon(docs: Sequence[dict[str, Any]]) -> Lexicon:
    """Merge dictionary documents (later ones extend earlier ones) and compile them."""
    particles: set[str] = set()
    classes: dict[str, set[str]] = {}
    lists: dict[str, set[str]] = {}
    actions: dict[str, dict[str, list[tuple[str, str | None]]]] = {}
    modal_gov: dict[str, str] = {}
    modal_mod: dict[str, str] = {}
    intent: dict[str, set[str]] = {"cooperative": set(), "hostile": set()}
    maps: dict[str, dict[str, set[str]]] = {}
    blocked: list[tuple[str, set[str]]] = []  # phrase patterns that code no event (with extra particles)
    for d in docs:
        particles |= {p.lower() for p in _as_list(d.get("particles"))}
        for name, items in (d.get("noun_classes") or {}).items():
            classes.setdefault(name, set()).update(w.lower().split()[-1] for w in _as_list(items))
        for action, spec in (d.get("actions") or {}).items():
            if action not in ACTIONS:
                raise ConfigError(f"event dictionary: {action!r} is not a PLOVER action ({', '.join(ACTIONS)})")
            slot = actions.setdefault(action, {"verbs": [], "nouns": []})
            slot["verbs"] += _patterns((spec or {}).get("verbs"))
            slot["nouns"] += _patterns((spec or {}).get("nouns"))
        no_event = d.get("no_event") or {}
        own = {p.lower() for p in _as_list(no_event.get("particles"))}  # a blocks-only file brings its own
        blocked += [(p, own) for key in ("verbs", "statements") for p, _ in _patterns(no_event.get(key))]
        for key, value in d.items():
            if key in ("actions", "noun_classes", "particles", "version", "modal_governors", "modal_modifiers",
                       "plover_intent", "no_event"):
                continue
            if isinstance(value, list):
                lists.setdefault(key, set()).update(w.lower() for w in _as_list(value))
            elif isinstance(value, dict):  # word -> list (e.g. anaphoric noun -> actor kinds)
                wmap = maps.setdefault(key, {})
                for word, items in value.items():
                    wmap.setdefault(str(word).lower(), set()).update(_as_list(items))
        for kind, words in (d.get("modal_governors") or {}).items():
            modal_gov.update({w.lower(): kind for w in _as_list(words)})
        for kind, words in (d.get("modal_modifiers") or {}).items():
            modal_mod.update({w.lower(): kind for w in _as_list(words)})
        for kind, acts in (d.get("plover_intent") or {}).items():
            intent.setdefault(kind, set()).update(_as_list(acts))
    lex = Lexicon(modal_governors=modal_gov, modal_modifiers=modal_mod,
                  plover_cooperative=frozenset(intent["cooperative"]), plover_hostile=frozenset(intent["hostile"]))
    for action, spec in actions.items():
        for v, modality in spec["verbs"]:
            p = _compile_verb(action, v, particles, classes, modality)
            lex.verbs.setdefault(p.lemma, []).append(p)
        for n, modality in spec["nouns"]:
            q = _compile_noun(action, n, modality)
            lex.nouns.setdefault(q.head, []).append(q)
    for v, own in blocked:  # after the coding patterns: on a tie of specificity those win
        p = _compile_verb(NO_EVENT, v, particles | own, classes)
        if p.specificity > 0 and p.lemma in lex.verbs:  # a bare verb is no pattern to block with; a verb nothing
            lex.verbs[p.lemma].append(p)  # codes needs no block (and stays no dictionary verb: "reporter")
    for pats in lex.verbs.values():
        pats.sort(key=lambda p: -p.specificity)  # stable: file order breaks ties
    stop = lists.get("noun_stoplist", set())
    for head in list(lex.nouns):
        npats = sorted(lex.nouns[head], key=lambda p: p.modifiers is None)
        if head in stop:
            npats = [p for p in npats if p.modifiers is not None]
        if npats:
            lex.nouns[head] = npats
        else:
            del lex.nouns[head]
    block: dict[str, set[str]] = {}
    for item in lists.get("noun_blocklist", set()):
        words = item.split()
        if len(words) > 1:
            block.setdefault(words[-1], set()).update(words[:-1])
    lex.noun_block = {k: frozenset(v) for k, v in block.items()}
    lex.words = {k: frozenset(v) for k, v in lists.items()}
    lex.maps = {k: {w: frozenset(v) for w, v in m.items()} for k, m in maps.items()}
    return lex


DEFAULT_DICTIONARY = "plover.yaml"
#: the verb patterns converted from PETRARCH2's CAMEO dictionary (scripts/convert_dictionaries.py)
CAMEO_DICTIONARY = "cameo.yaml"
#: CAMEO's phrase patterns coded as no PLOVER event: ``statements`` (01x) and ``verbs`` ([---] and the rest)
CAMEO_NO_EVENT = "cameo_no_event.yaml"
#: which verb dictionaries code verbs: "plover" (hand-made), "cameo" (converted, all patterns), "cameo-fallback"
#: (CAMEO phrase patterns for verbs the hand-made one lacks), "cameo-phrases" (those tried on any verb the hand-made
#: patterns leave uncoded), and CAMEO's no-event phrase patterns over the hand-made verbs: "cameo-statements" (01x:
#: "deny the charges", "express hope" code no act), "cameo-nulls" ([---]), "cameo-blocks" (both).
#: "wordnet[:conf[:senses]]" adds the WordNet-backed table (``events.wordnet_verbs``) for verbs without any pattern
#: (off: every threshold lowered T17 tune, bench/RESULTS.md, issue 15, session 12).
#: Default: "plover" with "cameo-statements" — CAMEO's coding patterns lowered the held-out check scores (README,
#: events section); its statement patterns hold or raise them (bench/RESULTS.md, issue 15, session 10).
DEFAULT_VERBS: tuple[str, ...] = ("plover", "cameo-statements")



def _read_yaml(path: str | Path | None, name: str = DEFAULT_DICTIONARY) -> dict[str, Any]:
    if path is None:
        data = load_yaml("events", name) or {}
    else:
        try:
            text = Path(path).read_text("utf-8")
        except OSError as e:
            raise ConfigError(f"event dictionary {path}: {e}") from None
        data = parse_yaml(text, str(path)) or {}
    if not isinstance(data, dict):
        raise ConfigError(f"event dictionary {path or name}: expected a mapping at top level")
    return data


def _without_verbs(doc: dict[str, Any]) -> dict[str, Any]:
    actions = {a: {k: v for k, v in (spec or {}).items() if k != "verbs"} for a, spec in (doc.get("actions") or {}).items()}
    return {**doc, "actions": actions}


def load_lexicon(extra: tuple[str, ...] = (), verbs: tuple[str, ...] | None = None) -> Lexicon:
    """The default dictionaries extended by the user files ``extra`` (cached per tuple of paths).

    The hand-made ``plover.yaml`` always gives the word lists, noun classes and nominal triggers; its verb
    patterns are used when ``verbs`` holds "plover"; the converted CAMEO patterns when it holds "cameo" (after
    the hand-made ones: on a tie of specificity the earlier file wins)."""
    return _load_lexicon(extra, verbs or DEFAULT_VERBS)


@functools.lru_cache(maxsize=8)
def _load_lexicon(extra: tuple[str, ...], verbs: tuple[str, ...]) -> Lexicon:
    base = _read_yaml(None)
    docs = [base if "plover" in verbs else _without_verbs(base)]
    if "cameo" in verbs:  # all CAMEO patterns, the no-event ones included (PETRARCH2's reading)
        docs += [_read_yaml(None, CAMEO_DICTIONARY), _read_yaml(None, CAMEO_NO_EVENT)]
    elif {"cameo-blocks", "cameo-nulls", "cameo-statements"} & set(verbs):  # only CAMEO's no-event patterns
        cam = _read_yaml(None, CAMEO_NO_EVENT)
        blocks = dict(cam.get("no_event") or {})
        if "cameo-nulls" in verbs:  # the [---] patterns, not the 01x statements
            blocks.pop("statements", None)
        elif "cameo-statements" in verbs:  # the 01x statements only
            blocks.pop("verbs", None)
        docs.append({"noun_classes": cam.get("noun_classes") or {},
                     "no_event": {**blocks, "particles": cam.get("particles") or []}})
    lex = build_lexicon([*docs, *(_read_yaml(p) for p in extra)])
    for v in verbs:  # "wordnet" or "wordnet:0.6:3" (confidence, senses): the WordNet table for unpatterned verbs
        if v.split(":")[0] == "wordnet":
            from .wordnet_verbs import DEFAULT_MAX_SENSES, DEFAULT_MIN_CONFIDENCE, add_wordnet_fallback
            opts = v.split(":")[1:]
            add_wordnet_fallback(lex, float(opts[0]) if opts else DEFAULT_MIN_CONFIDENCE,
                                 int(opts[1]) if len(opts) > 1 else DEFAULT_MAX_SENSES)
    if "cameo-fallback" in verbs or "cameo-phrases" in verbs:
        cameo = build_lexicon([_without_verbs(base), _read_yaml(None, CAMEO_DICTIONARY)])
        for lemma, pats in cameo.verbs.items():
            specific = [p for p in pats if p.specificity > 0]
            if not specific:
                continue
            if "cameo-phrases" in verbs:  # tried on any verb the hand-made patterns leave uncoded
                lex.fallback[lemma] = specific
            elif lemma not in lex.verbs:  # CAMEO's phrase patterns for the verbs the hand-made dictionary lacks
                lex.verbs[lemma] = specific
    return lex
