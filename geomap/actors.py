"""Recognise the armed actors of the Syrian war in Arabic text.

The actors, their spellings, roles and ACLED inter codes are data
(``geomap/data/lexicons/actors.tsv``, sides in ``allies.tsv``); names follow
ACLED's style.  Longer spellings win where two match at one place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .arabic import NormalizedText, normalize
from .rx import WordStarts
from .lexicon import Lexicon, load_lexicon

__all__ = ["Actor", "find_actors", "allied", "ActorPatterns"]


@dataclass(frozen=True, slots=True)
class Actor:
    """An actor mention: canonical name, role, offsets in the original text, and
    whether the text marks it as the object of the action ("مواقع داعش", "لداعش");
    ``inter`` is its ACLED inter code, ``country`` the ISO code of state forces."""

    name: str
    role: str
    start: int
    end: int
    target: bool = False
    inter: int = 0
    country: str = ""


_PUNCT = str.maketrans("", "", "«»\"“”()")


class ActorPatterns:
    """The compiled actor lexicon."""

    def __init__(self, lex: Lexicon):
        pats = sorted(((p, a) for a in lex.actors for p in a.spellings), key=lambda t: -len(t[0]))
        self.rx = re.compile(r"(?:^|(?<=[^\w]))(?:[وبلف]|وب|ول|لل|ال)?(" +
                             "|".join(re.escape(p) for p, _ in pats) + r")(?![\w])")
        self.by_pattern = {p: a for p, a in pats}
        #: the pattern is tried only where a spelling's token starts (same matches)
        self._starts = WordStarts(self.rx, [p for p, _ in pats], 2)
        self.target_words = frozenset(lex.markers["actor-target"])
        self.allies = lex.allies
        self.adjectives = lex.actor_adjectives
        self.by_name = {a.name: a for a in lex.actors}
        #: "التحالف الدولي بقيادة واشنطن": the leader named in another actor's description
        self.led_by = re.compile(r"(?:" + "|".join(re.escape(w) for w in lex.markers["led-by"]) +
                                 r")\s*$") if lex.markers.get("led-by") else None

    def allied(self, a: str, b: str) -> bool:
        """True when actors *a* and *b* are on the same side (or are the same)."""
        return a == b or any(a in g and b in g for g in self.allies)

    def find(self, nt: NormalizedText) -> list[Actor]:
        out = []
        for m in self._starts.finditer(nt.text):
            entry = self.by_pattern[m.group(1)]
            a, b = nt.span(m.start(1), m.end(1))
            pre = nt.text[max(0, m.start() - 14):m.start()].translate(_PUNCT).split()
            target = bool(m.group(0).startswith(("ل", "ال")) and not m.group(0).startswith(m.group(1))
                          and m.group(0)[0] == "ل") or bool(pre and pre[-1] in self.target_words)
            if out and self.led_by is not None and \
                    self.led_by.search(nt.text[max(0, m.start() - 12):m.start()]):
                continue
            if entry.name.startswith("Unidentified"):
                # "الطائرات الحربية الروسية": the nationality after an unnamed force names it
                for w in nt.text[m.end():m.end() + 30].split()[:2]:
                    named = self.by_name.get(self.adjectives.get(w, ""))
                    if named is not None:
                        entry = named
                        break
            out.append(Actor(entry.name, entry.role, a, b, target, entry.inter, entry.country))
        return out


@lru_cache(maxsize=8)
def actor_patterns(lex: Lexicon) -> ActorPatterns:
    return ActorPatterns(lex)


def find_actors(text: str | NormalizedText, lexicon: Lexicon | None = None) -> list[Actor]:
    """Actor mentions in *text*, in order (longest pattern wins at a position)."""
    nt = text if isinstance(text, NormalizedText) else normalize(text)
    return actor_patterns(lexicon if lexicon is not None else load_lexicon()).find(nt)


def allied(a: str, b: str, lexicon: Lexicon | None = None) -> bool:
    """True when actors *a* and *b* are on the same side (or are the same)."""
    return actor_patterns(lexicon if lexicon is not None else load_lexicon()).allied(a, b)
