"""Every switchable rule earns its place: one case per name in ``geomap.switches``.

Each case is a sentence written for this file (Syrian war news in the style of
SOHR, SANA, Enab Baladi, BBC / France 24 Arabic) and a predicate saying what a
careful ACLED coder would code: the kind of event, its place, date, actors,
toll, precision, or which gazetteer entry a name is.  The predicate must hold
with the rule on, and fail with that one rule switched off
(``Pipeline.with_off({name})``, as ``geomap eval --ablate`` runs it).

Expected values were decided from the sentences (and, for places, from the
gazetteer's coordinates and governorates), not copied from geomap's output.
"""

from __future__ import annotations

import datetime as dt

import pytest

# every module that registers switches, before SWITCHES is read
import geomap.dates  # noqa: F401
import geomap.events.attributes  # noqa: F401
import geomap.events.extract  # noqa: F401
import geomap.events.merge  # noqa: F401
import geomap.events.offensives  # noqa: F401
import geomap.events.targets  # noqa: F401
import geomap.resolve.features  # noqa: F401
import geomap.resolve.filters  # noqa: F401
import geomap.resolve.resolver  # noqa: F401
from geomap.events import merge_events
from geomap.pipeline import Pipeline
from geomap.readers import Article
from geomap.switches import SWITCHES


@pytest.fixture(scope="module")
def P():
    return Pipeline()


_OFF: dict[tuple[int, str], Pipeline] = {}   # (pipeline, switch) -> pipeline with it off


def switched_off(p: Pipeline, name: str) -> Pipeline:
    if (id(p), name) not in _OFF:
        _OFF[(id(p), name)] = p.with_off({name})
    return _OFF[(id(p), name)]


# ----- reading helpers --------------------------------------------------------------------

def evs(d, layer=None):
    """The events (of a Doc, or a list of merged events), optionally of one layer."""
    events = d if isinstance(d, list) else d.events
    return [e for e in events if layer is None or e.layer == layer]


def sites(d):
    """{(layer, place id)} of the events."""
    return {(e.layer, e.place.id) for e in evs(d)}


def one(d, layer, pid):
    """The only event of the document, when it is of *layer* at place *pid*; else None."""
    es = evs(d)
    if len(es) == 1 and es[0].layer == layer and es[0].place is not None and es[0].place.id == pid:
        return es[0]
    return None


def place_ids(d):
    """{surface: place id or None} of the mentions."""
    return {m.surface: (m.place.id if m.place else None) for m in d.mentions}


def resolved(d):
    """Place ids of the resolved mentions."""
    return {m.place.id for m in d.mentions if m.place is not None}


def has_note(e, text):
    return any(text in n for n in e.notes)


D = dt.date
# The articles below are dated; "اليوم" etc. are counted from these dates.
MAY8 = D(2019, 5, 8)      # a Wednesday
OCT9 = D(2019, 10, 9)

# Two reports of one strike, from two outlets, a day apart: one dates it ("أمس"), the
# other does not (its publication date is used, precision 2).
_SOHR = Article("sohr.txt", "قتل 6 مدنيين أمس بغارات روسية على بلدة كفرنبل في ريف إدلب الجنوبي",
                date=D(2019, 5, 9), date_precision="day", outlet="SOHR", source="sohr.txt")
_ENAB = Article("enab.txt", "قتل 6 مدنيين بغارات روسية استهدفت بلدة كفرنبل في ريف إدلب الجنوبي",
                date=D(2019, 5, 10), date_precision="day", outlet="Enab Baladi", source="enab.txt")

_NORTH = Article("north.txt", "سقطت قذائف صاروخية اليوم شمال مطار حماة العسكري", date=D(2019, 5, 9),
                 date_precision="day", outlet="A", source="north.txt")
_NEAR = Article("near.txt", "استهدف قصف صاروخي اليوم موقعا قرب مطار حماة العسكري", date=D(2019, 5, 9),
                date_precision="day", outlet="B", source="near.txt")


#: name -> [(publication date, text or articles, predicate of the correct reading)]
CASES: dict[str, list[tuple]] = {
    # ----- event rules (geomap/events/extract.py, attributes.py) -----------------------------
    "event.denial": [(MAY8, "نفت وزارة الدفاع الروسية أن تكون طائراتها قد قصفت بلدة خان شيخون "
                            "جنوب إدلب يوم الاثنين",
                      lambda d: not d.events)],
    "event.question": [(MAY8, "هل قصفت الطائرات الروسية مدينة معرة النعمان أمس؟",
                        lambda d: not d.events)],
    "event.hypothetical": [(MAY8, "أكد مصدر عسكري أن الطيران الروسي سيشن غارات مكثفة على مدينة "
                                  "جسر الشغور",
                            lambda d: not d.events),
                           # a need is not an event: "بحاجة إلى"
                           (MAY8, "قال الأهالي إنهم بحاجة لدعمكم عبر الخروج بمظاهرات في مدينة حمص",
                            lambda d: not d.events)],
    "event.request": [(MAY8, "دعت الأمم المتحدة إلى وقف إطلاق النار في مدينة درعا وريفها",
                       lambda d: not evs(d, "agreement"))],
    # "سيطرتها" after "الواقعة تحت" says who holds Kernaz: the clause reports mortar fire only
    "event.stative": [(MAY8, "استهدفت الفصائل بقذائف الهاون مواقع قوات النظام في بلدة كرناز "
                             "الواقعة تحت سيطرتها",
                       lambda d: one(d, "shelling", "sy.hama.kernaz") is not None)],
    # an aid convoy or a UN team entering a town is no capture
    # (a committee entering a town is event.unarmed_subject's)
    "event.weak_trigger": [(MAY8, "تمت السيطرة على الحريق في مدينة حماة", lambda d: not d.events)],
    # "وطال القصف": the strikes of the sentence before, of their kind and actor
    "event.anaphoric_strike": [(MAY8, "قصفت طائرات حربية روسية مدينة معرة النعمان صباح الأحد. "
                                      "وطال القصف بلدات عدة بينها كفرنبل وحاس.",
                                lambda d: {(e.layer, e.actor1) for e in d.events}
                                == {("air_strike", "Military Forces of Russia (2000-)")})],
    # a verdict on strikes reported elsewhere is not a report of them
    "event.opinion": [(MAY8, "ورأت الخارجية الروسية أن الغارات على ريف حماة تهدف إلى تقويض الاتفاق",
                       lambda d: not d.events)],
    # an aid convoy enters a town where armed men fight: no capture; a relief convoy: no evacuation
    "event.unarmed_subject": [(MAY8, "دخلت قافلة مساعدات إلى بلدة الرستن التي تشهد معارك بين "
                                     "الفصائل وقوات النظام",
                               lambda d: not [e for e in d.events if e.layer.startswith("territory")]),
                              (MAY8, "دخلت قافلة مساعدات أممية مدينة دوما برفقة عناصر من "
                                     "الشرطة العسكرية الروسية", lambda d: not d.events)],
    # a town entered as the other side withdraws changes hands without a fight
    "event.entry_after_withdrawal": [(MAY8, "دخلت وحدات من الجيش بلدة الحارة إثر انسحاب الفصائل "
                                            "منها بموجب اتفاق التسوية",
                                      lambda d: one(d, "transfer", "sy.daraa.al-harra")
                                      is not None)],
    # weapons handed over: no transfer of a town, no strike
    "event.handover_of_arms": [(MAY8, "سلمت الفصائل صواريخ مضادة للدروع إلى قوات النظام في بلدة "
                                      "طفس",
                                lambda d: not d.events)],
    # the interceptor is actor1, the weapon's owner actor2
    "event.interceptor": [(MAY8, "اعترضت الدفاعات الجوية الروسية طائرات مسيرة تركية أطلقت "
                                 "باتجاه قاعدة حميميم",
                           lambda d: (e := one(d, "disrupted_weapons", "sy.latakia.hmeimim-airbase"))
                           is not None and e.actor1.startswith("Military Forces of Russia")
                           and e.actor2.startswith("Military Forces of Turkey"))],
    # a related story's title inside a punctuated article is a link, not a report
    "event.titles": [(MAY8, "قصفت قوات النظام بلدة كفرنبودة في ريف حماة الشمالي صباح اليوم.\n"
                            "وقال ناشطون إن القصف استهدف منازل المدنيين.\n"
                            "مقتل عشرة مدنيين بغارات على مدينة أريحا\n"
                            "وأضافوا أن فرق الدفاع المدني عملت على إخماد الحرائق.",
                      lambda d: sites(d) == {("shelling", "sy.hama.kafr-nabudah")})],
    # a threat in its own clause governs the clause after it
    "event.threat_carries": [(MAY8, "وهدد مسلحو التنظيم، بحسب ناشطين، بإعدام الرهائن في بلدة "
                                    "المتونة",
                              lambda d: not d.events)],
    # the means of an assassination, in a clause of its own, is at the assassination's place
    "event.means_clause": [(MAY8, "أعلنت مصادر محلية اغتيال مسؤول بارز في المجلس المحلي، في مدينة "
                                  "جاسم شمالي محافظة درعا، بتفجير عبوة ناسفة استهدفت سيارته",
                            lambda d: one(d, "bombing", "gn.165997") is not None)],
    # an assassination by a bomb is one incident, a bombing
    "event.attack_by_explosive": [(MAY8, "اغتال مجهولون قياديا في الفصائل في مدينة الباب، بتفجير "
                                         "عبوة ناسفة استهدفت سيارته",
                                   lambda d: one(d, "bombing", "sy.aleppo.al-bab") is not None)],
    # an attack that killed: a battle with soldiers dead, an attack on civilians with civilians
    "event.deadly_attack": [(MAY8, "قتل 25 عنصرا من قوات النظام في هجوم لتنظيم الدولة على "
                                   "مدينة السخنة",
                             lambda d: (e := one(d, "clash", "sy.homs.al-sukhnah")) is not None
                             and e.fatalities == 25),
                            (MAY8, "قتل 12 مدنيا في هجوم شنه مسلحون على قرية الزارة",
                             lambda d: (e := one(d, "attack", "sy.homs.al-zarah")) is not None
                             and e.fatalities == 12)],
    "event.background": [(MAY8, "وكانت الفصائل قد سيطرت على مدينة جسر الشغور في العام 2015",
                          lambda d: not d.events),
                         (MAY8, "وكانت قوات النظام قد استعادت بلدة خان شيخون منذ العام الماضي",
                          lambda d: not d.events)],
    "event.instrument": [(MAY8, "قصفت الطائرات الحربية بلدة الهبيط في ريف إدلب الجنوبي",
                          lambda d: one(d, "air_strike", "sy.idlib.hbit") is not None)],
    "event.several_kinds": [(MAY8, "تشهد بلدة كفرنبودة في ريف حماة الشمالي معارك عنيفة وقصفاً "
                                   "مدفعياً متبادلاً بين قوات النظام والفصائل",
                             lambda d: sites(d) == {("clash", "sy.hama.kafr-nabudah"),
                                                    ("shelling", "sy.hama.kafr-nabudah")})],
    "event.launch_is_not_territory": [
        (D(2019, 3, 1), "أعلنت قوات سوريا الديمقراطية انطلاق عمليات استعادة السيطرة على بلدة "
                        "الباغوز",
         lambda d: sites(d) == {("offensive", "sy.deir-ez-zor.al-baghuz-fawqani")})],
    # a recap of two days: the second clause has no trigger but a place, a toll and a date
    "event.continuation": [
        (MAY8, "قتل 7 مدنيين بغارات روسية على بلدة معرة حرمة في 3 أيار، و4 مدنيين في مدينة "
               "كفرنبل في 5 أيار",
         lambda d: any(e.layer == "air_strike" and e.place.id == "sy.idlib.kafranbel"
                       and e.event_date == D(2019, 5, 5) and e.fatalities == 4 for e in d.events))],
    # Israeli raids on Kiswah and the airport: "استهدف" names no weapon, the sentence is about raids
    "event.air_over_shelling": [
        (MAY8, "أغار سلاح الجو الإسرائيلي على مواقع إيرانية في بلدة الكسوة، واستهدف مستودعات قرب "
               "مطار دمشق الدولي",
         lambda d: sites(d) == {("air_strike", "sy.rif-dimashq.al-kiswah"),
                                ("air_strike", "sy.rif-dimashq.damascus-international-airport")})],
    "event.place_from_sentence": [(MAY8, "استهدفت الطائرات الحربية، بعد منتصف الليل، مدينة أريحا "
                                         "في ريف إدلب",
                                   lambda d: one(d, "air_strike", "sy.idlib.ariha") is not None),
                                  # "، وذلك رغم …": a one-word joint is not a part of the sentence
                                  (MAY8, "وصلت شاحنات الوقود إلى مدينة تلبيسة، وذلك رغم استمرار "
                                         "القصف المدفعي",
                                   lambda d: one(d, "shelling", "sy.homs.talbiseh") is not None)],
    # قرية الزقوم is not in the gazetteer: the strike is in northern Hama countryside, precision 3
    "event.unlisted_place": [
        (MAY8, "تشهد مدينة اللطامنة هدوءاً حذراً في ريف حماة الشمالي، بينما قصفت قوات النظام قرية "
               "الزقوم",
         lambda d: (e := one(d, "shelling", "gn.170017")) is not None and e.geo_precision == 3
         and e.location_ar == "الزقوم" and "countryside" in e.location)],
    "event.sub_place": [(MAY8, "انفجرت عبوة ناسفة عند دوار الكرة في مدينة الرقة",
                         lambda d: (e := one(d, "bombing", "sy.raqqa.raqqa")) is not None
                         and e.geo_precision == 2 and "الكرة" in e.location_ar)],
    "event.pronoun_countryside": [
        (MAY8, "عاد الهدوء الحذر إلى مدينة خان شيخون، فيما تواصل القصف المدفعي على ريفها الشرقي",
         lambda d: (e := one(d, "shelling", "sy.idlib.khan-shaykhun")) is not None
         and e.location.startswith("Khan Shaykhun countryside") and e.geo_precision == 2)],
    # two event clauses: the toll after the first is the first's, not the second's
    "event.consequence_fatalities": [
        (MAY8, "شنت الطائرات الروسية غارات على بلدة كفرنبل، ما أدى إلى مقتل 4 مدنيين، فيما استهدفت "
               "غارات أخرى بلدة حاس",
         lambda d: {e.place.id: e.fatalities for e in evs(d, "air_strike")}
         == {"sy.idlib.kafranbel": 4, "sy.idlib.hass": None}),
        # other verbs of consequence (markers.tsv): أوقع، تسبب ب
        (MAY8, "استهدف الطيران الروسي بلدة خان شيخون، مما أوقع 12 قتيلا وتسبب بموجة نزوح واسعة.",
         lambda d: [e.fatalities for e in evs(d, "air_strike")] == [12]),
        (MAY8, "قصفت قوات النظام محافظة حماة، ما تسبب بمقتل 17 مدنيا على الأقل وبنزوح أكثر من "
               "ألف شخص.",
         lambda d: [e.fatalities for e in evs(d, "shelling")] == [17])],
    "event.sentence_fatalities": [
        (MAY8, "قتل 5 مدنيين، بينهم طفلان، جراء غارات روسية على مدينة معرة النعمان",
         lambda d: (e := one(d, "air_strike", "sy.idlib.maarat-al-numan")) is not None
         and e.fatalities == 5)],
    "event.claim": [(MAY8, "نشرت وكالة سانا مزاعم عن قصف الفصائل بلدة محردة بالصواريخ",
                     lambda d: (e := one(d, "shelling", "gn.166742")) is not None
                     and has_note(e, "claim"))],
    "event.area": [
        (MAY8, "سيطر تنظيم الدولة على مناطق واسعة من جنوب مدينة تدمر حتى شرق بلدة القريتين وشمال "
               "بلدة السخنة",
         lambda d: len(d.events) == 1 and d.events[0].layer == "territory_nonstate"
         and d.events[0].geometry.geom_type == "Polygon" and d.events[0].geo_precision == 3)],
    "event.near": [(MAY8, "انفجرت عبوة ناسفة قرب بلدة الصنمين في ريف درعا الشمالي",
                    lambda d: (e := one(d, "bombing", "gn.172469")) is not None
                    and e.geo_precision == 2)],
    "event.fatality_split": [(MAY8, "قتل 6 مدنيين بقصف مدفعي على بلدتي كفرنبودة والهبيط",
                              lambda d: {e.place.id: e.fatalities for e in d.events}
                              == {"sy.hama.kafr-nabudah": 3, "sy.idlib.hbit": 3})],
    "event.listed_days": [(MAY8, "قصفت قوات النظام بلدة اللطامنة في 3 و5 أيار",
                           lambda d: {(e.place.id, e.event_date) for e in evs(d, "shelling")}
                           == {("sy.hama.lataminah", D(2019, 5, 3)),
                               ("sy.hama.lataminah", D(2019, 5, 5))})],
    "event.reporter": [(MAY8, "قال مراسل الجزيرة في إدلب إن الطائرات الروسية قصفت بلدة كفرنبل",
                        lambda d: one(d, "air_strike", "sy.idlib.kafranbel") is not None)],
    # people fled Kafranbel; the camps near Atmeh are where they went
    "event.flight_origin": [(MAY8, "نزح مئات الأهالي من بلدة كفرنبل إلى المخيمات الحدودية قرب "
                                   "بلدة أطمة",
                             lambda d: one(d, "displacement", "sy.idlib.kafranbel") is not None),
                            # a bearing is the origin of the flight, not a reference point
                            (MAY8, "بدأ إجلاء مئات المسلحين من جنوب حمص إلى محافظة إدلب",
                             lambda d: sites(d) == {("evacuation", "gn.169577")})],
    "event.speaker": [(MAY8, "قالت دمشق إن طائرات إسرائيلية قصفت مواقع في ريف القنيطرة",
                       lambda d: one(d, "air_strike", "sy.quneitra.quneitra-city") is not None
                       and d.events[0].location.startswith("Quneitra countryside")),
                      # a capital that acts (agent-verb cues) is the government as well
                      (MAY8, "وتوصلت دمشق إلى اتفاق مع فصائل المعارضة لإخراج مقاتليها من بلدة "
                             "بيت جن",
                       lambda d: sites(d) == {("agreement", "sy.rif-dimashq.beit-jinn")})],
    "event.recap": [(MAY8, "قتل 3 عناصر من قوات النظام بانفجار لغم أرضي في بلدة الصنمين، بعد "
                           "السيطرة على البلدة",
                     lambda d: (e := one(d, "bombing", "gn.172469")) is not None
                     and e.fatalities == 3),
                    (MAY8, "سيطرت فصائل المعارضة على بلدة كفرنبودة الخميس الماضي. وعشية سيطرتها "
                           "على البلدة، شنت الطائرات الروسية غارات على قرية الهبيط.",   # عشية
                     lambda d: [e.location for e in evs(d, "territory_nonstate")]
                     == ["Kafr Nabudah"])],
    "event.since": [(MAY8, "تواصل الطائرات الروسية منذ 18 شباط قصف مدينة خان شيخون",
                     lambda d: not d.events)],
    "event.lists": [(MAY8, "قصفت الطائرات الحربية قرى الزيارة، والمنصورة، والعنكاوي في سهل الغاب",
                     lambda d: sites(d) == {("air_strike", "gn.172027"),
                                            ("air_strike", "gn.11556242"),
                                            ("air_strike", "gn.174059")})],
    "event.agreement_concluded": [(MAY8, "خرج المئات من مقاتلي الفصائل من مدينة دوما بموجب اتفاق "
                                         "مع الجانب الروسي",
                                   lambda d: not evs(d, "agreement"))],
    "event.undated_past": [(MAY8, "وكان تنظيم الدولة قد نفذ في السابق سلسلة تفجيرات في مدينة "
                                  "الميادين",
                            lambda d: not d.events)],
    "event.purpose": [(MAY8, "دفعت قوات النظام بتعزيزات إلى ريف اللاذقية الشمالي لاستعادة بلدة "
                             "كبانة",
                       lambda d: not d.events)],
    # كفر نايا holds "فر" (fled): opening a clinic there is no displacement
    "event.trigger_in_name": [(MAY8, "افتتحت مديرية الصحة مستوصفاً في بلدة كفر نايا بريف حلب "
                                     "الشمالي",
                               lambda d: not d.events)],
    "event.attack_instrument": [(MAY8, "شنت القوات الأمريكية هجمات بصواريخ كروز على مطار الشعيرات "
                                       "في ريف حمص",
                                 lambda d: one(d, "shelling", "sy.homs.shayrat-airbase")
                                 is not None)],
    "event.en_route": [(MAY8, "استهدفت طائرات التحالف شاحنات قادمة من مدينة الميادين إلى مدينة "
                              "البوكمال",
                        lambda d: (e := one(d, "air_strike", "sy.deir-ez-zor.albukamal"))
                        is not None and e.geo_precision == 2)],
    # the clause describes Tal Abyad; nothing is reported as taken today
    "event.relative_clause": [(MAY8, "عاد مئات النازحين إلى مدينة تل أبيض التي سيطرت عليها القوات "
                                     "التركية",
                               lambda d: not d.events)],
    # only where they went is named: no displacement at Sarmada
    "event.destination_only": [(MAY8, "نزح آلاف المدنيين نحو مدينة سرمدا قرب الحدود التركية",
                                lambda d: not evs(d, "displacement"))],
    # the fighting is in the two towns the clause before حيث names
    "event.where": [(MAY8, "توجهت تعزيزات لقوات النظام إلى بلدتي كفرنبودة والهبيط حيث تدور "
                           "اشتباكات عنيفة مع الفصائل",
                     lambda d: sites(d) == {("clash", "sy.hama.kafr-nabudah"),
                                            ("clash", "sy.idlib.hbit")})],
    # a clause after فيما is about another place: the shelling has no place of its own here
    "event.contrast_clause": [(MAY8, "وفي ريف حماة الشمالي، قصفت قوات النظام بالمدفعية، فيما شهدت "
                                     "مدينة اللطامنة هدوءاً حذراً",
                               lambda d: not evs(d, "shelling")),
                              (MAY8, "وتتواصل الغارات في وقت وصلت فيه قافلة "
                                     "مساعدات إلى مدينة سرمدا",
                               lambda d: "sy.idlib.sarmada" not in {e.place.id for e in d.events}),
                              # nor is the dated clause after it a continuation of the strikes
                              (MAY8, "وتتواصل الغارات في وقت أعلنت فيه الأمم المتحدة الأحد أنها "
                                     "تنوي إرسال قافلة مساعدات إلى مدينة إدلب",
                               lambda d: not d.events)],
    # "كما شملت الغارات": the strikes the article attributed in the sentence before
    "event.actor_carried_over": [(MAY8, "شنت طائرات حربية روسية غارات على بلدة كفرنبودة. كما شملت "
                                        "الغارات بلدة الهبيط المجاورة.",
                                  lambda d: {e.place.id: e.actor1 for e in evs(d, "air_strike")}
                                  .get("sy.idlib.hbit") == "Military Forces of Russia (2000-)")],
    # the headline sums up the body's strikes in the governorate: no event at the city itself
    "event.headline_summary": [(MAY8, "سوريا: قتلى في غارات على إدلب\nقصفت طائرات حربية روسية "
                                      "بلدتي معرة حرمة وكفرنبل في ريف إدلب الجنوبي صباح اليوم.",
                                lambda d: {e.place.id for e in evs(d, "air_strike")} ==
                                {"sy.idlib.kafranbel", "gn.167608"})],     # gn.167608: Maarat Hurmah
    # a toll told for an area goes to the villages a later sentence says the strikes hit;
    # the area's report goes (the bombing of Hama's northern countryside is these villages)
    "event.toll_to_places": [(MAY8, "قتل 11 مدنيا السبت في قصف مدفعي لقوات النظام على ريف حماة "
                                    "الشمالي. وطال القصف قرى اللطامنة وكفرزيتا ومورك.",
                              lambda d: {(e.location_ar, e.fatalities) for e in evs(d)} ==
                              {("اللطامنة", 5), ("كفرزيتا", 3), ("مورك", 3)})],
    # what had happened by a night that ran into the next day is dated to the day it began
    "event.pluperfect_night": [(MAY8, "ولم تتوقف الانفجارات ليل الأحد - الاثنين في ريف إدلب. "
                                      "وكانت الغارات الجوية قد طالت بلدتي كفرنبل وحاس.",
                                lambda d: {e.event_date for e in evs(d, "air_strike")}
                                == {D(2019, 5, 5)})],
    # a threat made after an attack tells of the attack as a fact
    "event.presupposed": [(MAY8, "تتوعد الحكومة بمعاقبة المسلحين بعد الهجوم بالسلاح الكيميائي "
                                 "على بلدة سراقب السبت الماضي.",
                           lambda d: {(e.layer, e.event_date) for e in d.events}
                           == {("chemical_weapon", D(2019, 5, 4))})],
    # a timeline: the sentence that refers back to the strike ("وخلال الغارة") is on its day,
    # through an aside that tells nothing; the next report without a reference is not
    "event.recap_thread": [(MAY8, "وفي 3 آذار 2018 شنت الطائرات الإسرائيلية غارات على مطار "
                                  "الشعيرات. وقالت إسرائيل لاحقاً إن المطار كان مركزاً للطائرات "
                                  "المسيرة. وخلال الغارة أسقطت الدفاعات الجوية السورية صاروخين "
                                  "فوق مدينة حمص. وقصفت قوات النظام بلدة اللطامنة.",
                            lambda d: sorted((e.layer, e.event_date) for e in d.events) == sorted(
                                [("air_strike", D(2018, 3, 3)), ("disrupted_weapons", D(2018, 3, 3)),
                                 ("shelling", MAY8)]))],
    # a slogan brings down a regime, no aircraft: a protest, no interception
    "event.shot_down_flying": [(MAY8, "تظاهر المئات في مدينة سراقب للمطالبة بإسقاط النظام.",
                                lambda d: [e.layer for e in d.events] == ["protest"])],
    # the drone's nationality names the attacker, the men it hit are the second actor
    "event.instrument_nationality": [(MAY8, "استهدفت مسيرة تركية سيارة تقل عناصر من قوات سوريا "
                                            "الديمقراطية قرب مدينة عين العرب.",
                                      lambda d: [(e.actor1, e.actor2) for e in evs(d, "air_strike")]
                                      == [("Military Forces of Turkey (2016-)",
                                           "SDF: Syrian Democratic Forces")])],
    # a government's protest is a statement; residents who protest make a protest event
    "event.state_protest": [(MAY8, "واحتجت الحكومة السورية على التوغل التركي في مدينة تل أبيض.",
                             lambda d: not evs(d, "protest"))],
    # soldiers killed by a mine are its victims, not who laid it
    "event.dead_are_victims": [(MAY8, "قتل ثلاثة عناصر من قوات النظام بانفجار لغم أرضي قرب "
                                      "مدينة السخنة.",
                                lambda d: [(e.actor1, e.actor2) for e in evs(d, "bombing")] ==
                                [("Unidentified armed group", "Military Forces of Syria (2000-)")])],
    # a relative clause without a place of its own is at the place it stands for
    # a day told in the pluperfect is a flashback: the narrative stays at its own day
    "event.flashback_not_running": [
        (MAY8, "قصفت الطائرات الحربية بلدة كفرنبل اليوم. وكان المرصد قال الأحد إن قوات النظام "
               "سيطرت على قرية الهبيط. وقتل ثلاثة مدنيين بقصف مدفعي على بلدة معرة حرمة.",
         lambda d: [e.event_date for e in evs(d, "shelling")] == [MAY8]),
        (MAY8, "سيطرت فصائل المعارضة اليوم على قرية تل ملح. وكانت قوات النظام قد استعادت "
               "الثلاثاء بلدة كرناز. واندلعت اشتباكات عنيفة في محيط بلدة كفرنبودة.",
         lambda d: [e.event_date for e in evs(d, "clash")] == [MAY8])],
    # غداة / عشية an event the article dated: the day after / before it
    "event.day_after_event": [
        (MAY8, "قصفت قوات النظام بالمدفعية بلدة اللطامنة يوم الأحد. وغداة القصف، سيطرت قوات "
               "النظام على قرية الزكاة.",
         lambda d: [e.event_date for e in evs(d, "territory_gov")] == [D(2019, 5, 6)]),
        (MAY8, "سيطرت فصائل المعارضة على بلدة كفرنبودة الخميس الماضي. وعشية سيطرتها على "
               "البلدة، شنت الطائرات الروسية غارات على قرية الهبيط.",
         lambda d: [(e.location, e.event_date) for e in evs(d, "air_strike")]
         == [("Hbit", D(2019, 5, 1))] and len(evs(d, "territory_nonstate")) == 1)],
    # an area's toll counts the tolls of the places inside it: the area keeps the rest
    "event.area_remainder": [
        (MAY8, "قتل 12 مدنيا في غارات جوية على ريف إدلب الجنوبي اليوم. وفي بلدة كفرنبل قتل "
               "سبعة أشخاص بغارة على سوق شعبي.",
         lambda d: sorted((e.location, e.fatalities) for e in evs(d, "air_strike"))
         == [("Idlib countryside (south)", 5), ("Kafranbel", 7)])],
    # a toll told before the places: the clause that refers back to it ("هذا القصف") places it
    "event.toll_to_referring_clause": [
        (MAY8, "قتل 20 عنصرا على الأقل في ضربات جوية على مواقع عسكرية للنظام، وفق المرصد الذي "
               "قال إن هذا القصف استهدف مطار حماة العسكري، ومطار الضمير.",
         lambda d: sorted((e.location, e.fatalities) for e in evs(d, "air_strike"))
         == [("Dumayr Air Base", 10), ("Hama Military Airport", 10)])],
    # a later sentence dates the event it refers back to, when that one had no date
    "event.dated_later": [
        (MAY8, "قتل خمسة مدنيين بانفجار سيارة مفخخة في مدينة الباب بريف حلب. وأفاد ناشطون بأن "
               "التفجير وقع صباح الاثنين قرب دوار السنتر.",
         lambda d: [(e.event_date, e.fatalities) for e in evs(d, "bombing")]
         == [(D(2019, 5, 6), 5)]),
        (MAY8, "قصفت قوات النظام مدينة اللطامنة. وقال ناشطون إن الهجوم وقع يوم الأحد.",
         lambda d: [e.event_date for e in evs(d, "shelling")] == [D(2019, 5, 5)])],
    # what an inquiry is about is recalled, even in a clause with a date
    "event.investigated": [
        (MAY8, "نشرت المنظمة الثلاثاء نتائج التحقيق في الغارة على مستشفى بلدة كفرنبل.",
         lambda d: d.events == []),
        (MAY8, "وباشر خبراء المنظمة يوم الاثنين تحقيقا في الهجوم بغاز الكلور على مدينة سراقب.",
         lambda d: d.events == [])],
    "event.relative_antecedent": [(MAY8, "ووصل الوفد إلى مدينة جرابلس المتاخمة لمنبج، والتي "
                                         "سيطر عليها الجيش الحر في 24 آب 2016.",
                                   lambda d: [(e.layer, e.location, e.event_date) for e in d.events]
                                   == [("territory_nonstate", "Jarabulus", D(2016, 8, 24))])],
    # a past calendar day in a relative clause is a fact, not part of the threat before it
    "event.dated_fact": [(MAY8, "وهدد المقاتلون بالتوجه إلى مدينة جرابلس المتاخمة لمنبج، والتي "
                                "سيطر عليها الجيش الحر في 24 آب 2016.",
                          lambda d: [e.layer for e in d.events] == ["territory_nonstate"])],
    # "this shelling" is the shelling already told, not a new event
    "event.demonstrative": [(MAY8, "ومع هذا القصف على مدينة معرة النعمان تتزايد موجات النزوح نحو "
                                   "الحدود.", lambda d: not evs(d, "shelling"))],
    # the start of a campaign, recalled with its date, is no event that day
    "event.campaign_start": [(MAY8, "ووصلت الحصيلة إلى 300 قتيل منذ بدء حملة القصف على مدينة معرة "
                                    "النعمان في 18 شباط.", lambda d: not d.events)],
    # a campaign's toll so far is a running total: no attack on civilians
    "event.campaign_total": [(MAY8, "وتقول مصادر طبية إن الحملة العسكرية على ريف إدلب أدت حتى "
                                    "الآن إلى مقتل 300 مدني.", lambda d: not d.events)],
    # a road named by its ends, and no other place: one abduction, near the first end
    "targets.one_road": [(MAY8, "خطف مسلحون مجهولون ثلاثة مواطنين على طريق حمص تدمر.",
                          lambda d: [(e.layer, e.location, e.geo_precision) for e in d.events]
                          == [("abduction", "near " + d.events[0].place.name_en, 2)])],
    # the toll told by the next sentence ("وقتل في الغارات …") is the strike's
    "event.toll_next_sentence": [(MAY8, "شنت طائرات حربية غارات على بلدة كفرنبودة. وقتل في الغارات "
                                        "سبعة مدنيين بينهم طفلان.",
                                  lambda d: [e.fatalities for e in evs(d, "air_strike")] == [7])],
    # the ends of a road name the road: the bomb went off near Ma'dan, not in Raqqa or Deir ez-Zor
    "targets.route_ends": [(MAY8, "استهدفت عبوة ناسفة رتلا لقوات النظام على طريق الرقة دير الزور "
                                  "قرب بلدة معدان",
                            lambda d: {e.place.id for e in evs(d, "bombing")} ==
                            {"gn.167538"})],     # gn.167538: Ma'dan
    # the civilians killed by a strike are its second actor (ACLED: civilian targeting)
    "event.victims_actor": [(MAY8, "قصفت قوات النظام بلدة اللطامنة بالمدفعية الثقيلة، ما أدى إلى "
                                   "مقتل امرأة وطفلين من المدنيين",
                             lambda d: [(e.actor1, e.actor2) for e in evs(d, "shelling")] ==
                             [("Military Forces of Syria (2000-)", "Civilians (Syria)")])],
    # 27 April is the truce's date; the shelling that breaks it is today's news
    "event.date_owned": [(MAY8, "قصفت قوات النظام بلدة كفرنبودة بالمدفعية، في خرق جديد لهدنة "
                                "أعلنتها روسيا في 27 نيسان",
                          lambda d: [(e.event_date, e.time_precision) for e in evs(d, "shelling")
                                     if e.place.id == "sy.hama.kafr-nabudah"] == [(MAY8, 2)])],
    # "حملة قصف" is a shelling campaign; "حملة" alone would launch an offensive
    # the truce runs since Sunday; the shelling after it is not dated to Sunday
    "event.since_not_running": [(MAY8, "أعلنت روسيا هدنة في ريف حماة تسري منذ الأحد. وقصفت قوات "
                                       "النظام بلدة كفرنبودة بالمدفعية",
                                 lambda d: (e := one(d, "shelling", "sy.hama.kafr-nabudah"))
                                 is not None and e.event_date == MAY8),
                                (MAY8, "انضمت الطائرات الروسية قبل يومين إلى الحملة على ريف إدلب. "
                                       "وقصفت قوات النظام مدينة معرة النعمان بالمدفعية",
                                 lambda d: (e := one(d, "shelling", "sy.idlib.maarat-al-numan"))
                                 is not None and e.event_date == MAY8)],
    "event.governorate_summary": [(MAY8, "كثفت قوات النظام قصفها على محافظة درعا. وقصفت قوات "
                                         "النظام بلدة الحراك بالمدفعية",
                                   lambda d: sites(d) == {("shelling", "gn.173819")})],
    "event.coordinated_events": [(MAY8, "سيطرت قوات النظام على بلدة كفرنبودة واعتقلت عشرات الشبان "
                                        "في بلدة الهبيط",
                                  lambda d: sites(d) == {("territory_gov", "sy.hama.kafr-nabudah"),
                                                         ("arrests", "sy.idlib.hbit")})],
    "event.civilians_are_targets": [(MAY8, "وقال المرصد إن 20 مدنيا خطفوا الثلاثاء من قرية الهبيط",
                                     lambda d: (e := one(d, "abduction", "sy.idlib.hbit")) is not None
                                     and e.actor1 == "Unidentified armed group"
                                     and e.actor2 == "Civilians (Syria)")],
    "event.construct_head": [(MAY8, "بدأت قوات النظام حملة قصف عنيف على ريف حماة الشمالي",
                              lambda d: sites(d) == {("shelling", "gn.170017")})],
    "event.between": [(MAY8, "اندلعت اشتباكات عنيفة بين قريتي المنصورة والزيارة في سهل الغاب",
                       lambda d: one(d, "clash", "gn.11556242") is not None)],
    "event.date_in_sentence": [(MAY8, "في يوم 5 أيار، قصفت قوات النظام بلدة كفرنبودة",
                                lambda d: (e := one(d, "shelling", "sy.hama.kafr-nabudah"))
                                is not None and e.event_date == D(2019, 5, 5)
                                and e.time_precision == 1)],
    "event.date_carried_over": [
        (MAY8, "شهد يوم الأحد 5 أيار تصعيداً عسكرياً في ريف حماة الشمالي. وقصفت قوات النظام بلدة "
               "كفرنبودة بالمدفعية الثقيلة.",
         lambda d: (e := one(d, "shelling", "sy.hama.kafr-nabudah")) is not None
         and e.event_date == D(2019, 5, 5))],
    "event.strike_agent": [
        (MAY8, "دارت اشتباكات بين قسد وتنظيم الدولة قرب الباغوز بغطاء من طيران التحالف الدولي، "
               "واستهدف القصف الجوي بلدة هجين",
         lambda d: [e.actor1 for e in d.events if e.place.id == "sy.deir-ez-zor.hajin"]
         == ["International Coalition (US-led)"])],

    # ----- which of a clause's places the event is at (geomap/events/targets.py) -------------
    "targets.rivers": [(MAY8, "شنت طائرات التحالف غارات على ضفاف نهر الفرات قرب بلدة الشعفة",
                        lambda d: one(d, "air_strike", "sy.deir-ez-zor.al-shafah") is not None)],
    "targets.reference_points": [(MAY8, "شنت الطائرات الروسية غارات على مناطق شمال مدينة إدلب من "
                                        "بينها بلدة بنش",
                                  lambda d: one(d, "air_strike", "sy.idlib.binnish") is not None)],
    "targets.countryside": [(MAY8, "قصفت قوات النظام بلدة مورك بريف حماة الشمالي",
                             lambda d: one(d, "shelling", "gn.166640") is not None)],
    # (the governorate's own event would go with event.governorate_summary; its share of the
    # toll would not come back)
    "targets.governorates": [(MAY8, "قتل 4 مدنيين بغارات على بلدة بصرى الشام في محافظة درعا",
                              lambda d: (e := one(d, "air_strike", "sy.daraa.bosra")) is not None
                              and e.fatalities == 4)],
    "targets.region_after_place": [(MAY8, "قصفت قوات النظام مدينة حرستا في الغوطة الشرقية",
                                    lambda d: one(d, "shelling", "sy.rif-dimashq.harasta")
                                    is not None)],
    # the city a neighbourhood lies in is not a second place of the strike
    "targets.city_of_subplace": [(MAY8, "استهدفت قذائف صاروخية حي الحميدية في مدينة حمص",
                                  lambda d: one(d, "shelling", "sy.homs.al-hamidiyah")
                                  is not None),
                                 # a region by a city: the city locates it
                                 (MAY8, "استهدفت الغارات بلدات الغوطة الغربية في ضواحي دمشق صباح "
                                        "اليوم", lambda d: sites(d) == {
                                            ("air_strike", "sy.rif-dimashq.western-ghouta")})],
    "targets.relative_to": [(MAY8, "سيطر تنظيم الدولة على قرية طشة شرق سلسلة جبال البشري",
                             lambda d: one(d, "territory_nonstate", "gn.4145") is not None)],
    # Rastan lies about 20 km from Homs: "قرب حمص" locates it, it is not a second strike
    # Hama is what the town lies near, not a second target
    # a place in parentheses says where the one before it is
    "targets.apposition": [(MAY8, "قصفت المدفعية حي الوعر (حمص) صباح اليوم",
                            lambda d: sites(d) == {("shelling", "sy.homs.al-waer")}),
                           (MAY8, "صواريخ تضرب المنطقة المحيطة بمطار المزة العسكري (دمشق) ليلا",
                            lambda d: sites(d) == {("shelling", "sy.damascus.mezzeh-airbase")})],
    "targets.adjacent_reference": [(MAY8, "قصفت الطائرات بلدة كفرنبودة القريبة من مدينة حماة",
                                    lambda d: sites(d) == {("air_strike", "sy.hama.kafr-nabudah")}),
                                   (MAY8, "استهدفت الغارات مطار النيرب العسكري المجاور لمطار حلب "
                                          "الدولي",
                                    lambda d: sites(d) == {("air_strike", "sy.aleppo.nayrab-airbase")})],
    "targets.near_reference": [(MAY8, "غارتان قرب مدينة حمص استهدفتا مستودعا للذخيرة في بلدة "
                                      "الرستن",
                                lambda d: sites(d) == {("air_strike", "sy.homs.al-rastan")})],
    "targets.movement_origin": [(MAY8, "استهدفت طائرات روسية رتلاً قادماً من مدينة السخنة إلى "
                                       "مدينة تدمر",
                                 lambda d: one(d, "air_strike", "sy.homs.palmyra") is not None)],

    # ----- merging reports (geomap/events/merge.py) --------------------------------------------
    "merge.fuzzy_dates": [(None, [_SOHR, _ENAB],
                           lambda es: len(es) == 1 and es[0].place.id == "sy.idlib.kafranbel"
                           and es[0].event_date == D(2019, 5, 8) and len(es[0].sources) == 2)],

    # one strike reported north of an air base by one outlet and near it by another
    "merge.sides_of_a_place": [(None, [_NORTH, _NEAR],
                                lambda es: len(es) == 1 and len(es[0].sources) == 2
                                and es[0].place.id == "sy.hama.hama-military-airport")],

    # ----- offensives (geomap/events/offensives.py) --------------------------------------------
    "offensive.launches": [(OCT9, "أطلق الجيش التركي والجيش الوطني اليوم عملية عسكرية باتجاه مدينة "
                                  "رأس العين",
                            lambda d: (e := one(d, "offensive", "sy.hasakah.ras-al-ayn"))
                            is not None and e.actor1 == "Military Forces of Turkey (2016-)"
                            and e.event_date == OCT9)],
    "offensive.axes": [(MAY8, "أطلقت قوات النظام اليوم عملية عسكرية باتجاه مدينة خان شيخون. وبدأت "
                              "القوات بالتقدم من محور بلدة الهبيط ومن محور بلدة كفرنبودة.",
                        lambda d: (e := one(d, "offensive", "sy.idlib.khan-shaykhun")) is not None
                        and sorted(e.axes) == ["Hbit", "Kafr Nabudah"]
                        and e.geometry.geom_type == "MultiLineString")],
    "offensive.objective_areas": [
        (OCT9, "أطلق الجيش التركي والجيش الوطني اليوم عملية عسكرية باتجاه مدينة رأس العين. وتسعى "
               "القوات إلى السيطرة على مثلث تل تمر - رأس العين - الحسكة.",
         lambda d: (e := one(d, "offensive", "sy.hasakah.ras-al-ayn")) is not None
         and len(e.areas) == 1 and has_note(e, "Tell Tamer - Ras al-Ayn - al-Hasakah"))],
    "offensive.offsets": [
        (OCT9, "أطلقت قوات سوريا الديمقراطية اليوم حملة عسكرية باتجاه بلدة عين عيسى. وتتقدم الحملة "
               "نحو عين عيسى الواقعة شمال مدينة الرقة بـ50 كيلومترا.",
         lambda d: (e := one(d, "offensive", "sy.raqqa.ain-issa")) is not None
         and has_note(e, "reported 50 km north of Raqqa"))],
    "offensive.recent_launch": [(OCT9, "وكانت القوات التركية قد بدأت في آب الماضي عملية عسكرية "
                                       "باتجاه مدينة منبج",
                                 lambda d: not d.events)],

    # ----- is this a place? (geomap/resolve/filters.py, resolver.py) ----------------------------
    "filter.adjective": [(MAY8, "طالبت المعارضة بحل الأزمة بالطرق السلمية في مدينة حمص",
                          lambda d: resolved(d) == {"gn.169577"})],
    # بواسطة is "by means of", not ب + the village واسطة
    "filter.clitic_word": [(MAY8, "استهدفت القوات التركية سيارة بواسطة طائرة مسيرة قرب مدينة "
                                  "القامشلي",
                            lambda d: sites(d) == {("air_strike", "sy.hasakah.qamishli")}),
                           # a first name (given-name list) is one word: بكري is not ب + كري
                           (MAY8, "وأكد بكري حسن، أحد سكان البلدة، أن القصف متواصل",
                            lambda d: not [m for m in d.mentions if m.place is not None])],
    # "قاعدة جديدة": a new base; no base is named جديدة (the villages are)
    "filter.trigger_mismatch": [(MAY8, "وقصفت الطائرات الحربية قاعدة جديدة للفصائل قرب بلدة "
                                       "كفرنبل.", lambda d: resolved(d) == {"sy.idlib.kafranbel"})],
    "filter.common_word": [(MAY8, "اندلعت اشتباكات عنيفة بين قوات النظام والفصائل في بلدة "
                                  "كفرنبودة",
                            lambda d: one(d, "clash", "sy.hama.kafr-nabudah") is not None
                            and resolved(d) == {"sy.hama.kafr-nabudah"})],
    # صومعة الحبوب: the grain silo, not the village صومعة
    "filter.construct": [(MAY8, "أصابت القذائف صومعة الحبوب في مدينة منبج",
                          lambda d: one(d, "shelling", "sy.aleppo.manbij") is not None)],
    "filter.foreign_adjective": [(MAY8, "وصلت السفيرة الأمريكية إلى مدينة القامشلي",
                                  lambda d: resolved(d) == {"sy.hasakah.qamishli"})],
    # "فتح الباب أمام": opened the door to, not the city of al-Bab
    "filter.homograph_locative": [(MAY8, "فتحت السلطات التركية الباب أمام عودة اللاجئين إلى مدينة "
                                         "جرابلس",
                                   lambda d: resolved(d) == {"sy.aleppo.jarabulus"})],
    # "الطبقة السياسية": the political class, not the city of al-Tabqa
    "filter.homograph_strict": [(MAY8, "انتقد المحتجون في مدينة السويداء الطبقة السياسية الفاسدة",
                                 lambda d: "sy.raqqa.tabqa" not in resolved(d))],
    "filter.media": [(MAY8, "وقال القيادي في مقابلة عبر الميادين إن قوات النظام قصفت بلدة كفرزيتا",
                      lambda d: one(d, "shelling", "sy.hama.kafr-zita") is not None)],
    # "اللواء 82": a brigade and its number, not the village named اللواء
    "filter.unit_number": [(MAY8, "قصف الطيران مواقع في ريف حلب واللواء 82 غربه.",
                            lambda d: [e.location for e in evs(d)] == ["Aleppo countryside"])],
    "filter.organisation": [(MAY8, "اندلعت اشتباكات بين مجلس منبج العسكري وخلايا لتنظيم الدولة قرب "
                                   "قرية العريمة",
                             lambda d: one(d, "clash", "sy.aleppo.al-arima") is not None),
                            # with a clitic on the head: "لمجلس منبج العسكري" is still the council
                            (MAY8, "قال المتحدث باسم القيادة العامة لمجلس منبج العسكري إن "
                                   "الهدوء يسود",
                             lambda d: not [m for m in d.mentions if m.place is not None])],
    # "سفيرة بريطانيا" is Britain's ambassador (construct), not the town as-Safira; a
    # governorate's seat or a place after a locative stays a place
    "filter.of_country": [(MAY8, "التقت سفيرة بريطانيا وفداً من المعارضة قدم من منبج",
                           lambda d: place_ids(d).get("سفيرة") is None
                           and place_ids(d).get("منبج") == "sy.aleppo.manbij")],
    # Mazloum Abdi, the SDF commander, is not the village مظلوم
    "filter.person": [(MAY8, "قال القائد العام لقوات سوريا الديمقراطية مظلوم عبدي إن قواته سيطرت "
                             "على بلدة الباغوز",
                       lambda d: one(d, "territory_nonstate", "sy.deir-ez-zor.al-baghuz-fawqani")
                       is not None),
                      # an honorific and a first name: a sheikh, not the village الشيخ عبد الله;
                      # after a trigger it is the village
                      (MAY8, "وقال الشيخ عبد الله الحسن إن القصف لم يتوقف. وقصفت الطائرات قرية "
                             "الشيخ عبد الله",
                       lambda d: [m.start > 40 for m in d.mentions if m.place is not None]
                       == [True])],
    # دوماً is "always", not Douma
    # a verb "destroys" in a clause that opens with its subject, not Palmyra
    "filter.verb_homograph": [(MAY8, "الطائرات الروسية تدمر مقرات للفصائل قرب سراقب",
                               lambda d: resolved(d) == {"sy.idlib.saraqib"})],
    # the adverb "always" before أن, not Douma
    "filter.adverb_homograph": [(MAY8, "ونحن نؤكد دوما أن الحوار هو الطريق الوحيد",
                                 lambda d: "sy.rif-dimashq.douma" not in resolved(d))],
    "filter.tanween": [(MAY8, "تتعرض مدينة معرة النعمان دوماً لقصف عنيف",
                        lambda d: one(d, "shelling", "sy.idlib.maarat-al-numan") is not None)],
    # التلة is "the hill" here, not the village of that name
    "recognise.cue_words": [(MAY8, "سيطرت قوات النظام على التلة الاستراتيجية المطلة على بلدة كبانة "
                                   "في ريف اللاذقية",
                             lambda d: one(d, "territory_gov", "sy.latakia.kabani") is not None)],
    # a presidential palace in Khartoum is not the one in Damascus
    "context.generic_landmarks": [(MAY8, "أدى الوزراء الجدد اليمين الدستورية أمام الرئيس "
                                         "السوداني في القصر الجمهوري بالخرطوم",
                                   lambda d: "sy.damascus.peoples-palace" not in resolved(d))],
    # "اسطبلات الخيول" (stables) in a Qamishli report is not the village Istiblat near Aleppo
    "context.isolated": [(MAY8, "استهدف القصف مدينة القامشلي وبلدة عامودا. وقال إن الأطفال "
                                "يلعبون قرب اسطبلات الخيول",
                          lambda d: resolved(d) == {"sy.hasakah.qamishli", "sy.hasakah.amuda"})],
    # "الرقة تذبح بصمت" is a media campaign, not Raqqa
    "recognise.non_place_phrases": [(MAY8, "قالت حملة الرقة تذبح بصمت إن طائرات التحالف قصفت مدينة "
                                           "الطبقة",
                                     lambda d: one(d, "air_strike", "sy.raqqa.tabqa") is not None)],
    "recognise.optional_article": [(MAY8, "استهدفت غارات إسرائيلية مطار تيفور العسكري في ريف حمص "
                                          "الشرقي",
                                    lambda d: one(d, "air_strike", "sy.homs.tiyas-airbase")
                                    is not None)],
    "recognise.unknown_names": [(MAY8, "قصفت قوات النظام قرية الزقوم في ريف حماة الشمالي",
                                 lambda d: place_ids(d).get("الزقوم", "absent") is None)],

    # ----- context of a name (geomap/resolve/resolver.py, context.py) -------------------------
    "context.governorates": [(MAY8, "شنت الطائرات الروسية عشرات الغارات على مناطق متفرقة في "
                                    "محافظتي إدلب وحماة",
                              lambda d: sites(d) == {("air_strike", "sy.idlib.governorate"),
                                                     ("air_strike", "sy.hama.governorate")}),
                             # "مركز محافظة X": the governorate's seat city
                             (MAY8, "قصفت الطائرات الحربية أحياء في مركز محافظة إدلب صباح اليوم",
                              lambda d: sites(d) == {("air_strike", "sy.idlib.idlib")})],
    "context.list": [(MAY8, "سقطت قذائف صاروخية على مدن أعزاز والباب وجرابلس",
                      lambda d: sites(d) == {("shelling", "sy.aleppo.al-bab"),
                                             ("shelling", "sy.aleppo.azaz"),
                                             ("shelling", "sy.aleppo.jarabulus")})],
    "context.qualifiers": [(MAY8, "تعرض ريف إدلب الجنوبي لقصف مدفعي مكثف من قوات النظام",
                            lambda d: (e := one(d, "shelling", "sy.idlib.idlib")) is not None
                            and e.location == "Idlib countryside (south)"
                            and e.geo_precision == 2)],
    # the Damascus–Amman highway is not Damascus
    "context.routes": [(MAY8, "قتل جنديان بانفجار لغم أرضي على طريق دمشق عمان الدولي قرب بلدة خربة "
                              "غزالة",
                        lambda d: (e := one(d, "bombing", "gn.168120")) is not None
                        and e.fatalities == 2)],
    # Sidon in south Lebanon, not Saida in Daraa
    "context.sentence_country": [(MAY8, "قصفت طائرات إسرائيلية مواقع لحزب الله قرب مدينة صيدا في "
                                        "جنوب لبنان",
                                  lambda d: place_ids(d).get("صيدا") == "xx.lb.sidon"
                                  and not d.events)],

    # ----- which entry a name is (geomap/resolve/features.py) ----------------------------------
    "resolve.admin_hint": [(MAY8, "قصفت طائرات التحالف مواقع لتنظيم الدولة في مدينة الرقة. وفي ريف "
                                  "حماة الغربي، قصفت قوات النظام قرية المنصورة.",
                            lambda d: place_ids(d).get("المنصورة") == "gn.11556242")],
    "resolve.country_hint": [(MAY8, "قصفت طائرات أمريكية مواقع في مدينة سنجار العراقية",
                              lambda d: place_ids(d).get("سنجار") == "xx.iq.sinjar"
                              and not d.events)],
    # Jobar, the Damascus district Faylaq al-Rahman held, not the village in Homs
    "resolve.curated": [(MAY8, "تدور اشتباكات عنيفة بين قوات النظام وفيلق الرحمن في جوبر",
                         lambda d: one(d, "clash", "sy.damascus.jobar") is not None)],
    "resolve.in_syria": [(MAY8, "قصفت قوات النظام بالمدفعية الثقيلة بلدة صيدا، ما أدى إلى مقتل "
                                "طفلين",
                          lambda d: (e := one(d, "shelling", "sy.daraa.saida")) is not None
                          and e.fatalities == 2)],
    # Shahba in Suwayda (a town) before the village of that name in Hama
    "resolve.kind_prior": [(MAY8, "تظاهر العشرات في شهبا احتجاجاً على تردي الأوضاع المعيشية",
                            lambda d: one(d, "protest", "gn.164626") is not None)],
    # المنصورة next to Qal'at al-Madiq: the village of the Ghab plain (Hama)
    "resolve.nearby_places": [(MAY8, "قصفت قوات النظام بلدة قلعة المضيق بالمدفعية. كما استهدف "
                                     "القصف قرية المنصورة المجاورة.",
                               lambda d: place_ids(d).get("المنصورة") == "gn.11556242")],
    "resolve.prominence": [(MAY8, "توجه وفد من المعارضة السورية إلى أنقرة لبحث الأوضاع في إدلب",
                            lambda d: place_ids(d).get("أنقرة") == "xx.tr.ankara")],
    # "مدينة سنجار" after a regime advance: Sinjar in south-east Idlib, not Sinjar in Iraq
    "resolve.trigger_kind": [(MAY8, "استعادت قوات النظام السيطرة على مدينة سنجار بعد معارك مع "
                                    "الفصائل",
                              lambda d: one(d, "territory_gov", "sy.idlib.sinjar") is not None)],
}

#: Switches without a case, and why (each entry is a question for the rule's owner).
NOT_COVERED: dict[str, str] = {
    # (empty: recognise.stop_names was a dead switch -- stop names are left out of the name
    # index itself -- and was removed; tests/test_switches.py::test_stop_names_are_never_places
    # covers the index rule)
}


def _read(p: Pipeline, pub, text):
    if isinstance(text, list):            # several articles: read each, merge them all
        raw = []
        for art in text:
            raw.extend(p.read(art)[0])
        return merge_events(raw, p.off)
    return p(text, date=pub)


_IDS = [(name, i) for name in sorted(CASES) for i in range(len(CASES[name]))]


@pytest.mark.parametrize("name, i", _IDS, ids=[f"{n}#{i}" if i else n for n, i in _IDS])
def test_rule_decides(P, name, i):
    pub, text, ok = CASES[name][i]
    assert ok(_read(P, pub, text)), f"{name}: wrong with the rule on"
    assert not ok(_read(switched_off(P, name), pub, text)), f"{name}: the rule made no difference"


def test_every_switch_has_a_case():
    missing = set(SWITCHES) - set(CASES) - set(NOT_COVERED)
    assert not missing, f"switches without a case: {sorted(missing)}"
    assert not set(CASES) - set(SWITCHES), "cases for unknown switches"
    assert not set(NOT_COVERED) & set(CASES), "a switch both covered and not covered"
    assert not set(NOT_COVERED) - set(SWITCHES), "NOT_COVERED lists unknown switches"


def test_stop_names_are_never_places(P):
    """Months, given names and common words that are also village names in the gazetteer
    (شباط، تشرين، رامي، خالد، علي…) are left out of the name index: never a place by
    themselves, still places inside longer names (سد تشرين)."""
    d = P("وقصفت الطائرات ريف حلب في ذكرى الثورة", date=MAY8)     # the revolution, not Tabqa
    assert [m.place.id for m in d.mentions if m.place is not None] == ["sy.aleppo.aleppo"]
    d = P("سيطرت قسد على سد تشرين", date=MAY8)
    assert any(m.place is not None and "tishrin" in m.place.id for m in d.mentions)


def test_a_later_date_goes_to_the_event_of_its_kind_only(P):
    """"الاشتباكات اندلعت يوم الأحد" dates no shelling told before it, and an event that has a
    date of its own keeps it (event.dated_later)."""
    d = P("قصفت قوات النظام مدينة اللطامنة. وقال ناشطون إن الاشتباكات اندلعت يوم الأحد.",
          date=MAY8)
    assert [e.event_date for e in evs(d, "shelling")] == [MAY8]
    d = P("قصفت قوات النظام مدينة اللطامنة أمس. وقال ناشطون إن الهجوم وقع يوم الأحد.",
          date=MAY8)
    assert [e.event_date for e in evs(d, "shelling")] == [D(2019, 5, 7)]


def test_a_toll_on_top_is_not_part_of_the_area_toll(P):
    """"وقتل سبعة آخرون": seven more, not seven of the twelve (event.area_remainder)."""
    d = P("قتل 12 مدنيا في غارات جوية على ريف إدلب الجنوبي اليوم. وفي بلدة كفرنبل قتل سبعة "
          "آخرون بغارة على سوق شعبي.", date=MAY8)
    assert sorted((e.location, e.fatalities) for e in evs(d, "air_strike")) == \
        [("Idlib countryside (south)", 12), ("Kafranbel", 7)]
