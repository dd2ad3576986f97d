"""Recognise dates written in text and normalise them to ISO 8601 with a precision.

Candidates are found with patterns (fast, and safe from false positives such
as `3050 Strategy`), then validated with the calendar. Forms handled:
`March 28, 2024`, `Mar. 28 2024`, `26 March 2024`, `08-Jan-2026`, `2024-03-28`,
`2024/03/28`, `2024년 3월 28일`, `2024年3月28日`, `March 2024`, dates in figures
with the year last (`numeric_date`, used by the timeline: `02/22/2016`), and relative
publication stamps (`1 day ago`, `yesterday`) resolved against a reference date.

The dates of running text (the timeline) are read by `kortrade.timeline.expressions`,
which builds on these patterns and calendar helpers.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass

from .numbers import small_cardinals
from .phrases import case_key, first_character_test

MONTHS = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
# The patterns that open with a word edge test their first character first, which rules out most positions quicker.
_MONTH_FIRST = first_character_test(MONTHS)
ABSOLUTE_PATTERNS = tuple(
    re.compile(p, re.IGNORECASE)
    for p in (
        rf"{_MONTH_FIRST}\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b",
        rf"(?=\d)\b{_DAY}(?:\s+(?:of\s+)?|-){_MONTH}(?:,?\s+|-){_YEAR}\b",
        rf"(?=[12])\b{_YEAR}[-/.](?P<month_num>[01]?\d)[-/.](?P<day>[0-3]?\d)\b",
        rf"{_YEAR}\s*[년年]\s*(?P<month_num>[01]?\d)\s*[월月]\s*(?P<day>[0-3]?\d)\s*[일日]",
        rf"{_MONTH_FIRST}\b{_MONTH},?\s+{_YEAR}\b",
        rf"{_YEAR}\s*[년年]\s*(?P<month_num>[01]?\d)\s*[월月]",
    )
)
# Every absolute date holds a year: a text without one is spared the patterns.
ANY_YEAR = re.compile(r"(?:19|20)\d\d")
# Counted words of relative stamps: the cardinals of the number grammar, and `a`/`an` (`a day ago`).
NUMBER_WORDS = {**small_cardinals(), "an": 1, "a": 1}
RELATIVE_AGO = re.compile(
    r"\b(?P<count>\d+|" + "|".join(NUMBER_WORDS) + r")\s+(?P<unit>minute|hour|day|week|month|year)s?\s+ago\b",
    re.IGNORECASE,
)
# The word every RELATIVE_AGO match ends with, searched alone first (same flags): a text without it is spared the
# alternation of counted words tried at every word.
AGO = re.compile(r"ago\b", re.IGNORECASE)
RELATIVE_WORD = re.compile(r"\b(?P<word>today|yesterday)\b", re.IGNORECASE)
UNIT_DAYS = {"minute": 0, "hour": 0, "day": 1, "week": 7}


@dataclass(frozen=True)
class DateMatch:
    """A date found in text: its span, ISO value and precision (`day`, `month`, `year`, `relative`)."""

    start: int
    end: int
    iso: str
    precision: str


def find_absolute_dates(text: str) -> list[DateMatch]:
    """Every calendar-valid absolute date in the text, longest first where they overlap."""
    found: list[DateMatch] = []
    if not ANY_YEAR.search(text):
        return found
    for pattern in ABSOLUTE_PATTERNS:
        for match in pattern.finditer(text):
            if any(m.start < match.end() and match.start() < m.end for m in found):
                continue
            date = iso_date(match.groupdict())
            if date:
                found.append(DateMatch(match.start(), match.end(), *date))
    return sorted(found, key=lambda m: m.start)


def iso_date(groups: Mapping[str, str | None]) -> tuple[str, str] | None:
    """(ISO date, precision) from the groups of an absolute pattern; None if the calendar has no such date."""
    year = int(groups["year"])
    month = MONTHS[case_key(groups["month"])] if groups.get("month") else int(groups["month_num"])
    if groups.get("day") is None:
        return (f"{year:04d}-{month:02d}", "month") if 1 <= month <= 12 else None
    try:
        return dt.date(year, month, int(groups["day"])).isoformat(), "day"
    except ValueError:
        return None


def numeric_date(first: int, second: int, year: int, day_first: bool) -> tuple[str, str] | None:
    """(ISO date, precision) of a date in figures with the year last: `22.02.2016` (`day_first`: dots, as in
    Europe), `02/22/2016` or `22/02/2016` (told apart by a part over 12); the year alone, precision `year`,
    when the order cannot be told (`02/03/2016`); None if the calendar has no such date either way."""
    if day_first or first > 12:
        orders = [(first, second)]
    elif second > 12 or first == second:
        orders = [(second, first)]
    else:
        orders = [(first, second), (second, first)]
    valid = [iso_date({"year": str(year), "month_num": str(month), "day": str(day)}) for day, month in orders]
    if not all(valid):
        return None
    return valid[0] if len(valid) == 1 else (f"{year:04d}", "year")


def find_relative_stamp(text: str, reference: dt.date | None) -> DateMatch | None:
    """A relative date stamp (`1 day ago`, `yesterday`); its ISO value is empty without a reference."""
    match = RELATIVE_AGO.search(text) if AGO.search(text) else None
    if match:
        count_text = match["count"].lower()
        count = int(count_text) if count_text.isdigit() else NUMBER_WORDS[count_text]
        date = shift_back(reference, count, match["unit"].lower()) if reference else None
    else:
        match = RELATIVE_WORD.search(text)
        if not match:
            return None
        days = 1 if match["word"].lower() == "yesterday" else 0
        date = reference - dt.timedelta(days=days) if reference else None
    return DateMatch(match.start(), match.end(), date.isoformat() if date else "", "relative")


def shift_back(reference: dt.date, count: int, unit: str) -> dt.date:
    """The date `count` units before the reference (months and years by the calendar)."""
    if unit in UNIT_DAYS:
        return reference - dt.timedelta(days=count * UNIT_DAYS[unit])
    months = count * (12 if unit == "year" else 1)
    year, month = divmod(reference.year * 12 + reference.month - 1 - months, 12)
    month += 1
    day = min(reference.day, days_in_month(year, month))
    return dt.date(year, month, day)


def days_in_month(year: int, month: int) -> int:
    """The number of days of a month."""
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return (following - dt.timedelta(days=1)).day
