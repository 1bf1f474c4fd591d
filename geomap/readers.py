"""Read article files and their metadata.

An input is a text file (UTF-8, with or without BOM; Windows-1256 Arabic is
detected and decoded with a warning).  A folder is read recursively for
``*.txt`` files in sorted order.  A ``metadata.csv`` beside the articles gives
each file's publication date and outlet (columns ``file, date,
date_precision, outlet, evidence``); it is optional.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError

__all__ = ["Article", "read_article", "iter_article_paths", "read_metadata", "load_articles",
           "METADATA_FILE"]

METADATA_FILE = "metadata.csv"
_TEXT_SUFFIXES = (".txt",)


@dataclass(frozen=True, slots=True)
class Article:
    """One article read from disk.

    Attributes
    ----------
    path : str
        The file path as given (or found under a given folder).
    text : str
        Decoded text (BOM removed, line ends kept).
    encoding : str
        ``utf-8`` or the legacy encoding it was decoded from.
    date : datetime.date or None
        Publication date, when the metadata gives one.
    date_precision : str
        ``day`` (known), ``approx`` (inferred within a day or two) or ``""``.
    outlet : str
        Publishing outlet, or "".
    warnings : tuple of str
        Things the reader noticed (legacy encoding...).
    """

    path: str
    text: str
    encoding: str = "utf-8"
    date: dt.date | None = None
    date_precision: str = ""
    outlet: str = ""
    warnings: tuple[str, ...] = ()


def _arabic_share(text: str) -> float:
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return 0.0
    return sum("\u0600" <= c <= "\u06FF" for c in letters) / len(letters)


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
        Unreadable, empty, binary, or not decodable as UTF-8 or Windows-1256
        Arabic; the message names the file and, for bad UTF-8, the line.
    """
    p = Path(path)
    try:
        data = p.read_bytes()
    except IsADirectoryError:
        raise InputError(p, "is a folder, not a file") from None
    except OSError as exc:
        raise InputError(p, f"cannot read: {exc.strerror or exc}") from None
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if not data.strip():
        raise InputError(p, "empty file")
    if b"\x00" in data[:8192]:
        raise InputError(p, "binary file (NUL bytes), not text")
    warnings: list[str] = []
    try:
        text = data.decode("utf-8")
        enc = "utf-8"
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        try:
            text = data.decode("cp1256")
        except UnicodeDecodeError:
            raise InputError(p, f"line {line}: not valid UTF-8 (byte offset {exc.start})") from None
        if _arabic_share(text) < 0.5:
            raise InputError(p, f"line {line}: not valid UTF-8 (byte offset {exc.start})") from None
        enc = "cp1256"
        warnings.append("decoded as Windows-1256 Arabic (not UTF-8)")
    text = text.replace("\r\n", "\n")
    return Article(str(path), text, enc, warnings=tuple(warnings))


def iter_article_paths(inputs: Iterable[str | Path]) -> Iterator[Path]:
    """Expand files and folders into article paths (folders: ``*.txt``, sorted).

    Raises
    ------
    InputError
        For an input that does not exist.
    """
    for item in inputs:
        p = Path(item)
        if p.is_dir():
            yield from sorted(f for f in p.rglob("*")
                              if f.is_file() and f.suffix.lower() in _TEXT_SUFFIXES)
        elif p.exists():
            yield p
        else:
            raise InputError(p, "no such file or folder")


def read_metadata(path: str | Path) -> tuple[dict[str, dict[str, str]], list[InputError]]:
    """Read a ``metadata.csv``: file name -> row, plus one error per bad row.

    A row with a malformed date or too many fields is skipped (its error names
    the line); the other rows are kept.

    Raises
    ------
    InputError
        When the file cannot be read or has no ``file`` column.
    """
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(p, f"cannot read metadata: {exc}") from None
    reader = csv.DictReader(io.StringIO(text, newline=""))
    if not reader.fieldnames or "file" not in reader.fieldnames:
        raise InputError(p, "line 1: metadata needs a 'file' column")
    out: dict[str, dict[str, str]] = {}
    errors: list[InputError] = []
    for row in reader:
        if None in row:
            errors.append(InputError(p, f"line {reader.line_num}: too many fields; row ignored"))
            continue
        d = (row.get("date") or "").strip()
        if d:
            try:
                dt.date.fromisoformat(d)
            except ValueError:
                errors.append(InputError(p, f"line {reader.line_num}: date {d!r} is not YYYY-MM-DD; "
                                            "row ignored"))
                continue
        out[(row.get("file") or "").strip()] = {k: (v or "").strip() for k, v in row.items()}
    return out, errors


def load_articles(inputs: Iterable[str | Path]) -> tuple[list[Article], list[InputError]]:
    """Read every article under *inputs*, with metadata where present.

    Bad files do not stop the others: each failure is returned as an
    :class:`InputError` and the good articles are returned in full.

    Returns
    -------
    articles : list of Article
    errors : list of InputError
    """
    articles: list[Article] = []
    errors: list[InputError] = []
    meta_cache: dict[Path, dict[str, dict[str, str]]] = {}
    paths: list[Path] = []
    for item in inputs:
        try:
            paths.extend(iter_article_paths([item]))
        except InputError as exc:
            errors.append(exc)
    for p in paths:
        if p.name == METADATA_FILE:
            continue
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
        row = meta_cache[folder].get(p.name)
        if row:
            date = dt.date.fromisoformat(row["date"]) if row.get("date") else None
            art = Article(art.path, art.text, art.encoding, date,
                          row.get("date_precision", "") if date else "",
                          row.get("outlet", ""), art.warnings)
        articles.append(art)
    return articles, errors
