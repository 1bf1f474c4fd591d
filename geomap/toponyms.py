"""Recognise place-name mentions in Arabic text.

One Aho-Corasick automaton (:mod:`ahocorasick`, from the ``pyahocorasick``
package) holds every normalised gazetteer name, built once per gazetteer and
cached; an article is scanned in a single pass whatever the gazetteer size.

A name is stored without its leading article ("الرقة" is stored as "رقه" with
``article=True``) so that the clitic forms of news text (وبالرقة، للرقة، والرقة)
are found by the same key; a match is accepted only when the letters between
the token start and the key are a valid clitic sequence for that name.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import ahocorasick

from .arabic import ARTICLE, NormalizedText
from .gazetteer.store import Gazetteer
from .lexicon import ARTICLE_PREFIXES, CLITICS, Lexicon, load_lexicon

__all__ = ["NameIndex", "Match", "find_matches", "name_index", "split_article"]

_ARABIC_LO, _ARABIC_HI = "\u0600", "\u06FF"


def _is_arabic(s: str) -> bool:
    return any(_ARABIC_LO <= c <= _ARABIC_HI for c in s)


def split_article(key: str) -> tuple[str, bool]:
    """Split a normalised Arabic name key into (core, has_article).

    >>> split_article("الرقه")
    ('رقه', True)
    >>> split_article("خان العسل")
    ('خان العسل', False)
    """
    if key.startswith(ARTICLE) and len(key) > 4 and key[2] != " ":
        return key[2:], True
    return key, False


def _spelling_variants(key: str, joinable: frozenset[str]) -> set[str]:
    """Keys with the space after a joinable first word removed or added."""
    out = {key}
    words = key.split(" ")
    if len(words) >= 2 and words[0] in joinable:
        out.add(words[0] + words[1] + ("" if len(words) == 2 else " " + " ".join(words[2:])))
    elif len(words) == 1:
        for j in joinable:
            if key.startswith(j) and len(key) - len(j) >= 3:
                out.add(j + " " + key[len(j):])
    return out


def _article_variants(key: str, heads: frozenset[str]) -> set[str]:
    """Spellings of a Syrian name with the article added or dropped where news usage
    varies: a single word takes the article (باسوطة -> الباسوطة); the second word of a
    compound or of a name headed by a trigger takes or drops it (أم حوش <-> أم الحوش,
    مطار التيفور <-> مطار تيفور).  A name that has the article never loses it when it is
    one word (الباب is not باب)."""
    words = key.split(" ")
    out: set[str] = set()
    if len(words) == 1:
        if not key.startswith(ARTICLE) and len(key) >= 3:
            out.add(ARTICLE + key)
    elif len(words) == 2 and words[0] in heads and len(words[1]) >= 3:
        w = words[1]
        out.add(words[0] + " " + (w[2:] if w.startswith(ARTICLE) and len(w) > 4 else ARTICLE + w))
    return out


#: Kinds whose names are never indexed with the article toggled (their usage is fixed).
_NO_ARTICLE_KINDS = frozenset({"country", "governorate", "district", "region", "river", "lake",
                               "mountain", "city"})


def _rare(key: str) -> bool:
    """A derived spelling is indexed only if it is not itself a common word ("الكردية")."""
    from .commonness import zipf_key  # noqa: PLC0415
    return " " in key or zipf_key(key) < 3.0


@dataclass(frozen=True, slots=True)
class _KeyInfo:
    """What one automaton key stands for."""

    article: bool             # the name carries the article (stored without it)
    place_ids: tuple[str, ...]
    block: bool = False       # a non-place phrase (organisation, channel...)


def _index_keys(gazetteer: Gazetteer, lex: Lexicon, optional_article: bool
                ) -> dict[str, tuple[tuple[bool, tuple[str, ...], bool], ...]]:
    """Every automaton key of a gazetteer and lexicon, with what it stands for:
    ``(article, place ids, block)`` per reading (see :class:`NameIndex`)."""
    infos: dict[str, dict[bool, set[str]]] = {}
    heads = lex.compound | lex.trigger_words
    existing = {k for k, _ in gazetteer.keys()}
    for key, places in gazetteer.keys():
        if not key or key in lex.stop_names:
            continue
        arabic = _is_arabic(key)
        if not arabic and len(key) < 4 and not any(c.isdigit() for c in key):
            continue
        variants = _spelling_variants(key, lex.compound) if arabic else {key}
        if arabic and optional_article:
            # minor Syrian places only: "السورية" is an adjective, not Syria
            syrian = [p for p in places if p.in_syria and p.kind not in _NO_ARTICLE_KINDS]
            extra = {v for v in _article_variants(key, heads) if v not in existing
                     and v not in lex.stop_names and _rare(v)} if syrian else set()
            for v in sorted(extra):
                if syrian:
                    core, art = split_article(v)
                    infos.setdefault(core, {}).setdefault(art, set()).update(p.id for p in syrian)
        for variant in variants:
            core, art = split_article(variant) if arabic else (variant, False)
            if len(core.replace(" ", "")) < 2:
                continue
            infos.setdefault(core, {}).setdefault(art, set()).update(p.id for p in places)
    keys: dict[str, tuple[tuple[bool, tuple[str, ...], bool], ...]] = {
        core: tuple((art, tuple(sorted(ids)), False) for art, ids in sorted(d.items()))
        for core, d in infos.items()
    }
    for phrase in lex.non_place_phrases:
        core, art = split_article(phrase)
        keys[core] = (*keys.get(core, ()), (art, (), True))
    return keys


class NameIndex:
    """Automaton over all names of a gazetteer (plus non-place phrases).

    Parameters
    ----------
    gazetteer : Gazetteer
        The places whose names are indexed.
    lexicon : Lexicon
        For the stop names (never indexed), the compound first words (indexed with and
        without the space) and the non-place phrases (indexed as blocks).
    """

    def __init__(self, gazetteer: Gazetteer, lexicon: Lexicon | None = None,
                 optional_article: bool = True):
        lex = lexicon if lexicon is not None else load_lexicon()
        self.gazetteer = gazetteer
        self.lexicon = lex
        if gazetteer.digest is not None and getattr(lex, "digest", None):
            from .index_cache import cached, code_digest  # noqa: PLC0415
            from .commonness import table_digest  # noqa: PLC0415
            parts = [code_digest("toponyms", "arabic", "commonness", "lexicon"),
                     gazetteer.digest, lex.digest, table_digest(), str(optional_article)]
            raw = cached("names", parts, lambda: _index_keys(gazetteer, lex, optional_article))
            auto = _cached_automaton(raw, parts)
        else:
            raw = _index_keys(gazetteer, lex, optional_article)
            auto = _automaton(raw)
        #: automaton key -> ((article, place ids, block), ...): plain values, made into
        #: :class:`_KeyInfo` when a key is first met
        self._raw: dict[str, tuple[tuple[bool, tuple[str, ...], bool], ...]] = raw
        self._infos: dict[str, tuple[_KeyInfo, ...]] = {}
        self._readings: dict[tuple[str, str], tuple[tuple[str, ...], bool, bool, int]] = {}
        self._auto = auto

    def __len__(self) -> int:
        return len(self._raw)

    def _reading(self, prefix: str, core: str) -> tuple[tuple[str, ...], bool, bool, int]:
        """What key *core* after the clitic letters *prefix* stands for: (place ids, is a
        blocking phrase, carries the article, where the name starts after the token start).
        Remembered: it depends on nothing else."""
        ids: list[str] = []
        block = False
        art_written = False
        has_article = False
        for info in self.infos(core):
            if _accept(prefix, info, core):
                if info.block:
                    block = True
                ids.extend(info.place_ids)
                has_article = has_article or info.article
                art_written = art_written or (info.article and prefix.endswith(ARTICLE))
        start = len(prefix)                  # offsets from the token start
        name_start = start - 2 if art_written else start
        if prefix in ("لل", "ولل", "فلل") or (prefix in ("ل", "ول", "فل") and not art_written
                                               and core.startswith("ل")):
            name_start = len(prefix) - (2 if prefix.endswith("لل") else 1)
            name_start = max(0, name_start)
        if len(self._readings) >= 200_000:
            self._readings.clear()
        r = self._readings[(prefix, core)] = (tuple(sorted(set(ids))), block, has_article,
                                              name_start)
        return r

    def infos(self, core: str) -> tuple[_KeyInfo, ...]:
        """Key information for an automaton key."""
        out = self._infos.get(core)
        if out is None:
            out = self._infos[core] = tuple(_KeyInfo(*x) for x in self._raw.get(core, ()))
        return out

    def iter(self, text: str):
        """Yield ``(end_index, core)`` for every key occurrence in *text*."""
        return self._auto.iter(text)


def _automaton(raw) -> ahocorasick.Automaton:
    """The automaton of the keys of *raw*, each key its own value."""
    auto = ahocorasick.Automaton()
    for core in sorted(raw):
        auto.add_word(core, core)
    auto.make_automaton()
    return auto


def _ahocorasick_build() -> str:
    """Which pyahocorasick the automaton state was made by (its extension file)."""
    import os  # noqa: PLC0415
    st = os.stat(ahocorasick.__file__)
    return f"{ahocorasick.__file__}|{st.st_size}|{st.st_mtime_ns}"


def _cached_automaton(raw, parts: list) -> ahocorasick.Automaton:
    """:func:`_automaton` of *raw*, read from the on-disk cache when it holds one for the same
    keys (*parts*) and pyahocorasick: the automaton's pickled state (bytes, numbers and the
    key strings, which :mod:`marshal` can store) is given to its constructor, as
    ``pickle.loads`` would, which takes a fifth of the time of adding 47,000 keys."""
    from .index_cache import cached  # noqa: PLC0415
    built: list[ahocorasick.Automaton] = []

    def build():
        built.append(_automaton(raw))
        return tuple(built[0].__reduce__()[1])
    state = cached("automaton", [*parts, _ahocorasick_build()], build)
    if built:
        return built[0]
    try:
        return ahocorasick.Automaton(*state)
    except (TypeError, ValueError):        # not a state this pyahocorasick reads
        return _automaton(raw)


@lru_cache(maxsize=8)
def name_index(gazetteer: Gazetteer, lexicon: Lexicon | None = None,
               optional_article: bool = True) -> NameIndex:
    """Return the (cached) :class:`NameIndex` of *gazetteer* (and *lexicon*)."""
    return NameIndex(gazetteer, lexicon, optional_article)


@dataclass(frozen=True, slots=True)
class Match:
    """A name found in normalised text, before disambiguation.

    Attributes
    ----------
    tok_start : int
        Start of the token in the normalised text (clitics included).
    start, end : int
        Span of the name itself in the normalised text (article included when
        it is written as ``ال``).
    prefix : str
        The clitic letters before the name ("وب", "ل"...).
    core : str
        The automaton key that matched.
    place_ids : tuple of str
        Candidate places (empty for a blocking phrase).
    block : bool
        True when this is a non-place phrase that hides any name inside it.
    """

    tok_start: int
    start: int
    end: int
    prefix: str
    core: str
    place_ids: tuple[str, ...]
    block: bool = False
    article: bool = False

    @property
    def key(self) -> str:
        """The matched name as a normalised gazetteer key (article restored)."""
        return (ARTICLE + self.core) if self.article else self.core


#: The longest prefix :func:`_accept` takes (a clitic sequence, or one with the article).
_PREFIX_MAX = max(len(p) for p in (*ARTICLE_PREFIXES, *CLITICS))


def _accept(prefix: str, info: _KeyInfo, core: str) -> bool:
    if info.article:
        if prefix in ARTICLE_PREFIXES:
            return True
        # ل + اللاذقية is written للاذقية: the key "لاذقيه" is then preceded by "ل"
        return core.startswith("ل") and prefix in ("ل", "ول", "فل")
    return prefix in CLITICS


def find_matches(index: NameIndex, nt: NormalizedText, blocks: bool = True) -> list[Match]:
    """Find non-overlapping name matches in normalised text.

    Longest match wins (so "ريف دمشق" beats "دمشق", and a non-place phrase
    like "قوات سوريا الديمقراطية" hides "سوريا").  Ties go to the leftmost.

    Parameters
    ----------
    index : NameIndex
    nt : NormalizedText
    blocks : bool
        Let non-place phrases hide the names inside them (False: ignore them).

    Returns
    -------
    list of Match
        Sorted by position; blocking phrases are included (``block=True``).
    """
    s = nt.text
    n = len(s)
    found: list[Match] = []
    readings = index._readings
    for end_idx, core in index.iter(s):
        end = end_idx + 1
        if end < n and s[end].isalnum():
            continue          # inside a longer word: rejected before anything is built
        start = end - len(core)
        ts = start
        while ts > 0 and s[ts - 1].isalnum():
            ts -= 1
            if start - ts > _PREFIX_MAX:
                break
        if start - ts > _PREFIX_MAX:
            continue          # more letters before the key than any clitic sequence has
        prefix = s[ts:start]
        r = readings.get((prefix, core))
        if r is None:
            r = index._reading(prefix, core)
        ids, block, has_article, name_off = r
        if not blocks:
            block = False
        if not ids and not block:
            continue
        found.append(Match(ts, ts + name_off, end, s[ts:ts + name_off], core, ids, block,
                           has_article))
    # longest first, then leftmost; keep non-overlapping
    found.sort(key=lambda m: (-(m.end - m.tok_start), m.tok_start, m.block is False))
    taken = bytearray(n + 1)      # characters already covered by a kept match
    kept: list[Match] = []
    for m in found:
        if any(taken[m.tok_start:m.end]):
            continue
        taken[m.tok_start:m.end] = b"\x01" * (m.end - m.tok_start)
        kept.append(m)
    kept.sort(key=lambda m: m.tok_start)
    return kept
