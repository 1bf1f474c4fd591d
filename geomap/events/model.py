"""The event record and the one layer catalogue.

Every map layer, export column and legend entry reads :data:`LAYERS`: a layer's
ACLED event type and sub-event type, its colour and label, and its priority
when one clause has triggers of several kinds.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field

from shapely.geometry import Point
from shapely.geometry.base import BaseGeometry

from ..gazetteer.model import Place

__all__ = ["Layer", "LAYERS", "LAYER_ORDER", "TRIGGER_PRIORITY", "Event", "SCHEMA"]


@dataclass(frozen=True, slots=True)
class Layer:
    """One map layer of events."""

    key: str
    event_type: str          #: ACLED event type
    sub_event_type: str      #: ACLED sub-event type
    color: str               #: hex colour on the map and in the QGIS style
    label: str               #: legend label
    priority: int            #: lower wins when a clause has triggers of several kinds


#: The layer catalogue, in map and legend order.
LAYERS: dict[str, Layer] = {lay.key: lay for lay in (
    Layer("offensive", "Strategic developments", "Other", "#6a3d9a", "Offensives", 8),
    Layer("air_strike", "Explosions/Remote violence", "Air/drone strike", "#e31a1c",
          "Air/drone strikes", 3),
    Layer("shelling", "Explosions/Remote violence", "Shelling/artillery/missile attack", "#ff7f00",
          "Shelling / missile attacks", 4),
    Layer("clash", "Battles", "Armed clash", "#b15928", "Armed clashes", 6),
    Layer("bombing", "Explosions/Remote violence", "Remote explosive/landmine/IED", "#1f1f1f",
          "Bombings (IED, car bombs)", 1),
    Layer("suicide_bombing", "Explosions/Remote violence", "Suicide bomb", "#000000",
          "Suicide bombings", 0),
    Layer("territory_gov", "Battles", "Government regains territory", "#1f78b4",
          "Territory: government regains", 2),
    Layer("territory_nonstate", "Battles", "Non-state actor overtakes territory", "#33a02c",
          "Territory: non-state actor takes", 2),
    Layer("agreement", "Strategic developments", "Agreement", "#cab2d6", "Truces / agreements", 5),
    Layer("displacement", "Strategic developments", "Other", "#fb9a99", "Displacement", 7),
)}
LAYER_ORDER = tuple(LAYERS)

#: Trigger kinds in priority order ("territory" stands for both territory layers until
#: the actor decides which).
TRIGGER_PRIORITY: tuple[str, ...] = tuple(dict.fromkeys(
    "territory" if k.startswith("territory") else k
    for k in sorted(LAYERS, key=lambda k: (LAYERS[k].priority, k))))

#: Field order of the event schema (also the CSV column order).
SCHEMA = ("event_id", "event_date", "time_precision", "event_type", "sub_event_type", "layer",
          "actor1", "actor2", "fatalities", "location", "location_ar", "admin1", "latitude",
          "longitude", "geo_precision", "place_id", "source", "source_outlet", "quote", "notes")


@dataclass
class Event:
    """One event, in ACLED-compatible fields (see :data:`SCHEMA`).

    ``geometry`` is a shapely geometry (lon/lat); ``latitude``/``longitude``
    are its representative point.  ``sources`` lists every (file, outlet) that
    reported it; ``quotes`` the sentences it was read from; ``areas`` the
    objective areas of an offensive (polygons).
    """

    event_date: dt.date | None
    time_precision: int
    layer: str
    actor1: str
    actor2: str
    fatalities: int | None
    place: Place | None
    location: str
    location_ar: str
    admin1: str
    geometry: BaseGeometry
    geo_precision: int
    sources: list[tuple[str, str]] = field(default_factory=list)
    quotes: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    axes: list[str] = field(default_factory=list)
    areas: list[BaseGeometry] = field(default_factory=list)

    @property
    def event_type(self) -> str:
        return LAYERS[self.layer].event_type

    @property
    def sub_event_type(self) -> str:
        return LAYERS[self.layer].sub_event_type

    @property
    def key(self) -> tuple:
        """Identity used to merge reports of the same event: date, layer, place."""
        where = self.place.id if self.place else self.location
        if self.layer != "offensive":
            where += "|" + self.location
        return (self.event_date.isoformat() if self.event_date else "", self.layer, where)

    @property
    def event_id(self) -> str:
        """Stable id: a hash of date, layer and place (not of the sources)."""
        h = hashlib.sha1("|".join(self.key).encode("utf-8")).hexdigest()[:12]
        return f"GM{h.upper()}"

    def to_record(self) -> dict:
        """The event as a flat dict in :data:`SCHEMA` order (geometry excluded)."""
        rp = self.geometry.representative_point() if not isinstance(self.geometry, Point) \
            else self.geometry
        if self.place is not None and (self.geo_precision == 1 or self.layer == "offensive"
                                       and self.geometry.geom_type == "MultiLineString"):
            lat, lon = self.place.lat, self.place.lon
        else:
            lat, lon = rp.y, rp.x
        return {
            "event_id": self.event_id,
            "event_date": self.event_date.isoformat() if self.event_date else None,
            "time_precision": self.time_precision,
            "event_type": self.event_type, "sub_event_type": self.sub_event_type,
            "layer": self.layer, "actor1": self.actor1, "actor2": self.actor2,
            "fatalities": self.fatalities, "location": self.location,
            "location_ar": self.location_ar, "admin1": self.admin1,
            "latitude": round(lat, 5), "longitude": round(lon, 5),
            "geo_precision": self.geo_precision,
            "place_id": self.place.id if self.place else None,
            "source": "; ".join(f for f, _ in self.sources),
            "source_outlet": "; ".join(sorted({o for _, o in self.sources if o})),
            "quote": self.quotes[0] if self.quotes else "",
            "notes": "; ".join(self.notes),
        }
