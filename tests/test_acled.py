"""ACLED conventions: the export columns, ordinal dates and how reports count the dead.

Sentences are written for these tests (other places and phrasings than the seeds);
the expected values are what an ACLED coder would write.
"""

import csv
import datetime as dt
import sqlite3

import pytest

from geomap.dates import find_dates
from geomap.events import SCHEMA
from geomap.events.grammar import grammar
from geomap.events.model import ACLED_COLUMNS
from geomap.lexicon import load_lexicon
from geomap.arabic import normalize
from geomap.pipeline import Pipeline, build

PUB = dt.date(2019, 4, 10)


@pytest.fixture(scope="module")
def pipe(resolver):
    return Pipeline(resolver=resolver)


# ----- dates written as ordinals ------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("سيطرت الفصائل على البلدة في الثامن عشر من آذار 2018", dt.date(2018, 3, 18)),
    ("بدأ الهجوم في الخامس والعشرين من شباط/فبراير", dt.date(2019, 2, 25)),
    ("في الحادي عشر من تشرين الأول الماضي", dt.date(2018, 10, 11)),
    ("منذ الأول من الشهر الجاري", dt.date(2019, 4, 1)),
    ("يوم العاشر من الشهر الماضي", dt.date(2019, 3, 10)),
])
def test_ordinal_days(text, expected):
    ds = [d for d in find_dates(text, PUB) if not d.year_only]
    assert ds and ds[0].date == expected and ds[0].precision == 1, ds


def test_ordinal_without_month_is_not_a_date():
    # "الثاني" alone is "the second" (of anything): no date without a month after it
    assert not find_dates("وصل الفوج الثاني من المقاتلين", PUB)


@pytest.mark.parametrize("text, expected", [
    ("9 تشرين الثاني/نوفمبر 2017: غارات على البوكمال. وفي 12 من الشهر نفسه: قصف على الميادين",
     dt.date(2017, 11, 12)),
    ("قصفت الطائرات البلدة في 3 آذار، ثم عادت في السادس من الشهر ذاته", dt.date(2019, 3, 6)),
    ("بدأ الهجوم في 20 كانون الثاني، وفي 25 من نفس الشهر دخلت القوات المدينة", dt.date(2019, 1, 25)),
])
def test_a_day_of_the_same_month_takes_the_month_named_before(text, expected):
    ds = [d for d in find_dates(text, PUB) if not d.year_only]
    assert ds[-1].date == expected and ds[-1].precision == 1, ds


def test_the_same_month_without_a_month_before_is_no_date():
    assert not find_dates("وفي 4 من الشهر نفسه قصفت الطائرات البلدة", PUB)


@pytest.mark.parametrize("text, since", [
    ("يتواصل القصف منذ الأحد على البلدة", True),
    ("تسري الهدنة منذ يوم الجمعة الماضي", True),
    ("منذ الأول من الشهر الجاري", True),
    ("قصفت الطائرات البلدة الأحد", False),
    ("قال المرصد يوم الجمعة إن القصف توقف", False),
])
def test_a_date_after_mundhu_is_a_since_date(text, since):
    ds = [d for d in find_dates(text, PUB) if not d.year_only]
    assert ds and ds[0].since is since, ds


@pytest.mark.parametrize("text, since", [
    ("سيطرت الفصائل على البلدة في العام الماضي", False),
    ("تحاصر القوات المدينة منذ السنة الماضية", True),
    ("وقتل خلال العام المنصرم مئات المدنيين", False),
])
def test_last_year_is_a_year_on_its_own(text, since):
    ds = find_dates(text, PUB)
    assert len(ds) == 1 and ds[0].year_only and ds[0].date is None and ds[0].since is since, ds


@pytest.mark.parametrize("text", ["قال إن الطائرات تستهدف طوال اليوم أحياء المدينة",
                                  "استمر القصف طيلة اليوم", "تسقط عشرات القذائف في اليوم الواحد"])
def test_all_day_long_is_not_today(text):
    assert not find_dates(text, PUB)
    assert [d.date for d in find_dates("قصفت الطائرات البلدة اليوم", PUB)] == [PUB]


def test_a_month_of_last_year_is_that_month():
    ds = find_dates("قصفت الطائرات البلدة في آذار العام الماضي", PUB)
    assert [(d.date, d.precision, d.year_only) for d in ds] == [(dt.date(PUB.year - 1, 3, 15), 3, False)]


# ----- how reports count the dead -------------------------------------------------------

@pytest.fixture(scope="module")
def g():
    return grammar(load_lexicon())


@pytest.mark.parametrize("text, n", [
    ("وقتل خلال القصف على المدينة نحو 14 مدنيا", 14),          # words between kill and number
    ("لقي 6 أشخاص حتفهم جراء انفجار لغم", 6),                  # idiom after the number
    ("ارتفعت حصيلة القتلى في البلدة إلى 31", 31),               # a running total
    ("قتل في الغارة عدد من عناصر الفصيل", 3),                   # an unstated few: 3 (ACLED)
    ("مقتل خالد الحسن بانفجار عبوة ناسفة", 1),                  # one named person
    ("قتل في الغارة التي استهدفت 3 مبان", None),                # a number of buildings is no toll
    # counts joined by و add up; a count after بينهم is part of the first
    ("مقتل 6 مدنيين و4 عناصر من الدفاع الوطني في القصف", 10),
    ("قتل 11 مقاتلا من هيئة تحرير الشام و7 جنود من قوات النظام", 18),
    ("مقتل أربعة مدنيين وطفلين", 4),                            # no number before طفلين
    ("مقتل 9 مدنيين بينهم 4 أطفال", 9),
    ("مقتل 3 أشخاص و15 جريحا", 3),                             # the wounded are not dead
    ("وقال المرصد إن 12 شخصا قتلوا في الهجوم", 12),              # number, people, verb of dying
    ("وأعدم التنظيم خمسة أشخاص في الساحة العامة", 5),           # executions count
    ("وقضى طفل جراء القصف", 1),
    ("إن رجلا قتل وأصيب 6 مدنيين في الغارات", 1),              # the six are wounded
    ("وقال الدفاع المدني إن طفلا واحدا على الأقل قتل في القصف", 1),
    ("أسفرت المعارك عن 9 قتلى في صفوف قوات النظام و6 قتلى من الفصائل", 15),   # N قتلى و M قتلى
    ("قذائف أودت بحياة ثلاثة أطفال في الحي", 3),               # أودى بحياة: took the lives of
])
def test_fatalities(g, text, n):
    assert g.fatalities(normalize(text).text) == n


# ----- export -----------------------------------------------------------------------

def test_acled_columns_first_then_geomap_columns():
    assert SCHEMA[:len(ACLED_COLUMNS)] == ACLED_COLUMNS
    assert ACLED_COLUMNS == (
        "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
        "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
        "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2",
        "admin3", "location", "latitude", "longitude", "geo_precision", "source", "source_scale",
        "notes", "fatalities", "tags")
    assert {"event_id", "layer", "quote", "place_id", "source_file"} <= set(SCHEMA)


def test_record_codes(pipe):
    doc = pipe("قصفت الطائرات الحربية الروسية بلدة معرة حرمة بريف إدلب الجنوبي ما أدى إلى مقتل "
               "أربعة مدنيين", date=PUB, outlet="Enab Baladi")
    (e,) = doc.events
    r = e.to_record()
    assert r["actor1"] == "Military Forces of Russia (2000-)" and r["inter1"] == 8
    assert r["actor2"] == "Civilians (Syria)" and r["inter2"] == 7
    assert r["interaction"] == 78 and r["civilian_targeting"] == "Civilian targeting"
    assert r["disorder_type"] == "Political violence" and r["year"] == 2019
    assert (r["iso"], r["country"], r["region"]) == (760, "Syria", "Middle East")
    assert r["admin1"] == "Idlib" and r["admin2"]            # district from the gazetteer
    assert r["source"] == "Enab Baladi" and r["source_scale"] == "National"
    assert r["event_id_cnty"].startswith("SYR") and r["fatalities"] == 4


def test_strategic_development_codes(pipe):
    doc = pipe("توصلت الحكومة السورية وفصائل المعارضة إلى اتفاق تسوية في مدينة الرستن", date=PUB)
    ev = [e for e in doc.events if e.layer == "agreement"]
    assert ev
    r = ev[0].to_record()
    assert r["disorder_type"] == "Strategic developments" and r["civilian_targeting"] == ""
    assert r["interaction"] == 12            # state forces (1) with rebels (2)


def test_gpkg_dates_are_dates_and_codes_integers(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text("قصفت قوات النظام بالمدفعية بلدة اللطامنة في ريف حماة الشمالي أمس، "
                               "ما أدى إلى مقتل ثلاثة مدنيين.\n", encoding="utf-8")
    (src / "metadata.csv").write_text("file,date,outlet\na.txt,2019-04-10,SANA\n", encoding="utf-8")
    rep = build([src], tmp_path / "out", progress=False)
    assert rep.events >= 1
    con = sqlite3.connect(tmp_path / "out" / "events.gpkg")
    cols = {r[1]: r[2] for r in con.execute("PRAGMA table_info(events)")}
    assert cols["event_date"] == "DATE" and cols["inter1"] == "INTEGER"
    assert cols["year"] == "INTEGER" and cols["interaction"] == "INTEGER"
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert con.execute("SELECT event_date FROM events").fetchone()[0] == "2019-04-09"
    with open(tmp_path / "out" / "events.csv", encoding="utf-8-sig") as fh:
        rows = list(csv.DictReader(fh))
    assert list(rows[0]) == list(SCHEMA)
    assert rows[0]["inter1"] == "1" and rows[0]["interaction"] == "17" and rows[0]["year"] == "2019"


def test_a_bomb_against_a_convoy_has_the_convoy_as_actor2(pipe):
    # "رتلاً لقوات النظام": the forces are the target; the bomber is unnamed
    doc = pipe("انفجرت عبوة ناسفة برتل لقوات النظام قرب بلدة خان شيخون", date=PUB)
    ev = [e for e in doc.events if e.layer == "bombing"]
    assert ev and ev[0].actor1 == "Unidentified armed group"
    assert ev[0].actor2 == "Military Forces of Syria (2000-)"


def test_inter_codes_come_from_the_lexicon_the_events_were_read_with(tmp_path):
    """An actor added to a copy of the lexicons (--lexicons) keeps its ACLED inter code in the
    export, although the bundled lexicon does not know it."""
    import shutil
    from geomap.lexicon import default_lexicon_dir
    lex = tmp_path / "lex"
    shutil.copytree(default_lexicon_dir(), lex)
    with open(lex / "actors.tsv", "a", encoding="utf-8") as fh:
        fh.write("Liwa al-Test (Syria)\tnonstate\t4\t\tلواء التجربة\n")
    p = Pipeline(lexicons=lex)
    doc = p("سيطر لواء التجربة على قرية الهبيط بعد معارك", date=PUB)
    rec = [e.to_record() for e in doc.events if e.actor1 == "Liwa al-Test (Syria)"]
    assert rec and rec[0]["inter1"] == 4 and rec[0]["interaction"] == 40
