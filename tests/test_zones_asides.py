"""Asides (``zones.find_asides``): a page's comment section, lines in capitals and handle lines are found from
structural signals; no record is taken from them, while the text and its offsets stay as they are."""
from __future__ import annotations

from dateline.model import Article
from dateline.zones import find_asides, in_asides

STORY = ("Harbour workers strike in Valparaiso\n\n"
         "VALPARAISO, Chile (Coastline Wire) — Dock workers in Valparaiso walked off the job on Monday, "
         "halting cargo at the country's second port.\n"
         "The union said the strike would last until the port authority restored night-shift pay.\n")

STAMPED = STORY + (
    "Why does nobody ever ask the sailors what they think about this?\n"
    "March 3, 2019 at 7:41 pm | Report abuse | The police in Argentina attacked the drivers last year.\n"
    "March 3, 2019 at 8:02 pm | Report abuse | Reply Brazil bombed nothing, stop inventing.\n"
    "March 4, 2019 at 9:15 am | Report abuse | Peru will sue the port authority next week.\n")

HEADED = STORY + ("\nComments\n"
                  "The navy of Peru shelled the harbour in 1880, look it up.\n"
                  "Argentina should invade the islands again.\n")

SHOUTING = STORY + ("THE GOVERNMENT OF BOLIVIA ATTACKED OUR TRUCKS AND NOBODY REPORTS IT\n"
                    "Port officials said talks would resume on Wednesday.\n")


def test_stamped_comments_are_an_aside_to_the_end() -> None:
    spans = find_asides(STAMPED)
    # a stamp closes its comment: the first comment's words, before the first stamp, are in the section
    first = STAMPED.index("Why does nobody")
    assert spans[-1] == (first, len(STAMPED))
    assert not in_asides(STAMPED.index("The union said"), spans)


def test_the_first_comment_takes_as_many_lines_as_the_others_and_stops_at_a_reported_line() -> None:
    story = ("Ferry crews in Puerto Montt ended their stoppage on Friday.\n"
             "Crews returned to work after the company agreed to hire twelve more deckhands.\n"
             "The company said sailings would be back to normal by Sunday.\n")
    comments = ("About time.\nThe deckhands deserve it.\n"
                "June 2, 2023 at 9:01 am | Report abuse | Reply\n"
                "My cousin works on those boats.\nThey are always short of staff.\n"
                "June 2, 2023 at 9:30 am | Report abuse | Reply\n"
                "Good news for the island.\nFinally!\n"
                "June 2, 2023 at 10:12 am | Report abuse | Reply\n")
    text = story + comments
    assert find_asides(text)[-1] == (text.index("About time."), len(text))
    # a reported line just before the first stamp stays in the story
    text = story + comments.replace("About time.\nThe deckhands deserve it.\n", "")
    assert find_asides(text)[-1] == (text.index("June 2, 2023 at 9:01"), len(text))


def test_blog_post_footers_are_no_comment_stamps() -> None:
    page = ("Flood diary\n\n"
            "Water levels on the Rio Negro rose again overnight, the river authority said.\n"
            "Posted by Ana Ruiz at 6:53 PM | Permalink | Comments (3)\n\n"
            "Schools in Manaus will stay closed until Thursday, the city council said.\n"
            "Posted by Ana Ruiz at 9:10 AM | Permalink | Comments (0)\n\n"
            "Ferries to the upstream villages resumed on Saturday.\n"
            "Posted by Ana Ruiz at 4:02 PM | Permalink | 5 comments\n")
    assert find_asides(page) == ()


def test_one_stamp_is_not_a_comment_section() -> None:
    text = STORY + "Update 10:10 am | The port reopened for ferries.\n"
    assert find_asides(text) == ()


def test_a_comments_header_opens_the_comment_section() -> None:
    spans = find_asides(HEADED)
    assert spans == ((HEADED.index("Comments\n"), len(HEADED)),)


def test_comment_sentences_do_not_open_a_section() -> None:
    # "Comments ..." as a sentence of the story is not a header
    text = STORY + "Comments made by the minister on Tuesday angered the union.\nThe strike went on.\n"
    assert find_asides(text) == ()


def test_capitals_and_handles_are_asides_but_speaker_labels_are_not() -> None:
    rant = SHOUTING.index("THE GOVERNMENT")
    assert find_asides(SHOUTING) == ((rant, SHOUTING.index("\n", rant)),)
    transcript = STORY + "MARIA LOPEZ, UNION LEADER: We will stay out until the pay is restored.\n"
    assert find_asides(transcript) == ()
    handle = STORY + "@portwatcher99 lol again?\n"
    assert find_asides(handle) == ((handle.index("@port"), len(handle) - 1),)
    # the headline and dateline are not asides even in capitals
    assert find_asides("STRIKE SHUTS THE PORT OF VALPARAISO TODAY\n\n" + STORY[38:], 44) == ()


def test_no_record_comes_from_the_asides(pipeline) -> None:  # type: ignore[no-untyped-def]
    for text in (STAMPED, HEADED, SHOUTING):
        article = Article(id="a", text=text, dct="2019-03-04", dct_origin="metadata")
        ex = pipeline(article)
        spans = find_asides(text, article.body_start or 0)
        assert ex.article.text == text
        for name, recs in ex.records().items():
            if name != "timexes":
                assert not [r for r in recs if in_asides(r.start, spans)], name
        # the story's own records are still there, with their offsets into the full text
        assert any(text[e.start:e.end] == e.text for e in ex.entities)
        assert any(e.text.startswith("Valparaiso") or e.text == "Valparaiso" for e in ex.entities)
        countries = {p.name for p in ex.places}
        assert not countries & {"Argentina", "Peru", "Bolivia", "Brazil"}, countries
        assert all(text[r.start:r.end] == r.text for recs in ex.records().values() for r in recs if r.text)


def test_without_asides_everything_is_kept(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = STORY + "Argentina's dock union sent a message of support on Tuesday.\n"
    ex = pipeline(Article(id="b", text=text, dct="2019-03-04", dct_origin="metadata"))
    assert "Argentina" in {p.name for p in ex.places} | {e.canonical or e.text for e in ex.entities}
    assert find_asides(text) == ()
