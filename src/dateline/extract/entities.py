"""Named entities from spaCy's NER, as ``Entity`` records (canonical actor linking: issue #9)."""
from __future__ import annotations

from spacy.tokens import Doc

from ..model import Entity
from .registry import Context, register

LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT"})


@register("entities")
def make_entities(labels: frozenset[str] = LABELS) -> object:
    def entities_component(doc: Doc, ctx: Context) -> None:
        for ent in doc.ents:
            if ent.label_ in labels:
                ctx.entities.append(Entity(article_id=ctx.article.id, text=ent.text, start=ent.start_char,
                                           end=ent.end_char, label=ent.label_))

    return entities_component
