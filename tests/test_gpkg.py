"""The GeoPackage writer (written through pyogrio's Arrow path): layer geometry types,
empty and undated events, column types, reproducible bytes, read back with GDAL."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pyogrio
import shapely
from shapely.geometry import MultiPolygon, Point, box

import geomap
from geomap.events.model import Event, Source
from geomap.export import write_gpkg


def _event(name: str, day: int | None, areas=(), fatalities=None) -> Event:
    place = geomap.geocode(name)
    return Event(
        event_date=dt.date(2020, 5, day) if day else None, time_precision=1 if day else 3,
        layer="offensive", actor1="Military Forces of Syria (2000-)", actor2="",
        fatalities=fatalities, place=place, location=place.name_en, location_ar=place.name_ar,
        admin1=place.admin1, geometry=Point(place.lon, place.lat), geo_precision=1,
        sources=[Source(f"{name}.txt", "Outlet", "2020-05-02")], quotes=["تقدمت القوات نحو البلدة"],
        areas=list(areas))


def _columns(path, table):
    con = sqlite3.connect(path)
    try:
        return {r[1]: r[2] for r in con.execute(f'PRAGMA table_info("{table}")')}
    finally:
        con.close()


def test_mixed_polygons_make_a_multipolygon_layer(tmp_path):
    one = box(36.0, 33.0, 36.2, 33.2)
    two = MultiPolygon([box(37.0, 35.0, 37.1, 35.1), box(37.3, 35.3, 37.4, 35.4)])
    events = [_event("حمص", 3, [one]), _event("حماة", 4, [two])]
    write_gpkg(events, tmp_path / "e.gpkg")
    info = pyogrio.read_info(tmp_path / "e.gpkg", layer="event_areas")
    assert info["geometry_type"] == "MultiPolygon" and info["features"] == 2
    points = pyogrio.read_dataframe(tmp_path / "e.gpkg", layer="events")
    assert list(points.geometry.geom_type) == ["Point", "Point"]
    assert sorted(points["location"]) == sorted(e.location for e in events)
    got = pyogrio.read_dataframe(tmp_path / "e.gpkg", layer="event_areas")
    by_loc = dict(zip(got["location"], got.geometry))
    assert shapely.equals(by_loc[events[0].location], MultiPolygon([one]))
    assert shapely.equals(by_loc[events[1].location], two)
    # a layer of one kind keeps it
    write_gpkg([_event("حمص", 3, [one])], tmp_path / "p.gpkg")
    assert pyogrio.read_info(tmp_path / "p.gpkg", layer="event_areas")["geometry_type"] == "Polygon"


def test_empty_and_undated(tmp_path):
    write_gpkg([], tmp_path / "none.gpkg")
    layers = {name for name, _ in pyogrio.list_layers(tmp_path / "none.gpkg")}
    assert "events" in layers and "event_areas" not in layers
    assert pyogrio.read_info(tmp_path / "none.gpkg", layer="events")["features"] == 0
    assert _columns(tmp_path / "none.gpkg", "events")["event_date"] == "DATE"

    write_gpkg([_event("دمشق", None), _event("درعا", 9, fatalities=3)], tmp_path / "e.gpkg")
    cols = _columns(tmp_path / "e.gpkg", "events")
    assert cols["event_date"] == "DATE" and cols["fatalities"] == "INTEGER"
    assert cols["latitude"] == "REAL" and cols["quote"] == "TEXT"
    con = sqlite3.connect(tmp_path / "e.gpkg")
    try:
        got = dict(con.execute("SELECT location, event_date FROM events"))
        fat = dict(con.execute("SELECT location, fatalities FROM events"))
    finally:
        con.close()
    assert sorted(got.values(), key=str) == ["2020-05-09", None]
    assert sorted(fat.values(), key=str) == [3, None]


def test_layers_written_in_batches_are_whole(tmp_path, monkeypatch):
    """Rows go to GDAL in Arrow batches: every batch of every layer arrives, in order."""
    import geomap.export as export
    monkeypatch.setattr(export, "_GPKG_BATCH", 2)
    events = [_event(n, d, [box(36.0 + d / 10, 33.0, 36.05 + d / 10, 33.05)])
              for n, d in (("حمص", 1), ("حماة", 2), ("حلب", 3), ("إدلب", 4), ("درعا", 5))]
    write_gpkg(events, tmp_path / "e.gpkg")
    points = pyogrio.read_dataframe(tmp_path / "e.gpkg", layer="events")
    areas = pyogrio.read_dataframe(tmp_path / "e.gpkg", layer="event_areas")
    assert list(points["event_date"].astype(str)) == [f"2020-05-0{d}" for d in range(1, 6)]
    assert set(points.geometry.geom_type) == {"Point"} and len(areas) == 5
    assert set(areas.geometry.geom_type) == {"Polygon"}


def test_same_events_same_bytes(tmp_path):
    events = [_event("حلب", 1, [box(37.0, 36.0, 37.2, 36.2)]), _event("إدلب", None)]
    write_gpkg(events, tmp_path / "a.gpkg")
    write_gpkg(events, tmp_path / "b.gpkg")
    assert (tmp_path / "a.gpkg").read_bytes() == (tmp_path / "b.gpkg").read_bytes()
