"""The default configuration's second pass: attributions that are not speech.

PolNeAR's annotators attribute more than speech acts: "according to" a source, beliefs ("X believes ..."),
stances ("X opposes ..."), knowledge and perception ("X knows ...", "a poll shows ..."). The rules code speech
(``kind="speech"``: what the story timelines, figure sources and statement lists read); the learned joint cue ->
content span model (``statements.span_ranker``, over the rules' broad candidates the cue detector and the boundary
ranker prepare: the ``learned + spans`` configuration) finds the rest. Of what it takes, the statements that do not
overlap a speech statement become ``kind="attribution"`` records beside the speech ones.
"""
from __future__ import annotations

import bisect
import dataclasses
from collections.abc import Callable

from spacy.tokens import Doc, Token

from ...model import Statement
from ..nlp import token_starts
from ..registry import Context
from .cue_model import CueModel
from .learned import Model, rebound
from .lexicon import load_lexicon
from .span_ranker import SpanRanker, rank

#: a learned statement whose content shares at least this Jaccard with a speech statement's content is that
#: statement found again (any share of the contents, with a cue inside the speech content, is nested speech)
SAME_CONTENT = 0.5

#: ``find_statements(doc, ctx, broad=True, nested=..., detector=...)`` (``statements.component``)
FindBroad = Callable[[Doc, Context, bool, Callable[[Token], bool]], list[Statement]]


def _overlaps(s: Statement, speech: list[Statement], starts: list[int]) -> bool:
    """Whether ``s`` is a speech statement found again: the same cue, or mostly the same content."""
    k = bisect.bisect_right(starts, s.end)
    for o in speech[max(0, k - 40):k]:
        if o.cue_start is not None and s.cue_start is not None and o.cue_start <= s.cue_start < (o.cue_end or 0):
            return True
        inter = min(s.end, o.end) - max(s.start, o.start)
        if inter > 0 and inter / (max(s.end, o.end) - min(s.start, o.start)) >= SAME_CONTENT:
            return True
    return False


def not_speech(found: list[Statement], speech: list[Statement]) -> list[Statement]:
    """``found`` without the statements that overlap a speech statement, each marked ``kind="attribution"``."""
    ordered = sorted(speech, key=lambda o: o.start)
    starts = [o.start for o in ordered]
    return [dataclasses.replace(s, kind="attribution") for s in found if not _overlaps(s, ordered, starts)]


def speech_tokens(doc: Doc, speech: list[Statement]) -> set[int]:
    """The tokens of the speech statements' cues and contents: not anchors of the span model's parse pairs (what
    it would find there is the speech statement again, or an attribution nested in what was said; the rules'
    candidates it weighs stay)."""
    starts = token_starts(doc)
    out: set[int] = set()
    for s in speech:
        for a, b in ((s.cue_start, s.cue_end), (s.start, s.end)):
            if a is not None and b is not None:
                out.update(range(bisect.bisect_left(starts, a), bisect.bisect_left(starts, b)))
    return out


@dataclasses.dataclass(frozen=True, slots=True)
class Attributor:
    """The learned attributions of one document that no speech statement already holds."""

    model: Model
    cue_model: CueModel
    ranker: SpanRanker
    find: FindBroad

    def __call__(self, doc: Doc, ctx: Context, speech: list[Statement]) -> list[Statement]:
        memo = self.cue_model.memo()  # the detector's probabilities, asked again by the span model's features
        cands = self.find(doc, ctx, self.model.nested, memo.is_cue)
        if self.model.boundary:
            cands = [rebound(doc, s, self.model.boundary) for s in cands]
        taken = rank(doc, self.ranker, cands, load_lexicon(), memo, ctx.article.id, ctx.article.dct,
                     ctx.article.body_start or 0, speech_tokens(doc, speech))
        return not_speech(taken, speech)
