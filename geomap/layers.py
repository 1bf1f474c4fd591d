"""Events as GeoDataFrame layers (WGS84), ready for maps and file formats."""

from __future__ import annotations

from collections.abc import Sequence

import geopandas as gpd
from shapely.geometry import mapping

from .events import SCHEMA, Event
from .events.model import INTEGER_COLUMNS

__all__ = ["events_to_geodataframe", "event_to_json"]


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


def event_to_json(e: Event) -> dict:
    """The JSON record of ``geomap events --json``: schema fields, sources, geometry."""
    d = e.to_record()
    d["sources"] = [s._asdict() for s in e.sources]
    d["quotes"] = list(e.quotes)
    d["axes"] = list(e.axes)
    d["geometry"] = mapping(e.geometry)
    return d
