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
- **Asides**: what is not the story -- a comment section to the end (from a comments header or repeated comment
  stamps "6:53 pm | Report abuse |"), lines in capitals, short lines opening with a user handle
  (``find_asides``). Components take no record from them; the text and its offsets stay as they are.
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


def header_line(line: str) -> bool:
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
        if nl < 0 or not header_line(text[pos:nl]):
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


# -- asides: reader comments and page furniture after or beside the story -----------------------------------------
#: a comments header: a short line that opens a page's comment section ("Comments", "12 comments",
#: "Leave a reply", "Have your say", "Reader comments")
_COMMENTS_HEADER = re.compile(
    r"(?:\d+\s+)?(?:reader\s+|user\s+)?comments?\s*(?:\(\d+\))?[:.]?|(?:leave|post|add|write|submit)\s+(?:a|your)\s+"
    r"(?:comment|reply)[:.]?|have your say[:.]?|join the (?:discussion|conversation|debate)[:.]?|"
    r"(?:show|view|read|see) (?:all )?(?:\d+ )?comments?[:.]?", re.I)
#: a comment's stamp: a clock time or a comment button followed by the pipe between a comment's furniture fields
#: ("February 13, 2011 at 6:53 pm | Report abuse | Reply")
_STAMP = re.compile(r"(?:\b\d{1,2}\s*:\s*\d\d(?:\s*[ap]\.?\s*m\b\.?)?|\breport abuse|\breply|\bpermalink)\s*\|", re.I)
#: a blog post's footer ("Posted by Jane Roe at 6:53 PM | Permalink | Comments (3)", "Filed under: ..."): its clock
#: time and pipes are no comment stamp, its "3 comments" link no comments header (the posts after it are kept)
_POST_FOOTER = re.compile(r"\b(?:posted\s+(?:by|at|in|on)|filed\s+under|trackbacks?|labels?:|tags?:|"
                          r"comments?\s*\(\d+\)|\d+\s+comments?\b|no\s+comments\b)", re.I)
#: a line that reports (a story's sentence, not a reader's): it stops the first comment's lines
_REPORTING = re.compile(r"\b(?:said|says|told|according\s+to)\b")
#: a transcript's speaker label opening a line ("JANE DOE, CORRESPONDENT: "): not shouting
_SPEAKER_LABEL = re.compile(r"^[^\S\n]*[A-Z][A-Z.'’\- ]*(?:\s*,\s*[A-Z][A-Z.'’\-, ]*)?\s*:\s")
#: a short line opening with a user handle ("@jdoe: ...")
_HANDLE_LINE = re.compile(r"^[^\S\n]*@\w{2,}", re.M)
#: an all-capitals line counts as shouting (a comment, not a story's sentence) from this many letters
SHOUT_LETTERS = 20
#: ... and this share of capitals among its letters
SHOUT_SHARE = 0.9
#: a handle line is shorter than this
HANDLE_LINE_MAX = 80
#: this many comment stamps make a comment section (it starts at the first)
STAMPS_MIN = 2


def _lines(text: str, start: int) -> list[tuple[int, int]]:
    """(start, end) of each line of ``text`` from the line holding ``start`` on."""
    pos = text.rfind("\n", 0, start) + 1
    out = []
    while pos < len(text):
        nl = text.find("\n", pos)
        end = len(text) if nl < 0 else nl
        out.append((pos, end))
        pos = end + 1
    return out


def _shouting(line: str) -> bool:
    """A line in capitals (after a transcript's speaker label): a reader's rant, a promotion."""
    m = _SPEAKER_LABEL.match(line)
    rest = line[m.end():] if m else line
    letters = [c for c in rest if c.isalpha()]
    return len(letters) >= SHOUT_LETTERS and sum(c.isupper() for c in letters) >= SHOUT_SHARE * len(letters)


def find_asides(text: str, body_start: int = 0) -> tuple[tuple[int, int], ...]:
    """The spans of ``text`` that are not the story: a comment section (from a comments header, or from the
    first of ``STAMPS_MIN`` comment stamps, to the end), lines in capitals (a reader's rant, an advertisement)
    and short lines opening with a user handle. Records are not taken from them; the text stays as it is."""
    lines = _lines(text, body_start)
    footers = {s for s, e in lines if _POST_FOOTER.search(text, s, e)}
    stamps = [k for k, (s, e) in enumerate(lines) if s not in footers and _STAMP.search(text, s, e)]
    tail = _first_comment(text, lines, stamps, body_start) if len(stamps) >= STAMPS_MIN else len(text)
    for s, e in lines:
        if s >= tail:
            break
        if len(text[s:e].strip()) <= 40 and _COMMENTS_HEADER.fullmatch(text[s:e].strip()) and \
                not (len(footers) >= 2 and s in footers):  # "3 comments" under each post of a blog's index
            tail = s
            break
    spans = [(s, e) for s, e in lines if e <= tail and s >= body_start and (
        _shouting(text[s:e]) or (e - s < HANDLE_LINE_MAX and _HANDLE_LINE.match(text, s, e)))]
    if tail < len(text):
        spans.append((tail, len(text)))
    return tuple(spans)


def _first_comment(text: str, lines: list[tuple[int, int]], stamps: list[int], body_start: int) -> int:
    """Where the comment section starts: a comment's stamp closes it ("... | Report abuse |" after its words),
    so the first comment's words stand on the lines before the first stamp -- as many as a comment has between
    the later stamps (the median), never a line that reports ("said", "told") or lies before the body."""
    sizes = sorted(sum(1 for s, e in lines[a:b] if text[s:e].strip()) for a, b in zip(stamps, stamps[1:]))
    size = max(1, sizes[len(sizes) // 2]) if sizes else 1
    k = stamps[0]
    while size and k > 0:
        s, e = lines[k - 1]
        if s < body_start or _REPORTING.search(text, s, e):
            break
        k -= 1
        size -= bool(text[s:e].strip())
    return lines[k][0]


def in_asides(pos: int, spans: tuple[tuple[int, int], ...]) -> bool:
    return any(a <= pos < b for a, b in spans)
