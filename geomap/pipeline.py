"""The main job: articles in, map and data files out (``geomap build``)."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from typing import TYPE_CHECKING

from ._lazy import lazy_getattr
from .errors import GeomapError, InputError, InputWarning, OutputError
from .fsutil import OutputSet, display_path
from .readers import load_articles
from .resolve import Resolver

if TYPE_CHECKING:  # the event, export and map modules are imported when first needed
    from .events import Event, EventExtractor

#: the writers, imported on first use (module attributes: tests replace them)
__getattr__ = lazy_getattr(__package__, {"write_csv": "export", "write_geojson": "export",
                                         "write_gpkg": "export", "write_map": "render"},
                           globals(), __name__)

__all__ = ["BuildReport", "build", "OUTPUT_FILES", "Pipeline"]

OUTPUT_FILES = ("events.geojson", "events.gpkg", "events.csv", "map.html")


class Pipeline:
    """The whole chain, for the Python API.

    ``Pipeline(gazetteer=..., lexicons=...)``; then ``pipeline(text_or_article,
    date=..., outlet=...)`` gives a :class:`~geomap.doc.Doc` with its mentions,
    dates, actors and events (merged within the article), and
    ``pipeline.build(paths, out)`` runs ``geomap build``.

    Parameters
    ----------
    gazetteer : Gazetteer or str or Path, optional
        A loaded gazetteer or a places CSV (default: the bundled gazetteer).
    lexicons : Lexicon or str or Path, optional
        A loaded lexicon or a folder of lexicon files (default: the bundled ones).
    off : iterable of str
        Names of rules and features to switch off (:mod:`geomap.switches`; used by
        ``geomap eval --ablate``).
    """

    def __init__(self, gazetteer=None, lexicons=None, off=(), *, resolver: Resolver | None = None):
        from .gazetteer import Gazetteer, load_gazetteer  # noqa: PLC0415
        from .lexicon import Lexicon, load_lexicon  # noqa: PLC0415
        self.gazetteer_path = None
        self.off = frozenset(off)
        if resolver is not None:        # around an existing resolver (its gazetteer and lexicon)
            self.gazetteer, self.lexicon = resolver.gazetteer, resolver.lexicon
            self.resolver = resolver if resolver.off == self.off else resolver.with_off(self.off)
            return
        if gazetteer is None:
            gazetteer = load_gazetteer()
        elif not isinstance(gazetteer, Gazetteer):
            self.gazetteer_path = str(gazetteer)
            gazetteer = load_gazetteer(gazetteer)
        if lexicons is None or not isinstance(lexicons, Lexicon):
            lexicons = load_lexicon(lexicons)
        self.gazetteer = gazetteer
        self.lexicon = lexicons
        self.resolver = Resolver(gazetteer, lexicons, self.off)

    @property
    def extractor(self) -> EventExtractor:
        """The event extractor, made on first use (``geomap places`` needs none)."""
        ex = self.__dict__.get("_extractor")
        if ex is None:
            from .events import EventExtractor  # noqa: PLC0415
            ex = self._extractor = EventExtractor(self.resolver, self.off)
        return ex

    def with_off(self, off) -> Pipeline:
        """The same pipeline with the rules and features in *off* switched off."""
        p = Pipeline(off=off, resolver=self.resolver)
        p.gazetteer_path = self.gazetteer_path
        return p

    def __call__(self, text, *, date=None, outlet: str = "", name: str = "text"):
        """Read one text (or :class:`~geomap.readers.Article`): a Doc with mentions, dates,
        actors and events (reports within the article merged)."""
        from .doc import Doc  # noqa: PLC0415
        from .events import merge_events  # noqa: PLC0415
        from .readers import Article  # noqa: PLC0415
        from .resolve import text_chunks  # noqa: PLC0415
        from .settings import CHUNK_CHARS  # noqa: PLC0415
        art = text if isinstance(text, Article) else \
            Article(name, text, date=date, date_precision="day" if date else "", outlet=outlet,
                    source=name)
        if len(art.text) <= CHUNK_CHARS:
            doc = Doc(art)
            doc.mentions = self.resolver.resolve(doc)
            doc.events = merge_events(self.extractor.read(doc), self.off)
            return doc
        # a very long text is read in chunks; the Doc of the whole collects their findings
        whole = Doc.__new__(Doc)
        whole.article, whole.mentions, whole.dates, whole.actors, whole.events = art, [], [], [], []
        raw = []
        for a, b in text_chunks(art.text, CHUNK_CHARS):
            from dataclasses import replace as _replace  # noqa: PLC0415
            part = Doc(_replace(art, text=art.text[a:b]))
            part.mentions = self.resolver.resolve(part)
            raw.extend(self.extractor.read(part))
            whole.mentions.extend(_replace(m, start=m.start + a, end=m.end + a) for m in part.mentions)
        whole.events = merge_events(raw, self.off)
        return whole

    def read(self, art):
        """(events not yet merged, place ids, resolved mentions, unresolved names) of one
        article: what :func:`build` collects from each."""
        from .doc import Doc  # noqa: PLC0415
        from .resolve import text_chunks  # noqa: PLC0415
        from .settings import CHUNK_CHARS  # noqa: PLC0415
        from dataclasses import replace as _replace  # noqa: PLC0415
        spans = [(0, len(art.text))] if len(art.text) <= CHUNK_CHARS else \
            text_chunks(art.text, CHUNK_CHARS)
        events, mentions = [], []
        for a, b in spans:
            doc = Doc(art if (a, b) == (0, len(art.text)) else _replace(art, text=art.text[a:b]))
            doc.mentions = self.resolver.resolve(doc)
            events.extend(self.extractor.read(doc))
            mentions.extend(doc.mentions)
        places = sorted({m.place.id for m in mentions if m.place is not None})
        n = sum(1 for m in mentions if m.place is not None)
        unresolved = [m.surface for m in mentions if m.place is None and m.qualifier.kind != "route"]
        return events, places, n, unresolved

    def build(self, inputs, outdir, **kwargs) -> "BuildReport":
        """``geomap build``: see :func:`build` for the options."""
        return build(inputs, outdir, pipeline=self, **kwargs)


@dataclass
class BuildReport:
    """What a build read and wrote."""

    articles: int = 0
    events: int = 0
    places: int = 0                  #: distinct gazetteer places mentioned
    mentions: int = 0                #: resolved place mentions
    unresolved: list[str] = field(default_factory=list)   #: distinct unresolved names
    skipped: list[InputError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)   #: e.g. legacy encodings decoded
    written: list[Path] = field(default_factory=list)
    seconds: float = 0.0
    event_list: list[Event] = field(default_factory=list, repr=False)

    def summary(self) -> str:
        """A short human summary (the last lines ``geomap build`` prints)."""
        lines = [f"read {self.articles} articles ({len(self.skipped)} inputs skipped), "
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


# --- per-process worker state (``--workers N``) ----------------------------------
_WORKER: dict = {}


def _init_worker(gazetteer_path: str | None, lexicon_dir: str | None = None) -> None:
    _WORKER["pipeline"] = Pipeline(gazetteer_path, lexicon_dir)


def _worker_read(art):
    return _WORKER["pipeline"].read(art)


def _dask_read(art, gazetteer_path: str | None = None, lexicon_dir: str | None = None):
    """Dask task: the worker process keeps one pipeline, built on first use."""
    if "pipeline" not in _WORKER:
        _init_worker(gazetteer_path, lexicon_dir)
    return _worker_read(art)


def _read_with_dask(articles, address: str, workers: int, gazetteer_path: str | None,
                    lexicon_dir: str | None = None):
    """Read articles on a dask cluster: ``address`` of a scheduler, or ``local``
    for a local cluster of *workers* processes.  Results come back in input order."""
    try:
        import dask.bag as db  # noqa: PLC0415
        from dask.distributed import Client, LocalCluster  # noqa: PLC0415
    except ImportError as exc:  # pragma: no cover - depends on the installation
        raise GeomapError("--dask needs dask: pip install 'geomap[dask]'") from exc
    cluster = None
    if address in ("", "local"):
        cluster = LocalCluster(n_workers=max(1, workers), threads_per_worker=1, processes=True,
                               dashboard_address=None)
        client = Client(cluster)
    else:
        client = Client(address)
    try:
        parts = max(1, min(len(articles), 4 * max(1, workers)))
        bag = db.from_sequence(articles, npartitions=parts)
        return bag.map(_dask_read, gazetteer_path, lexicon_dir).compute()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _read_all(articles, pipeline, workers: int, gazetteer_path: str | None, dask: str | None):
    """(events, place ids, resolved mentions, unresolved names) per article, in input
    order: on a dask cluster, in *workers* processes, or in this process."""
    lexicon_dir = pipeline.lexicon.folder if pipeline is not None else None
    if dask is not None:
        yield from _read_with_dask(articles, dask, workers, gazetteer_path, lexicon_dir)
    elif workers > 1 and len(articles) > 1:
        from concurrent.futures import ProcessPoolExecutor  # noqa: PLC0415
        chunk = max(1, min(64, len(articles) // (workers * 8)))
        with ProcessPoolExecutor(max_workers=workers, initializer=_init_worker,
                                 initargs=(gazetteer_path, lexicon_dir)) as pool:
            yield from pool.map(_worker_read, articles, chunksize=chunk)
    else:
        if pipeline is None:
            pipeline = Pipeline(gazetteer_path)
        for art in articles:
            yield pipeline.read(art)


def build(inputs: Iterable[str | Path], outdir: str | Path, *, resolver: Resolver | None = None,
          progress: bool = True, title: str = "geomap", workers: int = 1,
          gazetteer_path: str | None = None, dask: str | None = None,
          pipeline: Pipeline | None = None) -> BuildReport:
    """Read articles, extract events, write GeoJSON, GeoPackage, CSV and the HTML map.

    Parameters
    ----------
    inputs : iterable of str or Path
        Article files and folders (folders are read for ``*.txt``).
    outdir : str or Path
        Output folder (created).  The four files are replaced together: they
        are written into a staging folder beside it, which is then swapped in
        (see :class:`~geomap.fsutil.OutputSet`).
    resolver : Resolver, optional
        For ``workers=1`` (a pipeline is made around it); worker processes build their
        own from *gazetteer_path*.
    pipeline : Pipeline, optional
        The pipeline to read with (``workers=1``); worker processes build their own
        from *gazetteer_path* and the pipeline's lexicon folder.
    progress : bool
        Show progress on standard error.
    workers : int
        Processes reading articles in parallel (1: in this process).  The
        outputs are byte-identical whatever the number.
    gazetteer_path : str, optional
        Places CSV to use instead of the bundled gazetteer.
    dask : str, optional
        Read the articles on a dask cluster: a scheduler address
        (``tcp://host:8786``) or ``local`` (a local cluster of *workers*
        processes).  Outputs are the same as without dask.

    Returns
    -------
    BuildReport
        Bad inputs are listed in ``skipped``; nothing is written when no
        article could be read.

    Raises
    ------
    OutputError
        When the output folder cannot be written (checked before reading), or
        writing fails (a full disk...); the previous outputs are then kept.
    """
    from .events import merge_events  # noqa: PLC0415
    writers = sys.modules[__name__]     # write_geojson... looked up when used (see __getattr__)
    t0 = time.perf_counter()
    # the output folder is checked (and a staging folder made beside it) before any
    # article is read: a build of thousands of articles must not fail at the end
    outputs = OutputSet(outdir, OUTPUT_FILES, on_wait=_say if progress else None)
    try:
        articles, errors = load_articles(inputs)
        rep = BuildReport(articles=len(articles),
                          skipped=[e for e in errors if not isinstance(e, InputWarning)],
                          warnings=[str(e) for e in errors if isinstance(e, InputWarning)]
                          + [f"{display_path(a.path)}: {w}" for a in articles for w in a.warnings])
        if not articles:
            outputs.abort()
            rep.seconds = time.perf_counter() - t0
            return rep
        show = _progress_printer(len(articles)) if progress else None
        if pipeline is None and resolver is not None:
            pipeline = Pipeline(resolver=resolver, off=resolver.off)
        results = _read_all(articles, pipeline, workers, gazetteer_path, dask)
        raw: list[Event] = []
        places: set[str] = set()
        unresolved: dict[str, None] = {}
        for i, (evs, pids, n, unres) in enumerate(results, start=1):
            raw.extend(evs)
            places.update(pids)
            rep.mentions += n
            unresolved.update(dict.fromkeys(unres))
            if show:
                show(i, articles[i - 1].name)
        events = merge_events(raw, pipeline.off if pipeline is not None else frozenset())
        del raw
        writers.write_geojson(events, outputs.path("events.geojson"))
        writers.write_gpkg(events, outputs.path("events.gpkg"))
        writers.write_csv(events, outputs.path("events.csv"))
        writers.write_map(events, outputs.path("map.html"), title=title)
        rep.written = outputs.commit()
    except OSError as exc:
        outputs.abort()
        if isinstance(exc, OutputError):
            raise
        name = display_path(exc.filename) if exc.filename else display_path(outdir)
        raise OutputError(f"{name}: cannot write outputs: {exc.strerror or exc}; "
                          "the previous outputs are kept") from None
    except BaseException:
        outputs.abort()
        raise
    rep.events = len(events)
    rep.places = len(places)
    rep.unresolved = list(unresolved)
    rep.event_list = events
    rep.seconds = time.perf_counter() - t0
    return rep


def _say(msg: str) -> None:
    print(f"geomap: {msg}", file=sys.stderr, flush=True)
