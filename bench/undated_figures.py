"""Figures of the Timeline17 articles for ``bench/undated.py`` (the story placement reads the figures of an undated
article and of its story's dated articles): dateline's time and figures components, cached per topic under
``bench/cache/undated_figures/`` (keyed by the code of both components).

The hidden articles (``undated.hidden``) are extracted without their date, the others with it, as the fuse
stage would see them. Only the lines holding a number are parsed (the figures' offsets are mapped back to the
full text); a figure's context beyond its line (a scope named in the sentence before) may be missed.

    python bench/undated_figures.py [--data DIR]    # fill the cache (about 1 s per article)
"""
from __future__ import annotations

import dataclasses
import gzip
import hashlib
import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path

import t17  # noqa: E402  (puts src/ on sys.path)

from dateline.model import Article, Figure  # noqa: E402

CACHE = t17.ROOT / "bench" / "cache" / "undated_figures"


def figures_key() -> str:
    """Hash of the time key and the figures component's code and resources."""
    h = hashlib.sha1(t17.extract_key().encode())
    src = t17.ROOT / "src" / "dateline"
    for p in sorted([*(src / "extract" / "figures").glob("*.py"), *(src / "resources" / "figures").rglob("*")]):
        if p.is_file() and "__pycache__" not in p.parts:
            h.update(str(p.relative_to(src)).encode())
            h.update(p.read_bytes())
    return h.hexdigest()[:12]


_NUMERIC = re.compile(r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|"
                      r"fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|billion|dozens?|scores)\b", re.I)


def _numeric_lines(text: str) -> tuple[str, list[tuple[int, int]]]:
    """The lines of ``text`` that hold a number (the figures component finds nothing elsewhere; parsing only
    them saves most of the time), and per kept line (start in the kept text, start in ``text``)."""
    kept: list[str] = []
    where: list[tuple[int, int]] = []
    pos = at = 0
    for line in text.split("\n"):
        if _NUMERIC.search(line):
            where.append((at, pos))
            kept.append(line)
            at += len(line) + 1
        pos += len(line) + 1
    return "\n".join(kept), where


def _back(f: Figure, where: list[tuple[int, int]]) -> Figure:
    """``f`` with its offsets in the article's full text."""
    shift = next(orig - kept for kept, orig in reversed(where) if kept <= f.start)
    return dataclasses.replace(f, start=f.start + shift, end=f.end + shift)


def _inputs(topic_dir: Path, hidden: frozenset[int]) -> Iterator[tuple[Article, list[tuple[int, int]]]]:
    for i, a in enumerate(t17._articles(topic_dir)):
        text, where = _numeric_lines(a.text)
        a = dataclasses.replace(a, text=text)
        yield (dataclasses.replace(a, dct=None, dct_origin="missing") if i in hidden else a), where


def load(topic_dir: Path, hidden: frozenset[int], key: str | None = None) -> dict[str, list[Figure]]:
    """Per article id: its figures (from the cache, or extracted and cached). ``hidden``: the positions of the
    articles extracted without their date."""
    key = key or figures_key()
    tag = hashlib.sha1(",".join(map(str, sorted(hidden))).encode()).hexdigest()[:6]
    cache = CACHE / f"{topic_dir.name}.{key}.{tag}.jsonl.gz"
    out: dict[str, list[Figure]] = {}
    if cache.exists():
        for row in t17.read_jsonl_gz(cache):
            out[row["id"]] = [Figure(**f) for f in row["figures"]]
        return out
    from dateline.extract.pipeline import Pipeline

    pipe = Pipeline(components=["time", "figures"])
    cache.parent.mkdir(parents=True, exist_ok=True)
    tmp = cache.with_suffix(".tmp")
    with gzip.open(tmp, "wt", encoding="utf-8") as fh:
        todo = list(_inputs(topic_dir, hidden))
        for ex, (_, where) in zip(pipe.pipe((a for a, _ in todo), batch_size=16), todo):
            out[ex.article.id] = [_back(f, where) for f in ex.figures]
            fh.write(json.dumps({"id": ex.article.id, "figures": [dataclasses.asdict(f) for f in out[ex.article.id]]})
                     + "\n")
    tmp.replace(cache)
    return out


def main(argv: list[str] | None = None) -> int:
    import undated

    args = t17.data_args(__doc__).parse_args(argv)
    key = figures_key()
    for topic_dir in sorted(t17.topics(args.data), key=lambda t: t17.half(t.name) != "tune"):  # tune first
        n = sum(1 for _ in t17._articles(topic_dir))
        figs = load(topic_dir, frozenset(i for i in range(n) if undated.hidden(i)), key)
        print(topic_dir.name, t17.half(topic_dir.name), len(figs), sum(len(v) for v in figs.values()), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
