"""Recognise the armed actors of the Syrian war in Arabic text and normalise their names.

Names follow ACLED's style ("Military Forces of Syria (2000-)" is shortened to
"Military Forces of Syria").  The patterns are normalised Arabic (see
:mod:`geomap.arabic`); longer patterns win.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .arabic import normalize, normalize_name

__all__ = ["Actor", "ACTORS", "ALLIES", "find_actors", "allied"]

#: Sides that fight together; an event's actor2 is taken from outside actor1's side.
ALLIES = (
    frozenset({"SDF: Syrian Democratic Forces", "YPG: People's Protection Units",
               "International Coalition (US-led)"}),
    frozenset({"Military Forces of Syria", "Military Forces of Russia", "Hezbollah"}),
    frozenset({"Syrian opposition / rebel factions", "Jaysh Usud al-Sharqiya",
               "Quwwat Ahmad al-Abdo", "Military Forces of Turkey"}),
)


def allied(a: str, b: str) -> bool:
    """True when actors *a* and *b* are on the same side (or are the same)."""
    return a == b or any(a in g and b in g for g in ALLIES)

#: canonical name -> (role, patterns).  Role: state / nonstate / coalition / civilians.
ACTORS: dict[str, tuple[str, tuple[str, ...]]] = {
    "SDF: Syrian Democratic Forces": ("nonstate", (
        "قوات سوريا الديمقراطية", "قوات سورية الديمقراطية", "قوات سوريا الديموقراطية",
        "قوات سورية الديموقراطية", "سوريا الديمقراطية", "سورية الديمقراطية",
        "سوريا الديموقراطية", "سورية الديموقراطية", "قسد", "التحالف الكردي العربي")),
    "YPG: People's Protection Units": ("nonstate", (
        "وحدات حماية الشعب", "الوحدات الكردية", "القوات الكردية", "المقاتلين الاكراد",
        "المقاتلون الاكراد")),
    "Islamic State (ISIS)": ("nonstate", (
        "داعش", "تنظيم الدولة", "تنظيم الدولة الاسلامية", "الدولة الاسلامية", "داعشيه",
        "تنظيم داعش", "عناصر التنظيم", "مسلحي التنظيم", "مواقع التنظيم")),
    "International Coalition (US-led)": ("coalition", (
        "التحالف الدولي", "طائرات التحالف", "طيران التحالف", "مقاتلات التحالف", "التحالف الاميركي",
        "التحالف الامريكي", "قوات التحالف", "غارات التحالف", "التحالف المناهض للارهاب",
        "الجيش الاميركي", "الجيش الامريكي", "القوات الاميركيه", "القوات الامريكيه",
        "الطائرات الاميركيه", "الطائرات الامريكيه", "الكومندوس الاميركي")),
    "Military Forces of Syria": ("state", (
        "الجيش السوري", "الجيش العربي السوري", "قوات النظام", "القوات الحكوميه", "القوات الحكومية السورية",
        "قوات الحكومه", "النظام السوري", "الجيش السوري وحلفاؤه", "القوات السوريه",
        "قوات تساند الجيش السوري", "القوات الرديفه")),
    "Military Forces of Russia": ("state", (
        "القوات الروسيه", "الطيران الروسي", "الطائرات الروسيه", "القوات الجويه الروسيه",
        "وزاره الدفاع الروسيه", "الدفاع الروسيه", "الاسطول البحري الروسي", "الجيش الروسي",
        "الطيران الحربي الروسي", "الفرقاطه", "الغواصه", "موسكو", "وزير الدفاع الروسي",
        "روسيا")),
    "Military Forces of Turkey": ("state", (
        "الجيش التركي", "القوات التركيه", "الطائرات التركيه")),
    "Hayat Tahrir al-Sham / Jabhat al-Nusra": ("nonstate", (
        "جبهه النصره", "النصره", "هيئه تحرير الشام", "جبهه فتح الشام")),
    "Syrian opposition / rebel factions": ("nonstate", (
        "المعارضه المسلحه", "فصائل المعارضه", "الفصائل المقاتله", "الفصائل المسلحه",
        "المجموعات المسلحه", "الجيش السوري الحر", "المعارضه السوريه", "فصائل ارهابيه",
        "الفصائل", "المعارضه", "قوات المعارضه")),
    "Jaysh Usud al-Sharqiya": ("nonstate", ("جيش اسود الشرقيه",)),
    "Quwwat Ahmad al-Abdo": ("nonstate", ("قوات احمد العبدو", "قوات احمد عبدو")),
    "Hezbollah": ("nonstate", ("حزب الله",)),
    "Unidentified military forces (air)": ("state", (
        "طائرات حربيه", "الطيران الحربي", "طائرات مجهوله", "مقاتلات حربيه")),
    "Civilians (Syria)": ("civilians", ("مدنيين", "مدنيا", "المدنيين", "مدني", "السكان المحليين")),
}


@dataclass(frozen=True, slots=True)
class Actor:
    """An actor mention: canonical name, role, offsets in the original text, and
    whether the text marks it as the object of the action ("مواقع داعش", "لداعش")."""

    name: str
    role: str
    start: int
    end: int
    target: bool = False


_PATTERNS = sorted(((normalize_name(p), name, role) for name, (role, pats) in ACTORS.items()
                    for p in pats), key=lambda t: -len(t[0]))
_RX = re.compile(r"(?:^|(?<=[^\w]))(?:[وبلف]|وب|ول|لل|ال)?(" +
                 "|".join(re.escape(p) for p, _, _ in _PATTERNS) + r")(?![\w])")
_BY_PAT = {p: (name, role) for p, name, role in _PATTERNS}


def find_actors(text: str) -> list[Actor]:
    """Actor mentions in *text*, in order (longest pattern wins at a position)."""
    nt = normalize(text)
    out = []
    for m in _RX.finditer(nt.text):
        name, role = _BY_PAT[m.group(1)]
        a, b = nt.span(m.start(1), m.end(1))
        pre = nt.text[max(0, m.start() - 14):m.start()].translate(_PUNCT).split()
        target = bool(m.group(0).startswith(("ل", "ال")) and not m.group(0).startswith(m.group(1))
                      and m.group(0)[0] == "ل") or bool(pre and pre[-1] in _TARGET_WORDS)
        out.append(Actor(name, role, a, b, target))
    return out


_PUNCT = str.maketrans("", "", "«»\"“”()")
_TARGET_WORDS = frozenset(normalize_name(w) for w in (
    "مواقع", "عناصر", "مسلحي", "تمركزات", "ضد", "على", "مقاتلي", "قبضة", "معاقل", "ارتال"))
