"""Extract dated, typed, sourced events from Arabic reports and give them geometry.

The unit of reading is the sentence, split into clauses at commas and at
"فيما / بينما / في حين".  A clause becomes an event when it has

* an event trigger (غارة، قصف، اشتباكات، سيطر، تفجير، هدنة، نزوح، حملة...),
* at least one place in Syria (resolved by :mod:`geomap.resolve`), and
* no negation, request or hypothetical marker governing the trigger
  (نفى، مزاعم... are kept but flagged; سيشن، تستعد، لشن، يجب، طلب... drop it).

Its date is the date expression nearest the trigger (:mod:`geomap.dates`), else
the last one earlier in the paragraph, else the article date with
``time_precision`` 2; with no article date, the date is left empty and the
precision is 3.  Actors come from :mod:`geomap.actors`, fatalities from
"مقتل N", "N قتيلاً", numbers in digits or words.

Offensives are read per article: their axes ("من محور X", "انطلاقاً من X",
"الأول من X، والثاني من Y") become lines toward the objective, and objective
areas ("مثلث X - Y - Z") polygons.  The same event reported by several
articles becomes one record listing every source.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from shapely.geometry import Point
from shapely.geometry.base import BaseGeometry

from . import geometry as geo
from .actors import Actor, find_actors
from .arabic import normalize, normalize_name
from .dates import DateMention, find_dates
from .gazetteer.model import Place
from .readers import Article
from .resolve import Mention, Resolver

__all__ = ["Event", "EventExtractor", "extract_events", "merge_events", "LAYERS", "SCHEMA"]

#: Map layers (issue 5) and their ACLED event type / sub-event type.
LAYERS: dict[str, tuple[str, str]] = {
    "air_strike": ("Explosions/Remote violence", "Air/drone strike"),
    "shelling": ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    "bombing": ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
    "suicide_bombing": ("Explosions/Remote violence", "Suicide bomb"),
    "clash": ("Battles", "Armed clash"),
    "territory_gov": ("Battles", "Government regains territory"),
    "territory_nonstate": ("Battles", "Non-state actor overtakes territory"),
    "offensive": ("Strategic developments", "Other"),
    "agreement": ("Strategic developments", "Agreement"),
    "displacement": ("Strategic developments", "Other"),
}

#: Field order of the event schema (also the CSV column order).
SCHEMA = ("event_id", "event_date", "time_precision", "event_type", "sub_event_type", "layer",
          "actor1", "actor2", "fatalities", "location", "location_ar", "admin1", "latitude",
          "longitude", "geo_precision", "place_id", "source", "source_outlet", "quote", "notes")

# --- trigger lexicon (normalised stems; matched at word starts, clitics allowed) ----------
_TRIGGERS: list[tuple[str, str]] = [
    # (regex on normalised text, layer); order matters only for ties at one position
    (r"انتحاري|انتحاريه|حزام ناسف|احزمه ناسفه", "suicide_bombing"),
    (r"عبوه ناسفه|عبوات ناسفه|لغم|الغام|سياره مفخخه|مفخخه|تفجير|تفجيرات|انفجار|انفجارات", "bombing"),
    (r"غاره|غارات|غارتين|ضربات جويه|ضربه جويه|الضربات الجويه|قصف جوي|القصف الجوي|طائرات حربيه|"
     r"الطيران الحربي|ضرباته الجويه", "air_strike"),
    (r"قصف مدفعي|قصف صاروخي|قذائف|قذيفه|صواريخ|صاروخ|راجمات|الهاون|مدفعيه|قصف|القصف|كاليبر", "shelling"),
    (r"اشتباكات|اشتباك|معارك|معركه|مواجهات|الاشتباكات|المعارك|القتال", "clash"),
    (r"سيطر|سيطرت|سيطروا|استعاد|استعادت|استعادوا|تحرير|حرر|حررت|السيطره على|استعاده السيطره|"
     r"دخلت|دخل|طرد", "territory"),
    (r"حمله|عمليه عسكريه|عمليات|هجوم|الهجوم|هجوما|التقدم|تقدم", "offensive"),
    (r"هدنه|وقف اطلاق النار|وقف النار|اتفاق|تسويه|وقف الاعمال القتاليه", "agreement"),
    (r"نزوح|النزوح|نازحين|النازحين|تهجير|هربت|الهاربين|فرار|فروا|موجه نزوح", "displacement"),
]
_TRIGGER_RX = [(re.compile(r"(?:^|(?<=[^\w]))(?:[وبلف]|وب|ول|لل|ال|بال|وال)?(?:" + rx + r")(?![\w])"), layer)
               for rx, layer in _TRIGGERS]
# launch verbs that make a campaign word an offensive
_LAUNCH = re.compile(r"(?<![\w])[وف]?(?:انطلاق|اطلاق|اطلقوا|اطلقت|اطلق|بدء|بدا|بدات|بداوا|شنت|شن|"
                     r"نعلن|اعلنت|اعلن|تطلق|يطلق)(?![\w])")

# --- honesty markers ---------------------------------------------------------
_DENIAL = re.compile(r"(?<![\w])[و]?(?:نفى|نفي|نفت|ينفي|تنفي|نفوا|عدم حصول|لم يحصل|لم تحصل|"
                     r"لم يتم|لم تتم|شائعات|الشائعات)(?![\w])")
_CLAIM = re.compile(r"(?<![\w])(?:مزاعم|مزاعمها|مزاعمه|ادعاءات|يزعم|تزعم|زعمت)(?![\w])")
_HYPO = re.compile(r"(?<![\w])[وف]?(?:سيشن|ستشن|سيبدا|ستبدا|ستكون|سيكون|تستعد|يستعد|تنوي|ينوي|"
                   r"لشن|يجب|ينبغي|مستعده|مستعد|مستعدون|امكانيه|احتمال|لا استطيع|لم يتضح|"
                   r"من غير الواضح|قد يبدا|تهدف|يهدف|بهدف|لتحرير|من اجل|تحضيرا)(?![\w])")
_REQUEST = re.compile(r"(?<![\w])[و]?(?:طلب|طالب|طالبت|حض|ناشد|نناشد|حذر|حذرت|ادانت|دان|ندد)(?![\w])")

# --- fatalities -----------------------------------------------------------------
_NUM_WORDS = {
    "واحد": 1, "شخص": 1, "اثنان": 2, "اثنين": 2, "شخصين": 2, "ثلاثه": 3, "ثلاث": 3, "اربعه": 4,
    "اربع": 4, "خمسه": 5, "خمس": 5, "سته": 6, "ست": 6, "سبعه": 7, "سبع": 7, "ثمانيه": 8,
    "ثماني": 8, "تسعه": 9, "تسع": 9, "عشره": 10, "عشر": 10, "عشرين": 20, "عشرون": 20,
    "ثلاثين": 30, "ثلاثون": 30, "اربعين": 40, "خمسين": 50, "مئه": 100, "مائه": 100,
}
_NUM = r"(\d{1,5}|" + "|".join(sorted(_NUM_WORDS, key=len, reverse=True)) + r")"
_KILL_BEFORE = re.compile(r"(?<![\w])[و]?(?:مقتل|قتل|مصرع|سقوط|استشهاد|اسفر عن مقتل|ادى الى مقتل|"
                          r"وفاه)\s+(?:اكثر من\s+|نحو\s+|حوالي\s+)?" + _NUM + r"(?![\w\d])")
_KILL_AFTER = re.compile(_NUM + r"\s+(?:قتيلا|قتلى|قتيل|شهيدا|شهداء)(?![\w])")
_THOUSANDS = re.compile(r"^\s*(?:الف|الاف|الفا)")

# --- structure -------------------------------------------------------------------
_SENT = re.compile(r"[^.!?؟\n]+")
_CLAUSE_SPLIT = re.compile(r"،|؛|;|(?<![\w])(?:فيما|بينما|في حين)(?![\w])")
_ORIGIN_CUE = re.compile(r"(?:من محور|انطلاقا من|من مقر|القريب من|من منطقه|من ريف|من الريف|"
                         r"محور|من)\s*(?:بلده|مدينه|قريه|منطقه)?\s*$")
_TARGET_CUE = re.compile(r"(?:نحو|باتجاه|الى|تحرير|لتحرير|على)\s*(?:مدينه|بلده|قريه)?\s*$")
_NEAR_CUE = re.compile(r"(?:بالقرب من|قرب|محيط|بمحيط|اطراف|باطراف)\s*(?:مدينه|بلده|قريه)?\s*$")
_OFFSET = re.compile(r"(شمال|جنوب|شرق|غرب)(?:ي)?\s+(?:مدينه\s+|بلده\s+)?\S+(?:\s+\S+)?\s+"
                     r"(?:ب|بنحو\s+|بحوالي\s+)?(\d{1,3})\s*(?:كيلومترا|كيلومتر|كم)")
_DIR_EN = {"شمال": "north", "جنوب": "south", "شرق": "east", "غرب": "west"}

#: Kinds too coarse to be an event's own place when a finer one is in the clause.
_COARSE = {"country": 4, "governorate": 3, "region": 2, "district": 2, "river": 2, "road": 1,
           "mountain": 1, "city": 0}


@dataclass
class Event:
    """One event, in ACLED-compatible fields (see :data:`SCHEMA`).

    ``geometry`` is a shapely geometry (lon/lat); ``latitude``/``longitude``
    are its representative point.  ``sources`` lists every (file, outlet) that
    reported it; ``quotes`` the sentences it was read from.
    """

    event_date: dt.date | None
    time_precision: int
    layer: str
    actor1: str
    actor2: str
    fatalities: int | None
    place: Place | None
    location: str
    location_ar: str
    admin1: str
    geometry: BaseGeometry
    geo_precision: int
    sources: list[tuple[str, str]] = field(default_factory=list)
    quotes: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    axes: list[str] = field(default_factory=list)

    @property
    def event_type(self) -> str:
        return LAYERS[self.layer][0]

    @property
    def sub_event_type(self) -> str:
        return LAYERS[self.layer][1]

    @property
    def key(self) -> tuple:
        """Identity used to merge reports of the same event."""
        where = self.place.id if self.place else self.location
        return (self.event_date.isoformat() if self.event_date else "", self.layer, where)

    @property
    def event_id(self) -> str:
        """Stable id: a hash of date, layer and place (not of the sources)."""
        h = hashlib.sha1("|".join(self.key).encode("utf-8")).hexdigest()[:12]
        return f"GM{h.upper()}"

    def to_record(self) -> dict:
        """The event as a flat dict in :data:`SCHEMA` order (geometry excluded)."""
        rp = self.geometry.representative_point() if not isinstance(self.geometry, Point) \
            else self.geometry
        if self.place is not None and self.geo_precision == 1:
            lat, lon = self.place.lat, self.place.lon
        else:
            lat, lon = rp.y, rp.x
        return {
            "event_id": self.event_id,
            "event_date": self.event_date.isoformat() if self.event_date else None,
            "time_precision": self.time_precision,
            "event_type": self.event_type, "sub_event_type": self.sub_event_type,
            "layer": self.layer, "actor1": self.actor1, "actor2": self.actor2,
            "fatalities": self.fatalities, "location": self.location,
            "location_ar": self.location_ar, "admin1": self.admin1,
            "latitude": round(lat, 5), "longitude": round(lon, 5),
            "geo_precision": self.geo_precision,
            "place_id": self.place.id if self.place else None,
            "source": "; ".join(f for f, _ in self.sources),
            "source_outlet": "; ".join(sorted({o for _, o in self.sources if o})),
            "quote": self.quotes[0] if self.quotes else "",
            "notes": "; ".join(self.notes),
        }


# ---------------------------------------------------------------------------------
@dataclass
class _Clause:
    start: int
    end: int
    text: str


def _sentences(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _SENT.finditer(text) if m.group().strip()]


def _clauses(text: str, a: int, b: int) -> list[_Clause]:
    out, pos = [], a
    for m in _CLAUSE_SPLIT.finditer(text, a, b):
        if m.start() > pos:
            out.append(_Clause(pos, m.start(), text[pos:m.start()]))
        pos = m.end()
    if pos < b:
        out.append(_Clause(pos, b, text[pos:b]))
    return [c for c in out if c.text.strip()]


def _triggers(norm: str) -> list[tuple[int, str]]:
    hits = []
    for rx, layer in _TRIGGER_RX:
        for m in rx.finditer(norm):
            hits.append((m.start(), layer))
    return sorted(hits)


def _fatalities(norm: str) -> int | None:
    best = None
    for rx in (_KILL_BEFORE, _KILL_AFTER):
        for m in rx.finditer(norm):
            tok = m.group(1)
            if _THOUSANDS.match(norm[m.end():]):
                continue      # "28 ألفاً": a campaign total, not one event
            n = int(tok) if tok.isdigit() else _NUM_WORDS.get(tok)
            if n is not None and (best is None or n > best):
                best = n
    return best


def _place_label(p: Place, qualifier: str) -> tuple[str, str, int]:
    """(location, location_ar, geo_precision) for a mention."""
    if qualifier.startswith("countryside"):
        d = qualifier.split(":")[1] if ":" in qualifier else ""
        en = f"{p.name_en} countryside" + (f" ({d})" if d else "")
        ar = f"ريف {p.name_ar}"
        return en, ar, 2
    if qualifier.startswith("direction:"):
        d = qualifier.split(":")[1]
        return f"{d.capitalize()} of {p.name_en}", f"{p.name_ar} ({d})", 2
    prec = {"point": 1, "approx": 2, "region": 3}.get(p.precision, 2)
    if p.kind in ("governorate", "region", "country", "river", "mountain"):
        prec = 3
    elif p.kind in ("district", "road"):
        prec = max(prec, 2)
    return p.name_en, p.name_ar, prec


def _geometry_for(p: Place, qualifier: str) -> BaseGeometry:
    if qualifier.startswith("countryside"):
        d = qualifier.split(":")[1] if ":" in qualifier else None
        return geo.sector(p.lat, p.lon, d)
    if qualifier.startswith("direction:"):
        return geo.sector(p.lat, p.lon, qualifier.split(":")[1], km=(3.0, 25.0))
    return geo.point(p.lat, p.lon)


class EventExtractor:
    """Read events from articles.

    Parameters
    ----------
    resolver : Resolver, optional
        Place resolver (defaults to one over the bundled gazetteer).
    """

    def __init__(self, resolver: Resolver | None = None):
        self.resolver = resolver if resolver is not None else Resolver()

    # ------------------------------------------------------------------
    def extract(self, article: Article) -> list[Event]:
        """Events of one article (not yet merged with other articles)."""
        text = article.text
        mentions = [m for m in self.resolver.find(text)]
        dates = find_dates(text, article.date)
        actors = find_actors(text)
        events: list[Event] = []
        offensive = _OffensiveState()
        last_date: DateMention | None = None
        para_start = 0
        for a, b in _sentences(text):
            if "\n" in text[para_start:a] and text[para_start:a].count("\n") >= 1:
                # a new paragraph resets the running date only after a blank line
                if "\n\n" in text[para_start:a]:
                    last_date = None
                para_start = a
            sent_dates = [d for d in dates if a <= d.start < b]
            events.extend(self._sentence(article, text, a, b, mentions, sent_dates, actors,
                                         last_date, offensive))
            if sent_dates:
                last_date = sent_dates[-1]
        events.extend(offensive.events(article, text, mentions, dates))
        return events

    # ------------------------------------------------------------------
    def _sentence(self, art: Article, text: str, a: int, b: int, mentions: list[Mention],
                  sdates: list[DateMention], actors: list[Actor], last_date: DateMention | None,
                  offensive: "_OffensiveState") -> list[Event]:
        sent = text[a:b]
        ns = normalize(sent).text
        if _DENIAL.search(ns):
            return []
        smentions = [m for m in mentions if a <= m.start < b]
        offensive.observe(text, a, b, ns, smentions, actors, sdates, last_date)
        out: list[Event] = []
        sent_trig = _triggers(ns)
        for cl in _clauses(text, a, b):
            cn = normalize(cl.text).text
            trig = _triggers(cn)
            if not trig:
                continue
            pos, layer = trig[0]
            if layer == "offensive":
                continue  # handled per article by _OffensiveState
            hypo = _HYPO.search(cn)
            if hypo and hypo.start() < pos:
                continue
            if _REQUEST.search(cn) and layer != "agreement":
                continue
            places = [m for m in smentions if cl.start <= m.start < cl.end
                      and m.place is not None and m.place.in_syria and m.place.kind != "country"]
            if not places:
                # a clause without a place ("قتل 22 من عناصر داعش") uses the sentence's places
                places = [m for m in smentions if m.place is not None and m.place.in_syria
                          and m.place.kind != "country" and not (cl.start <= m.start < cl.end)]
                if len({m.place.id for m in places}) != 1:
                    continue
            if layer == "territory":
                layer = self._territory_layer(actors, a, b)
            targets = self._targets(places)
            date, tprec, dnote = self._date_for(art, cl, sdates, last_date, a + 0)
            fat = _fatalities(cn) if layer not in ("agreement", "displacement") else None
            a1, a2 = self._actors(actors, cl.start, cl.end, a, b, layer)
            claim = bool(_CLAIM.search(ns))
            shared = len(targets)
            for m in targets:
                loc, loc_ar, gp = _place_label(m.place, m.qualifier)
                notes = []
                if dnote:
                    notes.append(dnote)
                if claim:
                    notes.append("reported as a claim (مزاعم) by the source")
                if m.place.precision != "point":
                    notes.append(f"gazetteer precision of {m.place.id}: {m.place.precision}")
                f = fat
                if fat is not None and shared > 1:
                    f = fat // shared + (fat % shared if m is targets[0] else 0)
                    notes.append(f"{fat} fatalities reported in total for "
                                 f"{', '.join(t.place.name_en for t in targets)}; split evenly")
                out.append(Event(
                    event_date=date, time_precision=tprec, layer=layer, actor1=a1, actor2=a2,
                    fatalities=f, place=m.place, location=loc, location_ar=loc_ar,
                    admin1=m.place.admin1, geometry=_geometry_for(m.place, m.qualifier),
                    geo_precision=gp, sources=[(art.path, art.outlet)],
                    quotes=[" ".join(sent.split())], notes=notes))
        return out

    @staticmethod
    def _targets(places: list[Mention]) -> list[Mention]:
        """The event's own places: the finest ones, references ("شمال الرقة") last."""
        own = [m for m in places if not m.qualifier.startswith(("direction:", "route"))]
        if not own:
            own = [m for m in places if not m.qualifier.startswith("route")] or places
        fine = [m for m in own if _COARSE.get(m.place.kind, -1) < 0]
        if fine:
            own = fine
        elif any(m.qualifier.startswith("countryside") for m in own):
            own = [m for m in own if m.qualifier.startswith("countryside")]
        else:
            best = min(_COARSE.get(m.place.kind, -1) for m in own)
            own = [m for m in own if _COARSE.get(m.place.kind, -1) == best]
        seen, out = set(), []
        for m in own:
            k = (m.place.id, m.qualifier)
            if k not in seen:
                seen.add(k)
                out.append(m)
        return out

    @staticmethod
    def _territory_layer(actors: list[Actor], a: int, b: int) -> str:
        first = next((x for x in actors if a <= x.start < b and x.role != "civilians"), None)
        if first is not None and first.role == "state" and "Syria" in first.name:
            return "territory_gov"
        return "territory_nonstate"

    @staticmethod
    def _actors(actors: list[Actor], ca: int, cb: int, sa: int, sb: int, layer: str) -> tuple[str, str]:
        inside = [x for x in actors if ca <= x.start < cb] or [x for x in actors if sa <= x.start < sb]
        names: list[Actor] = []
        for x in inside:
            if x.name not in [n.name for n in names]:
                names.append(x)
        if not names:
            return "", ""
        if layer in ("air_strike", "shelling"):
            agents = [x for x in names if x.role in ("coalition", "state")]
            others = [x for x in names if x not in agents[:1]]
            a1 = agents[0] if agents else (names[0] if names[0].role != "civilians" else None)
            rest = [x for x in others if x is not a1]
            return (a1.name if a1 else "Unidentified armed group"), (rest[0].name if rest else "")
        if layer in ("bombing", "suicide_bombing"):
            victims = [x for x in names if x.role == "civilians"]
            perp = [x for x in names if x.role != "civilians"]
            return (perp[0].name if perp else "Unidentified armed group"), \
                (victims[0].name if victims else "")
        first = names[0]
        second = names[1].name if len(names) > 1 else ""
        return first.name, second

    @staticmethod
    def _date_for(art: Article, cl: _Clause, sdates: list[DateMention],
                  last_date: DateMention | None, _s: int) -> tuple[dt.date | None, int, str]:
        if art.date is None:
            return None, 3, "article date unknown: event date not set"
        in_clause = [d for d in sdates if cl.start <= d.start < cl.end]
        pick = None
        if in_clause:
            pick = in_clause[0]
        elif sdates:
            pick = min(sdates, key=lambda d: min(abs(d.start - cl.start), abs(d.start - cl.end)))
        elif last_date is not None:
            pick = last_date
        if pick is not None and pick.date is not None:
            prec = max(pick.precision, 1 if art.date_precision == "day" or pick.precision > 1 else 2)
            return pick.date, prec, ""
        prec = 2
        return art.date, prec, "date not stated in the sentence: article date used"


# ---------------------------------------------------------------------------------
class _OffensiveState:
    """Collects, over one article, the launch, axes and objective areas of offensives."""

    def __init__(self):
        self.launches: list[tuple[int, int, list[Actor], DateMention | None, str]] = []
        self.origins: list[Mention] = []
        self.objectives: list[Mention] = []
        self.areas: list[list[Mention]] = []

    def observe(self, text: str, a: int, b: int, ns: str, smentions: list[Mention],
                actors: list[Actor], sdates: list[DateMention], last_date: DateMention | None) -> None:
        trig = [t for t in _triggers(ns) if t[1] == "offensive"]
        sactors = [x for x in actors if a <= x.start < b and x.role in ("nonstate", "state", "coalition")]
        launch = _LAUNCH.search(ns)
        hypo = _HYPO.search(ns)
        is_launch = bool(trig and launch and sactors and not (hypo and hypo.start() < launch.start()))
        if is_launch or self.launches:
            # route-ends of "مثلث X - Y - Z" are the corners of an objective area
            corners = [m for m in smentions if m.qualifier == "route-end" and m.place is not None]
            if len(corners) >= 3:
                self.areas.append(corners)
            for m in smentions:
                if m.place is None or not m.place.in_syria or m.place.kind in ("country", "river",
                                                                               "governorate"):
                    continue
                before = normalize(text[max(a, m.start - 40):m.start]).text
                if _ORIGIN_CUE.search(before) and not before.rstrip().endswith("عن"):
                    if m.qualifier.startswith("direction:"):
                        continue
                    self.origins.append(m)
                elif _TARGET_CUE.search(before) or m.qualifier.startswith(("countryside", "direction")):
                    self.objectives.append(m)
        if is_launch:
            date = sdates[0] if sdates else last_date
            self.launches.append((a, b, sactors, date, " ".join(text[a:b].split())))

    def events(self, art: Article, text: str, mentions: list[Mention],
               dates: list[DateMention]) -> list[Event]:
        if not self.launches:
            return []
        # objective: the most named Syrian city/town among objective cues, else in the article
        pool = self.objectives or [m for m in mentions if m.place is not None and m.place.in_syria
                                   and m.place.kind in ("city", "town")]
        if not pool:
            return []
        counts: dict[str, int] = {}
        for m in pool:
            counts[m.place.id] = counts.get(m.place.id, 0) + 1
        target_id = max(sorted(counts), key=lambda k: counts[k])
        target = next(m for m in pool if m.place.id == target_id)
        quals = [m.qualifier for m in pool if m.place.id == target_id and
                 m.qualifier.startswith("countryside")]
        qual = max(set(quals), key=quals.count) if quals else ""
        a, b, actors, dmention, quote = self.launches[0]
        if art.date is None:
            date, tprec, dnote = None, 3, "article date unknown: event date not set"
        elif dmention is not None and dmention.date is not None:
            date, tprec, dnote = dmention.date, dmention.precision, ""
        else:
            date, tprec, dnote = art.date, 2, "date not stated: article date used"
        origins, seen = [], set()
        for m in self.origins:
            if m.place.id != target_id and m.place.id not in seen:
                seen.add(m.place.id)
                origins.append(m)
        t = target.place
        loc, loc_ar, gp = _place_label(t, qual)
        notes = [dnote] if dnote else []
        if origins:
            geom = geo.axis([(m.place.lat, m.place.lon) for m in origins], (t.lat, t.lon))
            notes.append("axes from " + ", ".join(m.place.name_en for m in origins))
        else:
            geom = _geometry_for(t, qual)
        for corners in self.areas:
            poly = geo.area([(m.place.lat, m.place.lon) for m in corners])
            notes.append("objective area: " + " - ".join(m.place.name_en for m in corners)
                         + f" ({poly.wkt if len(poly.wkt) < 400 else poly.geom_type})")
        for off in _OFFSET.finditer(normalize(text).text):
            notes.append(f"reported offset: {off.group(0)}")
        a1 = actors[0].name if actors else ""
        a2 = next((x.name for x in actors if x.name != a1), "")
        if not a2:
            a2 = next((x.name for x in find_actors(text) if x.name != a1 and x.role == "nonstate"), "")
        ev = Event(event_date=date, time_precision=tprec, layer="offensive", actor1=a1, actor2=a2,
                   fatalities=None, place=t, location=f"{loc} (objective)", location_ar=loc_ar,
                   admin1=t.admin1, geometry=geom, geo_precision=max(gp, 2),
                   sources=[(art.path, art.outlet)], quotes=[quote], notes=notes,
                   axes=[m.place.name_en for m in origins])
        ev.areas = [geo.area([(m.place.lat, m.place.lon) for m in c]) for c in self.areas]
        return [ev]


# ---------------------------------------------------------------------------------
def merge_events(events: Iterable[Event]) -> list[Event]:
    """Merge reports of the same event (same date, layer and place).

    Sources and quotes are concatenated, fatalities take the highest report,
    offensive axes are united.  The result is sorted by date, then id.
    """
    from shapely.geometry import MultiLineString  # noqa: PLC0415
    from shapely.ops import unary_union  # noqa: PLC0415
    merged: dict[tuple, Event] = {}
    for e in events:
        k = e.key
        if k not in merged:
            merged[k] = replace(e, sources=list(e.sources), quotes=list(e.quotes),
                                notes=list(e.notes), axes=list(e.axes))
            if hasattr(e, "areas"):
                merged[k].areas = list(e.areas)
            continue
        m = merged[k]
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
        if hasattr(e, "areas"):
            m.areas = list(getattr(m, "areas", [])) + [a for a in e.areas
                                                        if not any(a.equals(x) for x in getattr(m, "areas", []))]
        if not m.actor2 and e.actor2:
            m.actor2 = e.actor2
        _ = unary_union  # geometry union kept simple: axes listed, points identical
    for m in merged.values():
        m.sources.sort()
    return sorted(merged.values(), key=lambda e: (e.event_date or dt.date.min, e.event_id))


def extract_events(articles: Iterable[Article], resolver: Resolver | None = None) -> list[Event]:
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
