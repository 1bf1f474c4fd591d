"""Named rules and features that ``geomap eval --ablate`` can switch off.

Every resolver feature, recognition filter and event rule that makes a
decision registers its name here with a one-line description; the component
checks ``name not in off`` before applying it, where ``off`` is the set of
switched-off names it was built with (empty in normal use).  ``--ablate``
runs the evaluation once per name with that one switched off, so every rule
must show what it earns, and the test suite has a case per name that fails
when it is off (``tests/test_switches.py``).
"""

from __future__ import annotations

__all__ = ["SWITCHES", "register"]

#: name -> what it does.
SWITCHES: dict[str, str] = {}


def register(name: str, doc: str) -> str:
    """Declare a switchable rule; returns its name (use it as a module constant)."""
    if name in SWITCHES and SWITCHES[name] != doc:
        raise ValueError(f"switch {name!r} declared twice")
    SWITCHES[name] = doc
    return name
