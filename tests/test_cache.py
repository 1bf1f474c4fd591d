"""geomap build --cache: byte-identical outputs, what invalidates an entry, hostile caches."""

from __future__ import annotations

import json
import pickle
import random
from pathlib import Path

import pytest

from geomap.gazetteer import load_gazetteer
from geomap.pipeline import OUTPUT_FILES, Pipeline, build

PLACES = ["بلدة خان العسل بريف حلب الغربي", "مدينة دوما في الغوطة الشرقية", "بلدة معدان بريف الرقة",
          "مدينة سراقب بريف إدلب", "مدينة تلبيسة بريف حمص الشمالي", "مدينة إعزاز بريف حلب الشمالي",
          "بلدة كفرنبل بريف إدلب الجنوبي", "بلدة اللطامنة بريف حماة الشمالي", "بلدة عندان"]
PATTERNS = ["قصفت الطائرات الحربية {p} اليوم، ما أدى إلى مقتل {n} مدنيين.",
            "استهدف قصف مدفعي {p} مساء أمس.",
            "اندلعت اشتباكات عنيفة بين قوات النظام وفصائل المعارضة في {p}.",
            "انفجرت عبوة ناسفة في {p} صباح اليوم وقتل {n} أشخاص."]


def _corpus(folder: Path, n: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    meta = ["file,date,outlet"]
    for i in range(n):
        lines = [rng.choice(PATTERNS).format(p=rng.choice(PLACES), n=rng.randint(2, 9))
                 for _ in range(rng.randint(1, 3))]
        (folder / f"art{i:03d}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
        meta.append(f"art{i:03d}.txt,2024-0{1 + i % 3}-{1 + i % 27:02d},Outlet {i % 4}")
    (folder / "metadata.csv").write_text("\n".join(meta) + "\n", encoding="utf-8")


def _bytes(out: Path) -> dict[str, bytes]:
    return {f: (out / f).read_bytes() for f in OUTPUT_FILES}


@pytest.fixture(scope="module")
def pipe():
    return Pipeline(load_gazetteer(user_files=False))


def test_incremental_build_is_byte_identical(tmp_path, pipe):
    src = tmp_path / "in"
    _corpus(src, 60)
    full = build([src], tmp_path / "full", pipeline=pipe, progress=False)
    assert full.events > 20 and full.cached == 0
    # the cache is filled by a build of the first 40 articles, then 20 are added
    part = tmp_path / "part"
    _corpus(part, 60)
    for f in sorted(part.glob("art*.txt"))[40:]:
        f.unlink()
    cache = tmp_path / "cache"
    build([part], tmp_path / "o1", pipeline=pipe, progress=False, cache=cache)
    for f in sorted(src.glob("art*.txt"))[40:]:
        (part / f.name).write_bytes(f.read_bytes())
    inc = build([part], tmp_path / "o2", pipeline=pipe, progress=False, cache=cache)
    assert inc.cached == 40
    assert _bytes(tmp_path / "o2") == _bytes(tmp_path / "full")
    again = build([part], tmp_path / "o3", pipeline=pipe, progress=False, cache=cache, workers=2)
    assert again.cached == 60 and _bytes(tmp_path / "o3") == _bytes(tmp_path / "full")
    assert "60 of 60 articles read from the cache" in again.summary()


def test_what_invalidates_an_entry(tmp_path, pipe, gazetteer):
    src = tmp_path / "in"
    _corpus(src, 12)
    cache = tmp_path / "cache"
    assert build([src], tmp_path / "o", pipeline=pipe, progress=False, cache=cache).cached == 0
    # one article edited: only it is read again
    f = src / "art003.txt"
    f.write_text(f.read_text(encoding="utf-8") + "وقصفت الطائرات الحربية مدينة سراقب اليوم.\n",
                 encoding="utf-8")
    assert build([src], tmp_path / "o", pipeline=pipe, progress=False, cache=cache).cached == 11
    # its metadata changed (date): read again
    meta = (src / "metadata.csv").read_text(encoding="utf-8")
    (src / "metadata.csv").write_text(meta.replace("art005.txt,2024-03-06", "art005.txt,2024-03-07"),
                                      encoding="utf-8")
    assert build([src], tmp_path / "o", pipeline=pipe, progress=False, cache=cache).cached == 11
    # a correction of one article's mention: that article only
    (src / "corrections.csv").write_text("action,article,mention,value\n"
                                         "notplace,art007.txt,سراقب,\n", encoding="utf-8")
    assert build([src], tmp_path / "o", pipeline=pipe, progress=False, cache=cache).cached == 11
    # a gazetteer with one more place: everything
    some = next(iter(gazetteer))
    grown = gazetteer.merged([type(some)(**{
        **{k: getattr(some, k) for k in some.__dataclass_fields__}, "id": "sy.test.newplace",
        "name_en": "Newplace", "name_ar": "قريةجديدةللاختبار", "variants": (), "geonameid": None,
        "wofid": None, "lat": 35.1, "lon": 37.2})])
    rep = build([src], tmp_path / "o", pipeline=Pipeline(grown), progress=False, cache=cache)
    assert rep.cached == 0
    # switched-off rules too
    rep = build([src], tmp_path / "o", pipeline=pipe.with_off({"merge.fuzzy_dates"}),
                progress=False, cache=cache)
    assert rep.cached == 0


class _Boom:
    def __reduce__(self):
        return (Path.write_text, (Path("/tmp/geomap-cache-pwned"), "pwned"))


def test_corrupt_or_hostile_cache_is_recomputed(tmp_path, pipe):
    src = tmp_path / "in"
    _corpus(src, 10)
    cache = tmp_path / "cache"
    build([src], tmp_path / "ref", pipeline=pipe, progress=False, cache=cache)
    entries = sorted(cache.rglob("*.json"))
    assert len(entries) == 10
    Path("/tmp/geomap-cache-pwned").unlink(missing_ok=True)
    bad = [pickle.dumps(_Boom()), b"{not json", b"\xff\xfe\x00", b"[]",
           json.dumps({"format": 1, "key": "other", "result": {}}).encode()]
    for p, blob in zip(entries, bad):
        p.write_bytes(blob)
    e5 = json.loads(entries[5].read_text(encoding="utf-8"))
    e5["result"]["events"][0]["layer"] = "__import__('os').system('true')"
    entries[5].write_text(json.dumps(e5), encoding="utf-8")
    e6 = json.loads(entries[6].read_text(encoding="utf-8"))
    e6["result"]["events"][0]["place"] = "sy.no.such-place"
    entries[6].write_text(json.dumps(e6), encoding="utf-8")
    e7 = json.loads(entries[7].read_text(encoding="utf-8"))
    e7["result"]["n"] = "7"
    entries[7].write_text(json.dumps(e7), encoding="utf-8")
    rep = build([src], tmp_path / "o", pipeline=pipe, progress=False, cache=cache)
    assert rep.cached == 2
    assert not Path("/tmp/geomap-cache-pwned").exists()
    assert _bytes(tmp_path / "o") == _bytes(tmp_path / "ref")
    # the bad entries were rewritten: the next build reads all from the cache
    assert build([src], tmp_path / "o", pipeline=pipe, progress=False, cache=cache).cached == 10
