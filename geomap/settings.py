"""Every numeric knob of geomap in one place: windows, distances, day spans, weights.

Components import their constants from here; change one here and ``geomap eval``
shows the effect.  (Word lists are data: see :mod:`geomap.lexicon`.)
"""

from __future__ import annotations

__all__ = ["CHUNK_CHARS", "KIND_PRIOR", "FEATURE_WEIGHTS", "ANCHOR_RANGE_KM", "GENERIC_LANDMARK_KM", "ISOLATED_KM", "COMMON_ZIPF",
           "CLITIC_WORD_ZIPF", "CUE_WINDOW", "ORIGIN_WINDOW", "NEAR_WINDOW", "COUNTRYSIDE_KM",
           "DIRECTION_KM", "AREA_OFFSET_KM", "RUNNING_DATE_DAYS", "MERGE_FUZZY_DAYS",
           "FUTURE_DATE_DAYS", "OFFENSIVE_TARGET_RANK", "MAJOR_KINDS"]

# ----- reading ----------------------------------------------------------------------------------
#: Texts longer than this many characters are read chunk by chunk (cut at line ends).
CHUNK_CHARS = 200_000

# ----- resolving place names --------------------------------------------------------------------
#: Prior weight of each place kind (how likely a bare name denotes a place of that kind).
KIND_PRIOR: dict[str, float] = {
    "country": 1.2, "governorate": 1.1, "city": 1.0, "region": 0.8, "town": 0.7,
    "district": 0.5, "airbase": 0.6, "dam": 0.6, "military_site": 0.6, "camp": 0.55,
    "village": 0.5, "crossing": 0.5, "mountain": 0.45, "river": 0.45, "lake": 0.45,
    "road": 0.45, "oilfield": 0.45, "neighbourhood": 0.4, "subdistrict": 0.3,
    "checkpoint": 0.4, "landmark": 0.4, "foreign_city": 0.9,
}
#: Prior of a kind missing from KIND_PRIOR.
KIND_PRIOR_DEFAULT = 0.3
#: Weights of the named disambiguation features (geomap.resolve.features).
FEATURE_WEIGHTS: dict[str, float] = {
    "in_syria": 5.0,        # a Syrian entry (the news is about Syria)
    "country_hint": 8.0,    # +/-: the name is followed by a nationality, or the sentence names a country
    "admin_hint": 3.0,      # the governorate the sentence names ("ريف X", "محافظة X")
    "nearby_places": 2.0,   # closeness to the article's unambiguous places
    "trigger_kind": 1.5,    # the kind a trigger word suggests ("قرية" -> village)
    "curated": 0.2,         # curated rows carry checked variants
    "prominence": 7.5,      # a well-known place (city, governorate, region, capital, country)
}
#: Beyond this distance (km) from the article's other places, nearness adds nothing.
ANCHOR_RANGE_KM = 300.0
#: A generic landmark ("المطار الدولي") is the gazetteer's one only within this distance (km)
#: of another place the article names.
GENERIC_LANDMARK_KM = 30.0
#: A minor village without a trigger this far (km) from every other place of its article
#: is not read as that village.
ISOLATED_KM = 200.0
#: Kinds whose names are read as places even when they are common words.
MAJOR_KINDS = frozenset({"country", "governorate", "city", "region", "river", "mountain", "lake"})
#: Zipf frequency from which a single word is "common" (about 2 per million words).
COMMON_ZIPF = 3.3
#: A minor place whose name is at least this frequent a word, followed by a definite noun,
#: is that word in a construct ("سفيرة الولايات").
CONSTRUCT_ZIPF = 2.5
#: A minor place whose name is at least this frequent a word needs a trigger or a list.
VERY_COMMON_ZIPF = 4.0
#: A clitic-prefixed token this frequent is read as one word ("وزارة"), not as a clitic
#: plus a name ("و" + "زارة"), when the name itself is rarer.
CLITIC_WORD_ZIPF = 4.0

# ----- events -----------------------------------------------------------------------------------
#: Characters before a place searched for cue words ("قرب", "من", "شمال"…).
CUE_WINDOW = 30
#: Characters before a place searched for an offensive's origin/target cue.
ORIGIN_WINDOW = 40
#: Characters before a place searched for "near" cues.
NEAR_WINDOW = 25
#: "ريف X" is drawn as the ring between these distances (km) from X.
COUNTRYSIDE_KM = (5.0, 40.0)
#: "شمال X" is drawn as a sector between these distances (km) on that side of X.
DIRECTION_KM = (3.0, 25.0)
#: Places bounding an area ("من جنوب تدمر حتى شرق القريتين") are moved this far (km).
AREA_OFFSET_KM = 15.0
#: A narrative date carries over to later sentences when at most this many days old.
RUNNING_DATE_DAYS = 7
#: Two reports of one event may differ by this many days when one date was inferred.
MERGE_FUZZY_DAYS = 2
#: A day-and-month date without a year more than this many days after publication is
#: taken to be in the previous year.
FUTURE_DATE_DAYS = 60
#: The objective of an offensive: the most often named place, then the most specific kind.
OFFENSIVE_TARGET_RANK = {"city": 0, "town": 1, "village": 2, "district": 3, "region": 4,
                         "governorate": 5}

# ----- export -------------------------------------------------------------------------
#: ACLED "source_scale" by outlet: (lower-case part of the outlet's name, scale), first match wins.
OUTLET_SCALE = (
    ("bbc", "International"), ("cnn", "International"), ("france 24", "International"),
    ("france24", "International"), ("فرانس", "International"), ("reuters", "International"),
    ("afp", "International"), ("associated press", "International"), ("al jazeera", "Regional"),
    ("aljazeera", "Regional"), ("الجزيرة", "Regional"), ("العربية", "Regional"),
    ("asharq", "Regional"), ("الشرق الأوسط", "Regional"), ("sana", "National"),
    ("سانا", "National"), ("enab", "National"), ("عنب بلدي", "National"), ("sohr", "Other"),
    ("المرصد", "Other"), ("syrian observatory", "Other"),
)
