"""Regenerate geomap/data/syria_region.geojson from npm world-atlas (Natural Earth).

Usage (needs npm; the output is committed, so users never run this):

    npm install --prefix /tmp/wa world-atlas@2.0.2
    python tools/make_basemap.py /tmp/wa/node_modules/world-atlas/countries-10m.json

Natural Earth data is in the public domain; world-atlas is ISC-licensed
(Copyright 2013-2019 Michael Bostock).  The file holds Syria and its
neighbours clipped to the region, with ``name`` and ISO numeric ``id``.
"""

import sys
from pathlib import Path

import geopandas as gpd
from shapely.geometry import box

OUT = Path(__file__).resolve().parents[1] / "geomap" / "data" / "syria_region.geojson"


def main(src: str) -> None:
    world = gpd.read_file(src, layer="countries").set_crs(4326, allow_override=True)
    region = world.clip(box(33.0, 30.0, 45.0, 39.0))
    region = region[~region.geometry.is_empty].copy()
    region["geometry"] = region.geometry.simplify(0.005, preserve_topology=True).make_valid()
    region = region[["id", "name", "geometry"]].sort_values("id").reset_index(drop=True)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    region.to_file(OUT, driver="GeoJSON", RFC7946="YES", COORDINATE_PRECISION=4)
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes, {len(region)} features)")


if __name__ == "__main__":
    main(sys.argv[1])
