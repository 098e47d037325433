"""A figure's source written as a pronoun or a bare description ("the company", "the energy giant", "he") resolved
to the nearest fitting named entity of the article: the spaCy entities of the fitting label (PERSON for people's
roles and he/she, ORG for organisations and it/they; ``resources/figures/context.json`` "source_descriptions"),
the nearest one before the figure in its sentence, else before the sentence, else the first after the figure in the
same sentence."""
from __future__ import annotations

import bisect

from spacy.tokens import Doc, Span

from .context import TimeIndex
from .lexicon import FiguresLexicon

_DETS = frozenset({"the", "a", "an", "this", "that"})


def description_label(text: str, lex: FiguresLexicon) -> str | None:
    """The entity label a source description stands for ('the oil giant' -> ORG), None for a name."""
    words = text.split()
    if not words:
        return None
    head = words[-1].lower()
    label = lex.source_descriptions.get(head)
    if label is None:
        return None
    if len(words) == 1:
        return label if head in ("he", "she", "it", "they") else None
    det = words[0].lower()
    if det not in _DETS or any(w[:1].isupper() for w in words[1:]):
        return None  # "the Israeli military", "the Health Ministry": specific enough as written
    if det in ("a", "an") and head not in lex.source_anaphors:
        return None  # "an agency spokesperson": someone new, not a name given before
    if len(words) > 2 and label == "ORG" and head not in lex.source_anaphors:
        return None  # "the health ministry", "the transport department": an institution named by its role
    return label


def _fits(entity: Span, head: str, lex: FiguresLexicon) -> bool:
    """An institution's role word must be in its name ('the ministry' -> 'the Health Ministry'); an anaphor
    ('the company', 'it') or a person's role fits any entity of the label, but a company is no public body
    ('the company' is not 'the US Coast Guard')."""
    if head in lex.source_anaphors:
        return not any(w in lex.source_institutions for w in entity.text.lower().split())
    if entity.label_ == "PERSON" or head in ("it", "they"):
        return True
    return head in entity.text.lower()


def _salient(ents: list[Span], k: int, head: str, lex: FiguresLexicon, stop: int) -> str | None:
    """Among the fitting entities at or before index ``k`` (back to index ``stop``), the one named most often in the
    article so far, the nearest on a tie: 'the company' in a story about BP is BP, even just after 'Transocean'."""
    counts: dict[str, int] = {}
    order: dict[str, int] = {}
    for j in range(k, stop - 1, -1):
        e = ents[j]
        if _fits(e, head, lex):
            key = e.text.lower()
            counts[key] = counts.get(key, 0) + 1
            order.setdefault(key, j)
    if not counts:
        return None
    best = max(counts, key=lambda key: (counts[key], order[key]))
    return ents[order[best]].text


def _entities(doc: Doc, times: TimeIndex, label: str) -> tuple[list[int], list[Span]]:
    key = ("source_entities", label)
    got = times.memo.get(key)
    if got is None:
        ents = [e for e in doc.ents if e.label_ == label and len(e.text) > 1]
        got = ([e.start for e in ents], ents)
        times.memo[key] = got
    return got  # type: ignore[return-value]


def resolve_source(doc: Doc, source: str, sent: Span, figure_i: int, times: TimeIndex,
                   lex: FiguresLexicon) -> str | None:
    """The named entity ``source`` stands for, or None when it is a name or nothing fits."""
    label = description_label(source, lex)
    if label is None:
        return None
    head = source.split()[-1].lower()
    starts, ents = _entities(doc, times, label)
    # the nearest before the figure in its own sentence ("The spill has cost BP $990m, the company said"), then
    # before the sentence
    k = bisect.bisect_left(starts, figure_i) - 1
    if head in lex.source_anaphors:  # the most salient fitting organisation before the figure
        got = _salient(ents, k, head, lex, 0) if k >= 0 else None
        if got is not None:
            return got
        k = -1
    while k >= 0:
        if ents[k].start < sent.start:
            break
        if ents[k].text.lower() != source.lower() and _fits(ents[k], head, lex):
            return ents[k].text
        k -= 1
    while k >= 0:
        if _fits(ents[k], head, lex):
            return ents[k].text
        k -= 1
    k = bisect.bisect_left(starts, sent.start)
    while k < len(ents) and ents[k].start < sent.end:
        if ents[k].start > figure_i and ents[k].text.lower() != source.lower() and _fits(ents[k], head, lex):
            return ents[k].text
        k += 1
    return None
