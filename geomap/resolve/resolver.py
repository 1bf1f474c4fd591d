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

from ..arabic import NormalizedText, normalize
from ..gazetteer.model import Place
from ..gazetteer.store import Gazetteer, load_gazetteer
from ..lexicon import Lexicon, load_lexicon
from ..settings import CHUNK_CHARS
from ..switches import register
from ..toponyms import Match, find_matches, name_index
from .context import qualifier_of, sentence_bounds, token_after, token_before, trigger_of
from .features import ScoreContext, score
from .filters import is_place_use
from .model import NO_QUALIFIER, Mention, Qualifier

__all__ = ["Resolver", "find_places", "text_chunks"]

STOP_NAMES = register("recognise.stop_names", "names that are never places by themselves "
                      "(months, given names): تشرين, محمد")
NON_PLACE = register("recognise.non_place_phrases", "phrases that hide the place names inside "
                     "them: قوات سوريا الديمقراطية, درع الفرات")
QUALIFIERS = register("context.qualifiers", "ريف X الشمالي, شمال مدينة X: the countryside or "
                      "one side of a place")
ROUTES = register("context.routes", "طريق X Y, مثلث X - Y - Z: a route or area named by its "
                  "ends; foreign ends never give a point")
SENTENCE_COUNTRY = register("context.sentence_country", "a sentence that names one foreign "
                            "country hints that ambiguous names are there")
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
        self.index = name_index(self.gazetteer, self.lexicon)
        lex = self.lexicon
        #: a whole token that is a name trigger, with its clitics ("وبلدة", "قريتي")
        self._name_trigger_rx = re.compile(
            r"(?<!\w)(?:[وفبلك]|وب|ول|فب|فل)?(?:" +
            "|".join(sorted(lex.name_triggers, key=len, reverse=True)) + r")(?!\w)")

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
            if m.key in lex.stop_names and STOP_NAMES not in off:
                continue
            trigger = trigger_of(lex, s, m)
            places = [gaz.get(i) for i in m.place_ids if i in gaz]
            if not places or not is_place_use(lex, nt, m, trigger, places, off):
                continue
            a, b = token_after(s, m.end)
            hint = lex.nationalities.get(s[a:b], "")
            qual = qualifier_of(lex, s, m, trigger) if QUALIFIERS not in off else NO_QUALIFIER
            c = _Cand(m, list(m.place_ids), trigger, qual, hint)
            c.places = places
            cands.append(c)

        if ROUTES not in off:
            cands = self._group_routes(s, cands)

        # anchors: the distinct places of mentions with one Syrian reading
        anchors = list({c.places[0].id: c.places[0] for c in cands
                        if len(c.places) == 1 and c.places[0].in_syria
                        and c.places[0].kind != "country"}.values())
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
                if o is not c and len(o.places) == 1:
                    p = o.places[0]
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
        return out

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
