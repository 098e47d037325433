"""The spaCy attribution tagger (statements.span_model): cues, sources and contents tagged over the sm parse, its
cues built into statements by the rules, its agreement choosing content spans (sentences written for these
tests)."""
from __future__ import annotations

import pytest

from dateline.extract.nlp import load_nlp
from dateline.extract.pipeline import Pipeline
from dateline.extract.statements.learned import rebound
from dateline.extract.statements.lexicon import load_lexicon
from dateline.extract.statements.parse import find_candidates
from dateline.extract.statements.span_model import LABELS, load_tagger
from dateline.model import Article, Statement


def _tagger():  # type: ignore[no-untyped-def]
    st = load_tagger()
    assert st is not None, "the shipped attribution tagger (make attribution-model)"
    return st


def test_tagger_marks_cue_source_and_content_of_a_new_sentence() -> None:
    doc = load_nlp()("The harbour master insisted that the new pier could not take cruise ships.")
    probs = _tagger().probs(doc)
    assert probs.shape == (len(doc), len(LABELS))
    best = {t.text: LABELS[int(probs[t.i].argmax())] for t in doc}
    assert best["insisted"] == "CUE"
    assert best["master"] == "SRC"
    assert best["pier"] == "CON" and best["cruise"] == "CON"


def test_tagger_leaves_a_plain_event_sentence_alone() -> None:
    doc = load_nlp()("Heavy snow closed the mountain road for three days in January.")
    probs = _tagger().probs(doc)
    assert all(LABELS[int(p.argmax())] == "O" for p in probs)


def test_a_detected_noun_becomes_a_cue_with_speaker_and_content() -> None:
    text = "The union's warning that the mill would close by spring alarmed the town."
    doc = load_nlp()(text)
    lex = load_lexicon()
    plain = {text[c.cue_start:c.cue_end] for c in find_candidates(doc, lex, broad=True)}
    assert "warning" not in plain  # not a lexicon noun: the rules alone miss it
    found = find_candidates(doc, lex, broad=True, detector=lambda t: t.lemma_ == "warning")
    cand = next(c for c in found if text[c.cue_start:c.cue_end] == "warning")
    assert cand.speaker_span is not None and text[cand.speaker_span[0]:cand.speaker_span[1]].startswith("union")
    assert cand.content is not None and text[cand.content[0]:cand.content[1]].endswith("close by spring")


def test_extra_score_moves_the_content_boundary() -> None:
    text = "The minister said the ferry would sail on Friday, which pleased islanders."
    doc = load_nlp()(text)
    s = Statement(article_id="t", text="the ferry would sail on Friday, which pleased islanders",
                  start=18, end=len(text) - 1, content="the ferry would sail on Friday, which pleased islanders",
                  speaker="The minister", speaker_start=0, speaker_end=12, cue="said", cue_start=13, cue_end=17)
    short_end = text.index(", which")
    longest = rebound(doc, s, {}, lambda a, b: float(b - a))
    shortest = rebound(doc, s, {}, lambda a, b: -float(b - a))
    assert longest.end >= shortest.end
    assert shortest.end <= short_end


def test_tagger_needs_the_learned_models() -> None:
    with pytest.raises(FileNotFoundError, match="tagger=True needs learned=True"):
        Pipeline(["statements"], config={"statements": {"tagger": True}})


@pytest.mark.slow
def test_learned_tagger_configuration_reports_statements() -> None:
    pipe = Pipeline(["time", "entities", "statements"], config={"statements": {"learned": True, "tagger": True}})
    text = ("The ferry company argued that the harbour fees were far too high. "
            "Islanders said the timetable had been cut twice this winter.")
    ex = pipe(Article(id="t", text=text, dct="2025-03-14"))
    cues = {s.cue for s in ex.statements}
    assert {"argued", "said"} <= cues, [(s.cue, s.speaker, s.content) for s in ex.statements]
