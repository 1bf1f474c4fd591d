"""Resolve place mentions in a text to gazetteer entries.

:func:`find_places` runs the whole chain on one text: normalise, find names
(:mod:`geomap.toponyms`), drop non-place uses, pick one entry per mention
with the context a careful analyst would use, and report unknown names that a
trigger word announces ("قرية X") as unresolved mentions.

Disambiguation, in order of weight:

* Syrian entries before foreign ones, unless a nationality adjective follows
  ("الموصل العراقية");
* the governorate named by "ريف X" / "محافظة X" in the same sentence;
* distance to the unambiguous places of the same text;
* the kind suggested by a trigger word (قرية → village, مطار → airbase...);
* a kind prior (governorate, city, town, village...).
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field, replace

from .arabic import NormalizedText, is_word_char, normalize, normalize_name
from .commonness import CLITIC_WORD_ZIPF, COMMON_ZIPF, zipf
from .gazetteer.model import ADMIN1_AR, Place
from .gazetteer.store import Gazetteer, load_gazetteer
from .lexicon import (
    ADJ_COUNTRY, COUNTRYSIDE, DIRECTIONS, FUNCTION_WORDS, HOMOGRAPHS_LOCATIVE,
    HOMOGRAPHS_STRICT, JOINABLE, LOCATIVE, MEDIA_HOMOGRAPHS, MEDIA_WORDS, NAME_TRIGGERS,
    PLURAL_TRIGGERS, ROUTE_TRIGGERS, SPEECH_WORDS, STOP_NAMES, STRONG_LOCATIVE, TRIGGER_KINDS,
    TRIGGERS,
    strip_clitics,
)
from .toponyms import Match, find_matches, name_index

__all__ = ["Mention", "find_places", "Resolver", "text_chunks", "CHUNK_CHARS"]

#: Texts longer than this are resolved chunk by chunk.
CHUNK_CHARS = 200_000


def text_chunks(text: str, size: int) -> list[tuple[int, int]]:
    """Cut *text* into spans of about *size* characters, at a line end when there is
    one, else at a space (never inside a word)."""
    spans, a, n = [], 0, len(text)
    while a < n:
        b = min(n, a + size)
        if b < n:
            cut = text.rfind("\n", a + size // 2, b)
            if cut < 0:
                cut = text.rfind(" ", a + size // 2, b)
            b = cut + 1 if cut >= 0 else b
        spans.append((a, b))
        a = b
    return spans

_KIND_PRIOR = {
    "country": 1.2, "governorate": 1.1, "city": 1.0, "region": 0.8, "town": 0.7,
    "district": 0.5, "airbase": 0.6, "dam": 0.6, "military_site": 0.6, "camp": 0.55,
    "village": 0.5, "crossing": 0.5, "mountain": 0.45, "river": 0.45, "lake": 0.45,
    "road": 0.45, "oilfield": 0.45, "neighbourhood": 0.4, "subdistrict": 0.3,
    "checkpoint": 0.4, "landmark": 0.4, "foreign_city": 0.9,
}
_MAJOR_KINDS = frozenset({"country", "governorate", "city", "region", "river", "mountain", "lake"})
_GOVERNORATE_SEATS = frozenset(normalize_name(n) for n in ADMIN1_AR.values())


def _is_major(p: Place) -> bool:
    """Places whose names are read as places even when they are common words.

    Syrian cities, governorates and their seats, regions, rivers, ranges and
    lakes (risky ones are listed in :mod:`geomap.lexicon` instead), and the
    curated foreign rows (countries and capitals).
    """
    if p.in_syria:
        return p.kind in _MAJOR_KINDS or normalize_name(p.name_ar) in _GOVERNORATE_SEATS
    return ".gn" not in p.id


def _nearest_km(p: Place, anchors: list[Place]) -> float:
    """Great-circle distance (km) from *p* to the nearest anchor (haversine; a
    ranking feature, so the sphere is precise enough)."""
    lat1, lon1 = math.radians(p.lat), math.radians(p.lon)
    best = math.inf
    for a in anchors:
        lat2, lon2 = math.radians(a.lat), math.radians(a.lon)
        h = math.sin((lat2 - lat1) / 2) ** 2 + \
            math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
        best = min(best, 12742.0 * math.asin(min(1.0, math.sqrt(h))))
    return best


#: A whole token that is a name trigger, with its clitics ("وبلدة", "قريتي").
_NAME_TRIGGER_RX = re.compile(r"(?<!\w)(?:[وفبلك]|وب|ول|فب|فل)?(?:" +
                              "|".join(sorted(NAME_TRIGGERS, key=len, reverse=True)) + r")(?!\w)")
_SENT_END = re.compile(r"[.!?؟\n]")
_DIRECTION_EN = {"الشمالي": "north", "الجنوبي": "south", "الشرقي": "east", "الغربي": "west"}
_DIRECTION_NOUN = {"شمال": "north", "جنوب": "south", "شرق": "east", "غرب": "west",
                   "شمالي": "north", "جنوبي": "south", "شرقي": "east", "غربي": "west"}


@dataclass(frozen=True, slots=True)
class Mention:
    """One place mention in a text.

    Attributes
    ----------
    start, end : int
        Offsets of the name in the original text (``text[start:end] == surface``).
    surface : str
        The name as written (clitics before it are not included).
    place : Place or None
        The resolved entry; None for an unresolved name.
    candidates : int
        How many entries the name could denote.
    trigger : str
        The trigger word before the name ("قرية", "ريف"...), normalised, or "".
    qualifier : str
        ``countryside``, ``countryside:north`` ... when the text speaks of the
        area around the place ("ريف الرقة الشمالي"), ``route`` for a route
        named by its ends, else "".
    note : str
        Why a mention is unresolved or how it was resolved.
    """

    start: int
    end: int
    surface: str
    place: Place | None
    candidates: int = 0
    trigger: str = ""
    qualifier: str = ""
    note: str = ""

    @property
    def resolved(self) -> bool:
        """True when the mention has a gazetteer entry."""
        return self.place is not None

    def to_dict(self) -> dict:
        """JSON-ready dict (the ``geomap places --json`` record, without ``file``)."""
        p = self.place
        return {
            "start": self.start, "end": self.end, "surface": self.surface,
            "place_id": p.id if p else None,
            "name_en": p.name_en if p else None,
            "name_ar": p.name_ar if p else None,
            "lat": p.lat if p else None, "lon": p.lon if p else None,
            "kind": p.kind if p else ("road" if self.qualifier == "route" else None),
            "admin1": p.admin1 if p else None,
            "in_syria": p.in_syria if p else True,
            "precision": p.precision if p else None,
            "trigger": self.trigger or None, "qualifier": self.qualifier or None,
            "candidates": self.candidates, "note": self.note or None,
        }


# ---------------------------------------------------------------------------
# token helpers on normalised text
# ---------------------------------------------------------------------------

def _token_before(s: str, pos: int) -> tuple[int, int]:
    """Span of the word token ending before *pos*, skipping spaces and quotes."""
    i = pos
    while i > 0 and not is_word_char(s[i - 1]):
        if s[i - 1] in ".!?؟\n:؛;":
            return i, i
        i -= 1
    j = i
    while j > 0 and is_word_char(s[j - 1]):
        j -= 1
    return j, i


def _token_after(s: str, pos: int) -> tuple[int, int]:
    """Span of the word token starting after *pos*, skipping spaces and quotes."""
    n = len(s)
    i = pos
    while i < n and not is_word_char(s[i]):
        if s[i] in ".!?؟\n:؛;()،,":
            return i, i
        i += 1
    j = i
    while j < n and is_word_char(s[j]):
        j += 1
    return i, j


def _words_before(s: str, pos: int, k: int) -> list[str]:
    out = []
    for _ in range(k):
        a, b = _token_before(s, pos)
        if a == b:
            break
        out.append(s[a:b])
        pos = a
    return out


def _sentence_bounds(s: str, pos: int) -> tuple[int, int]:
    a = pos
    while a > 0 and s[a - 1] not in ".!?؟\n":
        a -= 1
    m = _SENT_END.search(s, pos)
    return a, (m.start() if m else len(s))


@dataclass
class _Cand:
    match: Match
    ids: list[str]
    trigger: str = ""
    qualifier: str = ""
    country_hint: str = ""
    places: list[Place] = field(default_factory=list)


class Resolver:
    """Find and resolve the places of texts against one gazetteer.

    Parameters
    ----------
    gazetteer : Gazetteer, optional
        Defaults to :func:`~geomap.gazetteer.load_gazetteer`.
    """

    def __init__(self, gazetteer: Gazetteer | None = None):
        self.gazetteer = gazetteer if gazetteer is not None else load_gazetteer()
        self.index = name_index(self.gazetteer)

    # -- context -----------------------------------------------------------
    def _trigger(self, s: str, m: Match) -> str:
        if m.prefix and m.prefix not in ("و", "ف"):
            return ""   # "بالرقة" has its own preposition, not a trigger before it
        a, b = _token_before(s, m.tok_start)
        if a == b:
            return ""
        _, word = strip_clitics(s[a:b])
        return word if word in TRIGGERS else ""

    def _is_place_use(self, nt: NormalizedText, m: Match, trigger: str,
                      places: list[Place]) -> bool:
        """Apply the homograph, media and common-word rules to one match."""
        s = nt.text
        full = m.key
        before = _words_before(s, m.tok_start, 3)
        prev = strip_clitics(before[0])[1] if before else ""
        # "وزارة" is a word, not "و" + a village "زارة"
        bare_prefix = m.prefix and not m.prefix.endswith("ال") and m.prefix not in ("لل", "ولل", "فلل")
        if bare_prefix and " " not in m.core:
            ta, tb = nt.span(m.tok_start, m.end)
            na, nb = nt.span(m.start, m.end)
            tok_z = zipf(nt.original[ta:tb])
            if tok_z >= CLITIC_WORD_ZIPF and tok_z > zipf(nt.original[na:nb]) + 0.5:
                return False
        if full in MEDIA_HOMOGRAPHS:
            if any(strip_clitics(w)[1] in MEDIA_WORDS for w in before):
                return False
            if m.prefix.rstrip("ال") in ("ل", "لل", "ول") or m.prefix in ("لل", "ولل"):
                if prev in SPEECH_WORDS or prev in MEDIA_WORDS:
                    return False
        cue = bool(trigger) or prev in DIRECTIONS or prev in COUNTRYSIDE
        if full in HOMOGRAPHS_STRICT:
            return cue
        clitic_prep = m.prefix[:1] in ("ب", "ل") or m.prefix[:2] in ("وب", "ول", "فب")
        if full in HOMOGRAPHS_LOCATIVE or full in MEDIA_HOMOGRAPHS:
            return cue or prev in LOCATIVE or clitic_prep
        if " " not in m.core and not any(_is_major(p) for p in places):
            na, nb = nt.span(m.start, m.end)
            if zipf(nt.original[na:nb]) >= COMMON_ZIPF:
                return cue or prev in STRONG_LOCATIVE
        return True

    def _qualifier(self, s: str, m: Match, trigger: str) -> str:
        """"ريف X الشمالي" / "الريف الشمالي لـX" -> countryside[:direction]."""
        direction = ""
        a, b = _token_after(s, m.end)
        nxt = s[a:b]
        if nxt in _DIRECTION_EN:
            direction = _DIRECTION_EN[nxt]
            a2, b2 = _token_after(s, b)
            if s[a2:b2] in ("الشرقي", "الغربي") and direction in ("north", "south"):
                direction += s[a2:b2] == "الشرقي" and "east" or "west"
        if trigger in ("ريف", "ريفي"):
            return "countryside" + (f":{direction}" if direction else "")
        if direction and m.core.startswith("ريف "):
            return f"part:{direction}"   # ريف دمشق الشرقي: eastern part of Rif Dimashq
        # الريف الشمالي للرقة / الريف الجنوبي لمدينة تل أبيض
        words = _words_before(s, m.tok_start, 3)
        # "شمال مدينة الرقة", "جنوبي الرقة": the area on that side of the place
        lead = words[1] if words and strip_clitics(words[0])[1] in ("مدينه", "بلده", "قريه") \
            and len(words) > 1 else (words[0] if words else "")
        if lead not in _DIRECTION_NOUN:
            clitic, bare = strip_clitics(lead)
            lead = "" if clitic.endswith("ال") else bare
        if lead in _DIRECTION_NOUN and not m.prefix:
            return f"direction:{_DIRECTION_NOUN[lead]}"
        stripped = [strip_clitics(w)[1] for w in words]
        if m.prefix.startswith(("ل", "لل")) or (stripped and stripped[0] in ("مدينه", "بلده")):
            for i, w in enumerate(words[:3]):
                if w in _DIRECTION_EN and i + 1 < len(words) and strip_clitics(words[i + 1])[1] in ("ريف",):
                    return f"countryside:{_DIRECTION_EN[w]}"
        return ""

    # -- scoring -----------------------------------------------------------
    def _score(self, p: Place, c: _Cand, admin_hints: Counter, anchors: list[Place]) -> float:
        score = _KIND_PRIOR.get(p.kind, 0.3)
        if p.in_syria:
            score += 5.0
        if c.country_hint:
            score += 8.0 if p.country == c.country_hint else -8.0
        if p.in_syria and p.admin1 and admin_hints:
            score += 3.0 * admin_hints[p.admin1] / max(admin_hints.values())
        if anchors and p.in_syria:
            d = _nearest_km(p, anchors)
            score += 2.0 * (1.0 - min(d, 300.0) / 300.0)
        kinds = TRIGGER_KINDS.get(c.trigger, frozenset())
        if kinds and p.kind in kinds:
            score += 1.5
        if not p.id.startswith(("gn.", "xx.")):
            score += 0.2  # curated rows carry checked variants
        return score

    # -- main --------------------------------------------------------------
    def find(self, text: str) -> list[Mention]:
        """Find and resolve every place mention in *text*.

        Parameters
        ----------
        text : str
            Article text (any length: very long texts are read in chunks of
            about :data:`CHUNK_CHARS` characters cut at line ends, so memory
            stays bounded).

        Returns
        -------
        list of Mention
            In text order; unresolved names have ``place`` None.
        """
        if len(text) <= CHUNK_CHARS:
            return self._find(text)
        out: list[Mention] = []
        for a, b in text_chunks(text, CHUNK_CHARS):
            out.extend(replace(m, start=m.start + a, end=m.end + a) for m in self._find(text[a:b]))
        return out

    def _find(self, text: str) -> list[Mention]:
        nt = normalize(text)
        s = nt.text
        gaz = self.gazetteer
        cands: list[_Cand] = []
        blocks: list[Match] = []
        for m in find_matches(self.index, nt):
            if m.block:
                blocks.append(m)
                continue
            if m.key in STOP_NAMES:
                continue
            trigger = self._trigger(s, m)
            places = [gaz.get(i) for i in m.place_ids if i in gaz]
            if not places or not self._is_place_use(nt, m, trigger, places):
                continue
            a, b = _token_after(s, m.end)
            hint = ADJ_COUNTRY.get(s[a:b], "")
            c = _Cand(m, list(m.place_ids), trigger, self._qualifier(s, m, trigger), hint)
            c.places = places
            cands.append(c)

        cands = self._group_routes(s, cands)

        # anchors: the distinct places of mentions with one Syrian reading
        anchors = list({c.places[0].id: c.places[0] for c in cands
                        if len(c.places) == 1 and c.places[0].in_syria
                        and c.places[0].kind != "country"}.values())
        out: list[Mention] = []
        starts = [c.match.start for c in cands]
        for c in cands:
            if c.qualifier == "route":
                a, b = nt.span(c.match.start, c.match.end)
                out.append(Mention(a, b, text[a:b], None, len(c.places), c.trigger, "route",
                                   "route or area named by its end points; not in the gazetteer"))
                continue
            if len(c.places) == 1:
                p = c.places[0]
                a, b = nt.span(c.match.start, c.match.end)
                out.append(Mention(a, b, text[a:b], p, 1, c.trigger, c.qualifier, ""))
                continue
            sa, sb = _sentence_bounds(s, c.match.start)
            hints: Counter = Counter()
            countries: set[str] = set()
            lo, hi = bisect_left(starts, sa), bisect_left(starts, sb)
            for o in cands[lo:hi]:
                if o is not c and len(o.places) == 1:
                    p = o.places[0]
                    if p.in_syria and p.admin1:
                        hints[p.admin1] += 2 if o.trigger in ("ريف", "ريفي", "محافظه") else 1
                    elif not p.in_syria and p.kind == "country":
                        countries.add(p.country)
            if not c.country_hint and len(countries) == 1 and len(c.places) > 1:
                c.country_hint = next(iter(countries))
            best = max(c.places, key=lambda p: (self._score(p, c, hints, anchors), p.id))
            a, b = nt.span(c.match.start, c.match.end)
            note = "" if len(c.places) == 1 else f"chosen among {len(c.places)} entries by context"
            out.append(Mention(a, b, text[a:b], best, len(c.places), c.trigger, c.qualifier, note))

        out.extend(self._unresolved(nt, cands, blocks))
        out.sort(key=lambda m: (m.start, m.end))
        return out

    def _group_routes(self, s: str, cands: list[_Cand]) -> list[_Cand]:
        """Merge "طريق X Y" / "مثلث X Y Z" runs of names into one route mention."""
        out: list[_Cand] = []
        i = 0
        while i < len(cands):
            c = cands[i]
            a, b = _token_before(s, c.match.tok_start)
            word = strip_clitics(s[a:b])[1] if a < b else ""
            j = i
            if word in ROUTE_TRIGGERS:
                while j + 1 < len(cands):
                    gap = s[cands[j].match.end:cands[j + 1].match.tok_start]
                    if gap.strip(" -–") == "" or gap.strip() in ("و",):
                        j += 1
                    else:
                        break
            if j > i:
                last = cands[j]
                m = Match(a, a, last.match.end, "", "", (), False)
                grp = _Cand(m, [], word, "route")
                grp.places = [p for k in range(i, j + 1) for p in cands[k].places]
                out.append(grp)
                # "مثلث تل أبيض - الفرقة 17 - عين عيسى": the corners are places of
                # their own.  When an end is foreign ("طريق دمشق بغداد", "مثلث
                # بغداد الأردن دمشق") the names are destinations of a Syrian
                # road or junction, and none of them locates it.
                members = cands[i:j + 1]
                if all(any(p.in_syria for p in mc.places) for mc in members):
                    for mc in members:
                        mc.places = [p for p in mc.places if p.in_syria]
                        mc.qualifier = "route-end"
                        out.append(mc)
                i = j + 1
            else:
                out.append(c)
                i += 1
        return out

    def _unresolved(self, nt: NormalizedText, cands: list[_Cand], blocks: list[Match]) -> list[Mention]:
        """Names announced by a trigger ("قرية X") that the gazetteer lacks."""
        s = nt.text
        covered = bytearray(len(s) + 1)
        for a_, b_ in [(c.match.tok_start, c.match.end) for c in cands] + \
                [(b.tok_start, b.end) for b in blocks]:
            covered[a_:b_] = b"\x01" * (b_ - a_)
        out = []
        for tm in _NAME_TRIGGER_RX.finditer(s):
            a, b = tm.start(), tm.end()
            clitic, word = strip_clitics(s[a:b])
            if word not in NAME_TRIGGERS or clitic.endswith("ال"):
                continue
            names = self._names_after(s, b, plural=word in PLURAL_TRIGGERS)
            for (na, nb) in names:
                if any(covered[na:nb]):
                    continue
                oa, ob = nt.span(na, nb)
                out.append(Mention(oa, ob, nt.original[oa:ob], None, 0, word, "",
                                   f"name after '{word}' not found in the gazetteer"))
                covered[na:nb] = b"\x01" * (nb - na)
        return out

    def _names_after(self, s: str, pos: int, plural: bool) -> list[tuple[int, int]]:
        def plausible(tok: str) -> bool:
            return (len(tok) >= 2 and not tok.isdigit() and tok not in FUNCTION_WORDS
                    and strip_clitics(tok)[1] not in TRIGGERS
                    and strip_clitics(tok)[1] not in FUNCTION_WORDS
                    and all("\u0600" <= ch <= "\u06FF" for ch in tok))
        a, b = _token_after(s, pos)
        if a == b or not plausible(s[a:b]):
            return []
        end = b
        if s[a:b] in JOINABLE:
            a2, b2 = _token_after(s, b)
            if a2 < b2 and plausible(s[a2:b2]) and s[b:a2].strip() == "":
                end = b2
        spans = [(a, end)]
        if plural:
            a3, b3 = _token_after(s, end)
            tok = s[a3:b3]
            if tok.startswith("و") and len(tok) > 3 and plausible(tok[1:]) and s[end:a3].strip() == "":
                spans.append((a3 + 1, b3))
        return spans


def find_places(text: str, gazetteer: Gazetteer | None = None) -> list[Mention]:
    """Find and resolve the places named in *text*.

    Parameters
    ----------
    text : str
        Arabic (or mixed) text.
    gazetteer : Gazetteer, optional
        Defaults to the bundled gazetteer plus user imports.

    Returns
    -------
    list of Mention

    Examples
    --------
    >>> [m.place.name_en for m in find_places("غارات على مدينة الرقة") if m.place]
    ['Raqqa']
    """
    return Resolver(gazetteer).find(text)
