"""Is this match a place?  Named rules against words that only look like places.

:func:`judge` gives each match a verdict: ``YES`` (a place), ``NO`` (a word, an
organisation, a person...), or ``NEEDS_CONTEXT`` / ``NEEDS_LIST`` (a minor place
whose name is also a common word: it is a place only if the text around it
says so — a list of places it stands in, or other places of the article nearby;
see :mod:`.resolver`).  Each rule has a name (:mod:`geomap.switches`) and can be
switched off for ``geomap eval --ablate``.
"""

from __future__ import annotations

from ..arabic import NormalizedText, normalize_name
from ..commonness import zipf
from ..gazetteer.model import ADMIN1_AR, Place
from ..lexicon import Lexicon
from ..settings import CLITIC_WORD_ZIPF, COMMON_ZIPF, CONSTRUCT_ZIPF, MAJOR_KINDS, VERY_COMMON_ZIPF
from ..switches import register
from ..toponyms import Match
from .context import token_after, words_before

__all__ = ["judge", "is_major", "YES", "NO", "NEEDS_CONTEXT", "NEEDS_LIST", "ADJECTIVE_OR_LIST"]

YES, NO, NEEDS_CONTEXT, NEEDS_LIST = "yes", "no", "needs-context", "needs-list"
#: a definite name after a definite word: an adjective, unless that word is a place (a list)
ADJECTIVE_OR_LIST = "adjective-or-list"

CLITIC_WORD = register("filter.clitic_word", "a frequent word is one word, not a clitic plus a "
                       "name: وزارة is not و + the village زارة")
MEDIA = register("filter.media", "a channel's name next to مراسل, قناة or a verb of saying is "
                 "the channel: مراسل الميادين")
HOMOGRAPH_STRICT = register("filter.homograph_strict", "names that are common words (الشيخ, "
                            "البعث) need a trigger, a direction or ريف")
HOMOGRAPH_LOCATIVE = register("filter.homograph_locative", "names that are common words "
                              "(الباب, سورية) need a trigger, a locative or a preposition")
COMMON_WORD = register("filter.common_word", "a minor place whose name is a frequent word "
                       "(جديدة, عنيفة) needs a trigger, a locative, a list of places or places "
                       "nearby; a very frequent one (بداية, حالات) a trigger or a list")
TRIGGER_MISMATCH = register("filter.trigger_mismatch", "a frequent word after a place word "
                            "(قاعدة جديدة، مطار رئيسي) is its adjective when no place of that "
                            "name is of the kind the word announces")
TANWEEN = register("filter.tanween", "a word written with tanween (دوماً, عنيفاً) is not a name")
ADJECTIVE = register("filter.adjective", "a definite word right after a definite noun is its "
                     "adjective: الأراضي السورية, بالطرق السلمية, المنطقة الشرقية")
FOREIGN_ADJECTIVE = register("filter.foreign_adjective", "a Syrian name followed by a foreign "
                             "nationality adjective is a common noun: السفيرة الأمريكية")
ORGANISATION = register("filter.organisation", "مجلس X العسكري, لواء X الحر: an organisation "
                        "named after a place")
UNIT_NUMBER = register("filter.unit_number", "اللواء 47, الفرقة 17: a formation's word followed by "
                       "its number is a military unit, though a village bears the word as its name")
CONSTRUCT = register("filter.construct", "a minor place whose name is a common word, followed "
                     "by a definite noun, is that word in a construct: سفيرة الولايات المتحدة")
VERB = register("filter.verb_homograph", "a name that is also a present-tense verb (تدمر) is "
                "the verb when a clause opens with a definite noun phrase and goes on to an object: "
                "الدفاعات الجوية تدمر صاروخين")
ADVERB = register("filter.adverb_homograph", "a name that is also an adverb (دوما) is the "
                  "adverb after a verb of saying or before أن/إن: قلنا دوما إن")
PERSON = register("filter.person", "a name after a person's title (المتحدث، العقيد) or a first "
                  "name, or before بن / عبد…, is a person's: رامي عبد الرحمن, سمير القنطار")

_GOVERNORATE_SEATS = {normalize_name(n): a1 for a1, n in ADMIN1_AR.items()}
_TANWEEN = frozenset("\u064b\u064c\u064d")


def is_major(p: Place) -> bool:
    """Places whose names are read as places even when they are common words.

    Syrian cities, governorates and their seats, regions, rivers, ranges and
    lakes (risky ones are listed in the lexicon instead), and every foreign row
    (the gazetteer holds only countries, capitals and large cities abroad).
    """
    if p.in_syria:
        return p.kind in MAJOR_KINDS or (p.kind in ("city", "town") and
                                         _GOVERNORATE_SEATS.get(normalize_name(p.name_ar)) == p.admin1)
    return True       # the foreign rows are countries, capitals and large cities


def _definite(lex: Lexicon, word: str) -> bool:
    """The word carries the article (after any proclitics: الطرق, بالطرق, والمدينة)."""
    clitic, rest = lex.strip_clitics(word)
    return clitic.endswith("ال") or clitic == "لل" or clitic.endswith("لل")


def _nisba(core: str) -> bool:
    """The name has the shape of a relative adjective (السورية، السلمية، الشرقي): a major
    place of that shape after a definite noun is read as its adjective."""
    return core.endswith(("يه", "ي")) and " " not in core


#: Honorifics that open a person's name ("الشيخ عبد الله", "الحاج محمد"), normalised.
_HONORIFICS = frozenset({"الشيخ", "الشيخه", "السيد", "السيده", "الحاج", "الحاجه"})


#: (the original text last asked about, whether it holds a tanween mark at all)
_TEXT_TANWEEN: tuple = (None, False)


def _has_tanween(nt: NormalizedText, m: Match) -> bool:
    """The original text of the name ends with a tanween mark (ً ٌ ٍ), possibly before
    or after its final alef: دوماً, دومًا."""
    global _TEXT_TANWEEN
    text = nt.original
    last = _TEXT_TANWEEN
    if last[0] is not text:           # most articles have none: asked once per text
        last = _TEXT_TANWEEN = (text, any(c in text for c in _TANWEEN))
    if not last[1]:
        return False
    a, b = nt.span(m.start, m.end)
    return any(c in _TANWEEN for c in text[max(a, b - 3):b])


#: Complementizers after a verb of saying ("قال إن"), normalised.
_COMPLEMENTIZERS = frozenset({"ان", "انه", "انها", "اننا", "انهم", "انني"})
#: The past stem of "to say" with a subject suffix (قلنا، قلت، قالوا).
_SAID = frozenset({"قلنا", "قلت", "قالوا", "قلتم", "نقول", "اقول", "يقولون", "تقول", "يقول"})


def _said(word: str) -> bool:
    return word in _SAID or word[:1] in "وف" and word[1:] in _SAID


def judge(lex: Lexicon, nt: NormalizedText, m: Match, trigger: str, places: list[Place],
          off: frozenset[str] = frozenset(), *, before: list[str] | None = None,
          after: tuple[int, int] | None = None) -> str:
    """The verdict on one match: YES, NO, NEEDS_CONTEXT or NEEDS_LIST.

    *before* and *after*, when the caller has them: ``words_before(nt.text, m.tok_start,
    3)`` and ``token_after(nt.text, m.end)``."""
    s = nt.text
    full = m.key
    if before is None:
        before = words_before(s, m.tok_start, 3)
    prev = lex.strip_clitics(before[0])[1] if before else ""
    prev_raw = before[0] if before else ""
    a, b = token_after(s, m.end) if after is None else after
    nxt = s[a:b]
    major = any(is_major(p) for p in places)
    cue = bool(trigger) or prev in lex.directions or prev in lex.countryside
    # "وزارة" is a word, not "و" + a village "زارة"
    bare_prefix = m.prefix and not m.prefix.endswith("ال") and m.prefix not in ("لل", "ولل", "فلل")
    if bare_prefix and " " not in m.core and CLITIC_WORD not in off:
        if s[m.tok_start:m.end] in lex.given_names:
            return NO     # "بكري" is a first name, not ب + the village كري
        ta, tb = nt.span(m.tok_start, m.end)
        na, nb = nt.span(m.start, m.end)
        name_z = zipf(nt.original[na:nb])
        tok = nt.original[ta:tb]
        # the whole token, or the token without a shorter clitic ("ولجأت" = و + لجأت), is a
        # word more frequent than the name
        for k in range(0, len(m.prefix)):
            tz = zipf(tok[k:])
            if tz >= COMMON_ZIPF and tz > name_z + 0.5 or tz >= CLITIC_WORD_ZIPF and tz > name_z:
                return NO
    if full in lex.media_homographs and MEDIA not in off:
        if any(lex.strip_clitics(w)[1] in lex.media for w in before):
            return NO
        if m.prefix.rstrip("ال") in ("ل", "لل", "ول") or m.prefix in ("لل", "ولل"):
            if prev in lex.speech or prev in lex.media:
                return NO
    if TANWEEN not in off and not trigger and _has_tanween(nt, m):
        return NO
    after_locative = prev_raw in lex.locative or prev in lex.locative or prev in lex.triggers
    if full in lex.verb_homographs and VERB not in off and not trigger and not m.prefix \
            and not after_locative and nxt and nxt not in lex.directions \
            and nxt not in lex.nationalities and nxt not in lex.function_words:
        clause = words_before(s, m.tok_start, 4)
        if 1 <= len(clause) <= 3 and all(_definite(lex, w) for w in clause):
            return NO     # "الدفاعات الجوية تدمر صاروخين": the verb "destroys"
    if full in lex.adverb_homographs and ADVERB not in off and not trigger and not m.prefix \
            and not after_locative and (nxt in _COMPLEMENTIZERS or prev in lex.speech
                                        or prev_raw in lex.speech or _said(prev_raw)):
        return NO         # "قلنا دوما إنه": the adverb "always"
    if ORGANISATION not in off and (prev_raw in lex.organisation_heads or prev in
                                    lex.organisation_heads) and nxt in lex.organisation_tails:
        return NO
    if UNIT_NUMBER not in off and not trigger and nxt.isdigit() and m.core in lex.organisation_heads:
        return NO         # "اللواء 47": the 47th Brigade, not the village اللواء
    if PERSON not in off and not trigger and (
            prev_raw in lex.person_titles or nxt in lex.person_after or prev_raw in lex.given_names
            or (nxt.startswith("عبد") and len(nxt) > 3)):
        return NO
    if PERSON not in off and not trigger and prev_raw not in lex.locative \
            and prev not in lex.locative and " " in full:
        # "قال الشيخ عبد الله الحسن": an honorific and a first name, though a village has
        # that name too
        first, second = full.split(" ", 1)
        second = second.split(" ")[0]
        if first in _HONORIFICS and (second.startswith("عبد") or second in lex.given_names):
            return NO
    if FOREIGN_ADJECTIVE not in off and not trigger and all(p.in_syria for p in places):
        cc = lex.nationalities.get(nxt)
        if cc and cc != "SY":
            return NO
    written_article = not m.prefix and m.article and s.startswith("ال", m.start)
    if ADJECTIVE not in off and not cue and written_article and _definite(lex, prev_raw) \
            and prev_raw not in lex.locative and prev not in lex.triggers \
            and prev_raw not in lex.function_words and prev not in lex.directions \
            and (not major or _nisba(m.core)):
        return ADJECTIVE_OR_LIST   # decided by the resolver: a place just before it lifts it
    if trigger and not major and " " not in m.core and TRIGGER_MISMATCH not in off:
        kinds = lex.triggers.get(trigger)
        if kinds and not any(p.kind in kinds for p in places):
            na, nb = nt.span(m.start, m.end)
            if zipf(nt.original[na:nb]) >= COMMON_ZIPF:
                return NO     # "قاعدة جديدة": a new base, not a base named جديدة
    if full in lex.homographs_strict and HOMOGRAPH_STRICT not in off:
        return YES if cue else NO
    clitic_prep = m.prefix[:1] in ("ب", "ل") or m.prefix[:2] in ("وب", "ول", "فب")
    if (full in lex.homographs_locative or full in lex.media_homographs) \
            and HOMOGRAPH_LOCATIVE not in off:
        return YES if cue or prev in lex.locative or clitic_prep else NEEDS_LIST
    if " " not in m.core and not major and COMMON_WORD not in off:
        na, nb = nt.span(m.start, m.end)
        z = zipf(nt.original[na:nb])
        if z >= CONSTRUCT_ZIPF and not cue and CONSTRUCT not in off and not written_article \
                and not m.prefix.endswith("ال") and lex.strip_clitics(nxt)[0] == "ال" \
                and nxt not in lex.directions and nxt not in lex.nationalities:
            return NO     # "سفيرة الولايات المتحدة": a common noun in a construct
        if z >= VERY_COMMON_ZIPF:
            return YES if cue else NEEDS_LIST
        if z >= COMMON_ZIPF:
            return YES if cue or prev in lex.strong_locative else NEEDS_CONTEXT
    return YES

