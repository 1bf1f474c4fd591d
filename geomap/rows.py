"""What the four writers write of each event, prepared once per event.

A :class:`EventRow` holds one event's GeoJSON feature line, CSV row, map feature and
GeoPackage record, already serialised.  The writers (:mod:`geomap.export`,
:mod:`geomap.render`) write a list of rows; given events, they make the rows first.  A
row depends on its event only (never on the other events), which is what lets
``geomap build --cache`` keep the rows of events that did not change
(:mod:`geomap.cache`) and still write the same bytes as a full build.

Rows are plain data (strings, numbers): they are stored as SQLite text and numbers.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Sequence
from itertools import chain
from typing import NamedTuple

__all__ = ["EventRow", "as_rows", "event_rows", "sort_rows"]


class EventRow(NamedTuple):
    """One event as the writers write it (a tuple: a build may hold 100,000)."""

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


#: What stored rows are made of (:func:`rows_to_db`, :func:`rows_from_db`)
DB_COLUMNS = ("geojson", "map", "csv", "meta")
_SCALARS = frozenset({str, int, float, type(None)})


def rows_to_db(rows: Sequence[EventRow]) -> tuple[str, str, str, str]:
    """Rows as four SQLite texts: the GeoJSON lines and the map features each joined by
    newlines (neither has one: JSON escapes them), the CSV rows as a JSON list, the rest
    as a JSON list of columns."""
    meta = [[r.date for r in rows], [r.event_id for r in rows], [r.big for r in rows],
            [r.lat for r in rows], [r.lon for r in rows], [list(r.files) for r in rows],
            [list(r.record) for r in rows], [[list(p) for p in r.parts] for r in rows]]
    return ("\n".join(r.geojson for r in rows), "\n".join(r.map for r in rows),
            json.dumps([r.csv for r in rows], ensure_ascii=False),
            json.dumps(meta, ensure_ascii=False))


def rows_from_db(n: int, geojson: str, map_: str, csv_: str, meta: str) -> list[EventRow]:
    """The *n* rows of :func:`rows_to_db`; ValueError when the texts are not such rows."""
    if not (type(geojson) is type(map_) is type(csv_) is type(meta) is str):
        raise ValueError("not rows")
    gj, mp = geojson.split("\n") if n else [], map_.split("\n") if n else []
    cv, (dates, ids, bigs, lats, lons, files, recs, parts) = json.loads(csv_), json.loads(meta)
    cols = (gj, mp, cv, dates, ids, bigs, lats, lons, files, recs, parts)
    if not all(type(c) is list and len(c) == n for c in cols):
        raise ValueError("not rows")
    if not (_types(cv) | _types(dates) | _types(ids) | _types(files, 1)) <= {str} \
            or not _types(bigs) <= {bool} or not _types(lats) | _types(lons) <= {float} \
            or not _types(recs, 1) <= _SCALARS or not _types(parts, 1) <= {list} \
            or not all(len(p) == 2 and p[0] in ("area", "axis") and type(p[1]) is str
                       for ps in parts for p in ps):
        raise ValueError("not rows")
    return [EventRow(d, i, g, c, m, b, la, lo, tuple(f), tuple(r), tuple(map(tuple, ps)))
            for d, i, g, c, m, b, la, lo, f, r, ps
            in zip(dates, ids, gj, cv, mp, bigs, lats, lons, files, recs, parts)]


def _types(col: list, depth: int = 0) -> set:
    """The types of the items of *col* (of the items of its lists, at depth 1; a list that
    holds no lists counts as one of type ``None``, which no check allows)."""
    if depth == 0:
        return set(map(type, col))
    if not all(type(x) is list for x in col):
        return {None}
    return set(map(type, chain.from_iterable(col)))


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
            out.append(EventRow(
                date=e.event_date.isoformat() if e.event_date else "", event_id=e.event_id,
                geojson=geojson_feature_line(e),
                csv=_csv_line(writer, buf, [csv_cell(rec[k]) for k in SCHEMA]),
                map=map_feature_json(e, rec, big), big=big,
                lat=float(rec["latitude"]), lon=float(rec["longitude"]),
                files=tuple(s.file for s in e.sources), record=tuple(rec[k] for k in SCHEMA),
                parts=tuple((kind, to_wkb(geom, hex=True)) for kind, geom in e.drawn_parts())))
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
