"""File-system helpers: atomic files, and output folders replaced as one set.

:func:`atomic_open` writes one file atomically.  :class:`OutputSet` writes a
whole output folder (``map.html``, ``events.geojson`` …) into a fresh sibling
folder and swaps it in at the end, so a reader of the folder sees the previous
complete set or the new complete set, never a mix.
"""

from __future__ import annotations

import errno
import os
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from pathlib import Path

from .errors import OutputError

__all__ = ["atomic_write_text", "atomic_write_bytes", "atomic_open", "OutputSet", "umask",
           "display_path"]


_CONTROLS = {c: f"\\x{c:02x}" for c in [*range(0x20), 0x7F]}


def display_path(path: str | os.PathLike) -> str:
    """A path as printable text: bytes that are not valid UTF-8 in a file name, and
    control characters, are shown escaped (``bad\\xff.txt``) instead of making
    output fail or reach a terminal, spreadsheet or GeoPackage raw."""
    s = os.fspath(path)
    if isinstance(s, bytes):
        s = s.decode("utf-8", "backslashreplace")
    else:
        try:
            s.encode("utf-8")
        except UnicodeEncodeError:
            s = os.fsencode(s).decode("utf-8", "backslashreplace")
    return s.translate(_CONTROLS)


def umask() -> int:
    """The process umask (read without changing it for longer than a call)."""
    mask = os.umask(0)
    os.umask(mask)
    return mask


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
    the temporary file is removed and *path* is untouched.  The file gets the
    usual permissions (``0666`` less the umask).
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
        os.chmod(tmp, 0o666 & ~umask())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def atomic_write_text(path: str | Path, text: str) -> None:
    """Write UTF-8 *text* to *path* atomically (``\\n`` line ends)."""
    atomic_write_bytes(path, text.encode("utf-8"))


# ----- output folder swapped in as a set ------------------------------------------------

_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two paths (Linux ``renameat2(RENAME_EXCHANGE)``).

    Returns False when the system does not offer it (then the caller falls
    back to two renames)."""
    if not sys.platform.startswith("linux"):
        return False
    import ctypes  # noqa: PLC0415 (only a build's last step needs it: not imported at start-up)
    import ctypes.util  # noqa: PLC0415
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        fn = libc.renameat2
    except (OSError, AttributeError):
        return False
    fn.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    fn.restype = ctypes.c_int
    if fn(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP):
        return False
    raise OSError(err, os.strerror(err), str(b))


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _describe(exc: OSError) -> str:
    return exc.strerror or str(exc)


class OutputSet:
    """An output folder whose files are replaced together.

    ``OutputSet(out, names)`` checks at once that *out* can be written (it is a
    folder or can be made one, and holds nothing but geomap's own files
    *names*), and makes a staging folder beside it (``.NAME.geomap-new-PID-…``).
    The writers write into :attr:`staging`; :meth:`commit` then swaps the
    staging folder with *out* in one atomic step (Linux ``renameat2``
    ``RENAME_EXCHANGE``; elsewhere two renames, with a moment in which *out* is
    absent, never mixed) under a lock on the containing folder, so two builds
    into one folder take turns (the second says it is waiting).  :meth:`abort` (or leaving the
    ``with`` block with an error) removes the staging folder and leaves *out*
    as it was.  Staging folders left by killed builds are removed by the next
    one.

    Raises
    ------
    OutputError
        When *out* is a file, is not writable, or holds files that are not
        geomap outputs (one line, naming the folder).
    """

    def __init__(self, out: str | Path, names: Iterable[str],
                 on_wait: Callable[[str], None] | None = None):
        out = Path(out)
        if out.is_symlink():
            out = out.resolve()
        self.out = out
        self.names = tuple(names)
        self.on_wait = on_wait
        where = display_path(out)
        if out.exists() and not out.is_dir():
            raise OutputError(f"{where}: output folder is a file; give a folder name")
        parent = out.parent
        try:
            parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise OutputError(f"{display_path(parent)}: cannot create output folder: "
                              f"{_describe(exc)}") from None
        if out.is_dir():
            try:
                entries = sorted(p.name for p in out.iterdir())
            except OSError as exc:
                raise OutputError(f"{where}: cannot read output folder: {_describe(exc)}") from None
            foreign = [n for n in entries if n not in self.names
                       and not any(n.startswith(f".{o}.") for o in self.names)]
            if foreign:
                raise OutputError(
                    f"{where}: output folder holds files that are not geomap outputs "
                    f"({display_path(foreign[0])}{' …' if len(foreign) > 1 else ''}); "
                    "geomap replaces the folder as a whole, so give an empty or geomap-only folder")
            if not os.access(out, os.W_OK | os.X_OK):
                raise OutputError(f"{where}: output folder is not writable")
        self._clean_stale(parent, out.name)
        try:
            self.staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.geomap-new-{os.getpid()}-",
                                                 dir=parent))
        except OSError as exc:
            raise OutputError(f"{display_path(parent)}: cannot write beside the output folder: "
                              f"{_describe(exc)}") from None
        self._done = False

    @staticmethod
    def _clean_stale(parent: Path, name: str) -> None:
        """Remove staging folders of builds that were killed (their process is gone)."""
        prefix = f".{name}.geomap-"
        try:
            items = list(parent.iterdir())
        except OSError:
            return
        for p in items:
            n = p.name
            if not n.startswith(prefix) or not (n.startswith(prefix + "new-")
                                                or n.startswith(prefix + "old-")):
                continue
            try:
                pid = int(n[len(prefix) + 4:].split("-", 1)[0])
            except ValueError:
                continue
            if not _pid_alive(pid):
                shutil.rmtree(p, ignore_errors=True)

    def path(self, name: str) -> Path:
        """Where the writer of output *name* writes (inside the staging folder)."""
        return self.staging / name

    def __enter__(self) -> OutputSet:
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is not None:
            self.abort()

    def abort(self) -> None:
        """Drop the staging folder; the output folder stays as it was."""
        if not self._done:
            shutil.rmtree(self.staging, ignore_errors=True)
            self._done = True

    @contextmanager
    def _lock(self):
        """Hold an exclusive lock on the folder that contains the output folder
        (``flock`` on the directory itself: no lock file is left behind)."""
        import fcntl  # noqa: PLC0415 - POSIX only
        fd = os.open(self.out.parent, os.O_RDONLY)
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                if self.on_wait:
                    self.on_wait(f"{display_path(self.out)}: output folder is busy (another geomap "
                                 "build is replacing it); waiting")
                fcntl.flock(fd, fcntl.LOCK_EX)
            yield
        finally:
            os.close(fd)

    def commit(self) -> list[Path]:
        """Swap the staging folder in as the output folder; return the output files."""
        missing = [n for n in self.names if not (self.staging / n).is_file()]
        if missing:
            raise OutputError(f"{display_path(self.out)}: internal error: {missing[0]} was not written")
        for n in self.names:
            fd = os.open(self.staging / n, os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
        os.chmod(self.staging, 0o777 & ~umask())
        _fsync_dir(self.staging)
        with self._lock():
            if self.out.is_dir():
                if _exchange(self.staging, self.out):
                    old = self.staging          # now holds the previous outputs
                else:
                    old = self.staging.with_name(self.staging.name.replace("-new-", "-old-", 1))
                    os.rename(self.out, old)
                    os.rename(self.staging, self.out)
                _fsync_dir(self.out.parent)
                shutil.rmtree(old, ignore_errors=True)
            else:
                os.rename(self.staging, self.out)
                _fsync_dir(self.out.parent)
        self._done = True
        return [self.out / n for n in self.names]
