"""Personal names: ids, family names, the spelling variants of a listed name, and names inside capitalised runs.

Korean, Chinese and Taiwanese names put the family name first (`Lee Jae-myung`), the
Western press writes Japanese names given name first (`Yoko Kamikawa`), and either order
turns up in print. Korean given names are written hyphenated, spaced or joined
(`Jae-myung`, `Jae Myung`, `Jaemyung`) and family names have several romanisations
(`Lee`, `Yi`, `Rhee`); pinyin `ü` is also typed `v` or `yu`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .lexicon import family_names, non_name_words
from .matching import fold

# Naming conventions (not vocabulary): where the family name stands in the press's usual spelling.
FAMILY_NAME_FIRST = frozenset({"KOR", "PRK", "CHN", "TWN", "HKG", "MAC", "VNM"})
GIVEN_NAME_FIRST_IN_PRESS_ASIA = frozenset({"JPN"})

NAME_TOKEN = re.compile(r"[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ]+(?:[-'’][A-Za-zÀ-ÖØ-Þà-öø-ÿ][a-zà-öø-ÿ]*)*")
PINYIN_U_UMLAUT = re.compile(r"(?<=[LlNn])[üÜ]")


def slug(text: str) -> str:
    """The id form of a name: folded, lower case, other characters as single hyphens (`Lü Chao` -> `lu-chao`)."""
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")


def is_family_name(token: str) -> bool:
    """Is the token a Korean or Chinese family name (`Kim`, `Zhan`, `Lü`)?"""
    return fold(token) in family_names()


def is_name_token(token: str) -> bool:
    """Could the word be part of a personal name (`Debin`, `Sang-hyun`, `Lü`) rather than a common or place word?"""
    return NAME_TOKEN.fullmatch(token) is not None and fold(token) not in non_name_words()


def name_in_run(tokens: Sequence[str]) -> tuple[int, bool] | None:
    """Where a personal name starts in a run of capitalised words that ends with it, and whether a family name told.

    The name is a Korean or Chinese family name with one or two given-name words after
    it (`... Energy Guan Moon Gyu` -> `Guan Moon Gyu`), else the last two words
    (`... Public Diplomacy Liz Allen` -> `Liz Allen`); None when the words cannot be a name.
    """
    for i, token in enumerate(tokens):
        if is_family_name(token) and 1 <= len(tokens) - i - 1 <= 2 and all(map(is_name_token, tokens[i:])):
            return i, True
    if len(tokens) >= 2 and all(map(is_name_token, tokens[-2:])):
        return len(tokens) - 2, False
    return None


def family_name_of(name: str, country: str) -> str:
    """The family-name word of a personal name (`Lee` of `Lee Jae-myung`, `Kamikawa` of `Yoko Kamikawa`)."""
    words = name.split()
    if not words:
        return ""
    if country in FAMILY_NAME_FIRST or (country == "" and is_family_name(words[0]) and len(words) > 1):
        return words[0]
    return words[-1]


def _given_name_forms(syllables: list[str]) -> list[str]:
    if len(syllables) != 2:
        return [" ".join(syllables)]
    first, second = syllables
    return [f"{first}-{second.lower()}", f"{first} {second.capitalize()}", f"{first}{second.lower()}"]


def person_variants(name: str, country: str) -> list[str]:
    """Spellings of a listed person's name the press uses, the name itself first."""
    words = name.split()
    variants = [name]
    if len(words) >= 2 and country in FAMILY_NAME_FIRST:
        family, given = words[0], words[1:]
        syllables = [s for word in given for s in word.split("-")]
        families = [family]
        if country in {"KOR", "PRK"}:
            families += list(family_names().get(fold(family), ()))
        for surname in families:
            for given_form in _given_name_forms(syllables):
                variants += [f"{surname} {given_form}", f"{given_form} {surname}"]
    elif len(words) == 2 and country in GIVEN_NAME_FIRST_IN_PRESS_ASIA:
        variants.append(f"{words[1]} {words[0]}")
    return list(dict.fromkeys(v for form in variants for v in spelling_variants(form)))


def spelling_variants(text: str) -> list[str]:
    """The text with pinyin `ü` also as `v` and `yu` (`Lü Chao`, `Lv Chao`, `Lyu Chao`); folding covers `u`."""
    if not PINYIN_U_UMLAUT.search(text):
        return [text]
    return [text, PINYIN_U_UMLAUT.sub("v", text), PINYIN_U_UMLAUT.sub("yu", text)]
