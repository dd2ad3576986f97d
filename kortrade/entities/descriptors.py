"""Companies absent from the gazetteer, named through a descriptor.

The press introduces a little-known company by what it does: before its name (`Chinese
lithium producer Yahua`, `pharmaceutical company PharmaResearch`) or in an apposition
after it (`Farmstaff, a smart-farm startup`, `HelloWorks, a domestic video production
company`). The descriptor's head nouns are `data/entities/descriptor_heads.txt`; the name
is the run of capitalised words next to the descriptor, without sentence openers, months
or titles (`automaker Hyundai Chairman Chung` names `Hyundai`), and a nationality word in
the descriptor gives the company's country. Each head is found by one scan of the text;
the name and the nationality word are read from a short window beside it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from ..common.countries import vocabulary
from ..common.resources import data_lines
from .lexicon import APOSTROPHE_S, alternation, common_capitalised, demonyms, titles
from .matching import fold

# A word of a company's name: `PharmaResearch`, `Eco-Manufacture`, `SK`, `3M`, `Kim&Chang`.
NAME_WORD = r"[A-Z0-9][A-Za-z0-9&-]*"
NAME_AFTER = re.compile(rf"[ \t]+(?P<name>{NAME_WORD}(?:[ \t]+{NAME_WORD}){{0,3}})")
# What may follow the head of an apposition: the apposition ends there (`, a startup that ...`).
APPOSITION_END = re.compile(
    r"(?:[ \t]*(?:[,.;:)]|$)|[ \t]+(?:that|which|based|headquartered|in|with|of|from|owned|founded|and|specializing"
    r"|specialising|known|affiliated|listed)\b)"
)
WORD = re.compile(r"\S+")
# How far before a head its descriptor (nationality word, modifiers, `X, a`) is looked for.
WINDOW = 80
MAX_DESCRIPTOR_WORDS = 5


@dataclass(frozen=True)
class Described:
    """A company named next to a descriptor: the span of its name and the country the descriptor gave."""

    start: int
    end: int
    country: str


@cache
def heads() -> tuple[str, ...]:
    return data_lines("entities/descriptor_heads.txt")


@cache
def head_pattern() -> re.Pattern[str]:
    """A head noun as a whole lower-case word (not glued by a hyphen: `policy-maker` is no company's)."""
    return re.compile(rf"(?<![\w-])(?:{alternation(list(heads()))})(?![\w-])")


@cache
def apposition_before_pattern() -> re.Pattern[str]:
    """`Name, a [up to five words]` ending right before a head."""
    return re.compile(
        rf"(?<![\w'’&-])(?P<name>{NAME_WORD}(?:[ \t]+{NAME_WORD}){{0,3}}),[ \t]+(?:a|an|the)[ \t]+"
        rf"(?P<descriptor>(?:[\w'’-]+[ \t]+){{0,{MAX_DESCRIPTOR_WORDS}}})$"
    )


@cache
def descriptor_before_pattern() -> re.Pattern[str]:
    """The lower-case words (and nationality words) of a descriptor ending right before a head."""
    return re.compile(
        rf"(?P<descriptor>(?:(?:[a-z][\w'’-]*|[A-Z][a-z]+(?:[ \t][A-Z][a-z]+)?{APOSTROPHE_S})[ \t]+){{0,{MAX_DESCRIPTOR_WORDS}}})$"
    )


@cache
def stop_words() -> frozenset[str]:
    """Folded capitalised words that end a name read beside a descriptor (`The`, `May`, `Chairman`, `Korean`)."""
    adjectives = {fold(entry.surface) for entry in vocabulary() if entry.form == "adjective"}
    return common_capitalised() | adjectives | frozenset(word for title in titles() for word in title.split())


@cache
def nationality_pattern() -> re.Pattern[str]:
    return re.compile(rf"(?<![\w])(?P<word>{alternation(sorted(demonyms_as_written()))})(?![\w])")


@cache
def demonyms_as_written() -> frozenset[str]:
    """The nationality and country words as written (`Chinese`, `South Korea`), for a case-sensitive search."""
    folded = demonyms()
    return frozenset(entry.surface for entry in vocabulary() if fold(entry.surface) in folded)


def _country(descriptor: str) -> str:
    """ISO3 of the last nationality word of a descriptor (`Chinese lithium`), else ''."""
    found = list(nationality_pattern().finditer(descriptor))
    return demonyms().get(fold(found[-1]["word"]), "") if found else ""


def _name_words(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The span of the name words between start and end, cut at the first stop word; None when none is left."""
    last = None
    for word in WORD.finditer(text, start, end):
        if fold(word.group()) in stop_words():
            break
        last = word.end()
    return (start, last) if last is not None else None


def find_described(text: str) -> Iterator[Described]:
    """Every company named beside a descriptor head, in the order of the heads."""
    for head in head_pattern().finditer(text):
        window_start = max(0, head.start() - WINDOW)
        after = NAME_AFTER.match(text, head.end())
        if after and (span := _name_words(text, *after.span("name"))):
            descriptor = descriptor_before_pattern().search(text, window_start, head.start())
            yield Described(*span, _country(descriptor["descriptor"] if descriptor else ""))
            continue
        if not APPOSITION_END.match(text, head.end()):
            continue
        apposition = apposition_before_pattern().search(text, window_start, head.start())
        if apposition and (span := _name_words(text, *apposition.span("name"))):
            yield Described(*span, _country(apposition["descriptor"]))
