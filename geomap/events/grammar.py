"""The event patterns, compiled once per lexicon from its word lists.

The words are data (``event_triggers.tsv``, ``markers.tsv``, ``event_cues.tsv``,
``fatalities.tsv``, ``numbers.tsv``, ``directions.tsv``); the grammar that
arranges them (which proclitics may precede a word, what may stand between a
cue and a name) is here.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..lexicon import Lexicon
from .model import TRIGGER_PRIORITY

__all__ = ["Grammar", "grammar"]


def _alt(words) -> str:
    return "|".join(re.escape(w) for w in words)


class Grammar:
    """Compiled patterns of one lexicon (applied to normalised text)."""

    def __init__(self, lex: Lexicon):
        self.lexicon = lex
        by_layer: dict[str, list[str]] = {}
        for layer, phrase in lex.event_triggers:
            by_layer.setdefault(layer, []).append(phrase)
        #: every trigger in one pattern, one named group per kind, in priority order (so a
        #: longer phrase of a more telling kind wins at a position: "قصف جوي" over "قصف")
        self.triggers = re.compile(r"(?:^|(?<=[^\w]))(?:[وبلف]|وب|ول|لل|ال|بال|وال)?(?:" + "|".join(
            f"(?P<{layer}>" + _alt(by_layer.get(layer, ())) + ")"
            for layer in TRIGGER_PRIORITY if by_layer.get(layer)) + r")(?![\w])")
        self.priority = {k: i for i, k in enumerate(TRIGGER_PRIORITY)}
        mk = lex.markers
        self.launch = re.compile(r"(?<![\w])[وف]?(?:" + _alt(mk["launch"]) + r")(?![\w])")
        self.denial = re.compile(r"(?<![\w])[و]?(?:" + _alt(mk["denial"]) + r")(?![\w])")
        self.claim = re.compile(r"(?<![\w])(?:" + _alt(mk["claim"]) + r")(?![\w])")
        self.hypothetical = re.compile(r"(?<![\w])[وف]?(?:" + _alt(mk["hypothetical"]) + r")(?![\w])")
        self.request = re.compile(r"(?<![\w])[و]?(?:" + _alt(mk["request"]) + r")(?![\w])")
        self.axis = re.compile(r"(?<![\w])(?:" + _alt(mk["axis"]) + r")(?![\w])")
        self.clause_split = re.compile(r"،|؛|;|(?<![\w])(?:" + _alt(mk["clause-break"]) + r")(?![\w])")
        # fatalities
        self.numbers = dict(lex.numbers)
        num = r"(\d{1,5}|" + "|".join(sorted(lex.numbers, key=len, reverse=True)) + r")"
        fat = lex.fatalities
        about = "|".join(re.escape(w) + r"\s+" for w in fat["about"])
        self.kill_before = re.compile(r"(?<![\w])(?:[وبل]|وب)?(?:" + _alt(fat["kill"]) + r")\s+(?:" +
                                      about + r")?" + num + r"(?![\w\d])")
        self.kill_after = re.compile(num + r"\s+(?:" + _alt(fat["killed"]) + r")(?![\w])")
        self.victims = re.compile(r"(?<![\w])[و]?" + num + r"\s+(?:" + _alt(fat["victims"]) +
                                  r")(?![\w])")
        self.thousands = re.compile(r"^\s*(?:" + _alt(fat["thousands"]) + ")")
        # place roles
        cues = lex.cues

        def cue(kind: str, triggers: str) -> re.Pattern:
            alts = "|".join((r"(?<![\w])" if word else "") + re.escape(p) for p, word in cues[kind])
            return re.compile(r"(?:" + alts + r")\s*(?:" + triggers + r")?\s*$")
        self.origin_cue = cue("origin", "بلده|مدينه|قريه|منطقه")
        self.target_cue = cue("target", "مدينه|بلده|قريه")
        self.near_cue = cue("near", "مدينه|بلده|قريه")
        self.from_cue = cue("from", "مدينه|بلده")
        self.to_cue = cue("to", "مدينه|بلده")
        nouns = lex.direction_words("noun")
        self.bearing_words = {w: d for w, d in nouns.items() if d in ("north", "south", "east", "west")}
        self.offset = re.compile(r"(" + "|".join(self.bearing_words) + r")(?:ي)?\s+(?:مدينه\s+|بلده\s+)?"
                                 r"\S+(?:\s+\S+)?\s+(?:ب|بنحو\s+|بحوالي\s+)?(\d{1,3})\s*"
                                 r"(?:كيلومترا|كيلومتر|كم)")
        self.pronoun_countryside = re.compile(r"(?<![\w])[وب]?ريف(?:ها| المدينه| البلده)(?![\w])")

    def find_triggers(self, norm: str) -> list[tuple[int, str]]:
        """Triggers of a normalised text, most telling kind first (then by position)."""
        hits = [(m.start(), m.lastgroup) for m in self.triggers.finditer(norm)]
        return sorted(hits, key=lambda h: (self.priority[h[1]], h[0]))

    def fatalities(self, norm: str) -> int | None:
        """The largest death count a text gives ("مقتل 5", "خمسة قتلى"), or None."""
        best = None
        for rx in (self.kill_before, self.kill_after):
            for m in rx.finditer(norm):
                tok = m.group(1)
                if self.thousands.match(norm[m.end():]):
                    continue      # "28 ألفاً": a campaign total, not one event
                n = int(tok) if tok.isdigit() else self.numbers.get(tok)
                if n is not None and (best is None or n > best):
                    best = n
        return best

    def number(self, tok: str) -> int | None:
        return int(tok) if tok.isdigit() else self.numbers.get(tok)


@lru_cache(maxsize=8)
def grammar(lex: Lexicon) -> Grammar:
    """The (cached) :class:`Grammar` of a lexicon."""
    return Grammar(lex)
