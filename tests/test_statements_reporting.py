"""Speaker resolution on sentences written for this test (issue 16, session 7): a pronoun continuing the speaker
who reported on someone (not the person in their report), people named together, a plural description
agreeing with a group, a statement on a website that is not a speaker's antecedent, a person the tagger took
for an organisation, and a correspondent's own outlet that is not a relay."""
from __future__ import annotations

from dateline.extract.pipeline import Pipeline
from dateline.extract.statements.speaker_names import persons_tagged_as_orgs
from dateline.model import Entity

from .statements_util import at, run


def test_he_continues_the_reporting_speaker_not_the_man_in_his_report(pipe: Pipeline) -> None:
    text = ("In court on Monday, prosecutor Tomas Berg said Mr Ferris had hidden the ledgers from the inspectors. "
            "He said that Mr Ferris later lied to the auditors about them.")
    s = at(run(pipe, text), text, "said", 1)
    assert s.speaker == "Tomas Berg"


def test_he_still_finds_the_man_reported_on_when_the_speaker_is_not_a_man(pipe: Pipeline) -> None:
    text = ("Police said Daniel Okafor, 34, had been released on bail. "
            "He said he would fight the charges.")
    s = at(run(pipe, text), text, "said", 1)
    assert s.speaker == "Daniel Okafor"


def test_people_named_together_speak_together(pipe: Pipeline) -> None:
    text = "Jonas, Petra and Lena Haas have all confirmed they will not attend the gala in Vienna."
    s = at(run(pipe, text), text, "confirmed")
    assert s.speaker == "Jonas, Petra and Lena Haas"


def test_role_words_before_a_group_of_names_are_dropped_and_the_plural_description_finds_them(
        pipe: Pipeline) -> None:
    text = ("Her cousins Ivo Brandt and Mara Brandt said they had not been told about the sale. "
            "Their aunt, Greta Brandt, was not available. The cousins said they would go to court.")
    stmts = run(pipe, text)
    assert at(stmts, text, "said").speaker == "Ivo Brandt and Mara Brandt"
    assert at(stmts, text, "said", 1).speaker == "Ivo Brandt and Mara Brandt"


def test_a_statement_on_a_website_is_not_the_antecedent_of_the_club(pipe: Pipeline) -> None:
    text = ("A statement on the club's website said the match had been called off. "
            "The club said supporters would get refunds.")
    s = at(run(pipe, text), text, "said", 1)
    assert "statement" not in (s.speaker or "")


def test_an_unknown_organisation_sharing_a_persons_name_is_that_person() -> None:
    ents = [Entity(text="Somchai Wongsawat", start=0, end=17, label="ORG", canonical="Somchai Wongsawat",
                   kind="organization"),
            Entity(text="Somchai", start=40, end=47, label="PERSON", kind="person"),
            Entity(text="Harbor Live Events", start=60, end=78, label="ORG", kind="organization"),
            Entity(text="Harbor Live", start=90, end=101, label="PERSON", kind="person"),
            Entity(text="Somchai Foundation", start=110, end=128, label="ORG", kind="organization"),
            Entity(text="Reuters", start=130, end=137, label="ORG", canonical="Reuters", kind="media",
                   country="GBR"),
            Entity(text="Dr Lowe", start=140, end=147, label="ORG", kind="organization"),
            Entity(text="General Motors", start=150, end=164, label="ORG", kind="organization")]
    out = persons_tagged_as_orgs(ents, frozenset({"foundation"}))
    assert [e.label for e in out] == ["PERSON", "PERSON", "ORG", "PERSON", "ORG", "ORG", "PERSON", "ORG"]


def test_a_correspondents_own_outlet_is_not_a_relay(pipe: Pipeline) -> None:
    text = "Crowds filled the harbour road on Friday, according to Al Jazeera's Omar Haddad."
    s = at(run(pipe, text), text, "according")
    assert s.speaker == "Omar Haddad" and s.via is None


def test_a_name_after_an_inverted_cue_following_a_quote_is_the_speaker(pipe: Pipeline) -> None:
    # the parser takes "Okafor" for the object of "reported"
    text = "Ada Okafor is in Misrata for the agency. “Nobody here trusts the ceasefire,” reported Okafor from Misrata."
    s = at(run(pipe, text), text, "reported")
    assert s.speaker == "Ada Okafor"


def test_a_sentence_run_into_a_caption_keeps_its_speaker(pipe: Pipeline) -> None:
    # the parser hangs "The detective" on "died" as its object
    text = ("Detective Ian Moss interviewed the doctor two days later. "
            "Paul Keane was preparing for a tour of theatres in Dublin when he died The detective said Dr Ryan "
            "admitted giving Keane the sedative.")
    s = at(run(pipe, text), text, "said")
    assert s.speaker == "Ian Moss"


def test_the_countrys_ministry_is_named_by_the_country_last_named(pipe: Pipeline) -> None:
    text = ("A second patient died in Uruguay on Sunday. "
            "The woman had a heart condition, the country's health ministry said.")
    s = at(run(pipe, text), text, "said")
    assert s.speaker == "Uruguay's health ministry" and s.speaker_org == "Uruguay"



def test_an_inverted_attribution_closing_a_long_sentence_takes_the_sentence_before_it(pipe: Pipeline) -> None:
    # the parser makes "said" a conjunct of "announced", with no complement of its own
    text = ("Instead, Mubarak's deputy announced that he would be turning over his day-to-day powers to his "
            "hand-picked aide, Omar Nabil, an action that makes Nabil the de facto leader of the party and head of "
            "the army, said Egyptian envoy Sameh Fahmy to the United Nations.")
    s = at(run(pipe, text), text, "said")
    assert s.speaker == "Sameh Fahmy" and s.content.startswith("Instead, Mubarak's deputy announced")


def test_an_affiliation_learned_from_a_later_description_is_given_to_earlier_statements(pipe: Pipeline) -> None:
    text = "Karl Brenner said the border would stay open. Later, the German chancellor urged calm in the region."
    stmts = run(pipe, text)
    assert at(stmts, text, "urged").speaker == "Karl Brenner"
    assert at(stmts, text, "said").speaker_org == "Germany"
