"""Resolve the place mentions of a text to gazetteer entries.

:meth:`Resolver.find` runs the whole chain on one text: normalise, find names
(:mod:`geomap.toponyms`), drop non-place uses (:mod:`.filters`), pick one entry
per mention by the named features of :mod:`.features`, and report unknown names
that a trigger word announces ("قرية X") as unresolved mentions.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field, replace

from ..arabic import NormalizedText, normalize, normalize_name, normalize_names
from ..commonness import zipf
from ..gazetteer.model import ADMIN1_AR, Place
from ..gazetteer.store import Gazetteer, load_gazetteer
from ..lexicon import Lexicon, load_lexicon
from ..rx import WordStarts
from ..settings import CHUNK_CHARS, CONSTRUCT_ZIPF, GENERIC_LANDMARK_KM, ISOLATED_KM
from ..switches import register
from ..toponyms import Match, find_matches, name_index
from .context import (qualifier_of, sentence_bounds, token_after, token_before, trigger_of,
                      words_before)
from .features import ScoreContext, nearest_km, score
from .filters import ADJECTIVE_OR_LIST, NEEDS_CONTEXT, NEEDS_LIST, NO, YES, is_major, judge
from .model import NO_QUALIFIER, Mention, Qualifier

__all__ = ["Resolver", "find_places", "text_chunks"]

#: The governorates' names (their seats share them), as keys: "حلب تركيا" keeps Aleppo.
_SEATS = frozenset(normalize_name(v) for v in ADMIN1_AR.values())
OF_COUNTRY = register("filter.of_country", "a common word right before a foreign country's name "
                      "is a noun in a construct: سفيرة الولايات المتحدة is not the town Safira")
NON_PLACE = register("recognise.non_place_phrases", "phrases that hide the place names inside "
                     "them: قوات سوريا الديمقراطية, درع الفرات")
QUALIFIERS = register("context.qualifiers", "ريف X الشمالي, شمال مدينة X: the countryside or "
                      "one side of a place")
ROUTES = register("context.routes", "طريق X Y, مثلث X - Y - Z: a route or area named by its "
                  "ends; foreign ends never give a point")
SENTENCE_COUNTRY = register("context.sentence_country", "a sentence that names one foreign "
                            "country hints that ambiguous names are there")
LIST = register("context.list", "a name in a list with a place (X وY، Z) is a place too: "
                "قصفت الطائرات حماة وإدلب ودرعا")
CUE_WORDS = register("recognise.cue_words", "a gazetteer name that is a trigger, locative or "
                     "function word (a village called مدينة) is never a place by itself")
GOVERNORATES = register("context.governorates", "محافظتي X وY: the governorates of those names; "
                        "عاصمة محافظة X: its seat city")
OPTIONAL_ARTICLE = register("recognise.optional_article", "Syrian names are found with or "
                            "without the article where usage varies: باسوطة / الباسوطة, "
                            "أم حوش / أم الحوش, مطار التيفور / مطار تيفور")
GENERIC_LANDMARKS = register("context.generic_landmarks", "a name every city has (القصر "
                             "الجمهوري، المطار الدولي) is the gazetteer's landmark only near "
                             "another place the article names")
ISOLATED = register("context.isolated", "a minor imported village without a trigger, far "
                    "from every other place of the article, is a word, not that village")
UNKNOWN_NAMES = register("recognise.unknown_names", "a name after قرية/بلدة/مخيم… that the "
                         "gazetteer lacks is reported, unresolved")


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


@dataclass
class _Cand:
    match: Match
    ids: list[str]
    trigger: str = ""
    qualifier: Qualifier = NO_QUALIFIER
    country_hint: str = ""
    places: list[Place] = field(default_factory=list)
    verdict: str = YES


def _sure(c: _Cand) -> Place | None:
    """The reading of a mention that needs no context: its only candidate, or its only
    well-known one (a city among namesake villages)."""
    if len(c.places) == 1:
        return c.places[0]
    majors = [p for p in c.places if is_major(p)]
    return majors[0] if len(majors) == 1 else None


class Resolver:
    """Find and resolve the places of texts against one gazetteer.

    Parameters
    ----------
    gazetteer : Gazetteer, optional
        Defaults to :func:`~geomap.gazetteer.load_gazetteer`.
    lexicon : Lexicon, optional
        Defaults to the bundled lexicons.
    off : frozenset of str
        Names of rules and features switched off (:mod:`geomap.switches`).
    """

    def __init__(self, gazetteer: Gazetteer | None = None, lexicon: Lexicon | None = None,
                 off: frozenset[str] = frozenset()):
        self.gazetteer = gazetteer if gazetteer is not None else load_gazetteer()
        self.lexicon = lexicon if lexicon is not None else load_lexicon()
        self.off = frozenset(off)
        self.index = name_index(self.gazetteer, self.lexicon, OPTIONAL_ARTICLE not in self.off)
        lex = self.lexicon
        #: a whole token that is a name trigger, with its clitics ("وبلدة", "قريتي"); tried
        #: only where a trigger's token starts (the matches of its finditer)
        self._name_trigger_rx = WordStarts(re.compile(
            r"(?<!\w)(?:[وفبلك]|وب|ول|فب|فل)?(?:" +
            "|".join(sorted(lex.name_triggers, key=len, reverse=True)) + r")(?!\w)"),
            lex.name_triggers, 2)

    def with_off(self, off: frozenset[str]) -> Resolver:
        """The same resolver with the rules in *off* switched off."""
        return Resolver(self.gazetteer, self.lexicon, off)

    # -- main --------------------------------------------------------------
    def find(self, text: str) -> list[Mention]:
        """Find and resolve every place mention in *text*.

        Parameters
        ----------
        text : str
            Article text (any length: very long texts are read in chunks of
            about :data:`~geomap.settings.CHUNK_CHARS` characters cut at line ends,
            so memory stays bounded).

        Returns
        -------
        list of Mention
            In text order; unresolved names have ``place`` None.
        """
        if len(text) <= CHUNK_CHARS:
            return self.resolve_normalized(normalize(text))
        out: list[Mention] = []
        for a, b in text_chunks(text, CHUNK_CHARS):
            out.extend(replace(m, start=m.start + a, end=m.end + a)
                       for m in self.resolve_normalized(normalize(text[a:b])))
        return out

    def resolve(self, doc) -> list[Mention]:
        """The mentions of a :class:`~geomap.doc.Doc` (its text normalised once)."""
        return self.resolve_normalized(doc.nt)

    def resolve_normalized(self, nt: NormalizedText) -> list[Mention]:
        """The mentions of a text already normalised."""
        lex, off = self.lexicon, self.off
        text = nt.original
        s = nt.text
        gaz = self.gazetteer
        cands: list[_Cand] = []
        blocks: list[Match] = []
        for m in find_matches(self.index, nt, blocks=NON_PLACE not in off):
            if m.block:
                blocks.append(m)
                continue
            if CUE_WORDS not in off and " " not in m.core and self._is_cue_word(m.core):
                continue
            # the words around the match, found once for the trigger, the filters and the
            # qualifiers
            before = words_before(s, m.tok_start, 3)
            trigger = trigger_of(lex, s, m, before)
            places = [gaz.get(i) for i in m.place_ids if i in gaz]
            if not places:
                continue
            after = token_after(s, m.end)
            verdict = judge(lex, nt, m, trigger, places, off, before=before, after=after)
            if verdict == NO:
                continue
            a, b = after
            hint = lex.nationalities.get(s[a:b], "")
            qual = qualifier_of(lex, s, m, trigger, before=before, after=after) \
                if QUALIFIERS not in off else NO_QUALIFIER
            c = _Cand(m, list(m.place_ids), trigger, qual, hint)
            c.places = places
            c.verdict = verdict
            cands.append(c)

        if ROUTES not in off:
            cands = self._group_routes(s, cands)
        cands = self._weigh_evidence(s, cands)
        if GOVERNORATES not in off:
            self._governorates(s, cands)

        if GENERIC_LANDMARKS not in off:
            cands = self._generic_landmarks(cands)
        # anchors: the distinct places of mentions with one sure Syrian reading
        sure = {id(c): _sure(c) for c in cands}
        anchors = list({p.id: p for p in sure.values()
                        if p is not None and p.in_syria and p.kind != "country"}.values())
        out: list[Mention] = []
        starts = [c.match.start for c in cands]
        for c in cands:
            if c.qualifier.kind == "route":
                a, b = nt.span(c.match.start, c.match.end)
                out.append(Mention(a, b, text[a:b], None, len(c.places), c.trigger, c.qualifier,
                                   "route or area named by its end points; not in the gazetteer"))
                continue
            if len(c.places) == 1:
                p = c.places[0]
                a, b = nt.span(c.match.start, c.match.end)
                out.append(Mention(a, b, text[a:b], p, 1, c.trigger, c.qualifier, ""))
                continue
            sa, sb = sentence_bounds(s, c.match.start)
            hints: Counter = Counter()
            countries: set[str] = set()
            lo, hi = bisect_left(starts, sa), bisect_left(starts, sb)
            for o in cands[lo:hi]:
                p = sure[id(o)]
                if o is not c and p is not None:
                    if p.in_syria and p.admin1:
                        hints[p.admin1] += 2 if o.trigger in ("ريف", "ريفي", "محافظه") else 1
                    elif not p.in_syria and p.kind == "country":
                        countries.add(p.country)
            if not c.country_hint and len(countries) == 1 and len(c.places) > 1 \
                    and SENTENCE_COUNTRY not in off:
                c.country_hint = next(iter(countries))
            ctx = ScoreContext(lex.triggers.get(c.trigger, frozenset()), c.country_hint, hints,
                               anchors, off)
            scored = sorted(((score(p, ctx), p) for p in c.places),
                            key=lambda sp: (sp[0].total, sp[1].id), reverse=True)
            best_score, best = scored[0]
            a, b = nt.span(c.match.start, c.match.end)
            note = f"chosen among {len(c.places)} entries by context"
            out.append(Mention(a, b, text[a:b], best, len(c.places), c.trigger, c.qualifier, note,
                               best_score, tuple((p, sc) for sc, p in scored[1:6])))

        if UNKNOWN_NAMES not in off:
            out.extend(self._unresolved(nt, cands, blocks))
        out.sort(key=lambda m: (m.start, m.end))
        if OF_COUNTRY not in off:
            out = self._of_country(text, out)
        if ISOLATED not in off:
            out = self._isolated(out)
        return out

    @staticmethod
    def _isolated(out: list[Mention]) -> list[Mention]:
        """A minor imported village named without a trigger (قرية، بلدة) and far from every
        other Syrian place of the article is a word that happens to be a village's name
        ("طبقة" a class, "القبو" the basement): reports that name an obscure village name
        places around it too.  Needs at least two other places to judge by."""
        placed = [m for m in out if m.place is not None and m.place.in_syria
                  and m.place.kind != "country"]
        distinct = {m.place.id: m.place for m in placed}
        drop = set()
        for m in placed:
            p = m.place
            if m.trigger or p.curated or is_major(p):
                continue
            others = [q for pid, q in distinct.items() if pid != p.id]
            if len(others) >= 2 and nearest_km(p, others) > ISOLATED_KM:
                drop.add(id(m))
        return [m for m in out if id(m) not in drop] if drop else out

    def _generic_landmarks(self, cands: list[_Cand]) -> list[_Cand]:
        """"القصر الجمهوري", "المطار الدولي": every capital has one, so such a name is the
        gazetteer's landmark only when the article names another place within
        GENERIC_LANDMARK_KM of it (its city, a nearby district); among several (the airports
        of Damascus and Aleppo) the ones near such a place stay, and with none the name is
        dropped — a palace in Khartoum is not Damascus's."""
        generic = [c for c in cands if c.match.key in self.lexicon.generic_landmarks]
        if not generic:
            return cands
        others = [p for c in cands if c.match.key not in self.lexicon.generic_landmarks
                  for p in c.places if p.in_syria and p.kind not in ("country", "region")]
        drop = set()
        for c in generic:
            near = [p for p in c.places if p.in_syria and others
                    and nearest_km(p, others) <= GENERIC_LANDMARK_KM]
            if near:
                c.places = near
                c.ids = [p.id for p in near]
            else:
                drop.add(id(c))
        return [c for c in cands if id(c) not in drop]

    def _of_country(self, text: str, out: list[Mention]) -> list[Mention]:
        """"سفيرة الولايات المتحدة", "وزيرة خارجية فرنسا": a Syrian name that is a common word,
        right before a foreign country's name and without a trigger, is a noun in a construct
        with that country ("the ambassador of …"), not a place."""
        drop = set()
        for m, n in zip(out, out[1:]):
            if m.place is None or not m.place.in_syria or m.trigger or " " in m.surface.strip() \
                    or n.place is None or n.place.in_syria or n.place.kind != "country":
                continue
            if normalize_name(m.surface) in _SEATS:
                continue      # "حلب تركيا": a governorate's seat named before a country
            before = normalize_name(text[max(0, m.start - 12):m.start]).split()[-1:]
            if before and (before[0] in self.lexicon.locative or
                           self.lexicon.strip_clitics(before[0])[1] in self.lexicon.locative):
                continue      # "من منبج تركيا": a place after a locative
            if text[m.end:n.start].strip() == "" and zipf(m.surface) >= CONSTRUCT_ZIPF:
                drop.add(id(m))
        return [m for m in out if id(m) not in drop] if drop else out

    def _governorates(self, s: str, cands: list[_Cand]) -> None:
        """"محافظة X" written apart from the name ("محافظتي القنيطرة ودرعا", "محافظة مدينة X"):
        the governorate of that name; a dual or plural trigger carries over its list; and
        "عاصمة محافظة X" / "مركز محافظة X" is the seat city of the governorate."""
        lex = self.lexicon
        govs = self._governorate_rows()
        carry = ""
        for i, c in enumerate(cands):
            trig = c.trigger
            if not trig and carry and i > 0 and self._listed(s, cands[i - 1], c, conjunction=True):
                trig = carry
            carry = trig if trig in lex.plural_triggers else ""
            kinds = lex.triggers.get(trig, frozenset())
            if kinds == frozenset({"governorate"}) and not any(p.kind == "governorate"
                                                              for p in c.places):
                g = govs.get(normalize_name(c.match.key))
                if g is not None:
                    c.places = [g]
            if any(p.kind == "governorate" for p in c.places) and len(c.places) == 1:
                words = words_before(s, c.match.tok_start, 2)
                lead = [lex.strip_clitics(w)[1] for w in words]
                if len(lead) >= 1 and lead[0] in ("عاصمه", "مركز") or \
                        len(lead) >= 2 and lead[0] in ("محافظه",) and lead[1] in ("عاصمه", "مركز"):
                    seat = self._seats().get(c.places[0].admin1)
                    if seat is not None:
                        c.places = [seat]

    def _governorate_rows(self) -> dict[str, Place]:
        if not hasattr(self, "_govs"):
            rows = {p.admin1: p for p in self.gazetteer if p.kind == "governorate" and p.in_syria}
            self._govs = {}
            for a1, ar in ADMIN1_AR.items():
                if a1 in rows:
                    self._govs[normalize_name(ar)] = rows[a1]
        return self._govs

    def _seats(self) -> dict[str, Place]:
        """Governorate (admin1) -> its seat: the city (else town) of the governorate's name.
        The Syrian cities and towns are searched for the names themselves, which gives what
        ``gazetteer.lookup`` gives without making its lists of all 43,000 name keys."""
        if not hasattr(self, "_seat_rows"):
            self._seat_rows = {}
            towns = [p for p in self.gazetteer if p.in_syria and p.kind in ("city", "town")
                     and p.admin1 in ADMIN1_AR]
            names = [[n for n in p.names if n] for p in towns]
            keys = iter(normalize_names([n for ns in names for n in ns]))
            by_key: dict[str, list[Place]] = {}
            for p, ns in zip(towns, names):
                for k in {next(keys) for _ in ns}:
                    by_key.setdefault(k, []).append(p)
            for a1, ar in ADMIN1_AR.items():
                cands = [p for p in by_key.get(normalize_name(ar), ()) if p.admin1 == a1]
                if cands:
                    self._seat_rows[a1] = min(cands, key=lambda p: (p.kind != "city", p.id))
        return self._seat_rows

    def _is_cue_word(self, core: str) -> bool:
        lex = self.lexicon
        return core in lex.triggers or core in lex.locative or core in lex.function_words \
            or core in lex.directions or core in lex.countryside or core in lex.route \
            or ("ال" + core) in lex.function_words or ("ال" + core) in lex.directions

    @staticmethod
    def _listed(s: str, a: _Cand, b: _Cand, conjunction: bool = False) -> bool:
        """*a* and *b* (in this order) stand next to each other in a list of names
        (with *conjunction*: joined by و, not a comma only)."""
        gap = s[a.match.end:b.match.tok_start]
        if len(gap) > 8:
            return False
        seps = ("،", ",", "-", "ـ", "/")
        rest = gap
        for ch in (*seps, "(", ")", "«", "»", '"'):
            rest = rest.replace(ch, " ")
        words = rest.split()
        if not all(w == "و" for w in words):
            return False
        if conjunction:
            return bool(words) or b.match.prefix.startswith("و")
        return bool(words) or any(ch in gap for ch in seps) or b.match.prefix.startswith("و")

    @staticmethod
    def _list_gap(gap: str) -> bool:
        """The text between two names of a list: separators, and at most two other items
        ("، وصلخد و")."""
        toks = gap.replace("،", " ، ").replace(",", " ، ").split()
        items = [t for t in toks if t not in ("،", "و")]
        if len(items) > 2 or not any(t in ("،", "و") or t.startswith("و") for t in toks):
            return not toks and False
        return all(t.startswith("و") or t in ("،",) or len(t) > 1 for t in toks)

    def _weigh_evidence(self, s: str, cands: list[_Cand]) -> list[_Cand]:
        """Decide the matches the filters left open: an adjective unless a place stands just
        before it; a common-word name only when it stands in a list with a place.  (Counting
        a common-word name because the article names a place near it was tried and lowered
        every figure of the dev set: with ten thousand villages, some namesake of a common
        word is always near.)"""
        off = self.off
        for i, c in enumerate(cands):
            if c.verdict == ADJECTIVE_OR_LIST:
                prev = cands[i - 1] if i > 0 else None
                c.verdict = YES if prev is not None and prev.verdict == YES and \
                    self._listed(s, prev, c) else NO
        if LIST not in off:
            # "مدن السويداء وصلخد وشهبا": a dual or plural trigger vouches for its whole list
            # (an item the gazetteer lacks may stand between two it knows)
            for i, c in enumerate(cands):
                if c.trigger not in self.lexicon.plural_triggers or c.verdict != YES:
                    continue
                for k in range(i + 1, len(cands)):
                    gap = s[cands[k - 1].match.end:cands[k].match.tok_start]
                    if not self._list_gap(gap):
                        break
                    if cands[k].verdict in (NEEDS_LIST, NEEDS_CONTEXT):
                        cands[k].verdict = YES
        changed = LIST not in off
        while changed:
            changed = False
            for i, c in enumerate(cands):
                if c.verdict not in (NEEDS_LIST, NEEDS_CONTEXT):
                    continue
                strict = c.verdict == NEEDS_LIST     # a very common word: an "and" list only
                for j, x, y in ((i - 1, i - 1, i), (i + 1, i, i + 1)):
                    if 0 <= j < len(cands) and cands[j].verdict == YES \
                            and self._listed(s, cands[x], cands[y], conjunction=strict):
                        c.verdict = YES
                        changed = True
                        break
        return [c for c in cands if c.verdict == YES or c.qualifier.kind == "route"]

    def _group_routes(self, s: str, cands: list[_Cand]) -> list[_Cand]:
        """Merge "طريق X Y" / "مثلث X Y Z" runs of names into one route mention."""
        lex = self.lexicon
        out: list[_Cand] = []
        i = 0
        while i < len(cands):
            c = cands[i]
            a, b = token_before(s, c.match.tok_start)
            word = lex.strip_clitics(s[a:b])[1] if a < b else ""
            j = i
            if word in lex.route:
                while j + 1 < len(cands):
                    gap = s[cands[j].match.end:cands[j + 1].match.tok_start]
                    if gap.strip(" -–") == "" or gap.strip() in ("و",):
                        j += 1
                    else:
                        break
            if j > i:
                last = cands[j]
                m = Match(a, a, last.match.end, "", "", (), False)
                grp = _Cand(m, [], word, Qualifier("route"))
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
                        mc.qualifier = Qualifier("route-end")
                        out.append(mc)
                i = j + 1
            else:
                out.append(c)
                i += 1
        return out

    def _unresolved(self, nt: NormalizedText, cands: list[_Cand], blocks: list[Match]) -> list[Mention]:
        """Names announced by a trigger ("قرية X") that the gazetteer lacks."""
        lex = self.lexicon
        s = nt.text
        covered = bytearray(len(s) + 1)
        for a_, b_ in [(c.match.tok_start, c.match.end) for c in cands] + \
                [(b.tok_start, b.end) for b in blocks]:
            covered[a_:b_] = b"\x01" * (b_ - a_)
        out = []
        for tm in self._name_trigger_rx.finditer(s):
            a, b = tm.start(), tm.end()
            clitic, word = lex.strip_clitics(s[a:b])
            if word not in lex.name_triggers or clitic.endswith("ال"):
                continue
            names = self._names_after(s, b, plural=word in lex.plural_triggers)
            for (na, nb) in names:
                if any(covered[na:nb]):
                    continue
                oa, ob = nt.span(na, nb)
                out.append(Mention(oa, ob, nt.original[oa:ob], None, 0, word, NO_QUALIFIER,
                                   f"name after '{word}' not found in the gazetteer"))
                covered[na:nb] = b"\x01" * (nb - na)
        return out

    def _names_after(self, s: str, pos: int, plural: bool) -> list[tuple[int, int]]:
        lex = self.lexicon

        def plausible(tok: str) -> bool:
            return (len(tok) >= 2 and not tok.isdigit() and tok not in lex.function_words
                    and lex.strip_clitics(tok)[1] not in lex.triggers
                    and lex.strip_clitics(tok)[1] not in lex.function_words
                    and all("\u0600" <= ch <= "\u06FF" for ch in tok))
        a, b = token_after(s, pos)
        if a == b or not plausible(s[a:b]):
            return []
        end = b
        if s[a:b] in lex.compound:
            a2, b2 = token_after(s, b)
            if a2 < b2 and plausible(s[a2:b2]) and s[b:a2].strip() == "":
                end = b2
        spans = [(a, end)]
        if plural:
            a3, b3 = token_after(s, end)
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
