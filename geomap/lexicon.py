"""The lexicons: geomap's knowledge of Arabic war reporting, read from data files.

Every word list geomap uses lives in ``geomap/data/lexicons/`` (one concern per
file, ordinary Arabic spelling, ``#`` comments; the README there describes each
file).  :func:`load_lexicon` reads a folder of them once, normalises every entry
the way article text is normalised (:func:`geomap.arabic.normalize_name`) and
returns a :class:`Lexicon` of typed records; ``geomap lexicon check [DIR]``
validates the files the way ``geomap gazetteer check`` validates places.  An
analyst adds an actor spelling or a trigger word by editing a file, and
``geomap eval`` shows the effect.

The clitic grammar (which proclitics may stand before a word) is morphology,
not vocabulary, so it is here, in one place: :data:`CLITICS`,
:data:`ARTICLE_PREFIXES` and :func:`Lexicon.strip_clitics`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .arabic import normalize_name
from .errors import GeomapError

__all__ = ["Lexicon", "load_lexicon", "check_lexicon", "default_lexicon_dir", "verb_forms", "CLITICS",
           "ARTICLE_PREFIXES", "LexiconError", "ActorEntry", "FILES"]

#: Proclitics that can stand before a name without the article
#: (and, so, in/with, to/for, like, and combinations).
CLITICS = frozenset({"", "و", "ف", "ب", "ل", "ك", "وب", "ول", "فب", "فل", "وك", "فك"})

#: Proclitic + article sequences before a name that carries the article;
#: "لل" is ل + ال with the alef dropped, as Arabic spelling requires.
ARTICLE_PREFIXES = frozenset({"ال", "وال", "فال", "بال", "كال", "لل", "ولل", "فلل",
                              "وبال", "فبال", "وكال"})


class LexiconError(GeomapError):
    """A lexicon file is invalid (file and line named)."""


@dataclass(frozen=True, slots=True)
class ActorEntry:
    """One actor of ``actors.tsv``."""

    name: str
    role: str                 #: state / nonstate / coalition / civilians
    inter: int                #: ACLED inter code
    country: str              #: ISO code for state forces, else ""
    spellings: tuple[str, ...]   #: normalised


#: file -> (columns, allowed values of the first column or None).  Columns after the last
#: may be left out (empty).
FILES: dict[str, tuple[tuple[str, ...], frozenset[str] | None]] = {
    "place_triggers.tsv": (("word", "kinds", "flags"), None),
    "place_cues.tsv": (("word", "cue"), None),
    "directions.tsv": (("word", "direction", "form"), None),
    "non_places.tsv": (("phrase", "type"), None),
    "nationalities.tsv": (("adjective", "country"), None),
    "event_triggers.tsv": (("layer", "phrase", "flags"), None),
    "instruments.tsv": (("layer", "phrase"), None),
    "actor_adjectives.tsv": (("adjective", "actor"), None),
    "markers.tsv": (("marker", "phrase"), frozenset({
        "launch", "denial", "claim", "hypothetical", "request", "axis", "actor-target",
        "clause-break", "reporter", "stative", "consequence", "recap", "led-by", "concluded",
        "background", "relative", "impact", "refusal", "launcher", "threat", "unarmed", "opinion",
        "investigated"})),
    "event_cues.tsv": (("cue", "phrase", "word"), frozenset({"origin", "target", "near", "from", "to"})),
    "fatalities.tsv": (("kind", "phrase"), frozenset({"kill", "about", "killed", "victims",
                                                        "several", "perished", "toll",
                                                        "thousands"})),
    "numbers.tsv": (("word", "value"), None),
    "calendar.tsv": (("kind", "word", "value"), frozenset({"month", "weekday", "ordinal"})),
    "actors.tsv": (("actor", "role", "inter", "country", "spellings"), None),
    "allies.tsv": (("side", "actor"), None),
}
_CUES = frozenset({"locative", "weak-locative", "attack-locative", "route", "countryside", "media", "speech",
                   "agent-verb",
                   "compound", "function", "person-title", "person-after", "organisation-head",
                   "organisation-tail"})
_NON_PLACE_TYPES = frozenset({"stop-name", "given-name", "homograph-strict", "homograph-locative",
                              "media-homograph", "non-place", "generic-landmark",
                              "verb-homograph", "adverb-homograph"})
_DIRECTIONS = frozenset({"north", "south", "east", "west", "northeast", "northwest", "southeast",
                         "southwest"})
_DIRECTION_FORMS = frozenset({"noun", "adjective", "adjective-definite"})
_ROLES = frozenset({"state", "nonstate", "coalition", "civilians"})
_TRIGGER_FLAGS = frozenset({"name", "plural"})
_EVENT_FLAGS = frozenset({"concluded", "instrument", "verb", "past", "actor", "lead", "weapon", "gap"})


def verb_forms(past: str, past_only: bool = False) -> list[str]:
    """The written forms of an Arabic verb given as its (normalised) past tense, third
    person masculine singular: the other persons of the past, the present tense, and
    the forms with an object pronoun.  Vowels are not written, so the passive reads
    as the active.

    >>> verb_forms("قصف")[:6]
    ['قصف', 'قصفت', 'قصفوا', 'قصفا', 'قصفتا', 'قصفن']
    >>> "يستهدف" in verb_forms("استهدف") and "تصدت" in verb_forms("تصدي")
    True
    """
    words = past.split(" ")
    head, rest = words[0], words[1:]
    tail = (" " + " ".join(rest)) if rest else ""
    if head.endswith("ي") and len(head) >= 4:        # defective: تصدى -> تصدت، تصدوا، يتصدى
        stem = head[:-1]
        past_forms = [head, stem + "ت", stem + "وا", stem + "يا", stem + "تا"]
        pres = [p + head for p in "يتن"] + [p + stem + "ون" for p in "يت"]
    else:
        past_forms = [head + x for x in ("", "ت", "وا", "ا", "تا", "ن", "نا")]
        stem = head[1:] if head[0] in "ا" and len(head) >= 4 else head
        pres = [p + stem for p in "يتن"] + [p + stem + x for p in "يت" for x in ("ون", "ان", "ن")]
    pron = []
    # (no pronoun on the bare form: سيطر + ه would read as the noun سيطرة)
    for f in (head + "ت", head + "وا") if not head.endswith("ي") else (head[:-1] + "ت",):
        base = f[:-1] if f.endswith("وا") else f
        pron += [base + x for x in ("ه", "ها", "هم")]
    for f in pres[:3]:
        pron += [f + x for x in ("ه", "ها", "هم")]
    if past_only:
        pres = []
        pron = [f for f in pron if not f.startswith(("ي", "ت", "ن")) or f.startswith(head[:1])]
    out = []
    for f in past_forms + pres + pron:
        if f + tail not in out:
            out.append(f + tail)
    return out


def default_lexicon_dir() -> Path:
    """The lexicon folder shipped with geomap."""
    return Path(__file__).resolve().parent / "data" / "lexicons"


def _rows(path: Path, ncols: int) -> list[tuple[int, list[str]]]:
    """(line number, fields) of a lexicon file: comments and blank lines skipped,
    fields stripped, short rows padded with empty fields."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise LexiconError(f"{path}: missing lexicon file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise LexiconError(f"{path}: cannot read: {exc}") from None
    out = []
    for i, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        parts = [p.strip() for p in line.split("\t")]
        if len(parts) > ncols:
            raise LexiconError(f"{path}:{i}: {len(parts)} fields, expected at most {ncols}")
        out.append((i, parts + [""] * (ncols - len(parts))))
    return out


def _key(s: str, where: str) -> str:
    k = normalize_name(s)
    if not k:
        raise LexiconError(f"{where}: empty entry")
    return k


@dataclass(frozen=True)
class Lexicon:
    """Every word list, normalised (see the files in ``geomap/data/lexicons``)."""

    folder: str
    digest: str
    # -- places
    triggers: dict[str, frozenset[str]] = field(repr=False)   #: trigger word -> kinds it suggests
    name_triggers: frozenset[str] = field(repr=False)
    plural_triggers: frozenset[str] = field(repr=False)
    locative: frozenset[str] = field(repr=False)               #: strong and weak locatives
    strong_locative: frozenset[str] = field(repr=False)         #: locatives that vouch for a common word
    prepositions: frozenset[str] = field(repr=False)            #: locatives that are not attack nouns
    route: frozenset[str] = field(repr=False)
    countryside: frozenset[str] = field(repr=False)
    media: frozenset[str] = field(repr=False)
    speech: frozenset[str] = field(repr=False)
    #: verbs whose subject acts (توصلت، وافقت): a capital after one is its government
    agent_verbs: frozenset[str] = field(repr=False)
    compound: frozenset[str] = field(repr=False)               #: joinable first words (كفر, دير…)
    function_words: frozenset[str] = field(repr=False)
    person_titles: frozenset[str] = field(repr=False)
    person_after: frozenset[str] = field(repr=False)
    organisation_heads: frozenset[str] = field(repr=False)
    organisation_tails: frozenset[str] = field(repr=False)
    directions: dict[str, tuple[str, str]] = field(repr=False)  #: word -> (direction, form)
    stop_names: frozenset[str] = field(repr=False)
    given_names: frozenset[str] = field(repr=False)
    homographs_strict: frozenset[str] = field(repr=False)
    homographs_locative: frozenset[str] = field(repr=False)
    media_homographs: frozenset[str] = field(repr=False)
    #: names every city has (القصر الجمهوري، المطار الدولي): a place only beside its city
    generic_landmarks: frozenset[str] = field(repr=False)
    #: names that are also present-tense verbs (تدمر "destroys") / adverbs (دوما "always")
    verb_homographs: frozenset[str] = field(repr=False)
    adverb_homographs: frozenset[str] = field(repr=False)
    non_place_phrases: tuple[str, ...] = field(repr=False)
    nationalities: dict[str, str] = field(repr=False)           #: adjective -> ISO country
    # -- events
    #: (layer, phrase, flags), file order; verbs expanded to their forms
    event_triggers: tuple[tuple[str, str, frozenset[str]], ...] = field(repr=False)
    instruments: tuple[tuple[str, str], ...] = field(repr=False)      #: (layer, phrase)
    actor_adjectives: dict[str, str] = field(repr=False)               #: adjective -> actor
    markers: dict[str, tuple[str, ...]] = field(repr=False)
    cues: dict[str, tuple[tuple[str, bool], ...]] = field(repr=False)  #: cue -> (phrase, word start)
    fatalities: dict[str, tuple[str, ...]] = field(repr=False)
    numbers: dict[str, int] = field(repr=False)
    months: dict[str, int] = field(repr=False)
    weekdays: dict[str, int] = field(repr=False)
    #: day of the month written as an ordinal ("الثامن عشر من آذار") -> day
    ordinals: dict[str, int] = field(repr=False)
    actors: tuple[ActorEntry, ...] = field(repr=False)
    allies: tuple[frozenset[str], ...] = field(repr=False)

    def __hash__(self) -> int:
        return hash(self.digest)

    def __eq__(self, other) -> bool:
        return isinstance(other, Lexicon) and other.digest == self.digest

    @property
    def trigger_words(self) -> frozenset[str]:
        return frozenset(self.triggers)

    def _memo(self, name: str) -> dict:
        """A dict of remembered answers kept on this (frozen) lexicon."""
        memo = self.__dict__.get(name)
        if memo is None:
            memo = {}
            object.__setattr__(self, name, memo)
        return memo

    def direction_words(self, *forms: str) -> dict[str, str]:
        """word -> direction, for the given forms (all when none is given).  The dict is
        shared between calls: read it, do not change it."""
        memo = self._memo("_direction_memo")
        out = memo.get(forms)
        if out is None:
            out = memo[forms] = {w: d for w, (d, f) in self.directions.items()
                                 if not forms or f in forms}
        return out

    def strip_clitics(self, token: str) -> tuple[str, str]:
        """Split a normalised token into (proclitics, rest), article removed.

        A bare proclitic is split off only when the rest is a word the lexicon
        knows as a cue (trigger, locative, countryside, direction, organisation head), so that
        "بريف" is ب + ريف but "بلدة" stays one word.

        >>> lex = load_lexicon()
        >>> lex.strip_clitics("وبالرقه"), lex.strip_clitics("بريف")
        (('وبال', 'رقه'), ('ب', 'ريف'))
        """
        memo = self._memo("_clitic_memo")
        out = memo.get(token)
        if out is None:
            if len(memo) >= 200_000:
                memo.clear()
            out = memo[token] = _strip_clitics(self, token)
        return out


_ARTICLE_BY_LEN = sorted(ARTICLE_PREFIXES, key=len, reverse=True)
_CLITIC_BY_LEN = [c for c in sorted(CLITICS, key=len, reverse=True) if c]


@lru_cache(maxsize=200_000)
def _strip_clitics(lex: Lexicon, token: str) -> tuple[str, str]:
    for p in _ARTICLE_BY_LEN:
        if token.startswith(p) and len(token) - len(p) >= 2:
            return p, token[len(p):]
    for p in _CLITIC_BY_LEN:
        if token.startswith(p) and len(token) - len(p) >= 2:
            rest = token[len(p):]
            if rest in lex.triggers or rest in lex.locative or rest in lex.countryside \
                    or rest in lex.directions or rest in lex.organisation_heads:
                return p, rest
    return "", token


def _digest(folder: Path) -> str:
    h = hashlib.sha256()
    for name in sorted(FILES):
        p = folder / name
        h.update(name.encode())
        h.update(p.read_bytes() if p.is_file() else b"")
    return h.hexdigest()[:16]


def _build(folder: Path) -> Lexicon:
    def rows(name):
        cols, allowed = FILES[name]
        out = _rows(folder / name, len(cols))
        for line, f in out:
            if allowed is not None and f[0] not in allowed:
                raise LexiconError(f"{folder / name}:{line}: unknown {cols[0]} {f[0]!r} "
                                   f"(one of {', '.join(sorted(allowed))})")
        return [(f"{folder / name}:{line}", f) for line, f in out]

    triggers: dict[str, frozenset[str]] = {}
    name_t, plural_t = set(), set()
    for where, (w, kinds, flags) in rows("place_triggers.tsv"):
        k = _key(w, where)
        from .gazetteer.model import KINDS  # noqa: PLC0415
        ks = frozenset(x for x in kinds.split("|") if x)
        bad = ks - KINDS
        if bad:
            raise LexiconError(f"{where}: unknown place kind {sorted(bad)[0]!r}")
        fl = {x.strip() for x in flags.split(",") if x.strip()}
        if fl - _TRIGGER_FLAGS:
            raise LexiconError(f"{where}: unknown flag {sorted(fl - _TRIGGER_FLAGS)[0]!r}")
        triggers[k] = ks
        if "name" in fl:
            name_t.add(k)
        if "plural" in fl:
            plural_t.add(k)
    cues: dict[str, set[str]] = {c: set() for c in _CUES}
    for where, (w, cue) in rows("place_cues.tsv"):
        if cue not in _CUES:
            raise LexiconError(f"{where}: unknown cue {cue!r} (one of {', '.join(sorted(_CUES))})")
        cues[cue].add(_key(w, where))
    directions: dict[str, tuple[str, str]] = {}
    for where, (w, d, form) in rows("directions.tsv"):
        if d not in _DIRECTIONS:
            raise LexiconError(f"{where}: unknown direction {d!r}")
        if form not in _DIRECTION_FORMS:
            raise LexiconError(f"{where}: unknown form {form!r}")
        directions[_key(w, where)] = (d, form)
    nonp: dict[str, list[str]] = {t: [] for t in _NON_PLACE_TYPES}
    for where, (w, t) in rows("non_places.tsv"):
        if t not in _NON_PLACE_TYPES:
            raise LexiconError(f"{where}: unknown type {t!r}")
        nonp[t].append(_key(w, where))
    nationalities = {}
    for where, (w, cc) in rows("nationalities.tsv"):
        if len(cc) != 2 or not cc.isupper():
            raise LexiconError(f"{where}: country {cc!r} is not an ISO 3166 code")
        nationalities[_key(w, where)] = cc
    from .events.model import LAYERS  # noqa: PLC0415
    trig_layers = set(LAYERS) | {"territory", "strike"}
    ev = []
    seen_ev: set[tuple[str, str]] = set()
    for where, (layer, ph, flags) in rows("event_triggers.tsv"):
        if layer not in trig_layers:
            raise LexiconError(f"{where}: unknown layer {layer!r}")
        fl = frozenset(f.strip() for f in flags.split(",") if f.strip())
        if fl - _EVENT_FLAGS:
            raise LexiconError(f"{where}: unknown flag {sorted(fl - _EVENT_FLAGS)[0]!r} "
                               f"(one of {', '.join(sorted(_EVENT_FLAGS))})")
        forms = verb_forms(_key(ph, where), past_only="past" in fl) if "verb" in fl \
            else [_key(ph, where)]
        for f in forms:
            if (layer, f) not in seen_ev:
                seen_ev.add((layer, f))
                ev.append((layer, f, fl))
    instruments = []
    for where, (layer, ph) in rows("instruments.tsv"):
        if layer not in LAYERS:
            raise LexiconError(f"{where}: unknown layer {layer!r}")
        instruments.append((layer, _key(ph, where)))
    markers: dict[str, list[str]] = {m: [] for m in FILES["markers.tsv"][1]}
    for where, (m, ph) in rows("markers.tsv"):
        markers[m].append(_key(ph, where))
    ecues: dict[str, list[tuple[str, bool]]] = {c: [] for c in FILES["event_cues.tsv"][1]}
    for where, (c, ph, word) in rows("event_cues.tsv"):
        if word not in ("", "word"):
            raise LexiconError(f"{where}: third column must be 'word' or empty")
        ecues[c].append((_key(ph, where), word == "word"))
    fat: dict[str, list[str]] = {k: [] for k in FILES["fatalities.tsv"][1]}
    for where, (k, ph) in rows("fatalities.tsv"):
        fat[k].append(_key(ph, where))
    numbers = {}
    for where, (w, v) in rows("numbers.tsv"):
        if not v.isdigit():
            raise LexiconError(f"{where}: value {v!r} is not a number")
        numbers[_key(w, where)] = int(v)
    months, weekdays = {}, {}
    ordinals: dict[str, int] = {}
    for where, (k, w, v) in rows("calendar.tsv"):
        if not v.isdigit():
            raise LexiconError(f"{where}: value {v!r} is not a number")
        n = int(v)
        if k == "month" and not 1 <= n <= 12 or k == "weekday" and not 0 <= n <= 6 or \
                k == "ordinal" and not 1 <= n <= 31:
            raise LexiconError(f"{where}: {k} number {n} out of range")
        {"month": months, "weekday": weekdays, "ordinal": ordinals}[k][_key(w, where)] = n
    actors = []
    names = set()
    for where, (name, role, inter, country, spellings) in rows("actors.tsv"):
        if role not in _ROLES:
            raise LexiconError(f"{where}: unknown role {role!r}")
        if not inter.isdigit() or not 1 <= int(inter) <= 8:
            raise LexiconError(f"{where}: ACLED inter code {inter!r} must be 1-8")
        if name in names:
            raise LexiconError(f"{where}: actor {name!r} listed twice")
        names.add(name)
        sp = tuple(_key(s, where) for s in spellings.split("|") if s.strip())
        if not sp:
            raise LexiconError(f"{where}: actor {name!r} has no spelling")
        actors.append(ActorEntry(name, role, int(inter), country, sp))
    sides: dict[str, set[str]] = {}
    for where, (side, name) in rows("allies.tsv"):
        if name not in names:
            raise LexiconError(f"{where}: actor {name!r} is not in actors.tsv")
        sides.setdefault(side, set()).add(name)
    adjectives = {}
    for where, (adj, name) in rows("actor_adjectives.tsv"):
        if name not in names:
            raise LexiconError(f"{where}: actor {name!r} is not in actors.tsv")
        adjectives[_key(adj, where)] = name
    return Lexicon(
        folder=str(folder), digest=_digest(folder),
        triggers=triggers, name_triggers=frozenset(name_t), plural_triggers=frozenset(plural_t),
        locative=frozenset(cues["locative"] | cues["weak-locative"] | cues["attack-locative"]),
        strong_locative=frozenset(cues["locative"] - cues["weak-locative"]),
        prepositions=frozenset((cues["locative"] | cues["weak-locative"]) - cues["attack-locative"]),
        route=frozenset(cues["route"]), countryside=frozenset(cues["countryside"]),
        media=frozenset(cues["media"]), speech=frozenset(cues["speech"]),
        agent_verbs=frozenset(cues["agent-verb"]),
        compound=frozenset(cues["compound"]), function_words=frozenset(cues["function"]),
        person_titles=frozenset(cues["person-title"]), person_after=frozenset(cues["person-after"]),
        organisation_heads=frozenset(cues["organisation-head"]),
        organisation_tails=frozenset(cues["organisation-tail"]),
        directions=directions,
        stop_names=frozenset(nonp["stop-name"] + nonp["given-name"]),
        given_names=frozenset(nonp["given-name"]),
        homographs_strict=frozenset(nonp["homograph-strict"]),
        homographs_locative=frozenset(nonp["homograph-locative"]),
        media_homographs=frozenset(nonp["media-homograph"]),
        generic_landmarks=frozenset(nonp["generic-landmark"]),
        verb_homographs=frozenset(nonp["verb-homograph"]),
        adverb_homographs=frozenset(nonp["adverb-homograph"]),
        non_place_phrases=tuple(sorted(set(nonp["non-place"]))),
        nationalities=nationalities,
        event_triggers=tuple(ev), instruments=tuple(instruments), actor_adjectives=adjectives,
        markers={k: tuple(v) for k, v in markers.items()},
        cues={k: tuple(v) for k, v in ecues.items()},
        fatalities={k: tuple(v) for k, v in fat.items()}, numbers=numbers,
        months=months, weekdays=weekdays, ordinals=ordinals, actors=tuple(actors),
        allies=tuple(frozenset(sides[k]) for k in sorted(sides, key=lambda s: (len(s), s))),
    )


def _to_data(lex: Lexicon) -> tuple:
    """The lexicon's fields as plain values (for :mod:`geomap.index_cache`)."""
    from dataclasses import astuple, fields  # noqa: PLC0415
    return tuple(tuple(astuple(a) for a in lex.actors) if f.name == "actors"
                 else getattr(lex, f.name) for f in fields(lex))


def _from_data(data: tuple) -> Lexicon:
    """The lexicon :func:`_to_data` gave (the same fields)."""
    from dataclasses import fields  # noqa: PLC0415
    return Lexicon(*(tuple(ActorEntry(*a) for a in v) if f.name == "actors" else v
                     for f, v in zip(fields(Lexicon), data, strict=True)))


@lru_cache(maxsize=8)
def _load_cached(folder: str, digest: str) -> Lexicon:
    """The lexicon of *folder* (whose files have *digest*), read from the on-disk cache
    when an entry for the same files and code exists (reading 15 files and normalising
    every entry takes a process 50 ms; the entry a tenth of that)."""
    from .index_cache import cached, code_digest  # noqa: PLC0415
    built: list[Lexicon] = []

    def build():
        built.append(_build(Path(folder)))
        return _to_data(built[0])
    data = cached("lexicon", [code_digest("lexicon", "arabic", "gazetteer/model", "events/model"),
                              folder, digest], build)
    return built[0] if built else _from_data(data)


def load_lexicon(folder: str | Path | None = None) -> Lexicon:
    """Read (once) the lexicon files of *folder* (default: the bundled ones).

    Raises
    ------
    LexiconError
        For a missing file or a bad line (file and line named).
    """
    folder = Path(folder) if folder is not None else default_lexicon_dir()
    if not folder.is_dir():
        raise LexiconError(f"{folder}: not a lexicon folder")
    return _load_cached(str(folder.resolve()), _digest(folder))


def check_lexicon(folder: str | Path | None = None) -> list[str]:
    """Validate a lexicon folder: one message per problem (empty when all is well).

    Unlike :func:`load_lexicon` this goes on after a bad line of one file, so
    that each file's first problem is reported, and it also reports entries
    listed twice.
    """
    folder = Path(folder) if folder is not None else default_lexicon_dir()
    problems = []
    for name, (cols, _) in sorted(FILES.items()):
        p = folder / name
        try:
            rows = _rows(p, len(cols))
        except LexiconError as exc:
            problems.append(str(exc))
            continue
        seen: dict[tuple, int] = {}
        for line, f in rows:
            if not f[0] or (len(cols) > 1 and not f[1] and name not in ("place_triggers.tsv",)):
                problems.append(f"{p}:{line}: empty {cols[0] if not f[0] else cols[1]}")
            key = tuple(normalize_name(x) if any("\u0600" <= c <= "\u06ff" for c in x) else x
                        for x in f)
            if key in seen:
                problems.append(f"{p}:{line}: repeats line {seen[key]}")
            seen.setdefault(key, line)
    if not problems:
        try:
            _build(folder)
        except LexiconError as exc:
            problems.append(str(exc))
    return problems


def iter_files(folder: str | Path | None = None) -> Iterable[Path]:
    folder = Path(folder) if folder is not None else default_lexicon_dir()
    return [folder / n for n in sorted(FILES)]
