"""An event's attributes: where (label, precision, geometry), when, who."""

from __future__ import annotations

import datetime as dt

from shapely.geometry.base import BaseGeometry

from .. import geometry as geo
from ..actors import Actor, ActorPatterns
from ..dates import DateMention
from ..gazetteer.model import Place
from ..resolve.model import Qualifier
from ..settings import DIRECTION_KM
from ..switches import register

__all__ = ["place_label", "geometry_for", "date_for", "actors_for", "territory_layer"]

DATE_NEAREST = register("event.date_in_sentence", "a clause without a date takes the sentence's "
                        "date nearest to it")
DATE_RUNNING = register("event.date_carried_over", "an undated sentence takes the last recent, "
                        "day-precise date of the preceding text")
PLUPERFECT = register("event.pluperfect_night", "وكان القصف قد طال X after a night that ran "
                      "into the next day (ليل الأحد - الاثنين): what had happened by then is "
                      "dated to the day the night began")
STRIKE_AGENT = register("event.strike_agent", "an air strike or shelling without a named agent in "
                        "its clause takes the sentence's armed actor nearest a strike word "
                        "(غارات التحالف)")


CIVILIANS_TARGET = register("event.civilians_are_targets", "in an attack or an abduction (as in "
                            "a bombing), civilians named are actor2 and the agent actor1 (unknown "
                            "if unnamed): خطف مسلحون 5 مدنيين")


def place_label(p: Place, q: Qualifier) -> tuple[str, str, int]:
    """(location, location_ar, geo_precision) for a place and how it is qualified."""
    if q.kind == "countryside":
        en = f"{p.name_en} countryside" + (f" ({q.direction})" if q.direction else "")
        return en, f"ريف {p.name_ar}", 2
    if q.kind == "direction":
        return f"{q.direction.capitalize()} of {p.name_en}", f"{p.name_ar} ({q.direction})", 2
    prec = {"point": 1, "approx": 2, "region": 3}.get(p.precision, 2)
    if p.kind in ("governorate", "region", "country", "river", "mountain"):
        prec = 3
    elif p.kind in ("district", "road"):
        prec = max(prec, 2)
    return p.name_en, p.name_ar, prec


def geometry_for(p: Place, q: Qualifier) -> BaseGeometry:
    """A point for the place; a sector of its countryside, or of one side of it."""
    if q.kind == "countryside":
        return geo.sector(p.lat, p.lon, q.direction or None)
    if q.kind == "direction":
        return geo.sector(p.lat, p.lon, q.direction, km=DIRECTION_KM)
    return geo.point(p.lat, p.lon)


def date_for(art, start: int, end: int, own: list[DateMention], sdates: list[DateMention],
             running: DateMention | None,
             off: frozenset[str] = frozenset(), anterior: bool = False
             ) -> tuple[dt.date | None, int, str]:
    """(date, time_precision, note) of a clause ``[start, end)`` whose own dates are *own*:
    the first of them, else the nearest date of its sentence (*sdates*), else the date carried
    over from the preceding text, else the article date (precision 2).  Year-only and
    unresolved dates are never picked.  An *anterior* clause (in the pluperfect, "وكان … قد")
    that takes another clause's two-day night takes the day the night began."""
    if art.date is None:
        return None, 3, "article date unknown: event date not set"
    own = [d for d in own if not d.year_only and d.date is not None]
    pick, note = None, ""
    if own:
        pick = own[0]
    else:
        near = [d for d in sdates if not d.year_only and d.date is not None]
        if near and DATE_NEAREST not in off:
            pick = min(near, key=lambda d: min(abs(d.start - start), abs(d.start - end)))
        elif running is not None and DATE_RUNNING not in off:
            pick, note = running, f"date taken from the preceding text ('{running.text}')"
    if pick is not None:
        prec = pick.precision
        if pick.relative and art.date_precision != "day":
            prec = max(prec, 2)   # counted from an inferred publication date
        if anterior and not own and pick.night and PLUPERFECT not in off:
            return pick.first_day, min(prec, 3), \
                f"had happened by the night of '{pick.text}': dated to the day it began"
        return pick.date, min(prec, 3), note
    return art.date, 2, "date not stated: article date used"


def territory_layer(actors: list[Actor], a: int, b: int) -> str:
    """A territorial change is the government's when the sentence's first actor is the
    Syrian state, else a non-state actor's."""
    first = next((x for x in actors if a <= x.start < b and x.role != "civilians"
                  and not x.name.startswith("Unidentified")), None)
    if first is not None and first.role == "state" and first.country == "SY":
        return "territory_gov"
    return "territory_nonstate"


def actors_for(pats: ActorPatterns, actors: list[Actor], ca: int, cb: int, sa: int, sb: int,
               layer: str, strike_positions: list[int],
               off: frozenset[str] = frozenset()) -> tuple[str, str]:
    """(actor1, actor2) of an event read from clause ``[ca, cb)`` of sentence ``[sa, sb)``."""
    def uniq(xs):
        out = []
        for x in xs:
            if x.name not in [n.name for n in out]:
                out.append(x)
        return out
    clause = uniq([x for x in actors if ca <= x.start < cb])
    sent = uniq([x for x in actors if sa <= x.start < sb])
    names = clause or sent
    violent = layer not in ("agreement", "displacement", "offensive", "evacuation", "transfer",
                            "change_group", "base_established")
    unknown = {"air_strike": "Unidentified military forces (air)", "protest": "Protesters (Syria)",
               "riot": "Rioters (Syria)"}.get(layer, "Unidentified armed group")
    if not names:
        return (unknown if violent else ""), ""
    if layer in ("air_strike", "shelling"):
        agents = [x for x in clause if x.role != "civilians" and not x.target]
        if not agents and STRIKE_AGENT not in off:
            # the sentence's armed actor nearest a strike word ("غارات التحالف")
            cands = [x for x in sent if x.role in ("coalition", "state")]
            if cands and strike_positions:
                agents = [min(cands, key=lambda x: min(abs(x.start - p) for p in strike_positions))]
        a1 = agents[0].name if agents else unknown
        a2 = next((x.name for x in names if not pats.allied(x.name, a1) and x.role != "coalition"), "")
        return a1, a2
    if layer in ("bombing", "suicide_bombing") or \
            layer in ("attack", "abduction") and CIVILIANS_TARGET not in off:
        # "استهدفت عبوة ناسفة رتلاً لقوات النظام": the forces a bomb targets are actor2;
        # "خطف مسلحون 5 مدنيين": civilians are those attacked or abducted, never the agent
        perp = [x for x in names if x.role != "civilians" and not x.target]
        victims = [x for x in names if x.role == "civilians" or x.target]
        return (perp[0].name if perp else unknown), (victims[0].name if victims else "")
    agents = [x for x in names if not x.target] or names
    first = agents[0].name
    second = next((x.name for x in names if not pats.allied(x.name, first)), "")
    return first, second
