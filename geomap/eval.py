"""Measure geomap against hand-annotated articles (``geomap eval DIR``).

A gold folder holds ``articles/`` (the texts, with their ``metadata.csv``),
``places.csv`` (one row per distinct place mention and referent in each file)
and ``events.csv`` (one row per event, ACLED conventions) — the format of the
dev set's GUIDELINES.md.  :func:`evaluate` runs the pipeline over the articles
and scores what it finds against the gold; the matching rules are documented
in the README ("Accuracy") and below.

Places
    A gold row is *found* when a system mention overlaps an occurrence of its
    surface in the file (a whole word, or after proclitics only: "بالغوطة" holds
    "الغوطة", "تدمر" does not hold "دمر") (or has the same name: normalised, without the article, since
    a row stands for every occurrence of its surface and a clitic may change how one
    is written, للغوطة for الغوطة) and resolves within the tolerance of the row's kind
    (:data:`PLACE_TOLERANCE_KM`); a row without coordinates is found by any
    Syrian resolution.  Recall is over the Syrian rows (kinds other than
    ``foreign``, ``metonym`` and ``not_place``).  A system mention resolved to a
    Syrian place is *correct* when it overlaps a Syrian gold row it places
    within tolerance; mentions overlapping ``metonym`` rows are not counted;
    every other Syrian mention is a false positive (precision).  A ``foreign``
    row is *rejected* when none of its occurrences resolves to a Syrian place;
    a ``not_place`` row when none of its occurrences resolves to any place.

Events
    Within each article, system and gold events are paired one to one when
    they have the same ACLED ``event_type`` and the system geometry lies within
    :data:`EVENT_TOLERANCE_KM` of the gold point (by the gold ``geo_precision``);
    among candidates the nearest pair with the same sub-event type and date is
    taken first.  Recall = paired gold / gold, precision = paired system /
    system.  On paired events: the date (exact and within one day), the
    fatalities (where the gold gives a number above 0, and overall), and
    ``actor1`` (compared by actor family, :func:`actor_key`).
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import math
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .errors import InputError

__all__ = ["GoldPlace", "GoldEvent", "load_gold", "evaluate", "Report", "actor_key",
           "PLACE_TOLERANCE_KM", "EVENT_TOLERANCE_KM"]

#: How far (km) a resolution may lie from the gold point of a place of each kind.
PLACE_TOLERANCE_KM: dict[str, float] = {
    "neighborhood": 5, "landmark": 5, "camp": 6, "base": 8, "dam": 8, "crossing": 8,
    "oilfield": 15, "village": 8, "town": 10, "city": 15, "area": 25, "district": 40,
    "mountain": 50, "road": 75, "region": 200, "river": 100, "governorate": 100,
    "country": math.inf,
}
#: How far (km) an event's geometry may lie from the gold point, by gold geo_precision.
EVENT_TOLERANCE_KM: dict[int, float] = {1: 15.0, 2: 40.0, 3: 100.0}
_NOT_SYRIAN = frozenset({"foreign", "metonym", "not_place"})


@dataclass(frozen=True, slots=True)
class GoldPlace:
    """One row of ``places.csv``."""

    file: str
    surface: str
    canonical_en: str
    kind: str
    in_syria: bool
    lat: float | None
    lon: float | None
    must: bool
    line: int


@dataclass(frozen=True, slots=True)
class GoldEvent:
    """One row of ``events.csv``."""

    file: str
    event_date: dt.date | None
    time_precision: int
    event_type: str
    sub_event_type: str
    actor1: str
    actor2: str
    fatalities: int | None
    location_ar: str
    location_en: str
    lat: float | None
    lon: float | None
    geo_precision: int
    quote: str
    line: int


def _float(s: str) -> float | None:
    s = (s or "").strip()
    return float(s) if s else None


def _int(s: str) -> int | None:
    s = (s or "").strip()
    return int(s) if s.lstrip("-").isdigit() else None


def _read_csv(path: Path) -> list[tuple[int, dict[str, str]]]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(path, f"cannot read gold file: {exc}") from None
    reader = csv.DictReader(text.splitlines())
    return [(reader.line_num, row) for row in reader]


def load_gold(folder: str | Path) -> tuple[list[GoldPlace], list[GoldEvent]]:
    """Read ``places.csv`` and ``events.csv`` of a gold folder.

    Raises
    ------
    InputError
        When a file is missing or a row is malformed (file and line named).
    """
    folder = Path(folder)
    places, events = [], []
    for line, r in _read_csv(folder / "places.csv"):
        try:
            places.append(GoldPlace(r["file"], r["surface"], r.get("canonical_en", ""), r["kind"],
                                    r["in_syria"].strip().lower() in ("yes", "true", "1"),
                                    _float(r.get("lat", "")), _float(r.get("lon", "")),
                                    (r.get("must") or "").strip().lower() in ("yes", "true", "1"),
                                    line))
        except (KeyError, ValueError, AttributeError) as exc:
            raise InputError(folder / "places.csv", f"line {line}: bad row ({exc})") from None
    for line, r in _read_csv(folder / "events.csv"):
        try:
            d = (r.get("event_date") or "").strip()
            events.append(GoldEvent(
                r["file"], dt.date.fromisoformat(d) if d else None,
                _int(r.get("time_precision", "")) or 3, r["event_type"], r.get("sub_event_type", ""),
                r.get("actor1", ""), r.get("actor2", ""), _int(r.get("fatalities", "")),
                r.get("location_ar", ""), r.get("location_en", ""), _float(r.get("lat", "")),
                _float(r.get("lon", "")), _int(r.get("geo_precision", "")) or 3,
                r.get("quote", ""), line))
        except (KeyError, ValueError, AttributeError) as exc:
            raise InputError(folder / "events.csv", f"line {line}: bad row ({exc})") from None
    return places, events


# ----- distances --------------------------------------------------------------------------------

def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    from geopy.distance import geodesic  # noqa: PLC0415
    return geodesic((lat1, lon1), (lat2, lon2)).km


def _km_to_geometry(lat: float, lon: float, geom) -> float:
    """Geodesic km from a point to the nearest point of a shapely geometry (0 inside)."""
    from shapely.geometry import Point  # noqa: PLC0415
    from shapely.ops import nearest_points  # noqa: PLC0415
    p = Point(lon, lat)
    if geom.geom_type in ("Polygon", "MultiPolygon") and geom.covers(p):
        return 0.0
    _, q = nearest_points(p, geom)
    return _km(lat, lon, q.y, q.x)


# ----- actors -----------------------------------------------------------------------------------

_ACTOR_FAMILIES: list[tuple[str, str]] = [
    (r"syrian democratic|\bsdf\b|\bqsd\b", "SDF"),
    (r"\bypg\b|people'?s protection", "YPG"),
    (r"islamic state|\bisis\b|\bisil\b|daesh|\bis\b", "IS"),
    (r"tahrir al-?sham|\bhts\b|nusra|fateh al-?sham", "HTS"),
    (r"coalition|united states|\bus\b|american", "US/coalition"),
    (r"opposition|rebel|faction|free syrian|national army|national (front|liberation)|jaysh|"
     r"jaish|ahrar|faylaq|islam army", "rebels"),
    (r"civilian", "civilians"),
    (r"hezbollah|hizbullah", "Hezbollah"),
    (r"unidentified|unknown", "unidentified"),
]
_STATE = re.compile(r"(?:military|police|armed|air|naval|security) forces of (?:the )?([a-z ]+?)"
                    r"(?:\s*\(|$)|government of (?:the )?([a-z ]+?)(?:\s*\(|$)")


def actor_key(name: str) -> str:
    """The actor family a name belongs to, for comparing actors written differently:
    ``Military Forces of Syria (2000-)`` and ``Government of Syria`` are both
    ``state:syria``; ``IS: Islamic State`` and ``Islamic State (ISIS)`` are ``IS``.

    >>> actor_key("Military Forces of Syria (2000-)"), actor_key("Islamic State")
    ('state:syria', 'IS')
    """
    s = " ".join((name or "").lower().split())
    if not s:
        return ""
    m = _STATE.search(s)
    if m:
        country = (m.group(1) or m.group(2) or "").strip()
        if country in ("united states", "usa", "us"):
            return "US/coalition"
        return f"state:{country}"
    for rx, key in _ACTOR_FAMILIES:
        if re.search(rx, s):
            return key
    return re.sub(r"\s*\(.*?\)\s*", " ", s).strip()


def _actor_keys(gold: str) -> set[str]:
    return {actor_key(p) for p in re.split(r"[;/]| and ", gold) if p.strip()} - {""}


# ----- system output ----------------------------------------------------------------------------

@dataclass
class SystemArticle:
    """What the pipeline gave for one article: mentions and (merged) events."""

    name: str
    text: str
    mentions: list
    events: list


def run_system(articles, pipeline) -> dict[str, SystemArticle]:
    """Run *pipeline* (a :class:`~geomap.pipeline.Pipeline`) over *articles*:
    file name -> :class:`SystemArticle`.  Events are merged within each article
    only (as one report), not across articles."""
    out = {}
    for art in articles:
        doc = pipeline(art)
        out[art.name] = SystemArticle(art.name, art.text, doc.mentions, doc.events)
    return out


# ----- scoring ----------------------------------------------------------------------------------

#: What may stand between a word's start and a gold surface inside it: proclitics
#: (و، ف، ب، ل، ك، the article), so that "بالغوطة" holds "الغوطة" but "تدمر" does not hold "دمر".
_PROCLITICS = re.compile(r"(?:[وف]?(?:[بلك]|لل)?(?:ال)?)")


def _occurrences(text: str, surface: str) -> list[tuple[int, int]]:
    """Spans of *surface* in *text* that end at a word end and start at a word start or
    after proclitics only."""
    out, i = [], text.find(surface)
    while i >= 0:
        j = i + len(surface)
        w = i
        while w > 0 and text[w - 1].isalnum():
            w -= 1
        if (j >= len(text) or not text[j].isalnum()) and _PROCLITICS.fullmatch(text[w:i]):
            out.append((i, j))
        i = text.find(surface, i + 1)
    return out


def _name_key(s: str) -> str:
    """A surface as a comparable key: normalised, without the article."""
    from .arabic import normalize_name  # noqa: PLC0415
    k = normalize_name(s)
    return " ".join(w[2:] if w.startswith(("ال", "لل")) and len(w) > 3 else w for w in k.split())


def _overlapping(mentions, spans, surface: str = ""):
    """Mentions overlapping one of *spans*, or (gold rows are per distinct surface, and a
    surface may be written with a clitic that changes it: للغوطة for الغوطة) with the same
    name key as *surface*."""
    key = _name_key(surface) if surface else None
    return [m for m in mentions if any(m.start < b and a < m.end for a, b in spans)
            or (key and _name_key(m.surface) == key)]


@dataclass
class PlaceScores:
    """Place figures (see the module docstring for the rules)."""

    found: int = 0
    syrian: int = 0
    must_found: int = 0
    must: int = 0
    correct: int = 0
    system: int = 0
    foreign_rejected: int = 0
    foreign: int = 0
    traps_rejected: int = 0
    traps: int = 0
    by_kind: dict[str, list[int]] = field(default_factory=dict)    # kind -> [found, total]
    misses: list[dict] = field(default_factory=list)
    false_positives: list[dict] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.found / self.syrian if self.syrian else 0.0

    @property
    def precision(self) -> float:
        return self.correct / self.system if self.system else 0.0


def _place_ok(m, g: GoldPlace) -> bool:
    p = m.place
    if p is None or not p.in_syria:
        return False
    if g.lat is None or g.lon is None:
        return True
    tol = PLACE_TOLERANCE_KM.get(g.kind, 15.0)
    return math.isinf(tol) or _km(p.lat, p.lon, g.lat, g.lon) <= tol


def score_places(gold: Sequence[GoldPlace], system: dict[str, SystemArticle]) -> PlaceScores:
    """Score the mentions of *system* against the gold place rows."""
    s = PlaceScores()
    by_file: dict[str, list[GoldPlace]] = defaultdict(list)
    for g in gold:
        by_file[g.file].append(g)
    for name, sa in sorted(system.items()):
        rows = by_file.get(name, [])
        spans = {id(g): _occurrences(sa.text, g.surface) for g in rows}
        for g in rows:
            # a trap or foreign row is judged on its own occurrences only (the same surface
            # may be a Syrian place elsewhere in the file, with a row of its own)
            over = _overlapping(sa.mentions, spans[id(g)],
                                g.surface if g.kind not in _NOT_SYRIAN else "")
            if g.kind == "foreign":
                s.foreign += 1
                bad = [m for m in over if m.place is not None and m.place.in_syria]
                s.foreign_rejected += not bad
                if bad:
                    s.false_positives.append(_place_fp(name, sa.text, bad[0], "foreign place "
                                                       f"mapped in Syria ({g.canonical_en})"))
            elif g.kind == "not_place":
                s.traps += 1
                bad = [m for m in over if m.place is not None]
                s.traps_rejected += not bad
                if bad:
                    s.false_positives.append(_place_fp(name, sa.text, bad[0],
                                                       f"not a place here ({g.canonical_en})"))
            elif g.kind != "metonym" and g.in_syria:
                s.syrian += 1
                s.must += g.must
                ok = any(_place_ok(m, g) for m in over)
                s.found += ok
                s.must_found += ok and g.must
                k = s.by_kind.setdefault(g.kind, [0, 0])
                k[0] += ok
                k[1] += 1
                if not ok:
                    got = next((m for m in over if m.place is not None), None)
                    why = "not found" if got is None else \
                        f"placed at {got.place.name_en} ({got.place.lat:.3f}, {got.place.lon:.3f})"
                    s.misses.append({"file": name, "surface": g.surface, "kind": g.kind,
                                     "gold": g.canonical_en, "why": why,
                                     "context": _context(sa.text, spans[id(g)])})
        syrian_rows = [g for g in rows if g.in_syria and g.kind not in _NOT_SYRIAN]
        metonyms = [g for g in rows if g.kind == "metonym"]
        def covers(m, g):
            return any(m.start < b and a < m.end for a, b in spans[id(g)]) or \
                _name_key(m.surface) == _name_key(g.surface)
        for m in sa.mentions:
            if m.place is None or not m.place.in_syria:
                continue
            if any(covers(m, g) for g in metonyms):
                continue
            s.system += 1
            hits = [g for g in syrian_rows if covers(m, g)]
            if any(_place_ok(m, g) for g in hits):
                s.correct += 1
            elif not any(g.kind in ("not_place", "foreign") and covers(m, g) for g in rows):
                why = "no Syrian place here in the gold" if not hits else \
                    f"gold is {hits[0].canonical_en}"
                s.false_positives.append(_place_fp(name, sa.text, m, why))
    return s


def _context(text: str, spans: list[tuple[int, int]], width: int = 50) -> str:
    if not spans:
        return ""
    a, b = spans[0]
    return " ".join(text[max(0, a - width):b + width].split())


def _place_fp(name: str, text: str, m, why: str) -> dict:
    p = m.place
    return {"file": name, "surface": m.surface, "place": f"{p.name_en} ({p.id})", "why": why,
            "context": _context(text, [(m.start, m.end)])}


@dataclass
class EventScores:
    """Event figures (see the module docstring for the rules)."""

    gold: int = 0
    system: int = 0
    matched: int = 0
    date_exact: int = 0
    date_1day: int = 0
    dated: int = 0
    fat_right: int = 0
    fat_counted: int = 0
    fat_right_all: int = 0
    actor_right: int = 0
    by_sub: dict[str, list[int]] = field(default_factory=dict)   # sub-type -> [found, gold, sys]
    misses: list[dict] = field(default_factory=list)
    false_positives: list[dict] = field(default_factory=list)
    wrong: list[dict] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    @property
    def precision(self) -> float:
        return self.matched / self.system if self.system else 0.0


def _event_km(g: GoldEvent, e) -> float:
    if g.lat is None or g.lon is None:
        return 0.0 if e.place is not None and e.place.in_syria else math.inf
    return _km_to_geometry(g.lat, g.lon, e.geometry)


def score_events(gold: Sequence[GoldEvent], system: dict[str, SystemArticle]) -> EventScores:
    """Pair system and gold events one to one within each article and score them."""
    s = EventScores()
    by_file: dict[str, list[GoldEvent]] = defaultdict(list)
    for g in gold:
        by_file[g.file].append(g)
    for name, sa in sorted(system.items()):
        golds, evs = by_file.get(name, []), list(sa.events)
        s.gold += len(golds)
        s.system += len(evs)
        for g in golds:
            s.by_sub.setdefault(g.sub_event_type, [0, 0, 0])[1] += 1
        for e in evs:
            s.by_sub.setdefault(e.sub_event_type, [0, 0, 0])[2] += 1
        cands = []
        for gi, g in enumerate(golds):
            tol = EVENT_TOLERANCE_KM.get(g.geo_precision, 40.0)
            for ei, e in enumerate(evs):
                if e.event_type != g.event_type:
                    continue
                d = _event_km(g, e)
                if d <= tol:
                    cands.append((e.sub_event_type != g.sub_event_type, e.event_date != g.event_date,
                                  d, gi, ei))
        cands.sort()
        used_g, used_e = set(), set()
        for _, _, _, gi, ei in cands:
            if gi in used_g or ei in used_e:
                continue
            used_g.add(gi)
            used_e.add(ei)
            g, e = golds[gi], evs[ei]
            s.matched += 1
            s.by_sub[g.sub_event_type][0] += 1
            problems = []
            if g.event_date is not None:
                s.dated += 1
                if e.event_date == g.event_date:
                    s.date_exact += 1
                else:
                    problems.append(f"date {e.event_date} (gold {g.event_date})")
                if e.event_date is not None and abs((e.event_date - g.event_date).days) <= 1:
                    s.date_1day += 1
            if g.fatalities is not None and g.fatalities > 0:
                s.fat_counted += 1
                if e.fatalities == g.fatalities:
                    s.fat_right += 1
                else:
                    problems.append(f"fatalities {e.fatalities} (gold {g.fatalities})")
            if (e.fatalities or 0) == (g.fatalities or 0):
                s.fat_right_all += 1
            if actor_key(e.actor1) in _actor_keys(g.actor1):
                s.actor_right += 1
            else:
                problems.append(f"actor1 {e.actor1!r} (gold {g.actor1!r})")
            if problems:
                s.wrong.append({"file": name, "event": _ev_label(e), "gold_line": g.line,
                                "problems": problems, "quote": g.quote,
                                "notes": list(e.notes)})
        for gi, g in enumerate(golds):
            if gi not in used_g:
                s.misses.append({"file": name, "gold_line": g.line,
                                 "event": f"{g.event_date} {g.sub_event_type} at {g.location_en}",
                                 "quote": g.quote})
        for ei, e in enumerate(evs):
            if ei not in used_e:
                s.false_positives.append({"file": name, "event": _ev_label(e),
                                          "quote": e.quotes[0] if e.quotes else ""})
    return s


def _ev_label(e) -> str:
    return f"{e.event_date} {e.sub_event_type} at {e.location}"


# ----- the report --------------------------------------------------------------------------------

@dataclass
class Report:
    """All figures of one evaluation."""

    places: PlaceScores
    events: EventScores
    articles: int

    def figures(self) -> dict[str, float]:
        """The headline figures, as fractions (what ``--ablate`` compares)."""
        p, e = self.places, self.events
        return {
            "place_recall": p.recall, "place_precision": p.precision,
            "foreign_rejected": p.foreign_rejected / p.foreign if p.foreign else 1.0,
            "traps_rejected": p.traps_rejected / p.traps if p.traps else 1.0,
            "event_recall": e.recall, "event_precision": e.precision,
            "date_exact": e.date_exact / e.dated if e.dated else 0.0,
            "fatalities": e.fat_right / e.fat_counted if e.fat_counted else 0.0,
            "actor1": e.actor_right / e.matched if e.matched else 0.0,
        }

    def to_json(self, verbose: bool = False) -> dict:
        p, e = self.places, self.events
        d = {
            "articles": self.articles,
            "figures": {k: round(v, 4) for k, v in self.figures().items()},
            "places": {"found": p.found, "syrian": p.syrian, "must_found": p.must_found,
                       "must": p.must, "correct": p.correct, "system": p.system,
                       "foreign_rejected": p.foreign_rejected, "foreign": p.foreign,
                       "traps_rejected": p.traps_rejected, "traps": p.traps,
                       "by_kind": p.by_kind},
            "events": {"matched": e.matched, "gold": e.gold, "system": e.system,
                       "date_exact": e.date_exact, "date_within_1_day": e.date_1day,
                       "dated": e.dated, "fatalities_right": e.fat_right,
                       "fatalities_counted": e.fat_counted,
                       "fatalities_right_incl_zero": e.fat_right_all,
                       "actor1_right": e.actor_right, "by_sub_event_type": e.by_sub},
        }
        if verbose:
            d["places"].update(misses=p.misses, false_positives=p.false_positives)
            d["events"].update(misses=e.misses, false_positives=e.false_positives, wrong=e.wrong)
        return d

    def text(self, verbose: bool = False) -> str:
        p, e = self.places, self.events

        def frac(a, b):
            return f"{a} / {b} = {a / b:.2f}" if b else f"{a} / 0"
        lines = [f"geomap eval: {self.articles} articles", "", "Places",
                 f"  Syrian mentions found and placed within tolerance  {frac(p.found, p.syrian)}",
                 f"    of them marked 'must'                           {frac(p.must_found, p.must)}",
                 f"  Syrian resolutions that are right (precision)      {frac(p.correct, p.system)}",
                 f"  foreign places kept out of Syria                   "
                 f"{frac(p.foreign_rejected, p.foreign)}",
                 f"  non-place traps rejected                           "
                 f"{frac(p.traps_rejected, p.traps)}",
                 "  by kind: " + ", ".join(f"{k} {a}/{b}" for k, (a, b) in sorted(p.by_kind.items())),
                 "", "Events",
                 f"  events found (recall)                              {frac(e.matched, e.gold)}",
                 f"  events reported that are in the gold (precision)   {frac(e.matched, e.system)}",
                 f"  matched events on the right day                    {frac(e.date_exact, e.dated)}",
                 f"    within one day                                   {frac(e.date_1day, e.dated)}",
                 f"  fatalities right (gold count > 0)                  "
                 f"{frac(e.fat_right, e.fat_counted)}",
                 f"  fatalities right (all matched, none = 0)           "
                 f"{frac(e.fat_right_all, e.matched)}",
                 f"  actor1 right                                       {frac(e.actor_right, e.matched)}",
                 "  by sub-event type (found/gold, reported):"]
        for k, (a, b, c) in sorted(e.by_sub.items(), key=lambda kv: -kv[1][1]):
            lines.append(f"    {k:40s} {a:3d}/{b:<3d}  {c:3d}")
        if verbose:
            lines += ["", "Place misses:"]
            lines += [f"  {m['file']}: {m['surface']} ({m['kind']}, {m['gold']}): {m['why']}"
                      f"\n      … {m['context']} …" for m in p.misses]
            lines += ["", "Place false positives:"]
            lines += [f"  {m['file']}: {m['surface']} -> {m['place']}: {m['why']}"
                      f"\n      … {m['context']} …" for m in p.false_positives]
            lines += ["", "Event misses:"]
            lines += [f"  {m['file']} (gold line {m['gold_line']}): {m['event']}\n      « {m['quote']} »"
                      for m in e.misses]
            lines += ["", "Event false positives:"]
            lines += [f"  {m['file']}: {m['event']}\n      « {m['quote']} »"
                      for m in e.false_positives]
            lines += ["", "Matched events with wrong fields:"]
            lines += [f"  {m['file']}: {m['event']}: {'; '.join(m['problems'])}\n      « {m['quote']} »"
                      for m in e.wrong]
        return "\n".join(lines) + "\n"


def evaluate(folder: str | Path, pipeline=None, articles=None) -> Report:
    """Run the pipeline over a gold folder's articles and score it.

    Parameters
    ----------
    folder : str or Path
        A folder with ``articles/``, ``places.csv`` and ``events.csv``.
    pipeline : Pipeline, optional
        Defaults to :class:`~geomap.pipeline.Pipeline` over the bundled gazetteer.
    articles : list of Article, optional
        Already-read articles of the folder (saves reading them again).
    """
    from .pipeline import Pipeline  # noqa: PLC0415
    from .readers import load_articles  # noqa: PLC0415
    folder = Path(folder)
    gold_places, gold_events = load_gold(folder)
    if articles is None:
        articles, errors = load_articles([folder / "articles"])
        if not articles:
            raise InputError(folder / "articles", "no article could be read")
    pipeline = pipeline if pipeline is not None else Pipeline()
    system = run_system(articles, pipeline)
    return Report(score_places(gold_places, system), score_events(gold_events, system),
                  len(articles))


def ablate(folder: str | Path, switches: Iterable[str], make_pipeline: Callable[[frozenset], object],
           articles=None) -> list[tuple[str, dict[str, float]]]:
    """The headline figures with nothing switched off, then with each switch off in turn."""
    from .readers import load_articles  # noqa: PLC0415
    if articles is None:
        articles, _ = load_articles([Path(folder) / "articles"])
    rows = [("(all on)", evaluate(folder, make_pipeline(frozenset()), articles).figures())]
    for sw in switches:
        rows.append((sw, evaluate(folder, make_pipeline(frozenset({sw})), articles).figures()))
    return rows


def ablation_table(rows: list[tuple[str, dict[str, float]]]) -> str:
    """A text table: the base figures, then each switch's change in points."""
    base = rows[0][1]
    keys = list(base)
    short = {"place_recall": "pl.R", "place_precision": "pl.P", "foreign_rejected": "foreign",
             "traps_rejected": "traps", "event_recall": "ev.R", "event_precision": "ev.P",
             "date_exact": "date", "fatalities": "fatal", "actor1": "actor"}
    head = f"{'switched off':34s}" + "".join(f"{short[k]:>8s}" for k in keys)
    lines = [head, f"{'(all on)':34s}" + "".join(f"{base[k]:8.3f}" for k in keys)]
    for name, fig in rows[1:]:
        lines.append(f"{name:34s}" + "".join(
            f"{(fig[k] - base[k]) * 100:+8.1f}" if abs(fig[k] - base[k]) >= 0.0005 else f"{'·':>8s}"
            for k in keys))
    lines.append("(changes in percentage points; · = no change)")
    return "\n".join(lines) + "\n"


def report_json(report: Report, verbose: bool = False) -> str:
    return json.dumps(report.to_json(verbose), ensure_ascii=False, indent=1, default=str) + "\n"

