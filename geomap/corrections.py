"""Corrections that survive rebuilds: ``corrections.csv``.

An analyst's corrections are a CSV file with a header row and the columns
``action, event_id, article, mention, field, value, note`` (any order; missing
columns are empty, other columns are ignored; a row whose ``action`` starts
with ``#`` is a comment).  One row per correction:

========  ==========================================================================
action    what it does (columns it needs)
========  ==========================================================================
pin       the mention ``mention`` of article ``article`` is the gazetteer place
          ``value`` (a place id).  ``mention`` is the name as written, or
          ``@START-END`` (character offsets, as ``geomap places`` prints them).
          A name the recogniser missed is added where it is written.
notplace  that mention is not a place (it locates no event).
drop      the event ``event_id`` is removed.
set       the event ``event_id`` gets ``field`` = ``value``: ``layer`` (or
          ``type``: a layer key such as ``air_strike``), ``date``
          (``YYYY-MM-DD``, day precision), ``actor1`` (or ``actor``), ``actor2``,
          ``fatalities`` (a number, or empty for unknown), ``location`` (a
          gazetteer id: the event moves to that place).
merge     the event ``value`` is merged into the event ``event_id`` (its sources,
          quotes and notes; the higher toll).
========  ==========================================================================

``article`` is the article's name as the outputs give it (``source_file``:
``a.txt``, ``feed.jsonl#17``); a name that ends with ``/`` + ``article``
matches too, so a correction written for ``a.txt`` still applies when the
folder is built with others (``seeds/a.txt``).  ``event_id`` is geomap's id
(``GM…``) or the ACLED-style ``event_id_cnty`` (``SYR…``); an event also
answers to the ids of the reports merged into it, so a correction survives
when a new article reports the same event better.  A corrected event keeps
its id, and its notes say what changed and which line changed it.

A bad row (unknown action, missing column, unknown place id, bad date or
number) is reported with its file and line and skipped; a correction that
matches nothing is reported by the build, never silently kept.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from .errors import InputError
from .fsutil import display_path
from .readers import csv_records, read_utf8

__all__ = ["Correction", "Corrections", "read_corrections", "find_corrections", "COLUMNS",
           "ACTIONS", "SET_FIELDS", "correction_line"]

COLUMNS = ("action", "event_id", "article", "mention", "field", "value", "note")
ACTIONS = ("pin", "notplace", "drop", "set", "merge")
#: Fields ``set`` can change, with their aliases.
SET_FIELDS = {"layer": "layer", "type": "layer", "date": "date", "actor1": "actor1",
              "actor": "actor1", "actor2": "actor2", "fatalities": "fatalities",
              "location": "location"}
CORRECTIONS_FILE = "corrections.csv"
_ID_RX = re.compile(r"(?:GM|SYR)([0-9A-F]{12})\Z", re.IGNORECASE)
_SPAN_RX = re.compile(r"@(\d+)-(\d+)\Z")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Correction:
    """One valid row of a corrections file."""

    file: str
    line: int
    action: str
    event_id: str = ""
    article: str = ""
    mention: str = ""
    field: str = ""
    value: str = ""
    note: str = ""
    place: object = None        #: the gazetteer Place of ``pin`` / ``set location``

    @property
    def where(self) -> str:
        return f"{self.file}:{self.line}"

    @property
    def tag(self) -> str:
        """``corrections.csv:LINE``: how an event's notes name the row (without the folder,
        so that outputs do not depend on where the inputs are)."""
        return f"{Path(self.file).name}:{self.line}"

    @property
    def span(self) -> tuple[int, int] | None:
        """(start, end) of a mention given as ``@START-END``, else None."""
        m = _SPAN_RX.match(self.mention)
        return (int(m.group(1)), int(m.group(2))) if m else None

    def for_article(self, name: str) -> bool:
        """True when this (mention) correction is about the article named *name*."""
        return name == self.article or name.endswith("/" + self.article)

    def describe(self) -> str:
        """The correction in a few words (summary and notes)."""
        if self.action == "pin":
            return f"{self.mention} in {self.article} pinned to {self.value}"
        if self.action == "notplace":
            return f"{self.mention} in {self.article} marked not a place"
        if self.action == "drop":
            return f"drop {self.event_id}"
        if self.action == "merge":
            return f"merge {self.value} into {self.event_id}"
        return f"set {self.field} of {self.event_id} to {self.value or '(empty)'}"


def _cell(v: str | None) -> str:
    """A cell as written, with the apostrophe geomap's CSV files put before a formula
    character (``'=x``) taken off again."""
    v = (v or "").strip()
    if len(v) > 1 and v[0] == "'" and v[1:].startswith(_FORMULA_START):
        v = v[1:]
    return v


def _event_id(v: str) -> str:
    m = _ID_RX.match(v.strip())
    return f"GM{m.group(1).upper()}" if m else ""


def _check(row: dict[str, str], gazetteer, layers) -> tuple[str, object]:
    """(problem, place) of one row: problem "" when the row is valid."""
    act = row["action"]
    if act not in ACTIONS:
        return f"unknown action {act[:40]!r} (one of {', '.join(ACTIONS)})", None
    place = None
    if act in ("pin", "notplace"):
        if not row["article"] or not row["mention"]:
            return f"{act} needs 'article' and 'mention'", None
        m = _SPAN_RX.match(row["mention"])
        if m and int(m.group(1)) >= int(m.group(2)):
            return f"mention {row['mention']!r}: START must be below END", None
        if act == "pin":
            if not row["value"]:
                return "pin needs a gazetteer id in 'value'", None
            if gazetteer is not None:
                if row["value"] not in gazetteer:
                    return f"{row['value'][:60]!r} is not a gazetteer id", None
                place = gazetteer.get(row["value"])
        return "", place
    if not _event_id(row["event_id"]):
        return f"{act} needs an 'event_id' (GM… or SYR… and 12 hex digits)", None
    if act == "merge":
        if not _event_id(row["value"]):
            return "merge needs the other event's id in 'value'", None
        if _event_id(row["value"]) == _event_id(row["event_id"]):
            return "merge of an event with itself", None
    if act == "set":
        f = SET_FIELDS.get(row["field"].lower())
        v = row["value"]
        if f is None:
            return (f"field {row['field'][:40]!r} cannot be set (one of "
                    f"{', '.join(sorted(SET_FIELDS))})"), None
        if f == "layer" and v not in layers:
            return f"{v[:40]!r} is not a layer (one of {', '.join(layers)})", None
        if f == "date":
            try:
                dt.date.fromisoformat(v)
            except ValueError:
                return f"date {v[:40]!r} is not YYYY-MM-DD", None
        if f == "fatalities" and v and not (v.isdigit() and len(v) < 7):
            return f"fatalities {v[:40]!r} is not a number", None
        if f == "actor1" and not v:
            return "actor1 cannot be empty", None
        if f == "location":
            if gazetteer is not None:
                if v not in gazetteer:
                    return f"{v[:60]!r} is not a gazetteer id", None
                place = gazetteer.get(v)
    return "", place


def read_corrections(path: str | Path, gazetteer=None) -> tuple[list[Correction], list[InputError]]:
    """Read a corrections file: the valid corrections, and one error per bad row.

    Place ids are checked against *gazetteer* when it is given.

    Raises
    ------
    InputError
        When the file cannot be read, is not UTF-8, or has no ``action`` column.
    """
    from .events.model import LAYERS  # noqa: PLC0415
    where = display_path(path)
    text = read_utf8(path, "corrections")
    out: list[Correction] = []
    errors: list[InputError] = []
    rows = csv_records(text, where, "action",
                       f"corrections need an 'action' column ({', '.join(COLUMNS)})", errors,
                       noun="row")
    try:
        for start, cells in rows:
            row = dict.fromkeys(COLUMNS, "")
            row.update((k, _cell(v)) for k, v in cells.items() if k in COLUMNS)
            row["action"] = row["action"].lower()
            if row["action"].startswith("#"):
                continue
            problem, place = _check(row, gazetteer, LAYERS)
            if problem:
                errors.append(InputError(where, f"line {start}: {problem}; row skipped"))
                continue
            for k in ("event_id",) + (("value",) if row["action"] == "merge" else ()):
                row[k] = _event_id(row[k])
            if row["action"] == "set":
                row["field"] = SET_FIELDS[row["field"].lower()]
            out.append(Correction(where, start, place=place, **row))
    except InputError as exc:
        if exc.message != "empty file":
            raise
    return out, errors


def find_corrections(inputs: Iterable[str | Path]) -> list[Path]:
    """The ``corrections.csv`` beside the inputs: in each input folder, and in the folder
    of each input file; each file once, in input order."""
    found: dict[Path, None] = {}
    for item in inputs:
        p = Path(item)
        folder = p if p.is_dir() else p.parent
        c = folder / CORRECTIONS_FILE
        if c.is_file():
            found[c] = None
    return list(found)


def correction_line(action: str, event_id: str = "", article: str = "", mention: str = "",
                    field: str = "", value: str = "", note: str = "") -> str:
    """One row of a corrections file, CSV-quoted, cells neutralised against formulas
    (the reader takes the apostrophe off again)."""
    from .export import csv_cell  # noqa: PLC0415
    buf = io.StringIO()
    csv.writer(buf, lineterminator="").writerow(
        [csv_cell(v) for v in (action, event_id, article, mention, field, value, note)])
    return buf.getvalue()


# ----- applying ------------------------------------------------------------------------------

@dataclass
class Corrections:
    """The corrections of a build, and what they matched."""

    rows: list[Correction] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)
    matched: set[str] = field(default_factory=set)      #: ``where`` of each row that applied

    @classmethod
    def load(cls, paths: Iterable[str | Path], gazetteer=None) -> Corrections:
        c = cls()
        for p in paths:
            try:
                rows, errors = read_corrections(p, gazetteer)
            except InputError as exc:
                c.errors.append(exc)
                continue
            c.rows.extend(rows)
            c.errors.extend(errors)
        return c

    def for_article(self, name: str) -> tuple[Correction, ...]:
        """The mention corrections (pin, notplace) of the article named *name*."""
        return tuple(r for r in self.rows if r.action in ("pin", "notplace") and r.for_article(name))

    @property
    def unmatched(self) -> list[Correction]:
        return [r for r in self.rows if r.where not in self.matched]

    def summary(self) -> str:
        n, bad = len(self.rows) - len(self.unmatched), len(self.unmatched)
        s = f"{n} correction{'s' * (n != 1)} applied"
        if bad:
            s += f", {bad} no longer match{'es' * (bad == 1)} anything"
        return s

    def apply_to_events(self, events: list, lexicon=None) -> list:
        """Apply drop, set and merge (in file order) to merged events; the corrected
        list, sorted as :func:`~geomap.events.merge_events` sorts."""
        from .events.merge import sort_events  # noqa: PLC0415
        rows = [r for r in self.rows if r.action in ("drop", "set", "merge")]
        if not rows:
            return events
        events = list(events)

        def find(eid: str):
            exact = next((e for e in events if e.event_id == eid), None)
            return exact or next((e for e in events if eid in e.aliases), None)

        for r in rows:
            e = find(r.event_id)
            if e is None:
                continue
            if r.action == "drop":
                events.remove(e)
            elif r.action == "merge":
                other = find(r.value)
                if other is None or other is e:
                    continue
                _absorb(e, other)
                events.remove(other)
                e.notes.append(f"merged with {r.value} ({r.tag})")
            else:
                i = events.index(e)
                events[i] = _set(e, r, lexicon)
                events[i].notes.append(f"corrected: {r.field} set to {r.value or '(empty)'} "
                                       f"({r.tag})")
            self.matched.add(r.where)
        return sort_events(events)


def _absorb(e, other) -> None:
    keep = e.event_id
    for s in other.sources:
        if s not in e.sources:
            e.sources.append(s)
    e.sources.sort()
    e.quotes.extend(q for q in other.quotes if q not in e.quotes)
    e.notes.extend(n for n in other.notes if n not in e.notes)
    e.aliases = sorted(set(e.aliases) | set(other.aliases) | {other.event_id})
    if other.fatalities is not None and (e.fatalities is None or other.fatalities > e.fatalities):
        e.fatalities = other.fatalities
    e.fixed_id = keep


def _set(e, r: Correction, lexicon):
    from .events.attributes import geometry_for, place_label  # noqa: PLC0415
    from .events.model import actor_inter  # noqa: PLC0415
    from .resolve.model import NO_QUALIFIER  # noqa: PLC0415
    keep = e.event_id
    v = r.value
    if r.field == "layer":
        e = replace(e, layer=v)
    elif r.field == "date":
        e = replace(e, event_date=dt.date.fromisoformat(v), time_precision=1)
    elif r.field == "fatalities":
        e = replace(e, fatalities=int(v) if v else None)
    elif r.field in ("actor1", "actor2"):
        code = actor_inter(v, lexicon) if v else None
        e = replace(e, **{r.field: v, ("inter1" if r.field == "actor1" else "inter2"): code})
    elif r.field == "location":
        p = r.place
        en, ar, prec = place_label(p, NO_QUALIFIER)
        e = replace(e, place=p, location=en, location_ar=ar, admin1=p.admin1,
                    geometry=geometry_for(p, NO_QUALIFIER), geo_precision=prec, areas=[],
                    axes=[])
    e.fixed_id = keep
    e.notes = list(e.notes)
    return e


def _names(given: str, surface: str) -> bool:
    """True when the name *given* in a correction is the mention *surface*: the same
    words once normalised (hamza, ة/ه, diacritics…), or the last words of it (``دوما``
    names the mention ``مدينة دوما``)."""
    from .arabic import normalize_name  # noqa: PLC0415
    g, s = normalize_name(given), normalize_name(surface)
    return bool(g) and (g == s or s.endswith(" " + g))


def apply_to_mentions(text: str, mentions: list, fixes: Iterable[Correction],
                      offset: int = 0) -> tuple[list, list[tuple[Correction, list]]]:
    """Apply pin and notplace corrections to the mentions of one text (offsets of the
    text start at *offset* in the article): (mentions, [(fix, spans it changed)])."""
    from .resolve.model import Mention  # noqa: PLC0415
    out = list(mentions)
    done: list[tuple[Correction, list]] = []
    for fx in fixes:
        span = fx.span
        if span is not None:
            a, b = span[0] - offset, span[1] - offset
            hits = [i for i, m in enumerate(out) if (m.start, m.end) == (a, b)]
            places = [(a, b)] if not hits and 0 <= a < b <= len(text) else []
        else:
            hits = [i for i, m in enumerate(out) if _names(fx.mention, m.surface)]
            places = []
            if not hits:
                i = text.find(fx.mention)
                while i >= 0:
                    places.append((i, i + len(fx.mention)))
                    i = text.find(fx.mention, i + len(fx.mention))
        changed = [(out[i].start, out[i].end) for i in hits]
        if fx.action == "notplace":
            out = [m for i, m in enumerate(out) if i not in set(hits)]
        else:
            note = f"pinned to {fx.value} ({fx.tag})"
            for i in hits:
                out[i] = replace(out[i], place=fx.place, note=note)
            for a, b in places:       # a name the recogniser did not see
                out = [m for m in out if m.end <= a or m.start >= b]
                out.append(Mention(a, b, text[a:b], fx.place, candidates=1, note=note))
                changed.append((a, b))
            out.sort(key=lambda m: m.start)
        if changed:
            done.append((fx, changed))
    return out, done
