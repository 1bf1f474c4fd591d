"""Exception classes raised by geomap.

All of them derive from :class:`GeomapError`, so a caller can catch that one
class; the CLI turns each into a one-line message and a non-zero exit status.
"""

from __future__ import annotations

from pathlib import Path

__all__ = [
    "GeomapError",
    "GazetteerError",
    "GazetteerRowError",
    "InputError",
    "PlaceNotFound",
    "OutputError",
    "InputWarning",
]


class GeomapError(Exception):
    """Base class of every error geomap raises on purpose."""


class GazetteerError(GeomapError):
    """The gazetteer could not be read or built."""


class GazetteerRowError(GazetteerError):
    """A gazetteer row is invalid.

    Parameters
    ----------
    path : str or Path
        The file holding the row.
    line : int
        1-based line number of the row in that file.
    message : str
        What is wrong with it.
    """

    def __init__(self, path: str | Path, line: int, message: str):
        self.path = str(path)
        self.line = line
        self.message = message
        super().__init__(f"{self.path}:{line}: {message}")


class InputError(GeomapError):
    """An input article could not be read.

    Parameters
    ----------
    path : str or Path
        The file that failed.
    message : str
        Why it failed.
    """

    def __init__(self, path: str | Path, message: str):
        self.path = str(path)
        self.message = message
        super().__init__(f"{self.path}: {message}")


class InputWarning(InputError):
    """Something about an input that was read anyway (a repeated metadata row...)."""


class PlaceNotFound(GeomapError):
    """No gazetteer entry matches a query."""

    def __init__(self, query: str):
        self.query = query
        super().__init__(f"no place in the gazetteer matches {query!r}")


class OutputError(GeomapError, OSError):
    """The output folder cannot be written (a file, not writable, full, busy…).

    Also an :class:`OSError`, so callers that handle file-system errors catch it.
    """

    def __init__(self, message: str):
        self.message = message
        Exception.__init__(self, message)

    def __str__(self) -> str:
        return self.message
