"""Normalisation keeps offsets and makes news spellings meet gazetteer spellings."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from geomap.arabic import normalize, normalize_name


@pytest.mark.parametrize("a, b", [
    ("حَلَب", "حلب"),                      # diacritics
    ("الرقـــة", "الرقه"),                 # tatweel, ta marbuta
    ("إدلب", "ادلب"), ("أريحا", "اريحا"), ("آل", "ال"),   # hamza / madda on alef
    ("مدينة حماة", "مدينه حماه"),
    ("عيسى", "عيسي"),                      # alef maqsura
    ("مؤتة", "موته"), ("بئر", "بير"),
    ("٦٥ كم", "65 كم"), ("۲۷", "27"),      # Arabic-Indic and Persian digits
    ("کوباني", "كوباني"), ("دیر", "دير"),  # Persian letter forms
    ("Tall Abyaḑ", "tall abyad"), ("Khan al-Asal", "khan al asal"), ("Kobanî", "kobani"),
])
def test_normalize_name_equivalences(a, b):
    assert normalize_name(a) == normalize_name(b) == b


def test_whitespace_and_dashes_collapse():
    assert normalize("دمشق  –  بغداد").text == "دمشق بغداد"
    assert normalize("\n حلب \t").text == "حلب"


def test_offsets_point_into_original():
    text = "وبالرَّقَّةِ ، كفرحمرة"
    nt = normalize(text)
    i = nt.text.index("رقه")
    a, b = nt.span(i, i + 3)
    assert text[a:b] == "رَّقَّةِ"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("حلبالرقةَُِّـ أإآىيةه٠١٢ -–\n«»ABCéx")), max_size=60))
def test_normalize_idempotent_and_offsets_monotonic(text):
    nt = normalize(text)
    assert normalize(nt.text).text == nt.text
    assert len(nt.offsets) == len(nt.text) + 1
    assert list(nt.offsets) == sorted(nt.offsets)
    assert all(0 <= o <= len(text) for o in nt.offsets)
    for i in range(len(nt.text)):
        a, b = nt.span(i, i + 1)
        # the original slice normalises to the same character
        assert normalize(text[a:b]).text.strip() in (nt.text[i], "") or nt.text[i] == " "


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80))
def test_any_unicode_normalizes(text):
    nt = normalize(text)
    assert len(nt.offsets) == len(nt.text) + 1


def _normalize_reference(text):
    """The plain per-character definition of normalize() (the fast one is vectorised)."""
    from geomap.arabic import _map_char
    out, offs = [], []
    for i, ch in enumerate(text):
        for m in _map_char(ch):
            if m in " \n":
                if not out:
                    continue               # no space or line end at the start
                if out[-1] in " \n":      # inside a run of spaces: a line end wins, kept once
                    if m == "\n" and out[-1] == " ":
                        out[-1], offs[-1] = "\n", i
                    continue
            out.append(m)
            offs.append(i)
    if out and out[-1] in " \n":
        out.pop()
        offs.pop()
    return "".join(out), offs + [len(text)]


@settings(max_examples=400, deadline=None)
@given(st.text(max_size=80) | st.text(alphabet=st.sampled_from(list("حلب الرَّقَّةُ  ـ\n\tﻻ٣ä-–")), max_size=60))
def test_fast_normalize_equals_reference(text):
    nt = normalize(text)
    ref_text, ref_offs = _normalize_reference(text)
    assert nt.text == ref_text
    assert [int(x) for x in nt.offsets] == ref_offs
