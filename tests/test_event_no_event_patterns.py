"""CAMEO's no-event phrase patterns (issue 15, session 10): a phrase the field's dictionary codes as a public
statement (CAMEO 01x) or as no event (``[---]``) keeps the verb from being coded, as the most specific pattern
decides in PETRARCH2; a time adjunct's object is never a pattern's object. New sentences written for these tests."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from dateline.extract.events.lexicon import NO_EVENT, build_lexicon, load_lexicon
from dateline.extract.pipeline import default_pipeline

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

from convert_dictionaries import NO_EVENT as CONVERTED_NO_EVENT, STATEMENT, read_verbs  # noqa: E402


def _verb(sentence: str, word: str):  # type: ignore[no-untyped-def]
    doc = default_pipeline().nlp(sentence)
    return next(t for t in doc if t.text == word)


def _action(lex, sentence: str, word: str) -> str | None:  # type: ignore[no-untyped-def]
    hit = lex.match_verb(_verb(sentence, word))
    return hit[0].action if hit is not None else None


SMALL = {
    "particles": ["on", "to", "after"],
    "actions": {"REJECT": {"verbs": ["deny", "deny request"]}, "CONSULT": {"verbs": ["meet talks"]}},
    "no_event": {"verbs": ["deny rumour"], "statements": ["deny charge", "deny request"]},
}


def test_a_no_event_phrase_blocks_the_bare_verb() -> None:
    lex = build_lexicon([SMALL])
    assert _action(lex, "The mayor denied the charges against her brother.", "denied") is None
    assert _action(lex, "The club denied the rumours about its coach.", "denied") is None
    assert _action(lex, "The mayor denied the journalists access to the archive.", "denied") == "REJECT"


def test_a_coding_pattern_wins_a_tie_with_a_no_event_pattern() -> None:
    lex = build_lexicon([SMALL])
    assert _action(lex, "The board denied the request of the tenants.", "denied") == "REJECT"


def test_a_bare_no_event_entry_blocks_nothing() -> None:
    lex = build_lexicon([{**SMALL, "no_event": {"verbs": ["deny"]}}])
    assert _action(lex, "The mayor denied the charges against her brother.", "denied") == "REJECT"
    assert not any(p.action == NO_EVENT for p in lex.verbs["deny"])


def test_a_time_adjunct_object_is_no_pattern_object() -> None:
    lex = build_lexicon([SMALL])
    assert _action(lex, "The envoys met for talks in Oslo.", "met") == "CONSULT"
    assert _action(lex, "The envoys met the press after the talks.", "met") is None


@pytest.mark.parametrize(("sentence", "verb", "plover", "default"), [
    ("The party accepted responsibility for the defeat.", "accepted", "AGREE", None),  # CAMEO 013: a statement
    ("The union accepted the offer of the owners.", "accepted", "AGREE", "AGREE"),
    ("The council congratulated the city on its anniversary.", "congratulated", "SUPPORT", None),
    ("The governor declared a state of emergency on Friday.", "declared", "MOBILIZE", "MOBILIZE"),  # a tie: coded
])
def test_the_default_dictionary_reads_cameo_statement_phrases(sentence: str, verb: str, plover: str | None,
                                                              default: str | None) -> None:
    assert _action(load_lexicon(verbs=("plover",)), sentence, verb) == plover
    assert _action(load_lexicon(), sentence, verb) == default


def test_only_statements_are_blocked_by_default() -> None:
    nulls = load_lexicon(verbs=("plover", "cameo-nulls"))
    stmts = load_lexicon()
    n_nulls = sum(p.action == NO_EVENT for ps in nulls.verbs.values() for p in ps)
    n_stmts = sum(p.action == NO_EVENT for ps in stmts.verbs.values() for p in ps)
    both = sum(p.action == NO_EVENT for ps in load_lexicon(verbs=("plover", "cameo-blocks")).verbs.values() for p in ps)
    assert n_nulls > 0 and n_stmts > 0 and both == n_nulls + n_stmts


CAMEO_SAMPLE = """\
####### VERB PATTERNS
--- DENY [---]
DENY
- * ACCUSATION [016]
- * WAR [---]
- * REQUEST [128]
--- HOPE [---]
HOPE
- * PEACE [013]
"""


def test_the_converter_splits_no_event_patterns_by_kind() -> None:
    out = read_verbs(CAMEO_SAMPLE.splitlines(), set(), {"128": "REJECT"})
    assert out["REJECT"] == {"deny request"}
    assert out[STATEMENT] == {"deny accusation", "hope peace"}
    assert out[CONVERTED_NO_EVENT] == {"deny war"}


def test_a_block_on_a_verb_nothing_codes_adds_no_dictionary_verb() -> None:
    # "report" only blocked must not become a dictionary verb (its doer "reporters" would turn into an actor noun)
    lex = build_lexicon([{**SMALL, "no_event": {"statements": ["report progress", "deny charge"]}}])
    assert "report" not in lex.verbs
    assert any(p.action == NO_EVENT for p in lex.verbs["deny"])
