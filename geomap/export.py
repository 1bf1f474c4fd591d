"""Write events as GeoJSON (RFC 7946), GeoPackage (styled for QGIS) and ACLED-style CSV.

Every writer is deterministic (same events, same bytes) and atomic (a
temporary file renamed over the target).
"""

from __future__ import annotations

import csv
import json
import os
import sqlite3
import tempfile
from collections.abc import Sequence
from pathlib import Path
from xml.sax.saxutils import quoteattr

from shapely.geometry import mapping
from shapely.geometry.polygon import orient

from .events import LAYERS, SCHEMA, Event
from .events.model import INTEGER_COLUMNS
from .fsutil import atomic_open, umask
from .rows import as_rows

__all__ = ["write_geojson", "write_csv", "write_gpkg", "geojson_text", "geojson_feature_line",
           "csv_cell"]


_PRECISION = 6


def _round(obj):
    if isinstance(obj, float):
        return round(obj, _PRECISION)
    if isinstance(obj, (list, tuple)):
        return [_round(x) for x in obj]
    if isinstance(obj, dict):
        return {k: _round(v) for k, v in obj.items()}
    return obj


def _rfc7946(geom):
    """RFC 7946 ring orientation: exterior counter-clockwise."""
    if geom.geom_type == "Polygon":
        return orient(geom, 1.0)
    if geom.geom_type == "MultiPolygon":
        from shapely.geometry import MultiPolygon  # noqa: PLC0415
        return MultiPolygon([orient(p, 1.0) for p in geom.geoms])
    return geom


def _feature(e: Event) -> dict:
    props = e.to_record()
    props["sources"] = [s._asdict() for s in e.sources]
    props["axes"] = list(e.axes)
    if e.areas:
        props["objective_areas"] = [_round(mapping(_rfc7946(a))) for a in e.areas]
    return {"type": "Feature", "id": props["event_id"],
            "geometry": _round(mapping(_rfc7946(e.geometry))), "properties": props}


def geojson_feature_line(e: Event) -> str:
    """One event's GeoJSON feature, as its line of :func:`geojson_text` (no separator)."""
    return json.dumps(_feature(e), ensure_ascii=False)


def _geojson_lines(rows):
    """The FeatureCollection as lines: a header, one line per feature, a footer."""
    yield '{"type": "FeatureCollection", "features": [\n'
    last = len(rows) - 1
    for i, r in enumerate(rows):
        yield r.geojson + (",\n" if i < last else "\n")
    yield "]}\n"


def geojson_text(events: Sequence[Event]) -> str:
    """One RFC 7946 FeatureCollection (lon/lat, WGS84), properties = the event schema,
    one feature per line.

    Offensive objective areas are in ``properties.objective_areas`` as GeoJSON
    geometries; every source is listed in ``properties.sources``.
    """
    return "".join(_geojson_lines(as_rows(events)))


def _write_batched(fh, texts, batch: int = 4096) -> None:
    """Write *texts* to *fh* joined a few thousand at a time (one write per row costs
    more than the rows' text; memory stays flat)."""
    buf: list[str] = []
    for t in texts:
        buf.append(t)
        if len(buf) >= batch:
            fh.write("".join(buf))
            buf.clear()
    fh.write("".join(buf))


def write_geojson(events: Sequence[Event], path: str | Path) -> None:
    """Write :func:`geojson_text` to *path* atomically, streamed (memory stays flat).
    *events* may also be their :class:`~geomap.rows.EventRow` (as ``geomap build``
    passes them), here and in the other writers."""
    rows = as_rows(events)
    with atomic_open(path) as fh:
        _write_batched(fh, _geojson_lines(rows))


#: A text cell starting with one of these is read as a formula by spreadsheets.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value) -> str | int | float:
    """A value as a CSV cell that spreadsheets will not run: text starting with
    ``= + - @``, tab or CR gets a leading apostrophe (OWASP's advice against CSV
    injection); numbers are kept as they are; None is empty.

    >>> csv_cell("=cmd|' /C calc'!A0")
    "'=cmd|' /C calc'!A0"
    >>> csv_cell(-3.5), csv_cell(None), csv_cell("حلب")
    (-3.5, '', 'حلب')
    """
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def write_csv(events: Sequence[Event], path: str | Path) -> None:
    """ACLED-style CSV: the schema columns, UTF-8 with BOM (Arabic opens right in
    spreadsheets); text cells are neutralised against formula injection
    (:func:`csv_cell`); streamed and atomic."""
    rows = as_rows(events)
    with atomic_open(path, encoding="utf-8-sig") as fh:
        csv.writer(fh, lineterminator="\n").writerow(SCHEMA)
        _write_batched(fh, (r.csv for r in rows))


# ----- GeoPackage ------------------------------------------------------------------

_GPKG_LAYERS = {"event": ("events", "marker"), "area": ("event_areas", "fill"),
                "axis": ("event_axes", "line")}


def _symbol(kind: str, name: str, color: str) -> str:
    r, g, b = (int(color[i:i + 2], 16) for i in (1, 3, 5))
    rgba = f"{r},{g},{b},255"
    if kind == "marker":
        props = {"name": "circle", "color": rgba, "size": "3.2", "outline_color": "35,35,35,255",
                 "outline_width": "0.3"}
        cls = "SimpleMarker"
    elif kind == "line":
        # an axis of advance: QGIS's arrow symbol layer, its head at the line's end (the
        # objective; geometry.py draws axes from their origin), filled with the layer's colour
        props = {"arrow_type": "0", "head_type": "0", "is_curved": "0", "is_repeated": "0",
                 "arrow_width": "0.9", "arrow_start_width": "0.9", "head_length": "3.2",
                 "head_thickness": "1.9", "arrow_width_unit": "MM", "arrow_start_width_unit": "MM",
                 "head_length_unit": "MM", "head_thickness_unit": "MM", "offset": "0",
                 "offset_unit": "MM"}
        p = "".join(f'<prop k="{k}" v="{v}"/>' for k, v in props.items())
        fill = (f'<symbol type="fill" name="@{name}@0" alpha="1" clip_to_extent="1" force_rhr="0">'
                f'<layer class="SimpleFill" enabled="1" pass="0" locked="0">'
                f'<prop k="color" v="{rgba}"/><prop k="outline_color" v="35,35,35,255"/>'
                f'<prop k="outline_style" v="solid"/><prop k="outline_width" v="0.1"/>'
                f'<prop k="style" v="solid"/></layer></symbol>')
        return (f'<symbol type="line" name="{name}" alpha="1" clip_to_extent="1" force_rhr="0">'
                f'<layer class="ArrowLine" enabled="1" pass="0" locked="0">{p}{fill}</layer></symbol>')
    else:
        props = {"color": f"{r},{g},{b},70", "outline_color": rgba, "outline_width": "0.5",
                 "style": "solid", "outline_style": "solid"}
        cls = "SimpleFill"
    p = "".join(f'<prop k="{k}" v="{v}"/>' for k, v in props.items())
    return (f'<symbol type="{kind}" name="{name}" alpha="1" clip_to_extent="1" force_rhr="0">'
            f'<layer class="{cls}" enabled="1" pass="0" locked="0">{p}</layer></symbol>')


def _qml(kind: str) -> str:
    cats, syms = [], []
    for i, lay in enumerate(LAYERS.values()):
        layer, color, label = lay.key, lay.color, lay.label
        cats.append(f'<category symbol="{i}" value={quoteattr(layer)} label={quoteattr(label)} '
                    'render="true"/>')
        syms.append(_symbol(kind, str(i), color))
    return ("<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n"
            '<qgis version="3.22.0" styleCategories="Symbology">'
            '<renderer-v2 type="categorizedSymbol" attr="layer" symbollevels="0" '
            'forceraster="0" enableorderby="0">'
            f'<categories>{"".join(cats)}</categories><symbols>{"".join(syms)}</symbols>'
            '</renderer-v2></qgis>\n')


_FIXED_TIME = "2000-01-01T00:00:00.000Z"


def _fix_sqlite_counters(path: str) -> None:
    """Set SQLite's file change counter and its version-valid-for copy (header bytes
    24 and 92) to 1: they count the writes GDAL made, which vary between processes,
    and would otherwise make two identical GeoPackages differ."""
    import struct  # noqa: PLC0415
    with open(path, "r+b") as fh:
        for offset in (24, 92):
            fh.seek(offset)
            fh.write(struct.pack(">I", 1))


#: The GeoPackage type of each schema column that is not text (the others are TEXT):
#: integers that may be empty, reals, and the event date as a GeoPackage DATE.
_INT_COLUMNS = frozenset(INTEGER_COLUMNS) | {"time_precision", "geo_precision"}
_REAL_COLUMNS = frozenset({"latitude", "longitude"})
_DATE_COLUMNS = frozenset({"event_date"})

#: Single geometry types and the multi type a layer that mixes them with it is written as
#: (a GeoPackage layer has one geometry type; GDAL's rule for GPKG, as pyogrio applies it)
_MULTI = {"Point": "MultiPoint", "LineString": "MultiLineString", "Polygon": "MultiPolygon"}


def _arrow_column(name: str, values):
    """One schema column as an Arrow array of its GeoPackage type."""
    import pyarrow as pa  # noqa: PLC0415
    if name in _INT_COLUMNS:
        return pa.array(values, type=pa.int64())
    if name in _REAL_COLUMNS:
        return pa.array(values, type=pa.float64())
    if name in _DATE_COLUMNS:
        return pa.array([v or None for v in values], type=pa.string()).cast(pa.date32())
    return pa.array(values, type=pa.string())


#: Rows per Arrow batch handed to GDAL (memory stays at one batch's columns)
_GPKG_BATCH = 8192


def _batch(recs: list, geoms):
    """One Arrow record batch of a layer: the schema columns of *recs* and *geoms* (None:
    the events' points, from their coordinates)."""
    import numpy as np  # noqa: PLC0415
    import pyarrow as pa  # noqa: PLC0415
    import shapely  # noqa: PLC0415
    columns = list(zip(*recs)) if recs else [()] * len(SCHEMA)
    arrays = [_arrow_column(name, col) for name, col in zip(SCHEMA, columns)]
    if geoms is None:
        geoms = shapely.points(np.array(columns[SCHEMA.index("longitude")], dtype=float),
                               np.array(columns[SCHEMA.index("latitude")], dtype=float))
    arrays.append(pa.array(shapely.to_wkb(geoms), type=pa.binary()))
    return pa.RecordBatch.from_arrays(arrays, names=[*SCHEMA, "geom"])


def _one_type(geoms) -> tuple[str, object]:
    """The geometry type of a layer of *geoms*, and the geometries in it: a layer that mixes
    single and multi shapes of one kind is of the multi type, its single shapes promoted."""
    import numpy as np  # noqa: PLC0415
    import shapely  # noqa: PLC0415
    kinds = {g.geom_type for g in geoms}
    singles = [k for k in kinds if _MULTI.get(k) in kinds]
    if len(kinds) == 2 and singles:
        multi = _MULTI[singles[0]]
        make = getattr(shapely, multi.lower() + "s")        # shapely.multipolygons...
        mask = np.array([g.geom_type == singles[0] for g in geoms], dtype=bool)
        geoms[mask] = [make([g]) for g in geoms[mask]]
        return multi, geoms
    return (next(iter(kinds)) if len(kinds) == 1 else "Unknown"), geoms


def _layer_streams(rows) -> dict[str, tuple]:
    """{part: (Arrow record batch reader, geometry type)} of the GeoPackage layers of *rows*:
    every event as a point, and each of its areas and axes (``EventRow.parts``) as a feature
    of the area or axis layer with the event's columns.  The events layer is always there.
    Batches are made as GDAL reads them."""
    import numpy as np  # noqa: PLC0415
    import pyarrow as pa  # noqa: PLC0415
    import shapely  # noqa: PLC0415
    parts: dict[str, tuple[list, list]] = {"area": ([], []), "axis": ([], [])}
    for r in rows:
        for part, wkb in r.parts:
            parts[part][0].append(r.record)
            parts[part][1].append(wkb)
    layers = {"event": ([r.record for r in rows], None, "Point")}
    for part, (recs, wkbs) in parts.items():
        if recs:
            gtype, geoms = _one_type(shapely.from_wkb(np.array(wkbs, dtype=object)))
            layers[part] = (recs, geoms, gtype)

    def batches(recs, geoms):
        for i in range(0, max(len(recs), 1), _GPKG_BATCH):
            yield _batch(recs[i:i + _GPKG_BATCH], None if geoms is None else geoms[i:i + _GPKG_BATCH])

    out = {}
    for part, (recs, geoms, gtype) in layers.items():
        schema = _batch(recs[:1], None if geoms is None else geoms[:1]).schema
        out[part] = (pa.RecordBatchReader.from_batches(schema, batches(recs, geoms)), gtype)
    return out


def write_gpkg(events: Sequence[Event], path: str | Path) -> None:
    """GeoPackage 1.3 with layers ``events`` (points), ``event_areas`` (polygons) and
    ``event_axes`` (lines), each with a QGIS default style in ``layer_styles``
    (categorised by event layer).  Timestamps are fixed so the file is reproducible.
    """
    import pyogrio  # noqa: PLC0415
    path = Path(path)
    layers = _layer_streams(as_rows(events))
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".gpkg", dir=path.parent)
    os.close(fd)
    os.unlink(tmp)
    try:
        for part, (table, gtype) in layers.items():
            pyogrio.write_arrow(table, tmp, layer=_GPKG_LAYERS[part][0], driver="GPKG",
                                geometry_name="geom", geometry_type=gtype, crs="EPSG:4326",
                                append=os.path.exists(tmp), VERSION="1.3", SPATIAL_INDEX="NO")
        con = sqlite3.connect(tmp)
        try:
            con.execute(
                "CREATE TABLE IF NOT EXISTS layer_styles (id INTEGER PRIMARY KEY AUTOINCREMENT, "
                "f_table_catalog TEXT(256), f_table_schema TEXT(256), f_table_name TEXT(256), "
                "f_geometry_column TEXT(256), styleName TEXT(30), styleQML TEXT, styleSLD TEXT, "
                "useAsDefault BOOLEAN, description TEXT, owner TEXT(30), ui TEXT(30), "
                "update_time DATETIME)")
            tables = {r[0] for r in con.execute("SELECT table_name FROM gpkg_contents")}
            for layer, kind in _GPKG_LAYERS.values():
                if layer not in tables:
                    continue
                con.execute(
                    "INSERT INTO layer_styles (f_table_catalog, f_table_schema, f_table_name, "
                    "f_geometry_column, styleName, styleQML, styleSLD, useAsDefault, description, "
                    "owner, ui, update_time) VALUES ('', '', ?, 'geom', ?, ?, '', 1, ?, '', '', ?)",
                    (layer, f"geomap {layer}", _qml(kind), "geomap default style by event type",
                     _FIXED_TIME))
            con.execute("INSERT OR IGNORE INTO gpkg_contents (table_name, data_type, identifier, "
                        "description, last_change) VALUES ('layer_styles', 'attributes', "
                        "'layer_styles', 'QGIS layer styles', ?)", (_FIXED_TIME,))
            con.execute("UPDATE gpkg_contents SET last_change = ?", (_FIXED_TIME,))
            con.commit()
        finally:
            con.close()
        _fix_sqlite_counters(tmp)
        os.chmod(tmp, 0o666 & ~umask())
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
