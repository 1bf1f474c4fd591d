"""Offensives over one article: launches, axes of advance and objective areas."""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field

from .. import geometry as geo
from ..actors import Actor, ActorPatterns
from ..dates import DateMention
from ..resolve.model import Mention, Qualifier
from ..settings import OFFENSIVE_TARGET_RANK, ORIGIN_WINDOW
from ..switches import register
from .attributes import geometry_for, place_label
from .grammar import Trigger
from .model import Event, Source

__all__ = ["Launch", "OffensiveTracker"]

AXES = register("offensive.axes", "axes of an offensive: من محور X، انطلاقاً من X -> lines to "
                "its objective")
AREAS = register("offensive.objective_areas", "مثلث X - Y - Z after a launch: the polygon of "
                 "the objective area")
OFFSETS = register("offensive.offsets", "positions given as offsets (X شمال مدينة الرقة بـ65 "
                   "كيلومترا): computed and compared with the gazetteer, in notes")
CONSTRUCT = register("event.construct_head", "عمليات إجلاء، حملة قصف: a campaign word heading "
                     "another event word is that event, not an offensive")
RECENT = register("offensive.recent_launch", "a launch dated to a month or a year is a recap "
                  "of the campaign, not a launch the article reports")
LAUNCHES = register("offensive.launches", "a launch verb (أطلقت، بدأت) with a campaign word "
                    "and an armed actor starts an offensive")

_QUOTES = str.maketrans("", "", "«»\"“”„'‘’()")


@dataclass
class Launch:
    """One offensive launched in the article."""

    actors: list[Actor]
    date: DateMention | None
    quote: str
    origins: list[Mention]
    objectives: list[Mention]
    others: list[Mention]
    offsets: dict[str, str] = field(default_factory=dict)   # place id -> note


class OffensiveTracker:
    """Collects, over one article, the launches, axes and objective areas of offensives."""

    def __init__(self, doc, grammar, actor_patterns: ActorPatterns, off: frozenset[str],
                 triggers: list[Trigger] | None = None):
        self.doc = doc
        self.g = grammar
        self.pats = actor_patterns
        self.off = off
        self.launches: list[Launch] = []
        self.areas: list[list[Mention]] = []
        #: the article's triggers (``grammar.find_triggers(doc.nt.text)``, normalised offsets),
        #: when the caller has found them: each sentence then takes its own from them
        self._triggers = triggers
        self._trigger_starts = None if triggers is None else [t.token_start for t in triggers]

    def _sentence_triggers(self, a: int, b: int, ns: str) -> list[Trigger]:
        """``find_triggers(ns)`` for the sentence ``[a, b)`` (normalised *ns*), in the offsets
        of the article's normalised text.  With the article's triggers at hand these are the
        ones that lie in the sentence: a sentence starts and ends at a non-word character,
        so a trigger of the article inside it is one of the sentence's; the sentence is read
        again only when a trigger of the article crosses one of its ends (a gapped phrase
        over a full stop), as then the two could differ."""
        i, j = self.doc.norm_bounds(a, b)
        trig, starts = self._triggers, self._trigger_starts
        if trig is not None:
            lo, hi = bisect_left(starts, i), bisect_left(starts, j)
            # the matches of one pass do not overlap: their ends grow with their starts
            if not ((lo > 0 and trig[lo - 1].end > i) or (hi > lo and trig[hi - 1].end > j)):
                return trig[lo:hi]
        return [Trigger(t.start + i, t.end + i, t.layer, t.phrase, t.flags, t.token_start + i)
                for t in self.g.find_triggers(ns)]

    def observe(self, a: int, b: int, ns: str, smentions: list[Mention], actors: list[Actor],
                sdates: list[DateMention], running: DateMention | None) -> bool:
        """Read one sentence ``[a, b)`` (normalised *ns*); True when it launches an offensive."""
        doc, g = self.doc, self.g
        # route-ends of "مثلث X - Y - Z" after a launch: the corners of an objective area
        corners = [m for m in smentions if m.qualifier.kind == "route-end" and m.place is not None]
        if len(corners) >= 3 and self.launches and AREAS not in self.off:
            self.areas.append(corners)
        trig = self._sentence_triggers(a, b, ns)
        heads = g.construct_heads(trig) if CONSTRUCT not in self.off else []
        trig = [t for t in trig if t.layer == "offensive" and t not in heads]
        if not trig or LAUNCHES in self.off:
            return False
        sactors = [x for x in actors if a <= x.start < b and x.role in ("nonstate", "state", "coalition")]
        launch = g.launch.search(ns)
        hypo = g.hypothetical.search(ns)
        origins, objectives = [], []
        for m in smentions:
            if m.place is None or not m.place.in_syria or m.place.kind in ("country", "river"):
                continue
            before = doc.norm(max(a, m.start - ORIGIN_WINDOW), m.start).translate(_QUOTES)
            if g.origin_cue.search(before) and m.qualifier.kind != "direction" \
                    and m.place.kind != "governorate":
                origins.append(m)
            elif g.target_cue.search(before) or m.qualifier.area_of \
                    or m.trigger in ("محافظه", "محافظتي"):
                objectives.append(m)
        recent = True
        dm = sdates[0] if sdates else running
        art = doc.article
        if dm is not None and dm.date is not None and art.date is not None and \
                (dm.precision > 1 or dm.year_only) and RECENT not in self.off:
            recent = False        # "بدأت حملة … الشهر الماضي": a recap, not this launch
        if any(d.year_only for d in sdates) and not any(not d.year_only for d in sdates):
            recent = False
        is_launch = bool(launch and sactors and objectives and recent
                         and not (hypo and hypo.start() < launch.start()))
        if is_launch:
            self.launches.append(Launch(
                sactors, sdates[0] if sdates else running, " ".join(doc.text[a:b].split()),
                origins, objectives,
                [m for m in smentions if m.place is not None and m.place.in_syria
                 and m.place.kind in ("city", "town", "village", "region", "district")
                 and m not in origins]))
        elif self.launches and origins and g.axis.search(ns) and AXES not in self.off:
            # "بدأت بالتقدم من محور بلدة عين عيسى": more axes of the offensive already launched
            self.launches[-1].origins.extend(origins)
            self.launches[-1].objectives.extend(objectives)
        if self.launches and OFFSETS not in self.off:
            self.launches[-1].offsets.update(self._offset_notes(a, b, smentions))
        return is_launch

    def _offset_notes(self, a: int, b: int, smentions: list[Mention]) -> dict[str, str]:
        """Positions a report gives as an offset ("عين عيسى شمال مدينة الرقة بـ65 كيلومترا"):
        the point computed geodesically from the reference place, and how far it is from
        the gazetteer point of the place described.  place id -> note."""
        from ..arabic import normalize  # noqa: PLC0415
        ns = self.doc.norm(a, b)
        notes: dict[str, str] = {}
        for m in self.g.offset.finditer(ns):
            km = int(m.group(2))
            ref = next((x for x in smentions if x.place is not None and x.place.in_syria
                        and x.qualifier.kind == "direction"
                        and normalize(x.surface).text in m.group(0)), None)
            subj = [x for x in smentions if x.place is not None and x.place.in_syria
                    and ref is not None and x.start < ref.start and x.place.id != ref.place.id]
            if ref is None or not subj:
                continue
            s_ = subj[-1]
            d_en = self.g.bearing_words[m.group(1)]
            pt = geo.offset(ref.place.lat, ref.place.lon, geo.BEARINGS[d_en], float(km))
            d = geo.distance_km((pt.y, pt.x), (s_.place.lat, s_.place.lon))
            notes[s_.place.id] = (f"reported {km} km {d_en} of {ref.place.name_en}: computed "
                                  f"({pt.y:.4f}, {pt.x:.4f}), {d:.0f} km from the gazetteer point of "
                                  f"{s_.place.name_en}")
        return notes

    def events(self) -> list[Event]:
        out = []
        for L in self.launches:
            pool = L.objectives
            if not pool:
                continue
            origin_ids = {m.place.id for m in L.origins}
            pool = [m for m in pool if m.place.id not in origin_ids] or pool
            counts: dict[str, int] = {}
            for m in pool:
                counts[m.place.id] = counts.get(m.place.id, 0) + 1
            kinds = {m.place.id: OFFENSIVE_TARGET_RANK.get(m.place.kind, 3) for m in pool}
            target_id = min(sorted(counts), key=lambda k: (-counts[k], kinds[k]))
            out.append(self._event(L, pool, target_id))
        return out

    def _event(self, L: Launch, pool: list[Mention], target_id: str) -> Event:
        art = self.doc.article
        target = next(m for m in pool if m.place.id == target_id)
        quals = [str(m.qualifier) for m in pool if m.place.id == target_id and m.qualifier.area_of]
        qual = max(sorted(set(quals)), key=quals.count) if quals else ""
        q = Qualifier(*qual.split(":", 1)) if ":" in qual else Qualifier(qual)
        dm = L.date
        if art.date is None:
            date, tprec, dnote = None, 3, "article date unknown: event date not set"
        elif dm is not None and dm.date is not None:
            tprec = dm.precision if not dm.relative or art.date_precision == "day" else max(dm.precision, 2)
            date, dnote = dm.date, ""
        else:
            date, tprec, dnote = art.date, 2, "date not stated: article date used"
        origins, seen = [], set()
        if AXES not in self.off:
            for m in L.origins:
                if m.place.id != target_id and m.place.id not in seen:
                    seen.add(m.place.id)
                    origins.append(m)
        t = target.place
        loc, loc_ar, gp = place_label(t, q)
        notes = [dnote] if dnote else []
        if origins:
            geom = geo.axis([(m.place.lat, m.place.lon) for m in origins], (t.lat, t.lon))
            notes.append("axes from " + ", ".join(m.place.name_en for m in origins))
        else:
            geom = geometry_for(t, q)
        notes.extend(L.offsets.values())
        areas = [geo.area([(m.place.lat, m.place.lon) for m in c]) for c in self.areas]
        for c in self.areas:
            notes.append("objective area: " + " - ".join(m.place.name_en for m in c))
        actors = L.actors
        a1 = next((x.name for x in actors if not x.target), actors[0].name)
        a2 = next((x.name for x in actors if not self.pats.allied(x.name, a1)), "")
        return Event(event_date=date, time_precision=tprec, layer="offensive", actor1=a1, actor2=a2,
                     fatalities=None, place=t, location=f"{loc} (objective)", location_ar=loc_ar,
                     admin1=t.admin1, geometry=geom, geo_precision=max(gp, 2),
                     sources=[Source.of(art)], quotes=[L.quote], notes=notes,
                     axes=[m.place.name_en for m in origins], areas=areas)
