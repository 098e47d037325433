"""A date header on its own line right under a headline is the article's date (new texts, session 11)."""
from __future__ import annotations

from dateline.ingest.text import article_from_text


def test_date_line_under_a_headline_is_the_header():
    a = article_from_text("Ferry sinks off Zanzibar\ndate 2023-07-14\nSTONE TOWN (Coast Wire) — A ferry sank on "
                          "Friday, police said.", id="f")
    assert (a.dct, a.dct_origin, a.title, a.source) == ("2023-07-14", "header", "Ferry sinks off Zanzibar", "Coast Wire")
    assert "2023-07-14" not in a.text and a.text.startswith("Ferry sinks off Zanzibar\nSTONE TOWN")
    b = article_from_text("Ferry sinks off Zanzibar\nDate: 14 July 2023\n\nA ferry sank on Friday.", id="g")
    assert b.dct == "2023-07-14" and b.title == "Ferry sinks off Zanzibar"


def test_sentences_about_dates_are_no_header():
    a = article_from_text("Ferry inquiry opens\nDate of the hearing was not set, officials said.\nMore later.", id="h")
    assert a.dct is None and "Date of the hearing" in a.text
    # under a sentence (not a headline) a date line is text
    b = article_from_text("A ferry sank on Friday.\ndate 2023-07-14\nPolice said.", id="i")
    assert b.dct is None
