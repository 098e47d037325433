"""Build ``src/dateline/resources/events/wordnet_verbs.tsv``: PLOVER actions for verbs the event dictionaries lack,
through their WordNet synonyms and hypernyms that the dictionaries do code (run from the repo root).

    python scripts/wordnet_verbs.py [--wordnet /usr/share/wordnet] [--out PATH]

Sources: Princeton WordNet 3.0 as Debian's ``wordnet-base`` installs it (``/usr/share/wordnet/{index,data}.verb``;
WordNet licence, see ``LICENSE.wordnet`` beside the output) and dateline's own verb dictionaries: the hand-made
``plover.yaml`` and the converted CAMEO patterns ``cameo.yaml`` / ``cameo_no_event.yaml`` (bare verbs only: a verb
that a dictionary codes only in phrases is no seed).

For every single-word WordNet verb that no dictionary holds (in any pattern) and that is none of ``plover.yaml``'s
rule word lists (speech, light, command, wanting, characterize, crowd verbs), the first ``SENSES`` senses (WordNet's
order: most frequent first) are searched level by level — the synset's other lemmas, then its hypernyms, then their
hypernyms — and the first level holding seed verbs votes: each seed gives its action (a speech verb or a CAMEO
no-event verb votes "no event"). Confidence = the level's weight x the sense's weight x the winning action's share
of the votes. Rows whose winner is "no event" are not written. Output columns: verb, action, confidence, sense
number, the verb's number of WordNet senses, relation (syn / hyper / hyper2), and the seed verbs that voted for the action.
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

import wordnet_files  # noqa: E402 - sibling module (scripts/)

from dateline.extract.events.lexicon import (  # noqa: E402
    CAMEO_DICTIONARY, CAMEO_NO_EVENT, NO_EVENT, _read_yaml, _without_verbs, build_lexicon)

OUT = ROOT / "src" / "dateline" / "resources" / "events" / "wordnet_verbs.tsv"
SENSES = 2
#: seeds from the hand-made dictionary only (CAMEO's bare verbs include general ones: "employ", "go")
OWN_SEEDS_ONLY = True
LEVEL_WEIGHT = {"syn": 1.0, "hyper": 0.7, "hyper2": 0.45}
SENSE_WEIGHT = (1.0, 0.6)
RULE_LISTS = ("speech_verbs", "light_verbs", "command_verbs", "wanting_verbs", "characterize_verbs", "crowd_verbs")


def read_wordnet(wordnet: Path) -> tuple[dict[str, list[str]], dict[str, tuple[list[str], list[str]]]]:
    """index: lemma -> synset offsets (sense order); data: offset -> (lemmas, hypernym offsets)."""
    data = {off: ([w.lower() for w in syn.words], [o for sym, o, _ in syn.pointers if sym == "@"])
            for off, syn in wordnet_files.data(wordnet, "verb").items()}
    return wordnet_files.index(wordnet, "verb"), data


def seeds() -> tuple[dict[str, str], set[str]]:
    """Bare dictionary verbs -> action (NO_EVENT for speech and no-event verbs), and every verb any pattern holds."""
    base = _read_yaml(None)
    own = build_lexicon([base])
    cameo = build_lexicon([_without_verbs(base), _read_yaml(None, CAMEO_DICTIONARY)])
    out: dict[str, str] = {}
    for lex in (own, cameo)[:1 if OWN_SEEDS_ONLY else 2]:  # the hand-made dictionary first
        for lemma, pats in lex.verbs.items():
            bare = [p.action for p in pats if p.specificity == 0]
            if bare and lemma not in out:
                out[lemma] = Counter(bare).most_common(1)[0][0]
    blocked = _read_yaml(None, CAMEO_NO_EVENT).get("no_event") or {}
    for key in ("verbs", "statements"):
        for p in blocked.get(key) or []:
            words = str(p).lower().split()
            if len(words) == 1:
                out.setdefault(words[0], NO_EVENT)
    known = set(own.verbs)  # the table serves verbs the default (hand-made) dictionary has no pattern for
    for name in RULE_LISTS:
        for w in own.word_set(name):
            if name == "speech_verbs":
                out[w.split()[0]] = NO_EVENT
            known.add(w.split()[0])
    return out, known


def classify(verb: str, index: dict[str, list[str]], data: dict[str, tuple[list[str], list[str]]],
             seed: dict[str, str]) -> tuple[str, float, int, str, list[str]] | None:
    for sense, offset in enumerate(index.get(verb, [])[:SENSES]):
        level: list[str] = [offset]
        for rel in ("syn", "hyper", "hyper2"):
            if rel != "syn":
                level = [h for o in level for h in data[o][1]]
            votes = [(lem, seed[lem]) for o in level for lem in data[o][0] if lem != verb and lem in seed]
            if not votes:
                continue
            count = Counter(a for _, a in votes)
            action, n = count.most_common(1)[0]
            if action == NO_EVENT:
                return None
            conf = LEVEL_WEIGHT[rel] * SENSE_WEIGHT[sense] * n / len(votes)
            return action, round(conf, 3), sense + 1, rel, sorted({lem for lem, a in votes if a == action})
    return None


def build(wordnet: Path) -> list[str]:
    index, data = read_wordnet(wordnet)
    seed, known = seeds()
    rows = []
    for verb in sorted(index):
        if not verb.isalpha() or verb in known or verb in seed:
            continue
        hit = classify(verb, index, data, seed)
        if hit is not None:
            action, conf, sense, rel, via = hit
            rows.append(f"{verb}\t{action}\t{conf}\t{len(index[verb])}\t{sense}\t{rel}\t{','.join(via)}")
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--wordnet", type=Path, default=Path("/usr/share/wordnet"))
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)
    rows = build(args.wordnet)
    header = ("# GENERATED by scripts/wordnet_verbs.py from Princeton WordNet 3.0 (LICENSE.wordnet) and dateline's verb\n"
              "# dictionaries (plover.yaml; cameo.yaml from PETRARCH2, LICENSE.petrarch2). Do not edit: re-run the script.\n"
              "# verb\taction\tconfidence\tsenses\tsense\trelation\tseed verbs\n")
    args.out.write_text(header + "\n".join(rows) + "\n", encoding="utf-8")
    print(f"{len(rows)} verbs -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
