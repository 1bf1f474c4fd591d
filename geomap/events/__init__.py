"""Events: dated, typed, located, sourced.

``model`` (the :class:`Event` record and the one layer catalogue ``LAYERS``) ·
``grammar`` (patterns compiled from the lexicons) · ``targets`` (which places an
event is at) · ``attributes`` (label, geometry, date, actors) · ``offensives``
(launches, axes, objective areas) · ``merge`` (reports of one event) ·
``extract`` (the sentence reader, :class:`EventExtractor`).
"""

from .extract import EventExtractor, extract_events
from .merge import merge_events
from .model import LAYERS, SCHEMA, Event, Layer

__all__ = ["Event", "EventExtractor", "extract_events", "merge_events", "LAYERS", "SCHEMA", "Layer"]
