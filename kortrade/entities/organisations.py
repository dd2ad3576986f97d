"""Organisations absent from the gazetteer, found by their head word.

A head (`University`, `Institute`, `Ministry`, `Group`, `Motor`, `Co.`; see
`data/entities/org_heads.tsv`) takes the capitalised words before it (`China Foreign Affairs
University`), a second legal suffix after a company head (`Seobuk Co., Ltd.`), and an `of`/`for`/`on` phrase after it (`Ministry of Agriculture, Food and
Rural Affairs`, `Institute of the Korean Association`). A nationality word before a
government head is left out of the name and gives the country (`Chinese Ministry of
...`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from .lexicon import common_capitalised, country_before, demonyms, org_heads, unglued_alternation
from .matching import fold

ORG_WORD = r"(?:[A-Z0-9][A-Za-z0-9&-]*|&)"
LEFT_WORD = re.compile(rf"(?:^|(?<=[ \t(\"“]))(?P<word>{ORG_WORD})[ \t]+$")
RIGHT_WORD = r"[A-Z][A-Za-z&-]*"
OF_PHRASE = re.compile(
    rf"[ \t]+(?:of|for|on)[ \t]+(?:the[ \t]+)?{RIGHT_WORD}(?:(?:,?[ \t]+(?:and|&)[ \t]+|,[ \t]+|[ \t]+){RIGHT_WORD})*"
)
MAX_WORDS_BEFORE_HEAD = 6
# A second legal suffix after a company head: `Samjin Aimore Co., Ltd.`, `Tuniu Co. Ltd.`.
LEGAL_SUFFIX = re.compile(r",?[ \t]+(?:Ltd|Limited|Inc|Corp|LLC|PLC)(?:\.|(?![\w&-]))")


@dataclass(frozen=True)
class Organisation:
    """An organisation named in a text: its span, type, and the country a nationality word gave it."""

    start: int
    end: int
    type: str
    country: str


@cache
def head_pattern() -> re.Pattern[str]:
    """Any organisation head as a whole word (no word, `.`, `&` or `-` glued to it)."""
    return re.compile(unglued_alternation(list(org_heads()), r"\w.&-") + r"(?![\w&-])")


def _left_edge(text: str, head_start: int, government: bool) -> tuple[int, str]:
    """Where the name starts before its head, and the country of a nationality word that stopped it."""
    start = head_start
    for _ in range(MAX_WORDS_BEFORE_HEAD):
        match = LEFT_WORD.search(text, max(0, start - 60), start)
        if not match:
            break
        word = match["word"]
        if fold(word) in common_capitalised():
            break
        if government and fold(word) in demonyms():
            return start, demonyms()[fold(word)]
        start = match.start("word")
    return start, ""


def _trim_of_phrase(phrase: str) -> str:
    """An `of` phrase ends on a capitalised word, never on a dangling `and`, nor on the start of another
    organisation (`Ministry of Ecology and Environment and Daehan Motor Co.`)."""
    while (last := max(phrase.rfind(" and "), phrase.rfind(" & "), phrase.rfind(", "))) > 0 and head_pattern().search(
        phrase, last
    ):
        phrase = phrase[:last]
    return re.sub(r"(?:,?[ \t]+(?:and|&))+$", "", phrase)


def find_organisations(text: str) -> list[Organisation]:
    """Every organisation named with a head word, longest spans first among overlapping ones."""
    found = []
    for head in head_pattern().finditer(text):
        kind = org_heads()[head.group()]
        start, country = _left_edge(text, head.start(), kind == "government")
        end = head.end()
        of_phrase = OF_PHRASE.match(text, end)
        if of_phrase and kind != "company":
            end += len(_trim_of_phrase(of_phrase.group()))
        if kind == "company" and (suffix := LEGAL_SUFFIX.match(text, end)):
            end = suffix.end()
        if start == head.start() and end == head.end():
            continue
        found.append(Organisation(start, end, kind, country or country_before(text, start)))
    return found
