"""The map an analyst reads (issue 15): offline basemap and labels, every event reachable,
controls that fit a laptop and a phone, popups, legend colours, the date filter and player.

Browser tests drive the apt Chromium through Playwright with the network cut three ways: a
proxy to a closed port, host resolution disabled, and every request that is not file:, data:
or blob: aborted and recorded (the page must make none).
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from shapely.geometry import Point

import geomap
from geomap import render
from geomap.events.model import LAYERS, Event, Source

ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = ROOT.parent / "shared" / "data"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")

try:
    from playwright.sync_api import sync_playwright
except ImportError:        # pragma: no cover - playwright is in the test extras
    sync_playwright = None

needs_browser = pytest.mark.skipif(
    CHROMIUM is None or sync_playwright is None,
    reason="Chromium (Debian chromium) or Playwright is missing: scripts/test installs both")

RAQQA_STACK = ("air_strike", "shelling", "territory_gov", "displacement")


def _event(name: str, layer: str, day: int | None, *, fatalities=None, geo_precision=1,
           sources=None, quote="قصفت الطائرات المدينة صباح اليوم", actor2="") -> Event:
    place = geomap.geocode(name)
    return Event(
        event_date=dt.date(2019, 3, day) if day else None, time_precision=1 if day else 3,
        layer=layer, actor1="Military Forces of Syria (2000-)", actor2=actor2,
        fatalities=fatalities, place=place, location=place.name_en, location_ar=place.name_ar,
        admin1=place.admin1, geometry=Point(place.lon, place.lat), geo_precision=geo_precision,
        sources=sources or [Source(f"{name}-{layer}.txt", "Test Outlet", "2019-03-02")],
        quotes=[quote])


def _events() -> list[Event]:
    """Four events of different layers on the exact Raqqa point, and events far from it on
    other days, across the country (so the initial view is the whole of Syria)."""
    ev = [_event("الرقة", lay, 3 + i, fatalities=i * 4) for i, lay in enumerate(RAQQA_STACK)]
    ev[0].sources = [Source("raqqa-a.txt", "Outlet One", "2019-03-03", "غارات على الرقة",
                            "https://example.org/news/1?a=1&b=2"),
                     Source("raqqa-b.txt", "Outlet Two", "2019-03-04", "Strikes on Raqqa",
                            "javascript:alert(1)")]
    ev[1].location = "Raqqa countryside (north)"
    ev[1].geo_precision = 2
    ev += [_event("حلب", "clash", 1), _event("دمشق", "bombing", 2, fatalities=30),
           _event("درعا", "agreement", 5), _event("الحسكة", "offensive", 8),
           _event("حمص", "suicide_bombing", 9, fatalities=12), _event("إدلب", "abduction", None)]
    return ev


@pytest.fixture(scope="module")
def maps(tmp_path_factory):
    d = tmp_path_factory.mktemp("maps")
    render.write_map(_events(), d / "map.html", title="test")
    big = render.BIG_MAP
    try:                 # the same events as a "big" map: plain canvas markers, no clusters
        render.BIG_MAP = 3
        render.write_map(_events(), d / "big.html", title="test")
    finally:
        render.BIG_MAP = big
    return d


@pytest.fixture(scope="module")
def browser():
    if CHROMIUM is None or sync_playwright is None:
        pytest.skip("Chromium or Playwright is missing")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--proxy-server=127.0.0.1:9", "--host-resolver-rules=MAP * ~NOTFOUND"])
        yield b
        b.close()


class Page:
    """A page opened with the network cut; ``remote`` lists every request that tried to leave."""

    def __init__(self, browser, url: str, width=1024, height=640):
        self.remote: list[str] = []
        self.errors: list[str] = []
        self.page = browser.new_page(viewport={"width": width, "height": height})
        self.page.route("**/*", self._route)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.goto(url)
        self.page.wait_for_function("document.body.hasAttribute('data-geomap-drawn-ms')")
        self.page.wait_for_timeout(300)

    def _route(self, route):
        url = route.request.url
        if url.startswith(("file:", "data:", "blob:")):
            route.continue_()
        else:
            self.remote.append(url)
            route.abort()

    def js(self, expr, arg=None):
        return self.page.evaluate(expr, arg)

    def close(self):
        assert not self.errors, self.errors
        assert not self.remote, f"requests left the page: {self.remote}"
        self.page.close()


@pytest.fixture
def open_page(browser):
    pages = []

    def opener(path: Path, **kw) -> Page:
        pg = Page(browser, path.as_uri(), **kw)
        pages.append(pg)
        return pg
    yield opener
    for pg in pages:
        pg.close()


SEATS = {"Aleppo", "Damascus", "Homs", "Hamah", "Idlib", "Latakia", "Tartus", "Raqqa",
         "Deir ez-Zor", "al-Hasakah", "Dar'a", "As-Suwayda", "Quneitra"}


# ----- basemap ----------------------------------------------------------------------------

@needs_browser
def test_capital_labels_at_initial_view_and_villages_when_zoomed(maps, open_page):
    pg = open_page(maps / "map.html")
    drawn = pg.js("geomap.labels()")
    seats = {d["name"] for d in drawn if d["kind"] == "place" and d["rank"] == 0}
    in_view = set(pg.js("""(names) => { var b = geomap.map.getBounds();
        return JSON.parse(document.getElementById('geomap-data').textContent).basemap.labels
          .filter(function (r) { return r[2] === 0 && b.contains([r[0], r[1]]); })
          .map(function (r) { return r[3]; }); }"""))
    assert len(in_view) >= 10, in_view            # the view is the country
    assert seats == in_view and seats <= SEATS
    assert not [d for d in drawn if d["rank"] == 3], "no village label at country zoom"
    assert any(d["kind"] == "governorate" for d in drawn)
    # zoomed on Aleppo: villages appear, and labels never overlap each other
    pg.js("void geomap.map.setView([36.2, 37.16], 12, {animate: false})")
    pg.page.wait_for_timeout(300)
    drawn = pg.js("geomap.labels()")
    villages = [d["name"] for d in drawn if d["rank"] == 3]
    assert len(villages) >= 10, drawn
    assert "Aleppo" in {d["name"] for d in drawn}


@needs_browser
def test_land_lets_optional_tiles_show_through(maps, open_page):
    pg = open_page(maps / "map.html", width=1400, height=900)
    pg.page.click(".gm-panel .gm-toggle") if pg.js(
        "geomap.panel().body.hidden") else None
    opacity = pg.js("""() => { var o = []; geomap.map.eachLayer(function (l) {
        if (l.options && l.options.fillOpacity !== undefined && l.feature &&
            l.feature.properties.name === 'Syria') { o.push(l.options.fillOpacity); } }); return o; }""")
    assert opacity and max(opacity) < 0.7
    pg.page.get_by_text("OpenStreetMap tiles (online)").click()
    pg.page.wait_for_timeout(300)
    assert pg.remote, "the tiles were asked for (and blocked): the layer is on"
    pg.remote.clear()        # the user turned tiles on; nothing else may leave the page
    opacity = pg.js("""() => { var o = []; geomap.map.eachLayer(function (l) {
        if (l.feature && l.feature.properties.name === 'Syria') { o.push(l.options.fillOpacity); } });
        return o; }""")
    assert max(opacity) <= 0.15


# ----- every event reachable --------------------------------------------------------------

def _popup_titles(pg: Page) -> list[str]:
    """Titles in the open popup (a closed one fades out for 200 ms before it leaves the DOM)."""
    pg.page.wait_for_timeout(250)
    return pg.js("Array.from(document.querySelectorAll('.leaflet-popup-content .gm-ptitle'))"
                 ".map(function (e) { return e.textContent; })")


@needs_browser
def test_every_event_at_one_point_can_be_opened(maps, open_page):
    pg = open_page(maps / "map.html")
    raqqa = geomap.geocode("الرقة")
    pt = pg.js("(ll) => { var p = geomap.map.latLngToContainerPoint(ll); return [p.x, p.y]; }",
               [raqqa.lat, raqqa.lon])
    box = pg.page.locator(".leaflet-container").bounding_box()
    # the cluster at Raqqa shows its mix of types (a ring segment per layer)
    pie = pg.page.locator(".gm-pie").filter(has_text="4")
    assert pie.count() == 1
    ring = pie.first.get_attribute("title")
    for k in RAQQA_STACK:
        assert LAYERS[k].label in ring
    assert pie.first.evaluate("e => e.style.background").count("deg") >= 8
    pg.page.mouse.click(box["x"] + pt[0], box["y"] + pt[1])       # spiderfy
    pg.page.wait_for_timeout(700)
    stacked = """() => geomap.items.filter(function (it) { return geomap.map.hasLayer(it.marker)
        && it.f.ll[0] > 35.9 && it.f.ll[0] < 36 && it.f.ll[1] > 38.9 && it.f.ll[1] < 39.1; })
        .map(function (it) { var p = geomap.map.latLngToContainerPoint(it.marker.getLatLng());
                             return [p.x, p.y]; })"""
    pts = pg.js(stacked)
    assert len(pts) == 4 and len(set(map(tuple, pts))) == 4, "the stacked markers fanned out"
    seen = set()
    for i in range(4):
        x, y = pg.js(stacked)[i]            # again: an opened popup may have panned the map
        pg.page.mouse.click(box["x"] + x, box["y"] + y)
        seen.update(_popup_titles(pg))
        pg.page.click(".leaflet-popup-close-button")    # as a reader would: it covers the others
        pg.page.wait_for_timeout(300)                    # (and fades out for 200 ms)
    assert seen == {LAYERS[k].label for k in RAQQA_STACK}


@needs_browser
def test_big_map_opens_a_list_of_the_events_at_a_point(maps, open_page):
    pg = open_page(maps / "big.html")
    assert pg.page.locator(".gm-pie").count() == 0          # no clusters on a big map
    raqqa = geomap.geocode("الرقة")
    pt = pg.js("(ll) => { var p = geomap.map.latLngToContainerPoint(ll); return [p.x, p.y]; }",
               [raqqa.lat, raqqa.lon])
    box = pg.page.locator(".leaflet-container").bounding_box()
    pg.page.mouse.click(box["x"] + pt[0], box["y"] + pt[1])
    pg.page.wait_for_timeout(300)
    assert "4 events here" in _popup_titles(pg)
    items = pg.page.locator(".gm-list details")
    assert items.count() == 4
    for i in range(4):
        items.nth(i).locator("summary").click()
    titles = set(_popup_titles(pg)) - {"4 events here"}
    assert titles == {LAYERS[k].label for k in RAQQA_STACK}


# ----- popups -----------------------------------------------------------------------------

@needs_browser
def test_popup_has_named_fields_links_and_isolated_arabic(maps, open_page):
    pg = open_page(maps / "map.html", width=1400, height=900)
    pg.js("""() => { var it = geomap.items.filter(function (i) { return i.f.l === 'air_strike'; })[0];
        L.popup().setLatLng(it.f.ll).setContent(geomap.popup(it.f)).openOn(geomap.map); }""")
    c = pg.page.locator(".leaflet-popup-content")
    heads = c.locator("th").all_text_contents()
    assert heads[:4] == ["Date", "Place", "Admin", "Actor 1"] and "Fatalities" in heads
    text = c.inner_text()
    assert "Air/drone strikes" in text and "Explosions/Remote violence: Air/drone strike" in text
    assert "the day is known" in text and "Raqqa / Markaz Ar-Raqqah" in text
    # every source with outlet, date, title; the https URL is a link, javascript: is not
    src = c.locator(".gm-sources li").all_inner_texts()
    assert len(src) == 2 and "Outlet One, 2019-03-03" in src[0] and "غارات على الرقة" in src[0]
    links = c.locator("a")
    assert links.count() == 1
    assert links.first.get_attribute("href") == "https://example.org/news/1?a=1&b=2"
    assert "noopener" in links.first.get_attribute("rel")
    assert "javascript:alert(1)" in src[1]            # shown as text, not a link
    q = c.locator("blockquote")
    assert q.get_attribute("dir") == "rtl" and q.evaluate("e => getComputedStyle(e).textAlign") == "right"
    assert q.locator("bdi").count() == 1
    assert c.locator("bdi[dir=rtl]").count() >= 2     # the Arabic place name is isolated too
    # an offensive is never titled "Other" alone
    pg.js("""() => { var it = geomap.items.filter(function (i) { return i.f.l === 'offensive'; })[0];
        L.popup().setLatLng(it.f.ll).setContent(geomap.popup(it.f)).openOn(geomap.map); }""")
    assert _popup_titles(pg) == ["Offensives"]
    assert "Strategic developments: Other" in pg.page.locator(".gm-ptype").inner_text()


def test_popup_words_for_every_layer():
    for k, lay in LAYERS.items():
        title, acled = render.type_words(k)
        assert title == lay.label and title != "Other"
        assert acled.endswith(lay.sub_event_type)


def test_uncertain_places_get_an_area():
    exact, near, region = (_event("الرقة", "air_strike", 3), _event("الرقة", "air_strike", 3,
                           geo_precision=2), _event("الرقة", "air_strike", 3, geo_precision=3))
    assert render.uncertainty_km(exact) == 0
    assert 0 < render.uncertainty_km(near) < render.uncertainty_km(region)
    euphrates = _event("نهر الفرات", "displacement", 3, geo_precision=3)
    assert render.uncertainty_km(euphrates) >= 20


@needs_browser
def test_uncertain_place_is_drawn_as_a_shaded_area(maps, open_page):
    pg = open_page(maps / "map.html")
    got = pg.js("""() => geomap.items.map(function (it) {
        return [it.f.gp, it.shapes.filter(function (s) { return s instanceof L.Circle
                && geomap.map.hasLayer(s); }).length, it.marker.options.dashArray]; })""")
    assert [g for g in got if g[0] == 2] == [[2, 1, "3 2"]]      # Raqqa countryside (north)
    assert all(g[1] == 0 and g[2] is None for g in got if g[0] == 1)


# ----- layout -----------------------------------------------------------------------------

def _overlaps(pg: Page) -> list:
    rects = pg.js("""() => Array.from(document.querySelectorAll('.leaflet-control')).map(function (e) {
        var r = e.getBoundingClientRect(); return [e.className, r.left, r.top, r.right, r.bottom]; })
        .filter(function (r) { return r[3] > r[1] && r[4] > r[2]; })""")
    w, h = pg.page.viewport_size["width"], pg.page.viewport_size["height"]
    bad = [r[0] for r in rects if r[1] < 0 or r[2] < 0 or r[3] > w or r[4] > h]
    for a, b in itertools.combinations(rects, 2):
        if a[1] < b[3] and a[3] > b[1] and a[2] < b[4] and a[4] > b[2]:
            bad.append((a[0], b[0]))
    return bad


@needs_browser
@pytest.mark.parametrize("size", [(1024, 640), (390, 844)])
def test_controls_do_not_overlap(maps, open_page, size):
    pg = open_page(maps / "map.html", width=size[0], height=size[1])
    assert _overlaps(pg) == []
    # collapsed at these sizes (the map stays visible), and they still fit once opened
    assert pg.js("geomap.panel().body.hidden")
    pg.page.click(".gm-panel .gm-toggle")
    if pg.js("geomap.time().body.hidden"):
        pg.page.click(".gm-time .gm-toggle")
    pg.page.wait_for_timeout(200)
    assert not pg.js("geomap.panel().body.hidden") and not pg.js("geomap.time().body.hidden")
    assert _overlaps(pg) == []
    # the zoom buttons stay usable
    pg.page.click(".leaflet-control-zoom-in")
    pg.page.wait_for_timeout(400)
    assert pg.js("geomap.map.getZoom()") >= 7


# ----- time -------------------------------------------------------------------------------

@needs_browser
def test_play_steps_through_the_days(maps, open_page):
    pg = open_page(maps / "map.html", width=1400, height=900)
    total = len(_events())
    assert pg.js("document.body.getAttribute('data-geomap-shown')") == str(total)
    pg.page.click("#gm-play")
    pg.page.wait_for_timeout(100)
    assert pg.page.locator("#gm-day").inner_text().startswith("2019-03-01")
    first = int(pg.js("document.body.getAttribute('data-geomap-shown')"))
    assert first == 2               # the 1 March clash and the undated abduction
    pg.page.wait_for_timeout(1600)
    later = int(pg.js("document.body.getAttribute('data-geomap-shown')"))
    assert later > first and pg.page.locator("#gm-day").inner_text() >= "2019-03-03"
    pg.page.click("#gm-play")        # pause
    day = pg.page.locator("#gm-day").inner_text()
    pg.page.wait_for_timeout(900)
    assert pg.page.locator("#gm-day").inner_text() == day
    steps = 0
    while pg.js("geomap.step()") and steps < 20:     # on to the last day, then the end
        steps += 1
    assert 0 < steps < 10
    assert pg.js("document.body.getAttribute('data-geomap-shown')") == str(total)


@needs_browser
def test_date_range_is_validated_and_says_so(maps, open_page):
    pg = open_page(maps / "map.html", width=1400, height=900)
    total = str(len(_events()))
    assert pg.js("document.body.getAttribute('data-geomap-shown')") == total
    pg.js("""() => { var f = document.getElementById('gm-from'), t = document.getElementById('gm-to');
        f.value = '2019-03-08'; t.value = '2019-03-02'; t.dispatchEvent(new Event('change')); }""")
    msg = pg.page.locator("#gm-msg")
    assert "is after" in msg.inner_text() and "gm-error" in msg.get_attribute("class")
    assert pg.js("document.body.getAttribute('data-geomap-shown')") == total   # unchanged
    assert pg.page.locator("#gm-to").get_attribute("aria-invalid") == "true"
    pg.page.fill("#gm-to", "2019-03-09")
    pg.page.dispatch_event("#gm-to", "change")
    assert "gm-error" not in msg.get_attribute("class")
    assert pg.js("document.body.getAttribute('data-geomap-shown')") == "3"    # 8, 9 + undated
    assert msg.inner_text().startswith("3 of 10 events shown")
    pg.page.fill("#gm-from", "2020-01-01")
    pg.page.fill("#gm-to", "2020-02-01")
    pg.page.dispatch_event("#gm-to", "change")
    assert "No event in this range" in msg.inner_text()


# ----- legend and colours -----------------------------------------------------------------

def test_layer_colours_stay_apart_for_colour_blind_readers():
    """CIEDE2000 differences between every two layer colours, in normal vision and under
    simulated deuteranopia and protanopia (coloraide's Brettel/Viénot filters, full
    severity), and against the basemap's land."""
    from coloraide import Color
    land = Color("#fbf1d9")
    cols = {k: Color(lay.color) for k, lay in LAYERS.items()}
    for vision, floor in ((None, 10), ("deutan", 8), ("protan", 8)):
        def seen(c):
            return c.filter(vision) if vision else c
        worst = min((seen(cols[a]).delta_e(seen(cols[b]), method="2000"), a, b)
                    for a, b in itertools.combinations(cols, 2))
        assert worst[0] >= floor, (vision, worst)
        on_land = min((seen(c).delta_e(seen(land), method="2000"), k) for k, c in cols.items())
        assert on_land[0] >= 12, (vision, on_land)
    # the two the issue saw as one
    assert cols["bombing"].delta_e(cols["suicide_bombing"], method="2000") >= 10


@needs_browser
def test_legend_explains_sizes_areas_and_lines(maps, open_page):
    pg = open_page(maps / "map.html", width=1400, height=900)
    legend = pg.page.locator(".gm-legend").inner_text()
    for words in ("fatalities", "approximate place", "dashed area", "axis of advance",
                  "mix of types", "1974 Golan ceasefire line", "governorate boundary",
                  "Who's On First", "Natural Earth", "GeoNames"):
        assert words in legend
    sizes = pg.js("Array.from(document.querySelectorAll('.gm-dot')).map(function (e) {"
                  " return e.getBoundingClientRect().width; })")
    assert sizes == sorted(sizes) and sizes[0] < sizes[-1]


# ----- the committed basemap --------------------------------------------------------------

def test_basemap_has_boundaries_rivers_and_ranked_labels():
    b = json.loads((ROOT / "geomap" / "data" / "basemap.json").read_text(encoding="utf-8"))
    assert len(b["governorates"]) == 14 and len(b["districts"]) >= 60
    assert {r["n"] for r in b["rivers"]} >= {"Euphrates", "Tigris"}
    assert any(r["k"] == "ceasefire" for r in b["lines"])
    ranks = {}
    for lat, lon, rank, en, ar in b["labels"]:
        ranks.setdefault(rank, []).append(en)
        assert 32 < lat < 37.5 and 35.5 < lon < 42.5 and en and ar
    assert set(ranks[0]) == SEATS and len(ranks[3]) > 5000
    assert any("Who's On First" in c for c in b["credits"])


@pytest.mark.skipif(not (SHARED_DATA / "naturalearth-sy").is_dir(),
                    reason="../shared/data (Natural Earth extract) is not beside the repository")
def test_committed_basemap_is_current():
    r = subprocess.run([sys.executable, str(ROOT / "tools" / "build_basemap.py"), "--check",
                        str(SHARED_DATA)], capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stdout + r.stderr


def test_seed_map_is_small_enough_to_email():
    size = (ROOT / "maps" / "map.html").stat().st_size
    assert size < 1_500_000, size
    m = re.search(r"`maps/map\.html` is (\d[\d.]*) MB", (ROOT / "README.md").read_text(encoding="utf-8"))
    assert m, "the README states the size of the seeds' map.html"
    assert abs(float(m.group(1)) * 1e6 - size) < 0.1e6, (m.group(0), size)


@needs_browser
def test_committed_seed_map_makes_no_request(open_page):
    """The committed maps/map.html: drawn, labelled, no script error, nothing leaves the page
    (the fixture fails on any request that is not file:, data: or blob:)."""
    pg = open_page(ROOT / "maps" / "map.html", width=1400, height=900)
    assert pg.js("document.body.getAttribute('data-geomap-leaflet')") == "1.9.3"
    assert len(pg.js("geomap.labels()")) >= 13
    pg.js("void geomap.map.setView([35.95, 39.0], 11, {animate: false})")
    pg.page.wait_for_timeout(300)
    assert any(d["rank"] == 3 for d in pg.js("geomap.labels()"))
