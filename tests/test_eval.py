"""``geomap eval``'s scoring, on a gold folder written by this test (own sentences, gold
decided by hand from the sentences and the gazetteer's coordinates)."""

from __future__ import annotations

import csv
import json

import pytest

from geomap.cli import main
from geomap.eval import _occurrences, evaluate, load_gold

PLACE_COLS = ["file", "surface", "canonical_en", "kind", "in_syria", "lat", "lon", "coord_source",
              "must"]
EVENT_COLS = ["file", "event_date", "time_precision", "event_type", "sub_event_type", "actor1",
              "actor2", "fatalities", "location_ar", "location_en", "lat", "lon", "geo_precision",
              "quote"]


def _write(folder, articles, places, events):
    (folder / "articles").mkdir(parents=True)
    for name, text in articles.items():
        (folder / "articles" / name).write_text(text, encoding="utf-8")
    for fname, cols, rows in (("places.csv", PLACE_COLS, places), ("events.csv", EVENT_COLS, events)):
        with open(folder / fname, "w", encoding="utf-8", newline="") as f:
            w = csv.DictWriter(f, cols)
            w.writeheader()
            for r in rows:
                w.writerow({c: r.get(c, "") for c in cols})


def test_a_surface_inside_a_longer_word_is_not_an_occurrence():
    """A gold row for the verb "دمر" is judged on "دمر" itself, not on the town "تدمر" that
    holds it; a surface after proclitics (بالغوطة، والرقة) is an occurrence."""
    text = "الجيش دمر مستودعا قرب تدمر، وقصف بالغوطة وفالرقة والرقة."
    assert _occurrences(text, "دمر") == [(6, 9)]
    assert len(_occurrences(text, "الغوطة")) == 1
    assert len(_occurrences(text, "الرقة")) == 1      # "وفالرقة" is no word
    assert _occurrences(text, "مر") == []        # "دمر"/"تدمر" end in it, start elsewhere


@pytest.fixture
def gold(tmp_path):
    arts = {
        # an air strike on Saraqib; the verb "تدمر" is a trap; Ankara is foreign
        "a.txt": "قصفت الطائرات الحربية مدينة سراقب في ريف إدلب أمس.\n"
                 "الطائرات الروسية تدمر مقرات للفصائل، وتوجه وفد إلى أنقرة.",
        # Palmyra is a place here; a gold event nobody could find (a clash in Deir ez-Zor city)
        "b.txt": "استعادت قوات النظام السيطرة على مدينة تدمر بعد معارك عنيفة.",
    }
    places = [
        dict(file="a.txt", surface="سراقب", kind="city", in_syria="yes", lat="35.8647",
             lon="36.8047", must="yes"),
        dict(file="a.txt", surface="إدلب", kind="governorate", in_syria="yes", lat="35.93",
             lon="36.63", must="no"),
        dict(file="a.txt", surface="تدمر", canonical_en="destroys (verb)", kind="not_place",
             in_syria="yes"),
        dict(file="a.txt", surface="أنقرة", kind="foreign", in_syria="no", lat="39.93",
             lon="32.86"),
        dict(file="b.txt", surface="تدمر", kind="city", in_syria="yes", lat="34.5560",
             lon="38.2840", must="yes"),
        dict(file="b.txt", surface="الميادين", kind="city", in_syria="yes", lat="35.0167",
             lon="40.45", must="no"),          # not in the text: a miss by construction
    ]
    events = [
        dict(file="a.txt", event_date="2019-05-07", time_precision="1",
             event_type="Explosions/Remote violence", sub_event_type="Air/drone strike",
             actor1="Military Forces of Syria", location_ar="سراقب", lat="35.8647",
             lon="36.8047", geo_precision="1"),
        dict(file="b.txt", event_date="2019-05-08", time_precision="1", event_type="Battles",
             sub_event_type="Government regains territory", actor1="Military Forces of Syria",
             location_ar="تدمر", lat="34.5560", lon="38.2840", geo_precision="1"),
        dict(file="b.txt", event_date="2019-05-08", time_precision="1", event_type="Battles",
             sub_event_type="Armed clash", location_ar="دير الزور", lat="35.336", lon="40.14",
             geo_precision="1"),
    ]
    _write(tmp_path, arts, places, events)
    (tmp_path / "articles" / "metadata.csv").write_text(
        "file,date,date_precision,outlet\na.txt,2019-05-08,day,Test\nb.txt,2019-05-08,day,Test\n",
        encoding="utf-8")
    return tmp_path


def test_scores_count_what_the_gold_says(gold):
    places, events = load_gold(gold)
    assert len(places) == 6 and len(events) == 3
    r = evaluate(gold)
    p, e = r.places, r.events
    # Syrian rows: سراقب, إدلب, تدمر (b), الميادين — the last is not in the text
    assert (p.found, p.syrian) == (3, 4)
    assert (p.traps_rejected, p.traps) == (1, 1)
    assert (p.foreign_rejected, p.foreign) == (1, 1)
    # the Deir ez-Zor clash is not in the text: at most 2 of 3 gold events can be found
    assert e.gold == 3 and 1 <= e.matched <= 2


def test_eval_cli_json(gold, capsys):
    assert main(["eval", str(gold), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["figures"]["traps_rejected"] == 1.0
    assert out["figures"]["place_recall"] == pytest.approx(0.75)
