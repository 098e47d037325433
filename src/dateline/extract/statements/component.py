"""Attributed statements: every direct quote and reported statement, with who said it, through which outlet,
and when.

The component works on spaCy's parse (``statements.parse``), the quotation spans of the raw text
(``statements.quotes``) and the article's earlier mentions (``statements.speakers``); the vocabulary (cue
verbs, outlets, anonymous-source patterns) is data in ``resources/statements/``.

- content: the clause or quotation said (``start``/``end``/``content``/``text``); a quote split by its
  attribution ('"...," said X, "..."') or running over several sentences or paragraphs is one statement whose
  span runs from the first quotation mark to the last.
- ``mode``: direct when the content is a quotation, else indirect (a paraphrase, with or without quoted words).
- ``via``: the outlet the statement reached us through: the addressee of the cue ("told AFP", "told Barak Ravid
  of Axios"), the outlet of a document speaking ("according to an AFP tally"), the outlet of a trailing
  attribution relaying another ("X said ..., officials told AFP": X speaks, via AFP; the content ends before
  the outer cue); inherited by participial cues ("..., with one saying"); never from another sentence, never
  the speaker itself.
- ``date``: a date expression in the cue's own clause ("said on Thursday night"), else the date of the statement
  this one continues ("He said", "The spokesperson added", "..., adding that"), else the article's DCT.
"""
from __future__ import annotations

import bisect
import re

from spacy.tokens import Doc, Token

from ...model import Entity, Statement, Timex
from ..registry import Component, Context, register
from ..nlp import doc_text
from .affiliation import Affiliations
from .attributions import Attributor
from .colon import colon_candidates
from .content import Found, attach_content
from .cue_model import CUE_MODEL_FILE, load_cue_model
from .learned import MODEL_FILE, load_model, rebound
from .span_model import LABELS, TAGGER_DIR, SpanTagger, load_tagger, tagged_statements
from .span_ranker import RANKER_FILE, load_ranker, rank
from .lexicon import Lexicon, load_lexicon
from .cues import CueDetector
from .candidate import Candidate
from .parse import find_candidates
from .quotes import closing_mark, find_quotes, opening_mark
from .relay import Outlets, date_of, relay_outlet, same_party, statement_day, via_of
from .speaker_names import Speaker, persons_tagged_as_orgs, same_role
from .speakers import SpeakerResolver

_INNER_TRAIL = ",.;:"
#: a content that opens with a quotation mark is direct speech when at least this share of it is quoted
DIRECT_QUOTED_SHARE = 0.8


def _is_direct(text: str, start: int, end: int, quotes: list[tuple[int, int]]) -> bool:
    if not opening_mark(text, start):
        return False
    inside = sum(max(0, min(end, q1) - max(start, q0)) for q0, q1 in quotes)
    return inside >= DIRECT_QUOTED_SHARE * (end - start) or closing_mark(text, end) > 0


def _inside_marks(text: str, start: int, end: int) -> tuple[int, int]:
    """A direct quote's words: without the outer quotation marks and the punctuation closing it."""
    s, e = start + opening_mark(text, start), end
    if e - 1 > s:
        e -= closing_mark(text, e)
    while e > s and (text[e - 1] in _INNER_TRAIL or text[e - 1].isspace()):
        e -= 1
    while s < e and text[s].isspace():
        s += 1
    return (s, e) if e > s else (start, end)


def _outside_quotes(cands: list[Candidate], quotes: list[tuple[int, int]]) -> list[Candidate]:
    """Drop cues inside a direct quotation (the quoted speaker quoting someone), keeping parent links."""
    qs = [q[0] for q in quotes]
    remap: dict[int, int] = {}
    kept: list[Candidate] = []
    for i, c in enumerate(cands):
        k = bisect.bisect_right(qs, c.cue_start) - 1
        if not (k >= 0 and quotes[k][0] < c.cue_start < quotes[k][1]):
            remap[i] = len(kept)
            kept.append(c)
    for c in kept:
        c.parent = remap.get(c.parent) if c.parent is not None else None
    return kept


def _not_nested(found: list[Found]) -> list[Found]:
    """Drop statements whose cue lies inside another statement's content (reported within reported speech:
    part of what the outer speaker said)."""
    spans = sorted((f.start, f.end, id(f)) for f in found)
    starts = [s for s, _, _ in spans]
    out = []
    for f in found:
        pos = f.cand.cue_start
        k = bisect.bisect_right(starts, pos)
        inside = any(s <= pos < e and i != id(f) for s, e, i in spans[max(0, k - 8):k])
        if not inside:
            out.append(f)
    return out


def _words_said(text: str, g: Found) -> bool:
    """The inner statement of a relay reports words: a quotation or a clause ("Hamas said [it rejected the
    offer], officials told AFP"), not a thing asked for or announced ("Chile asked Peru [for pumps], an official
    told AFP": the official reports an act, and speaks)."""
    if opening_mark(text, g.start):
        return True
    span = g.cand.cue.doc.char_span(g.start, g.end, alignment_mode="expand")
    return span is not None and len(span) > 0 and (
        span.root.pos_ in ("VERB", "AUX") or any(t.dep_ in ("nsubj", "nsubjpass") for t in span))


_RELAY_TAIL = re.compile(r"[^,;.\n]{0,24}")  # "..., NBC News reported on Thursday"


def _outer_relays(text: str, found: list[Found], outlets: Outlets, drop: bool) -> dict[int, str | None]:
    """"Hamas said it rejected the proposal, officials told AFP", "NBC said ..., NBC News reported", "...
    officials said, per the AP": a trailing attribution naming an outlet whose content holds another
    attribution (with its speaker) only relays it. The inner statement keeps its speaker and content and takes the outer outlet as
    its ``via`` (returned by ``id`` of the inner ``Found``); with ``drop`` the outer one is removed from
    ``found``."""
    relays: dict[int, str | None] = {}
    outer: set[int] = set()
    for o in found:
        c = o.cand
        if c.cue_start < o.end or o.parts[1:] or c.speaker is None:
            continue  # the outer content must come before its cue, in one piece
        inner = [g for g in found if g is not o and o.start <= g.cand.cue_start < o.end
                 and g.cand.speaker_span is not None and o.start <= g.cand.speaker_span[0]
                 and g.end <= o.end + 1 and _words_said(text, g)]
        if not inner:
            continue
        outlet = relay_outlet(c, outlets)
        if outlet is None:
            continue  # "Oregon reported 12 cases, health officials said": the officials speak
        relays[id(min(inner, key=lambda x: x.cand.cue_start))] = outlet
        outer.add(id(o))
    for o in found:  # the parse nests it the other way: "NBC said [the interview would air, NBC News reported]"
        if o.cand.cue_start >= o.start or id(o) in outer:
            continue
        for g in found:
            sp = g.cand.speaker_span
            if g is o or sp is None or g.parts[1:] or not o.start <= g.start < g.end <= min(sp[0], g.cand.cue_start):
                continue
            tail = sp[1] if g.cand.according else g.cand.cue_end  # "..., per the AP", "..., X reported"
            if not (o.start < g.cand.cue_start < o.end and _RELAY_TAIL.fullmatch(text[tail:o.end])):
                continue
            outlet = relay_outlet(g.cand, outlets)
            if outlet is None:
                continue
            relays[id(o)] = outlet
            o.end = g.end
            o.parts = [(o.start, o.end)]
            outer.add(id(g))
            break
    if drop and outer:
        found[:] = [f for f in found if id(f) not in outer]
    return relays


def find_statements(doc: Doc, ctx: Context, lex: Lexicon, *, broad: bool = False,
                    nested: bool = False, detector: CueDetector | None = None) -> list[Statement]:
    text = doc_text(doc)
    quotes = find_quotes(text)
    body = ctx.article.body_start or 0  # after the headline, byline and dateline (``dateline.zones``)
    cands = find_candidates(doc, lex, broad=broad, skip=body, detector=detector)
    cands += colon_candidates(doc, lex, skip=body)
    if not nested:
        cands = _outside_quotes(cands, quotes)
    entities: list[Entity] = persons_tagged_as_orgs(list(ctx.entities) or [
        Entity(text=e.text, start=e.start_char, end=e.end_char, label=e.label_) for e in doc.ents],
        lex.organization_heads)
    found = attach_content(text, cands, quotes, quote_paragraphs=broad, body=body)
    relays = _outer_relays(text, found, outlets := Outlets(text, lex, ctx.article.source, entities), drop=not nested)
    if not nested:
        found = _not_nested(found)
    resolver = SpeakerResolver(doc, entities, lex)
    affiliations = Affiliations(doc, entities, lex)
    for _, person, _ in resolver.persons:
        if person.role_span is not None:
            affiliations.learn(person.name, person.role_span)
    cand_index = {id(c): i for i, c in enumerate(cands)}
    by_cue = sorted(cands, key=lambda o: o.cue.i)
    cues = [o.cue.i for o in by_cue]
    said: dict[int, tuple[Speaker | None, str | None, str | None]] = {}
    timexes = sorted(ctx.timexes, key=lambda t: t.start)
    tstarts = [t.start for t in timexes]
    out: list[Statement] = []
    consumed: set[int] = set()  # "citing" cues whose object was taken as the source of the outlet's statement
    spoke_on: dict[object, str] = {}  # speaker (object or name) -> the day of their last dated statement
    described: list[tuple[Speaker, str]] = []  # speakers with a dated statement, for a person named later
    seen: set[tuple[int, int, int]] = set()
    for f in sorted(found, key=lambda f: f.cand.cue_start):
        c = f.cand
        cue_time = _cue_time_out_of_content(text, f, timexes, tstarts)
        parent = said.get(c.parent) if c.parent is not None else None
        sp: Speaker | None = None
        anaphor = False
        if c.speaker is not None and c.speaker_span is not None:
            sp, anaphor = resolver.resolve(c.speaker, c.speaker_span, parent[0] if parent else None,
                                           (f.start, f.end))
        elif parent is not None:
            sp = parent[0]
        cited = _cited_source(c, outlets)
        sp_span = c.speaker_span
        via: str | None = None
        if cited is not None and sp is not None:  # "Reuters, citing two officials, reported ...": they speak
            via, cite, (src, sp_span) = cited
            consumed.add(cite.idx)
            sp, anaphor = resolver.resolve(src, sp_span, None, (f.start, f.end))
        else:
            via = via_of(c, sp, outlets) or relays.get(id(f))
        if via is None and parent is not None:
            via = parent[1]
        if via is not None and sp is not None and not sp.document and (same_party(via, sp.name) or (
                sp_span is not None and via in text[sp_span[0]:sp_span[1]])):  # "according to CNN's Ben Wedeman"
            via = None
        inner = _nested_clauses(c, cues, by_cue)
        date = date_of(c, doc, timexes, f.parts or [(f.start, f.end)], inner, tstarts)
        if date is None and cue_time is not None:
            date = statement_day(cue_time)
        origin = "cue" if date is not None else None
        if date is None and parent is not None and parent[2] is not None:
            date, origin = parent[2], "statement"
        if date is None and sp is not None:
            # a speaker heard again ("He said", "The spokesperson added", "..., al-Hayya said") spoke on the
            # day given for their last statement, unless this one says otherwise
            date = spoke_on.get(id(sp)) or spoke_on.get(sp.name) or next(
                (d for a, d in reversed(described[-20:]) if same_role(a, sp)), None)
            origin = "speaker" if date is not None else None
        explicit = date is not None
        if date is None and ctx.article.dct:
            date, origin = ctx.article.dct, "dct"
        said[cand_index[id(c)]] = (sp, via, date)
        key = (f.start, f.end, c.cue_start)
        if key in seen:
            continue
        seen.add(key)
        if sp is not None:
            resolver.remember(c.cue_start, sp, (f.start, f.end))
            if explicit and date is not None:
                spoke_on[id(sp)] = spoke_on[sp.name] = date
                described.append((sp, date))
        direct = _is_direct(text, f.start, f.end, quotes)
        start, end = _inside_marks(text, f.start, f.end) if direct else (f.start, f.end)
        parts = None
        if len(f.parts) > 1:
            pieces = [_inside_marks(text, a, b) if direct else (a, b) for a, b in f.parts]
            pieces[0] = (start, pieces[0][1])
            pieces[-1] = (pieces[-1][0], end)
            parts = ";".join(f"{a}-{b}" for a, b in pieces)
        content = text[start:end]
        out.append(Statement(
            article_id=ctx.article.id, text=content, start=start, end=end, content=content,
            speaker=sp.name if sp else None,
            speaker_start=sp_span[0] if sp_span else None,
            speaker_end=sp_span[1] if sp_span else None,
            speaker_kind=sp.kind if sp else None,  # type: ignore[arg-type]
            speaker_role=sp.role if sp else None,
            cue=text[c.cue_start:c.cue_end].lower(), cue_start=c.cue_start, cue_end=c.cue_end,
            mode="direct" if direct else "indirect", via=via, date=date, content_parts=parts,
            speaker_org=affiliations.of(sp_span, sp, sp.name if sp else None, sp.kind if sp else None),
            date_origin=origin,
        ))
    out = affiliations.backfill(out)  # "Obama said ..." before "the U.S. president": his affiliation too
    return [s for s in out if s.cue_start not in consumed]


@register("statements", reads=("entities", "timexes", "dct"), assigns=("statements", "attributions"))
def make_statements(broad: bool = False, nested: bool = False, learned: bool = False,
                    tagger: bool | SpanTagger = False, spans: bool = False, attributions: bool = True) -> Component:
    """``broad``: also attribute broad, perceptions and stances ("X believes", "a poll shows", "announced a
    concert"), as PolNeAR does; ``nested``: also report cues inside another statement's content or a direct
    quotation (a speaker reporting what someone else said); ``learned``: the rules' broad candidates filtered
    by the classifier trained on PolNeAR (``learned``; PolNeAR's broad notion of attribution); ``tagger``
    (with ``learned``): the spaCy attribution tagger (``statements.span_model``) adds the cues it finds,
    helps choose content spans and screens its own candidates; ``spans`` (with ``learned``): the joint cue ->
    content span model (``statements.span_ranker``) chooses among every (cue, span) pair of the parse and the
    learned configuration's candidates. The default is
    the rules' speech acts (``kind="speech"``: measured side by side, bench/attribution.py, they are far better on
    real news, T17 gold statement F1) plus, with ``attributions`` (and none of the options above), the
    ``learned + spans`` statements that overlap no speech statement, as ``kind="attribution"`` records
    (``statements.attributions``; in ``ctx.attributions`` while the later components run)."""
    lex = load_lexicon()
    model = load_model() if learned else None
    cue_model = load_cue_model() if learned else None
    if learned and (model is None or cue_model is None):
        raise FileNotFoundError(f"statements: learned=True but resources/statements/{MODEL_FILE} or "
                                f"{CUE_MODEL_FILE} is missing (build them with `make attribution-model`)")
    span = tagger if isinstance(tagger, SpanTagger) else load_tagger() if tagger and learned else None
    ranker = load_ranker() if spans and learned else None
    if spans and ranker is None:
        raise FileNotFoundError(f"statements: spans=True needs learned=True and resources/statements/{RANKER_FILE}"
                                " (build it with `make attribution-model`)")
    if tagger is True and span is None:
        raise FileNotFoundError(f"statements: tagger=True needs learned=True and resources/statements/{TAGGER_DIR}/"
                                " (build it with `make attribution-model`)")

    attributor = None
    if attributions and not (broad or nested or learned):
        a_model, a_cues, a_ranker = load_model(), load_cue_model(), load_ranker()
        if a_model is not None and a_cues is not None and a_ranker is not None:
            attributor = Attributor(a_model, a_cues, a_ranker, lambda doc, ctx, nest, det: find_statements(
                doc, ctx, lex, broad=True, nested=nest, detector=det))

    def statements_component(doc: Doc, ctx: Context) -> None:
        if attributor is not None:
            speech = find_statements(doc, ctx, lex)
            ctx.statements.extend(speech)
            ctx.attributions.extend(attributor(doc, ctx, speech))
        elif model is not None and cue_model is not None and ranker is not None:
            memo = cue_model.memo()  # the detector's probabilities, asked again by the span model's features
            cands = find_statements(doc, ctx, lex, broad=True, nested=model.nested, detector=memo.is_cue)
            cands = [rebound(doc, s, model.boundary) for s in cands] if model.boundary else cands
            ctx.statements.extend(rank(doc, ranker, cands, lex, memo, ctx.article.id, ctx.article.dct,
                                       ctx.article.body_start or 0))
        elif model is not None and cue_model is not None and span is not None:
            probs, tag_only = span.probs(doc), set()
            col = LABELS.index("CUE")

            def detector(tok: Token) -> bool:
                if cue_model.is_cue(tok):
                    return True
                if tok.pos_ in ("VERB", "NOUN") and tok.tag_ != "MD" and probs[tok.i, col] >= span.cue_threshold:
                    tag_only.add(tok.i)
                    return True
                return False

            cands = find_statements(doc, ctx, lex, broad=True, nested=model.nested, detector=detector)
            ctx.statements.extend(tagged_statements(doc, probs, cands, model, span, tag_only, ctx.article.id,
                                                    ctx.article.dct))
        elif model is not None and cue_model is not None:
            ctx.statements.extend(model.keep(doc, find_statements(doc, ctx, lex, broad=True, nested=model.nested,
                                                                  detector=cue_model.is_cue)))
        else:
            ctx.statements.extend(find_statements(doc, ctx, lex, broad=broad, nested=nested))

    return statements_component


def _cited_source(c: Candidate, outlets: Outlets) -> tuple[str, Token, tuple[Token, tuple[int, int]]] | None:
    """An outlet speaking "citing" someone ("The Tribune, citing a statement from police, said ..."): the outlet
    (a relay), the "citing" verb, and the source it cites (the issuer of a cited document), as a head token and
    its span."""
    if c.speaker_span is None:
        return None
    cite = next((ch for ch in c.cue.children if ch.dep_ == "advcl" and ch.lemma_ == "cite"), None)
    obj = next((ch for ch in cite.children if ch.dep_ == "dobj"), None) if cite is not None else None
    if cite is None or obj is None:
        return None
    outlet = relay_outlet(c, outlets)
    if outlet is None or via_of(c, None, outlets) is not None:
        return None
    by = next((g for p in obj.children if p.dep_ == "prep" and p.lower_ in ("from", "by") for g in p.children
               if g.dep_ == "pobj"), None)
    src = by if by is not None and obj.lemma_.lower() in ("statement", "report", "announcement") else obj
    return outlet, cite, (src, (src.left_edge.idx, src.right_edge.idx + len(src.right_edge.text)))


def _nested_clauses(c: Candidate, cues: list[int], by_cue: list[Candidate]) -> list[tuple[int, int]]:
    """The clauses of the other cues inside ``c``'s subtree (looked up by token index, not all-vs-all)."""
    lo, hi = bisect.bisect_left(cues, c.cue.left_edge.i), bisect.bisect_right(cues, c.cue.right_edge.i)
    return [(o.cue.left_edge.idx, o.cue.right_edge.idx + len(o.cue.right_edge.text)) for o in by_cue[lo:hi]
            if o is not c and c.cue.is_ancestor(o.cue)]


_LEAD_PREP = re.compile(r"\s*(?:(?:late|early)\s+)?(?:on|in|at|during|over)?\s*$", re.I)
_AFTER_TIME = re.compile(r"[\s,]*(?:that\s+)?")


def _cue_time_out_of_content(text: str, f: Found, timexes: list[Timex], tstarts: list[int]) -> Timex | None:
    """'Hamas said on Sunday it rejected ...': a time expression right after the cue, before content that goes
    on, tells when it was said, not what: the content starts after it; returns that expression."""
    cue_end = f.cand.cue_end
    if f.start < cue_end or f.parts[1:]:
        return None
    k = bisect.bisect_left(tstarts, cue_end)
    if k >= len(timexes):
        return None
    t = timexes[k]
    lead = text[cue_end:t.start]
    if t.start - cue_end > 14 or f.start > t.start or not _LEAD_PREP.fullmatch(lead) or "\n" in lead:
        return None
    after = _AFTER_TIME.match(text, t.end)
    new = after.end() if after is not None else t.end
    # "said on Sunday it ...", "said Sunday that ...", "said Sunday, ...": not "said Sunday was the deadline"
    if f.end - new < 12 or "\n" in text[t.end:new] or not (lead.strip() or text[t.end:new].strip()):
        return None
    f.start = new
    if f.parts:
        f.parts[0] = (new, f.parts[0][1])
    return t
