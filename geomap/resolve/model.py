"""Value types of place resolution: qualifiers, candidates' scores, mentions."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..gazetteer.model import Place

__all__ = ["Qualifier", "Score", "Mention", "NO_QUALIFIER"]


@dataclass(frozen=True, slots=True)
class Qualifier:
    """How a mention relates to its place.

    ``kind`` is ``countryside`` ("ريف X", optionally with a ``direction``:
    "ريف X الشمالي"), ``part`` (a part of an area: "ريف دمشق الشرقي"),
    ``direction`` (the area on one side of a place: "شمال مدينة الرقة"),
    ``route`` (a route or area named by its ends: "طريق دمشق بغداد"),
    ``route-end`` (a place named as the end of one), or "" (the place itself).
    """

    kind: str = ""
    direction: str = ""

    def __bool__(self) -> bool:
        return bool(self.kind)

    def __str__(self) -> str:
        return self.kind + (f":{self.direction}" if self.direction else "")

    @property
    def countryside(self) -> bool:
        return self.kind == "countryside"

    @property
    def area_of(self) -> bool:
        """The event is around the place, not at it (countryside or one side of it)."""
        return self.kind in ("countryside", "direction")


NO_QUALIFIER = Qualifier()


@dataclass(frozen=True, slots=True)
class Score:
    """A candidate's score: the total and the weighted part of each named feature."""

    total: float
    parts: tuple[tuple[str, float], ...] = ()

    def to_dict(self) -> dict:
        return {"total": round(self.total, 3), **{k: round(v, 3) for k, v in self.parts if v}}


@dataclass(frozen=True, slots=True)
class Mention:
    """One place mention in a text.

    Attributes
    ----------
    start, end : int
        Offsets of the name in the original text (``text[start:end] == surface``).
    surface : str
        The name as written (clitics before it are not included).
    place : Place or None
        The resolved entry; None for an unresolved name.
    candidates : int
        How many entries the name could denote.
    trigger : str
        The trigger word before the name ("قرية", "ريف"...), normalised, or "".
    qualifier : Qualifier
        How the text relates the mention to the place (countryside, one side...).
    note : str
        Why a mention is unresolved or how it was resolved.
    score : Score or None
        The winning candidate's score, when there was a choice.
    alternatives : tuple of (Place, Score)
        The runner-up candidates, best first.
    """

    start: int
    end: int
    surface: str
    place: Place | None
    candidates: int = 0
    trigger: str = ""
    qualifier: Qualifier = NO_QUALIFIER
    note: str = ""
    score: Score | None = field(default=None, compare=False)
    alternatives: tuple = field(default=(), compare=False)

    @property
    def resolved(self) -> bool:
        """True when the mention has a gazetteer entry."""
        return self.place is not None

    def to_dict(self) -> dict:
        """JSON-ready dict (the ``geomap places --json`` record, without ``file``)."""
        p = self.place
        d = {
            "start": self.start, "end": self.end, "surface": self.surface,
            "place_id": p.id if p else None,
            "name_en": p.name_en if p else None,
            "name_ar": p.name_ar if p else None,
            "lat": p.lat if p else None, "lon": p.lon if p else None,
            "kind": p.kind if p else ("road" if self.qualifier.kind == "route" else None),
            "admin1": p.admin1 if p else None,
            "in_syria": p.in_syria if p else True,
            "precision": p.precision if p else None,
            "trigger": self.trigger or None, "qualifier": str(self.qualifier) or None,
            "candidates": self.candidates, "note": self.note or None,
        }
        if self.score is not None:
            d["score"] = self.score.to_dict()
            d["runners_up"] = [{"place_id": q.id, "name_en": q.name_en, **s.to_dict()}
                               for q, s in self.alternatives]
        return d
