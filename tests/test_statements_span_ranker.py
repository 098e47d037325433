"""The joint cue -> content span model: the (anchor, span) pairs the parse offers, their speaker, the greedy
decoding (sentences written for these tests)."""
from __future__ import annotations

from dateline.extract.nlp import load_nlp
from dateline.extract.statements import span_pairs as P
from dateline.extract.statements import span_ranker as R
from dateline.extract.statements.lexicon import load_lexicon
from dateline.model import Statement


def _pairs(text: str) -> dict[str, set[str]]:
    doc = load_nlp()(text)
    out: dict[str, set[str]] = {}
    for c in P.candidates(doc, []):
        out.setdefault(doc[c.anchor].text, set()).add(text[c.start:c.end])
    return out


def test_a_verb_offers_its_complement_with_and_without_that() -> None:
    pairs = _pairs("The harbour master insisted that the ferries would sail on time despite the gale.")
    assert "that the ferries would sail on time despite the gale" in pairs["insisted"]
    assert "the ferries would sail on time despite the gale" in pairs["insisted"]


def test_a_trailing_verb_offers_the_sentence_before_its_subject() -> None:
    pairs = _pairs("The orchard lost half its apples to the frost, the growers' cooperative reported.")
    assert "The orchard lost half its apples to the frost" in pairs["reported"]


def test_a_noun_offers_its_clause_and_no_span_holds_its_own_anchor() -> None:
    text = "Her claim that the archive had been sold drew protests from historians."
    pairs = _pairs(text)
    assert "the archive had been sold" in pairs["claim"]
    assert all("claim" not in span for span in pairs["claim"])


def test_a_rules_statement_is_a_pair_of_its_own() -> None:
    text = "The brewer said the strike would end soon."
    doc = load_nlp()(text)
    rule = Statement(article_id="a", text="the strike would end soon", start=16, end=41,
                     content="the strike would end soon", speaker="The brewer", speaker_start=0,
                     speaker_end=10, cue="said", cue_start=11, cue_end=15)
    cands = P.candidates(doc, [rule])
    own = [c for c in cands if c.kind == "rule"]
    assert len(own) == 1 and own[0].rule is rule and doc[own[0].anchor].text == "said"
    cx = R.context(doc, load_lexicon(), None, cands)
    feats = R.features(doc, own[0], cx)
    assert "rule=same" in feats and "lem=say" in feats
    assert not any(c.kind != "rule" and (c.start, c.end) == (16, 41) for c in cands if c.anchor == own[0].anchor)
    assert P.to_statement(doc, own[0], "a", None) is rule
    other = next(c for c in cands if c.kind != "rule" and doc[c.anchor].text == "end")
    assert P.to_statement(doc, other, "a", None).speaker == "the strike"


def test_the_speaker_of_an_unlisted_anchor_is_its_subject_or_the_according_to_object() -> None:
    doc = load_nlp()("The veteran senator, who chairs the panel, cast doubt on the merger.")
    cast = next(t for t in doc if t.text == "cast")
    sp = P.speaker_of(doc, cast.i)
    assert sp is not None and doc.text[sp[0]:sp[1]] == "The veteran senator"
    doc = load_nlp()("The tunnel will open in May, according to the transit authority.")
    acc = next(t for t in doc if t.text == "according")
    sp = P.speaker_of(doc, acc.i)
    assert sp is not None and doc.text[sp[0]:sp[1]] == "the transit authority"


def _speaker(text: str, cue: str) -> str | None:
    doc = load_nlp()(text)
    t = next(t for t in doc if t.text == cue)
    sp = P.speaker_of(doc, t.i)
    return doc.text[sp[0]:sp[1]] if sp else None


def test_the_speaker_of_an_adjective_cue_is_the_subject_of_its_copula_or_verb() -> None:
    # acomp of a copula (an adjective, a participle), oprd of a linking verb, an adjective conjoined to one
    assert _speaker("Two engineers were confident that the bridge could carry the load.", "confident") \
        == "Two engineers"
    assert _speaker("Farmers in the valley are convinced that the dam will fail next spring.", "convinced") \
        == "Farmers in the valley"
    assert _speaker("Local teachers seem sure that budgets are shrinking.", "sure") == "Local teachers"
    assert _speaker("The mayor said she was worried that tourism would drop.", "worried") == "she"
    # the ranker's features keep the plain climb (they were trained on it): no subject for the complement
    doc = load_nlp()("Two engineers were confident that the bridge could carry the load.")
    assert P.subject_of(next(t for t in doc if t.text == "confident")) is None


def _rule_without_speaker(text: str, cue: str, content: str) -> tuple[str | None, str | None]:
    doc = load_nlp()(text)
    c0, s0 = text.index(cue), text.index(content)
    rule = Statement(article_id="a", text=content, start=s0, end=s0 + len(content), content=content,
                     cue=cue, cue_start=c0, cue_end=c0 + len(cue))
    own = next(c for c in P.candidates(doc, [rule]) if c.kind == "rule")
    got = P.to_statement(doc, own, "a", None)
    return got.speaker, got.content


def test_a_speakerless_rules_statement_on_an_adjective_cue_takes_the_copulas_subject() -> None:
    text = "Beekeepers across the county are convinced that the new pesticide killed their hives."
    assert _rule_without_speaker(text, "convinced", "the new pesticide killed their hives") == (
        "Beekeepers across the county", "the new pesticide killed their hives")
    # a verb cue keeps the rules' reading (no speaker): only predicative complements climb to the subject
    text = "It was reported that the ferry had run aground near the lighthouse."
    assert _rule_without_speaker(text, "reported", "the ferry had run aground near the lighthouse")[0] is None


def _cand(anchor: int, start: int, end: int) -> P.SpanCand:
    return P.SpanCand(anchor, 0, 0, start, end, "rest")


def test_decoding_keeps_one_content_per_anchor_and_no_mostly_overlapping_pair() -> None:
    ranker = R.SpanRanker({}, threshold=0.5, overlap=0.5)
    best, same_anchor, overlapping, nested, low = (_cand(1, 0, 100), _cand(1, 120, 150), _cand(7, 10, 100),
                                                   _cand(9, 60, 80), _cand(12, 200, 240))
    taken = ranker.decode([(0.9, best), (0.8, same_anchor), (0.7, overlapping), (0.6, nested), (0.4, low)])
    assert [c for _, c in taken] == [best, nested]


def test_shipped_ranker_prefers_the_complement_of_a_speech_verb() -> None:
    ranker = R.load_ranker()
    assert ranker is not None, "the shipped span model (make attribution-model)"
    text = "The union leader warned that the talks could collapse by Friday."
    doc = load_nlp()(text)
    stmts = R.rank(doc, ranker, [], load_lexicon(), None, "a", None)
    assert any(s.content.endswith("the talks could collapse by Friday") and s.cue == "warned" for s in stmts)
