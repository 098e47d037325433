"""Quotation spans in raw text: curly and straight double quotes (and '' pairs, and the tokenized ``...''
of PTB-style corpora such as Timeline17), quotes running over several paragraphs.

News style opens every paragraph of a long quote with a quotation mark and closes only the last one; such a
quote is one span. Text written one sentence per line (Timeline17) opens a quote on one line and closes it on a
later one with no mark in between: the lines up to the closing mark are one span. A quote left open at the end
of a paragraph that is not continued is closed there.
"""
from __future__ import annotations

import re

_OPEN = frozenset("“„«")
_CLOSE = frozenset("”»")
_STRAIGHT = '"'
_PARA_RE = re.compile(r"\n")
_MARKS_RE = re.compile(r"``|''|[“„«”»\"]")


def opening_mark(text: str, i: int) -> int:
    """Length of the quotation mark opening at ``i`` (0 if none)."""
    if text.startswith("''", i) or text.startswith("``", i):
        return 2
    return 1 if i < len(text) and (text[i] in _OPEN or text[i] == _STRAIGHT) else 0


def closing_mark(text: str, end: int) -> int:
    """Length of the quotation mark closing just before ``end`` (0 if none)."""
    if end >= 2 and text[end - 2:end] == "''":
        return 2
    return 1 if end >= 1 and (text[end - 1] in _CLOSE or text[end - 1] == _STRAIGHT) else 0


def _paragraphs(text: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for m in _PARA_RE.finditer(text):
        if m.start() > pos:
            out.append((pos, m.start()))
        pos = m.end()
    if pos < len(text):
        out.append((pos, len(text)))
    return [(s, e) for s, e in out if text[s:e].strip()]


def _is_opening_straight(text: str, i: int, start: int) -> bool:
    prev = text[i - 1] if i > start else " "
    return prev.isspace() or prev in "([{—–-/:;,"


def _quotes_in(text: str, start: int, end: int, open_at: int | None = None) -> tuple[list[tuple[int, int]], int | None]:
    """Closed quotes of one paragraph, and the start of a quote left open at its end (or None); ``open_at``:
    the start of a quote the paragraph continues without a mark of its own."""
    out: list[tuple[int, int]] = []
    for m in _MARKS_RE.finditer(text, start, end):
        i, ch = m.start(), m.group(0)
        w = len(ch)
        if ch in _OPEN or ch == "``":
            if open_at is None:
                open_at = i
        elif ch in _CLOSE:
            if open_at is not None:
                out.append((open_at, i + w))
                open_at = None
            elif i + 1 < end and text[i + 1].isalnum() and _is_opening_straight(text, i, start):
                open_at = i  # a closing mark used as an opening one
        else:  # straight quote: opening after a space or opening punctuation, else closing
            if open_at is None:
                open_at = i
            elif _is_opening_straight(text, i, start) and i + w < end and text[i + w].isalnum():
                open_at = i  # two openings in a row: the first one was stray
            else:
                out.append((open_at, i + w))
                open_at = None
    return out, open_at


def find_quotes(text: str) -> list[tuple[int, int]]:
    """Character spans ``(start, end)`` of every double-quoted passage, quotation marks included."""
    out: list[tuple[int, int]] = []
    carried: int | None = None  # start of a quote continued from the previous paragraph
    for p_start, p_end in _paragraphs(text):
        para = text[p_start:p_end]
        first = p_start + len(para) - len(para.lstrip())
        last = p_start + len(para.rstrip())
        midway = carried is not None and opening_mark(text, first) == 0
        spans, open_at = _quotes_in(text, p_start, p_end, carried if midway else None)
        if carried is not None and not midway:
            # the continuation paragraph's opening mark belongs to the carried quote
            if spans and spans[0][0] == first:
                spans[0] = (carried, spans[0][1])
            elif open_at == first:
                open_at = carried
        out.extend(spans)
        carried = None
        if open_at is not None:
            if _next_paragraph_opens(text, p_end) or _next_lines_close(text, p_end):
                carried = open_at
            else:
                out.append((open_at, last))
    return sorted(out)


def _next_paragraph_opens(text: str, pos: int) -> bool:
    rest = text[pos:pos + 200].lstrip()
    return bool(rest) and (rest[0] in _OPEN or rest[0] == _STRAIGHT or rest.startswith(("''", "``")))


_LINES_CLOSE = 3  # a quote left open at a line's end runs on over at most this many lines without a mark
_DIRECTED_RE = re.compile(r"``|''|[“„«”»\"]")


def _next_lines_close(text: str, pos: int) -> bool:
    """One sentence per line (Timeline17's tokenized text): a quote left open at the end of a line goes on
    when the next lines close it (a closing mark, ” or '', before any opening one) within a few lines."""
    end = pos
    for _ in range(_LINES_CLOSE):
        nxt = text.find("\n", end + 1)
        end = len(text) if nxt < 0 else nxt
        m = _DIRECTED_RE.search(text, pos, end)
        if m is not None:
            return m.group(0) in ("''", "”", "»")
        if nxt < 0:
            break
    return False
