"""geomap: map the places named in Arabic news about the Syrian war.

The data flows one way, one module per step:

``readers`` (articles) → ``arabic`` (normalise, keep offsets) → ``doc`` (one
document per article) → ``toponyms`` (find names) → ``resolve`` (one gazetteer
entry per mention) → ``events`` (with ``dates``, ``actors``, ``geometry``) →
``layers`` (GeoDataFrames) → ``render`` (folium map) / ``export`` (GeoJSON,
GeoPackage, CSV), tied together by ``pipeline`` (:class:`Pipeline`, ``geomap
build``), over ``gazetteer`` (the curated Syrian gazetteer) and ``lexicon``
(word lists as data); ``geocoder`` answers single-name lookups (geopy
interface) and ``eval`` measures accuracy against annotated articles.

Names are imported on first use, so ``import geomap`` stays light.

Quick use::

    >>> import geomap
    >>> [m.place.name_en for m in geomap.find_places("قصف على بلدة عندان بريف حلب") if m.place]
    ['Anadan', 'Aleppo']
"""

from __future__ import annotations

from ._lazy import lazy_getattr

__version__ = "0.2.0"

_EXPORTS = {
    "GeomapError": "errors", "GazetteerError": "errors", "GazetteerRowError": "errors",
    "InputError": "errors", "PlaceNotFound": "errors", "OutputError": "errors",
    "Gazetteer": "gazetteer", "Place": "gazetteer", "load_gazetteer": "gazetteer",
    "GazetteerGeocoder": "geocoder", "geocode": "geocoder", "geocode_all": "geocoder",
    "Article": "readers", "load_articles": "readers", "read_article": "readers",
    "Mention": "resolve", "Resolver": "resolve", "find_places": "resolve",
    "Event": "events", "extract_events": "events",
    "events_to_geodataframe": "layers",
    "Pipeline": "pipeline", "Doc": "doc", "Lexicon": "lexicon", "load_lexicon": "lexicon",
    "evaluate": "eval",
}


__getattr__ = lazy_getattr(__name__, _EXPORTS, globals())


def events_geodataframe(*paths):
    """Read articles (files or folders) and return their events as a GeoDataFrame.

    Bad inputs are skipped (see :func:`load_articles` for the errors).
    """
    from .events import extract_events
    from .layers import events_to_geodataframe
    from .readers import load_articles
    articles, _errors = load_articles(paths)
    return events_to_geodataframe(extract_events(articles))


__all__ = ["__version__", "events_geodataframe", *_EXPORTS]
