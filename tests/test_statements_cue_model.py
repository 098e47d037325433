"""The learned cue detector: verbs the lexicon does not list become cues when the detector says so, and the
rules build their speaker and content as for any cue (sentences written for these tests)."""
from __future__ import annotations

import pytest

from dateline.extract.nlp import load_nlp
from dateline.extract.pipeline import Pipeline
from dateline.extract.statements.cue_model import is_open_verb, load_cue_model, token_features
from dateline.extract.statements.lexicon import load_lexicon
from dateline.extract.statements.parse import find_candidates
from dateline.model import Article


def _cues(text: str, detector: object | None) -> dict[str, tuple[str | None, str | None]]:
    doc = load_nlp()(text)
    out = {}
    for c in find_candidates(doc, load_lexicon(), broad=True, detector=detector):  # type: ignore[arg-type]
        speaker = text[c.speaker_span[0]:c.speaker_span[1]] if c.speaker_span else None
        content = text[c.content[0]:c.content[1]] if c.content else None
        out[text[c.cue_start:c.cue_end]] = (speaker, content)
    return out


def test_a_detected_verb_gets_speaker_and_content_from_the_parse() -> None:
    text = "The farmers' union made the case that the new levy would ruin small dairies."
    assert "made" not in _cues(text, None)  # not in the lexicon: the rules alone miss it
    found = _cues(text, lambda t: t.lemma_ == "make")
    speaker, content = found["made"]
    assert speaker == "The farmers' union"
    assert content is not None and content.endswith("would ruin small dairies")


def test_the_detector_is_not_asked_about_lexicon_cues_nor_modifiers() -> None:
    asked: list[str] = []

    def detector(tok: object) -> bool:
        asked.append(tok.text)  # type: ignore[attr-defined]
        return True

    text = "The mayor said the repaired bridge reopened on Monday."
    found = _cues(text, detector)
    assert "said" in found and "said" not in asked  # the lexicon's cue, as before
    assert "repaired" not in found  # a modifier ("the repaired bridge") is never a cue


def test_features_describe_the_verb_in_its_parse() -> None:
    doc = load_nlp()("The coach drew criticism for benching the captain.")
    drew = next(t for t in doc if t.text == "drew")
    assert is_open_verb(drew)
    feats = set(token_features(drew))
    assert {"lem=draw", "lem=draw|dobj=criticism", "subj=NOUN"} <= feats


def test_shipped_detector_separates_stance_verbs_from_plain_events() -> None:
    model = load_cue_model()
    assert model is not None, "the shipped cue model (make attribution-model)"
    nlp = load_nlp()
    stance = nlp("The coach drew a sharp contrast between the two teams.")
    event = nlp("The river flooded three villages and the bridge collapsed overnight.")
    assert any(model.is_cue(t) for t in stance if t.lemma_ == "draw")
    assert not any(model.is_cue(t) for t in event)


@pytest.mark.slow
def test_learned_configuration_reports_a_detected_cue() -> None:
    pipe = Pipeline(["time", "entities", "statements"], config={"statements": {"learned": True}})
    text = "The farmers' union made the case that the new levy would ruin small dairies."
    ex = pipe(Article(id="t", text=text, dct="2025-03-14"))
    assert any(s.cue == "made" and s.speaker_start == 0 and s.content.endswith("small dairies")
               for s in ex.statements), \
        [(s.cue, s.speaker, s.content) for s in ex.statements]
