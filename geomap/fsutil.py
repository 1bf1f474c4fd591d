"""Small file-system helpers: atomic writes."""

from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from pathlib import Path

__all__ = ["atomic_write_text", "atomic_write_bytes", "atomic_open"]


def atomic_write_bytes(path: str | Path, data: bytes) -> None:
    """Write *data* to *path* atomically.

    The bytes go to a temporary file in the same folder, which is flushed,
    fsynced and renamed over *path*; a reader sees the old file or the new
    one, never half a file.
    """
    with atomic_open(path, binary=True) as fh:
        fh.write(data)


@contextmanager
def atomic_open(path: str | Path, encoding: str = "utf-8", binary: bool = False):
    """Open a file for writing that appears at *path* only when complete
    (text with *encoding*, or bytes when *binary*).

    Writes go to a temporary file in the same folder, which is fsynced and
    renamed over *path* when the ``with`` block ends without error; on error
    the temporary file is removed and *path* is untouched.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with (os.fdopen(fd, "wb") if binary else
              os.fdopen(fd, "w", encoding=encoding, newline="")) as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def atomic_write_text(path: str | Path, text: str) -> None:
    """Write UTF-8 *text* to *path* atomically (``\\n`` line ends)."""
    atomic_write_bytes(path, text.encode("utf-8"))
