"""Figure kinds, scope, as-of and source on real sentences; series and contradictions between comparable figures
only (qualifier bounds from resources/figures/qualifiers.json, tolerances from FuseConfig)."""
from __future__ import annotations

import pytest

from dateline.extract.figures.lexicon import load_lexicon
from dateline.fuse.merge import FigureConfig, figure_series, scope_key, series_key
from dateline.model import Article
from dateline.store import Store


def _fig(pipeline, text: str, dct: str, value: float):
    ex = pipeline(Article(id=f"t{abs(hash(text)) % 10**8}", text=text, dct=dct))
    hits = [f for f in ex.figures if f.value == value]
    assert len(hits) == 1, [(f.text, f.value) for f in ex.figures]
    return hits[0]


def test_qualifier_bounds_come_from_the_data() -> None:
    lex = load_lexicon()
    assert lex.bound_of("no more than") == lex.bound_of("at most") == "upper"
    assert lex.bound_of("up to") == lex.bound_of("as many as") == "estimate"
    assert lex.bound_of("at least") == lex.bound_of("more than") == "lower"
    assert lex.bound_of("about") == "approximate" and lex.bound_of(None) == "exact"


def _story(pipeline, docs: list[tuple[str, str, str, str]]):
    exs = [pipeline(Article(id=aid, text=text, dct=dct, source=outlet)) for aid, text, dct, outlet in docs]
    return figure_series("s1", exs)


def test_no_more_than_is_an_upper_bound_not_a_contradiction(pipeline) -> None:
    pts = _story(pipeline, [
        ("a1", "No more than 50 people were killed in the blast, the ministry said on Monday.", "2025-03-03",
         "Meridian"),
        ("a2", "Thirty people were killed in the blast, the police said on Monday.", "2025-03-03", "Harbor"),
    ])
    killed = [p for p in pts if p.category == "killed"]
    assert sorted(p.value for p in killed) == [30, 50]
    assert not any(p.contradiction for p in killed)


def test_rising_cumulative_toll_from_two_outlets_is_a_series(pipeline) -> None:
    pts = _story(pipeline, [
        ("b1", "The death toll from the earthquake has risen to 1,644, the junta said on Saturday.", "2025-03-29",
         "Meridian"),
        ("b2", "The death toll from the earthquake has risen to 2,719, the junta chief said on Tuesday.",
         "2025-04-01", "Harbor"),
        ("b3", "The death toll from the earthquake has risen to 3,085, state media said on Thursday.",
         "2025-04-03", "Ledger"),
    ])
    toll = [p for p in pts if p.category == "killed"]
    assert [p.value for p in sorted(toll, key=lambda p: p.date or "")] == [1644, 2719, 3085]
    assert {p.kind for p in toll} == {"cumulative"}
    assert not any(p.contradiction for p in pts)


def test_a_falling_running_total_from_another_source_is_flagged_with_its_reason(pipeline) -> None:
    pts = _story(pipeline, [
        ("c1", "The death toll has risen to 2,000, the ministry said on Monday.", "2025-03-03", "Meridian"),
        ("c2", "The death toll has risen to 1,500, the army said on Wednesday.", "2025-03-05", "Harbor"),
    ])
    flagged = [p for p in pts if p.contradiction]
    assert sorted(p.value for p in flagged) == [1500, 2000]
    assert len({p.contradiction_group for p in flagged}) == 1
    assert all("cannot fall" in (p.reason or "") for p in flagged)


def test_tolerances_are_configurable(pipeline) -> None:
    exs = [pipeline(Article(id=a, text=t, dct="2025-03-03", source=o)) for a, t, o in (
        ("d1", "About 100 people were killed in the blast, the ministry said on Monday.", "Meridian"),
        ("d2", "Some 125 people were killed in the blast, the police said on Monday.", "Harbor"))]
    assert any(p.contradiction for p in figure_series("s", exs))  # 90..110 vs 112.5..137.5
    assert not any(p.contradiction for p in figure_series("s", exs, FigureConfig(approximate=0.2)))


@pytest.mark.parametrize("text,dct,value,field,expected", [
    ("Hamas attacked Israel on October 7, 2023, killing over 1,200 people and abducting some 240 others.",
     "2023-10-20", 240, "category", "hostages abducted"),
    ("The death toll has risen to 24, with 77 missing, the junta said.", "2025-03-30", 77, "category", "missing"),
    ("The death toll has risen to 24, with 77 missing, the junta said.", "2025-03-30", 24, "kind", "cumulative"),
    ("Syrian forces killed up to 37 people a day earlier, activists said.", "2011-04-28", 37, "as_of",
     "2011-04-27"),
    ("The state now has 107 cases, up from 98 on Friday, officials said.", "2025-03-13", 98, "as_of",
     "2025-03-07"),
    ("Eleven workers were killed in the April 20 explosion, the company said.", "2010-07-15", 11, "as_of",
     "2010-04-20"),
    ("BP said it was capturing 5,000 barrels a day.", "2010-06-01", 5000, "kind", "rate"),
    ("The virus has infected more than 5,000 people in 30 countries.", "2009-05-14", 5000, "scope",
     "in 30 countries"),
    ("More than 1,200 people have contracted the virus in Australia.", "2009-06-10", 1200, "scope",
     "in Australia"),
])
def test_figure_fields_from_the_clause(pipeline, text, dct, value, field, expected) -> None:
    assert getattr(_fig(pipeline, text, dct, value), field) == expected


def test_a_description_is_resolved_to_the_named_entity_and_kept(pipeline) -> None:
    text = ("BP shares fell on Monday in London. The company said 5,000 barrels a day were leaking from "
            "the well.")
    f = _fig(pipeline, text, "2010-05-03", 5000)
    assert (f.source, f.source_text) == ("BP", "the company")


def test_the_figure_in_a_statement_takes_its_speaker(pipeline) -> None:
    f = _fig(pipeline, "BP said it collected 352 barrels of oil on Sunday.", "2010-05-17", 352)
    assert f.source == "BP" and f.as_of == "2010-05-16"


def test_flagged_pairs_on_the_corpus_are_comparable(corpus_db: str) -> None:
    """Every contradiction group of the sample corpus: one category, kind, scope and unit; a same-day group one
    day; every flagged point says why."""
    with Store(corpus_db, read_only=True) as store:
        groups: dict[str, list[dict]] = {}
        for st in store.query("SELECT DISTINCT story_id FROM figure_series"):
            for r in store.figure_series(st["story_id"]):
                if r["contradiction"]:
                    groups.setdefault(r["contradiction_group"], []).append(r)
    assert groups
    for rows in groups.values():
        assert len(rows) >= 2
        # one scope as series compare it: one place by any of its names ('across Gaza' / 'across the Gaza Strip')
        assert len({(r["category"], r["kind"], scope_key(r["scope"]), r["unit"]) for r in rows}) == 1, rows
        assert len({r["source"] for r in rows}) >= 2
        assert all(r["reason"] for r in rows)
        if rows[0]["reason"].startswith("same day"):
            assert len({r["date"] for r in rows}) == 1


def test_series_key_separates_scope_and_kind() -> None:
    from dateline.fuse.merge import SeriesPoint

    base = dict(story_id="s", category="deaths", date="2025-03-30", value=1.0, qualifier=None, source="x",
                article_id="a", start=0, end=1)
    a = SeriesPoint(**base, scope="in Myanmar", kind="cumulative")
    b = SeriesPoint(**base, scope="in Thailand", kind="cumulative")
    c = SeriesPoint(**base, scope="in Myanmar", kind="increment")
    assert len({series_key(a), series_key(b), series_key(c)}) == 3


def test_cli_figures_shows_scope_and_kind_per_series(corpus_db: str, tmp_path) -> None:
    """`dateline figures` prints scope and kind columns, and its rows come in one run per (category, scope,
    kind) series: the JSON rows carry both fields, and a key never reappears after another key's rows."""
    import json

    from typer.testing import CliRunner

    from dateline.cli import app

    with Store(corpus_db, read_only=True) as store:
        story = max(store.query("SELECT story_id, count(*) AS n FROM figure_series GROUP BY story_id"),
                    key=lambda r: r["n"])["story_id"]
    runner = CliRunner()
    out = tmp_path / "figures.txt"  # the table at a fixed width (the terminal's varies)
    text = runner.invoke(app, ["figures", story, "--db", corpus_db, "--out", str(out)])
    assert text.exit_code == 0, text.output
    header = next(line for line in out.read_text(encoding="utf-8").splitlines()
                  if "category" in line and "value" in line)
    assert "scope" in header and "kind" in header
    res = runner.invoke(app, ["figures", story, "--db", corpus_db, "--format", "json"])
    assert res.exit_code == 0, res.output
    rows = json.loads(res.output)
    assert rows and all({"scope", "kind"} <= set(r) for r in rows)
    assert any(r["scope"] for r in rows) and any(r["kind"] for r in rows)
    keys = [(r["category"], r["scope"] or "", r["kind"] or "") for r in rows]
    runs = [k for i, k in enumerate(keys) if i == 0 or keys[i - 1] != k]
    assert len(runs) == len(set(runs))  # each series is contiguous


def test_scope_key_one_place_by_two_names_and_no_destination() -> None:
    assert scope_key("across Gaza") == scope_key("across the Gaza Strip") != scope_key("in Texas")
    assert scope_key("into the Black Sea") == scope_key(None) == ""  # where spilled oil went splits no total
    assert scope_key("in Texas, since 2025-01") != scope_key("in Texas")


def test_a_contradiction_reason_shows_the_scope_and_dates_as_written() -> None:
    """The reason names the series' scope as the article wrote it (an ISO date stays ``2024-11-02``, not the
    matching key ``2024 11 02``), and the days of both claims in ISO form."""
    from dateline.fuse.merge import SeriesPoint, contradictions

    def pt(value: float, day: str, source: str) -> SeriesPoint:
        return SeriesPoint(story_id="s", category="displaced", date=day, value=value, qualifier=None,
                           scope="since 2024-11-02", source=source, article_id=source, start=0, end=3,
                           kind="cumulative")

    same_day = [pt(8200, "2024-11-20", "Coast Radio"), pt(5100, "2024-11-20", "Valley Times")]
    falling = [pt(9000, "2024-11-21", "Coast Radio"), pt(6000, "2024-11-25", "Valley Times")]
    for pts in (same_day, falling):
        contradictions("s", pts)
        assert all(p.contradiction for p in pts)
        for p in pts:
            assert "scope since 2024-11-02" in (p.reason or ""), p.reason
            assert "2024 11" not in (p.reason or ""), p.reason
            assert all(o.date in (p.reason or "") for o in pts), p.reason


@pytest.mark.parametrize("text,value,as_of", [
    ("The valley was last flooded in May 1987, when 210 people drowned.", 210, "1987-05"),
    ("The old bridge collapsed in 2009, when a storm killed 55 people.", 55, "2009"),
    ("The mine last caught fire on February 2, when 17 workers were killed.", 17, "2025-02-02"),
])
def test_a_when_clause_count_is_as_of_the_date_it_refers_back_to(pipeline, text: str, value: float,
                                                                 as_of: str) -> None:
    """A background count in a 'when' clause ("in May 1987, when 210 people drowned") is as of that date, not
    the article's publication day (it was dated on the DCT and joined the story's series)."""
    f = _fig(pipeline, text, "2025-03-20", value)
    assert f.as_of == as_of, (f.as_of, f.as_of_origin)
