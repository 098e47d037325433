"""Packages that can also be called: ``dateline.extract`` is both the extract package and the function
:func:`dateline.api.extract` (same for ``ingest``), so ``dateline.extract(text)`` and
``import dateline.extract.pipeline`` both work (one name, no shadowing)."""
from __future__ import annotations

import importlib
import sys
import types
from typing import Any


def make_callable(module_name: str, target: str) -> None:
    """Make the module ``module_name`` callable as the function ``target`` (``"package.module:function"``)."""
    mod_path, func_name = target.split(":")

    class CallableModule(types.ModuleType):
        def __call__(self, *args: Any, **kwargs: Any) -> Any:
            return getattr(importlib.import_module(mod_path), func_name)(*args, **kwargs)

    sys.modules[module_name].__class__ = CallableModule
