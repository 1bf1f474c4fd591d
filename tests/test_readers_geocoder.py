"""Reading articles (encodings, metadata) and the geopy geocoder."""

import datetime as dt

import pytest
from geopy.distance import geodesic
from geopy.point import Point

from geomap.errors import InputError
from geomap.geocoder import GazetteerGeocoder, geocode, geocode_all
from geomap.readers import load_articles, read_article

from conftest import SEEDS


def test_seed_metadata():
    arts, errs = load_articles([SEEDS])
    assert errs == [] and len(arts) == 5
    aj = next(a for a in arts if a.path.endswith("003_f22ccda948682122.txt"))
    assert aj.outlet == "Al Jazeera" and aj.date == dt.date(2016, 5, 24) and aj.date_precision == "day"
    # 24 May 2016 was a Tuesday, as the article's "اليوم الثلاثاء" says
    assert aj.date.weekday() == 1
    late = next(a for a in arts if a.path.endswith("004_c72096eb67cb6f3b.txt"))
    assert late.date.year == 2017


def test_encodings(tmp_path):
    (tmp_path / "bom.txt").write_bytes("\ufeffقصف على حلب".encode("utf-8"))
    assert read_article(tmp_path / "bom.txt").text == "قصف على حلب"
    (tmp_path / "w.txt").write_bytes("قصف على مدينة حلب ودمشق".encode("cp1256"))
    a = read_article(tmp_path / "w.txt")
    assert a.encoding == "cp1256" and "حلب" in a.text and a.warnings
    (tmp_path / "latin.txt").write_bytes("caf\xe9 au lait, ordinary latin-1 text".encode("latin-1"))
    with pytest.raises(InputError, match="line 1: not valid UTF-8"):
        read_article(tmp_path / "latin.txt")
    arts, errs = load_articles([tmp_path / "nope"])
    assert arts == [] and len(errs) == 1 and "nope: no such file or folder" in str(errs[0])


def test_bad_metadata_named(tmp_path):
    (tmp_path / "a.txt").write_text("حلب", encoding="utf-8")
    (tmp_path / "metadata.csv").write_text("file,date\na.txt,25 May 2016\n", encoding="utf-8")
    arts, errs = load_articles([tmp_path])
    assert len(arts) == 1 and arts[0].date is None
    assert errs and "metadata.csv" in str(errs[0]) and "line 2" in str(errs[0])


def test_geocode_spellings():
    assert geocode("كوباني").id == geocode("عين العرب").id == geocode("Kobani").id
    assert geocode("وبالرقة").name_en == "Raqqa"
    assert geocode("كفر حمرة").id == geocode("كفرحمرة").id
    assert geocode("Khan al Assal").name_ar == "خان العسل"
    assert geocode_all("Raqqaa")  # fuzzy fallback for a slip


def test_geopy_geocoder_interface():
    g = GazetteerGeocoder()
    loc = g.geocode("عين عيسى")
    raqqa = g.geocode("الرقة")
    d = geodesic(loc.point, raqqa.point).km
    assert 40 < d < 60          # Ain Issa is about 50 km north of Raqqa
    assert isinstance(loc.point, Point) and loc.raw["admin1"] == "Raqqa"
    near = g.reverse((36.168, 37.04))
    assert "Khan al-Asal" in near.address
    assert g.geocode("xyzzy-not-a-place") is None
    many = g.geocode("حلب", exactly_one=False)
    assert many[0].raw["id"] == "sy.aleppo.aleppo"
