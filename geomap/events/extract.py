"""Read events from a document, sentence by sentence.

The unit of reading is the sentence, split into clauses at commas and at
"فيما / بينما / في حين".  A clause becomes an event when it has a trigger
(``event_triggers.tsv``), at least one place in Syria, and no denial, request
or hypothetical marker governing the trigger (``markers.tsv``; a claim is kept
and flagged).  Its attributes come from :mod:`.attributes`, its places from
:mod:`.targets`; offensives are tracked over the article (:mod:`.offensives`).
Every rule that decides something has a name (:mod:`geomap.switches`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from .. import geometry as geo
from ..actors import actor_patterns, find_actors
from ..dates import DateMention, find_dates
from ..doc import Doc
from ..resolve import Mention, Resolver, text_chunks
from ..resolve.model import Qualifier
from ..settings import AREA_OFFSET_KM, CHUNK_CHARS, NEAR_WINDOW, RUNNING_DATE_DAYS
from ..switches import register
from .attributes import actors_for, date_for, geometry_for, place_label, territory_layer
from .grammar import grammar
from .merge import merge_events
from .model import Event
from .offensives import OffensiveTracker
from .targets import event_places

__all__ = ["EventExtractor", "extract_events"]

DENIAL = register("event.denial", "a denied report is not an event: نفى، لم يحصل")
QUESTION = register("event.question", "a question is not an event")
HYPOTHETICAL = register("event.hypothetical", "a plan, threat or possibility before the trigger "
                        "is not an event: سيشن، تستعد، لشن")
REQUEST = register("event.request", "a call or warning is not an event (truces excepted): "
                   "طالب، حذر")
LAUNCH_NOT_TERRITORY = register("event.launch_is_not_territory", "انطلاق عمليات استعادة السيطرة "
                                "على X is the offensive, not a territorial change")
CONTINUATION = register("event.continuation", "a clause without a trigger but with a place and a "
                        "date or victims repeats the previous clause's event: "
                        "، و20 مدنياً جنوبي الرقة في 27 أيار")
AIR_OVER_SHELLING = register("event.air_over_shelling", "shelling in a sentence about air strikes "
                             "is part of the strikes: غارات التحالف … بما في ذلك قصف الميادين")
SENTENCE_PLACE = register("event.sentence_place", "a clause without a place takes the sentence's "
                          "only place, when it gives a date or a death toll")
UNLISTED = register("event.unlisted_place", "an event at a name the gazetteer lacks (قرية X) is "
                    "located at the area the report names")
PRONOUN_COUNTRYSIDE = register("event.pronoun_countryside", "ريفها، ريف المدينة: the countryside "
                               "of the place already named")
SENTENCE_FATALITIES = register("event.sentence_fatalities", "a sentence's death toll goes to its "
                               "only event clause")
CLAIM = register("event.claim", "a report the source calls a claim (مزاعم) is kept and flagged")
AREA = register("event.area", "من جنوب X حتى شرق Y: the area several sides of places bound")
NEAR = register("event.near", "قرب X، محيط X: near the place, precision 2")
SPLIT = register("event.fatality_split", "a death toll for several places is split evenly")

_QUOTES = str.maketrans("", "", "«»\"“”„'‘’()")


class EventExtractor:
    """Read events from articles.

    Parameters
    ----------
    resolver : Resolver, optional
        Place resolver (defaults to one over the bundled gazetteer); its lexicon
        is the extractor's too.
    off : frozenset of str
        Names of rules switched off (:mod:`geomap.switches`).
    """

    def __init__(self, resolver: Resolver | None = None, off: frozenset[str] = frozenset()):
        self.resolver = resolver if resolver is not None else Resolver()
        self.lexicon = self.resolver.lexicon
        self.g = grammar(self.lexicon)
        self.pats = actor_patterns(self.lexicon)
        self.off = frozenset(off)

    # ------------------------------------------------------------------
    def extract(self, article, mentions: list[Mention] | None = None) -> list[Event]:
        """Events of one article (not yet merged with other articles).

        *mentions* are the article's resolved places, when the caller has them.
        """
        text = article.text
        if len(text) > CHUNK_CHARS:
            # a very long "article" (a dump, a digest) is read part by part
            out: list[Event] = []
            for a, b in text_chunks(text, CHUNK_CHARS):
                part = replace(article, text=text[a:b])
                sub = None if mentions is None else \
                    [replace(m, start=m.start - a, end=m.end - a) for m in mentions if a <= m.start < b]
                out.extend(self.extract(part, sub))
            return out
        doc = Doc(article)
        doc.mentions = mentions if mentions is not None else self.resolver.resolve(doc)
        return self.read(doc)

    def read(self, doc: Doc) -> list[Event]:
        """Events of a document whose mentions are set; also sets its dates and actors."""
        art = doc.article
        doc.dates = find_dates(doc.nt, art.date, self.lexicon)
        doc.actors = self.pats.find(doc.nt)
        events: list[Event] = []
        offensive = OffensiveTracker(doc, self.g, self.pats, self.off)
        running: DateMention | None = None
        m_starts = [m.start for m in doc.mentions]
        d_starts = [d.start for d in doc.dates]
        x_starts = [x.start for x in doc.actors]
        for sp in doc.sentences():
            a, b = sp.start, sp.end
            sdates = Doc.within(doc.dates, a, b, d_starts)
            events.extend(self._sentence(doc, a, b, Doc.within(doc.mentions, a, b, m_starts),
                                         sdates, Doc.within(doc.actors, a, b, x_starts), running,
                                         offensive))
            # narrative dates carry over to the next sentences: recent, day-precise ones only
            for d in sdates:
                if d.date and art.date and d.precision == 1 and \
                        0 <= (art.date - d.date).days <= RUNNING_DATE_DAYS:
                    running = d
        events.extend(offensive.events())
        return events

    # ------------------------------------------------------------------
    def _clauses(self, doc: Doc, a: int, b: int) -> list[tuple[int, int]]:
        text = doc.text
        out, pos = [], a
        for m in self.g.clause_split.finditer(text, a, b):
            if m.start() > pos:
                out.append((pos, m.start()))
            pos = m.end()
        if pos < b:
            out.append((pos, b))
        return [(x, y) for x, y in out if text[x:y].strip()]

    def _sentence(self, doc: Doc, a: int, b: int, smentions: list[Mention],
                  sdates: list[DateMention], actors, running: DateMention | None,
                  offensive: OffensiveTracker) -> list[Event]:
        g, off, art, text = self.g, self.off, doc.article, doc.text
        ns = doc.norm(a, b)
        if (g.denial.search(ns) and DENIAL not in off) or \
                (text[b:b + 1] in ("؟", "?") and QUESTION not in off):
            return []
        launched = offensive.observe(a, b, ns, smentions, actors, sdates, running)
        quote = " ".join(text[a:b].split())
        sent_layers = {layer for _, layer in g.find_triggers(ns)}
        sent_fat = g.fatalities(ns)
        out: list[Event] = []
        prev: tuple[str, bool] | None = None     # (layer, had a kill count) of the last event clause
        clauses = [(ca, cb, doc.norm(ca, cb)) for ca, cb in self._clauses(doc, a, b)]
        one_event_clause = sum(1 for _, _, cn in clauses if g.find_triggers(cn)) == 1
        strike_pos = [a + p for p, lay in g.find_triggers(ns) if lay in ("air_strike", "shelling")]
        for ca, cb, cn in clauses:
            trig = [t for t in g.find_triggers(cn) if t[1] != "offensive"]
            places = [m for m in smentions if ca <= m.start < cb]
            syrian = [m for m in places if m.place is not None and m.place.in_syria
                      and m.place.kind != "country"]
            cdates = [d for d in sdates if ca <= d.start < cb]
            fat = g.fatalities(cn)
            if trig:
                pos, layer = trig[0]
                if launched and layer == "territory" and g.launch.search(cn) \
                        and LAUNCH_NOT_TERRITORY not in off:
                    continue      # "انطلاق عمليات استعادة السيطرة على X": the offensive itself
                hypo = g.hypothetical.search(cn)
                if hypo and hypo.start() < pos and HYPOTHETICAL not in off:
                    prev = None
                    continue
                if g.request.search(cn) and layer != "agreement" and REQUEST not in off:
                    prev = None
                    continue
            elif prev is not None and syrian and (cdates or g.victims.search(cn)) \
                    and CONTINUATION not in off:
                # "، و20 مدنياً جنوبي الرقة في 27 أيار": same kind of event, another place/date
                layer = prev[0]
                if fat is None and prev[1]:
                    vm = g.victims.search(cn)
                    fat = g.number(vm.group(1)) if vm else None
            else:
                continue
            if layer == "shelling" and "air_strike" in sent_layers and AIR_OVER_SHELLING not in off:
                layer = "air_strike"      # "غارات التحالف ... بما في ذلك قصف الميادين"
            if not syrian:
                # a clause without place ("قتل 22 من عناصر داعش") takes the sentence's only
                # place, when it is plainly an event statement (a date or a kill count)
                others = [m for m in smentions if m.place is not None and m.place.in_syria
                          and m.place.kind != "country"]
                if len({m.place.id for m in others}) != 1 or not (cdates or fat) \
                        or SENTENCE_PLACE in off:
                    unresolved = [m for m in places if m.place is None and m.trigger]
                    area = [m for m in others if m.qualifier.kind == "countryside"
                            or m.place.kind in ("region", "governorate")]
                    if unresolved and area and UNLISTED not in off:
                        out.extend(self._unlisted(art, layer, unresolved[0], area[0], ca, cb, sdates,
                                                  running, actors, a, b, quote))
                        prev = (layer, fat is not None)
                    continue
                syrian = others
                if g.pronoun_countryside.search(cn) and PRONOUN_COUNTRYSIDE not in off:
                    syrian = [replace(m, qualifier=Qualifier("countryside")) for m in syrian]
            syrian = [m for m in syrian if m.place.kind not in ("river", "lake")]
            if not syrian:
                continue
            if fat is None and layer not in ("agreement", "displacement") and sent_fat is not None \
                    and one_event_clause and SENTENCE_FATALITIES not in off:
                fat = sent_fat
            if layer == "territory":
                layer = territory_layer(actors, a, b)
            if layer in ("agreement", "displacement"):
                fat = None
            prev = (layer, fat is not None)
            targets = event_places(doc, syrian, g, off)
            date, tprec, dnote = date_for(art, ca, cb, sdates, running, off)
            a1, a2 = actors_for(self.pats, actors, ca, cb, a, b, layer, strike_pos, off)
            claim = bool(g.claim.search(ns)) and CLAIM not in off
            dirs = [m for m in syrian if m.qualifier.kind == "direction"]
            if len(dirs) >= 3 and all(m.qualifier.kind == "direction" for m in targets) \
                    and AREA not in off:
                out.append(self._area_event(art, layer, dirs, date, tprec, dnote, a1, a2, quote))
                continue
            for i, m in enumerate(targets):
                out.append(self._event(doc, layer, m, targets, i, fat, date, tprec, dnote, a1, a2,
                                       claim, quote))
        return out

    def _event(self, doc, layer, m, targets, i, fat, date, tprec, dnote, a1, a2, claim, quote):
        art = doc.article
        loc, loc_ar, gp = place_label(m.place, m.qualifier)
        notes = [dnote] if dnote else []
        before = doc.norm(m.start - NEAR_WINDOW, m.start).translate(_QUOTES)
        if self.g.near_cue.search(before) and NEAR not in self.off:
            gp = max(gp, 2)
            loc = f"near {loc}"
            notes.append(f"reported near {m.place.name_en}")
        if claim:
            notes.append("reported as a claim (مزاعم) by the source")
        if m.place.precision != "point":
            notes.append(f"gazetteer precision of {m.place.id}: {m.place.precision}")
        f = fat
        if fat is not None and len(targets) > 1 and SPLIT not in self.off:
            f = fat // len(targets) + (fat % len(targets) if i == 0 else 0)
            notes.append(f"{fat} fatalities reported in total for "
                         f"{', '.join(t.place.name_en for t in targets)}; split evenly")
        return Event(event_date=date, time_precision=tprec, layer=layer, actor1=a1, actor2=a2,
                     fatalities=f, place=m.place, location=loc, location_ar=loc_ar,
                     admin1=m.place.admin1, geometry=geometry_for(m.place, m.qualifier),
                     geo_precision=gp, sources=[(art.name, art.outlet)], quotes=[quote],
                     notes=notes)

    @staticmethod
    def _area_event(art, layer, dirs, date, tprec, dnote, a1, a2, quote) -> Event:
        """"من جنوب تدمر حتى شرق القريتين وشمال طريق دمشق بغداد": the area they bound."""
        pts = []
        for m in dirs:
            p = geo.offset(m.place.lat, m.place.lon, geo.BEARINGS[m.qualifier.direction],
                           AREA_OFFSET_KM)
            pts.append((p.y, p.x))
        poly = geo.area(pts)
        names = ", ".join(f"{m.qualifier.direction} of {m.place.name_en}" for m in dirs)
        first = dirs[0].place
        return Event(event_date=date, time_precision=tprec, layer=layer, actor1=a1, actor2=a2,
                     fatalities=None, place=first, location=f"area: {names}",
                     location_ar="، ".join(m.surface for m in dirs), admin1=first.admin1,
                     geometry=poly, geo_precision=3, sources=[(art.name, art.outlet)],
                     quotes=[quote],
                     notes=[n for n in (dnote, "area bounded by the places the report names, each "
                                        f"moved {AREA_OFFSET_KM:.0f} km in the stated direction") if n])

    def _unlisted(self, art, layer, name: Mention, area: Mention, ca, cb, sdates, running, actors,
                  a, b, quote) -> list[Event]:
        """An event at a place the gazetteer lacks ("قرية رسم حميدة"), located by its area."""
        if layer == "territory":
            layer = territory_layer(actors, a, b)
        loc, _, _ = place_label(area.place, area.qualifier)
        date, tprec, dnote = date_for(art, ca, cb, sdates, running, self.off)
        a1, a2 = actors_for(self.pats, actors, ca, cb, a, b, layer, [], self.off)
        notes = [n for n in (dnote, f"'{name.surface}' is not in the gazetteer; located at the "
                             f"area the report names ({loc})") if n]
        return [Event(event_date=date, time_precision=tprec, layer=layer, actor1=a1, actor2=a2,
                      fatalities=None, place=area.place, location=f"{name.surface} ({loc})",
                      location_ar=name.surface, admin1=area.place.admin1,
                      geometry=geometry_for(area.place, area.qualifier), geo_precision=3,
                      sources=[(art.name, art.outlet)], quotes=[quote], notes=notes)]


def extract_events(articles: Iterable, resolver: Resolver | None = None) -> list[Event]:
    """Extract and merge the events of several articles.

    Parameters
    ----------
    articles : iterable of Article
    resolver : Resolver, optional

    Returns
    -------
    list of Event
        One per distinct event; events located outside Syria are never produced.
    """
    ex = EventExtractor(resolver)
    raw: list[Event] = []
    for art in articles:
        raw.extend(ex.extract(art))
    return merge_events(raw)
