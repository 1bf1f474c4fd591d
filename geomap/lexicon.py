"""Arabic word lists used to recognise and disambiguate place names.

Every entry is written in *normalised* form (see :mod:`geomap.arabic`):
no hamza on alef, ة written ه, ى written ي.  These are facts of the language
and of Syrian news style, not of any one article.
"""

from __future__ import annotations

from functools import lru_cache

from .arabic import normalize_name

__all__ = [
    "CLITICS", "ARTICLE_PREFIXES", "JOINABLE", "TRIGGERS", "NAME_TRIGGERS",
    "PLURAL_TRIGGERS", "ROUTE_TRIGGERS", "COUNTRYSIDE", "DIRECTIONS", "LOCATIVE",
    "MEDIA_WORDS", "STRONG_LOCATIVE", "SPEECH_WORDS", "STOP_NAMES", "HOMOGRAPHS_STRICT",
    "HOMOGRAPHS_LOCATIVE", "MEDIA_HOMOGRAPHS", "NON_PLACE_PHRASES", "ADJ_COUNTRY",
    "FUNCTION_WORDS", "TRIGGER_KINDS", "strip_clitics",
]


def _n(words: str) -> frozenset[str]:
    return frozenset(normalize_name(w) for w in words.split())


#: Proclitics that can stand before a name without the article
#: (and, so, in/with, to/for, like, and combinations).
CLITICS = frozenset({"", "و", "ف", "ب", "ل", "ك", "وب", "ول", "فب", "فل", "وك", "فك"})

#: Proclitic + article sequences before a name that carries the article;
#: "لل" is ل + ال with the alef dropped, as Arabic spelling requires.
ARTICLE_PREFIXES = frozenset({"ال", "وال", "فال", "بال", "كال", "لل", "ولل", "فلل",
                              "وبال", "فبال", "وكال"})

#: First words of compound names that news writes with or without a space
#: (كفر حمرة / كفرحمرة, دير حافر / ديرحافر, تل رفعت / تلرفعت...).
JOINABLE = _n("كفر دير تل عين بيت خان راس ابو ام جسر معره بير حوش قصر نبع بني "
              "عرب تلة مزرعه رسم خربه")

#: Words that introduce a place (normalised), mapped to the kinds they suggest.
TRIGGER_KINDS: dict[str, frozenset[str]] = {
    "قريه": frozenset({"village", "town"}), "قريتي": frozenset({"village", "town"}),
    "قري": frozenset({"village", "town"}),
    "بلده": frozenset({"town", "village", "city"}), "بلدتي": frozenset({"town", "village", "city"}),
    "بلدات": frozenset({"town", "village"}),
    "مدينه": frozenset({"city", "town"}), "مدينتي": frozenset({"city", "town"}),
    "مدن": frozenset({"city", "town"}),
    "مخيم": frozenset({"camp"}), "مخيمي": frozenset({"camp"}),
    "مطار": frozenset({"airbase"}), "قاعده": frozenset({"airbase", "military_site"}),
    "سد": frozenset({"dam"}), "حاجز": frozenset({"checkpoint"}),
    "تلال": frozenset({"mountain"}), "تله": frozenset({"mountain"}),
    "جبال": frozenset({"mountain"}), "جبل": frozenset({"mountain"}),
    "حي": frozenset({"neighbourhood"}), "احياء": frozenset({"neighbourhood"}),
    "منطقه": frozenset(), "ناحيه": frozenset({"subdistrict", "town"}),
    "محافظه": frozenset({"governorate"}), "محافظتي": frozenset({"governorate"}),
    "معبر": frozenset({"crossing"}), "نهر": frozenset({"river"}),
    "بحيره": frozenset({"lake"}), "حقل": frozenset({"oilfield"}),
    "ريف": frozenset(), "ريفي": frozenset(),
}
TRIGGERS = frozenset(TRIGGER_KINDS)

#: Triggers whose bare (construct) form introduces a name: "قرية X".
NAME_TRIGGERS = frozenset({"قريه", "قريتي", "بلده", "بلدتي", "مدينه", "مدينتي", "مخيم",
                           "مطار", "حاجز", "تلال", "تله", "جبال", "سد", "معبر", "حي"})
#: Dual/plural triggers that introduce a list ("بلدتي X وY").
PLURAL_TRIGGERS = frozenset({"قريتي", "بلدتي", "مدينتي", "محافظتي", "مخيمي", "بلدات", "قري"})
#: Words before a list of places that names a route or an area between them.
ROUTE_TRIGGERS = _n("طريق اوتوستراد اوتستراد مثلث خط")
COUNTRYSIDE = _n("ريف ريفي الريف")
#: Direction words (as nouns and adjectives).
DIRECTIONS = _n("شمال جنوب شرق غرب شمالي جنوبي شرقي غربي الشمالي الجنوبي الشرقي الغربي "
                "شمال شرق شمال غرب جنوب شرق جنوب غرب")
#: Words before a name that say "a place follows".
LOCATIVE = _n("في من الى على نحو باتجاه داخل قرب عند حول عبر محيط اطراف مشارف تخوم "
              "بالقرب ضواحي شمال جنوب شرق غرب شمالي جنوبي شرقي غربي قصف غاره غارات "
              "استهداف هجوم معارك اشتباكات سيطره محور")
#: Locative cues strong enough to read a common word as a place ("في جديدة").
STRONG_LOCATIVE = LOCATIVE - _n("من على الى عبر حول عند بين")
MEDIA_WORDS = _n("مراسل مراسله قناه شبكه تلفزيون فضائيه صحيفه موقع وكاله المصدر اتصال "
                 "لقاء حديث مقابله نت")
SPEECH_WORDS = _n("قال صرح اكد اوضح اضاف تصريح تصريحات اتصال حديث كشف افاد نقل")

#: Function words that are never place names and end a name after a trigger.
FUNCTION_WORDS = _n(
    "في من الى على عن مع بين حتي منذ بعد قبل خلال عند لدي نحو ضد حول عبر دون "
    "و او ثم ان انه انها التي الذي الذين هذا هذه ذلك تلك هناك هنا كل بعض اي "
    "كان كانت قد لم لن لا ما مما الا غير سوي ايضا حيث كما وقد وفي وقال "
    "شمال جنوب شرق غرب شمالي جنوبي شرقي غربي الشمالي الجنوبي الشرقي الغربي "
    "ريف ريفي الريف محيط اطراف قرب بالقرب داخل مناطق منطقه المدينه البلده القريه "
    "الواقعه القريبه المجاوره المحاذيه الحدوديه الاستراتيجيه المحاصره الخاضعه "
    "يوم اليوم امس الليله صباح مساء")

#: Gazetteer names that are ordinary words and never count as a place by
#: themselves (the month تشرين, given names that name villages...).
STOP_NAMES = _n(
    "تشرين ايار نيسان اذار شباط كانون حزيران تموز اب ايلول "
    "محمد احمد علي حسن حسين عمر ابراهيم خالد سليمان يوسف عيسي موسي طلال سلمان "
    "عبدالله مصطفي محمود فاطمه زينب مريم عائشه صالح سعيد جميل كريم نور "
    "الامن السلام النصر الحريه الوحده العرب الدوله الجيش الشعب الوطن العمل "
    "الجمهوريه الثوره الاتحاد الحكومه المعارضه النظام الاسد الفجر الشهداء "
    "المركز الجديده القديمه الكبري الصغري الوسطي العاصمه الحدود الساحل "
    "البحر المحطه المنطقه المدينه القريه البلده الحي السوق الجامع المسجد "
    "القلعه المزرعه الجسر المعبر المطار المخيم الشمال الجنوب الشرق الغرب "
    "اليوم امس غدا العام الماضي الجاري المقبل الاول الثاني الثالث")

#: Names that are also common words: a place only after a trigger word,
#: a direction word or "ريف".
HOMOGRAPHS_STRICT = _n("الطبقه البعث الفرات الشام الكسوه القصير الحمراء "
                       "البصيره الصالحيه الحميديه الهول الرمل الشيخ النبي "
                       "الميدان الجلاء قنوات صور الصور المدينه القائم المغرب عاليه "
                       "وان السجن البيضاء السوداء جديده خطاب عري الكفر ماري الحمام")
#: Names that are also common words: a place after a trigger, a direction
#: word, a locative preposition or an attack noun.
HOMOGRAPHS_LOCATIVE = _n("سوريه الجزيره الميادين القريتين الباديه الباب عمان")
#: Names that are also the names of news channels.
MEDIA_HOMOGRAPHS = _n("الجزيره الميادين العربيه الحدث")

#: Multi-word expressions that contain a place name but are not places
#: (organisations, media, operations, idioms).  A place found inside one of
#: them is dropped.
NON_PLACE_PHRASES = tuple(sorted({normalize_name(p) for p in (
    "قوات سوريا الديمقراطية", "قوات سورية الديمقراطية", "قوات سوريا الديموقراطية",
    "قوات سورية الديموقراطية", "سوريا الديمقراطية", "سورية الديمقراطية",
    "سوريا الديموقراطية", "سورية الديموقراطية", "مجلس سوريا الديمقراطية",
    "روسيا الآن", "روسيا اليوم", "قناة الجزيرة", "الجزيرة نت", "شبكة الجزيرة",
    "قناة الميادين", "الميادين نت", "قناة العربية", "العربية نت", "الشرق الأوسط",
    "لواء تحرير الرقة", "الرقة تذبح بصمت", "جيش تحرير الرقة", "درع الفرات", "غضب الفرات",
    "جيش الفرات", "جند الشام", "فتح الشام", "جبهة فتح الشام", "هيئة تحرير الشام",
    "أحرار الشام", "حركة أحرار الشام", "فيلق الشام", "جيش الشام", "بلاد الشام",
    "حماة الديار", "الجيش السوري الحر", "المرصد السوري", "جيش حلب", "فجر حلب",
    "جيش إدلب الحر", "ولاية الرقة", "ولاية حلب", "ولاية الخير", "ولاية البركة",
    "جيش أسود الشرقية", "لواء القدس", "فيلق القدس", "سرايا الخراساني",
    "الجمهورية العربية السورية",
)}))

#: Adjectives of nationality after a name, mapped to ISO country codes.
ADJ_COUNTRY: dict[str, str] = {
    normalize_name(k): v for k, v in {
        "العراقية": "IQ", "العراقي": "IQ", "التركية": "TR", "التركي": "TR",
        "اللبنانية": "LB", "اللبناني": "LB", "الأردنية": "JO", "الأردني": "JO",
        "الروسية": "RU", "الروسي": "RU", "الإيرانية": "IR", "الإيراني": "IR",
        "الأميركية": "US", "الأمريكية": "US", "السعودية": "SA", "المصرية": "EG",
        "الفرنسية": "FR", "البريطانية": "GB", "الفلسطينية": "PS", "الإسرائيلية": "IL",
        "الليبية": "LY", "السورية": "SY", "السوري": "SY",
    }.items()
}


_ARTICLE_BY_LEN = sorted(ARTICLE_PREFIXES, key=len, reverse=True)
_CLITIC_BY_LEN = [c for c in sorted(CLITICS, key=len, reverse=True) if c]


@lru_cache(maxsize=200_000)
def strip_clitics(token: str) -> tuple[str, str]:
    """Split a normalised token into (proclitics, rest), article removed.

    >>> strip_clitics("وبالرقه")
    ('وبال', 'رقه')
    >>> strip_clitics("بريف")
    ('ب', 'ريف')
    """
    for p in _ARTICLE_BY_LEN:
        if token.startswith(p) and len(token) - len(p) >= 2:
            return p, token[len(p):]
    for p in _CLITIC_BY_LEN:
        if token.startswith(p) and len(token) - len(p) >= 2:
            rest = token[len(p):]
            if rest in TRIGGERS or rest in LOCATIVE or rest in COUNTRYSIDE or rest in DIRECTIONS:
                return p, rest
    return "", token
