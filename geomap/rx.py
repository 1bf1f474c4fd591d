"""Regular expressions that skip texts they cannot match.

Python's ``re`` finds no literal prefix to scan for in a pattern that begins with a
look-behind (``(?<![\\w])``, how geomap's patterns mark a word start), so it tries every
position of the text.  :func:`gated` reads the literals that any match must contain
(``امس`` in ``(?<![\\w])[وفب]?امس(?![\\w])``; one of the weekday names in an alternation of
them) from the parsed pattern, and answers ``finditer``/``search`` without running the
pattern when the text lacks them.  The matches are the pattern's own whenever it runs.
:func:`windowed` goes further for a pattern whose matches have a bounded length on
normalised text: it runs the pattern only near the occurrences of such a literal.
"""

from __future__ import annotations

import re
import sys

import ahocorasick
from re import _constants as _c  # noqa: PLC2701 - the parser's opcodes
from re import _parser

__all__ = ["AnyOf", "gated", "required_literals", "windowed", "WordStarts"]

#: An alternation of more literals than this is not worth checking one by one.
_MAX_ALTERNATIVES = 24
#: Texts shorter than this are matched without checking the literals first.
_GATE_MIN = 512


def _items(parsed):
    """The pattern as a flat stream: literal characters, ``None`` (anything else), and
    frozensets (one of these literals must occur there)."""
    for op, av in parsed:
        if op is _c.LITERAL:
            yield chr(av)
        elif op is _c.SUBPATTERN and not av[1] and not av[2]:
            yield from _items(av[3])
        elif op is _c.BRANCH:
            yield None
            alts = []
            for alt in av[1]:
                best = max((next(iter(r)) for r in _requirements(alt) if len(r) == 1),
                           key=len, default=None)
                if best is None:
                    alts = []
                    break
                alts.append(best)
            if alts and len(alts) <= _MAX_ALTERNATIVES:
                yield frozenset(alts)
            yield None
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT) and av[0] >= 1:
            yield None
            yield from (r for r in _requirements(av[2]))
            yield None
        else:
            yield None


def _requirements(parsed) -> list[frozenset[str]]:
    out: list[frozenset[str]] = []
    run: list[str] = []
    for x in _items(parsed):
        if isinstance(x, str):
            run.append(x)
            continue
        if len(run) >= 2:
            out.append(frozenset({"".join(run)}))
        run = []
        if isinstance(x, frozenset):
            out.append(x)
    if len(run) >= 2:
        out.append(frozenset({"".join(run)}))
    return out


def required_literals(pattern: re.Pattern) -> list[frozenset[str]]:
    """What every match of *pattern* contains: a list of sets, one literal of each set at
    least (``[]`` when nothing can be told, or the pattern ignores case).

    >>> required_literals(re.compile(r"(?<![\\w])[وفب]?امس(?![\\w])"))
    [frozenset({'امس'})]
    """
    if pattern.flags & (re.IGNORECASE | re.VERBOSE) or not isinstance(pattern.pattern, str):
        return []
    return _requirements(_parser.parse(pattern.pattern, pattern.flags))


class _Gated:
    """A compiled pattern that runs only on texts holding its required literals."""

    __slots__ = ("pattern", "needs")

    def __init__(self, pattern: re.Pattern, needs: list[frozenset[str]]):
        self.pattern = pattern
        self.needs = [tuple(sorted(n)) for n in needs]

    def _may_match(self, s: str, pos: int, endpos: int) -> bool:
        if min(len(s), endpos) - pos < _GATE_MIN:
            return True           # a short text: the pattern is cheaper than the checks
        return all(any(s.find(lit, pos, endpos) >= 0 for lit in need) for need in self.needs)

    def finditer(self, s: str, pos: int = 0, endpos: int = sys.maxsize):
        if not self._may_match(s, pos, endpos):
            return iter(())
        return self.pattern.finditer(s, pos, endpos)

    def search(self, s: str, pos: int = 0, endpos: int = sys.maxsize):
        if not self._may_match(s, pos, endpos):
            return None
        return self.pattern.search(s, pos, endpos)

    def __getattr__(self, name):
        return getattr(self.pattern, name)


def gated(pattern: re.Pattern):
    """*pattern*, or a wrapper with the same ``finditer``/``search`` that skips texts
    lacking a literal every match needs."""
    needs = required_literals(pattern)
    return _Gated(pattern, needs) if needs else pattern


class AnyOf:
    """Whether any of several patterns may match a text: False only when each of them lacks
    a literal every one of its matches needs (:func:`required_literals`), found for all of
    them by one Aho-Corasick pass over the text.  Unlike :func:`gated`, which leaves short
    texts to the pattern, this pays on short texts (a clause) asked about by many patterns.
    Patterns that may be None (absent) are skipped.
    """

    def __init__(self, patterns):
        self.needs: list[list[frozenset[str]]] = []
        self.always = False
        lits: set[str] = set()
        for p in patterns:
            if p is None:
                continue
            needs = required_literals(p.pattern if isinstance(p, _Gated) else p)
            if not needs:
                self.always = True          # nothing can be told: it may match anything
            self.needs.append(needs)
            lits.update(x for n in needs for x in n)
        auto = ahocorasick.Automaton()
        for lit in lits:
            auto.add_word(lit, lit)
        if lits:
            auto.make_automaton()
        self._auto = auto if lits else None

    def may_match(self, s: str) -> bool:
        """False when no pattern can match anywhere in *s*."""
        if self.always:
            return True
        if self._auto is None:
            return False
        present = {lit for _, lit in self._auto.iter(s)}
        return bool(present) and any(all(not present.isdisjoint(n) for n in needs)
                                     for needs in self.needs)


class WordStarts:
    """The positions where a pattern ``(?<![\\w])CLITIC?(?:LITERAL|LITERAL|...)...`` can
    match: the start of the token (at most *clitic_max* letters back) of one of its
    literals, found by one Aho-Corasick pass.  :meth:`finditer` then tries the pattern only
    there, left to right, each try after the end of the last match: the matches of
    ``pattern.finditer`` (no match can start anywhere else).

    *literals* must hold, for every alternative, the literal it begins with.
    """

    def __init__(self, pattern: re.Pattern, literals, clitic_max: int):
        self.pattern = pattern
        self.clitic_max = clitic_max
        auto = ahocorasick.Automaton()
        for lit in set(literals):
            if not lit:
                raise ValueError("an empty literal matches everywhere")
            auto.add_word(lit, len(lit))
        auto.make_automaton()
        self._auto = auto

    def positions(self, s: str, start: int, end: int) -> list[int]:
        out = set()
        cmax = self.clitic_max
        for q_end, n in self._auto.iter(s, start, end):
            q = p = q_end + 1 - n
            while p > 0 and q - p <= cmax and (s[p - 1].isalnum() or s[p - 1] == "_"):
                p -= 1
            if p >= start and (p == 0 or not (s[p - 1].isalnum() or s[p - 1] == "_")):
                out.add(p)
        return sorted(out)

    def finditer(self, s: str, start: int = 0, end: int | None = None):
        end = len(s) if end is None else end
        pos = start
        match = self.pattern.match
        for p in self.positions(s, start, end):
            if p < pos:
                continue
            m = match(s, p, end)
            if m is not None:
                pos = m.end()
                yield m


# --- windows around a required literal ----------------------------------------------------
#: A run of two whitespace characters: normalised text has none (:func:`geomap.arabic.normalize`
#: collapses every run to one space or line end), so there ``\s+`` takes one character.
_WHITESPACE_RUN = re.compile(r"\s\s")
#: (the text last checked for such a run, whether it has one): the patterns of one text
#: check it once
_LAST_CHECKED: tuple = (None, True)


def _one_space_runs(s: str) -> bool:
    """True when *s* has no two whitespace characters in a row."""
    global _LAST_CHECKED
    last = _LAST_CHECKED
    if last[0] is s:
        return last[1]
    ok = _WHITESPACE_RUN.search(s) is None
    _LAST_CHECKED = (s, ok)
    return ok


#: ``\s`` as the parser gives it, and the reach of what cannot be bounded
_SPACE = (_c.IN, [(_c.CATEGORY, _c.CATEGORY_SPACE)])
_UNBOUNDED = float("inf")


def _reach(parsed) -> tuple[float, float]:
    """(most characters a match of *parsed* consumes, how far past its start a try of it
    reads at most, look-aheads included) on a text without two whitespace characters in a
    row (a repeat of ``\\s`` takes one there); infinite for what cannot be bounded.  Over-
    estimates are safe."""
    width = extent = 0.0
    for op, av in parsed:
        if op in (_c.LITERAL, _c.NOT_LITERAL, _c.IN, _c.ANY):
            w = r = 1.0
        elif op is _c.AT:
            w = r = 0.0
        elif op is _c.SUBPATTERN:
            w, r = _reach(av[3])
        elif op is _c.ATOMIC_GROUP:
            w, r = _reach(av)
        elif op is _c.BRANCH:
            parts = [_reach(alt) for alt in av[1]]
            w, r = max(p[0] for p in parts), max(p[1] for p in parts)
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT):
            lo, hi, item = av
            iw, ir = _reach(item)
            if list(item) == [_SPACE]:
                hi = min(hi, 1)
            if hi == _c.MAXREPEAT or iw == _UNBOUNDED or ir == _UNBOUNDED:
                return _UNBOUNDED, _UNBOUNDED
            w, r = hi * iw, hi * iw + ir
        elif op in (_c.ASSERT, _c.ASSERT_NOT):
            w, r = 0.0, _reach(av[1])[1]          # (a look-behind reads less: safe)
        else:                 # back-references, conditionals: not bounded here
            return _UNBOUNDED, _UNBOUNDED
        extent = max(extent, width + r)
        width += w
    return width, extent


class _Windowed:
    """A pattern whose matches are at most ``width`` characters long on normalised text and
    contain one of ``literals``: ``finditer`` runs it only in windows around the literals'
    occurrences, and gives the pattern's own matches (see :func:`windowed`)."""

    __slots__ = ("pattern", "gate", "literals", "width", "extent")

    def __init__(self, pattern: re.Pattern, needs: list[frozenset[str]],
                 literals: frozenset[str], width: int, extent: int):
        self.pattern = pattern
        self.gate = _Gated(pattern, needs)
        self.literals = tuple(sorted(literals))
        self.width = width
        self.extent = extent        # a try that starts at p reads no further than p + extent

    def finditer(self, s: str, pos: int = 0, endpos: int = sys.maxsize):
        n = len(s)
        if pos != 0 or endpos < n or n < _GATE_MIN or not _one_space_runs(s):
            return self.gate.finditer(s, pos, endpos)
        if not self.gate._may_match(s, 0, n):
            return iter(())
        return self._windows(s)

    def _windows(self, s: str):
        n, w = len(s), self.width
        spans = []
        most = n // (2 * w)           # more windows than this could cover the text: scan it
        for lit in self.literals:
            i = s.find(lit)
            while i >= 0:
                # a match holding this occurrence lies in [its end - width, its start + width)
                spans.append((max(0, i + len(lit) - w), min(n, i + w)))
                if len(spans) > most:
                    yield from self.pattern.finditer(s)
                    return
                i = s.find(lit, i + 1)
        spans.sort()
        search = self.pattern.search
        last = 0                                  # where the previous match ended
        k = 0
        while k < len(spans):
            lo, hi = spans[k]
            k += 1
            while k < len(spans) and spans[k][0] <= hi:      # merge overlapping windows
                hi = max(hi, spans[k][1])
                k += 1
            p = max(lo, last)
            stop = min(n, hi + self.extent)       # no try from before hi reads past it
            while p < hi:
                m = search(s, p, stop)
                if m is None or m.start() >= hi:
                    break
                yield m
                p = last = m.end()

    def search(self, s: str, pos: int = 0, endpos: int = sys.maxsize):
        return self.gate.search(s, pos, endpos)

    def __getattr__(self, name):
        return getattr(self.pattern, name)


def windowed(pattern: re.Pattern):
    """*pattern* made to skip what it cannot match on normalised text: when every match is
    at most a bounded number of characters long (a repeat of ``\\s`` counting one, as
    normalised text has no two whitespace characters in a row) and holds one of a set of
    literals, a :class:`_Windowed` that runs it only near their occurrences; else
    :func:`gated`.  The matches are the pattern's own (a text with a run of whitespace is
    matched whole, as is a short one)."""
    needs = required_literals(pattern)
    if not needs:
        return pattern
    parsed = _parser.parse(pattern.pattern, pattern.flags)
    if parsed.data and parsed.data[0][0] in (_c.LITERAL, _c.IN):
        return gated(pattern)         # re scans for its first character itself
    width, extent = _reach(parsed)
    if width == _UNBOUNDED or parsed.getwidth()[0] < 1:
        return gated(pattern)
    # the literals to look for: the longest shortest one (longer literals are rarer)
    best = max(needs, key=lambda lits: (min(map(len, lits)), -len(lits)))
    return _Windowed(pattern, needs, best, int(width), int(extent))
