"""Who a statement's speaker phrase refers to, within one article.

A speaker phrase is one of: a named person (with the role words around the name: "White House spokesperson
John Kirby" -> "John Kirby", role "White House spokesperson"), an organization ("the health ministry in
Hamas-run Gaza"), an anonymous source kept as described ("a senior Hamas official", "two US officials"), or an
anaphor resolved against what came before: a pronoun ("He said" -> the last person speaking or acting), a
definite role noun ("The spokesperson added" -> the last speaker described as a spokesperson, "The second
official" -> "a second official from the Palestinian group"), a bare surname ("Kirby said").
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from ..model import Entity
from .statements_lexicon import Lexicon

_ROLE_DEPS = frozenset({"compound", "amod", "nmod", "poss", "case", "npadvmod", "punct"})
_PERSON_LABELS = frozenset({"PERSON"})
_ORG_LABELS = frozenset({"ORG", "GPE", "NORP", "FAC"})
_DETS = frozenset({"a", "an", "the", "another", "two", "three", "four", "five", "several", "some", "many",
                   "one", "other", "both", "all", "most", "few", "these", "those", "this", "that"})
_SUBJ_DEPS = frozenset({"nsubj", "nsubjpass"})


@dataclass(slots=True)
class Speaker:
    name: str
    kind: str  # named | organization | anonymous
    role: str | None = None
    plural: bool = False
    words: frozenset[str] = field(default_factory=frozenset)  # lowercased words of the description + role
    document: bool = False  # a report, tally, statement ... (relayed by an outlet)


def _lower_det(text: str, first: Token) -> str:
    if first.lower_ in _DETS and first.pos_ != "PROPN":
        return first.lower_ + text[len(first.text):]
    return text


def _words(tokens: list[Token]) -> frozenset[str]:
    return frozenset(w for t in tokens for w in (t.lower_, t.lemma_.lower()) if t.is_alpha)


class SpeakerResolver:
    """Per-article state: person/organization mentions seen so far and the speakers already resolved."""

    def __init__(self, doc: Doc, entities: list[Entity], lex: Lexicon) -> None:
        self.doc, self.lex = doc, lex
        self.ent_at: dict[int, Entity] = {}  # token index of an entity's last token -> entity
        self.persons: list[tuple[int, Speaker, bool]] = []  # (char start, speaker, is subject)
        self.orgs: list[tuple[int, Speaker, bool]] = []
        self.history: list[tuple[int, Speaker]] = []  # (char start of the statement, its speaker)
        self._build(entities)
        self._person_pos = [p for p, _, _ in self.persons]
        self._org_pos = [p for p, _, _ in self.orgs]

    # --- mentions ---------------------------------------------------------------------------------------
    def _build(self, entities: list[Entity]) -> None:
        doc = self.doc
        fulls: list[str] = []
        for e in sorted(entities, key=lambda e: e.start):
            span = doc.char_span(e.start, e.end, alignment_mode="expand")
            if span is None or len(span) == 0:
                continue
            root = span.root
            self.ent_at[span[-1].i] = e
            is_subj = root.dep_ in _SUBJ_DEPS or (root.dep_ == "appos" and root.head.dep_ in _SUBJ_DEPS)
            if e.label in _PERSON_LABELS:
                name = e.canonical or e.text
                if len(span) == 1:  # a bare surname: the full name mentioned before
                    name = next((f for f in reversed(fulls) if f.split()[-1] == name), name)
                else:
                    fulls.append(name)
                role_toks = self._role_tokens(span)
                role = " ".join(t.text for t in role_toks) if role_toks else None
                sp = Speaker(name=name, kind="named", role=role, words=_words(role_toks) | _words(list(span)))
                self.persons.append((e.start, sp, is_subj))
            elif e.label in _ORG_LABELS and (e.kind or "").lower() not in ("media",):
                sp = Speaker(name=e.canonical or e.text, kind="organization", words=_words(list(span)))
                self.orgs.append((e.start, sp, is_subj))

    def _role_tokens(self, span: object) -> list[Token]:
        """Words naming a person's role: before the name in the same phrase, or an appositive."""
        doc = self.doc
        start = span.start  # type: ignore[attr-defined]
        end = span.end  # type: ignore[attr-defined]
        inside = set(range(start, end))
        i = start - 1
        toks: list[Token] = []
        while i >= 0 and doc[i].dep_ in _ROLE_DEPS and (doc[i].head.i in inside or doc[i].head.i in
                                                          {t.i for t in toks}) and doc[i].text not in ",;":
            toks.insert(0, doc[i])
            inside.add(i)
            i -= 1
        while toks and (toks[0].dep_ in ("case", "punct") or toks[0].lower_ in _DETS):
            toks = toks[1:]
        if not toks:
            root = span.root  # type: ignore[attr-defined]
            app = next((c for c in root.children if c.dep_ == "appos" and c.i > root.i), None)
            if app is not None:
                toks = [t for t in app.subtree if not t.is_punct and t.lower_ not in ("a", "an", "the")]
        return toks

    def _last(self, pos_list: list[int], items: list[tuple[int, Speaker, bool]], before: int,
              subject_only: bool) -> Speaker | None:
        k = bisect.bisect_left(pos_list, before)
        for j in range(k - 1, -1, -1):
            if not subject_only or items[j][2]:
                return items[j][1]
        return None

    # --- resolution ---------------------------------------------------------------------------------------
    def resolve(self, head: Token, span: tuple[int, int], parent: Speaker | None) -> tuple[Speaker, bool]:
        """The speaker a phrase names, and whether it was resolved as an anaphor (a pronoun, a definite role
        noun, "one" of a group) against an earlier mention."""
        doc, lex = self.doc, self.lex
        toks = [t for t in doc.char_span(span[0], span[1], alignment_mode="expand") or [head]]
        text = doc.text[span[0]:span[1]]
        low = head.lower_
        # a pronoun
        if head.pos_ == "PRON" and low in lex.pronouns:
            sp = self._pronoun(low, span[0])
            if sp is not None:
                return sp, True
            return Speaker(name=text, kind="anonymous", plural=low in ("they", "we")), False
        # "with one saying": one of the group that spoke
        if low == "one" and len(toks) == 1 and parent is not None and parent.plural:
            return Speaker(name=f"one of {parent.name}", kind=parent.kind if parent.kind != "named" else
                           "anonymous", words=parent.words), True
        # a named person in the phrase
        person = self._person_in(toks)
        if person is not None:
            return person, False
        plural = head.tag_ in ("NNS", "NNPS")
        words = _words(toks)
        # a definite description: "The spokesperson", "The second official"
        if toks and toks[0].lower_ == "the" and head.pos_ == "NOUN":
            ante = self._antecedent(head, toks)
            if ante is not None:
                return ante, True
        lemma = head.lemma_.lower()
        ents = [self.ent_at[t.i] for t in toks if t.i in self.ent_at]
        if lemma in lex.document_heads:
            return Speaker(name=_lower_det(text, toks[0]), kind="organization", words=words, document=True), False
        outlet = lex.outlet_in(text)
        if outlet is not None and outlet[2] - outlet[1] >= len(text) - 4:
            return Speaker(name=outlet[0], kind="organization", words=words), False
        anonymous = lemma in lex.anonymous_heads or bool(lex.anonymous_re.search(text))
        if anonymous:
            return Speaker(name=_lower_det(text, toks[0]), kind="anonymous", plural=plural, words=words), False
        if ents and ents[-1].label in _ORG_LABELS and len(ents[-1].text) >= len(text) - 4:
            e = ents[-1]
            return Speaker(name=e.canonical or e.text, kind="organization", plural=plural, words=words), False
        if lemma in lex.organization_heads or ents and ents[-1].label in _ORG_LABELS:
            return Speaker(name=_lower_det(text, toks[0]), kind="organization", plural=plural, words=words), False
        if head.pos_ == "PROPN":
            return Speaker(name=text, kind="named", words=words), False
        return Speaker(name=_lower_det(text, toks[0]), kind="anonymous", plural=plural, words=words), False

    def _person_in(self, toks: list[Token]) -> Speaker | None:
        idx = {t.i for t in toks}
        best: Speaker | None = None
        for t in toks:
            e = self.ent_at.get(t.i)
            if e is None or e.label not in _PERSON_LABELS:
                continue
            k = bisect.bisect_left(self._person_pos, e.start)
            if k < len(self.persons) and self.persons[k][0] == e.start:
                sp = self.persons[k][1]
                if sp.role is None:  # the role given at an earlier mention of the same person
                    sp = next((s for _, s, _ in reversed(self.persons[:k]) if s.name == sp.name and s.role), sp)
                best = sp
        del idx
        return best

    def _pronoun(self, low: str, pos: int) -> Speaker | None:
        want = self.lex.pronouns[low]
        last_speaker = next((s for p, s in reversed(self.history) if p < pos and (
            (want == "person" and s.kind == "named")
            or (want == "organization" and s.kind == "organization" and not s.document)
            or (want == "plural" and (s.plural or s.kind == "organization")))), None)
        last_pos = next((p for p, s in reversed(self.history) if s is last_speaker), -1)
        if want == "person":
            mention = self._last(self._person_pos, self.persons, pos, subject_only=True)
            mpos = self._mention_pos(self.persons, mention)
        else:
            mention = self._last(self._org_pos, self.orgs, pos, subject_only=True)
            mpos = self._mention_pos(self.orgs, mention)
        if last_speaker is not None and (mention is None or last_pos >= mpos):
            return last_speaker
        return mention or last_speaker

    @staticmethod
    def _mention_pos(items: list[tuple[int, Speaker, bool]], sp: Speaker | None) -> int:
        return next((p for p, s, _ in items if s is sp), -1)

    def _antecedent(self, head: Token, toks: list[Token]) -> Speaker | None:
        lemma = head.lemma_.lower()
        mods = {t.lower_ for t in toks if t.i != head.i and t.is_alpha and t.lower_ not in _DETS
                and t.dep_ in ("amod", "compound", "nummod", "nmod")}
        pos = toks[0].idx
        for p, sp in reversed(self.history):
            if p < pos and lemma in sp.words and mods <= sp.words:
                return sp
        for p, sp, _ in reversed(self.persons):
            if p < pos and sp.role and lemma in sp.words and mods <= sp.words:
                return sp
        return None

    def remember(self, pos: int, speaker: Speaker) -> None:
        self.history.append((pos, speaker))
