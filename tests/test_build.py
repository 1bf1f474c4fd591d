"""`geomap build`: files read back by real clients (geopandas/pyogrio, ogrinfo, Chromium)."""

import csv
import json
import re
import shutil
import sqlite3
import subprocess
import sys

import geopandas as gpd
import pyogrio
import pytest
from shapely.geometry import shape

from geomap.events import SCHEMA
from geomap.pipeline import OUTPUT_FILES, build

from conftest import ROOT, SEEDS

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
OGRINFO = shutil.which("ogrinfo")


@pytest.fixture(scope="module")
def built(tmp_path_factory, resolver):
    out = tmp_path_factory.mktemp("build")
    rep = build([SEEDS], out, resolver=resolver, progress=False)
    return out, rep


def test_all_outputs_written(built):
    out, rep = built
    assert rep.articles == 5 and rep.events >= 20 and not rep.skipped
    for f in OUTPUT_FILES:
        assert (out / f).stat().st_size > 0
    assert "ظاظا" in rep.unresolved          # a checkpoint no reference places
    assert "رسم حميدة" not in rep.unresolved  # the Who's On First layer knows the village


def test_geojson_rfc7946(built):
    out, rep = built
    fc = json.loads((out / "events.geojson").read_text(encoding="utf-8"))
    assert fc["type"] == "FeatureCollection" and "crs" not in fc
    assert len(fc["features"]) == rep.events
    kinds = set()
    for f in fc["features"]:
        g = shape(f["geometry"])
        kinds.add(g.geom_type)
        assert g.is_valid
        minx, miny, maxx, maxy = g.bounds
        assert 35.0 < minx and maxx < 43.0 and 32.0 < miny and maxy < 38.0   # lon, lat order
        if g.geom_type == "Polygon":
            assert g.exterior.is_ccw                                          # RFC 7946 winding
        assert list(f["properties"])[:len(SCHEMA)] == list(SCHEMA)
    assert {"Point", "Polygon", "MultiLineString"} <= kinds
    text = (out / "events.geojson").read_text(encoding="utf-8")
    assert "الميادين" in text and "\\u06" not in text   # Arabic written as text, not escaped


def test_geojson_and_gpkg_read_back(built):
    out, rep = built
    g = gpd.read_file(out / "events.geojson")
    assert len(g) == rep.events and g.crs.to_epsg() == 4326
    assert any("الرقة" in q for q in g["quote"])
    layers = {name for name, _ in pyogrio.list_layers(out / "events.gpkg")}
    assert {"events", "event_areas", "event_axes"} <= layers
    pts = gpd.read_file(out / "events.gpkg", layer="events")
    assert len(pts) == rep.events and (pts.geometry.geom_type == "Point").all()
    assert set(pts["event_id"]) == set(g["event_id"])
    assert any("رسم حميدة" in (x or "") for x in pts["location_ar"])
    axes = gpd.read_file(out / "events.gpkg", layer="event_axes")
    assert len(axes) >= 3 and (axes["layer"] == "offensive").all()


def test_gpkg_has_default_qgis_styles(built):
    out, _ = built
    con = sqlite3.connect(out / "events.gpkg")
    rows = con.execute("SELECT f_table_name, useAsDefault, styleQML FROM layer_styles").fetchall()
    con.close()
    assert {r[0] for r in rows} == {"events", "event_areas", "event_axes"}
    for _, default, qml in rows:
        assert default == 1 and 'attr="layer"' in qml and 'value="air_strike"' in qml
        import xml.dom.minidom
        xml.dom.minidom.parseString(qml.split("\n", 1)[1])   # well-formed XML


def test_csv_acled_columns(built):
    out, rep = built
    raw = (out / "events.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(raw.decode("utf-8-sig").splitlines()))
    assert list(rows[0]) == list(SCHEMA) and len(rows) == rep.events
    assert all(float(r["latitude"]) and float(r["longitude"]) for r in rows)
    assert any("الميادين" in r["quote"] for r in rows)


def test_byte_identical_rebuild(built, tmp_path, resolver):
    out, _ = built
    build([SEEDS], tmp_path, resolver=resolver, progress=False)
    for f in OUTPUT_FILES:
        assert (tmp_path / f).read_bytes() == (out / f).read_bytes(), f


def test_cli_build_summary(tmp_path):
    r = subprocess.run([sys.executable, "-m", "geomap.cli", "build", str(SEEDS), "-o", str(tmp_path),
                        "-q"], capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert r.returncode == 0, r.stderr
    assert "read 5 articles" in r.stderr and "events" in r.stderr and "wrote" in r.stderr
    assert (tmp_path / "map.html").exists()


def test_map_html_is_self_contained(built):
    out, _ = built
    page = (out / "map.html").read_text(encoding="utf-8")
    # nothing fetched from the network: no remote script/style/link
    assert not re.search(r'<(script|link)[^>]+(src|href)=["\']https?:', page)
    assert "L.version" in page and "markerClusterGroup" in page
    assert "tile.openstreetmap.org" in page     # only as the optional, unchecked layer


@pytest.mark.skipif(OGRINFO is None, reason="ogrinfo (Debian gdal-bin) is not installed: "
                                            "scripts/test installs it when run as root")
def test_ogrinfo_reads_outputs(built):
    out, rep = built
    r = subprocess.run([OGRINFO, "-ro", "-so", str(out / "events.gpkg"), "events"],
                       capture_output=True, text=True, timeout=60)
    assert r.returncode == 0 and f"Feature Count: {rep.events}" in r.stdout and "Point" in r.stdout
    r = subprocess.run([OGRINFO, "-ro", "-al", "-so", str(out / "events.geojson")],
                       capture_output=True, text=True, timeout=60)
    assert r.returncode == 0 and f"Feature Count: {rep.events}" in r.stdout


def chromium_dom(url: str, budget_ms: int = 8000) -> str:
    """DOM of *url* after its scripts ran, in headless Chromium with every network request
    failing (proxy to a closed port, host resolution disabled)."""
    cmd = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
           "--disable-background-networking", "--disable-component-update", "--disable-sync",
           "--proxy-server=127.0.0.1:9", "--host-resolver-rules=MAP * ~NOTFOUND",
           f"--virtual-time-budget={budget_ms}", "--dump-dom", url]
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr[-2000:]
    return r.stdout


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium (Debian chromium) is not installed: "
                                             "scripts/test installs it when run as root")
def test_map_renders_offline_in_chromium(built):
    out, rep = built
    dom = chromium_dom((out / "map.html").as_uri())
    assert 'data-geomap-leaflet="1.9.3"' in dom, "Leaflet did not load"
    assert f'data-geomap-events="{rep.events}"' in dom
    assert "leaflet-container" in dom and 'class="gm-box gm-panel' in dom
    assert 'class="gm-labels"' in dom                     # the basemap's label canvas
    assert "marker-cluster" in dom or "gm-cluster" in dom or "leaflet-marker-icon" in dom
    for label in ("Offensives", "Air/drone strikes", "Bombings"):
        assert label in dom


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium (Debian chromium) is not installed")
def test_click_opens_popup(built):
    out, _ = built
    dom = chromium_dom((out / "map.html").as_uri() + "#geomap-click-first")
    assert 'data-geomap-clicked="1"' in dom
    assert "leaflet-popup-content" in dom and 'class="gm-popup"' in dom
    assert "<th>Fatalities</th>" in dom and 'dir="rtl"' in dom


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium (Debian chromium) is not installed")
def test_screenshot_for_readme(built, tmp_path):
    out, _ = built
    png = tmp_path / "map.png"
    r = subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                        "--disable-background-networking", "--proxy-server=127.0.0.1:9",
                        "--host-resolver-rules=MAP * ~NOTFOUND", "--window-size=1400,900",
                        "--virtual-time-budget=6000", f"--screenshot={png}",
                        (out / "map.html").as_uri()], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0 and png.stat().st_size > 20000
    assert (ROOT / "docs" / "map.png").exists(), "the README picture is committed"


def test_committed_maps_are_current(built):
    out, _ = built
    for f in OUTPUT_FILES:
        assert (ROOT / "maps" / f).read_bytes() == (out / f).read_bytes(), \
            f"maps/{f} is stale: run 'geomap build seeds/ -o maps/'"


QGIS_PY = "/usr/bin/python3"


def _qgis_available() -> bool:
    import os
    if not os.path.exists(QGIS_PY):
        return False
    r = subprocess.run([QGIS_PY, "-c", "import qgis.core"], capture_output=True, timeout=60)
    return r.returncode == 0


@pytest.mark.skipif(not _qgis_available(), reason="QGIS Python bindings (Debian python3-qgis) are "
                                                  "not installed: install them to run this test")
def test_qgis_loads_styled_outputs(built, tmp_path):
    out, rep = built
    png = tmp_path / "qgis.png"
    env = {"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin", "HOME": str(tmp_path),
           "XDG_RUNTIME_DIR": str(tmp_path)}
    r = subprocess.run([QGIS_PY, str(ROOT / "tests" / "helpers" / "qgis_check.py"), str(out), str(png)],
                       capture_output=True, text=True, timeout=300, env=env)
    assert r.returncode == 0, r.stderr[-3000:]
    res = json.loads(r.stdout.strip().splitlines()[-1])
    assert res["events"]["valid"] and res["events"]["count"] == rep.events
    # the default style stored in the GeoPackage was applied: categorised by event type
    for name in ("events", "event_areas", "event_axes"):
        assert res[name]["valid"] and res[name]["geos_valid"], name
        assert res[name]["renderer"] == "categorizedSymbol", res[name]
    # axes of advance carry arrowheads (QGIS's arrow symbol layer), points and areas do not
    assert res["event_axes"]["symbol_layers"] == ["ArrowLine"], res["event_axes"]
    assert res["events"]["symbol_layers"] == ["SimpleMarker"]
    assert res["geojson"]["valid"] and res["geojson"]["count"] == rep.events
    assert res["geojson"]["arabic"] > 0
    assert res["png"] and res["drawn_pixels"] > 50 and png.stat().st_size > 1000


def test_every_layer_has_its_own_colour_and_label():
    """One catalogue feeds the map, the legend and the QGIS styles: no two layers may look
    the same (the same colour or the same legend label)."""
    from geomap.events import LAYERS
    colours = [lay.color.lower() for lay in LAYERS.values()]
    labels = [lay.label for lay in LAYERS.values()]
    assert len(set(colours)) == len(colours)
    assert len(set(labels)) == len(labels)
