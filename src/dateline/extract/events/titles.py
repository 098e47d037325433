"""A person's state from the title the article introduces them with: "Thai PM Abhisit Vejjajiva", "Mexican
Health Minister Jose Angel Cordova", "Egypt's President Hosni Mubarak". Every word of such a name then
carries that state, so a later "Abhisit" or "Abhisit's government" acts for Thailand (PLOVER codes a leader
by the state he acts for; ``Actor.country``), as does a later bare surname of a person the entity linker placed
("Musa Kusa" ... "Kusa"). A title counts only when the words before the name (or inside a mention the tagger took
whole) hold both a title word and exactly one state; a word claimed by two states is left out."""
from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from spacy.tokens import Doc

from .syntax import field_of

#: how many tokens before a name may hold its title ("Thai Foreign Minister Kasit Piromya": 3)
TITLE_WINDOW = 4
_NAME_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]{2,}")


def name_words(name: str) -> list[str]:
    return [w.lower() for w in _NAME_WORD.findall(name)]


def titled_states(doc: Doc, entities: Iterable[Any], span_of: Any, titles: frozenset[str], kb: Any,
                  normalize: Any) -> dict[str, str]:
    """Name word -> ISO3 of the state in the title before it (a word claimed by two states is left out)."""
    out: dict[str, str] = {}
    clash: set[str] = set()
    if kb is None:
        return out
    def claim(word: str, code: str) -> None:
        if out.get(word, code) != code:
            clash.add(word)
        out[word] = code

    for ent in entities:
        known = field_of(ent, "country") or field_of(ent, "country_code")
        person = (field_of(ent, "label") or "") == "PERSON" or (field_of(ent, "kind") or "") == "person"
        if known and person:  # a person the KB or the tagger placed: a later bare surname acts for that state
            for w in name_words(str(field_of(ent, "text") or "")):
                claim(w, known)
            continue
        if known or ((field_of(ent, "label") or "") != "ORG" and not person):
            continue
        span = span_of(field_of(ent, "start") or 0, field_of(ent, "end") or 0)
        if not len(span):
            continue
        # the title before the name, or inside a mention the tagger took whole ("Thai PM Abhisit Vejjajiva")
        words = [t for t in doc[max(0, span.start - TITLE_WINDOW):span.stop] if not t.is_punct]
        title = [t for t in words if t.lower_ in titles or t.lemma_.lower() in titles]
        states = {t.i: c for t in words if (c := _state_of(t.text, kb, normalize))}
        if not title or len(set(states.values())) != 1:
            continue
        code = next(iter(states.values()))
        skip = {t.lower_ for t in title} | {doc[i].lower_ for i in states}
        for w in name_words(doc[span.start:span.stop].text):
            if w not in skip:
                claim(w, code)
    return {w: c for w, c in out.items() if w not in clash}


def _state_of(word: str, kb: Any, normalize: Any) -> str | None:
    key = normalize(word)
    st = kb.demonyms.get(key)
    if st is None:
        st = next((a for a in kb.lookup(word) if a.kind == "state"), None)
    return getattr(st, "country", None) if st is not None else None
