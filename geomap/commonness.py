"""How common a written word is in Arabic, to tell place names from ordinary words.

Backed by the ``wordfreq`` package (word lists bundled in the wheel, no
download).  A village called "جديدة" ("new") or a variant "الإشارة" ("the
reference") must not turn every occurrence of that word into a place; the
resolver asks for extra evidence (a trigger word, a direction, a locative
preposition) when a minor place's name is a frequent word.
"""

from __future__ import annotations

from functools import lru_cache

__all__ = ["zipf"]


@lru_cache(maxsize=65536)
def zipf(word: str) -> float:
    """Zipf frequency of *word* (as written) in Arabic; 0.0 when unknown.

    >>> zipf("وزارة") > zipf("زارة")
    True
    """
    from wordfreq import zipf_frequency  # noqa: PLC0415 - heavy import, done once
    return zipf_frequency(word, "ar")
