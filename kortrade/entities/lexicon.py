"""The word lists the actor finders share, read once from `kortrade/data/`.

Titles (`Minister`, `professor`), organisation heads (`University`, `Ministry`),
nationality words (`Chinese`, `South Korea's`), Korean and Chinese family names, and
the capitalised words that are never part of a name.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from ..common.phrases import by_first_character, lowered_for_search, trie_pattern
from ..common.resources import data_lines, data_rows
from .matching import fold

APOSTROPHE_S = r"(?:['’]s)?"


def unglued(first: str, glue: str) -> str:
    """A character of class `first` with no character of class `glue` right before it.

    The same as `(?<![glue])[first]`, written with the lookbehind after the character: a
    pattern that opens with a character class lets the regex engine skip ahead to that
    class, where one that opens with a lookbehind is tried at every position.
    """
    return rf"[{first}](?<![{glue}][{first}])"


def unglued_alternation(words: list[str], glue: str) -> str:
    """`(?<![glue])` and then `alternation(words)`, for a pattern matched case-sensitively.

    The lookbehind follows each first character instead (as in `unglued`), so the regex
    engine skips ahead to those characters: fast when they are rare, like capitals.
    """
    branches = by_first_character(
        words, lambda first, rests: rf"{re.escape(first)}(?<![{glue}]{re.escape(first)})(?:{alternation(rests)})"
    )
    return f"(?:{branches})"


def alternation(words: list[str], fold_case: bool = False) -> str:
    """A regex matching any of the literal words, longest first, spaces matching any run of blanks.

    Compiled as a trie (`kortrade.common.phrases`); `fold_case` for a pattern matched case-insensitively.
    """
    return trie_pattern(words, fold_case=fold_case, space=r"[ \t]+")


@cache
def titles() -> tuple[str, ...]:
    """Titles and roles written next to a person's name, lower case."""
    return tuple(line.lower() for line in data_lines("entities/titles.txt"))


@cache
def title_pattern() -> re.Pattern[str]:
    """Any title as a whole word, case-insensitive."""
    return re.compile(rf"(?<![\w.])(?:{alternation(list(titles()), fold_case=True)})(?![\w])", re.IGNORECASE)


def find_titles(text: str) -> Iterator[re.Match[str]]:
    """What `title_pattern().finditer(text)` finds, searched case-sensitively in the lower case of the text when
    that finds the same (`phrases.lowered_for_search`), which is quicker (the titles are lower-case ASCII)."""
    lowered = lowered_for_search(text)
    if lowered is not None:
        return _lower_title_pattern().finditer(lowered)
    return title_pattern().finditer(text)


@cache
def _lower_title_pattern() -> re.Pattern[str]:
    return re.compile(title_pattern().pattern)


@cache
def org_heads() -> dict[str, str]:
    """Organisation head word -> the actor type of organisations named with it."""
    return {row["head"]: row["type"] for row in data_rows("entities/org_heads.tsv")}


@cache
def demonyms() -> dict[str, str]:
    """Folded nationality or country word -> ISO3 (`chinese` -> `CHN`, `south korea` -> `KOR`)."""
    return {fold(row["word"]): row["country"] for row in data_rows("entities/demonyms.tsv")}


@cache
def country_word_before_pattern() -> re.Pattern[str]:
    """A nationality or country word (possessive allowed) ending right before a position, up to one word between."""
    words = alternation([row["word"] for row in data_rows("entities/demonyms.tsv")])
    return re.compile(rf"(?<![\w.])(?P<word>{words}){APOSTROPHE_S}[ \t]+(?:[A-Za-z-]+[ \t]+)?$")


def country_before(text: str, position: int) -> str:
    """ISO3 of the nationality word just before a position (`Chinese scholar`, `South Korea's Ministry`), else ''."""
    match = country_word_before_pattern().search(text, max(0, position - 40), position)
    return demonyms().get(fold(match["word"]), "") if match else ""


@cache
def family_names() -> dict[str, tuple[str, ...]]:
    """Folded Korean or Chinese family name -> its other romanisations (Korean names only)."""
    names: dict[str, tuple[str, ...]] = {}
    for row in data_rows("entities/family_names.tsv"):
        key = fold(row["family"])
        variants = tuple(v for v in (row["variants"] or "").split("|") if v)
        names[key] = names.get(key, ()) + variants
    return names


@cache
def common_capitalised() -> frozenset[str]:
    """Folded sentence openers, pronouns, months and days: never part of a name."""
    return frozenset(fold(w) for w in data_lines("entities/common_capitalised.txt"))


@cache
def non_name_words() -> frozenset[str]:
    """Folded capitalised words that are never part of a personal name."""
    words = set(data_lines("entities/non_name_words.txt")) | set(org_heads())
    words |= {w for title in titles() for w in title.split()}
    words |= {row["word"] for row in data_rows("entities/demonyms.tsv")} | {
        row["capital"] for row in data_rows("entities/capitals.tsv")
    }
    return common_capitalised() | frozenset(fold(w) for phrase in words for w in phrase.split())
