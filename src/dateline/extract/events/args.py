"""Who did it and to whom: event participants from the dependency parse.

Actors come from the entities already found (canonical names and countries filled by the entities
component, through ``ctx.actors_at``/``ctx.actor_at`` and ``ctx.entities``). A state organ
(government, military, ministry, police, legislature, intelligence agency) acts for its state: the
event's actor is the state ("the Israeli military" -> Israel). Role nouns stand for the entity in
their modifiers ("the leaders of the US, Egypt and Qatar" -> three actors); unnamed state nouns ("the
police in Anapa", "the authorities") stand for the state of their place, else for the article's main
state; people nouns ("Palestinian prisoners", "protesters") are kept as their mention text.
Pronouns and definite descriptions ("the group", "the territory") are resolved in ``events.refs``.
"""
from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from spacy.attrs import ENT_TYPE, IDX, LIKE_NUM
from spacy.tokens import Doc, Token

from .described import Descriptions
from .refs import References
from .titles import name_words, titled_states
from .lexicon import Lexicon
from ...labels import ACTOR_LABELS, NAMES_NOT_ACTORS
from .syntax import (
    field_of,
    _of_pobj,
    Actor,
    conjuncts,
    dedupe,
    KEEP_MODS,
    NON_ACTOR_LABELS,
    OWNER_PREPS,
    PERSONAL,
    place_actor,
    RELATIVE,
)
from ..registry import Context



def _paint(per_token: list[Any], by_offset: Mapping[int, Any], char_to_tok: dict[int, int]) -> None:
    """Set ``per_token[i]`` for each token ``i`` whose character offset ``by_offset`` has a value for."""
    for off, value in by_offset.items():
        i = char_to_tok.get(off)
        if i is not None:
            per_token[i] = value


#: place features of a town (a town modifying an act noun is where it happened)
TOWN_FEATURES = frozenset({"city", "town", "village", "facility"})


class Mentions:
    """Per-doc lookups (token -> linked entity / place) and actor resolution over the parse.

    ``offset``: where the doc starts in the article when it covers only a part of it (records' character
    offsets are then ``offset`` ahead of the doc's); 0 for a whole article.
    """

    def __init__(self, doc: Doc, ctx: Context, lex: Lexicon, offset: int = 0) -> None:
        self.doc, self.ctx, self.lex, self.offset = doc, ctx, lex, offset
        n = len(doc)
        self.entity: list[Any] = [None] * n
        self.entities: list[list[Any] | None] = [None] * n
        self.place: list[Any] = [None] * n
        rows = doc.to_array([ENT_TYPE, LIKE_NUM, IDX]).tolist() if n else []  # no Token objects: fast
        strings = doc.vocab.strings
        skip_types = {strings.add(label) for label in NON_ACTOR_LABELS | NAMES_NOT_ACTORS}
        self.non_actor = [et in skip_types or ln == 1 for et, ln, _ in rows]
        char_to_tok = {idx + offset: i for i, (_, _, idx) in enumerate(rows)}
        for ent in sorted(ctx.entities, key=lambda e: e.start - e.end):  # smaller spans paint last
            if field_of(ent, "label") in ACTOR_LABELS or field_of(ent, "canonical"):
                for i in self._span(ent.start, ent.end):
                    self.entity[i] = ent
        _paint(self.entity, ctx.actor_at, char_to_tok)
        _paint(self.entities, {off: list(ents) for off, ents in ctx.actors_at.items() if ents}, char_to_tok)
        for pl in ctx.places:
            for i in self._span(pl.start, pl.end):
                self.place[i] = pl
        _paint(self.place, ctx.place_at, char_to_tok)
        for tx in ctx.timexes:
            for i in self._span(tx.start, tx.end):
                self.non_actor[i] = True
        for ent in ctx.entities:  # "launched Operation Gideon's Chariots": a name, not a participant
            if field_of(ent, "label") in NAMES_NOT_ACTORS:
                for i in self._span(ent.start, ent.end):
                    self.non_actor[i] = True
        self.kb = ctx.actor_kb
        w = lex.word_set
        self.role, self.actor_nouns, self.act_nouns = w("role_nouns"), w("actor_nouns"), w("act_nouns")
        self.quantity, self.state_nouns, self.casualty = w("quantity_nouns"), w("state_nouns"), w("casualty_nouns")
        self.organ_kinds = w("state_organ_kinds")
        from ..entities.kb import normalize  # noqa: PLC0415 - the KB's own key function

        self.titled = titled_states(doc, ctx.entities, self._span, self.role | w("title_words"), self.kb, normalize)

        self.refs = References(self)
        self.described = Descriptions(self)

    def _span(self, start: int, end: int) -> range:
        span = self.doc.char_span(start - self.offset, end - self.offset, alignment_mode="expand")
        return range(span.start, span.end) if span is not None else range(0)

    # -- records -> actors ----------------------------------------------------------------------------
    def state_name(self, iso3: str | None) -> str | None:
        if not iso3:
            return None
        st = self.kb.state(iso3) if self.kb is not None else None
        if st is not None:
            return str(st.name)
        try:
            import pycountry

            c = pycountry.countries.get(alpha_3=iso3)
            return getattr(c, "common_name", None) or (c.name if c else None)
        except (ImportError, LookupError):
            return None

    def from_entity(self, ent: Any) -> Actor:
        canonical = field_of(ent, "canonical") or field_of(ent, "name")
        text = field_of(ent, "text") or canonical or ""
        label = field_of(ent, "label") or ""
        kind = field_of(ent, "kind") or ""
        country = field_of(ent, "country") or field_of(ent, "country_code")
        name = canonical or text
        if kind in self.organ_kinds and country:  # "the Israeli military", "the White House" act for the state
            name = self.state_name(country) or name
        if not country and self.titled and (label in ("PERSON", "ORG") or kind == "person"):
            codes = {self.titled[x] for x in name_words(name) if x in self.titled}  # "Thai PM Abhisit ..."
            country = codes.pop() if len(codes) == 1 else None
        return Actor(name=name, text=text, start=field_of(ent, "start") or 0, end=field_of(ent, "end") or 0,
                     country=country, person=(label == "PERSON" or kind == "person"), linked=True, kind=kind)

    def state_actor(self, iso3: str | None, tok: Token, kind: str = "state") -> list[Actor]:
        """The state ``iso3`` standing for ``tok`` (``kind`` "organ": an unnamed organ of it, "the police")."""
        name = self.state_name(iso3)
        if name is None:
            return []
        s = tok.idx + self.offset
        return [Actor(name=name, text=tok.text, start=s, end=s + len(tok), country=iso3, linked=True, kind=kind)]

    # -- noun phrases -> actors -----------------------------------------------------------------------
    def np_actors(self, tok: Token, depth: int = 0) -> list[Actor]:
        """Actors named by the noun phrase headed by ``tok`` (without its conjuncts); [] if it names none."""
        if depth > 3:
            return []
        lemma = tok.lemma_.lower()
        if self.non_actor[tok.i] or lemma in self.quantity:  # "thousands of Iraqi Kurds", "one third of ..."
            of = _of_pobj(tok)
            if of is not None:
                return dedupe(a for x in conjuncts(of) for a in self.np_actors(x, depth + 1))
            if self.non_actor[tok.i]:
                return []
            group = _partitive_of(tok)
            if group is not None:  # "They blocked the roads and some hurled stones": some of them
                return self.np_actors(group, depth + 1)
        pl = self.place[tok.i]
        group = (self.entities[tok.i] or [self.entity[tok.i]])[0]
        if pl is not None and group is not None and field_of(group, "label") == "ACTOR":
            return [place_actor(pl)]  # "from Lubbock" inside a group mention ("its field team from Lubbock")
        if tok.tag_ == "NN" and all(field_of(e, "label") == "ACTOR" for e in self.entities[tok.i] or [self.entity[tok.i]]
                                    if e is not None):  # a description, no name: "the Libyan leader" after
            person = self.described.person(tok)  # "Libyan leader Moammar Gadhafi" is that person
            if person is not None:
                return [person]
        if self.entities[tok.i]:  # the head of "Qatari and Egyptian mediators": both
            return dedupe(self.from_entity(e) for e in self.entities[tok.i] or ())
        ent = self.entity[tok.i]
        if ent is not None:
            pl = self.place[tok.i]
            if pl is not None and field_of(ent, "kind") in (None, "location"):
                return [place_actor(pl)]  # "to Lubbock": a city, with its feature
            return [self.from_entity(ent)]
        if self.place[tok.i] is not None:
            return [place_actor(self.place[tok.i])]
        if tok.pos_ == "PRON":  # (not reflexives: "blew themselves up")
            return self.refs.pronoun(tok, depth) if tok.lower_ in PERSONAL or tok.lower_ in RELATIVE else []
        found = self.refs.definite(tok)  # "the group", "both sides"
        if found is not None:
            return found
        if lemma in self.role:  # "the Prime Minister of Qatar Mohammed bin Abdulrahman Al Thani", "the group
            named = self._name_after_title(tok)  # Greenpeace": the name acts
            if named is not None:
                return [self.from_entity(named)]
        holder = self.office_holder(tok)  # "the governor of the Krasnodar region": who held that office then
        if holder is not None:
            return [holder]
        if lemma in self.role or lemma in self.act_nouns:  # "a spokesman for the ministry"; not "a deal for X"
            found = self.modifier_actors(tok, depth, owners=True, by_for=lemma in self.role)
            if found:
                return found
        if lemma in self.casualty and tok.dep_ != "nsubj" \
                and any(c.dep_ in ("nummod", "quantmod") or self.non_actor[c.i] for c in tok.children) \
                and not any(self.entity[c.i] is not None for c in tok.children):
            return []  # "killed at least 40 people": a toll, not a participant ("46 Afghan civilians" is one;
            # so is the active subject: "a few thousand people expressed their support")
        if lemma in self.state_nouns:  # "police in Anapa", "the authorities"
            return self.refs.state_of(tok)
        if lemma in self.actor_nouns or tok.lower_ in self.actor_nouns or self.agent_noun(tok):
            return [self.text_actor(tok)]
        if tok.pos_ == "PROPN":
            if tok.left_edge.lower_ in self.lex.word_set("name_prefixes_not_actors"):
                return []  # "Operation Gideon's Chariots"
            return [self.text_actor(tok)]
        if tok.lower_ in self.lex.word_set("admin_place_nouns"):
            return []  # "Gaines and Lubbock counties": places (even where the tagger names them an organization)
        if tok.pos_ == "NOUN":  # "Palestinian lorries", "Iraqi towns", "US Predator attacks": the named modifier
            found = self.modifier_actors(tok, depth, owners=False)  # ... or owner ("tankers of Russia's fleet")
            found = found or [a for a in self.modifier_actors(tok, depth, owners=True) if a.linked]
            if found:
                return found
            if any(c.dep_ == "compound" and c.pos_ == "PROPN" for c in tok.children):
                return [self.text_actor(tok)]  # "the APEC forum"
        return []

    def office_holder(self, tok: Token) -> Actor | None:
        """The one person of the actor KB whose role on the article's date is this title "of" a place
        ("the governor of the Krasnodar region" -> the Governor of Krasnodar Krai then in office)."""
        if self.kb is None or tok.pos_ != "NOUN":
            return None
        for c in tok.children:
            if c.dep_ != "prep" or c.lower_ != "of":
                continue
            places = [self.place[g.i] for g in c.subtree if self.place[g.i] is not None]
            if not places:
                return None
            pl = places[0]
            title = f"{tok.lemma_} of {field_of(pl, 'name')}".lower()
            date = self.ctx.article.dct
            hits = [a for a in self.kb.of_kind("person", field_of(pl, "country_code"))
                    if (r := a.role_at(date)) is not None and r.role.lower() == title]
            if len(hits) == 1:
                s, e = tok.left_edge.idx + self.offset, c.right_edge.idx + len(c.right_edge) + self.offset
                return Actor(name=hits[0].name, text=self.ctx.article.text[s:e], start=s, end=e,
                             country=hits[0].country, person=True, linked=True, kind="person")
        return None

    def _name_after_title(self, tok: Token) -> Any:
        end = max([c.right_edge.i for c in tok.children if c.i > tok.i and c.dep_ in ("prep", "compound", "amod")],
                  default=tok.i)
        nxt = end + 1
        if nxt >= len(self.doc) or self.doc[nxt].is_punct:
            return None
        ent = self.entity[nxt]
        if ent is not None and (field_of(ent, "label") in ("PERSON", "ORG") or field_of(ent, "kind") == "person"):
            return ent
        return None

    def modifier_actors(self, tok: Token, depth: int, owners: bool, by_for: bool = True) -> list[Actor]:
        """Entities in a noun's modifiers: "of/from X" (role and act nouns), appositions, compounds, 's."""
        out: list[Actor] = []
        for c in tok.children:
            if c.dep_ == "appos":
                out += self.np_actors(c, depth + 1)
        if out:
            return out
        if owners:
            for c in tok.children:
                if c.dep_ == "prep" and c.lower_ in OWNER_PREPS and (by_for or c.lower_ != "for"):
                    for g in c.children:
                        if g.dep_ == "pobj":
                            for x in conjuncts(g):
                                out += self.np_actors(x, depth + 1)
            if out:
                return out
        for c in tok.children:
            if c.dep_ in ("compound", "amod", "poss", "nmod", "npadvmod"):
                for x, ent in self.modifier_words(c, tok):
                    if ent is not None:
                        out.append(self.from_entity(ent))
                    elif x.pos_ == "PRON" and x.lower_ in PERSONAL and c.dep_ == "poss":
                        out += self.refs.pronoun(x, depth + 1)
                    elif c.dep_ == "compound" and x.pos_ == "PROPN" and not self.non_actor[x.i]:
                        out.append(self.text_actor(x))  # "US Predator attacks" (unlinked name)
                    elif c.dep_ == "compound" and x.pos_ == "NOUN" and depth < 3:
                        out += self.modifier_actors(x, depth + 1, owners=False)
        return out

    def modifier_words(self, c: Token, head: Token) -> Iterator[tuple[Token, Any]]:
        """The words of modifier ``c`` of ``head`` (its conjuncts) with their linked entity, leaving out a town
        before an act noun ("the Luton protest": where it happened, not who protested)."""
        for x in conjuncts(c):
            if c.dep_ == "compound" and self.town_before_act(x, head):
                continue
            yield x, self.entity[x.i]

    def town_before_act(self, x: Token, act: Token) -> bool:
        pl = self.place[x.i]
        return (pl is not None and (getattr(pl, "feature", None) or "") in TOWN_FEATURES
                and act.lemma_.lower() in self.lex.nouns)

    def agent_noun(self, tok: Token) -> bool:
        """A common noun naming the doer of an act of the dictionary ("rioters", "looters" if looting were one,
        "attackers", "kidnappers", "invaders"): the verb with -er / -or / -ers taken off is a verb trigger."""
        if tok.pos_ != "NOUN":
            return False
        word = tok.lemma_.lower()
        for suffix, stems in (("er", ("", "e")), ("or", ("e", ""))):
            if word.endswith(suffix) and len(word) > len(suffix) + 3:
                base = word[: -len(suffix)]
                if any(base + e in self.lex.verbs for e in stems) or (
                        len(base) > 2 and base[-1] == base[-2] and base[:-1] in self.lex.verbs):  # "kidnapper"
                    return True
        return False

    def text_actor(self, tok: Token) -> Actor:
        """An unlinked actor named by its noun phrase: modifiers that classify it and the head, without
        numbers and determiners ("several hundred Palestinian prisoners" -> "Palestinian prisoners",
        "the owners of the two tankers" -> "tanker owners")."""
        doc = tok.doc
        keep = [c for c in tok.children if c.dep_ in KEEP_MODS and c.i < tok.i and not self.non_actor[c.i]
                and c.lower_ not in self.lex.word_set("quantity_nouns")]
        country = None
        for c in keep:
            ent = self.entity[c.i]
            if ent is not None and country is None:
                country = field_of(ent, "country")
        if keep:
            first = min(keep, key=lambda t: t.i).i
            words = [t for t in doc[first:tok.i + 1] if not self.non_actor[t.i] and not t.is_punct
                     or t.text == "-"]
            text = " ".join("".join(t.text_with_ws for t in words).split())
        else:
            of = _of_pobj(tok)
            if of is not None and of.pos_ == "NOUN" and self.entity[of.i] is None:
                text = f"{of.lemma_} {tok.text}"  # "relatives of hostages" -> "hostage relatives"
            else:
                text = tok.text
        s = tok.idx + self.offset
        mention = self.ctx.article.text[tok.left_edge.idx + self.offset:s + len(tok)]
        if country is None and tok.pos_ == "PROPN" and self.titled:  # "Kusa" after "Libyan Foreign Minister Musa Kusa"
            codes = {self.titled[x] for x in name_words(text) if x in self.titled}
            country = codes.pop() if len(codes) == 1 else None
        return Actor(name=text, text=mention or text, start=s,
                     end=s + len(tok), country=country)

    def actors(self, tok: Token) -> list[Actor]:
        """Actors of ``tok`` and its coordinated conjuncts, de-duplicated in order."""
        return dedupe(a for x in conjuncts(tok) for a in self.np_actors(x))

    def place_record(self, tok: Token) -> Any:
        return self.place[tok.i]


def _partitive_of(tok: Token) -> Token | None:
    """The subject of the clause that a bare quantifier's clause is coordinated with ("They blocked the roads
    and some hurled stones" -> They), else None."""
    v = tok.head
    if tok.dep_ != "nsubj" or v.dep_ != "conj" or any(c.dep_ == "det" for c in tok.children):
        return None
    return next((c for c in v.head.children if c.dep_ == "nsubj"), None)
