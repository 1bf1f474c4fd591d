"""Read article files and their metadata.

An input is one of:

* a text file ``*.txt`` (UTF-8, with or without BOM; UTF-16 with a BOM;
  Windows-1256 Arabic is detected and decoded with a warning);
* a feed, ``*.jsonl`` (JSON Lines) or ``*.csv`` (other than ``metadata.csv`` and
  ``corrections.csv``), one article per record: ``text`` (required) and any of
  ``id, title, url, published, outlet, lang`` (:data:`FEED_FIELDS`); other keys
  are ignored.  A bad record is reported with its line and skipped; the others
  are read.  Each record is named ``FILE#ID`` (its ``id``) or ``FILE#L<line>``;
* a saved web page ``*.html`` / ``*.htm``: trafilatura extracts the main text,
  the title, the publication date, the site name and the canonical URL; link
  lists and "read also" teasers are dropped (:func:`read_html`).

A folder is read recursively for these files in sorted order.  A
``metadata.csv`` beside the articles gives each file's publication date and
outlet (columns ``file, date, date_precision, outlet``, optional ``title, url,
evidence``); it is optional, and for a feed record or a web page it fills only
what the record or page does not give.

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
import json
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from .errors import InputError, InputWarning
from .fsutil import display_path

__all__ = ["Article", "read_article", "iter_article_paths", "read_metadata", "load_articles",
           "METADATA_FILE", "CORRECTIONS_FILE", "FEED_FIELDS", "decode_text", "read_feed",
           "read_html", "parse_published"]

METADATA_FILE = "metadata.csv"
#: The corrections of a folder (:mod:`geomap.corrections`): never read as a feed.
CORRECTIONS_FILE = "corrections.csv"
_FEED_SUFFIXES = (".jsonl", ".csv")
_HTML_SUFFIXES = (".html", ".htm")
_TEXT_SUFFIXES = (".txt", *_FEED_SUFFIXES, *_HTML_SUFFIXES)
#: The fields of a feed record that geomap reads (``text`` is required).
FEED_FIELDS = ("text", "id", "title", "url", "published", "outlet", "lang")
#: A saved web page larger than this is refused (trafilatura needs ~2 s per MB).
MAX_HTML_BYTES = 8 * 1024 * 1024
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
    lang: str = ""
    #: the record's id (or ``L<line>``) inside a feed file, "" for a file of its own
    record: str = ""

    @property
    def name(self) -> str:
        """The name outputs use for this article (:attr:`source`, else the file name)."""
        return self.source or display_path(Path(self.path).name)

    @property
    def where(self) -> str:
        """The article in messages: its path, and ``#record`` for a feed record."""
        return display_path(self.path) + (f"#{self.record}" if self.record else "")


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


# ----- feeds and web pages --------------------------------------------------------------------

def parse_published(value: str) -> dt.date:
    """The publication day of a feed's ``published`` value: an ISO date
    (``2024-03-05``), an ISO datetime (``2024-03-05T09:30:00+03:00``, ``…Z``) or an
    RFC 2822 date as in RSS (``Tue, 05 Mar 2024 09:30:00 +0300``).  A datetime gives
    its own calendar day (in the offset it is written in).

    >>> parse_published("Tue, 05 Mar 2024 23:30:00 +0300")
    datetime.date(2024, 3, 5)

    Raises
    ------
    ValueError
        Not one of these forms, or a year outside :data:`DATE_YEARS`.
    """
    v = value.strip()
    day = None
    try:
        day = dt.date.fromisoformat(v) if len(v) == 10 else dt.datetime.fromisoformat(v).date()
    except ValueError:
        import email.utils  # noqa: PLC0415 (only RFC 2822 dates need it)
        try:
            day = email.utils.parsedate_to_datetime(v).date()
        except (TypeError, ValueError, IndexError):
            pass
    if day is None:
        raise ValueError(f"published {v[:60]!r} is not an ISO date or datetime, nor an RFC 2822 date")
    if not DATE_YEARS[0] <= day.year <= DATE_YEARS[1]:
        raise ValueError(f"published {v[:60]!r} is not a plausible publication date "
                         f"({DATE_YEARS[0]}–{DATE_YEARS[1]})")
    return day


_URL_RX = re.compile(r"https?://[^\s]+\Z", re.IGNORECASE)


def _web_url(url: str) -> tuple[str, str]:
    """(url, problem): only http(s) addresses are kept (no ``javascript:`` or ``data:``
    link reaches a map or a spreadsheet)."""
    url = _clean_field(url)
    if not url or _URL_RX.match(url):
        return url, ""
    return "", f"url {url[:60]!r} is not an http(s) address; ignored"


def _record_article(rec: dict, where: str, line: int, base: Article) -> tuple[Article, list[str]]:
    """The article of one feed record (a dict of its keys); raises ValueError with the
    reason when the record is unusable."""
    warnings: list[str] = []
    text = rec.get("text")
    if text is None:
        raise ValueError("no 'text'")
    if not isinstance(text, str):
        raise ValueError(f"'text' is not a string ({type(text).__name__})")
    if not text.strip():
        raise ValueError("empty 'text'")
    fields: dict[str, str] = {}
    for k in FEED_FIELDS[1:]:
        v = rec.get(k)
        if v is None or v == "":
            continue
        if k == "id" and isinstance(v, (int, float)) and not isinstance(v, bool):
            v = str(v)
        if not isinstance(v, str):
            raise ValueError(f"{k!r} is not a string ({type(v).__name__})")
        if len(v) > MAX_METADATA_FIELD:
            raise ValueError(f"{k!r} is longer than {MAX_METADATA_FIELD} characters")
        fields[k] = _clean_field(v)
    m = _CONTROL_RX.search(text)
    if m:
        n = len(_CONTROL_RX.findall(text))
        warnings.append(f"line {line}: {n} control character{'s' * (n != 1)} removed from the text")
        text = _CONTROL_RX.sub("", text)
    date = parse_published(fields["published"]) if fields.get("published") else None
    url, problem = _web_url(fields.get("url", ""))
    if problem:
        warnings.append(f"line {line}: {problem}")
    art = replace(base, text=text, date=date, date_precision="day" if date else "",
                  outlet=fields.get("outlet", ""), title=fields.get("title", ""), url=url,
                  lang=fields.get("lang", ""), record=fields.get("id") or f"L{line}",
                  warnings=tuple(warnings))
    return art, warnings


def _jsonl_records(data: bytes, where: str, errors: list[InputError]):
    """(line, dict) of each JSON Lines record; bad lines are reported and skipped."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    for i, raw in enumerate(data.split(b"\n"), start=1):
        if not raw.strip():
            continue
        try:
            obj = json.loads(raw.decode("utf-8"))
        except UnicodeDecodeError as exc:
            errors.append(InputError(where, f"line {i}: not valid UTF-8 (byte {exc.start}); "
                                            "record skipped"))
            continue
        except (ValueError, RecursionError) as exc:
            errors.append(InputError(where, f"line {i}: not JSON ({str(exc)[:80]}); record skipped"))
            continue
        if not isinstance(obj, dict):
            errors.append(InputError(where, f"line {i}: a JSON {type(obj).__name__}, not an "
                                            "object; record skipped"))
            continue
        yield i, obj


def csv_records(text: str, where: str, required: str, missing: str, errors: list[InputError],
                noun: str = "record"):
    """(first line, dict) of each row of a CSV *text* with a header row (names stripped and
    lower-cased) that has the column *required* (else InputError: line 1 and *missing*).
    Blank rows are passed over; a row with more cells than the header, and unreadable
    CSV, are reported in *errors* (file and line) and skipped."""
    old_limit = csv.field_size_limit()
    csv.field_size_limit(max(old_limit, 256 * 1024 * 1024))
    try:
        reader = csv.reader(io.StringIO(text, newline=""))
        try:
            header = [h.strip().lower() for h in next(reader)]
        except StopIteration:
            raise InputError(where, "empty file") from None
        except csv.Error as exc:
            raise InputError(where, f"line 1: not a CSV header ({exc})") from None
        if required not in header:
            raise InputError(where, f"line 1: {missing}")
        while True:
            start = reader.line_num + 1
            try:
                row = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:
                errors.append(InputError(where, f"line {start}: unreadable CSV ({exc}); the rest "
                                                "of the file is ignored"))
                break
            if not any(c.strip() for c in row):
                continue
            if len(row) > len(header):
                errors.append(InputError(where, f"line {start}: {len(row)} fields for "
                                                f"{len(header)} columns; {noun} skipped"))
                continue
            yield start, dict(zip(header, row))
    finally:
        csv.field_size_limit(old_limit)


def _csv_records(data: bytes, where: str, errors: list[InputError]):
    """(line, dict) of each CSV feed record; bad rows are reported and skipped."""
    text = data.decode("utf-8-sig", "surrogateescape").replace("\x00", "")
    for start, row in csv_records(text, where, "text", "a CSV feed needs a 'text' column (and "
                                  f"optionally {', '.join(FEED_FIELDS[1:])}); file skipped", errors):
        if any(_SURROGATE_RX.search(c) for c in row.values()):
            errors.append(InputError(where, f"line {start}: not valid UTF-8; record skipped"))
            continue
        yield start, row


def read_feed(path: str | Path, source: str | None = None
              ) -> tuple[list[Article], list[InputError]]:
    """Read a JSON Lines (``.jsonl``) or CSV feed: one article per record.

    Each record needs ``text``; ``id``, ``title``, ``url`` (http or https),
    ``published`` (see :func:`parse_published`), ``outlet`` and ``lang`` are read
    when present, other keys ignored.  An article is named ``SOURCE#ID``, or
    ``SOURCE#L<line>`` without an id (*source*: the file's name in outputs).

    Returns
    -------
    articles : list of Article
    errors : list of InputError
        One per bad record (file and line named; the record is skipped), and
        warnings (:class:`InputWarning`) for what was read anyway.

    Raises
    ------
    InputError
        When the file cannot be read at all (or a CSV has no ``text`` column).
    """
    p = Path(path)
    where = display_path(p)
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(where, f"cannot read: {exc.strerror or exc}") from None
    if not data.strip():
        raise InputError(where, "empty feed")
    errors: list[InputError] = []
    records = _jsonl_records(data, where, errors) if p.suffix.lower() == ".jsonl" \
        else _csv_records(data, where, errors)
    base = Article(str(path), "", "utf-8", source=source or display_path(p.name))
    out: list[Article] = []
    seen: dict[str, int] = {}
    for line, rec in records:
        try:
            art, warnings = _record_article(rec, where, line, base)
        except ValueError as exc:
            errors.append(InputError(where, f"line {line}: {exc}; record skipped"))
            continue
        if art.record in seen:
            errors.append(InputError(where, f"line {line}: id {art.record!r} is used again (first "
                                            f"on line {seen[art.record]}); record skipped"))
            continue
        seen[art.record] = line
        errors.extend(InputWarning(where, w) for w in warnings)
        out.append(replace(art, source=f"{base.source}#{art.record}", warnings=()))
    if not out and not errors:
        raise InputError(where, "no record in the feed")
    return out, errors


#: Leaf blocks of trafilatura's output tree, and the share of their text that may be
#: link text: a block that is mostly links is a "read also" teaser or a menu.
_HTML_BLOCKS = frozenset({"p", "head", "item", "quote", "cell", "code"})
_MAX_LINK_SHARE = 0.5


def _html_text(body) -> str:
    """The text of trafilatura's body tree without link-dominated blocks."""
    lines = []
    for el in body.iter():
        if el.tag not in _HTML_BLOCKS or any(d.tag in _HTML_BLOCKS for d in el.iterdescendants()):
            continue
        text = "".join(el.itertext()).strip()
        if not text:
            continue
        linked = sum(len("".join(r.itertext()).strip()) for r in el.iter("ref"))
        if linked > _MAX_LINK_SHARE * len(text):
            continue
        lines.append(" ".join(text.split()))
    return "\n".join(lines)


def read_html(path: str | Path, source: str | None = None) -> Article:
    """Read a saved web page with trafilatura: the main text (menus, footers, share
    buttons, comment sections and blocks that are mostly links removed), the title,
    the publication date from the page's metadata (``article:published_time``,
    JSON-LD…), the site name as outlet and the canonical http(s) URL.

    Scripts, styles and event handlers never reach the text: trafilatura keeps
    only text nodes of content elements.

    Raises
    ------
    InputError
        Unreadable, larger than :data:`MAX_HTML_BYTES`, or no article text found.
    """
    import logging  # noqa: PLC0415

    p = Path(path)
    where = display_path(p)
    try:
        size = p.stat().st_size
        if size > MAX_HTML_BYTES:
            raise InputError(where, f"web page of {size:,} bytes, more than the "
                                    f"{MAX_HTML_BYTES // (1024 * 1024)} MB geomap reads; skipped")
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(where, f"cannot read: {exc.strerror or exc}") from None
    if not data.strip():
        raise InputError(where, "empty file")
    import trafilatura  # noqa: PLC0415
    quiet = [logging.getLogger(n) for n in ("trafilatura", "htmldate", "courlan", "justext")]
    levels = [lg.level for lg in quiet]
    for lg in quiet:
        lg.setLevel(logging.CRITICAL)
    try:
        doc = trafilatura.bare_extraction(data, with_metadata=True, include_links=True,
                                          include_comments=False, include_tables=True,
                                          favor_precision=True, deduplicate=False,
                                          date_extraction_params={"extensive_search": False,
                                                                  "original_date": True})
    except Exception as exc:  # noqa: BLE001 - a page the library cannot parse is a bad input
        raise InputError(where, f"cannot read the web page ({type(exc).__name__})") from None
    finally:
        for lg, lv in zip(quiet, levels):
            lg.setLevel(lv)
    text = _html_text(doc.body) if doc is not None and doc.body is not None else ""
    text = _CONTROL_RX.sub("", text)
    if not text.strip():
        raise InputError(where, "no article text found in the web page")
    date = None
    if doc.date:
        try:
            date = parse_published(doc.date)
        except ValueError:
            date = None
    url, _problem = _web_url(doc.url or "")
    return Article(str(path), text, "html", date=date, date_precision="day" if date else "",
                   outlet=_clean_field(doc.sitename or doc.hostname or "")[:MAX_METADATA_FIELD],
                   source=source or display_path(p.name),
                   title=_clean_field(doc.title or "")[:MAX_METADATA_FIELD], url=url)


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


def read_utf8(path: str | Path, what: str) -> str:
    """The text of a small UTF-8 CSV file (*what*: "metadata", "corrections"), its
    byte-order mark and NULs removed.

    Raises
    ------
    InputError
        Unreadable, or not UTF-8 (the line is named).
    """
    where = display_path(path)
    try:
        data = Path(path).read_bytes()
        text = data.decode("utf-8-sig")
    except OSError as exc:
        raise InputError(where, f"cannot read {what}: {exc.strerror or exc}") from None
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        raise InputError(where, f"line {line}: {what} is not valid UTF-8") from None
    return text.replace("\x00", "")


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
    where = display_path(path)
    text = read_utf8(path, "metadata")
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
    pairs = [(p, r) for p, r in pairs if p.name not in (METADATA_FILE, CORRECTIONS_FILE)]
    sources = _sources(pairs, multi_root=len(items) > 1)
    for (p, _root), source in zip(pairs, sources):
        suffix = p.suffix.lower()
        if suffix in _FEED_SUFFIXES:
            try:
                got, errs = read_feed(p, source)
            except InputError as exc:
                errors.append(exc)
                continue
            articles.extend(got)
            errors.extend(errs)
            continue
        try:
            art = read_html(p, source) if suffix in _HTML_SUFFIXES else read_article(p)
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
            # metadata.csv is the analyst's word: it overrides what a web page says of itself
            date = dt.date.fromisoformat(row["date"]) if row.get("date") else None
            url, problem = _web_url(row.get("url", ""))
            if problem:
                errors.append(InputWarning(display_path(folder / METADATA_FILE),
                                           f"{p.name}: {problem}"))
            art = replace(art, date=date or art.date,
                          date_precision=(row.get("date_precision", "") if date
                                          else art.date_precision),
                          outlet=row.get("outlet", "") or art.outlet,
                          title=row.get("title", "") or art.title, url=url or art.url)
        articles.append(art)
    return articles, errors
