import datetime as dt
import re

from hypothesis import example, given
from strategies import glued

from kortrade.common import dates
from kortrade.common.dates import DateMatch, find_absolute_dates, find_relative_stamp, iso_date, numeric_date

MONTH = r"(?P<month>" + "|".join(sorted(dates.MONTHS, key=len, reverse=True)) + r")\.?"
DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
YEAR = r"(?P<year>(?:19|20)\d\d)"
# The absolute patterns as first written, without the tests of their first character.
PLAIN_PATTERNS = tuple(
    re.compile(p, re.IGNORECASE)
    for p in (
        rf"\b{MONTH}\s+{DAY},?\s+{YEAR}\b",
        rf"\b{DAY}(?:\s+(?:of\s+)?|-){MONTH}(?:,?\s+|-){YEAR}\b",
        rf"\b{YEAR}[-/.](?P<month_num>[01]?\d)[-/.](?P<day>[0-3]?\d)\b",
        rf"{YEAR}\s*[년年]\s*(?P<month_num>[01]?\d)\s*[월月]\s*(?P<day>[0-3]?\d)\s*[일日]",
        rf"\b{MONTH},?\s+{YEAR}\b",
        rf"{YEAR}\s*[년年]\s*(?P<month_num>[01]?\d)\s*[월月]",
    )
)


def plain_dates(text):
    found = []
    for pattern in PLAIN_PATTERNS:
        for match in pattern.finditer(text):
            if any(m.start < match.end() and match.start() < m.end for m in found):
                continue
            if date := iso_date(match.groupdict()):
                found.append(DateMatch(match.start(), match.end(), *date))
    return sorted(found, key=lambda m: m.start)


PIECES = ["March", "mar.", "SEPT", "ſept", "May", " ", ",", "28", "3", "2024", "1999", "-", "/", ".", "년", "월", "일"]
PIECES += ["of", "th", "x", "\n", "年", "月", "日", "12", "Dec", "K"]


@given(glued(PIECES, max_size=12))
@example("March 28, 2024")
@example("28 of mar. 2024")
@example("2024-03-28")
@example("2024년 3월 28일")
@example("08-Jan-2026")
@example("ſept 2024")
def test_absolute_dates_are_those_the_plain_patterns_find(text):
    assert find_absolute_dates(text) == plain_dates(text)


STAMP_PIECES = ["3", "a", "an", "few", " ", "days", "Day", "hours", "AGO", "ago", "agon", "today", "x", "\n", "K"]


@given(glued(STAMP_PIECES, max_size=10))
@example("3 days ago")
@example("an hour AGO.")
def test_relative_stamps_are_those_the_plain_search_finds(text):
    """`find_relative_stamp` looks for `ago` before its counted words: it finds the stamps the pattern alone finds."""
    reference = dt.date(2026, 11, 23)
    match = dates.RELATIVE_AGO.search(text) or dates.RELATIVE_WORD.search(text)
    stamp = find_relative_stamp(text, reference)
    assert (stamp.start, stamp.end) == match.span() if match else stamp is None


def test_letters_that_match_case_insensitively_name_the_month():
    assert [d.iso for d in find_absolute_dates("ſept 2024, SEPT 2023 and sept 2022")] == [
        "2024-09",
        "2023-09",
        "2022-09",
    ]


def test_absolute_date_forms():
    found = find_absolute_dates("On March 28, 2024 and 5 April 2023, 08-Jan-2026, then 2022/01/02 and 2021년 3월.")
    assert [(d.iso, d.precision) for d in found] == [
        ("2024-03-28", "day"),
        ("2023-04-05", "day"),
        ("2026-01-08", "day"),
        ("2022-01-02", "day"),
        ("2021-03", "month"),
    ]


def test_numeric_dates_with_the_year_last():
    assert numeric_date(2, 22, 2016, day_first=False) == ("2016-02-22", "day")
    assert numeric_date(22, 2, 2016, day_first=False) == ("2016-02-22", "day")
    assert numeric_date(3, 3, 2016, day_first=False) == ("2016-03-03", "day")
    assert numeric_date(2, 3, 2016, day_first=False) == ("2016", "year")  # 2 March or February 3: the year alone
    assert numeric_date(2, 3, 2016, day_first=True) == ("2016-03-02", "day")
    assert numeric_date(2, 31, 2016, day_first=False) is None
    assert numeric_date(31, 2, 2016, day_first=True) is None
