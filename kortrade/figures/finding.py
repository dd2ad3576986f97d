"""Find the figures in a clean text: money amounts, percentages, energy volumes and counts.

A figure is a number (`kortrade.common.numbers`) with a unit (`data/figures/units.tsv`):

- money: a currency before or after the number, `$55.8 billion`, `US$18 billion`,
  `KRW 5 trillion`, `1.2 trillion won`, `100 million yuan`, `39.4亿美元`; a letter scale
  (`$5m`) counts only with a currency; paired amounts (`1.2 trillion won ($923 million)`)
  are two figures;
- percent: `7 percent`, `20%`, `per cent`; `percentage points` adds the flag `points`;
- energy: `8 gigawatt-hours`, `30 GWh`, `500 MWh`, normalised to GWh;
- count: a number followed, through at most three modifiers, by a noun a researcher tracks
  (`15 new deals`, `200 South Korean company representatives`; `data/figures/count_words.tsv`).

From the expression itself come ranges (`40 to 50 percent`, `$3-4 billion`, `between two and
three percent`: two figures flagged `range`, the first borrowing the second's unit and scale;
`from 40 to 50 percent` is a movement, not a range) and hedges right before the number
(`about`, `nearly`, `more than`: flag `approximate`; `data/figures/flag_cues.tsv`).

Not figures: numbers with neither unit nor counted noun (years, dates, durations, ages,
times, list numbers, `3050 Strategy`, `five times`), numbers glued to letters (`PV5`, `46mm`,
`16th`), hyphenated compounds (`four-day`, `46-series`), definite or ranked references (`the
two companies`, `top five automotive companies`) and model names (`Polestar 4 cars`).
Numbers damaged by translation are detected and repaired by `kortrade.figures.garbled`, which runs
last, so nothing found here leaves as a clean figure when it is damaged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from ..common.dates import MONTHS
from ..common.numbers import Number, find_numbers
from ..common.phrases import by_first_character, case_key, first_character_test, in_web_address
from ..common.resources import data_rows
from . import garbled
from .figure import Figure

# The links of a list whose members share the last one's unit (`24.3 and 22.4 percent`, `18, 21 and 15 percent`):
# the last link (`and`, `or`) and the links before it (a comma).
LAST_LINK = re.compile(r",?\s+(?:and|or)\s+", re.IGNORECASE)
COMMA_LINK = re.compile(r",\s*")
CENTS = re.compile(r"\s+and\s+\Z", re.IGNORECASE)
# `the number of <counted noun> ... amounted to` right before a bare number; the words between are read for a noun.
NUMBER_OF = re.compile(
    r"\bnumber of\s+(?P<words>[^.;:\n]{0,80}?)\s+(?:amounted to|reached|totall?ed|stood at|came to|hit|was|were|"
    r"(?:rose|fell|climbed|dropped|increased|decreased|grew|jumped|surged) to)\s+(?:(?:about|around|some|nearly|"
    r"almost|over|more than)\s+)?\Z",
    re.IGNORECASE,
)
NUMBER_OF_REACH = 120
# A percent-escape: `%`, then a digit and a hexadecimal digit, or two capital ones (real text writes `5%y/y`,
# `5%and`, never `5%2C`).
PERCENT_ESCAPE = re.compile(r"%(?:\d[0-9A-Fa-f]|[A-F][0-9A-F])")
# What marks a whitespace-delimited token as a web address, whose numbers are no figures.
CONNECTOR = re.compile(r"\s*(?:(?P<word>to|and|through)|[-–—~～])\s*\Z", re.IGNORECASE)
FROM_BEFORE = re.compile(r"\bfrom\s+\Z", re.IGNORECASE)
BETWEEN_BEFORE = re.compile(r"\bbetween\s+\Z", re.IGNORECASE)
# Possessive: the word's characters are never blanks, so giving some back cannot help (and failing is quicker).
PREVIOUS_WORD = re.compile(r"(?P<word>[^\W\d_][\w.'’]*+)\s++\Z")
LETTER = re.compile(r"[^\W\d_]")
# The characters a previous word ends with, which a reversed text opens with.
WORD_TAIL_START = re.compile(r"[\w.'’]*")
YEAR_LIKE = range(1900, 2100)


@dataclass(frozen=True)
class Unit:
    """A unit surface from `data/figures/units.tsv`."""

    kind: str
    unit: str
    factor: Decimal
    flag: str


@cache
def _units() -> dict[str, dict[str, Unit]]:
    """position -> surface -> Unit."""
    units: dict[str, dict[str, Unit]] = {"prefix": {}, "suffix": {}}
    for row in data_rows("figures/units.tsv"):
        units[row["position"]][row["surface"]] = Unit(row["kind"], row["unit"], Decimal(row["factor"]), row["flag"])
    return units


@cache
def _count_words(role: str) -> frozenset[str]:
    """The words of one role (`noun`, `blocker`, `stop`) in `data/figures/count_words.tsv`, lower case."""
    return frozenset(row["word"].lower() for row in data_rows("figures/count_words.tsv") if row["role"] == role)


def _alternation(surfaces: object) -> str:
    """The surfaces, longest first, none touching an ASCII letter where its own end is one."""
    parts = []
    for surface in sorted(surfaces, key=len, reverse=True):
        head = r"(?<![A-Za-z])" if surface[0].isascii() and surface[0].isalpha() else ""
        parts.append(head + re.escape(surface) + _letter_after(surface))
    return "|".join(parts)


def _branches_by_first_character(surfaces: object) -> str:
    """What `_alternation` matches (for a case-sensitive pattern), as one branch per first character holding
    the surfaces that start with it, longest first: re skips a branch whose character does not match at once,
    where it would try every surface. The test of the letter before a surface follows its first character."""

    def branch(first: str, rests: list[str]) -> str:
        head = r"(?<![A-Za-z].)" if first.isascii() and first.isalpha() else ""
        return (
            f"{re.escape(first)}{head}(?:{'|'.join(re.escape(rest) + _letter_after(first + rest) for rest in rests)})"
        )

    return by_first_character(sorted(surfaces, key=len, reverse=True), branch)


def _letter_after(surface: str) -> str:
    """The test that no ASCII letter follows a surface ending with one."""
    return r"(?![A-Za-z])" if surface[-1].isascii() and surface[-1].isalpha() else ""


@cache
def hedge_alternation() -> str:
    """A pattern of the hedges (`about`, `more than`) that make a figure approximate, longest first."""
    return _alternation(hedges())


@cache
def hedges() -> list[str]:
    """The hedges (`about`, `more than`) that make a figure approximate."""
    return [row["cue"] for row in data_rows("figures/flag_cues.tsv") if row["scope"] == "before"]


@cache
def _edges() -> dict[str, frozenset[str]]:
    """The last characters of prefix units and the first of suffix units, to test before their patterns."""
    return {
        "prefix": frozenset(surface[-1] for surface in _units()["prefix"]),
        "suffix": frozenset(surface[0] for surface in _units()["suffix"]),
    }


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    # The first character of a prefix unit or a hedge is tested before the branches: it rules out most positions.
    prefix_first = first_character_test(_units()["prefix"])
    hedge_first = first_character_test(hedges(), fold_case=True)
    return {
        "prefix": re.compile(rf"{prefix_first}(?P<unit>{_branches_by_first_character(_units()['prefix'])})[ ]?\Z"),
        "suffix": re.compile(rf"(?:[ ]?|-)(?P<unit>{_branches_by_first_character(_units()['suffix'])})"),
        "hedge": re.compile(rf"{hedge_first}(?<![\w-])(?:{hedge_alternation()})\s+\Z", re.IGNORECASE),
        "hedge_tail": re.compile("|".join(re.escape(tail) for tail in _hedge_tails()), re.IGNORECASE),
        "token": re.compile(r"\s+(?P<token>[^\s,;:()\[\]\"“”]+)"),
        # The head of a date whose day a line break sent to the next line: `2023.11.`, `2023-11-`, `Nov.`, `November`.
        "date_head": re.compile(
            rf"(?:\b(?:19|20)\d\d[./-][01]?\d[./-]?|\b(?:{'|'.join(MONTHS)})\.?)[ \t]*\n\Z", re.IGNORECASE
        ),
    }


def find_figures(text: str) -> list[Figure]:
    """Every money, percent, energy and count figure in the text, sorted by start."""
    numbers = find_numbers(text)
    found: list[Figure | None] = [_unit_figure(text, n) for n in numbers]
    for i, number in enumerate(numbers):
        if found[i] is None and _may_count(text, number):
            found[i] = _count_figure(text, number) or _number_of_count(text, number)
    _join_cents(text, found)
    _read_lists(text, numbers, found)
    _read_ranges(text, numbers, found)
    if "://" in text or "www." in text:  # a cheap test before looking at each figure's token
        found = [f for f in found if f is None or not in_web_address(text, f.start, f.end)]
    figures = [_hedged(text, f) for f in found if f is not None]
    return garbled.repair(text, numbers, figures)


def _unit_figure(text: str, number: Number) -> Figure | None:
    """The figure a number makes with a currency, percent or energy unit next to it."""
    prefix = _prefix_unit(text, number.start)
    suffix = _suffix_unit(text, number.end)
    suffix_unit = _units()["suffix"][suffix["unit"]] if suffix else None
    if prefix:
        unit = _units()["prefix"][prefix["unit"]]
        end = suffix.end() if suffix_unit and suffix_unit.unit == unit.unit else number.end
        left = prefix.start()
        glued = left > 0 and (text[left - 1].isdigit() or text[left - 1].isascii() and text[left - 1].isalpha())
        return Figure(left, end, unit.kind, number.value * unit.factor, unit.unit, number, glued_left=glued)
    if suffix_unit is None or number.scale_kind == "letter" and suffix_unit.kind != "money":
        return None
    if not _fits_suffix(text, number, suffix["unit"], suffix.end()):
        return None
    flags = (suffix_unit.flag,) if suffix_unit.flag else ()
    value = number.value * suffix_unit.factor
    return Figure(
        number.start, suffix.end(), suffix_unit.kind, value, suffix_unit.unit, number, flags, number.glued_before
    )


def _fits_suffix(text: str, number: Number, surface: str, end: int) -> bool:
    """Whether a suffix unit found after a number is its unit: a one-letter unit (`t`) only after digits;
    a currency sign (`10 €`) not when a digit follows, for then it opens the next amount; `%` not
    when it opens a percent-escape of an address (`%20`, `%2C`, `%E2`)."""
    if len(surface) == 1 and surface.isascii() and surface.isalpha():
        return number.form == "digits"
    if surface == "%":
        return not PERCENT_ESCAPE.match(text, end - 1)
    if not surface[-1].isalnum() and _units()["suffix"][surface].kind == "money":
        return not text[end : end + 2].lstrip(" ")[:1].isdigit()
    return True


def _prefix_unit(text: str, start: int) -> re.Match[str] | None:
    """The currency right before `start` (`$`, `KRW `), looked for in the 8 characters before it."""
    lasts = _edges()["prefix"]
    before = text[max(0, start - 2) : start]
    if not before or before[-1] not in lasts and not (before[-1] == " " and len(before) == 2 and before[0] in lasts):
        return None
    return _patterns()["prefix"].search(text, max(0, start - 8), start)


def _suffix_unit(text: str, end: int) -> re.Match[str] | None:
    """The unit right after `end` (`%`, ` billion won`: the unit only), after at most a space or a hyphen."""
    firsts = _edges()["suffix"]
    if text[end : end + 1] not in firsts and not (
        text[end : end + 1] in (" ", "-") and text[end + 1 : end + 2] in firsts
    ):
        return None
    return _patterns()["suffix"].match(text, end)


def _hedge_before(text: str, end: int) -> re.Match[str] | None:
    """The hedge (`about`, `more than`) right before `end` and its blanks, looked for in the 30 characters before it.

    A hedge ends where the blanks before `end` start, so it starts at most its own length earlier;
    it is looked for only where the text there ends as a hedge does.
    """
    start = max(0, end - 30)
    hedge_end = start + len(text[start:end].rstrip())
    if hedge_end == end or not ends_as_hedge(text, start, hedge_end):
        return None
    return _patterns()["hedge"].search(text, max(start, hedge_end - _longest_hedge()), end)


def ends_as_hedge(text: str, start: int, end: int) -> bool:
    """Whether `text[start:end]` ends with the last characters of a hedge (`_hedge_tails`), as it does
    when a hedge ends there."""
    tail_start = end - _hedge_tail_length()
    return tail_start >= start and _patterns()["hedge_tail"].fullmatch(text, tail_start, end) is not None


@cache
def _hedge_tail_length() -> int:
    """How many last characters of the hedges `_hedge_tails` holds: three, or the length of the shortest hedge."""
    return min([3, *map(len, hedges())])


@cache
def _hedge_tails() -> frozenset[str]:
    """The last characters of the hedges (lower case), which end a text a hedge ends."""
    return frozenset(hedge[-_hedge_tail_length() :].lower() for hedge in hedges())


@cache
def _longest_hedge() -> int:
    """The length of the longest hedge."""
    return max(map(len, hedges()))


def _may_count(text: str, number: Number) -> bool:
    """Whether a bare number can be a count: not glued, not a year, not a reference, rank or name."""
    if number.glued_before or number.glued_after or number.scale_kind == "letter" or number.value < 1:
        return False
    if _year_like(text, number) or _date_split_before(text, number.start):
        return False
    hedge = _hedge_before(text, number.start)
    before = hedge.start() if hedge else number.start
    previous = _previous_word(text, before)
    if previous is None:
        return True
    word = previous["word"]
    if word.lower() in _count_words("blocker") or word.endswith(("'s", "’s")):
        return False  # a possessive is a determiner, as `its` is: `the country's four conglomerates` is a reference
    if word.endswith(".") or not word[0].isupper():
        return True
    return _sentence_start(text, previous.start())


def _date_split_before(text: str, start: int) -> bool:
    """Whether a number opening a line is the day of a date the line break split (`2023.11.` or `Nov.`, then `23`)."""
    if start == 0 or text[start - 1] != "\n":
        return False
    return _patterns()["date_head"].search(text, max(0, start - 16), start) is not None


def _previous_word(text: str, before: int) -> re.Match[str] | None:
    """`PREVIOUS_WORD` searched in the 30 characters before `before`, tried only where it can match.

    The word ends where the blanks before `before` start, and its characters after the first
    are word characters, full stops and apostrophes: it opens on the first letter of the run of
    those characters that ends there.
    """
    start = max(0, before - 30)
    blanks_start = start + len(text[start:before].rstrip())
    run_start = blanks_start - WORD_TAIL_START.match(text[start:blanks_start][::-1]).end()
    letter = LETTER.search(text, run_start, blanks_start)
    return PREVIOUS_WORD.match(text, letter.start(), before) if letter else None


def _sentence_start(text: str, offset: int) -> bool:
    """Whether a word at `offset` opens a line or a sentence (so its capital says nothing)."""
    before = text[max(0, offset - 6) : offset].rstrip(" \t")
    return not before or before[-1] in '.!?:;\n"“([—'


def _year_like(text: str, number: Number) -> bool:
    """A plain four-digit number that reads as a year (`2023`)."""
    literal = text[number.start : number.end]
    return literal.isdigit() and len(literal) == 4 and int(literal) in YEAR_LIKE


def _count_figure(text: str, number: Number) -> Figure | None:
    """`15 new deals`: the number and its counted noun phrase, which ends at its last noun."""
    words = _following_words(text, number.end, 5)
    head_end = None
    for i, (word, _, end, closes) in enumerate(words[:4]):
        if i + 1 < len(words) and _is_count_noun(f"{word} {words[i + 1][0]}"):
            return Figure(number.start, words[i + 1][2], "count", number.value, "count", number)
        if _is_count_noun(word):
            head_end = end
        elif head_end is not None or word.lower() in _count_words("stop") or any(c.isdigit() for c in word):
            break
        if closes:
            break
    return Figure(number.start, head_end, "count", number.value, "count", number) if head_end else None


def _number_of_count(text: str, number: Number) -> Figure | None:
    """`the number of Chinese travelers ... amounted to 523,599`: a bare number that a linking verb ties to
    `number of` and a counted noun earlier in its clause (looked for in the 120 characters before it)."""
    window = text[max(0, number.start - NUMBER_OF_REACH) : number.start]
    if "umber of" not in window:  # a cheap test before the pattern
        return None
    match = NUMBER_OF.search(window)
    if match is None or not any(_is_count_noun(word.rstrip(",")) for word in match["words"].split()):
        return None
    return Figure(number.start, number.end, "count", number.value, "count", number)


def _following_words(text: str, position: int, limit: int) -> list[tuple[str, int, int, bool]]:
    """Up to `limit` words after `position`: (word without closing punctuation, start, end, whether punctuation closed it)."""
    words = []
    while len(words) < limit and (token := _patterns()["token"].match(text, position)):
        raw = token["token"]
        word = raw.rstrip(".!?'’")
        words.append((word, token.start("token"), token.start("token") + len(word), word != raw))
        if word != raw:
            break
        position = token.end()
    return words


def _is_count_noun(words: str) -> bool:
    """Whether the words (one, or two joined by a space) are a counted noun, in any case (`case_key`,
    which for ASCII text is `lower`)."""
    return (words.lower() if words.isascii() else case_key(words)) in _count_words("noun")


def _read_ranges(text: str, numbers: list[Number], found: list[Figure | None]) -> None:
    """Join `40 to 50 percent`, `$3-4 billion`, `between two and three percent` into flagged pairs."""
    for i in range(len(numbers) - 1):
        first, second = found[i], found[i + 1]
        a, b = numbers[i], numbers[i + 1]
        left = first.end if first else a.end
        right = second.start if second else b.start
        if right - left > 12 or a.glued_after or b.glued_before or _year_like(text, a) or _year_like(text, b):
            continue
        connector = CONNECTOR.search(text, left, right)
        if not connector or connector.start() != left:
            continue
        start = first.start if first else a.start
        between = BETWEEN_BEFORE.search(text, max(0, start - 10), start)
        if connector["word"] and connector["word"].lower() == "and" and not between:
            continue
        moving = FROM_BEFORE.search(text, max(0, start - 6), start)
        if first is None and second is not None:
            scale = b.scale if a.scale == 1 and not a.scale_kind else 1
            factor = second.value / b.value if second.value is not None and b.value else 1
            found[i] = Figure(a.start, a.end, second.kind, a.value * scale * factor, second.unit, a, second.flags)
        elif first is not None and second is None and first.kind == "money" and first.end == a.end:
            if a.scale != 1 or not (b.scale_kind or connector["word"] is None) or _touches_next(text, b.end):
                continue
            found[i] = first._replace(value=a.base * b.scale)
            found[i + 1] = Figure(b.start, b.end, "money", b.value, first.unit, b)
        elif first is None or second is None or connector["word"] and connector["word"].lower() == "to":
            continue
        if not moving:
            found[i] = found[i].with_flag("range")
            found[i + 1] = found[i + 1].with_flag("range")


def _join_cents(text: str, found: list[Figure | None]) -> None:
    """`15 dollars and 50 cents` (or `$15 and 50 cents`) is one figure, 15.50 dollars."""
    previous = None
    for i, figure in enumerate(found):
        if figure is None:
            continue
        if (
            previous is not None
            and figure.kind == "money"
            and text[figure.end - 4 : figure.end] in ("cent", "ents")
            and figure.number.value < 100
            and found[previous].kind == "money"
            and found[previous].unit == figure.unit
            and found[previous].number.scale == 1
            and CENTS.fullmatch(text, found[previous].end, figure.start)
        ):
            joined = found[previous]
            found[previous] = joined._replace(end=figure.end, value=joined.value + figure.value)
            found[i] = None
            continue
        previous = i


def _read_lists(text: str, numbers: list[Number], found: list[Figure | None]) -> None:
    """Members of a list written with one unit take it: `fell 24.3 and 22.4 percent` (the unit of the last
    member, read right to left through `18, 21 and 15 percent`) and `RMB 546.41 billion and 528.46 billion`
    (a currency lent rightwards to an amount that has a scale word but no unit). No range flag: a list is
    no range (`between 5 and 6 percent` is one, read by `_read_ranges`)."""
    lent: set[int] = set()
    for i in range(len(numbers) - 2, -1, -1):
        second, a, b = found[i + 1], numbers[i], numbers[i + 1]
        if found[i] is not None or second is None or second.kind == "count" or not _listed(text, a, b):
            continue
        if (
            LAST_LINK.fullmatch(text, a.end, second.start)
            or i + 1 in lent
            and COMMA_LINK.fullmatch(text, a.end, b.start)
        ):
            scale = b.scale if a.scale == 1 and not a.scale_kind else 1
            factor = second.value / b.value if second.value is not None and b.value else 1
            found[i] = Figure(a.start, a.end, second.kind, a.value * scale * factor, second.unit, a, second.flags)
            lent.add(i)
    for i in range(len(numbers) - 1):
        first, a, b = found[i], numbers[i], numbers[i + 1]
        if found[i + 1] is not None or first is None or first.kind != "money" or not _listed(text, a, b):
            continue
        linked = LAST_LINK.fullmatch(text, first.end, b.start) or COMMA_LINK.fullmatch(text, first.end, b.start)
        if linked and b.scale_kind in ("word", "short") and a.scale_kind == b.scale_kind and first.value is not None:
            found[i + 1] = Figure(b.start, b.end, "money", b.value * first.value / a.value, first.unit, b)


def _listed(text: str, a: Number, b: Number) -> bool:
    """Whether two numbers can be members of one list: written alike, neither glued nor a year."""
    return (
        a.form == b.form
        and a.value != 0
        and not (a.glued_after or a.glued_before or b.glued_before)
        and not (_year_like(text, a) or _year_like(text, b))
    )




def _touches_next(text: str, end: int) -> bool:
    """Whether a character other than a space or punctuation follows (`7$300`: the `7` is no range end)."""
    return end < len(text) and (text[end].isalnum() or text[end] in "$€₩£¥")


def _hedged(text: str, figure: Figure) -> Figure:
    return figure.with_flag("approximate") if _hedge_before(text, figure.start) else figure
