"""Who's On First: Syrian localities and the governorate and district polygons.

``geomap gazetteer import-wof DIR`` reads the compact Who's On First extract
(``localities.tsv`` and ``admin.geojson``, as in ``../shared/data/whosonfirst-sy``)
and writes two committed source files under ``gazetteer/sources/``:

* ``whosonfirst.csv``: one gazetteer row per current locality with an Arabic
  name (ids ``gn.<geonameid>`` when it has one, so it merges with GeoNames, else
  ``wof.<id>``), with the names cleaned (:func:`clean_arabic_names`);
* ``admin.geojson``: the governorate (``region``) and district (``county``)
  polygons, lightly simplified, used by the gazetteer build for every place's
  admin1/admin2 and by the map's basemap.

Data from Who's On First (https://whosonfirst.org/docs/licenses/), derived
mostly from GeoNames (CC BY 4.0); credits in ``gazetteer/README.md``.
"""

from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass
from pathlib import Path

from ..arabic import normalize_name
from ..errors import GazetteerError
from .geonames import plain_name
from .model import ADMIN1_AR, SYRIA_BBOX, Place

__all__ = ["clean_arabic_names", "wof_places", "import_wof", "import_sources", "ADMIN_FILE", "WOF_FILE",
           "admin1_of_region", "ARABIC_ONLY", "PERSIAN_LETTERS"]

WOF_FILE = "whosonfirst.csv"
ADMIN_FILE = "admin.geojson"

#: Letters of Persian/Kurdish/Urdu that standard Arabic does not use.
PERSIAN_LETTERS = frozenset("پچژگکیەۆڵڕێ")
ARABIC_ONLY = re.compile(r"^[\u0621-\u064A\u0660-\u0669 \-]+$")
_MARKS = re.compile(r"[\u064B-\u065F\u0670\u0640]")

#: Who's On First region names -> geomap governorates (UNDOF zone: Quneitra).
_REGION_ADMIN1 = {
    "Lattakia": "Latakia", "Tartus": "Tartus", "Ar Raqqah": "Raqqa", "Aleppo": "Aleppo",
    "Hamah": "Hama", "Homs (Hims)": "Homs", "Idlib": "Idlib", "Hasaka (Al Haksa)": "Al-Hasakah",
    "Days Az Zawr": "Deir ez-Zor", "As Suwayda'": "As-Suwayda", "Rif Dimashq": "Rif Dimashq",
    "Quneitra": "Quneitra", "Dar`a": "Daraa", "Damascus": "Damascus",
    "United Nations Disengagement Observer Force": "Quneitra",
}
assert set(_REGION_ADMIN1.values()) == set(ADMIN1_AR)


def admin1_of_region(name: str) -> str:
    """geomap's governorate for a Who's On First region name ("" if unknown)."""
    return _REGION_ADMIN1.get(name, "")


def clean_arabic_names(names: list[str]) -> list[str]:
    """Arabic names fit for matching news text, best first.

    * names in another script (Latin) or with Persian/Kurdish letters are dropped;
    * "X - Y" (two names of one place) becomes X and Y;
    * a name split inside a word ("د مشق": a one-letter word other than و) is
      joined ("دمشق") when the joined form is also listed, else dropped;
    * duplicates (after normalisation) are dropped, the first spelling kept.
    """
    flat: list[str] = []
    for n in names:
        n = " ".join(_MARKS.sub("", n or "").split())
        if not n:
            continue
        parts = [p.strip() for p in n.split(" - ")] if " - " in n else [n]
        flat.extend(p for p in parts if p)
    out, seen = [], set()
    keys = {normalize_name(n) for n in flat}
    for n in flat:
        if not ARABIC_ONLY.match(n) or set(n) & PERSIAN_LETTERS or "-" in n:
            continue
        toks = n.split()
        if any(len(t) == 1 and t != "و" for t in toks):
            joined = n.replace(" ", "")
            if normalize_name(joined) not in keys:
                continue
            n = joined
        k = normalize_name(n)
        if len(k.replace(" ", "")) < 2 or k in seen:
            continue
        seen.add(k)
        out.append(n)
    return out


def _primary(names: list[str]) -> list[str]:
    """Put first the spelling of modern usage: the first listed, unless it is rare in
    Arabic text and another spelling is common (أذرعات vs درعا, ترطوس vs طرطوس)."""
    from ..commonness import wordfreq_zipf  # noqa: PLC0415 - build time only: wordfreq itself
    if len(names) < 2:
        return names
    z = [wordfreq_zipf(n) for n in names]
    best = max(range(len(names)), key=lambda i: (z[i], -i))
    if z[best] >= 3.0 and z[best] - z[0] >= 2.0:
        return [names[best]] + [n for i, n in enumerate(names) if i != best]
    return names


_KINDS = {"PPLC": "city", "PPLA": "city", "PPLA2": "town", "PPLA3": "town"}
_FLAGS = {"PPLQ": "abandoned", "PPLW": "destroyed", "PPLH": "historical", "STLMT": "settlement"}


@dataclass(frozen=True, slots=True)
class WofRow:
    place: Place
    wofid: int
    flags: tuple[str, ...]


def _kind(code: str, pop: int) -> str:
    if code in _KINDS and (code != "PPLA3" or pop >= 5000):
        return _KINDS[code]
    if pop >= 100_000:
        return "city"
    if pop >= 5_000:
        return "town"
    return "village"


def wof_places(folder: str | Path) -> tuple[list[WofRow], list[str]]:
    """Gazetteer rows from ``localities.tsv`` (current, non-deprecated, in the Syria box,
    with at least one usable Arabic name), and a report of what was left out."""
    folder = Path(folder)
    path = folder / "localities.tsv"
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise GazetteerError(f"{path}: cannot read: {exc.strerror or exc}") from None
    regions = {}
    for f in json.loads((folder / ADMIN_FILE).read_text(encoding="utf-8"))["features"]:
        p = f["properties"]
        if p["placetype"] == "region":
            regions[str(p["wof_id"])] = admin1_of_region(p["name"])
    out: list[WofRow] = []
    report: list[str] = []
    skipped = {"deprecated": 0, "no Arabic name": 0, "outside Syria": 0}
    s, w, n, e = SYRIA_BBOX
    for row in csv.DictReader(text.splitlines(), delimiter="\t"):
        if row["deprecated"] or row["superseded_by"]:
            skipped["deprecated"] += 1
            continue
        ar = _primary(clean_arabic_names(row["name_ar"].split("|")))
        if not ar:
            skipped["no Arabic name"] += 1
            continue
        lat, lon = float(row["lat"]), float(row["lon"])
        if not (s <= lat <= n and w <= lon <= e):
            skipped["outside Syria"] += 1
            continue
        gid = int(row["geonameid"]) if row["geonameid"] else None
        code = row["gn_feature_code"]
        pop = int(row["gn_population"] or 0)
        kind = "neighbourhood" if row["placetype"] == "neighbourhood" else _kind(code, pop)
        flags = tuple(f for f in (_FLAGS.get(code), "not-current" if row["is_current"] == "0"
                                  else None) if f)
        en = (row["name_en"].split("|")[0] or plain_name(row["name"].split("|")[0])).strip()
        latin = [plain_name(x) for x in (row["name"].split("|") + row["name_variants"].split("|"))
                 if x and not re.search(r"[\u0600-\u06FF]", x)]
        variants, seen = [], {normalize_name(en)} | {normalize_name(a) for a in ar}
        for v in ar[1:] + latin:
            k = normalize_name(v)
            if k and k not in seen:
                seen.add(k)
                variants.append(v)
        pid = f"gn.{gid}" if gid else f"wof.{row['wof_id']}"
        src = f"Who's On First {row['wof_id']}" + (f" (GeoNames {gid}, CC BY 4.0)" if gid else "")
        out.append(WofRow(Place(id=pid, name_en=en, name_ar=ar[0], kind=kind, lat=lat, lon=lon,
                                precision="point", admin1=regions.get(row["region_id"], ""),
                                in_syria=True, variants=tuple(variants), geonameid=gid,
                                source=src), int(row["wof_id"]), flags))
    # rows without a region: the governorate polygon their point lies in (or the nearest)
    from dataclasses import replace  # noqa: PLC0415

    from shapely.geometry import Point, shape  # noqa: PLC0415
    polys = [(shape(f["geometry"]), admin1_of_region(f["properties"]["name"]))
             for f in json.loads((folder / ADMIN_FILE).read_text(encoding="utf-8"))["features"]
             if f["properties"]["placetype"] == "region"]
    fixed = 0
    for i, r in enumerate(out):
        if r.place.admin1:
            continue
        pt = Point(r.place.lon, r.place.lat)
        a1 = next((a for g, a in polys if g.covers(pt)), "") or \
            min(polys, key=lambda ga: ga[0].distance(pt))[1]
        out[i] = WofRow(replace(r.place, admin1=a1), r.wofid, r.flags)
        fixed += 1
    report.append("left out: " + ", ".join(f"{v} {k}" for k, v in skipped.items())
                  + f"; governorate from the polygons for {fixed} rows without a region")
    return out, report


def _admin_geojson(folder: Path) -> dict:
    """The region and county polygons, simplified to ~50 m, coordinates to 1e-4 degrees."""
    from shapely.geometry import mapping, shape  # noqa: PLC0415
    from shapely.validation import make_valid  # noqa: PLC0415
    src = json.loads((folder / ADMIN_FILE).read_text(encoding="utf-8"))
    feats = []
    for f in sorted(src["features"], key=lambda f: (f["properties"]["placetype"],
                                                    f["properties"]["wof_id"])):
        p = f["properties"]
        if p["placetype"] not in ("region", "county"):
            continue
        g = shape(f["geometry"]).simplify(0.0005, preserve_topology=True)
        g = make_valid(g) if not g.is_valid else g

        def rnd(c):
            return [rnd(x) for x in c] if isinstance(c[0], (list, tuple)) else \
                [round(c[0], 4), round(c[1], 4)]
        gm = mapping(g)
        gm = {"type": gm["type"], "coordinates": rnd(gm["coordinates"])}
        names_ar = clean_arabic_names((p.get("name_ar") or "").split("|") +
                                      (p.get("name_variants") or "").split("|"))
        name_en = (p.get("name_en") or p["name"]).split("|")[0]
        feats.append({"type": "Feature", "geometry": gm, "properties": {
            "wof_id": p["wof_id"], "level": "governorate" if p["placetype"] == "region" else "district",
            "name_en": name_en, "name_ar": names_ar[0] if names_ar else "",
            "admin1": admin1_of_region(p["name"]) if p["placetype"] == "region" else "",
            "region_id": p.get("region_id")}})
    regions = {f["properties"]["wof_id"]: f["properties"]["admin1"] for f in feats
               if f["properties"]["level"] == "governorate"}
    gov_shapes = [(shape(f["geometry"]), f["properties"]["admin1"]) for f in feats
                  if f["properties"]["level"] == "governorate"]
    for f in feats:
        if f["properties"]["level"] == "district":
            a1 = regions.get(f["properties"]["region_id"], "")
            if not a1:     # a district filed under a region outside Syria (the occupied Golan)
                pt = shape(f["geometry"]).representative_point()
                a1 = min(gov_shapes, key=lambda ga: ga[0].distance(pt))[1]
            f["properties"]["admin1"] = a1
        f["properties"].pop("region_id")
    return {"type": "FeatureCollection",
            "attribution": "Who's On First (https://whosonfirst.org/docs/licenses/): polygons from "
                           "Mesoshapes (CC0), Quattroshapes (CC BY), Natural Earth (public domain)",
            "features": feats}


def import_wof(folder: str | Path, out_dir: str | Path) -> list[str]:
    """Write ``whosonfirst.csv`` and ``admin.geojson`` into *out_dir* from a Who's On First
    extract folder; returns a report."""
    from ..fsutil import atomic_write_text  # noqa: PLC0415
    from .io import format_places  # noqa: PLC0415
    folder, out_dir = Path(folder), Path(out_dir)
    rows, report = wof_places(folder)
    extra = {r.place.id: {"wofid": str(r.wofid), "flags": "|".join(r.flags)} for r in rows}
    ids = [r.place.id for r in rows]
    if len(ids) != len(set(ids)):
        dup = sorted({i for i in ids if ids.count(i) > 1})
        report.append(f"{len(dup)} repeated geonameids kept once: {', '.join(dup[:5])}")
        keep, seen = [], set()
        for r in rows:
            if r.place.id not in seen:
                seen.add(r.place.id)
                keep.append(r)
        rows = keep
    atomic_write_text(out_dir / WOF_FILE, format_places([r.place for r in rows], extra=extra))
    admin = _admin_geojson(folder)
    atomic_write_text(out_dir / ADMIN_FILE, json.dumps(admin, ensure_ascii=False,
                                                       separators=(",", ":")) + "\n")
    report.append(f"wrote {out_dir / WOF_FILE}: {len(rows)} localities; {out_dir / ADMIN_FILE}: "
                  f"{len(admin['features'])} polygons")
    return report


def import_subdistricts(osg_folder: str | Path, out_dir: str | Path) -> str:
    """Write ``subdistricts.csv`` (name, centre, district, governorate of Syria's 272
    subdistricts) from open-syria-geography (CC BY 4.0) into *out_dir*."""
    from ..fsutil import atomic_write_text  # noqa: PLC0415
    import io  # noqa: PLC0415
    osg = Path(osg_folder)
    try:
        govs = {g["id"]: g["name"]["en"] for g in
                json.loads((osg / "governorates.json").read_text(encoding="utf-8"))}
        dists = {d["id"]: d["name"]["en"] for d in
                 json.loads((osg / "districts.json").read_text(encoding="utf-8"))}
        subs = json.loads((osg / "subdistricts.json").read_text(encoding="utf-8"))
    except (OSError, ValueError, KeyError) as exc:
        raise GazetteerError(f"{osg}: cannot read open-syria-geography: {exc}") from None
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["id", "name_en", "name_ar", "lat", "lon", "district", "admin1", "source"])
    for s in sorted(subs, key=lambda s: s["id"]):
        a1 = govs.get(s["governorateId"], "")
        if a1 not in ADMIN1_AR:
            raise GazetteerError(f"{osg}: unknown governorate {s['governorateId']!r}")
        w.writerow([s["id"], s["name"]["en"], s["name"]["ar"], round(s["centroid"]["latitude"], 5),
                    round(s["centroid"]["longitude"], 5), dists.get(s["districtId"], ""), a1,
                    "OpenSyria data-geography (CC BY 4.0)"])
    atomic_write_text(Path(out_dir) / "subdistricts.csv", buf.getvalue())
    return f"wrote {Path(out_dir) / 'subdistricts.csv'}: {len(subs)} subdistricts"


def import_sources(shared_data: str | Path, out_dir: str | Path) -> list[str]:
    """Derive every committed source file of the gazetteer from ``../shared/data``:
    the Who's On First localities and polygons, and the subdistricts."""
    shared_data, out_dir = Path(shared_data), Path(out_dir)
    report = import_wof(shared_data / "whosonfirst-sy", out_dir)
    report.append(import_subdistricts(shared_data / "open-syria-geography", out_dir))
    return report
