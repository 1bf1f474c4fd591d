"""Start-up costs, each against a baseline measured in the same run.

    python bench/startup.py [--runs N]

1. Gazetteer keys: ``normalize_name`` (the string-only path) against the offset-tracking
   ``normalize()`` it replaced, over every name of the bundled gazetteer; the keys must be
   identical.
2. Fresh processes, paired and interleaved (the machine is shared; medians of N runs, wall
   clock and CPU time): ``geomap geocode حلب`` and ``geomap places`` on one seed article,
   with the on-disk cache warm (the usual case), with the cache off (``GEOMAP_CACHE_DIR=off``:
   everything built), against a bare interpreter (the floor any command pays).

Prints one line per measure and a one-line summary of the ratios.
"""

from __future__ import annotations

import argparse
import csv
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _names() -> list[str]:
    with open(ROOT / "gazetteer" / "places.csv", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    out = []
    for r in rows:
        out += [r["name_ar"], r["name_en"]] + [v for v in r["variants"].split("|") if v]
    return out


def _reference_key(name: str) -> str:
    """The key as normalize_name computed it before: through normalize() and a char loop."""
    from geomap.arabic import is_word_char, normalize
    text = normalize(name).text
    return " ".join("".join(c if is_word_char(c) else " " for c in text).split())


def _time(fn, items) -> float:
    t = time.perf_counter()
    for x in items:
        fn(x)
    return time.perf_counter() - t


def _run(args: list[str], env: dict | None = None) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one fresh process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   env=env, cwd=ROOT)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def _paired(cmds: dict, runs: int) -> dict:
    """Median (wall, CPU) of each (args, env), interleaved."""
    res: dict = {k: [] for k in cmds}
    for _ in range(runs):
        for k, (args, env) in cmds.items():
            res[k].append(_run(args, env))
    return {k: (statistics.median(w for w, _ in v), statistics.median(c for _, c in v))
            for k, v in res.items()}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--runs", type=int, default=5)
    a = ap.parse_args()
    sys.path.insert(0, str(ROOT))
    from geomap.arabic import normalize_name
    names = _names()
    assert [normalize_name(n) for n in names] == [_reference_key(n) for n in names], \
        "normalize_name keys differ from the reference path"
    new = min(_time(normalize_name, names) for _ in range(3))
    ref = min(_time(_reference_key, names) for _ in range(3))
    print(f"gazetteer keys ({len(names)} names): {new * 1e6 / len(names):.1f} µs/name, "
          f"reference path {ref * 1e6 / len(names):.1f} µs/name: {ref / new:.1f}x faster")
    exe = [sys.executable, "-m", "geomap.cli"]
    article = str(sorted((ROOT / "seeds").glob("*.txt"))[0])
    off = {**os.environ, "GEOMAP_CACHE_DIR": "off"}
    subprocess.run(exe + ["places", article], check=True, capture_output=True, cwd=ROOT)  # warm
    r = _paired({
        "geocode": (exe + ["geocode", "حلب"], None),
        "geocode, cache off": (exe + ["geocode", "حلب"], off),
        "places, 1 article": (exe + ["places", article, "--json"], None),
        "places, 1 article, cache off": (exe + ["places", article, "--json"], off),
        "bare interpreter": ([sys.executable, "-c", "pass"], None),
    }, a.runs)
    floor = r["bare interpreter"]
    for k, (wall, cpu) in r.items():
        print(f"{k:30s} {wall:5.2f} s wall, {cpu:5.2f} s CPU (median of {a.runs})")
    print(f"summary: keys {ref / new:.1f}x the reference; geocode {r['geocode'][0]:.2f} s "
          f"({r['geocode'][1]:.2f} s CPU), places on one article {r['places, 1 article'][0]:.2f} s "
          f"({r['places, 1 article'][1]:.2f} s CPU); bare interpreter {floor[0]:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
