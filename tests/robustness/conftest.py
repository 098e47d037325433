"""Hypothesis profiles: `ci` (default, within minutes) and `fuzz` (`make fuzz`: 10× the examples)."""
from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

_common = dict(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
               derandomize=False, print_blob=True)
settings.register_profile("ci", max_examples=25, **_common)
settings.register_profile("fuzz", max_examples=250, **_common)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
