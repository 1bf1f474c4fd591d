"""Corrections that survive rebuilds (corrections.csv), stable event ids, geomap review."""

from __future__ import annotations

import csv
import html
import json
import random
import re
import subprocess
import sys
from pathlib import Path

import pytest

from geomap.corrections import correction_line, read_corrections
from geomap.gazetteer import load_gazetteer
from geomap.pipeline import Pipeline, build, collect

ARTICLE_1 = """قصفت الطائرات الحربية بلدة خان العسل في ريف حلب الغربي اليوم، ما أدى إلى مقتل خمسة مدنيين.
وقصفت الطائرات الحربية قرية زمرينا بريف حماة الشمالي صباح اليوم.
وتعرضت مدينة دوما في الغوطة الشرقية لقصف مدفعي عنيف مساء أمس.
واندلعت اشتباكات عنيفة بين قوات النظام وفصائل المعارضة في بلدة نوى بريف درعا الغربي اليوم.
"""
# a second report of the Khan al-Asal strike, and news of its own
ARTICLE_2 = """قال ناشطون إن غارات جوية استهدفت بلدة خان العسل بريف حلب الغربي يوم الثلاثاء، وقتل فيها سبعة مدنيين.
وسيطرت قوات النظام على بلدة معدان بريف الرقة الشرقي بعد معارك عنيفة أمس.
"""
HEADER = "action,event_id,article,mention,field,value,note\n"


@pytest.fixture(scope="module")
def pipe():
    return Pipeline(load_gazetteer(user_files=False))


def _corpus(root: Path, second: bool = False) -> Path:
    src = root / "in"
    src.mkdir(parents=True, exist_ok=True)
    (src / "a1.txt").write_text(ARTICLE_1, encoding="utf-8")
    meta = "file,date,outlet\na1.txt,2024-03-05,Test Wire\n"
    if second:
        (src / "a2.txt").write_text(ARTICLE_2, encoding="utf-8")
        meta += "a2.txt,2024-03-06,Other Wire\n"
    (src / "metadata.csv").write_text(meta, encoding="utf-8")
    return src


def _rows(out: Path) -> list[dict]:
    return list(csv.DictReader(open(out / "events.csv", encoding="utf-8-sig")))


def _by_place(rows):
    return {r["place_id"]: r for r in rows}


def test_each_kind_of_correction_and_its_survival(tmp_path, pipe):
    src = _corpus(tmp_path)
    base = _by_place(_rows(build([src], tmp_path / "o0", pipeline=pipe, progress=False).written[0]
                           .parent))
    khan, douma = base["sy.aleppo.khan-al-asal"], base["sy.rif-dimashq.douma"]
    nawa = next(r for r in base.values() if r["location"] == "Nawa")
    hama = next(r for r in base.values() if r["location_ar"] == "ريف حماة")
    assert douma["layer"] == "shelling" and nawa["layer"] == "clash"
    (src / "corrections.csv").write_text(HEADER + "\n".join([
        "pin,,a1.txt,زمرينا,,sy.hama.kafr-zita,the village is Kafr Zita",       # line 2
        "notplace,,a1.txt,دوما,,,",                                              # line 3
        f"set,{khan['event_id']},,,fatalities,6,hospital count",                 # line 4
        f"set,{khan['event_id_cnty']},,,actor1,Military Forces of Russia (2000-),",  # line 5
        f"set,{nawa['event_id']},,,date,2024-03-01,",                            # line 6
        f"set,{nawa['event_id']},,,type,shelling,",                              # line 7
        "drop,GM000000000000,,,,,an event that never was",                       # line 8
        "teleport,,,,,,",                                                        # line 9: bad
        "pin,,a1.txt,خان العسل,,sy.nowhere,",                                    # line 10: bad
        f"set,{nawa['event_id']},,,fatalities,many,",                            # line 11: bad
        "# a comment row,,,,,,",
    ]) + "\n", encoding="utf-8")
    rep = build([src], tmp_path / "o1", pipeline=pipe, progress=False)
    rows = _rows(tmp_path / "o1")
    got = {r["event_id"]: r for r in rows}
    # pin: the strike on زمرينا is at Kafr Zita now, and says why
    kz = next(r for r in rows if r["place_id"] == "sy.hama.kafr-zita")
    assert kz["layer"] == "air_strike" and "pinned to sy.hama.kafr-zita" in kz["notes"]
    assert "corrections.csv:2" in kz["notes"]
    assert not any(r["location_ar"] == "ريف حماة" for r in rows)
    # not a place: the shelling of دوما has no place left
    assert douma["event_id"] not in got and not any(r["place_id"] == douma["place_id"] for r in rows)
    # set: fatalities and actor, same id
    k = got[khan["event_id"]]
    assert k["fatalities"] == "6" and k["actor1"] == "Military Forces of Russia (2000-)"
    assert k["inter1"] == "8"
    assert "fatalities set to 6 (" in k["notes"] and "corrections.csv:4" in k["notes"]
    n = got[nawa["event_id"]]
    assert (n["event_date"], n["layer"], n["time_precision"]) == ("2024-03-01", "shelling", "1")
    assert hama["event_id"] not in got
    c = rep.corrections
    assert c.summary() == "6 corrections applied, 1 no longer matches anything"
    assert [r.line for r in c.unmatched] == [8]
    assert sorted(int(re.search(r"line (\d+)", str(e)).group(1)) for e in c.errors) == [9, 10, 11]
    assert any("'sy.nowhere' is not a gazetteer id" in str(e) for e in c.errors)
    assert "corrections.csv:8: drop GM000000000000: matches nothing" in rep.summary()

    # a rebuild with one more article that reports the Khan al-Asal strike again (a
    # better-dated, higher toll) and a new capture: every correction still applies
    _corpus(tmp_path, second=True)
    rep2 = build([src], tmp_path / "o2", pipeline=pipe, progress=False)
    rows2 = _rows(tmp_path / "o2")
    assert rep2.corrections.summary() == "6 corrections applied, 1 no longer matches anything"
    k2 = next(r for r in rows2 if r["place_id"] == "sy.aleppo.khan-al-asal")
    assert k2["event_id"] == khan["event_id"] and "a2.txt" in k2["source_file"]
    assert k2["actor1"] == "Military Forces of Russia (2000-)" and k2["fatalities"] == "6"
    assert any(r["place_id"] == "sy.hama.kafr-zita" for r in rows2)
    assert not any(r["place_id"] == douma["place_id"] for r in rows2)
    assert any(r["location"] == "Ma'dan" for r in rows2)


def test_drop_and_merge(tmp_path, pipe):
    src = _corpus(tmp_path)
    rows = _by_place(_rows(build([src], tmp_path / "o0", pipeline=pipe, progress=False)
                           .written[0].parent))
    khan, douma = rows["sy.aleppo.khan-al-asal"], rows["sy.rif-dimashq.douma"]
    nawa = next(r for r in rows.values() if r["location"] == "Nawa")
    cf = tmp_path / "mine.csv"
    cf.write_text(HEADER + f"drop,{nawa['event_id']},,,,,duplicate of a wire report\n"
                  f"merge,{khan['event_id']},,,,{douma['event_id']},one raid\n", encoding="utf-8")
    rep = build([src], tmp_path / "o1", pipeline=pipe, progress=False, corrections=[cf])
    got = {r["event_id"]: r for r in _rows(tmp_path / "o1")}
    assert nawa["event_id"] not in got and douma["event_id"] not in got
    k = got[khan["event_id"]]
    assert f"merged with {douma['event_id']}" in k["notes"] and "mine.csv:3" in k["notes"]
    gj = json.loads((tmp_path / "o1" / "events.geojson").read_text(encoding="utf-8"))
    kf = next(f for f in gj["features"] if f["id"] == khan["event_id"])
    assert len(kf["properties"]["sources"]) == 1   # both reports came from a1.txt
    assert rep.corrections.summary() == "2 corrections applied"
    assert len(got) == len(rows) - 2


def test_corrections_file_problems_are_one_line(tmp_path):
    f = tmp_path / "corrections.csv"
    f.write_text("event,what\nx,y\n", encoding="utf-8")
    with pytest.raises(Exception, match=r"corrections.csv: line 1: corrections need an 'action'"):
        read_corrections(f)
    f.write_bytes(HEADER.encode() + b"drop,GM\xff\n")
    with pytest.raises(Exception, match=r"line 2: corrections is not valid UTF-8"):
        read_corrections(f)
    f.write_text(HEADER + "drop,nonsense,,,,,\nset,GM0123456789AB,,,colour,red,\n"
                 "merge,GM0123456789AB,,,,GM0123456789AB,\npin,,a.txt,@9-3,,x,\n"
                 "drop,GM0123456789AB,,,,,,extra,cells\n", encoding="utf-8")
    rows, errors = read_corrections(f)
    assert rows == []
    msgs = [str(e) for e in errors]
    assert [int(re.search(r"line (\d+)", m).group(1)) for m in msgs] == [2, 3, 4, 5, 6]
    assert "needs an 'event_id'" in msgs[0] and "cannot be set" in msgs[1]
    assert "with itself" in msgs[2] and "START must be below END" in msgs[3]


def test_correction_lines_round_trip(tmp_path):
    line = correction_line("pin", article="=cmd|' /C calc'!A0.txt", mention="الباب",
                           value="sy.aleppo.al-bab", note="a, b")
    assert line.startswith("pin,,'=cmd|")
    f = tmp_path / "c.csv"
    f.write_text(HEADER + line + "\n", encoding="utf-8")
    rows, errors = read_corrections(f)
    assert errors == [] and rows[0].article == "=cmd|' /C calc'!A0.txt"
    assert rows[0].note == "a, b" and rows[0].mention == "الباب"


def test_event_ids_are_stable(tmp_path, pipe, gazetteer):
    """Ids do not depend on input order, folder layout, other articles or gazetteer growth."""
    src = _corpus(tmp_path, second=True)
    extra = [f"{i}.txt" for i in range(4)]
    texts = ["قصف مدفعي استهدف مدينة تلبيسة بريف حمص الشمالي اليوم.",
             "شنت طائرات حربية غارات على مدينة سراقب بريف إدلب الشرقي اليوم.",
             "قتل ثلاثة مدنيين بانفجار عبوة ناسفة في مدينة إعزاز بريف حلب الشمالي اليوم.",
             "اندلعت اشتباكات بين قوات النظام والفصائل في محيط بلدة اللطامنة بريف حماة اليوم."]
    for name, t in zip(extra, texts):
        (src / name).write_text(t, encoding="utf-8")
    with open(src / "metadata.csv", "a", encoding="utf-8") as fh:
        for name in extra:
            fh.write(f"{name},2024-03-07,Feed\n")

    def ids(events):
        return sorted(e.event_id for e in events)

    full = collect([src], pipe).event_list
    # input order: the files given one by one, shuffled
    files = sorted(src.glob("*.txt"))
    random.Random(4).shuffle(files)
    shuffled = collect(files, pipe).event_list
    assert ids(shuffled) == ids(full)
    # a subset: the events of a1.txt keep their ids
    only_a1 = collect([src / "a1.txt"], pipe).event_list
    assert set(ids(only_a1)) <= set(ids(full)) | {a for e in full for a in e.aliases}
    # gazetteer growth: new villages (not named in the articles) change no id
    from geomap.gazetteer.model import Place
    some = next(iter(gazetteer))
    grown = gazetteer.merged([
        Place(**{**{f: getattr(some, f) for f in some.__dataclass_fields__},
                 "id": f"sy.test.village-{i}", "name_en": f"Testvillage {i}",
                 "name_ar": f"قريةاختبار{i}", "variants": (), "geonameid": None, "wofid": None,
                 "lat": 35.0 + i / 100, "lon": 37.0})
        for i in range(3)])
    assert len(grown) == len(gazetteer) + 3
    assert ids(collect([src], Pipeline(grown)).event_list) == ids(full)


def test_review_sheet_html_and_csv(tmp_path, pipe):
    src = _corpus(tmp_path)
    hostile = "<script>alert(1)</script><img src=x onerror=alert(2)>{{7*7}}"
    (src / "feed.jsonl").write_text(json.dumps({
        "id": "x\"><b>1", "text": "قصفت الطائرات الحربية بلدة كفرنبل بريف إدلب الجنوبي اليوم. "
                                  + hostile, "outlet": hostile, "url": "https://e.example/a?b=<c>",
        "published": "2024-03-05"}, ensure_ascii=False) + "\n", encoding="utf-8")
    out = tmp_path / "review.html"
    r = subprocess.run([sys.executable, "-m", "geomap.cli", "review", str(src), "-o", str(out)],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    page = out.read_text(encoding="utf-8")
    assert "<script>alert" not in page and "<img src=x" not in page and "<b>1" not in page
    assert html.escape(hostile) in page
    rows = _by_place(_rows(build([src], tmp_path / "o", pipeline=pipe, progress=False)
                           .written[0].parent))
    khan = rows["sy.aleppo.khan-al-asal"]
    assert khan["event_id"] in page
    assert html.escape(correction_line("drop", khan["event_id"])) in page
    # the candidates of a mention and their scores
    assert "Khan al-Asal" in page and "score" in page
    # the csv sheet: the lines it offers parse as corrections, and apply
    sheet = tmp_path / "review.csv"
    r = subprocess.run([sys.executable, "-m", "geomap.cli", "review", str(src), "-o", str(sheet)],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    recs = list(csv.DictReader(open(sheet, encoding="utf-8-sig")))
    rec = next(x for x in recs if x["event_id"] == khan["event_id"])
    assert rec["quote"].startswith("قصفت الطائرات الحربية بلدة خان العسل")
    hostile_rec = next(x for x in recs if "feed.jsonl" in x["sources"])
    assert hostile_rec["sources"].count("'=") == 0 and "<script>" in hostile_rec["sources"]
    (src / "corrections.csv").write_text(HEADER + rec["drop"] + "\n", encoding="utf-8")
    again = build([src], tmp_path / "o2", pipeline=pipe, progress=False)
    assert again.corrections.summary() == "1 correction applied"
    assert khan["event_id"] not in {e.event_id for e in again.event_list}


def test_correction_follows_an_event_a_better_report_renamed(tmp_path, pipe):
    """A report with a direction becomes the merged record (another id); a correction
    written against the first id still applies, through the ids of the merged reports."""
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text("قصفت الطائرات الحربية ريف الرقة اليوم.\n", encoding="utf-8")
    (src / "metadata.csv").write_text("file,date\na.txt,2024-04-02\nb.txt,2024-04-02\n",
                                      encoding="utf-8")
    first = collect([src], pipe).event_list
    assert [e.location for e in first] == ["Raqqa countryside"]
    old_id = first[0].event_id
    (src / "b.txt").write_text("قصفت الطائرات الحربية ريف الرقة الشمالي اليوم.\n", encoding="utf-8")
    merged = collect([src], pipe, corrections=[]).event_list
    assert len(merged) == 1 and merged[0].event_id != old_id and old_id in merged[0].aliases
    (src / "corrections.csv").write_text(HEADER + f"set,{old_id},,,fatalities,4,\n",
                                         encoding="utf-8")
    rep = collect([src], pipe)
    assert rep.corrections.summary() == "1 correction applied"
    assert rep.event_list[0].fatalities == 4 and len(rep.event_list[0].sources) == 2
