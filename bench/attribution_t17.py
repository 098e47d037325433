"""Statements on real news: the T17 gold (``examples/t17_gold/statements.json``) scored per half: the shared
articles of ``articles.json`` plus the statements-only ``extra_tune_articles`` / ``extra_check_articles`` of that
file, each scored with its half.

A predicted statement matches a gold one (one-to-one, in text order) when its cue covers the gold cue's start,
else when its content starts within 3 characters of the gold content start. Statement P/R/F1 over all
statements; over matched ones: speaker right (the resolved speaker names the gold speaker — equal, or one
containing the other word for word, "Fitch" / "Fitch Ratings", or one the initials of the other, "UN" / "United
Nations" — or its organisation: the predicted
speaker or speaker_org is the gold speaker_org), speaker_org right (where the gold has one), date right (equal
strings), via precision (predicted vias equal to, or contained in, the gold via) and recall.

The stored T17 texts are PTB-tokenized ("-LRB- CNN -RRB-", "`` respect ''", "Thailand 's"), which derails the
parser: since 2026-12-07 (issue 16) the pipeline reads them detokenized (``t17_gold.detokenized``, the text
``bench/t17.py`` gives the events and timeline benches) and each prediction's offsets are mapped back to the
stored text the gold is written in.
"""
from __future__ import annotations

import dataclasses
import re
from typing import Any

import t17_gold

from dateline.extract.pipeline import Pipeline
from dateline.model import Article, Statement


def _norm(s: str | None) -> str:
    s = re.sub(r"\s*[’'`]\s*s\b", " ", (s or "").casefold())  # possessive dropped: "Iraq's", "Iraq 's"
    s = re.sub(r"^(the|a|an)\s+", "", s.strip())
    return " ".join(re.findall(r"[\w']+", s))


_MINOR = frozenset({"of", "and", "the", "for", "on", "in"})


def _acronym(short: str, long: str) -> bool:
    """"UN" / "United Nations", "U.S." / "United States": the short form is the initials of the long one."""
    letters = re.sub(r"[^A-Za-z]", "", short)
    words = [w for w in re.findall(r"[A-Za-z]+", long) if w.lower() not in _MINOR]
    return 2 <= len(letters) <= 6 and letters.isupper() and len(words) > 1 and \
        letters.lower() == "".join(w[0] for w in words).lower()


def _names(a: str | None, b: str | None) -> bool:
    x, y = _norm(a), _norm(b)
    if x and y and (_acronym(a or "", b or "") or _acronym(b or "", a or "")):
        return True
    return bool(x and y) and (x == y or f" {x} " in f" {y} " or f" {y} " in f" {x} ")


def speaker_right(p: Statement, g: dict[str, Any]) -> bool:
    if _names(p.speaker, g["speaker"]):
        return True
    org = g.get("speaker_org")
    return bool(org) and (_names(p.speaker_org, org) or _names(p.speaker, org))


def _match(pred: list[Statement], gold: list[dict[str, Any]]) -> list[tuple[int, int]]:
    out, used = [], set()
    for j, g in enumerate(gold):
        for i, p in enumerate(pred):
            if i in used:
                continue
            cue = p.cue_start is not None and p.cue_end is not None and p.cue_start <= g["cue_start"] < p.cue_end
            if cue or abs(p.start - g["content_start"]) <= 3:
                out.append((i, j))
                used.add(i)
                break
    return out


def _stored(s: Statement, where: list[int]) -> Statement:
    """A statement found in the readable (detokenized) text placed in the stored text the gold's offsets are in."""
    def at(i: int | None) -> int | None:
        return where[i] if i is not None else None
    return dataclasses.replace(s, start=where[s.start], end=where[s.end], cue_start=at(s.cue_start),
                               cue_end=at(s.cue_end), speaker_start=at(s.speaker_start),
                               speaker_end=at(s.speaker_end))


def score(config: dict[str, Any], errors: bool = False) -> dict[str, dict[str, float]]:
    data = t17_gold.load("statements")
    gold = data["statements"]
    pipe = Pipeline(["time", "entities", "statements"], config={"statements": config})
    res: dict[str, dict[str, float]] = {}
    for half in ("tune", "check"):
        n_pred = n_gold = n_match = sp = dt = org_n = org_ok = via_p = via_ok = via_g = via_r = 0
        for a in t17_gold.articles(half) + data.get(f"extra_{half}_articles", []):
            text, where = t17_gold.detokenized(t17_gold.article_text(a["topic"], a["article_id"]))
            ex = pipe(Article(id=f"{a['topic']}/{a['article_id']}", text=text, dct=a["time"]))
            pred = sorted((_stored(s, where) for s in ex.statements if s.kind == "speech"),  # the default's speech
                          key=lambda s: s.cue_start or s.start)
            gs = [g for g in gold if g["topic"] == a["topic"] and g["article_id"] == a["article_id"]]
            m = _match(pred, gs)
            n_pred, n_gold, n_match = n_pred + len(pred), n_gold + len(gs), n_match + len(m)
            for i, j in m:
                p, g = pred[i], gs[j]
                ok = speaker_right(p, g)
                sp += ok
                dt += p.date == g["date"]
                if g.get("speaker_org"):
                    org_n += 1
                    org_ok += _names(p.speaker_org, g["speaker_org"])
                if p.via:
                    via_p += 1
                    via_ok += _names(p.via, g["via"])
                if g.get("via"):
                    via_g += 1
                    via_r += _names(p.via, g["via"])
                if errors and half == "tune" and (not ok or p.date != g["date"] or p.via != g.get("via")):
                    print(f"DIFF {a['topic']}/{a['article_id']} @{g['cue_start']}: pred [{p.speaker}|{p.speaker_org}|"
                          f"via {p.via}|{p.date}] gold [{g['speaker']}|{g.get('speaker_org')}|via {g.get('via')}|"
                          f"{g['date']}]")
            if errors and half == "tune":
                where = f"{a['topic']}/{a['article_id']}"
                print(*[f"MISS {where} @{g['cue_start']}: [{g['speaker']}] {g['cue']}"
                        for j, g in enumerate(gs) if j not in {j for _, j in m}], sep="\n")
                print(*[f"SPUR {where}: [{p.speaker}] [{p.cue}] {p.content[:70]!r}"
                        for i, p in enumerate(pred) if i not in {i for i, _ in m}], sep="\n")
        pr = n_match / n_pred if n_pred else 0.0
        rc = n_match / n_gold if n_gold else 0.0
        res[half] = {"gold": n_gold, "pred": n_pred, "P": pr, "R": rc, "F1": 2 * pr * rc / (pr + rc) if pr + rc else 0.0,
                     "speaker": sp / n_match if n_match else 0.0, "org": org_ok / org_n if org_n else 0.0,
                     "date": dt / n_match if n_match else 0.0, "via P": via_ok / via_p if via_p else 1.0,
                     "via R": via_r / via_g if via_g else 1.0, "via n": via_p}
    return res


def table(configs: dict[str, dict[str, Any]]) -> list[str]:
    lines = ["| T17 real news (examples/t17_gold) | half | gold / pred | statement P / R / F1 | speaker right | "
             "speaker_org right | date right | via P (n) / R |", "|---|---|---|---|---|---|---|---|"]
    for name, cfg in configs.items():
        for half, r in score(cfg).items():
            lines.append(f"| {name} | {half} | {r['gold']} / {r['pred']} | {r['P']:.3f} / {r['R']:.3f} / "
                         f"**{r['F1']:.3f}** | {r['speaker']:.3f} | {r['org']:.3f} | {r['date']:.3f} | "
                         f"{r['via P']:.3f} ({r['via n']}) / {r['via R']:.3f} |")
    return lines
