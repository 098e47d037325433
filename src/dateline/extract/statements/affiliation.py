"""Which organisation or country a statement's speaker belongs to (``Statement.speaker_org``).

From the speaker phrase itself, as the article writes it: an organisation or actor the entities component
found inside it ("a senior Hamas official", "two officials from the Palestinian militant group" -> Hamas,
resolved by the actor dictionaries), an apposition ("Ahmed Musa, a spokesman for the Sudanese foreign
ministry" -> "Sudanese foreign ministry"), a nationality or country ("two US officials" -> United States).
A named person keeps the affiliation of their first described mention ("Musa said" later).
"""
from __future__ import annotations

import bisect
import dataclasses

from spacy.tokens import Doc

from ...model import Entity, Statement
from .lexicon import Lexicon
from ..nlp import doc_text

_ORGS = frozenset({"ORG", "ACTOR"})
_PLACES = frozenset({"NORP", "GPE"})


class Affiliations:
    def __init__(self, doc: Doc, entities: list[Entity], lex: Lexicon) -> None:
        self.doc, self.lex = doc, lex
        self.text = doc_text(doc)  # once: Doc.text joins every token (a whole-article pass per call)
        self.ents = sorted((e for e in entities if e.label in _ORGS | _PLACES and e.kind != "person"),
                           key=lambda e: e.start)
        self.starts = [e.start for e in self.ents]
        self.by_person: dict[str, str] = {}
        self.by_speaker: dict[int, str] = {}

    def _inside(self, s: int, e: int) -> list[Entity]:
        out = []
        for ent in self.ents[bisect.bisect_left(self.starts, s):]:
            if ent.start >= e:
                break
            if ent.end <= e:
                out.append(ent)
        return out

    def _place_org(self, ent: Entity) -> str:
        """"Sudanese foreign ministry" for "Sudanese" modifying an organisation noun, else the country."""
        span = self.doc.char_span(ent.start, ent.end, alignment_mode="expand")
        if span is not None and len(span):
            head = span.root.head
            if head.i > span.root.i and head.lemma_.lower() in self.lex.organization_heads and head.i - span.end < 3:
                return self.text[ent.start:head.idx + len(head.text)]
        return ent.canonical or ent.text

    def _org_in(self, span: tuple[int, int]) -> str | None:
        """The organisation, else the country, named in a span; one the person is sent "to" ("Libya's envoy to
        the UN") only when there is no other."""
        found = self._inside(*span)
        text = self.text
        found = sorted(found, key=lambda e: text[max(0, e.start - 8):e.start].rstrip().lower().endswith((
            " to", " to the")))
        org = next((e.canonical or e.text for e in found if e.label in _ORGS), None)
        if org is None:
            place = next((e for e in found if e.label in _PLACES), None)
            org = self._place_org(place) if place is not None else None
        return org

    def _owner_country(self, span: tuple[int, int]) -> str | None:
        """The country an organisation belongs to, when its phrase names it before its head noun ("Bulgaria's
        new government", "the Libyan army"); None for one named for itself ("the White House", "Hamas")."""
        doc = self.doc.char_span(*span, alignment_mode="expand")
        if doc is None or not len(doc):
            return None
        head = doc.root
        for e in self._inside(*span):
            if e.label in _PLACES and e.end <= head.idx and e.canonical:
                return e.canonical
        return None

    def learn(self, name: str, role_span: tuple[int, int]) -> None:
        """A person's affiliation from a description of their role anywhere in the article ("White House Chief
        of Staff Rahm Emanuel", "the mayor of Leeds, Jo Bell"), kept for the statements they make."""
        org = self._org_in(role_span)
        if org is not None:
            self.by_person.setdefault(name, org)

    def of(self, span: tuple[int, int] | None, speaker: object, name: str | None, kind: str | None) -> str | None:
        """The speaker's organisation or country (for an organisation, only the country its phrase names:
        ``_owner_country``); ``speaker``:
        the resolved speaker object, whose affiliation an anaphor ("they", "the official") shares."""
        if speaker is None:
            return None
        country = getattr(speaker, "country", None)
        if country:  # "the country's health ministry", resolved to the country
            return str(country)
        if kind == "organization":
            return self._owner_country(span) if span is not None else None
        org = self._org_in(span) if span is not None else None
        if org is not None:
            self.by_speaker.setdefault(id(speaker), org)
        if name is not None and kind == "named":
            if org is not None:
                self.by_person.setdefault(name, org)
            return self.by_person.get(name)
        return self.by_speaker.get(id(speaker))

    def backfill(self, statements: list[Statement]) -> list[Statement]:
        """A named person's affiliation learned anywhere in the article (a later "the U.S. president said" that
        resolves to Obama, a role described after their first statement) given to their statements without
        one."""
        return [dataclasses.replace(s, speaker_org=self.by_person[s.speaker])
                if s.speaker_kind == "named" and s.speaker_org is None and s.speaker in self.by_person else s
                for s in statements]
