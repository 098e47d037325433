"""The T17 tune half's event errors by class (issue 15, session 9): where the real-news event F1 is lost.

    python bench/events_budget.py [--list]

Tune half only (the check half's errors are never read). Each article runs through the default pipeline as
``bench/events.py`` runs it, is matched as ``bench/events_t17.py`` matches (same line, same action, actor match,
one-to-one), and every unmatched prediction (FP) and gold event (FN) gets one class:

- **same trigger** (an FP and an FN on one line whose triggers overlap: the event is found, a role is wrong):
  ``wrong actor`` (same action), ``wrong action`` (actor matches) or ``wrong action+actor``;
- **FN, no prediction at the gold trigger**: ``actor unresolved`` (the coder run without requiring an actor codes
  the trigger with this action), ``trigger dropped`` (the dictionary finds the trigger but a rule or the content
  rule drops it), else by the gold trigger's part of speech: ``nominal``, ``passive`` (a verb with a passive
  auxiliary or subject), ``verb not coded`` (other verbs), ``other`` (adjectives, nouns in names, ...);
- **FP, no gold at the trigger**: ``no actor in gold's sense`` (the actor is a generic or unlinked common noun
  without a state), ``background`` (dated more than a week before the article), ``reported`` (inside another
  party's statement), ``non-event`` (the rest: a verb sense, an opinion or a statement the gold does not code).
  The FP classes are tried in that order; a prediction falls in the first that fits.

Printed per annotation batch and in all. ``--list`` prints each error with its class (tune half only).
"""
from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

import events as bench  # noqa: E402
import events_t17  # noqa: E402

from dateline.extract.events.args import Mentions  # noqa: E402
from dateline.extract.events.component import find_events  # noqa: E402
from dateline.extract.events.lexicon import load_lexicon  # noqa: E402
from dateline.extract.events.triggers import find_triggers  # noqa: E402

FP_CLASSES = ("wrong actor", "wrong action", "wrong action+actor", "generic actor", "background", "reported",
              "non-event")
FN_CLASSES = ("wrong actor", "wrong action", "wrong action+actor", "actor unresolved", "trigger dropped", "nominal",
              "passive", "verb not coded", "other")
_WORD = re.compile(r"[A-Za-z]+")


def _locate(stored: str, text: str, g: dict[str, Any]) -> int | None:
    """The gold trigger's offset in the detokenized text: the occurrence on the same line nearest in relative
    position to the stored one."""
    line = events_t17._line(stored, g["start"])
    s_lines, d_lines = stored.split("\n"), text.split("\n")
    if line >= len(d_lines):
        return None
    s_off = g["start"] - sum(len(x) + 1 for x in s_lines[:line])
    rel = s_off / max(1, len(s_lines[line]))
    word = _WORD.findall(g["text"])
    if not word:
        return None
    d_line = d_lines[line]
    hits = [m.start() for m in re.finditer(re.escape(word[0]), d_line)]
    if not hits:
        return None
    best = min(hits, key=lambda h: abs(h / max(1, len(d_line)) - rel))
    return sum(len(x) + 1 for x in d_lines[:line]) + best


def _overlap(e: Any, at: int | None, doc: Any) -> bool:
    if at is None:
        return False
    span = doc.char_span(e.start, e.end, alignment_mode="expand")
    toks = {t.i for t in span} if span is not None else set()
    gtok = doc.char_span(at, at + 1, alignment_mode="expand")
    if gtok is None or not len(gtok):
        return False
    g = gtok[0]
    return g.i in toks or any(t.head.i == g.i or g.head.i == t.i for t in (span or []))


def _generic(e: Any) -> bool:
    """An actor that is a common noun of no state: no canonical name of its own and no country."""
    text = e.actor_text or ""
    return not e.actor_country and (e.actor or "") == text and (not text[:1].isupper() or text.split()[0] in
                                                                ("The", "A", "An", "Some", "Many"))


def classify(split: str = "tune") -> tuple[list[tuple[int, str, str, str]], dict[int, list[int]]]:
    """(batch, FP|FN, class, description) for every error of the half, and per batch [tp, pred, gold]."""
    assert split == "tune", "the check half's errors are never read"
    gold_actor = events_t17.GoldActor(bench.GENERIC)
    gold_all, arts, articles, stored = events_t17.load_half(split)
    runs, _ = bench._run(articles)
    lex = load_lexicon()
    out: list[tuple[int, str, str, str]] = []
    tally: dict[int, list[int]] = {}
    for a, art, text, (doc, ctx) in zip(arts, articles, stored, runs):
        batch = int(a.get("batch", 1))
        gold = [g for g in gold_all if g["topic"] == a["topic"] and g["article_id"] == a["article_id"]]
        pred = events_t17._per_trigger_and_actor([e for e in ctx.events if events_t17.scored(e)])
        loose = [e for e in find_events(doc, ctx, lex, require_actor=False) if events_t17.scored(e)]
        raw = find_triggers(doc, lex, Mentions(doc, ctx, lex))
        used: set[int] = set()
        fn: list[dict[str, Any]] = []
        why = ""

        def actor_ok(e: Any, g: dict[str, Any]) -> bool:
            return bool(bench._actor_match(e.actor_text, e.actor, e.actor_country, gold_actor.record(g["actor"]))
                        or gold_actor.head_match(g["actor"], (e.actor_text, e.actor)))

        for g in gold:
            gl = events_t17._line(text, g["start"])
            hit = next((i for i, e in enumerate(pred) if i not in used and events_t17.same_action(e, g)
                        and events_t17._line(art.text, e.start) == gl and actor_ok(e, g)), None)
            if hit is None:
                fn.append(g)
            else:
                used.add(hit)
                used |= events_t17.joint_parts(pred, used, pred[hit], g, lambda x, g=g: bench._actor_match(
                    x.actor_text, x.actor, x.actor_country, gold_actor.record(g["actor"])))
        t = tally.setdefault(batch, [0, 0, 0])
        merged = len(used) - (len(gold) - len(fn))  # parts of a joint gold actor: one record with their match
        t[0] += len(used) - merged
        t[1] += len(pred) - merged
        t[2] += len(gold)
        fp = [e for i, e in enumerate(pred) if i not in used]
        paired: set[int] = set()
        dct = art.dct[:10] if art.dct else None
        for g in fn:
            at = _locate(text, art.text, g)
            desc = f"{art.id}: gold {g['actor']} {g['action']} {g.get('target')} @{g['text']}"
            same = next((k for k, e in enumerate(fp) if k not in paired and _overlap(e, at, doc)), None)
            if same is not None:
                paired.add(same)
                e = fp[same]
                cls = ("wrong actor" if e.action == g["action"] else
                       "wrong action" if actor_ok(e, g) else "wrong action+actor")
                out.append((batch, "FN", cls, f"{desc} | pred {e.actor_text} {e.action} @{e.trigger}"))
                out.append((batch, "FP", cls, f"{art.id}: pred {e.actor_text} {e.action} @{e.trigger} | {desc}"))
                continue
            gtok = doc.char_span(at, at + 1, alignment_mode="expand") if at is not None else None
            tok = gtok[0] if gtok is not None and len(gtok) else None
            if tok is not None and any(e.action == g["action"] and e.actor is None and _overlap(e, at, doc)
                                       for e in loose):
                cls = "actor unresolved"
            elif tok is not None and any(tr.tok.i == tok.i or any(x.i == tok.i for x in tr.extra) for tr in raw):
                cls = "trigger dropped"
                why = _why_dropped(doc, ctx, lex, raw, tok)
                if why == "no_actor":
                    cls = "actor unresolved"
            elif tok is None:
                cls = "other"
            elif tok.pos_ in ("NOUN", "PROPN"):
                cls = "nominal"
            elif tok.pos_ in ("VERB", "AUX") and (tok.tag_ == "VBN" and any(
                    c.dep_ in ("auxpass", "nsubjpass") for c in tok.children)):
                cls = "passive"
            elif tok.pos_ in ("VERB", "AUX"):
                cls = "verb not coded"
            else:
                cls = "other"
            if cls != "trigger dropped":
                why = ""
            out.append((batch, "FN", cls, f"{desc} [{tok.pos_ if tok is not None else '?'}] {why}"))
        for k, e in enumerate(fp):
            if k in paired:
                continue
            desc = f"{art.id}: pred {e.actor_text} {e.action} {e.target_text} @{e.trigger} ({e.modality})"
            if _generic(e):
                cls = "generic actor"
            elif dct and e.date and e.date[:10] < dct and _days(e.date[:10], dct) > 7:
                cls = "background"
            elif e.reported_by:
                cls = "reported"
            else:
                cls = "non-event"
            out.append((batch, "FP", cls, desc))
    return out, tally


def _why_dropped(doc: Any, ctx: Any, lex: Any, raw: list[Any], tok: Any) -> str:
    """Which step drops the dictionary trigger at ``tok``: ``nested`` (another trigger's content), the name of
    the trigger or role rule, or ``later`` (headline repeats, retold acts)."""
    from dateline.extract.events.roles import noun_roles, verb_roles
    from dateline.extract.events.rules import skipped_roles, skipped_trigger
    from dateline.extract.events.triggers import drop_nested

    w = lex.word_set
    trig = next(tr for tr in raw if tr.tok.i == tok.i or any(x.i == tok.i for x in tr.extra))
    kept = drop_nested(raw, w("request_preps"), w("agent_modifiers"), w("agent_modifier_actions"))
    if all(k.tok.i != trig.tok.i for k in kept):
        return "nested"
    rule = skipped_trigger(trig, lex, ctx.article.dateline_end or 0)
    if rule:
        return rule
    m = Mentions(doc, ctx, lex)
    roles = verb_roles(m, trig) if trig.verb else noun_roles(m, trig, w("occurrence_verbs"), w("light_verbs"))
    return skipped_roles(trig, roles, lex, "roles") or skipped_roles(trig, roles, lex, "targets") or "later"


def _days(a: str, b: str) -> int:
    try:
        return (dt.date.fromisoformat(b) - dt.date.fromisoformat(a)).days
    except ValueError:
        return 0


def table(rows: list[tuple[int, str, str, str]], tally: dict[int, list[int]]) -> str:
    batches = sorted(tally)
    head = "| kind | class | " + " | ".join(f"batch {b}" for b in batches) + " | all |"
    lines = [head, "|" + "---|" * (len(batches) + 3)]
    count = Counter((b, k, c) for b, k, c, _ in rows)
    for kind, classes in (("FP", FP_CLASSES), ("FN", FN_CLASSES)):
        for c in classes:
            per = [count[(b, kind, c)] for b in batches]
            if sum(per):
                lines.append(f"| {kind} | {c} | " + " | ".join(map(str, per)) + f" | {sum(per)} |")
    for label, k in (("matched", 0), ("predicted", 1), ("gold", 2)):
        per = [tally[b][k] for b in batches]
        lines.append(f"| | {label} | " + " | ".join(map(str, per)) + f" | {sum(per)} |")
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--list", action="store_true", help="print every tune error with its class")
    args = ap.parse_args()
    rows, tally = classify("tune")
    print(table(rows, tally))
    if args.list:
        for b, kind, c, d in sorted(rows, key=lambda r: (r[1], r[2], r[0])):
            print(f"b{b} {kind} [{c}] {d}")


if __name__ == "__main__":
    main()
