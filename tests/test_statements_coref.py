"""Speaker resolution beyond the named phrase (issue 16), each on a sentence written for this test: a role
description with no antecedent of its own, a pronoun after reported content that names someone else, a
possessive owner of a document, a subject the parser hung on a closing bracket, an attribution split by a
dashed aside; and the learned model's content boundaries."""
from __future__ import annotations

from dateline.extract.nlp import load_nlp
from dateline.extract.pipeline import Pipeline
from dateline.extract.statements.boundaries import variants
from dateline.extract.statements.learned import load_model, rebound
from dateline.model import Statement

from .statements_util import at, by_cue, run


def test_role_description_without_antecedent_is_the_person_just_named(pipe: Pipeline) -> None:
    text = ("The festival dropped the band after remarks by Tomas Lindqvist. "
            "In a radio interview last spring the guitarist said the organisers were cowards.")
    s = by_cue(run(pipe, text), "said")
    assert s.speaker == "Tomas Lindqvist" and s.speaker_start == text.index("the guitarist")


def test_role_description_after_a_pronoun_is_the_person_it_refers_to(pipe: Pipeline) -> None:
    text = ("Kenyan PM John Otieno spoke to reporters in Mombasa on Tuesday. He said the bridge would open in June. "
            "Asked about the cost, the Kenyan PM said: \"We will pay what it takes.\"")
    s = [x for x in run(pipe, text) if x.cue_start == text.index("said: ")][0]
    assert s.speaker == "John Otieno" and s.speaker_start == text.index("the Kenyan PM")


def test_pronoun_after_content_is_not_a_person_inside_it(pipe: Pipeline) -> None:
    text = ("Club spokesman Daniel Okafor said the review had started. "
            "Karl Brenner and Luis Ortega were suspended on Friday pending a hearing, he said.")
    stmts = run(pipe, text)
    s = [x for x in stmts if x.cue_start == text.rindex("said")][0]
    assert s.speaker == "Daniel Okafor"


def test_document_owned_by_a_pronoun_speaks_for_its_owner(pipe: Pipeline) -> None:
    text = ("Greenpeace, the environmental group, joined the campaign on Monday. "
            "According to a report on its website, the river had been polluted for a decade.")
    s = by_cue(run(pipe, text), "according to")
    assert s.speaker == "Greenpeace"


def test_subject_hung_on_a_closing_bracket(pipe: Pipeline) -> None:
    text = ("Members of the city council -LRB- whose chamber was flooded last year -RRB- have been lobbying the "
            "governor, and demanding that the dam be rebuilt.")
    for s in run(pipe, text):
        assert s.speaker is None or "RRB" not in s.speaker


def test_attribution_split_by_a_dashed_aside(pipe: Pipeline) -> None:
    text = ("As crowds filled the square, Ferreira -- speaking at a trade fair in Porto -- told Reuters that "
            "leaders should listen to their voters.")
    s = by_cue(run(pipe, text), "told")
    assert s.speaker == "Ferreira" and s.via == "Reuters"


def test_boundary_alternatives_never_hold_the_cue_and_start_with_the_rules_span() -> None:
    nlp = load_nlp()
    text = "The senator criticized the governor's plan to cut school funding as reckless and cruel."
    doc = nlp(text)
    cue = text.index("criticized")
    s = Statement(article_id="t", text="the governor's plan", start=text.index("the governor"),
                  end=text.index(" to cut"), content="the governor's plan", cue="criticized", cue_start=cue,
                  cue_end=cue + len("criticized"))
    alts = variants(doc, s)
    assert alts[0][0] == (s.start, s.end) and len(alts) > 1
    assert all(not (a <= cue < b) for (a, b), _, _ in alts)
    assert any(text[a:b].endswith("cruel") for (a, b), _, _ in alts)
    model = load_model()
    assert model is not None and model.boundary, "the shipped model has boundary weights"
    chosen = rebound(doc, s, model.boundary)
    assert (chosen.start, chosen.end) in {span for span, _, _ in alts}
    assert chosen.content == text[chosen.start:chosen.end]


def test_quote_over_lines_of_one_sentence_each(pipe: Pipeline) -> None:
    text = ("The stadium will stay open .\n`` Nobody has asked us to close .\nWe will keep the gates open , '' "
            "said Ilse Brandt from Northgate Arenas .\nThe league did not comment .\n")
    s = by_cue(run(pipe, text), "said")
    assert s.speaker == "Ilse Brandt" and s.mode == "direct"
    assert s.content.startswith("Nobody has asked") and s.content.endswith("gates open")


def test_quote_left_open_is_not_carried_into_a_new_quote() -> None:
    from dateline.extract.statements.quotes import find_quotes

    text = "`` Nobody has asked us\nHe added : `` We stay . ''\n"
    assert find_quotes(text) == [(0, text.index("\n")), (text.index("`` We"), text.rindex("''") + 2)]


def test_declining_to_say_and_being_asked_are_not_statements(pipe: Pipeline) -> None:
    stmts = run(pipe, "The mayor declined to say whether the tram line would be cancelled.")
    assert not any(s.cue == "say" for s in stmts)
    text = "Asked about the delays, the transport minister said the contractor would pay a penalty."
    stmts = run(pipe, text)
    assert [s.cue for s in stmts] == ["said"] and stmts[0].speaker == "the transport minister"


def test_description_names_the_person_inside_it_without_their_role(pipe: Pipeline) -> None:
    text = "An inquiry led by the former central bank governor Karl Weber said the fund had been mismanaged."
    s = by_cue(run(pipe, text), "said")
    assert s.speaker == "an inquiry led by Karl Weber" and s.speaker_start == 0


def test_he_or_she_after_an_unnamed_speaker_is_that_speaker(pipe: Pipeline) -> None:
    """A pronoun continuing an unnamed person who spoke ("a ferry company manager told ...") is that person,
    not the bare pronoun; a plural description is no antecedent of "he", and a named person nearer still wins."""
    text = ("The crossing will stay shut through the weekend, a ferry company manager told the Island Herald. "
            "\"The swell is too high for the ramps,\" she said.")
    s = at(run(pipe, text), text, "said")
    assert s.speaker == "a ferry company manager" and s.speaker_kind == "anonymous"
    text = ("Harbour workers said the cranes were idle. Port director Ilse Marten said the strike cost millions. "
            "He added that talks would resume.")
    assert at(run(pipe, text), text, "added").speaker == "Ilse Marten"
