"""Build geomap/data/basemap.json: the offline basemap drawn inside every map.html.

Usage (the output is committed, so users never run this; run it again only to refresh it):

    python tools/build_basemap.py [SHARED_DATA]      # default: ../shared/data beside the repository
    python tools/build_basemap.py --check [SHARED_DATA]   # exit 1 if the committed file is stale

Inputs, all open data (credits in geomap/data/BASEMAP.md and gazetteer/README.md):

- governorate and district polygons with their English and Arabic names: Who's On First, as derived
  into ``gazetteer/sources/admin.geojson`` by ``geomap gazetteer import-sources``;
- rivers (river and lake centre lines), lakes and the land boundary lines, the 1974 Golan
  ceasefire line among them: Natural Earth 1:10m (public domain), ``SHARED_DATA/naturalearth-sy``;
- place labels: the gazetteer's Syrian cities, towns and villages (``gazetteer/places.csv``),
  ranked for display: governorate seats, cities, towns, villages.

Shapes are simplified (shapely, topology kept) and coordinates rounded to 0.001° (about 100 m),
which is finer than anything the boundaries themselves are good for.  The output is
deterministic: the same inputs give the same bytes.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path

from shapely.geometry import mapping, shape
from shapely.ops import polylabel

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "geomap" / "data" / "basemap.json"
ADMIN = ROOT / "gazetteer" / "sources" / "admin.geojson"
PLACES = ROOT / "gazetteer" / "places.csv"

#: simplification tolerance in degrees (about 400 m) and coordinate rounding (about 100 m)
TOLERANCE = 0.004
DIGITS = 3
#: label ranks: lower is drawn first and from a lower zoom (see RANK_MIN_ZOOM in map.js)
RANKS = {"seat": 0, "city": 1, "town": 2, "camp": 3, "airbase": 3, "village": 3}

#: Natural Earth names some stretches in Turkish or transliterated Arabic: one English name each
RIVER_NAMES = {"Firat": "Euphrates", "Al Furat": "Euphrates", "Dicle": "Tigris"}

CREDITS = [
    "Boundaries: Who's On First (whosonfirst.org, licence: whosonfirst.org/docs/licenses/)",
    "Rivers, lakes, borders: Natural Earth (public domain)",
    "Place names: GeoNames (CC BY 4.0) via Who's On First, and geomap's curated gazetteer",
]


def _round(obj):
    if isinstance(obj, float):
        r = round(obj, DIGITS)
        return int(r) if r == int(r) else r
    if isinstance(obj, (list, tuple)):
        return [_round(x) for x in obj]
    return obj


def _geom(g) -> dict:
    m = mapping(g)
    return {"type": m["type"], "coordinates": _round(m["coordinates"])}


def _admin() -> tuple[list, list]:
    from geomap.gazetteer.model import ADMIN1_AR   # noqa: PLC0415
    govs, dists = [], []
    feats = json.loads(ADMIN.read_text(encoding="utf-8"))["features"]
    for f in sorted(feats, key=lambda f: f["properties"]["wof_id"]):
        p = f["properties"]
        if p["level"] not in ("governorate", "district") or "Neutral Zone" in p["name_en"]:
            continue
        g = shape(f["geometry"]).buffer(0)
        simple = g.simplify(TOLERANCE, preserve_topology=True)
        biggest = max(getattr(g, "geoms", [g]), key=lambda x: x.area)
        lab = polylabel(biggest, tolerance=0.01)
        gov = p["level"] == "governorate"
        # governorates by the gazetteer's names (Who's On First's are transliterations: H'alab)
        rec = {"n": p["admin1"] if gov else p["name_en"],
               "a": "محافظة " + ADMIN1_AR[p["admin1"]] if gov else p["name_ar"],
               "ll": _round([lab.y, lab.x]),
               "g": _geom(simple)}
        (govs if p["level"] == "governorate" else dists).append(rec)
    return govs, dists


def _natural_earth(shared: Path) -> tuple[list, list, list]:
    ne = shared / "naturalearth-sy"
    rivers, lakes, lines = [], [], []
    for f in json.loads((ne / "rivers.geojson").read_text(encoding="utf-8"))["features"]:
        p = f["properties"]
        g = shape(f["geometry"]).simplify(TOLERANCE / 2)
        rivers.append({"n": RIVER_NAMES.get(p["name_en"], p["name_en"]), "a": p.get("name_ar") or "", "g": _geom(g)})
    for f in json.loads((ne / "lakes.geojson").read_text(encoding="utf-8"))["features"]:
        p = f["properties"]
        g = shape(f["geometry"]).simplify(TOLERANCE / 2, preserve_topology=True)
        lakes.append({"n": p["name"], "a": p.get("name_ar") or "", "g": _geom(g)})
    for f in json.loads((ne / "borders.geojson").read_text(encoding="utf-8"))["features"]:
        p = f["properties"]
        cla = p["featurecla"]
        kind = ("ceasefire" if cla.startswith("Line of control") else
                "undof" if cla.startswith("Overlay") else "border")
        g = shape(f["geometry"]).simplify(TOLERANCE / 2)
        lines.append({"k": kind, "n": p.get("name") or "", "g": _geom(g)})
    key = lambda r: json.dumps(r, sort_keys=True)     # noqa: E731
    return sorted(rivers, key=key), sorted(lakes, key=key), sorted(lines, key=key)


def _labels() -> list:
    from geomap.gazetteer.model import ADMIN1_AR   # noqa: PLC0415
    seats = {(a1, ar) for a1, ar in ADMIN1_AR.items()}
    rows = []
    with PLACES.open(encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh):
            if r["in_syria"] != "true" or r["kind"] not in RANKS:
                continue
            kind = r["kind"]
            if kind in ("city", "town") and (r["admin1"], r["name_ar"]) in seats:
                kind = "seat"
            rows.append((RANKS[kind], r["name_en"], r["name_ar"], round(float(r["lat"]), 3),
                         round(float(r["lon"]), 3), r["id"]))
    # one seat per governorate (Damascus and Rif Dimashq share one), the curated row first
    rows.sort(key=lambda x: (x[0], x[5].startswith("gn."), x[5]))
    seen_seat, seen_pt, out = set(), set(), []
    for rank, en, ar, lat, lon, pid in rows:
        if rank == 0:
            if ar in seen_seat:
                rank = 1
            seen_seat.add(ar)
        pt = (round(lat, 2), round(lon, 2), ar)
        if pt in seen_pt:         # the same place twice (curated and Who's On First rows)
            continue
        seen_pt.add(pt)
        out.append([lat, lon, rank, en, ar])
    out.sort(key=lambda x: (x[2], x[3], x[0], x[1]))
    return out


def build(shared: Path) -> str:
    govs, dists = _admin()
    rivers, lakes, lines = _natural_earth(shared)
    data = {"credits": CREDITS, "governorates": govs, "districts": dists, "rivers": rivers,
            "lakes": lakes, "lines": lines, "labels": _labels()}
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True) + "\n"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("shared", nargs="?", default=str(ROOT.parent / "shared" / "data"),
                    help="the reference data folder (default: ../shared/data)")
    ap.add_argument("--check", action="store_true",
                    help="only check that the committed basemap.json is current")
    a = ap.parse_args(argv)
    shared = Path(a.shared)
    if not (shared / "naturalearth-sy").is_dir():
        print(f"{shared}: no naturalearth-sy folder here", file=sys.stderr)
        return 2
    text = build(shared)
    if a.check:
        ok = OUT.exists() and OUT.read_text(encoding="utf-8") == text
        print(f"{OUT.name} is {'current' if ok else 'stale: run tools/build_basemap.py'}")
        return 0 if ok else 1
    tmp = OUT.with_suffix(".json.tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(OUT)
    print(f"wrote {OUT} ({OUT.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
