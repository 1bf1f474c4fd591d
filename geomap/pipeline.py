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

__all__ = ["BuildReport", "build", "collect", "OUTPUT_FILES", "Pipeline"]

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
            self._resolver = resolver if resolver.off == self.off else resolver.with_off(self.off)
            self._extractor = None
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
        # the resolver (its name index takes seconds) and the extractor are made on first
        # use: a build whose articles all come from the cache never needs them
        self._resolver: Resolver | None = None
        self._extractor: EventExtractor | None = None

    @property
    def resolver(self) -> Resolver:
        """The place resolver (made on first use)."""
        if self._resolver is None:
            self._resolver = Resolver(self.gazetteer, self.lexicon, self.off)
        return self._resolver

    @property
    def extractor(self) -> EventExtractor:
        """The event extractor (made on first use)."""
        if self._extractor is None:
            from .events import EventExtractor  # noqa: PLC0415
            self._extractor = EventExtractor(self.resolver, self.off)
        return self._extractor

    def with_off(self, off) -> Pipeline:
        """The same pipeline with the rules and features in *off* switched off."""
        if self._resolver is None:     # keep it lazy
            p = Pipeline(self.gazetteer, self.lexicon, off)
        else:
            p = Pipeline(off=off, resolver=self._resolver)
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

    def read(self, art, fixes=()):
        """(events not yet merged, place ids, resolved mentions, unresolved names, where of
        each correction that applied) of one article: what :func:`build` collects from each
        (see :meth:`read_full`)."""
        return self.summarise(*self.read_full(art, fixes))

    @staticmethod
    def summarise(events, mentions, matched):
        """:meth:`read`'s tuple from :meth:`read_full`'s."""
        places = sorted({m.place.id for m in mentions if m.place is not None})
        n = sum(1 for m in mentions if m.place is not None)
        unresolved = [m.surface for m in mentions if m.place is None and m.qualifier.kind != "route"]
        return events, places, n, unresolved, matched

    def read_full(self, art, fixes=()):
        """(events not yet merged, resolved mentions, where of each correction that
        applied) of one article.

        *fixes* are the article's mention corrections (:meth:`Corrections.for_article
        <geomap.corrections.Corrections.for_article>`): pinned places and names that are
        not places, applied before events are read; the events they change say so in
        their notes.
        """
        from .corrections import apply_to_mentions  # noqa: PLC0415
        from .doc import Doc  # noqa: PLC0415
        from .resolve import text_chunks  # noqa: PLC0415
        from .settings import CHUNK_CHARS  # noqa: PLC0415
        from dataclasses import replace as _replace  # noqa: PLC0415
        spans = [(0, len(art.text))] if len(art.text) <= CHUNK_CHARS else \
            text_chunks(art.text, CHUNK_CHARS)
        events, mentions, matched = [], [], set()
        for a, b in spans:
            doc = Doc(art if (a, b) == (0, len(art.text)) else _replace(art, text=art.text[a:b]))
            doc.mentions = self.resolver.resolve(doc)
            done = []
            if fixes:
                doc.mentions, done = apply_to_mentions(doc.text, doc.mentions, fixes, a)
            evs = self.extractor.read(doc)
            for fx, changed in done:
                matched.add(fx.where)
                surfaces = {doc.text[x:y] for x, y in changed}
                note = (f"{fx.mention if fx.span is None else '/'.join(sorted(surfaces))} "
                        + ("marked not a place" if fx.action == "notplace"
                           else f"pinned to {fx.value}") + f" ({fx.tag})")
                for ev in evs:
                    if any(sf in q for sf in surfaces for q in ev.quotes) and note not in ev.notes:
                        ev.notes = [*ev.notes, note]     # (a list the extractor may share)
            events.extend(evs)
            mentions.extend(doc.mentions)
        return events, mentions, tuple(sorted(matched))

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
    corrections: object = None       #: the :class:`~geomap.corrections.Corrections` applied
    cached: int = 0                  #: articles whose results came from the cache

    def summary(self) -> str:
        """A short human summary (the last lines ``geomap build`` prints)."""
        lines = [f"read {self.articles} articles ({len(self.skipped)} inputs skipped), "
                 f"found {self.mentions} place mentions of {self.places} places "
                 f"and {len(self.unresolved)} unresolved names, {self.events} events "
                 f"in {self.seconds:.1f} s"]
        if self.unresolved:
            shown = "، ".join(self.unresolved[:12])
            lines.append(f"unresolved names: {shown}" + (" …" if len(self.unresolved) > 12 else ""))
        c = self.corrections
        if c is not None and (c.rows or c.errors):
            lines.append(c.summary() + (f" ({len(c.errors)} bad rows skipped)" if c.errors else ""))
            for r in c.unmatched:
                lines.append(f"{r.where}: {r.describe()}: matches nothing")
        if self.cached:
            lines.append(f"{self.cached} of {self.articles} articles read from the cache")
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


def _worker_read(job):
    art, fixes = job
    return _WORKER["pipeline"].read(art, fixes)


def _dask_read(job, gazetteer_path: str | None = None, lexicon_dir: str | None = None):
    """Dask task: the worker process keeps one pipeline, built on first use."""
    if "pipeline" not in _WORKER:
        _init_worker(gazetteer_path, lexicon_dir)
    return _worker_read(job)


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


#: Fewer articles than this per worker process are read in this process (starting a
#: worker, which loads its own gazetteer and name index, costs more than reading them).
MIN_PER_WORKER = 8


def _read_all(articles, pipeline, workers: int, gazetteer_path: str | None, dask: str | None):
    """:meth:`Pipeline.read` of each (article, corrections) job of *articles*, in input
    order: on a dask cluster, in *workers* processes, or in this process (see
    :data:`MIN_PER_WORKER`)."""
    lexicon_dir = pipeline.lexicon.folder if pipeline is not None else None
    _imports_done()             # no process is started while that thread imports
    if dask is not None:
        yield from _read_with_dask(articles, dask, workers, gazetteer_path, lexicon_dir)
    elif workers > 1 and len(articles) >= MIN_PER_WORKER * workers:
        from concurrent.futures import ProcessPoolExecutor  # noqa: PLC0415
        # small chunks for a small job: the workers then end together (one chunk apart)
        chunk = max(1, min(64, len(articles) // (workers * 32)))
        with ProcessPoolExecutor(max_workers=workers, initializer=_init_worker,
                                 initargs=(gazetteer_path, lexicon_dir)) as pool:
            results = pool.map(_worker_read, articles, chunksize=chunk)   # (workers started)
            _import_meanwhile(WRITER_MODULES)
            yield from results
    else:
        if pipeline is None:
            pipeline = Pipeline(gazetteer_path)
        for art, fixes in articles:
            yield pipeline.read(art, fixes)


#: What a build imports once the articles are read (the writers and their libraries: about
#: 0.8 s, most of it folium): while worker processes read, this process imports them
#: meanwhile (:func:`_import_meanwhile`) instead of after the reading.
WRITER_MODULES = ("geomap.export", "geomap.render", "pyarrow", "pyogrio")


def _import_meanwhile(names) -> None:
    """Import the modules *names* in a background thread.  Called once the worker processes
    exist: a process forked while a thread imports could inherit a module lock held for ever.
    A module that fails to import is left out (imported again, and the error raised, where it
    is used)."""
    import importlib  # noqa: PLC0415
    import threading  # noqa: PLC0415

    def run() -> None:
        for name in names:
            try:
                importlib.import_module(name)
            except Exception:  # noqa: BLE001, S110 - raised again where the module is used
                pass
    t = threading.Thread(target=run, name="geomap-imports", daemon=True)
    t.start()
    _IMPORTING.append(t)


#: the thread :func:`_import_meanwhile` started, while it may run
_IMPORTING: list = []


def _imports_done() -> None:
    """Wait for the imports of :func:`_import_meanwhile` to end."""
    while _IMPORTING:
        _IMPORTING.pop().join()


def _read_cached(jobs, cache, pipeline, workers, gazetteer_path, dask):
    """Like :func:`_read_all`, with the results of unchanged articles taken from *cache*
    (a :class:`~geomap.cache.ResultCache`) and the others stored in it."""
    if cache is None:
        yield from _read_all(jobs, pipeline, workers, gazetteer_path, dask)
        return
    keys = [cache.key(art, fixes) for art, fixes in jobs]
    got = cache.get_many(keys)
    todo = [i for i, k in enumerate(keys) if k not in got]
    fresh = iter(_read_all([jobs[i] for i in todo], pipeline, workers, gazetteer_path, dask))
    for k in keys:
        r = got.get(k)
        if r is None:
            r = next(fresh)
            cache.put(k, r)
        yield r


def merge_group(e) -> str | None:
    """The merge group of a report: :func:`~geomap.events.merge_events` merges a report
    only with reports of its group (same layer and place, or same layer and location
    when it has no place), so merging each group apart gives the same events.  None for a
    report whose merge key could equal one of another group (a "|" in its place id or
    location, which the key joins with "|")."""
    base = e.place.id if e.place is not None else e.location
    if "|" in base or (e.layer != "offensive" and "|" in e.location):
        return None
    return f"{e.layer}\t{base}"


def _rows_by_group(jobs, store, pipeline, workers, gazetteer_path, dask, rep, corr, show):
    """The output rows of a cached build, merge group by merge group (see
    :mod:`geomap.cache`): a group whose articles are all unchanged is taken from *store*;
    the others are merged from their articles' events (from the store, or read).  Fills
    *rep*'s counts; None when some report has no group or two rows would tie in the
    output order (the caller then merges every event)."""
    from .cache import Summary  # noqa: PLC0415
    from .events import merge_events  # noqa: PLC0415
    from .render import BIG_MAP  # noqa: PLC0415
    from .rows import event_rows, sort_rows  # noqa: PLC0415
    keys = [store.key(art, fixes) for art, fixes in jobs]
    summaries = store.summaries(keys)
    results: dict[str, tuple] = {}
    computed: set[str] = set()

    def need(indices) -> None:
        """Have the results of the articles of *indices* (from the store, or read)."""
        indices = [i for i in indices if keys[i] not in results]
        results.update(store.get_many(keys[i] for i in indices))
        todo = list({keys[i]: i for i in indices if keys[i] not in results}.values())
        for i, r in zip(todo, _read_all([jobs[i] for i in todo], pipeline, workers,
                                        gazetteer_path, dask)):
            store.put(keys[i], r)
            results[keys[i]] = r
            summaries[keys[i]] = Summary.of(r)
            computed.add(keys[i])

    need([i for i, k in enumerate(keys) if k not in summaries])
    members: dict[str, list[int]] = {}
    for i, k in enumerate(keys):
        if summaries[k].groups is None:
            return None
        for g in summaries[k].groups:
            members.setdefault(g, []).append(i)
    # the groups of the same articles are stored together (most belong to one article)
    units: dict[tuple[int, ...], list[str]] = {}
    for g, idx in members.items():
        units.setdefault(tuple(idx), []).append(g)
    ukeys = {u: store.rows_key(gs, [keys[i] for i in u]) for u, gs in units.items()}
    stored = store.rows(ukeys.values())
    rows: dict[tuple, list] = {u: stored[uk] for u, uk in ukeys.items() if uk in stored}
    merged: dict[tuple, list] = {}

    def merge(todo) -> None:
        """Merge the events of the groups of the units *todo* (their articles' reports, in
        build order)."""
        unit_of = {g: u for u in todo for g in units[u]}
        idx = sorted({i for u in todo for i in u})
        need(idx)
        raw = [e for i in idx for e in results[keys[i]][0] if merge_group(e) in unit_of]
        for u in todo:
            merged[u] = []
        for e in merge_events(raw, pipeline.off):
            merged[unit_of[merge_group(e)]].append(e)

    merge([u for u in units if u not in rows])
    big = sum(map(len, rows.values())) + sum(map(len, merged.values())) > BIG_MAP
    stale = [u for u, rs in rows.items() if rs and rs[0].big != big]    # the map's size changed
    for u in stale:
        del rows[u]
    merge(stale)
    for u, evs in merged.items():
        rows[u] = event_rows(evs, big)
        store.put_rows(ukeys[u], rows[u])
    store.keep_rows(ukeys.values())
    out = sort_rows([r for rs in rows.values() for r in rs])
    if any(a.sort_key == b.sort_key for a, b in zip(out, out[1:])):
        return None
    places: set[str] = set()
    unresolved: dict[str, None] = {}
    for i, k in enumerate(keys, start=1):
        s = summaries[k]
        places.update(s.places)
        rep.mentions += s.n
        unresolved.update(dict.fromkeys(s.unresolved))
        corr.matched.update(s.matched)
        if show:
            show(i, jobs[i - 1][0].name)
    rep.cached = sum(k not in computed for k in keys)
    rep.events = len(out)
    rep.places = len(places)
    rep.unresolved = list(unresolved)
    return out


def build(inputs: Iterable[str | Path], outdir: str | Path, *, resolver: Resolver | None = None,
          progress: bool = True, title: str = "geomap", workers: int = 1,
          gazetteer_path: str | None = None, dask: str | None = None,
          pipeline: Pipeline | None = None, corrections=None,
          cache: str | Path | None = None) -> BuildReport:
    """Read articles, extract events, write GeoJSON, GeoPackage, CSV and the HTML map.

    Parameters
    ----------
    inputs : iterable of str or Path
        Article files, feeds, web pages and folders (see :mod:`geomap.readers`).
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
    corrections : iterable of paths, optional
        Corrections files (:mod:`geomap.corrections`); default: the ``corrections.csv``
        beside the inputs.  Applied on every build and reported in
        ``BuildReport.corrections``.
    cache : str or Path, optional
        Folder of per-article results (:mod:`geomap.cache`): an article whose text,
        metadata and corrections, and whose gazetteer, lexicons and geomap code, are
        unchanged is not read again, and merge groups whose articles are all unchanged
        keep their output rows.  The outputs are byte-identical to a build without it;
        the report's ``event_list`` is then empty (use :func:`collect` for the events).

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
    from .events import Event, merge_events  # noqa: PLC0415
    writers = sys.modules[__name__]     # write_geojson... looked up when used (see __getattr__)
    t0 = time.perf_counter()
    # the output folder is checked (and a staging folder made beside it) before any
    # article is read: a build of thousands of articles must not fail at the end
    outputs = OutputSet(outdir, OUTPUT_FILES, on_wait=_say if progress else None)
    try:
        if pipeline is None and resolver is not None:
            pipeline = Pipeline(resolver=resolver, off=resolver.off)
        rep, rows = _collect(inputs, pipeline, progress=progress, workers=workers,
                             gazetteer_path=gazetteer_path, dask=dask, corrections=corrections,
                             cache=cache, want_rows=True)
        if not rep.articles:
            outputs.abort()
            rep.seconds = time.perf_counter() - t0
            return rep
        if rows is None:
            from .rows import event_rows  # noqa: PLC0415
            rows = event_rows(rep.event_list)      # each event serialised once, for four writers
        writers.write_geojson(rows, outputs.path("events.geojson"))
        writers.write_gpkg(rows, outputs.path("events.gpkg"))
        writers.write_csv(rows, outputs.path("events.csv"))
        writers.write_map(rows, outputs.path("map.html"), title=title)
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
    rep.seconds = time.perf_counter() - t0
    return rep


def collect(inputs: Iterable[str | Path], pipeline: Pipeline | None = None, *,
            progress: bool = False, workers: int = 1, gazetteer_path: str | None = None,
            dask: str | None = None, corrections=None, cache: str | Path | None = None,
            mentions: dict | None = None) -> BuildReport:
    """Read the articles of *inputs* and merge and correct their events: what
    :func:`build` writes (``BuildReport.event_list``), before anything is written.

    With a dict *mentions*, every article is read in this process and its resolved
    mentions are kept there by article name (for ``geomap review``); the cache is then
    not used.  The other parameters are :func:`build`'s.
    """
    return _collect(inputs, pipeline, progress=progress, workers=workers,
                    gazetteer_path=gazetteer_path, dask=dask, corrections=corrections,
                    cache=cache, mentions=mentions)[0]


def _collect(inputs, pipeline, *, progress=False, workers=1, gazetteer_path=None, dask=None,
             corrections=None, cache=None, mentions=None, want_rows=False):
    """:func:`collect`, and with *want_rows* and a cache, the output rows when the cache's
    merge groups could give them (:func:`_rows_by_group`; the report's ``event_list`` is
    then empty); else None."""
    from .corrections import Corrections, find_corrections  # noqa: PLC0415
    articles, errors = load_articles(inputs)
    rep = BuildReport(articles=len(articles),
                      skipped=[e for e in errors if not isinstance(e, InputWarning)],
                      warnings=[str(e) for e in errors if isinstance(e, InputWarning)]
                      + [f"{a.where}: {w}" for a in articles for w in a.warnings])
    if not articles:
        return rep, None
    show = _progress_printer(len(articles)) if progress else None
    paths = find_corrections(inputs) if corrections is None else list(corrections)
    if pipeline is None and (paths or cache is not None or mentions is not None):
        pipeline = Pipeline(gazetteer_path)
    corr = Corrections.load(paths, pipeline.gazetteer if pipeline is not None else None)
    rep.corrections = corr
    jobs = [(a, corr.for_article(a.name)) for a in articles]
    store = None
    if mentions is not None:
        def in_process():
            for art, fixes in jobs:
                evs, ments, matched = pipeline.read_full(art, fixes)
                mentions[art.name] = ments
                yield Pipeline.summarise(evs, ments, matched)
        results = in_process()
    else:
        if cache is not None:
            from .cache import ResultCache  # noqa: PLC0415
            try:
                store = ResultCache(cache, pipeline)
            except OSError as exc:
                rep.warnings.append(f"{display_path(cache)}: cannot use the cache "
                                    f"({exc.strerror or exc}); every article is read")
        if store is not None:
            try:
                # event corrections (drop, set, merge) act across groups: every event is merged
                if want_rows and not any(r.action in ("drop", "set", "merge") for r in corr.rows):
                    rows = _rows_by_group(jobs, store, pipeline, workers, gazetteer_path, dask,
                                          rep, corr, show)
                    if rows is not None:
                        return rep, rows
                before = store.hits
                results = _read_cached(jobs, store, pipeline, workers, gazetteer_path, dask)
                _merge_all(results, articles, rep, corr, pipeline, show)
                rep.cached = store.hits - before
                return rep, None
            finally:
                store.close()
                rep.warnings.extend(w for w in store.warnings if w not in rep.warnings)
        results = _read_cached(jobs, None, pipeline, workers, gazetteer_path, dask)
    return _merge_all(results, articles, rep, corr, pipeline, show), None


def _merge_all(results, articles, rep, corr, pipeline, show):
    """Merge and correct the events of every article's result (*results*, in build order)
    into *rep*."""
    from .events import merge_events  # noqa: PLC0415
    raw: list[Event] = []
    places: set[str] = set()
    unresolved: dict[str, None] = {}
    for i, (evs, pids, n, unres, matched) in enumerate(results, start=1):
        raw.extend(evs)
        places.update(pids)
        rep.mentions += n
        unresolved.update(dict.fromkeys(unres))
        corr.matched.update(matched)
        if show:
            show(i, articles[i - 1].name)
    events = merge_events(raw, pipeline.off if pipeline is not None else frozenset())
    del raw
    events = corr.apply_to_events(events, pipeline.lexicon if pipeline is not None else None)
    rep.events = len(events)
    rep.places = len(places)
    rep.unresolved = list(unresolved)
    rep.event_list = events
    return rep


def _say(msg: str) -> None:
    print(f"geomap: {msg}", file=sys.stderr, flush=True)
