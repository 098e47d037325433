"""Who a statement's speaker phrase refers to, within one article.

A speaker phrase is one of: a named person (with the role words around the name: "White House spokesperson
John Kirby" -> "John Kirby", role "White House spokesperson"), an organization ("the health ministry in
Hamas-run Gaza"), an anonymous source kept as described ("a senior Hamas official", "two US officials"), or an
anaphor resolved against what came before: a pronoun ("He said" -> the last person speaking or acting), a
definite role noun ("The spokesperson added" -> the last speaker described as a spokesperson, "The second
official" -> "a second official from the Palestinian group", "the department" -> the department named
before), an issued document ("..., the statement said" -> who issued it), a surname ("Kirby said"). Names are
written in their fullest form in the article ("Putin" -> "Vladimir Putin" when the article has both).
"""
from __future__ import annotations

import bisect
from itertools import islice

from spacy.tokens import Doc, Span, Token

from ...model import Entity
from ..nlp import doc_text
from .gender import Genders
from .groups import country_owned, named_group
from .groups import horizon as _horizon
from .groups import latest_before as _latest_before
from .candidate import speaker_span
from .lexicon import Lexicon
from .speaker_anaphora import Anaphora
from .speaker_names import (
    DETS, ORG_ANAPHORS, ORG_LABELS, PERSON_LABELS, POSSESSIVE, ROLE_DEPS, SUBJ_DEPS, TITLES, Speaker, lower_det,
    misspelt, name_words, role_only, untitled, word_set,
)


def _plural_subject_before(head: Token) -> Token | None:
    """The last plural noun subject before ``head`` in its sentence ("Pilots at the airline met, and they
    said"): what an unresolved "they" refers to."""
    for t in reversed(head.sent[:head.i - head.sent.start]):
        if t.dep_ in ("nsubj", "nsubjpass") and t.tag_ in ("NNS", "NNPS") and t.pos_ in ("NOUN", "PROPN"):
            return t
    return None


class SpeakerResolver(Anaphora):
    """Per-article state: person/organization mentions and the speakers already resolved."""

    def __init__(self, doc: Doc, entities: list[Entity], lex: Lexicon) -> None:
        self.doc, self.lex = doc, lex
        self.ent_tok: dict[int, Entity] = {}  # token index of any entity token -> entity
        self.fullest: dict[str, str] = {}
        self.persons: list[tuple[int, Speaker, bool]] = []  # (char start, speaker, is subject)
        self.orgs: list[tuple[int, Speaker, bool]] = []
        self.history: list[tuple[int, Speaker]] = []  # (char start of the statement, its speaker)
        self.said: list[tuple[int, int, Speaker]] = []  # (content start, end, speaker) of the statements so far
        self.genders = Genders()
        self.org_mentions: list[tuple[int, Speaker]] = []  # organisations (ORG label) mentioned
        self.as_org: dict[int, Speaker] = {}  # char start of a "person" entity that a role noun makes an organisation
        self._build(entities)
        self._person_pos = [p for p, _, _ in self.persons]
        self._org_pos = [p for p, _, _ in self.orgs]

    # --- mentions -----------------------------------------------------------------------------------------
    def _build(self, entities: list[Entity]) -> None:
        doc = self.doc
        spans = []
        for e in sorted(entities, key=lambda e: e.start):
            span = doc.char_span(e.start, e.end, alignment_mode="expand")
            if span is not None and len(span) > 0:
                spans.append((e, span))
        self.fullest = {}
        fullest = self.fullest  # a person's fullest form in the article, by each name word
        spans = [(e, sp) for e, sp in spans if not role_only(e.text)]
        self.named_before = [e for e, _ in reversed(spans) if e.label in PERSON_LABELS | {"ORG"}]
        for e, _span in spans:
            if e.label in PERSON_LABELS:
                for w in name_words(e.text):
                    if len(untitled(e.text)) > len(fullest.get(w, "")):
                        fullest[w] = untitled(e.text)
        person_toks = {t.i for e, span in spans if e.label in PERSON_LABELS for t in span}
        self.ent_tok.update((t.i, e) for e, span in spans for t in span)
        alive = {id(e) for e in self.ent_tok.values()}  # by start, for ``_belongs``
        self._ents = [e for e, _ in spans if id(e) in alive]
        self._ent_starts = [e.start for e in self._ents]
        full = [e for e in reversed(self.named_before)  # full names by start, for ``_titled``
                if len(e.text.split()) > 1 and e.text.split()[0].rstrip(".").lower() not in TITLES]
        self._full_by_last: dict[str, list[Entity]] = {}
        for e in full:
            self._full_by_last.setdefault(e.text.split()[-1], []).append(e)
        self._full_persons = [e for e in full if e.label in PERSON_LABELS]
        for e, span in spans:
            root = span.root
            is_subj = root.dep_ in SUBJ_DEPS or (root.dep_ == "appos" and root.head.dep_ in SUBJ_DEPS)
            if e.label in PERSON_LABELS:
                words = name_words(e.text)
                name = fullest.get(words[-1], e.text) if len(words) == 1 else untitled(e.text)
                role_toks = self._role_tokens(span)
                role = " ".join(t.text for t in role_toks) if role_toks else None
                if role_toks and role_toks[-1].i < span.start and \
                        role_toks[-1].lemma_.lower() in self.lex.organization_heads:
                    # "music trade magazine Billboard": an organisation the tagger took for a person
                    org = Speaker(name=e.text, kind="organization", role=role,
                                  words=word_set(role_toks) | word_set(list(span)))
                    self.as_org[e.start] = org
                    self.orgs.append((e.start, org, is_subj))
                    continue
                sp = Speaker(name=name, kind="named", role=role, words=word_set(role_toks) | word_set(list(span)),
                             role_span=(min(t.idx for t in role_toks), max(t.idx + len(t) for t in role_toks))
                             if role_toks else None)
                self.persons.append((e.start, sp, is_subj))
                self.genders.mention(name, span, person_toks)
            elif e.label in ORG_LABELS:
                before = doc[span.start - 1] if span.start > 0 else None
                name = ("the " + e.text) if before is not None and before.lower_ == "the" else e.text
                sp = Speaker(name=name, kind="organization", words=word_set(list(span)),
                             plural=root.tag_ in ("NNS", "NNPS"))
                self.orgs.append((e.start, sp, is_subj))
                if e.label == "ORG":
                    self.org_mentions.append((e.start, sp))

    def _role_tokens(self, span: Span) -> list[Token]:
        """Words naming a person's role: before the name in the same phrase, or an appositive."""
        doc = self.doc
        inside = set(range(span.start, span.end))
        i = span.start - 1
        toks: list[Token] = []
        while i >= 0 and doc[i].dep_ in ROLE_DEPS and doc[i].head.i in inside and doc[i].text not in ",;":
            toks.insert(0, doc[i])
            inside.add(i)
            i -= 1
        while toks and (toks[0].dep_ in ("case", "punct") or toks[0].lower_ in DETS):
            toks = toks[1:]
        if not toks:
            app = next((c for c in span.root.children if c.dep_ == "appos" and c.i > span.root.i), None)
            if app is not None:
                toks = [t for t in app.subtree if not t.is_punct and t.lower_ not in ("a", "an", "the")]
        root = span.root
        head = root.head
        if not toks and root.dep_ == "appos" and head.i < span.start and head.pos_ == "NOUN" and all(
                t.is_punct for t in doc[head.i + 1:span.start]) and (
                self._person_noun(head.lemma_.lower()) or head.lemma_.lower() in self.lex.anonymous_heads):
            # "the mayor, Marcelo Ebrard", "A DHL spokesman, Matthew Zamoyski": the role noun the name is in
            # apposition to
            toks = [t for t in head.subtree if t.i <= head.i and not t.is_punct and t.lower_ not in DETS
                    and t.dep_ in ROLE_DEPS | {"ROOT", "nsubj", "nsubjpass", "dobj", "pobj", "attr", "appos"}]
        if all(t.lower_.rstrip(".") in TITLES for t in toks):
            # "Chris Hunt from Global Live Events", "Dr Reddy of the Woods Hole Institute": the body they are from
            prep = next((c for c in root.children if c.dep_ == "prep" and c.lower_ in ("of", "from", "at")
                         and c.i >= span.end and any(self.ent_tok[t.i].label in ("ORG", "ACTOR")
                                                     for t in c.subtree if t.i in self.ent_tok)), None)
            if prep is not None:
                toks = [t for t in prep.subtree if not t.is_punct]
        return toks

    # --- resolution ---------------------------------------------------------------------------------------
    def resolve(self, head: Token, span: tuple[int, int], parent: Speaker | None,
                content: tuple[int, int] | None = None) -> tuple[Speaker, bool]:
        """The speaker a phrase names, and whether it was resolved as an anaphor (a pronoun, a definite role
        noun, an issued document, "one" of a group) against an earlier mention. ``content``: the span of what
        was said; a pronoun after it ("Rivas and Ortiz were suspended, he said") does not refer to a person
        named inside it."""
        doc, lex = self.doc, self.lex
        toks = list(doc.char_span(span[0], span[1], alignment_mode="expand") or [head])
        if all(t.i != head.i for t in toks):
            toks = [head]
        text = doc_text(doc)[span[0]:span[1]]
        low = head.lower_
        if head.pos_ == "PRON" and low in lex.pronouns:
            sp = self._pronoun(low, span[0], content if content is not None and content[1] <= span[0] else None)
            if sp is not None:
                return sp, True
            antecedent = _plural_subject_before(head) if low == "they" else None
            if antecedent is not None:  # "Pilots met on Friday, and they said ...": the group the sentence names
                span_a = speaker_span(antecedent)
                if span_a is not None:
                    return self.resolve(antecedent, span_a, parent)[0], True
            return Speaker(name=text, kind="anonymous", plural=low in ("they", "we")), False
        if low == "one" and len(toks) == 1 and parent is not None and parent.plural:  # "with one saying"
            kind = parent.kind if parent.kind != "named" else "anonymous"
            return Speaker(name=f"one of {parent.name}", kind=kind, words=parent.words), True
        group = named_group(self.doc, self.ent_tok, head)
        if group is not None:
            return group, False
        by_country = country_owned(self.doc, self._ents, self.lex, toks, span)
        if by_country is not None:
            return by_country, True
        person = self._person_at(head)
        if person is None and head.pos_ == "PROPN" and head.text in self.fullest:
            person = self._person_named(self.fullest[head.text])  # "Wells said", tagged as something else
        if (person is None or " " not in person.name) and head.pos_ == "PROPN" and toks[0].i < head.i and \
                toks[0].lower_.rstrip(".") in TITLES:
            person = self._titled(toks[0], head) or person  # "Ms Peirce" after "Gareth Peirce", however tagged
        if person is not None:
            return person, False
        plural = head.tag_ in ("NNS", "NNPS")
        words = word_set(toks)
        lemma = head.lemma_.lower()
        name = self._roles_dropped(lower_det(text, toks[0]), span[0], toks)
        ent = self.ent_tok.get(head.i)
        # definite: "the Thai PM", or owned by a named place or body ("Thailand's prime minister", "NATO's chief")
        owned = next((self.ent_tok[t.i] for t in toks if t.dep_ == "poss" and t.head.i == head.i
                      and t.pos_ == "PROPN" and t.i in self.ent_tok), None)
        if (toks[0].lower_ == "the" or owned is not None) and head.pos_ in ("NOUN", "PROPN") and (
                ent is None or ent.label != "PERSON"):
            ante = self._antecedent(head, toks)
            if ante is not None and ante.kind == "named" and (owned is None or self._belongs(ante, owned)):
                return ante, True  # "the Thai PM" -> Abhisit Vejjajiva
            described = all(t.i == head.i or t.dep_ in ROLE_DEPS | {"det", "nummod"} or t.head.i != head.i
                            for t in toks) and not any(t.dep_ in ("relcl", "acl", "prep") for t in head.children)
            former = lemma in lex.anonymous_heads and any(t.lower_ in ("former", "ex") for t in toks)
            if head.tag_ in ("NN", "NNP") and described and (self._person_noun(lemma) or former) and ante is None:
                # "the bassist", and "the former band member": a role someone held is the person's, not a
                # source's like "the spokesman"
                ante = self._salient_person(toks[0])  # "the bassist said" after "comments made by Gene Simmons"
                if ante is not None and (owned is None or self._belongs(ante, owned)):
                    return ante, True
        app = next((c for c in head.children if c.dep_ == "appos" and c.i > head.i), None)
        if ent is not None and ent.label in ORG_LABELS and app is not None:
            # "Rosmorrechflot, the federal river transport agency": the name, the appositive is its role
            role = doc_text(doc)[app.left_edge.idx:app.right_edge.idx + len(app.right_edge.text)]
            name = lower_det(doc_text(doc)[span[0]:max(span[0], app.left_edge.idx)].rstrip(" ,"), toks[0])
            return Speaker(name=name, kind="organization", role=role, plural=plural, words=words), False
        if ent is not None and ent.label in ORG_LABELS and ent.end >= span[1] - 1:
            # "the environmental group Greenpeace" -> Greenpeace (role "environmental group"); "the CDC"
            role_toks = [t for t in toks if t.idx < ent.start and t.lower_ not in DETS and not t.is_punct]
            if role_toks and not any(t.pos_ == "PROPN" for t in role_toks):
                return Speaker(name=ent.text, kind="organization", role=" ".join(t.text for t in role_toks),
                               plural=plural, words=words), False
            return Speaker(name=name, kind="organization", plural=plural, words=words), False
        if toks[0].lower_ == "the" and (head.pos_ == "NOUN" or (head.pos_ == "PROPN" and ent is None)):
            if lemma in lex.issued_heads:  # "..., the statement said": who issued it spoke before
                last = next((sp for _, sp in reversed(self.history) if not sp.document), None)
                if last is not None:
                    return last, True
            ante = self._antecedent(head, toks)
            if ante is None and lemma in ORG_ANAPHORS and head.tag_ == "NN":
                ante = self._salient_org(toks[0])  # "the company said" after "BP announced ..."
            if ante is not None:
                return ante, True
        if lemma in lex.document_heads or lemma in lex.issued_heads:
            owner = next((POSSESSIVE[t.lower_] for t in toks if t.dep_ == "poss" and t.lower_ in POSSESSIVE), None)
            sp = self._pronoun(owner, span[0]) if owner is not None else None
            if sp is not None:  # "according to an article in its health section", "his statement said"
                return sp, True
            return Speaker(name=name, kind="organization", words=words, document=True), False
        outlet = lex.outlet_in(text)
        if outlet is not None and outlet[2] - outlet[1] >= len(text) - 4:
            return Speaker(name=outlet[0], kind="organization", words=words), False
        if lemma in lex.anonymous_heads or lex.anonymous_re.search(text):
            if lemma in lex.anonymous_heads and toks[0].lower_ == "the" and self._of_entity(head):
                # "the leaders of the US, Egypt and Qatar": identified by what they lead, not anonymous
                return Speaker(name=name, kind="organization", plural=plural, words=words), False
            return Speaker(name=name, kind="anonymous", plural=plural, words=words), False
        if lemma in lex.organization_heads or any(self.ent_tok.get(t.i) is not None and
                                                  self.ent_tok[t.i].label in ORG_LABELS for t in toks):
            return Speaker(name=name, kind="organization", plural=plural, words=words), False
        if head.pos_ == "PROPN":
            return Speaker(name=text, kind="named", words=words), False
        return Speaker(name=name, kind="anonymous", plural=plural, words=words), False

    def _roles_dropped(self, name: str, start: int, toks: list[Token]) -> str:
        """A description naming a person inside it by the name alone: "an inquiry led by the former central bank
        governor Karl Weber" -> "an inquiry led by Karl Weber" (the role stays with the person's mention)."""
        for t in toks:
            e = self.ent_tok.get(t.i)
            if e is None or e.label not in PERSON_LABELS or t.idx != e.start or t.i == toks[0].i:
                continue
            span = self.doc.char_span(e.start, e.end, alignment_mode="expand")
            if span is None:
                break
            head = span.root.head
            if span.root.dep_ == "appos" and head.i == span.start - 1:  # "the ... governor, [Karl Weber]"
                lo: int | None = head.left_edge.i
            else:  # "[the former governor] Karl Weber" as compounds of the name
                role = [r for r in self._role_tokens(span) if r.i < t.i]
                lo = role[0].i if role else None
                if lo is not None and lo > 0 and self.doc[lo - 1].lower_ in DETS:
                    lo -= 1
            if lo is not None and self.doc[lo].idx > start:
                cut0, cut1 = self.doc[lo].idx - start, e.start - start
                if 0 < cut0 < cut1 <= len(name):
                    return name[:cut0] + name[cut1:]
            break
        return name

    def _person_noun(self, lemma: str) -> bool:
        """A noun naming a person by their role ("the bassist", "the Thai PM", "the minister")."""
        if lemma in self.lex.anonymous_heads:  # "the spokesman": someone else than the last person named
            return False
        return lemma in self.lex.person_nouns or lemma.endswith(("ist", "ian"))

    def _salient_person(self, first: Token) -> Speaker | None:
        """The person a definite role description with no antecedent of its own refers to: the nearer of the
        last named speaker and the last person mentioned before its sentence, within the last 3 sentences or 600
        characters."""
        lo, sent_start = _horizon(first)
        k = bisect.bisect_left(self._person_pos, sent_start) - 1
        mention = self.persons[k] if k >= 0 and self.persons[k][0] >= lo else None
        spoke = next(((p, sp) for p, sp in reversed(self.history) if p < sent_start and sp.kind == "named"), None)
        if spoke is not None and spoke[0] >= lo and (mention is None or spoke[0] >= mention[0]):
            return spoke[1]
        return mention[1] if mention is not None else None

    def _salient_org(self, first: Token) -> Speaker | None:
        """The organisation a definite description with no antecedent of its own refers to ("the company",
        "the energy giant"): the nearer of the last organisation speaking and the last organisation (not a
        place or a nationality) mentioned before its sentence, within the last 3 sentences or 600
        characters."""
        lo, sent_start = _horizon(first)
        k = bisect.bisect_left(self.org_mentions, sent_start, key=lambda m: m[0])
        named = [m for m in self.org_mentions[max(0, k - 1):k] if m[0] >= lo]
        spoke = list(islice(((p, sp) for p, sp in reversed(self.history) if p < sent_start and sp.kind ==
                             "organization" and not sp.document and not sp.plural), 1))
        best = max([m for m in named + spoke if m[0] >= lo], key=lambda x: x[0], default=None)
        return best[1] if best is not None else None

    def _of_entity(self, head: Token) -> bool:
        for c in head.children:
            if c.dep_ == "prep" and c.lower_ == "of":
                return any(t.i in self.ent_tok and self.ent_tok[t.i].label in ORG_LABELS for t in c.subtree)
        return False

    def _belongs(self, person: Speaker, owner: Entity) -> bool:
        """The article describes ``person``'s role by ``owner`` or its country ("Thai PM Abhisit" for
        "Thailand's prime minister")."""
        if person.role_span is None:
            return False
        lo, hi = person.role_span
        near = self._ents[bisect.bisect_left(self._ent_starts, lo):bisect.bisect_left(self._ent_starts, hi)]
        return any(e.text == owner.text or (e.country and e.country == owner.country) for e in near)

    def _titled(self, title: Token, head: Token) -> Speaker | None:
        """A person called by title and surname ("Ms Peirce") whom the article named in full before, even as
        another kind of entity ("Gareth Peirce" tagged as an organisation): that person, gendered by the title."""
        full = next((e.text for e in _latest_before(self._full_by_last.get(head.text, []), title.idx)), None) or \
            next((e.text for e in _latest_before(self._full_persons, title.idx)
                  if misspelt(head.text, e.text.split()[-1])), None)
        if full is None:
            return None
        sp = self._person_named(full) or Speaker(name=full, kind="named", words=frozenset(full.lower().split()))
        self.genders.mention(sp.name, self.doc[title.i:head.i + 1], set())
        return sp

    def _person_named(self, name: str) -> Speaker | None:
        best = None
        for _, sp, _ in self.persons:
            if sp.name == name and (best is None or (sp.role and not best.role)):
                best = sp
        return best

    def _person_at(self, head: Token) -> Speaker | None:
        """The person the phrase's head names (not a person named inside it: "Netanyahu's office")."""
        for t in [head] + [c for c in head.children if c.dep_ == "appos"]:
            e = self.ent_tok.get(t.i)
            if e is None or e.label not in PERSON_LABELS:
                continue
            if e.start in self.as_org:
                return self.as_org[e.start]
            k = bisect.bisect_left(self._person_pos, e.start)
            if k < len(self.persons) and self.persons[k][0] == e.start:
                sp = self.persons[k][1]
                if sp.role is None:  # the role given at an earlier mention of the same person
                    sp = next((s for _, s, _ in reversed(self.persons[:k]) if s.name == sp.name and s.role), sp)
                return sp
        return None
