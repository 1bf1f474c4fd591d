"""Incremental builds: ``geomap build --cache`` after adding articles, against a full build.

    python bench/incremental.py               # 10,000 articles + 20
    python bench/incremental.py --n 2000      # a smaller corpus

In one run, on the seeded corpus of ``bench/bench.py`` (nothing downloaded):

1. a full build of N+20 articles without a cache (the baseline);
2. a build of N articles that fills an empty cache (what the first cached build costs);
3. the 20 new articles added, a cached build of all N+20;
4. a cached build with nothing changed.

Each is ``geomap build`` as a fresh process.  The outputs of (3) and (4) are
compared byte for byte with (1).  The last line is a one-line summary of the ratios.
"""

from __future__ import annotations

import argparse
import filecmp
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench import make_corpus, write_corpus  # noqa: E402

from geomap.pipeline import OUTPUT_FILES  # noqa: E402

ADDED = 20


def run_build(src: Path, out: Path, cache: Path | None, workers: int) -> tuple[float, str]:
    cmd = [sys.executable, "-m", "geomap.cli", "build", str(src), "-o", str(out), "-q",
           "--workers", str(workers)]
    if cache is not None:
        cmd += ["--cache", str(cache)]
    t0 = time.perf_counter()
    r = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    secs = time.perf_counter() - t0
    if r.returncode != 0:
        raise SystemExit(r.stderr)
    return secs, r.stderr


def identical(a: Path, b: Path) -> bool:
    return all(filecmp.cmp(a / f, b / f, shallow=False) for f in OUTPUT_FILES)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=10_000, help="articles before the addition "
                                                          "(default: %(default)s)")
    ap.add_argument("--workers", type=int, default=1, help="build processes (default: 1)")
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="geomap-bench-inc-"))
    try:
        texts = make_corpus(args.n + ADDED, seed=11)
        full_src, part_src = tmp / "full", tmp / "part"
        write_corpus(texts, full_src)
        write_corpus(texts[:args.n], part_src)
        # the metadata of all N+20 articles is there from the start (rows of missing files
        # are harmless), so adding the 20 files is the only change
        shutil.copy(full_src / "metadata.csv", part_src / "metadata.csv")
        cache = tmp / "cache"
        t_full, _ = run_build(full_src, tmp / "out-full", None, args.workers)
        t_fill, _ = run_build(part_src, tmp / "out-fill", cache, args.workers)
        for i in range(args.n, args.n + ADDED):
            shutil.copy(full_src / f"{i:06d}.txt", part_src / f"{i:06d}.txt")
        t_inc, log = run_build(part_src, tmp / "out-inc", cache, args.workers)
        t_same, _ = run_build(part_src, tmp / "out-same", cache, args.workers)
        cached = re.search(r"(\d+) of (\d+) articles read from the cache", log)
        same_inc = identical(tmp / "out-inc", tmp / "out-full")
        same_same = identical(tmp / "out-same", tmp / "out-full")
        size = sum(f.stat().st_size for f in cache.rglob("*") if f.is_file()) / 1e6
        print(f"corpus: {args.n} + {ADDED} articles, {args.workers} worker(s); cache {size:.0f} MB")
        print(f"full build, no cache:            {t_full:7.1f} s")
        print(f"first cached build ({args.n}):     {t_fill:7.1f} s  ({t_fill / t_full:.2f}x full)")
        print(f"+{ADDED} articles, cached build:     {t_inc:7.1f} s  "
              f"({cached.group(0) if cached else 'no cache line'})")
        print(f"nothing changed, cached build:   {t_same:7.1f} s")
        print(f"outputs byte-identical to the full build: after adding {same_inc}, "
              f"unchanged {same_same}")
        print(f"SUMMARY incremental/full = {t_inc / t_full:.3f} ({t_full / t_inc:.1f}x faster); "
              f"unchanged/full = {t_same / t_full:.3f}; identical = {same_inc and same_same}")
        if not (same_inc and same_same):
            raise SystemExit(1)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
