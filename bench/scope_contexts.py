"""Print each T17 gold figure's value, offsets and its sentence (line) for blind scope annotation (issue 20).

Prints the article's first line (its topic event), the line before the figure's (for back-references) and the
figure's own line with the number bracketed; never the gold's scope. Output goes to the terminal only (article
text is never written into the repo). Usage: python bench/scope_contexts.py tune|check
"""
from __future__ import annotations

import sys

import t17_gold


def main(split: str) -> None:
    data = t17_gold.load("figures")
    arts = t17_gold.articles(split) + data.get(f"extra_{split}_articles", [])
    for a in arts:
        text = t17_gold.article_text(a["topic"], a["article_id"])
        golds = sorted((g for g in data["figures"] if g["topic"] == a["topic"] and g["article_id"] == a["article_id"]),
                       key=lambda g: g["start"])
        if not golds:
            continue
        print(f"\n=== {a['topic']}/{a['article_id']} ({a.get('time')}) first line: {text.split(chr(10))[0][:200]}")
        prev_line = None
        for g in golds:
            ls = text.rfind("\n", 0, g["start"]) + 1
            le = text.find("\n", g["end"])
            le = len(text) if le < 0 else le
            if ls != prev_line:
                before = text[text.rfind("\n", 0, max(ls - 1, 0)) + 1:max(ls - 1, 0)]
                print(f"  [prev] {before[-250:]}")
                prev_line = ls
            line = text[ls:g["start"]] + "[[" + text[g["start"]:g["end"]] + "]]" + text[g["end"]:le]
            print(f"  {g['start']}: {g['value']} {g['category']}/{g['kind']} as_of={g['as_of']} | {line}")


if __name__ == "__main__":
    main(sys.argv[1])
