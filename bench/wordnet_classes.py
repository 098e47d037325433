"""Build ``resources/statements/wordnet_classes.tsv.gz`` (``dateline.extract.statements.wordnet``) from
Princeton WordNet 3.0 as Debian's ``wordnet-base`` installs it (``/usr/share/wordnet/{index,data}.{verb,noun}``).

    python bench/wordnet_classes.py [--wordnet /usr/share/wordnet] [--out PATH]

One line per single-word lemma: lemma, ``v``/``n``, the lexicographer classes of its first three senses (in
WordNet's sense order, most frequent first), without the ``verb.``/``noun.`` prefix, deduplicated.
"""
from __future__ import annotations

import argparse
import sys
import gzip
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

import wordnet_files  # noqa: E402 - the shared WordNet reader (scripts/)
OUT = ROOT / "src" / "dateline" / "resources" / "statements" / "wordnet_classes.tsv.gz"
# WordNet's lexicographer files by number (lexnames(5WN))
LEXNAMES = ("adj.all adj.pert adv.all noun.Tops noun.act noun.animal noun.artifact noun.attribute noun.body "
            "noun.cognition noun.communication noun.event noun.feeling noun.food noun.group noun.location "
            "noun.motive noun.object noun.person noun.phenomenon noun.plant noun.possession noun.process "
            "noun.quantity noun.relation noun.shape noun.state noun.substance noun.time verb.body verb.change "
            "verb.cognition verb.communication verb.competition verb.consumption verb.contact verb.creation "
            "verb.emotion verb.motion verb.perception verb.possession verb.social verb.stative verb.weather "
            "adj.ppl").split()


def build(wordnet: Path) -> list[str]:
    out = []
    for pos in ("verb", "noun"):
        lexfile = {off: LEXNAMES[syn.lexfile].split(".")[1] for off, syn in wordnet_files.data(wordnet, pos).items()}
        for lemma, offsets in wordnet_files.index(wordnet, pos).items():
            if not lemma.isalpha():
                continue
            cls: list[str] = []
            for offset in offsets[:3]:
                if lexfile[offset] not in cls:
                    cls.append(lexfile[offset])
            out.append(f"{lemma}\t{pos[0]}\t{','.join(cls)}")
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--wordnet", type=Path, default=Path("/usr/share/wordnet"))
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)
    lines = build(args.wordnet)
    args.out.write_bytes(gzip.compress(("\n".join(lines) + "\n").encode("utf-8"), mtime=0))
    print(f"{len(lines)} lemmas -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
