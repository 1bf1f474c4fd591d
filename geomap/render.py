"""Render events as a self-contained, offline folium map (one HTML file).

Leaflet, jQuery and Leaflet.markercluster are inlined from
``geomap/data/vendor`` (see its LICENSES.md); a Syria-and-neighbours outline
(Natural Earth) is the base layer, so the map is readable without tiles;
OpenStreetMap tiles are an optional, unchecked layer.  Each event layer
(offensives, air strikes, shelling, clashes, bombings, territory, truces,
displacement) can be switched on and off; points are clustered; popups show
date, type, actors, fatalities, the Arabic quote (right-to-left) and its
sources, built in the page with ``textContent`` (article text never becomes
markup); a date filter hides events outside a range.
"""

from __future__ import annotations

import base64
import html
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
        + (VENDOR / "MarkerCluster.Default.css").read_text(encoding="utf-8") + _CSS + "</style>",
        _script((VENDOR / "leaflet.js").read_text(encoding="utf-8") + icon_fix),
        _script((VENDOR / "jquery.min.js").read_text(encoding="utf-8")),
        _script((VENDOR / "leaflet.markercluster.js").read_text(encoding="utf-8")),
    ]


_CSS = """
.gm-popup{font:13px/1.4 sans-serif;max-width:360px}
.gm-popup blockquote{margin:6px 0;padding:4px 8px;border-right:3px solid #999;background:#f6f6f6;
 font-size:14px;unicode-bidi:isolate}
.gm-legend,.gm-filter,.gm-title{background:#fff;padding:6px 9px;border-radius:4px;
 box-shadow:0 1px 4px rgba(0,0,0,.3);font:12px/1.5 sans-serif}
.gm-legend i{display:inline-block;width:11px;height:11px;border-radius:6px;margin-right:5px;
 vertical-align:middle;border:1px solid #333}
.gm-title{font-size:14px;font-weight:bold}
"""


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


def _esc(x) -> str:
    """HTML-escape article text; bidi embedding/override controls are shown as visible
    tags ("[U+202E]") so that they cannot reorder what the analyst reads."""
    return html.escape("" if x is None else str(x), quote=True).translate(_BIDI)


#: Above this many events the map keeps only the start of each quote (the full
#: text is in the GeoJSON/CSV) and draws plain canvas markers instead of clusters
#: (clustering 100k markers takes longer than drawing them), so that a 100k-event
#: map stays usable.
BIG_MAP = 5000
_QUOTE_CHARS_BIG = 160


def _popup_fields(e: Event, r: dict, big: bool) -> list:
    """What a popup shows (*r* is the event's record), as plain strings; the page builds the
    popup with ``textContent``, so article text can never become markup."""
    tp = {1: "day", 2: "week", 3: "month or worse"}[r["time_precision"]]
    gp = {1: "exact place", 2: "near / part of a place", 3: "region"}[r["geo_precision"]]
    quotes = e.quotes[:1] if big else e.quotes[:3]
    if big:
        quotes = [q if len(q) <= _QUOTE_CHARS_BIG else q[:_QUOTE_CHARS_BIG] + "…" for q in quotes]
    sources = "; ".join(s.file + (f" ({s.outlet})" if s.outlet else "") for s in e.sources)
    return [_clean(x) for x in (
        r["sub_event_type"], r["event_type"], r["event_date"] or "unknown", tp, r["location"],
        r["location_ar"], gp, r["actor1"] + (f" vs {r['actor2']}" if r["actor2"] else ""),
        "unknown" if r["fatalities"] is None else str(r["fatalities"]), sources,
        "" if big else r["notes"])] + [[_clean(q) for q in quotes]]


def _clean(x) -> str:
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


def _payload(events: Sequence[Event], records: Sequence[dict]) -> dict:
    big = len(events) > BIG_MAP
    feats = []
    for e, r in zip(events, records):
        f = {"l": e.layer, "d": r["event_date"], "p": _popup_fields(e, r, big),
             "t": _clean(f"{r['event_date'] or '?'} · {r['sub_event_type']} · {r['location']}"),
             "ll": [r["latitude"], r["longitude"]], "k": r["fatalities"] or 0}
        g = e.geometry
        shapes = []
        if g.geom_type in ("Polygon", "MultiPolygon"):
            shapes.append({"type": "area", "g": mapping(g)})
        elif g.geom_type == "MultiLineString":
            for line in g.geoms:
                coords = [list(map(lambda v: round(v, 5), c)) for c in line.coords]
                shapes.append({"type": "axis", "c": coords, "h": _arrowhead(coords)})
        for a in e.areas:
            shapes.append({"type": "area", "g": mapping(a)})
        f["s"] = shapes
        feats.append(f)
    return {"features": feats, "order": list(LAYERS), "cluster": not big,
            "layers": {k: {"color": lay.color, "label": lay.label} for k, lay in LAYERS.items()}}


class _EventLayers(branca.element.MacroElement):
    _template = branca.element.Template("""
{% macro script(this, kwargs) %}
(function () {
  var map = {{ this._parent.get_name() }};
  var data = JSON.parse(document.getElementById('geomap-data').textContent);
  var base = data.basemap;
  var outline = L.geoJSON(base, {style: function (f) {
      return f.properties.name === 'Syria'
        ? {color: '#555', weight: 1.5, fillColor: '#fdf6e3', fillOpacity: 1}
        : {color: '#999', weight: 0.8, fillColor: '#e8e8e8', fillOpacity: 1}; },
    interactive: false}).addTo(map);
  var osm = L.tileLayer('https://tile.openstreetmap.org/{z}/{x}/{y}.png',
    {maxZoom: 18, attribution: '&copy; OpenStreetMap contributors'});
  var groups = {}, clusters = {}, shapes = {}, items = [];
  function el(tag, text, attrs) {      // article text only ever goes in as textContent
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) { e.textContent = text; }
    if (attrs) { Object.keys(attrs).forEach(function (k) { e.setAttribute(k, attrs[k]); }); }
    return e;
  }
  function popup(p) {
    var d = el('div', null, {'class': 'gm-popup'});
    d.appendChild(el('b', p[0])); d.appendChild(el('span', ' (' + p[1] + ')'));
    d.appendChild(el('br'));
    d.appendChild(el('span', 'Date: ' + p[2] + ' ')); d.appendChild(el('small', '(precision: ' + p[3] + ')'));
    d.appendChild(el('br'));
    d.appendChild(el('span', 'Place: ' + p[4] + ' — '));
    d.appendChild(el('span', p[5], {dir: 'rtl', lang: 'ar'}));
    d.appendChild(el('small', ' (' + p[6] + ')'));
    d.appendChild(el('br')); d.appendChild(el('span', 'Actors: ' + p[7]));
    d.appendChild(el('br')); d.appendChild(el('span', 'Fatalities: ' + p[8]));
    p[11].forEach(function (q) { d.appendChild(el('blockquote', q, {dir: 'rtl', lang: 'ar'})); });
    d.appendChild(el('small', 'Source: ' + p[9]));
    if (p[10]) { d.appendChild(el('br')); d.appendChild(el('small', 'Notes: ' + p[10])); }
    return d;
  }
  data.order.forEach(function (k) {
    clusters[k] = L.markerClusterGroup({maxClusterRadius: 40, chunkedLoading: true,
      iconCreateFunction: function (c) {
        return L.divIcon({html: '<div style="background:' + data.layers[k].color +
          ';color:#fff;border-radius:14px;width:28px;height:28px;line-height:28px;text-align:center;' +
          'font:bold 12px sans-serif;opacity:.85">' + c.getChildCount() + '</div>',
          className: 'gm-cluster', iconSize: [28, 28]}); }});
    if (!data.cluster) { clusters[k] = L.featureGroup(); }   // big maps: plain canvas markers
    shapes[k] = L.featureGroup();
    groups[k] = L.layerGroup([shapes[k], clusters[k]]);
  });
  data.features.forEach(function (f) {
    var color = data.layers[f.l].color;
    var r = 6 + Math.min(10, Math.log(1 + f.k) * 2.5);
    var m = L.circleMarker(f.ll, {radius: r, color: '#222', weight: 1, fillColor: color,
                                  fillOpacity: 0.9});
    m.gmFeature = f;
    if (data.cluster) {     // small maps: tooltips too; big maps: popups on click only
      m.bindTooltip(function () { return el('span', f.t); });
    }
    items.push({layer: m, group: clusters[f.l], d: f.d, p: f.p, ll: f.ll});
    f.s.forEach(function (s) {
      var lay;
      if (s.type === 'area') {
        lay = L.geoJSON(s.g, {style: {color: color, weight: 1.5, fillColor: color, fillOpacity: 0.15,
                                      dashArray: '4 3'}});
      } else {
        var ll = s.c.map(function (c) { return [c[1], c[0]]; });
        var hd = s.h.map(function (c) { return [c[1], c[0]]; });
        lay = L.featureGroup([L.polyline(ll, {color: color, weight: 4, opacity: 0.85}),
                              L.polygon(hd, {color: color, weight: 1, fillColor: color, fillOpacity: 1})]);
      }
      lay.eachLayer(function (x) { x.gmFeature = f; });
      if (lay.feature === undefined) { lay.gmFeature = f; }
      items.push({layer: lay, group: shapes[f.l], d: f.d, p: f.p, ll: f.ll});
    });
  });
  items.forEach(function (it) { it.group.addLayer(it.layer); });
  // one click handler per layer instead of one popup per feature
  function onClick(ev) {
    var t = ev.layer || ev.propagatedFrom || ev.target, f = t && (t.gmFeature || (t.feature && t.feature.gm));
    var x = t;
    while (!f && x && x._eventParents) { x = Object.values(x._eventParents)[0]; f = x && x.gmFeature; }
    if (f) { L.popup({maxWidth: 380}).setLatLng(ev.latlng).setContent(popup(f.p)).openOn(map); }
  }
  Object.keys(groups).forEach(function (k) { clusters[k].on('click', onClick); shapes[k].on('click', onClick); });
  var overlays = {};
  data.order.forEach(function (k) {
    var n = data.features.filter(function (f) { return f.l === k; }).length;
    if (n === 0) { return; }
    var label = '<i style="display:inline-block;width:10px;height:10px;border-radius:5px;background:' +
      data.layers[k].color + '"></i> ' + data.layers[k].label + ' (' + n + ')';
    overlays[label] = groups[k];
    groups[k].addTo(map);
  });
  overlays['OpenStreetMap tiles (online)'] = osm;
  L.control.layers({}, overlays, {collapsed: false}).addTo(map);
  var legend = L.control({position: 'bottomright'});
  legend.onAdd = function () {
    var div = L.DomUtil.create('div', 'gm-legend');
    var rows = ['<b>Event types</b>'];
    data.order.forEach(function (k) {
      rows.push('<i style="background:' + data.layers[k].color + '"></i>' + data.layers[k].label); });
    rows.push('<small>lines: axes of advance; dashed areas: countryside, objective areas</small>');
    div.innerHTML = rows.join('<br>');
    return div; };
  legend.addTo(map);
  var dates = data.features.map(function (f) { return f.d; }).filter(Boolean).sort();
  var filter = L.control({position: 'topleft'});
  filter.onAdd = function () {
    var div = L.DomUtil.create('div', 'gm-filter');
    div.innerHTML = '<b>Dates</b><br>from <input type="date" id="gm-from"> to <input type="date" id="gm-to">' +
                    '<br><small>undated events stay shown</small>';
    L.DomEvent.disableClickPropagation(div);
    return div; };
  filter.addTo(map);
  var from = document.getElementById('gm-from'), to = document.getElementById('gm-to');
  if (dates.length) { from.value = from.min = to.min = dates[0];
                      to.value = from.max = to.max = dates[dates.length - 1]; }
  function apply() {
    items.forEach(function (it) {
      var keep = !it.d || ((!from.value || it.d >= from.value) && (!to.value || it.d <= to.value));
      if (keep && !it.group.hasLayer(it.layer)) { it.group.addLayer(it.layer); }
      if (!keep && it.group.hasLayer(it.layer)) { it.group.removeLayer(it.layer); }
    });
  }
  from.addEventListener('change', apply); to.addEventListener('change', apply);
  window.geomap = {map: map, items: items, groups: groups, apply: apply};
  // state for automated checks (read from the DOM by headless browsers)
  document.body.setAttribute('data-geomap-events', String(data.features.length));
  document.body.setAttribute('data-geomap-items', String(items.length));
  document.body.setAttribute('data-geomap-leaflet', L.version);
  // milliseconds from navigation start until the layers are drawn (read by bench/)
  requestAnimationFrame(function () { requestAnimationFrame(function () {
    document.body.setAttribute('data-geomap-drawn-ms', String(Math.round(performance.now()))); }); });
  if (location.hash === '#geomap-click-first' && items.length) {
    // simulate a click on the first marker (tests: the popup must open)
    setTimeout(function () {
      var it = items[0];
      map.addLayer(it.group);
      it.layer.fire('click', {latlng: L.latLng(it.ll)}, true);
      document.body.setAttribute('data-geomap-clicked', '1');
    }, 300);
  }
  if (location.hash === '#geomap-open-all') {
    // open every popup at once (used by tests to check that article text stays inert)
    setTimeout(function () {
      items.forEach(function (it) {
        L.popup({autoClose: false, closeOnClick: false, autoPan: false})
          .setLatLng(it.ll).setContent(popup(it.p)).addTo(map); });
      document.body.setAttribute('data-geomap-opened', String(items.length));
    }, 300);
  }
})();
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
    """The HTML of an offline map of *events* (deterministic)."""
    basemap = json.loads((DATA / "syria_region.geojson").read_text(encoding="utf-8"))
    with _deterministic_ids():
        m = OfflineMap(location=[35.0, 38.5], zoom_start=7, tiles=None, control_scale=True,
                       prefer_canvas=True)
        m.options["max_zoom"] = 18      # MarkerCluster needs it when there is no tile layer
        root = m.get_root()
        for i, asset in enumerate(_assets()):
            root.header.add_child(_Raw(asset), name=f"geomap_asset_{i}", index=i)
        root.header.add_child(_Raw('<meta name="generator" content="geomap">'), name="geomap_meta")
        # the data travels as JSON in a non-executed <script type="application/json">
        # (parsed with JSON.parse: much faster than a 60 MB object literal)
        records = [e.to_record() for e in events]      # once per event
        payload = _payload(events, records)
        payload["basemap"] = basemap
        m.get_root().html.add_child(_Raw(
            '<script type="application/json" id="geomap-data">' + _js_json(payload)
            + "</script>"), name="geomap_data")
        _EventLayers().add_to(m)
        n_src = len({s.file for e in events for s in e.sources})
        title_html = (f'<div class="gm-title" style="position:absolute;top:10px;left:60px;'
                      f'z-index:1000">{_esc(title)}: {len(events)} events from {n_src} articles</div>')
        m.get_root().html.add_child(_Raw(title_html), name="geomap_title")
        pts = [(r["latitude"], r["longitude"]) for r in records]
        if pts:
            lats, lons = [p[0] for p in pts], [p[1] for p in pts]
            pad = 0.3
            m.fit_bounds([[min(lats) - pad, min(lons) - pad], [max(lats) + pad, max(lons) + pad]])
        return m.get_root().render()


def write_map(events: Sequence[Event], path: str | Path, title: str = "geomap") -> None:
    """Write :func:`render_map` to *path* atomically."""
    html_text = render_map(events, title)
    with atomic_open(path) as fh:
        fh.write(html_text)
