"""The result cache of ``geomap build --cache DIR``: one SQLite file, ``DIR/cache.sqlite``.

It keeps two things.

**What each article gives** (what :meth:`Pipeline.read
<geomap.pipeline.Pipeline.read>` finds in it: its events before merging, place ids,
counts, unresolved names, corrections that applied), under a key that hashes
everything the result depends on:

* the article: its text and every metadata field (name, date, outlet, title,
  URL…);
* the article's mention corrections (pins, "not a place");
* the gazetteer (a digest of every place), the lexicons (their digest), the
  rules switched off, and geomap's code (its version and a digest of its
  source files).

Change any of them and the article is read again; nothing else is.  Beside its events,
an article's entry lists the merge groups they fall in
(:func:`~geomap.pipeline.merge_group`).

**What each merge group gives**: the output rows (:class:`~geomap.rows.EventRow`) of the
merged events of a group, under a key that hashes the keys of the articles that have
events in it, in build order (the groups of the same articles are stored together).  A
group whose articles are all unchanged is taken as it is, without reading, decoding or
merging their events again: adding 20 articles to 10,000 merges and serialises only the
groups those 20 touch.  The rows a build did not use are dropped at its end (the cache
holds the groups of the last build).

The cache is plain data (JSON text in SQLite; geometries as WKB hex), never pickle: a
corrupt, truncated or hand-edited entry cannot run code, and is simply computed again
(and rewritten); a file that is not a readable cache is set aside with a one-line
warning and a new one started.  Writes are SQLite transactions, so a killed build
leaves no half-written entry.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path

__all__ = ["ResultCache", "code_digest", "gazetteer_digest"]

#: Bumped when the format changes (the file's ``user_version``).
FORMAT = 2
FILE = "cache.sqlite"
#: Results are committed every this many new entries (a killed build keeps most of them).
COMMIT_EVERY = 256

_CODE_DIGEST: str | None = None


def code_digest() -> str:
    """A digest of geomap's version and of every Python source file of the package."""
    global _CODE_DIGEST
    if _CODE_DIGEST is None:
        from . import __version__  # noqa: PLC0415
        root = Path(__file__).resolve().parent
        h = hashlib.sha256(__version__.encode())
        for f in sorted(root.rglob("*.py")):
            h.update(f.relative_to(root).as_posix().encode() + b"\0")
            h.update(f.read_bytes())
        _CODE_DIGEST = h.hexdigest()[:24]
    return _CODE_DIGEST


def gazetteer_digest(gaz) -> str:
    """A digest of every place of a gazetteer (its rows, whatever file they came from)."""
    got = getattr(gaz, "_geomap_digest", None)
    if got is None:
        h = hashlib.sha256()
        for p in gaz:
            h.update(repr(p).encode("utf-8", "surrogatepass") + b"\n")
        got = h.hexdigest()[:24]
        try:
            gaz._geomap_digest = got
        except AttributeError:  # pragma: no cover - a gazetteer with slots
            pass
    return got


def _article_fields(art) -> list:
    return [art.name, art.text, art.date.isoformat() if art.date else "", art.date_precision,
            art.outlet, art.title, art.url, art.lang, art.record, art.encoding]


_SCHEMA = ("CREATE TABLE IF NOT EXISTS results (key TEXT PRIMARY KEY, summary TEXT NOT NULL, "
           "events TEXT NOT NULL);"
           "CREATE TABLE IF NOT EXISTS groups (key TEXT PRIMARY KEY, n INTEGER NOT NULL, "
           "geojson TEXT NOT NULL, map TEXT NOT NULL, csv TEXT NOT NULL, meta TEXT NOT NULL);")


class Summary:
    """What an article's entry says without its events: the merge groups of its events
    (None: one of them cannot be merged group by group), place ids, resolved mentions,
    unresolved names, where of each correction that applied."""

    __slots__ = ("groups", "places", "n", "unresolved", "matched")

    def __init__(self, groups, places, n, unresolved, matched):
        self.groups, self.places, self.n = groups, places, n
        self.unresolved, self.matched = unresolved, matched

    @classmethod
    def of(cls, result) -> Summary:
        from .pipeline import merge_group  # noqa: PLC0415
        events, places, n, unresolved, matched = result
        groups = [merge_group(e) for e in events]
        return cls(None if None in groups else list(dict.fromkeys(groups)), list(places), n,
                   list(unresolved), tuple(matched))

    def to_json(self) -> str:
        return json.dumps([self.groups, self.places, self.n, self.unresolved, list(self.matched)],
                          ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> Summary:
        v = json.loads(text)
        if not isinstance(v, list) or len(v) != 5:
            raise ValueError("not a summary")
        groups = None if v[0] is None else _strs(v[0])
        return cls(groups, _strs(v[1]), _int(v[2], False), _strs(v[3]), tuple(_strs(v[4])))


class ResultCache:
    """Per-article results and per-group output rows in *folder*, for the given pipeline.

    Parameters
    ----------
    folder : str or Path
        Created when missing.
    pipeline : Pipeline
        Its gazetteer, lexicon and switched-off rules are part of every key.
    """

    def __init__(self, folder: str | Path, pipeline):
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.path = self.folder / FILE
        self.gazetteer = pipeline.gazetteer
        ctx = [FORMAT, code_digest(), gazetteer_digest(pipeline.gazetteer),
               pipeline.lexicon.digest, sorted(pipeline.off)]
        self._context = json.dumps(ctx)
        self.hits = self.misses = self.rejected = 0
        #: one-line warnings for the build's report (a cache file set aside...)
        self.warnings: list[str] = []
        self._pending = 0
        self._con = self._open()

    def _open(self) -> sqlite3.Connection:
        try:
            return self._connect()
        except sqlite3.OperationalError as exc:    # cannot be opened, locked too long...
            raise OSError(str(exc)) from None
        except sqlite3.DatabaseError as exc:       # not a database, or another format
            from .fsutil import display_path  # noqa: PLC0415
            bad = self.path.with_name(FILE + ".bad")
            self.path.replace(bad)
            self.warnings.append(f"{display_path(self.path)}: not a readable cache ({exc}); "
                                 f"set aside as {bad.name}, every article is read again")
            return self._connect()

    def _connect(self) -> sqlite3.Connection:
        con = sqlite3.connect(self.path, timeout=60, isolation_level=None)
        try:
            version = con.execute("PRAGMA user_version").fetchone()[0]
            if version not in (0, FORMAT):
                raise sqlite3.DatabaseError(f"format {version}, not {FORMAT}")
            con.executescript(_SCHEMA + f"PRAGMA user_version = {FORMAT};")
        except BaseException:
            con.close()
            raise
        return con

    def key(self, art, fixes=()) -> str:
        """The key of an article's result: a hash of the article, its corrections and the
        pipeline's context."""
        fx = [[f.where, f.action, f.article, f.mention, f.value] for f in fixes]
        blob = json.dumps([self._context, _article_fields(art), fx], ensure_ascii=False)
        return hashlib.sha256(blob.encode("utf-8", "surrogatepass")).hexdigest()

    @staticmethod
    def rows_key(groups, keys) -> str:
        """The key of the rows of merge *groups*: a hash of the groups and of the keys of
        the articles with events in them, in build order."""
        h = hashlib.sha256(json.dumps(groups, ensure_ascii=False).encode("utf-8", "surrogatepass"))
        for k in keys:
            h.update(k.encode())
        return h.hexdigest()

    def _select(self, table: str, column: str, keys) -> dict:
        """{key: column} of the entries of *keys* found in *table* (a damaged file gives
        what could be read)."""
        keys = list(dict.fromkeys(keys))
        out = {}
        try:
            for i in range(0, len(keys), 500):
                part = keys[i:i + 500]
                q = f"SELECT key, {column} FROM {table} WHERE key IN ({','.join('?' * len(part))})"
                out.update((k, v[0] if len(v) == 1 else v)
                           for k, *v in self._con.execute(q, part))
        except sqlite3.DatabaseError as exc:
            self._damaged(exc)
        return out

    def _damaged(self, exc) -> None:
        from .fsutil import display_path  # noqa: PLC0415
        msg = f"{display_path(self.path)}: damaged cache ({exc}); what cannot be read is computed again"
        if msg not in self.warnings:
            self.warnings.append(msg)

    def summaries(self, keys) -> dict[str, Summary]:
        """The :class:`Summary` of each article of *keys* whose entry is there and sound."""
        out = {}
        for k, text in self._select("results", "summary", keys).items():
            try:
                out[k] = Summary.from_json(text)
            except Exception:  # noqa: BLE001 - any bad entry is a miss, never an error
                self.rejected += 1
        return out

    def get(self, key: str):
        """The cached result of *key*, or None (missing, unreadable, corrupt, or naming a
        place the gazetteer lacks: the article is then read again)."""
        return self.get_many([key]).get(key)

    def get_many(self, keys) -> dict:
        """{key: result} of the entries of *keys* that are there and sound."""
        keys = list(dict.fromkeys(keys))
        found = self._select("results", "events", keys)
        summaries = self.summaries(found)
        out = {}
        for k in keys:
            if k not in found:
                self.misses += 1
                continue
            try:
                s = summaries[k]
                events = _decode_events(json.loads(found[k]), self.gazetteer)
                if Summary.of((events, (), 0, (), ())).groups != s.groups:
                    raise ValueError("the events are not the summary's")
            except Exception:  # noqa: BLE001 - any bad entry is a miss, never an error
                self.rejected += 1
                continue
            self.hits += 1
            out[k] = (events, s.places, s.n, s.unresolved, s.matched)
        return out

    def put(self, key: str, result) -> None:
        """Store *result* under *key*; results that cannot be stored faithfully, and write
        errors, are skipped."""
        enc = _encode_events(result[0], self.gazetteer)
        if enc is None:
            return
        self._write("INSERT OR REPLACE INTO results VALUES (?, ?, ?)",
                    (key, Summary.of(result).to_json(), json.dumps(enc, ensure_ascii=False)))

    def rows(self, rkeys) -> dict:
        """{key: list of EventRow} of the stored rows of *rkeys* that are there and sound."""
        from .rows import rows_from_db  # noqa: PLC0415
        out = {}
        for k, v in self._select("groups", "n, geojson, map, csv, meta", rkeys).items():
            try:
                out[k] = rows_from_db(*v)
            except Exception:  # noqa: BLE001 - any bad entry is a miss, never an error
                self.rejected += 1
        return out

    def put_rows(self, rkey: str, rows) -> None:
        """Store the rows of merge groups under *rkey* (:meth:`rows_key`)."""
        from .rows import rows_to_db  # noqa: PLC0415
        self._write("INSERT OR REPLACE INTO groups VALUES (?, ?, ?, ?, ?, ?)",
                    (rkey, len(rows), *rows_to_db(rows)))

    def keep_rows(self, rkeys) -> None:
        """Drop the stored rows that are not in *rkeys* (the ones this build used)."""
        try:
            if not self._con.in_transaction:
                self._con.execute("BEGIN")
            self._con.execute("CREATE TEMP TABLE IF NOT EXISTS used (key TEXT PRIMARY KEY)")
            self._con.execute("DELETE FROM used")
            self._con.executemany("INSERT OR IGNORE INTO used VALUES (?)", ((k,) for k in rkeys))
            self._con.execute("DELETE FROM groups WHERE key NOT IN (SELECT key FROM used)")
        except sqlite3.DatabaseError as exc:
            self._damaged(exc)

    def _write(self, sql: str, params) -> None:
        try:
            if not self._con.in_transaction:
                self._con.execute("BEGIN")
            self._con.execute(sql, params)
            self._pending += 1
            if self._pending >= COMMIT_EVERY:
                self._con.execute("COMMIT")
                self._pending = 0
        except sqlite3.Error as exc:      # a full disk, a locked or damaged file: not stored
            self._damaged(exc)

    def close(self) -> None:
        """Commit what was stored and close the file."""
        try:
            if self._con.in_transaction:
                self._con.execute("COMMIT")
        except sqlite3.Error as exc:
            self._damaged(exc)
        finally:
            self._con.close()


# ----- events as JSON ---------------------------------------------------------------------

def _encode_events(events, gaz):
    from shapely import to_wkb  # noqa: PLC0415
    out = []
    for e in events:
        if e.place is not None and (e.place.id not in gaz or gaz.get(e.place.id) != e.place):
            return None          # a place that is not the gazetteer's: not cacheable
        out.append({
            "date": e.event_date.isoformat() if e.event_date else None,
            "tp": e.time_precision, "layer": e.layer, "a1": e.actor1, "a2": e.actor2,
            "fat": e.fatalities, "place": e.place.id if e.place is not None else None,
            "loc": e.location, "loc_ar": e.location_ar, "admin1": e.admin1,
            "geom": to_wkb(e.geometry, hex=True), "gp": e.geo_precision,
            "sources": [list(s) for s in e.sources], "quotes": list(e.quotes),
            "notes": list(e.notes), "axes": list(e.axes),
            "areas": [to_wkb(a, hex=True) for a in e.areas],
            "i1": e.inter1, "i2": e.inter2, "fixed": e.fixed_id, "aliases": list(e.aliases)})
    return out


def _strs(v) -> list[str]:
    if not isinstance(v, list) or not all(isinstance(x, str) for x in v):
        raise ValueError("expected a list of strings")
    return list(v)


def _int(v, none=True):
    if v is None and none:
        return None
    if not isinstance(v, int) or isinstance(v, bool):
        raise ValueError("expected an integer")
    return v


def _str(v) -> str:
    if not isinstance(v, str):
        raise ValueError("expected a string")
    return v


def _decode_events(d, gaz):
    import datetime as dt  # noqa: PLC0415

    from shapely import from_wkb  # noqa: PLC0415

    from .events.model import LAYERS, Event, Source  # noqa: PLC0415
    if not isinstance(d, list):
        raise ValueError("not events")
    events = []
    for x in d:
        if x["layer"] not in LAYERS:
            raise ValueError("unknown layer")
        srcs = x["sources"]
        if not isinstance(srcs, list) or not srcs:
            raise ValueError("sources")
        events.append(Event(
            event_date=dt.date.fromisoformat(x["date"]) if x["date"] is not None else None,
            time_precision=_int(x["tp"], False), layer=x["layer"], actor1=_str(x["a1"]),
            actor2=_str(x["a2"]), fatalities=_int(x["fat"]),
            place=gaz.get(x["place"]) if x["place"] is not None else None,
            location=_str(x["loc"]), location_ar=_str(x["loc_ar"]), admin1=_str(x["admin1"]),
            geometry=from_wkb(_str(x["geom"])), geo_precision=_int(x["gp"], False),
            sources=[Source(*_strs(s)) for s in srcs], quotes=_strs(x["quotes"]),
            notes=_strs(x["notes"]), axes=_strs(x["axes"]),
            areas=[from_wkb(a) for a in _strs(x["areas"])],
            inter1=_int(x["i1"]), inter2=_int(x["i2"]), fixed_id=_str(x["fixed"]),
            aliases=_strs(x["aliases"])))
    return events
