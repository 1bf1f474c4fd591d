"""Names of a package imported on first use (PEP 562), so that importing it stays light."""

from __future__ import annotations

import importlib


def lazy_getattr(package: str, exports: dict[str, str], namespace: dict,
                 module: str | None = None):
    """A module ``__getattr__`` that imports ``package.<exports[name]>`` on first use of
    *name* and keeps the value in *namespace* (the globals of *module*, default: the
    package itself)."""
    def __getattr__(name: str):
        mod = exports.get(name)
        if mod is None:
            raise AttributeError(f"module {module or package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(f".{mod}", package), name)
        namespace[name] = value
        return value
    return __getattr__
