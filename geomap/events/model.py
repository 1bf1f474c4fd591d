"""The event record and the one layer catalogue.

Every map layer, export column and legend entry reads :data:`LAYERS`: a layer's
ACLED event type and sub-event type, its colour and label, and its priority
when one clause has triggers of several kinds.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from typing import NamedTuple

from shapely.geometry import Point
from shapely.geometry.base import BaseGeometry

from ..gazetteer.model import Place

__all__ = ["Layer", "LAYERS", "LAYER_ORDER", "TRIGGER_PRIORITY", "Event", "Source", "SCHEMA", "ACLED_COLUMNS",
           "actor_inter"]


@dataclass(frozen=True, slots=True)
class Layer:
    """One map layer of events."""

    key: str
    event_type: str          #: ACLED event type
    sub_event_type: str      #: ACLED sub-event type
    color: str               #: hex colour on the map and in the QGIS style
    label: str               #: legend label
    priority: int            #: lower wins when a clause has triggers of several kinds


#: The layer catalogue, in map and legend order.  Colours: red air strikes, orange shelling,
#: blue and green territory, black suicide bombs, the others chosen (by a greedy max-min search
#: over the sRGB grid) so that every pair differs by at least 10 CIEDE2000 units in normal
#: vision and 8 under simulated deuteranopia and protanopia, and each stands out on the
#: basemap's land (tests/test_map.py checks it with coloraide).
LAYERS: dict[str, Layer] = {lay.key: lay for lay in (
    Layer("offensive", "Strategic developments", "Other", "#6a3d9a", "Offensives", 18),
    Layer("air_strike", "Explosions/Remote violence", "Air/drone strike", "#dd1111",
          "Air/drone strikes", 5),
    Layer("shelling", "Explosions/Remote violence", "Shelling/artillery/missile attack", "#ff8800",
          "Shelling / missile attacks", 6),
    Layer("chemical_weapon", "Explosions/Remote violence", "Chemical weapon", "#aaee77",
          "Chemical weapons", 1),
    Layer("bombing", "Explosions/Remote violence", "Remote explosive/landmine/IED", "#661100",
          "Bombings (IED, car bombs)", 3),
    Layer("suicide_bombing", "Explosions/Remote violence", "Suicide bomb", "#000000",
          "Suicide bombings", 2),
    Layer("clash", "Battles", "Armed clash", "#cc66aa", "Armed clashes", 9),
    Layer("territory_gov", "Battles", "Government regains territory", "#1166cc",
          "Territory: government regains", 4),
    Layer("territory_nonstate", "Battles", "Non-state actor overtakes territory", "#117700",
          "Territory: non-state actor takes", 4),
    Layer("attack", "Violence against civilians", "Attack", "#993344",
          "Attacks on civilians", 7),
    Layer("abduction", "Violence against civilians", "Abduction/forced disappearance", "#ff88bb",
          "Abductions", 7),
    Layer("disrupted_weapons", "Strategic developments", "Disrupted weapons use", "#55eeff",
          "Intercepted strikes", 0),
    Layer("transfer", "Strategic developments", "Non-violent transfer of territory", "#7799ff",
          "Territory handed over (deal)", 8),
    Layer("evacuation", "Strategic developments", "Other", "#888888", "Evacuations", 14),
    Layer("agreement", "Strategic developments", "Agreement", "#77cc99", "Truces / agreements", 10),
    Layer("arrests", "Strategic developments", "Arrests", "#440088", "Arrests", 11),
    Layer("base_established", "Strategic developments", "Headquarters or base established",
          "#0000ff", "Bases established", 12),
    Layer("looting", "Strategic developments", "Looting/property destruction", "#661144",
          "Looting / destruction", 13),
    Layer("change_group", "Strategic developments", "Change to group/activity", "#5577ff",
          "Changes to groups", 16),
    Layer("protest", "Protests", "Peaceful protest", "#449966", "Protests", 15),
    Layer("riot", "Riots", "Violent demonstration", "#ff4455", "Riots", 15),
    Layer("displacement", "Strategic developments", "Other", "#994477", "Displacement", 17),
)}
LAYER_ORDER = tuple(LAYERS)

#: Trigger kinds in priority order ("territory" stands for both territory layers until
#: the actor decides which; "strike" for the remote-violence layers until the instrument
#: decides, ranked with shelling).
TRIGGER_PRIORITY: tuple[str, ...] = tuple(dict.fromkeys(
    "territory" if k.startswith("territory") else k
    for k in sorted([*LAYERS, "strike"], key=lambda k: (
        LAYERS[k].priority if k in LAYERS else LAYERS["shelling"].priority + 0.5, k))))

#: Field order of the event schema (also the CSV column order): ACLED's columns, then geomap's own.
ACLED_COLUMNS = ("event_id_cnty", "event_date", "year", "time_precision", "disorder_type",
                 "event_type", "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2",
                 "assoc_actor_2", "inter2", "interaction", "civilian_targeting", "iso", "region",
                 "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude",
                 "geo_precision", "source", "source_scale", "notes", "fatalities", "tags")
GEOMAP_COLUMNS = ("event_id", "layer", "location_ar", "place_id", "source_file", "source_outlet",
                  "source_url", "source_title", "quote")
SCHEMA = ACLED_COLUMNS + GEOMAP_COLUMNS
#: Integer columns that may be empty (Int64 in tables, Integer in the GeoPackage).
INTEGER_COLUMNS = ("year", "inter1", "inter2", "interaction", "iso", "fatalities")

#: ACLED's disorder type of each event type.
DISORDER_TYPE = {"Battles": "Political violence", "Explosions/Remote violence": "Political violence",
                 "Violence against civilians": "Political violence", "Riots": "Political violence",
                 "Protests": "Demonstrations", "Strategic developments": "Strategic developments"}

#: ACLED inter codes of actors geomap names without a lexicon entry.
_DEFAULT_INTER = {"Unidentified armed group": 3, "Unidentified military forces (air)": 8,
                  "Protesters (Syria)": 6, "Rioters (Syria)": 5}


def actor_inter(name: str, lexicon=None) -> int | None:
    """ACLED inter code of an actor name in *lexicon* (``actors.tsv``; default: the bundled
    one), 0 for none, None if unknown."""
    if not name:
        return 0
    if lexicon is None:
        from ..lexicon import load_lexicon  # noqa: PLC0415
        lexicon = load_lexicon()
    return _inter_codes(lexicon).get(name, _DEFAULT_INTER.get(name))


_INTER_CACHE: dict[str, dict[str, int]] = {}


def _inter_codes(lex) -> dict[str, int]:
    got = _INTER_CACHE.get(lex.digest)
    if got is None:
        got = _INTER_CACHE[lex.digest] = {a.name: a.inter for a in lex.actors}
    return got


def source_scale(outlets: list[str]) -> str:
    """ACLED source scale from the outlets' names (settings.OUTLET_SCALE), "" when unknown."""
    from ..settings import OUTLET_SCALE  # noqa: PLC0415
    scales = []
    for o in outlets:
        low = o.casefold()
        sc = next((v for k, v in OUTLET_SCALE if k in low), "")
        if sc and sc not in scales:
            scales.append(sc)
    return "-".join(scales)


class Source(NamedTuple):
    """One report of an event: the article's name in outputs, its outlet and, when the
    metadata or feed gives them, its publication date (ISO), title and URL."""

    file: str
    outlet: str = ""
    date: str = ""
    title: str = ""
    url: str = ""

    @classmethod
    def of(cls, art) -> "Source":
        """The source record of an :class:`~geomap.readers.Article`."""
        return cls(art.name, art.outlet or "", art.date.isoformat() if art.date else "",
                   getattr(art, "title", "") or "", getattr(art, "url", "") or "")


@dataclass
class Event:
    """One event, in ACLED-compatible fields (see :data:`SCHEMA`).

    ``geometry`` is a shapely geometry (lon/lat); ``latitude``/``longitude``
    are its representative point.  ``sources`` lists every :class:`Source` that
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
    sources: list[Source] = field(default_factory=list)
    quotes: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    axes: list[str] = field(default_factory=list)
    areas: list[BaseGeometry] = field(default_factory=list)
    #: ACLED inter codes of actor1 / actor2, from the lexicon the event was read with (set by
    #: the extractor; None: looked up in the bundled lexicon)
    inter1: int | None = None
    inter2: int | None = None
    #: the id a correction gave this event (it keeps its id when a field is corrected)
    fixed_id: str = ""
    #: ids of the reports merged into this event (a correction by one of them still applies)
    aliases: list[str] = field(default_factory=list)

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
        """Stable id: a hash of date, layer and place (not of the sources); a corrected
        event keeps the id it had before the correction."""
        if self.fixed_id:
            return self.fixed_id
        h = hashlib.sha1("|".join(self.key).encode("utf-8")).hexdigest()[:12]
        return f"GM{h.upper()}"

    def drawn_parts(self) -> list[tuple[str, object]]:
        """The shapes drawn beside the event's point, in order: ("area", polygon) for a
        countryside sector or an area, ("axis", line) for each axis of an offensive, then
        ("area", polygon) for each objective area."""
        g = self.geometry
        parts: list[tuple[str, object]] = []
        if g.geom_type in ("Polygon", "MultiPolygon"):
            parts.append(("area", g))
        elif g.geom_type == "MultiLineString":
            parts.extend(("axis", line) for line in g.geoms)
        parts.extend(("area", a) for a in self.areas)
        return parts

    def to_record(self) -> dict:
        """The event as a flat dict in :data:`SCHEMA` order (geometry excluded).

        Between :meth:`freeze_records` and :meth:`thaw_records` (while a build writes its
        four files, each of which asks for every record) the record is computed once."""
        frozen = self.__dict__.get("_record")
        if frozen is not None:
            return dict(frozen)
        return self._make_record()

    @staticmethod
    def freeze_records(events) -> None:
        """Compute each event's record once, for the writers that follow; the events must
        not change until :meth:`thaw_records`."""
        for e in events:
            e.__dict__["_record"] = None
            e.__dict__["_record"] = e._make_record()

    @staticmethod
    def thaw_records(events) -> None:
        """Forget the records :meth:`freeze_records` kept."""
        for e in events:
            e.__dict__.pop("_record", None)

    def _make_record(self) -> dict:
        rp = self.geometry.representative_point() if not isinstance(self.geometry, Point) \
            else self.geometry
        if self.place is not None and (self.geo_precision == 1 or self.layer == "offensive"
                                       and self.geometry.geom_type == "MultiLineString"):
            lat, lon = self.place.lat, self.place.lon
        else:
            lat, lon = rp.y, rp.x
        i1 = self.inter1 if self.inter1 is not None else actor_inter(self.actor1)
        i2 = self.inter2 if self.inter2 is not None else actor_inter(self.actor2)
        codes = sorted(c for c in (i1, i2) if c)
        interaction = (codes[0] * 10 + (codes[1] if len(codes) > 1 else 0)) if codes else None
        if i1 and not i2:
            interaction = i1 * 10
        outlets = sorted({s.outlet for s in self.sources if s.outlet})
        files = "; ".join(s.file for s in self.sources)
        urls = "; ".join(dict.fromkeys(s.url for s in self.sources if s.url))
        titles = "; ".join(dict.fromkeys(s.title for s in self.sources if s.title))
        in_syria = self.place is None or self.place.in_syria
        et = self.event_type
        return {
            "event_id_cnty": "SYR" + self.event_id[2:],
            "event_date": self.event_date.isoformat() if self.event_date else None,
            "year": self.event_date.year if self.event_date else None,
            "time_precision": self.time_precision,
            "disorder_type": DISORDER_TYPE.get(et, ""),
            "event_type": et, "sub_event_type": self.sub_event_type,
            "actor1": self.actor1, "assoc_actor_1": "", "inter1": i1 or None,
            "actor2": self.actor2, "assoc_actor_2": "", "inter2": i2 or None,
            "interaction": interaction,
            "civilian_targeting": "Civilian targeting" if i2 == 7 and et in (
                "Violence against civilians", "Explosions/Remote violence") else "",
            "iso": 760 if in_syria else None, "region": "Middle East" if in_syria else "",
            "country": "Syria" if in_syria else "",
            "admin1": self.admin1,
            "admin2": getattr(self.place, "admin2", "") if self.place else "",
            "admin3": getattr(self.place, "admin3", "") if self.place else "",
            "location": self.location,
            "latitude": round(lat, 5), "longitude": round(lon, 5),
            "geo_precision": self.geo_precision,
            "source": "; ".join(outlets) or files,
            "source_scale": source_scale(outlets),
            "notes": "; ".join(self.notes),
            "fatalities": self.fatalities,
            "tags": "claim" if any(n.startswith("reported as a claim") for n in self.notes) else "",
            "event_id": self.event_id,
            "layer": self.layer,
            "location_ar": self.location_ar,
            "place_id": self.place.id if self.place else None,
            "source_file": files,
            "source_outlet": "; ".join(outlets),
            "source_url": urls,
            "source_title": titles,
            "quote": self.quotes[0] if self.quotes else "",
        }
