"""The context of a name in normalised text: words around it, triggers, qualifiers.

All functions work on the normalised text (:mod:`geomap.arabic`), whose
offsets map back to the original.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from ..arabic import WordIndex, is_word_char, word_index
from ..lexicon import Lexicon
from ..toponyms import Match
from .model import NO_QUALIFIER, Qualifier

__all__ = ["token_before", "token_after", "words_before", "sentence_bounds", "trigger_of",
           "qualifier_of"]

_SENT_END = re.compile(r"[.!?؟\n]")
_STOP_BEFORE = ".!?؟\n:؛;"
_STOP_AFTER = ".!?؟\n:؛;()،,"


#: Texts this long get a :class:`~geomap.arabic.WordIndex` (a document's normalised text);
#: shorter ones are walked.
_INDEX_MIN = 256


#: (the text last asked about, its index lists): replaced as one tuple, so that threads
#: never see the lists of one text with another
_CURRENT: tuple = (None, None)


def _index(s: str):
    """(word starts, word ends, stops before, stops after) of a long text, else None."""
    global _CURRENT
    cur = _CURRENT
    if s is cur[0]:
        return cur[1]
    if len(s) < _INDEX_MIN:
        return None
    w: WordIndex = word_index(s)
    lists = (w.starts, w.ends, w.stops(_STOP_BEFORE), w.stops(_STOP_AFTER))
    _CURRENT = (s, lists)
    return lists


def token_before(s: str, pos: int) -> tuple[int, int]:
    """Span of the word token ending before *pos*, skipping spaces and quotes
    (empty at a sentence or clause mark)."""
    w = _index(s)
    if w is not None:
        starts, ends, stops, _ = w
        r = bisect_left(starts, pos) - 1            # the last word starting before pos
        if r >= 0 and ends[r] >= pos:
            return starts[r], pos                   # pos is inside (or at the end of) it
        gap = ends[r] if r >= 0 else 0              # only non-word characters in [gap, pos)
        k = bisect_left(stops, pos) - 1
        if k >= 0 and stops[k] >= gap:
            return stops[k] + 1, stops[k] + 1
        return (starts[r], ends[r]) if r >= 0 else (0, 0)
    i = pos
    while i > 0 and not is_word_char(s[i - 1]):
        if s[i - 1] in _STOP_BEFORE:
            return i, i
        i -= 1
    j = i
    while j > 0 and is_word_char(s[j - 1]):
        j -= 1
    return j, i


def token_after(s: str, pos: int) -> tuple[int, int]:
    """Span of the word token starting after *pos*, skipping spaces and quotes."""
    n = len(s)
    w = _index(s)
    if w is not None:
        starts, ends, _, stops = w
        pos = max(pos, 0)
        r = bisect_right(starts, pos) - 1            # the last word starting at or before pos
        if r >= 0 and ends[r] > pos:
            return pos, ends[r]                       # pos is inside it
        r += 1                                        # the next word, if any
        nxt = starts[r] if r < len(starts) else n
        k = bisect_left(stops, pos)
        if k < len(stops) and stops[k] < nxt:
            return stops[k], stops[k]
        return (nxt, ends[r]) if r < len(starts) else (n, n)
    i = pos
    while i < n and not is_word_char(s[i]):
        if s[i] in _STOP_AFTER:
            return i, i
        i += 1
    j = i
    while j < n and is_word_char(s[j]):
        j += 1
    return i, j


def words_before(s: str, pos: int, k: int) -> list[str]:
    """Up to *k* words before *pos*, nearest first (stopping at a sentence mark): what
    :func:`token_before` gives, called again at the start of each word (one walk down the
    word index of a long text)."""
    out: list[str] = []
    w = _index(s)
    if w is None:
        for _ in range(k):
            a, b = token_before(s, pos)
            if a == b:
                break
            out.append(s[a:b])
            pos = a
        return out
    starts, ends, stops, _ = w
    r = bisect_left(starts, pos) - 1                # the last word starting before pos
    if r >= 0 and ends[r] >= pos and k > 0:         # pos is inside (or at the end of) it
        out.append(s[starts[r]:pos])
        pos = starts[r]
        r -= 1
    while len(out) < k and r >= 0:
        j = bisect_left(stops, pos) - 1
        if j >= 0 and stops[j] >= ends[r]:
            break                                   # a sentence or clause mark between
        out.append(s[starts[r]:ends[r]])
        pos = starts[r]
        r -= 1
    return out


def sentence_bounds(s: str, pos: int) -> tuple[int, int]:
    """The sentence of normalised text around *pos*."""
    # just after the last sentence mark before pos (0 when there is none)
    a = max(s.rfind(c, 0, pos) for c in ".!?؟\n") + 1
    m = _SENT_END.search(s, pos)
    return a, (m.start() if m else len(s))


def trigger_of(lex: Lexicon, s: str, m: Match, before: list[str] | None = None) -> str:
    """The trigger word just before a name ("قرية", "مدينة", "ريف"), or "".  (*before*:
    ``words_before(s, m.tok_start, k)`` for some k ≥ 1, when the caller has it.)"""
    if m.prefix and m.prefix not in ("و", "ف"):
        return ""   # "بالرقة" has its own preposition, not a trigger before it
    if before is None:
        a, b = token_before(s, m.tok_start)
        word = s[a:b]
    else:
        word = before[0] if before else ""
    if not word:
        return ""
    clitic, word = lex.strip_clitics(word)
    if clitic.endswith("ال") and not m.prefix and s.startswith("ال", m.start):
        return ""   # "المدينة الشرقية": a definite noun and its adjective, not "مدينة X"
    return word if word in lex.triggers else ""


def qualifier_of(lex: Lexicon, s: str, m: Match, trigger: str, *,
                 before: list[str] | None = None,
                 after: tuple[int, int] | None = None) -> Qualifier:
    """"ريف X الشمالي" / "الريف الشمالي لـX" -> countryside (north); "شمال مدينة X" ->
    the area north of X; "ريف دمشق الشرقي" -> the eastern part of Rif Dimashq.

    *before* and *after*, when the caller has them: ``words_before(s, m.tok_start, 3)``
    and ``token_after(s, m.end)``."""
    adj = lex.direction_words("adjective-definite")
    noun = lex.direction_words("noun", "adjective")
    direction = ""
    a, b = token_after(s, m.end) if after is None else after
    nxt = s[a:b]
    if nxt in adj:
        direction = adj[nxt]
        a2, b2 = token_after(s, b)
        if adj.get(s[a2:b2]) in ("east", "west") and direction in ("north", "south"):
            direction += adj[s[a2:b2]]
    if trigger in lex.countryside:
        return Qualifier("countryside", direction)
    if direction and m.core.startswith("ريف "):
        return Qualifier("part", direction)   # ريف دمشق الشرقي: eastern part of Rif Dimashq
    words = words_before(s, m.tok_start, 3) if before is None else before
    # "شمال مدينة الرقة", "جنوبي الرقة": the area on that side of the place
    lead = words[1] if words and lex.strip_clitics(words[0])[1] in ("مدينه", "بلده", "قريه") \
        and len(words) > 1 else (words[0] if words else "")
    if lead not in noun:
        clitic, bare = lex.strip_clitics(lead)
        lead = "" if clitic.endswith("ال") else bare
    if lead in noun and not m.prefix:
        return Qualifier("direction", noun[lead])
    first = lex.strip_clitics(words[0])[1] if words else None
    if m.prefix.startswith(("ل", "لل")) or first in ("مدينه", "بلده"):
        # الريف الشمالي للرقة / الريف الجنوبي لمدينة تل أبيض
        for i, w in enumerate(words[:3]):
            if w in adj and i + 1 < len(words) and lex.strip_clitics(words[i + 1])[1] in ("ريف",):
                return Qualifier("countryside", adj[w])
    return NO_QUALIFIER
