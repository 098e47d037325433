"""Convert the field's dictionaries into dateline's resource format (run from the repo root).

    python scripts/convert_dictionaries.py [--shared ../shared/resources]

Sources (read, never copied whole): PETRARCH2's CAMEO verb dictionary ``petrarch2/CAMEO.2.0.txt`` with the
official CAMEO -> PLOVER table ``plover/CAMEO2PLOVER-2021.txt``; the Phoenix actor dictionaries
(``Phoenix.Countries.actors.txt``, ``Phoenix.International.actors.txt``, ``Phoenix.MilNonState.actors.txt``) and
generic agents (``Phoenix.agents.txt``). Outputs, with each source's LICENSE and COMMIT beside them:

- ``src/dateline/resources/events/cameo.yaml``: the verb patterns in the event dictionary's own YAML shape
  (``actions: {PLOVER: {verbs: [...]}}``), each CAMEO code mapped to its PLOVER action by the table;
- ``src/dateline/resources/events/cameo_no_event.yaml``: the phrase patterns the source codes as no PLOVER event;
- ``src/dateline/resources/actors/phoenix.yaml``: people with dated roles and non-state groups
  in the format of ``people.yaml`` (the same format users pass with ``--actors FILE``).

Verb-pattern conversion (PETRARCH2 syntax -> ours): every verb of a block (and its own listed forms) gets the
block's patterns; ``- * OBJ [c]`` -> "verb obj"; ``- * (PREP OBJ)`` -> "verb prep obj"; ``- * OBJ (PREP ..)`` ->
"verb obj prep" (the clause must have the preposition); ``{A B}`` is a noun phrase matched on its head B;
``&SET`` becomes the noun class ``@cameo_set`` (the dictionary's synonym sets); markers ``$ + % ^`` are dropped;
a pattern that the source codes to two different PLOVER actions is dropped. Patterns that constrain words before
the verb (``- PROSECUTOR * ...``) are left out. Codes the table does not map to PLOVER (01x public statements —
PLOVER has no statement category —, ``---`` no event) code no action; since session 10 (issue 15) their phrase
patterns (when the source codes them to no PLOVER action anywhere) go to ``cameo_no_event.yaml`` (``no_event``:
``statements`` for 01x, ``verbs`` for the rest): as in PETRARCH2 the most specific pattern decides, so a verb matched
by one gives no event instead of the verb's own code ("deny the charges" is CAMEO 016, no rejection). CAMEO 02x
(appeals) are PLOVER REQUEST (the PLOVER codebook: "appeal, demand, request"); the 2021 table lists only 10x.
"""
from __future__ import annotations

import argparse
import re
import shutil
import sys
from collections import defaultdict
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
RES = ROOT / "src" / "dateline" / "resources"
PREPS = {"on", "for", "with", "off", "out", "over", "down", "up", "against", "to", "into", "back", "in", "from",
         "away", "about", "at", "upon", "forward", "of", "by", "toward", "towards", "across", "through", "near",
         "under", "after", "as", "onto", "around", "along", "behind", "between", "without", "within", "among"}
CODE = re.compile(r"\[([^\]]*)\]")


def plover_table(path: Path) -> dict[str, str]:
    out: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        m = re.match(r"^(\d{2,4}):\s*([A-Z]+)", line)
        if m:
            out.setdefault(m.group(1), m.group(2))
    return out


def to_plover(code: str, table: dict[str, str]) -> str | None:
    code = code.split(":")[0].strip()
    if not code or not code[0].isdigit():
        return None
    if code.startswith("02"):
        return "REQUEST"
    for k in (code, code[:4], code[:3], code[:2]):
        if k in table:
            return table[k]
    return None


def _word(w: str) -> str:
    return w.strip("$+%^{}").lower().replace("_", " ").strip()


def _phrase_head(tokens: list[str], sets: set[str]) -> str | None:
    """A {noun phrase}'s head: its last word (or synonym set)."""
    words = [t for t in tokens if _word(t)]
    return _obj(words[-1].strip("{}"), sets) if words else None


def _obj(tok: str, sets: set[str]) -> str | None:
    """One post-verb element's head: a word, a {noun phrase} (its last word) or &SET (@set)."""
    if tok.startswith("&"):
        name = tok[1:].rstrip("_").lower()
        return f"@cameo_{name}" if name in sets else None
    w = _word(tok)
    return w.split()[-1] if w else None


def _elements(post: str) -> list[list[str]]:
    """Split the text after '*' into elements: (prep phrase), {noun phrase} or single words."""
    out: list[list[str]] = []
    for m in re.finditer(r"\(([^)]*)\)|\{([^}]*)\}|(\S+)", post):
        if m.group(1) is not None:
            out.append(["("] + m.group(1).split())
        elif m.group(2) is not None:
            out.append(["{"] + m.group(2).split())
        else:
            out.append([m.group(3)])
    return out


def convert_pattern(post: str, sets: set[str]) -> str | None:
    """PETRARCH post-verb pattern -> our 'particle object requires' tail (None: not expressible)."""
    els = [e for e in _elements(post) if e not in (["$"], ["+"], ["%"], ["^"])]
    particle = obj = requires = None
    for el in els:
        if el[0] == "(":
            words = [w for w in el[1:] if _word(w)]
            if not words:
                continue
            prep = _word(words[0])
            if prep not in PREPS:
                if obj is None:
                    obj = _obj(words[-1], sets)
                continue
            if obj is None and particle is None:
                particle = prep
                if len(words) > 1:
                    obj = _phrase_head(words[1:], sets)
            elif requires is None:
                requires = prep
        elif el[0] == "{":
            if obj is None:
                obj = _phrase_head(el[1:], sets)
        else:
            w = el[0]
            lw = _word(w)
            if not lw:
                continue
            if lw in PREPS and obj is None and particle is None:
                particle = lw
            elif obj is None:
                obj = _obj(w, sets)
            elif lw in PREPS and requires is None:
                requires = lw
    if obj is None and particle is None:
        return None
    parts = [p for p in (particle, obj, requires) if p]
    if requires and not obj:
        return None
    return " ".join(parts)


def read_synsets(lines: list[str]) -> dict[str, list[str]]:
    sets: dict[str, list[str]] = {}
    cur: str | None = None
    for line in lines:
        s = line.split("#")[0].rstrip()
        if s.startswith("####### VERB PATTERNS"):
            break
        if s.startswith("&"):
            cur = s[1:].strip().rstrip("_").lower()
            sets[cur] = []
        elif s.startswith("+") and cur:
            w = _word(s[1:].split()[0]) if s[1:].split() else ""
            if w:
                sets[cur].append(w.split()[-1])
        elif not s.strip():
            continue
    return {k: sorted(set(v)) for k, v in sets.items() if v}


#: the key of the patterns the source codes as no PLOVER event (CAMEO 01x statements, ``---``): they block the verb
NO_EVENT = "NONE"
#: ... split by kind: CAMEO 01x public statements (no PLOVER category), the rest (``[---]`` and unmapped codes)
STATEMENT = "STATEMENT"


def read_verbs(lines: list[str], sets: set[str], table: dict[str, str]) -> dict[str, set[str]]:
    """PLOVER action -> pattern strings; ``NO_EVENT`` -> the phrase patterns whose code maps to no PLOVER action
    (in PETRARCH2 the most specific pattern decides: "want * divorce [---]" is no event, not the verb's own code)."""
    out: dict[str, set[str]] = defaultdict(set)
    start = next(i for i, ln in enumerate(lines) if ln.startswith("####### VERB PATTERNS"))
    block_code: str | None = None
    verbs: list[tuple[str, str | None]] = []
    patterns: list[tuple[str, str]] = []

    def flush() -> None:
        for lemma, own in verbs:
            code = own or block_code
            act = to_plover(code, table) if code else None
            if act:
                out[act].add(lemma)
            for tail, pcode in patterns:
                pact = to_plover(pcode, table)
                kind = STATEMENT if pcode.split(":")[0].strip().startswith("01") else NO_EVENT
                out[pact or kind].add(f"{lemma} {tail}")

    for raw in lines[start + 1:]:
        line = raw.split("#")[0].rstrip()
        if not line.strip():
            continue
        if line.startswith("---"):
            flush()
            m = CODE.search(line)
            block_code = m.group(1) if m and m.group(1) != "---" else None
            verbs, patterns = [], []
        elif line.startswith("-"):
            m = CODE.search(line)
            if not m or "*" not in line:
                continue
            body = line[1:m.start()].strip()
            pre, _, post = body.partition("*")
            if pre.strip():
                continue  # a constraint on the words before the verb: not expressible in our patterns
            tail = convert_pattern(post, sets)
            if tail:
                patterns.append((tail, m.group(1)))
        elif line[0].isalpha() or line[0] == "+":
            word = line.lstrip("+").split("{")[0].split("[")[0].strip()
            m = CODE.search(line)
            own = m.group(1) if m and m.group(1) != "---" else None
            if not word or " " in word.strip():
                continue
            parts = [p for p in word.lower().split("_") if p]
            if not parts:
                continue
            lemma = parts[0] if len(parts) == 1 or parts[1] in PREPS else None
            if lemma is None:
                continue  # multi-word noun-like forms ("ANGERED_BY" keeps its verb)
            if len(parts) > 1:
                lemma = f"{parts[0]} {parts[1]}"
            verbs.append((lemma, own))
    flush()
    return out


def _dump(dest: Path, doc: dict[str, object]) -> None:
    header = ("# GENERATED by scripts/convert_dictionaries.py from PETRARCH2's CAMEO.2.0.txt (MIT, Open Event Data\n"
              "# Alliance; LICENSE.petrarch2) and PLOVER's CAMEO2PLOVER-2021.txt (CC BY-SA 4.0; this table is\n"
              "# shared alike). Source commits: COMMIT.petrarch2, COMMIT.plover. Do not edit: re-run the script.\n")
    dest.write_text(header + yaml.safe_dump(doc, sort_keys=False, width=120, allow_unicode=True), encoding="utf-8")


def _classes(synsets: dict[str, list[str]], pattern_sets: list[set[str]]) -> dict[str, list[str]]:
    used = {w[7:] for pats in pattern_sets for p in pats for w in p.split() if w.startswith("@cameo_")}
    return {f"cameo_{k}": v for k, v in sorted(synsets.items()) if k in used}


def convert_verbs(src: Path, table_path: Path, dest: Path, dest_no_event: Path) -> tuple[int, int]:
    """Write the coding patterns (``dest``) and the no-event phrase patterns (``dest_no_event``: a pattern the
    source codes only to no PLOVER action, split into CAMEO 01x ``statements`` and the rest, ``verbs``)."""
    lines = src.read_text(encoding="utf-8", errors="replace").splitlines()
    synsets = read_synsets(lines)
    table = plover_table(table_path)
    actions = read_verbs(lines, set(synsets), table)
    blocked, statements = actions.pop(NO_EVENT, set()), actions.pop(STATEMENT, set())
    seen: dict[str, set[str]] = defaultdict(set)
    for act, pats in actions.items():
        for p in pats:
            seen[p].add(act)
    actions = {a: {p for p in pats if len(seen[p]) == 1} for a, pats in actions.items()}  # ambiguous: dropped
    statements -= set(seen)  # coded to an action elsewhere: not a pure no-event pattern
    blocked -= set(seen) | statements
    source = ("PETRARCH2 CAMEO.2.0.txt verb patterns, CAMEO codes mapped with CAMEO2PLOVER-2021 "
              "(scripts/convert_dictionaries.py; see LICENSE and COMMIT files beside this one)")
    _dump(dest, {"version": 1, "source": source, "particles": sorted(PREPS),
                 "noun_classes": _classes(synsets, list(actions.values())),
                 "actions": {a: {"verbs": sorted(p)} for a, p in sorted(actions.items())}})
    _dump(dest_no_event, {"version": 1, "source": source + "; the phrase patterns coded to no PLOVER action",
                          "particles": sorted(PREPS), "noun_classes": _classes(synsets, [blocked, statements]),
                          "no_event": {"verbs": sorted(blocked), "statements": sorted(statements)}})
    return sum(len(p) for p in actions.values()), len(blocked) + len(statements)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", default=str(ROOT.parent / "shared" / "resources"))
    args = ap.parse_args()
    shared = Path(args.shared)
    pet, plo = shared / "petrarch2", shared / "plover"
    ev = RES / "events"
    n, k = convert_verbs(pet / "CAMEO.2.0.txt", plo / "CAMEO2PLOVER-2021.txt", ev / "cameo.yaml",
                         ev / "cameo_no_event.yaml")
    print(f"events/cameo.yaml: {n} verb patterns; events/cameo_no_event.yaml: {k} no-event patterns")
    sys.path.insert(0, str(Path(__file__).parent))
    from phoenix_actors import convert_actors  # noqa: PLC0415 - sibling script module

    m = convert_actors(pet, RES / "actors" / "phoenix.yaml")
    print(f"actors/phoenix.yaml: {m} actors")
    for folder in (ev, RES / "actors"):
        shutil.copyfile(pet / "LICENSE", folder / "LICENSE.petrarch2")
        shutil.copyfile(pet / "COMMIT", folder / "COMMIT.petrarch2")
    shutil.copyfile(plo / "COMMIT", ev / "COMMIT.plover")
    (ev / "LICENSE.plover").write_text(
        "CAMEO2PLOVER-2021.txt (the CAMEO -> PLOVER table used to build cameo.yaml) is by the Open Event Data\n"
        "Alliance (PLOVER, Philip Schrodt), licensed under Creative Commons Attribution-ShareAlike 4.0\n"
        "International (https://creativecommons.org/licenses/by-sa/4.0/). cameo.yaml's action mapping is a\n"
        "derived work and is shared under the same license.\n", encoding="utf-8")


if __name__ == "__main__":
    main()
