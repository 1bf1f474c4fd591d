"""geomap build --cache: byte-identical outputs, what invalidates an entry, hostile caches."""

from __future__ import annotations

import json
import pickle
import random
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from geomap.gazetteer import load_gazetteer
from geomap.pipeline import OUTPUT_FILES, Pipeline, build

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"

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


def _db(cache: Path) -> sqlite3.Connection:
    return sqlite3.connect(cache / "cache.sqlite", isolation_level=None)


def test_corrupt_or_hostile_cache_is_recomputed(tmp_path, pipe):
    src = tmp_path / "in"
    _corpus(src, 10)
    cache = tmp_path / "cache"
    build([src], tmp_path / "ref", pipeline=pipe, progress=False, cache=cache)
    with _db(cache) as con:
        keys = [k for k, in con.execute("SELECT key FROM results ORDER BY key")]
        assert len(keys) == 10
        # every group is dropped: the results of all articles are needed again
        con.execute("DELETE FROM groups")
        Path("/tmp/geomap-cache-pwned").unlink(missing_ok=True)
        bad = [pickle.dumps(_Boom()), b"{not json", b"\xff\xfe\x00", "[]",
               json.dumps({"format": 1, "key": "other", "result": {}})]
        for k, blob in zip(keys, bad):
            con.execute("UPDATE results SET events = ? WHERE key = ?", (blob, k))
        for k, change in zip(keys[5:8], [("layer", "__import__('os').system('true')"),
                                         ("place", "sy.no.such-place"), ("tp", "1")]):
            events = json.loads(con.execute("SELECT events FROM results WHERE key = ?",
                                            (k,)).fetchone()[0])
            events[0][change[0]] = change[1]
            con.execute("UPDATE results SET events = ? WHERE key = ?", (json.dumps(events), k))
    rep = build([src], tmp_path / "o", pipeline=pipe, progress=False, cache=cache)
    assert rep.cached == 2
    assert not Path("/tmp/geomap-cache-pwned").exists()
    assert _bytes(tmp_path / "o") == _bytes(tmp_path / "ref")
    # the bad entries were rewritten: the next build reads all from the cache
    assert build([src], tmp_path / "o", pipeline=pipe, progress=False, cache=cache).cached == 10


def test_damaged_group_rows_are_merged_again(tmp_path, pipe):
    src = tmp_path / "in"
    _corpus(src, 12)
    cache = tmp_path / "cache"
    build([src], tmp_path / "ref", pipeline=pipe, progress=False, cache=cache)
    with _db(cache) as con:
        groups = [k for k, in con.execute("SELECT key FROM groups ORDER BY key")]
        assert len(groups) > 4
        con.execute("UPDATE groups SET n = n + 1 WHERE key = ?", (groups[0],))
        con.execute("UPDATE groups SET meta = '[1, 2]' WHERE key = ?", (groups[1],))
        con.execute("UPDATE groups SET csv = 'x' WHERE key = ?", (groups[2],))
        con.execute("UPDATE groups SET geojson = x'0102' WHERE key = ?", (groups[3],))
    rep = build([src], tmp_path / "o", pipeline=pipe, progress=False, cache=cache)
    assert rep.cached == 12 and _bytes(tmp_path / "o") == _bytes(tmp_path / "ref")


def test_a_file_that_is_not_a_cache_is_set_aside_in_one_line(tmp_path):
    src = tmp_path / "in"
    _corpus(src, 6)
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / "cache.sqlite").write_bytes(b"SQLite format 3\x00" + b"\x5a" * 5000)
    r = subprocess.run([sys.executable, "-m", "geomap.cli", "build", str(src), "-o",
                        str(tmp_path / "o"), "-q", "--cache", str(cache)], cwd=ROOT,
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert "Traceback" not in r.stderr
    warned = [line for line in r.stderr.splitlines() if "not a readable cache" in line]
    assert len(warned) == 1 and "set aside" in warned[0]
    assert (cache / "cache.sqlite.bad").exists()
    ref = build([src], tmp_path / "ref", progress=False)
    assert ref.articles == 6 and _bytes(tmp_path / "o") == _bytes(tmp_path / "ref")
    again = subprocess.run([sys.executable, "-m", "geomap.cli", "build", str(src), "-o",
                            str(tmp_path / "o"), "-q", "--cache", str(cache)], cwd=ROOT,
                           capture_output=True, text=True)
    assert "6 of 6 articles read from the cache" in again.stderr, again.stderr


def test_unchanged_groups_are_not_merged_again(tmp_path, pipe, monkeypatch):
    """Adding one article decodes and merges only the articles that share a merge group
    with it; the outputs are those of a full build."""
    import geomap.cache as gc
    src = tmp_path / "in"
    _corpus(src, 40)
    cache = tmp_path / "cache"
    build([src], tmp_path / "o", pipeline=pipe, progress=False, cache=cache)
    (src / "new.txt").write_text("قصفت الطائرات الحربية بلدة كفرنبل بريف إدلب الجنوبي اليوم.\n",
                                 encoding="utf-8")
    decoded, merged = [], []
    real_decode = gc._decode_events
    monkeypatch.setattr(gc, "_decode_events", lambda d, g: decoded.append(1) or real_decode(d, g))
    import geomap.events as ge
    real = ge.merge_events
    monkeypatch.setattr(ge, "merge_events", lambda evs, off=frozenset(): merged.append(
        len(evs := list(evs))) or real(evs, off))
    rep = build([src], tmp_path / "inc", pipeline=pipe, progress=False, cache=cache)
    assert rep.cached == 40
    full = build([src], tmp_path / "full", pipeline=pipe, progress=False)
    assert _bytes(tmp_path / "inc") == _bytes(tmp_path / "full")
    kafr = sum("كفرنبل" in f.read_text(encoding="utf-8") for f in src.glob("art*.txt"))
    assert 0 < len(decoded) <= kafr < 40
    assert sum(merged[:1]) < full.events


def test_merging_group_by_group_is_merging_all(pipe):
    """merge_group's promise: merging each group apart gives the events of one merge."""
    from geomap.events import merge_events
    from geomap.events.merge import sort_events
    from geomap.pipeline import merge_group
    from geomap.readers import load_articles
    from geomap.rows import event_rows
    arts, _ = load_articles([SEEDS])
    raw = [e for a in arts for e in pipe.read(a)[0]]
    groups: dict = {}
    for e in raw:
        groups.setdefault(merge_group(e), []).append(e)
    assert None not in groups and len(groups) > 5
    apart = sort_events(e for evs in groups.values() for e in merge_events(evs))
    assert event_rows(apart) == event_rows(merge_events(raw))


def test_event_corrections_merge_every_event(tmp_path, pipe):
    src = tmp_path / "in"
    _corpus(src, 20)
    cache = tmp_path / "cache"
    first = build([src], tmp_path / "o", pipeline=pipe, progress=False, cache=cache)
    victim = next(iter(_ids(tmp_path / "o")))
    (src / "corrections.csv").write_text(f"action,event_id\ndrop,{victim}\n", encoding="utf-8")
    rep = build([src], tmp_path / "o", pipeline=pipe, progress=False, cache=cache)
    assert rep.cached == 20 and rep.events == first.events - 1
    build([src], tmp_path / "ref", pipeline=pipe, progress=False)
    assert _bytes(tmp_path / "o") == _bytes(tmp_path / "ref")


def _ids(out: Path) -> list[str]:
    import csv
    return [r["event_id"] for r in csv.DictReader(open(out / "events.csv", encoding="utf-8-sig"))]


def test_a_few_new_articles_start_no_worker_process(tmp_path, pipe, monkeypatch):
    import concurrent.futures
    src = tmp_path / "in"
    _corpus(src, 30)
    cache = tmp_path / "cache"
    build([src], tmp_path / "o", pipeline=pipe, progress=False, cache=cache)
    (src / "new.txt").write_text("استهدف قصف مدفعي مدينة سراقب بريف إدلب مساء أمس.\n",
                                 encoding="utf-8")

    def no_pool(*a, **k):
        raise AssertionError("a worker pool was started")
    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", no_pool)
    rep = build([src], tmp_path / "o", pipeline=pipe, progress=False, cache=cache, workers=2)
    assert rep.cached == 30 and rep.articles == 31


def test_watch_builds_again_when_an_article_is_added(tmp_path, pipe):
    from geomap.watch import watch
    src = tmp_path / "in"
    _corpus(src, 8)
    out, cache = tmp_path / "out", tmp_path / "out.cache"
    reports, naps = [], []

    def sleep(seconds):
        naps.append(seconds)
        if len(naps) == 2:      # after one idle look, an article arrives
            (src / "new.txt").write_text("قصفت الطائرات الحربية مدينة سراقب بريف إدلب اليوم.\n",
                                         encoding="utf-8")
    n = watch([src], out, cache=cache, interval=0.5, max_builds=2, on_build=reports.append,
              sleep=sleep, pipeline=pipe, progress=False)
    assert n == 2 and naps == [0.5, 0.5]
    assert [r.articles for r in reports] == [8, 9] and [r.cached for r in reports] == [0, 8]
    build([src], tmp_path / "ref", pipeline=pipe, progress=False)
    assert _bytes(out) == _bytes(tmp_path / "ref")


def test_watch_command_stops_after_max_builds(tmp_path):
    src = tmp_path / "in"
    _corpus(src, 3)
    r = subprocess.run([sys.executable, "-m", "geomap.cli", "watch", str(src), "-o",
                        str(tmp_path / "out"), "--max-builds", "1"], cwd=ROOT,
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    assert "read 3 articles" in r.stderr and (tmp_path / "out" / "map.html").exists()
    assert (tmp_path / "out.cache" / "cache.sqlite").exists()
