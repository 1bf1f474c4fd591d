"""Which of a clause's places an event is at: named drop rules.

A clause names places in several roles: the event's own places, the
countryside or governorate they lie in, reference points ("شمال مدينة حلب"),
the start of a movement.  Each rule below drops one role while anything else
remains; each has a name (:mod:`geomap.switches`).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ..resolve.model import Mention
from ..settings import CUE_WINDOW
from ..switches import register

__all__ = ["event_places", "DROP_RULES"]

_QUOTES = str.maketrans("", "", "«»\"“”„'‘’()")


#: a bearing (with a range or settlement word) right before a place: "شرق سلسلة جبال"
_RELATIVE = re.compile(r"(?<![\w])(?:شرق|غرب|شمال|جنوب)(?:ي)?(?:\s+سلسله)?(?:\s+جبال|\s+جبل)?"
                       r"(?:\s+مدينه|\s+بلده|\s+قريه)?\s*$")


#: "X المتاخمة للعاصمة السورية دمشق", "المجاور لمطار حلب": a place named as what X borders
_ADJACENT = re.compile(r"(?<![\w])(?:المتاخمه|المتاخم|المجاوره|المجاور|المحاذيه|المحاذي|"
                       r"الملاصقه|الملاصق|القريبه من|القريب من)\s*(?:ل|لل)?"
                       r"(?:(?:ال)?عاصمه(?:\s+السوريه)?|(?:ال)?مدينه|(?:ال)?بلده)?\s*$")


#: Kinds of place that lie inside a city or town, and how far from its centre they may be (km).
_SUBPLACE_KINDS = frozenset({"neighbourhood", "landmark", "camp", "airbase", "military_site"})
SUBPLACE_KM = 15.0
#: How far from the place a strike is "near" (قرب X) another place it names may lie (km).
NEAR_REF_KM = 30.0
#: What stands between a place and a place in parentheses that says where it is: a word of
#: the first name at most, the opening parenthesis and at most two words ("قاعدة المزة
#: العسكرية (ضواحي دمشق)", "كفرنبل (ريف إدلب)")
_APPOSITION = re.compile(r"^\s*(?:[^\s()]+\s+)?\(\s*(?:[^\s()]+\s+){0,2}$")
_BROAD_KINDS = frozenset({"governorate", "region", "country", "river", "lake", "mountain"})
#: Places that say where another is, in parentheses after it (targets.apposition)
_WHERE_KINDS = frozenset({"city", "town", "district", "region", "governorate"})


def _km(a, b) -> float:
    from ..resolve.features import nearest_km  # noqa: PLC0415
    return nearest_km(a, [b])


def _earlier(m: Mention, cur: list[Mention]):
    """The places of *cur* named before *m* that are not *m*'s place."""
    return (o for o in cur if o.end <= m.start and o.place.id != m.place.id)


def _rule(name: str, doc: str, test: Callable) -> tuple[str, Callable]:
    return register(name, doc), test


def drop_rules(before: Callable[[Mention], str], grammar,
               raw: Callable[[int, int], str] = lambda a, b: "") -> list[tuple[str, Callable]]:
    """The drop rules, in the order they are tried; each ``test(m, places)`` says whether
    mention *m* is not the event's own place, given the clause's *places*.  *before(m)* is
    the normalised text before a mention, *raw(a, b)* the article's text between offsets."""
    return [
        _rule("targets.apposition", "قاعدة المزة (ضواحي دمشق): a city, district, region or "
              "governorate in parentheses right after a place inside it or near it says where "
              "that one is (a list of villages in parentheses is the villages)", lambda m, cur:
              m.place.kind in _WHERE_KINDS and any(
                  o.place.kind not in _BROAD_KINDS and _APPOSITION.match(raw(o.end, m.start))
                  and (m.place.kind in ("governorate", "region")
                       or o.place.parent == m.place.id or _km(o.place, m.place) <= NEAR_REF_KM)
                  for o in _earlier(m, cur))),
        _rule("targets.rivers", "a river or lake is not where a strike lands: "
              "غارات على ضفاف الفرات قرب X", lambda m, _: m.place.kind in ("river", "lake")),
        _rule("targets.reference_points", "شمال مدينة حلب: a reference point, when the event has "
              "a place of its own", lambda m, _: m.qualifier.kind == "direction"),
        _rule("targets.countryside", "بريف حلب: the countryside a named place lies in",
              lambda m, _: m.qualifier.kind == "countryside"),
        _rule("targets.governorates", "a governorate, when a place inside it is named",
              lambda m, _: m.place.kind == "governorate"),
        _rule("targets.region_after_place", "X في الغوطة الشرقية: the region a named place lies in",
              lambda m, cur: m.place.kind == "region" and before(m).split()[-1:] == ["في"]
              and any(o.start < m.start and o.place.kind not in ("region", "governorate") for o in cur)),
        _rule("targets.city_of_subplace", "حي الوعر في مدينة حمص، الغوطة الشرقية في ضواحي دمشق: the "
              "city a named neighbourhood, landmark, camp or region lies in or by", lambda m, cur:
              m.place.kind in ("city", "town")
              and before(m).split()[-1:] in (["في"], ["ضواحي"], ["بضواحي"])
              and any(o.end <= m.start and o.place.kind in _SUBPLACE_KINDS | {"region"}
                      and (o.place.parent == m.place.id or _km(o.place, m.place) <= SUBPLACE_KM)
                      for o in cur)),
        _rule("targets.relative_to", "قرية X شرق سلسلة جبال Y: Y locates X, it is not a place of "
              "the event", lambda m, cur: bool(_RELATIVE.search(before(m)))
              and any(_earlier(m, cur))),
        _rule("targets.adjacent_reference", "الغوطة الشرقية المتاخمة للعاصمة دمشق، مطار النيرب "
              "المجاور لمطار حلب: the place X borders locates X, it is not a place of the event",
              lambda m, cur: bool(_ADJACENT.search(before(m))) and any(_earlier(m, cur))),
        _rule("targets.route_ends", "على طريق الرقة دير الزور قرب بلدة معدان: the ends name the road, "
              "the event is at the place the report puts it", lambda m, _: m.qualifier.kind == "route-end"),
        _rule("targets.near_reference", "غارتان قرب دمشق استهدفتا مركز الأبحاث في جمرايا: the "
              "place the strike is near locates the place it hit, when that lies close by",
              lambda m, cur: bool(grammar.near_cue.search(before(m))) and any(
                  o.place.id != m.place.id and not grammar.near_cue.search(before(o))
                  and o.place.kind not in _BROAD_KINDS and _km(o.place, m.place) <= NEAR_REF_KM
                  for o in cur)),
        _rule("targets.movement_origin", "قادمة من الرقة إلى تدمر: the start of a movement",
              lambda m, cur: bool(grammar.from_cue.search(before(m)))
              and any(grammar.to_cue.search(before(o)) for o in cur)),
    ]


ONE_ROAD = register("targets.one_road", "على طريق دمشق السويداء, no other place: one event, "
                    "at the road's first end, not one at each end")


def event_places(doc, places: list[Mention], grammar, off: frozenset[str] = frozenset()) -> list[Mention]:
    """The event's own places, out of the Syrian places of its clause (route names dropped),
    one per (place, qualifier)."""
    def before(m):
        return doc.norm(m.start - CUE_WINDOW, m.start).translate(_QUOTES)

    own = [m for m in places if m.qualifier.kind != "route"]
    for name, drop in drop_rules(before, grammar, lambda a, b: doc.text[a:b]):
        if name in off:
            continue
        rest = [m for m in own if not drop(m, own)]
        if rest:
            own = rest
    if ONE_ROAD not in off and len(own) > 1 and all(m.qualifier.kind == "route-end" for m in own):
        own = own[:1]     # "خطف مواطنين على طريق دمشق السويداء": one incident, on the road
    seen, out = set(), []
    for m in own:
        k = (m.place.id, m.qualifier)
        if k not in seen:
            seen.add(k)
            out.append(m)
    return out


DROP_RULES = [n for n, _ in drop_rules(lambda m: "", None)]
