"""The document: one article, normalised once, with everything read from it.

A :class:`Doc` is made by :class:`~geomap.pipeline.Pipeline` and passed to every
component: the resolver adds ``mentions``, the date and actor recognisers
``dates`` and ``actors``, the event extractor ``events``.  The text is
normalised once (:func:`geomap.arabic.normalize`, which keeps a map back to the
original), and components ask the document for the normalised text of any
original span, its sentences and clauses, and the words around a position.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field


from .arabic import NormalizedText, normalize

__all__ = ["Doc", "Span", "SENTENCE_RX"]

#: A sentence of the original text: a run up to . ! ? ؟ or a line end (a point between
#: digits, "2.6 درجة", ends nothing).
SENTENCE_RX = re.compile(r"(?:[^.!?؟\n]|(?<=\d)\.(?=\d))+")


@dataclass(frozen=True, slots=True)
class Span:
    """A span ``[start, end)`` of the original text."""

    start: int
    end: int


@dataclass(eq=False)
class Doc:
    """One article and what the pipeline found in it.

    Attributes
    ----------
    article : Article
        The article (text, date, outlet, source name...).
    nt : NormalizedText
        The text normalised once, with offsets back to the original.
    mentions, dates, actors, events : list
        Filled by the pipeline's components, in text order.
    """

    article: object
    nt: NormalizedText = field(init=False)
    mentions: list = field(default_factory=list)
    dates: list = field(default_factory=list)
    actors: list = field(default_factory=list)
    events: list = field(default_factory=list)

    def __post_init__(self) -> None:
        self.nt = normalize(self.article.text)
        self._sentences: list[Span] | None = None
        self._offsets: list[int] | None = None

    @property
    def text(self) -> str:
        """The original text."""
        return self.article.text

    def _raw_bounds(self, start: int, end: int) -> tuple[int, int]:
        """The normalised characters that come from the original span ``[start, end)``."""
        offs = self._offsets
        if offs is None:        # the offsets as a list: bisect is cheaper than a numpy call
            offs = self._offsets = self.nt.offsets[:-1].tolist()
        return bisect_left(offs, max(0, start)), bisect_left(offs, end)

    def norm(self, start: int, end: int) -> str:
        """The normalised text of the original span ``[start, end)``, stripped."""
        i, j = self._raw_bounds(start, end)
        return self.nt.text[i:j].strip()

    def norm_bounds(self, start: int, end: int) -> tuple[int, int]:
        """Where :meth:`norm` of ``[start, end)`` lies in the normalised text:
        ``doc.nt.text[i:j] == doc.norm(start, end)``."""
        i, j = self._raw_bounds(start, end)
        inner = self.nt.text[i:j]
        lead = len(inner) - len(inner.lstrip())
        if lead == len(inner):
            return i, i
        return i + lead, j - (len(inner) - len(inner.rstrip()))

    def sentences(self) -> list[Span]:
        """The sentences of the original text (cut at . ! ? ؟ and line ends)."""
        if self._sentences is None:
            self._sentences = [Span(m.start(), m.end()) for m in SENTENCE_RX.finditer(self.text)
                               if m.group().strip()]
        return self._sentences

    @staticmethod
    def within(items: list, start: int, end: int, starts: list[int] | None = None) -> list:
        """The items (sorted by ``.start``) that start inside ``[start, end)``."""
        starts = starts if starts is not None else [x.start for x in items]
        return items[bisect_left(starts, start):bisect_left(starts, end)]
