"""What an anaphoric speaker refers to: pronouns ("He said", "They added") and definite descriptions ("the
department", "the second official") resolved against the mentions and speakers an article has shown so far.
``SpeakerResolver`` (speakers.py) builds the mentions and inherits these lookups."""
from __future__ import annotations

import bisect
from itertools import islice

from spacy.tokens import Token

from .gender import PRONOUN_GENDER, Genders
from .lexicon import Lexicon
from .speaker_names import DETS, Speaker


class Anaphora:
    """Lookups over the mentions and the speakers resolved so far (filled by ``SpeakerResolver``)."""

    lex: Lexicon
    persons: list[tuple[int, Speaker, bool]]  # (char start, speaker, is subject)
    orgs: list[tuple[int, Speaker, bool]]
    history: list[tuple[int, Speaker]]  # (char start of the statement, its speaker)
    said: list[tuple[int, int, Speaker]]  # (content start, end, speaker) of the statements so far
    genders: Genders
    _person_pos: list[int]
    _org_pos: list[int]

    def _last(self, pos_list: list[int], items: list[tuple[int, Speaker, bool]], before: int,
              skip: tuple[int, int] | None = None) -> int | None:
        """Index of the last subject mention before ``before`` (not inside ``skip``)."""
        for j in range(bisect.bisect_left(pos_list, before) - 1, -1, -1):
            if items[j][2] and not (skip is not None and skip[0] <= items[j][0] < skip[1]):
                return j
        return None

    def _pronoun(self, low: str, pos: int, skip: tuple[int, int] | None = None) -> Speaker | None:
        """The last speaker or subject mention a pronoun can refer to, whichever is nearer (mentions inside
        ``skip``, the content the pronoun's speaker said, are not candidates). "he"/"she" skip persons the
        article shows to be of the other gender."""
        want = self.lex.pronouns[low]

        def fits(s: Speaker) -> bool:
            return ((want == "person" and s.kind == "named")
                    or (want == "organization" and s.kind == "organization" and not s.document)
                    or (want == "plural" and (s.plural or s.kind == "organization")))

        hist = list(islice(((p, s) for p, s in reversed(self.history) if p < pos and fits(s)), 4))[::-1]
        items, positions = (self.persons, self._person_pos) if want == "person" else (self.orgs, self._org_pos)
        gender = PRONOUN_GENDER.get(low) if want == "person" else None
        if gender is None:
            last_pos, last_speaker = hist[-1] if hist else (-1, None)
            j = self._last(positions, items, pos, skip)
            if j is not None and (last_speaker is None or items[j][0] > last_pos):
                return items[j][1]
            return last_speaker
        mentions = list(islice(((p, s) for p, s, subj in reversed(items[:bisect.bisect_left(positions, pos)])
                                if subj and not (skip is not None and skip[0] <= p < skip[1])
                                and not self._reported_by(p, hist, gender)), 4))
        for _, sp in sorted(hist + mentions, key=lambda x: -x[0]):
            if self.genders.of(sp.name) in (None, gender):
                return sp
        return self._unnamed_speaker(pos)

    def _unnamed_speaker(self, pos: int) -> Speaker | None:
        """With no named person to refer to, "he"/"she" continues the last unnamed person who spoke ("..., a
        senior diplomat told the paper. 'We are close,' he said."), never a group or a document."""
        for p, s in reversed(self.history):
            if p < pos and s.kind == "anonymous" and not s.plural and not s.document:
                return s
        return None

    def _antecedent(self, head: Token, toks: list[Token]) -> Speaker | None:
        lemma = head.lemma_.lower()
        mods = {t.lower_ for t in toks if t.i != head.i and t.is_alpha and t.lower_ not in DETS
                and t.dep_ in ("amod", "compound", "nummod", "nmod")}
        pos = toks[0].idx
        plural = head.tag_ in ("NNS", "NNPS")
        for p, sp in reversed(self.history):
            if p < pos and lemma in sp.words and mods <= sp.words and not sp.document and (
                    sp.kind != "named" or sp.plural == plural):
                return sp
        for p, sp, _ in reversed(self.persons):
            if p < pos and sp.role and lemma in sp.words and mods <= sp.words and not plural:
                return sp
        for p, sp, _ in reversed(self.orgs):  # "the department" -> "the Texas Department of State Health ..."
            if p < pos and lemma in sp.words and mods <= sp.words and len(sp.words) > 1:
                return sp
        return None

    def _reported_by(self, pos: int, hist: list[tuple[int, Speaker]], gender: str | None) -> bool:
        """A mention inside what an earlier speaker of the pronoun's gender said ("Mr Walgren said [Dr Murray had
        given ...]. He said ..."): the pronoun continues the reporting speaker, not a person they talked about."""
        speakers = {id(s) for _, s in hist if self.genders.of(s.name) in (None, gender)}
        k = bisect.bisect_right(self.said, pos, key=lambda x: x[0])
        return any(a <= pos < b and id(s) in speakers for a, b, s in self.said[max(0, k - 3):k])

    def remember(self, pos: int, speaker: Speaker, content: tuple[int, int] | None = None) -> None:
        self.history.append((pos, speaker))
        if content is not None:
            self.said.append((content[0], content[1], speaker))
            self.said.sort(key=lambda x: x[0])
