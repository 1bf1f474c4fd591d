"""Name lookups against the gazetteer, also as a geopy geocoder.

:func:`geocode` answers "where is X?" for one name (Arabic, English or
Kurdish spelling; clitics and the article tolerated; small spelling slips
tolerated by a fuzzy fallback).  :class:`GazetteerGeocoder` wraps it in
geopy's :class:`~geopy.geocoders.base.Geocoder` interface, so it can be used
wherever geopy geocoders are, and combined with geopy's online services when a
user chooses to (it never touches the network itself).
"""

from __future__ import annotations

import difflib

from .arabic import ARTICLE, normalize_name
from .errors import PlaceNotFound
from .gazetteer.model import Place
from .gazetteer.store import Gazetteer, load_gazetteer
from .lexicon import CLITICS

__all__ = ["geocode", "geocode_all", "GazetteerGeocoder"]


def __getattr__(name: str):
    # geopy is imported only by the geopy interface (start-up of "geomap geocode" without it)
    if name == "GazetteerGeocoder":
        from ._geopy import GazetteerGeocoder  # noqa: PLC0415
        return GazetteerGeocoder
    raise AttributeError(name)

_KIND_RANK = {"country": 0, "governorate": 1, "city": 2, "town": 3, "region": 4, "airbase": 5,
              "military_site": 5, "dam": 5, "camp": 5, "village": 6}


def _rank(p: Place) -> tuple:
    return (not p.in_syria, p.id.startswith(("gn.", "xx.")) and ".gn" in p.id,
            _KIND_RANK.get(p.kind, 7), p.id)


def _key_forms(key: str) -> list[str]:
    """The key, then forms with clitics / article removed or added."""
    forms = [key]
    for c in sorted(CLITICS, key=len, reverse=True):
        if c and key.startswith(c) and len(key) - len(c) >= 3:
            forms.append(key[len(c):])
    more = []
    for f in forms:
        more.append(f[2:] if f.startswith(ARTICLE) else ARTICLE + f)
    return forms + more


def geocode_all(name: str, gazetteer: Gazetteer | None = None, *, fuzzy: bool = True) -> list[Place]:
    """All entries a name can denote, best first.

    Parameters
    ----------
    name : str
        A place name in any spelling the gazetteer knows.
    gazetteer : Gazetteer, optional
    fuzzy : bool
        Fall back to close spellings (difflib ratio >= 0.85) when nothing
        matches exactly.

    Returns
    -------
    list of Place
        Syrian before foreign, curated before GeoNames, bigger kinds first.
    """
    gaz = gazetteer if gazetteer is not None else load_gazetteer()
    key = normalize_name(name)
    if not key:
        return []
    for form in _key_forms(key):
        found = gaz.lookup(form)
        if found:
            return sorted(set(found), key=_rank)
    if fuzzy:
        keys = [k for k, _ in gaz.keys()]
        close = difflib.get_close_matches(key, keys, n=3, cutoff=0.85)
        out: list[Place] = []
        for k in close:
            out.extend(p for p in gaz.lookup(k) if p not in out)
        return sorted(out, key=_rank)
    return []


def geocode(name: str, gazetteer: Gazetteer | None = None) -> Place:
    """The best gazetteer entry for *name*.

    Raises
    ------
    PlaceNotFound
        When nothing matches.

    Examples
    --------
    >>> geocode("كري سبي").name_en
    'Tell Abyad'
    """
    found = geocode_all(name, gazetteer)
    if not found:
        raise PlaceNotFound(name)
    return found[0]
