"""`dateline timeml PATH [--dct] [--out]` via typer's runner: TimeML with TIMEX3 tags, readable by the scorer."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dateline.cli import app
from dateline.extract.time.timeml import read_timeml
from dateline.settings import settings

from .conftest import SEED_DATED, SEED_UNDATED, bench_module

runner = CliRunner()


def test_timeml_of_an_article_with_dct(tmp_path: Path) -> None:
    out = tmp_path / "seed.tml"
    res = runner.invoke(app, ["timeml", str(SEED_UNDATED), "--dct", "2024-08-16", "--out", str(out)])
    assert res.exit_code == 0, res.output
    xml = out.read_text(encoding="utf-8")
    assert 'functionInDocument="CREATION_TIME"' in xml and 'value="2024-08-16"' in xml
    text, timexes = bench_module("te3score").parse_timeml(xml)
    assert text.startswith("Some progress was made on Thursday")
    got = {(t.text, t.type, t.value) for t in timexes}
    assert ("Thursday night", "TIME", "2024-08-15TNI") in got
    assert ("Friday", "DATE", "2024-08-16") in got
    assert re.search(r'<TIMEX3 tid="t\d+" type="DATE" value="2024-05" mod="END">late May</TIMEX3>', xml)
    # tids are unique
    tids = re.findall(r'tid="(t\d+)"', xml)
    assert len(tids) == len(set(tids))


def test_timeml_prints_and_reads_the_header_date() -> None:
    res = runner.invoke(app, ["timeml", str(SEED_DATED)])
    assert res.exit_code == 0, res.output
    assert 'value="2025-05-12"' in res.stdout
    assert '<TIMEX3 tid="t' in res.stdout and ">October 7, 2023</TIMEX3>" in res.stdout


def test_timeml_bad_input(tmp_path: Path) -> None:
    res = runner.invoke(app, ["timeml", str(tmp_path / "missing.txt")])
    assert res.exit_code != 0
    res = runner.invoke(app, ["timeml", str(SEED_DATED), "--dct", "not-a-date"])
    assert res.exit_code != 0


def test_timeml_of_a_folder_writes_one_file_per_article(tmp_path: Path) -> None:
    src = tmp_path / "in"
    for rel, text in (("a/story.txt", "date 2025-05-12\nTalks resumed on Monday."),
                      ("b/story.txt", "date 2025-05-13\nA flood hit Texas on Tuesday."),
                      ("story.txt", "date 2025-05-14\nTalks ended on Wednesday.")):
        (src / rel).parent.mkdir(parents=True, exist_ok=True)
        (src / rel).write_text(text)
    (src / "x.jsonl").write_text('{"id": "../../etc/evil", "text": "Talks on Monday.", "date": "2025-05-12"}\n'
                                 '{"id": "story", "text": "Another story on Friday.", "date": "2025-05-12"}\n')
    out = tmp_path / "out"
    res = runner.invoke(app, ["timeml", str(src), "--out", str(out)])
    assert res.exit_code == 0, res.output
    files = sorted(str(p.relative_to(out)) for p in out.rglob("*.tml"))
    assert files == ["a/story.tml", "b/story.tml", "etc/evil.tml", "story-1.tml", "story.tml"]
    for f in out.rglob("*.tml"):  # each a whole TimeML document the scorer reads
        text, _ = bench_module("te3score").parse_timeml(f.read_text(encoding="utf-8"))
        assert text
    assert "Tuesday" in (out / "b" / "story.tml").read_text() and 'value="2025-05-13"' in (out / "b" / "story.tml").read_text()


def test_timeml_of_a_url_says_so() -> None:
    res = runner.invoke(app, ["timeml", "https://example.org/feed.rss"])
    assert res.exit_code == 1 and "https://example.org/feed.rss: a URL" in res.output


TE3_INPUT = Path(settings.bench_dir) / "tempeval3" / "test" / "input"


@pytest.mark.skipif(not TE3_INPUT.is_dir(), reason="TempEval-3 data not beside the repo")
def test_timeml_tags_a_te3_input_file(tmp_path: Path) -> None:
    src = sorted(TE3_INPUT.glob("*.TE3input"))[0]
    out = tmp_path / src.name.replace(".TE3input", "")
    res = runner.invoke(app, ["timeml", str(src), "--out", str(out)])
    assert res.exit_code == 0, res.output
    raw_in, raw_out = src.read_text(encoding="utf-8"), out.read_text(encoding="utf-8")
    # the same document with TIMEX3 tags added inside <TEXT> only
    assert re.sub(r"</?TIMEX3[^>]*>", "", raw_out.split("<TEXT>")[1]) == raw_in.split("<TEXT>")[1]
    assert raw_out.split("<TEXT>")[0] == raw_in.split("<TEXT>")[0]
    doc = read_timeml(raw_out)
    assert doc.dct == read_timeml(raw_in).dct
    text, timexes = bench_module("te3score").parse_timeml(raw_out)
    assert text == read_timeml(raw_in).text and timexes
