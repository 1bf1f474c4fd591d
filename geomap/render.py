"""Render events as a self-contained, offline folium map (one HTML file).

Leaflet, jQuery and Leaflet.markercluster are inlined from ``geomap/data/vendor`` (see its
LICENSES.md), and so is the page code, ``geomap/data/map.js`` and ``map.css``.  The map needs
no tiles: an offline vector basemap (``geomap/data/basemap.json``, built by
tools/build_basemap.py) draws governorate and district boundaries, rivers, lakes, the 1974
Golan line and place labels that appear by zoom; OpenStreetMap tiles are an optional,
unchecked layer that shows through the half-transparent land.  Events are one switchable
layer per type, clustered with rings that show the mix of types; stacked events fan out or
open as a list; popups, built with ``textContent`` (article text never becomes markup), name
every field and link only http(s) URLs; a date filter validates its range and a player steps
through the days; uncertain places are drawn as shaded areas.
"""

from __future__ import annotations

import base64
import json
import math
from collections.abc import Sequence
from contextlib import contextmanager
from pathlib import Path

import branca.element
import folium
from geopy.distance import geodesic
from shapely.geometry import mapping

from .events import Event
from .events.model import LAYERS
from .fsutil import atomic_open

__all__ = ["render_map", "write_map"]

DATA = Path(__file__).resolve().parent / "data"
VENDOR = DATA / "vendor"


@contextmanager
def _deterministic_ids():
    """folium/branca name elements with random hex ids; count instead, so that the
    same events give the same HTML bytes."""
    counter = iter(range(1, 10**9))
    original = branca.element.Element.__dict__["_generate_id"]
    branca.element.Element._generate_id = classmethod(lambda cls: f"{next(counter):032x}")
    try:
        yield
    finally:
        branca.element.Element._generate_id = original


def _data_uri(p: Path) -> str:
    return "data:image/png;base64," + base64.b64encode(p.read_bytes()).decode()


def _script(js: str) -> str:
    return "<script>" + js.replace("</script", "<\\/script") + "</script>"


def _assets() -> list[str]:
    css = (VENDOR / "leaflet.css").read_text(encoding="utf-8")
    for img in sorted((VENDOR / "images").glob("*.png")):
        css = css.replace(f"images/{img.name}", _data_uri(img))
    icon_fix = ("\nL.Icon.Default.imagePath='';L.Icon.Default.mergeOptions({iconUrl:'%s',"
                "iconRetinaUrl:'%s',shadowUrl:'%s'});" % (
                    _data_uri(VENDOR / "images" / "marker-icon.png"),
                    _data_uri(VENDOR / "images" / "marker-icon-2x.png"),
                    _data_uri(VENDOR / "images" / "marker-shadow.png")))
    return [
        f"<style>{css}</style>",
        "<style>" + (VENDOR / "MarkerCluster.css").read_text(encoding="utf-8")
        + (VENDOR / "MarkerCluster.Default.css").read_text(encoding="utf-8")
        + (DATA / "map.css").read_text(encoding="utf-8") + "</style>",
        _script((VENDOR / "leaflet.js").read_text(encoding="utf-8") + icon_fix),
        _script((VENDOR / "jquery.min.js").read_text(encoding="utf-8")),
        _script((VENDOR / "leaflet.markercluster.js").read_text(encoding="utf-8")),
        _script((DATA / "map.js").read_text(encoding="utf-8")),
    ]


class _Raw(branca.element.Element):
    """A fixed piece of HTML placed in the page as it is.

    Unlike ``branca.element.Element(text)``, the text is never compiled as a
    Jinja2 template: article text, outlet and file names that reach the page
    (inside the JSON data block) are data, and ``{{ … }}`` in them stays
    literal.  Nothing geomap puts in the page goes through a template compiler
    except the fixed templates written in this module.
    """

    def __init__(self, html_text: str):
        super().__init__()
        self._name = "Raw"
        self._html = html_text

    def render(self, **kwargs) -> str:
        return self._html


class OfflineMap(folium.Map):
    """A folium map that loads nothing from the network (assets are inlined)."""

    default_js: list = []
    default_css: list = []


_BIDI = {cp: f"[U+{cp:04X}]" for cp in (0x202A, 0x202B, 0x202C, 0x202D, 0x202E,
                                         0x2066, 0x2067, 0x2068, 0x2069)}


#: Above this many events the map keeps only the start of each quote (the full
#: text is in the GeoJSON/CSV) and draws plain canvas markers instead of clusters
#: (clustering 100k markers takes longer than drawing them), so that a 100k-event
#: map stays usable.
BIG_MAP = 5000
_QUOTE_CHARS_BIG = 160


#: Words for ACLED's time and geo precision codes, as the popup shows them.
TIME_PRECISION = {1: "the day is known", 2: "within about a week", 3: "the month, or less"}
GEO_PRECISION = {1: "the exact place", 2: "near it, part of it or its countryside",
                 3: "somewhere in a region or governorate"}


def type_words(layer: str) -> tuple[str, str]:
    """The layer's label and the ACLED type it codes: ACLED's "Other" sub-event type is never
    shown alone ("Offensives" — Strategic developments: Other)."""
    lay = LAYERS[layer]
    return lay.label, f"{lay.event_type}: {lay.sub_event_type}"


def _popup_fields(e: Event, r: dict, big: bool) -> list:
    """What a popup shows beyond the feature's own codes (*r* is the event's record), as plain
    strings, in the order map.js reads them: location, location_ar, admin1, admin2, actor1,
    actor2, sources ([outlet, date, title, url, file]), quotes, notes.  The words for the type
    and the precisions travel once, in the layer catalogue and ``precision_words``.  The page
    builds the popup with ``textContent``, so article text can never become markup."""
    quotes = e.quotes[:1] if big else e.quotes[:3]
    if big:
        quotes = [q if len(q) <= _QUOTE_CHARS_BIG else q[:_QUOTE_CHARS_BIG] + "…" for q in quotes]
    sources = [[_clean(x) for x in (s.outlet, s.date, s.title, s.url, s.file)] for s in e.sources]
    return [_clean(x) for x in (r["location"], r["location_ar"], r["admin1"], r["admin2"],
                                r["actor1"], r["actor2"])] + [
        sources, [_clean(q) for q in quotes], _clean("" if big else r["notes"])]


#: Radius (km) of the shaded area drawn around an event whose place is not exact and whose
#: geometry is only a point, by the kind of place it is located at; precision 2 ("near",
#: "part of") and 3 (a region, a sub-place missing from the gazetteer) set a floor.
UNCERTAINTY_KM = {"neighbourhood": 1.5, "landmark": 1.5, "camp": 2, "crossing": 2, "airbase": 3,
                  "military_site": 3, "dam": 3, "village": 3, "oilfield": 5, "town": 5, "city": 8,
                  "road": 10, "subdistrict": 12, "mountain": 12, "lake": 10, "river": 20,
                  "district": 25, "region": 30, "governorate": 45, "country": 45}
UNCERTAINTY_FLOOR_KM = {2: 4, 3: 10}


def uncertainty_km(e: Event) -> float:
    """0 for an exact place or a drawn shape; else the radius of the area the event may be in."""
    if e.geo_precision == 1 or e.geometry.geom_type != "Point":
        return 0
    kind = e.place.kind if e.place is not None else "region"
    return max(UNCERTAINTY_KM.get(kind, 5), UNCERTAINTY_FLOOR_KM.get(e.geo_precision, 4))


def _clean(x) -> str:
    """Text for the page's JSON: bidi embedding/override controls are shown as visible tags
    ("[U+202E]") so that they cannot reorder what the analyst reads."""
    return ("" if x is None else str(x)).translate(_BIDI)


def _arrowhead(line_coords: list[tuple[float, float]]) -> list[list[float]]:
    """A small triangle (lon/lat ring) at the end of an axis, pointing along it."""
    (lon0, lat0), (lon1, lat1) = line_coords[-2], line_coords[-1]
    y = math.sin(math.radians(lon1 - lon0)) * math.cos(math.radians(lat1))
    x = (math.cos(math.radians(lat0)) * math.sin(math.radians(lat1))
         - math.sin(math.radians(lat0)) * math.cos(math.radians(lat1)) * math.cos(math.radians(lon1 - lon0)))
    bearing = (math.degrees(math.atan2(y, x)) + 360) % 360
    pts = []
    for db, km in ((180 - 25, 6.0), (0, 0.0), (180 + 25, 6.0)):
        if km == 0:
            pts.append([lon1, lat1])
        else:
            d = geodesic(kilometers=km).destination((lat1, lon1), (bearing + db) % 360)
            pts.append([round(d.longitude, 5), round(d.latitude, 5)])
    return pts


def _feature(e: Event, r: dict, big: bool) -> dict:
    """The map's data of one event (*r* is its record)."""
    f = {"l": e.layer, "d": r["event_date"], "p": _popup_fields(e, r, big),
         "ll": [r["latitude"], r["longitude"]], "k": r["fatalities"],
         "tp": r["time_precision"], "gp": r["geo_precision"], "r": uncertainty_km(e)}
    shapes = []
    for kind, g in e.drawn_parts():
        if kind == "area":
            shapes.append({"type": "area", "g": mapping(g)})
        else:
            coords = [list(map(lambda v: round(v, 5), c)) for c in g.coords]
            shapes.append({"type": "axis", "c": coords, "h": _arrowhead(coords)})
    f["s"] = shapes
    return f


def map_feature_json(e: Event, record: dict, big: bool) -> str:
    """One event's feature of the map's data, as its JSON text in the page (*record* is the
    event's :meth:`~geomap.events.Event.to_record`; *big*: a map of more than
    :data:`BIG_MAP` events)."""
    return _js_json(_feature(e, record, big))


def _payload_json(rows, title: str) -> str:
    """The map's data (the features of *rows*, the layer catalogue, the basemap, the
    title) as JSON safe in a <script> element: what ``_js_json`` makes of the whole
    object, the features put in as they were serialised (:func:`map_feature_json`)."""
    big = len(rows) > BIG_MAP
    if any(r.big != big for r in rows):
        raise ValueError("map features made for a map of another size")
    n_src = len({f for r in rows for f in r.files})
    parts = {k: _js_json(v) for k, v in {
        "order": list(LAYERS), "cluster": not big,
        "layers": {k: {"color": lay.color, "label": lay.label, "acled": type_words(k)[1]}
                   for k, lay in LAYERS.items()},
        "precision_words": {"time": TIME_PRECISION, "geo": GEO_PRECISION},
        "basemap": basemap(),
        "title": _clean(f"{title}: {len(rows)} events from {n_src} articles")}.items()}
    parts["features"] = "[" + ",".join(r.map for r in rows) + "]"
    return "{" + ",".join(f"{_js_json(k)}:{parts[k]}" for k in sorted(parts)) + "}"


def basemap() -> dict:
    """The offline basemap (``geomap/data/basemap.json``, built by tools/build_basemap.py)
    and the Natural Earth outline of Syria and its neighbours."""
    data = json.loads((DATA / "basemap.json").read_text(encoding="utf-8"))
    data["outline"] = json.loads((DATA / "syria_region.geojson").read_text(encoding="utf-8"))
    return data


class _EventLayers(branca.element.MacroElement):
    """Calls the page code (``geomap/data/map.js``) on the folium map."""

    _template = branca.element.Template("""
{% macro script(this, kwargs) %}
geomapInit({{ this._parent.get_name() }});
{% endmacro %}
""")

    def __init__(self):
        super().__init__()
        self._name = "EventLayers"


def _js_json(obj) -> str:
    """JSON safe inside a <script> element."""
    s = json.dumps(obj, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    # no "<", ">" or "&" at all: nothing in the data can end or alter the <script> element
    return (s.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def render_map(events: Sequence[Event], title: str = "geomap") -> str:
    """The HTML of an offline map of *events* (deterministic); *events* may also be their
    :class:`~geomap.rows.EventRow`."""
    with _deterministic_ids():
        m = OfflineMap(location=[35.0, 38.5], zoom_start=7, tiles=None, control_scale=False,
                       prefer_canvas=True)
        m.options["max_zoom"] = 18      # MarkerCluster needs it when there is no tile layer
        root = m.get_root()
        for i, asset in enumerate(_assets()):
            root.header.add_child(_Raw(asset), name=f"geomap_asset_{i}", index=i)
        root.header.add_child(_Raw('<meta name="generator" content="geomap">'), name="geomap_meta")
        # the data travels as JSON in a non-executed <script type="application/json">
        # (parsed with JSON.parse: much faster than a 60 MB object literal)
        from .rows import as_rows  # noqa: PLC0415
        rows = as_rows(events)
        m.get_root().html.add_child(_Raw(
            '<script type="application/json" id="geomap-data">' + _payload_json(rows, title)
            + "</script>"), name="geomap_data")
        _EventLayers().add_to(m)
        if rows:
            lats, lons = [r.lat for r in rows], [r.lon for r in rows]
            pad = 0.3
            m.fit_bounds([[min(lats) - pad, min(lons) - pad], [max(lats) + pad, max(lons) + pad]])
        return m.get_root().render()


def write_map(events: Sequence[Event], path: str | Path, title: str = "geomap") -> None:
    """Write :func:`render_map` to *path* atomically."""
    html_text = render_map(events, title)
    with atomic_open(path) as fh:
        fh.write(html_text)
