"""Read events from a document, clause by clause, to ACLED's conventions.

The unit of reading is the clause (a sentence cut at commas and at "فيما / بينما /
في حين").  A clause reports an event when it holds a trigger
(``event_triggers.tsv``: nouns and verb forms, by layer), names a place in Syria,
and no marker governs the trigger (``markers.tsv``: denial, hypothetical, request,
who holds a place rather than who takes it).  Then, as an ACLED coder would:

* **one event per place and day**: every place of the clause is an event of its
  own; a death toll for several places is split evenly (remainder on the first);
  a recap listing days ("3 و5 أيار") is one event per day;
* **the kind** comes from the trigger, and for a generic strike word (قصف، استهدف)
  from the instrument the clause names (طيران -> air strike, قذائف -> shelling);
* **the date** is the clause's own, else the sentence's, else the last recent date
  of the narrative, else the article's; a sentence dated only by a year is
  background, not an event;
* **the place** leaves out reporters' locations, the destination of people
  fleeing, the ends of routes, and the countryside or governorate a named place
  lies in (:mod:`.targets`); a sub-place the gazetteer lacks ("دوار X في مدينة Y")
  is located at its place, precision 2;
* **who**: the actor before or right after the trigger verb, the agent of a
  passive ("من قبل", "على يد", "مصدرها"), or the nationality of the weapon
  ("غارات روسية").

Offensives are tracked over the article (:mod:`.offensives`).  Every rule that
decides something has a name (:mod:`geomap.switches`).
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left
from collections.abc import Iterable
from itertools import accumulate
from dataclasses import dataclass, replace

from .. import geometry as geo
from ..arabic import normalize
from ..actors import Actor, actor_patterns
from ..dates import DateMention, find_dates
from ..doc import Doc
from ..resolve import Mention, Resolver, text_chunks
from ..resolve.model import Qualifier
from ..settings import AREA_OFFSET_KM, CHUNK_CHARS, COUNTRYSIDE_KM, NEAR_WINDOW, RUNNING_DATE_DAYS
from ..switches import register
from .attributes import actors_for, date_for, geometry_for, place_label, territory_layer
from .grammar import Trigger, grammar
from .merge import merge_events
from .model import Event, Source, actor_inter
from .offensives import CONSTRUCT, OffensiveTracker
from .targets import _km, event_places

__all__ = ["EventExtractor", "extract_events"]

DENIAL = register("event.denial", "a denied report is not an event: نفى، لم يحصل")
QUESTION = register("event.question", "a question is not an event")
HYPOTHETICAL = register("event.hypothetical", "a plan, threat or possibility before the trigger "
                        "is not an event: سيشن، تستعد، لشن، يتعهد بالسيطرة")
REQUEST = register("event.request", "a call or warning is not an event, a call for a truce "
                   "included: طالب، حذر، دعا إلى وقف إطلاق النار")
STATIVE = register("event.stative", "who holds a place is not a change of hands: المناطق "
                   "الخاضعة لسيطرة المعارضة، التي تسيطر عليها")
WEAK_TRIGGER = register("event.weak_trigger", "a weak trigger (دخل، اقتحم، تسليم) needs an armed "
                        "actor in its clause: دخلت قافلة is not a capture")
UNARMED = register("event.unarmed_subject", "a weak trigger or a convoy word followed by who is "
                   "not armed is no event: دخلت قافلة مساعدات المدينة، وصلت قوافل الإغاثة")
OPINION = register("event.opinion", "an event noun after a verdict (اعتبر، رأى، وصف … أن) is "
                   "judged, not reported: واعتبر المصدر أن القصف يأتي في سياق…")
ANAPHORIC_STRIKE = register("event.anaphoric_strike", "a bare القصف after a sentence of strikes "
                            "of one kind is those strikes, by their actor: قصفت طائرات روسية "
                            "المنطقة. وطال القصف بلدات…")
BACKGROUND = register("event.background", "a sentence dated only by a year is background: "
                      "سيطرت الفصائل في العام 2015 على…")
INSTRUMENT = register("event.instrument", "the instrument decides the kind of a strike word: "
                      "قصفت الطائرات -> air strike, قصفت المدفعية -> shelling")
MULTI_LAYER = register("event.several_kinds", "a clause naming fighting and shelling (القتال "
                       "والقصف) is one event of each kind")
LAUNCH_NOT_TERRITORY = register("event.launch_is_not_territory", "انطلاق عمليات استعادة السيطرة "
                                "على X is the offensive, not a territorial change")
ENTRY_AFTER_WITHDRAWAL = register("event.entry_after_withdrawal", "a town taken while the "
                                  "sentence tells of the other side's withdrawal (دخلت قوات النظام "
                                  "مدينة X بعد خروج مقاتلي المعارضة) is a non-violent transfer")
HANDOVER = register("event.handover_of_arms", "a handover of weapons (سلمت روسيا منصات صواريخ "
                    "إلى الجيش، تسليم الأسلحة الثقيلة) is no transfer of territory, and a weapon "
                    "named with it is no strike")
TITLES = register("event.titles", "a short line of its own without a full stop inside a "
                  "punctuated article (a subheading, a related story's title) reports nothing")
#: Lines up to this many words can be titles.
TITLE_WORDS = 18
MEANS = register("event.means_clause", "a clause that opens with ب and an event word (بتفجير "
                 "عبوة، بقصف) tells how the event just reported was done: it is at that event's "
                 "place")
ATTACK_BY_EXPLOSIVE = register("event.attack_by_explosive", "an attack and a bomb or strike at "
                               "the same place and day in one sentence are one incident, coded "
                               "by the weapon: اغتيال مسؤول، في مدينة جاسم، بتفجير عبوة ناسفة")
THREAT_CARRIES = register("event.threat_carries", "a threat or plan in a clause without an event "
                          "word governs the next clauses of its sentence: وهدد التنظيم، بحسب "
                          "المرصد، بإعدام المختطفات")
INTERCEPTOR = register("event.interceptor", "in an interception the weapon's nationality "
                       "(صواريخ إسرائيلية) names actor2; actor1 is who stopped it")
DEADLY_ATTACK = register("event.deadly_attack", "an offensive word (هجوم) with a death toll in "
                         "its sentence is a battle, or an attack on civilians when the dead are "
                         "civilians: قتل 40 شخصاً في هجوم على مدينة X")
STATE_PROTEST = register("event.state_protest", "احتجت السلطات السورية على الاحتلال: a "
                         "government that protests makes a statement, not a protest event")
INSTRUMENT_ADJECTIVE = register("event.instrument_nationality", "استهدفت مسيرة تركية سيارة "
                                "لقسد: the nationality after the weapon names the attacker")
DEAD_VICTIMS = register("event.dead_are_victims", "قتل عنصران من قوات النظام بانفجار لغم: the "
                        "armed men named as the dead are the second actor, not the first")
SHOT_DOWN = register("event.shot_down_flying", "أسقط / إسقاط is an interception only when what "
                     "falls flies (طائرة، مسيرة، صاروخ…): \"للمطالبة بإسقاط النظام\" is a slogan")
RECAP_THREAD = register("event.recap_thread", "في 10 شباط 2018 شنت الطائرات غارات على مطار "
                        "التيفور. وخلال الغارة …: an undated sentence that refers back to the "
                        "event (الغارة، الهجوم، القصف) is on the older calendar day just told")
CAMPAIGN_TOTAL = register("event.campaign_total", "أدت الحملة العسكرية حتى الآن إلى مقتل 300 "
                          "مدني: the toll of a campaign so far is a running total, not an attack "
                          "nor the toll of the event its clause names")
FLASHBACK = register("event.flashback_not_running", "وكان المرصد قال السبت إن الجيش شطر دوما: "
                     "a sentence told in the pluperfect (وكان …) goes back in time; its day is not "
                     "carried to the sentences after it")
TOLL_REFERRED = register("event.toll_to_referring_clause", "مقتل 26 مقاتلاً في ضربات على مواقع "
                         "للجيش، وقال المرصد إن هذا القصف استهدف مطاراً في حلب واللواء 47 في "
                         "حماة: a toll clause without a place is at the places of the clause "
                         "that refers back to it (هذا القصف)")
AREA_REMAINDER = register("event.area_remainder", "قتل 14 مدنياً في غارات على الغوطة الشرقية … "
                          "في الحمورية قتل عشرة: the area keeps the toll its places inside do "
                          "not account for (4)")
DATED_LATER = register("event.dated_later", "اغتيال X بتفجير عبوة في مصياف. … وقال المرصد إن "
                       "الانفجار وقع مساء السبت: a later sentence that dates the event it refers "
                       "to (the explosion) dates the article's last event of that kind told "
                       "without a date")
INVESTIGATED = register("event.investigated", "لجنة تحقيق في الهجوم على X، آلية تحقيق حول "
                        "استخدام الأسلحة الكيميائية: the event an inquiry is about is recalled, "
                        "not reported, even in a dated clause")
DAY_AFTER = register("event.day_after_event", "وغداة الهجوم الكيميائي، أعلنت دمشق عن اتفاق: "
                     "غداة (عشية) an event the article has dated is the day after (before) it")
ANTECEDENT = register("event.relative_antecedent", "… مدينة عفرين المتاخمة لإدلب، والتي سيطر "
                      "عليها الجيش الحر في 18 آذار: a relative clause without a place is at the "
                      "place the clause before it names (the one it stands for)")
DATED_FACT = register("event.dated_fact", "ينوون التوجه إلى عفرين التي سيطر عليها الجيش الحر في "
                      "18 آذار 2018: a relative clause with a past calendar day is a fact, not "
                      "part of the plan named before it")
DEMONSTRATIVE = register("event.demonstrative", "ومع هذا القصف الجديد ترتفع الحصيلة: an event "
                         "word after هذا / هذه / تلك is the event already told, not a new one")
CAMPAIGN_START = register("event.campaign_start", "ترتفع الحصيلة منذ بدء حملة القصف في 18 شباط: "
                          "an event word right after منذ بدء / منذ بداية is the campaign's start, "
                          "recalled, not an event")
CONTINUATION = register("event.continuation", "a clause without a trigger but with a place and a "
                        "date or victims repeats the previous clause's event: "
                        "، و20 مدنياً جنوبي الرقة في 27 أيار")
AIR_OVER_SHELLING = register("event.air_over_shelling", "a generic strike word in a sentence "
                             "about air strikes is part of the strikes: غارات التحالف … بما في "
                             "ذلك قصف الميادين")
PLACE_FROM_SENTENCE = register("event.place_from_sentence", "a trigger clause without a place "
                               "takes the places of the clauses after it, or the sentence's only "
                               "place: قصفت الطائرات، صباح اليوم، بلدة X")
UNLISTED = register("event.unlisted_place", "an event at a name the gazetteer lacks (قرية X) is "
                    "located at the area the report names")
SUB_PLACE = register("event.sub_place", "دوار X في مدينة Y, حي X بمدينة Y: a sub-place the "
                     "gazetteer lacks is located at its place, precision 2")
PRONOUN_COUNTRYSIDE = register("event.pronoun_countryside", "ريفها، ريف المدينة: the countryside "
                               "of the place already named")
FATALITIES_AFTER = register("event.consequence_fatalities", "a death toll in the clause after "
                            "an event (، ما أدى إلى مقتل 5) is that event's")
SENTENCE_FATALITIES = register("event.sentence_fatalities", "a sentence's death toll goes to its "
                               "only event clause")
CLAIM = register("event.claim", "a report the source calls a claim (مزاعم) is kept and flagged")
AREA = register("event.area", "من جنوب X حتى شرق Y: the area several sides of places bound")
NEAR = register("event.near", "قرب X، محيط X: near the place, precision 2")
SPLIT = register("event.fatality_split", "a death toll for several places is split evenly")
DAYS = register("event.listed_days", "a recap that lists days (3 و5 أيار) is one event per day")
REPORTER = register("event.reporter", "مراسل … في إدلب: where a reporter is, not an event")
FLIGHT = register("event.flight_origin", "نزحوا من X باتجاه Y: displacement from X, not at Y")
SPEAKER = register("event.speaker", "قالت دمشق، دمشق تتهم: a capital speaking for its "
                   "government is not where an event is")
RECAP = register("event.recap", "بعد، إثر، غداة + an event word without a date of its own: an "
                 "earlier event recalled, not reported")
SINCE = register("event.since", "منذ 18 شباط + an ongoing campaign: a summary of weeks, not "
                 "one event")
LISTS = register("event.lists", "a comma between place names joins a list, not two clauses: "
                 "قصف على حمورية، والشيفونية، ومسرابا")
CONCLUDED = register("event.agreement_concluded", "an agreement noun (اتفاق، تسوية) is an event "
                     "only when its clause says it was reached, signed or came into force: "
                     "بموجب اتفاق recalls one")
PAST = register("event.undated_past", "في السابق، سابقاً + an event word without a date: an "
                "undated past, not news")
PURPOSE = register("event.purpose", "لاستعادة، للسيطرة على: a capture or deal named as an aim "
                   "(lam of purpose) is not an event")
IN_NAME = register("event.trigger_in_name", "an event word inside a place's or an actor's name "
                   "is not a trigger: كفر نايا is not فر, هيئة تحرير الشام is not a capture")
ATTACK_INSTRUMENT = register("event.attack_instrument", "هجمات بصواريخ وطائرات: an attack "
                             "noun with a weapon named is a strike of that weapon's kind")
ENROUTE = register("event.en_route", "استهدفت آليات قادمة من الرقة إلى تدمر: a strike on the way "
                   "to a place is near it (precision 2), not in it")
RELATIVE = register("event.relative_clause", "عفرين التي سيطر عليها الجيش الحر: an event verb in "
                    "an undated relative clause describes the place, it is not news")
DESTINATION = register("event.destination_only", "توجهت الحافلات نحو البادية: a movement that names "
                       "only where people go is not an event there (ACLED codes the origin)")
WHERE = register("event.where", "X وY حيث تواصلت المعارك: a clause opened by حيث is at the "
                 "places the clause before it names")
DATE_OWNED = register("event.date_owned", "a clause without a date does not take one from "
                      "a later event clause of its sentence: تواصلت المعارك رغم إعلان هدنة في 27 فبراير")
VICTIMS = register("event.victims_actor", "قصفت قوات النظام البلدة، ما أدى إلى مقتل مدنيين: "
                   "civilians named after the event are its second actor")
HEADLINE = register("event.headline_summary", "a headline sums up the body: its event is dropped "
                    "when the body reports one of that type at that place or in that governorate")
ACTOR_CARRIED = register("event.actor_carried_over", "a strike with no named agent takes the "
                         "agent of the article's previous strike of that kind: كما شملت الغارات …")
CONTRAST = register("event.contrast_clause", "قصفت قوات النظام، فيما شهدت مدينة X هدوءاً: a "
                    "clause after فيما / بينما does not lend its places to the event before it")
TOLL_NEXT = register("event.toll_next_sentence", "قصفت الطائرات بلدة X. وقتل في القصف 5 مدنيين: "
                     "a sentence that only tells the toll of the one before gives it to its events")
BETWEEN = register("event.between", "اشتباكات بين قريتي X وY: one clash, at the first place")
SINCE_NOT_RUNNING = register("event.since_not_running", "هدنة تسري منذ الثلاثاء، انضمت روسيا قبل "
                             "يومين: a since-date or an ago-date is an aside in the sentence, "
                             "not the date of the narrative after it")
GOVERNORATE_SUMMARY = register("event.governorate_summary", "an event at a governorate is "
                               "dropped when the article places one of that kind on that day "
                               "inside it: قصف على محافظة درعا beside قصف على بلدة الحراك")

PRESUPPOSED = register("event.presupposed", "تتوعد بالرد بعد الهجوم على X: an event word right "
                      "after بعد / إثر / عقب / غداة / جراء / بسبب is told as a fact; a plan or "
                      "threat named before it does not govern it")
TOLL_TO_PLACES = register("event.toll_to_places", "قتل 20 مدنياً في قصف على ريف إدلب. وطال القصف "
                          "بلدات كفرنبل وحيش: the toll of strikes told for an area goes to the "
                          "places a later sentence names inside it (split evenly), and the "
                          "area's report is dropped (ACLED codes the most precise places)")
COORDINATED = register("event.coordinated_events", "قصف جوي على درعا وإجلاء المئات من القنيطرة: "
                       "an event word joined by و after another event and its place is an event "
                       "of its own, with its own places")
#: Layers of one fight: named together (قصف وغارات على X، اشتباكات وقصف) they share the places.
_JOINED = frozenset({"clash", "shelling", "air_strike", "strike"})
_CONTRAST = re.compile(r"(?<![\w])[و]?(?:فيما|بينما|في حين|في وقت|في الوقت الذي|ردا علي)"
                       r"(?:\s+\S)?\s*$")
#: "الضربات التي نفذتها الولايات المتحدة": an event word with who carried it out reports it,
#: even inside a verdict (event.opinion)
_CARRIED_OUT = re.compile(r"^\s*(?:\S+\s+)?(?:التي|الذي|اللتين|اللذين|الذين)\s+(?:نفذ|شن|قام|ارتكب)")
#: "وطال القصف …": the bombardment, named without its weapon (normalised)
_BARE_STRIKE = re.compile(r"(?<![\w])[وف]?القصف(?![\w])(?!\s+(?:المدفعي|الصاروخي|الجوي|بالهاون|"
                          r"بالصواريخ|بالمدفعيه|بالطائرات|بالبراميل))")
#: Places precise enough to take the toll of strikes told for the area around them
_STRUCK_KINDS = frozenset({"city", "town", "village", "neighbourhood", "camp", "base", "landmark"})
#: Places, or ways of naming one, that stand for an area ("ريف درعا", "حوض اليرموك")
_AREA_KINDS = frozenset({"region", "district", "governorate"})
#: "بعد الهجوم", "جراء القصف": an event word after these is told as a fact (normalised;
#: not "بعد أن", "بعد ظهر", "بعد منتصف الليل", nor "بعد انتهاء …", which a plan may name)
_CAUSE = re.compile(r"(?<![\w])[وف]?(?:بعد|اثر|عقب|غداه|جراء|بسبب)\s+(?!ان\s|ما\s|ظهر|الظهر|منتصف|"
                    r"غد|ساعات|ساعه|ايام|يوم|اسبوع|شهر|سنه|عام|قليل|(?:ال)?(?:انتهاء|اكتمال|استكمال|اتمام|"
                    r"بدء|انطلاق))(?=\S)")
#: How many sentences that tell nothing keep the thread of an older day (event.recap_thread)
RECAP_ASIDES = 2
#: "الغارة", "وخلال الهجوم", "في القصف": a definite event word, referring back (normalised)
_DEFINITE_EVENT = re.compile(r"(?<![\w])(?:[وفبل]|وب|ول|وفي\s+|في\s+)?(?:ال|لل)(?:هجوم|هجمات|غاره|"
                             r"غارات|قصف|ضربه|ضربات|اشتباكات|معارك|تفجير|تفجيرات|انفجار|"
                             r"انفجارات|عمليه|هجومين|غارتين)(?![\w])")
#: "حتى الآن", "منذ بدء الحملة": a toll counted so far (normalised)
_SO_FAR = re.compile(r"(?<![\w])(?:حتي الان|حتي اللحظه|حتي اليوم|منذ بدء|منذ بدايه|منذ انطلاق)(?![\w])")
#: "وكان القصف والغارات قد طالت …": a sentence in the pluperfect (normalised)
_PLUPERFECT = re.compile(r"\s*[وف]?(?:كان|كانت)\s+(?:\S+\s+){0,8}?قد\s+\S")
#: "مع استمرار القصف": what follows goes on; a fear or plan named before it does not govern it
_ONGOING = re.compile(r"(?<![\w])[و]?مع\s+(?:استمرار|تواصل|تصاعد|تجدد)(?![\w])")


def _around(area: Event, place, admin1: str) -> bool:
    """*place* (in governorate *admin1*) lies in the area an event is reported for: the
    governorate of a governorate or of a countryside ("ريف إدلب"), the shape it is drawn
    with, or within a countryside's reach (:data:`~geomap.settings.COUNTRYSIDE_KM`)."""
    if (area.place.kind == "governorate" or "countryside" in area.location) \
            and admin1 == area.admin1:
        return True
    if _km(place, area.place) <= COUNTRYSIDE_KM[1]:
        return True
    return area.geometry.geom_type in ("Polygon", "MultiPolygon") and \
        area.geometry.contains(geo.point(place.lat, place.lon))


def _after_ongoing(before: str, off: frozenset[str] = frozenset()) -> str:
    """The text after the last "مع استمرار" of *before* (all of it when there is none):
    "وتتزايد المخاوف مع استمرار قصف X" fears something, and reports the shelling.  And
    (event.presupposed) the text after a "بعد / إثر / عقب / غداة / جراء / بسبب" that the event
    word follows within three words: "تتوعد بالرد بعد الهجوم على X" threatens, and tells
    of the attack as a fact."""
    last = None
    for last in _ONGOING.finditer(before):
        pass
    if last is not None:
        before = before[last.end():]
    if PRESUPPOSED not in off:
        cause = None
        for cause in _CAUSE.finditer(before):
            pass
        if cause is not None and len(before[cause.end():].split()) <= 3:
            return before[cause.end():]
    return before


#: Words by which a sentence refers back to the event of the sentence before it.
_ANAPHOR = re.compile(r"(?<![\w])(?:[وفب]|وب|ف)?(?:ال)?(?:هجوم|هجمات|غاره|غارات|قصف|ضربه|ضربات|"
                      r"اشتباكات|معارك|تفجير|تفجيرات|انفجار|هجومه|هجومها)(?![\w])")
_WHERE = re.compile(r"(?<![\w])[و]?حيث(?:\s+\S)?\s*$")
_QUOTES = str.maketrans("", "", "«»\"“”„'‘’()")
#: Layers that can be reported together in one clause as separate events.
_COMBAT = frozenset({"clash", "shelling", "air_strike"})
#: Layers whose trigger nouns name an aim after a lam of purpose ("لاستعادة", "للسيطرة على").
_PURPOSE_LAYERS = frozenset({"territory", "territory_gov", "territory_nonstate",
                             "transfer", "base_established"})
#: Place kinds a headline names when it sums up events in the places inside them.
_SUMMARY_KINDS = frozenset({"governorate", "city", "region", "district", "country"})
_FLIGHT_LAYERS = frozenset({"displacement", "evacuation", "transfer"})
_MOVEMENT_RULE = frozenset({"targets.movement_origin"})
#: "مقتل 4 عناصر من", "قتل عنصران من صفوف": the actor after it is among the dead (normalised)
_DEAD_OF = re.compile(r"(?<![\w])[و]?(?:مقتل|قتل|مصرع|اعدام|اعدم|استشهاد)(?:\s+(?:\d+|اكثر|نحو|حوالي|"
                      r"من|صفوف|عدد|عشرات|العشرات|عناصر|عنصرا|عنصران|عنصرين|مقاتلين|مقاتلا|"
                      r"مقاتلي|مقاتلان|جنود|جنديا|جنديين|جنديان|ضباط|ضابطا|ضابط|افراد|اثنين|"
                      r"ثلاثه|اربعه|خمسه|سته|سبعه|ثمانيه|تسعه|عشره|عشرين|ثلاثين|اربعين|خمسين)){1,5}\s*$")
#: who protests in writing: authorities, ministries, embassies (normalised)
_OFFICIALS = re.compile(r"(?:\S+\s+)?(?:ال)?(?:سلطات|حكومه|خارجيه|وزاره|سفاره|بعثه|دمشق|موسكو|"
                        r"انقره|طهران|واشنطن)(?![\w])")
#: a sentence that opens in the pluperfect or the past continuous: "وكان المرصد قال", "وكانت
#: الطائرات قد قصفت", "وكان يفترض" (normalised)
_FLASHBACK = re.compile(r"\s*[وف]?(?:كان|كانت)(?![\w])")
#: the kinds of event a definite event word refers back to (:data:`_DEFINITE_EVENT`; a word
#: not listed, الهجوم or العملية, refers to any violent event)
_REFERRED_KINDS = (("غار", {"air_strike"}), ("ضرب", {"air_strike", "shelling"}),
                   ("قصف", {"air_strike", "shelling"}), ("اشتباك", {"clash"}),
                   ("معارك", {"clash"}), ("فجير", {"bombing", "suicide_bombing"}),
                   ("فجار", {"bombing", "suicide_bombing"}))
#: "آخرين", "آخرون": a toll on top of one already told (normalised)
_OTHERS = re.compile(r"(?<![\w])(?:اخرين|اخرون|اخري|اضافيين)(?![\w])")
#: the note of an event dated by its article (attributes.date_for)
_UNDATED = "date not stated: article date used"
#: "غداة" (the day after) and "عشية" (the eve of), then what they are counted from (normalised)
_DAY_AFTER = re.compile(r"(?<![\w])[وب]?(غداه|عشيه)\s+((?:\S+\s*){1,5})")
#: a relative pronoun (normalised)
_RELATIVE_PRONOUN = re.compile(r"(?<![\w])[و]?(?:التي|الذي|اللذين|اللتين|الذين|اللواتي)(?![\w])")
#: "هذا القصف", "تلك الغارات": a demonstrative right before an event word (normalised)
_THIS = re.compile(r"(?<![\w])(?<!في )[وفبل]?(?:هذا|هذه|ذلك|تلك|هذين|هاتين)\s*$")
#: "هذا القصف", "هذه الغارات": an event already told, referred to (normalised)
_THIS_EVENT = re.compile(r"(?<![\w])[وفبل]?(?:هذا|هذه|ذلك|تلك)\s+(?:ال)(?:هجوم|هجمات|غاره|غارات|"
                         r"قصف|ضربه|ضربات|اشتباكات|معارك|تفجير|تفجيرات|انفجار|غارتين)(?![\w])")
#: "منذ بدء (حملة) …" right before an event word: the start of a campaign (normalised)
_SINCE_START = re.compile(r"(?<![\w])منذ\s+(?:بدء|بدايه|انطلاق|اندلاع)(?:\s+(?:ال)?(?:حمله|عمليه|معركه))?\s*(?:ال)?$")
#: أسقط، يسقط، إسقاط (normalised)
_SHOOT_DOWN = re.compile(r"سقا?ط")
#: what is shot down (أسقط، إسقاط): aircraft and missiles (normalised); "منها": of them
_FLYING = re.compile(r"(?<![\w])(?:[وب]?(?:ال)?)(?:طائره|طائرات|طايره|طايرات|مسيره|مسيرات|مسيرتين|"
                     r"درون|مروحيه|مروحيات|مقاتله|مقاتلات|صاروخ|صاروخين|صواريخ|قذيفه|قذائف|قذايف|"
                     r"هدف|اهداف|طائرتين|طايرتين|واحده|اثنتين|جسم|اجسام|منها|منهما|منه)(?![\w])")
#: arms handed over (normalised): "تسليم الأسلحة الثقيلة"
_ARMS = re.compile(r"(?<![\w])(?:ال)?(?:اسلحه|سلاح|ذخائر|ذخيره|عتاد)(?![\w])")
#: "الجوية" between the air defences and their nationality (normalised)
_AIR_WORD = re.compile(r"^(?:الجويه|الجوي)\s+")
_EXPLOSIVE = frozenset({"bombing", "suicide_bombing", "air_strike", "shelling"})
#: What ends a sentence of running text (a headline or a title lacks it).
_FULL_STOPS = (".", "!", "؟", "?")
_TERRITORY = frozenset({"territory_gov", "territory_nonstate"})
_NONVIOLENT = frozenset({"agreement", "displacement", "offensive", "evacuation", "transfer",
                         "change_group", "base_established", "protest", "arrests"})


class _SpanIndex:
    """Spans sorted by start, with the running maximum of their ends: "does any span that
    starts before p reach past q" in one bisection (no walk over every span)."""

    def __init__(self, spans: Iterable[tuple[int, int]]):
        spans = sorted(spans)
        self.starts = [a for a, _ in spans]
        self.max_ends = list(accumulate((b for _, b in spans), max))

    def max_end_before(self, pos: int) -> int:
        """The largest end of the spans that start before *pos* (-1 when there is none)."""
        i = bisect_left(self.starts, pos)
        return self.max_ends[i - 1] if i else -1


@dataclass
class _Clause:
    start: int
    end: int
    norm: str
    triggers: list[Trigger]          # original offsets
    mentions: list[Mention]
    dates: list[DateMention]


class EventExtractor:
    """Read events from articles.

    Parameters
    ----------
    resolver : Resolver, optional
        Place resolver (defaults to one over the bundled gazetteer); its lexicon
        is the extractor's too.
    off : frozenset of str
        Names of rules switched off (:mod:`geomap.switches`).
    """

    def __init__(self, resolver: Resolver | None = None, off: frozenset[str] = frozenset()):
        self.resolver = resolver if resolver is not None else Resolver()
        self.lexicon = self.resolver.lexicon
        self.g = grammar(self.lexicon)
        self.pats = actor_patterns(self.lexicon)
        self.off = frozenset(off)
        self._earlier: list[Event] = []

    # ------------------------------------------------------------------
    def extract(self, article, mentions: list[Mention] | None = None) -> list[Event]:
        """Events of one article (not yet merged with other articles).

        *mentions* are the article's resolved places, when the caller has them.
        """
        text = article.text
        if len(text) > CHUNK_CHARS:
            # a very long "article" (a dump, a digest) is read part by part
            out: list[Event] = []
            for a, b in text_chunks(text, CHUNK_CHARS):
                part = replace(article, text=text[a:b])
                sub = None if mentions is None else \
                    [replace(m, start=m.start - a, end=m.end - a) for m in mentions if a <= m.start < b]
                out.extend(self.extract(part, sub))
            return out
        doc = Doc(article)
        doc.mentions = mentions if mentions is not None else self.resolver.resolve(doc)
        return self.read(doc)

    def read(self, doc: Doc) -> list[Event]:
        """Events of a document whose mentions are set; also sets its dates and actors."""
        art = doc.article
        doc.dates = find_dates(doc.nt, art.date, self.lexicon)
        doc.actors = self.pats.find(doc.nt)
        nt = doc.nt
        # every trigger of the article in one pass, in original offsets
        trig = []
        found = self.g.find_triggers(nt.text)
        for t in found:
            a, b = nt.span(t.start, t.end)
            ta, _ = nt.span(t.token_start, t.end)
            trig.append(Trigger(a, b, t.layer, t.phrase, t.flags, ta))
        if IN_NAME not in self.off and (doc.mentions or doc.actors):
            # "كفر نايا" is not فر, "هيئة تحرير الشام" is not a capture (a name may begin
            # with an event word: "الدفاعات الجوية السورية")
            places = _SpanIndex((m.start, m.end) for m in doc.mentions if m.place is not None)
            names = _SpanIndex((x.start, x.end) for x in doc.actors)
            trig = [t for t in trig if places.max_end_before(t.end) <= t.token_start
                    and names.max_end_before(t.token_start) < t.end]
        if CONSTRUCT not in self.off:
            heads = {id(t) for t in self.g.construct_heads(trig)}
            trig = [t for t in trig if id(t) not in heads]
        events: list[Event] = []
        self._earlier = events       # the events told so far (event.day_after_event)
        offensive = OffensiveTracker(doc, self.g, self.pats, self.off, found)
        running: DateMention | None = None
        m_starts = [m.start for m in doc.mentions]
        d_starts = [d.start for d in doc.dates]
        x_starts = [x.start for x in doc.actors]
        t_starts = [t.start for t in trig]
        headline: list[Event] = []
        prev_got: list[Event] = []
        summed: set[int] = set()      # ids of area reports whose toll went to their places
        recap: DateMention | None = None    # an older calendar day the narrative is at
        aside = 0          # sentences since, that told no event and did not refer back
        punctuated = TITLES not in self.off and sum(
            1 for ln in doc.text.splitlines() if ln.rstrip().endswith(_FULL_STOPS)) >= 3
        for si, sp in enumerate(doc.sentences()):
            a, b = sp.start, sp.end
            if si > 0 and punctuated and self._is_title(doc, a, b):
                continue     # a subheading or a related story's link: not a report
            sdates = Doc.within(doc.dates, a, b, d_starts)
            told = running
            referring = False
            if recap is not None and not sdates and RECAP_THREAD not in self.off:
                referring = bool(_DEFINITE_EVENT.search(doc.norm(a, b)))
                if referring:
                    told = recap     # "في 10 شباط شنت الطائرات غارات. وخلال الغارة …"
            got = self._sentence(doc, a, b, Doc.within(doc.mentions, a, b, m_starts),
                                 sdates, Doc.within(doc.actors, a, b, x_starts),
                                 Doc.within(trig, a, b, t_starts), told, offensive)
            if si == 0 and self._is_headline(doc, a, b):
                headline = got
            else:
                if got and prev_got and ANAPHORIC_STRIKE not in self.off:
                    self._strike_referred_to(doc, a, b, got, prev_got)
                if got and TOLL_TO_PLACES not in self.off:
                    summed |= self._toll_to_places(doc, a, b, got, events)
                if not got and prev_got and TOLL_NEXT not in self.off:
                    self._toll_after(doc, a, b, Doc.within(doc.mentions, a, b, m_starts), prev_got)
                if not got and sdates and events and DATED_LATER not in self.off:
                    self._dated_later(doc, a, b, sdates, events)
                events.extend(got)
                prev_got = got
            # narrative dates carry over to the next sentences: recent, day-precise ones only;
            # an older calendar day only to the sentences right after it that refer back to
            # its event (event.recap_thread)
            if sdates:
                recap = None
            elif recap is not None and not referring:
                # the thread goes on through sentences that tell no event ("وقالت إسرائيل
                # لاحقاً إن الطائرة كانت مسلحة"), two at most
                aside += 1
                if got or aside > RECAP_ASIDES:
                    recap = None
            # "وكان المرصد قال السبت إن …": a flashback's day is not the day the narrative is at
            flashback = FLASHBACK not in self.off and bool(_FLASHBACK.match(doc.norm(a, b)))
            for d in sdates:
                if d.date and art.date and d.precision == 1 and not flashback and \
                        0 <= (art.date - d.date).days <= RUNNING_DATE_DAYS and \
                        not ((d.since or d.ago) and SINCE_NOT_RUNNING not in self.off):
                    running = d
                elif d.date and art.date and d.precision == 1 and not d.relative \
                        and not d.year_only and not d.since and d.date < art.date:
                    recap, aside = d, 0
        if HEADLINE not in self.off:
            # "سوريا: مقتل العشرات في قصف جوي على درعا": the headline sums up what the body
            # reports place by place; it is an event of its own only when the body lacks it
            headline = [h for h in headline if not any(
                e.event_type == h.event_type and e.place is not None and h.place is not None and
                (e.place.id == h.place.id or e.admin1 == h.admin1 and h.place.kind in _SUMMARY_KINDS)
                for e in events)]
        events[:0] = headline
        if ACTOR_CARRIED not in self.off:
            # "كما شملت الغارات مطار النيرب": the strikes the article already attributed
            last: dict[str, str] = {}
            for e in events:
                if e.layer not in ("air_strike", "shelling"):
                    continue
                if e.actor1.startswith("Unidentified") and e.layer in last:
                    e.actor1 = last[e.layer]
                    e.notes.append("actor taken from the preceding text")
                elif not e.actor1.startswith("Unidentified"):
                    last[e.layer] = e.actor1
        if summed:
            events = [e for e in events if id(e) not in summed]
        if AREA_REMAINDER not in self.off:
            self._area_remainder(events)
        if GOVERNORATE_SUMMARY not in self.off:
            # "كثفت قوات النظام قصفها على محافظة درعا" beside strikes on its towns that day: the
            # governorate sums up the events the article places; ACLED codes the places
            placed = {(e.layer, e.admin1, e.event_date) for e in events
                      if e.place is not None and e.place.kind != "governorate"}
            events = [e for e in events if e.place is None or e.place.kind != "governorate"
                      or (e.layer, e.admin1, e.event_date) not in placed]
        events.extend(offensive.events())
        for e in events:      # inter codes from this extractor's lexicon, not the bundled one
            e.inter1 = actor_inter(e.actor1, self.lexicon)
            e.inter2 = actor_inter(e.actor2, self.lexicon)
        return events

    def _strike_referred_to(self, doc: Doc, a: int, b: int, got: list[Event],
                            prev: list[Event]) -> None:
        """"قصفت طائرات حربية روسية المنطقة. وطال القصف بلدات عدة…": a bare القصف (no weapon
        named in its sentence) refers to the strikes of the sentence before; when those are of
        one kind, the sentence's unattributed shelling is that kind, and by their actor when
        one is named (else the article's earlier agent of that kind, event.actor_carried_over)."""
        ns = doc.norm(a, b)
        if not _BARE_STRIKE.search(ns) or self.g.instruments.search(ns):
            return
        kinds = {(e.layer, e.actor1) for e in prev if e.layer in ("air_strike", "shelling")}
        if len({k for k, _ in kinds}) != 1:
            return
        layer = next(iter(kinds))[0]
        known = {x for _, x in kinds if not x.startswith("Unidentified")}
        for e in got:
            if e.layer == "shelling" and e.actor1.startswith("Unidentified"):
                e.layer = layer
                if len(known) == 1:
                    e.actor1 = next(iter(known))
                e.notes.append("kind of the strikes of the sentence before (القصف)")

    def _toll_to_places(self, doc: Doc, a: int, b: int, got: list[Event],
                        earlier: list[Event]) -> set[int]:
        """"قتل 20 مدنياً في قصف على ريف إدلب الجنوبي. وطال القصف بلدات كفرنبل وحيش": a bare
        القصف sentence without a toll of its own names where the strikes told for the area
        landed; the area reports of that kind and day with a toll, within
        the countryside's reach of every place named or drawn around it, give their toll to
        those places (split evenly, the remainder on the first) and are dropped with the
        other reports of that area.  Returns the ids
        of the area reports dropped."""
        ns = doc.norm(a, b)
        if not _BARE_STRIKE.search(ns) or self.g.fatalities(ns) is not None:
            return set()
        local = [e for e in got if e.fatalities is None and e.place is not None
                 and e.place.kind in _STRUCK_KINDS and e.geo_precision == 1]
        if not local or len({(e.layer, e.event_date) for e in local}) != 1:
            return set()
        layer, day = local[0].layer, local[0].event_date
        areas = [e for e in earlier if e.layer == layer and e.event_date == day
                 and e.place is not None and (e.place.kind in _AREA_KINDS or e.geo_precision > 1)
                 and all(_around(e, x.place, x.admin1) for x in local)]
        if not any(e.fatalities for e in areas):
            return set()
        n = max(e.fatalities or 0 for e in areas)
        for i, e in enumerate(local):
            e.fatalities = n // len(local) + (n % len(local) if i == 0 else 0)
            e.notes.append(f"toll ({n}) told for {areas[0].location}" +
                           (", split evenly" if len(local) > 1 else ""))
        return {id(e) for e in areas}

    @staticmethod
    def _area_remainder(events: list[Event]) -> None:
        """"قتل 14 مدنياً في غارات على الغوطة الشرقية … في الحمورية قتل عشرة أشخاص": a toll told
        for an area counts the tolls told for places inside it (same kind, same day); the
        area's own event keeps what is left (ACLED: each death counted once, at the most
        precise place)."""
        for area in events:
            if not area.fatalities or area.place is None or not (
                    area.place.kind in _AREA_KINDS or area.geo_precision > 1):
                continue
            parts = [e for e in events if e is not area and e.layer == area.layer
                     and e.event_date == area.event_date and e.fatalities
                     and e.place is not None and e.place.kind in _STRUCK_KINDS
                     and e.geo_precision == 1 and e.place.id != area.place.id
                     and not any(_OTHERS.search(normalize(q).text) for q in e.quotes)
                     and _around(area, e.place, e.admin1)]
            told = sum(e.fatalities for e in parts)
            if parts and told < area.fatalities:
                n = area.fatalities
                area.fatalities = n - told
                area.notes.append(f"{n} killed in total, {told} of them at "
                                  + ", ".join(sorted({e.location for e in parts})))

    def _toll_after(self, doc: Doc, a: int, b: int, mentions: list[Mention],
                    prev: list[Event]) -> None:
        """"…على مدينة البوكمال. وقتل في الهجوم 33 عنصراً": a sentence that only tells the toll
        of what the sentence before reported (an anaphor such as الهجوم، الغارات، القصف, no
        place of its own) gives that toll to the events that have none."""
        ns = doc.norm(a, b)
        n = self.g.fatalities(ns)
        if n is None or not _ANAPHOR.search(ns):
            return
        if any(m.place is not None and m.place.in_syria and m.place.kind != "country"
               for m in mentions):
            return
        violent = [e for e in prev if e.layer not in _NONVIOLENT and e.fatalities is None]
        if not violent or len({e.layer for e in violent}) > 1:
            return
        for i, e in enumerate(violent):
            e.fatalities = n // len(violent) + (n % len(violent) if i == 0 else 0)
            e.notes.append(f"toll ({n}) from the next sentence" +
                           (", split evenly" if len(violent) > 1 else ""))

    @staticmethod
    def _is_headline(doc: Doc, a: int, b: int) -> bool:
        """The first sentence is a headline: a line of its own without a full stop."""
        line = doc.text[a:b].strip()
        nl = doc.text.find("\n", b - 1 if b else 0)
        return 0 < len(line) <= 160 and not line.endswith(_FULL_STOPS) and \
            doc.text[b:b + 1] not in _FULL_STOPS and nl != -1 and \
            not doc.text[b:nl].strip()

    @staticmethod
    def _is_title(doc: Doc, a: int, b: int) -> bool:
        """A short line of its own without a full stop, in an article whose sentences end
        with one: a subheading or the title of a linked story."""
        text = doc.text
        ls = text.rfind("\n", 0, a) + 1
        le = text.find("\n", b)
        le = len(text) if le == -1 else le
        line = text[ls:le].strip()
        return bool(line) and line == text[a:b].strip() and len(line.split()) <= TITLE_WORDS \
            and not line.endswith(_FULL_STOPS + (":", "…", "»", '"', "”"))

    # ------------------------------------------------------------------
    def _clauses(self, doc: Doc, a: int, b: int, mentions, dates, triggers) -> list[_Clause]:
        text = doc.text
        spans, pos = [], a
        # on the normalised text, so that "على الرغم من" and "رداً على" are met as written
        # in the lexicon whatever their spelling
        i, j = doc._raw_bounds(a, b)
        for m in self.g.clause_split.finditer(doc.nt.text, i, j):
            ms, me = doc.nt.span(m.start(), m.end())
            if ms > pos:
                spans.append((pos, ms))
            pos = max(pos, me)
        if pos < b:
            spans.append((pos, b))
        spans = [(x, y) for x, y in spans if text[x:y].strip()]
        if LISTS not in self.off:
            spans = self._join_lists(doc, spans, mentions)
        if COORDINATED not in self.off:
            spans = [p for x, y in spans for p in self._split_coordinated(doc, x, y, mentions, triggers)]
        out = []
        for x, y in spans:
            out.append(_Clause(x, y, doc.norm(x, y), [t for t in triggers if x <= t.start < y],
                               [m for m in mentions if x <= m.start < y],
                               [d for d in dates if x <= d.start < y]))
        return out

    @staticmethod
    def _split_coordinated(doc, x: int, y: int, mentions, triggers) -> list[tuple[int, int]]:
        """"قصف جوي على درعا وإجلاء المئات من القنيطرة": an event word joined by و after
        another event word and its place starts an event of its own (a strike and a shelling
        named together stay one clause: their places are shared)."""
        trig = [t for t in triggers if x <= t.start < y and t.layer != "offensive"]
        out, start = [], x
        for i, t in enumerate(trig):
            if i == 0 or doc.text[t.token_start:t.token_start + 1] != "و" or t.token_start == t.start:
                continue
            u = trig[i - 1]
            if u.token_start < start or (u.layer in _JOINED and t.layer in _JOINED) or u.layer == t.layer:
                continue
            if any(u.end <= m.start < t.token_start and m.place is not None for m in mentions):
                out.append((start, t.token_start))
                start = t.token_start
        out.append((start, y))
        return out

    def _join_lists(self, doc, spans, mentions) -> list[tuple[int, int]]:
        """A comma also separates the items of a list of places ("حمورية، والشيفونية،
        ومسرابا"): a clause that holds nothing but place names goes with the clause before."""
        lex = self.lexicon
        out: list[tuple[int, int]] = []
        for x, y in spans:
            ms = [m for m in mentions if x <= m.start < y]
            if out and ms:
                rest = doc.norm(x, y)
                for m in sorted(ms, key=lambda m: -(m.end - m.start)):
                    rest = rest.replace(doc.norm(m.start, m.end), " ")
                words = [lex.strip_clitics(w)[1] for w in rest.replace("(", " ").replace(")", " ")
                         .replace("ـ", " ").replace("-", " ").split()]
                words = [w for w in words if w not in ("و", "") and w not in lex.triggers]
                if len(words) <= 1:
                    out[-1] = (out[-1][0], y)
                    continue
            out.append((x, y))
        return out

    def _before(self, doc: Doc, start: int, pos: int) -> str:
        """Normalised text of the clause from *start* up to *pos* (original offsets)."""
        return doc.norm(start, pos)

    def _live_triggers(self, doc: Doc, cl: _Clause, actors: list[Actor]) -> list[Trigger]:
        """The clause's triggers that report an event (markers and weak triggers checked)."""
        g, off = self.g, self.off
        # a weak trigger needs an armed actor in its sentence ("أعلن الجيش …، مؤكداً السيطرة على")
        armed = [x for x in actors if x.role != "civilians"]
        # a weapon handed over or agreed on is no strike: only a violent trigger lifts it
        strong = [t for t in cl.triggers if "weapon" not in t.flags and t.layer not in _NONVIOLENT]
        out = []
        for t in cl.triggers:
            before = self._before(doc, cl.start, t.start)
            if "actor" in t.flags and not armed and WEAK_TRIGGER not in off:
                continue
            if ("actor" in t.flags or t.layer == "evacuation") and UNARMED not in off \
                    and g.unarmed.match(doc.norm(t.end, min(cl.end, t.end + 40))):
                continue     # "دخلت قافلة مساعدات المدينة": a convoy of aid, no capture
            if t.layer == "transfer" and "actor" in t.flags and HANDOVER not in off:
                after = doc.norm(t.end, cl.end)
                if any("weapon" in w.flags and w.start > t.start for w in cl.triggers) \
                        or g.instruments.search(after) or _ARMS.search(after):
                    continue     # "سلمت روسيا منصات صواريخ إلى الجيش": weapons, not a town
            if t.layer == "disrupted_weapons" and SHOT_DOWN not in off \
                    and _SHOOT_DOWN.search(doc.norm(t.start, t.end)) \
                    and not _FLYING.search(doc.norm(t.end, min(cl.end, t.end + 60))):
                continue     # "للمطالبة بإسقاط النظام": a regime brought down, nothing shot down
            if t.layer == "protest" and STATE_PROTEST not in off and (any(
                    x.role in ("state", "coalition") and t.end <= x.start <= t.end + 25
                    for x in actors) or _OFFICIALS.match(doc.norm(t.end, min(cl.end, t.end + 30)))):
                continue     # "احتجت السلطات السورية على …": a diplomatic protest
            if DEMONSTRATIVE not in off and t.layer != "offensive" \
                    and doc.norm(t.token_start, t.end).startswith("ال") \
                    and _THIS.search(self._before(doc, cl.start, t.token_start)[-12:]):
                continue     # "ومع هذا القصف الجديد ترتفع الحصيلة": the shelling already told
            if CAMPAIGN_START not in off and _SINCE_START.search(before[-16:]):
                continue     # "منذ بدء حملة القصف على الغوطة في 18 شباط": its start, recalled
            if "lead" in t.flags and before.strip() and WEAK_TRIGGER not in off:
                continue
            if "weapon" in t.flags and WEAK_TRIGGER not in off and not strong \
                    and not g.launch.search(g.launcher.sub(" ", cl.norm)) \
                    and not g.impact.search(cl.norm) \
                    and g.fatalities(cl.norm) is None:
                continue     # "تعزيزات تشمل راجمات": a weapon named, nothing fired
            window = doc.norm(max(cl.start, t.token_start - 25), min(cl.end, t.end + 12))
            if t.layer == "territory" and STATIVE not in off and g.stative.search(window):
                continue
            if HYPOTHETICAL not in off and g.hypothetical.search(_after_ongoing(before, off)) \
                    and not self._dated_fact(doc, cl, before):
                continue
            if RECAP not in off and not cl.dates and \
                    g.recap.search(self._before(doc, cl.start, t.token_start)[-14:]):
                continue     # "بعد استعادة معظم محافظة درعا": an earlier event recalled
            if INVESTIGATED not in off and \
                    g.investigated.search(self._before(doc, cl.start, t.token_start)[-40:]):
                continue     # "آلية تحقيق حول استخدام الأسلحة الكيميائية": what is investigated
            if OPINION not in off and g.opinion.search(before) \
                    and not _CARRIED_OUT.match(doc.norm(t.end, min(cl.end, t.end + 40))):
                continue     # "واعتبر المصدر أن القصف يأتي في سياق…": a verdict on a strike
            if REQUEST not in off and g.request.search(before):
                continue     # "دعت روسيا إلى وقف إطلاق النار": a call, not an agreement
            if "concluded" in t.flags and CONCLUDED not in off and not g.concluded.search(cl.norm):
                continue     # "بموجب اتفاق", "الرافضين للتسوية": an agreement recalled
            if RELATIVE not in off and not cl.dates and "verb" in t.flags and \
                    g.relative.search(before):
                continue     # "عفرين التي سيطر عليها الجيش الحر": describes the place
            if PAST not in off and not cl.dates and g.background.search(cl.norm):
                continue     # "نفذت في السابق سلسلة اغتيالات"
            if PURPOSE not in off and t.layer in _PURPOSE_LAYERS:
                pro = doc.text[t.token_start:t.start]
                if pro.endswith("ل") or pro.endswith("لل") or doc.text[t.start:t.start + 2] == "لل":
                    continue     # "لاستعادة السيطرة": an aim
            out.append(t)
        return out

    def _layer(self, doc: Doc, cl: _Clause, t: Trigger, sentence_norm: str, sent_layers: set) -> str:
        layer = t.layer
        if "instrument" in t.flags and ATTACK_INSTRUMENT not in self.off:
            inst = self.g.instrument(cl.norm)
            if inst is not None:
                return inst
        if layer == "strike":
            inst = None
            if INSTRUMENT not in self.off:
                inst = self.g.instrument(cl.norm) or self.g.instrument(sentence_norm)
            if inst is None and "air_strike" in sent_layers and AIR_OVER_SHELLING not in self.off:
                inst = "air_strike"
            layer = inst or "shelling"
        return layer

    def _sentence(self, doc: Doc, a: int, b: int, smentions: list[Mention],
                  sdates: list[DateMention], actors: list[Actor], striggers: list[Trigger],
                  running: DateMention | None, offensive: OffensiveTracker) -> list[Event]:
        g, off, art, text = self.g, self.off, doc.article, doc.text
        ns = doc.norm(a, b)
        if text[b:b + 1] in ("؟", "?") and QUESTION not in off:
            return []
        launched = offensive.observe(a, b, ns, smentions, actors, sdates, running)
        quote = " ".join(text[a:b].split())
        clauses = self._clauses(doc, a, b, smentions, sdates, striggers)
        # background: a sentence dated only by a year ("في العام 2015")
        fine = [d for d in sdates if not d.year_only]
        if BACKGROUND not in off and any(d.year_only for d in sdates) and not fine:
            return []
        live = {id(cl): self._live_triggers(doc, cl, actors) for cl in clauses}
        if THREAT_CARRIES not in off:
            # "وهدد مسلحو التنظيم، بحسب المرصد، بإعدام المختطفات": a threat or plan governs the
            # clauses after it until one reports an event of its own
            governed = False
            for cl in clauses:
                if live[id(cl)] and governed and not self._dated_fact(doc, cl, cl.norm):
                    live[id(cl)] = []
                    continue
                if live[id(cl)]:
                    governed = False
                elif not cl.triggers and g.threat.search(cl.norm):
                    governed = True
        if DENIAL not in off:
            for cl in clauses:
                if live[id(cl)] and (g.denial.search(cl.norm) or g.refusal.search(
                        self._before(doc, cl.start, min(t.start for t in live[id(cl)])))):
                    live[id(cl)] = []
            if g.denial.search(ns) and not any(g.denial.search(cl.norm) for cl in clauses):
                return []
        sent_layers = {t.layer for cl in clauses for t in live[id(cl)]}
        sent_fat = g.fatalities(ns)
        if sent_fat is not None and CAMPAIGN_TOTAL not in off and _SO_FAR.search(ns):
            sent_fat = None      # a running total since a campaign began
        n_event_clauses = sum(1 for cl in clauses
                              if any(t.layer != "offensive" for t in live[id(cl)]))
        out: list[Event] = []
        prev: tuple[list[str], bool] | None = None     # (layers, had a kill count) of the last event clause
        for ci, cl in enumerate(clauses):
            trig = [t for t in live[id(cl)] if t.layer != "offensive"]
            syrian = self._syrian(doc, cl, cl.mentions)
            fat = g.fatalities(cl.norm)
            if fat is not None and CAMPAIGN_TOTAL not in off and _SO_FAR.search(cl.norm):
                fat = None       # "لترتفع الحصيلة منذ بدء الحملة إلى 709": a running total
            if not trig and DEADLY_ATTACK not in off and (fat or sent_fat) \
                    and not g.launch.search(cl.norm) \
                    and (CAMPAIGN_TOTAL in off or not _SO_FAR.search(ns)):
                # "قتل 40 شخصاً في هجوم للتنظيم على مدينة X": an attack that killed is a battle,
                # or an attack on civilians when the dead are civilians
                hits = [t for t in live[id(cl)] if t.layer == "offensive"]
                if hits:
                    civ = any(x.role == "civilians" and a <= x.start < b for x in actors)
                    trig = [replace(hits[0], layer="attack" if civ else "clash")]
                    if fat is None and n_event_clauses == 0:
                        fat = sent_fat       # the toll in another clause of the sentence
            if trig:
                if launched and any(t.layer == "territory" for t in trig) and g.launch.search(cl.norm) \
                        and LAUNCH_NOT_TERRITORY not in off:
                    prev = None
                    continue      # "انطلاق عمليات استعادة السيطرة على X": the offensive itself
                layers = self._layers(doc, cl, trig, ns, sent_layers, actors, a, b)
                if ENTRY_AFTER_WITHDRAWAL not in off and any(
                        x in _TERRITORY for x in layers) and any(
                        t.layer == "transfer" and t.start > cl.start for t in striggers):
                    # "دخلت قوات النظام مدينة نوى بعد خروج مقاتلي المعارضة منها": the town
                    # changed hands without a fight
                    layers = list(dict.fromkeys("transfer" if x in _TERRITORY else x
                                                for x in layers))
            elif prev is not None and syrian and (cl.dates or g.victims.search(cl.norm)) \
                    and CONTINUATION not in off and not self._after_contrast(doc, cl):
                # "، و20 مدنياً جنوبي الرقة في 27 أيار": same kind of event, another place/date
                layers = prev[0]
                if fat is None and prev[1]:
                    vm = g.victims.search(cl.norm)
                    fat = g.number(vm.group(1)) if vm else None
            else:
                continue
            places = syrian
            if not places and PLACE_FROM_SENTENCE not in off:
                places = self._places_elsewhere(doc, clauses, ci, live, fat)
            if not places:
                out.extend(self._unlisted_events(doc, cl, layers, smentions, sdates, running,
                                                 actors, a, b, quote))
                if layers:
                    prev = (layers, fat is not None)
                continue
            if fat is None and FATALITIES_AFTER not in off:
                fat = self._consequence_fatalities(clauses, ci, live)
            if fat is None and sent_fat is not None and n_event_clauses == 1 \
                    and SENTENCE_FATALITIES not in off:
                fat = sent_fat
            prev = (layers, fat is not None)
            free = sdates
            if DATE_OWNED not in off:
                # a date in a later event clause is that event's ("رغم إعلان هدنة في 27 فبراير")
                owned = {id(d) for c in clauses if c.start > cl.start and live[id(c)] for d in c.dates}
                free = [d for d in sdates if id(d) not in owned]
            dates = self._dates(art, cl, free, running, bool(_PLUPERFECT.match(doc.norm(a, cl.end))))
            if not cl.dates and DAY_AFTER not in off:
                dates = self._day_after(doc, a, cl, sdates, smentions) or dates
            if SINCE not in off and self._since_only(art, cl, sdates):
                continue
            claim = bool(g.claim.search(ns)) and CLAIM not in off
            strike_pos = [t.start for t in trig]
            for layer in layers:
                lay_fat = None if layer in _NONVIOLENT else fat
                # people fleeing: the flight rule below decides between origin and destination
                if layer in _FLIGHT_LAYERS and FLIGHT not in off:
                    # origin and destination first: "من جنوب دمشق إلى محافظة إدلب" is from the
                    # south of Damascus even though a bearing is otherwise a reference point
                    targets = self._flight_origins(doc, cl, places)
                    targets = event_places(doc, targets, g, off | _MOVEMENT_RULE) if targets else []
                else:
                    targets = event_places(doc, places, g, off)
                if BETWEEN not in off:
                    targets = self._between(doc, targets)
                a1, a2 = self._actors(doc, cl, layer, actors, a, b, strike_pos, trig)
                if layer not in _NONVIOLENT and DEAD_VICTIMS not in off:
                    a1, a2 = self._dead_are_victims(doc, cl, actors, layer, a1, a2)
                if not a2 and layer not in _NONVIOLENT and VICTIMS not in off:
                    # "…، ما أدى إلى مقتل ثلاثة مدنيين": the civilians killed are the second actor
                    civ = [x for x in actors if x.role == "civilians" and x.start > cl.start]
                    if civ and civ[0].name != a1:
                        a2 = civ[0].name
                dirs = [m for m in places if m.qualifier.kind == "direction"]
                for date, tprec, dnote in dates:
                    if len(dirs) >= 3 and all(m.qualifier.kind == "direction" for m in targets) \
                            and AREA not in off:
                        out.append(self._area_event(art, layer, dirs, date, tprec, dnote, a1, a2,
                                                    quote))
                        continue
                    for i, m in enumerate(targets):
                        ev = self._event(doc, layer, m, targets, i, lay_fat, date, tprec,
                                         dnote, a1, a2, claim, quote, places)
                        out.append(self._inside(ev, cl, m) if SUB_PLACE not in off else ev)
        if ATTACK_BY_EXPLOSIVE not in off and any(e.layer == "attack" for e in out):
            # "اغتيال مسؤول، في مدينة جاسم، بتفجير عبوة ناسفة": one incident, coded by its
            # weapon (ACLED: an assassination by IED is remote violence)
            blasts = {(e.place.id if e.place else e.location, e.event_date)
                      for e in out if e.layer in _EXPLOSIVE}
            out = [e for e in out if e.layer != "attack"
                   or (e.place.id if e.place else e.location, e.event_date) not in blasts]
        return out

    # ------------------------------------------------------------------
    def _layers(self, doc, cl, trig, ns, sent_layers, actors, a, b) -> list[str]:
        """The kinds of event a clause reports: its most telling trigger's, and with
        fighting and shelling named together, one of each."""
        ranked = sorted(trig, key=lambda t: (self.g.priority[t.layer], t.start))
        layers = []
        for t in ranked:
            lay = self._layer(doc, cl, t, ns, sent_layers)
            if lay == "territory":
                lay = territory_layer(actors, cl.start, cl.end) if any(
                    cl.start <= x.start < cl.end for x in actors) else territory_layer(actors, a, b)
            if lay not in layers:
                layers.append(lay)
        if not layers:
            return []
        if "attack" in layers and any(x in layers for x in ("bombing", "suicide_bombing",
                                                             "air_strike", "shelling")):
            layers = [x for x in layers if x != "attack"]   # killed by a bomb: the bombing
        first = layers[0]
        if MULTI_LAYER in self.off or first not in _COMBAT:
            return [first]
        return [lay for lay in layers if lay in _COMBAT]

    def _syrian(self, doc, cl: _Clause, mentions: list[Mention]) -> list[Mention]:
        """The clause's places in Syria (not the country itself), without reporters'
        locations."""
        out = [m for m in mentions if m.place is not None and m.place.in_syria
               and m.place.kind != "country"]
        if SPEAKER not in self.off and out:
            out = [m for m in out if not self._speaker(doc, cl, m)]
        if REPORTER not in self.off and out:
            rep = [r.end() for r in self.g.reporter.finditer(cl.norm)]
            if rep:
                keep = []
                for m in out:
                    before = doc.norm(cl.start, m.start)
                    last = max((r for r in (x.end() for x in self.g.reporter.finditer(before))),
                               default=None)
                    if last is not None and len(before) - last < 40 and \
                            not self._reported_content(before[last:]):
                        continue       # "مراسل فرانس برس في دوما"
                    keep.append(m)
                out = keep
        return out

    def _reported_content(self, between: str) -> bool:
        """"مراسل الميادين إن الطائرات قصفت بلدة X": after أن/إن or a verb of saying, a place
        belongs to what the reporter tells, not to where the reporter is."""
        lex = self.lexicon
        for w in between.split():
            core = lex.strip_clitics(w)[1]
            if w in ("ان", "بان", "وان") or w in lex.speech or core in lex.speech:
                return True
        return bool(self.g.find_triggers(between))

    def _speaker(self, doc, cl: _Clause, m: Mention) -> bool:
        """"قالت دمشق", "دمشق تتهم", "توصلت دمشق إلى اتفاق": a capital named as the government
        that speaks or acts."""
        if m.place.kind not in ("city", "governorate") or m.qualifier or m.trigger:
            return False
        lex = self.lexicon
        before = doc.norm(max(cl.start, m.start - 15), m.start).split()
        after = doc.norm(m.end, min(cl.end, m.end + 15)).split()
        prev = lex.strip_clitics(before[-1])[1] if before else ""
        nxt = after[0] if after else ""
        acts = lex.speech | lex.agent_verbs
        bare = before[-1][1:] if before and before[-1][:1] in ("و", "ف") else ""
        return (before and (before[-1] in acts or prev in acts or bare in acts)) \
            or nxt in lex.speech

    def _after_contrast(self, doc, cl: _Clause) -> bool:
        """The clause follows فيما، بينما، في وقت…: it tells of something else (so does
        "ردا على": what was retaliated for is another event, at its own places)."""
        return CONTRAST not in self.off and bool(_CONTRAST.search(
            doc.norm(max(0, cl.start - 10), cl.start + 1)))

    def _places_elsewhere(self, doc, clauses, ci, live, fat) -> list[Mention]:
        """A trigger clause without a place: the places of the clauses after it (up to the
        next trigger clause), or the sentence's only place when the clause gives a date or a
        toll."""
        here = clauses[ci]
        if ci > 0 and WHERE not in self.off and _WHERE.search(doc.norm(max(0, here.start - 8),
                                                                         here.start + 1)):
            # "في داريا والغوطة الشرقية حيث تواصلت المعارك": where = the places just named
            prev = self._syrian(doc, clauses[ci - 1], clauses[ci - 1].mentions)
            if prev:
                return prev
        if ci > 0 and MEANS not in self.off and live[id(here)]:
            first = min(live[id(here)], key=lambda t: t.token_start)
            lead = doc.text[here.start:first.token_start + 1].strip()
            if lead == "ب" or lead == "وب":
                # "اغتيال مسؤول في مدينة جاسم، بتفجير عبوة ناسفة": the means of the event
                # just reported, at its place
                for cl in reversed(clauses[:ci]):
                    if self._after_contrast(doc, clauses[clauses.index(cl) + 1]):
                        break
                    prev = self._syrian(doc, cl, cl.mentions)
                    if prev:
                        return prev
        if ci > 0 and ANTECEDENT not in self.off and _RELATIVE_PRONOUN.match(here.norm):
            # "… إلى مدينة عفرين المتاخمة لإدلب، والتي سيطر عليها الجيش الحر في 18 آذار": the
            # place the relative pronoun stands for, the last one the clause before names
            prev = event_places(doc, self._syrian(doc, clauses[ci - 1], clauses[ci - 1].mentions),
                                self.g, self.off)
            if len({m.place.id for m in prev}) == 1:
                return prev[:1]
        after = []
        referred = False
        for cl in clauses[ci + 1:]:
            if live[id(cl)]:
                if fat is not None and not referred and TOLL_REFERRED not in self.off \
                        and _THIS_EVENT.search(cl.norm):
                    # "مقتل 26 مقاتلاً في ضربات …، وقال المرصد إن هذا القصف استهدف مطاراً في
                    # حلب، واللواء 47 في حماة": the clause that refers back (and those after
                    # it) say where the strikes of the toll were
                    referred = True
                    after.extend(self._syrian(doc, cl, cl.mentions))
                    continue
                break
            if self._after_contrast(doc, cl):
                break      # "…، فيما شهدت مدينة X هدوءاً": another place, not the event's
            after.extend(self._syrian(doc, cl, cl.mentions))
        if after:
            return after
        # the sentence's places, without those across a contrast ("فيما", "في وقت")
        lo, hi = ci, ci + 1
        while lo > 0 and not self._after_contrast(doc, clauses[lo]):
            lo -= 1
        while hi < len(clauses) and not self._after_contrast(doc, clauses[hi]):
            hi += 1
        pronoun = bool(self.g.pronoun_countryside.search(here.norm))
        if pronoun:      # "…مدينة خان شيخون، فيما تواصل القصف على ريفها": ها refers across
            lo, hi = 0, len(clauses)
        every = [m for cl in clauses[lo:hi] for m in self._syrian(doc, cl, cl.mentions)]
        # a clause of one word ("، وذلك رغم …") is a joint, not a part of the sentence
        parts = sum(1 for cl in clauses if cl.triggers or cl.mentions or len(cl.norm.split()) > 1)
        if len({m.place.id for m in every}) == 1 and (here.dates or fat is not None
                                                       or parts <= 2):
            if pronoun and PRONOUN_COUNTRYSIDE not in self.off:
                return [replace(m, qualifier=Qualifier("countryside")) for m in every]
            return every
        return []

    def _consequence_fatalities(self, clauses, ci, live) -> int | None:
        """The toll of the clauses right after an event clause that tell what it caused."""
        for cl in clauses[ci + 1:ci + 3]:
            if live[id(cl)] and not self.g.consequence.search(cl.norm):
                break
            n = self.g.fatalities(cl.norm)
            if n is not None:
                return n
        return None

    def _dates(self, art, cl: _Clause, sdates, running, anterior: bool = False
               ) -> list[tuple[dt.date | None, int, str]]:
        """(date, time_precision, note) of each event of a clause: one per listed day.
        *anterior*: the clause's sentence is in the pluperfect (:data:`_PLUPERFECT`)."""
        if art.date is not None and DAYS not in self.off:
            days = [d for d in cl.dates if not d.year_only and d.date is not None
                    and d.precision == 1 and not d.relative]
            if len(days) > 1:
                return [(d.date, 1, "") for d in days]
        return [date_for(art, cl.start, cl.end, cl.dates, sdates, running, self.off, anterior)]

    @staticmethod
    def _since_only(art, cl: _Clause, sdates) -> bool:
        """The clause (or, without a date of its own, its sentence) is dated only by a
        "since" date days before publication: a campaign summary."""
        ds = [d for d in (cl.dates or sdates) if not d.year_only]
        if not ds or not all(d.since for d in ds) or art.date is None:
            return False
        return all(d.date is not None and (art.date - d.date).days > 2 for d in ds)

    def _flight_origins(self, doc, cl: _Clause, targets: list[Mention]) -> list[Mention]:
        """People fleeing from X towards Y: the displacement is from X."""
        origins, dests = [], []
        for m in targets:
            before = doc.norm(max(cl.start, m.start - 30), m.start).translate(_QUOTES)
            if self.g.from_cue.search(before):
                origins.append(m)
            elif self.g.to_cue.search(before):
                dests.append(m)
        if origins:
            return origins
        if DESTINATION in self.off:
            return [m for m in targets if m not in dests] or targets
        return [m for m in targets if m not in dests]

    def _between(self, doc, targets: list[Mention]) -> list[Mention]:
        """"بين قريتي X وY": one event, at the first place."""
        if len(targets) < 2:
            return targets
        first = targets[0]
        before = doc.norm(first.start - 20, first.start).translate(_QUOTES)
        if self.g.between_cue.search(before):
            return [first]
        return targets

    def _actors(self, doc, cl: _Clause, layer: str, actors: list[Actor], a: int, b: int,
                strike_pos: list[int], trig: list[Trigger]) -> tuple[str, str]:
        """(actor1, actor2): the agent named by a passive cue or a nationality adjective
        of the weapon first, else the clause's and sentence's actors."""
        g = self.g
        if layer == "disrupted_weapons" and INTERCEPTOR not in self.off:
            got = self._interception_actors(doc, cl, actors, a, b, strike_pos, trig)
            if got is not None:
                return got
        for t in trig:
            name = self._adjective_actor(doc, cl, t)
            if name:
                others = [x for x in actors if cl.start <= x.start < cl.end and x.name != name
                          and not self.pats.allied(x.name, name)]
                return name, (others[0].name if others else "")
        if layer in ("air_strike", "shelling") and INSTRUMENT_ADJECTIVE not in self.off:
            # "استهدفت مسيرة تركية سيارة": the weapon's nationality is the attacker's
            for im in self.g.instruments.finditer(cl.norm):
                am = self.g.actor_adjectives.match(cl.norm[im.end():im.end() + 30].strip())
                name = self.lexicon.actor_adjectives.get(am.group(1)) if am else None
                if name:
                    others = [x for x in actors if cl.start <= x.start < cl.end
                              and x.name != name and not self.pats.allied(x.name, name)]
                    return name, (others[0].name if others else "")
        for x in actors:
            if cl.start <= x.start < cl.end:
                before = doc.norm(max(cl.start, x.start - 20), x.start)
                if g.agent_cue.search(before):
                    others = [y for y in actors if cl.start <= y.start < cl.end and y is not x
                              and not self.pats.allied(y.name, x.name)]
                    return x.name, (others[0].name if others else "")
        return actors_for(self.pats, actors, cl.start, cl.end, a, b, layer, strike_pos, self.off)

    def _dated_later(self, doc, a: int, b: int, sdates, events: list[Event]) -> None:
        """"اغتيال X في مدينة مصياف بتفجير عبوة. … وقال المرصد إن الانفجار وقع مساء السبت": a
        sentence that tells no event but dates "the explosion" dates the article's last event
        of that kind when that one had no date of its own (it took the article's date)."""
        art = doc.article
        hit = _DEFINITE_EVENT.search(doc.norm(a, b))
        days = [d for d in sdates if d.date and d.precision == 1 and not d.year_only
                and not d.since and not d.ago and art.date
                and 0 <= (art.date - d.date).days <= RUNNING_DATE_DAYS]
        if hit is None or not days:
            return
        word = hit.group(0).split()[-1]
        kinds = next((k for w, k in _REFERRED_KINDS if w in word), None)
        last = next((e for e in reversed(events) if kinds is None or e.layer in kinds), None)
        if last is None or last.layer in _NONVIOLENT or _UNDATED not in last.notes:
            return
        d = days[0]
        prec = max(d.precision, 2) if d.relative and art.date_precision != "day" else d.precision
        last.event_date, last.time_precision = d.date, prec
        last.notes[last.notes.index(_UNDATED)] = f"date from a later sentence ('{d.text}')"

    def _day_after(self, doc, a: int, cl: _Clause, sdates, smentions
                   ) -> list[tuple[dt.date, int, str]]:
        """"وغداة التقارير حول الهجوم الكيميائي، أعلنت دمشق عن اتفاق": a clause after غداة (the
        day after) or عشية (the eve of) an event word, in its sentence, is dated one day after
        (before) the last event of that kind the article has told with its day."""
        i = doc.norm_bounds(a, cl.end)[0]
        j = doc.norm_bounds(cl.start, cl.end)[1]
        hit = None
        for hit in _DAY_AFTER.finditer(doc.nt.text, i, j):
            pass        # the last one before the clause's end
        if hit is None or any(hit.start() <= doc.norm_bounds(d.start, d.end)[0] < hit.end()
                              for d in sdates):
            return []       # "غداة يوم الجمعة": a date of its own, read by the date rules
        words = hit.group(2)
        kinds = {t.layer for t in self.g.find_triggers(words)}
        if self.g.instrument(words):
            kinds.add(self.g.instrument(words))
        if "strike" in kinds:
            kinds |= {"air_strike", "shelling"}
        if "territory" in kinds:
            kinds |= {"territory_gov", "territory_nonstate"}
        priors = [e for e in self._earlier if e.layer in kinds
                  and e.event_date is not None and e.time_precision <= 2]
        here = {m.place.id for m in smentions if m.place is not None}
        # the last such event at a place the sentence names, else the last one
        prior = next((e for e in reversed(priors) if e.place is not None and e.place.id in here),
                     priors[-1] if priors else None)
        if prior is None:
            return []
        step = 1 if hit.group(1) == "غداه" else -1
        return [(prior.event_date + dt.timedelta(days=step), prior.time_precision,
                 f"dated from the {prior.sub_event_type.lower()} of {prior.event_date} "
                 f"('{'غداة' if step == 1 else 'عشية'}')")]

    def _dated_fact(self, doc, cl: _Clause, before: str) -> bool:
        """"ينوون التوجه إلى عفرين التي سيطر عليها الجيش الحر في 18 آذار 2018": an event
        word in a relative clause that gives a calendar day before publication is a fact,
        whatever plan the clause names before the relative pronoun (event.dated_fact)."""
        if DATED_FACT in self.off:
            return False
        art = doc.article
        if art.date is None or not any(not d.relative and d.precision == 1 and d.date is not None
                                       and d.date < art.date for d in cl.dates):
            return False
        rel = None
        for rel in _RELATIVE_PRONOUN.finditer(before):
            pass
        return rel is not None and not self.g.hypothetical.search(before[rel.end():])

    def _dead_are_victims(self, doc, cl: _Clause, actors, layer: str, a1: str, a2: str):
        """"قتل عنصران من قوات النظام بانفجار لغم": the armed actor named as the dead (right
        after a kill word and a count) is the second actor; the first is another actor of the
        clause, else unidentified ("قصفت قوات النظام البلدة، ما أدى إلى مقتل 3 من عناصر
        الهيئة": the regime, and the HTS)."""
        dead = [x for x in actors if cl.start <= x.start < cl.end and x.role != "civilians"
                and _DEAD_OF.search(doc.norm(max(cl.start, x.start - 40), x.start))]
        if not dead:
            return a1, a2
        if dead[0].name != a1:
            return a1, (a2 or dead[0].name)
        others = [x.name for x in actors if cl.start <= x.start < cl.end
                  and x.name != a1 and x.role != "civilians" and x not in dead]
        unknown = "Unidentified military forces (air)" if layer == "air_strike" \
            else "Unidentified armed group"
        return (others[0] if others else unknown), a1

    def _adjective_actor(self, doc, cl, t: Trigger, past_air: bool = False) -> str | None:
        """The actor a nationality adjective right after trigger *t* names ("غارات روسية"),
        or None; with *past_air*, after "الجوية" too ("الدفاعات الجوية السورية")."""
        tail = doc.norm(t.end, min(cl.end, t.end + 30)).strip()
        if past_air:
            tail = _AIR_WORD.sub("", tail)
        m = self.g.actor_adjectives.match(tail)
        return self.lexicon.actor_adjectives.get(m.group(1)) if m else None

    def _interception_actors(self, doc, cl, actors, a, b, strike_pos, trig):
        """(actor1, actor2) of an interception, or None: the nationality after the air
        defences ("الدفاعات الجوية السورية") is who stopped the weapon (actor1), the one after
        the weapon ("صواريخ إسرائيلية") whose weapon it was (actor2)."""
        defender = owner = ""
        for t in trig:
            name = self._adjective_actor(doc, cl, t, past_air=True)
            if not name:
                continue
            if t.layer == "disrupted_weapons":
                defender = defender or name
            else:
                owner = owner or name
        if not owner:
            return None
        if not defender:
            rest = [x for x in actors if x.name != owner and not self.pats.allied(x.name, owner)]
            defender = actors_for(self.pats, rest, cl.start, cl.end, a, b, "disrupted_weapons",
                                  strike_pos, self.off)[0]
        return defender, owner

    # ------------------------------------------------------------------
    def _event(self, doc, layer, m, targets, i, fat, date, tprec, dnote, a1, a2, claim, quote,
               others=()):
        art = doc.article
        loc, loc_ar, gp = place_label(m.place, m.qualifier)
        notes = [dnote] if dnote else []
        before = doc.norm(m.start - NEAR_WINDOW, m.start).translate(_QUOTES)
        enroute = ENROUTE not in self.off and layer not in _NONVIOLENT and \
            bool(self.g.to_cue.search(before)) and any(
                self.g.from_cue.search(doc.norm(o.start - NEAR_WINDOW, o.start).translate(_QUOTES))
                for o in others if o.end <= m.start)
        if enroute:
            gp = max(gp, 2)
            loc = f"near {loc}"
            notes.append(f"reported on the way to {m.place.name_en}: located near it")
        elif m.qualifier.kind == "route-end":
            gp = max(gp, 2)     # targets.one_road: somewhere on the road that starts here
            loc = f"near {loc}"
            notes.append(f"reported on a road from {m.place.name_en}: located near it")
        elif self.g.near_cue.search(before) and NEAR not in self.off:
            gp = max(gp, 2)
            loc = f"near {loc}"
            notes.append(f"reported near {m.place.name_en}")
        if claim:
            notes.append("reported as a claim (مزاعم) by the source")
        if m.place.precision != "point":
            notes.append(f"gazetteer precision of {m.place.id}: {m.place.precision}")
        f = fat
        if fat is not None and len(targets) > 1 and SPLIT not in self.off:
            f = fat // len(targets) + (fat % len(targets) if i == 0 else 0)
            notes.append(f"{fat} fatalities reported in total for "
                         f"{', '.join(t.place.name_en for t in targets)}; split evenly")
        return Event(event_date=date, time_precision=tprec, layer=layer, actor1=a1, actor2=a2,
                     fatalities=f, place=m.place, location=loc, location_ar=loc_ar,
                     admin1=m.place.admin1, geometry=geometry_for(m.place, m.qualifier),
                     geo_precision=gp, sources=[Source.of(art)], quotes=[quote],
                     notes=notes)

    @staticmethod
    def _inside(ev: Event, cl: _Clause, host: Mention) -> Event:
        """"دوار X في مدينة Y": the event is in a part of Y the gazetteer lacks — located at
        Y with precision 2, the part's name kept in location_ar."""
        subs = [m for m in cl.mentions if m.place is None and m.trigger in _SUB_PLACE_TRIGGERS
                and m.start < host.start]
        if not subs or host.place.kind not in ("city", "town", "village", "camp") or host.qualifier:
            return ev
        sub = subs[-1]
        ev.location = f"{sub.surface} ({ev.location})"
        ev.location_ar = f"{sub.surface}، {ev.location_ar}"
        ev.geo_precision = max(ev.geo_precision, 2)
        ev.notes.append(f"'{sub.surface}' ({sub.trigger}) is not in the gazetteer; located at "
                        f"{host.place.name_en}, the place the report names it in")
        return ev

    @staticmethod
    def _area_event(art, layer, dirs, date, tprec, dnote, a1, a2, quote) -> Event:
        """"من جنوب تدمر حتى شرق القريتين وشمال طريق دمشق بغداد": the area they bound."""
        pts = []
        for m in dirs:
            p = geo.offset(m.place.lat, m.place.lon, geo.BEARINGS[m.qualifier.direction],
                           AREA_OFFSET_KM)
            pts.append((p.y, p.x))
        poly = geo.area(pts)
        names = ", ".join(f"{m.qualifier.direction} of {m.place.name_en}" for m in dirs)
        first = dirs[0].place
        return Event(event_date=date, time_precision=tprec, layer=layer, actor1=a1, actor2=a2,
                     fatalities=None, place=first, location=f"area: {names}",
                     location_ar="، ".join(m.surface for m in dirs), admin1=first.admin1,
                     geometry=poly, geo_precision=3, sources=[Source.of(art)],
                     quotes=[quote],
                     notes=[n for n in (dnote, "area bounded by the places the report names, each "
                                        f"moved {AREA_OFFSET_KM:.0f} km in the stated direction") if n])

    def _unlisted_events(self, doc, cl, layers, smentions, sdates, running, actors, a, b,
                         quote) -> list[Event]:
        """Events at a name the gazetteer lacks, located by the place the report names with
        it: a sub-place ("دوار X في مدينة Y") at Y with precision 2, a village ("قرية X")
        at the area the report names with precision 3."""
        unresolved = [m for m in cl.mentions if m.place is None and m.trigger]
        if not unresolved or not layers:
            return []
        others = [m for m in smentions if m.place is not None and m.place.in_syria
                  and m.place.kind != "country"]
        art = doc.article
        out = []
        name = unresolved[0]
        sub_trig = name.trigger in _SUB_PLACE_TRIGGERS
        hosts = [m for m in others if m.place.kind in ("city", "town", "village", "neighbourhood",
                                                        "camp") and not m.qualifier]
        area = [m for m in others if m.qualifier.kind == "countryside"
                or m.place.kind in ("region", "governorate", "district")]
        if sub_trig and hosts and SUB_PLACE not in self.off:
            host, prec, how = hosts[0], 2, "the place the report names it in"
        elif area and UNLISTED not in self.off:
            host, prec, how = area[0], 3, "the area the report names"
        else:
            return []
        loc, _, _ = place_label(host.place, host.qualifier)
        date, tprec, dnote = self._dates(art, cl, sdates, running,
                                         bool(_PLUPERFECT.match(doc.norm(a, cl.end))))[0]
        for layer in layers:
            a1, a2 = actors_for(self.pats, actors, cl.start, cl.end, a, b, layer, [], self.off)
            notes = [n for n in (dnote, f"'{name.surface}' is not in the gazetteer; located at "
                                 f"{how} ({loc})") if n]
            label = f"{name.surface} ({loc})"
            out.append(Event(event_date=date, time_precision=tprec, layer=layer, actor1=a1,
                             actor2=a2, fatalities=None, place=host.place, location=label,
                             location_ar=name.surface, admin1=host.place.admin1,
                             geometry=geometry_for(host.place, host.qualifier), geo_precision=prec,
                             sources=[Source.of(art)], quotes=[quote], notes=notes))
        return out


#: Triggers of sub-places located at the place they are in (normalised).
_SUB_PLACE_TRIGGERS = frozenset({"حي", "احياء", "دوار", "ساحه", "سوق", "مشفي", "مستشفي", "جامع",
                                 "مسجد", "مدرسه", "فرع", "فوج", "كتيبه", "مفرق", "حاجز", "مخيم"})


def extract_events(articles: Iterable, resolver: Resolver | None = None) -> list[Event]:
    """Extract and merge the events of several articles.

    Parameters
    ----------
    articles : iterable of Article
    resolver : Resolver, optional

    Returns
    -------
    list of Event
        One per distinct event; events located outside Syria are never produced.
    """
    ex = EventExtractor(resolver)
    raw: list[Event] = []
    for art in articles:
        raw.extend(ex.extract(art))
    return merge_events(raw)
