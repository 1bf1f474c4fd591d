"""Place resolution: from names in text to gazetteer entries.

``context`` (words around a name, triggers, qualifiers) → ``filters`` (is this
a place use?) → ``features`` (score each candidate) → ``resolver`` (the whole
chain, :class:`Resolver`); value types in ``model``.
"""

from ..settings import CHUNK_CHARS
from .model import NO_QUALIFIER, Mention, Qualifier, Score
from .resolver import Resolver, find_places, text_chunks

__all__ = ["Mention", "Qualifier", "Score", "NO_QUALIFIER", "Resolver", "find_places",
           "text_chunks", "CHUNK_CHARS"]
