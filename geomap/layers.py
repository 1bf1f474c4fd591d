"""Events as GeoDataFrame layers (WGS84), ready for maps and file formats."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import geopandas as gpd
from shapely.geometry import Point, mapping

from .events import SCHEMA, Event
from .events.model import INTEGER_COLUMNS

__all__ = ["events_to_geodataframe", "event_features", "event_to_json"]


def events_to_geodataframe(events: Sequence[Event]) -> gpd.GeoDataFrame:
    """One row per event: the :data:`~geomap.events.SCHEMA` columns plus geometry.

    Offensives carry their axes (MultiLineString); countryside events their
    sector (Polygon); located events a Point.  CRS is EPSG:4326 (lon/lat).
    """
    rows = [e.to_record() for e in events]
    gdf = gpd.GeoDataFrame(rows, columns=list(SCHEMA), geometry=[e.geometry for e in events],
                           crs="EPSG:4326")
    for col in INTEGER_COLUMNS:
        gdf[col] = gdf[col].astype("Int64")
    return gdf


def event_features(events: Iterable[Event]) -> gpd.GeoDataFrame:
    """Every drawable part of every event, one row each, for map layers.

    ``part`` is ``event`` (its point: the representative point of its
    geometry), ``area`` (countryside sectors and objective areas, polygons) or
    ``axis`` (one line per axis of an offensive).
    """
    rows, geoms = [], []
    for e in events:
        rec = e.to_record()
        g = e.geometry
        rows.append({**rec, "part": "event"})
        geoms.append(Point(rec["longitude"], rec["latitude"]))
        if g.geom_type in ("Polygon", "MultiPolygon"):
            rows.append({**rec, "part": "area"})
            geoms.append(g)
        elif g.geom_type == "MultiLineString":
            for line in g.geoms:
                rows.append({**rec, "part": "axis"})
                geoms.append(line)
        for area in e.areas:
            rows.append({**rec, "part": "area"})
            geoms.append(area)
    return gpd.GeoDataFrame(rows, columns=[*SCHEMA, "part"], geometry=geoms, crs="EPSG:4326")


def event_to_json(e: Event) -> dict:
    """The JSON record of ``geomap events --json``: schema fields, sources, geometry."""
    d = e.to_record()
    d["sources"] = [s._asdict() for s in e.sources]
    d["quotes"] = list(e.quotes)
    d["axes"] = list(e.axes)
    d["geometry"] = mapping(e.geometry)
    return d
