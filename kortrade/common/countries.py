"""The one country vocabulary (`data/common/countries.tsv`, then the places of `data/common/places.tsv`), and
mentions of economies in text, the raw material of a figure's reporter and partner.

The vocabulary serves every stage that names countries: the gazetteer's country actors and capitals,
the actor lexicon's nationality words, the relation sides, and the figures. For the figures, names,
adjectives, capitals, abbreviations and places (cities and provinces: `Wuxi` is in China) are matched
case-sensitively (`US` is a country, `us` is not), longest first (`South Korea` before `Korea`,
`Korean` before `Korea`), and a mention followed by `'s` is possessive. A name that is part of a
currency (`US$`, `US dollars`) is not a mention. A place takes in the word for its kind that follows it
(`Shandong Province`, `Busan Port`: `data/common/place_kinds.txt`), so that only a name going on past it
(`Busan Port Authority`) is a proper name.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from functools import cache, cached_property
from typing import NamedTuple

from .phrases import trie_opening_on_characters, trie_pattern
from .resources import data_lines, data_rows

HOME = "KOR"
CALENDAR_WORDS = (
    "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|"
    "August|September|October|November|December"
)
NAME_AFTER = re.compile(rf"[ ](?!(?:{CALENDAR_WORDS})\b)[A-Z][a-z]")
NAME_BEFORE = re.compile(r"\b[A-Z][a-z]+ of (?:the )?\Z")
# How NAME_BEFORE's matches end, tested first: most mentions follow no `of`.
OF_BEFORE = (" of ", " of the ")
BLANKS = re.compile(r"\s*")
# A name opening in lower case (`mainland China`) is found from its capitalised tail.
CAPITALISED_TAIL = re.compile(r"[A-Z].*")
WORD_OR_DOT = re.compile(r"[\w.]")
# How far past the blanks after a name the mention pattern reads: `dollars` and the character after it.
READ_PAST_BLANKS = len("dollars") + 1


class Mention(NamedTuple):
    """A country named in text: span, ISO 3166-1 alpha-3 code, form, and whether it is possessive.

    `in_name` marks a country inside a proper name (`Korea Customs Service`, `Bank of Korea`,
    `Chinese President Xi`): it names an organisation or a person, not an economy. A named tuple,
    which is built quicker than a frozen dataclass.
    """

    start: int
    end: int
    iso3: str
    form: str
    possessive: bool
    in_name: bool = False


# The forms that name an economy itself; a place (`Wuxi`) only lies in one.
ECONOMY_FORMS = frozenset({"canonical", "bloc", "name", "abbreviation", "adjective", "plural", "capital"})
PLACE = "place"
# The forms a figure's parties are read from: plurals (`South Koreans`) name people, not economies; a place locates a
# figure in its economy (`40% of its chips in Xi'an`).
FIGURE_FORMS = ECONOMY_FORMS - {"plural"} | {PLACE}
# Codes of blocs that trade statistics treat as one economy (the World Bank's), not ISO 3166 countries.
BLOCS = frozenset({"EUU"})


class CountryForm(NamedTuple):
    """One surface of an economy in the vocabulary: its ISO3 code, the surface, and its form."""

    iso3: str
    surface: str
    form: str


@cache
def vocabulary() -> tuple[CountryForm, ...]:
    """Every surface of every economy, in the order of the data files (each economy's canonical name first, the
    places generated from GeoNames last)."""
    rows = data_rows("common/countries.tsv") + data_rows("common/places.tsv")
    return tuple(CountryForm(row["iso3"], row["surface"], row["form"]) for row in rows)


@cache
def canonical_names() -> dict[str, str]:
    """ISO3 -> the display name (`KOR` -> `South Korea`) of every country (not the blocs), in the order of the data file."""
    return {entry.iso3: entry.surface for entry in vocabulary() if entry.form == "canonical"}


def is_country(iso3: str) -> bool:
    """Whether the code is a country's, not a bloc's."""
    return iso3 in canonical_names()


def surfaces(iso3: str, forms: frozenset[str] | None = None) -> list[str]:
    """The surfaces of one economy, in the order of the data file; only those of `forms` when given."""
    return [entry.surface for entry in vocabulary() if entry.iso3 == iso3 and (forms is None or entry.form in forms)]


@cache
def _names() -> dict[str, tuple[str, str]]:
    """Surface -> (ISO3, form) for the figures' mentions; a canonical name is a `name`."""
    return {
        entry.surface: (entry.iso3, "name" if entry.form in ("canonical", "bloc") else entry.form)
        for entry in vocabulary()
        if entry.form in FIGURE_FORMS
    }


@cache
def _place_kind() -> re.Pattern[str]:
    """The word for a place's kind right after its name (`Province`, `Metropolitan City`), and a possessive after it."""
    kinds = trie_pattern(data_lines("common/place_kinds.txt"), fold_case=True)
    return re.compile(rf"[ ](?i:{kinds})(?![\w])(?P<s>['’]s\b)?")


@cache
def _heads() -> dict[str, tuple[tuple[str, str], ...]]:
    """Name -> (lower-case head, longer name) of each name that opens in lower case and ends on it (`China`:
    `the mainland of ` of `the mainland of China`), longest first.

    The pattern opens on capitals only and a mention is extended back over its head: a name opening on `t` would
    have re try a match at every `t` of a text.
    """
    heads: dict[str, list[tuple[str, str]]] = {}
    for surface in _names():
        if surface[0].islower():
            tail = CAPITALISED_TAIL.search(surface)
            if tail is None or tail.group() not in _names():
                raise ValueError(f"countries.tsv: {surface!r} opens in lower case but does not end on another name")
            heads.setdefault(tail.group(), []).append((surface[: tail.start()], surface))
    return {tail: tuple(sorted(found, key=lambda head: -len(head[0]))) for tail, found in heads.items()}


@cache
def _pattern() -> re.Pattern[str]:
    names = [name for name in _names() if not name[0].islower()]
    # The names open on their first characters, which re skips to; the test of the character before follows.
    opening = trie_opening_on_characters(names, r"(?<![\w.].)")
    return re.compile(rf"(?P<name>{opening})(?![\w])(?!\$|\s+dollars?\b)(?P<s>['’]s\b)?")


def find_mentions(text: str, start: int = 0, end: int | None = None) -> list[Mention]:
    """Every country mention in `text[start:end]`, left to right, with offsets into `text`."""
    names, heads = _names(), _heads()
    mentions = []
    stop = len(text) if end is None else end
    for m in _pattern().finditer(text, start, stop):
        name, first = m["name"], m.start()
        for head, longer in heads.get(name, ()):
            opening = first - len(head)
            if text.endswith(head, start, first) and not (opening and WORD_OR_DOT.match(text, opening - 1)):
                name, first = longer, opening
                break
        iso3, form = names[name]
        name_end, possessive = m.end("name"), m["s"] is not None
        if form == PLACE and not possessive and (kind := _place_kind().match(text, name_end, stop)):
            name_end, possessive = (kind.start("s"), True) if kind["s"] else (kind.end(), False)
        in_name = not possessive and (
            NAME_AFTER.match(text, name_end) is not None
            or text.endswith(OF_BEFORE, 0, first)
            and NAME_BEFORE.search(text, max(0, first - 30), first) is not None
        )
        mentions.append(Mention(first, name_end, iso3, form, possessive, in_name))
    return mentions


def main_counterpart(mentions: list[Mention]) -> str:
    """The economy other than the home one (`KOR`) a document names most; the first named wins a tie."""
    counts = Counter(m.iso3 for m in mentions if m.iso3 != HOME and not m.in_name)
    if not counts:
        return ""
    first_seen = {}
    for mention in mentions:
        first_seen.setdefault(mention.iso3, mention.start)
    return min(counts, key=lambda iso3: (-counts[iso3], first_seen[iso3]))


class DocumentCountries:
    """The countries a whole document names, found once (or once per line) and looked up by position."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._lines: dict[int, tuple[list[Mention], list[int]]] = {}

    @cached_property
    def mentions(self) -> list[Mention]:
        """Every mention outside proper names, left to right."""
        return [m for m in find_mentions(self.text) if not m.in_name]

    @cached_property
    def counterpart(self) -> str:
        """The economy other than Korea the document names most."""
        return main_counterpart(self.mentions)

    def last_before(self, start: int, end: int, unless: str) -> str:
        """The last country other than `unless` named inside `start:end`, which holds no line break."""
        mentions, starts = self._line(start)
        index = bisect.bisect_left(starts, end) - 1
        while index >= 0 and mentions[index].start >= start:
            mention = mentions[index]
            if mention.iso3 != unless and mention.end <= end:
                return mention.iso3
            index -= 1
        return ""

    def _line(self, offset: int) -> tuple[list[Mention], list[int]]:
        """The mentions outside proper names on the line holding `offset`, and their starts: those of `mentions`.

        No name spans a line break, so the search of the whole text finds at the start of a line
        what a search from there finds. It reads past a name's end its blanks and at most
        `READ_PAST_BLANKS` characters, which bounds the text searched.
        """
        line_start = self.text.rfind("\n", 0, offset) + 1
        if line_start not in self._lines:
            line_end = self.text.find("\n", line_start)
            line_end = len(self.text) if line_end < 0 else line_end
            blanks_end = BLANKS.match(self.text, line_end).end()
            reach = min(len(self.text), blanks_end + READ_PAST_BLANKS)
            mentions = [m for m in find_mentions(self.text, line_start, reach) if m.start < line_end and not m.in_name]
            self._lines[line_start] = mentions, [m.start for m in mentions]
        return self._lines[line_start]
