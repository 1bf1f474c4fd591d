"""``geomap watch``: build, then build again (with the cache) whenever an input changes.

The inputs are polled (the size and modification time of every file under them) with
the standard library only; a change starts a cached build (:func:`geomap.pipeline.build`
with ``cache=``), which reads only the new and edited articles.  Ctrl-C stops.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable
from pathlib import Path

__all__ = ["snapshot", "watch"]


def snapshot(inputs: Iterable[str | Path], exclude: Iterable[str | Path] = ()
             ) -> dict[str, tuple[int, int]]:
    """{path: (size, mtime in ns)} of every file under *inputs* (hidden files and folders,
    such as editors' temporary files, and the folders of *exclude* left out)."""
    skip = {Path(x).resolve() for x in exclude}
    out = {}
    for item in inputs:
        p = Path(item)
        if p.is_file():
            st = p.stat()
            out[str(p)] = (st.st_size, st.st_mtime_ns)
            continue
        for root, dirs, files in os.walk(p):
            dirs[:] = sorted(d for d in dirs if not d.startswith(".")
                             and Path(root, d).resolve() not in skip)
            for name in sorted(files):
                if name.startswith("."):
                    continue
                f = os.path.join(root, name)
                try:
                    st = os.stat(f)
                except OSError:        # removed while we looked
                    continue
                out[f] = (st.st_size, st.st_mtime_ns)
    return out


def watch(inputs: list[str | Path], outdir: str | Path, *, cache: str | Path,
          interval: float = 1.0, max_builds: int | None = None,
          on_build: Callable | None = None, sleep: Callable[[float], None] = time.sleep,
          **build_kwargs) -> int:
    """Build *inputs* into *outdir* with *cache*, then again after every change, until
    interrupted or *max_builds* builds were made; returns the number of builds.

    *on_build* is called with each :class:`~geomap.pipeline.BuildReport`; the other
    keyword arguments go to :func:`~geomap.pipeline.build`.
    """
    from .pipeline import build  # noqa: PLC0415
    builds = 0
    seen = None
    while max_builds is None or builds < max_builds:
        now = snapshot(inputs, exclude=(outdir, cache))     # its own writes are no change
        if now != seen:
            seen = now
            rep = build(inputs, outdir, cache=cache, **build_kwargs)
            builds += 1
            if on_build is not None:
                on_build(rep)
            # a file changed while the build read it is seen by the next poll
            continue
        sleep(interval)
    return builds
