"""Actors named by a group or role noun and its owner: "Hamas representatives", "the Israeli military",
"Qatari and Egyptian mediators", "the leaders of the US, Egypt and Qatar", "the health ministry in
Hamas-run Gaza", "the Palestinian militant group", "Gaza militants", "the mediators".

The nouns, their classes and the ministry topics are data (``resources/actors/nouns.yaml``).
"""
from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from ...model import stable_id
from .kb import Actor, ActorKB
from .link import Link, Linker, actor_link
from .mentions import Mention, lemma_key

_NOUN_POS = frozenset({"NOUN", "PROPN"})
_OWNER_LEFT_DEPS = frozenset({"amod", "compound", "nmod", "poss", "npadvmod"})
_OWNER_PREPS = frozenset({"of", "from", "for"})
_CLASS_KIND = {"force": "military", "armed": "militant group", "government": "government",
               "intelligence": "intelligence agency", "police": "police", "media": "media",
               "member": "government", "organization": "organization", "ministry": "ministry"}
#: member nouns that are one person's title: "the Israeli prime minister" -> the KB person in office
_TITLE_NOUNS = frozenset({"president", "prime minister", "premier", "chancellor", "king", "emir",
                          "supreme leader", "foreign minister", "defence minister", "defense minister"})


CountryRank = Callable[[Token], list[str]]


def _np_start(tok: Token) -> int:
    """First token of the noun's own modifiers ("the state health department" -> "state")."""
    return min([tok.i] + [c.i for c in tok.lefts if c.dep_ in ("amod", "compound")])


@dataclass(slots=True)
class GroupMention:
    head: int  # token index of the group noun
    start: int
    end: int
    noun: str  # lemma ("mediator", "prime minister")
    link: Link


class _Owned:
    """The owned group mentions of one noun lemma, for the ownerless ones: those found by owner (in text order)
    and the coreferences added since (in text order), each list with its heads for bisection."""

    def __init__(self, found: list[GroupMention]) -> None:
        self.found: dict[str, tuple[list[int], list[GroupMention]]] = {}
        self.added: dict[str, tuple[list[int], list[GroupMention]]] = {}
        for g in found:  # heads ascend: ``find`` reads the tokens in order
            if g.link.how != "ownerless":
                heads, items = self.found.setdefault(g.noun, ([], []))
                heads.append(g.head)
                items.append(g)

    def add_coreference(self, g: GroupMention) -> None:
        heads, items = self.added.setdefault(g.noun, ([], []))
        heads.append(g.head)
        items.append(g)

    def nearest(self, lem: str, i: int) -> list[GroupMention]:
        """All owned mentions of ``lem`` on the nearest head before token ``i`` (else on the first head), found
        ones first: what the scan 'max head before i, else min head; all on that head, in list order' gives."""
        lists = [x for x in (self.found.get(lem), self.added.get(lem)) if x is not None and x[0]]
        if not lists:
            return []
        before = [heads[k - 1] for heads, _ in lists if (k := bisect.bisect_left(heads, i))]
        h = max(before) if before else min(heads[0] for heads, _ in lists)
        return [g for heads, items in lists for g in items[bisect.bisect_left(heads, h):bisect.bisect_right(heads, h)]]


class GroupFinder:
    def __init__(self, kb: ActorKB, linker: Linker) -> None:
        self.kb = kb
        self.linker = linker
        nouns = kb.nouns
        self.classes = {lem: cls for cls, lems in nouns["group_nouns"].items() for lem in lems}
        self.ownerless = frozenset(nouns.get("ownerless_nouns", []))
        self.kind_words: dict[str, str] = nouns.get("kind_words", {})
        self.topics: dict[str, str] = nouns.get("ministry_topics", {})
        self.ministry_nouns = frozenset(nouns.get("ministry_nouns", []))
        self.persons: dict[str, list[Actor]] = {}  # country an office is held for -> people with roles
        for a in kb.actors:
            if a.kind != "person" or not a.roles:
                continue
            keys = {a.country, *(r.country for r in a.roles)}
            keys |= {kb.by_name[r.org].country for r in a.roles if r.org in kb.by_name}
            for k in keys - {None}:
                self.persons.setdefault(k, []).append(a)  # type: ignore[arg-type]

    def noun_at(self, doc: Doc, tok: Token) -> tuple[str, str] | None:
        """(lemma, class) of a group noun at ``tok`` (two-word nouns end on ``tok``)."""
        if tok.pos_ not in _NOUN_POS:
            return None
        lem = lemma_key(tok)
        if tok.i > 0:
            for last in dict.fromkeys((lem, tok.lower_)):  # "state media": "media" is lemmatised "medium"
                two = lemma_key(doc[tok.i - 1]) + " " + last
                if two in self.classes:
                    return two, self.classes[two]
        if lem in self.ministry_nouns:
            return lem, "ministry"
        if lem in self.classes:
            return lem, self.classes[lem]
        return None

    def _opens_two_word_noun(self, doc: Doc, tok: Token) -> bool:
        """``tok`` is the first word of a two-word group noun ("state" of "state television"): one mention, the
        two-word one, not a government and a broadcaster."""
        if tok.i + 1 >= len(doc):
            return False
        nxt = self.noun_at(doc, doc[tok.i + 1])
        return nxt is not None and " " in nxt[0]

    def find(self, doc: Doc, mention_at: dict[int, Mention], skip: set[int], date: str | None,
             article_actors: Counter[str], country_rank: CountryRank) -> list[GroupMention]:
        """Group mentions of ``doc``; ``skip``: tokens of people's role descriptors; ``country_rank(tok)``:
        the countries of the token's sentence, then of the article, most mentioned first."""
        out: list[GroupMention] = []
        resolved: dict[int, list[Link]] = {}
        pending: list[tuple[Token, str, str]] = []
        for tok in doc:
            if tok.i in skip:
                continue
            m = mention_at.get(tok.i)
            if m is not None:
                continue  # a name (or a KB alias such as "Israeli military") covers it
            noun = self.noun_at(doc, tok)
            if noun is None or self._opens_two_word_noun(doc, tok):
                continue
            lem, cls = noun
            links = self.resolve(doc, tok, lem, cls, mention_at, date, article_actors, resolved, country_rank)
            if links is None:
                if lem in self.ownerless:
                    pending.append((tok, lem, cls))
                continue
            resolved[tok.i] = [g.link for g in links]
            out.extend(links)
        owned = _Owned(out)
        for tok, lem, cls in pending:  # "the mediators": the owners of the nearest owned "mediators"
            same = owned.nearest(lem, tok.i)
            if same:
                for g in same:
                    link = Link(g.link.canonical, g.link.kind, g.link.country, g.link.actor_id, lem, g.link.actor,
                                "coreference")
                    out.append(GroupMention(tok.i, tok.i, tok.i + 1, lem, link))
                    owned.add_coreference(out[-1])
            else:
                kind = _CLASS_KIND.get(cls, "group")
                link = Link(tok.lower_, "group" if cls == "member" else kind, None,
                            stable_id("actor", "group", lem), lem, None, "ownerless")
                out.append(GroupMention(tok.i, tok.i, tok.i + 1, lem, link))
        out.sort(key=lambda g: (g.start, g.end))
        return out

    # -- owners --------------------------------------------------------------------------------------
    def owners(self, doc: Doc, tok: Token, cls: str, mention_at: dict[int, Mention], date: str | None,
               resolved: dict[int, list[Link]]) -> list[tuple[Link, int, int, str]]:
        """(owner link, owner start, owner end, side) for each owner of the noun at ``tok``."""
        out: list[tuple[Link, int, int, str]] = []
        seen: set[int] = set()

        def add(x: Token, side: str) -> None:
            m = mention_at.get(x.i)
            if m is not None and m.link is not None:
                if id(m) in seen:
                    return
                seen.add(id(m))
                out.append((m.link, m.start, m.end, side))
                return
            if x.i in resolved and resolved[x.i]:
                out.append((resolved[x.i][0], x.left_edge.i, x.i + 1, side))
                return
            link = self.linker.owner_token(x.text, date)
            if link is not None:
                out.append((link, x.i, x.i + 1, side))

        for c in tok.lefts:
            if c.dep_ in _OWNER_LEFT_DEPS:
                for x in (c, *(k for k in c.conjuncts if k.i < tok.i)):
                    add(x, "left")
        if not out and tok.dep_ in ("compound", "amod") and tok.head.i > tok.i:
            for c in tok.head.lefts:  # "Ukraine's navy spokesman": the owner hangs on the head noun
                if c.i < tok.i and c.dep_ in _OWNER_LEFT_DEPS:
                    add(c, "left")
        preps = _OWNER_PREPS | ({"in"} if cls == "ministry" else set())
        rights = list(tok.rights)
        nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
        if nxt is not None and nxt.dep_ == "prep" and nxt.head.i != tok.i:
            rights.append(nxt)  # "the efforts of the mediators from Qatar": the parser attached "from" higher
        for c in rights:
            if c.dep_ == "prep" and c.lower_ in preps:
                for p in c.children:
                    if p.dep_ == "pobj":
                        for x in (p, *p.conjuncts):
                            add(x, "right")
        return out

    # -- resolution ----------------------------------------------------------------------------------
    def resolve(self, doc: Doc, tok: Token, lem: str, cls: str, mention_at: dict[int, Mention],
                date: str | None, article_actors: Counter[str], resolved: dict[int, list[Link]],
                country_rank: CountryRank) -> list[GroupMention] | None:
        """The actors of the group noun at ``tok`` (one per owner), or None."""
        owners = self.owners(doc, tok, cls, mention_at, date, resolved)
        if not owners:
            if cls == "ministry":  # "the health ministry said": the article's ministry of that topic
                link = self.ministry_fallback(doc, tok, date, article_actors, country_rank(tok))
                if link is not None:
                    return [GroupMention(tok.i, _np_start(tok), tok.i + 1, lem, link)]
            return None
        mods = {lemma_key(c) for c in tok.lefts}
        kind_word = next((self.kind_words[w] for w in mods if w in self.kind_words), None)
        topic = self._topic(doc, tok)
        out: list[GroupMention] = []
        first_left = min((s for _, s, _, side in owners if side == "left"), default=None)
        for link, s, e, side in owners:
            new = self._link_for(doc, tok, lem, cls, link, s, kind_word, topic, date, article_actors)
            if new is None:
                continue
            if side == "left":
                start = first_left if (first_left is not None and s == first_left) else s
                out.append(GroupMention(tok.i, start, tok.i + 1, lem, new))
            else:
                start = _np_start(tok)
                out.append(GroupMention(tok.i, start, e, lem, new))
        return out or None

    def _topic(self, doc: Doc, tok: Token) -> str | None:
        words = [lemma_key(c) for c in tok.lefts if c.dep_ in ("compound", "amod")]
        for c in tok.rights:
            if c.dep_ == "prep" and c.lower_ == "of":
                words += [" ".join(lemma_key(t) for t in p.subtree) for p in c.children if p.dep_ == "pobj"]
        for w in words:
            if w in self.topics:
                return self.topics[w]
        return None

    def _link_for(self, doc: Doc, tok: Token, lem: str, cls: str, owner: Link, owner_start: int,
                  kind_word: str | None, topic: str | None, date: str | None,
                  article_actors: Counter[str]) -> Link | None:
        kb = self.kb
        state = owner.kind == "state"
        surface = doc[owner_start:tok.i + 1].text if owner_start <= tok.i else f"{owner.canonical} {tok.text}"
        if cls == "ministry":
            if not owner.country or topic is None:
                return None
            m = kb.ministry(owner.country, topic)
            if m is not None:
                return actor_link(m, kb, date, "group")
            st = kb.state(owner.country)
            name = f"{st.name if st else owner.canonical} {topic.title()} Ministry"
            return Link(name, "ministry", owner.country, stable_id("actor", name), None, None, "group")
        if owner.kind == "location":  # "Gaza militants": a group named after a place
            kind = kind_word or _CLASS_KIND.get(cls, "group")
            return Link(surface, kind, owner.country, stable_id("actor", kind, surface.lower()), lem, None, "group")
        if not state:  # "Hamas representatives", "Hamas fighters": the organization itself, in that role
            return Link(owner.canonical, owner.kind, owner.country, owner.actor_id, lem, owner.actor, "group")
        if cls == "member":
            phrase = lem
            compound = [lemma_key(c) for c in tok.lefts if c.dep_ in ("amod", "compound") and c.i == tok.i - 1]
            if compound and f"{compound[0]} {lem}" in _TITLE_NOUNS:
                phrase = f"{compound[0]} {lem}"
            if phrase in _TITLE_NOUNS:
                person = self.person_in_office(owner.country, phrase, date)
                if person is not None:
                    return person
            return Link(owner.canonical, "government", owner.country, owner.actor_id, lem, owner.actor, "group")
        if cls == "government":
            return Link(owner.canonical, "government", owner.country, owner.actor_id, lem, owner.actor, "group")
        if cls in ("force", "intelligence", "police", "media"):
            kind = _CLASS_KIND[cls]
            cands = kb.of_kind(kind, owner.country)
            if cands:
                named = [a for a in cands if any(lem in x.lower() for x in [a.name, *a.aliases])]
                return actor_link((named or cands)[0], kb, date, "group")
            name = f"{owner.canonical} {tok.text.lower()}"
            return Link(name, kind, owner.country, stable_id("actor", kind, name), lem, None, "group")
        # armed / organization: a group of the article from that country ("the Palestinian militant group")
        want = kind_word or ("militant group" if cls == "armed" else None)
        best = self.article_actor(owner.country, want, article_actors)
        if best is not None:
            return actor_link(best, kb, date, "description")
        kind = want or _CLASS_KIND.get(cls, "organization")
        name = " ".join(t.text for t in doc[owner_start:tok.i + 1] if t.pos_ != "DET")
        return Link(name, kind, owner.country, stable_id("actor", kind, name.lower()), lem, None, "group")

    def ministry_fallback(self, doc: Doc, tok: Token, date: str | None, article_actors: Counter[str],
                          countries: list[str]) -> Link | None:
        topic = self._topic(doc, tok)
        if topic is None:
            return None
        for name in article_actors:
            a = self.kb.by_name.get(name)
            if a is not None and a.kind == "ministry" and a.topic == topic:
                return actor_link(a, self.kb, date, "description")
        for c in countries:
            m = self.kb.ministry(c, topic)
            if m is not None:
                return actor_link(m, self.kb, date, "description")
        if not countries or countries[0] not in self.kb.states:
            return None
        name = f"{self.kb.states[countries[0]].name} {topic.title()} Ministry"
        return Link(name, "ministry", countries[0], stable_id("actor", name), None, None, "description")

    def article_actor(self, country: str | None, kind: str | None, article_actors: Counter[str]) -> Actor | None:
        cands = [(n, self.kb.by_name[name]) for name, n in article_actors.items() if name in self.kb.by_name]
        cands = [(n, a) for n, a in cands if a.country == country and a.kind not in ("state", "person")
                 and (kind is None or a.kind == kind)]
        if not cands:
            return None
        return max(cands, key=lambda x: x[0])[1]

    def person_in_office(self, country: str | None, phrase: str, date: str | None) -> Link | None:
        hits = []
        for p in self.persons.get(country or "", []):
            r = p.role_at(date)
            role = r.role.lower() if r is not None else ""
            title = role == phrase or role.startswith(phrase + " of ") or (
                role.endswith(" " + phrase) and len(role.split()) == len(phrase.split()) + 1)  # "Egyptian foreign minister"
            if r is not None and title \
                    and p.country_at(date, self.kb) == country:
                hits.append(p)
        if len(hits) == 1:
            return actor_link(hits[0], self.kb, date, "title")
        return None
