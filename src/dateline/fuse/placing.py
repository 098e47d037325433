"""The evidence that places an undated article on a day of its story, as features of each candidate day.

``fuse.redate`` scores every candidate day ``d`` of a story by a weighted sum of these features (a conditional
logit over the candidate days: the weights are fitted on the tune half of Timeline17 by ``bench/undated.py
--fit``), so that no piece of evidence is a rule that overrides the others:

- ``neighbours``: the dated articles most similar to it vote for their own day and (a little less) the day after,
  in proportion to similarity ** 2;
- ``closest``: the same vote, concentrated on the few neighbours nearly as similar as the most similar one (a
  retold or updated report of the same news);
- ``lead``: the same vote by the similarity of the article's title and first sentences (what is new) to theirs;
- ``passages``: the dated articles it shares rare passages with (word 8-grams: the same wire copy or quote);
- ``activity``: how many of the story's dated articles appeared around ``d`` (where the story was being told);
- ``fact_recent`` / ``fact_after``: the latest dated fact it names (a date with its year) is a lower bound: recent
  on ``d`` is likely, after ``d`` is not (a day and month without a year is not used: fitted apart, its weight
  was nil, and it misled: an anniversary, a date to come);
- ``headline_date``: a date with its year in the article's first lines (a byline, "Aired February 4, 2011") is
  on or just before ``d``;
- ``weekday_fit`` / ``weekday_far``: a bare weekday ("on Sunday") falls on ``d``, the day before, or at most six
  days before it (``lead_weekday``: those of its first lines, which tell what is new, on ``d`` or the day
  before);
- ``told``: its "yesterday", "today" and weekdays, resolved on ``d``, fall on days the similar articles name;
- ``count_fit``: "33 days into the spill", "day 33 of the strike", "three weeks after the explosion", counted
  from the start the story's dated articles count from (``fuse.counting``), near ``d``;
- ``unborn``: the share of the article's story words (words at least two dated articles use) that no dated
  article used before ``d`` + 1: an article does not report what has not happened yet;
- ``language``: a temporal language model (de Jong et al. 2005): how much likelier its words are in the dated
  articles around ``d`` than in the whole story;
- ``weekday_ll``: every bare weekday it names, scored by how the story's dated articles name weekdays relative to
  their own day (``weekday_odds``: that day, the day before, ... the day after, which is what is to come), summed,
  so that eight "Saturday"s weigh more than one;
- ``figure_same``: the dated articles that report the same cumulative total as it does ("1,490 cases", a total
  with two significant digits or more: ``fuse.figseries``) vote for their days;
- ``fact_share``: the share of the dates it names (with their year, within the story's reach) that fall on ``d`` or
  the two days before it: where ``fact_recent`` looks at the latest one only, an article that names the same
  days again and again (its news) and an old date once (background) is told on the days it names most;
- ``activity_log``: the log of ``activity`` (plus ``ACTIVITY_FLOOR``): the story's publication rate as a prior
  over days. Beside the linear ``activity`` it tells a quiet day (a few articles) from a day nobody wrote on,
  which the linear share barely does (on the tune topics: held-out log-likelihood of the day within 3 days
  1.324 -> 1.276; every tune article hidden in turn, leave one topic out: 674 -> 682 of 921 within 3 days).
"""
from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

import numpy as np

from ..model import Extraction

FEATURES = ("neighbours", "closest", "lead", "activity", "fact_recent", "fact_after", "headline_date",
            "weekday_fit", "weekday_far", "told", "count_fit", "unborn", "language", "lead_weekday", "passages",
            "figure_same", "weekday_ll", "fact_share", "activity_log")
#: ``activity_log`` = log(activity + ACTIVITY_FLOOR): a day without a dated article of its story is not ruled out
ACTIVITY_FLOOR = 0.005
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY = re.compile(r"^(?:on\s+)?(" + "|".join(_WEEKDAYS) + r")(?:'s)?(?:\s+(?:morning|afternoon|evening|night))?$",
                      re.I)
_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december")
_MON = r"(" + "|".join(m[:3] + r"(?:" + m[3:] + r")?" for m in _MONTHS) + r")\.?"
#: a day and month with an optional year, in either order ("March 18", "18 March 2010", "Feb. 7, 2011")
_DAY_MONTH = re.compile(rf"(?:{_MON}\s+(\d{{1,2}})(?:st|nd|rd|th)?|(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MON})"
                        rf"(?:,?\s+((?:19|20)\d\d))?(?!\d)(?!:\d)", re.I)
#: a numeric date with its year, month first ("1/26/11", "CNN Student News - 1\\/26\\/11"); day first when the
#: first number cannot be a month
_NUMERIC = re.compile(r"(?<![\d/\\])(\d{1,2})\\?/(\d{1,2})\\?/(\d{4}|\d{2})(?![\d/])")
_DEICTIC = {"yesterday": -1, "last night": -1, "overnight": -1, "today": 0, "tonight": 0, "this morning": 0,
            "this afternoon": 0, "this evening": 0}


def _month(name: str) -> int:
    return [m[:3] for m in _MONTHS].index(name[:3].lower()) + 1


def named_dates(text: str) -> tuple[list[date], list[tuple[int, int]]]:
    """The days the text names: (with their year, (month, day) without one). Read from the text itself, so a
    date glued to a byline ("reporterFebruary 7, 2011") counts too."""
    full: list[date] = []
    yearless: list[tuple[int, int]] = []
    for m in _DAY_MONTH.finditer(text):
        mon = _month(m.group(1) or m.group(4))
        day = int(m.group(2) or m.group(3))
        try:
            d = date(int(m.group(5)) if m.group(5) else 2000, mon, day)
        except ValueError:
            continue
        if m.group(5):
            full.append(d)
        else:
            yearless.append((mon, day))
    for m in _NUMERIC.finditer(text):
        a, b, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
        mon, day = (b, a) if a > 12 else (a, b)
        try:
            full.append(date(y + 2000 if y < 100 else y, mon, day))
        except ValueError:
            continue
    return full, yearless


def weekdays(ex: Extraction, before: int | None = None) -> list[int]:
    """Weekday (0 = Monday) of every bare weekday name the article uses ("on Sunday", not "next Sunday"), or
    only of those starting before character ``before``."""
    return [_WEEKDAYS.index(m.group(1).lower()) for t in ex.timexes
            if (before is None or t.start < before) and (m := _WEEKDAY.match(t.text.strip()))]


def deictic(ex: Extraction) -> list[int]:
    """Day offsets of its "yesterday" (-1) and "today" (0)."""
    return [k for t in ex.timexes if (k := _DEICTIC.get(" ".join(t.text.lower().split()))) is not None]


@dataclass(slots=True)
class Evidence:
    """What an undated article says about its day, and what its story's dated articles say (independent of the
    candidate day)."""

    votes: list[tuple[date, float]]  # the most similar dated articles: (day, similarity), most similar first
    lead: list[tuple[date, float]] = field(default_factory=list)  # the same, by title and first sentences
    passages: list[tuple[date, float]] = field(default_factory=list)  # dated articles sharing rare passages
    headline: list[date] = field(default_factory=list)  # dates with their year in its first lines
    births: list[tuple[date, float]] = field(default_factory=list)  # its story words: (first day used, idf)
    facts: list[date] = field(default_factory=list)  # days named with their year, within the story's reach
    weekdays: list[int] = field(default_factory=list)
    lead_weekdays: list[int] = field(default_factory=list)  # those named in its first lines (what is new)
    deictic: list[int] = field(default_factory=list)
    #: the days its counts from a start stand for: (day, spread in days, the count as written)
    counted: list[tuple[date, float, str]] = field(default_factory=list)
    same_totals: list[tuple[date, float]] = field(default_factory=list)  # dated reports of its totals: (day, weight)
    known: dict[date, float] = field(default_factory=dict)  # days the similar dated articles name, 0..1
    activity: dict[date, float] = field(default_factory=dict)  # dated articles per day (smoothed), 0..1
    language: dict[date, float] = field(default_factory=dict)  # per candidate day: temporal language model fit
    #: per back offset b = 0..6 (the day's weekday minus the weekday named): log(7 P(b)), P as the story's dated
    #: articles name weekdays (``weekday_odds``)
    weekday_odds: tuple[float, ...] = ()


def activity(days: Sequence[date]) -> dict[date, float]:
    """Per day: the story's dated articles on it and the days beside it (half weight), as a share of the top."""
    out: dict[date, float] = {}
    for d in days:
        for k, w in ((-1, 0.5), (0, 1.0), (1, 0.5)):
            out[d + timedelta(days=k)] = out.get(d + timedelta(days=k), 0.0) + w
    top = max(out.values(), default=1.0)
    return {d: v / top for d, v in out.items()}


def weekday_odds(backs: Sequence[int], prior: float = 2.0) -> tuple[float, ...]:
    """log(7 P(b)) for each back offset b = 0..6, from the offsets the story's dated articles show (how many days
    after a weekday they name they appeared: 0 on that day, 6 the day before it, mostly what is to come), smoothed
    towards uniform by ``prior`` uses per offset. A source's habits show here (a feed dated a day late names
    "yesterday's" weekday most)."""
    counts = np.bincount(np.asarray(backs, dtype=int), minlength=7)[:7] + prior
    return tuple(float(x) for x in np.log(7 * counts / counts.sum()))


def _kernel(off: int, spread: float, lag: float) -> float:
    return max(math.exp(-abs(off) / spread), lag * math.exp(-abs(off - 1) / spread))


def _vote(d: date, votes: Sequence[tuple[date, float]], spread: float, lag: float) -> float:
    if not votes:
        return 0.0
    w = np.array([s * s for _, s in votes])
    k = np.array([_kernel((d - nd).days, spread, lag) for nd, _ in votes])
    return float(w @ k / w.sum())


def features(d: date, ev: Evidence, spread: float = 1.5, lag: float = 0.8, fact_decay: float = 3.0,
             sharp: float = 0.05) -> np.ndarray:
    """The feature vector of candidate day ``d`` (in the order of ``FEATURES``)."""
    f = np.zeros(len(FEATURES))
    f[0] = _vote(d, ev.votes, spread, lag)
    if ev.votes:
        top = ev.votes[0][1]
        c = np.exp(np.array([(s - top) / sharp for _, s in ev.votes]))
        k = np.array([_kernel((d - nd).days, spread, lag) for nd, _ in ev.votes])
        f[1] = float(c @ k / c.sum())
    f[2] = _vote(d, ev.lead, spread, lag)
    f[3] = ev.activity.get(d, 0.0)
    f[18] = math.log(f[3] + ACTIVITY_FLOOR)
    before = [x for x in ev.facts if x <= d]
    if before:
        f[4] = math.exp(-(d - max(before)).days / fact_decay)
    if ev.facts and max(ev.facts) > d:
        f[5] = min((max(ev.facts) - d).days, 30) / 30
    if ev.headline:
        f[6] = max(_kernel((d - h).days, 1.0, lag) for h in ev.headline)
    if ev.weekdays:
        back = [(d.weekday() - wd) % 7 for wd in ev.weekdays]
        f[7] = sum(b <= 1 for b in back) / len(back)
        f[8] = sum(max(0, b - 1) for b in back) / (5 * len(back))
    told = [d - timedelta(days=(d.weekday() - wd) % 7) for wd in ev.weekdays]
    told += [d + timedelta(days=k) for k in ev.deictic]
    if told and ev.known:
        f[9] = sum(ev.known.get(t, 0.0) for t in told) / len(told)
    if ev.counted:
        f[10] = max(math.exp(-abs((d - c).days) / s) for c, s, _ in ev.counted)
    if ev.births:
        total = sum(w for _, w in ev.births)
        f[11] = sum(w for b, w in ev.births if (b - d).days > 1) / total
    f[12] = ev.language.get(d, 0.0)
    if ev.passages:  # the vote of the articles sharing passages, weighted by what they share (up to 1)
        total = sum(w for _, w in ev.passages)
        f[14] = min(total, 3.0) / 3.0 * sum(w * _kernel((d - nd).days, spread, lag) for nd, w in ev.passages) / total
    if ev.same_totals:
        total = sum(w for _, w in ev.same_totals)
        f[15] = sum(w * _kernel((d - nd).days, spread, lag) for nd, w in ev.same_totals) / max(total, 1.0)
    if ev.weekdays and ev.weekday_odds:  # summed: every weekday named counts
        f[16] = sum(ev.weekday_odds[(d.weekday() - wd) % 7] for wd in ev.weekdays) / 5.0
    if ev.facts:  # an article tells mostly of its last days: the share of its dated facts on d or just before
        f[17] = sum(0 <= (d - x).days <= 2 for x in ev.facts) / len(ev.facts)
    if ev.lead_weekdays:
        f[13] = sum((d.weekday() - wd) % 7 <= 1 for wd in ev.lead_weekdays) / len(ev.lead_weekdays)
    return f
