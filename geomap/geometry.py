"""Geometries of events: points, reported offsets, countryside sectors, axes, areas.

Geodesic maths is done with geographiclib on the WGS84 ellipsoid, as geopy's
``geodesic`` does it (called directly: importing geopy costs a reading process 0.13 s);
shapes are shapely geometries in lon/lat order (as GeoJSON wants).
"""

from __future__ import annotations

from functools import lru_cache
from math import fmod, isfinite

from geographiclib.geodesic import Geodesic
from shapely.geometry import LineString, MultiLineString, Point, Polygon
from shapely.validation import make_valid

__all__ = ["BEARINGS", "point", "offset", "distance_km", "sector", "axis", "area", "ring_around"]

#: Direction words (English key used by the resolver) -> bearing in degrees.
BEARINGS = {
    "north": 0.0, "northeast": 45.0, "east": 90.0, "southeast": 135.0, "south": 180.0,
    "southwest": 225.0, "west": 270.0, "northwest": 315.0,
}

#: "ريف X" is modelled as the ring between these distances (km) from X.
COUNTRYSIDE_KM = (5.0, 40.0)


def point(lat: float, lon: float) -> Point:
    """A shapely point (x = lon, y = lat)."""
    return Point(lon, lat)


#: geopy's ``geodesic()`` ellipsoid ('WGS-84': a in km, flattening), so distances are in km
_WGS84 = Geodesic(6378.137, 1 / 298.257223563)
_LATLON = Geodesic.LATITUDE | Geodesic.LONGITUDE


def _geopy_point(lat, lon) -> tuple[float, float]:
    """(lat, lon) as ``geopy.Point`` makes them (-0.0 becomes 0.0, longitude wrapped)."""
    lat, lon = float(lat or 0.0), float(lon or 0.0)
    if not (isfinite(lat) and isfinite(lon)) or abs(lat) > 90:
        raise ValueError(f"bad point coordinates {(lat, lon)!r}")
    if abs(lon) > 180:
        lon = fmod(lon, 360.0) or 0.0
        lon = lon + 360.0 if lon < -180 else lon - 360.0 if lon >= 180 else lon
    return lat, lon


def offset(lat: float, lon: float, bearing: float, km: float) -> Point:
    """The point *km* kilometres from (lat, lon) on *bearing* (geodesic): the same floats as
    ``geopy.distance.geodesic(kilometers=km).destination((lat, lon), bearing)``
    (``tests/test_fast_paths.py`` compares them)."""
    lat, lon = _geopy_point(lat, lon)
    r = _WGS84.Direct(lat, lon, bearing, km + 0.0, _LATLON)
    lat2, lon2 = _geopy_point(r["lat2"], r["lon2"])
    return Point(lon2, lat2)


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """The geodesic distance in km between two (lat, lon) points: the same float as
    ``geopy.distance.geodesic(a, b).km``."""
    lat1, lon1 = _geopy_point(*a)
    lat2, lon2 = _geopy_point(*b)
    return 0 + _WGS84.Inverse(lat1, lon1, lat2, lon2, Geodesic.DISTANCE)["s12"] + 0.0


@lru_cache(maxsize=4096)
def sector(lat: float, lon: float, direction: str | None,
           km: tuple[float, float] = COUNTRYSIDE_KM, steps: int = 12) -> Polygon:
    """The countryside of a place, or one quarter of it.

    Parameters
    ----------
    lat, lon : float
        The place.
    direction : str or None
        A key of :data:`BEARINGS` ("north", "northwest"...), or None for the
        whole ring around the place.
    km : (float, float)
        Inner and outer radius.

    Returns
    -------
    shapely.Polygon
        (cached: shapely geometries are immutable) A 90° wedge of the ring centred on the direction, or the full ring.
    """
    inner, outer = km
    if direction is None:
        return ring_around(lat, lon, inner, outer)
    b = BEARINGS[direction]
    angles = [b - 45 + 90 * i / steps for i in range(steps + 1)]
    outer_pts = [offset(lat, lon, a % 360, outer) for a in angles]
    inner_pts = [offset(lat, lon, a % 360, inner) for a in reversed(angles)]
    poly = Polygon([(p.x, p.y) for p in outer_pts + inner_pts])
    return poly if poly.is_valid else make_valid(poly)


@lru_cache(maxsize=4096)
def ring_around(lat: float, lon: float, inner: float, outer: float, steps: int = 36) -> Polygon:
    """The ring between *inner* and *outer* km around a place."""
    o = [offset(lat, lon, 360 * i / steps, outer) for i in range(steps)]
    i_ = [offset(lat, lon, 360 * i / steps, inner) for i in range(steps)]
    return Polygon([(p.x, p.y) for p in o], [[(p.x, p.y) for p in reversed(i_)]])


def axis(origins: list[tuple[float, float]], target: tuple[float, float]) -> MultiLineString:
    """Axes of advance: one line from each (lat, lon) origin to the target."""
    lines = [LineString([(lon, lat), (target[1], target[0])]) for lat, lon in origins
             if (lat, lon) != target]
    return MultiLineString(lines)


def area(corners: list[tuple[float, float]]) -> Polygon | LineString:
    """The area between named corners ("مثلث X - Y - Z"): a polygon (lat, lon corners)."""
    pts = [(lon, lat) for lat, lon in corners]
    if len(set(pts)) < 3:
        return LineString(pts)
    poly = Polygon(pts).convex_hull
    return poly if poly.is_valid else make_valid(poly)
