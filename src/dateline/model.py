"""The one record model shared by every stage (ingest -> extract -> fuse -> store -> serve).

Records are plain, slotted, keyword-only dataclasses with no spaCy or DuckDB types. Every record that
points into an article carries ``article_id`` and character offsets ``start``/``end`` into ``Article.text``
(so ``article.text[start:end]`` is the mention): that is the provenance of every fact.
"""
from __future__ import annotations

import dataclasses
import hashlib
import re
from dataclasses import dataclass, field
from typing import Any, ClassVar, Literal

from . import zones

DctOrigin = Literal["header", "metadata", "argument", "estimated", "story", "missing"]
TimexType = Literal["DATE", "TIME", "DURATION", "SET"]
StatementKind = Literal["speech", "attribution"]
#: the statement kinds (``Statement.kind``); a store made before the field existed reads its rows as speech
STATEMENT_KINDS: tuple[StatementKind, ...] = ("speech", "attribution")


_SURROGATE = re.compile("[\ud800-\udfff]")


def text_hash(text: str) -> str:
    """Stable content hash of an article text (used for idempotent re-ingest)."""
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()


def stable_id(*parts: object, n: int = 16) -> str:
    """A short stable id from any parts (article ids, record ids, actor ids)."""
    raw = "\x1f".join("" if p is None else str(p) for p in parts)
    return hashlib.sha1(raw.encode("utf-8", "surrogatepass")).hexdigest()[:n]


@dataclass(slots=True, kw_only=True)
class Record:
    """Base of all records: knows its table name and how to become a JSON-able dict."""

    table: ClassVar[str] = ""
    #: fields of the public JSON contract (issue #3); extra fields are kept in the store and API
    contract: ClassVar[tuple[str, ...]] = ()

    def to_dict(self, *, contract_only: bool = False) -> dict[str, Any]:
        d = {f.name: getattr(self, f.name) for f in dataclasses.fields(self)}
        if contract_only:
            return {k: d[k] for k in self.contract}
        return d

    @classmethod
    def columns(cls) -> list[dataclasses.Field[Any]]:
        return list(dataclasses.fields(cls))

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Any:
        names = {f.name for f in dataclasses.fields(cls)}
        return cls(**{k: v for k, v in d.items() if k in names})


@dataclass(slots=True, kw_only=True)
class Article(Record):
    table: ClassVar[str] = "articles"
    contract: ClassVar[tuple[str, ...]] = ("id", "title", "source", "url", "dct", "dct_origin", "text")

    id: str
    text: str
    title: str | None = None
    source: str | None = None
    url: str | None = None
    dct: str | None = None  # YYYY-MM-DD
    dct_origin: DctOrigin = "missing"
    dct_evidence: str | None = None  # why this DCT (header line, metadata field, estimation evidence)
    path: str | None = None  # where it was read from (file, file:line, feed entry)
    text_hash: str = ""
    #: zones found once when the article is made (``dateline.zones``; None = find them from ``text``): the
    #: dateline header "MOSCOW (Meridian Wire) — " spans ``text[dateline_start:dateline_end]`` (0, 0 when there
    #: is none), a headline (first line without final punctuation) ends at ``headline_end`` (0: none), the body
    #: (after the headline, byline and date lines and the dateline) starts at ``body_start``
    dateline_start: int | None = None
    dateline_end: int | None = None
    headline_end: int | None = None
    body_start: int | None = None

    def __post_init__(self) -> None:
        # a lone surrogate ("\\ud83d" in JSON) cannot be parsed, stored or encoded: each becomes U+FFFD, one
        # code point for one, so offsets into the given text stay valid
        for name in ("id", "text", "title", "source", "url", "path", "dct_evidence"):
            value = getattr(self, name)
            if isinstance(value, str) and _SURROGATE.search(value):
                setattr(self, name, _SURROGATE.sub("\ufffd", value))
        if not self.text_hash:
            self.text_hash = text_hash(self.text)
        if None in (self.dateline_start, self.dateline_end, self.headline_end, self.body_start):
            found = zones.find_zones(self.text)
            if self.dateline_start is None or self.dateline_end is None:
                self.dateline_start, self.dateline_end = (
                    (found.dateline.start, found.dateline.end) if found.dateline else (0, 0))
            if self.headline_end is None:
                self.headline_end = found.headline_end
            if self.body_start is None:
                self.body_start = found.body_start


@dataclass(slots=True, kw_only=True)
class Span(Record):
    """A mention in an article."""

    article_id: str = ""
    text: str = ""
    start: int = 0
    end: int = 0


@dataclass(slots=True, kw_only=True)
class Timex(Span):
    table: ClassVar[str] = "timexes"
    contract: ClassVar[tuple[str, ...]] = ("text", "start", "end", "type", "value", "anchor")

    type: TimexType = "DATE"
    value: str | None = None  # TimeML value: 2025-03-18, 2025-W19, P2M, PAST_REF, 2024-08-15TNI ...
    anchor: str | None = None  # the date the value was computed from (DCT or a narrative date)
    mod: str | None = None  # TimeML mod: START, MID, END, APPROX, MORE_THAN ...


@dataclass(slots=True, kw_only=True)
class Entity(Span):
    table: ClassVar[str] = "entities"
    contract: ClassVar[tuple[str, ...]] = ("text", "start", "end", "label", "canonical", "kind", "country")

    label: str = ""  # spaCy NER label
    canonical: str | None = None  # canonical actor name
    kind: str | None = None  # person, government, military, militant group, IGO, media, ministry ...
    country: str | None = None  # ISO 3166 alpha-3 (or IGO code)
    actor_id: str | None = None
    role: str | None = None


@dataclass(slots=True, kw_only=True)
class Statement(Span):
    table: ClassVar[str] = "statements"
    contract: ClassVar[tuple[str, ...]] = (
        "speaker", "speaker_start", "speaker_end", "speaker_kind", "cue", "mode",
        "content", "start", "end", "via", "date", "kind",
    )

    speaker: str | None = None  # resolved speaker (canonical name or description)
    speaker_start: int | None = None
    speaker_end: int | None = None
    speaker_kind: Literal["named", "organization", "anonymous"] | None = None
    speaker_role: str | None = None  # "White House spokesperson" for John Kirby
    cue: str | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    mode: Literal["direct", "indirect"] = "indirect"
    content: str = ""  # == text; start/end are the content span
    via: str | None = None
    date: str | None = None
    #: the quoted pieces of a quote split by its attribution, "start-end;start-end" (None when one piece)
    content_parts: str | None = None
    #: the organisation or country the speaker belongs to ("Hamas" for "two officials from the militant group")
    speaker_org: str | None = None
    #: where ``date`` comes from: cue (the attribution's own time), statement (the one it continues), speaker
    #: (the speaker's last dated statement), dct (the article's date)
    date_origin: str | None = None
    #: speech: a speech act, quote or paraphrase (the rules; what the story timelines, figure sources and the
    #: statement lists read by default); attribution: another attribution PolNeAR annotates that the learned
    #: span model finds outside every speech statement ("according to ...", "X believes ...", stances, knowledge)
    kind: StatementKind = "speech"


@dataclass(slots=True, kw_only=True)
class Figure(Span):
    table: ClassVar[str] = "figures"
    contract: ClassVar[tuple[str, ...]] = (
        "value", "text", "start", "end", "category", "qualifier", "as_of", "source", "scope",
    )

    value: float | None = None
    category: str | None = None  # killed, injured, hostages held, hostages dead, displaced, money ...
    qualifier: str | None = None  # at least, about, more than, up to
    as_of: str | None = None
    source: str | None = None
    scope: str | None = None  # e.g. "since 2025-03-18"
    unit: str | None = None
    value_max: float | None = None  # upper end of a range ("between 30 and 40" -> value 30, value_max 40)
    noun: str | None = None  # the quantified noun as written ("hostages", "people", "death toll")
    kind: str | None = None  # cumulative | increment | incident | rate | total
    as_of_origin: str | None = None  # where as_of came from: clause | own | event | statement | reporting | dct
    source_text: str | None = None  # the source as written when ``source`` was resolved ("the company" -> BP)


@dataclass(slots=True, kw_only=True)
class Event(Span):
    table: ClassVar[str] = "events"
    contract: ClassVar[tuple[str, ...]] = (
        "actor", "action", "target", "date", "location", "polarity", "modality", "text", "start", "end",
    )

    actor: str | None = None
    action: str = ""  # PLOVER action type
    target: str | None = None
    date: str | None = None
    location: str | None = None
    polarity: Literal["positive", "negative"] = "positive"
    modality: str = "asserted"  # asserted, proposed, planned, conditional, reported
    reported_by: str | None = None
    date_origin: str | None = None  # where the date comes from: clause, sentence, anchored, statement, publication or unresolved
    actor_country: str | None = None
    target_country: str | None = None
    trigger: str | None = None
    actor_text: str | None = None  # the actor's mention in the text (actor is canonical when linked)
    target_text: str | None = None


@dataclass(slots=True, kw_only=True)
class Place(Span):
    table: ClassVar[str] = "places"
    contract: ClassVar[tuple[str, ...]] = ("text", "start", "end", "name", "country_code", "lat", "lon")

    name: str | None = None
    country_code: str | None = None  # ISO 3166 alpha-3
    lat: float | None = None
    lon: float | None = None
    feature: str | None = None  # city, country, region


@dataclass(slots=True, kw_only=True)
class Rejected(Record):
    """An input that could not become an article, with the reason (kept in the `rejected` table)."""

    table: ClassVar[str] = "rejected"
    path: str
    reason: str

    def __post_init__(self) -> None:
        # a file name that is not UTF-8 (decoded with surrogate escapes) or a lone surrogate from JSON cannot be
        # stored: each becomes U+FFFD (ingest names such files with their bytes escaped, ``\xe9``)
        self.path, self.reason = (_SURROGATE.sub("\ufffd", v) for v in (self.path, self.reason))


#: the mention record types, in pipeline/contract order
MENTION_TYPES: dict[str, type[Span]] = {
    "timexes": Timex,
    "entities": Entity,
    "statements": Statement,
    "figures": Figure,
    "events": Event,
    "places": Place,
}


@dataclass(slots=True, kw_only=True)
class Extraction:
    """Everything extracted from one article: the unit passed from extract to store."""

    article: Article
    timexes: list[Timex] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)

    def records(self) -> dict[str, list[Any]]:
        return {name: getattr(self, name) for name in MENTION_TYPES}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Extraction:
        """Inverse of ``to_dict()`` (full form)."""
        ex = cls(article=Article.from_dict(d["article"]))
        for name, rtype in MENTION_TYPES.items():
            setattr(ex, name, [rtype.from_dict(r) for r in d.get(name) or []])
        return ex

    def to_dict(self, *, contract_only: bool = False) -> dict[str, Any]:
        out: dict[str, Any] = {"article": self.article.to_dict(contract_only=contract_only)}
        for name, recs in self.records().items():
            out[name] = [r.to_dict(contract_only=contract_only) for r in recs]
        return out
