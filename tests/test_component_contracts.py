"""Component contracts: declared requires/reads/assigns, order checks, typed Context fields, ConfigError."""
from __future__ import annotations

import dataclasses

import pytest

from dateline import Pipeline
from dateline.errors import ConfigError
from dateline.extract.events.lexicon import build_lexicon
from dateline.extract.pipeline import DEFAULT_COMPONENTS
from dateline.extract.registry import CONTEXT_FIELDS, Context, check_order, get_info, register, registered
from dateline.model import Article


def test_every_builtin_component_declares_what_it_assigns() -> None:
    for name in DEFAULT_COMPONENTS:
        info = get_info(name)
        assert info.assigns, name
        assert set(info.requires) | set(info.reads) | set(info.assigns) <= CONTEXT_FIELDS


def test_the_default_order_is_valid() -> None:
    check_order(DEFAULT_COMPONENTS)


def test_events_alone_is_rejected_naming_what_is_missing() -> None:
    with pytest.raises(ConfigError, match=r"'events' requires 'entities'.*add 'entities'"):
        Pipeline(["events"])
    with pytest.raises(ConfigError, match=r"'events' requires 'places'"):
        Pipeline(["time", "entities", "events"])


def test_a_component_that_reads_what_a_later_one_assigns_is_rejected() -> None:
    with pytest.raises(ConfigError, match=r"'figures' reads 'statements', which 'statements' assigns only after"):
        check_order(["time", "entities", "figures", "statements"])
    with pytest.raises(ConfigError, match=r"move 'entities' before it"):
        check_order(["places", "entities"])


def test_partial_pipelines_that_can_work_are_accepted() -> None:
    for names in (["time"], ["entities"], ["time", "figures"], ["entities", "statements"],
                  ["time", "entities", "places"]):
        check_order(names)


def test_unknown_component_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match=r"unknown extract component 'nope'.*known: \["):
        Pipeline(["time", "nope"])


def test_register_rejects_unknown_context_fields() -> None:
    with pytest.raises(ConfigError, match="unknown Context fields"):
        register("bad_contract", requires=("actor_index",))
    assert "bad_contract" not in registered()


def test_a_user_component_with_a_contract_is_checked_and_runs() -> None:
    seen: list[int] = []

    @register("count_actor_tokens_test", requires=("actor_at",), assigns=())
    def make() -> object:
        def component(doc: object, ctx: Context) -> None:
            seen.append(len(ctx.actor_at))
        return component

    with pytest.raises(ConfigError, match="'count_actor_tokens_test' requires 'actor_at'"):
        Pipeline(["time", "count_actor_tokens_test"])
    Pipeline(["entities", "count_actor_tokens_test"])(Article(id="a", text="Hamas said it would talk to Qatar.",
                                                                dct="2025-01-01"))
    assert seen and seen[0] > 0


def test_context_has_typed_fields_not_a_string_keyed_dict() -> None:
    names = {f.name for f in dataclasses.fields(Context)}
    assert {"actor_at", "actors_at", "actor_kb", "place_at"} <= names
    assert "extra" not in names


def test_entities_and_places_fill_the_typed_fields_events_use() -> None:
    text = "Israeli troops attacked Hamas fighters in Gaza City on Monday, the army said."
    ctx = Context(article=Article(id="t", text=text, dct="2025-01-01"))
    pipe = Pipeline(["time", "entities", "places"])
    doc = pipe.nlp(text)
    for _name, component in pipe.components:
        component(doc, ctx)
    assert ctx.actor_kb is not None
    assert {e.canonical for e in ctx.actor_at.values()} >= {"Hamas"}
    assert any(p.text == "Gaza City" for p in ctx.place_at.values())
    ex = Pipeline(["time", "entities", "places", "events"])(Article(id="t", text=text, dct="2025-01-01"))
    assert any(e.location for e in ex.events)


def test_bad_event_dictionary_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="not a PLOVER action"):
        build_lexicon([{"actions": {"BOGUS": {"verbs": ["zap"]}}}])
