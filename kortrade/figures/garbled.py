"""Numbers damaged by machine translation: detect them, flag them `garbled`, repair what follows a pattern.

Chinese→English and Korean→English machine translation breaks figures in recognisable ways.
Every figure that shows one of these patterns is flagged `garbled`; none leaves as a clean
figure. Where the pattern tells what the original said, the value is reconstructed;
otherwise the figure is read as written (or, when even that is impossible, left without a
value).

1. Detached decimal. The decimal digits of a percentage break off and are glued, with `%`,
   to the next word: `China accounted for 19 percent of total exports7%` stood for 19.7 %,
   `up 7 percent from a year earlier, according to the ministry8%` for 7.8 %. The orphan
   (`exports7%`: one or two digits glued to a letter, then `%`) is joined to the nearest
   preceding whole-number percentage on the same line with no other number between; its
   digits become that figure's decimals, and the orphan is not a figure of its own. Without
   such an anchor the orphan is the figure, flagged, read as written.
2. Stranded integer before hundred-million units. A Chinese amount in 亿 (10^8) such as
   39.4亿美元 comes out as its integer part, stranded earlier in the clause, and its tenths
   digit as `$D00 million` glued to the following word or digit: `rising from 39 in
   January$400 million decreased to 7$300 million` stood for 3.94 and 0.73 billion dollars.
   A glued `D00 million` amount takes the integer glued to its left, else the nearest bare
   integer before it in the clause that a prepositional phrase cut off (`39 in January`),
   and is worth (integer + D/10) × 10^8. Without a stranded integer it is read as written.
3. Glued edge. Any other money, percent or energy figure whose left edge (currency or digits)
   touches a letter or digit (`January$5 billion`) lost at least a space: flagged, read as
   written.
4. Broken digit group. Digits split by a separator the grammar rejects: `1,5%` and `1,5
   billion dollars` (a decimal comma before the figure's last digits) are read as 1.5; other
   forms (`12,34,5%`, `$1,30 million`) have no value.
5. Censored digits. A figure touching a `**` placeholder (`**5%`, `$3** billion`) lost a
   digit or a word: flagged, read as written.
6. Lost exponent. A figure right after a caret (`up 10^400 percent`, `3^2%`) is the exponent of
   a power the text no longer writes: flagged, read as written.
"""

from __future__ import annotations

import bisect
import re
from decimal import Decimal
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..common.numbers import Number
    from .figure import Figure

GARBLED = "garbled"
HUNDRED_MILLION = Decimal(100_000_000)
CLAUSE_END = re.compile(r"[.;。；\n]")
BROKEN_GROUP = re.compile(r"[\d,.]*\d[,.]\Z")
DECIMAL_COMMA = re.compile(r"\d+,\d{1,2}")
STRANDED_BEFORE = re.compile(r"\s+(?:in|at|on|during|of|for|by)\b", re.IGNORECASE)
ORPHAN_REACH = 300
STRANDED_REACH = 80
EXPONENT_REACH = 3  # a caret and up to two blanks before the figure


def repair(text: str, numbers: list[Number], figures: list[Figure]) -> list[Figure]:
    """The figures with every damaged one flagged and, where a pattern allows, its value rebuilt."""
    figures = sorted(figures, key=lambda f: f.start)
    starts = [n.start for n in numbers]
    figure_numbers = {f.number.start for f in figures}
    repaired: list[Figure] = []
    for figure in figures:
        if _is_orphan_decimal(text, figure):
            anchor = repaired[-1] if repaired else None
            if anchor is not None and _anchors(text, starts, anchor, figure):
                repaired[-1] = _with_decimals(anchor, text[figure.number.start : figure.number.end])
                continue
            repaired.append(figure.with_flag(GARBLED))
        elif _broken_group(text, figure):
            repaired.append(_read_broken_group(text, figure))
        elif figure.glued_left and figure.kind == "money":
            repaired.append(_read_hundred_million(text, numbers, starts, figure_numbers, figure))
        elif figure.glued_left and figure.kind != "count" or _censored(text, figure) or _exponent(text, figure):
            repaired.append(figure.with_flag(GARBLED))
        else:
            repaired.append(figure)
    return repaired


def _is_orphan_decimal(text: str, figure: Figure) -> bool:
    number = figure.number
    return (
        figure.kind == "percent"
        and number.form == "digits"
        and number.start > 0
        and text[number.start - 1].isascii()
        and text[number.start - 1].isalpha()
        and len(text[number.start : number.end]) <= 2
        and text[number.start : number.end].isdigit()
    )


def _anchors(text: str, starts: list[int], anchor: Figure, orphan: Figure) -> bool:
    """Whether the orphan's digits belong to `anchor`: a whole percentage before it, nothing between."""
    between_numbers = bisect.bisect_left(starts, orphan.number.start) - bisect.bisect_right(starts, anchor.number.start)
    return (
        anchor.kind == "percent"
        and GARBLED not in anchor.flags
        and not anchor.number.decimal_point
        and anchor.number.scale == 1
        and anchor.value is not None
        and between_numbers == 0
        and orphan.start - anchor.end <= ORPHAN_REACH
        and "\n" not in text[anchor.end : orphan.start]
    )


def _with_decimals(anchor: Figure, digits: str) -> Figure:
    whole = int(anchor.number.base)
    value = Decimal(f"{abs(whole)}.{digits}").copy_sign(Decimal(whole or 1))
    return anchor._replace(value=value).with_flag(GARBLED)


def _read_hundred_million(
    text: str, numbers: list[Number], starts: list[int], figure_numbers: set[int], figure: Figure
) -> Figure:
    """Pattern 2 where it fits (`39 in January$400 million` is 39.4 × 10^8), else pattern 3."""
    number = figure.number
    flagged = figure.with_flag(GARBLED)
    base = number.base
    if not (number.form == "digits" and number.scale == 1_000_000 and 100 <= base <= 900 and base % 100 == 0):
        return flagged
    stranded = _stranded_integer(text, numbers, starts, figure_numbers, figure)
    if stranded is None:
        return flagged
    return flagged._replace(value=(stranded + base / 1000) * HUNDRED_MILLION)


def _stranded_integer(
    text: str, numbers: list[Number], starts: list[int], figure_numbers: set[int], figure: Figure
) -> Decimal | None:
    """The integer part left behind: glued to the figure's left, else the nearest bare integer before it in the clause."""
    index = bisect.bisect_left(starts, figure.start) - 1
    while index >= 0:
        candidate = numbers[index]
        between = text[candidate.end : figure.start]
        if figure.start - candidate.end > STRANDED_REACH or CLAUSE_END.search(between):
            return None
        bare = (
            candidate.form == "digits"
            and candidate.scale == 1
            and not candidate.decimal_point
            and not candidate.glued_after
            and not candidate.glued_before
            and candidate.start not in figure_numbers
            and 0 <= candidate.base < 1000
        )
        if bare and (candidate.end == figure.start or STRANDED_BEFORE.match(text, candidate.end)):
            return candidate.base
        if candidate.start in figure_numbers:
            return None
        index -= 1
    return None


def _broken_group(text: str, figure: Figure) -> bool:
    number = figure.number
    if number.form != "digits":
        return False
    after = text[number.end : number.end + 2]
    return broken_before(text, number.start) or len(after) == 2 and after[0] in ",." and after[1].isdigit()


def broken_before(text: str, start: int) -> bool:
    """Whether a digit group broken off by a separator ends at `start` (`1,` of `1,5%`): whether
    `BROKEN_GROUP` matches in the 20 characters before it, which it does when a digit (`\\d`, a
    decimal) and then `,` or `.` end there."""
    return start >= 2 and text[start - 1] in ",." and text[start - 2].isdecimal()


def _read_broken_group(text: str, figure: Figure) -> Figure:
    """Pattern 4: the whole digit token becomes the figure; a decimal comma keeps a value."""
    number = figure.number
    head = BROKEN_GROUP.search(text, max(0, number.start - 20), number.start)
    start = head.start() if head else number.start
    token_end = number.start
    while token_end < len(text) and (
        text[token_end].isdigit() or text[token_end] in ",." and _digit_at(text, token_end + 1)
    ):
        token_end += 1
    token = text[start:token_end]
    value = None
    if head and DECIMAL_COMMA.fullmatch(token) and figure.value is not None and number.value:
        value = Decimal(token.replace(",", ".")) * number.scale * (figure.value / number.value)
    return figure._replace(start=min(start, figure.start), end=max(token_end, figure.end), value=value).with_flag(
        GARBLED
    )


def _digit_at(text: str, offset: int) -> bool:
    return offset < len(text) and text[offset].isdigit()


def _censored(text: str, figure: Figure) -> bool:
    return text[max(0, figure.start - 2) : figure.start] == "**" or text[figure.end : figure.end + 2] == "**"


def _exponent(text: str, figure: Figure) -> bool:
    return text[max(0, figure.start - EXPONENT_REACH) : figure.start].rstrip().endswith("^")
