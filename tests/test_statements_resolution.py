"""Speaker, affiliation, relay and date resolution read off the article itself (issue 16), each on sentences
written for this test: pronoun gender, an organisation the tagger took for a person, an interview named before
the cue, a role noun in apposition, an affiliation from a role described elsewhere, an organisation description,
a title and surname, a week or year as the statement's date, a time inside the speaker phrase, and the day of an
unnamed speaker carried to the person named after them."""
from __future__ import annotations

from dateline.extract.pipeline import Pipeline

from .statements_util import at, run


def test_she_skips_a_man_the_article_calls_mr(pipe: Pipeline) -> None:
    text = ("Rosa Delgado said her team had finished the audit. Mr Hartley, the auditor, signed the report on "
            "Monday. She said the accounts were in order.")
    s = at(run(pipe, text), text, "said", 1)
    assert s.speaker == "Rosa Delgado"


def test_organisation_noun_before_a_name_makes_it_an_organisation(pipe: Pipeline) -> None:
    text = ("Designer Anna Morel opened a shop in Paris. Fashion magazine Marie Claire reported that her dresses "
            "sold out. She said she was surprised.")
    stmts = run(pipe, text)
    assert at(stmts, text, "reported").speaker_kind == "organization"
    assert at(stmts, text, "said").speaker == "Anna Morel"


def test_interview_named_before_the_cue_is_the_relay(pipe: Pipeline) -> None:
    text = "In an interview with Telemundo, Carla Ruiz said the strike would go on."
    s = at(run(pipe, text), text, "said")
    assert s.speaker == "Carla Ruiz" and s.via == "Telemundo"


def test_role_noun_in_apposition_is_the_persons_role_and_affiliation(pipe: Pipeline) -> None:
    text = ("An Oxfam spokeswoman, Helen Marsh, said the camps were full. "
            "The spokeswoman said more tents were on their way.")
    stmts = run(pipe, text)
    first, second = at(stmts, text, "said"), at(stmts, text, "said", 1)
    assert first.speaker == "Helen Marsh" and first.speaker_org == "Oxfam"
    assert second.speaker == "Helen Marsh"


def test_affiliation_from_a_role_described_where_the_person_does_not_speak(pipe: Pipeline) -> None:
    text = ("Interpol Secretary General Ramon Ortiz met police chiefs in Lyon on Tuesday. "
            "Ortiz said the network had grown.")
    s = at(run(pipe, text), text, "said")
    assert s.speaker == "Ramon Ortiz" and s.speaker_org == "Interpol"


def test_the_company_is_the_organisation_just_named(pipe: Pipeline) -> None:
    text = ("Shell shares fell two per cent after the spill off the coast. "
            "Later that day, the company said the leak had been stopped.")
    s = at(run(pipe, text), text, "said")
    assert s.speaker == "Shell"


def test_title_and_surname_is_the_person_named_in_full_before(pipe: Pipeline) -> None:
    text = ("The family was represented by Imogen Thackeray, a solicitor. "
            "Ms Thackeray said the inquiry had been too slow.")
    s = at(run(pipe, text), text, "said")
    assert s.speaker == "Imogen Thackeray"


def test_a_week_or_a_year_is_the_date_at_that_precision(pipe: Pipeline) -> None:
    text = "The mayor said last week that the bridge would close. The council said last year it had no money."
    stmts = run(pipe, text)  # DCT 2025-03-14 (a Friday of ISO week 11)
    assert at(stmts, text, "said").date == "2025-W10"
    assert at(stmts, text, "said", 1).date == "2024"


def test_time_inside_the_speaker_phrase_does_not_date_the_statement(pipe: Pipeline) -> None:
    text = "Petra Lund, who chaired the inquiry last year, said the findings still stood."
    s = at(run(pipe, text), text, "said")
    assert s.speaker == "Petra Lund" and s.date == "2025-03-14"


def test_person_named_after_an_unnamed_speaker_with_the_same_role_keeps_its_day(pipe: Pipeline) -> None:
    text = ("The dam will be inspected, a WHO spokesman said yesterday. "
            "Engineers arrived in the morning, WHO spokesman Omar Haddad said.")
    stmts = run(pipe, text)
    assert at(stmts, text, "said").date == "2025-03-13"
    s = at(stmts, text, "said", 1)
    assert s.speaker == "Omar Haddad" and s.date == "2025-03-13"


def test_outlet_citing_a_source_relays_the_source(pipe: Pipeline) -> None:
    text = "The Lagos Courier newspaper, citing a statement from the fire brigade, said two warehouses burned down."
    stmts = run(pipe, text)
    s = at(stmts, text, "said")
    assert s.speaker == "the fire brigade" and s.via in ("Lagos Courier", "The Lagos Courier")
    assert [x.cue for x in stmts] == ["said"]  # "citing" names the source; it is not a statement of its own


def test_description_owned_by_a_country_is_that_countrys_person_only(pipe: Pipeline) -> None:
    text = ("Norwegian Prime Minister Ingrid Dahl met the fishing unions in Bergen. "
            "Norway's prime minister said the quotas would stay.")
    assert at(run(pipe, text), text, "said").speaker == "Ingrid Dahl"
    other = ("Swedish Prime Minister Lars Berg met the fishing unions in Bergen. "
             "Norway's prime minister said the quotas would stay.")
    assert at(run(pipe, other), other, "said").speaker != "Lars Berg"


def test_organisation_owned_by_a_country_has_that_country_as_affiliation(pipe: Pipeline) -> None:
    text = "Peru's health ministry said the clinics would reopen. The World Bank said it would pay for them."
    stmts = run(pipe, text)
    assert at(stmts, text, "said").speaker_org == "Peru"
    assert at(stmts, text, "said", 1).speaker_org is None  # an organisation speaking for itself


def test_body_a_person_is_of_gives_their_affiliation(pipe: Pipeline) -> None:
    text = ("Dr Hana Okoye of the Rift Valley Institute met the delegation on Monday. "
            "Okoye said the drought had worsened.")
    s = at(run(pipe, text), text, "said")
    assert s.speaker == "Hana Okoye" and s.speaker_org is not None and "Rift Valley Institute" in s.speaker_org
