"""An on-disk cache of what geomap derives from its data files, to start fast.

Building the name index from a 47,000-name gazetteer takes about a second; reading it
back takes a tenth of that.  :func:`cached` keeps such derived data as plain values
(dicts, tuples, strings, numbers: :mod:`marshal`, which runs no code when it reads)
in ``$GEOMAP_CACHE_DIR``, else ``$XDG_CACHE_HOME/geomap``, else ``~/.cache/geomap``.

Each entry is named by a SHA-256 over what it is derived from: the data (the
gazetteer's and the lexicon's file contents) and the source code of the modules that
derive it.  An edited file or a new geomap version therefore never reads a stale entry;
it builds and writes a new one.  A cache that cannot be read or written is skipped
silently (the data are then built, as without a cache); ``GEOMAP_CACHE_DIR=off``
switches it off.  Entries are written atomically; the newest few of each kind are kept
and the others deleted, and any can be deleted at any time.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import tempfile
from collections.abc import Callable, Iterable
from functools import lru_cache
from pathlib import Path

__all__ = ["cached", "cache_dir", "code_digest"]

_FORMAT = b"geomap-cache-1"


def cache_dir() -> Path | None:
    """The cache folder, or None when caching is off."""
    env = os.environ.get("GEOMAP_CACHE_DIR")
    if env:
        return None if env.lower() in ("off", "0", "none") else Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "geomap"


@lru_cache(maxsize=16)
def code_digest(*modules: str) -> str | None:
    """SHA-256 of the source files of geomap modules (``"toponyms"``, ``"gazetteer/io"``);
    None when a source file cannot be read (an installation without sources: no cache)."""
    root = Path(__file__).resolve().parent
    h = hashlib.sha256()
    try:
        for m in modules:
            h.update(m.encode())
            h.update((root / f"{m}.py").read_bytes())
    except OSError:
        return None
    return h.hexdigest()


def cached(kind: str, parts: Iterable[str | bytes | None], build: Callable[[], object]) -> object:
    """The value *build* makes from what *parts* identify, read from the cache when an
    entry for exactly these parts exists, else built and stored (a part that is None: not
    cached)."""
    parts = list(parts)
    if any(p is None for p in parts):
        return build()
    h = hashlib.sha256(_FORMAT)
    for p in parts:
        b = p.encode() if isinstance(p, str) else p
        h.update(len(b).to_bytes(8, "little"))
        h.update(b)
    folder = cache_dir()
    path = folder / f"{kind}-{h.hexdigest()[:40]}.marshal" if folder is not None else None
    if path is not None:
        try:
            with open(path, "rb") as fh:
                return marshal.loads(fh.read())   # (load() reads the file piece by piece)
        except (OSError, EOFError, ValueError, TypeError):
            pass
    value = build()
    if path is not None:
        _store(path, value)
        _prune(path.parent, kind)
    return value


#: Entries kept per kind (the newest): older ones were made for other data or code.
KEEP = 6


def _prune(folder: Path, kind: str) -> None:
    try:
        entries = sorted(folder.glob(f"{kind}-*.marshal"), key=lambda p: p.stat().st_mtime)
        for p in entries[:-KEEP]:
            p.unlink()
    except OSError:
        pass


def _store(path: Path, value: object) -> None:
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".marshal")
        with os.fdopen(fd, "wb") as fh:
            marshal.dump(value, fh)
        os.replace(tmp, path)
        tmp = None
    except (OSError, ValueError):
        pass                      # no cache: the next run builds again
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass
