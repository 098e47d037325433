"""Hand-made gold for the sample corpus: build it from the authoring sources, load it.

Authoring sources (``examples/gold_src/<article_id>.txt``) give every record as one line of ``|``-separated
fields with spans written as text; this module finds the spans in the *ingested* article text and writes
``examples/gold/<article_id>.json`` in the shape of the JSON contract (see ``examples/README.md``).

Source format (``#`` starts a comment line; empty fields are null)::

    story: gaza-talks
    dct: 2025-03-18            # the true publication date (also for undated articles)
    dct_origin: header         # what ingest reports: header | metadata | missing
    source: Meridian Wire
    duplicate_of:              # article id of the original, or empty
    T text | type | value
    S speaker | speaker_kind | cue | mode | content | via | date
    F value | text | category | qualifier | as_of | source | scope
    E actor | action | target | date | location | polarity | modality | text
    P text | name | country_code

A span field is found in the article text: ``left [mention] right`` finds the whole string and takes the
bracketed part; ``mention@N`` takes the N-th occurrence (1-based); plain ``mention`` must occur (its first
occurrence is taken). Empty ``date``/``as_of`` mean the DCT; empty ``polarity``/``modality`` mean
``positive``/``asserted``.

Usage: ``python bench/gold_tools.py build`` (rewrites examples/gold/*.json except stories.json).
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "examples" / "corpus"
GOLD = ROOT / "examples" / "gold"
GOLD_SRC = ROOT / "examples" / "gold_src"

KINDS = ("T", "S", "F", "E", "P")
FIELDS = {
    "T": ("text", "type", "value"),
    "S": ("speaker", "speaker_kind", "cue", "mode", "content", "via", "date"),
    "F": ("value", "text", "category", "qualifier", "as_of", "source", "scope"),
    "E": ("actor", "action", "target", "date", "location", "polarity", "modality", "text"),
    "P": ("text", "name", "country_code"),
}
TABLE = {"T": "timexes", "S": "statements", "F": "figures", "E": "events", "P": "places"}
SPAN_FIELD = {"T": "text", "S": "content", "F": "text", "E": "text", "P": "text"}

TIMEX_TYPES = {"DATE", "TIME", "DURATION", "SET"}
SPEAKER_KINDS = {"named", "organization", "anonymous"}
MODES = {"direct", "indirect"}
CATEGORIES = {
    "killed", "injured", "hostages held", "hostages dead", "hostages released", "prisoners released",
    "displaced", "arrested", "aid trucks", "cases", "hospitalised", "deaths", "vaccinated",
    "oil spilled (tonnes)", "birds killed", "workers", "money", "other",
}
QUALIFIERS = {None, "at least", "about", "more than", "up to", "nearly", "over"}
ACTIONS = {
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT",
    "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
}
POLARITIES = {"positive", "negative"}
MODALITIES = {"asserted", "proposed", "planned", "conditional", "reported"}
STORIES = {"gaza-talks", "kerch-spill", "texas-measles"}
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
WARNINGS: list[str] = []


class GoldError(ValueError):
    pass


def _occurrences(text: str, s: str) -> list[int]:
    """Start offsets of ``s`` in ``text`` that do not cut a word at either end."""
    out, pos = [], text.find(s)
    while pos >= 0 and s:
        end = pos + len(s)
        cuts_left = s[0].isalnum() and pos > 0 and text[pos - 1].isalnum()
        cuts_right = s[-1].isalnum() and end < len(text) and text[end].isalnum()
        if not (cuts_left or cuts_right):
            out.append(pos)
        pos = text.find(s, pos + 1)
    return out


def find_span(text: str, spec: str) -> tuple[int, int, str]:
    """Locate a span spec (see module doc) in ``text`` -> (start, end, mention); whole words only."""
    occurrence = 1
    m = re.fullmatch(r"(.*?)@(\d+)", spec, flags=re.S)
    if m and "[" not in spec:
        spec, occurrence = m.group(1), int(m.group(2))
    if "[" in spec and "]" in spec:
        left, rest = spec.split("[", 1)
        mention, right = rest.split("]", 1)
        whole = left + mention + right
        hits = _occurrences(text, whole)
        if not hits:
            raise GoldError(f"context {whole!r} not found")
        if len(hits) > 1:
            raise GoldError(f"context {whole!r} is ambiguous")
        start = hits[0] + len(left)
        return start, start + len(mention), mention
    hits = _occurrences(text, spec)
    if len(hits) < occurrence:
        raise GoldError(f"occurrence {occurrence} of {spec!r} not found")
    start = hits[occurrence - 1]
    return start, start + len(spec), spec


def _null(v: str) -> str | None:
    v = v.strip()
    return None if v in ("", "-", "null") else v


def parse_source(src: str) -> tuple[dict[str, Any], list[tuple[str, list[str | None], int]]]:
    meta: dict[str, Any] = {}
    rows: list[tuple[str, list[str | None], int]] = []
    for lineno, raw in enumerate(src.splitlines(), 1):
        line = raw.rstrip()
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        kind = line[:2]
        if kind.strip() in KINDS and kind.endswith(" "):
            parts = [_null(p) for p in line[2:].split("|")]
            n = len(FIELDS[kind.strip()])
            if len(parts) != n:
                raise GoldError(f"line {lineno}: {kind.strip()} needs {n} fields, got {len(parts)}: {line}")
            rows.append((kind.strip(), parts, lineno))
        elif ":" in line:
            key, value = line.split(":", 1)
            meta[key.strip()] = _null(value.split(" #", 1)[0])
        else:
            raise GoldError(f"line {lineno}: cannot parse {line!r}")
    return meta, rows


def _check(kind: str, rec: dict[str, Any], where: str) -> None:
    def bad(msg: str) -> None:
        raise GoldError(f"{where}: {msg}: {rec}")

    if kind == "T" and rec["type"] not in TIMEX_TYPES:
        bad("timex type")
    if kind == "S":
        if rec["speaker_kind"] not in SPEAKER_KINDS or rec["mode"] not in MODES or not rec["speaker"]:
            bad("speaker_kind/mode/speaker")
    if kind == "F":
        if rec["category"] not in CATEGORIES or rec["qualifier"] not in QUALIFIERS:
            bad("category/qualifier")
    if kind == "E":
        if rec["action"] not in ACTIONS or rec["polarity"] not in POLARITIES or rec["modality"] not in MODALITIES:
            bad("action/polarity/modality")
        if not rec["actor"]:
            bad("actor")
    for key in ("date", "as_of"):
        if key in rec and (rec[key] is None or not DATE_RE.match(rec[key])):
            bad(f"{key} must be YYYY-MM-DD")


def _relative(path: str | None) -> str | None:
    prefix = str(ROOT) + "/"
    return path[len(prefix):] if path and path.startswith(prefix) else path


def build_article(article: Any, src: str) -> dict[str, Any]:
    """Gold dict for one ingested ``Article`` from its authoring source."""
    meta, rows = parse_source(src)
    dct = meta.get("dct")
    if not dct or not DATE_RE.match(dct):
        raise GoldError(f"{article.id}: dct missing")
    if meta.get("story") not in STORIES:
        raise GoldError(f"{article.id}: unknown story {meta.get('story')!r}")
    gold: dict[str, Any] = {
        "article": {
            "id": article.id,
            "path": _relative(article.path),
            "title": article.title,
            "source": meta.get("source"),
            "dct": dct,
            "dct_origin": meta.get("dct_origin"),
            "story": meta.get("story"),
            "duplicate_of": meta.get("duplicate_of"),
        },
        **{TABLE[k]: [] for k in KINDS},
    }
    for kind, parts, lineno in rows:
        rec: dict[str, Any] = dict(zip(FIELDS[kind], parts))
        where = f"{article.id} line {lineno}"
        span_key = SPAN_FIELD[kind]
        spec = rec[span_key] or ""
        if "[" not in spec and not re.search(r"@\d+$", spec) and len(_occurrences(article.text, spec)) > 1:
            WARNINGS.append(f"{where}: {spec!r} occurs more than once (first taken)")
        try:
            start, end, mention = find_span(article.text, spec)
        except GoldError as e:
            raise GoldError(f"{where}: {e}") from None
        rec[span_key] = mention
        rec["start"], rec["end"] = start, end
        if kind == "F":
            rec["value"] = float(rec["value"])
            rec["as_of"] = rec["as_of"] or dct
        if kind == "S":
            rec["date"] = rec["date"] or dct
        if kind == "E":
            rec["date"] = rec["date"] or dct
            rec["polarity"] = rec["polarity"] or "positive"
            rec["modality"] = rec["modality"] or "asserted"
        _check(kind, rec, where)
        gold[TABLE[kind]].append(rec)
    for table in TABLE.values():
        gold[table].sort(key=lambda r: (r["start"], r["end"]))
    return gold


def ingested(corpus: Path = CORPUS) -> dict[str, Any]:
    """Article id -> ingested ``Article`` for every article of the corpus."""
    from dateline.ingest import read_paths
    from dateline.model import Article

    out: dict[str, Any] = {}
    for item in read_paths([corpus]):
        if not isinstance(item, Article):
            raise GoldError(f"corpus file rejected by ingest: {item}")
        out[item.id] = item
    return out


def build(corpus: Path = CORPUS, src_dir: Path = GOLD_SRC, out_dir: Path = GOLD) -> list[str]:
    """(Re)write ``out_dir/<id>.json`` for every authoring source; return the ids written."""
    articles = ingested(corpus)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for src in sorted(src_dir.glob("*.txt")):
        aid = src.stem
        if aid not in articles:
            raise GoldError(f"{src.name}: no article with id {aid!r} in the corpus")
        gold = build_article(articles[aid], src.read_text(encoding="utf-8"))
        (out_dir / f"{aid}.json").write_text(json.dumps(gold, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        written.append(aid)
    return written


def load_gold(directory: str | Path = GOLD) -> dict[str, dict[str, Any]]:
    """Article id -> gold dict for every ``<article_id>.json`` in ``directory`` (stories.json excluded)."""
    out: dict[str, dict[str, Any]] = {}
    for path in sorted(Path(directory).glob("*.json")):
        if path.name == "stories.json":
            continue
        data = json.loads(path.read_text(encoding="utf-8"))
        out[data["article"]["id"]] = data
    return out


def load_stories(directory: str | Path = GOLD) -> dict[str, Any]:
    """The cross-article gold: stories, duplicates, contradictions, timelines."""
    return json.loads((Path(directory) / "stories.json").read_text(encoding="utf-8"))


def counts(gold: dict[str, dict[str, Any]]) -> dict[str, int]:
    return {table: sum(len(g[table]) for g in gold.values()) for table in TABLE.values()}


if __name__ == "__main__":
    if sys.argv[1:] == ["build"]:
        ids = build()
        print("\n".join(WARNINGS))
        print(f"wrote {len(ids)} gold files; counts: {counts(load_gold())}")
    else:
        print(__doc__)
