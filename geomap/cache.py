"""The per-article result cache of ``geomap build --cache DIR``.

What :meth:`Pipeline.read <geomap.pipeline.Pipeline.read>` finds in one article
(its events before merging, place ids, counts, unresolved names, corrections
that applied) is stored as one JSON file, under a key that hashes everything
the result depends on:

* the article: its text and every metadata field (name, date, outlet, title,
  URL…);
* the article's mention corrections (pins, "not a place");
* the gazetteer (a digest of every place), the lexicons (their digest), the
  rules switched off, and geomap's code (its version and a digest of its
  source files).

Change any of them and the article is read again; nothing else is.  The
cache is plain data (JSON; geometries as WKB hex), never pickle: a corrupt,
truncated or hand-edited file cannot run code, and is simply read again from
the article (and rewritten).  Files are written atomically, so a killed build
leaves no half-written entry that counts.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path

__all__ = ["ResultCache", "code_digest", "gazetteer_digest"]

#: Bumped when the file format changes.
FORMAT = 1
#: Entries larger than this are not read (they are recomputed).
MAX_ENTRY_BYTES = 256 * 1024 * 1024

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


class ResultCache:
    """Per-article results in *folder*, for the given pipeline.

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
        self.gazetteer = pipeline.gazetteer
        ctx = [FORMAT, code_digest(), gazetteer_digest(pipeline.gazetteer),
               pipeline.lexicon.digest, sorted(pipeline.off)]
        self._context = json.dumps(ctx)
        self.hits = self.misses = self.rejected = 0

    def key(self, art, fixes=()) -> str:
        """The key of an article's result: a hash of the article, its corrections and the
        pipeline's context."""
        fx = [[f.where, f.action, f.article, f.mention, f.value] for f in fixes]
        blob = json.dumps([self._context, _article_fields(art), fx], ensure_ascii=False)
        return hashlib.sha256(blob.encode("utf-8", "surrogatepass")).hexdigest()

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def get(self, key: str):
        """The cached result of *key*, or None (missing, unreadable, corrupt, or naming a
        place the gazetteer lacks: the article is then read again)."""
        p = self._path(key)
        try:
            if p.stat().st_size > MAX_ENTRY_BYTES:
                raise ValueError("too large")
            data = json.loads(p.read_bytes().decode("utf-8"))
            if not isinstance(data, dict) or data.get("key") != key or data.get("format") != FORMAT:
                raise ValueError("not this entry")
            got = _decode(data["result"], self.gazetteer)
        except FileNotFoundError:
            self.misses += 1
            return None
        except Exception:  # noqa: BLE001 - any bad entry is a miss, never an error
            self.rejected += 1
            return None
        self.hits += 1
        return got

    def put(self, key: str, result) -> None:
        """Store *result* under *key* (atomically); results that cannot be stored
        faithfully, and write errors, are skipped."""
        enc = _encode(result, self.gazetteer)
        if enc is None:
            return
        p = self._path(key)
        try:
            p.parent.mkdir(exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=p.parent)
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump({"format": FORMAT, "key": key, "result": enc}, fh, ensure_ascii=False)
            os.replace(tmp, p)
        except OSError:
            try:
                os.unlink(tmp)
            except (OSError, UnboundLocalError):
                pass


# ----- the result as JSON ---------------------------------------------------------------------

def _encode(result, gaz):
    from shapely import to_wkb  # noqa: PLC0415
    events, places, n, unresolved, matched = result
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
    return {"events": out, "places": list(places), "n": n, "unresolved": list(unresolved),
            "matched": list(matched)}


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


def _decode(d, gaz):
    import datetime as dt  # noqa: PLC0415

    from shapely import from_wkb  # noqa: PLC0415

    from .events.model import LAYERS, Event, Source  # noqa: PLC0415
    events = []
    for x in d["events"]:
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
    return events, _strs(d["places"]), _int(d["n"], False), _strs(d["unresolved"]), \
        tuple(_strs(d["matched"]))
