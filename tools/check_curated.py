"""Standalone checker for gazetteer/curated/*.csv rows (used while curating).

Usage: python tools/check_curated.py gazetteer/curated/FILE.csv [...]
"""
import csv, re, sys

COLUMNS = ["id", "name_en", "name_ar", "variants", "kind", "lat", "lon",
           "precision", "admin1", "in_syria", "geonameid", "source"]
KINDS = {"governorate", "district", "subdistrict", "city", "town", "village",
         "neighbourhood", "military_site", "airbase", "dam", "camp", "checkpoint",
         "crossing", "landmark", "oilfield", "road", "region", "mountain", "river",
         "lake", "country", "foreign_city"}
PRECISIONS = {"point", "approx", "region"}
ADMIN1 = {"Aleppo", "Idlib", "Raqqa", "Deir ez-Zor", "Al-Hasakah", "Hama", "Homs",
          "Latakia", "Tartus", "Damascus", "Rif Dimashq", "Daraa", "Quneitra",
          "As-Suwayda", ""}
ARABIC = re.compile(r"[\u0600-\u06FF]")
ID = re.compile(r"^[a-z0-9]+(\.[a-z0-9-]+)+$")

def check(path):
    errs = []
    with open(path, encoding="utf-8", newline="") as fh:
        rd = csv.DictReader(fh)
        if rd.fieldnames != COLUMNS:
            return [f"{path}: header must be {','.join(COLUMNS)}"]
        seen = set()
        for i, r in enumerate(rd, start=2):
            e = lambda m: errs.append(f"{path}:{i}: {r.get('id')}: {m}")
            if not ID.match(r["id"] or ""): e("bad id")
            if r["id"] in seen: e("duplicate id")
            seen.add(r["id"])
            if not r["name_en"].strip(): e("empty name_en")
            if not ARABIC.search(r["name_ar"] or ""): e("name_ar has no Arabic")
            if r["kind"] not in KINDS: e(f"unknown kind {r['kind']!r}")
            if r["precision"] not in PRECISIONS: e(f"unknown precision {r['precision']!r}")
            if r["admin1"] not in ADMIN1: e(f"unknown admin1 {r['admin1']!r}")
            if r["in_syria"] not in ("true", "false"): e("in_syria must be true/false")
            if not r["source"].strip(): e("empty source")
            try:
                lat, lon = float(r["lat"]), float(r["lon"])
            except ValueError:
                e("lat/lon not numbers"); continue
            if r["in_syria"] == "true" and not (32.3 <= lat <= 37.35 and 35.6 <= lon <= 42.4):
                e(f"({lat},{lon}) outside Syria's bounding box (lat/lon swapped?)")
            if r["in_syria"] == "true" and not r["admin1"]: e("Syrian row needs admin1")
            for v in r["variants"].split("|"):
                if v != v.strip() or (r["variants"] and not v): e(f"bad variant {v!r}")
    return errs

if __name__ == "__main__":
    allerr = [m for p in sys.argv[1:] for m in check(p)]
    print("\n".join(allerr) if allerr else "OK")
    sys.exit(1 if allerr else 0)
