"""Import a GeoNames country dump into the user's gazetteer folder."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .geonames import read_geonames_dump
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
    _write_checked(places, out, base, dump)
    return ImportReport(out, len(places), new, merged, skipped)


def _write_checked(places: list, out: Path, base, dump: Path) -> None:
    """Write *places* to *out* only if the file reads back and merges with the
    bundled gazetteer; otherwise nothing is written (the gazetteer is never left
    in a state every command would refuse)."""
    import os  # noqa: PLC0415
    import tempfile  # noqa: PLC0415

    from ..errors import GazetteerError  # noqa: PLC0415
    from .io import format_places, read_places  # noqa: PLC0415
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".csv", dir=out.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(format_places(places))
        try:
            base.merged(read_places(tmp))
        except GazetteerError as exc:
            raise GazetteerError(f"{dump}: the converted rows do not form a valid gazetteer "
                                 f"({exc}); nothing was written") from None
        from ..fsutil import umask  # noqa: PLC0415
        os.chmod(tmp, 0o666 & ~umask())
        os.replace(tmp, out)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
