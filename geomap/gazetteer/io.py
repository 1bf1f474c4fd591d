"""Reading, validating and writing gazetteer CSV files.

A gazetteer file is UTF-8 CSV with the header :data:`~geomap.gazetteer.model.COLUMNS`.
Every row is validated; the first invalid row raises
:class:`~geomap.errors.GazetteerRowError` naming the file and line.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from collections.abc import Iterable
from pathlib import Path

from ..errors import GazetteerError, GazetteerRowError
from ..fsutil import atomic_write_text
from .model import ADMIN1, COLUMNS, FLAGS, KINDS, LAYERS, OPTIONAL_COLUMNS, PRECISIONS, SYRIA_BBOX, Place

__all__ = ["read_places", "write_places", "validate_row", "check_files", "format_places"]

_ID_RE = re.compile(r"^[a-z0-9]+(\.[a-z0-9-]+)+$")
_ARABIC_RE = re.compile(r"[\u0600-\u06FF]")
#: Syrian rows that may span several governorates and so have no admin1.
_NATIONAL_KINDS = frozenset({"country", "region", "river", "road", "mountain", "lake"})


def _in_bbox(lat: float, lon: float) -> bool:
    s, w, n, e = SYRIA_BBOX
    return s <= lat <= n and w <= lon <= e


def validate_row(row: dict[str, str]) -> Place:
    """Validate one CSV row and return it as a :class:`Place`.

    Raises
    ------
    ValueError
        With a message saying what is wrong (the caller adds file and line).
    """
    pid = (row.get("id") or "").strip()
    if not _ID_RE.match(pid):
        raise ValueError(f"bad id {pid!r} (lowercase dotted ascii expected)")
    name_en = (row.get("name_en") or "").strip()
    name_ar = (row.get("name_ar") or "").strip()
    if not name_en:
        raise ValueError(f"{pid}: empty name_en")
    if not _ARABIC_RE.search(name_ar):
        raise ValueError(f"{pid}: name_ar {name_ar!r} has no Arabic letters")
    kind = row.get("kind", "")
    if kind not in KINDS:
        raise ValueError(f"{pid}: unknown kind {kind!r}")
    precision = row.get("precision", "")
    if precision not in PRECISIONS:
        raise ValueError(f"{pid}: unknown precision {precision!r}")
    in_syria_s = row.get("in_syria", "")
    if in_syria_s not in ("true", "false"):
        raise ValueError(f"{pid}: in_syria must be 'true' or 'false', not {in_syria_s!r}")
    in_syria = in_syria_s == "true"
    admin1 = row.get("admin1", "")
    if admin1 and admin1 not in ADMIN1:
        raise ValueError(f"{pid}: unknown admin1 {admin1!r}")
    if in_syria and not admin1 and kind not in _NATIONAL_KINDS:
        raise ValueError(f"{pid}: a Syrian {kind} needs an admin1 (governorate)")
    try:
        lat = float(row.get("lat", ""))
        lon = float(row.get("lon", ""))
    except ValueError:
        raise ValueError(f"{pid}: lat/lon are not numbers") from None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise ValueError(f"{pid}: coordinates ({lat}, {lon}) out of range")
    if in_syria and not _in_bbox(lat, lon):
        if _in_bbox(lon, lat):
            raise ValueError(f"{pid}: lat/lon swapped ({lat}, {lon})")
        raise ValueError(f"{pid}: ({lat}, {lon}) is outside Syria but in_syria is true")
    variants_s = row.get("variants", "")
    variants = tuple(variants_s.split("|")) if variants_s else ()
    for v in variants:
        if not v or v != v.strip():
            raise ValueError(f"{pid}: empty or padded name variant in {variants_s!r}")
    gid_s = (row.get("geonameid") or "").strip()
    if gid_s and not gid_s.isdigit():
        raise ValueError(f"{pid}: geonameid {gid_s!r} is not a number")
    source = (row.get("source") or "").strip()
    if not source:
        raise ValueError(f"{pid}: empty source")
    parent = (row.get("parent") or "").strip()
    if parent and not _ID_RE.match(parent):
        raise ValueError(f"{pid}: bad parent id {parent!r}")
    members_s = (row.get("members") or "").strip()
    members = tuple(m.strip() for m in members_s.split("|")) if members_s else ()
    if any(not m or not _ARABIC_RE.search(m) for m in members):
        raise ValueError(f"{pid}: members must be |-separated Arabic names")
    wof_s = (row.get("wofid") or "").strip()
    if wof_s and not wof_s.isdigit():
        raise ValueError(f"{pid}: wofid {wof_s!r} is not a number")
    layer = (row.get("layer") or "").strip()
    if layer and layer not in LAYERS:
        raise ValueError(f"{pid}: unknown layer {layer!r} (one of {', '.join(LAYERS)})")
    flags_s = (row.get("flags") or "").strip()
    flags = tuple(f for f in flags_s.split("|") if f) if flags_s else ()
    if set(flags) - FLAGS:
        raise ValueError(f"{pid}: unknown flag {sorted(set(flags) - FLAGS)[0]!r}")
    _check_arabic_names(pid, name_ar, variants)
    return Place(id=pid, name_en=name_en, name_ar=name_ar, kind=kind, lat=lat, lon=lon,
                 precision=precision, admin1=admin1, in_syria=in_syria,
                 variants=variants, geonameid=int(gid_s) if gid_s else None,
                 source=source, parent=parent, members=members,
                 admin2=(row.get("admin2") or "").strip(), admin3=(row.get("admin3") or "").strip(),
                 wofid=int(wof_s) if wof_s else None, layer=layer, flags=flags)


_PERSIAN = frozenset("پچژگکیەۆڵڕێ")
_ARABIC_SCRIPT = re.compile(r"[\u0600-\u06FF]")
_LATIN = re.compile(r"[A-Za-z]")


def _check_arabic_names(pid: str, name_ar: str, variants: tuple[str, ...]) -> None:
    """Arabic-script names must be Arabic: no Persian/Kurdish letters, no Latin letters
    mixed in, and no word split inside ("د مشق": a one-letter word other than و)."""
    for n in (name_ar, *variants):
        if not _ARABIC_SCRIPT.search(n):
            continue          # a transliteration or a Kurdish Latin spelling
        if set(n) & _PERSIAN:
            raise ValueError(f"{pid}: {n!r} has Persian/Kurdish letters; Arabic names only")
        if any(_LATIN.search(t) and not any(c.isdigit() for c in t) for t in n.split()):
            raise ValueError(f"{pid}: {n!r} mixes Arabic and Latin script")
        if any(len(t) == 1 and t not in "و" and _ARABIC_SCRIPT.match(t) for t in n.split()):
            raise ValueError(f"{pid}: {n!r} has a one-letter word (a name split inside a word?)")


def _header_ok(fields) -> bool:
    """The header is :data:`COLUMNS`, optionally followed by some of
    :data:`OPTIONAL_COLUMNS` in their order."""
    f = tuple(fields or ())
    if f[:len(COLUMNS)] != COLUMNS:
        return False
    extra = f[len(COLUMNS):]
    return extra == tuple(c for c in OPTIONAL_COLUMNS if c in extra)


def _read_checked(text: str) -> list[Place]:
    """The rows of a file that ``geomap gazetteer build`` wrote and checked (its hash is
    recorded): the same places as :func:`validate_row` makes, without re-checking them."""
    rows = csv.reader(io.StringIO(text, newline=""))
    header = next(rows)
    col = {c: i for i, c in enumerate(header)}
    opt = [col.get(c) for c in ("parent", "members", "admin2", "admin3", "wofid", "layer", "flags")]
    out = []
    for r in rows:
        pid, name_en, name_ar, var, kind, lat, lon, prec, admin1, in_syria, gid, source = r[:12]
        parent, members, admin2, admin3, wof, layer, flags = \
            (r[i].strip() if i is not None else "" for i in opt)
        gid = gid.strip()
        out.append(Place(
            id=pid.strip(), name_en=name_en.strip(), name_ar=name_ar.strip(), kind=kind,
            lat=float(lat), lon=float(lon), precision=prec, admin1=admin1,
            in_syria=in_syria == "true", variants=tuple(var.split("|")) if var else (),
            geonameid=int(gid) if gid else None, source=source.strip(), parent=parent,
            members=tuple(m.strip() for m in members.split("|")) if members else (),
            admin2=admin2, admin3=admin3, wofid=int(wof) if wof else None, layer=layer,
            flags=tuple(f for f in flags.split("|") if f) if flags else ()))
    return out


def read_places(path: str | Path, seen_ids: set[str] | None = None, *,
                checked_sha256: str | None = None) -> list[Place]:
    """Read and validate one gazetteer CSV file.

    Parameters
    ----------
    path : str or Path
        The CSV file.
    seen_ids : set of str, optional
        Ids already loaded from other files; duplicates are refused.  The set
        is updated in place.
    checked_sha256 : str, optional
        The SHA-256 of the file as ``geomap gazetteer build`` wrote and checked it: when the
        file still has it, its rows are read without validating them again (the bundled
        gazetteer loads 3-4x faster).

    Returns
    -------
    list of Place

    Raises
    ------
    GazetteerRowError
        For the first invalid row (file and line named).
    GazetteerError
        When the file cannot be read or has the wrong header.
    """
    path = Path(path)
    seen = seen_ids if seen_ids is not None else set()
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise GazetteerError(f"{path}: cannot read gazetteer file: {exc}") from None
    if checked_sha256 and seen_ids is None and \
            hashlib.sha256(text.encode("utf-8")).hexdigest() == checked_sha256:
        return _read_checked(text)
    reader = csv.DictReader(io.StringIO(text, newline=""))
    if not _header_ok(reader.fieldnames):
        raise GazetteerRowError(path, 1, f"header must be {','.join(COLUMNS)} "
                                         f"(optionally followed by {','.join(OPTIONAL_COLUMNS)})")
    out = []
    for row in reader:
        line = reader.line_num
        if None in row or any(v is None for v in row.values()):
            raise GazetteerRowError(path, line, "wrong number of fields")
        try:
            place = validate_row(row)
        except ValueError as exc:
            raise GazetteerRowError(path, line, str(exc)) from None
        if place.id in seen:
            raise GazetteerRowError(path, line, f"duplicate id {place.id}")
        seen.add(place.id)
        out.append(place)
    return out


def check_files(paths: Iterable[str | Path]) -> list[str]:
    """Validate several gazetteer files; return one message per problem.

    Unlike :func:`read_places` this goes on after an error, so that every bad
    row of every file is reported.
    """
    problems: list[str] = []
    seen: dict[str, str] = {}
    for path in paths:
        path = Path(path)
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            problems.append(f"{path}: cannot read: {exc}")
            continue
        reader = csv.DictReader(io.StringIO(text, newline=""))
        if not _header_ok(reader.fieldnames):
            problems.append(f"{path}:1: header must be {','.join(COLUMNS)} "
                            f"(optionally followed by {','.join(OPTIONAL_COLUMNS)})")
            continue
        for row in reader:
            where = f"{path}:{reader.line_num}"
            if None in row or any(v is None for v in row.values()):
                problems.append(f"{where}: wrong number of fields")
                continue
            try:
                place = validate_row(row)
            except ValueError as exc:
                problems.append(f"{where}: {exc}")
                continue
            if place.id in seen:
                problems.append(f"{where}: duplicate id {place.id} (first at {seen[place.id]})")
            else:
                seen[place.id] = where
    return problems


def _fmt_coord(x: float) -> str:
    return f"{x:.5f}".rstrip("0").rstrip(".")


def _optional(p: Place, col: str) -> str:
    v = getattr(p, col)
    if v is None:
        return ""
    if isinstance(v, tuple):
        return "|".join(v)
    return str(v)


def format_places(places: Iterable[Place], columns: Iterable[str] | None = None,
                  extra: dict[str, dict[str, str]] | None = None) -> str:
    """Return the CSV text of *places* (sorted by id, ``\\n`` line ends).

    The header is :data:`COLUMNS` plus the optional *columns* (default: those any
    place fills); *extra* gives values by place id for optional columns.
    """
    places = sorted(places, key=lambda p: p.id)
    extra = extra or {}
    if columns is None:
        used = {c for p in places for c in OPTIONAL_COLUMNS if _optional(p, c)}
        used |= {c for d in extra.values() for c, v in d.items() if v}
        columns = [c for c in OPTIONAL_COLUMNS if c in used]
    columns = [c for c in OPTIONAL_COLUMNS if c in set(columns)]
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow([*COLUMNS, *columns])
    for p in places:
        ex = extra.get(p.id, {})
        w.writerow([p.id, p.name_en, p.name_ar, "|".join(p.variants), p.kind,
                    _fmt_coord(p.lat), _fmt_coord(p.lon), p.precision, p.admin1,
                    "true" if p.in_syria else "false",
                    "" if p.geonameid is None else str(p.geonameid), p.source,
                    *[ex.get(c) or _optional(p, c) for c in columns]])
    return buf.getvalue()


def write_places(places: Iterable[Place], path: str | Path) -> None:
    """Write *places* to *path* atomically, sorted by id (deterministic)."""
    atomic_write_text(path, format_places(places))
