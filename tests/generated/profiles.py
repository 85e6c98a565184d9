"""Hypothesis profiles, chosen by `KEHOACH_HYPOTHESIS` (issue 20, item 6):

- `ci` (default): derandomized, so every run tries the same plans; each property sets its
  own number of examples (`examples(n)`) so that all of them together stay within CI's
  budget (under 90 s on 2 cores).
- `long`: random, thousands of examples per property (`KEHOACH_EXAMPLES`, default 2000):
  `KEHOACH_HYPOTHESIS=long python -m pytest tests/properties -x`; `KEHOACH_SHRINK=0` skips
  shrinking (a large plan can take minutes to shrink) and reports the failing plan as found.

Every counterexample a run finds becomes an ordinary test with its plan written out."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, Phase, settings

PROFILE = os.environ.get("KEHOACH_HYPOTHESIS", "ci")
_SLOW = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example]

settings.register_profile(
    "ci", derandomize=True, database=None, deadline=None, print_blob=True,
    suppress_health_check=_SLOW,
)
_PHASES = [p for p in Phase if p != Phase.shrink or os.environ.get("KEHOACH_SHRINK") != "0"]
settings.register_profile(
    "long", derandomize=False, database=None, deadline=None, print_blob=True, phases=_PHASES,
    max_examples=int(os.environ.get("KEHOACH_EXAMPLES", "2000")), suppress_health_check=_SLOW,
)


def load() -> None:
    if PROFILE not in ("ci", "long"):
        raise SystemExit(f"KEHOACH_HYPOTHESIS={PROFILE}: chỉ có 'ci' hoặc 'long'")
    settings.load_profile(PROFILE)


def examples(ci: int) -> settings:
    """A property's settings: `ci` examples in the CI profile, the profile's count else."""
    return settings(max_examples=ci) if PROFILE == "ci" else settings()
