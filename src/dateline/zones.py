"""An article's zones, found once when the ``Article`` is made and kept on it (``dateline_start``/``_end``,
``headline_end``, ``body_start``); every component reads them from the ``Article``.

- **Header lines**: the first lines that are not sentences -- a headline or a byline without final
  punctuation, "By ...", a date line (at most ``HEADER_LINES`` of them).
- **Dateline**: the header that says where a story was filed, opening one of the first lines --
  "MOSCOW (Meridian Wire) — ", "GAZA CITY, Palestinian Territories (Meridian Wire) — ",
  "CAMBRIDGE, Mass., Dec. 11 (UPI) — ", "WASHINGTON - ", or opening the body after the header lines with a
  colon ("GAZA CITY: ", "KYIV, Ukraine: ") or with the outlet alone ("(CNN) -- "). A colon header counts only
  when the gazetteer knows its place: an all-capitals label ("EXCLUSIVE: ", "HUFFPOLLSTER: ") is no dateline.
  An outlet in brackets right after a dateline ("MOSCOW (Ledger) — (CNN) -- ") belongs to it.
  It names no participant, speaker or figure: components start reading after it.
- **Headline**: a first line without final punctuation; it announces what the body tells.
- **Body**: where the story's first sentence starts, after the header lines and the dateline.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

#: a dateline opens one of the lines within the text's first this many characters
DATELINE_WINDOW = 400
#: at most this many header lines (headline, byline, date line) before the body
HEADER_LINES = 4
#: a header line is shorter than this (a longer line is a paragraph, even without final punctuation)
HEADER_LINE_MAX = 200
#: a byline ("By Jane Doe and John Roe, Meridian Wire") is shorter than this
BYLINE_MAX = 80
#: a colon dateline's place is at most this many all-capitals words ("KHAN YOUNIS: ")
COLON_PLACE_WORDS = 4

_PLACE = r"(?P<place>[A-Z][A-Z'’.\-]+(?:[ \t]+[A-Z][A-Z'’.\-]+)*)"  # all capitals: "GAZA CITY", "ST. LOUIS"
_QUALIFIERS = r"(?:[ \t]*,[ \t]*[A-Z][\w.'’\- ]{0,40}?)*"  # ", Texas", ", Mass., Dec. 11"
_SOURCE = r"(?:[ \t]*\((?P<source>[^)\n]{1,60})\))?"  # "(Meridian Wire)"
#: a dash ends it; a lone hyphen only with a space on both sides and a capital after ("WASHINGTON - U.S.")
_DASH = r"[ \t]*(?:—|–|--|(?<=[ \t)])-(?=[^\S\n]+[A-Z\"“‘']))[^\S\n]*"
_DATELINE = re.compile(r"^[^\S\n]*" + _PLACE + _QUALIFIERS + _SOURCE + _DASH, re.M)
#: "GAZA CITY: ", "KYIV, Ukraine: " (the place is checked against the gazetteer)
_COLON = re.compile(r"(?P<place>[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,%d})"
                    r"(?:,[ \t]*[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+)?)?[ \t]*:[^\S\n]+" % (COLON_PLACE_WORDS - 1))
#: the outlet alone: "(CNN) -- ", "-LRB- CNN -RRB- -- " (Penn Treebank brackets of tokenized corpora)
_CREDIT = re.compile(r"(?:\(|-LRB-\s*)(?P<source>[A-Z][\w .&'’-]{1,40}?)(?:\)|\s*-RRB-)\s*(?:—|–|--|-)\s+")
_SENTENCE_END = tuple(".!?\"”’'")


@dataclass(frozen=True, slots=True)
class Dateline:
    start: int
    end: int  # where the story's first sentence starts
    place: tuple[int, int]  # character span of the place ("MOSCOW"; empty for the outlet alone)
    source: str | None  # the outlet in brackets ("Meridian Wire")


@dataclass(frozen=True, slots=True)
class Zones:
    dateline: Dateline | None
    headline_end: int  # 0: no headline
    body_start: int


def _header_line(line: str) -> bool:
    """A headline, byline or date line: short and not a sentence."""
    s = line.strip()
    if not s:
        return True
    if s.lower().startswith("by ") and len(s) < BYLINE_MAX:
        return True
    return len(s) < HEADER_LINE_MAX and not s.endswith(_SENTENCE_END)


def header_end(text: str) -> int:
    """Where the header lines (headline, byline, date line) end: the first character of the first line that
    is a sentence."""
    pos = 0
    for _ in range(HEADER_LINES):
        nl = text.find("\n", pos)
        if nl < 0 or not _header_line(text[pos:nl]):
            break
        pos = nl + 1
    while pos < len(text) and text[pos].isspace():
        pos += 1
    return pos


def _known_place(name: str) -> bool:
    from .extract.places.gazetteer import load_gazetteer  # the offline gazetteer, loaded once, only when asked

    return bool(load_gazetteer().lookup(name))


def _at_body(text: str, pos: int) -> tuple[Dateline | None, int]:
    """What opens the body at ``pos``: a colon dateline of a known place or the outlet alone (a dateline), or an
    all-capitals label ("EXCLUSIVE: ", "NEW: ", "BYLINE: "; not a dateline, but not the story's text either).
    Returns the dateline, if any, and where the text after it starts."""
    m = _COLON.match(text, pos, pos + DATELINE_WINDOW)
    if m is not None:
        place = _known_place(m.group("place"))
        return (Dateline(pos, m.end(), m.span("place"), None) if place else None), m.end()
    m = _CREDIT.match(text, pos, pos + DATELINE_WINDOW)
    if m is not None:
        return Dateline(pos, m.end(), (pos, pos), m.group("source").strip()), m.end()
    return None, pos


def find_dateline(text: str) -> Dateline | None:
    """The dateline opening one of the first lines of ``text`` (or, with a colon or the outlet alone, the
    body), if any."""
    return find_zones(text).dateline


def find_zones(text: str) -> Zones:
    """Every zone of ``text``: the dateline, the headline's end and the body's start."""
    header = header_end(text)
    m = _DATELINE.search(text[:DATELINE_WINDOW])
    if m is None:
        dateline, body = _at_body(text, header)
    else:
        source = m.group("source")
        credit = _CREDIT.match(text, m.end(), m.end() + DATELINE_WINDOW)  # "MOSCOW (Ledger) — (CNN) -- "
        end = credit.end() if credit else m.end()
        dateline = Dateline(m.start("place"), end, m.span("place"), source.strip() if source else None)
        body = max(header, end)
    return Zones(dateline, headline_end(text), body)
def headline_end(text: str) -> int:
    """End of the first line when it is a headline (no final punctuation and more lines after), else 0."""
    first = text.lstrip()
    nl = first.find("\n")
    if nl <= 0 or first[:nl].rstrip()[-1:] in ".!?\"'”’":
        return 0
    return len(text) - len(first) + nl
