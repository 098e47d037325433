"""Penn Treebank tokenized text ("-LRB- CNN -RRB- --", "`` respect ''", "Egypt 's", "wo n't", "rule , then")
made readable at ingest **without changing its length**: every rewrite keeps each character's offset, so the
spans of every record point into the stored text exactly as they would into the text as given (provenance).

Brackets and quotes take the place of their token and the spaces freed go next to the space they stood
beside ("-LRB- CNN -RRB-" → "    (CNN)    "); a clitic or a punctuation mark split from its word moves back
to it and its space goes after it ("Egypt 's rule ," → "Egypt's  rule, "). Runs of spaces are what is left:
readers and the parser take them as one space.

Applied only to a text that is PTB tokenized: it has a bracket or quote token (``-LRB-``, ````` ``), or
nearly all its commas (three at least) stand apart (" , "), as no edited text writes them.

Ingest applies it to every text; ``BRACKETS`` is also what the parser reads bracket escapes as
(``extract/nlp.read_ptb_escapes``, for text given to the pipeline directly)."""
from __future__ import annotations

import re

#: the bracket tokens of the Penn Treebank and what they stand for
BRACKETS = {"-LRB-": "(", "-RRB-": ")", "-LSB-": "[", "-RSB-": "]", "-LCB-": "{", "-RCB-": "}"}
_MARKER = re.compile(r"-[LR][RSC]B-|``")
_OPEN = re.compile(r"(-L[RSC]B-|``)([ \t]*)")  # an opening token and the spaces after it
_CLOSE = re.compile(r"([ \t]*)(-R[RSC]B-|'')")  # a closing token and the spaces before it
_CLITIC = re.compile(r"(?<=\w)([ \t]+)(n't|'s|'re|'ve|'ll|'m|'d|')(?=\W|$)", re.I)
_PUNCT = re.compile(r"(?<=\S)([ \t]+)([,.;:?!%]+)(?=\s|$)")
_CURRENCY = re.compile(r"(?<![^\s(])([$#€£])([ \t]+)(?=\d)(\S+)")
_CLOSE_RUN = re.compile(r"(?<=[)\]}])([ \t]+)([)\]}])")  # "(0240 in Egypt)    )" -> "(0240 in Egypt))    "
_SPACED_COMMA = re.compile(r"(?<=\S) ,(?= )")

#: nearly every comma standing apart (at least this share, and at least MIN_COMMAS of them)
SPACED_SHARE = 0.8
MIN_COMMAS = 3


def is_ptb(text: str) -> bool:
    """Whether ``text`` is Penn Treebank tokenized (see the module docstring)."""
    if _MARKER.search(text):
        return True
    commas = text.count(",")
    return commas >= MIN_COMMAS and len(_SPACED_COMMA.findall(text)) >= SPACED_SHARE * commas


def _open(m: re.Match[str]) -> str:
    token, spaces = m.group(1), m.group(2)
    return " " * (len(token) - 1 + len(spaces)) + BRACKETS.get(token, '"')


def _close(m: re.Match[str]) -> str:
    spaces, token = m.group(1), m.group(2)
    return BRACKETS.get(token, '"') + " " * (len(spaces) + len(token) - 1)


def _attach(m: re.Match[str]) -> str:
    """A clitic or punctuation back to its word, its space after it."""
    return m.group(2) + m.group(1)


def _currency(m: re.Match[str]) -> str:
    return m.group(1) + m.group(3) + m.group(2)


def detokenize(text: str) -> str:
    """``text`` with its PTB tokenization undone in place (same length, same offsets); any other text as it
    is."""
    if not is_ptb(text):
        return text
    out = _OPEN.sub(_open, text)
    out = _PUNCT.sub(_attach, out)  # before the closing tokens ("transition . ''") and after them ("-RRB- .")
    out = _CLOSE.sub(_close, out)
    while _CLOSE_RUN.search(out):
        out = _CLOSE_RUN.sub(_attach, out)
    out = _PUNCT.sub(_attach, out)
    out = _CLITIC.sub(_attach, out)
    out = _CURRENCY.sub(_currency, out)
    assert len(out) == len(text)
    return out
