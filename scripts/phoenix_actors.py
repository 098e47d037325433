"""Phoenix actor dictionaries (PETRARCH2) -> dateline's actor YAML (people with dated roles; groups, IGOs).

Phoenix format: a primary name line (``BARACK_OBAMA`` or ``HAMAS_ [PSEREB]``), ``+ALIAS`` lines, and indented
``[CODE DATES]`` lines with CAMEO actor codes (country + role, ``USAGOV``) and date ranges (``780101-000101``,
``>090120`` from, ``<990706`` until); several primary lines before one block of codes are one actor (TABARI's
synonyms). A person's title comes from the section comment the entry stands under ("# Prime Ministers", "# U.S.
Secretaries of State": ``SECTION_TITLES``; a section runs to the next section comment or country entry) for its
plain government code (``GRCGOV``, not a ministry's ``GRCGOVBUS``), else from its aliases
("PRESIDENT_BARACK_OBAMA" -> "president", the longest title first: "vice president" is no "president"); a title
held with a government code (GOV, MIL, LEG, JUD) gets that code's dates, so "the president" of the United States
on 2010-05-01 resolves to Barack Obama (``entities.groups.person_in_office``). CountryInfo's codes carry no role,
so a person outside a titled section and without a titled alias is an "official".
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

ENTRY = re.compile(r"^([^\s#+\[][^\[#]*?)\s*(?:\[([^\]]*)\])?\s*(?:#.*)?$")
DATED = re.compile(r"^\s+\[([A-Z]{3,})\s*([^\]]*)\]")
TITLES = ("prime minister", "president", "vice president", "foreign minister", "defense minister",
          "defence minister", "king", "queen", "emir", "chancellor", "secretary general", "secretary-general",
          "general", "leader")
OFFICE_CODES = ("GOV", "MIL", "LEG", "JUD", "IGO")
#: a section comment's words -> the role of the people under it (searched in this order: plurals and longer first)
SECTION_TITLES = (
    ("vice president", "vice president"), ("vice-president", "vice president"),
    ("prime minister", "prime minister"), ("premier", "prime minister"), ("chancellor", "chancellor"),
    ("president", "president"), ("monarch", "monarch"),
    ("secretaries of state", "secretary of state"), ("secretaries of defense", "defense secretary"),
    ("secretaries of homeland security", "homeland security secretary"), ("attorneys general", "attorney general"),
    ("ambassadors to the un", "ambassador to the UN"), ("chiefs of staff", "chief of staff"),
    ("national security advisors", "national security adviser"), ("trade representative", "trade representative"),
    ("directors of central", "director of intelligence"), ("secretarys general", "secretary-general"),
    ("secretaries general", "secretary-general"),
)
#: a comment of at most this many words (and no entry syntax: ``_``, ``[``, ``+``) is a section heading
SECTION_WORDS = 6
KIND = {"REB": "armed group", "INS": "armed group", "UAF": "armed group", "SPY": "intelligence agency",
        "MIL": "military", "GOV": "government", "IGO": "organization", "NGO": "organization", "MED": "media",
        "BUS": "company", "OPP": "party", "PTY": "party"}


def _name(raw: str) -> str:
    words = [w for w in raw.strip().strip("+").replace("_", " ").split() if w]
    return " ".join(w if any(c.isdigit() for c in w) or (len(w) <= 4 and "." in w) else w.capitalize()
                    for w in words)


def _date(s: str) -> str | None:
    s = s.strip()
    if re.fullmatch(r"(19|20)\d{6}", s):  # YYYYMMDD, as the newer entries write it ("GRCGOV 20091006-20111111")
        return f"{s[:4]}-{s[4:6]}-{s[6:]}"
    if not re.fullmatch(r"\d{6}", s):
        return None
    yy = int(s[:2])
    return f"{1900 + yy if yy > 30 else 2000 + yy}-{s[2:4]}-{s[4:6]}"


def _range(spec: str) -> tuple[str | None, str | None]:
    spec = spec.strip()
    if spec.startswith(">"):
        return _date(spec[1:]), None
    if spec.startswith("<"):
        return None, _date(spec[1:])
    if "-" in spec:
        a, b = spec.split("-", 1)
        return _date(a), _date(b)
    return None, None


def section_title(comment: str) -> str | None:
    """The role a section comment names ("# Greek Prime Ministers" -> "prime minister"), or None."""
    low = " ".join(comment.lower().replace("[", " ").replace("]", " ").split())
    return next((title for words, title in SECTION_TITLES if words in low), None)


def _heading(line: str) -> bool:
    """A section heading: a comment at the start of a line, a few words, no commented-out entry syntax."""
    text = line[1:].strip()
    return line.startswith("#") and bool(text) and not any(c in text for c in "_[+") \
        and len(text.split()) <= SECTION_WORDS


def parse(path: Path) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    cur: dict[str, Any] | None = None
    serial = 0
    section: tuple[str | None, int] = (None, 0)
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        if _heading(line):
            serial += 1
            section = (section_title(line[1:]), serial)
            continue
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        m = DATED.match(line)
        if m and cur is not None:
            cur["codes"].append((m.group(1), *_range(m.group(2))))
            continue
        if line.startswith("+") and cur is not None:
            alias = line[1:].split("#")[0].strip()
            if alias:
                cur["aliases"].append(_name(alias))
            continue
        m = ENTRY.match(line)
        if m and not line.startswith((" ", "\t", "!")):
            code = m.group(2).split()[0] if m.group(2) and m.group(2).split() else None
            if code is not None and len(code) == 3:  # a country's own entry ("CROATIA_ [HRV]") ends a section
                serial += 1
                section = (None, serial)
            if cur is not None and not cur["codes"] and code is None and cur["section"] == section:
                cur["aliases"].append(_name(m.group(1)))  # a synonym line before the codes ("PRESIDENT_X_")
                continue
            cur = {"name": _name(m.group(1)), "aliases": [], "codes": [], "section": section}
            if code is not None:
                cur["codes"].append((code, *_range(" ".join(m.group(2).split()[1:]))))
            out.append(cur)
    _end_sections(out)
    return out


def _gov_start(e: dict[str, Any]) -> str | None:
    """The earliest start of the entry's plain government codes (``GRCGOV 20091006-...``)."""
    return min((c[1] for c in e["codes"] if c[0][3:] == "GOV" and c[1]), default=None)


def _end_sections(entries: list[dict[str, Any]]) -> None:
    """A titled section lists its office holders in order of office; where the order breaks (a list of ministers
    in alphabetical order follows the prime ministers, with no comment between) the section has ended: the
    entries from there keep no section title."""
    prev: dict[int, str] = {}
    ended: set[int] = set()
    for e in entries:
        title, serial = e["section"]
        if title is None:
            continue
        start = _gov_start(e)
        if serial in ended or (start is not None and serial in prev and start < prev[serial]):
            ended.add(serial)
            e["section"] = (None, serial)
        elif start is not None:
            prev[serial] = start


def _title(name: str, aliases: list[str]) -> str | None:
    for a in aliases:
        low = a.lower()
        for t in sorted(TITLES, key=len, reverse=True):  # "vice president" before "president"
            if low.endswith(" " + name.lower()) and (" " + t + " ") in (" " + low + " "):
                return t
    return None


def _bare_name(name: str, aliases: list[str]) -> str:
    """A person's name without the title the dictionary wrote before it: "SECRETARY-GENERAL_BAN_KI-MOON" with the
    alias "BAN_KI-MOON" is Ban Ki-moon (the titled form stays an alias). Only a title word, not a first name, is
    taken off: the name must start with one of TITLES followed by the alias."""
    low = name.lower()
    for a in sorted(aliases, key=len, reverse=True):
        head = low[: len(low) - len(a)].strip()
        if len(a.split()) >= 2 and low.endswith(" " + a.lower()) and head.split()[-1] in _TITLE_WORDS:
            return a
    return name


_TITLE_WORDS = {w for t in TITLES for w in t.split()} | {"un", "u.n.", "united", "nations"}


def to_records(entries: list[dict[str, Any]], people: bool) -> list[dict[str, Any]]:
    recs: list[dict[str, Any]] = []
    for e in entries:
        if people:
            bare = _bare_name(e["name"], e["aliases"])
            if bare != e["name"]:
                e = {**e, "name": bare, "aliases": [*e["aliases"], e["name"]]}
        codes = [c for c in e["codes"] if len(c[0]) >= 3]
        if not codes:
            continue
        dated = [c for c in codes if c[1] or c[2]]
        if people and not dated:
            continue
        country = codes[0][0][:3]
        aliases = sorted({a for a in e["aliases"] if a != e["name"] and len(a.split()) <= 6})
        if people:
            title = _title(e["name"], e["aliases"]) or "official"
            section = (e.get("section") or (None, 0))[0]
            roles = [{"role": section if section and c[0][3:] == "GOV"
                      else title if c[0][3:6] in OFFICE_CODES else c[0][3:6].lower() or "member",
                      "country": c[0][:3], "start": c[1], "end": c[2]} for c in dated]
            roles = [r for r in roles if (r["end"] or "9999") >= "1990"]
            if not roles:
                continue
            recs.append({"name": e["name"], "kind": "person", "country": country, "aliases": aliases,
                         "roles": roles, "code": codes[0][0]})
        else:
            kind = KIND.get(codes[0][0][3:6], "organization")
            recs.append({"name": e["name"], "kind": kind, "country": country if country.isalpha() else None,
                         "aliases": aliases, "code": codes[0][0]})
    return recs


def convert_actors(petrarch: Path, dest: Path) -> int:
    people = to_records(parse(petrarch / "Phoenix.Countries.actors.txt"), people=True)
    people += to_records(parse(petrarch / "Phoenix.International.actors.txt"), people=True)
    groups = to_records(parse(petrarch / "Phoenix.MilNonState.actors.txt"), people=False)
    header = ("# GENERATED by scripts/convert_dictionaries.py from PETRARCH2's Phoenix actor dictionaries (MIT, Open\n"
              "# Event Data Alliance; LICENSE.petrarch2, COMMIT.petrarch2). People with dated roles (title from the\n"
              "# aliases, dates from the CAMEO actor codes) and non-state groups, in the format of people.yaml.\n"
              "# Loaded after the hand-made files: a name or alias they already hold is not taken again.\n")
    dest.write_text(header + yaml.safe_dump(people + groups, sort_keys=False, width=200, allow_unicode=True),
                    encoding="utf-8")
    write_titled(people, dest.with_name("phoenix_titled.yaml"))
    return len(people) + len(groups)


def write_titled(people: list[dict], dest: Path) -> int:
    """The people of ``people`` holding a titled role (``kb.PHOENIX = "titled"``, the default), in a file of their
    own: the loader reads ~150 records instead of parsing the whole 3.7 MB conversion at every start."""
    from dateline.extract.entities.kb import titled  # noqa: PLC0415 - the loader's own test of a title

    keep = [d for d in people if d.get("kind", "person") == "person" and titled(d)]
    header = ("# GENERATED by scripts/phoenix_actors.py: the people of phoenix.yaml with a titled role (PETRARCH2's\n"
              "# Phoenix actor dictionaries, MIT, Open Event Data Alliance; LICENSE.petrarch2, COMMIT.petrarch2).\n")
    dest.write_text(header + yaml.safe_dump(keep, sort_keys=False, width=200, allow_unicode=True), encoding="utf-8")
    return len(keep)
