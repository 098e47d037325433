"""The second feature set of the span model (``statements.span_ranker``, ``"features": 2`` in its weights): what
the first set misses for cue words a training set saw rarely, and for the shape of the content.

- the anchor's WordNet classes (``statements.wordnet``: "denounce" and "criticize" are both
  ``verb.communication``), alone and with its part of speech and subject kind; its subject's class;
- the content's head: its lemma's class and the anchor's with it, the head lemma with the anchor lemma, the clause
  type (finite, to-infinitive, gerund, noun phrase, ...), the dependency path from the anchor down to it;
- the content's share of the sentence; where the sentence stands in the article; whether the anchor stands inside
  quotation marks; whether the content holds another speech or cognition verb (a nested attribution,
  ``inner_cues``: how many the span holds, counted once per document).

The anchor-level part also feeds the anchor gate (``SpanRanker.gate``): one small logistic model over the anchor
alone that skips the words which are almost never a cue before any of their spans are built.
"""
from __future__ import annotations

from spacy.tokens import Doc, Token

from .wordnet import classes

_CUE_CLASSES = frozenset({"communication", "cognition", "perception"})


def _bucket(n: int) -> str:
    return "0" if n <= 0 else "1" if n == 1 else "2-3" if n <= 3 else "4-7" if n <= 7 else "8+"


def anchor_features(t: Token, subj: Token | None, sent_no: int, lem: str, sent: tuple[int, int],
                    marks: int) -> list[str]:
    """The anchor-level features of the second set (computed once per anchor); ``sent``: its sentence's token
    range, ``marks``: the double quotation marks before it in that sentence."""
    wn = classes(lem, t.pos_)
    first = wn[0] if wn else "-"
    f = [f"wn1={first}", f"wn1={first}|pos={t.pos_}", *(f"wn={c}" for c in wn), f"sentno={_bucket(sent_no)}"]
    if subj is None:
        f.append(f"wn1={first}|nosubj")
    else:
        swn = classes(subj.lemma_, subj.pos_)
        kind = subj.lower_ if subj.pos_ == "PRON" else (subj.ent_type_ or (swn[0] if swn else subj.pos_))
        f += [f"subjc={kind}", f"wn1={first}|subjc={kind}"]
    f.append(f"inq={marks % 2}")
    rel = (t.i - sent[0]) / max(1, sent[1] - sent[0])
    f.append(f"apos={int(3 * rel)}")
    return f


def is_cue_verb(t: Token) -> bool:
    """A verb whose most frequent sense is one of speech, thought or perception."""
    return t.pos_ == "VERB" and bool(_CUE_CLASSES.intersection(classes(t.lemma_, "VERB")[:1]))


def pair_features(doc: Doc, a: int, b: int, anchor: Token, root: Token, first_wn: str, lem: str,
                  sent_len: int, inner_cues: int) -> list[str]:
    """The (anchor, span) features of the second set; ``root`` is the span's syntactic head."""
    hwn = classes(root.lemma_, root.pos_)
    h = hwn[0] if hwn else root.pos_
    if root.pos_ in ("VERB", "AUX"):
        first = doc[a].lower_
        has_subj = any(c.dep_ in ("nsubj", "nsubjpass", "expl") and a <= c.i <= b for c in root.children)
        ctype = ("to-inf" if first == "to" or any(c.dep_ == "aux" and c.lower_ == "to" for c in root.children)
                 else "finite" if has_subj else "gerund" if root.tag_ == "VBG" else "verb")
    elif root.pos_ in ("NOUN", "PROPN", "PRON"):
        ctype = "np"
    else:
        ctype = root.pos_
    path: list[str] = []
    x = root
    while x.i != anchor.i and len(path) < 4 and x.head.i != x.i:
        path.append(x.dep_)
        x = x.head
    p = ">".join(reversed(path)) if x.i == anchor.i else "none"
    share = (b - a + 1) / max(1, sent_len)
    inner = inner_cues - (a <= anchor.i <= b and is_cue_verb(anchor)) > 0
    return [f"hwn={h}", f"wn1={first_wn}|hwn={h}", f"lem={lem}|hlem={root.lemma_.lower()}", f"ctype={ctype}",
            f"wn1={first_wn}|ctype={ctype}", f"path={p}", f"wn1={first_wn}|path={p}", f"share={int(4 * share)}",
            f"inner={inner}", f"ctype={ctype}|path={p}"]
