"""A statement's content span: the parse's clause fitted to the paragraph and to the quotations around it.

- A cue right next to a quotation ('"...," X said', 'X said: "..."') says that quotation.
- A clause never crosses the paragraph it was said in, nor the attribution itself (unless it wraps it:
  "34 the Israeli military says are dead"); quotations it touches are taken whole.
- A quotation that directly follows a statement ending in a quotation, with only the attribution in between
  ('"...," said X, "..."', '"...," X said on Thursday. "..."', a quote continued in the next paragraph), is
  more of the same statement.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from .candidate import Candidate
from .quotes import closing_mark

_BEFORE_RE = re.compile(r"^[ \t,—–-]*$")  # '"...," X said'
_AFTER_RE = re.compile(r"^(?:[^\"“”.!?\n,:;]{0,40}[,:]\s*|\s*:\s*)$")  # 'X said: "..."', 'X said in a statement, "..."'
_SPACE_RE = re.compile(r"^\s*$")
_ATTRIBUTION_GAP_RE = re.compile(r"^[^\"“”„«».!?\n]*[.!?]?\s*$")


@dataclass(slots=True)
class Found:
    """A candidate with its content span fitted to the text."""

    cand: Candidate
    start: int
    end: int
    parts: list[tuple[int, int]] = field(default_factory=list)  # the pieces of a split quote


def paragraphs(text: str) -> list[int]:
    """Offsets of the newlines that separate paragraphs (sorted)."""
    return [m.start() for m in re.finditer(r"\n", text)]


def _para(breaks: list[int], pos: int, n: int) -> tuple[int, int]:
    k = bisect.bisect_right(breaks, pos)
    return (breaks[k - 1] + 1 if k else 0), (breaks[k] if k < len(breaks) else n)


def _clause(c: Candidate) -> tuple[int, int]:
    lo, hi = c.cue_start, c.cue_end
    if c.speaker_span is not None and not c.inherited_speaker:
        lo, hi = min(lo, c.speaker_span[0]), max(hi, c.speaker_span[1])
    return lo, hi


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and (text[s].isspace() or text[s] in ",;:—–-"):
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in ",;:—–-"):
        e -= 1
    return s, e


def _fit(text: str, c: Candidate, breaks: list[int], dl: int) -> tuple[int, int] | None:
    """The parse's content clipped to the cue's paragraph (after the dateline ending at ``dl``) and kept off
    the attribution."""
    assert c.content is not None
    s, e = c.content
    p0, p1 = _para(breaks, c.cue_start, len(text))
    if p0 <= dl <= p1:
        p0 = dl
    s, e = max(s, p0), min(e, p1)
    lo, hi = _clause(c)
    if not c.wraps and s < hi and lo < e:  # the span runs over the attribution: keep the head's side
        head = c.head if c.head is not None else s
        if head >= hi:
            s = max(s, hi)
        else:
            e = min(e, lo)
    s, e = _trim(text, s, e)
    return (s, e) if e > s else None


def _adjacent_quote(text: str, c: Candidate, quotes: list[tuple[int, int]], qstarts: list[int],
                    bare: bool = False) -> int | None:
    """The quotation right before ('"...," X said') or after ('X said: "..."') the attribution; ``bare``: also
    one after the cue with only a space between ('she yelled "Stay there!"'), for a cue with no content yet."""
    lo, hi = _clause(c)
    k = bisect.bisect_right(qstarts, hi)
    j = k - 1
    while j >= 0 and quotes[j][1] > lo:
        j -= 1
    q1 = quotes[j][1] if j >= 0 else 0
    if j >= 0 and _BEFORE_RE.match(text[q1:lo]) and text[q1 - 1 - closing_mark(text, q1):q1 - closing_mark(text, q1)] != ".":
        return j  # '"...," X said' (not '"... ." X said ...', a new sentence)
    if k < len(quotes) and quotes[k][0] >= hi and (_AFTER_RE.match(text[hi:quotes[k][0]]) or (
            bare and not text[hi:quotes[k][0]].strip())):
        return k
    return None


def attach_content(text: str, cands: list[Candidate], quotes: list[tuple[int, int]],
                   quote_paragraphs: bool = False, body: int = 0) -> list[Found]:
    """Content spans of the candidates; ``quote_paragraphs``: a paragraph that is one quotation continues the
    statement that ends the paragraph before it (PolNeAR's reading; off by default); ``body``: where the
    article's body starts (after headline, byline, dateline)."""
    breaks = paragraphs(text)
    qstarts = [q[0] for q in quotes]
    found: list[Found] = []
    used: set[int] = set()
    for c in cands:
        span = _fit(text, c, breaks, body) if c.content is not None else None
        j = _adjacent_quote(text, c, quotes, qstarts, bare=span is None)
        if j is not None:
            q0, q1 = quotes[j]
            superset = span is not None and span[0] <= q0 and span[1] >= q1 - 1 and span[1] <= q1
            if not superset:
                span = (q0, q1)
        if span is None:
            continue
        s, e = span
        for k in range(max(0, bisect.bisect_left(qstarts, s) - 1), len(quotes)):
            q0, q1 = quotes[k]
            if q0 >= e:
                break
            if q0 < e and s < q1 and not (q0 <= c.cue_start < q1):
                s, e = min(s, q0), max(e, q1)
                used.add(k)
        parts = list(c.pieces) if c.pieces and c.content == (s, e) else [(s, e)]
        found.append(Found(cand=c, start=s, end=e, parts=parts))
    _merge_continuations(text, found, quotes, used, breaks, quote_paragraphs)
    return found


def _continues(text: str, f: Found, q0: int) -> bool:
    """Whether a quotation starting at ``q0`` goes on with statement ``f`` (which ends in a quotation):
    only space between them (a quote continued in the next paragraph), or only f's own attribution
    ('"...," X said on Thursday. "..."', '"...," a volunteer told Meridian Wire, "..."')."""
    gap = text[f.end:q0]
    if _SPACE_RE.match(gap):
        return True
    c = f.cand
    if not (f.end <= c.cue_start and c.cue_end <= q0):
        return False
    if _ATTRIBUTION_GAP_RE.match(gap):
        return True
    if len(gap) > 300 or "\n" in gap or any(ch in gap for ch in "“”\"„«»"):
        return False
    # '"...," said Rep. Jim Clyburn (D-S.C.), a member of House Democratic leadership. "..."': every word of
    # the gap belongs to the attribution clause
    doc = c.cue.doc
    span = doc.char_span(f.end, q0, alignment_mode="contract")
    if span is None:
        return False
    sub = {t.i for t in c.cue.subtree}
    return all(t.i in sub or t.is_punct or t.is_space for t in span)


def _next_quote_paragraph(text: str, f: Found, q0: int, q1: int) -> bool:
    """A paragraph that is one quotation, right after the paragraph whose last sentence is statement ``f``."""
    line_start = text.rfind("\n", 0, q0) + 1
    line_end = text.find("\n", q1)
    line_end = len(text) if line_end < 0 else line_end
    if text[line_start:q0].strip() or text[q1:line_end].strip():
        return False
    gap = text[f.end:q0]
    if "\n" not in gap or gap[gap.index("\n"):].strip():
        return False
    first = gap[:gap.index("\n")]
    if not first.strip(" \t.,;:!?\"”'"):
        return True
    c = f.cand  # the rest of the line is f's own attribution ("..., he said.")
    return f.end <= c.cue_start and c.cue_end <= f.end + len(first) and _continues(text, f, f.end + len(first))


def _merge_continuations(text: str, found: list[Found], quotes: list[tuple[int, int]], used: set[int],
                         breaks: list[int], quote_paragraphs: bool = False) -> None:
    # a quotation is taken when some statement says it (a cue outside it, its content covering it)
    said = sorted((f.start, f.end) for f in found if not any(q0 <= f.cand.cue_start < q1 for q0, q1 in quotes
                                                               if f.start <= q0 and q1 <= f.end))
    starts = [s for s, _ in said]
    order = sorted(found, key=lambda f: f.start)
    for j, (q0, q1) in enumerate(quotes):
        if j in used:
            continue
        k = bisect.bisect_right(starts, q0) - 1
        if k >= 0 and said[k][1] >= q1:
            continue  # inside some statement already
        for f in reversed(order):
            if f.start > q0 or f.end > q0 or any(p0 <= f.cand.cue_start < p1 for p0, p1 in quotes
                                                 if p0 <= f.start and f.end <= p1):
                continue
            if (closing_mark(text, f.end) and _continues(text, f, q0)) or (
                    quote_paragraphs and _next_quote_paragraph(text, f, q0, q1)):
                f.end = q1
                f.parts.append((q0, q1))
                used.add(j)
            break
