"""Read article files and their metadata.

An input is a text file (UTF-8, with or without BOM; UTF-16 with a BOM;
Windows-1256 Arabic is detected and decoded with a warning).  A folder is read
recursively for ``*.txt`` files in sorted order.  A ``metadata.csv`` beside
the articles gives each file's publication date and outlet (columns ``file,
date, date_precision, outlet``, optional ``title, url, evidence``); it is
optional.

Every input is untrusted: a bad file is reported (:class:`InputError`,
naming the file and, where it helps, the line) and skipped, never fatal for
the others.  Text offsets reported by geomap are character offsets into the
decoded text: the byte-order mark is removed and nothing else (CRLF line ends
are kept), except that control characters other than tab and line ends are
removed, with a warning naming the line.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from .errors import InputError, InputWarning
from .fsutil import display_path

__all__ = ["Article", "read_article", "iter_article_paths", "read_metadata", "load_articles",
           "METADATA_FILE", "decode_text"]

METADATA_FILE = "metadata.csv"
_TEXT_SUFFIXES = (".txt",)
#: Metadata fields longer than this are refused (the row is ignored).
MAX_METADATA_FIELD = 4096
#: Publication dates outside these years are refused as implausible.
DATE_YEARS = (1900, 2100)


@dataclass(frozen=True, slots=True)
class Article:
    """One article.

    Attributes
    ----------
    path : str
        The file path as given (or found under a given folder).
    text : str
        Decoded text (BOM and control characters removed, line ends kept).
    encoding : str
        ``utf-8`` or the encoding it was decoded from.
    date : datetime.date or None
        Publication date, when the metadata gives one.
    date_precision : str
        ``day`` (known), ``approx`` (inferred within a day or two) or ``""``.
    outlet : str
        Publishing outlet, or "".
    warnings : tuple of str
        Things the reader noticed (legacy encoding, replaced bytes...).
    source : str
        How outputs name the article: its path relative to the input folder
        (printable even when the file name is not valid UTF-8).
    title, url : str
        Headline and address, when the metadata or feed gives them.
    """

    path: str
    text: str
    encoding: str = "utf-8"
    date: dt.date | None = None
    date_precision: str = ""
    outlet: str = ""
    warnings: tuple[str, ...] = ()
    source: str = ""
    title: str = ""
    url: str = ""

    @property
    def name(self) -> str:
        """The name outputs use for this article (:attr:`source`, else the file name)."""
        return self.source or display_path(Path(self.path).name)


# ----- decoding ------------------------------------------------------------------------------

#: C0 control characters other than tab, LF and CR, plus DEL: removed from article text
#: (a NUL would cut a GeoPackage string, others confuse spreadsheets and terminals).
_CONTROL_RX = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SURROGATE_RX = re.compile(r"[\udc80-\udcff]")


def _arabic_share(text: str) -> float:
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return 0.0
    return sum("\u0600" <= c <= "\u06FF" for c in letters) / len(letters)


def _line_of(text: str, pos: int) -> int:
    return text.count("\n", 0, pos) + 1


def decode_text(data: bytes, where: str | Path) -> tuple[str, str, list[str]]:
    """Decode the bytes of an article: (text, encoding, warnings).

    * UTF-8 (a BOM is removed); UTF-16 with a BOM;
    * UTF-8 with a few bad bytes (under a tenth of its non-ASCII bytes): the bad
      bytes become U+FFFD and a warning names the first line;
    * Windows-1256 when the whole file decodes as mostly Arabic text;
    * control characters other than tab and line ends are removed (warning
      with the first line).

    Raises
    ------
    InputError
        Empty, binary, or in no encoding geomap reads (file and line named).
    """
    warnings: list[str] = []
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(where, f"not valid UTF-16 (byte offset {exc.start})") from None
        enc = "utf-16"
        warnings.append("decoded as UTF-16 (byte-order mark)")
    else:
        if data.startswith(b"\xef\xbb\xbf"):
            data = data[3:]
        if not data.strip():
            raise InputError(where, "empty file")
        nul = data.count(b"\x00")
        if b"\x00" in data[:8192] or nul > len(data) // 100:
            raise InputError(where, "binary file (NUL bytes), not text")
        try:
            text = data.decode("utf-8")
            enc = "utf-8"
        except UnicodeDecodeError as exc:
            line = data[:exc.start].count(b"\n") + 1
            loose = data.decode("utf-8", "surrogateescape")
            bad = len(_SURROGATE_RX.findall(loose))
            non_ascii = sum(1 for b in data if b >= 0x80)
            if bad * 10 <= non_ascii:
                text = _SURROGATE_RX.sub("\ufffd", loose)
                enc = "utf-8"
                warnings.append(f"line {line}: {bad} byte{'s' * (bad != 1)} of invalid UTF-8 "
                                "replaced by U+FFFD")
            else:
                try:
                    text = data.decode("cp1256")
                except UnicodeDecodeError:
                    raise InputError(where, f"line {line}: not valid UTF-8 "
                                            f"(byte offset {exc.start})") from None
                if _arabic_share(text) < 0.5:
                    raise InputError(where, f"line {line}: not valid UTF-8 "
                                            f"(byte offset {exc.start})") from None
                enc = "cp1256"
                warnings.append("decoded as Windows-1256 Arabic (not UTF-8)")
    if not text.strip():
        raise InputError(where, "empty file")
    m = _CONTROL_RX.search(text)
    if m:
        n = len(_CONTROL_RX.findall(text))
        warnings.append(f"line {_line_of(text, m.start())}: {n} control character"
                        f"{'s' * (n != 1)} removed")
        text = _CONTROL_RX.sub("", text)
    return text, enc, warnings


def read_article(path: str | Path) -> Article:
    """Read one article file.

    Parameters
    ----------
    path : str or Path

    Returns
    -------
    Article
        Without metadata (see :func:`load_articles`).

    Raises
    ------
    InputError
        Unreadable, empty, binary, or not decodable; the message names the file
        (escaped when its name is not valid UTF-8) and, for bad UTF-8, the line.
    """
    p = Path(path)
    where = display_path(p)
    try:
        data = p.read_bytes()
    except IsADirectoryError:
        raise InputError(where, "is a folder, not a file") from None
    except OSError as exc:
        raise InputError(where, f"cannot read: {exc.strerror or exc}") from None
    text, enc, warnings = decode_text(data, where)
    return Article(str(path), text, enc, warnings=tuple(warnings), source=display_path(p.name))


def _walk(root: Path, errors: list[InputError]) -> list[Path]:
    """Files under *root*, sorted; folders that cannot be read are reported."""
    found: list[Path] = []

    def onerror(exc: OSError) -> None:
        errors.append(InputError(display_path(exc.filename or root),
                                 f"cannot read folder: {exc.strerror or exc}"))

    for dirpath, dirnames, filenames in os.walk(root, onerror=onerror):
        dirnames.sort()
        base = Path(dirpath)
        for f in filenames:
            if Path(f).suffix.lower() in _TEXT_SUFFIXES:
                found.append(base / f)
    return sorted(found)


def iter_article_paths(inputs: Iterable[str | Path]) -> Iterator[Path]:
    """Expand files and folders into article paths (folders: ``*.txt``, sorted).

    Raises
    ------
    InputError
        For an input that does not exist, or a folder that cannot be read.
    """
    for item in inputs:
        p = Path(item)
        if p.is_dir():
            errors: list[InputError] = []
            yield from _walk(p, errors)
            if errors:
                raise errors[0]
        elif p.exists():
            yield p
        else:
            raise InputError(display_path(p), "no such file or folder")


def _clean_field(v: str | None) -> str:
    return _CONTROL_RX.sub("", (v or "").strip())


def read_metadata(path: str | Path) -> tuple[dict[str, dict[str, str]], list[InputError]]:
    """Read a ``metadata.csv``: file name -> row, plus one error per bad row.

    A row with a malformed or implausible date, too many fields or a field
    over :data:`MAX_METADATA_FIELD` characters is skipped (its error names the
    line); the other rows are kept.  A file named twice: the later row wins and
    a warning names both lines.

    Raises
    ------
    InputError
        When the file cannot be read or has no ``file`` column.
    """
    p = Path(path)
    where = display_path(p)
    try:
        data = p.read_bytes()
        text = data.decode("utf-8-sig")
    except OSError as exc:
        raise InputError(where, f"cannot read metadata: {exc.strerror or exc}") from None
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        raise InputError(where, f"line {line}: metadata is not valid UTF-8") from None
    text = text.replace("\x00", "")
    old_limit = csv.field_size_limit()
    csv.field_size_limit(max(old_limit, 64 * 1024 * 1024))
    try:
        reader = csv.DictReader(io.StringIO(text, newline=""))
        try:
            fields = reader.fieldnames
        except csv.Error as exc:
            raise InputError(where, f"line 1: not a CSV header: {exc}") from None
        if not fields or "file" not in fields:
            raise InputError(where, "line 1: metadata needs a 'file' column")
        out: dict[str, dict[str, str]] = {}
        lines: dict[str, int] = {}
        errors: list[InputError] = []
        while True:
            try:
                row = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:
                errors.append(InputError(where, f"line {reader.line_num}: unreadable CSV ({exc}); "
                                                "the rest of the file is ignored"))
                break
            ln = reader.line_num
            if None in row:
                errors.append(InputError(where, f"line {ln}: too many fields; row ignored"))
                continue
            long = next((k for k, v in row.items() if v is not None and len(v) > MAX_METADATA_FIELD),
                        None)
            if long is not None:
                errors.append(InputError(where, f"line {ln}: field {long!r} is longer than "
                                                f"{MAX_METADATA_FIELD} characters; row ignored"))
                continue
            d = (row.get("date") or "").strip()
            if d:
                try:
                    day = dt.date.fromisoformat(d)
                except ValueError:
                    errors.append(InputError(where, f"line {ln}: date {d!r} is not YYYY-MM-DD; "
                                                    "row ignored"))
                    continue
                if not DATE_YEARS[0] <= day.year <= DATE_YEARS[1]:
                    errors.append(InputError(where, f"line {ln}: date {d} is not a plausible "
                                                    f"publication date ({DATE_YEARS[0]}–"
                                                    f"{DATE_YEARS[1]}); row ignored"))
                    continue
            name = (row.get("file") or "").strip()
            if name in lines:
                errors.append(InputWarning(where, f"line {ln}: {name!r} is listed again (first on "
                                                f"line {lines[name]}); line {ln} is used"))
            lines[name] = ln
            out[name] = {k: _clean_field(v) for k, v in row.items()}
        return out, errors
    finally:
        csv.field_size_limit(old_limit)


def _sources(pairs: list[tuple[Path, Path | None]], multi_root: bool) -> list[str]:
    """Names of the articles in outputs: the path relative to its input folder
    (prefixed by that folder's name when several inputs are given); a name that
    would still be ambiguous is the path as given."""
    names = []
    for p, root in pairs:
        if root is None:
            rel = p.name
        else:
            rel = p.relative_to(root).as_posix()
            if multi_root:
                rel = f"{root.name or root.resolve().name}/{rel}"
        names.append(display_path(rel))
    seen: dict[str, int] = {}
    for n in names:
        seen[n] = seen.get(n, 0) + 1
    return [display_path(p.as_posix()) if seen[n] > 1 else n for n, (p, _) in zip(names, pairs)]


def load_articles(inputs: Iterable[str | Path]) -> tuple[list[Article], list[InputError]]:
    """Read every article under *inputs*, with metadata where present.

    Bad files do not stop the others: each failure is returned as an
    :class:`InputError` and the good articles are returned in full.  Warnings
    about a file that was read (legacy encoding, replaced bytes) are in the
    article's ``warnings``.

    Returns
    -------
    articles : list of Article
    errors : list of InputError
    """
    articles: list[Article] = []
    errors: list[InputError] = []
    meta_cache: dict[Path, dict[str, dict[str, str]]] = {}
    pairs: list[tuple[Path, Path | None]] = []
    items = list(inputs)
    for item in items:
        p = Path(item)
        if p.is_dir():
            pairs.extend((f, p) for f in _walk(p, errors))
        elif p.exists():
            pairs.append((p, None))
        else:
            errors.append(InputError(display_path(p), "no such file or folder"))
    pairs = [(p, r) for p, r in pairs if p.name != METADATA_FILE]
    sources = _sources(pairs, multi_root=len(items) > 1)
    for (p, _root), source in zip(pairs, sources):
        try:
            art = read_article(p)
        except InputError as exc:
            errors.append(exc)
            continue
        folder = p.parent
        if folder not in meta_cache:
            mf = folder / METADATA_FILE
            meta_cache[folder] = {}
            if mf.is_file():
                try:
                    meta_cache[folder], row_errors = read_metadata(mf)
                    errors.extend(row_errors)
                except InputError as exc:
                    errors.append(exc)
        art = replace(art, source=source)
        row = meta_cache[folder].get(p.name)
        if row:
            date = dt.date.fromisoformat(row["date"]) if row.get("date") else None
            art = replace(art, date=date,
                          date_precision=row.get("date_precision", "") if date else "",
                          outlet=row.get("outlet", ""), title=row.get("title", ""),
                          url=row.get("url", ""))
        articles.append(art)
    return articles, errors
