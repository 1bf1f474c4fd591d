"""The fast paths of issue 16 give exactly what the straightforward code gives.

Each fast path (word index, trigger pre-scan, gated patterns, batch name keys, the
on-disk cache) is compared with the slow computation it replaces, on generated text.
"""

import random
import re

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from geomap.arabic import WordIndex, normalize, normalize_name, normalize_names
from geomap.lexicon import load_lexicon
from geomap.resolve import context
from geomap.rx import gated, required_literals

from conftest import SEEDS

# letters, clitics, digits, spaces and the marks the context functions stop at
_ALPHABET = "ابتمنلوفكيهرسعدحق0123456789 ._،؛:()\n!؟'\""
_texts = st.text(alphabet=_ALPHABET, min_size=0, max_size=400)


def _walk_before(s, pos):
    i = pos
    while i > 0 and not s[i - 1].isalnum():
        if s[i - 1] in context._STOP_BEFORE:
            return i, i
        i -= 1
    j = i
    while j > 0 and s[j - 1].isalnum():
        j -= 1
    return j, i


def _walk_after(s, pos):
    n, i = len(s), pos
    while i < n and not s[i].isalnum():
        if s[i] in context._STOP_AFTER:
            return i, i
        i += 1
    j = i
    while j < n and s[j].isalnum():
        j += 1
    return i, j


@given(_texts)
def test_word_index_gives_the_character_walks(s):
    s = s * (1 + context._INDEX_MIN // max(1, len(s)))      # long enough to be indexed
    w = WordIndex(s)
    for pos in range(len(s) + 1):
        assert context.token_before(s, pos) == _walk_before(s, pos)
        assert context.token_after(s, pos) == _walk_after(s, pos)
        ts = pos
        while ts > 0 and s[ts - 1].isalnum():
            ts -= 1
        assert w.run_start(pos) == ts


@given(_texts, st.integers(1, 5))
def test_words_before_gives_token_before_walk(s, k):
    s = s * (1 + context._INDEX_MIN // max(1, len(s)))      # long enough to be indexed
    assert context._index(s) is not None or not s
    for pos in range(len(s) + 1):
        want, p = [], pos
        for _ in range(k):
            a, b = _walk_before(s, p)
            if a == b:
                break
            want.append(s[a:b])
            p = a
        assert context.words_before(s, pos, k) == want, (pos, k)


def test_short_texts_are_walked():
    s = "قصف على بلدة عندان. ثم"
    assert context._index(s) is None
    assert context.token_before(s, len(s)) == _walk_before(s, len(s))


def _reference_triggers(g, norm, start=0, end=None):
    return [(m.start(), m.end(), m.lastgroup)
            for m in g.triggers.finditer(norm, start, len(norm) if end is None else end)]


def test_trigger_prescan_gives_finditer():
    from geomap.events.grammar import grammar
    lex = load_lexicon()
    g = grammar(lex)
    rnd = random.Random(7)
    words = [p for _, p, _ in lex.event_triggers][:300]
    filler = ["على", "في", "بلدة", "و", "قوات", "امس", "،", "."]
    texts = [normalize(f.read_text(encoding="utf-8")).text for f in sorted(SEEDS.glob("*.txt"))]
    for _ in range(150):     # triggers with clitics, inside longer words, glued together
        toks = [rnd.choice(["", "و", "ب", "ال", "وبال", "x"]) + rnd.choice(words + filler)
                + rnd.choice(["", "", "ه", "ات"]) for _ in range(rnd.randint(1, 25))]
        texts.append(rnd.choice([" ", "  "]).join(toks))
    n = 0
    for s in texts:
        for a, b in [(0, None)] + [sorted((rnd.randrange(len(s) + 1), rnd.randrange(len(s) + 1)))
                                   for _ in range(20)]:
            got = [(t.token_start, None, t.layer) for t in g.find_triggers(s, a, b)]
            ref = [(x, None, lay) for x, _, lay in _reference_triggers(g, s, a, b)]
            assert got == ref, (s, a, b)
            n += len(ref)
    assert n > 200


@pytest.fixture(scope="module")
def monkeypatch_gate():
    """Gate even short texts (the checks run below the length where they pay off)."""
    from geomap import rx
    old, rx._GATE_MIN = rx._GATE_MIN, 0
    yield
    rx._GATE_MIN = old


def test_required_literals():
    assert required_literals(re.compile(r"(?<![\w])[وفب]?امس(?![\w])")) == [frozenset({"امس"})]
    assert required_literals(re.compile(r"(?:19|20)\d\d")) == [frozenset({"19", "20"})]
    assert required_literals(re.compile(r"a(?:bc)+d")) == [frozenset({"bc"})]
    assert required_literals(re.compile(r"x?ab|cd")) == [frozenset({"ab", "cd"})]
    assert required_literals(re.compile(r"(?:ab)?c")) == []
    assert required_literals(re.compile(r"abc", re.IGNORECASE)) == []


@given(st.text(alphabet="abcd19 20x", max_size=60), st.integers(0, 70), st.integers(0, 70))
def test_gated_patterns_match_like_the_pattern(monkeypatch_gate, s, pos, endpos):
    for rx in (r"(?<![\w])[ab]?cd(?![\w])", r"(?:19|20)\d\d", r"a(?:bc)+d", r"x?ab|cd", r"(ab)c"):
        p = re.compile(rx)
        g = gated(p)
        assert [m.span() for m in g.finditer(s, pos, endpos)] == \
            [m.span() for m in p.finditer(s, pos, endpos)]
        a, b = g.search(s, pos, endpos), p.search(s, pos, endpos)
        assert (a and a.span()) == (b and b.span())


@given(st.lists(st.text(alphabet="أإآابةهىيكـَُِّ -'’Kh al-Asal\u200f", max_size=20), max_size=30))
def test_normalize_names_is_normalize_name(names):
    assert normalize_names(names) == [normalize_name(n) for n in names]
    assert normalize_names(names + ["a\nb"]) == [normalize_name(n) for n in names + ["a\nb"]]


# --- the on-disk cache -----------------------------------------------------------------
def test_cache_gives_the_built_gazetteer_and_index(tmp_path, monkeypatch):
    from geomap import index_cache as cache
    from geomap.gazetteer import store
    from geomap.toponyms import NameIndex
    monkeypatch.setenv("GEOMAP_CACHE_DIR", str(tmp_path))
    store._load_cached.cache_clear()
    built = store.load_gazetteer(user_files=False)          # builds and stores
    assert sorted(p.name.split("-")[0] for p in tmp_path.iterdir()) == ["gazetteer", "gazkeys"]
    store._load_cached.cache_clear()
    read = store.load_gazetteer(user_files=False)           # reads the entry
    assert read is not built and read.digest == built.digest
    assert callable(read._key_rows)                         # the keys are read on first lookup
    assert list(read) == list(built)
    names = [n for p in list(built)[::7] for n in p.names] + ["حلب", "Aleppo", "", "x y"]
    assert read._by_key_map is None
    assert [read.lookup(n) for n in names] == [built.lookup(n) for n in names]
    assert read._by_key_map is None                         # lookups made no list of all keys
    assert dict(read.keys()) == dict(built.keys())
    assert read.lookup("حلب") == built.lookup("حلب")
    lex = load_lexicon()
    a = NameIndex(built, lex)
    b = NameIndex(read, lex)                                 # from the cache
    assert len(list(tmp_path.glob("names-*"))) == 1
    assert b._raw == a._raw and b._raw == NameIndex(built.merged([]), lex)._raw
    hits = lambda ix: sorted(ix.iter("قصفت الطائرات بلدة كفرنبل في ريف إدلب"))  # noqa: E731
    assert hits(a) == hits(b)
    for p in tmp_path.glob("gazkeys-*"):                   # the keys' entry lost: made again
        p.unlink()
    store._load_cached.cache_clear()
    again = store.load_gazetteer(user_files=False)
    assert dict(again.keys()) == dict(built.keys()) and len(list(tmp_path.glob("gazkeys-*"))) == 1
    store._load_cached.cache_clear()
    assert cache.code_digest("toponyms") != cache.code_digest("arabic")


def test_automaton_read_from_the_cache_gives_the_built_one(tmp_path, monkeypatch):
    """The name automaton made from its cached state finds what the built one finds."""
    from geomap import toponyms
    from geomap.gazetteer import store
    monkeypatch.setenv("GEOMAP_CACHE_DIR", str(tmp_path))
    gaz = store.load_gazetteer(user_files=False)
    lex = load_lexicon()
    built = toponyms.NameIndex(gaz, lex)                     # builds and stores
    assert len(list(tmp_path.glob("automaton-*"))) == 1
    with monkeypatch.context() as m:
        m.setattr(toponyms, "_automaton", lambda raw: pytest.fail("built, not read"))
        read = toponyms.NameIndex(gaz, lex)                  # from the cached state
    plain = toponyms._automaton(read._raw)
    assert read._auto is not built._auto and len(read._auto) == len(plain) == len(read._raw)
    rnd = random.Random(5)
    keys = sorted(read._raw)
    texts = [f.read_text(encoding="utf-8") for f in sorted(SEEDS.glob("*.txt"))]
    texts += [" ".join(rnd.choice(keys) + rnd.choice(["", " و", "ب", "x"]) for _ in range(300))
              for _ in range(20)]
    n = 0
    for text in texts:
        t = normalize(text).text
        got = list(read.iter(t))
        assert got == list(plain.iter(t)) == list(built.iter(t))
        n += len(got)
    assert n > 5000
    assert sorted(read._auto.keys()) == keys


def test_lexicon_read_from_the_cache_gives_the_built_one(tmp_path, monkeypatch):
    """Every field of the lexicon read from the on-disk cache equals the built one's, with
    the same types and the same order (dicts, tuples)."""
    from dataclasses import fields

    from geomap import lexicon
    monkeypatch.setenv("GEOMAP_CACHE_DIR", str(tmp_path))
    lexicon._load_cached.cache_clear()
    try:
        built = lexicon.load_lexicon()                         # builds and stores
        assert len(list(tmp_path.glob("lexicon-*"))) == 1
        lexicon._load_cached.cache_clear()
        with monkeypatch.context() as m:
            m.setattr(lexicon, "_build", lambda folder: pytest.fail("built, not read"))
            read = lexicon.load_lexicon()
    finally:
        lexicon._load_cached.cache_clear()
    assert read is not built

    def same(a, b):
        assert type(a) is type(b), (a, b)
        if isinstance(a, dict):
            assert list(a) == list(b)
            for k in a:
                same(a[k], b[k])
        elif isinstance(a, (tuple, list)):
            assert len(a) == len(b)
            for x, y in zip(a, b):
                same(x, y)
        else:
            assert a == b
    for f in fields(built):
        same(getattr(built, f.name), getattr(read, f.name))
    assert read.actors and isinstance(read.actors[0], lexicon.ActorEntry)
    assert read.strip_clitics("وبالرقه") == built.strip_clitics("وبالرقه")


def test_cache_gives_the_frequency_table_read_from_its_file(tmp_path, monkeypatch):
    from geomap import commonness
    monkeypatch.setenv("GEOMAP_CACHE_DIR", str(tmp_path))
    path = commonness.table_path()
    built = commonness._Table(path)
    read = built._read_exact()
    assert built.exact == read                                # builds and stores
    assert [p.name.split("-")[1] for p in tmp_path.glob("frequencies-exact-*")] == ["exact"]
    again = commonness._Table(path)
    assert again.exact == read and again.exact is not built.exact   # reads the entry
    assert {repr(z) for z in again.exact.values()} == {repr(z) for z in read.values()}


def test_cache_entry_follows_the_data(tmp_path, monkeypatch):
    from geomap.index_cache import cached
    monkeypatch.setenv("GEOMAP_CACHE_DIR", str(tmp_path / "c"))
    calls = []

    def build(v):
        calls.append(v)
        return {"v": (v, 1.5, None, True)}
    assert cached("t", ["x"], lambda: build(1)) == {"v": (1, 1.5, None, True)}
    assert cached("t", ["x"], lambda: build(2)) == {"v": (1, 1.5, None, True)}   # read back
    assert cached("t", ["y"], lambda: build(3)) == {"v": (3, 1.5, None, True)}   # new data
    assert calls == [1, 3]
    entry = next((tmp_path / "c").glob("t-*"))
    entry.write_bytes(b"\x00garbage")                       # a damaged entry is rebuilt
    assert cached("t", ["x"], lambda: build(4)) == {"v": (4, 1.5, None, True)}


@pytest.mark.parametrize("setting", ["off", "file"])
def test_cache_off_or_unwritable(tmp_path, monkeypatch, setting):
    from geomap.index_cache import cached
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("x")
    monkeypatch.setenv("GEOMAP_CACHE_DIR", "off" if setting == "off" else str(blocker / "sub"))
    calls = []
    for _ in range(2):
        assert cached("t", ["x"], lambda: calls.append(1) or 7) == 7
    assert calls == [1, 1]


_NORM_ALPHABET = [chr(c) for c in range(0x20, 0x700)] + list(
    "\n\r\t\u2028\u200f\ufeff\ufefbﻻ–—ـًٌٍَُِّْ٠١٢۳") + ["\U0001F600"]


@given(st.text(alphabet=st.sampled_from(_NORM_ALPHABET), max_size=300))
def test_lookup_table_normaliser_gives_the_translate_path(text):
    import numpy as np

    from geomap import arabic
    fast = arabic.normalize(text)
    real = arabic._lookup
    arabic._lookup = lambda t: None          # the two str.translate calls it replaces
    try:
        slow = arabic.normalize(text)
    finally:
        arabic._lookup = real
    assert fast.text == slow.text
    assert np.array_equal(fast.offsets, slow.offsets) and fast.offsets.dtype == slow.offsets.dtype


def test_actor_prescan_gives_finditer():
    from geomap.actors import actor_patterns
    ap = actor_patterns(load_lexicon())
    rnd = random.Random(11)
    spellings = sorted(ap.by_pattern)
    texts = [normalize(f.read_text(encoding="utf-8")).text for f in sorted(SEEDS.glob("*.txt"))]
    for _ in range(200):
        texts.append(" ".join(rnd.choice(["", "و", "ب", "ال", "لل", "x", "وبال"])
                              + rnd.choice(spellings + ["في", "على", "،"]) for _ in range(20)))
    n = 0
    for s in texts:
        got = [m.span() for m in ap._starts.finditer(s)]
        assert got == [m.span() for m in ap.rx.finditer(s)], s
        n += len(got)
    assert n > 500


# --- geomap places: streamed, and in worker processes -----------------------------------
def _copies(folder, n):
    """*n* copies of the seed articles (with their metadata) under *folder*."""
    import shutil
    for i in range(n):
        d = folder / f"c{i:02d}"
        d.mkdir(parents=True)
        for f in SEEDS.iterdir():
            shutil.copyfile(f, d / f.name)
    return folder


def test_places_workers_give_the_same_output(tmp_path):
    import subprocess
    import sys

    from conftest import ROOT
    corpus = _copies(tmp_path / "in", 3)
    exe = [sys.executable, "-m", "geomap.cli", "places", str(corpus), "--json"]
    one = subprocess.run(exe, capture_output=True, text=True, cwd=ROOT, timeout=600)
    two = subprocess.run(exe + ["--workers", "2", "-o", str(tmp_path / "p.json")],
                         capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert one.returncode == 0 and two.returncode == 0, two.stderr
    assert one.stdout.count("\n") > 500
    assert (tmp_path / "p.json").read_text(encoding="utf-8") == one.stdout


def test_places_output_is_streamed(tmp_path):
    """The first article's mentions are out while later articles are still being read."""
    import subprocess
    import sys

    from conftest import ROOT
    corpus = _copies(tmp_path / "in", 40)
    proc = subprocess.Popen([sys.executable, "-m", "geomap.cli", "places", str(corpus), "--json"],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, cwd=ROOT)
    try:
        first = proc.stdout.readline()
        assert first.startswith(b"{")
        assert proc.poll() is None, "the whole output came at the end"
    finally:
        proc.kill()
        proc.wait()


def test_cache_keeps_the_newest_entries_and_needs_sources(tmp_path, monkeypatch):
    from geomap import index_cache as cache
    monkeypatch.setenv("GEOMAP_CACHE_DIR", str(tmp_path))
    for i in range(cache.KEEP + 3):
        cache.cached("k", [str(i)], lambda: i)
    assert len(list(tmp_path.glob("k-*"))) == cache.KEEP
    calls = []
    assert cache.cached("k", ["x", None], lambda: calls.append(1) or 5) == 5
    assert cache.cached("k", ["x", None], lambda: calls.append(1) or 5) == 5
    assert calls == [1, 1]          # a part that cannot be known: built every time
    assert cache.code_digest("no_such_module") is None


def test_offensive_tracker_takes_the_sentence_triggers_from_the_article():
    """The tracker's triggers of a sentence, taken from the article's one pass, are those a
    pass over the sentence finds (shifted to the article's offsets), also where a gapped
    phrase crosses a full stop (the sentence is read again there)."""
    from geomap.doc import Doc
    from geomap.events.grammar import grammar
    from geomap.events.offensives import OffensiveTracker
    from geomap.readers import Article
    lex = load_lexicon()
    g = grammar(lex)
    rnd = random.Random(11)
    words = [p for _, p, _ in lex.event_triggers][:300] + ["السيطرة", "على", "استعادة", "مؤخرا"]
    filler = ["على", "في", "بلدة", "و", "قوات", "امس", "،", ".", "\n", "!", "؟", " . ", "ـ"]
    texts = [f.read_text(encoding="utf-8") for f in sorted(SEEDS.glob("*.txt"))]
    texts += ["أعلنت القوات السيطرة مؤخرا. على بلدة عندان وقصف", "بعد استعادة السيطرة!\nعلى"]
    for _ in range(300):
        toks = [rnd.choice(["", "و", "ب", "ال", "وبال", "x", "«"]) + rnd.choice(words + filler)
                + rnd.choice(["", "", "ه", "ات", "َ", "."]) for _ in range(rnd.randint(1, 40))]
        texts.append(rnd.choice([" ", "  ", " \n"]).join(toks))
    n = reread = 0
    for text in texts:
        doc = Doc(Article("t", text))
        found = g.find_triggers(doc.nt.text)
        fast = OffensiveTracker(doc, g, None, frozenset(), found)
        for sp in doc.sentences():
            ns = doc.norm(sp.start, sp.end)
            i, j = doc.norm_bounds(sp.start, sp.end)
            assert doc.nt.text[i:j] == ns
            ref = [(t.start + i, t.end + i, t.layer, t.phrase, t.flags, t.token_start + i)
                   for t in g.find_triggers(ns)]
            got = [(t.start, t.end, t.layer, t.phrase, t.flags, t.token_start)
                   for t in fast._sentence_triggers(sp.start, sp.end, ns)]
            assert got == ref, (text, sp)
            n += len(ref)
            reread += any(t.token_start < j < t.end or t.token_start < i < t.end for t in found)
    assert n > 500 and reread > 0


def test_filters_and_qualifiers_with_the_words_found_once():
    """The resolver finds the words around a match once and gives them to trigger_of, judge
    and qualifier_of: the same answers as each finding them itself."""
    from geomap.gazetteer import load_gazetteer
    from geomap.resolve.filters import judge
    from geomap.toponyms import find_matches, name_index
    lex = load_lexicon()
    gaz = load_gazetteer()
    index = name_index(gaz, lex)
    rnd = random.Random(5)
    texts = [f.read_text(encoding="utf-8") for f in sorted(SEEDS.glob("*.txt"))]
    names = [n for p in list(gaz)[:400] for n in p.names[:2]]
    cues = ["قرية", "مدينة", "ريف", "شمال", "الشمالي", "في", "من", "مراسل", "قناة", "الشيخ",
            "مجلس", "العسكري", "عبد", "السورية", "الأمريكية", "،", ".", "(", "و"]
    for _ in range(150):
        toks = [rnd.choice(["", "و", "ب", "ال", "لل", "وب"]) + rnd.choice(names + cues)
                for _ in range(rnd.randint(1, 30))]
        texts.append(" ".join(toks) * rnd.choice([1, 12]))     # short (walked) and indexed
    n = 0
    for text in texts:
        nt = normalize(text)
        s = nt.text
        for m in find_matches(index, nt):
            if m.block:
                continue
            before = context.words_before(s, m.tok_start, 3)
            after = context.token_after(s, m.end)
            trig = context.trigger_of(lex, s, m)
            assert context.trigger_of(lex, s, m, before) == trig
            places = [gaz.get(i) for i in m.place_ids if i in gaz]
            assert judge(lex, nt, m, trig, places, before=before, after=after) == \
                judge(lex, nt, m, trig, places)
            assert context.qualifier_of(lex, s, m, trig, before=before, after=after) == \
                context.qualifier_of(lex, s, m, trig)
            n += 1
    assert n > 1000


_WINDOW_PATTERNS = (r"(?<![\w])[ab]?cd(?![\w])", r"(?:(x|ab)\s+)?(?<![\w])[ab]?(cd|dc)(?:\s+(a1))?(?![\w])",
                    r"(?<![\w])(?:19|20)\d\d(?!\d)", r"(?<![\w])a\s*b\s+(?:cd|dd)(?=\s*x)",
                    r"(?<![\w])(\d{1,2})\s+من\s+(?:شهر\s+)?(?:cd|ab)(?!\w)", r"(?<![\w])cd\s*\d(?!\d)")


@given(st.lists(st.sampled_from(["ab", "cd", "dc", "x", "a1", "19", "20", "0", "3", "من", "شهر",
                                 " ", " ", "\n", "  ", "\t", ".", "b"]), max_size=80))
@example(toks=["x", " "] * 8 + ["cd", " ", "3", "0", " ", "x", " ", "ab", " ", "cd", " ", "a1"])
def test_windowed_patterns_match_like_the_pattern(monkeypatch_gate, toks):
    """A pattern run only in windows around its literals gives the matches of finditer, on
    normalised-like text (one space between words) and on text with runs of whitespace
    (matched whole)."""
    from geomap.rx import _Windowed, windowed
    for s in ("".join(toks), " ".join(toks), normalize("".join(toks)).text):
        for rx in _WINDOW_PATTERNS:
            p = re.compile(rx)
            w = windowed(p)
            assert isinstance(w, _Windowed)
            assert [(m.span(), m.groups()) for m in w.finditer(s)] == \
                [(m.span(), m.groups()) for m in p.finditer(s)], (rx, s)


def test_windowed_date_patterns_match_like_the_pattern(monkeypatch_gate):
    """The date patterns run in windows (geomap.dates) give finditer's matches on the seeds,
    a timeline and generated date phrases."""
    from geomap import dates
    from geomap.rx import _Windowed
    pat = dates._patterns(load_lexicon())
    lex = load_lexicon()
    rnd = random.Random(3)
    words = [*lex.weekdays, *lex.months, *lex.ordinals, "يوم", "اليوم", "ليل", "صباح", "شهر",
             "الشهر", "نفسه", "ذاته", "نفس", "الماضي", "الجاري", "الحالي", "المقبل", "من", "في",
             "عام", "العام", "منذ", "2015", "1998", "3", "18", "و", "،", ".", "الاحد", "قبل"]
    texts = [normalize(f.read_text(encoding="utf-8")).text for f in sorted(SEEDS.glob("*.txt"))]
    for _ in range(200):
        toks = [rnd.choice(["", "", "و", "ب", "في ", "x"]) + rnd.choice(words)
                for _ in range(rnd.randint(1, 60))]
        texts.append(normalize(" ".join(toks)).text)
    n = 0
    for name in sorted(dates._WINDOWED):
        w = getattr(pat, name)
        assert isinstance(w, _Windowed), name
        for s in texts:
            got = [(m.span(), m.groups()) for m in w.finditer(s)]
            assert got == [(m.span(), m.groups()) for m in w.pattern.finditer(s)], (name, s)
            n += len(got)
    assert n > 300


def test_name_trigger_prescan_and_tanween_skip():
    """The resolver's name-trigger matcher (tried only where a trigger's token starts) gives
    its pattern's finditer, and the tanween filter, which skips a text without a tanween
    mark, answers as the check of the name's last characters."""
    from geomap.resolve import Resolver
    from geomap.resolve import filters
    from geomap.toponyms import find_matches
    r = Resolver()
    lex = r.lexicon
    rnd = random.Random(9)
    words = sorted(lex.name_triggers) + ["دوماً", "دومًا", "عنيفاً", "حلب", "و", "،", "x"]
    texts = [f.read_text(encoding="utf-8") for f in sorted(SEEDS.glob("*.txt"))]
    for _ in range(150):
        texts.append(" ".join(rnd.choice(["", "و", "ب", "وب", "ال", "لل", "x"]) + rnd.choice(words)
                              for _ in range(rnd.randint(1, 40))))
    n = 0
    for text in texts:
        nt = normalize(text)
        got = [m.span() for m in r._name_trigger_rx.finditer(nt.text)]
        assert got == [m.span() for m in r._name_trigger_rx.pattern.finditer(nt.text)]
        n += len(got)
        for m in find_matches(r.index, nt):
            a, b = nt.span(m.start, m.end)
            assert filters._has_tanween(nt, m) == \
                any(c in filters._TANWEEN for c in nt.original[max(a, b - 3):b])
    assert n > 100


@given(_texts, st.integers(0, 400))
def test_sentence_bounds_gives_the_walk(s, pos):
    pos = min(pos, len(s))
    a = pos
    while a > 0 and s[a - 1] not in ".!?؟\n":
        a -= 1
    assert context.sentence_bounds(s, pos)[0] == a



def test_offset_gives_geopy_destination():
    """geometry.offset and distance_km call geographiclib themselves: the same floats as
    geopy's geodesic."""
    from geopy.distance import geodesic

    from geomap.geometry import COUNTRYSIDE_KM, distance_km, offset
    rnd = random.Random(16)
    cases = [(36.2, 37.15, 90.0, 5.0), (0.0, 0.0, 0.0, 0.0), (-0.0, -0.0, 270.0, 1.0),
             (89.9, 179.9, 45.0, 40.0), (-89.9, -179.9, 225.0, 40.0), (35.0, 200.0, 10.0, 3.0),
             (35.0, -540.0, 350.0, 3.0), (33.5, 36.3, -45.0, 12.5), (33.5, 36.3, 720.0, 12.5)]
    for _ in range(3000):
        cases.append((rnd.uniform(32.0, 37.5), rnd.uniform(35.5, 42.5),
                      rnd.choice([rnd.uniform(0, 360), 30 * rnd.randrange(12), rnd.uniform(-400, 800)]),
                      rnd.choice([*COUNTRYSIDE_KM, rnd.uniform(0, 50), rnd.uniform(0, 2000)])))
    for lat, lon, bearing, km in cases:
        d = geodesic(kilometers=km).destination((lat, lon), bearing)
        p = offset(lat, lon, bearing, km)
        assert (repr(p.x), repr(p.y)) == (repr(d.longitude), repr(d.latitude)), (lat, lon, bearing, km)
        q = (rnd.uniform(32.0, 37.5), rnd.uniform(35.5, 42.5))
        for a, b in (((lat, lon), q), ((p.y, p.x), (lat, lon)), ((lat, lon), (lat, lon))):
            assert repr(distance_km(a, b)) == repr(geodesic(a, b).km), (a, b)


def test_wordfreq_version_is_importlib_metadata_s():
    """The name-index cache key reads wordfreq's version from its dist-info folder's name."""
    from importlib.metadata import version

    from geomap.commonness import wordfreq_version
    assert wordfreq_version() == version("wordfreq")


def test_writers_imported_while_workers_read(tmp_path, monkeypatch):
    """With worker processes, the writers are imported in a thread started once the workers
    exist; the outputs are those of a build in one process."""
    import multiprocessing
    import shutil

    from geomap import pipeline
    src = tmp_path / "in"
    for i in range(4):
        shutil.copytree(SEEDS, src / f"r{i}")
    seen = []
    real = pipeline._import_meanwhile

    def spy(names):
        seen.append((tuple(names), len(multiprocessing.active_children())))
        real(names)
    monkeypatch.setattr(pipeline, "_import_meanwhile", spy)
    one = pipeline.build([src], tmp_path / "one", progress=False)
    assert seen == []
    two = pipeline.build([src], tmp_path / "two", progress=False, workers=2)
    assert seen == [(pipeline.WRITER_MODULES, 2)]
    assert not any(t.is_alive() for t in pipeline._IMPORTING)
    assert two.events == one.events > 0
    for f in pipeline.OUTPUT_FILES:
        assert (tmp_path / "two" / f).read_bytes() == (tmp_path / "one" / f).read_bytes(), f


def test_toll_precheck_gives_the_patterns_answer(monkeypatch):
    """Grammar.may_kill (rx.AnyOf) skips a clause only when no toll pattern can match it:
    the toll of every clause of the seeds and of generated clauses is the one the patterns
    give without it."""
    from geomap.events import grammar as gm
    from geomap.pipeline import Pipeline
    from geomap.rx import AnyOf
    lex = load_lexicon()
    g = gm.grammar(lex)
    seen = []
    real = gm.Grammar._fatalities_of
    monkeypatch.setattr(gm.Grammar, "_fatalities_of",
                        lambda self, norm: seen.append(norm) or real(self, norm))
    g._fatalities.clear()
    p = Pipeline()
    for f in sorted(SEEDS.glob("*.txt")):
        p(f.read_text(encoding="utf-8"))
    rnd = random.Random(11)
    fat = lex.fatalities
    words = [w for k in ("kill", "killed", "victims", "toll", "perished", "several", "about")
             for w in fat[k]] + list(lex.numbers) + ["5", "12", "لقي", "مقتله", "عشرات", "شخصين",
                                                     "و", "في", "الغارات", "قوات", "،", "x",
                                                     "قتلوا", "قضوا", "رجلا", "واحدا", "قتل",
                                                     "علي الاقل", "طفل", "اصيب"]
    texts = seen + [" ".join(rnd.choice(words) for _ in range(rnd.randint(1, 14)))
                    for _ in range(3000)]
    assert len(seen) > 100
    always = AnyOf([])
    always.always = True
    kept = skipped = tolls = 0
    for t in texts:
        got = real(g, t)
        tolls += got is not None
        with monkeypatch.context() as m:
            m.setattr(g, "may_kill", always)
            assert got == real(g, t), t
        if g.may_kill.may_match(t):
            kept += 1
        else:
            skipped += 1
            assert got is None
    assert kept > 300 and skipped > 300 and tolls > 100


def test_seats_are_the_gazetteer_lookups():
    """Resolver._seats searches the Syrian towns for the governorates' names: the seats that
    gazetteer.lookup gives."""
    from geomap.gazetteer.model import ADMIN1_AR
    from geomap.resolve import Resolver
    r = Resolver()
    want = {}
    for a1, ar in ADMIN1_AR.items():
        cands = [p for p in r.gazetteer.lookup(ar) if p.in_syria and p.admin1 == a1
                 and p.kind in ("city", "town")]
        if cands:
            want[a1] = min(cands, key=lambda p: (p.kind != "city", p.id))
    assert len(want) >= 10 and r._seats() == want


def test_places_json_lines_are_the_encoded_dicts():
    """geomap places --json puts each line together from the place's fields encoded once:
    the same bytes as encoding the mention's dict."""
    from geomap import cli
    from geomap.resolve import Resolver
    r = Resolver()
    texts = [f.read_text(encoding="utf-8") for f in sorted(SEEDS.glob("*.txt"))]
    texts.append("قصف على قرية زززز وبلدة ططط في ريف حلب الشمالي، وطريق دمشق - بغداد")
    n, kinds = 0, set()
    for i, t in enumerate(texts):
        name = f'd/{i}"\\ «ملف».txt'
        fj = cli._JSON_LINE.encode(name)
        for m in r.find(t):
            want = cli._JSON_LINE.encode({"file": name, **m.to_dict()})
            assert cli._json_line(fj, m) == want
            assert cli._json_line(fj, m) == want          # the place's cached fields
            n += 1
            kinds.add("scored" if m.score is not None else "unresolved" if m.place is None
                      else "plain")
    assert n > 200 and kinds == {"scored", "unresolved", "plain"}
