"""Real-news event scoring for bench/events.py: the T17 gold in ``examples/t17_gold/events.json``.

A predicted event matches a gold event of the same article line (Timeline17 texts hold one sentence per line) with
the same action and an actor that matches (``actor_match``: a shared content word or the canonical name); gold and
predictions are matched one-to-one. Negated events are left out on both sides (a denial is not the action).
The guideline's unit is one record per trigger and actor; our records (one per actor-target pair) are merged to
that unit before matching (since 2026-12-07, issue 15).

The guideline names actors "as a reader would give them (short text of the mention or the canonical name)", so
(since 2026-12-07, issue 15) a gold actor that names a state or one of its organs ("Egyptian parliament", "Thai
government", "Egypt") carries that state's ISO code, as PLOVER's gold does, and matches a prediction acting for
that state; a gold actor made only of generic words ("police", "the military") matches a prediction with the same
head word (the content-word rule ignores generic words and could never match it).

The stored T17 texts are PTB-tokenized ("-LRB- CNN -RRB-", "`` respect ''", "Thailand 's"), which derails the
parser: the pipeline reads them detokenized (``bench/t17.py``), line for line, and a prediction is placed by its
line in that text, the gold by its line in the stored text.

Predictions whose modality is ``speculative`` (a modal of possibility: "might join the protests") are not
scored, as negated ones are not: the guideline counts predictions as no events (``scored``).

The guideline codes a threat or a promise by its content action with mode intent ("threatened to beat them":
ASSAULT, intent) and says how to score PLOVER's own convention: intents of cooperation are AGREE, hostile ones
THREATEN. The coder records PLOVER's convention for the commissive verb itself (THREATEN, AGREE) and the content
convention for a modal ("said it would attack": ASSAULT, planned), so (since 2026-12-07, session 11) an action
matches when it is the gold action, or when both read the same in PLOVER's convention (``same_action``: the gold
by its mode, the prediction by ``to_plover``).

Besides the shared articles of ``articles.json``, the events-only ``extra_tune_articles`` / ``extra_check_articles``
of ``events.json`` are scored with their half (since 2026-12-07, issue 15: the shared halves held 41 and 21 events).

``examples/t17_gold/events_check2.json`` (session 12, issue 15) is a further blind check set of its own (16 articles of
two topics no other events gold uses, guideline v2): ``load_set`` reads it as a half, ``joined`` adds it to the check
half, and bench/events.py prints both as rows of their own ("check2", "check + check2"); the check row is unchanged.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

import re

import t17_gold

from dateline.model import Article

CHECK2 = "events_check2"  # a further blind check set of its own (session 12, issue 15)
Runner = Callable[[list[Article]], tuple[list[tuple[Any, Any]], float]]
ActorMatch = Callable[[str | None, str | None, str | None, dict[str, Any]], bool]


_WORD = re.compile(r"[a-z0-9]+")
_STOP = frozenset("the a an of and or in on at to for from by with its their his her s".split())
#: prepositions that end a name's head phrase ("People across Egypt": the head phrase is "People")
_HEAD_PREPS = ("across", "of", "in", "from", "at", "on", "throughout", "around", "outside", "inside", "near")


class GoldActor:
    """The gold actor as the scorer's ``actor_match`` reads it: ``actorText`` plus, for a state or a state organ,
    the state's ISO code (``code``); generic-only names fall back to their head word."""

    def __init__(self, generic: frozenset[str]) -> None:
        from dateline.extract.entities.kb import load_kb, normalize

        self.kb, self.norm, self.generic = load_kb(), normalize, generic

    def state_code(self, name: str) -> str | None:
        words = [w for w in _WORD.findall(name.lower()) if w not in _STOP]
        codes = set()
        rest = []
        for w in words:
            st = self.kb.demonyms.get(self.norm(w)) or next((a for a in self.kb.lookup(w) if a.kind == "state"), None)
            if st is not None and st.country:
                codes.add(st.country)
            else:
                rest.append(w)
        if len(codes) == 1 and all(w in self.generic for w in rest):
            return codes.pop()
        return None

    def record(self, name: str) -> dict[str, Any]:
        return {"actorText": name, "code": self.state_code(name)}

    def head_match(self, name: str, texts: tuple[str | None, ...]) -> bool:
        """A gold name of generic words ("the military") or whose head phrase, before a preposition, is generic
        ("People across Egypt", "members of parliament") matches a prediction with the same head word: the
        guideline's "short text of the mention" (since 2026-12-07, session 11, for the prepositional form)."""
        head = re.split(r"\b(?:%s)\b" % "|".join(_HEAD_PREPS), name.lower(), maxsplit=1)[0]
        words = [w for w in _WORD.findall(head) if w not in _STOP]
        if not words or any(w not in self.generic for w in words):
            return False
        pred = {w.rstrip("s") for t in texts for w in _WORD.findall((t or "").lower())}
        return words[-1].rstrip("s") in pred


def readable(text: str) -> str:
    """The PTB-tokenized T17 text as written (``bench/t17.py``'s ``detokenize``: one line per line, so a
    prediction's line number still points at the gold's line)."""
    from t17 import detokenize  # noqa: PLC0415 - bench sibling module

    return detokenize(text)


def _per_trigger_and_actor(events: list[Any]) -> list[Any]:
    """The guideline's unit, one record per trigger and actor: our records per actor-target pair are merged."""
    seen: set[tuple[int, str | None]] = set()
    out = []
    for e in events:
        key = (e.start, e.actor)
        if key not in seen:
            seen.add(key)
            out.append(e)
    return out


def joint_parts(pred: list[Any], used: set[int], e: Any, g: dict[str, Any], matches: Callable[[Any], bool]) -> set[int]:
    """The other records of ``e``'s trigger and action whose actors are parts of the gold's joint actor ("John
    Branca and John McClain" accused: our one record per person): one record of the guideline's unit, as its
    convention says (two people acting jointly as one subject are one record; since 2026-12-07, session 11)."""
    if " and " not in f" {g['actor']} ":
        return set()
    return {i for i, x in enumerate(pred) if i not in used and x.start == e.start and x.action == e.action
            and x.actor != e.actor and matches(x)}


def scored(e: Any) -> bool:
    """The predictions the guideline's events compare with: not negated (gold mode ``negated`` is left out
    too), and not speculative ("might join the protests", "could spread"): the guideline counts predictions
    as no events, so gold holds none (since 2026-12-07, issue 15: the system records the modality, the scorer
    compares like with like). Intentions and conditions stay: the gold codes them (mode intent, conditional)."""
    return bool(e.polarity != "negative" and e.modality != "speculative")


def plover_gold(g: dict[str, Any]) -> str:
    """The gold action in PLOVER's convention, as the guideline says to score it: an intent of cooperation is
    AGREE, a hostile one THREATEN (the lists of ``plover_intent`` in the dictionary)."""
    from dateline.extract.events.lexicon import load_lexicon  # noqa: PLC0415

    lex, action = load_lexicon(), g["action"]
    if g.get("mode") == "intent":
        if action in lex.plover_cooperative:
            return "AGREE"
        if action in lex.plover_hostile:
            return "THREATEN"
    return str(action)


def same_action(e: Any, g: dict[str, Any]) -> bool:
    """The prediction's action is the gold's, in the guideline's content convention or in PLOVER's."""
    from dateline.extract.events.component import to_plover  # noqa: PLC0415

    return bool(e.action == g["action"] or to_plover(e) == plover_gold(g))


def _f1(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _line(text: str, offset: int) -> int:
    return text.count("\n", 0, offset)


def load_half(split: str) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[Article], list[str]]:
    """The half's gold events (negated ones left out), its annotated articles, each as an ``Article`` of its
    detokenized text, and each one's stored text (the gold offsets' reference)."""
    data = t17_gold.load("events")
    gold_all = [g for g in data["events"] if g.get("mode") != "negated"]
    arts = t17_gold.articles(split) + data.get(f"extra_{split}_articles", [])
    articles, stored = [], []
    for a in arts:
        row = t17_gold.article(a["topic"], a["article_id"])
        articles.append(Article(id=f"{a['topic']}/{a['article_id']}", text=readable(row["text"]), dct=row.get("time")))
        stored.append(row["text"])
    return gold_all, arts, articles, stored


def load_set(name: str) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[Article], list[str]]:
    """``load_half``'s tuple for an events-only gold file with its own article list (``<name>.json``'s
    ``articles`` and ``events``: ``events_check2``)."""
    data = t17_gold.load(name)
    gold = [g for g in data["events"] if g.get("mode") != "negated"]
    articles, stored = [], []
    for a in data["articles"]:
        row = t17_gold.article(a["topic"], a["article_id"])
        articles.append(Article(id=f"{a['topic']}/{a['article_id']}", text=readable(row["text"]), dct=row.get("time")))
        stored.append(row["text"])
    return gold, list(data["articles"]), articles, stored


def joined(*halves: tuple[Any, ...]) -> tuple[Any, ...]:
    """Several ``load_half`` tuples as one (the check half and a further check set, scored together)."""
    return tuple([x for h in halves for x in h[i]] for i in range(4))


def cached(run: Runner) -> Runner:
    """``run`` that runs each article (by id) once: the check half is scored alone and with a further check set."""
    done: dict[str, tuple[Any, Any]] = {}

    def go(articles: list[Article]) -> tuple[list[tuple[Any, Any]], float]:
        todo = [a for a in articles if a.id not in done]
        secs = 0.0
        if todo:
            runs, secs = run(todo)
            done.update({a.id: r for a, r in zip(todo, runs)})
        return [done[a.id] for a in articles], secs

    return go


def t17_events(split: str, run: Runner, show_errors: bool, actor_match: ActorMatch,
               generic: frozenset[str] = frozenset(), half: Any = None,
               target_ok: Callable[[Any, dict[str, Any]], bool] | None = None) -> dict[str, Any]:
    """``half``: ``load_half``'s tuple for another gold (bench/events_iaa.py: a second annotation, or a subset of
    articles); ``target_ok(prediction, gold)``: an extra condition on a match (the target, for actor+action+target
    agreement). Both default to the bench's own scoring."""
    gold_actor = GoldActor(generic)
    gold_all, arts, articles, stored = half if half is not None else load_half(split)
    runs, _secs = run(articles)
    tp = n_pred = n_gold = mode_ok = mode_n = date_ok = date_n = 0
    errors: list[str] = []
    batches: dict[int, list[int]] = {}  # annotation batch -> [matched, predicted, gold]
    for a, art, text, (_doc, ctx) in zip(arts, articles, stored, runs):
        gold = [g for g in gold_all if g["topic"] == a["topic"] and g["article_id"] == a["article_id"]]
        pred = _per_trigger_and_actor([e for e in ctx.events if scored(e)])
        tp_before = tp
        n_pred += len(pred)
        n_gold += len(gold)
        used: set[int] = set()
        for g in gold:
            gl = _line(text, g["start"])
            hit = next((i for i, e in enumerate(pred) if i not in used and same_action(e, g)
                        and _line(art.text, e.start) == gl
                        and (actor_match(e.actor_text, e.actor, e.actor_country, gold_actor.record(g["actor"]))
                             or gold_actor.head_match(g["actor"], (e.actor_text, e.actor)))
                        and (target_ok is None or target_ok(e, g))), None)
            if hit is None:
                errors.append(f"{art.id}: FN {g['actor']} {g['action']} {g.get('target')} @{g['text']}")
                continue
            used.add(hit)
            tp += 1
            e = pred[hit]
            used |= joint_parts(pred, used, e, g, lambda x: actor_match(x.actor_text, x.actor, x.actor_country,
                                                                          gold_actor.record(g["actor"])))
            mode_n += 1
            mode_ok += (e.modality == "asserted") == (g.get("mode", "asserted") == "asserted")
            if g.get("date"):
                date_n += 1
                date_ok += bool(e.date) and str(e.date).startswith(g["date"])
        n_pred -= len(used) - (tp - tp_before)  # the parts of a joint actor merged into its one record
        for i, e in enumerate(pred):
            if i not in used:
                errors.append(f"{art.id}: FP {e.actor_text} {e.action} {e.target_text} @{e.trigger}")
        tally = batches.setdefault(int(a.get("batch", 1)), [0, 0, 0, 0])
        for k, v in enumerate((tp - tp_before, len(pred) - (len(used) - (tp - tp_before)), len(gold), 1)):
            tally[k] += v
    return {"articles": len(arts), "gold": n_gold, "pred": n_pred, "f1": _f1(tp, n_pred, n_gold),
            "batches": {b: {"articles": v[3], "gold": v[2], "pred": v[1], "f1": _f1(*v[:3])}
                        for b, v in sorted(batches.items())},
            "mode_ok": mode_ok, "mode_n": mode_n, "date_ok": date_ok, "date_n": date_n,
            "errors": errors if show_errors else []}
