/* geomap's map page: offline basemap, event layers, popups, legend, time filter and player.
 *
 * Everything here is fixed code; the data arrives as JSON (the <script type="application/json"
 * id="geomap-data"> element) and article text, outlet and file names only ever reach the page
 * as textContent, attribute values set through the DOM, or canvas text: never as markup.
 */
(function () {
  'use strict';

  // ---- helpers ------------------------------------------------------------------------------
  function el(tag, text, attrs, kids) {       // article text only ever goes in as textContent
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) { e.textContent = text; }
    if (attrs) { Object.keys(attrs).forEach(function (k) { e.setAttribute(k, attrs[k]); }); }
    (kids || []).forEach(function (c) { if (c) { e.appendChild(c); } });
    return e;
  }
  function bdi(text, rtl) {                   // isolated for the bidi algorithm
    var b = el('bdi', text);
    if (rtl) { b.setAttribute('dir', 'rtl'); b.setAttribute('lang', 'ar'); }
    return b;
  }
  var SAFE_URL = /^https?:\/\/[^\s]+$/i;
  function link(url, text) {                  // a link only for http(s) URLs, built with the DOM
    if (!url || !SAFE_URL.test(url)) { return null; }
    var a = el('a', text || url);
    a.href = url;
    a.rel = 'noopener noreferrer';
    a.target = '_blank';
    return a;
  }
  function radius(k) { return 5 + Math.min(11, Math.log(1 + (k || 0)) * 2.5); }
  function addDays(iso, n) {
    var d = new Date(iso + 'T00:00:00Z');
    d.setUTCDate(d.getUTCDate() + n);
    return d.toISOString().slice(0, 10);
  }

  window.geomapInit = function (map) {
    var timing = {start: performance.now()};
    var data = JSON.parse(document.getElementById('geomap-data').textContent);
    timing.parsed = performance.now();
    var base = data.basemap, layers = data.layers;
    var narrow = window.innerWidth < 1200 || window.innerHeight < 760;
    map.getContainer().classList.add('gm-map');

    // ---- basemap (vector, drawn on canvas; no tiles) ---------------------------------------
    map.createPane('gmLand').style.zIndex = 250;
    map.createPane('gmLabels').style.zIndex = 450;
    map.getPane('gmLabels').style.pointerEvents = 'none';
    var landR = L.canvas({pane: 'gmLand', padding: 0.3});
    var LAND = 0.55, LAND_TILES = 0.12;
    var land = L.geoJSON(base.outline, {renderer: landR, interactive: false, style: function (f) {
      return f.properties.name === 'Syria'
        ? {color: '#6b6b6b', weight: 1.6, fillColor: '#fbf1d9', fillOpacity: LAND}
        : {color: '#9a9a9a', weight: 0.8, fillColor: '#e6e6e6', fillOpacity: LAND}; }});
    function geoms(list) {
      return {type: 'FeatureCollection', features: list.map(function (r) {
        return {type: 'Feature', properties: r, geometry: r.g}; })};
    }
    var districts = L.geoJSON(geoms(base.districts), {renderer: landR, interactive: false,
      style: {color: '#9d8fb0', weight: 0.7, dashArray: '3 3', fill: false}});
    var governorates = L.geoJSON(geoms(base.governorates), {renderer: landR, interactive: false,
      style: {color: '#7a5c8f', weight: 1.6, fill: false, opacity: 0.8}});
    var water = L.layerGroup([
      L.geoJSON(geoms(base.lakes), {renderer: landR, interactive: false,
        style: {color: '#5b93c7', weight: 0.8, fillColor: '#a9cbe6', fillOpacity: 0.9}}),
      L.geoJSON(geoms(base.rivers), {renderer: landR, interactive: false,
        style: function (f) { return {color: '#5b93c7', weight: f.properties.n === 'Ceyhan' ? 1 : 2,
                                      opacity: 0.9}; }})]);
    var lines = L.geoJSON(geoms(base.lines), {renderer: landR, interactive: false,
      style: function (f) {
        var k = f.properties.k;
        return k === 'ceasefire' ? {color: '#b03a2e', weight: 1.8, dashArray: '7 4'}
             : k === 'undof' ? {color: '#8a8a8a', weight: 1, dashArray: '2 4'}
             : {color: '#555', weight: 1.4}; }});
    var boundaries = L.layerGroup([governorates, districts, lines]);
    land.addTo(map); water.addTo(map); boundaries.addTo(map);
    function zoomDistricts() {
      var on = map.hasLayer(boundaries) && map.getZoom() >= 8;
      if (on && !boundaries.hasLayer(districts)) { boundaries.addLayer(districts); }
      if (!on && boundaries.hasLayer(districts)) { boundaries.removeLayer(districts); }
    }
    var osm = L.tileLayer('https://tile.openstreetmap.org/{z}/{x}/{y}.png',
      {maxZoom: 18, attribution: '&copy; OpenStreetMap contributors'});
    map.attributionControl.setPrefix(false);
    map.attributionControl.setPosition('bottomleft');    // under the date controls, not beside them
    map.attributionControl.addAttribution('© Who\'s On First, GeoNames · Natural Earth');

    // ---- place labels (canvas, by zoom, collision-checked) ---------------------------------
    //   rank 0 governorate seats, 1 cities, 2 towns, 3 villages; governorate, district, river
    //   and line names as their own classes
    var RANK_MIN_ZOOM = [0, 7, 9, 11];
    var labels = [];
    base.labels.forEach(function (r) {
      labels.push({ll: [r[0], r[1]], rank: r[2], en: r[3], ar: r[4], z: RANK_MIN_ZOOM[r[2]], kind: 'place'});
    });
    base.governorates.forEach(function (r) {
      labels.push({ll: r.ll, rank: 0.5, en: r.n, ar: r.a, z: 6, zmax: 9, kind: 'governorate'}); });
    base.districts.forEach(function (r) {
      labels.push({ll: r.ll, rank: 2.5, en: r.n, ar: r.a, z: 9, zmax: 12, kind: 'district'}); });
    base.rivers.forEach(function (r) {     // a river's name along each of its stretches
      if (r.n === 'Ceyhan') { return; }
      (r.g.type === 'MultiLineString' ? r.g.coordinates : [r.g.coordinates]).forEach(function (c) {
        for (var i = Math.floor(c.length / 4); i < c.length; i += Math.max(8, Math.floor(c.length / 2))) {
          labels.push({ll: [c[i][1], c[i][0]], rank: 2.2, en: r.n, ar: r.a, z: 8, kind: 'water'});
        }
      }); });
    base.lines.forEach(function (r) {
      if (r.k !== 'ceasefire') { return; }
      var c = r.g.type === 'MultiLineString' ? r.g.coordinates[0] : r.g.coordinates;
      var mid = c[Math.floor(c.length / 2)];
      labels.push({ll: [mid[1], mid[0]], rank: 1.8, en: '1974 ceasefire line', ar: '', z: 9, kind: 'line'}); });
    labels.sort(function (a, b) { return a.rank - b.rank; });
    var STYLE = {
      place: ['bold 13px sans-serif', '12px sans-serif', '#222'],
      governorate: ['600 12px sans-serif', '11px sans-serif', '#7a5c8f'],
      district: ['italic 11px sans-serif', '10px sans-serif', '#8a7aa0'],
      water: ['italic 11px serif', '11px serif', '#2f6fa8'],
      line: ['italic 11px sans-serif', '10px sans-serif', '#b03a2e']};
    var labelCanvas = L.DomUtil.create('canvas', 'gm-labels', map.getPane('gmLabels'));
    var drawn = [], labelsOn = true;
    function drawLabels() {
      var size = map.getSize(), dpr = window.devicePixelRatio || 1, z = map.getZoom();
      labelCanvas.width = size.x * dpr; labelCanvas.height = size.y * dpr;
      labelCanvas.style.width = size.x + 'px'; labelCanvas.style.height = size.y + 'px';
      L.DomUtil.setPosition(labelCanvas, map.containerPointToLayerPoint([0, 0]));
      var ctx = labelCanvas.getContext('2d');
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      ctx.clearRect(0, 0, size.x, size.y);
      drawn = [];
      if (!labelsOn) { labelCanvas.setAttribute('data-drawn', '0'); return; }
      var boxes = [], bounds = map.getBounds().pad(0.05);
      function free(b) {
        for (var i = 0; i < boxes.length; i++) {
          var o = boxes[i];
          if (b[0] < o[2] && b[2] > o[0] && b[1] < o[3] && b[3] > o[1]) { return false; }
        }
        return true;
      }
      ctx.textBaseline = 'top';
      ctx.lineJoin = 'round';
      for (var i = 0; i < labels.length; i++) {
        var lb = labels[i];
        if (z < lb.z || (lb.zmax && z > lb.zmax) || !bounds.contains(lb.ll)) { continue; }
        var st = STYLE[lb.kind], p = map.latLngToContainerPoint(lb.ll);
        var big = lb.kind !== 'place' || lb.rank <= 1;
        var fEn = lb.kind === 'place' && !big ? (lb.rank === 2 ? 'bold 12px sans-serif' : '11px sans-serif') : st[0];
        var fAr = lb.kind === 'place' && !big ? '11px sans-serif' : st[1];
        ctx.font = fEn; var wEn = ctx.measureText(lb.en).width;
        ctx.font = fAr; var wAr = lb.ar ? ctx.measureText(lb.ar).width : 0;
        var w = Math.max(wEn, wAr), h = lb.ar ? 27 : 14, dot = lb.kind === 'place';
        // a place's label sits right of its dot; an area's name may move a little off its point
        var tries = dot ? [[0, 0]] : [[0, 0], [0, 26], [0, -26], [50, 0], [-50, 0]], box = null;
        for (var t = 0; t < tries.length && !box; t++) {
          p = map.latLngToContainerPoint(lb.ll).add(tries[t]);
          var x0 = dot ? p.x + 5 : p.x - w / 2, y0 = dot ? p.y - 7 : p.y - h / 2;
          box = [x0 - 2, y0 - 2, x0 + w + 2, y0 + h + 2];
          if (lb.rank > 0 && !free(box)) { box = null; }       // governorate seats are always drawn
        }
        if (!box) { continue; }
        if (lb.kind === 'water') {           // a river's name once in every 300 px or so
          var near = drawn.some(function (d) { return d.name === lb.en && Math.abs(d.x - p.x) + Math.abs(d.y - p.y) < 300; });
          if (near) { continue; }
        }
        boxes.push(dot ? [p.x - 4, p.y - 4, box[2], box[3]] : box);
        ctx.lineWidth = 3; ctx.strokeStyle = 'rgba(255,255,255,0.85)'; ctx.fillStyle = st[2];
        if (dot) {
          ctx.beginPath(); ctx.arc(p.x, p.y, lb.rank === 0 ? 3.5 : lb.rank === 3 ? 2 : 2.8, 0, 6.283);
          ctx.fillStyle = '#333'; ctx.fill(); ctx.fillStyle = st[2];
        }
        ctx.textAlign = dot ? 'left' : 'center';
        var xt = dot ? x0 : p.x;
        ctx.font = fEn; ctx.direction = 'ltr';
        ctx.strokeText(lb.en, xt, y0); ctx.fillText(lb.en, xt, y0);
        if (lb.ar) {
          ctx.font = fAr; ctx.direction = 'rtl';
          ctx.textAlign = dot ? 'right' : 'center';
          var xa = dot ? x0 + wAr : p.x;
          ctx.strokeText(lb.ar, xa, y0 + 14); ctx.fillText(lb.ar, xa, y0 + 14);
          ctx.direction = 'ltr';
        }
        drawn.push({name: lb.en, kind: lb.kind, rank: lb.rank, x: Math.round(p.x), y: Math.round(p.y)});
      }
      labelCanvas.setAttribute('data-drawn', String(drawn.length));
    }
    map.on('zoomstart', function () { labelCanvas.style.visibility = 'hidden'; });
    map.on('moveend zoomend resize viewreset', function () {
      labelCanvas.style.visibility = ''; zoomDistricts(); drawLabels(); });

    // ---- events -----------------------------------------------------------------------------
    var words = data.precision_words;
    function tip(f) { return (f.d || '?') + ' · ' + layers[f.l].label + ' · ' + f.p[0]; }
    function popup(f) {
      // f.p: [location, location_ar, admin1, admin2, actor1, actor2, sources, quotes, notes]
      var p = f.p;
      var d = el('div', null, {'class': 'gm-popup'});
      d.appendChild(el('div', null, {'class': 'gm-ptitle'}, [bdi(layers[f.l].label)]));
      d.appendChild(el('div', layers[f.l].acled, {'class': 'gm-ptype'}));
      var t = el('table', null, {'class': 'gm-fields'});
      function row(name, kids) { t.appendChild(el('tr', null, null, [el('th', name), el('td', null, null, kids)])); }
      row('Date', [bdi(f.d || 'unknown'), el('small', ' (' + words.time[f.tp] + ')')]);
      var place = [bdi(p[0])];
      if (p[1]) { place.push(document.createTextNode(' — ')); place.push(bdi(p[1], true)); }
      place.push(el('small', ' (' + words.geo[f.gp] + ')'));
      row('Place', place);
      if (p[2] || p[3]) { row('Admin', [bdi(p[2] + (p[3] ? ' / ' + p[3] : ''))]); }
      row('Actor 1', [bdi(p[4] || 'unknown')]);
      if (p[5]) { row('Actor 2', [bdi(p[5])]); }
      row('Fatalities', [bdi(f.k === null || f.k === undefined ? 'none reported' : String(f.k))]);
      d.appendChild(t);
      p[7].forEach(function (q) {
        d.appendChild(el('blockquote', null, {dir: 'rtl', lang: 'ar', 'class': 'gm-quote'}, [bdi(q, true)]));
      });
      var ul = el('ul', null, {'class': 'gm-sources'});
      p[6].forEach(function (s) {           // [outlet, date, title, url, file]
        var li = el('li');
        li.appendChild(bdi(s[0] || s[4]));
        if (s[1]) { li.appendChild(document.createTextNode(', ')); li.appendChild(bdi(s[1])); }
        if (s[2]) {
          li.appendChild(document.createTextNode(': '));
          li.appendChild(el('q', null, null, [bdi(s[2], /[\u0600-\u06ff]/.test(s[2]))]));
        }
        var a = link(s[3], s[3]);
        if (a) { li.appendChild(el('br')); li.appendChild(a); }
        else if (s[3]) { li.appendChild(el('br')); li.appendChild(bdi(s[3])); }
        if (s[0] && s[4]) { li.appendChild(el('small', ' [' + s[4] + ']')); }
        ul.appendChild(li);
      });
      d.appendChild(el('div', 'Sources', {'class': 'gm-h'}));
      d.appendChild(ul);
      if (p[8]) { d.appendChild(el('div', null, {'class': 'gm-notes'}, [el('small', 'Notes: ' + p[8])])); }
      return d;
    }
    function listPopup(its) {
      var d = el('div', null, {'class': 'gm-popup gm-list'});
      d.appendChild(el('div', its.length + ' events here', {'class': 'gm-ptitle'}));
      its.forEach(function (it, i) {
        var det = el('details', null, {'class': 'gm-item'});
        if (i === 0) { det.open = true; }
        var sw = el('i', null, {'class': 'gm-sw'}); sw.style.background = layers[it.f.l].color;
        det.appendChild(el('summary', null, null, [sw, bdi(tip(it.f))]));
        det.appendChild(popup(it.f));
        d.appendChild(det);
      });
      return d;
    }
    function popupWidth() { return Math.max(220, Math.min(380, window.innerWidth - 60)); }
    function openPopup(latlng, content) {
      L.popup({maxWidth: popupWidth(), maxHeight: Math.max(200, map.getSize().y - 140), autoPanPadding: [20, 20]})
        .setLatLng(latlng).setContent(content).openOn(map);
    }

    var on = {}, counts = {};
    data.order.forEach(function (k) { on[k] = true; counts[k] = 0; });
    var cluster = data.cluster ? L.markerClusterGroup({
      maxClusterRadius: 40, chunkedLoading: true, showCoverageOnHover: false,
      spiderfyOnMaxZoom: true, spiderfyDistanceMultiplier: 1.6,
      iconCreateFunction: function (c) {
        var n = {}, total = 0;
        c.getAllChildMarkers().forEach(function (m) { var l = m.gmItem.f.l; n[l] = (n[l] || 0) + 1; total++; });
        var stops = [], acc = 0, title = [];
        data.order.forEach(function (k) {
          if (!n[k]) { return; }
          var a = acc / total * 360; acc += n[k];
          stops.push(layers[k].color + ' ' + a.toFixed(1) + 'deg ' + (acc / total * 360).toFixed(1) + 'deg');
          title.push(n[k] + ' ' + layers[k].label);
        });
        var size = total < 10 ? 30 : total < 100 ? 36 : 42;
        var ring = el('div', null, {'class': 'gm-pie'});
        ring.style.background = 'conic-gradient(' + stops.join(',') + ')';
        ring.style.width = ring.style.height = size + 'px';
        ring.appendChild(el('span', String(total)));
        ring.title = title.join(', ');
        return L.divIcon({html: ring, className: 'gm-cluster', iconSize: [size, size]});
      }}) : L.featureGroup();
    var shapes = L.featureGroup();
    var items = [];
    var unc = {color: '#444', weight: 1, dashArray: '1 4', fillOpacity: 0.14};
    data.features.forEach(function (f) {
      var color = layers[f.l].color;
      counts[f.l] += 1;
      var exact = f.gp === 1;
      // bubblingMouseEvents: a click on a marker is not also a click on the map (which would
      // fold a fanned-out stack of markers back before the next one could be clicked)
      // (on big maps exact places have no outline: it halves the canvas work)
      var m = L.circleMarker(f.ll, {radius: radius(f.k), color: exact ? '#222' : '#fff', weight: exact ? 1 : 2,
                                    stroke: !(exact && !data.cluster), dashArray: exact ? null : '3 2',
                                    fillColor: color, fillOpacity: 0.9, bubblingMouseEvents: false});
      var it = {f: f, marker: m, shapes: [], shown: false};
      m.gmItem = it;
      if (data.cluster) { m.bindTooltip(function () { return bdi(tip(f)); }); }
      if (f.r) {       // an uncertain place: the area it may be anywhere in, shaded
        it.shapes.push(L.circle(f.ll, L.extend({radius: f.r * 1000, fillColor: color}, unc)));
      }
      f.s.forEach(function (s) {
        if (s.type === 'area') {
          it.shapes.push(L.geoJSON(s.g, {style: {color: color, weight: 1.5, fillColor: color,
                                                 fillOpacity: 0.15, dashArray: '5 4'}}));
        } else {
          var ll = s.c.map(function (c) { return [c[1], c[0]]; });
          var hd = s.h.map(function (c) { return [c[1], c[0]]; });
          it.shapes.push(L.polyline(ll, {color: color, weight: 4, opacity: 0.85}));
          it.shapes.push(L.polygon(hd, {color: color, weight: 1, fillColor: color, fillOpacity: 1}));
        }
      });
      it.shapes.forEach(function (s) { s.gmItem = it; if (s.eachLayer) { s.eachLayer(function (x) { x.gmItem = it; }); } });
      items.push(it);
    });

    timing.markers = performance.now();
    // which events are shown: layer switches and the date range (and the player)
    var range = {from: '', to: '', until: ''};
    function dateOk(d) {
      if (!d) { return true; }                         // undated events stay shown
      if (range.from && d < range.from) { return false; }
      if (range.to && d > range.to) { return false; }
      return !(range.until && d > range.until);
    }
    var shownCount = 0;
    function update() {
      var add = [], rm = [];
      shownCount = 0;
      items.forEach(function (it) {
        var want = on[it.f.l] && dateOk(it.f.d);
        if (want) { shownCount++; }
        if (want === it.shown) { return; }
        it.shown = want;
        (want ? add : rm).push(it.marker);
        it.shapes.forEach(function (s) { if (want) { shapes.addLayer(s); } else { shapes.removeLayer(s); } });
      });
      if (data.cluster) { if (rm.length) { cluster.removeLayers(rm); } if (add.length) { cluster.addLayers(add); } }
      else { rm.forEach(function (m) { cluster.removeLayer(m); }); add.forEach(function (m) { cluster.addLayer(m); }); }
      document.body.setAttribute('data-geomap-shown', String(shownCount));
      if (status) { status(); }
    }
    var status = null;
    shapes.addTo(map); cluster.addTo(map);

    // a click opens the event, or the list of every event drawn at that spot
    function markerClick(ev) {
      var it = ev.layer && ev.layer.gmItem;
      if (!it) { return; }
      var here = [it];
      if (ev.layer === it.marker) {
        var p0 = map.latLngToContainerPoint(it.marker.getLatLng());
        items.forEach(function (o) {
          if (o === it || !o.shown || !map.hasLayer(o.marker)) { return; }
          if (map.latLngToContainerPoint(o.marker.getLatLng()).distanceTo(p0) <= 4) { here.push(o); }
        });
      }
      openPopup(ev.latlng || it.marker.getLatLng(), here.length > 1 ? listPopup(here) : popup(it.f));
    }
    cluster.on('click', markerClick);
    shapes.on('click', markerClick);

    // ---- controls ---------------------------------------------------------------------------
    function collapsible(cls, title, startOpen) {
      var box = el('div', null, {'class': 'gm-box ' + cls});
      var btn = el('button', title, {'type': 'button', 'class': 'gm-toggle', 'aria-expanded': String(startOpen)});
      var body = el('div', null, {'class': 'gm-body'});
      box.appendChild(btn); box.appendChild(body);
      function set(open) {
        body.hidden = !open; btn.setAttribute('aria-expanded', String(open));
        box.classList.toggle('gm-open', open);
        setTimeout(fit, 0);
      }
      btn.addEventListener('click', function () { set(body.hidden); });
      set(startOpen);
      L.DomEvent.disableClickPropagation(box); L.DomEvent.disableScrollPropagation(box);
      return {box: box, body: body, set: set, btn: btn};
    }
    function check(label, checked, onchange, swatch) {
      var cb = el('input', null, {type: 'checkbox'}); cb.checked = checked;
      cb.addEventListener('change', function () { onchange(cb.checked); });
      var lab = el('label', null, {'class': 'gm-check'}, [cb, swatch || null, el('span', label)]);
      return lab;
    }

    // title (top left, above the zoom buttons)
    var titleC = L.control({position: 'topleft'});
    var titleBox = el('div', data.title, {'class': 'gm-box gm-title'});
    titleC.onAdd = function () { return titleBox; };
    map.removeControl(map.zoomControl);
    titleC.addTo(map);
    L.control.zoom({position: 'topleft'}).addTo(map);

    // layers and legend (top right, collapsible)
    var panelC = L.control({position: 'topright'});
    var panel;
    panelC.onAdd = function () {
      panel = collapsible('gm-panel', 'Layers & legend', !narrow);
      var b = panel.body;
      b.appendChild(el('div', 'Events', {'class': 'gm-h'}));
      data.order.forEach(function (k) {
        if (!counts[k]) { return; }
        var sw = el('i', null, {'class': 'gm-sw'}); sw.style.background = layers[k].color;
        b.appendChild(check(layers[k].label + ' (' + counts[k] + ')', true, function (v) { on[k] = v; update(); }, sw));
      });
      b.appendChild(el('div', 'Basemap', {'class': 'gm-h'}));
      b.appendChild(check('Boundaries (governorates, districts)', true, function (v) {
        if (v) { boundaries.addTo(map); } else { map.removeLayer(boundaries); } zoomDistricts(); }));
      b.appendChild(check('Place names', true, function (v) { labelsOn = v; drawLabels(); }));
      b.appendChild(check('Rivers and lakes', true, function (v) {
        if (v) { water.addTo(map); } else { map.removeLayer(water); } }));
      b.appendChild(check('OpenStreetMap tiles (online)', false, function (v) {
        if (v) { osm.addTo(map); } else { map.removeLayer(osm); }
        land.setStyle({fillOpacity: v ? LAND_TILES : LAND}); }));
      // legend
      b.appendChild(el('div', 'Legend', {'class': 'gm-h'}));
      var lg = el('div', null, {'class': 'gm-legend'});
      var sizes = el('div', null, {'class': 'gm-sizes'});
      [0, 5, 50, 500].forEach(function (k) {
        var r = radius(k), c = el('i', null, {'class': 'gm-dot'});
        c.style.width = c.style.height = (2 * r) + 'px';
        sizes.appendChild(el('span', null, null, [c, el('small', k ? String(k) : 'none / unknown')]));
      });
      lg.appendChild(el('div', 'Marker size: fatalities'));
      lg.appendChild(sizes);
      function sym(cls, text) { return el('div', null, {'class': 'gm-lrow'}, [el('i', null, {'class': 'gm-sym ' + cls}), el('span', text)]); }
      lg.appendChild(sym('gm-s-exact', data.cluster ? 'solid ring: the exact place'
                                                    : 'no ring: the exact place (a big map draws no outline)'));
      lg.appendChild(sym('gm-s-approx', 'dashed white ring + dotted shaded circle: an approximate place (near it, its countryside, a region); the marker is a representative point'));
      lg.appendChild(sym('gm-s-area', 'dashed area: a countryside sector or an offensive\'s objective'));
      lg.appendChild(sym('gm-s-axis', 'thick line with arrowhead: an axis of advance'));
      lg.appendChild(sym('gm-s-pie', 'cluster: number of events; the ring shows the mix of types'));
      lg.appendChild(sym('gm-s-gov', 'governorate boundary'));
      lg.appendChild(sym('gm-s-dist', 'district boundary (zoom in)'));
      lg.appendChild(sym('gm-s-cease', '1974 Golan ceasefire line (de facto line, Natural Earth)'));
      lg.appendChild(sym('gm-s-river', 'river, lake'));
      lg.appendChild(el('div', 'Labels: governorate seats, then cities, towns and villages as you zoom in.', {'class': 'gm-note'}));
      lg.appendChild(el('div', 'Credits: ' + base.credits.join('; ') + '.', {'class': 'gm-note'}));
      b.appendChild(lg);
      return panel.box;
    };
    panelC.addTo(map);

    // dates: range filter and player (bottom left, collapsible)
    var dates = data.features.map(function (f) { return f.d; }).filter(Boolean).sort();
    var first = dates[0] || '', last = dates[dates.length - 1] || '';
    var timeC = L.control({position: 'bottomleft'});
    var time, from, to, msg, playBtn, dayOut, timer = null;
    timeC.onAdd = function () {
      time = collapsible('gm-time', 'Dates & play', !narrow);
      var b = time.body;
      from = el('input', null, {type: 'date', id: 'gm-from', 'aria-label': 'from'});
      to = el('input', null, {type: 'date', id: 'gm-to', 'aria-label': 'to'});
      if (first) { from.value = from.min = to.min = first; to.value = from.max = to.max = last; }
      b.appendChild(el('div', null, {'class': 'gm-range'}, [el('span', 'from '), from, el('span', ' to '), to]));
      playBtn = el('button', '▶ Play', {type: 'button', id: 'gm-play', 'class': 'gm-btn'});
      dayOut = el('output', '', {id: 'gm-day', 'class': 'gm-day'});
      b.appendChild(el('div', null, {'class': 'gm-playrow'}, [playBtn, dayOut]));
      msg = el('div', '', {id: 'gm-msg', 'class': 'gm-msg', role: 'status', 'aria-live': 'polite'});
      b.appendChild(msg);
      if (!first) { playBtn.disabled = true; }
      return time.box;
    };
    timeC.addTo(map);
    L.control.scale({position: 'bottomleft', imperial: false}).addTo(map);

    var msgErr = '';
    status = function () {
      if (!msg) { return; }
      msg.classList.toggle('gm-error', !!msgErr);
      msg.textContent = msgErr || (shownCount + ' of ' + items.length + ' events shown' +
        (first ? '; events run from ' + first + ' to ' + last : '') + '; undated events stay shown');
    };
    function applyRange() {
      var a = from.value, z = to.value;
      from.removeAttribute('aria-invalid'); to.removeAttribute('aria-invalid');
      msgErr = '';
      if (from.validity && from.validity.badInput || to.validity && to.validity.badInput) {
        msgErr = 'Not a date: type a day as YYYY-MM-DD.';
      } else if (a && z && a > z) {
        msgErr = '“From” (' + a + ') is after “to” (' + z + '): no day is in that range. ' +
                 'The map is unchanged; swap the dates.';
        from.setAttribute('aria-invalid', 'true'); to.setAttribute('aria-invalid', 'true');
      }
      if (msgErr) { status(); return false; }
      range.from = a; range.to = z;
      update();
      if (first && ((a && a > last) || (z && z < first))) {
        msgErr = 'No event in this range: events run from ' + first + ' to ' + last + '.';
        status();
      }
      return true;
    }
    from.addEventListener('change', applyRange); to.addEventListener('change', applyRange);

    function stopPlay() {
      if (timer) { clearInterval(timer); timer = null; }
      playBtn.textContent = '▶ Play';
    }
    function step() {      // one day on: the events up to that day are shown
      var start = range.from || first, end = range.to || last;
      var day = range.until ? addDays(range.until, 1) : start;
      if (day > end) { range.until = ''; stopPlay(); update(); dayOut.textContent = ''; return false; }
      range.until = day;
      update();
      var today = items.filter(function (it) { return it.f.d === day && on[it.f.l]; }).length;
      dayOut.textContent = day + ' · ' + today + ' new';
      if (day === end) { stopPlay(); }
      return true;
    }
    playBtn.addEventListener('click', function () {
      if (timer) { stopPlay(); return; }
      if (!applyRange()) { return; }
      if (!range.until || range.until >= (range.to || last)) { range.until = ''; }
      playBtn.textContent = '❚❚ Pause';
      if (step()) { timer = setInterval(step, 700); }
    });

    // keep the panel above the bottom controls, whatever the window size
    function fit() {
      // keep the open panel clear of the other controls, whatever the window size: below the
      // title and zoom buttons when it would reach them, above the bottom-left controls
      if (!panel || !time) { return; }
      var c = map.getContainer().getBoundingClientRect();
      var tl = titleBox.parentNode.getBoundingClientRect(), stack = time.box.parentNode.getBoundingClientRect();
      panel.box.style.marginTop = '';
      var pr = panel.box.getBoundingClientRect();
      var w = Math.min(290, window.innerWidth - 40);
      if (!panel.body.hidden && c.right - 10 - w < tl.right + 10) {
        panel.box.style.marginTop = (tl.bottom - c.top) + 'px';
        pr = panel.box.getBoundingClientRect();
      }
      var below = pr.left < stack.right + 10 ? c.bottom - stack.top : 30;
      panel.body.style.maxHeight = Math.max(80, c.bottom - pr.top - below - 50) + 'px';
    }
    map.on('resize', fit);

    timing.controls = performance.now();
    update();
    timing.shown = performance.now();
    drawLabels();
    timing.labels = performance.now();
    fit();
    // where the time goes (ms since navigation start), for bench/
    document.body.setAttribute('data-geomap-timing', Object.keys(timing).map(function (k) {
      return k + '=' + Math.round(timing[k]); }).join(' '));

    // ---- hooks for automated checks ---------------------------------------------------------
    window.geomap = {map: map, items: items, update: update, popup: popup, labels: function () { return drawn.slice(); },
                     step: step, applyRange: applyRange, cluster: cluster, panel: function () { return panel; },
                     time: function () { return time; }, layersOn: on};
    document.body.setAttribute('data-geomap-events', String(data.features.length));
    document.body.setAttribute('data-geomap-items', String(items.length));
    document.body.setAttribute('data-geomap-leaflet', L.version);
    // milliseconds from navigation start until the layers are drawn (read by bench/)
    requestAnimationFrame(function () { requestAnimationFrame(function () {
      document.body.setAttribute('data-geomap-drawn-ms', String(Math.round(performance.now()))); }); });
    if (location.hash === '#geomap-click-first' && items.length) {
      setTimeout(function () {     // simulate a click on the first marker (tests: the popup must open)
        openPopup(items[0].f.ll, popup(items[0].f));
        document.body.setAttribute('data-geomap-clicked', '1');
      }, 300);
    }
    if (location.hash === '#geomap-open-all') {
      setTimeout(function () {     // every popup at once (tests: article text stays inert)
        items.forEach(function (it) {
          L.popup({autoClose: false, closeOnClick: false, autoPan: false})
            .setLatLng(it.f.ll).setContent(popup(it.f)).addTo(map); });
        document.body.setAttribute('data-geomap-opened', String(items.length));
      }, 300);
    }
  };
})();
