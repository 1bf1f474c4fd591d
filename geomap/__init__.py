"""geomap: map the places named in Arabic news about the Syrian war.

The data flows one way, one module per step:

``readers`` (articles) → ``arabic`` (normalise, keep offsets) → ``toponyms``
(find names) → ``resolve`` (one gazetteer entry per mention) → ``events``
(with ``dates``, ``actors``, ``geometry``) → ``layers`` (GeoDataFrames) →
``render`` (folium map) / ``export`` (GeoJSON, GeoPackage, CSV), tied together
by ``pipeline`` (``geomap build``), over ``gazetteer`` (the curated Syrian
gazetteer); ``geocoder`` answers single-name lookups (geopy interface).

Quick use::

    >>> import geomap
    >>> [m.place.name_en for m in geomap.find_places("قصف على بلدة عندان بريف حلب") if m.place]
    ['Anadan', 'Aleppo']
"""

__version__ = "0.1.0"

from .errors import GazetteerError, GazetteerRowError, GeomapError, InputError, PlaceNotFound
from .gazetteer import Gazetteer, Place, load_gazetteer
from .geocoder import GazetteerGeocoder, geocode, geocode_all
from .readers import Article, load_articles, read_article
from .resolve import Mention, Resolver, find_places
from .events import Event, extract_events
from .layers import events_to_geodataframe


def events_geodataframe(*paths):
    """Read articles (files or folders) and return their events as a GeoDataFrame.

    Bad inputs are skipped (see :func:`load_articles` for the errors).
    """
    articles, _errors = load_articles(paths)
    return events_to_geodataframe(extract_events(articles))

__all__ = [
    "__version__", "GeomapError", "GazetteerError", "GazetteerRowError", "InputError",
    "PlaceNotFound", "Gazetteer", "Place", "load_gazetteer", "GazetteerGeocoder", "geocode",
    "geocode_all", "Article", "load_articles", "read_article", "Mention", "Resolver", "find_places",
    "Event", "extract_events", "events_to_geodataframe", "events_geodataframe",
]
