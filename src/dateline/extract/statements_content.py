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
from dataclasses import dataclass

from .statements_parse import Candidate, dateline_end

_BEFORE_RE = re.compile(r"^[ \t,—–-]*$")  # '"...," X said'
_AFTER_RE = re.compile(r"^(?:[^\"“”.!?\n,:;]{0,40}[,:]\s*|\s*:\s*)$")  # 'X said: "..."', 'X said in a statement, "..."'
_SPACE_RE = re.compile(r"^\s*$")
_ATTRIBUTION_GAP_RE = re.compile(r"^[^\"“”„«».!?\n]*[.!?]?\s*$")
_CLOSE = "”\"»"


@dataclass(slots=True)
class Found:
    cand: Candidate
    start: int
    end: int


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


def _fit(text: str, c: Candidate, breaks: list[int]) -> tuple[int, int] | None:
    """The parse's content clipped to the cue's paragraph and kept off the attribution."""
    assert c.content is not None
    s, e = c.content
    p0, p1 = _para(breaks, c.cue_start, len(text))
    p0 = max(p0, dateline_end(text))
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


def _adjacent_quote(text: str, c: Candidate, quotes: list[tuple[int, int]], qstarts: list[int]) -> int | None:
    lo, hi = _clause(c)
    k = bisect.bisect_right(qstarts, hi)
    j = k - 1
    while j >= 0 and quotes[j][1] > lo:
        j -= 1
    if j >= 0 and _BEFORE_RE.match(text[quotes[j][1]:lo]) and text[quotes[j][1] - 2:quotes[j][1] - 1] != ".":
        return j  # '"...," X said' (not '"... ." X said ...', a new sentence)
    if k < len(quotes) and quotes[k][0] >= hi and _AFTER_RE.match(text[hi:quotes[k][0]]):
        return k
    return None


def attach_content(text: str, cands: list[Candidate], quotes: list[tuple[int, int]]) -> list[Found]:
    breaks = paragraphs(text)
    qstarts = [q[0] for q in quotes]
    found: list[Found] = []
    used: set[int] = set()
    for c in cands:
        span = _fit(text, c, breaks) if c.content is not None else None
        j = _adjacent_quote(text, c, quotes, qstarts)
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
        found.append(Found(cand=c, start=s, end=e))
    _merge_continuations(text, found, quotes, used, breaks)
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
    return bool(_ATTRIBUTION_GAP_RE.match(gap))


def _merge_continuations(text: str, found: list[Found], quotes: list[tuple[int, int]], used: set[int],
                         breaks: list[int]) -> None:
    covered = sorted((f.start, f.end) for f in found)
    starts = [s for s, _ in covered]
    order = sorted(found, key=lambda f: f.start)
    for j, (q0, q1) in enumerate(quotes):
        if j in used:
            continue
        k = bisect.bisect_right(starts, q0) - 1
        if k >= 0 and covered[k][1] >= q1:
            continue  # inside some statement already
        for f in reversed(order):
            if f.start > q0 or f.end > q0:
                continue
            if text[f.end - 1] in _CLOSE and _continues(text, f, q0):
                f.end = q1
                used.add(j)
            break
