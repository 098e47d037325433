"""Scope inter-annotator agreement on the T17 figures gold (issue 20): a second annotator's blind scopes
(examples/t17_gold/figures_scope_a2.json) against the gold's `scope` (figures.json, guideline v2), scored with
bench/figures_t17.py's own ``scope_ok``, as the figures bench scores dateline: **scope right where the gold has one**
and **no scope where the gold has none**, per half, over every gold figure the second annotator scoped.

- ``show SPLIT [N SEED]``: prints, for each gold figure of the half (or a random sample of N, ``random.Random(SEED)``),
  its value, unit and category, the article's first line, the line before and the figure's own line with the number
  bracketed, to the terminal only (never the gold's scope, kind, as-of or any dateline output).
- ``spans``: fills each annotation's ``spans`` with the character offsets of each '; '-part of its scope found
  verbatim in the figure's line, nearest the figure (a part rewritten by the guideline, e.g. a demonym as its country or a date as ISO,
  has no span), so the file keeps offsets beside the short scope string.
- ``score`` (default): prints a markdown table per half (with the 95 % Wilson interval of the scope rate and, for
  reference, exact agreement: equal word sets after bench/scope_agreement.py's normalisation).

Usage: python bench/scope_iaa.py [show tune|check [N SEED] | spans | score]
"""
from __future__ import annotations

import json
import math
import random
import sys
from typing import Any

import t17_gold
from figures_t17 import scope_ok
from scope_agreement import norm

A2 = t17_gold.GOLD / "figures_scope_a2.json"


def split_figures(split: str) -> list[dict[str, Any]]:
    data = t17_gold.load("figures")
    arts = t17_gold.articles(split) + data.get(f"extra_{split}_articles", [])
    keys = [(a["topic"], str(a["article_id"])) for a in arts]
    return sorted((g for g in data["figures"] if (g["topic"], str(g["article_id"])) in keys),
                  key=lambda g: (keys.index((g["topic"], str(g["article_id"]))), g["start"]))


def _line(text: str, start: int, end: int) -> tuple[int, int]:
    ls = text.rfind("\n", 0, start) + 1
    le = text.find("\n", end)
    return ls, (len(text) if le < 0 else le)


def show(split: str, n: int | None = None, seed: int = 0) -> None:
    figs = split_figures(split)
    if n is not None:
        keep = set(map(id, random.Random(seed).sample(figs, n)))
        figs = [g for g in figs if id(g) in keep]
    art = None
    for g in figs:
        text = t17_gold.article_text(g["topic"], g["article_id"])
        if art != (g["topic"], g["article_id"]):
            art = (g["topic"], g["article_id"])
            print(f"\n=== {g['topic']}/{g['article_id']} first line: {text.split(chr(10))[0][:200]}")
        ls, le = _line(text, g["start"], g["end"])
        before = text[text.rfind("\n", 0, max(ls - 1, 0)) + 1:max(ls - 1, 0)]
        line = text[ls:g["start"]] + "[[" + text[g["start"]:g["end"]] + "]]" + text[g["end"]:le]
        print(f"  [prev] {before[-200:]}")
        print(f"  {g['start']}-{g['end']}: {g['value']} {g.get('unit') or ''} {g['category']} | {line}")


def spans() -> None:
    data = json.loads(A2.read_text(encoding="utf-8"))
    for r in data["scopes"]:
        text = t17_gold.article_text(r["topic"], r["article_id"])
        ls, le = _line(text, r["start"], r["end"])
        out = []
        for part in (r["scope"] or "").split("; "):
            hits = [i for i in range(ls, le) if part and text.startswith(part, i)]
            at = min(hits, key=lambda i: abs(i - r["start"])) if hits else -1  # the occurrence nearest the figure
            out.append([at, at + len(part)] if at >= 0 else None)
        r["spans"] = out if r["scope"] else []
    A2.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def agreement(split: str) -> dict[str, Any]:
    a2 = {(r["topic"], r["article_id"], r["start"]): r["scope"]
          for r in json.loads(A2.read_text(encoding="utf-8"))["scopes"]}
    res = {"n": 0, "scope": [0, 0], "no_scope": [0, 0], "a2_filled": 0, "exact": 0}
    for g in split_figures(split):
        key = (g["topic"], g["article_id"], g["start"])
        if key not in a2:
            continue
        mine = a2[key]
        res["n"] += 1
        res["a2_filled"] += bool(mine)
        if g.get("scope"):
            res["scope"][0] += scope_ok(mine, g["scope"])
            res["scope"][1] += 1
            res["exact"] += norm(mine) == norm(g["scope"])
        else:
            res["no_scope"][0] += not mine
            res["no_scope"][1] += 1
    return res


def wilson(k: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """The 95 % Wilson interval of a proportion k/n."""
    if not n:
        return 0.0, 0.0
    p = k / n
    mid, half = p + z * z / (2 * n), z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return (mid - half) / (1 + z * z / n), (mid + half) / (1 + z * z / n)


def score() -> list[str]:
    lines = ["| scope IAA (second annotator vs gold, guideline v2) | figures | gold filled | A2 filled | "
             "scope right where the gold has one (95 % Wilson) | no scope where the gold has none | exact where the gold has one | all figures agree |",
             "|---|---|---|---|---|---|---|---|"]
    for split in ("tune", "check"):
        a = agreement(split)
        (s, sn), (z, zn) = a["scope"], a["no_scope"]
        lines.append(f"| {split} | {a['n']} | {sn} | {a['a2_filled']} | {s / sn:.3f} ({s}/{sn}; {wilson(s, sn)[0]:.2f}-{wilson(s, sn)[1]:.2f}) | "
                     f"{z / zn:.3f} ({z}/{zn}) | {a['exact'] / sn:.3f} ({a['exact']}/{sn}) | {(s + z) / a['n']:.3f} ({s + z}/{a['n']}) |")
    return lines


if __name__ == "__main__":
    cmd = sys.argv[1] if len(sys.argv) > 1 else "score"
    if cmd == "show":
        show(sys.argv[2], *(int(x) for x in sys.argv[3:5]))
    elif cmd == "spans":
        spans()
    else:
        print("\n".join(score()))
