"""Merge the reports of one event (from one article or several) into one record."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import replace

from ..settings import MERGE_FUZZY_DAYS
from ..switches import register
from .model import Event

__all__ = ["merge_events", "sort_events"]

FUZZY = register("merge.fuzzy_dates", "two reports of one event at one place whose dates differ "
                 "by up to two days because one was inferred are one event")
SIDES = register("merge.sides_of_a_place", "reports of one kind on one day near a place, on one "
                 "side of it or at it are one event (ACLED: one event per location and day): "
                 "شمال مطار النيرب and قرب مطار النيرب")


def _side_twin(e: Event, seen: Iterable[Event]) -> Event | None:
    """An already-seen report of *e*'s kind and day at its place, near it or on one side of
    it (*seen*: the merged events of the same layer and place); countrysides are
    :func:`_fuzzy_twin`'s."""
    if e.place is None or e.event_date is None or "countryside" in e.location:
        return None
    for o in seen:
        if o.event_date == e.event_date and "countryside" not in o.location:
            return o
    return None


def _fuzzy_twin(e: Event, seen: Iterable[Event]) -> Event | None:
    """An already-seen report of *e* whose date differs only because one was inferred.

    *seen* are the merged events of the same layer and place.  Dates at most
    :data:`~geomap.settings.MERGE_FUZZY_DAYS` apart, one of them inferred
    (time_precision >= 2); same fatalities when both give them.  For places met
    as "ريف X" the countryside reports match whatever their direction.
    """
    if e.place is None or e.event_date is None:
        return None
    for o in seen:
        if o.event_date is None:
            continue
        if abs((o.event_date - e.event_date).days) > MERGE_FUZZY_DAYS \
                or max(o.time_precision, e.time_precision) < 2:
            if o.event_date != e.event_date:
                continue
        if e.fatalities is not None and o.fatalities is not None and e.fatalities != o.fatalities:
            continue
        if e.layer == "offensive":
            return o
        rural_e, rural_o = "countryside" in e.location, "countryside" in o.location
        same = e.location.removeprefix("near ") == o.location.removeprefix("near ")
        if rural_e == rural_o and (rural_e or same):
            return o
    return None


def merge_events(events: Iterable[Event], off: frozenset[str] = frozenset()) -> list[Event]:
    """Merge reports of the same event (same date, layer and place).

    Sources and quotes are concatenated, fatalities take the highest report,
    offensive axes are united.  The result is sorted by date, then id.
    """
    from shapely.geometry import MultiLineString  # noqa: PLC0415
    merged: dict[tuple, Event] = {}
    # the best report of an event comes first and becomes the record: known date, a direction
    # ("ريف الرقة الشمالي"), named actors, a fatality count
    events = sorted(events, key=lambda e: (e.time_precision, "(" not in e.location,
                                           e.actor1.startswith("Unidentified"), e.fatalities is None,
                                           e.event_date or dt.date.min, e.sources[0]))
    by_place: dict[tuple[str, str], list[Event]] = {}     # (layer, place id) -> merged events
    for e in events:
        k = e.key
        bucket = by_place.setdefault((e.layer, e.place.id if e.place else e.location), [])
        twin = _fuzzy_twin(e, bucket) if FUZZY not in off else None
        if twin is None and SIDES not in off:
            twin = _side_twin(e, bucket)
        if twin is not None:
            k = twin.key
        if k not in merged:
            merged[k] = replace(e, sources=list(e.sources), quotes=list(e.quotes),
                                notes=list(e.notes), axes=list(e.axes), areas=list(e.areas),
                                aliases=sorted({*e.aliases, e.event_id}))
            bucket.append(merged[k])
            continue
        m = merged[k]
        if e.event_id not in m.aliases:
            m.aliases = sorted({*m.aliases, *e.aliases, e.event_id})
        for s in e.sources:
            if s not in m.sources:
                m.sources.append(s)
        for q in e.quotes:
            if q not in m.quotes:
                m.quotes.append(q)
        for n in e.notes:
            if n not in m.notes:
                m.notes.append(n)
        if e.fatalities is not None and (m.fatalities is None or e.fatalities > m.fatalities):
            if m.fatalities is not None:
                m.notes.append(f"fatality reports differ: {m.fatalities} and {e.fatalities}")
            m.fatalities = e.fatalities
        for ax in e.axes:
            if ax not in m.axes:
                m.axes.append(ax)
        if e.layer == "offensive" and e.geometry.geom_type == "MultiLineString":
            if m.geometry.geom_type == "MultiLineString":
                lines = list(m.geometry.geoms) + [g for g in e.geometry.geoms
                                                  if not any(g.equals(x) for x in m.geometry.geoms)]
                m.geometry = MultiLineString(lines)
            else:
                m.geometry = e.geometry
        m.areas = list(m.areas) + [a for a in e.areas if not any(a.equals(x) for x in m.areas)]
        if not m.actor2 and e.actor2:
            m.actor2 = e.actor2
    for m in merged.values():
        m.sources.sort()
    return sort_events(merged.values())


def sort_events(events: Iterable[Event]) -> list[Event]:
    """Events in output order: by date, then id."""
    return sorted(events, key=lambda e: (e.event_date or dt.date.min, e.event_id))
