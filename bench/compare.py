"""geomap before and after: the same commands on the code of an earlier commit and on this
tree, paired and interleaved (medians of N runs, wall clock and CPU time).

    python bench/compare.py --before bdfd149 [--runs 3] [--workers 2]

The earlier code is unpacked with ``git archive`` into a temporary folder and run with
this environment's interpreter and packages (``python -m geomap.cli`` from that folder, so
its ``geomap`` is the one imported; the bundled gazetteer is the same file).  Commands:
``geocode``, ``places --json`` on the dev set repeated 5 times, ``build`` on the dev set
repeated 10 times (``../shared/devset``; skipped, loudly, when it is absent); with
``--workers N`` also ``places --json`` on the dev set repeated 30 times and the build, each
with ``--workers N``.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEVSET = ROOT.parent / "shared" / "devset" / "articles"


def _run(cwd: Path, args: list[str]) -> tuple[float, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    subprocess.run([sys.executable, "-m", "geomap.cli", *args], cwd=cwd, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def _copies(n: int, d: Path) -> Path:
    for i in range(n):
        sub = d / f"r{i:02d}"
        sub.mkdir(parents=True)
        for p in DEVSET.iterdir():
            if p.suffix == ".txt" or p.name == "metadata.csv":
                shutil.copyfile(p, sub / p.name)
    return d


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--before", required=True, metavar="REV", help="the earlier commit")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--workers", type=int, default=0, metavar="N",
                    help="also run places (dev set x30) and build with --workers N")
    a = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="geomap-compare-"))
    try:
        old = tmp / "before"
        old.mkdir()
        archive = subprocess.run(["git", "archive", a.before], cwd=ROOT, check=True,
                                 capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", str(old)], input=archive, check=True)
        cases = {"geocode حلب": ["geocode", "حلب"]}
        if DEVSET.is_dir():
            cases["places --json, dev set x5"] = ["places", str(_copies(5, tmp / "x5")), "--json"]
            cases["build, dev set x10 (400)"] = ["build", str(_copies(10, tmp / "x10")), "-q",
                                                 "-o", str(tmp / "out")]
            if a.workers > 1:
                w = ["--workers", str(a.workers)]
                cases[f"places --json, x30, {a.workers} workers"] = \
                    ["places", str(_copies(30, tmp / "x30")), "--json", "-o", str(tmp / "p.json"), *w]
                cases[f"build, x10, {a.workers} workers"] = cases["build, dev set x10 (400)"] + w
        else:
            print(f"!!! {DEVSET} is absent: only geocode is compared")
        print(f"paired, interleaved, medians of {a.runs} (before = {a.before})")
        for name, args in cases.items():
            res: dict[str, list] = {"before": [], "after": []}
            for _ in range(a.runs):
                res["before"].append(_run(old, args))
                res["after"].append(_run(ROOT, args))
            (bw, bc), (nw, nc) = ((statistics.median(w for w, _ in v), statistics.median(c for _, c in v))
                                  for v in (res["before"], res["after"]))
            print(f"{name:32s} before {bw:6.2f} s ({bc:6.2f} s CPU)  after {nw:6.2f} s "
                  f"({nc:6.2f} s CPU)  {bc / nc:.2f}x less CPU, {bw / nw:.2f}x less wall",
                  flush=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
