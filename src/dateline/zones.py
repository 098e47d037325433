"""An article's zones, found once when the ``Article`` is made and kept on it (``dateline_end``, ``headline_end``).

- **Dateline**: the header that says where a story was filed, opening one of the first lines --
  "MOSCOW (Meridian Wire) — ", "GAZA CITY, Palestinian Territories (Meridian Wire) — ",
  "CAMBRIDGE, Mass., Dec. 11 (UPI) — ", "WASHINGTON - ". It names no participant, speaker or figure:
  components start reading after it. A colon header ("MANDALAY: ") is not recognised: without a gazetteer it
  cannot be told from an all-capitals headline label ("EXCLUSIVE: ", "HUFFPOLLSTER: ", "FIX IS IN: ").
- **Headline**: a first line without final punctuation; it announces what the body tells.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

#: a dateline opens one of the lines within the text's first this many characters
DATELINE_WINDOW = 400

_PLACE = r"(?P<place>[A-Z][A-Z'’.\-]+(?:[ \t]+[A-Z][A-Z'’.\-]+)*)"  # all capitals: "GAZA CITY", "ST. LOUIS"
_QUALIFIERS = r"(?:[ \t]*,[ \t]*[A-Z][\w.'’\- ]{0,40}?)*"  # ", Texas", ", Mass., Dec. 11"
_SOURCE = r"(?:[ \t]*\((?P<source>[^)\n]{1,60})\))?"  # "(Meridian Wire)"
#: a dash ends it; a lone hyphen only with a space on both sides and a capital after ("WASHINGTON - U.S.")
_DASH = r"[ \t]*(?:—|–|--|(?<=[ \t)])-(?=[^\S\n]+[A-Z\"“‘']))[^\S\n]*"
_DATELINE = re.compile(r"^[^\S\n]*" + _PLACE + _QUALIFIERS + _SOURCE + _DASH, re.M)


@dataclass(frozen=True, slots=True)
class Dateline:
    start: int
    end: int  # where the story's first sentence starts
    place: tuple[int, int]  # character span of the place ("MOSCOW")
    source: str | None  # the outlet in brackets ("Meridian Wire")


def find_dateline(text: str) -> Dateline | None:
    """The dateline opening one of the first lines of ``text``, if any."""
    head = text[:DATELINE_WINDOW]
    m = _DATELINE.search(head)
    if m is None:
        return None
    source = m.group("source")
    return Dateline(m.start("place"), m.end(), m.span("place"), source.strip() if source else None)


def headline_end(text: str) -> int:
    """End of the first line when it is a headline (no final punctuation and more lines after), else 0."""
    first = text.lstrip()
    nl = first.find("\n")
    if nl <= 0 or first[:nl].rstrip()[-1:] in ".!?\"'”’":
        return 0
    return len(text) - len(first) + nl
