"""How common a written word is in Arabic, to tell place names from ordinary words.

The figures are wordfreq's (``wordfreq`` package, word lists bundled in its wheel, no
download).  A village called "جديدة" ("new") or a variant "الإشارة" ("the
reference") must not turn every occurrence of that word into a place; the
resolver asks for extra evidence (a trigger word, a direction, a locative
preposition) when a minor place's name is a frequent word.

Loading wordfreq's Arabic dictionary costs about half a second and 95 MB, for the
few thousand words geomap asks about.  So ``geomap gazetteer build`` writes
``gazetteer/frequencies.tsv`` beside ``places.csv`` (:func:`write_table`): the
wordfreq entries of every word the gazetteer's names can be written as.  It holds

* the *domain*: every normalised word of every gazetteer name (``d`` lines);
* every wordfreq Arabic word made of plain Arabic letters whose normalised form is a
  domain word, alone or after proclitics and the article (``w`` lines, with wordfreq's
  centibel bucket);
* wordfreq's figure for each name the first two do not cover, as written and in lower
  case ("T4"; ``q`` lines, and one ``z`` line listing those wordfreq does not know).

For such a word the table is complete by construction: a domain word missing from
the table is missing from wordfreq.  :func:`zipf` answers from the table whenever every
token of the query is a domain word written in plain Arabic letters (harakat and
tatweel, which wordfreq removes, are removed too), computing the figure with
wordfreq's own formula; any other query (Latin, digits, a madda or hamza mark that
Unicode composes, a word outside the domain) goes to wordfreq itself.  The answers are
the same either way (``tests/test_gazetteer.py`` checks the table against wordfreq).
"""

from __future__ import annotations

import hashlib
import math
from functools import lru_cache
from pathlib import Path

__all__ = ["zipf", "zipf_key", "wordfreq_zipf", "format_table", "checked_sha256", "PREFIX_MAX"]

#: Most leading letters (clitics, the article) a table word may have before its domain word.
PREFIX_MAX = 6


@lru_cache(maxsize=1)
def _prefixes() -> frozenset[str]:
    """What may stand before a domain word in a table word: a proclitic sequence, the
    article, or the end of one (the resolver also asks about a token without its first
    clitic: "ولجأت" -> "لجأت")."""
    from .lexicon import ARTICLE_PREFIXES, CLITICS  # noqa: PLC0415
    whole = set(CLITICS) | set(ARTICLE_PREFIXES) | {c + "ال" for c in CLITICS}
    return frozenset(w[i:] for w in whole for i in range(len(w) + 1))

#: Plain Arabic letters (hamza .. ghain, feh .. yeh): wordfreq keeps them as they are.
_LETTERS = frozenset(chr(c) for c in (*range(0x0621, 0x063B), *range(0x0641, 0x064B)))
#: Marks wordfreq removes (tatweel, harakat, superscript alef).  Madda and hamza above or
#: below (U+0653-U+0655) are not here: Unicode composes them with the letter before.
_REMOVED = {c: None for c in (0x0640, *range(0x064B, 0x0653), *range(0x0656, 0x0660), 0x0670)}
_SAFE = _LETTERS | {" "} | {chr(c) for c in _REMOVED}


def wordfreq_zipf(word: str) -> float:
    """Zipf frequency of *word* in Arabic straight from wordfreq (loads its dictionary)."""
    from wordfreq import zipf_frequency  # noqa: PLC0415 - heavy import, done once
    return zipf_frequency(word, "ar")


def table_path() -> Path | None:
    """``frequencies.tsv`` beside the bundled ``places.csv``, if present."""
    try:
        from .gazetteer.store import bundled_gazetteer_path  # noqa: PLC0415
        p = bundled_gazetteer_path().with_name("frequencies.tsv")
    except Exception:  # noqa: BLE001 - no bundled gazetteer: wordfreq answers everything
        return None
    return p if p.is_file() else None


class _Table:
    """The shipped table: domain words, wordfreq centibel buckets and exact figures."""

    def __init__(self, path: Path | None):
        self.path = path
        self.domain: frozenset[str] = frozenset()
        self.buckets: dict[str, int] = {}
        self._exact: dict[str, float] | None = None if path is not None else {}
        if path is None:
            return
        from .index_cache import cached  # noqa: PLC0415
        raw = path.read_bytes()
        self._digest = hashlib.sha256(raw).hexdigest()
        self.domain, self.buckets = cached("frequencies", [self._digest], lambda: _parse(raw))

    @property
    def exact(self) -> dict[str, float]:
        """The figures of the names the domain does not cover (read on first use, from the
        on-disk cache when it has them: parsing the file takes about 50 ms)."""
        if self._exact is None:
            from .index_cache import cached, code_digest  # noqa: PLC0415
            self._exact = cached("frequencies-exact", [self._digest, code_digest("commonness")],
                                 self._read_exact)
        return self._exact

    def _read_exact(self) -> dict[str, float]:
        with open(self.path, encoding="utf-8") as fh:
            lines = fh.read().split("\n")
        exact = {q: float(z) for q, z in (x[2:].split("\t") for x in lines
                                           if x.startswith("q\t"))}
        for x in lines:
            if x.startswith("z\t"):
                exact.update(dict.fromkeys(x[2:].split("\t"), _MISSING))
        return exact

    def covers(self, token: str) -> bool:
        """True when the table is authoritative for *token* (plain Arabic letters)."""
        from .arabic import normalize_name  # noqa: PLC0415
        key = normalize_name(token)
        dom = self.domain
        return any(key[j:] in dom for j in range(min(len(key), PREFIX_MAX + 1))
                   if key[:j] in _prefixes())


def _parse(raw: bytes) -> tuple[frozenset[str], dict[str, int]]:
    """The domain and the buckets of the table file's bytes."""
    domain, buckets = [], {}
    for x in raw.decode("utf-8").split("\n"):
        kind = x[:2]
        if kind == "w\t":
            w, b = x[2:].split("\t")
            buckets[w] = int(b)
        elif kind == "d\t":
            domain.append(x[2:])
    return frozenset(domain), buckets


@lru_cache(maxsize=1)
def _table() -> _Table:
    return _Table(table_path())


def _combine(freqs: list[float]) -> float:
    """wordfreq's zipf_frequency for tokens of these frequencies (its formula and rounding)."""
    freq_min = 10 ** 0.0 / 1e9           # zipf_to_freq(minimum=0)
    one_over = 0.0
    for f in freqs:
        one_over += 1.0 / f
    unrounded = max(1.0 / one_over, freq_min)
    leading_zeroes = math.floor(-math.log(unrounded, 10))
    freq = round(unrounded, leading_zeroes + 3)
    return round(math.log(freq, 10) + 9, 2)


#: wordfreq's figure for a word it does not list (its minimum frequency on the Zipf scale).
_MISSING = round(math.log(10 ** 0.0 / 1e9, 10) + 9, 2)


@lru_cache(maxsize=65536)
def zipf(word: str) -> float:
    """Zipf frequency of *word* (as written) in Arabic; 0.0 when unknown.

    >>> zipf("وزارة") > zipf("زارة")
    True
    """
    table = _table()
    if word and set(word) <= _SAFE:
        tokens = word.translate(_REMOVED).split(" ")
        if all(tokens) and all(table.covers(t) for t in tokens):
            buckets = [table.buckets.get(t) for t in tokens]
            if None in buckets:
                return _MISSING      # a covered word wordfreq does not list
            return _combine([10 ** (-b / 100) for b in buckets])
    z = table.exact.get(word)
    return z if z is not None else wordfreq_zipf(word)


def _respellings(word: str) -> list[str]:
    out = [word]
    if word.endswith("ه"):
        out.append(word[:-1] + "ة")
    if word.endswith("ي"):
        out.append(word[:-1] + "ى")
    for w in list(out):
        for i, c in enumerate(w):
            if c == "ا" and (i == 0 or w[i - 2:i] == "ال" and i == 2):
                out += [w[:i] + h + w[i + 1:] for h in "أإ"]
                break
    return out


@lru_cache(maxsize=65536)
def zipf_key(key: str) -> float:
    """Zipf frequency of a *normalised* word or phrase (ة written ه, no hamza on alef…):
    the highest over the usual spellings it stands for.

    >>> zipf_key("الروسيه") > 4
    True
    """
    return max(zipf(" ".join(ws)) for ws in _product([_respellings(w) for w in key.split(" ")]))


def _product(lists):
    import itertools  # noqa: PLC0415
    combos = list(itertools.islice(itertools.product(*lists), 16))
    return combos


# --- the table, written by ``geomap gazetteer build`` ------------------------------------
def format_table(places, places_text: str) -> str:
    """The text of ``frequencies.tsv`` for a list of places (deterministic: sorted), with
    the SHA-256 of *places_text*, the ``places.csv`` written from them: the gazetteer that
    still has it is read without validating every row again."""
    from importlib.metadata import version  # noqa: PLC0415

    from wordfreq import get_frequency_list  # noqa: PLC0415
    wf_version = version("wordfreq")

    from .arabic import normalize_name  # noqa: PLC0415
    domain = set()
    for p in places:
        for n in p.names:
            if any("\u0600" <= c <= "\u06ff" for c in n):
                for w in normalize_name(n).split(" "):
                    if w:
                        domain.add(w)
                        if w.startswith("ال") and len(w) > 4:
                            domain.add(w[2:])      # after لل (ل + ال): "لليرموك"
    table = _Table(None)
    table.domain = frozenset(domain)
    rows = []
    for index, bucket in enumerate(get_frequency_list("ar", "best")):
        for w in bucket:
            if w and set(w) <= _LETTERS and table.covers(w):
                rows.append((w, index))
    lines = [f"# wordfreq {wf_version} Arabic ('best' list) centibel buckets of the words the "
             "gazetteer's names can be written as; written by 'geomap gazetteer build' "
             "(see geomap/commonness.py)",
             "h\t" + hashlib.sha256(places_text.encode("utf-8")).hexdigest()]
    # names the table does not cover (Latin, digits: "T4"), with wordfreq's figure
    safe_covered = lambda q: set(q) <= _SAFE and all(  # noqa: E731
        t and table.covers(t) for t in q.translate(_REMOVED).split(" "))
    exact = {q for p in places for n in p.names for q in (n, n.lower())
             if q and not safe_covered(q)}
    lines += [f"d\t{w}" for w in sorted(domain)]
    lines += [f"w\t{w}\t{b}" for w, b in sorted(rows)]
    figures = {q: wordfreq_zipf(q) for q in sorted(exact) if "\t" not in q and "\n" not in q}
    lines += [f"q\t{q}\t{z!r}" for q, z in figures.items() if repr(z) != repr(_MISSING)]
    lines.append("\t".join(["z"] + [q for q, z in figures.items() if repr(z) == repr(_MISSING)]))
    return "\n".join(lines) + "\n"


@lru_cache(maxsize=1)
def table_digest() -> str:
    """What :func:`zipf`'s answers depend on: the shipped table and the installed wordfreq
    (asked outside the table's domain), as a SHA-256 (a key of the name-index cache)."""
    h = hashlib.sha256()
    p = table_path()
    h.update(p.read_bytes() if p is not None else b"")
    v = wordfreq_version()
    if v is not None:
        h.update(v.encode())
    return h.hexdigest()


def wordfreq_version() -> str | None:
    """The installed wordfreq's version (None when it is not installed): read from the name
    of the ``wordfreq-VERSION.dist-info`` folder beside the package when there is exactly
    one, else from :func:`importlib.metadata.version` (importing it and scanning the path
    takes a process about 70 ms; ``tests/test_fast_paths.py`` compares the two)."""
    import importlib.util  # noqa: PLC0415
    try:
        spec = importlib.util.find_spec("wordfreq")
    except (ImportError, ValueError):
        spec = None
    if spec is not None and spec.submodule_search_locations:
        site = Path(next(iter(spec.submodule_search_locations))).parent
        found = [d.name[len("wordfreq-"):-len(".dist-info")]
                 for d in site.glob("wordfreq-*.dist-info") if (d / "METADATA").is_file()]
        if len(found) == 1:
            return found[0]
    from importlib.metadata import PackageNotFoundError, version  # noqa: PLC0415
    try:
        return version("wordfreq")
    except PackageNotFoundError:  # pragma: no cover - a dependency
        return None


def checked_sha256(path: str | Path) -> str | None:
    """The SHA-256 of ``places.csv`` recorded in the ``frequencies.tsv`` beside it (None if
    there is none)."""
    table = Path(path).with_name("frequencies.tsv")
    try:
        with open(table, encoding="utf-8") as fh:
            for _ in range(3):
                line = fh.readline()
                if line.startswith("h\t"):
                    return line[2:].strip()
    except OSError:
        return None
    return None
