"""The fuse stage on hand-made records (no spaCy): duplicates, stories, fused events, figures, timelines."""
from __future__ import annotations

from datetime import date

import pytest

from dateline.fuse import (FuseConfig, TimelineConfig, TLSentence, build_timeline, cluster, figure_series,
                           find_duplicates, fuse_events, rank_dates, sentences_of)
from dateline.cli.fuse import _credit
from dateline.fuse.merge import story_row
from dateline.fuse.run import story_timeline
from dateline.fuse.text import sentence_spans
from dateline.model import Article, Entity, Event, Extraction, Figure, Place, Timex

WIRE = ("Negotiators from both sides met in Doha on Tuesday for a new round of talks on a ceasefire and the "
        "release of hostages, officials said. The talks were mediated by Qatar and Egypt and lasted late into "
        "the night, according to two people briefed on the meetings. A spokesman for the foreign ministry said "
        "progress had been made on the sequence of releases but that gaps remained on the withdrawal of troops.")


def art(aid: str, text: str, dct: str | None, source: str = "Meridian", **kw: object) -> Article:
    return Article(id=aid, text=text, dct=dct, dct_origin="header" if dct else "missing", source=source, **kw)


# -- duplicates ----------------------------------------------------------------------------------

def test_copies_and_updates_link_to_the_earliest() -> None:
    original = art("a1", WIRE, "2025-03-18")
    copy = art("a2", WIRE.replace("officials said", "officials told reporters"), "2025-03-18", source="Harbor")
    update = art("a3", WIRE + " Later on Wednesday the delegations returned to their capitals for consultations "
                              "and were expected back next week.", "2025-03-19", source="Ledger")
    other = art("a4", "Health officials in Lubbock reported three new measles cases on Monday, bringing the "
                      "county's total for the outbreak to forty-two, most of them in unvaccinated children, and "
                      "urged parents to check their records before the school term begins.", "2025-03-18")
    # input order must not matter: the earliest copy stays the primary
    dups = find_duplicates([update, copy, other, original])
    assert {a: d.duplicate_of for a, d in dups.items()} == {"a2": "a1", "a3": "a1"}
    assert all(0.5 <= d.similarity <= 1 for d in dups.values())


def test_short_texts_are_never_linked() -> None:
    a, b = art("x1", "Talks resume.", "2025-01-01"), art("x2", "Talks resume.", "2025-01-02")
    assert find_duplicates([a, b]) == {}


# -- stories -------------------------------------------------------------------------------------

def _story_ex(aid: str, dct: str, topic: str, extra: str = "") -> Extraction:
    if topic == "gaza":
        text = (f"Hamas and Israel resumed ceasefire talks in Doha mediated by Qatar. Hostages and a truce in "
                f"Gaza were discussed by negotiators. {extra}")
        ents = [("Hamas", "ORG"), ("Israel", "GPE"), ("Qatar", "GPE")]
        places = ["Gaza", "Doha"]
    else:
        text = (f"Measles cases rose again in Lubbock as health officials in Texas urged vaccination. The "
                f"outbreak in Gaines County spread to schools. {extra}")
        ents = [("Texas Department of State Health Services", "ORG"), ("CDC", "ORG")]
        places = ["Lubbock", "Texas"]
    ex = Extraction(article=art(aid, text, dct))
    for name, label in ents:
        i = text.find(name)
        ex.entities.append(Entity(article_id=aid, text=name, start=max(i, 0), end=max(i, 0) + len(name),
                                  label=label, canonical=name))
    for name in places:
        i = text.find(name)
        ex.places.append(Place(article_id=aid, text=name, start=i, end=i + len(name), name=name))
    return ex


def test_two_stories_and_incremental_batches() -> None:
    batch1 = [_story_ex("g1", "2025-03-18", "gaza"), _story_ex("m1", "2025-03-19", "measles"),
              _story_ex("g2", "2025-03-20", "gaza", "Egypt joined."), _story_ex("m2", "2025-03-21", "measles")]
    first = cluster(batch1)
    assert first["g1"][0] == first["g2"][0] != first["m1"][0] == first["m2"][0]
    existing = {a: s for a, (s, _) in first.items()}
    batch2 = [_story_ex("g3", "2025-03-25", "gaza", "A new proposal was tabled."),
              _story_ex("m3", "2025-03-26", "measles", "A second child died.")]
    lone = Extraction(article=art("z1", "The central bank raised interest rates by a quarter point to fight "
                                        "inflation, citing strong wage growth.", "2025-03-26"))
    second = cluster(batch1 + batch2 + [lone], existing=existing)
    for a, s in existing.items():
        assert second[a][0] == s  # kept
    assert second["g3"][0] == existing["g1"] and second["m3"][0] == existing["m1"]
    assert second["z1"][0] not in set(existing.values())


def test_duplicate_joins_its_primary_story() -> None:
    exs = [_story_ex("g1", "2025-03-18", "gaza"), _story_ex("m1", "2025-03-19", "measles")]
    copy = Extraction(article=art("c1", "Unrelated words entirely about something else altogether.", "2025-03-19"))
    out = cluster([*exs, copy], duplicates={"c1": "g1"})
    assert out["c1"][0] == out["g1"][0]


# -- fused events and figures --------------------------------------------------------------------

def _ev(aid: str, actor: str, action: str, target: str, day: str, start: int = 0) -> Event:
    return Event(article_id=aid, text="x", start=start, end=start + 1, actor=actor, action=action, target=target,
                 date=day)


def test_same_event_across_articles_is_fused_with_provenance() -> None:
    a = Extraction(article=art("a", "x" * 50, "2025-03-18", source="Meridian"),
                   events=[_ev("a", "Israel", "ASSAULT", "Gaza", "2025-03-18"),
                           _ev("a", "Hamas", "RELEASE", "hostages", "2025-03-19", 10)])
    b = Extraction(article=art("b", "y" * 50, "2025-03-19", source="Harbor"),
                   events=[_ev("b", "israel", "ASSAULT", "Gaza", "2025-03-18", 5)])
    fused = fuse_events("s1", [a, b])
    assert len(fused) == 2
    strike = next(e for e in fused if e.action == "ASSAULT")
    assert strike.n_articles == 2 and strike.n_mentions == 2
    assert strike.sources == ["Harbor", "Meridian"]
    assert {(p["article_id"], p["start"]) for p in strike.provenance} == {("a", 0), ("b", 5)}


def _fig(aid: str, value: float, qualifier: str | None = None, source: str | None = None,
         as_of: str | None = "2025-03-20", category: str = "killed") -> Figure:
    return Figure(article_id=aid, text=str(value), start=0, end=1, value=value, category=category,
                  qualifier=qualifier, source=source, as_of=as_of)


def test_figure_series_flags_disagreeing_sources() -> None:
    a = Extraction(article=art("a", "t", "2025-03-20", source="Meridian"),
                   figures=[_fig("a", 400, source="Gaza health ministry"), _fig("a", 12, category="injured")])
    b = Extraction(article=art("b", "t", "2025-03-20", source="Harbor"),
                   figures=[_fig("b", 250, source="Israeli military")])
    c = Extraction(article=art("c", "t", "2025-03-21", source="Ledger"),
                   figures=[_fig("c", 380, "at least", source="UN"), _fig("c", 420, as_of=None)])
    pts = figure_series("s1", [a, b, c])
    killed = [p for p in pts if p.category == "killed"]
    assert [p.date for p in killed] == ["2025-03-20", "2025-03-20", "2025-03-20", "2025-03-21"]
    flagged = {p.source for p in killed if p.contradiction}
    # 400 vs 250 disagree; "at least 380" agrees with 400 but not with 250
    assert flagged == {"Gaza health ministry", "Israeli military", "UN"}
    assert len({p.contradiction_group for p in killed if p.contradiction}) == 1
    undated_as_of = next(p for p in killed if p.article_id == "c" and p.value == 420)
    assert undated_as_of.date == "2025-03-21" and undated_as_of.source == "Ledger" and not undated_as_of.contradiction


def test_same_source_update_is_not_a_contradiction() -> None:
    a = Extraction(article=art("a", "t", "2025-03-20"), figures=[_fig("a", 10, source="ministry")])
    b = Extraction(article=art("b", "t", "2025-03-20"), figures=[_fig("b", 14, source="Ministry")])
    assert not any(p.contradiction for p in figure_series("s", [a, b]))


def test_story_row() -> None:
    exs = [_story_ex("g1", "2025-03-18", "gaza"), _story_ex("g2", "2025-03-25", "gaza")]
    row = story_row("s1", exs, {})
    assert row["size"] == 2 and row["first_date"] == "2025-03-18" and row["last_date"] == "2025-03-25"
    assert row["top_actors"][:3] == ["Hamas", "Israel", "Qatar"]
    assert "Hamas" in row["label"]


# -- timeline ------------------------------------------------------------------------------------

def test_sentence_spans() -> None:
    text = "Mr. Smith arrived on Jan. 5 in the U.S. capital. He left. \n\nThen a new line"
    spans = [text[s:e] for s, e in sentence_spans(text)]
    assert spans == ["Mr. Smith arrived on Jan. 5 in the U.S. capital.", "He left.", "Then a new line"]
    text = 'The mayor said "the road is open." Crews left at noon.'
    assert [text[s:e] for s, e in sentence_spans(text)] == ['The mayor said "the road is open."', "Crews left at noon."]


def _tl_ex(aid: str, dct: str, text: str, dates: dict[str, str]) -> Extraction:
    ex = Extraction(article=art(aid, text, dct))
    for mention, value in dates.items():
        i = text.index(mention)
        ex.timexes.append(Timex(article_id=aid, text=mention, start=i, end=i + len(mention), value=value))
    return ex


def test_timeline_ranks_the_date_many_articles_mention() -> None:
    exs = [
        _tl_ex(f"a{i}", f"2025-03-{20 + i}", f"Israel resumed strikes across Gaza on March 18 in a wave of air "
               f"raids, officials said. Report number {i} adds some unrelated detail about the weather today.",
               {"March 18": "2025-03-18"}) for i in range(4)
    ] + [_tl_ex("b", "2025-03-26", "Negotiators met in Cairo on March 25 to discuss a new truce proposal.",
                {"March 25": "2025-03-25"})]
    sents = [s for ex in exs for s in sentences_of(ex)]
    assert sents[0].dates == (date(2025, 3, 18),) and sents[0].text.endswith("officials said.")
    ranked = rank_dates(sents)
    assert ranked[0][0] == date(2025, 3, 18)
    tl = build_timeline(sents, 2, 1)
    assert [e.date for e in tl] == sorted(e.date for e in tl)
    top = next(e for e in tl if e.rank == 1)
    assert top.date == date(2025, 3, 18) and len(top.sentences) == 1
    assert "March 18" in top.sentences[0].text
    assert len(build_timeline(sents, 10, 2)) <= 10
    # restricting the span keeps only articles published inside it
    late = build_timeline(sents, 5, 1, start=date(2025, 3, 24), end=date(2025, 3, 30))
    assert all(s.article_id in {"a4", "b", "a3"} for e in late for s in e.sentences)


def test_a_copy_from_another_outlet_is_credited_on_its_primary() -> None:
    text = ("Egypt hosted a new round of ceasefire talks in Cairo on March 25, two officials said. The "
            "delegations met for six hours and agreed to meet again later in the week, the officials added.")
    primary = _tl_ex("p1", "2025-03-26", text, {"March 25": "2025-03-25"})
    primary.article.source = None  # an outlet the file did not name
    copy = _tl_ex("c1", "2025-03-26", text, {"March 25": "2025-03-25"})
    copy.article.source = "Harbor Post"
    other = _tl_ex("c2", "2025-03-26", text, {"March 25": "2025-03-25"})
    other.article.source = "Northline"
    tl = story_timeline([primary, copy, other], 1, 1, duplicates={"c1": "p1", "c2": "p1"})
    sent = tl[0].sentences[0]
    assert sent.article_id == "p1" and sent.copies == ("Harbor Post", "Northline")
    assert _credit(sent.to_dict()) == "Harbor Post, Northline (copies)"
    primary.article.source = "Meridian"
    sent = story_timeline([primary, copy], 1, 1, duplicates={"c1": "p1"})[0].sentences[0]
    assert _credit(sent.to_dict()) == "Meridian (also Harbor Post)"


def test_near_duplicate_sentences_are_not_repeated() -> None:
    s = [TLSentence(text="Israel resumed strikes across Gaza on March 18, officials said.", article_id=str(i),
                    start=0, end=10, pub=date(2025, 3, 19), dates=(date(2025, 3, 18),)) for i in range(3)]
    s.append(TLSentence(text="Hamas said the strikes killed hundreds of people across the territory.",
                        article_id="x", start=0, end=5, pub=date(2025, 3, 19), dates=(date(2025, 3, 18),)))
    tl = build_timeline(s, 1, 2, config=TimelineConfig())
    assert len(tl[0].sentences) == 2
    assert len({x.text for x in tl[0].sentences}) == 2


def test_fuse_config_defaults() -> None:
    cfg = FuseConfig()
    assert cfg.max_dates >= 10 and cfg.sentences >= 1


@pytest.mark.parametrize(("q1", "v1", "q2", "v2", "contradict"), [
    ("about", 2400, "up to", 3700, True),       # a high estimate is the speaker's figure, not a bare bound
    ("about", 3500, "up to", 3700, False),      # ...within 10% of it
    ("about", 2400, "at most", 3700, False),    # a real upper bound that 2,400 satisfies
    ("at least", 4000, "as many as", 3700, True),
    (None, 93, None, 114, True),
])
def test_qualifiers_decide_whether_two_claims_disagree(q1, v1, q2, v2, contradict) -> None:
    a = Extraction(article=art("a", "t", "2024-12-20"), figures=[_fig("a", v1, q1, source="governor")])
    b = Extraction(article=art("b", "t", "2024-12-20"), figures=[_fig("b", v2, q2, source="transport ministry")])
    assert all(p.contradiction == contradict for p in figure_series("s", [a, b]))


def test_days_from_a_guessed_publication_date_outside_the_story_are_dropped() -> None:
    dated = [Extraction(article=art(f"d{i}", "t", f"2024-12-{d}"), figures=[_fig(f"d{i}", 2400, source="governor",
                                                                               as_of=f"2024-12-{d}")])
             for i, d in enumerate(("16", "20"))]
    guessed = Article(id="g", text="t", dct="2025-12-18", dct_origin="estimated", source="Meridian")
    near = Article(id="n", text="t", dct="2024-12-27", dct_origin="estimated", source="Meridian")
    pts = figure_series("s", [*dated, Extraction(article=guessed, figures=[_fig("g", 200, as_of="2025-12-18")]),
                              Extraction(article=near, figures=[_fig("n", 300, as_of="2024-12-26")])])
    by_article = {p.article_id: p.date for p in pts}
    assert by_article == {"d0": "2024-12-16", "d1": "2024-12-20", "g": None, "n": "2024-12-26"}


def test_the_outlet_of_an_article_is_not_one_of_its_story_actors(pipeline) -> None:
    """An article's own outlet, in its dateline or named as the paper someone spoke to, is not an actor of the
    story (it was a top actor and half of the story label)."""
    texts = [
        ("v1", "2024-08-05", "PALU, Indonesia (Coral Times) — Indonesia's disaster agency said on Monday that 1,200 "
                             "people had fled the slopes of Mount Lokon after a new eruption."),
        ("v2", "2024-08-06", "PALU, Indonesia (Coral Times) — The disaster agency said ash closed the airport at "
                             "Manado on Tuesday. \"We expect more eruptions,\" a volcanologist told the Coral Times."),
    ]
    exs = [pipeline(art(a, t, d, source="Coral Times")) for a, d, t in texts]
    assert any("Coral Times" in e.text for ex in exs for e in ex.entities)  # NER does see it
    row = story_row("s1", exs, {})
    assert not any("coral times" in a.lower() for a in row["top_actors"]), row["top_actors"]
    assert "Coral Times" not in row["label"]
