"""The command-line contract other tools rely on (run as a real subprocess)."""

import json
import subprocess
import sys

import pytest

from conftest import ROOT, SEEDS


def run(*args, input_text=None):
    return subprocess.run([sys.executable, "-m", "geomap.cli", *args], capture_output=True,
                          text=True, cwd=ROOT, input=input_text, timeout=120)


@pytest.mark.parametrize("args", [[], ["geocode"], ["places"], ["gazetteer"],
                                  ["gazetteer", "build"], ["gazetteer", "check"],
                                  ["gazetteer", "import-geonames"], ["gazetteer", "info"]])
def test_help_everywhere(args):
    r = run(*args, "--help")
    assert r.returncode == 0 and "usage:" in r.stdout


def test_geocode_json_contract():
    r = run("geocode", "كري سبي", "--json")
    assert r.returncode == 0, r.stderr
    d = json.loads(r.stdout)
    for key in ("id", "name_en", "name_ar", "lat", "lon", "kind", "admin1", "in_syria"):
        assert key in d
    assert d["name_en"] == "Tell Abyad" and d["admin1"] == "Raqqa" and d["in_syria"] is True
    assert 36.6 < d["lat"] < 36.8 and 38.9 < d["lon"] < 39.0


def test_geocode_foreign_and_english():
    d = json.loads(run("geocode", "جنيف", "--json").stdout)
    assert d["in_syria"] is False
    d = json.loads(run("geocode", "Khan al-Asal", "--json").stdout)
    assert d["name_ar"] == "خان العسل"


def test_geocode_no_match_exit_1():
    r = run("geocode", "قريةغيرموجودةأبدا")
    assert r.returncode == 1 and "no place" in r.stderr and "Traceback" not in r.stderr


def test_places_json_contract_on_seeds():
    r = run("places", str(SEEDS), "--json")
    assert r.returncode == 0, r.stderr
    recs = [json.loads(line) for line in r.stdout.splitlines()]
    assert len(recs) > 100
    texts = {p.name: p.read_text(encoding="utf-8") for p in SEEDS.glob("*.txt")}
    for rec in recs:
        for key in ("file", "start", "end", "surface", "place_id", "name_en", "lat", "lon",
                    "kind", "in_syria"):
            assert key in rec
        assert isinstance(rec["in_syria"], bool)
        text = texts[rec["file"].split("/")[-1]]
        assert text[rec["start"]:rec["end"]] == rec["surface"]
        if rec["place_id"] is None:
            assert rec["lat"] is None
    assert any(r["place_id"] is None for r in recs), "unresolved names are reported"
    assert not any(r["name_en"] and r["name_en"].startswith("Baghdad") and r["in_syria"] for r in recs)


def test_places_bad_inputs_named_and_others_kept(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("قصف على مدينة الرقة", encoding="utf-8")
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01\x02binary")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "bad.txt").write_bytes("سطر\nxx \xff\xfe yy\n".encode("latin-1", "ignore")
                                       if False else b"ok\nline two \xff\xfe\xfa\n")
    r = run("places", str(tmp_path), "--json")
    assert r.returncode == 0
    assert "bin.txt" in r.stderr and "empty.txt" in r.stderr and "bad.txt: line 2" in r.stderr
    assert "Traceback" not in r.stderr
    recs = [json.loads(x) for x in r.stdout.splitlines()]
    assert [x["name_en"] for x in recs] == ["Raqqa"]
    assert run("places", str(tmp_path), "--json", "--strict").returncode == 1


def test_places_nothing_readable_is_an_error(tmp_path):
    r = run("places", str(tmp_path / "missing.txt"))
    assert r.returncode != 0 and "missing.txt" in r.stderr and "Traceback" not in r.stderr


def test_places_output_file(tmp_path):
    out = tmp_path / "o" / "places.jsonl"
    r = run("places", str(SEEDS / "003_f22ccda948682122.txt"), "--json", "-o", str(out))
    assert r.returncode == 0 and out.exists()
    assert all(json.loads(x)["file"].endswith("003_f22ccda948682122.txt")
               for x in out.read_text(encoding="utf-8").splitlines())
    first = out.read_bytes()
    run("places", str(SEEDS / "003_f22ccda948682122.txt"), "--json", "-o", str(out))
    assert out.read_bytes() == first


def test_gazetteer_check_reports_file_and_line(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("id,name_en,name_ar,variants,kind,lat,lon,precision,admin1,in_syria,geonameid,source\n"
                   "sy.t.a,A,ألف,,village,36.2,37.1,point,Aleppo,true,,ref\n"
                   "sy.t.a,B,باء,,village,37.1,36.2,point,Aleppo,true,,ref\n", encoding="utf-8")
    r = run("gazetteer", "check", str(bad))
    assert r.returncode == 1 and f"{bad}:3" in r.stdout and "duplicate id" in r.stdout
    assert run("gazetteer", "check").returncode == 0
