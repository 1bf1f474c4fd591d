"""The event patterns, compiled once per lexicon from its word lists.

The words are data (``event_triggers.tsv``, ``instruments.tsv``, ``markers.tsv``,
``event_cues.tsv``, ``fatalities.tsv``, ``numbers.tsv``, ``directions.tsv``); the
grammar that arranges them (which proclitics may precede a word, what may stand
between a cue and a name, how a death toll is worded) is here.  Every pattern
runs on normalised text (:mod:`geomap.arabic`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..lexicon import Lexicon
from ..rx import AnyOf, WordStarts, gated
from .model import TRIGGER_PRIORITY

__all__ = ["Grammar", "grammar", "Trigger"]

_CLITIC = r"(?:[وبلفك]|وب|ول|لل|ال|بال|وال|فال|وبال|كال|فب|فل)?"
_UNSET = object()
#: The longest clitic sequence :data:`_CLITIC` allows.
_CLITIC_MAX = 4


def _alt(words) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


@dataclass(frozen=True, slots=True)
class Trigger:
    """An event word found in normalised text."""

    start: int          #: offset of the word (after its clitics) in the normalised text
    end: int
    layer: str          #: a layer key, or "territory" / "strike" (resolved later)
    phrase: str
    flags: frozenset[str]
    token_start: int    #: offset of the token, clitics included


class Grammar:
    """Compiled patterns of one lexicon (applied to normalised text)."""

    def __init__(self, lex: Lexicon):
        self.lexicon = lex
        by_layer: dict[str, list[str]] = {}
        self.flags: dict[tuple[str, str], frozenset[str]] = {}
        for layer, phrase, flags in lex.event_triggers:
            by_layer.setdefault(layer, []).append(phrase)
            self.flags[(layer, phrase)] = flags
        self.layers = [layer for layer in TRIGGER_PRIORITY if by_layer.get(layer)]
        gapped = {(layer, phrase) for layer, phrase, flags in lex.event_triggers if "gap" in flags}

        def alt(layer, phrases):
            """Alternation of a layer's phrases; a "gap" phrase lets one word stand
            before its last word ("السيطرة مؤخرا على")."""
            parts = []
            for p in sorted(set(phrases), key=lambda w: (-len(w), w)):
                if (layer, p) in gapped and " " in p:
                    head, last = p.rsplit(" ", 1)
                    parts.append(re.escape(head) + r"(?:\s+\S+)?\s+" + re.escape(last))
                else:
                    parts.append(re.escape(p))
            return "|".join(parts)
        #: every trigger in one pattern, one named group per kind, in priority order, so that
        #: a longer phrase wins at a position ("قصف جوي" over "قصف") and, at equal length,
        #: the more telling kind
        self.triggers = re.compile(r"(?<![\w])" + _CLITIC + r"(?:" + "|".join(
            f"(?P<{layer}>" + alt(layer, by_layer[layer]) + ")" for layer in self.layers)
            + r")(?![\w])")
        self.priority = {k: i for i, k in enumerate(TRIGGER_PRIORITY)}
        #: the literal each trigger phrase begins with (a gapped phrase: the words before the
        #: gap), in one automaton: the big pattern is tried only where one of them starts
        heads = [p.rsplit(" ", 1)[0] if (layer, p) in gapped and " " in p else p
                 for layer in self.layers for p in by_layer[layer]]
        self._starts = WordStarts(self.triggers, heads, _CLITIC_MAX)
        self._fatalities: dict[str, int | None] = {}
        inst: dict[str, list[str]] = {}
        for layer, phrase in lex.instruments:
            inst.setdefault(layer, []).append(phrase)
        self.instruments = re.compile(r"(?<![\w])" + _CLITIC + r"(?:" + "|".join(
            f"(?P<{layer}>" + _alt(ws) + ")" for layer, ws in inst.items()) + r")(?![\w])")
        self.actor_adjectives = re.compile(r"(?<![\w])(?:و)?(" + _alt(lex.actor_adjectives) +
                                           r")(?![\w])")
        mk = lex.markers
        # "بإطلاق صواريخ" launches; "إطلاق سراح" is a release, not a launch
        self.launch = re.compile(r"(?<![\w])(?:وب|[وفب])?(?:" + _alt(mk["launch"]) +
                                 r")(?![\w])(?!\s+(?:ال)?سراح)")
        self.threat = re.compile(r"(?<![\w])[وف]?(?:" + _alt(mk["threat"]) + r")(?![\w])")
        self.launcher = re.compile(r"(?<![\w])[وبل]?(?:" + _alt(mk["launcher"]) + r")(?![\w])")
        #: a verdict verb and, later, أن or بأن: what follows is judged, not reported
        self.opinion = re.compile(r"(?<![\w])[وف]?(?:" + _alt(mk["opinion"]) + r")(?![\w])"
                                  r".*?(?<![\w])(?:ان|بان)(?:ه|ها|هم)?(?![\w])")
        #: the first word or two after a trigger naming who is not armed ("قافلة مساعدات")
        self.unarmed = re.compile(r"^\s*(?:\S+\s+)??[وب]?(?:" + _alt(mk["unarmed"]) + r")(?![\w])")
        self.impact = re.compile(r"(?<![\w])[وف]?(?:" + _alt(mk["impact"]) + r")(?![\w])")
        self.denial = re.compile(r"(?<![\w])[و]?(?:" + _alt(mk["denial"]) + r")(?![\w])")
        self.refusal = re.compile(r"(?<![\w])[و]?(?:" + _alt(mk["refusal"]) + r")(?![\w])")
        self.claim = re.compile(r"(?<![\w])(?:" + _alt(mk["claim"]) + r")(?![\w])")
        self.hypothetical = re.compile(r"(?<![\w])[وفل]?(?:" + _alt(mk["hypothetical"]) + r")(?![\w])")
        self.request = re.compile(r"(?<![\w])[و]?(?:" + _alt(mk["request"]) + r")(?![\w])")
        self.axis = re.compile(r"(?<![\w])(?:" + _alt(mk["axis"]) + r")(?![\w])")
        self.reporter = re.compile(r"(?<![\w])[وول]?(?:" + _alt(mk["reporter"]) + r")(?![\w])")
        self.stative = re.compile(r"(?<![\w])[وب]?(?:" + _alt(mk["stative"]) + r")(?![\w])")
        # the marker, then at most two words before the event word ("تحقيقا في الهجوم بغاز")
        self.investigated = re.compile(r"(?<![\w])[و]?(?:" + _alt(mk["investigated"])
                                       + r")(?:\s+\S+){0,2}\s*$")
        self.recap = re.compile(r"(?<![\w])[و]?(?:" + _alt(mk["recap"]) + r")(?:\s+ان)?\s*$")
        self.consequence = re.compile(r"(?<![\w])(?:" + _alt(mk["consequence"]) + r")(?![\w])")
        self.concluded = re.compile(r"(?<![\w])[وف]?(?:" + _alt(mk["concluded"]) + r")(?![\w])")
        self.background = re.compile(r"(?<![\w])[و]?(?:" + _alt(mk["background"]) + r")(?![\w])")
        self.relative = re.compile(r"(?<![\w])[و]?(?:" + _alt(mk["relative"]) + r")"
                                   r"(?:\s+(?:كانت|كان|قد|سبق ان|سبق))*\s*$")
        self.clause_split = re.compile(r"،|؛|;|(?<![\w])(?:" + _alt(mk["clause-break"]) + r")(?![\w])")
        # fatalities
        self.numbers = dict(lex.numbers)
        num = r"(\d{1,5}|" + "|".join(sorted(lex.numbers, key=len, reverse=True)) + r")"
        fat = lex.fatalities
        about = "|".join(re.escape(w) + r"\s+" for w in fat["about"])
        kill = r"(?<![\w])(?:[وبل]|وب)?(?:" + _alt(fat["kill"]) + r")"
        when = r"(?:(?:اليوم|امس|" + "|".join(lex.weekdays) + r")\s*)?"
        self.kill_before = re.compile(kill + r"\s*" + when + r"(?:(?:" + about +
                                      r")|ما لا يقل عن\s+|قرابه\s+)?" + num + r"(?![\w\d])")
        self.kill_after = re.compile(num + r"\s+(?:" + _alt(fat["killed"]) + r")(?![\w])")
        self.victims = re.compile(r"(?<![\w])[و]?" + num + r"\s+(?:" + _alt(fat["victims"]) +
                                  r")(?![\w])")
        # "وقتل خلال الغارات نحو 20 شخصا": up to four words between the kill word and a
        # number that a noun of people follows
        people = _alt(fat["victims"]) + "|" + _alt(fat["killed"])
        # (not across a word of the wounded: "قتل رجل وأصيب 6 مدنيين" does not kill six)
        self.kill_gap = re.compile(kill + r"(?:\s+(?![\d])(?![وف]?(?:اصيب|اصيبت|اصابه|جرح|جرحي)"
                                   r"(?![\w]))\S+){1,4}?\s+(?:(?:" + about + r"))?" + num +
                                   r"\s+(?:" + people + r")(?![\w])")
        self.perished = re.compile(r"(?<![\w])(?:لقي|لقيت|لقوا)\s+(?:(?:" + about + r"))?" + num +
                                   r"(?:\s+\S+){0,2}?\s+(?:" + _alt(fat["perished"]) + r")(?![\w])")
        #: "إن 26 شخصاً قتلوا في الهجوم": a number, a noun of people and a verb of dying
        self.died_after = re.compile(r"(?<![\w\d])" + num + r"\s+(?:" + _alt(fat["victims"]) +
                                     r")\s+(?:قتلوا|قتلا|قضوا|قضيا|لقوا|ماتوا|توفوا)(?![\w])")
        self.toll = re.compile(r"(?<![\w])(?:" + _alt(fat["toll"]) + r")(?:\s+\S+){0,3}?\s+(?:الي\s+|"
                               r"(?:" + about + r"))?" + num + r"(?![\w\d])")
        #: "مقتل 5 مدنيين و3 عناصر من قوات النظام": a further count joined by و adds to the toll
        #: (a count after بينهم is part of it, not more)
        self.and_more = re.compile(r"(?:\s+(?:" + people + r")(?![\w]))?(?:\s+(?:من|في)\s+"
                                   r"[^\d،.؛]{1,40}?)?\s+و\s*" + num + r"\s+(?:" + people +
                                   r")(?![\w])")
        self.kill_several = re.compile(kill + r"(?:\s+\S+){0,2}?\s+(?:" + _alt(fat["several"]) + r")(?![\w])")
        self.kill_name = re.compile(kill + r"\s+(?:ال)?(" + _alt(lex.given_names) + r")(?![\w])") \
            if lex.given_names else None
        self.thousands = re.compile(r"^\s*(?:" + _alt(fat["thousands"]) + ")")
        #: "مقتل شخص", "مصرع طفل": one; "مقتل شخصين": two; "مقتل العشرات": dozens (12, ACLED)
        self.kill_one = re.compile(kill + r"\s+(?:" + _alt(_SINGULAR) + r")(?![\w])")
        #: "إن رجلاً واحداً على الأقل قتل": one person named before the verb of dying
        self.one_died = re.compile(r"(?<![\w])(?:" + _alt(_SINGULAR) + r")ا?(?:\s+واحدا?)?"
                                   r"(?:\s+علي الاقل)?\s+(?:قتل|قضي|توفي)(?![\w])")
        self.kill_two = re.compile(kill + r"\s+(?:" + _alt(_DUAL + _DUAL_NOM) + r")(?![\w])")
        self.two_after = re.compile(r"(?<![\w])(?:" + _alt(_DUAL_NOM) + r")(?![\w])")
        self.kill_self = re.compile(r"(?<![\w])(?:مقتله|مقتلها|مصرعه|مصرعها|استشهاده|وفاته)"
                                    r"(?:\s+مع\s+(\S+))?")
        self.kill_vague = re.compile(kill + r"\s+(?:ال)?(عشرات|مئات)(?![\w])")
        for name in ("kill_before", "kill_after", "victims", "kill_gap", "perished", "died_after", "toll",
                     "kill_several", "kill_name", "kill_one", "one_died", "kill_two", "kill_self", "kill_vague"):
            if getattr(self, name) is not None:
                setattr(self, name, gated(getattr(self, name)))
        #: a text none of the toll patterns can match has no toll (one pass for all of them:
        #: every pattern _fatalities_of tries must be listed here)
        self.may_kill = AnyOf([self.kill_before, self.kill_after, self.kill_gap, self.perished,
                               self.died_after, self.toll, self.kill_two, self.kill_one,
                               self.one_died, self.kill_self, self.kill_vague, self.kill_several,
                               self.kill_name])
        # place roles
        cues = lex.cues

        def cue(kind: str, triggers: str) -> re.Pattern:
            alts = "|".join((r"(?<![\w])" if word else "") + re.escape(p) for p, word in cues[kind])
            return re.compile(r"(?:" + alts + r")\s*(?:" + triggers + r")?\s*$")
        self.origin_cue = cue("origin", "بلده|مدينه|قريه|منطقه")
        self.target_cue = cue("target", "مدينه|بلده|قريه")
        self.near_cue = cue("near", "مدينه|بلده|قريه")
        self.from_cue = cue("from", "مدينه|بلده|مناطق|منطقه|قريه|قري|بلدات")
        self.to_cue = cue("to", "مدينه|بلده|مناطق|منطقه")
        self.between_cue = re.compile(r"(?<![\w])بين\s*(?:بلدتي|قريتي|مدينتي|بلدات|قري|مناطق)?\s*$")
        nouns = lex.direction_words("noun")
        self.bearing_words = {w: d for w, d in nouns.items() if d in ("north", "south", "east", "west")}
        self.offset = re.compile(r"(" + "|".join(self.bearing_words) + r")(?:ي)?\s+(?:مدينه\s+|بلده\s+)?"
                                 r"\S+(?:\s+\S+)?\s+(?:ب|بنحو\s+|بحوالي\s+)?(\d{1,3})\s*"
                                 r"(?:كيلومترا|كيلومتر|كم)")
        self.pronoun_countryside = re.compile(r"(?<![\w])[وب]?ريف(?:ها| المدينه| البلده)(?![\w])")
        #: the agent of a passive or a nominal report: "من قبل X", "على يد X", "مصدرها X"
        self.agent_cue = re.compile(r"(?<![\w])(?:من قبل|على يد|علي يد|مصدرها|مصدره|نفذها|نفذتها|"
                                    r"شنها|شنتها|تبناه|تبنته|تبناها)\s*$")

    def find_triggers(self, norm: str, start: int = 0, end: int | None = None) -> list[Trigger]:
        """Triggers of a normalised text (in text order).

        The same matches as ``triggers.finditer(norm, start, end)``: the pattern is tried
        only where a trigger phrase's token starts (:class:`~geomap.rx.WordStarts`)."""
        out = []
        for m in self._starts.finditer(norm, start, end):
            layer = m.lastgroup
            phrase = m.group(layer)
            flags = self.flags.get((layer, phrase))
            if flags is None:          # a gapped phrase: "السيطرة مؤخرا على"
                words = phrase.split()
                flags = self.flags.get((layer, " ".join(words[:-2] + words[-1:])), frozenset())
            out.append(Trigger(m.start(layer), m.end(layer), layer, phrase, flags, m.start()))
        return out

    @staticmethod
    def construct_heads(trigs: list[Trigger]) -> list[Trigger]:
        """The campaign words (offensive triggers) that head a construct whose second word is
        another layer's trigger: "عمليات إجلاء" is an evacuation, "حملة قصف" a shelling
        campaign, "حملة اعتقالات" arrests, not an offensive.  A capture stays the aim of the
        offensive: "عمليات استعادة السيطرة على X"."""
        starts = {t.token_start for t in trigs
                  if t.layer not in ("offensive", "territory", "territory_gov", "territory_nonstate")}
        return [t for t in trigs if t.layer == "offensive" and t.end + 1 in starts]

    def instrument(self, norm: str, start: int = 0, end: int | None = None) -> str | None:
        """The layer of the first instrument a text names (طيران -> air_strike), or None."""
        m = self.instruments.search(norm, start, len(norm) if end is None else end)
        return m.lastgroup if m else None

    def fatalities(self, norm: str) -> int | None:
        """The largest death count a text gives ("مقتل 5", "خمسة قتلى", "مقتل شخصين",
        "مقتل العشرات" = 12 as ACLED codes "dozens"), or None.  (Remembered per text: a
        clause is asked about several times.)"""
        memo = self._fatalities
        n = memo.get(norm, _UNSET)
        if n is _UNSET:
            if len(memo) > 4096:
                memo.clear()
            n = memo[norm] = self._fatalities_of(norm)
        return n

    def _fatalities_of(self, norm: str) -> int | None:
        if not self.may_kill.may_match(norm):
            return None
        best = None

        def keep(n):
            nonlocal best
            if n is not None and (best is None or n > best):
                best = n
        for rx in (self.kill_before, self.kill_after, self.kill_gap, self.perished,
                   self.died_after, self.toll):
            for m in rx.finditer(norm):
                tok = m.group(1)
                if self.thousands.match(norm[m.end():]):
                    continue      # "28 ألفاً": a campaign total, not one event
                n = self.number(tok)
                if n is not None:
                    pos = m.end()
                    while (more := self.and_more.match(norm, pos)) is not None:
                        k = self.number(more.group(1))
                        if k is None or self.thousands.match(norm[more.end():]):
                            break
                        n += k
                        pos = more.end()
                keep(n)
        if best is None:
            if self.kill_two.search(norm):
                keep(2)
            elif self.kill_one.search(norm) or self.one_died.search(norm):
                keep(1)
            for m in self.kill_self.finditer(norm):
                keep(2 if m.group(1) else 1)
            for m in self.kill_vague.finditer(norm):
                keep(12 if m.group(1) == "عشرات" else 100)
            if best is None and self.kill_several.search(norm):
                keep(3)      # "مقتل عدد من المدنيين": ACLED codes an unstated few as 3
            if best is None and self.kill_name is not None and self.kill_name.search(norm):
                keep(1)      # "مقتل سمير القنطار": one named person
        return best

    def number(self, tok: str) -> int | None:
        return int(tok) if tok.isdigit() else self.numbers.get(tok)


#: Singular and dual nouns of people after a kill word (normalised spelling).
_SINGULAR = ("شخص", "مدني", "طفل", "طفله", "امراه", "سيده", "رجل", "جندي", "ضابط", "عنصر",
             "مقاتل", "عسكري", "سائق", "صحفي", "ناشط", "مسعف", "طبيب", "قيادي", "قائد", "رئيس",
             "مدير", "مسؤول", "شاب", "فتاه", "مواطن", "عامل", "طيار")
_DUAL = ("شخصين", "طفلين", "جنديين", "عنصرين", "ضابطين", "رجلين", "امراتين", "مقاتلين اثنين",
         "مدنيين اثنين", "شابين", "مسعفين", "صحفيين")
_DUAL_NOM = ("شخصان", "طفلان", "جنديان", "عنصران", "ضابطان", "رجلان", "امراتان", "مدنيان")


@lru_cache(maxsize=8)
def grammar(lex: Lexicon) -> Grammar:
    """The (cached) :class:`Grammar` of a lexicon."""
    return Grammar(lex)
