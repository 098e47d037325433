"""The one loader of dateline's packaged data (``dateline/resources/<component>/...``: lexicons, patterns,
dictionaries, the actor KB, the gazetteer). A missing or malformed file is a ``ConfigError`` naming it."""
from __future__ import annotations

import json
from importlib import resources
from typing import Any

import yaml

from ..errors import ConfigError

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_text(*parts: str) -> str:
    """The text of ``resources/<parts...>`` ("time", "lexicon.yaml")."""
    try:
        return resources.files(__name__).joinpath(*parts).read_text(encoding="utf-8")
    except OSError as e:
        raise ConfigError(f"resource {'/'.join(parts)}: {e}") from None


def has_resource(*parts: str) -> bool:
    """Whether ``resources/<parts...>`` exists (an optional file: a model built by a make target)."""
    return resources.files(__name__).joinpath(*parts).is_file()


def parse_yaml(text: str, name: str = "<text>") -> Any:
    """YAML with the C safe loader when there is one."""
    try:
        return yaml.load(text, Loader=_Loader)  # noqa: S506  safe loader
    except yaml.YAMLError as e:
        raise ConfigError(f"{name}: not valid YAML: {e}") from None


def load_yaml(*parts: str) -> Any:
    return parse_yaml(load_text(*parts), "/".join(parts))


def load_json(*parts: str) -> Any:
    try:
        return json.loads(load_text(*parts))
    except json.JSONDecodeError as e:
        raise ConfigError(f"resource {'/'.join(parts)}: not valid JSON: {e}") from None


def load_lines(*parts: str) -> list[str]:
    """The non-empty lines of a word list, stripped, without ``#`` comment lines."""
    return [w.strip() for w in load_text(*parts).splitlines() if w.strip() and not w.startswith("#")]
