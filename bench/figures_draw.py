"""Reproducible draw of new real-news figures articles (issue 20, session 8 batch): the Timeline17 articles of the
tune topics (``articles.json``'s tune topics and the figures-only tune topics bpoil_guardian, haiti_bbc) of
1,200-3,500 characters with at least 8 figure-like numbers (``figure_like``: digit groups that are no year, clock
time or day of a month), not yet named in any ``examples/t17_gold/*.json`` file, sorted
by (topic, id), then ``random.Random(SEED).sample(..., N)``. Prints the drawn (topic, id) pairs; never the text.

    DATELINE_BENCH_DIR=../shared/bench python bench/figures_draw.py [SEED] [N]
"""
from __future__ import annotations

import gzip
import json
import random
import re
import sys
from pathlib import Path

import t17_gold

TUNE_TOPICS = ("EgyptianProtest_cnn", "H1N1_guardian", "IraqWar_guardian", "MJ_bbc", "bpoil_guardian", "haiti_bbc")


def used() -> set[tuple[str, str]]:
    out: set[tuple[str, str]] = set()
    for f in sorted(t17_gold.GOLD.glob("*.json")):
        for m in re.finditer(r'"topic":\s*"([^"]+)",\s*"article_id":\s*"([^"]+)"', f.read_text(encoding="utf-8")):
            out.add((m.group(1), m.group(2)))
    return out


_MONTHS = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?"
_NOT_FIGURE = re.compile(rf"\b(?:1[89]\d\d|20\d\d)\b|\d+:\d+|\b[0-2]\d[0-5]\d\b|\b\d{{1,2}}(?=\s+{_MONTHS})|"
                         rf"\b{_MONTHS}\s+\d{{1,2}}\b")


def figure_like(text: str) -> int:
    """How many digit groups of the text are no year, clock time ('22:29', '0910') or day of a month."""
    return len(re.findall(r"\d+(?:[.,]\d+)*", _NOT_FIGURE.sub(" ", text)))


def candidates(exclude: set[tuple[str, str]]) -> list[tuple[str, str]]:
    from dateline.settings import settings  # noqa: PLC0415
    out = []
    for topic in TUNE_TOPICS:
        with gzip.open(Path(settings.bench_dir) / "t17" / topic / "articles.jsonl.gz", "rt", encoding="utf-8") as f:
            for line in f:
                r = json.loads(line)
                text = r["text"]
                if 1200 <= len(text) <= 3500 and figure_like(text) >= 8 and \
                        (topic, str(r["id"])) not in exclude:
                    out.append((topic, str(r["id"])))
    return sorted(out)


if __name__ == "__main__":
    seed = int(sys.argv[1]) if len(sys.argv) > 1 else 24
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 12
    for topic, aid in random.Random(seed).sample(candidates(used()), n):
        print(topic, aid)
