"""Disambiguation: the named features that score a candidate place, with their weights.

A name such as "الطيبة" can denote several gazetteer entries.  Each candidate is
scored as the sum of weighted features (weights in
:data:`geomap.settings.FEATURE_WEIGHTS`); :func:`score` returns the total and
the part of each feature, so ``geomap places --json`` shows why a candidate won
and ``geomap eval --ablate`` can switch each feature off.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field

from ..gazetteer.model import Place
from ..settings import ANCHOR_RANGE_KM, FEATURE_WEIGHTS, KIND_PRIOR, KIND_PRIOR_DEFAULT
from ..switches import register
from .filters import is_major
from .model import Score

__all__ = ["FEATURES", "ScoreContext", "score", "nearest_km"]

KIND_PRIOR_F = register("resolve.kind_prior", "a prior by kind: city before village")
IN_SYRIA = register("resolve.in_syria", "Syrian entries before foreign ones")
COUNTRY_HINT = register("resolve.country_hint", "a nationality adjective after the name "
                        "(الموصل العراقية) or the one country the sentence names")
ADMIN_HINT = register("resolve.admin_hint", "the governorate named in the same sentence "
                      "(ريف X, محافظة X, other places of that governorate)")
NEARBY = register("resolve.nearby_places", "nearness to the article's unambiguous places")
TRIGGER_KIND = register("resolve.trigger_kind", "the kind a trigger word suggests, for or "
                        "against a candidate (قرية -> village, مطار -> airbase)")
PROMINENCE = register("resolve.prominence", "well-known places (cities, governorates, regions, "
                      "capitals and countries) before minor namesakes when the context is silent: "
                      "أنقرة is Ankara, not a Syrian village of that name")
CURATED = register("resolve.curated", "curated Syrian rows before imported ones")

#: Feature names in the order their parts are added.
FEATURES = (KIND_PRIOR_F, IN_SYRIA, COUNTRY_HINT, ADMIN_HINT, NEARBY, TRIGGER_KIND, CURATED,
            PROMINENCE)


@dataclass
class ScoreContext:
    """What the text says around one mention."""

    trigger_kinds: frozenset[str] = frozenset()
    country_hint: str = ""
    admin_hints: Counter = field(default_factory=Counter)
    anchors: list[Place] = field(default_factory=list)
    off: frozenset[str] = frozenset()


def nearest_km(p: Place, anchors: list[Place]) -> float:
    """Great-circle distance (km) from *p* to the nearest anchor (haversine; a
    ranking feature, so the sphere is precise enough)."""
    lat1, lon1 = math.radians(p.lat), math.radians(p.lon)
    best = math.inf
    for a in anchors:
        lat2, lon2 = math.radians(a.lat), math.radians(a.lon)
        h = math.sin((lat2 - lat1) / 2) ** 2 + \
            math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
        best = min(best, 12742.0 * math.asin(min(1.0, math.sqrt(h))))
    return best


def score(p: Place, ctx: ScoreContext) -> Score:
    """Score candidate *p* in context *ctx*: the total and each feature's part."""
    off = ctx.off
    w = FEATURE_WEIGHTS
    parts: list[tuple[str, float]] = []
    total = KIND_PRIOR.get(p.kind, KIND_PRIOR_DEFAULT) if KIND_PRIOR_F not in off else 0.0
    parts.append((KIND_PRIOR_F, total))
    if p.in_syria and IN_SYRIA not in off:
        total += w["in_syria"]
        parts.append((IN_SYRIA, w["in_syria"]))
    if ctx.country_hint and COUNTRY_HINT not in off:
        v = w["country_hint"] if p.country == ctx.country_hint else -w["country_hint"]
        total += v
        parts.append((COUNTRY_HINT, v))
    if p.in_syria and p.admin1 and ctx.admin_hints and ADMIN_HINT not in off:
        v = w["admin_hint"] * ctx.admin_hints[p.admin1] / max(ctx.admin_hints.values())
        total += v
        parts.append((ADMIN_HINT, v))
    if ctx.anchors and p.in_syria and NEARBY not in off:
        d = nearest_km(p, ctx.anchors)
        v = w["nearby_places"] * (1.0 - min(d, ANCHOR_RANGE_KM) / ANCHOR_RANGE_KM)
        total += v
        parts.append((NEARBY, v))
    if ctx.trigger_kinds and TRIGGER_KIND not in off:
        v = w["trigger_kind"] if p.kind in ctx.trigger_kinds else -w["trigger_kind"]
        total += v
        parts.append((TRIGGER_KIND, v))
    if p.in_syria and p.curated and CURATED not in off:
        total += w["curated"]
        parts.append((CURATED, w["curated"]))
    if PROMINENCE not in off:
        if is_major(p):
            total += w["prominence"]
            parts.append((PROMINENCE, w["prominence"]))
    return Score(total, tuple(parts))
