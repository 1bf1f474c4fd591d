"""The in-memory :class:`Gazetteer`: places by id and by normalised name."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Iterator
from dataclasses import fields, replace
from functools import lru_cache
from pathlib import Path

from ..arabic import normalize_name, normalize_names
from ..errors import GazetteerError
from .io import read_places
from .model import Place

__all__ = ["Gazetteer", "load_gazetteer", "bundled_gazetteer_path", "user_data_dir"]

_FIELDS = tuple(f.name for f in fields(Place))


def bundled_gazetteer_path() -> Path:
    """Path of the committed ``places.csv`` (installed package or source tree)."""
    try:
        from importlib.resources import files  # noqa: PLC0415
        p = Path(str(files("geomap._data").joinpath("places.csv")))
        if p.is_file():
            return p
    except (ModuleNotFoundError, TypeError, ValueError):
        pass
    p = Path(__file__).resolve().parents[2] / "gazetteer" / "places.csv"
    if p.is_file():
        return p
    raise GazetteerError("the bundled gazetteer places.csv is missing from this installation")


def user_data_dir() -> Path:
    """Folder for user-imported gazetteer files.

    ``$GEOMAP_DATA_DIR`` if set, else ``$XDG_DATA_HOME/geomap`` or
    ``~/.local/share/geomap``.  Imported files live in its ``gazetteer/``
    subfolder and are loaded after the bundled gazetteer.
    """
    env = os.environ.get("GEOMAP_DATA_DIR")
    if env:
        return Path(env)
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "geomap"


class Gazetteer:
    """A set of places with lookups by id, GeoNames id and name.

    Parameters
    ----------
    places : iterable of Place
        Entries; ids must be unique.
    """

    def __init__(self, places: Iterable[Place]):
        self._places: list[Place] = sorted(places, key=lambda p: p.id)
        self._by_id: dict[str, Place] = {}
        for p in self._places:
            if p.id in self._by_id:
                raise GazetteerError(f"duplicate place id {p.id}")
            self._by_id[p.id] = p
        self._by_gid = {p.geonameid: p for p in self._places if p.geonameid is not None}
        by_key: dict[str, list[Place]] = {}
        names = [p.names for p in self._places]
        keys = iter(normalize_names([n for ns in names for n in ns if n]))
        for p, ns in zip(self._places, names):
            for key in {next(keys) for n in ns if n}:
                if key:
                    by_key.setdefault(key, []).append(p)
        self._by_key_map: dict[str, list[Place]] | None = by_key
        self._key_rows: dict[str, tuple[int, ...]] | None = None

    @property
    def _by_key(self) -> dict[str, list[Place]]:
        """Normalised name key -> places.  A gazetteer read from the cache makes it from the
        stored rows on first use: a run that looks no name up (the name index has its own
        cache) does not make its 43,000 lists."""
        if self._by_key_map is None:
            places, rows = self._places, self._key_rows
            if callable(rows):          # read from the cache on first use (see _load_cached)
                rows = rows()
            self._by_key_map = {k: [places[i] for i in ix] for k, ix in rows.items()}
            self._key_rows = None
        return self._by_key_map

    #: SHA-256 of the files the gazetteer was loaded from (None when made in code): what the
    #: on-disk cache of the name index is keyed by.
    digest: str | None = None

    def _to_data(self) -> tuple:
        """The gazetteer as plain values (for :mod:`geomap.index_cache`): its places' rows, and
        name key -> positions of its places in those rows."""
        pos = {p.id: i for i, p in enumerate(self._places)}
        rows = tuple(tuple(getattr(p, f) for f in _FIELDS) for p in self._places)
        return rows, {k: tuple(pos[p.id] for p in ps) for k, ps in self._by_key.items()}

    @classmethod
    def _from_data(cls, data: tuple) -> Gazetteer:
        """The gazetteer :meth:`_to_data` gave (the same places and lookups).  The name keys
        may be a function giving them, called on the first name lookup."""
        rows, by_key = data
        g = cls.__new__(cls)
        g._places = places = [Place(*r) for r in rows]
        g._by_id = {p.id: p for p in places}
        g._by_gid = {p.geonameid: p for p in places if p.geonameid is not None}
        g._by_key_map, g._key_rows = None, by_key      # made on first use (see _by_key)
        return g

    def __len__(self) -> int:
        return len(self._places)

    def __iter__(self) -> Iterator[Place]:
        return iter(self._places)

    def __contains__(self, pid: object) -> bool:
        return pid in self._by_id

    def get(self, pid: str) -> Place:
        """Return the place with id *pid* (``KeyError`` if absent)."""
        return self._by_id[pid]

    def by_geonameid(self, gid: int) -> Place | None:
        """Return the place merged with GeoNames id *gid*, if any."""
        return self._by_gid.get(gid)

    def lookup(self, name: str) -> list[Place]:
        """Places with a name whose normalised key equals that of *name*."""
        if self._by_key_map is None:        # read from the cache: make this key's list only
            rows = self._key_rows
            if callable(rows):
                rows = self._key_rows = rows()
            return [self._places[i] for i in rows.get(normalize_name(name), ())]
        return list(self._by_key.get(normalize_name(name), ()))

    def keys(self) -> Iterator[tuple[str, list[Place]]]:
        """Iterate over (normalised name key, places) pairs."""
        return iter(self._by_key.items())

    def merged(self, extra: Iterable[Place]) -> Gazetteer:
        """Return a new gazetteer with *extra* places merged in.

        An extra place whose ``geonameid`` or id matches an existing entry, or
        that has the same Arabic name as an entry of the same country within
        :data:`~geomap.gazetteer.build.MERGE_KM`, adds its names to that entry
        as variants; any other is added.
        """
        from geopy.distance import great_circle  # noqa: PLC0415

        from .build import MERGE_KM, merge_variants  # noqa: PLC0415
        by_id = dict(self._by_id)
        by_gid = dict(self._by_gid)
        for e in extra:
            old = by_gid.get(e.geonameid) if e.geonameid is not None else None
            old = old or by_id.get(e.id)
            if old is None:
                near = [p for p in self.lookup(e.name_ar)
                        if p.in_syria == e.in_syria and p.id in by_id
                        and great_circle((p.lat, p.lon), (e.lat, e.lon)).km <= MERGE_KM]
                old = by_id[min(near, key=lambda p: p.id).id] if near else None
            if old is not None:
                new = merge_variants(old, e.name_ar, e.name_en, *e.variants)
                if new.geonameid is None and e.geonameid is not None:
                    new = replace(new, geonameid=e.geonameid)
                by_id[old.id] = new
                if new.geonameid is not None:
                    by_gid[new.geonameid] = new
            else:
                by_id[e.id] = e
                if e.geonameid is not None:
                    by_gid[e.geonameid] = e
        return Gazetteer(by_id.values())


def _extra_files(data_dir: Path) -> list[Path]:
    folder = data_dir / "gazetteer"
    return sorted(folder.glob("*.csv")) if folder.is_dir() else []


def _read(main: str, extras: tuple[str, ...]) -> Gazetteer:
    from ..commonness import checked_sha256  # noqa: PLC0415
    gaz = Gazetteer(read_places(main, checked_sha256=checked_sha256(main)))
    for path in extras:
        gaz = gaz.merged(read_places(path))
    return gaz


@lru_cache(maxsize=8)
def _load_cached(main: str, extras: tuple[str, ...], mtimes: tuple[float, ...]) -> Gazetteer:
    from ..index_cache import cached, code_digest  # noqa: PLC0415
    h = hashlib.sha256()
    for f in (main, *extras):
        try:
            b = Path(f).read_bytes()
        except OSError as exc:
            raise GazetteerError(f"{Path(f)}: cannot read gazetteer file: {exc}") from None
        h.update(len(b).to_bytes(8, "little") + b)
    digest = h.hexdigest()
    built: list[Gazetteer] = []
    parts = [code_digest("gazetteer/store", "gazetteer/io", "gazetteer/model", "gazetteer/build",
                         "arabic"), digest]

    def build():
        built.append(_read(main, extras))
        return built[0]._to_data()

    def keys():
        """The name keys, a separate entry: a run that looks no name up does not read them
        (two fifths of the gazetteer's entry, 40 ms)."""
        return cached("gazkeys", parts, lambda: (built[0] if built else
                                                 Gazetteer(gaz))._to_data()[1])
    rows = cached("gazetteer", parts, lambda: build()[0])
    if built:
        keys()                  # both entries are written together
        gaz = built[0]
    else:
        gaz = Gazetteer._from_data((rows, keys))
    gaz.digest = digest
    return gaz


def load_gazetteer(path: str | Path | None = None, *, extra: Iterable[str | Path] = (),
                   user_files: bool = True) -> Gazetteer:
    """Load the gazetteer.

    Parameters
    ----------
    path : str or Path, optional
        A places CSV to use instead of the bundled one.
    extra : iterable of str or Path
        More places CSV files to merge in (e.g. from ``import-geonames``).
    user_files : bool
        Also merge the files in :func:`user_data_dir` ``/gazetteer``.

    Returns
    -------
    Gazetteer
        Cached: loading the same files again returns the same object.

    Raises
    ------
    GazetteerRowError
        When a row is invalid (file and line named).
    """
    main = Path(path) if path is not None else bundled_gazetteer_path()
    extras = [Path(e) for e in extra]
    if user_files:
        extras += _extra_files(user_data_dir())
    files = (main, *extras)
    try:
        mtimes = tuple(f.stat().st_mtime for f in files)
    except OSError as exc:
        raise GazetteerError(f"cannot read gazetteer file: {exc}") from None
    return _load_cached(str(main), tuple(str(e) for e in extras), mtimes)
