"""The gazetteer as a geopy :class:`~geopy.geocoders.base.Geocoder` (imported on first use
of :class:`geomap.geocoder.GazetteerGeocoder`, so that plain lookups do not load geopy)."""

from __future__ import annotations

from geopy.distance import great_circle
from geopy.geocoders.base import Geocoder
from geopy.location import Location

from .gazetteer.model import Place
from .gazetteer.store import Gazetteer, load_gazetteer
from .geocoder import geocode_all

__all__ = ["GazetteerGeocoder"]


def _location(p: Place) -> Location:
    address = f"{p.name_en} ({p.name_ar})" + (f", {p.admin1}" if p.admin1 else "") + \
              (", Syria" if p.in_syria else "")
    return Location(address, (p.lat, p.lon), p.to_dict())


class GazetteerGeocoder(Geocoder):
    """A geopy geocoder over the offline geomap gazetteer.

    Parameters
    ----------
    gazetteer : Gazetteer, optional
        Defaults to the bundled gazetteer (plus user imports).

    Examples
    --------
    >>> g = GazetteerGeocoder()
    >>> loc = g.geocode("خان العسل")
    >>> round(loc.latitude, 1), round(loc.longitude, 1)
    (36.2, 37.0)
    """

    def __init__(self, gazetteer: Gazetteer | None = None, **kwargs):
        super().__init__(**kwargs)
        self.gazetteer = gazetteer if gazetteer is not None else load_gazetteer()

    def geocode(self, query: str, *, exactly_one: bool = True, limit: int | None = None,
                **_ignored):
        """Geocode *query*; returns a :class:`geopy.location.Location`, a list, or None."""
        found = geocode_all(query, self.gazetteer)
        if not found:
            return None
        if exactly_one:
            return _location(found[0])
        return [_location(p) for p in found[: limit or None]]

    def reverse(self, query, *, exactly_one: bool = True, limit: int | None = None,
                in_syria_only: bool = True, **_ignored):
        """Nearest gazetteer places to ``(lat, lon)`` (point-precision rows only)."""
        lat, lon = (query.latitude, query.longitude) if hasattr(query, "latitude") else \
            tuple(float(x) for x in (query.split(",") if isinstance(query, str) else query))
        pool = [p for p in self.gazetteer if p.precision == "point"
                and (p.in_syria or not in_syria_only)]
        if not pool:
            return None
        pool.sort(key=lambda p: (great_circle((lat, lon), (p.lat, p.lon)).km, p.id))
        if exactly_one:
            return _location(pool[0])
        return [_location(p) for p in pool[: limit or 5]]
