"""What the four writers write of each event, prepared once per event.

A :class:`EventRow` holds one event's GeoJSON feature line, CSV row, map feature and
GeoPackage record, already serialised.  The writers (:mod:`geomap.export`,
:mod:`geomap.render`) write a list of rows; given events, they make the rows first.  A
row depends on its event only (never on the other events), which is what lets
``geomap build --cache`` keep the rows of events that did not change
(:mod:`geomap.cache`) and still write the same bytes as a full build.

Rows are plain data (strings, numbers, lists): they are stored as JSON.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["EventRow", "as_rows", "event_rows", "sort_rows"]


@dataclass(frozen=True)
class EventRow:
    """One event as the writers write it."""

    #: (event date or "", event id): the output order (:func:`~geomap.events.sort_events`)
    date: str
    event_id: str
    #: its GeoJSON feature, one line (no separator)
    geojson: str
    #: its CSV row, with its line end
    csv: str
    #: its feature of the map's data (JSON safe in a <script> element), and whether it was
    #: made for a big map (:data:`~geomap.render.BIG_MAP`: shortened quotes)
    map: str
    big: bool
    #: its map point and the article files it came from (the map's bounds and title)
    lat: float
    lon: float
    files: tuple[str, ...]
    #: its record (the :data:`~geomap.events.SCHEMA` values, in order) and the GeoPackage
    #: parts beyond its point: ("area" or "axis", WKB hex)
    record: tuple
    parts: tuple[tuple[str, str], ...]

    @property
    def sort_key(self) -> tuple[str, str]:
        return self.date, self.event_id

    def to_json(self) -> list:
        return [self.date, self.event_id, self.geojson, self.csv, self.map, self.big, self.lat,
                self.lon, list(self.files), list(self.record), [list(p) for p in self.parts]]

    @classmethod
    def from_json(cls, v) -> EventRow:
        """The row of :meth:`to_json`; ValueError when *v* is not one."""
        if not isinstance(v, list) or len(v) != 11:
            raise ValueError("not a row")
        date, eid, gj, cv, mp, big, lat, lon, files, rec, parts = v
        if not all(isinstance(x, str) for x in (date, eid, gj, cv, mp)) \
                or not isinstance(big, bool) \
                or not all(isinstance(x, float) and not isinstance(x, bool) for x in (lat, lon)) \
                or not isinstance(files, list) or not all(isinstance(f, str) for f in files) \
                or not isinstance(rec, list) or not isinstance(parts, list):
            raise ValueError("not a row")
        if not all(x is None or isinstance(x, (str, int, float)) for x in rec):
            raise ValueError("bad record")
        if not all(isinstance(p, list) and len(p) == 2 and p[0] in ("area", "axis")
                   and isinstance(p[1], str) for p in parts):
            raise ValueError("bad parts")
        return cls(date, eid, gj, cv, mp, big, lat, lon, tuple(files), tuple(rec),
                   tuple((a, b) for a, b in parts))


def _csv_line(writer, buf: io.StringIO, values) -> str:
    buf.seek(0)
    buf.truncate()
    writer.writerow(values)
    return buf.getvalue()


def event_rows(events: Sequence, big: bool | None = None) -> list[EventRow]:
    """The rows of *events*, in the same order.  *big*: whether the map is a big one
    (default: whether there are more than :data:`~geomap.render.BIG_MAP` events)."""
    from shapely import to_wkb  # noqa: PLC0415

    from .events import SCHEMA, Event  # noqa: PLC0415
    from .export import csv_cell, geojson_feature_line  # noqa: PLC0415
    from .render import BIG_MAP, map_feature_json  # noqa: PLC0415
    if big is None:
        big = len(events) > BIG_MAP
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    out = []
    Event.freeze_records(events)          # every piece below asks for the record
    try:
        for e in events:
            rec = e.to_record()
            g = e.geometry
            parts = []
            if g.geom_type in ("Polygon", "MultiPolygon"):
                parts.append(("area", g))
            elif g.geom_type == "MultiLineString":
                parts.extend(("axis", line) for line in g.geoms)
            parts.extend(("area", a) for a in e.areas)
            out.append(EventRow(
                date=e.event_date.isoformat() if e.event_date else "", event_id=e.event_id,
                geojson=geojson_feature_line(e),
                csv=_csv_line(writer, buf, [csv_cell(rec[k]) for k in SCHEMA]),
                map=map_feature_json(e, rec, big), big=big,
                lat=float(rec["latitude"]), lon=float(rec["longitude"]),
                files=tuple(s.file for s in e.sources), record=tuple(rec[k] for k in SCHEMA),
                parts=tuple((kind, to_wkb(geom, hex=True)) for kind, geom in parts)))
    finally:
        Event.thaw_records(events)
    return out


def as_rows(events: Sequence) -> Sequence[EventRow]:
    """*events* as rows (:func:`event_rows`); rows are returned as they are."""
    if events and isinstance(events[0], EventRow):
        return events
    return event_rows(events)


def sort_rows(rows: list[EventRow]) -> list[EventRow]:
    """Rows in output order (what :func:`~geomap.events.sort_events` does to events)."""
    return sorted(rows, key=lambda r: (r.date or dt.date.min.isoformat(), r.event_id))
