"""Start-up costs, each against a baseline measured in the same run.

    python bench/startup.py [--runs N]

1. Gazetteer keys: ``normalize_name`` (the string-only path) against the offset-tracking
   ``normalize()`` it replaced, over every name of the bundled gazetteer; the keys must be
   identical.
2. ``geomap geocode حلب`` as a fresh process (median of N runs), against the same process
   that only imports Python and exits (the floor any command pays).

Prints one line per measure and a one-line summary of the ratios.
"""

from __future__ import annotations

import argparse
import csv
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


def _process(args: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(args, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - t)
    return statistics.median(times)


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
    geo = _process(exe + ["geocode", "حلب"], a.runs)
    floor = _process([sys.executable, "-c", "pass"], a.runs)
    print(f"geomap geocode start-up: {geo:.2f} s (median of {a.runs}); bare interpreter "
          f"{floor:.2f} s; geomap's own share {geo - floor:.2f} s")
    print(f"summary: keys {ref / new:.1f}x the reference; geocode {geo:.2f} s = "
          f"{geo / floor:.0f}x a bare interpreter")
    return 0


if __name__ == "__main__":
    sys.exit(main())
