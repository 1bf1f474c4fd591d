"""Is this match a place?  Named rules against words that only look like places.

Each rule has a name (:mod:`geomap.switches`) and can be switched off for
``geomap eval --ablate``.
"""

from __future__ import annotations

from ..arabic import NormalizedText, normalize_name
from ..commonness import zipf
from ..gazetteer.model import ADMIN1_AR, Place
from ..lexicon import Lexicon
from ..settings import CLITIC_WORD_ZIPF, COMMON_ZIPF, MAJOR_KINDS
from ..switches import register
from ..toponyms import Match
from .context import words_before

__all__ = ["is_place_use", "is_major"]

CLITIC_WORD = register("filter.clitic_word", "a frequent word is one word, not a clitic plus a "
                       "name: وزارة is not و + the village زارة")
MEDIA = register("filter.media", "a channel's name next to مراسل, قناة or a verb of saying is "
                 "the channel: مراسل الميادين")
HOMOGRAPH_STRICT = register("filter.homograph_strict", "names that are common words (الشيخ, "
                            "البعث) need a trigger, a direction or ريف")
HOMOGRAPH_LOCATIVE = register("filter.homograph_locative", "names that are common words "
                              "(الباب, سورية) need a trigger, a locative or a preposition")
COMMON_WORD = register("filter.common_word", "a minor place whose name is a frequent word "
                       "(جديدة) needs a trigger or a strong locative")

_GOVERNORATE_SEATS = frozenset(normalize_name(n) for n in ADMIN1_AR.values())


def is_major(p: Place) -> bool:
    """Places whose names are read as places even when they are common words.

    Syrian cities, governorates and their seats, regions, rivers, ranges and
    lakes (risky ones are listed in the lexicon instead), and the curated
    foreign rows (countries and capitals).
    """
    if p.in_syria:
        return p.kind in MAJOR_KINDS or normalize_name(p.name_ar) in _GOVERNORATE_SEATS
    return p.curated


def is_place_use(lex: Lexicon, nt: NormalizedText, m: Match, trigger: str, places: list[Place],
                 off: frozenset[str] = frozenset()) -> bool:
    """Apply the homograph, media and common-word rules to one match."""
    s = nt.text
    full = m.key
    before = words_before(s, m.tok_start, 3)
    prev = lex.strip_clitics(before[0])[1] if before else ""
    # "وزارة" is a word, not "و" + a village "زارة"
    bare_prefix = m.prefix and not m.prefix.endswith("ال") and m.prefix not in ("لل", "ولل", "فلل")
    if bare_prefix and " " not in m.core and CLITIC_WORD not in off:
        ta, tb = nt.span(m.tok_start, m.end)
        na, nb = nt.span(m.start, m.end)
        tok_z = zipf(nt.original[ta:tb])
        if tok_z >= CLITIC_WORD_ZIPF and tok_z > zipf(nt.original[na:nb]) + 0.5:
            return False
    if full in lex.media_homographs and MEDIA not in off:
        if any(lex.strip_clitics(w)[1] in lex.media for w in before):
            return False
        if m.prefix.rstrip("ال") in ("ل", "لل", "ول") or m.prefix in ("لل", "ولل"):
            if prev in lex.speech or prev in lex.media:
                return False
    cue = bool(trigger) or prev in lex.directions or prev in lex.countryside
    if full in lex.homographs_strict and HOMOGRAPH_STRICT not in off:
        return cue
    clitic_prep = m.prefix[:1] in ("ب", "ل") or m.prefix[:2] in ("وب", "ول", "فب")
    if (full in lex.homographs_locative or full in lex.media_homographs) \
            and HOMOGRAPH_LOCATIVE not in off:
        return cue or prev in lex.locative or clitic_prep
    if " " not in m.core and not any(is_major(p) for p in places) and COMMON_WORD not in off:
        na, nb = nt.span(m.start, m.end)
        if zipf(nt.original[na:nb]) >= COMMON_ZIPF:
            return cue or prev in lex.strong_locative
    return True
