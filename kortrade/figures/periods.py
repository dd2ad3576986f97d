"""The periods a sentence speaks of, normalised to ISO 8601 against the document's date.

Forms: `in 2023` -> `2023`; `December 2023`, `March 28, 2024` (kortrade.common.dates); a month
alone, `in November` -> the latest November not after the document's date (`2023-11` in a
piece of 2023-12-01); `March this year`; `last month`, `this month`, `last year`, `this
year`, `next year`; `the third quarter of 2023`, `Q3 2023` -> `2023-Q3`; `the first half of
2023`, `H1 2023` -> `2023-01/2023-06`; `the first nine months of this year` ->
`2023-01/2023-09`; `January-September 2023` -> `2023-01/2023-09`; part of a month, `the first
20 days of June` or `June 1-20` -> `2023-06-01/2023-06-20`; `from 2020 to 2023`,
`2020-23` -> `2020/2023`; `by 2030` -> `2030`, marked projected (as is `next year`).

Comparison bases are not periods: `from the same month last year`, `than in 2022`, `compared
with 2022`, `since 2004`. Event names are not periods either (`the 2030 World Expo`), nor the day a
statement was made (`announced on July 4`).
Relative forms need the document's own publication date; without one their value is empty,
but they are still returned, so that a figure `in November` of an undated piece gets no
period rather than some other one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import NamedTuple

from ..common.dates import MONTHS, days_in_month, find_absolute_dates
from ..common.numbers import find_numbers
from ..common.phrases import case_key

MONTH_NAMES = {number: name for name, number in MONTHS.items()}
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}
_YEAR = r"(?:19|20)\d\d"
_MONTH = r"(?:" + "|".join(sorted((m.capitalize() for m in MONTHS), key=len, reverse=True)) + r")\.?"
_OF_YEAR = rf"(?:\s+of)?\s+(?:(?P<year>{_YEAR})|(?P<rel>this|last|next)\s+year)"
PATTERNS = {
    "year_range": re.compile(
        rf"\b(?:(?:from|between)\s+)?(?P<a>{_YEAR})\s*(?:[-–]\s*(?P<short>\d\d)\b(?![-–\d])|(?:[-–]|to|and|through)\s*(?P<b>{_YEAR})\b)"
    ),
    "first_months": re.compile(rf"\bfirst\s+(?P<n>\d{{1,2}}|[a-z]+)\s+months(?:{_OF_YEAR})?", re.IGNORECASE),
    "quarter": re.compile(
        rf"\b(?P<q>first|second|third|fourth|1st|2nd|3rd|4th)\s+quarter(?:{_OF_YEAR})?", re.IGNORECASE
    ),
    "quarter_code": re.compile(rf"\b(?:Q(?P<q>[1-4])|(?P<q2>[1-4])Q)(?:\s*(?:of\s+)?(?P<year>{_YEAR}))?\b"),
    "half": re.compile(rf"\b(?P<h>first|second)\s+half(?:{_OF_YEAR})?", re.IGNORECASE),
    "half_code": re.compile(rf"\bH(?P<h>[12])\s*(?P<year>{_YEAR})\b"),
    "first_days": re.compile(
        rf"\bfirst\s+(?P<n>\d{{1,2}}|[a-z]+)\s+days\s+(?:of\s+(?P<m>{_MONTH})(?:,?\s+(?:of\s+)?(?P<year>{_YEAR}))?"
        rf"|(?:of\s+)?(?P<rel_month>this|last|the)\s+month)(?![\w-])",
        re.IGNORECASE,
    ),
    "month_days": re.compile(
        rf"\b(?P<m>{_MONTH})\s+(?P<d1>[0-3]?\d)\s*(?:-|–|to|through)\s*(?P<d2>[0-3]?\d)\b(?!\s*%)(?:,?\s+(?P<year>{_YEAR})\b)?"
    ),
    "month_range": re.compile(
        rf"\b(?P<m1>{_MONTH})\s*(?:-|–|to|through)\s*(?P<m2>{_MONTH})(?:,?\s+(?:(?:in|of)\s+)?(?P<year>{_YEAR}))?\b"
    ),
    "month_relative": re.compile(rf"\b(?P<m>{_MONTH})\s+(?:of\s+)?(?P<rel>this|last|next)\s+year\b"),
    "month_day": re.compile(rf"\b(?P<m>{_MONTH})\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\b(?!,?\s*{_YEAR})(?!\s*%)"),
    "month": re.compile(rf"\b(?:(?P<prep>in|for|during|of|by|through|until|last|this)\s+)?(?P<m>{_MONTH})(?![\w-])"),
    "relative": re.compile(r"\b(?P<rel>this|last|next)\s+(?P<unit>year|month|quarter)\b", re.IGNORECASE),
    "year": re.compile(rf"(?<![\w$€₩.,-])(?P<year>{_YEAR})(?![\w%$]|[.,]\d|\s*(?:percent|per cent))"),
}
# Cheap tests that spare a sentence the patterns that cannot match in it.
MONTH_HINT = re.compile(_MONTH)
NUMERIC_DATE_HINT = re.compile(rf"{_YEAR}\s*[-/.년年]")
YEAR_HINT = re.compile(_YEAR)
MONTH_PATTERNS = frozenset({"first_days", "month_days", "month_range", "month_relative", "month_day", "month"})
YEAR_PATTERNS = frozenset({"year_range", "year"})
RANGE_PATTERNS = frozenset({"year_range", "month_range", "month_days", "first_days"})
# Patterns whose matches open on a month name or on a year: searched from the first one.
OPEN_ON_MONTH = frozenset({"month_days", "month_range", "month_relative", "month_day"})
OPEN_ON_YEAR = frozenset({"year"})
# The other patterns are tried only in a sentence holding one of their words (lower-cased): (word, pattern name).
HINT_WORDS = (
    ("month", "first_months"),
    ("days", "first_days"),
    ("quarter", "quarter"),
    ("q", "quarter_code"),
    ("half", "half"),
    ("h1", "half_code"),
    ("h2", "half_code"),
    ("this", "relative"),
    ("last", "relative"),
    ("next", "relative"),
)
BASE_BEFORE = re.compile(
    r"(?:\bfrom|\bsince|\bthan|\bcompared\s+(?:with|to)|\bversus|\bvs\.?|\bagainst)\s+(?:(?:in|the|a)\s+)*"
    r"(?:same\s+(?:month|period|quarter|time)\s+(?:of\s+)?)?\Z",
    re.IGNORECASE,
)
EVENT_NAME = re.compile(r"\s+[A-Z][a-z]")
POSSESSIVE_AFTER = re.compile(r"['’]s\b")
ON_BEFORE = re.compile(r"\bon\s+(?:the\s+)?\Z", re.IGNORECASE)
BY_BEFORE = re.compile(r"\b(?:by|until|through)\s+(?:the\s+end\s+of\s+)?\Z", re.IGNORECASE)


class Period(NamedTuple):
    """A period mentioned in text: span, ISO value (empty when it cannot be resolved), and how it reads.

    `projected` marks a target (`by 2030`); `is_range` a span of time, whose `from` (`from
    January to October`) is no comparison base. A named tuple, which is built quicker than a frozen dataclass.
    """

    start: int
    end: int
    value: str
    projected: bool = False
    is_range: bool = False


@dataclass(frozen=True)
class Anchor:
    """The document's own date, as far as it is known (year, month, or neither)."""

    year: int | None = None
    month: int | None = None

    @classmethod
    def from_published(cls, published: str) -> Anchor:
        parts = [int(p) for p in published.split("-")[:2] if p.isdigit()] if published else []
        return cls(parts[0] if parts else None, parts[1] if len(parts) > 1 else None)

    def relative_year(self, rel: str | None) -> int | None:
        if self.year is None:
            return None
        return self.year + {"this": 0, "last": -1, "next": 1}[case_key(rel or "this")]

    def latest_year_of(self, month: int) -> int | None:
        """The year of the latest such month not after the anchor."""
        if self.year is None:
            return None
        return self.year - 1 if self.month is not None and month > self.month else self.year


def find_periods(text: str, start: int, end: int, anchor: Anchor) -> list[Period]:
    """Periods in `text[start:end]` (offsets into `text`), comparison bases and event names left out."""
    candidates: list[Period] = []
    span = text[start:end]
    lowered = span.lower()
    month, year = MONTH_HINT.search(text, start, end), YEAR_HINT.search(text, start, end)
    # An absolute date names a year, and a month or a numeric day (`kortrade.common.dates`).
    if year and (month or NUMERIC_DATE_HINT.search(text, year.start(), end)):
        for date in find_absolute_dates(span):
            candidates.append(Period(start + date.start, start + date.end, date.iso))
    for name in _names_to_try(lowered, month is not None, year is not None):
        pattern = PATTERNS[name]
        opening = month if name in OPEN_ON_MONTH else year if name in OPEN_ON_YEAR else None
        for match in pattern.finditer(text, opening.start() if opening else start, end):
            value = _resolve(name, match, anchor)
            if value is not None:
                is_range = name in RANGE_PATTERNS
                candidates.append(Period(match.start(), match.end(), value, _projected(text, match, name), is_range))
    kept: list[Period] = []
    for period in sorted(candidates, key=lambda p: (p.start - p.end, p.start)):
        if not any(period.start < k.end and k.start < period.end for k in kept):
            kept.append(period)
    kept.sort(key=lambda p: p.start)
    return [
        p for p in kept if not _is_base(text, start, p) and not _is_event_name(text, p) and not _is_reporting_day(text, p)
    ]


def _names_to_try(lowered: str, has_month: bool, has_year: bool) -> tuple[str, ...]:
    """The names of the patterns that may match in a sentence (lower-cased) that has a month name, a year,
    or neither, in the order of `PATTERNS`."""
    hinted = frozenset(name for word, name in HINT_WORDS if word in lowered)
    return _names_of(has_month, has_year, hinted)


@cache
def _names_of(has_month: bool, has_year: bool, hinted: frozenset[str]) -> tuple[str, ...]:
    """The names of the patterns tried in a sentence with (or without) a month name and a year, `hinted` naming
    the patterns whose hint words it holds."""
    return tuple(
        name
        for name in PATTERNS
        if name in MONTH_PATTERNS and has_month or name in YEAR_PATTERNS and has_year or name in hinted
    )


def _resolve(name: str, match: re.Match[str], anchor: Anchor) -> str | None:
    """The ISO value of a match ("" when the anchor is missing), or None when the match is no period."""
    groups = match.groupdict()

    def year_of(month: int) -> int | None:
        if groups.get("year"):
            return int(groups["year"])
        return anchor.relative_year(groups["rel"]) if groups.get("rel") else anchor.latest_year_of(month)

    if name == "year":
        return groups["year"]
    if name == "year_range":
        first = int(groups["a"])
        last = int(groups["b"]) if groups["b"] else first // 100 * 100 + int(groups["short"])
        return f"{first}/{last}" if last > first else None
    if name == "relative":
        return _relative(case_key(groups["rel"]), case_key(groups["unit"]), anchor)
    if name == "first_months":
        numbers = find_numbers(groups["n"])
        count = int(numbers[0].value) if numbers else 0
        year = year_of(count)
        return None if not 1 < count <= 12 else f"{year}-01/{year}-{count:02d}" if year else ""
    if name in ("quarter", "quarter_code"):
        quarter = ORDINALS.get(case_key(groups["q"] or "")) or int(groups["q"] or groups["q2"])
        year = year_of(quarter * 3 - 2)
        return f"{year}-Q{quarter}" if year else ""
    if name in ("half", "half_code"):
        half = 1 if case_key(groups["h"]) in ("first", "1") else 2
        year = year_of(half * 6 - 5)
        return f"{year}-{half * 6 - 5:02d}/{year}-{half * 6:02d}" if year else ""
    if name == "first_days" and groups["rel_month"]:
        month_value = _relative("last" if case_key(groups["rel_month"]) == "last" else "this", "month", anchor)
        groups["year"], groups["m"] = month_value[:4] or None, MONTH_NAMES[int(month_value[5:])] if month_value else None
        if not month_value:
            return ""
    if name in ("first_days", "month_days"):
        month = _month(groups["m"])
        numbers = find_numbers(groups["n"]) if name == "first_days" else []
        first, last = (1, int(numbers[0].value) if numbers else 0) if name == "first_days" else (
            int(groups["d1"]),
            int(groups["d2"]),
        )
        year = year_of(month)
        if not 1 <= first < last <= (days_in_month(year, month) if year else 31):
            return None
        return f"{year}-{month:02d}-{first:02d}/{year}-{month:02d}-{last:02d}" if year else ""
    if name == "month_range":
        first, last = _month(groups["m1"]), _month(groups["m2"])
        year = year_of(last)
        return None if first >= last else f"{year}-{first:02d}/{year}-{last:02d}" if year else ""
    month = _month(groups["m"])
    if name == "month" and groups["m"] == "May" and not groups["prep"]:
        return None
    year = year_of(month)
    if name == "month_day":
        day = int(groups["d"])
        return None if not 1 <= day <= 31 else f"{year}-{month:02d}-{day:02d}" if year else ""
    return f"{year}-{month:02d}" if year else ""


def _relative(rel: str, unit: str, anchor: Anchor) -> str:
    year = anchor.relative_year(rel)
    if year is None:
        return ""
    if unit == "year":
        return str(year)
    if anchor.month is None:
        return ""
    step = {"this": 0, "last": -1, "next": 1}[rel]
    if unit == "month":
        index = anchor.year * 12 + anchor.month - 1 + step
        return f"{index // 12}-{index % 12 + 1:02d}"
    index = anchor.year * 4 + (anchor.month - 1) // 3 + step
    return f"{index // 4}-Q{index % 4 + 1}"


def _month(name: str) -> int:
    return MONTHS[case_key(name.rstrip("."))]


def _projected(text: str, match: re.Match[str], name: str) -> bool:
    """`by 2030` and `next year` name targets."""
    groups = match.groupdict()
    if (groups.get("rel") or "").lower() == "next" or (groups.get("prep") or "").lower() == "by":
        return True
    return name in ("year", "month", "quarter", "half") and bool(
        BY_BEFORE.search(text, max(0, match.start() - 20), match.start())
    )


def _is_base(text: str, start: int, period: Period) -> bool:
    """`from the same month last year`, `since 2004`, `the lowest since the 2007-08 crisis`; a range after another
    word (`from January to October`) is no base, nor a possessive year (`from 2023's 3,538 tonnes`)."""
    if POSSESSIVE_AFTER.match(text, period.end):
        return False  # `from 2023's 3,538 tonnes`: the year owns the amount after it
    base = BASE_BEFORE.search(text, max(start, period.start - 40), period.start)
    return base is not None and (not period.is_range or base.group().lower().startswith("since"))


def _is_reporting_day(text: str, period: Period) -> bool:
    """`announced on July 4`, `data retrieved on January 28th`: a single day after `on` dates a statement, not what a
    figure covers."""
    return len(period.value) == len("2024-01-28") and ON_BEFORE.search(text, max(0, period.start - 8), period.start) is not None


def _is_event_name(text: str, period: Period) -> bool:
    """`the 2030 World Expo`: a year between `the` and a capitalised name."""
    return (
        period.value.isdigit()
        and text[max(0, period.start - 4) : period.start].lower() == "the "
        and bool(EVENT_NAME.match(text, period.end))
    )


def year_before(value: str) -> str:
    """The period a year before an ISO period (`2025-12-01/2025-12-10` -> `2024-12-01/2024-12-10`); 29 February
    becomes the 28th."""
    shifted = re.sub(r"(?<!\d)(\d{4})(?!\d)", lambda year: str(int(year[1]) - 1), value)
    return re.sub(r"(?<!\d)(\d{4})-02-29", lambda match: f"{match[1]}-02-28", shifted)
