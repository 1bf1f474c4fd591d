"""The :class:`Place` value type and the controlled vocabularies of the gazetteer."""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = [
    "Place",
    "KINDS",
    "PRECISIONS",
    "ADMIN1",
    "ADMIN1_AR",
    "GEONAMES_ADMIN1",
    "SYRIA_BBOX",
    "COLUMNS",
]

#: Kinds of place.  ``country`` and ``foreign_city`` are the usual kinds of
#: rows outside Syria; every other kind may be used inside or outside.
KINDS = frozenset({
    "governorate", "district", "subdistrict", "city", "town", "village",
    "neighbourhood", "military_site", "airbase", "dam", "camp", "checkpoint",
    "crossing", "landmark", "oilfield", "road", "region", "mountain", "river",
    "lake", "country", "foreign_city",
})

#: How well a row's coordinates locate the place.
#: ``point``: the place's own reference coordinates (within ~1-2 km);
#: ``approx``: derived, within a few km; ``region``: representative point of an
#: extended feature (road, range, district, governorate, region).
PRECISIONS = ("point", "approx", "region")

#: The 14 governorates (English key -> Arabic name).
ADMIN1_AR: dict[str, str] = {
    "Aleppo": "حلب",
    "Idlib": "إدلب",
    "Raqqa": "الرقة",
    "Deir ez-Zor": "دير الزور",
    "Al-Hasakah": "الحسكة",
    "Hama": "حماة",
    "Homs": "حمص",
    "Latakia": "اللاذقية",
    "Tartus": "طرطوس",
    "Damascus": "دمشق",
    "Rif Dimashq": "ريف دمشق",
    "Daraa": "درعا",
    "Quneitra": "القنيطرة",
    "As-Suwayda": "السويداء",
}
ADMIN1 = frozenset(ADMIN1_AR)

#: GeoNames admin1 codes for Syria.
GEONAMES_ADMIN1: dict[str, str] = {
    "01": "Al-Hasakah", "02": "Latakia", "03": "Quneitra", "04": "Raqqa",
    "05": "As-Suwayda", "06": "Daraa", "07": "Deir ez-Zor", "08": "Rif Dimashq",
    "09": "Aleppo", "10": "Hama", "11": "Homs", "12": "Idlib", "13": "Damascus",
    "14": "Tartus",
}

#: (min_lat, min_lon, max_lat, max_lon) around Syria, a little generous.
SYRIA_BBOX = (32.3, 35.6, 37.35, 42.4)

#: Columns of the committed gazetteer files, in order.
COLUMNS = ("id", "name_en", "name_ar", "variants", "kind", "lat", "lon",
           "precision", "admin1", "in_syria", "geonameid", "source")
#: Optional columns a file may add after :data:`COLUMNS`, in this order (the built
#: ``places.csv`` has them all): ``admin2`` / ``admin3`` (district and subdistrict),
#: ``wofid`` (Who's On First id), ``layer`` (the source the row comes from: one of
#: :data:`LAYERS`), ``flags`` (``|``-separated :data:`FLAGS`), ``parent`` (id of the place
#: that contains this one: a neighbourhood's city) and ``members`` (``|``-separated Arabic
#: names of the places a region is made of).
OPTIONAL_COLUMNS = ("admin2", "admin3", "wofid", "layer", "flags", "parent", "members")
#: Sources of gazetteer rows, in order of authority.
LAYERS = ("curated", "geonames", "whosonfirst")
#: Flags a row may carry.
FLAGS = frozenset({"abandoned", "destroyed", "historical", "settlement", "not-current"})


@dataclass(frozen=True, slots=True)
class Place:
    """One gazetteer entry.

    Attributes
    ----------
    id : str
        Stable identifier (``sy.aleppo.khan-al-asal``, ``gn.170063``, ``xx.iq.baghdad``).
    name_en, name_ar : str
        English and Arabic names.
    variants : tuple of str
        Other spellings (Arabic, transliterations, Kurdish...).
    kind : str
        One of :data:`KINDS`.
    lat, lon : float
        WGS84 coordinates (the representative point for extended features).
    precision : str
        One of :data:`PRECISIONS`.
    admin1 : str
        Governorate (one of :data:`ADMIN1`), empty for foreign or national rows.
    in_syria : bool
        False for places outside Syria.
    geonameid : int or None
        GeoNames id when the entry comes from or is merged with GeoNames.
    source : str
        Where the row's facts come from.
    parent : str
        Id of the place that contains this one (a neighbourhood's city), or "".
    members : tuple of str
        For a region: Arabic names of the places it is made of.
    admin2, admin3 : str
        District and subdistrict (English names), when known.
    wofid : int or None
        Who's On First id.
    layer : str
        The source the row comes from (:data:`LAYERS`); "" when unknown.
    flags : tuple of str
        ``abandoned``, ``destroyed``... (:data:`FLAGS`).
    """

    id: str
    name_en: str
    name_ar: str
    kind: str
    lat: float
    lon: float
    precision: str = "point"
    admin1: str = ""
    in_syria: bool = True
    variants: tuple[str, ...] = field(default=())
    geonameid: int | None = None
    source: str = ""
    parent: str = ""
    members: tuple[str, ...] = field(default=())
    admin2: str = ""
    admin3: str = ""
    wofid: int | None = None
    layer: str = ""
    flags: tuple[str, ...] = field(default=())

    @property
    def names(self) -> tuple[str, ...]:
        """All names of the place: Arabic name, English name, then variants."""
        return (self.name_ar, self.name_en, *self.variants)

    @property
    def provenance(self) -> str:
        """Where the row comes from: ``curated`` (researched for geomap), ``geonames`` or
        ``whosonfirst`` (the ``layer`` column; older files: read from the id)."""
        if self.layer:
            return self.layer
        if self.id.startswith("wof."):
            return "whosonfirst"
        return "geonames" if self.id.startswith("gn.") or ".gn" in self.id else "curated"

    @property
    def curated(self) -> bool:
        """True for rows researched for geomap (not imported from GeoNames)."""
        return self.provenance == "curated"

    @property
    def country(self) -> str:
        """ISO 3166-1 alpha-2 code: ``SY`` or the code in a ``xx.CC.*`` id."""
        if self.in_syria:
            return "SY"
        parts = self.id.split(".")
        if len(parts) >= 3 and parts[0] == "xx":
            return parts[1].upper()
        return ""

    def to_dict(self) -> dict:
        """Return a JSON-ready dict of the public fields."""
        return {
            "id": self.id, "name_en": self.name_en, "name_ar": self.name_ar,
            "lat": self.lat, "lon": self.lon, "kind": self.kind,
            "admin1": self.admin1, "admin2": self.admin2, "admin3": self.admin3,
            "in_syria": self.in_syria, "precision": self.precision, "source": self.source,
        }
