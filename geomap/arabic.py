"""Arabic (and Latin) text normalisation that keeps offsets into the original text.

Every function here is pure.  :func:`normalize` returns a :class:`NormalizedText`
whose ``text`` is the normalised string and whose ``offsets`` map each
normalised character back to the index of the original character it came from,
so that a match found in normalised text can be reported with the exact
``start``/``end`` of the original article.

Normalisation applied (all of it needed to match news spellings against a
gazetteer):

* diacritics (harakat, shadda, sukun, superscript alef), Quranic marks and
  tatweel are removed;
* alef forms (أ إ آ ٱ) become ا, ى becomes ي, ة becomes ه, ؤ becomes و, ئ becomes ي;
* Persian/Urdu letter forms (ک ی ہ ۀ) become their Arabic equivalents;
* Arabic-Indic and extended digits become ASCII digits;
* Latin text is case-folded and stripped of accents; apostrophes and ʿayn/hamza
  marks (ʿ ʾ ' ’) are removed;
* dashes, underscores and every run of whitespace become one space, or one line end
  when the run holds a line end (sentences stop at line ends).
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

__all__ = [
    "NormalizedText",
    "normalize",
    "normalize_name",
    "normalize_names",
    "is_word_char",
    "WordIndex",
    "word_index",
    "ARTICLE",
]

#: The Arabic definite article after normalisation.
ARTICLE = "ال"

_CHAR_MAP: dict[str, str] = {
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ٲ": "ا", "ٳ": "ا",
    "ى": "ي", "ی": "ي", "ې": "ي", "ۍ": "ي", "ئ": "ي",
    "ة": "ه", "ۀ": "ه", "ہ": "ه", "ە": "ه", "ھ": "ه",
    "ؤ": "و",
    "ک": "ك", "ڪ": "ك",
    "‐": " ", "‑": " ", "‒": " ", "–": " ", "—": " ", "―": " ", "-": " ", "_": " ",
    "ـ": "",  # tatweel
    "ʿ": "", "ʾ": "", "'": "", "’": "", "‘": "", "`": "", "ʼ": "", "ʻ": "",
}
for _i in range(10):
    _CHAR_MAP[chr(0x0660 + _i)] = str(_i)  # Arabic-Indic
    _CHAR_MAP[chr(0x06F0 + _i)] = str(_i)  # Extended Arabic-Indic (Persian)

#: Arabic marks dropped entirely (harakat, Quranic annotation signs).
_DROP_RANGES = ((0x0610, 0x061A), (0x064B, 0x065F), (0x0670, 0x0670),
                (0x06D6, 0x06ED), (0x08D3, 0x08FF))


def _is_dropped(ch: str) -> bool:
    cp = ord(ch)
    for lo, hi in _DROP_RANGES:
        if lo <= cp <= hi:
            return True
    # zero-width and bidi control characters carry no letters
    return cp in (0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0x202A, 0x202B,
                  0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069, 0xFEFF)


def _map_char(ch: str) -> str:
    """Return the normalised form of one character ('' to drop it)."""
    mapped = _CHAR_MAP.get(ch)
    if mapped is not None:
        return mapped
    if _is_dropped(ch):
        return ""
    if ch in "\n\u2028\u2029\x0b\x0c\x1c\x1d\x1e\x85":
        return "\n"      # line ends stay line ends: a headline is not part of the first sentence
    if ch.isspace():
        return " "
    if ch.isascii():
        return ch.lower()
    cat = unicodedata.category(ch)
    if cat == "Mn":  # a combining mark of some other script
        return ""
    if "\u0600" <= ch <= "\u06FF" or "\u0750" <= ch <= "\u077F":
        return ch
    # Latin letters with accents, presentation forms (ﻻ etc.), full-width...
    decomposed = unicodedata.normalize("NFKD", ch)
    out = "".join(c for c in decomposed if unicodedata.category(c) != "Mn")
    if out == ch:
        return ch.casefold()
    return "".join(_map_char(c) for c in out)


@dataclass(frozen=True, slots=True)
class NormalizedText:
    """A normalised string and the map back to the original.

    Attributes
    ----------
    original : str
        The text as given.
    text : str
        The normalised text.
    offsets : sequence of int
        (a numpy int64 array) ``offsets[i]`` is the index in ``original`` of the character that
        produced ``text[i]``; it has one extra final element equal to
        ``len(original)`` so that end offsets can be mapped too.
    """

    original: str
    text: str
    offsets: Sequence[int]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Map a ``[start, end)`` span of :attr:`text` to the original text.

        The returned span starts at the original character that produced
        ``text[start]`` and ends just after the one that produced
        ``text[end - 1]`` (so dropped marks inside the span are included and
        trailing dropped marks are included as well).
        """
        if start >= end:
            pos = int(self.offsets[start])
            return pos, pos
        o_start = int(self.offsets[start])
        o_end = int(self.offsets[end - 1]) + 1
        # include marks dropped right after the last kept letter (tanween, shadda)
        n, orig = len(self.original), self.original
        while o_end < n and _MAP_TABLE[ord(orig[o_end])] == "":
            o_end += 1
        return o_start, o_end


def normalize(text: str) -> NormalizedText:
    """Normalise *text* for matching and keep offsets back into it.

    Parameters
    ----------
    text : str
        Any Unicode text (an article, a sentence, a place name).

    Returns
    -------
    NormalizedText
        ``text`` normalised as described in the module docstring, with runs
        of whitespace collapsed to one space and no leading/trailing space.

    Examples
    --------
    >>> normalize("وبالرَّقَّة").text
    'وبالرقه'
    >>> normalize("٦٥ كم").text
    '65 كم'
    """
    if not text:
        return NormalizedText(text, "", np.zeros(1, dtype=np.int64))
    found = _lookup(text)
    if found is not None:
        src, codes = found
    else:               # a character that becomes two (ﻻ -> لا), or beyond the BMP
        mapped = text.translate(_MAP_TABLE)
        lengths = np.frombuffer(text.translate(_LEN_TABLE).encode("latin-1"), dtype=np.uint8)
        src = np.repeat(np.arange(len(text), dtype=np.int64), lengths)
        codes = np.frombuffer(mapped.encode("utf-32-le"), dtype=np.uint32)
    nl = codes == 10
    space = (codes == 32) | nl
    keep = ~space
    starts = space.copy()
    starts[1:] &= ~space[:-1]                    # the first character of each run of spaces
    keep[1:] |= starts[1:]                        # one character per run, none at the start
    if nl.any():
        # a run that holds a line end becomes its first line end (with that offset)
        run = np.cumsum(starts)                   # run number of every character (0 before any)
        run_start = np.flatnonzero(starts)        # index of run k + 1's first character
        nl_idx = np.flatnonzero(nl)
        first_nl = np.full(run_start.size + 1, -1, dtype=np.int64)
        first_nl[run[nl_idx[::-1]]] = nl_idx[::-1]
        sel = np.flatnonzero(first_nl[1:] >= 0)   # runs with a line end
        codes = codes.copy()
        src = src.copy()
        codes[run_start[sel]] = 10
        src[run_start[sel]] = src[first_nl[sel + 1]]
    idx = np.flatnonzero(keep)
    if idx.size and codes[idx[-1]] in (32, 10):
        idx = idx[:-1]                            # no trailing space
    out = codes[idx].tobytes().decode("utf-32-le")
    offs = np.append(src[idx], np.int64(len(text)))
    return NormalizedText(text, out, offs)


#: Lookup tables over the Basic Multilingual Plane, filled as characters are met: how many
#: characters each becomes (255: not looked up yet; 2: two or more) and the one it becomes.
_LUT_LEN = np.full(0x10000, 255, dtype=np.uint8)
_LUT_MAP = np.zeros(0x10000, dtype=np.uint32)


def _lookup(text: str):
    """(source index, normalised code) of every kept character, by table lookup (numpy):
    the same as two ``str.translate`` calls, 3-4x faster.  None when a character maps to
    more than one or lies beyond the BMP (the caller translates then)."""
    try:
        cps = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    except UnicodeEncodeError:      # a lone surrogate
        return None
    if int(cps.max()) >= 0x10000:
        return None
    lengths = _LUT_LEN[cps]
    if int(lengths.max()) == 255:
        for cp in set(cps[lengths == 255].tolist()):     # (np.unique imports numpy.ma)
            m = _MAP_TABLE[cp]
            _LUT_LEN[cp] = min(len(m), 2)
            _LUT_MAP[cp] = ord(m) if len(m) == 1 else 0
        lengths = _LUT_LEN[cps]
    if int(lengths.max()) > 1:
        return None
    kept = lengths.astype(bool)
    return np.flatnonzero(kept).astype(np.int64), _LUT_MAP[cps[kept]]


class _Table(dict):
    """str.translate table filled on demand from :func:`_map_char`."""

    def __init__(self, length: bool):
        super().__init__()
        self.length = length

    def __missing__(self, cp: int) -> str:
        m = _map_char(chr(cp))
        if self.length:
            if len(m) > 255:  # pragma: no cover - no character expands that much
                raise ValueError("mapping too long")
            v = chr(len(m))
        else:
            v = m
        self[cp] = v
        return v


_MAP_TABLE = _Table(length=False)
_LEN_TABLE = _Table(length=True)


def normalize_name(name: str) -> str:
    """Normalise a gazetteer name or query to its matching key.

    Same as :func:`normalize` but returns only the string; punctuation other
    than letters, digits and spaces is turned into spaces.

    >>> normalize_name("Khan al-Asal")
    'khan al asal'
    >>> normalize_name("كَفْر حَمْرَة")
    'كفر حمره'
    """
    # the string-only path of normalize() (no offsets): the same key, ~50x faster on a name
    return " ".join(_NON_WORD.sub(" ", name.translate(_MAP_TABLE)).split())


def normalize_names(names: list[str]) -> list[str]:
    """``[normalize_name(n) for n in names]``, with one ``str.translate`` over them all.

    >>> normalize_names(["Khan al-Asal", "كَفْر حَمْرَة"])
    ['khan al asal', 'كفر حمره']
    """
    if not names or any("\n" in n for n in names):
        return [normalize_name(n) for n in names]
    mapped = "\n".join(names).translate(_MAP_TABLE).split("\n")   # a line end maps to itself
    sub = _NON_WORD.sub
    return [" ".join(sub(" ", m).split()) for m in mapped]


#: Runs of characters that are not word characters (str.isalnum), underscore included.
_NON_WORD = re.compile(r"[\W_]+")


class WordIndex:
    """Where the words of one text are: its runs of word characters (``str.isalnum``), found
    once by a regex, so that the word before or after a position is two bisections away
    instead of a walk over characters.

    >>> w = WordIndex("قصف على بلدة عندان.")
    >>> w.run_start(12), w.run_end(8)
    (8, 12)
    """

    __slots__ = ("text", "starts", "ends", "_stops")

    def __init__(self, text: str):
        self.text = text
        runs = _word_runs(text)
        if runs is None:
            spans = [m.span() for m in _WORD_RUN.finditer(text)]
            runs = [a for a, _ in spans], [b for _, b in spans]
        self.starts, self.ends = runs
        self._stops: dict[str, list[int]] = {}

    def run_start(self, pos: int) -> int:
        """Start of the word that ends at *pos* (*pos* itself when no word character is
        just before it)."""
        r = bisect_left(self.starts, pos) - 1
        return self.starts[r] if r >= 0 and self.ends[r] >= pos else pos

    def run_end(self, pos: int) -> int:
        """End of the word that starts at *pos* (*pos* itself when ``text[pos]`` is not a
        word character)."""
        r = bisect_right(self.starts, pos) - 1
        return self.ends[r] if r >= 0 and self.ends[r] > pos else pos

    def stops(self, chars: str) -> list[int]:
        """Positions of the characters of *chars* in the text (sorted; remembered)."""
        out = self._stops.get(chars)
        if out is None:
            rx = _CHAR_SETS.get(chars)
            if rx is None:
                rx = _CHAR_SETS[chars] = re.compile("[" + re.escape(chars) + "]")
            out = self._stops[chars] = [m.start() for m in rx.finditer(self.text)]
        return out


#: str.isalnum of every BMP character (255: not looked up yet), filled as characters are met.
_LUT_ALNUM = np.full(0x10000, 255, dtype=np.uint8)


def _word_runs(text: str):
    """(starts, ends) of the runs of word characters, by table lookup (numpy); None beyond
    the BMP or for a lone surrogate (the regex path then)."""
    try:
        cps = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    except UnicodeEncodeError:
        return None
    if not cps.size:
        return [], []
    if int(cps.max()) >= 0x10000:
        return None
    w = _LUT_ALNUM[cps]
    if int(w.max()) == 255:
        for cp in set(cps[w == 255].tolist()):
            _LUT_ALNUM[cp] = chr(cp).isalnum()
        w = _LUT_ALNUM[cps]
    edges = np.diff(np.concatenate(([0], w.astype(np.int8), [0])))
    return np.flatnonzero(edges == 1).tolist(), np.flatnonzero(edges == -1).tolist()


_INDEXES: dict[int, WordIndex] = {}
_CHAR_SETS: dict[str, re.Pattern] = {}
_LAST: list[WordIndex | None] = [None]


def word_index(text: str) -> WordIndex:
    """The :class:`WordIndex` of *text* (those of the last few texts are remembered)."""
    w = _LAST[0]
    if w is not None and w.text is text:
        return w
    w = _INDEXES.get(id(text))
    if w is None or w.text is not text:
        if len(_INDEXES) >= 8:
            _INDEXES.clear()
        w = _INDEXES[id(text)] = WordIndex(text)
    _LAST[0] = w
    return w


#: A run of word characters (letters and digits: str.isalnum, no underscore).
_WORD_RUN = re.compile(r"[^\W_]+")


def is_word_char(ch: str) -> bool:
    """True for characters that belong to a word (letters and digits)."""
    return ch.isalnum()
