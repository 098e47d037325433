"""What surrounds a number: the unit after it, ranges ("15 to 22", "between $62 and $68") and qualifiers.

Works on the ``Num`` mentions of ``figures.numbers`` and the spaCy tokens; matching is by token tuples against
the lexicon (``resources/figures/units.json``, ``qualifiers.json``), longest phrase first.
"""
from __future__ import annotations

import re

from spacy.tokens import Doc

from .lexicon import FiguresLexicon
from ..nlp import doc_text
from ..nlp import token_index_after
from .numbers import Num

_RANGE_DASH = re.compile(r"^\s*[-–—]\s*$")
_RANGE_TO = re.compile(r"^\s*(?:to|-to-|through)\s*$", re.IGNORECASE)
_RANGE_AND = re.compile(r"^\s*and\s*$", re.IGNORECASE)
_FROM_TO = re.compile(r"^[^\d]{0,30}?\bto\s*$", re.IGNORECASE)


def _next_token(doc: Doc, num: Num) -> int:
    """Index of the first token after the number (and its glued suffix/compound)."""
    i = num.last_i + 1
    while i < len(doc) and doc[i].idx < num.end:
        i += 1
    return i


def match_unit(doc: Doc, i: int, lex: FiguresLexicon) -> tuple[int, object] | None:
    """Longest unit phrase starting at token ``i``: (end token index, Unit)."""
    n = len(doc)
    for k in range(min(lex.unit_max_len, n - i), 0, -1):
        toks = doc[i:i + k]
        cs = tuple(t.text for t in toks)
        key = cs if len(cs) == 1 and cs[0] in lex.case_sensitive else tuple(t.lower_ for t in toks)
        u = lex.unit_phrases.get(key)
        if u is None and k == 1:
            u = lex.unit_phrases.get(cs)
        if u is None:
            continue
        if k == 1 and len(cs[0]) == 1 and cs[0] not in "%°$€£":
            # single letters ("m", "s", "C") only when glued to the number
            if i == 0 or doc[i - 1].whitespace_:
                continue
        return i + k, u
    return None


def attach_units(nums: list[Num], doc: Doc, lex: FiguresLexicon) -> None:
    """Units written after the number ("58 per cent", "10.5 million Australian dollars", "barrels a day")."""
    for num in nums:
        if num.skip:
            continue
        i = _next_token(doc, num)
        if num.glued_m:
            # "37m" is 37 metres, "1.2m tons" / "£6m" is 1.2 million
            nxt = doc[i] if i < len(doc) else None
            plural_after = any(t.tag_ in ("NNS", "NNPS") for t in doc[i:i + 3] if not t.is_punct) or (
                nxt is not None and len(nxt.text) > 1 and match_unit(doc, i, lex) is not None)  # "8m litres"
            if num.unit is not None and num.unit.kind == "currency" or (nxt is not None and plural_after
                                                                       and not nxt.is_punct):
                pass
            else:
                num.scale, num.unit, num.unit_text = 1.0, lex.unit_for("m"), "m"
        if num.unit is None or num.unit.kind == "currency" and num.unit_text and num.currency_start is None:
            hit = match_unit(doc, i, lex) if i < len(doc) else None
            if hit is not None:
                end_i, unit = hit
                if num.unit is None or unit.kind == "currency":  # type: ignore[attr-defined]
                    num.unit = unit  # type: ignore[assignment]
                    num.unit_text = doc[i:end_i].text
                    num.unit_end = doc[end_i - 1].idx + len(doc[end_i - 1])
                    i = end_i
        elif num.unit is not None and num.unit_end is not None:
            i = _next_token(doc, num) if num.unit_end <= num.end else _token_index_after(doc, num.unit_end)
        if num.unit is not None and i < len(doc):
            for k in (3, 2, 1):
                key = tuple(t.lower_ for t in doc[i:i + k])
                if key in lex.rate_suffixes:
                    num.unit_text = (num.unit_text or "") + " " + doc[i:i + k].text
                    num.unit_end = doc[i + k - 1].idx + len(doc[i + k - 1])
                    break
        num.value *= num.scale
        if num.value_max is not None and num.kind != "vague":
            num.value_max *= num.scale
        num.scale = 1.0


def _token_index_after(doc: Doc, char: int) -> int:
    return token_index_after(doc, char)


def _year_like(num: Num, text: str) -> bool:
    raw = text[num.start:num.end]
    return raw.isdigit() and len(raw) == 4 and 1800 <= num.value <= 2100 and num.unit is None


def _counted_after(doc: Doc, num: Num, lex: FiguresLexicon) -> bool:
    """A unit or a plural noun right after the number ('2500 Calories', '2000 hires'): not a year."""
    i = _next_token(doc, num)
    if i >= len(doc):
        return False
    return match_unit(doc, i, lex) is not None or doc[i].tag_ in ("NNS", "NNPS")


def merge_ranges(nums: list[Num], doc: Doc, lex: FiguresLexicon) -> list[Num]:
    """Join "15 to 22", "15-22", "between X and Y", "from X to Y" into one mention with ``value_max``.

    Runs before units are attached: values are scaled here ("$800,000 to $1.3 million"), and the scale of the
    second number carries over to a smaller first one ("four to five thousand", "$10 to $15 billion").
    """
    text = doc_text(doc)
    out: list[Num] = []
    i = 0
    live = [x for x in nums if not x.skip]
    while i < len(live):
        a = live[i]
        b = live[i + 1] if i + 1 < len(live) else None
        years = b is not None and (_year_like(a, text) or _year_like(b, text)) and not (
            _counted_after(doc, b, lex) and (not _year_like(a, text) or len(text[b.start:b.end]) == 4))
        if b is not None and a.kind in ("digits", "words") and b.kind in ("digits", "words") \
                and not years and not a.glued_m and not b.glued_m:
            a_end = max(a.end, a.unit_end or 0)  # "5%" (a glued unit)
            unit_after_a = match_unit(doc, _next_token(doc, a), lex) if a.unit is None else None
            if unit_after_a is not None:  # "15 per cent to 20 per cent"
                last = doc[unit_after_a[0] - 1]
                a_end = max(a_end, last.idx + len(last))
            between = text[a_end:b.span_start]
            unit_a = a.unit or (unit_after_a[1] if unit_after_a is not None else None)
            lead = text[max(0, a.span_start - 9):a.span_start].lower().rstrip()
            after_b = match_unit(doc, _next_token(doc, b), lex) if b.unit is None else None
            unit_b = b.unit or (after_b[1] if after_b is not None else None)
            same_unit = unit_a is None or unit_b is None or unit_a.name == unit_b.name  # type: ignore[attr-defined]
            from_before = lead.endswith("from")
            prev_tok = doc[a.first_i - 1] if a.first_i > 0 else None
            after_change = prev_tok is not None and (prev_tok.lemma_.lower() in lex.change_words
                                                     or prev_tok.lower_ in ("by", "up", "down"))
            ok = False
            if _RANGE_DASH.match(between) and a.compound is None and same_unit and not after_change:
                ok = True
            elif _RANGE_TO.match(between) and same_unit and not after_change:
                ok = True
            elif _RANGE_AND.match(between) and lead.endswith("between") and same_unit:
                ok = True
            elif from_before and _FROM_TO.match(between) and "," not in between and same_unit:
                ok = True
            if ok:
                va, vb = a.value * a.scale, b.value * b.scale
                if b.scale > 1 and a.scale == 1 and a.value < b.value:
                    va = a.value * b.scale  # "$10 to $15 billion"
                elif b.kind == "words" and a.kind == "words" and a.value * 100 <= vb:
                    last_word = doc[b.last_i].lower_
                    if last_word in lex.scales and a.value < lex.scales[last_word]:
                        va = a.value * lex.scales[last_word]  # "four to five thousand"
                a.value, a.value_max, a.scale = va, vb, 1.0
                a.end = b.end
                a.unit = a.unit or b.unit
                a.unit_text = a.unit_text or b.unit_text
                a.unit_end = b.unit_end
                a.compound = a.compound or b.compound
                a.last_i = max(a.last_i, b.last_i)
                out.append(a)
                i += 2
                continue
        out.append(a)
        i += 1
    return out + [x for x in nums if x.skip]


def attach_qualifiers(nums: list[Num], doc: Doc, lex: FiguresLexicon) -> None:
    """'at least 2,720', 'more than 1000', 'nearly 57%', 'up to 400', '5,000 or more'."""
    for num in nums:
        if num.skip or num.qualifier:
            continue
        i = num.first_i
        # "between" starts a range, not a qualifier
        for k in (4, 3, 2, 1):
            if i - k < 0:
                continue
            toks = doc[i - k:i]
            key = tuple(t.lower_ for t in toks)
            q = lex.qualifiers_before.get(key)
            if q is None:
                continue
            if key in (("over",), ("under",), ("above",), ("below",), ("some",)) and doc[i].lower_ in ("the", "a"):
                continue
            if q[0] in lex.drop_qualifiers:
                break
            num.qualifier, num.change = q
            break
        if num.qualifier is None:
            j = _token_index_after(doc, max(num.end, num.unit_end or 0))
            for k in (2, 1):
                key = tuple(t.lower_ for t in doc[j:j + k])
                if key in lex.qualifiers_after:
                    num.qualifier, num.change = lex.qualifiers_after[key]
                    break
