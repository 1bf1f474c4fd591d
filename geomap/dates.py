"""Resolve Arabic date expressions against an article's publication date.

Handles أمس / اليوم / الليلة الماضية / أمس الأول / الليلة قبل الماضية, weekday names
("الاثنين", "اليوم الثلاثاء", "اعتباراً من الخميس"), "قبل 10 أيام", day + month
("25 أيار", "27 فبراير", "14 أيار الجاري") with Levantine and standard month
names, and month-level expressions ("تشرين الثاني من العام الماضي").

Precision follows ACLED's ``time_precision``: 1 = the day is known, 2 = within
about a week, 3 = a month or worse (or no article date at all: geomap never
invents a date).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from functools import lru_cache

from .arabic import NormalizedText, normalize
from .lexicon import Lexicon, load_lexicon
from .settings import FUTURE_DATE_DAYS

__all__ = ["DateMention", "find_dates"]

_WEEKDAY_LEADS = r"(?:(اعتبارا من|ابتداء من|بدءا من|اليوم|يوم)\s+)?"
_P = r"(?:^|(?<=[\s«\"(،,]))[وفب]?"  # word start, optional clitic
_RELATIVE_RX = [
    (r"الليله قبل الماضيه", -2, 1),
    (r"امس الاول", -2, 1),
    (r"اول امس", -2, 1),
    (r"الليله الماضيه", -1, 1),
    (r"(?:ل|ال)?امس(?![\w])", -1, 1),
    (r"اليوم(?![\w])", 0, 1),
]
_AGO = re.compile(r"قبل\s+(\d{1,3})\s+(ايام|يوما|يوم|اسابيع|اسبوعا|اشهر|شهرا|شهور)")
_NUMWORD_AGO = re.compile(r"قبل\s+(يومين|اسبوع|اسبوعين|شهر|شهرين)(?![\w])")


class _Patterns:
    """The date patterns of one lexicon (month and weekday names from ``calendar.tsv``)."""

    def __init__(self, lex: Lexicon):
        self.months = lex.months
        self.weekdays = lex.weekdays
        month_alt = "|".join(sorted((re.escape(m) for m in lex.months), key=len, reverse=True))
        wd_alt = "|".join(lex.weekdays)
        self.day_month = re.compile(_P + r"(\d{1,2})\s+(" + month_alt + r")(?:\s+(\d{4}))?(?![\w])")
        self.month_only = re.compile(_P + r"(?:شهر\s+)?(" + month_alt + r")(?:\s+(?:من\s+)?"
                                     r"(العام الماضي|الماضي|العام الجاري|الجاري|المقبل|\d{4}))?(?![\w])")
        self.weekday = re.compile(_WEEKDAY_LEADS + _P + r"(" + wd_alt +
                                  r")(?:\s+(المقبل|القادم|الماضي))?(?![\w])")
        self.relative = [(re.compile(_P + rx), d, p) for rx, d, p in _RELATIVE_RX]


@lru_cache(maxsize=8)
def _patterns(lex: Lexicon) -> _Patterns:
    return _Patterns(lex)


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date expression found in text.

    Attributes
    ----------
    start, end : int
        Offsets in the original text.
    text : str
        The expression as written.
    date : datetime.date or None
        The resolved day (first day of the month for month-level dates);
        None when the article date is unknown.
    precision : int
        ACLED time precision: 1 day, 2 week, 3 month or worse.
    relative : bool
        True when the date is counted from the publication date (أمس,
        الاثنين...), False for a calendar date ("25 أيار").
    """

    start: int
    end: int
    text: str
    date: dt.date | None
    precision: int
    relative: bool = True


def _year_for(month: int, day: int, pub: dt.date, hint: str | None) -> int:
    if hint and hint.isdigit():
        return int(hint)
    if hint in ("العام الماضي", "الماضي") and day == 0:
        return pub.year - 1
    if hint in ("المقبل",):
        return pub.year + (1 if month < pub.month else 0)
    # a date "in" an article without a year is in the past or a few weeks ahead
    candidate = _safe_date(pub.year, month, max(day, 1)) or dt.date(pub.year, month, 1)
    if (candidate - pub).days > FUTURE_DATE_DAYS:
        return pub.year - 1
    return pub.year


def _safe_date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _shift(pub: dt.date | None, days: int) -> dt.date | None:
    """*pub* moved by *days*; None past the calendar's ends (year 1 or 9999)."""
    if pub is None:
        return None
    try:
        return pub + dt.timedelta(days=days)
    except OverflowError:
        return None


def find_dates(text: str | NormalizedText, pub: dt.date | None,
               lexicon: Lexicon | None = None) -> list[DateMention]:
    """Find and resolve the date expressions of *text*.

    Parameters
    ----------
    text : str or NormalizedText
        Article or sentence text (or the text already normalised).
    pub : datetime.date or None
        Publication date; when None every expression gets ``date=None`` and
        precision 3 (geomap does not invent dates).

    Returns
    -------
    list of DateMention
        In text order, without overlaps (longer expressions win).
    """
    nt = text if isinstance(text, NormalizedText) else normalize(text)
    text = nt.original
    pat = _patterns(lexicon if lexicon is not None else load_lexicon())
    MONTHS, WEEKDAYS = pat.months, pat.weekdays
    s = nt.text
    found: list[tuple[int, int, dt.date | None, int, bool]] = []

    def add(a: int, b: int, date: dt.date | None, prec: int, relative: bool = True) -> None:
        if pub is not None and date is None:
            return      # off the calendar (a publication date near year 1 or 9999)
        found.append((a, b, date if pub else None, prec if pub else 3, relative))

    for m in pat.day_month.finditer(s):
        day, month = int(m.group(1)), MONTHS[m.group(2)]
        if pub is None:
            add(m.start(1), m.end(), None, 3)
            continue
        y = _year_for(month, day, pub, m.group(3))
        d = _safe_date(y, month, day) if 1 <= y <= 9999 else None
        if d is not None:
            add(m.start(1), m.end(), d, 1, False)
    for m in pat.month_only.finditer(s):
        month = MONTHS[m.group(1)]
        if pub is None:
            add(m.start(1), m.end(), None, 3)
            continue
        hint = m.group(2)
        y = _year_for(month, 0, pub, hint)
        add(m.start(1), m.end(), _safe_date(y, month, 1) if 1 <= y <= 9999 else None, 3, False)
    for m in pat.weekday.finditer(s):
        lead, wd_name, tail = m.group(1), m.group(2), m.group(3)
        if pub is None:
            add(m.start(), m.end(), None, 3)
            continue
        wd = WEEKDAYS[wd_name]
        back = (pub.weekday() - wd) % 7
        if lead in ("اعتبارا من", "ابتداء من", "بدءا من") or tail in ("المقبل", "القادم"):
            ahead = (wd - pub.weekday()) % 7 or 7
            d = _shift(pub, ahead)
        elif lead == "اليوم":
            d = _shift(pub, -back)
        else:
            d = _shift(pub, -(back or (7 if tail == "الماضي" else 0)))
        add(m.start(), m.end(), d, 1)
    for rx, delta, prec in pat.relative:
        for m in rx.finditer(s):
            add(m.start(), m.end(), _shift(pub, delta), prec)
    for m in _AGO.finditer(s):
        n, unit = int(m.group(1)), m.group(2)
        if unit.startswith(("ايام", "يوم")):
            delta, prec = n, 1
        elif unit.startswith("اسبوع") or unit.startswith("اسابيع"):
            delta, prec = 7 * n, 2
        else:
            delta, prec = 30 * n, 3
        add(m.start(), m.end(), _shift(pub, -delta), prec)
    for m in _NUMWORD_AGO.finditer(s):
        delta, prec = {"يومين": (2, 1), "اسبوع": (7, 2), "اسبوعين": (14, 2), "شهر": (30, 3),
                       "شهرين": (60, 3)}[m.group(1)]
        add(m.start(), m.end(), _shift(pub, -delta), prec)

    found.sort(key=lambda t: (-(t[1] - t[0]), t[0]))
    kept: list[tuple[int, int, dt.date | None, int, bool]] = []
    for f in found:
        if any(f[0] < k[1] and k[0] < f[1] for k in kept):
            continue
        kept.append(f)
    kept.sort()
    out = []
    for a, b, d, p, rel in kept:
        oa, ob = nt.span(a, b)
        out.append(DateMention(oa, ob, text[oa:ob], d, p, rel))
    return out
