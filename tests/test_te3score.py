"""The TE3 task A scorer (bench/te3score.py) on a tiny case computed by hand, and on the peer runs."""
from __future__ import annotations

from pathlib import Path

import pytest

from dateline.settings import settings

from .conftest import bench_module



te3 = bench_module("te3score")

GOLD = """<?xml version="1.0" ?><TimeML><DOCID>d</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2013-03-22" functionInDocument="CREATION_TIME">March 22, 2013</TIMEX3></DCT>
<TEXT>The flu killed 105 children <TIMEX3 tid="t1" type="DATE" value="2013-W11">last week</TIMEX3>, the CDC said \
<TIMEX3 tid="t2" type="DATE" value="2013-03-22">Friday</TIMEX3>. The season started \
<TIMEX3 tid="t3" type="DURATION" value="P1M">a month</TIMEX3> early and lasted \
<TIMEX3 tid="t4" type="DURATION" value="P5M">five months</TIMEX3> in <TIMEX3 tid="t5" type="DATE" value="2012">2012</TIMEX3>.</TEXT>
</TimeML>"""

# system: "last week" exact with a wrong value; "Friday" exact and right; "a month early" overlaps "a month"
# (relaxed; right value, wrong type); "five months" missed; "2012" exact, right value, type DURATION (wrong);
# "The season" spurious.
SYSTEM = """<?xml version="1.0" ?><TimeML><DOCID>d</DOCID>
<TEXT>The flu killed 105 children <TIMEX3 tid="t1" type="DATE" value="2013-W12">last week</TIMEX3>, the CDC said \
<TIMEX3 tid="t2" type="DATE" value="2013-03-22">Friday</TIMEX3>. <TIMEX3 tid="t3" type="DATE" value="XXXX-SP">The \
season</TIMEX3> started <TIMEX3 tid="t4" type="DATE" value="P1M">a month early</TIMEX3> and lasted five months in \
<TIMEX3 tid="t5" type="DURATION" value="2012">2012</TIMEX3>.</TEXT>
</TimeML>"""


def test_hand_computed_case() -> None:
    sc = te3.score_texts(GOLD, SYSTEM)
    # 5 gold (the DCT does not count), 5 system; 4 relaxed matches, 3 of them strict
    assert (sc.gold, sc.system, sc.relaxed, sc.strict) == (5, 5, 4, 3)
    # values right: Friday, a month, 2012 (3 of 4); types right: last week, Friday (2 of 4)
    assert (sc.value_ok, sc.type_ok) == (3, 2)
    m = sc.metrics()
    assert m["relaxed_p"] == pytest.approx(80.0) and m["relaxed_r"] == pytest.approx(80.0)
    assert m["relaxed_f1"] == pytest.approx(80.0)
    assert m["strict_f1"] == pytest.approx(60.0)
    assert m["value_f1"] == pytest.approx(0.75 * 80.0)  # value accuracy on relaxed matches x relaxed F1
    assert m["type_f1"] == pytest.approx(0.5 * 80.0)
    kinds = sorted(e[1] for e in sc.errors)
    assert kinds == ["attr", "attr", "attr", "missed", "spurious"]


def test_whitespace_differences_are_aligned() -> None:
    spaced = SYSTEM.replace("The flu killed", "The  flu\nkilled")
    assert te3.score_texts(GOLD, spaced).metrics() == te3.score_texts(GOLD, SYSTEM).metrics()


TE3 = Path(settings.bench_dir) / "tempeval3"


@pytest.mark.skipif(not (TE3 / "peers").is_dir(), reason="TempEval-3 data not beside the repo")
def test_reproduces_published_peer_figures() -> None:
    """HeidelTime's best run: value F1 77.61, relaxed F1 90.30 (TE3 official results); SUTime 67.38."""
    gold = TE3 / "test" / "gold"
    heidel = te3.score_dirs(gold, TE3 / "peers" / "unihd" / "english-3" / "test-TaskABC").metrics()
    assert heidel["value_f1"] == pytest.approx(77.61, abs=1.5)
    assert heidel["relaxed_f1"] == pytest.approx(90.30, abs=1.5)
    sutime = te3.score_dirs(gold, TE3 / "peers" / "Stanford" / "SUTime" / "test-TaskABC").metrics()
    assert sutime["value_f1"] == pytest.approx(67.38, abs=1.5)
