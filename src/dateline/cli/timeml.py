"""``dateline timeml PATH``: an article (or a TempEval-3 input file) as TimeML with TIMEX3 tags."""
from __future__ import annotations

import re
from pathlib import Path

import typer

from ..errors import DatelineError
from .app import app, console, err, fail


def tag_te3_file(path: Path | str, dct: str | None = None) -> str:
    """Tag a TempEval-3 input (``*.tml.TE3input``, or any TimeML file with a ``<TEXT>``): the same file with
    TIMEX3 tags inside ``<TEXT>``; the DCT is its CREATION_TIME TIMEX3 unless ``dct`` is given."""
    from ..extract.nlp import load_nlp
    from ..extract.time import find_timexes
    from ..extract.time.timeml import insert_timex3, read_timeml

    doc_in = read_timeml(Path(path).read_text(encoding="utf-8"))
    doc = load_nlp()(doc_in.text)
    return insert_timex3(doc_in, find_timexes(doc_in.text, dct or doc_in.dct, doc))


def _is_timeml(path: Path) -> bool:
    if path.name.endswith((".tml", ".TE3input", ".timeml")):
        return True
    head = path.read_text(encoding="utf-8", errors="replace")[:2000]
    return "<TimeML" in head and "<TEXT>" in path.read_text(encoding="utf-8", errors="replace")


def _article_timeml(path: Path, dct: str | None) -> list[tuple[str, str]]:
    """Every article of an input (text, HTML, feed, JSONL) as a TimeML document: spaCy, then the "time"
    component alone (TimeML needs no other record)."""
    from ..extract.nlp import load_nlp
    from ..extract.registry import Context
    from ..extract.time.timeml import to_timeml
    from ..extract.time.component import make_time
    from ..ingest import read_paths
    from ..model import Article, Rejected

    component = make_time()
    articles: list[Article] = []
    for item in read_paths([path], dct=dct):
        if isinstance(item, Rejected):
            err.print(f"[yellow]rejected[/yellow] {item.path}: {item.reason}", highlight=False, soft_wrap=True)
        else:
            articles.append(item)
    out = []
    for doc, a in load_nlp().pipe(((a.text, a) for a in articles), as_tuples=True):
        ctx = Context(article=a)
        component(doc, ctx)
        if a.dct_origin == "estimated":
            err.print(f"[yellow]{a.id}[/yellow]: DCT {a.dct} {a.dct_evidence}", highlight=False, soft_wrap=True)
        out.append((a.id, to_timeml(a.text, ctx.to_extraction().timexes, a.dct, docid=a.id)))
    return out


@app.command()
def timeml(
    path: str = typer.Argument(..., help="An article (text, HTML, feed, JSONL), a folder of them, or a TimeML/TE3 "
                               "input file."),
    dct: str | None = typer.Option(None, "--dct", help="Document creation time (YYYY-MM-DD); overrides the input's."),
    out: Path | None = typer.Option(None, "--out", help="Write here instead of printing (a folder, one ID.tml per "
                                    "article, when the input holds several)."),
) -> None:
    """Write the input as TimeML with TIMEX3 tags (tid, type, value, mod), readable by the TE3 scorer."""
    from ..ingest.dates import to_iso_date

    if dct is not None and to_iso_date(dct) is None:
        fail(f"--dct: not a date: {dct!r} (use YYYY-MM-DD)")
    dct = to_iso_date(dct) if dct else None
    src = Path(path)
    if not src.exists():
        from ..ingest import read_path

        missing = next(iter(read_path(path)))  # says what it is (a URL, a missing file)
        fail(f"{path}: {getattr(missing, 'reason', 'no such file or directory')}")
    try:
        if src.is_file() and _is_timeml(src):
            docs = [(src.name, tag_te3_file(src, dct))]
        else:
            docs = _article_timeml(src, dct)
    except (DatelineError, ValueError, UnicodeDecodeError) as e:
        fail(f"{path}: {e}")
        return
    if not docs:
        fail(f"{path}: no article")
    if out is None:
        console.out("\n".join(text for _, text in docs), end="", highlight=False)
    elif len(docs) == 1 and not out.is_dir():
        out.write_text(docs[0][1], encoding="utf-8")
        err.print(f"wrote {out}", highlight=False)
    else:  # several documents: one file each (one file of several <TimeML> roots would be no XML)
        used: set[str] = set()
        for docid, text in docs:
            name = _safe_name(docid)
            name = next(f"{name}-{i}" for i in range(1, len(docs) + 2) if f"{name}-{i}" not in used) \
                if name in used else name
            used.add(name)
            target = out / (name + ".tml")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        err.print(f"wrote {len(docs)} TimeML files to {out}", highlight=False)


def _safe_name(docid: str) -> str:
    """A relative file path for an article id ("sub/a/story" stays; "..", absolute parts and odd characters go)."""
    parts = [re.sub(r"[^\w.-]+", "_", p) for p in docid.split("/") if p not in ("", ".", "..")]
    return "/".join(parts) or "article"
