"""TimeML in and out: read a TempEval-3 input (``*.tml.TE3input``: DCT + raw ``<TEXT>``), write TIMEX3 tags."""
from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from ...days import day_of
from ...model import Timex


@dataclass(slots=True)
class TimeMLDoc:
    """A TimeML document: raw file, the raw ``<TEXT>`` body's span in it, the plain text and the DCT."""

    raw: str
    body_start: int
    body_end: int
    text: str  # plain text of <TEXT> (tags removed, entities decoded)
    offsets: list[int]  # plain-text offset -> raw offset (len(text) + 1 entries)
    dct: str | None
    docid: str | None = None


_TEXT = re.compile(r"(<TEXT>)(.*?)(</TEXT>)", re.S)
_DCT = re.compile(r"<DCT>\s*<TIMEX3([^>]*)>", re.S)
_ATTR = re.compile(r'([\w:]+)\s*=\s*"([^"]*)"')
_TAG_OR_ENTITY = re.compile(r"<[^>]*>|&[#\w]+;")


def read_timeml(raw: str) -> TimeMLDoc:
    """Parse a TimeML/TE3-input file: the plain ``<TEXT>`` and the CREATION_TIME value (the DCT)."""
    m = _TEXT.search(raw)
    if m is None:
        raise ValueError("no <TEXT> element")
    body_start, body_end = m.start(2), m.end(2)
    text_parts: list[str] = []
    offsets: list[int] = []
    pos = body_start
    for t in _TAG_OR_ENTITY.finditer(raw, body_start, body_end):
        for k in range(pos, t.start()):
            offsets.append(k)
        text_parts.append(raw[pos:t.start()])
        if t.group().startswith("&"):
            ch = html.unescape(t.group())
            text_parts.append(ch)
            offsets.extend([t.start()] * len(ch))
        pos = t.end()
    for k in range(pos, body_end):
        offsets.append(k)
    text_parts.append(raw[pos:body_end])
    offsets.append(body_end)
    dct = None
    d = _DCT.search(raw)
    if d:
        value = dict(_ATTR.findall(d.group(1))).get("value")
        dct = day_of(value)
    docid = re.search(r"<DOCID>(.*?)</DOCID>", raw)
    return TimeMLDoc(raw, body_start, body_end, "".join(text_parts), offsets, dct,
                     docid.group(1).strip() if docid else None)


def timex3_tag(t: Timex, tid: str) -> str:
    attrs = [("tid", tid), ("type", t.type), ("value", t.value or "")]
    if t.mod:
        attrs.append(("mod", t.mod))
    return "<TIMEX3 " + " ".join(f"{k}={quoteattr(v)}" for k, v in attrs) + ">"


def _non_overlapping(timexes: Sequence[Timex]) -> list[Timex]:
    out: list[Timex] = []
    for t in sorted(timexes, key=lambda t: (t.start, -t.end)):
        if out and t.start < out[-1].end:
            continue
        out.append(t)
    return out


def insert_timex3(doc: TimeMLDoc, timexes: Sequence[Timex]) -> str:
    """The TimeML file with TIMEX3 tags added inside ``<TEXT>`` (tags already there are kept)."""
    raw = doc.raw
    inserts: list[tuple[int, int, str]] = []  # (raw offset, order, string)
    for n, t in enumerate(_non_overlapping(timexes), 1):
        inserts.append((doc.offsets[t.start], 1, timex3_tag(t, f"t{n}")))
        inserts.append((doc.offsets[t.end - 1] + len(_raw_char(raw, doc.offsets[t.end - 1])), 0, "</TIMEX3>"))
    inserts.sort()
    parts, pos = [], 0
    for off, _order, s in inserts:
        parts.append(raw[pos:off])
        parts.append(s)
        pos = off
    parts.append(raw[pos:])
    return "".join(parts)


def _raw_char(raw: str, off: int) -> str:
    """The raw characters of the plain character at ``off`` (an entity such as ``&amp;`` or one character)."""
    if raw[off] == "&":
        m = re.match(r"&[#\w]+;", raw[off:off + 10])
        if m:
            return m.group()
    return raw[off]


def to_timeml(text: str, timexes: Sequence[Timex], dct: str | None, docid: str = "doc") -> str:
    """A TimeML document for a plain text: DCT (if known) and TIMEX3 tags in ``<TEXT>``."""
    parts, pos = [], 0
    for n, t in enumerate(_non_overlapping(timexes), 1):
        parts.append(escape(text[pos:t.start]))
        parts.append(timex3_tag(t, f"t{n}") + escape(text[t.start:t.end]) + "</TIMEX3>")
        pos = t.end
    parts.append(escape(text[pos:]))
    dct_xml = ""
    if dct:
        dct_xml = (f'<DCT><TIMEX3 tid="t0" type="DATE" value="{dct}" temporalFunction="false" '
                   f'functionInDocument="CREATION_TIME">{dct}</TIMEX3></DCT>\n\n')
    return (f'<?xml version="1.0" ?>\n<TimeML>\n\n<DOCID>{escape(docid)}</DOCID>\n\n{dct_xml}'
            f"<TEXT>{''.join(parts)}</TEXT>\n\n</TimeML>\n")
