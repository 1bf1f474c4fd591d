"""How common a written word is in Arabic, to tell place names from ordinary words.

Backed by the ``wordfreq`` package (word lists bundled in the wheel, no
download).  A village called "جديدة" ("new") or a variant "الإشارة" ("the
reference") must not turn every occurrence of that word into a place; the
resolver asks for extra evidence (a trigger word, a direction, a locative
preposition) when a minor place's name is a frequent word.
"""

from __future__ import annotations

from functools import lru_cache

__all__ = ["zipf", "zipf_key"]


@lru_cache(maxsize=65536)
def zipf(word: str) -> float:
    """Zipf frequency of *word* (as written) in Arabic; 0.0 when unknown.

    >>> zipf("وزارة") > zipf("زارة")
    True
    """
    from wordfreq import zipf_frequency  # noqa: PLC0415 - heavy import, done once
    return zipf_frequency(word, "ar")


def _respellings(word: str) -> list[str]:
    out = [word]
    if word.endswith("ه"):
        out.append(word[:-1] + "ة")
    if word.endswith("ي"):
        out.append(word[:-1] + "ى")
    for w in list(out):
        for i, c in enumerate(w):
            if c == "ا" and (i == 0 or w[i - 2:i] == "ال" and i == 2):
                out += [w[:i] + h + w[i + 1:] for h in "أإ"]
                break
    return out


@lru_cache(maxsize=65536)
def zipf_key(key: str) -> float:
    """Zipf frequency of a *normalised* word or phrase (ة written ه, no hamza on alef…):
    the highest over the usual spellings it stands for.

    >>> zipf_key("الروسيه") > 4
    True
    """
    return max(zipf(" ".join(ws)) for ws in _product([_respellings(w) for w in key.split(" ")]))


def _product(lists):
    import itertools  # noqa: PLC0415
    combos = list(itertools.islice(itertools.product(*lists), 16))
    return combos
