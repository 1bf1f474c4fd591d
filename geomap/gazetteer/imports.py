"""Import a GeoNames country dump into the user's gazetteer folder."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .geonames import read_geonames_dump
from .io import write_places
from .store import load_gazetteer, user_data_dir

__all__ = ["ImportReport", "import_geonames"]


@dataclass(frozen=True, slots=True)
class ImportReport:
    """What :func:`import_geonames` did."""

    output: Path
    rows: int          #: places written (features we map, with an Arabic name)
    new: int           #: places the gazetteer did not have
    merged: int        #: places that add names to existing entries
    skipped: int       #: Syrian rows without a governorate code


def import_geonames(dump: str | Path, data_dir: str | Path | None = None) -> ImportReport:
    """Convert a GeoNames dump (``SY.txt``) into a gazetteer file geomap loads.

    Parameters
    ----------
    dump : str or Path
        The tab-separated GeoNames file a user downloaded.
    data_dir : str or Path, optional
        Defaults to :func:`~geomap.gazetteer.user_data_dir`; the result is
        written to ``<data_dir>/gazetteer/geonames-<name>.csv`` (atomically) and
        merged into every later :func:`~geomap.gazetteer.load_gazetteer` call.

    Returns
    -------
    ImportReport

    Raises
    ------
    GazetteerRowError
        For a malformed dump line (file and line named); nothing is written.
    """
    dump = Path(dump)
    folder = Path(data_dir) if data_dir is not None else user_data_dir()
    out = folder / "gazetteer" / f"geonames-{dump.stem}.csv"
    base = load_gazetteer(user_files=False)
    places, skipped, new, merged = [], 0, 0, 0
    for p in read_geonames_dump(dump):
        if p.in_syria and not p.admin1:
            skipped += 1
            continue
        places.append(p)
        if base.by_geonameid(p.geonameid) is not None:
            merged += 1
        else:
            new += 1
    write_places(places, out)
    return ImportReport(out, len(places), new, merged, skipped)
