"""Inter-annotator agreement on the T17 figures gold's `scope` (issue 20): an old annotation (figures.json at a git
commit, default c0282ee: the scope written under the first, vague guideline) against the blind re-annotation under
guideline v2 (examples/t17_gold/figures_scope_v2.json), per half, over the same figures (same offsets).

- **null/non-null**: both empty or both filled (raw agreement and Cohen's kappa, scikit-learn).
- **exact**: equal after normalisation (lowercase, the words of ``[\\w-]+`` without the/a/an/in/of/on/at/to, as a
  set): over all figures (both empty counts as equal) and over the figures both annotations scope.
- **lenient**: bench/figures_t17.py's ``scope_ok`` (one side's words contain the other's, or the same gazetteer
  place), over the figures both annotations scope.

Usage: python bench/scope_agreement.py [COMMIT]   (prints a markdown table; appends nothing)
"""
from __future__ import annotations

import json
import re
import subprocess
import sys
from typing import Any

import t17_gold
from figures_t17 import scope_ok
from sklearn.metrics import cohen_kappa_score

_STOP = frozenset({"the", "a", "an", "in", "of", "on", "at", "to"})


def norm(s: str | None) -> frozenset[str]:
    return frozenset(w for w in re.findall(r"[\w-]+", (s or "").lower()) if w not in _STOP)


def old_scopes(commit: str) -> dict[tuple[str, str, int], str | None]:
    text = subprocess.run(["git", "show", f"{commit}:examples/t17_gold/figures.json"], cwd=t17_gold.ROOT,
                          check=True, capture_output=True, text=True).stdout
    return {(f["topic"], f["article_id"], f["start"]): f.get("scope") for f in json.loads(text)["figures"]}


def agreement(pairs: list[tuple[str | None, str | None]]) -> dict[str, Any]:
    filled_a = [bool(a) for a, _ in pairs]
    filled_b = [bool(b) for _, b in pairs]
    both = [(a, b) for a, b in pairs if a and b]
    return {"n": len(pairs), "old_filled": sum(filled_a), "new_filled": sum(filled_b),
            "null_agree": sum(x == y for x, y in zip(filled_a, filled_b)) / len(pairs),
            "kappa": cohen_kappa_score(filled_a, filled_b),
            "exact_all": sum(norm(a) == norm(b) for a, b in pairs) / len(pairs),
            "both": len(both),
            "exact_both": sum(norm(a) == norm(b) for a, b in both) / len(both) if both else 0.0,
            "lenient_both": sum(scope_ok(a, b) for a, b in both) / len(both) if both else 0.0}


def main(commit: str = "c0282ee") -> list[str]:
    old = old_scopes(commit)
    new = json.loads((t17_gold.GOLD / "figures_scope_v2.json").read_text(encoding="utf-8"))["scopes"]
    lines = [f"| scope agreement (old @ {commit} vs blind v2) | figures | old filled | new filled | null/non-null "
             "agree | kappa | exact (all) | both filled | exact (both filled) | lenient (both filled) |",
             "|---|---|---|---|---|---|---|---|---|---|"]
    for split in ("tune", "check"):
        pairs = [(old[(r["topic"], r["article_id"], r["start"])], r["scope"]) for r in new if r["split"] == split]
        a = agreement(pairs)
        lines.append(f"| {split} | {a['n']} | {a['old_filled']} | {a['new_filled']} | {a['null_agree']:.3f} | "
                     f"{a['kappa']:.3f} | {a['exact_all']:.3f} | {a['both']} | {a['exact_both']:.3f} | "
                     f"{a['lenient_both']:.3f} |")
    return lines


if __name__ == "__main__":
    print("\n".join(main(*sys.argv[1:])))
