"""The main job: articles in, map and data files out (``geomap build``)."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .errors import InputError
from .events import Event, EventExtractor, merge_events
from .export import write_csv, write_geojson, write_gpkg
from .readers import load_articles
from .render import write_map
from .resolve import Resolver

__all__ = ["BuildReport", "build", "OUTPUT_FILES"]

OUTPUT_FILES = ("events.geojson", "events.gpkg", "events.csv", "map.html")


@dataclass
class BuildReport:
    """What a build read and wrote."""

    articles: int = 0
    events: int = 0
    places: int = 0                  #: distinct gazetteer places mentioned
    mentions: int = 0                #: resolved place mentions
    unresolved: list[str] = field(default_factory=list)   #: distinct unresolved names
    skipped: list[InputError] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)
    seconds: float = 0.0
    event_list: list[Event] = field(default_factory=list, repr=False)

    def summary(self) -> str:
        """A short human summary (the last lines ``geomap build`` prints)."""
        lines = [f"read {self.articles} articles ({len(self.skipped)} skipped), "
                 f"found {self.mentions} place mentions of {self.places} places "
                 f"and {len(self.unresolved)} unresolved names, {self.events} events "
                 f"in {self.seconds:.1f} s"]
        if self.unresolved:
            shown = "، ".join(self.unresolved[:12])
            lines.append(f"unresolved names: {shown}" + (" …" if len(self.unresolved) > 12 else ""))
        for p in self.written:
            lines.append(f"wrote {p}")
        return "\n".join(lines)


def _progress_printer(total: int) -> Callable[[int, str], None]:
    tty = sys.stderr.isatty()
    step = max(1, total // 20)

    def show(i: int, name: str) -> None:
        if tty:
            width = 30
            done = int(width * i / total)
            sys.stderr.write(f"\r[{'#' * done}{'.' * (width - done)}] {i}/{total} {name[-40:]:40s}")
            if i == total:
                sys.stderr.write("\n")
        elif total >= 50 and (i % step == 0 or i == total):
            sys.stderr.write(f"{i}/{total} articles\n")
        sys.stderr.flush()
    return show


def build(inputs: Iterable[str | Path], outdir: str | Path, *, resolver: Resolver | None = None,
          progress: bool = True, title: str = "geomap") -> BuildReport:
    """Read articles, extract events, write GeoJSON, GeoPackage, CSV and the HTML map.

    Parameters
    ----------
    inputs : iterable of str or Path
        Article files and folders (folders are read for ``*.txt``).
    outdir : str or Path
        Output folder (created); files are replaced atomically.
    resolver : Resolver, optional
    progress : bool
        Show progress on standard error.

    Returns
    -------
    BuildReport
        Bad inputs are listed in ``skipped``; nothing is written when no
        article could be read.
    """
    t0 = time.perf_counter()
    articles, errors = load_articles(inputs)
    rep = BuildReport(articles=len(articles), skipped=errors)
    if not articles:
        rep.seconds = time.perf_counter() - t0
        return rep
    resolver = resolver if resolver is not None else Resolver()
    extractor = EventExtractor(resolver)
    show = _progress_printer(len(articles)) if progress else None
    raw: list[Event] = []
    places: set[str] = set()
    unresolved: dict[str, None] = {}
    for i, art in enumerate(articles, start=1):
        mentions = resolver.find(art.text)
        for m in mentions:
            if m.place is not None:
                places.add(m.place.id)
                rep.mentions += 1
            elif m.qualifier != "route":
                unresolved.setdefault(m.surface, None)
        raw.extend(extractor.extract(art, mentions))
        if show:
            show(i, art.path)
    events = merge_events(raw)
    out = Path(outdir)
    out.mkdir(parents=True, exist_ok=True)
    write_geojson(events, out / "events.geojson")
    write_gpkg(events, out / "events.gpkg")
    write_csv(events, out / "events.csv")
    write_map(events, out / "map.html", title=title)
    rep.events = len(events)
    rep.places = len(places)
    rep.unresolved = list(unresolved)
    rep.written = [out / f for f in OUTPUT_FILES]
    rep.event_list = events
    rep.seconds = time.perf_counter() - t0
    return rep
