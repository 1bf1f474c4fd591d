"""Resolve Arabic date expressions against an article's publication date.

Reads, on the article's normalised text:

* relative days: أمس، اليوم، الليلة الماضية، أمس الأول، فجر اليوم، قبل 3 أيام، قبل يومين;
* weekdays ("الاثنين"، "يوم الثلاثاء الماضي"، "اعتباراً من الخميس"), and nights that span two
  days ("ليل الأحد - الاثنين", "ليلة الأحد إلى الاثنين": dated to the second day);
* ordinal days ("في الثامن عشر من آذار 2018", "الخامس من الشهر الجاري");
* calendar dates with or without a year, Levantine and standard month names, paired
  ("18 شباط/فبراير") or listed days ("3 و5 أيار/مايو": one mention per day);
* months ("في تموز الماضي"، "أيلول من العام الماضي"، "مطلع الشهر الحالي"): the 15th (the 1st
  for "مطلع/بداية", the 25th for "أواخر/نهاية"), precision 3.  A month name is read only as a
  whole word in a date context: "باب توما" is not August;
* weeks and "a few days ago" ("الأسبوع الماضي"، "قبل أيام"): precision 2;
* years on their own ("في العام 2015"، "منذ 2013"): ``year_only`` mentions, which mark a
  sentence as background (an event dated only by a year is not coded).

Precision follows ACLED's ``time_precision``: 1 = the day is known, 2 = within about a
week, 3 = a month; no article date at all gives precision 3 and no date (geomap never
invents a date).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain

from .arabic import NormalizedText, normalize
from .rx import gated, windowed
from .lexicon import Lexicon, load_lexicon
from .settings import FUTURE_DATE_DAYS

__all__ = ["DateMention", "find_dates"]


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
        The resolved day (the representative day for month-level dates); None when
        the article date is unknown.
    precision : int
        ACLED time precision: 1 day, 2 week, 3 month (4: a year only).
    relative : bool
        True when the date is counted from the publication date (أمس, الاثنين...),
        False for a calendar date ("25 أيار").
    year_only : bool
        A bare year ("العام 2015"): background, not an event date.
    since : bool
        Introduced by "منذ" (the start of something still going on).
    night : bool
        A night that runs into the next day ("ليل الأحد - الاثنين"), dated to that day;
        :attr:`first_day` is the day it began.
    """

    start: int
    end: int
    text: str
    date: dt.date | None
    precision: int
    relative: bool = True
    year_only: bool = False
    since: bool = False
    night: bool = False

    @property
    def first_day(self) -> dt.date | None:
        """The day a two-day night began (the day before :attr:`date`); else :attr:`date`."""
        if self.night and self.date is not None and self.date > dt.date.min:
            return self.date - dt.timedelta(days=1)
        return self.date

    @property
    def ago(self) -> bool:
        """Counted back from the time of reporting: "قبل يومين", "قبل 3 أيام", "قبل أيام"."""
        return self.text.lstrip().startswith("قبل")


_W = r"(?<![\w])"
_CL = r"(?:[وفب]|في\s+)?"
_LEADS_START = ("مطلع", "بدايه", "اوائل", "اول")
_LEADS_END = ("اواخر", "نهايه", "اخر")
_LEAD = r"(?:(مطلع|بدايه|اوائل|اواخر|نهايه|منتصف|اخر|خلال|في|منذ|شهر)\s+)"
_RELATIVE_RX = [
    (r"الليله قبل الماضيه", -2, 1),
    (r"امس الاول", -2, 1),
    (r"اول امس", -2, 1),
    (r"اول من امس", -2, 1),
    (r"الليله الماضيه", -1, 1),
    (r"ليل امس", -1, 1),
    (r"(?:ل|ال)?امس(?![\w])", -1, 1),
    # "طوال اليوم", "طيلة اليوم": all day long; "في اليوم الواحد": a day's worth; not today
    (r"(?<!طوال )(?<!طيله )(?<!طول )اليوم(?![\w])(?!\s+الواحد)", 0, 1),
    (r"(?:خلال\s+)?اليومين الماضيين", -1, 2),
    (r"(?:خلال\s+)?الساعات الماضيه", 0, 1),
    (r"(?:خلال\s+)?الساعات الاخيره", 0, 1),
    (r"الاسبوع الماضي", -7, 2),
    (r"الاسبوع الفائت", -7, 2),
    (r"قبل ايام(?![\w])", -3, 2),
    (r"قبل بضعه ايام", -3, 2),
    (r"الايام الماضيه", -3, 2),
    (r"الايام الاخيره", -3, 2),
]


#: The patterns run only in windows around their required literals (:func:`geomap.rx.windowed`):
#: those whose literals are rare in news text (2-3x faster on the dev set).  The others need
#: literals found everywhere ("ال", "في") or begin with one, which ``re`` scans for itself.
_WINDOWED = frozenset({"weekday", "year_only", "same_month", "this_month", "ordinal_this"})


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


class _Patterns:
    """The date patterns of one lexicon (month and weekday names from ``calendar.tsv``)."""

    def __init__(self, lex: Lexicon):
        self.months = lex.months
        self.weekdays = lex.weekdays
        mon = "|".join(sorted((re.escape(m) for m in lex.months), key=len, reverse=True))
        mpair = r"(" + mon + r")(?:\s*/\s*(?:" + mon + r"))?"
        year = r"(?:\s*(?:من\s+)?(?:عام\s+|العام\s+|سنه\s+)?(\d{4}))"
        wd = "|".join(lex.weekdays)
        hints = (r"(?:\s+(?:من\s+)?(العام الماضي|العام الجاري|العام الحالي|الماضي|الجاري|الحالي|"
                 r"المقبل|القادم)(?![\w]))")
        self.days_month = re.compile(_W + _CL + r"(\d{1,2}(?:\s*(?:و|،|,|-|الى)\s*\d{1,2})*)\s+" +
                                     mpair + r"(?![^\W\d_])(?:" + year + r"|" + hints + r")?")
        ordn = "|".join(sorted((re.escape(o) for o in lex.ordinals), key=len, reverse=True))
        #: "في الثامن عشر من مارس/آذار 2018", "الخامس والعشرين من الشهر الجاري"
        self.ordinal_month = re.compile(_W + _CL + r"(?:يوم\s+)?(" + ordn + r")\s+من\s+(?:شهر\s+)?" +
                                        mpair + r"(?![^\W\d_])(?:" + year + r"|" + hints + r")?") \
            if ordn else None
        self.ordinal_this = re.compile(_W + _CL + r"(?:يوم\s+)?(" + ordn + r")\s+من\s+(?:ال)?شهر\s+"
                                       r"(الجاري|الحالي|الماضي|الفائت)(?![\w])") if ordn else None
        self.ordinals = lex.ordinals
        self.month_year = re.compile(_W + _LEAD + r"?" + _CL + mpair + r"(?:" + year + r"|\s+(?:من\s+)?"
                                     r"(العام الماضي|العام الجاري|العام الحالي|الماضي|الجاري|"
                                     r"الحالي|المقبل|القادم))(?![\w])")
        self.month_lead = re.compile(_W + _LEAD + mpair + r"(?![\w])")
        #: "وفي 4 من الشهر نفسه", "في السابع من الشهر ذاته": a day of the month the text last named
        self.same_month = re.compile(_W + _CL + r"(?:يوم\s+)?(\d{1,2}" + (r"|" + ordn if ordn else "") +
                                     r")\s+من\s+(?:(?:ال)?شهر\s+(?:نفسه|ذاته)|نفس الشهر|ذات الشهر)"
                                     r"(?![\w])")
        self.this_month = re.compile(_W + r"(?:(مطلع|بدايه|اوائل|اواخر|نهايه|منتصف)\s+)?(?:[وفب]|في\s+)?"
                                     r"(?:ال)?شهر\s+(الماضي|الحالي|الجاري|الفائت)(?![\w])")
        self.year_only = re.compile(_W + r"(?:(منذ)\s+(?:(?:عام|العام|سنه|السنه)\s+)?|"
                                    r"(?:[وفب]|في\s+)(?:(?:عام|العام|سنه|السنه)\s+)?|"
                                    r"(?:[وفب]?(?:عام|العام|سنه|السنه))\s+)"
                                    r"((?:19|20)\d\d)(?![\w\d])")
        #: "العام الماضي", "منذ السنة الماضية": last year, a year on its own (a month or a day
        #: before it makes a longer match: "في آذار العام الماضي")
        self.last_year = re.compile(_W + r"(?:(منذ)\s+|(?:[وفب]|في\s+|خلال\s+))?(?:ال)?(?:عام|سنه)\s+"
                                    r"(?:الماضي|الماضيه|الفائت|الفائته|المنصرم|المنصرمه)(?![\w])")
        self.weekday = re.compile(r"(?:(اعتبارا من|ابتداء من|بدءا من|اليوم|يوم|ليل|ليله|صباح|مساء|"
                                  r"فجر|ظهر|عصر)\s+)?" + _W + r"[وفب]?(" + wd +
                                  r")(?:\s+(المقبل|القادم|الماضي))?(?![^\W\d_])")
        self.night = re.compile(_W + r"[وفب]?ليل(?:ه|ة)?\s+(?:يوم\s+)?(" + wd + r")(?:\s*(?:-|–|/)\s*|\s+"
                                r"(?:(?:الى|علي|و)\s*)?(?:\S+\s+){0,3}?)(?:يوم\s+)?(" + wd + r")(?![\w])")
        self.relative = [(re.compile(_W + r"[وفب]?" + rx), d, p) for rx, d, p in _RELATIVE_RX]
        about = r"(?:(?:نحو|حوالي|قرابه|اكثر من)\s+)?"
        self.ago = re.compile(r"قبل\s+" + about + r"(\d{1,3})\s+(ايام|يوما|يوم|اسابيع|اسبوعا|اشهر|"
                              r"شهرا|شهور|سنوات|سنه|عاما|اعوام)")
        self.numword_ago = re.compile(r"قبل\s+" + about + r"(يومين|اسبوع|اسبوعين|شهر|شهرين|ثلاثه ايام|"
                                      r"اربعه ايام|خمسه ايام)(?![\w])")
        # each pattern runs only on texts that hold the literals its matches need, and those
        # whose literals are rare in news (weekday names, "شهر", "19"/"20") only around them
        for name, value in list(vars(self).items()):
            if isinstance(value, re.Pattern):
                setattr(self, name, windowed(value) if name in _WINDOWED else gated(value))
        self.relative = [(gated(rx), d, p) for rx, d, p in self.relative]


@lru_cache(maxsize=8)
def _patterns(lex: Lexicon) -> _Patterns:
    return _Patterns(lex)


def _year_for(month: int, day: int, pub: dt.date, hint: str | None) -> int:
    """The year of a month (and day) a report gives without one, or with a hint."""
    if hint and hint.isdigit():
        return int(hint)
    if hint in ("العام الماضي",):
        return pub.year - 1
    if hint in ("الماضي", "الفائت"):            # the last such month before this one
        return pub.year if month < pub.month else pub.year - 1
    if hint in ("العام الجاري", "العام الحالي", "الجاري", "الحالي"):
        return pub.year
    if hint in ("المقبل", "القادم"):
        return pub.year if month > pub.month else pub.year + 1
    # a date "in" an article without a year is in the past or a few weeks ahead
    candidate = _safe_date(pub.year, month, max(day, 1)) or dt.date(pub.year, month, 1)
    if (candidate - pub).days > FUTURE_DATE_DAYS:
        return pub.year - 1
    return pub.year


def _month_day(lead: str | None) -> int:
    if lead in _LEADS_START:
        return 1
    if lead in _LEADS_END:
        return 25
    return 15


_YEAR_HEADER = re.compile(r"(?m)^\s*(?:عام|العام|سنه)?\s*((?:19|20)\d\d)\s*:?\s*$")


def _timeline_years(s: str, found: list[tuple], pub: dt.date | None) -> list[tuple]:
    """In a timeline whose years are headers on lines of their own ("2013" then
    "3 و5 أيار/مايو: غارتان…"), a day and month without a year take the header's year."""
    headers = [(m.start(), int(m.group(1))) for m in _YEAR_HEADER.finditer(s)]
    if not headers or pub is None:
        return found
    out = []
    for f in found:
        a, b, d, p, rel, yo, since = f
        if d is not None and not rel and not yo and not re.search(r"(?:19|20)\d\d", s[a:b]):
            prior = [y for pos, y in headers if pos < a]
            if prior:
                d = _safe_date(prior[-1], d.month, d.day) or d
        out.append((a, b, d, p, rel, yo, since))
    return out


def _same_month(s: str, kept: list[tuple], pat) -> list[tuple]:
    """"وفي 4 من الشهر نفسه": the day of the month of the last calendar date before it
    (a timeline's "2 كانون الأول/ديسمبر: … وفي 4 من الشهر نفسه: …")."""
    added = []
    for m in pat.same_month.finditer(s):
        if any(m.start() < k[1] and k[0] < m.end() for k in kept):
            continue
        prior = [k for k in kept if k[1] <= m.start() and k[2] is not None and not k[5]
                 and k[3] <= 3]
        if not prior:
            continue
        ref = prior[-1][2]
        g = m.group(1)
        day = int(g) if g.isdigit() else pat.ordinals.get(g)
        d = _safe_date(ref.year, ref.month, day) if day else None
        if d is not None:
            added.append((m.start(), m.end(), d, 1, False, False, False))
    return sorted(kept + added) if added else kept


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
    s = nt.text
    found: list[tuple[int, int, dt.date | None, int, bool, bool, bool]] = []

    def add(a: int, b: int, date: dt.date | None, prec: int, relative: bool = True,
            year_only: bool = False, since: bool = False) -> None:
        if pub is not None and date is None and not year_only:
            return      # off the calendar (a publication date near year 1 or 9999)
        found.append((a, b, date if pub else None, prec if pub else 3, relative, year_only, since))

    for m in pat.days_month.finditer(s):
        month = pat.months[m.group(2)]
        days = [(d.start(), d.end(), int(d.group())) for d in re.finditer(r"\d{1,2}", m.group(1))]
        base = m.start(1)
        since = s[max(0, m.start() - 5):m.start()].strip().endswith("منذ")
        list_year = _year_for(month, days[-1][2], pub, m.group(3) or m.group(4)) if pub else 0
        for i, (da, db, day) in enumerate(days):
            a = base + da
            b = m.end() if i == len(days) - 1 else base + db
            if pub is None:
                add(a, b, None, 3, False)
                continue
            y = list_year           # the days of one list share a year
            d = _safe_date(y, month, day) if 1 <= y <= 9999 else None
            if d is not None:
                add(a, b, d, 1, False, since=since)
            else:           # "31 شباط": an impossible day keeps its month
                add(a, b, _safe_date(y, month, 15) if 1 <= y <= 9999 else None, 3, False)
    if pat.ordinal_month is not None:
        for m in pat.ordinal_month.finditer(s):
            day, month = pat.ordinals[m.group(1)], pat.months[m.group(2)]
            if pub is None:
                add(m.start(), m.end(), None, 3, False)
                continue
            y = _year_for(month, day, pub, m.group(3) or m.group(4))
            d = _safe_date(y, month, day) if 1 <= y <= 9999 else None
            add(m.start(), m.end(), d or (_safe_date(y, month, 15) if 1 <= y <= 9999 else None),
                1 if d else 3, False)
        for m in pat.ordinal_this.finditer(s):
            day = pat.ordinals[m.group(1)]
            if pub is None:
                add(m.start(), m.end(), None, 3)
                continue
            y, mo = pub.year, pub.month
            if m.group(2) in ("الماضي", "الفائت"):
                y, mo = (y, mo - 1) if mo > 1 else (y - 1, 12)
            d = _safe_date(y, mo, day)
            add(m.start(), m.end(), d or _safe_date(y, mo, 15), 1 if d else 3)
    for rx in (pat.month_year, pat.month_lead):
        for m in rx.finditer(s):
            lead, mon = m.group(1), m.group(2)
            hint = m.group(3) if rx is pat.month_year else None
            if rx is pat.month_year and hint is None:
                hint = m.group(4)
            month = pat.months[mon]
            if pub is None:
                add(m.start(), m.end(), None, 3, False)
                continue
            y = _year_for(month, 0, pub, hint)
            add(m.start(), m.end(), _safe_date(y, month, _month_day(lead)) if 1 <= y <= 9999
                else None, 3, False, since=lead == "منذ")
    for m in pat.this_month.finditer(s):
        lead, which = m.group(1), m.group(2)
        if pub is None:
            add(m.start(), m.end(), None, 3)
            continue
        y, mo = pub.year, pub.month
        if which in ("الماضي", "الفائت"):
            y, mo = (y, mo - 1) if mo > 1 else (y - 1, 12)
        add(m.start(), m.end(), _safe_date(y, mo, _month_day(lead)), 3)
    for m in chain(pat.year_only.finditer(s), pat.last_year.finditer(s)):
        add(m.start(), m.end(), None, 4, False, year_only=True, since=m.group(1) == "منذ")
    nights: set[tuple[int, int]] = set()
    for m in pat.night.finditer(s):
        if pat.weekdays[m.group(2)] != (pat.weekdays[m.group(1)] + 1) % 7:
            continue         # "ليل الأحد … الاثنين": only a night that runs into the next day
        if pub is None:
            add(m.start(), m.end(), None, 3)
            continue
        wd = pat.weekdays[m.group(2)]
        back = (pub.weekday() - wd) % 7
        add(m.start(), m.end(), _shift(pub, -back), 1)
        nights.add((m.start(), m.end()))
    for m in pat.weekday.finditer(s):
        lead, wd_name, tail = m.group(1), m.group(2), m.group(3)
        if pub is None:
            add(m.start(), m.end(), None, 3)
            continue
        wd = pat.weekdays[wd_name]
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
    for m in pat.ago.finditer(s):
        n, unit = int(m.group(1)), m.group(2)
        if unit.startswith(("ايام", "يوم")):
            delta, prec = n, 1
        elif unit.startswith(("اسبوع", "اسابيع")):
            delta, prec = 7 * n, 2
        elif unit.startswith(("اشهر", "شهر", "شهور")):
            delta, prec = 30 * n, 3
        else:
            add(m.start(), m.end(), None, 4, year_only=True)
            continue
        add(m.start(), m.end(), _shift(pub, -delta), prec)
    for m in pat.numword_ago.finditer(s):
        delta, prec = {"يومين": (2, 1), "اسبوع": (7, 2), "اسبوعين": (14, 2), "شهر": (30, 3),
                       "شهرين": (60, 3), "ثلاثه ايام": (3, 1), "اربعه ايام": (4, 1),
                       "خمسه ايام": (5, 1)}[m.group(1)]
        add(m.start(), m.end(), _shift(pub, -delta), prec)

    found.sort(key=lambda t: (-(t[1] - t[0]), t[0]))
    found = _timeline_years(s, found, pub)
    kept: list[tuple] = []
    for f in found:
        if any(f[0] < k[1] and k[0] < f[1] for k in kept):
            continue
        kept.append(f)
    kept.sort()
    if pub is not None:
        kept = _same_month(s, kept, pat)
    out = []
    for a, b, d, p, rel, yo, since in kept:
        # "منذ الثلاثاء", "منذ يوم الأحد": any date right after منذ starts a state of affairs
        since = since or s[max(0, a - 5):a].rstrip().endswith("منذ")
        oa, ob = nt.span(a, b)
        out.append(DateMention(oa, ob, text[oa:ob], d, p, rel, yo, since, (a, b) in nights))
    return out
