"""References to actors and places that are not names: pronouns, definite descriptions, unnamed
state organs.

- pronouns: a relative pronoun is its antecedent; "its" in "Israel resumed its campaign" is its own
  clause's subject; a pronoun subject of a reported or controlled clause ("Hamas announced that it
  refuses") is the reporting clause's subject; else the last actor that was a subject before it.
- definite descriptions (``anaphoric_nouns`` in the dictionary): "the group" is the last organization of a
  matching kind mentioned before, "the department" the last actor whose name has that word, "the
  territory" the last region or country named; "both sides" the two actors named most often before.
- unnamed state nouns ("police in Anapa", "the authorities"): the state of the place they are in, else
  the article's main state (the state whose organs and names are mentioned most).
(Descriptions of a person the article introduced with them: ``events.described``.)
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from spacy.tokens import Token

from .pairs import named_together
from .syntax import RELATIVE, Actor, field_of, clause_verb, dedupe, subject_chain

if TYPE_CHECKING:
    from .args import Mentions  # type only: Mentions builds References, never the reverse at run time

DEFINITE_DETS = frozenset({"the", "this", "that", "these", "those"})
CLAUSE_UP = frozenset({"ccomp", "xcomp", "advcl", "conj"})
FIRST_PLURAL = frozenset({"we", "our", "us", "ours"})
FIRST_SINGULAR = frozenset({"i", "my", "me"})
PLURAL_TAGS = frozenset({"NNS", "NNPS"})
THIRD_PLURAL = frozenset({"they", "them", "their"})


def dedupe_by_start(ents: Iterable[Any]) -> list[Any]:
    """The distinct records (by start offset) among ``ents``, None left out, in order."""
    seen: dict[Any, Any] = {}
    for e in ents:
        if e is not None:
            seen.setdefault(field_of(e, "start"), e)
    return list(seen.values())


class References:
    def __init__(self, m: Mentions) -> None:
        self.m = m
        lex = m.lex
        self.anaphoric: dict[str, frozenset[str]] = lex.maps.get("anaphoric_nouns", {})
        self.place_nouns = lex.word_set("anaphoric_places")
        self.side_nouns = lex.word_set("side_nouns")
        ents = [e for e in m.ctx.entities if field_of(e, "canonical")]
        self.history = sorted(ents, key=lambda e: e.start)
        self.places = sorted(m.ctx.places, key=lambda p: p.start)
        self._subjects: list[tuple[int, list[Actor]]] | None = None
        self._dominant: str | None | bool = False
        self._main_place: Actor | None | bool = False
        self._parties: list[tuple[Any, Actor]] | None = None
        self._busy: set[int] = set()  # tokens being resolved (references may refer through each other)

    def _pos(self, tok: Token) -> int:
        return tok.idx + self.m.offset

    # -- pronouns ----------------------------------------------------------------------------------------
    def pronoun(self, tok: Token, depth: int = 0) -> list[Actor]:
        if depth > 4 or tok.i in self._busy:
            return []
        self._busy.add(tok.i)
        try:
            return self._pronoun(tok, depth)
        finally:
            self._busy.discard(tok.i)

    def _pronoun(self, tok: Token, depth: int) -> list[Actor]:
        m = self.m
        low = tok.lower_
        if low in RELATIVE:
            clause = tok.head
            for _ in range(6):
                if clause.dep_ == "relcl" or clause.head == clause:
                    break
                clause = clause.head
            if clause.dep_ != "relcl":
                return []
            if clause.head.dep_ == "appos":  # "Abdulwahab, an Iraqi-born terrorist who blew ...": the name
                named = m.np_actors(clause.head.head, depth + 1)
                if named:
                    return named
            return m.np_actors(clause.head, depth + 1)
        v = clause_verb(tok)
        if low in FIRST_PLURAL:  # "We will not accept partial agreements," al-Hayya said -> Hamas
            return self.speaker_group(tok)
        if low in FIRST_SINGULAR:  # "I urge the Libyan authorities to stop," Ban said -> Ban
            speaker = self.speaker(tok)
            return [speaker] if speaker is not None else []
        if tok.dep_ not in ("nsubj", "nsubjpass", "poss"):  # an object: the last fitting name, not the subject
            return self._object_pronoun(tok, v)
        if tok.dep_ == "poss" and v is not None:  # "Israel resumed its campaign"
            for subj in subject_chain(v):
                if subj != tok and subj != tok.head and subj.pos_ != "PRON":
                    found = m.np_actors(subj, depth + 1)
                    if found:
                        return found
                break
        while v is not None and v.dep_ in CLAUSE_UP and v.head != v:  # "Hamas announced that it refuses"
            vsubj = next(subject_chain(v.head), None)
            if vsubj is not None and vsubj != tok:
                found = m.np_actors(vsubj, depth + 1)
                if found and low in THIRD_PLURAL and self._one_person(vsubj, found):
                    return []  # "she said they would sue": not her, and no one this clause names
                if found:
                    return found
                if low in THIRD_PLURAL and v.dep_ in ("ccomp", "xcomp") and vsubj.tag_ in PLURAL_TAGS:
                    return [m.text_actor(vsubj)]  # "Employers said they would sue": the employers, named or not
            v = v.head
        want_person = low in ("he", "him", "his", "she", "her")
        singular = low in ("it", "its") or want_person
        for i, acts in reversed(self.subjects()):
            if i >= tok.i or (singular and self.m.doc[i].tag_ in PLURAL_TAGS):
                continue  # a singular pronoun never stands for a plural noun ("fans ... It also accuses him")
            if low in THIRD_PLURAL and self._one_person(self.m.doc[i], acts):
                continue  # nor a plural one for one person ("Maria Lopez declined ... they would sue")
            cands = [a for a in acts if a.person == want_person] if low not in THIRD_PLURAL else acts
            if cands:
                return cands[:1] if want_person or low in ("it", "its") else cands
        return []

    @staticmethod
    def _one_person(tok: Token, acts: list[Actor]) -> bool:
        """``tok`` (a subject whose actors are ``acts``) names one person: singular, not a group."""
        return tok.tag_ not in PLURAL_TAGS and tok.lower_ not in THIRD_PLURAL | {"we"} and len(acts) == 1 and (
            acts[0].person or tok.lower_ in ("he", "she", "i"))

    def _object_pronoun(self, tok: Token, v: Token | None) -> list[Actor]:
        subj = next(subject_chain(v), None) if v is not None else None
        exclude = {a.key for a in self.m.actors(subj)} if subj is not None and subj != tok else set()
        person = tok.lower_ in ("him", "her")
        pos = self._pos(tok)
        sent_start = tok.sent.start_char + self.m.offset
        for e in reversed(self.history):
            if e.start >= pos or field_of(e, "kind") in ("location", "media"):
                continue
            if tok.lower_ in ("it", "its") and (e.start < sent_start or field_of(e, "kind") == "state"):
                continue  # an object "it" is mostly a thing: only an organization named in its sentence
            if (field_of(e, "label") == "PERSON" or field_of(e, "kind") == "person") != person:
                continue
            a = self.m.from_entity(e)
            if a.key not in exclude:
                return [a]
        return []

    def speaker_group(self, tok: Token) -> list[Actor]:
        """The group a "we" speaks for: the speaker's organization (from the actor KB role), else the speaker."""
        speaker = self.speaker(tok)
        if speaker is None:
            return []
        pos = self._pos(tok)
        kb = self.m.kb
        person = kb.by_name.get(speaker.name) if kb is not None and speaker.person else None
        role = person.role_at(self.m.ctx.article.dct) if person is not None else None
        org = kb.by_name.get(role.org) if kb is not None and role is not None and role.org else None
        if org is None:
            return [speaker]
        name = org.name
        if org.kind in self.m.organ_kinds and org.country:
            name = self.m.state_name(org.country) or name
        return [Actor(name=name, text=tok.text, start=pos, end=pos + len(tok), country=org.country, linked=True,
                      kind=org.kind)]

    def speaker(self, tok: Token) -> Actor | None:
        """Who speaks the statement (quote or reported clause) that holds ``tok``, else None."""
        speaker: Actor | None = None
        pos = self._pos(tok)
        for st in self.m.ctx.statements:
            if st.start <= pos < st.end and st.speaker_start is not None and st.speaker_end is not None:
                span = self.m.doc.char_span(st.speaker_start - self.m.offset, st.speaker_end - self.m.offset,
                                            alignment_mode="expand")
                if span is not None and len(span):
                    found = self.m.actors(span.root)
                    speaker = found[0] if found else None
                break
        if speaker is None:
            v = clause_verb(tok)
            while v is not None and v.head != v and v.dep_ in CLAUSE_UP:
                if v.dep_ == "ccomp":
                    subj = next(subject_chain(v.head), None)
                    found = self.m.actors(subj) if subj is not None else []
                    speaker = found[0] if found else None
                    break
                v = v.head
        return speaker

    def subjects(self) -> list[tuple[int, list[Actor]]]:
        if self._subjects is None:
            self._subjects = []
            for t in self.m.doc:
                if t.dep_ in ("nsubj", "nsubjpass") and t.pos_ != "PRON":
                    acts = self.m.actors(t)
                    if acts:
                        self._subjects.append((t.i, acts))
        return self._subjects

    # -- definite descriptions ----------------------------------------------------------------------------
    def definite(self, tok: Token) -> list[Actor] | None:
        """Actors of "the group", "the territory", "both sides"; None when ``tok`` is not such a description."""
        if tok.i in self._busy:
            return None
        self._busy.add(tok.i)
        try:
            return self._definite(tok)
        finally:
            self._busy.discard(tok.i)

    def _definite(self, tok: Token) -> list[Actor] | None:
        lemma = tok.lemma_.lower()
        dets = {c.lower_ for c in tok.children if c.dep_ in ("det", "predet", "nummod")}
        together = named_together(tok, self.m.entity, self.m.from_entity)  # "the pair", "the two men"
        if together:
            return together
        if lemma in self.side_nouns and dets & {"both", "two"}:
            return self._top_two(tok, self._clause_actors(tok))
        if not dets & DEFINITE_DETS or any(c.dep_ in ("compound", "amod", "poss") and self.m.entity[c.i] is not None
                                          for c in tok.children):
            return None
        if lemma in self.place_nouns:  # "the country" is a country; "the territory", "the enclave" a region
            s = self._pos(tok)
            pl = self.last_place(s, {"country": ("country",), "state": ("region", "country")}.get(lemma, ("region",)))
            if pl is not None:
                return [Actor(name=pl.name, text=tok.text, start=s, end=s + len(tok), country=pl.country_code,
                              linked=True, kind=pl.feature or "region")]
            main = self.main_place()
            return [main] if main is not None else None
        kinds = self.anaphoric.get(lemma)
        if kinds is None:
            return None
        pos = self._pos(tok)
        before = [e for e in reversed(self.history) if e.start < pos]
        for e in before:  # "the department": the last actor with that word in its name, else of that kind
            if lemma in str(field_of(e, "canonical") or "").lower().split():
                return [self.m.from_entity(e)]
        for e in before:
            if field_of(e, "kind") in kinds:
                return [self.m.from_entity(e)]
        return None

    def _top_two(self, tok: Token, exclude: set[str]) -> list[Actor]:
        """The two parties named most before ``tok`` other than the clause's own actors."""
        counts, first = self._party_counts(exclude, self._pos(tok))
        return dedupe(self.m.from_entity(first[n][0]) for n, _ in counts.most_common(2))

    def counterpart(self, actors: list[Actor]) -> list[Actor]:
        """The party the article names most besides ``actors`` (states and organizations; a person's own
        state does not count as the other side)."""
        exclude = {a.key for a in actors} | {(self.m.state_name(a.country) or "").lower() for a in actors}
        counts, first = self._party_counts(exclude)
        return [first[counts.most_common(1)[0][0]][1]] if counts else []

    def _party_list(self) -> list[tuple[Any, Actor]]:
        """The article's parties in order (no people, places or media), each with its actor; built once (actors
        are frozen and ``from_entity`` reads only what the doc fixed)."""
        if self._parties is None:
            self._parties = [(e, self.m.from_entity(e)) for e in self.history
                             if field_of(e, "kind") not in ("person", "location", "media")
                             and field_of(e, "label") != "PERSON"]
        return self._parties

    def _party_counts(self, exclude: set[str], before: int | None = None) -> tuple[Counter[str], dict[str, Any]]:
        """How often the article names each party (no people, places or media; not ``exclude``; only before
        character ``before`` when given), and the first (entity, actor) of each."""
        counts: Counter[str] = Counter()
        first: dict[str, tuple[Any, Actor]] = {}
        for e, a in self._party_list():
            if before is not None and e.start >= before:
                break  # the history is sorted by start
            if a.key in exclude:
                continue
            counts[a.name] += 1
            first.setdefault(a.name, (e, a))
        return counts, first

    def _clause_actors(self, tok: Token) -> set[str]:
        v = clause_verb(tok)
        subj = next(subject_chain(v), None) if v is not None else None
        if subj is None or subj == tok:
            return set()
        return {a.key for a in self.m.actors(subj)}

    def proposal_owner(self, tok: Token, own: list[Token], actors: list[Actor]) -> list[Actor]:
        """Who put forward the proposal a reply at ``tok`` answers (``proposal_reply_actions`` in the
        dictionary): the owner of a proposal in the reply's clause (its object, the clause a participle
        depends on: "delivered its response to a US-backed proposal, seeking changes"; the noun a relative
        clause modifies); when that proposal has no owner ("The proposal, which Israel accepted"), the owner
        of the last proposal named before the sentence. ``own``: the trigger's pattern words (not a reply:
        "sent a counterproposal")."""
        nouns = self.m.lex.word_set("proposal_nouns")
        keys = {a.key for a in actors}
        skip = {tok.i, *(t.i for t in own)}
        conj = {t.i for c in tok.children if c.dep_ == "conj" for t in c.subtree}  # not a coordinated act's
        near = [t for t in tok.subtree if t.i not in conj]
        if tok.dep_ == "advcl":
            near += [t for t in tok.head.subtree if t.i not in {x.i for x in tok.subtree}]
        if tok.dep_ == "relcl":
            near.append(tok.head)
        props = [t for t in near if t.lemma_.lower() in nouns and t.i not in skip]
        for p in props:
            found = self._owners(p, keys)
            if found:
                return found
        if not props:
            return []
        for p in reversed(tok.doc[:tok.sent.start]):
            if p.lemma_.lower() in nouns:
                found = self._owners(p, keys)
                if found:
                    return found
        return []

    def _owners(self, noun: Token, exclude: set[str]) -> list[Actor]:
        """Actors named by the modifiers of ``noun`` ("US-backed", "Israel's", "Egyptian") or its "from"/"by"
        object."""
        toks = []
        for c in noun.children:
            if c.dep_ in ("amod", "compound", "poss", "nmod"):
                toks += [c, *(g for g in c.children if g.dep_ in ("npadvmod", "compound", "nmod"))]
            elif c.dep_ == "prep" and c.lower_ in ("from", "by"):
                toks += [g for g in c.children if g.dep_ == "pobj"]
        ents = dedupe_by_start(self.m.entity[t.i] for t in toks)
        return [a for a in (self.m.from_entity(e) for e in ents) if a.key not in exclude]

    def last_place(self, pos: int, features: tuple[str, ...]) -> Any:
        """The last place of one of ``features`` named before ``pos``."""
        for pl in reversed(self.places):
            if pl.start < pos and field_of(pl, "feature") in features:
                return pl
        return None

    def main_place(self) -> Actor | None:
        """The region or country the article names most, as places or as modifiers ("the group's Gaza
        chief"): the stand-in target of material acts."""
        if self._main_place is False:
            counts: Counter[str] = Counter()
            info: dict[str, tuple[str | None, str]] = {}
            for pl in self.places:
                if field_of(pl, "feature") in ("region", "country") and pl.name:
                    counts[pl.name] += 1
                    info.setdefault(pl.name, (pl.country_code, pl.feature or "region"))
            for e in self.history:
                name = field_of(e, "canonical")
                if field_of(e, "kind") == "location" and name in info:
                    counts[name] += 1
            rank = {"region": 1, "country": 0}
            best = max(counts, key=lambda n: (counts[n], rank.get(info[n][1], 0)), default=None)
            self._main_place = None if best is None else Actor(
                name=best, text=best, start=0, end=0, country=info[best][0], linked=True, kind=info[best][1])
        return self._main_place if isinstance(self._main_place, Actor) else None

    # -- unnamed state organs ------------------------------------------------------------------------------
    def state_of(self, tok: Token) -> list[Actor]:
        m = self.m
        for c in tok.children:
            if c.dep_ in ("compound", "amod", "nmod") and m.place[c.i] is not None:
                return m.state_actor(field_of(m.place[c.i], "country_code"), tok, "organ")
            if c.dep_ == "prep" and c.lower_ in ("in", "of", "from"):
                for g in c.children:
                    if g.dep_ == "pobj" and m.place[g.i] is not None:
                        return m.state_actor(field_of(m.place[g.i], "country_code"), tok, "organ")
        return m.state_actor(self.main_state(), tok, "organ") or [m.text_actor(tok)]

    def main_state(self) -> str | None:
        if self._dominant is False:
            organs = self.m.organ_kinds | {"state"}
            counts = Counter(str(field_of(e, "country")) for e in self.history
                             if field_of(e, "kind") in organs and field_of(e, "country"))
            self._dominant = counts.most_common(1)[0][0] if counts else None
        return self._dominant if isinstance(self._dominant, str) else None
