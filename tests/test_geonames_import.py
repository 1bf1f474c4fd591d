"""`geomap gazetteer import-geonames` on a small file in the GeoNames dump format."""

import json
import subprocess
import sys

import pytest

from geomap.errors import GazetteerRowError
from geomap.gazetteer import load_gazetteer
from geomap.gazetteer.geonames import read_geonames_dump
from geomap.gazetteer.imports import import_geonames
from geomap.resolve import Resolver

from conftest import ROOT


def row(gid, name, alts, lat, lon, fclass="P", fcode="PPL", cc="SY", admin1="09", pop="0"):
    cols = [str(gid), name, name, ",".join(alts), str(lat), str(lon), fclass, fcode, cc, "",
            admin1, "", "", "", pop, "", "400", "Asia/Damascus", "2020-01-01"]
    assert len(cols) == 19
    return "\t".join(cols)


@pytest.fixture
def dump(tmp_path):
    lines = [
        # a village the bundled gazetteer does not know (invented name, real-format row)
        row(99000001, "Tall Zaghbun", ["تل زغبون", "Tell Zaghboun"], 36.31, 37.35),
        # Aleppo itself: adds a variant to the existing entry
        row(170063, "Aleppo", ["حلب", "حلب الشهباء"], 36.20124, 37.16117, fcode="PPLA", pop="2098210"),
        # a mountain and a foreign city
        row(99000002, "Jabal Test", ["جبل زغبون"], 36.0, 37.0, fclass="T", fcode="MT"),
        row(99000003, "Zakho", ["زاخو"], 37.14, 42.68, cc="IQ", admin1="05"),
        # a feature we do not map, and a row without Arabic names: both skipped
        row(99000004, "Some Well", ["بئر"], 35.0, 38.0, fclass="H", fcode="WLL"),
        row(99000005, "No Arabic", ["Nope"], 35.0, 38.0),
    ]
    p = tmp_path / "SY.txt"
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return p


def test_read_dump(dump):
    places = list(read_geonames_dump(dump))
    ids = {p.id for p in places}
    assert ids == {"gn.99000001", "gn.170063", "gn.99000002", "xx.iq.gn99000003"}
    zak = next(p for p in places if p.id == "xx.iq.gn99000003")
    assert not zak.in_syria and zak.kind == "foreign_city"
    mt = next(p for p in places if p.id == "gn.99000002")
    assert mt.kind == "mountain" and mt.precision == "region" and mt.admin1 == "Aleppo"


def test_import_then_resolve(dump, tmp_path, monkeypatch):
    monkeypatch.setenv("GEOMAP_DATA_DIR", str(tmp_path / "data"))
    rep = import_geonames(dump)
    assert rep.rows == 4 and rep.merged == 1 and rep.new == 3
    assert rep.output.is_file()
    gaz = load_gazetteer()
    assert any(p.id == "gn.99000001" for p in gaz)
    aleppo = gaz.by_geonameid(170063)
    assert "حلب الشهباء" in aleppo.variants and aleppo.id == "sy.aleppo.aleppo"
    ms = [m for m in Resolver(gaz).find("تقدمت القوات نحو قرية تل زغبون شمال حلب") if m.place]
    assert ms[0].place.id == "gn.99000001"
    # without the import the same name is reported unresolved
    base = load_gazetteer(user_files=False)
    un = [m for m in Resolver(base).find("تقدمت القوات نحو قرية تل زغبون شمال حلب") if not m.place]
    assert un and "زغبون" in un[0].surface


def test_import_cli(dump, tmp_path):
    env = {"GEOMAP_DATA_DIR": str(tmp_path / "d"), "PATH": "/usr/bin:/bin"}
    r = subprocess.run([sys.executable, "-m", "geomap.cli", "gazetteer", "import-geonames", str(dump)],
                       capture_output=True, text=True, cwd=ROOT, env=env, timeout=120)
    assert r.returncode == 0, r.stderr
    assert "4 places" in r.stdout
    r = subprocess.run([sys.executable, "-m", "geomap.cli", "geocode", "تل زغبون", "--json"],
                       capture_output=True, text=True, cwd=ROOT, env=env, timeout=120)
    assert json.loads(r.stdout)["id"] == "gn.99000001"


def test_malformed_dump_line_named(tmp_path):
    p = tmp_path / "SY.txt"
    p.write_text(row(1, "A", ["ألف"], 36, 37) + "\n" + "only\tthree\tcolumns\n", encoding="utf-8")
    with pytest.raises(GazetteerRowError) as ei:
        import_geonames(p, tmp_path / "d")
    assert ei.value.line == 2 and "19" in str(ei.value)
    assert not (tmp_path / "d" / "gazetteer").exists() or not list((tmp_path / "d" / "gazetteer").iterdir())
