"""Events: dated, typed, located, sourced.

``model`` (the :class:`Event` record and the one layer catalogue ``LAYERS``) ·
``grammar`` (patterns compiled from the lexicons) · ``targets`` (which places an
event is at) · ``attributes`` (label, geometry, date, actors) · ``offensives``
(launches, axes, objective areas) · ``merge`` (reports of one event) ·
``extract`` (the sentence reader, :class:`EventExtractor`).
"""

from .._lazy import lazy_getattr

# names are imported on first use: the lexicon needs the layer catalogue (model) without
# the extractor and its patterns (geomap places reads no event)
_EXPORTS = {"EventExtractor": "extract", "extract_events": "extract", "merge_events": "merge",
            "LAYERS": "model", "SCHEMA": "model", "Event": "model", "Layer": "model"}


__getattr__ = lazy_getattr(__name__, _EXPORTS, globals())


__all__ = ["Event", "EventExtractor", "extract_events", "merge_events", "LAYERS", "SCHEMA", "Layer"]
