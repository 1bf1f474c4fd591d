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
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from shapely.geometry import Point
from shapely.geometry.base import BaseGeometry

from . import geometry as geo
from .actors import Actor, allied, find_actors
from .arabic import normalize
from .dates import DateMention, find_dates
from .gazetteer.model import Place
from .readers import Article
from .resolve import CHUNK_CHARS, Mention, Resolver, text_chunks

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

_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ى": "ي", "ئ": "ي", "ؤ": "و", "ة": "ه"})


def _rx(pattern: str) -> re.Pattern:
    """Compile a pattern written in ordinary Arabic spelling for *normalised* text
    (the letters the normaliser folds are folded in the pattern too)."""
    return re.compile(pattern.translate(_FOLD))


# --- trigger lexicon (normalised stems; matched at word starts, clitics allowed) ----------
_TRIGGERS: list[tuple[str, str]] = [
    # (regex on normalised text, layer); order matters only for ties at one position
    (r"انتحاري|انتحاريه|حزام ناسف|احزمه ناسفه", "suicide_bombing"),
    (r"عبوه ناسفه|عبوات ناسفه|لغم|الغام|سياره مفخخه|مفخخه|تفجير|تفجيرات|انفجار سياره|"
     r"انفجار عبوه", "bombing"),
    (r"غاره|غارات|غارتين|ضربات جويه|ضربه جويه|الضربات الجويه|قصف جوي|القصف الجوي|طائرات حربيه|"
     r"الطيران الحربي|ضرباته الجويه", "air_strike"),
    (r"قصف مدفعي|قصف صاروخي|قذائف|قذيفه|صواريخ|صاروخ|راجمات|الهاون|مدفعيه|قصف|القصف|كاليبر", "shelling"),
    (r"اشتباكات|اشتباك|معارك|مواجهات|الاشتباكات|المعارك", "clash"),
    (r"سيطر|سيطرت|سيطروا|استعاد|استعادت|استعادوا|من تحرير|حرر|حررت|حرروا|السيطره علي|"
     r"استعاده السيطره|دخلت|دخل|طرد", "territory"),
    (r"حمله|عمليه عسكريه|عمليات|هجوم|الهجوم|هجوما|التقدم|تقدم|معركه|التحرك|بالتحرك", "offensive"),
    (r"هدنه|وقف اطلاق النار|وقف النار|اتفاق هدنه|اتفاق وقف|اتفاق تسويه|تسويه|تهدئه|"
     r"وقف الاعمال القتاليه", "agreement"),
    (r"نزوح|النزوح|نازحين|النازحين|تهجير|هربت|الهاربين|فرار|فروا|موجه نزوح", "displacement"),
]
_TRIGGER_RX = [(_rx(r"(?:^|(?<=[^\w]))(?:[وبلف]|وب|ول|لل|ال|بال|وال)?(?:" + rx + r")(?![\w])"), layer)
               for rx, layer in _TRIGGERS]
# launch verbs that make a campaign word an offensive
_LAUNCH = _rx(r"(?<![\w])[وف]?(?:انطلاق|اطلاق|اطلقوا|اطلقت|اطلق|بدء|بدا|بدات|بداوا|شنت|شن|"
                     r"نعلن|اعلنت|اعلن|تطلق|يطلق)(?![\w])")

# --- honesty markers ---------------------------------------------------------
_DENIAL = _rx(r"(?<![\w])[و]?(?:نفي|نفي|نفت|ينفي|تنفي|نفوا|عدم حصول|لم يحصل|لم تحصل|"
                     r"لم يتم|لم تتم|شائعات|الشائعات)(?![\w])")
_CLAIM = _rx(r"(?<![\w])(?:مزاعم|مزاعمها|مزاعمه|ادعاءات|يزعم|تزعم|زعمت)(?![\w])")
_HYPO = _rx(r"(?<![\w])[وف]?(?:سيشن|ستشن|سيبدا|ستبدا|ستكون|سيكون|تستعد|يستعد|تنوي|ينوي|"
                   r"لشن|يجب|ينبغي|مستعده|مستعد|مستعدون|امكانيه|احتمال|لا استطيع|لم يتضح|"
                   r"من غير الواضح|قد يبدا|تهدف|يهدف|بهدف|لتحرير|من اجل|تحضيرا|من الممكن|يمكن|لو)(?![\w])")
_REQUEST = _rx(r"(?<![\w])[و]?(?:طلب|طالب|طالبت|حض|ناشد|نناشد|حذر|حذرت|ادانت|دان|ندد)(?![\w])")

# --- fatalities -----------------------------------------------------------------
_NUM_WORDS = {
    "واحد": 1, "شخص": 1, "اثنان": 2, "اثنين": 2, "شخصين": 2, "ثلاثه": 3, "ثلاث": 3, "اربعه": 4,
    "اربع": 4, "خمسه": 5, "خمس": 5, "سته": 6, "ست": 6, "سبعه": 7, "سبع": 7, "ثمانيه": 8,
    "ثماني": 8, "تسعه": 9, "تسع": 9, "عشره": 10, "عشر": 10, "عشرين": 20, "عشرون": 20,
    "ثلاثين": 30, "ثلاثون": 30, "اربعين": 40, "خمسين": 50, "مئه": 100, "مائه": 100,
}
_NUM = r"(\d{1,5}|" + "|".join(sorted(_NUM_WORDS, key=len, reverse=True)) + r")"
_NUM_WORDS = {k.translate(_FOLD): v for k, v in _NUM_WORDS.items()}
_KILL_BEFORE = _rx(r"(?<![\w])(?:[وبل]|وب)?(?:مقتل|قتل|مصرع|سقوط|استشهاد|اسفر عن مقتل|ادي الي مقتل|"
                          r"وفاه)\s+(?:اكثر من\s+|نحو\s+|حوالي\s+)?" + _NUM + r"(?![\w\d])")
_KILL_AFTER = _rx(_NUM + r"\s+(?:قتيلا|قتلي|قتيل|شهيدا|شهداء)(?![\w])")
_VICTIMS = _rx(r"(?<![\w])[و]?" + _NUM + r"\s+(?:مدنيا|مدنيين|شخصا|اشخاص|عنصرا|عناصر|مقاتلا|"
                      r"مقاتلين|طفلا|اطفال)(?![\w])")
_THOUSANDS = _rx(r"^\s*(?:الف|الاف|الفا)")

# --- structure -------------------------------------------------------------------
_SENT = _rx(r"[^.!?؟\n]+")
_CLAUSE_SPLIT = _rx(r"،|؛|;|(?<![\w])(?:فيما|بينما|في حين)(?![\w])")
_ORIGIN_CUE = _rx(r"(?:من محور|انطلاقا من|من مقر|القريب من|من منطقه|من ريف|من الريف|"
                         r"محور|(?<![\w])من)\s*(?:بلده|مدينه|قريه|منطقه)?\s*$")
_TARGET_CUE = _rx(r"(?:نحو|باتجاه|الي|تحرير|لتحرير|علي)\s*(?:مدينه|بلده|قريه)?\s*$")
_NEAR_CUE = _rx(r"(?:بالقرب من|قرب|محيط|بمحيط|اطراف|باطراف)\s*(?:مدينه|بلده|قريه)?\s*$")
_OFFSET = _rx(r"(شمال|جنوب|شرق|غرب)(?:ي)?\s+(?:مدينه\s+|بلده\s+)?\S+(?:\s+\S+)?\s+"
                     r"(?:ب|بنحو\s+|بحوالي\s+)?(\d{1,3})\s*(?:كيلومترا|كيلومتر|كم)")
_BEARING = {"شمال": 0.0, "جنوب": 180.0, "شرق": 90.0, "غرب": 270.0}
_AXIS_WORDS = _rx(r"(?<![\w])(?:محور|محاور|اتجاه|اتجاهات|انطلاقا|التقدم|بالتقدم|التحرك|بالتحرك)(?![\w])")
_DIR_EN = {"شمال": "north", "جنوب": "south", "شرق": "east", "غرب": "west"}

_FROM_CUE = _rx(r"(?:قادمه|قادمين|القادمه|القادمين|انطلاقا)?\s*من\s*(?:مدينه|بلده)?\s*$")
_TO_CUE = _rx(r"(?:الي|نحو|باتجاه)\s*(?:مدينه|بلده)?\s*$")
_QUOTES = str.maketrans("", "", "«»\"“”„'‘’()")


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
        """Identity used to merge reports of the same event: date, layer, place."""
        where = self.place.id if self.place else self.location
        if self.layer != "offensive":
            where += "|" + self.location
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
        if self.place is not None and (self.geo_precision == 1 or self.layer == "offensive"
                                       and self.geometry.geom_type == "MultiLineString"):
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


#: When a clause has several triggers, the event is of the first kind in this order.
_PRIORITY = ["suicide_bombing", "bombing", "territory", "air_strike", "shelling", "agreement",
             "clash", "displacement", "offensive"]
#: All triggers in one pattern, one named group per kind (in priority order, so that a
#: longer phrase of a more telling kind wins at a position: "قصف جوي" over "قصف").
_ALL_TRIGGERS = _rx(r"(?:^|(?<=[^\w]))(?:[وبلف]|وب|ول|لل|ال|بال|وال)?(?:" + "|".join(
    f"(?P<{layer}>" + "|".join(rx for rx, lay in _TRIGGERS if lay == layer) + ")"
    for layer in _PRIORITY) + r")(?![\w])")


def _triggers(norm: str) -> list[tuple[int, str]]:
    """Triggers of a normalised text, most telling kind first (then by position)."""
    hits = [(m.start(), m.lastgroup) for m in _ALL_TRIGGERS.finditer(norm)]
    return sorted(hits, key=lambda h: (_PRIORITY.index(h[1]), h[0]))


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


def _offset_notes(text: str, a: int, b: int, smentions: list[Mention]) -> dict[str, str]:
    """Positions a report gives as an offset ("عين عيسى شمال مدينة الرقة بـ65 كيلومترا"):
    the point computed geodesically from the reference place, and how far it is from
    the gazetteer point of the place described.  place id -> note."""
    from geopy.distance import geodesic  # noqa: PLC0415
    ns = _norm(text, a, b)
    notes: dict[str, str] = {}
    for m in _OFFSET.finditer(ns):
        km = int(m.group(2))
        ref = next((x for x in smentions if x.place is not None and x.place.in_syria
                    and x.qualifier.startswith("direction:")
                    and normalize(x.surface).text in m.group(0)), None)
        subj = [x for x in smentions if x.place is not None and x.place.in_syria and ref is not None
                and x.start < ref.start and x.place.id != ref.place.id]
        if ref is None or not subj:
            continue
        s_ = subj[-1]
        pt = geo.offset(ref.place.lat, ref.place.lon, _BEARING[m.group(1)], float(km))
        d = geodesic((pt.y, pt.x), (s_.place.lat, s_.place.lon)).km
        notes[s_.place.id] = (f"reported {km} km {_DIR_EN[m.group(1)]} of {ref.place.name_en}: computed "
                              f"({pt.y:.4f}, {pt.x:.4f}), {d:.0f} km from the gazetteer point of "
                              f"{s_.place.name_en}")
    return notes


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


class _Norm:
    """The article normalised once; normalised text of any original span, by offsets."""

    def __init__(self, text: str):
        import numpy as np  # noqa: PLC0415
        self._np = np
        self.nt = normalize(text)

    def __call__(self, a: int, b: int) -> str:
        offs = self.nt.offsets[:-1]
        i = int(self._np.searchsorted(offs, a, "left"))
        j = int(self._np.searchsorted(offs, b, "left"))
        return self.nt.text[i:j].strip()


_NORM: list[_Norm] = []     # the article being read (set by EventExtractor.extract)


def _norm(text: str, a: int, b: int) -> str:
    """Normalised text of ``text[a:b]``, from the current article's normalisation when
    *text* is that article (it always is inside extraction), else computed."""
    if _NORM and _NORM[-1].nt.original is text:
        return _NORM[-1](max(0, a), b)
    return normalize(text[max(0, a):b]).text


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
    def extract(self, article: Article, mentions: list[Mention] | None = None) -> list[Event]:
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
        if mentions is None:
            mentions = self.resolver.find(text)
        _NORM.append(_Norm(text))
        try:
            return self._extract(article, text, mentions)
        finally:
            _NORM.pop()

    def _extract(self, article: Article, text: str, mentions: list[Mention]) -> list[Event]:
        dates = find_dates(text, article.date)
        actors = find_actors(text)
        events: list[Event] = []
        offensive = _OffensiveState()
        running: DateMention | None = None
        m_starts = [m.start for m in mentions]
        d_starts = [d.start for d in dates]
        x_starts = [x.start for x in actors]

        def window(items, starts, a, b):
            return items[bisect_left(starts, a):bisect_left(starts, b)]

        for a, b in _sentences(text):
            sdates = window(dates, d_starts, a, b)
            events.extend(self._sentence(article, text, a, b, window(mentions, m_starts, a, b),
                                         sdates, window(actors, x_starts, a, b), running, offensive))
            # narrative dates carry over to the next sentences: recent, day-precise ones only
            for d in sdates:
                if d.date and article.date and d.precision == 1 and 0 <= (article.date - d.date).days <= 7:
                    running = d
        events.extend(offensive.events(article, mentions))
        return events

    # ------------------------------------------------------------------
    def _sentence(self, art: Article, text: str, a: int, b: int, mentions: list[Mention],
                  sdates: list[DateMention], actors: list[Actor], running: DateMention | None,
                  offensive: "_OffensiveState") -> list[Event]:
        sent = text[a:b]
        ns = _norm(text, a, b)
        if _DENIAL.search(ns) or text[b:b + 1] == "؟" or text[b:b + 1] == "?":
            return []
        smentions = mentions          # the caller passes this sentence's mentions only
        launched = offensive.observe(text, a, b, ns, smentions, actors, sdates, running)
        quote = " ".join(sent.split())
        sent_layers = {layer for _, layer in _triggers(ns)}
        sent_fat = _fatalities(ns)
        out: list[Event] = []
        prev: tuple[str, bool] | None = None     # (layer, had a kill count) of the last event clause
        clauses = [(cl, _norm(text, cl.start, cl.end)) for cl in _clauses(text, a, b)]
        one_event_clause = sum(1 for _, cn in clauses if _triggers(cn)) == 1
        for cl, cn in clauses:
            trig = [t for t in _triggers(cn) if t[1] != "offensive"]
            places = [m for m in smentions if cl.start <= m.start < cl.end]
            syrian = [m for m in places if m.place is not None and m.place.in_syria
                      and m.place.kind != "country"]
            cdates = [d for d in sdates if cl.start <= d.start < cl.end]
            fat = _fatalities(cn)
            if trig:
                pos, layer = trig[0]
                if launched and layer == "territory" and _LAUNCH.search(cn):
                    continue      # "انطلاق عمليات استعادة السيطرة على X": the offensive itself
                hypo = _HYPO.search(cn)
                if hypo and hypo.start() < pos:
                    prev = None
                    continue
                if _REQUEST.search(cn) and layer != "agreement":
                    prev = None
                    continue
            elif prev is not None and syrian and (cdates or _VICTIMS.search(cn)):
                # "، و20 مدنياً جنوبي الرقة في 27 أيار": same kind of event, another place/date
                layer = prev[0]
                if fat is None and prev[1]:
                    vm = _VICTIMS.search(cn)
                    fat = (int(vm.group(1)) if vm.group(1).isdigit() else _NUM_WORDS.get(vm.group(1))) \
                        if vm else None
            else:
                continue
            if layer == "shelling" and "air_strike" in sent_layers:
                layer = "air_strike"      # "غارات التحالف ... بما في ذلك قصف الميادين"
            if not syrian:
                # a clause without place ("قتل 22 من عناصر داعش") takes the sentence's only
                # place, when it is plainly an event statement (a date or a kill count)
                others = [m for m in smentions if m.place is not None and m.place.in_syria
                          and m.place.kind != "country"]
                if len({m.place.id for m in others}) != 1 or not (cdates or fat):
                    unresolved = [m for m in places if m.place is None and m.trigger]
                    area = [m for m in others if m.qualifier.startswith("countryside")
                            or m.place.kind in ("region", "governorate")]
                    if unresolved and area:
                        out.extend(self._unlisted(art, layer, unresolved[0], area[0], cl, sdates,
                                                  running, actors, a, b, quote))
                        prev = (layer, fat is not None)
                    continue
                syrian = others
                if re.search(r"(?<![\w])[وب]?ريف(?:ها| المدينه| البلده)(?![\w])", cn):
                    syrian = [replace(m, qualifier="countryside") for m in syrian]
            syrian = [m for m in syrian if m.place.kind not in ("river", "lake")]
            if not syrian:
                continue
            if fat is None and layer not in ("agreement", "displacement") and sent_fat is not None \
                    and one_event_clause:
                fat = sent_fat
            if layer == "territory":
                layer = self._territory_layer(actors, a, b)
            if layer in ("agreement", "displacement"):
                fat = None
            prev = (layer, fat is not None)
            targets = self._targets(text, syrian, layer)
            date, tprec, dnote = self._date_for(art, cl, sdates, running)
            a1, a2 = self._actors(actors, cl.start, cl.end, a, b, layer, ns)
            claim = bool(_CLAIM.search(ns))
            dirs = [m for m in syrian if m.qualifier.startswith("direction:")]
            if len(dirs) >= 3 and all(m.qualifier.startswith("direction:") for m in targets):
                out.append(self._area_event(art, layer, dirs, date, tprec, dnote, a1, a2, quote))
                continue
            for i, m in enumerate(targets):
                out.append(self._event(art, layer, m, targets, i, fat, date, tprec, dnote, a1, a2,
                                       claim, quote, text))
        return out

    def _event(self, art, layer, m, targets, i, fat, date, tprec, dnote, a1, a2, claim, quote, text):
        loc, loc_ar, gp = _place_label(m.place, m.qualifier)
        notes = [dnote] if dnote else []
        before = _norm(text, m.start - 25, m.start).translate(_QUOTES)
        if _NEAR_CUE.search(before):
            gp = max(gp, 2)
            loc = f"near {loc}"
            notes.append(f"reported near {m.place.name_en}")
        if claim:
            notes.append("reported as a claim (مزاعم) by the source")
        if m.place.precision != "point":
            notes.append(f"gazetteer precision of {m.place.id}: {m.place.precision}")
        f = fat
        if fat is not None and len(targets) > 1:
            f = fat // len(targets) + (fat % len(targets) if i == 0 else 0)
            notes.append(f"{fat} fatalities reported in total for "
                         f"{', '.join(t.place.name_en for t in targets)}; split evenly")
        return Event(event_date=date, time_precision=tprec, layer=layer, actor1=a1, actor2=a2,
                     fatalities=f, place=m.place, location=loc, location_ar=loc_ar,
                     admin1=m.place.admin1, geometry=_geometry_for(m.place, m.qualifier),
                     geo_precision=gp, sources=[(art.name, art.outlet)], quotes=[quote],
                     notes=notes)

    @staticmethod
    def _area_event(art, layer, dirs, date, tprec, dnote, a1, a2, quote) -> Event:
        """"من جنوب تدمر حتى شرق القريتين وشمال طريق دمشق بغداد": the area they bound."""
        pts = []
        for m in dirs:
            p = geo.offset(m.place.lat, m.place.lon, geo.BEARINGS[m.qualifier.split(":")[1]], 15.0)
            pts.append((p.y, p.x))
        poly = geo.area(pts)
        names = ", ".join(f"{m.qualifier.split(':')[1]} of {m.place.name_en}" for m in dirs)
        first = dirs[0].place
        return Event(event_date=date, time_precision=tprec, layer=layer, actor1=a1, actor2=a2,
                     fatalities=None, place=first, location=f"area: {names}",
                     location_ar="، ".join(m.surface for m in dirs), admin1=first.admin1,
                     geometry=poly, geo_precision=3, sources=[(art.name, art.outlet)],
                     quotes=[quote],
                     notes=[n for n in (dnote, "area bounded by the places the report names, each "
                                        "moved 15 km in the stated direction") if n])

    def _unlisted(self, art, layer, name: Mention, area: Mention, cl, sdates, running, actors,
                  a, b, quote) -> list[Event]:
        """An event at a place the gazetteer lacks ("قرية رسم حميدة"), located by its area."""
        if layer == "territory":
            layer = self._territory_layer(actors, a, b)
        loc, _, _ = _place_label(area.place, area.qualifier)
        date, tprec, dnote = self._date_for(art, cl, sdates, running)
        a1, a2 = self._actors(actors, cl.start, cl.end, a, b, layer, "")
        notes = [n for n in (dnote, f"'{name.surface}' is not in the gazetteer; located at the "
                             f"area the report names ({loc})") if n]
        return [Event(event_date=date, time_precision=tprec, layer=layer, actor1=a1, actor2=a2,
                      fatalities=None, place=area.place, location=f"{name.surface} ({loc})",
                      location_ar=name.surface, admin1=area.place.admin1,
                      geometry=_geometry_for(area.place, area.qualifier), geo_precision=3,
                      sources=[(art.name, art.outlet)], quotes=[quote], notes=notes)]

    @staticmethod
    def _targets(text: str, places: list[Mention], layer: str) -> list[Mention]:
        """The event's own places, out of the Syrian places of its clause.

        Dropped while anything else remains: routes' end names, reference points
        ("شمال مدينة حلب"), the countryside a place lies in ("بريف حلب"),
        governorates, rivers, and the start of a movement ("قادمة من الرقة إلى تدمر").
        """
        def before(m):
            return _norm(text, m.start - 30, m.start).translate(_QUOTES)

        own = [m for m in places if m.qualifier != "route"]
        for drop in (
            lambda m, _: m.place.kind in ("river", "lake"),
            lambda m, _: m.qualifier.startswith("direction:"),
            lambda m, _: m.qualifier.startswith("countryside"),
            lambda m, _: m.place.kind == "governorate",
            lambda m, cur: m.place.kind == "region" and before(m).split()[-1:] == ["في"]
            and any(o.start < m.start and o.place.kind not in ("region", "governorate") for o in cur),
            lambda m, cur: bool(_FROM_CUE.search(before(m))) and any(_TO_CUE.search(before(o)) for o in cur),
        ):
            rest = [m for m in own if not drop(m, own)]
            if rest:
                own = rest
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
    def _actors(actors: list[Actor], ca: int, cb: int, sa: int, sb: int, layer: str,
                ns: str) -> tuple[str, str]:
        def uniq(xs):
            out = []
            for x in xs:
                if x.name not in [n.name for n in out]:
                    out.append(x)
            return out
        clause = uniq([x for x in actors if ca <= x.start < cb])
        sent = uniq([x for x in actors if sa <= x.start < sb])
        names = clause or sent
        violent = layer not in ("agreement", "displacement", "offensive")
        unknown = "Unidentified military forces (air)" if layer == "air_strike" else \
            "Unidentified armed group"
        if not names:
            return (unknown if violent else ""), ""
        if layer in ("air_strike", "shelling"):
            agents = [x for x in clause if x.role != "civilians" and not x.target]
            if not agents:
                # the sentence's armed actor nearest a strike word ("غارات التحالف")
                strike_pos = [sa + p for p, lay in _triggers(ns) if lay in ("air_strike", "shelling")]
                cands = [x for x in sent if x.role in ("coalition", "state")]
                if cands and strike_pos:
                    agents = [min(cands, key=lambda x: min(abs(x.start - p) for p in strike_pos))]
            a1 = agents[0].name if agents else unknown
            a2 = next((x.name for x in names if not allied(x.name, a1) and x.role != "coalition"), "")
            return a1, a2
        if layer in ("bombing", "suicide_bombing"):
            perp = [x for x in names if x.role != "civilians"]
            victims = [x for x in names if x.role == "civilians"]
            return (perp[0].name if perp else unknown), (victims[0].name if victims else "")
        agents = [x for x in names if not x.target] or names
        first = agents[0].name
        second = next((x.name for x in names if not allied(x.name, first)), "")
        return first, second

    @staticmethod
    def _date_for(art: Article, cl: _Clause, sdates: list[DateMention],
                  running: DateMention | None) -> tuple[dt.date | None, int, str]:
        if art.date is None:
            return None, 3, "article date unknown: event date not set"
        in_clause = [d for d in sdates if cl.start <= d.start < cl.end]
        pick, note = None, ""
        if in_clause:
            pick = in_clause[0]
        elif sdates:
            pick = min(sdates, key=lambda d: min(abs(d.start - cl.start), abs(d.start - cl.end)))
        elif running is not None:
            pick, note = running, f"date taken from the preceding text ('{running.text}')"
        if pick is not None and pick.date is not None:
            prec = pick.precision
            if pick.relative and art.date_precision != "day":
                prec = max(prec, 2)   # counted from an inferred publication date
            return pick.date, prec, note
        return art.date, 2, "date not stated: article date used"


# ---------------------------------------------------------------------------------
class _OffensiveState:
    """Collects, over one article, the launches, axes and objective areas of offensives."""

    def __init__(self):
        self.launches: list[dict] = []
        self.areas: list[list[Mention]] = []

    def observe(self, text: str, a: int, b: int, ns: str, smentions: list[Mention],
                actors: list[Actor], sdates: list[DateMention], running: DateMention | None) -> None:
        # route-ends of "مثلث X - Y - Z" after a launch: the corners of an objective area
        corners = [m for m in smentions if m.qualifier == "route-end" and m.place is not None]
        if len(corners) >= 3 and self.launches:
            self.areas.append(corners)
        trig = [t for t in _triggers(ns) if t[1] == "offensive"]
        if not trig:
            return False
        sactors = [x for x in actors if a <= x.start < b and x.role in ("nonstate", "state", "coalition")]
        launch = _LAUNCH.search(ns)
        hypo = _HYPO.search(ns)
        origins, objectives = [], []
        for m in smentions:
            if m.place is None or not m.place.in_syria or m.place.kind in ("country", "river"):
                continue
            before = _norm(text, max(a, m.start - 40), m.start).translate(_QUOTES)
            if _ORIGIN_CUE.search(before) and not m.qualifier.startswith("direction:") \
                    and m.place.kind != "governorate":
                origins.append(m)
            elif _TARGET_CUE.search(before) or m.qualifier.startswith(("countryside", "direction")) \
                    or m.trigger in ("محافظه", "محافظتي"):
                objectives.append(m)
        is_launch = bool(launch and sactors and not (hypo and hypo.start() < launch.start()))
        if is_launch:
            self.launches.append({
                "actors": sactors, "date": sdates[0] if sdates else running,
                "quote": " ".join(text[a:b].split()), "origins": origins, "objectives": objectives,
                "others": [m for m in smentions if m.place is not None and m.place.in_syria
                           and m.place.kind in ("city", "town", "village", "region", "district")
                           and m not in origins],
            })
        elif self.launches and origins and _AXIS_WORDS.search(ns):
            # "بدأت بالتقدم من محور بلدة عين عيسى": more axes of the offensive already launched
            self.launches[-1]["origins"].extend(origins)
            self.launches[-1]["objectives"].extend(objectives)
        if self.launches:
            self.launches[-1].setdefault("offsets", {}).update(_offset_notes(text, a, b, smentions))
        return is_launch

    def events(self, art: Article, mentions: list[Mention]) -> list[Event]:
        out = []
        for L in self.launches:
            pool = L["objectives"] or L["others"]
            if not pool:
                continue
            origin_ids = {m.place.id for m in L["origins"]}
            pool = [m for m in pool if m.place.id not in origin_ids] or pool
            rank = {"city": 0, "town": 1, "village": 2, "district": 3, "region": 4, "governorate": 5}
            counts: dict[str, int] = {}
            for m in pool:
                counts[m.place.id] = counts.get(m.place.id, 0) + 1
            kinds = {m.place.id: rank.get(m.place.kind, 3) for m in pool}
            target_id = min(sorted(counts), key=lambda k: (-counts[k], kinds[k]))
            out.append(self._event(art, L, pool, target_id))
        return out

    def _event(self, art: Article, L: dict, pool: list[Mention], target_id: str) -> Event:
        target = next(m for m in pool if m.place.id == target_id)
        quals = [m.qualifier for m in pool if m.place.id == target_id
                 and m.qualifier.startswith(("countryside", "direction"))]
        qual = max(sorted(set(quals)), key=quals.count) if quals else ""
        dm = L["date"]
        if art.date is None:
            date, tprec, dnote = None, 3, "article date unknown: event date not set"
        elif dm is not None and dm.date is not None:
            tprec = dm.precision if not dm.relative or art.date_precision == "day" else max(dm.precision, 2)
            date, dnote = dm.date, ""
        else:
            date, tprec, dnote = art.date, 2, "date not stated: article date used"
        origins, seen = [], set()
        for m in L["origins"]:
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
        notes.extend(L.get("offsets", {}).values())
        areas = [geo.area([(m.place.lat, m.place.lon) for m in c]) for c in self.areas]
        for c in self.areas:
            notes.append("objective area: " + " - ".join(m.place.name_en for m in c))
        actors = L["actors"]
        a1 = next((x.name for x in actors if not x.target), actors[0].name)
        a2 = next((x.name for x in actors if not allied(x.name, a1)), "")
        ev = Event(event_date=date, time_precision=tprec, layer="offensive", actor1=a1, actor2=a2,
                   fatalities=None, place=t, location=f"{loc} (objective)", location_ar=loc_ar,
                   admin1=t.admin1, geometry=geom, geo_precision=max(gp, 2),
                   sources=[(art.name, art.outlet)], quotes=[L["quote"]], notes=notes,
                   axes=[m.place.name_en for m in origins])
        ev.areas = areas
        return ev


# ---------------------------------------------------------------------------------
def _fuzzy_twin(e: Event, seen: Iterable[Event]) -> Event | None:
    """An already-seen report of *e* whose date differs only because one was inferred.

    *seen* are the merged events of the same layer and place.  Dates at most two
    days apart, one of them inferred (time_precision >= 2); same fatalities when
    both give them.  For places met as "ريف X" the countryside reports match
    whatever their direction.
    """
    if e.place is None or e.event_date is None:
        return None
    for o in seen:
        if o.event_date is None:
            continue
        if abs((o.event_date - e.event_date).days) > 2 or max(o.time_precision, e.time_precision) < 2:
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


def merge_events(events: Iterable[Event]) -> list[Event]:
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
        twin = _fuzzy_twin(e, bucket)
        if twin is not None:
            k = twin.key
        if k not in merged:
            merged[k] = replace(e, sources=list(e.sources), quotes=list(e.quotes),
                                notes=list(e.notes), axes=list(e.axes))
            if hasattr(e, "areas"):
                merged[k].areas = list(e.areas)
            bucket.append(merged[k])
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
