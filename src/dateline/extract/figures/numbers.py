"""Finding numbers in text and reading their values: "1,218", "$13.6M", "1.2 million", "fifty-eight", "a third".

``find_numbers(doc)`` returns every number mention (a ``Num``) with its value and what is glued to it (currency,
scale, unit suffix, hyphen compound, sign), plus a ``skip`` reason for mentions that are not quantities at all
(ordinals, clock times, model names such as "S23" or "TA-35", dates written 9/11). Units written as separate words,
ranges and qualifiers are added by ``figures.units``; what the number counts by ``figures.category``.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from spacy.tokens import Doc

from ..nlp import doc_text, token_index_after
from .lexicon import FiguresLexicon, Unit, load_lexicon
from .partitive import people_participle

# a digit core: 1,218  52,829.5  3.0  .534  (not inside a longer number)
_DIGITS = re.compile(r"(?<![\d,.])(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)(?![\d])")
_SUFFIX = re.compile(r"[A-Za-z%€£°µ²³]+(?:/[A-Za-z]+)?")
_FRACTION = re.compile(r"(?<![\d/.,])(\d{1,2})/(\d{1,2})(?![\d/])")
_COMPOUND = re.compile(r"-([A-Za-z]+(?:-[A-Za-z]+)*)")
_CURRENCY_SYMBOLS = "$€£¥₹₪₽₺"
_DOLLAR_PREFIX = re.compile(r"(?:\b(US|C|A|HK|S|NZ|R)\s?)?([$€£¥₹₪₽₺])$")
#: "3/4" is a fraction up to this denominator; "9/11", "24/7" are not
MAX_FRACTION_DENOMINATOR = 16
_CODE_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz=")
_MINUS_BEFORE = re.compile(r"(?:\bminus[- ]?|(?<![\w])[-−])$", re.IGNORECASE)
_CAP_WORD_BEFORE = re.compile(r"\b[A-Z][A-Za-z]*\s*$")  # "COVID -19" is a name, not minus 19
_RANGE_PREFIXES = frozenset({"sub", "mid", "pre", "post", "over", "under", "near", "low", "high", "upper", "lower",
                             "super", "ultra"})


@dataclass(slots=True)
class Num:
    """One number mention. ``start``/``end``: the number span in the text (with a glued currency and scale)."""

    start: int
    end: int
    value: float
    kind: str = "digits"  # digits | words | fraction | vague | multiplicative
    value_max: float | None = None  # ranges: "15 to 22", "between $62 and $68"; vague: "thousands" -> 10000
    unit: Unit | None = None
    unit_text: str | None = None
    unit_end: int | None = None  # end of a unit written after the number ("58 per cent" -> after "cent")
    currency_start: int | None = None  # a currency prefix before the number
    scale: float = 1.0
    glued_m: bool = False  # "37m": metre or million, decided by what follows
    compound: str | None = None  # "45-day" -> "day", "three-phase" -> "phase"
    qualifier: str | None = None
    change: str = "="
    skip: str | None = None  # why this is not a quantity
    first_i: int = 0  # token span of the number
    last_i: int = 0
    root_i: int = 0  # syntactic head token of the number span

    @property
    def span_start(self) -> int:
        return self.currency_start if self.currency_start is not None else self.start


def _to_float(s: str) -> float:
    return float(s.replace(",", ""))


def _read_suffix(num: Num, text: str, j: int, lex: FiguresLexicon) -> int:
    """Interpret letters glued after a digit core at ``j``; returns the new end."""
    m = _SUFFIX.match(text, j)
    if not m:
        return j
    suf = m.group(0)
    low = suf.lower()
    if low in lex.ordinal_suffixes:
        num.skip = "ordinal"
    elif suf == "s":
        num.skip = "code"  # "1990s", "Model 3s", "Channel 5s"
    elif low == "sq" and text[m.end():m.end() + 2] in (" m", " f", " k"):
        num.unit, num.unit_text = lex.unit_phrases.get(("sq", text[m.end() + 1:m.end() + 3].strip())) or \
            lex.unit_phrases.get(("sq", "m")), suf  # "3923sq m"
    elif low in lex.time_suffixes:
        num.skip = "time"
    elif suf in ("m", "M") or low in ("b",):
        num.glued_m = suf == "m" and "." not in text[num.start:j]  # "2.7m sales" is a million, "37m" ambiguous
        num.scale = lex.suffix_scales.get(suf, 1e6)
    elif suf in lex.suffix_scales and lex.unit_for(suf) is None:
        num.scale = lex.suffix_scales[suf]
    elif (u := lex.unit_for(suf)) is not None:
        num.unit, num.unit_text = u, suf
    elif low in ("x",):
        num.unit, num.unit_text = lex.unit_phrases.get(("times",)), suf
    else:
        for k, v in lex.suffix_scales.items():  # "13.6bn" "3.06mil" with a unit after the scale: "1.2mtons"
            if len(k) > 1 and suf.startswith(k) and lex.unit_for(suf[len(k):]) is not None:
                num.scale, num.unit, num.unit_text = v, lex.unit_for(suf[len(k):]), suf
                break
        else:
            num.skip = "code"  # "5G", "3s", "1990s", "S23"-like glued letters
    return m.end()


def _letters_before(text: str, end: int) -> str:
    """The run of ASCII letters and '=' that ends at ``end`` ("" if none); scans back, not from the start."""
    i = end
    while i > 0 and text[i - 1] in _CODE_CHARS:
        i -= 1
    return text[i:end]


def _fractions(text: str) -> tuple[list[Num], list[tuple[int, int]]]:
    """Fractions ("1/2") and slashed numbers that are no fraction ("9/11", "24/7"), with their spans."""
    out: list[Num] = []
    taken: list[tuple[int, int]] = []  # fraction spans: in text order, not overlapping
    for m in _FRACTION.finditer(text):
        a, b = int(m.group(1)), int(m.group(2))
        before = text[max(0, m.start() - 1):m.start()]
        if 0 < a < b <= MAX_FRACTION_DENOMINATOR and not before.isalpha():
            out.append(Num(start=m.start(), end=m.end(), value=a / b, kind="fraction"))
        else:
            out.append(Num(start=m.start(), end=m.end(), value=float(a), skip="date"))  # 9/11, 24/7
        taken.append((m.start(), m.end()))
    return out, taken


def _digit_numbers(text: str, lex: FiguresLexicon) -> list[Num]:
    out, taken = _fractions(text)
    taken_starts = [a for a, _ in taken]
    for m in _DIGITS.finditer(text):
        s, e = m.start(), m.end()
        k = bisect.bisect_right(taken_starts, s) - 1
        if k >= 0 and s < taken[k][1]:  # inside a fraction
            continue
        num = Num(start=s, end=e, value=_to_float(m.group(0)))
        _read_prefix(num, text, s, lex)
        _read_after(num, text, e, lex)
        out.append(num)
    return out


def _read_prefix(num: Num, text: str, s: int, lex: FiguresLexicon) -> None:
    """What stands before the digits: a currency code or symbol, a minus, a code ("S23", "COVID-19"), a
    clock time, a rank, "~"."""
    prev = text[s - 1] if s else " "
    if prev.isalpha() or prev == "=":
        code = _letters_before(text, s)
        before_code = text[s - len(code) - 1] if s - len(code) > 0 else " "
        if before_code == "$" and code in ("US",):
            code = "$US"
        if code in lex.currency_prefixes and len(code.rstrip("=")) >= 2 or code == "Y=":
            num.currency_start = s - len(code)
            num.unit = Unit(lex.currency_prefixes[code], "currency")
            num.unit_text = code
        else:
            num.skip = "code"  # S23, mk5, iPhone11
    elif prev == " " and s >= 2 and text[s - 2] in _CURRENCY_SYMBOLS and (s < 3 or text[s - 3] in " (\n"):
        # "$ 64bn": the currency sign split off by tokenized text (PTB-style corpora)
        num.unit = Unit(lex.currency_prefixes.get(text[s - 2], "dollar"), "currency")
        num.unit_text, num.currency_start = text[s - 2], s - 2
    elif prev == " " and s >= 2 and text[s - 2] == "#" and (s < 3 or text[s - 3] in " (\n"):
        # "# 490": a split-off '#' is the pound sign of corpora converted to ASCII (Timeline17); "#5" stays a rank
        num.unit = Unit("pound sterling", "currency")
        num.unit_text, num.currency_start = "#", s - 2
    elif prev in _CURRENCY_SYMBOLS:
        pm = _DOLLAR_PREFIX.search(text, max(0, s - 5), s)
        key = (pm.group(1) + " " + pm.group(2)) if pm and pm.group(1) else prev
        if pm and pm.group(1) and key not in lex.currency_prefixes:
            key = pm.group(1) + pm.group(2)
        num.unit = Unit(lex.currency_prefixes.get(key, lex.currency_prefixes.get(prev, "dollar")), "currency")
        num.unit_text = key
        num.currency_start = pm.start() if pm else s - 1
    elif prev in "-−‐":
        before = text[max(0, s - 8):s]
        word = _letters_before(text, s - 1)
        if "×" in text[max(0, s - 6):s]:
            num.skip = "exponent"
        elif before.lower().endswith("minus-"):
            num.value, num.start = -num.value, s - 6
        elif word:
            if word.lower() not in _RANGE_PREFIXES:
                num.skip = "code"  # TA-35, COVID-19, V-6 (but "sub-7 nanometer")
        elif s >= 2 and text[s - 2].isdigit():
            pass  # second half of "15-22": a range, joined later
        elif _MINUS_BEFORE.search(before) and not _CAP_WORD_BEFORE.search(text, max(0, s - 30), s - 1):
            num.value, num.start = -num.value, s - 1
    elif prev in ":" and s >= 2 and text[s - 2].isdigit():
        num.skip = "time"
    elif prev == "#":
        num.skip = "rank"
    elif prev == "~":
        num.qualifier, num.change = "about", "~"
        num.start = s - 1
    elif prev == "×" or prev == "^":
        num.skip = "exponent"
    if prev == " " and text[max(0, s - 6):s].lower() == "minus ":
        num.value, num.start = -num.value, s - 6


def _read_after(num: Num, text: str, e: int, lex: FiguresLexicon) -> None:
    """What follows the digits: a unit suffix, a clock time, an exponent, a compound ("5-year-old")."""
    j = _read_suffix(num, text, e, lex)
    if j < len(text) and text[j] == ":" and j + 1 < len(text) and text[j + 1].isdigit():
        num.skip = "time"
    if j < len(text) and text[j] in "×^":
        num.skip = "exponent"
    cm = _COMPOUND.match(text, j)
    if cm and not num.skip:
        num.compound = cm.group(1).lower()
        if num.unit is None:
            first = num.compound.split("-")[0]
            num.unit = lex.unit_for(first) or lex.unit_phrases.get((num.compound,))
            num.unit_text = first if num.unit else None
        j = cm.end()
    num.end = j if num.scale != 1.0 else e
    if num.unit is not None and num.unit_text and num.unit.kind != "currency" and num.compound is None:
        num.unit_end = j


#: a vague amount ("dozens of", "several hundred") reaches up to this many times its base value
VAGUE_SPREAD = 10

_Found = tuple[Num, int]  # a number and the index of the token after it


def _word_numbers(doc: Doc, lex: FiguresLexicon) -> list[Num]:
    """Numbers written in words: "two", "fifty-eight", "one hundred and twenty", "a third", "tens of thousands"."""
    out: list[Num] = []
    n = len(doc)
    lows = [t.lower_ for t in doc]
    starts = {k for k, w in enumerate(lows) if w in lex.word_starts}
    i = 0
    while i < n:
        if i not in starts:
            i += 1
            continue
        found = (_vague_plural(doc, i, lex) or _multiplicative(doc, i, lex) or _word_fraction(doc, i, lex)
                 or _spelled_number(doc, i, lex))
        if found is None:
            i += 1
            continue
        num, i = found
        out.append(num)
    return out


def _vague_plural(doc: Doc, i: int, lex: FiguresLexicon) -> _Found | None:
    """ "dozens of", "tens of thousands of" """
    n, low = len(doc), doc[i].lower_
    if not (low in lex.vague and i + 1 < n and (doc[i + 1].lower_ == "of" or people_participle(doc[i + 1], lex))):
        return None  # "dozens of", "dozens injured"
    value, j = lex.vague[low], i + 1
    if j + 1 < n and doc[j].lower_ == "of" and doc[j + 1].lower_ in lex.vague and doc[j + 1].lower_ not in ("tens", "dozens", "scores"):
        value *= lex.vague[doc[j + 1].lower_]
        j += 2
    end_tok = doc[j - 1] if doc[j - 1].lower_ != "of" else doc[j - 2] if j >= 2 else doc[i]
    return Num(start=doc[i].idx, end=end_tok.idx + len(end_tok), value=value, value_max=value * VAGUE_SPREAD,
               kind="vague"), j


def _multiplicative(doc: Doc, i: int, lex: FiguresLexicon) -> _Found | None:
    """ "tenfold" """
    low = doc[i].lower_
    if not (low in lex.multiplicatives and low.endswith("fold")):
        return None
    return Num(start=doc[i].idx, end=doc[i].idx + len(doc[i]), value=lex.multiplicatives[low],
               kind="multiplicative"), i + 1


def _word_fraction(doc: Doc, i: int, lex: FiguresLexicon) -> _Found | None:
    """ "a third of", "two-thirds", "one quarter" (not "a half hour") """
    n, low = len(doc), doc[i].lower_
    if not (low in lex.numerators and i + 1 < n):
        return None
    k = i + 1
    if doc[k].text == "-" and k + 1 < n:
        k += 1
    frac = doc[k].lower_
    after = doc[k + 1] if k + 1 < n else None
    if frac not in lex.fractions or not (frac.endswith("s") or after is None or after.lower_ == "of"
                                         or after.is_punct and after.text != "-" or after.pos_ in ("VERB", "AUX")):
        return None
    if frac in ("half", "halves") and low in ("a", "an") and after is not None and after.lower_ != "of":
        return None
    return Num(start=doc[i].idx, end=doc[k].idx + len(doc[k]), value=lex.numerators[low] * lex.fractions[frac],
               kind="fraction"), k + 1


def _spelled_number(doc: Doc, i: int, lex: FiguresLexicon) -> _Found | None:
    """ "fifty-eight", "one hundred and twenty", "a dozen"; "several hundred" is vague """
    total, current, prev, j = _read_number_words(doc, i, lex)
    seen = prev not in ("", "a", "and")
    if prev == "and":
        j -= 1
    if not (seen and j > i):
        return None
    last = doc[j - 1]
    value = total + current
    vague = i > 0 and doc[i - 1].lower_ in ("several", "few", "many")
    return Num(start=doc[i].idx, end=last.idx + len(last), value=value, kind="vague" if vague else "words",
               value_max=value * VAGUE_SPREAD if vague else None), j


def _read_number_words(doc: Doc, i: int, lex: FiguresLexicon) -> tuple[float, float, str, int]:
    """Reads number words from ``i``: (total of the finished scales, the current group, the last word's
    class, the index after the last word read)."""
    n, j = len(doc), i
    total, current, prev = 0.0, 0.0, ""
    while j < n:
        w = doc[j].lower_
        nxt_w = doc[j + 1].lower_ if j + 1 < n else ""
        if w in ("a", "an") and not prev and (nxt_w in lex.scales or nxt_w == "dozen"):
            current, prev = 1.0, "a"
        elif w in lex.units and prev in ("", "scale", "hundred", "and") or \
                w in lex.units and prev == "tens" and lex.units[w] < 10:
            current += lex.units[w]
            prev = "unit"
        elif w in lex.tens and prev in ("", "scale", "hundred", "and"):
            current += lex.tens[w]
            prev = "tens"
        elif w == "dozen" and prev in ("a", "unit", "tens"):
            current = (current or 1) * 12
            prev = "hundred"
        elif w in lex.scales and prev in ("a", "unit", "tens", "hundred"):
            if lex.scales[w] == 100:
                current, prev = (current or 1) * 100, "hundred"
            else:
                total, current, prev = total + (current or 1) * lex.scales[w], 0.0, "scale"
        elif w == "-" and prev == "tens" and not doc[j - 1].whitespace_ and nxt_w in lex.units:
            pass
        elif w == "and" and prev in ("hundred", "scale") and (nxt_w in lex.units or nxt_w in lex.tens):
            prev = "and"
        else:
            break
        j += 1
    return total, current, prev, j


def _unit_word_at(doc: Doc, j: int, lex: FiguresLexicon) -> bool:
    """A unit word of more than one letter at token ``j`` ("litres", "barrels", "pesos")."""
    u = lex.unit_phrases.get((doc[j].lower_,)) if j < len(doc) and len(doc[j].text) > 1 else None
    return u is not None


def _apply_scale_words(nums: list[Num], doc: Doc, lex: FiguresLexicon) -> None:
    """'1.2 million', '52 thousand', '$5 billion': a scale word after a digit number multiplies it."""
    for num in nums:
        if num.kind != "digits" or num.skip or num.scale != 1.0 or (
                num.unit is not None and num.unit.kind != "currency") or num.compound:
            continue
        j = _token_at(doc, num.end)
        while j is not None and j < len(doc) and doc[j].lower_ in lex.scales:
            num.scale *= lex.scales[doc[j].lower_]
            num.end = doc[j].idx + len(doc[j])
            j += 1
        if num.scale == 1.0 and j is not None and j < len(doc) and (
                num.unit is not None or _unit_word_at(doc, j + 1, lex)):
            # "$ 1.6 bn", "$ 1.5 m.": an abbreviated scale as its own token after an amount of money, or before a
            # unit word ("3.8 m litres", "4.5 bn pesos")
            word = doc[j].text.rstrip(".")
            if word in lex.suffix_scales and word.lower() not in ("b", "k") and doc[j].idx == num.end + 1:
                num.scale = lex.suffix_scales[word]
                num.end = doc[j].idx + len(word)


def _token_at(doc: Doc, char: int) -> int | None:
    i = token_index_after(doc, char)
    return i if i < len(doc) else None


def find_numbers(doc: Doc, lex: FiguresLexicon | None = None) -> list[Num]:
    """Every number mention in ``doc`` (digits and words), in text order, values scaled."""
    lex = lex or load_lexicon()
    text = doc_text(doc)
    nums = _digit_numbers(text, lex)
    covered = sorted((x.start, x.end) for x in nums)
    covered_starts = [a for a, _ in covered]
    reach: list[int] = []  # reach[k]: the furthest end among covered[:k + 1]
    for _a, b in covered:
        reach.append(max(b, reach[-1]) if reach else b)
    for w in _word_numbers(doc, lex):
        k = bisect.bisect_left(covered_starts, w.end)  # covered[:k] start before the word ends
        if k and reach[k - 1] > w.start:  # one of them overlaps the word
            continue
        if w.start >= 2 and text[w.start - 1] == "-" and text[w.start - 2].isalpha():
            w.skip = "code"  # "production-four-door"
        cm = _COMPOUND.match(text, w.end)
        if cm:
            w.compound = cm.group(1).lower()  # "three-phase", "six-cylinder"
            w.unit = lex.unit_for(w.compound.split("-")[0]) or lex.unit_phrases.get((w.compound,))
            w.unit_text = w.compound if w.unit else None
        nums.append(w)
    nums.sort(key=lambda x: x.start)
    _apply_scale_words(nums, doc, lex)
    for num in nums:
        span = doc.char_span(num.span_start, num.end, alignment_mode="expand")
        if span is None or not len(span):
            num.skip = num.skip or "no-token"
            continue
        num.first_i, num.last_i = span.start, span.end - 1
        num.root_i = span.root.i
    return nums
