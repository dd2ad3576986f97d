"""Dates in running text, for the timeline, normalised to ISO 8601 with their precision.

Forms read: absolute dates (`March 28, 2024`, `26 March 2024`, `December 2023`,
`Dec-2018`, `2024-03-28`, `2024.03.28`, `02/22/2016`, `22.02.2016`, `2024년 3월 28일`);
months and days without their year (`Dec. 1`, `in late September`, `in march`,
`March this year`); relative dates (`last month`, `earlier this month`, `on Tuesday`,
`the previous Monday`, `the coming Monday`, `the 10th`, `yesterday`, `3 days ago`,
`a few days ago`, `in two days` in a sentence about the future); dates told from
the last day named before them (`the next day`, `the following Monday`); quarters
and halves (`2Q23`, `Q3 2023`, `2019-Q1`, `1H24`, `the third quarter`, `the second
half of this year`); spans (`2017-22`, `from 2019 to 2021`, `the first nine months
of 2023`, `the 1990s`); years after a preposition (`in 2023`, `since 2004`,
`by 2030`), and the later members of a list (`in 2007 and 2009`: two dates).
Figures in web addresses, after an identifier's word (`No. 2015-32`,
`data/timeline/identifier_words.txt`) or in runs of numbers (`02-2015-3200`) are no dates.

Each rule has a core pattern (fast to scan for) and a prefix read from the
words just before the core: lead words that belong to the expression and
stay in its surface (`since`, `by`, `early`, `mid-`, `the end of`, `last`),
or prepositions that a bare month or year needs (`in`, `during`) and that
stay out of it. Rules are tried in order (spans, absolute dates, then ever
less specific forms); a match overlapping an earlier one is dropped, so
`December 2023` is one month, not a month and a year. A year needs a
preposition and is never followed by an amount's unit (`data/timeline/date_cues.tsv`),
so `3050 Strategy`, model numbers (`PV5`, `H100`) and amounts are not dates;
comparison bases (`from the same month last year`) are not dated statements.

Forms without their year and relative forms are read against a
`DateContext`: the last such date before the anchor, or the next one in a
sentence about the future. dateparser is not called: at about a millisecond
a call it would be the slowest step of the pipeline; the tests check this
arithmetic against it instead.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache, partial

from ..common.dates import ABSOLUTE_PATTERNS, MONTHS, NUMBER_WORDS, days_in_month, iso_date, numeric_date, shift_back
from ..common.phrases import behind_first_character_test, case_key, in_web_address, matches_at, starts_of
from ..common.resources import data_lines, data_rows

GRANULARITY = {"year": 1, "month": 2, "day": 3}
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}
STEP = {"last": -1, "this": 0, "next": 1}
DAY_WORDS = {
    "the day before yesterday": -2,
    "yesterday": -1,
    "today": 0,
    "tonight": 0,
    "this morning": 0,
    "this afternoon": 0,
    "this evening": 0,
    "tomorrow": 1,
}
# Days told from another date: read against the last day named before them in their sentence or the one
# before (`met on Tuesday and signed the next day`); without one, `the previous day` reads the document's date.
MENTION_DAYS = {"previous day": -1, "day before": -1, "next day": 1, "following day": 1, "day after": 1}
# Weekdays told from a date (`the previous Monday`, `the following Monday`) and how they step from it.
WEEKDAY_STEP = {"last": -1, "previous": -1, "next": 1, "following": 1, "coming": 1, "this coming": 1}
UNIT_NEEDS = {"minute": "day", "hour": "day", "day": "day", "week": "day", "month": "month", "year": "year"}
PREFIX_WINDOW = 40
SHORT_SPAN_YEARS = 10
PRECISION_OF_LENGTH = {10: "day", 7: "month", 4: "year"}
# What marks a whitespace-delimited token as a web address, whose figures are no dates.
# What joins the members of a list of dates (`in 2007 and 2009`, `in March, April and May`).
LIST_JOINER = re.compile(r"(?:[ \t]*,[ \t]*(?:(?:and|or)[ \t]+)?|[ \t]+(?:and|or|&)[ \t]+)$")

_ABBREVIATED = {m for m in MONTHS if any(other != m and other.startswith(m) for other in MONTHS)}
_CAP_MONTHS = "|".join(
    f"{name}\\.?" if m in _ABBREVIATED else name
    for m in sorted(MONTHS, key=len, reverse=True)
    for name in (m.capitalize(), m.upper())
)
# Month names in lower case (`in march`), full names only, are read only with a year or a dating word before them.
_LOW_MONTHS = "|".join(sorted((m for m in MONTHS if m not in _ABBREVIATED), key=len, reverse=True))
_DATING_WORD_BEFORE = re.compile(
    r"(?:\b(?:in|on|during|throughout|of|for|since|until|till|by|from|through|before|after|early|late|mid|last|this"
    r"|next)\s+|\bmid-\s*)$",
    re.IGNORECASE,
)
# What may follow a lower-case month with no year: the end of a clause, or a word that goes on with a date.
_AFTER_LOW_MONTH = r"(?=\s*(?:[,.;:!?)\]\"”’]|$)|\s+(?:and|or|to|through|until|till|when|after|before|while)\b)"
_YYYY = r"(?:19|20)\d\d"
_LEAD_WORD = (
    r"(?:(?:since|until|till|before|after|from|through|by|as\s+of|starting(?:\s+(?:in|from))?|beginning\s+in"
    r"|earlier|later|early|late|(?:the\s+)?(?:end|beginning|start|middle)\s+of)\s+|mid-\s*|mid\s+)"
)
MONTH_PREPOSITIONS = "in|during|throughout|of|for"
YEAR_PREPOSITIONS = r"in|during|throughout|for|(?:the\s+)?year"
DECADE_PREPOSITIONS = "in|during|throughout"
HANGUL_OR_HAN_DATE = ("년", "年")
ANCHORS = {"month": re.compile(_CAP_MONTHS), "year": re.compile(_YYYY)}
# Lower-case month names are found with `str.find`: in a pattern, lower-case first letters would make the engine
# try the month names at most positions of a text, where capitals let it skip ahead (`anchor_starts`).
LOWER_CASE_ANCHORS = {"month": tuple(m for m in MONTHS if m not in _ABBREVIATED)}
# `[0-3]?\d` as a day, written to open with a digit so that the regex engine skips ahead to digits.
ORDINAL_DAY = r"(?P<day>\d(?:(?<=[0-3])\d)?)"


def _month(name: str) -> str:
    """A month name in title or upper case (abbreviations may end in a dot) as a named group, or a full name in
    lower case, also named `{name}_lower`."""
    return rf"(?P<{name}>{_CAP_MONTHS}|(?P<{name}_lower>{_LOW_MONTHS}))"


def _prefix(which: str = "", prepositions: str = "", keep: str = "", optional: bool = False) -> re.Pattern[str]:
    """What may stand right before a core: one of the `which` words (`last|this|next`), lead words or bare prepositions,
    then `keep`, words that belong to the expression (`the` of `the 10th`); with `optional`, either may be absent."""
    options = [r"\b(?P<lead>" + _LEAD_WORD + "{1,2})"]
    if which:
        options.insert(0, rf"\b(?P<which>{which})\s+")
    if prepositions:
        options.append(rf"\b(?:{prepositions})\s+")
    body = "(?:" + "|".join(options) + ")" + ("?" if optional else "")
    if keep:
        body += rf"(?P<keep>{keep})" + ("?" if optional else "")
    return _prefix_pattern(body)


def _prefix_pattern(body: str) -> re.Pattern[str]:
    """A prefix `body` ending where the core starts (`$`: it is searched up to the core), case-insensitive.

    A first-character test rules out at once every position where no non-empty match starts;
    an empty match, which the search finds only where no non-empty one is, is no prefix.
    """
    return re.compile(behind_first_character_test(body, re.IGNORECASE, nonempty=True) + "$", re.IGNORECASE)


@dataclass(frozen=True)
class DateContext:
    """What dates without their year, and relative dates, are read against.

    `anchor` is the document's own date (`source` `published`), known to
    `granularity`, or None (then such dates stay unresolved); `stamp_anchor` is
    what `N days ago` is read against (the run's reference date, `reference`,
    when the document's own date is such a stamp).
    """

    anchor: dt.date | None = None
    source: str = ""
    granularity: str = "day"
    stamp_anchor: dt.date | None = None
    stamp_source: str = ""


@dataclass(frozen=True)
class TimeExpression:
    """A dated expression: its span, ISO 8601 value, precision, and what it was resolved against.

    `resolved_against` is empty when the text gives the whole date, else
    `published` or `reference`; `iso` is empty when it could not be resolved.
    """

    start: int
    end: int
    iso: str
    precision: str
    resolved_against: str = ""


Groups = Mapping[str, str | None]
Reading = tuple[str, str, str]  # (iso, precision, resolved_against)
Future = Callable[[], bool]  # whether the sentence speaks of the future, asked only when it matters
Reader = Callable[[Groups, DateContext, Future], Reading | None]


@dataclass(frozen=True)
class Rule:
    """A core pattern, the reader of its match, and the prefix it may (or must) have.

    Cores start with a literal or a small set of characters, so that the regular
    expression engine scans for them fast; that a core starts a word is checked
    in code, and the words before it are read by the prefix pattern. A core that
    opens with a month or a year names it as its `anchor` (`ANCHORS`): it is tried
    only where the anchor matches, found once for all such cores. A core with
    `needs` matches only in a text whose lower case holds one of those words, so
    a text without them is not scanned (words without `i`, `s` or `k`, which case-
    insensitive matching also finds in other letters: `ſ`, `ı`, the Kelvin sign).
    A rule with `mention` reads a date told from another (`the next day`): given the
    match's groups, it turns the last day named before it into the date.
    """

    core: re.Pattern[str]
    reader: Reader
    prefix: re.Pattern[str] | None = None
    prefix_required: bool = False
    needs: tuple[str, ...] = ()
    anchor: str = ""
    mention: Callable[[Groups], Callable[[dt.date], str] | None] | None = None

    def may_match(self, lowered: str) -> bool:
        """Whether the core can match a text whose lower case is `lowered`."""
        return not self.needs or any(word in lowered for word in self.needs)


def _anchored(
    context: DateContext, needs: str, precision: str, compute: Callable[[dt.date], str | None], stamp: bool = False
) -> Reading | None:
    """Resolve against the context's anchor when it is known finely enough; unresolved otherwise."""
    anchor, source = (context.stamp_anchor, context.stamp_source) if stamp else (context.anchor, context.source)
    granularity = "day" if stamp else context.granularity
    if anchor is None or GRANULARITY[granularity] < GRANULARITY[needs]:
        return "", precision, ""
    iso = compute(anchor)
    return None if iso is None else (iso, precision, source if iso else "")


def _month_number(text: str) -> int:
    return MONTHS[case_key(text.rstrip("."))]


def _count(text: str) -> int:
    return int(text) if text.isdigit() else NUMBER_WORDS[case_key(text)]


def _year_of(anchor: dt.date, month: int, day: int | None, future: bool) -> int:
    """The year of the last (in a sentence about the future, the next) such month or day from the anchor."""
    target, now = (month, day or 0), (anchor.month, anchor.day if day else 0)
    if future:
        return anchor.year + (target < now)
    return anchor.year - (target > now)


def _read_absolute(g: Groups, context: DateContext, future: Future) -> Reading | None:
    date = iso_date({**g, "month": (g.get("month") or "").rstrip(".")})
    return (date[0], date[1], "") if date else None


def _read_month_day(g: Groups, context: DateContext, future: Future) -> Reading | None:
    month, day = _month_number(g["month"]), int(g["day"])
    if not 1 <= day <= days_in_month(2000, month):
        return None

    def compute(anchor: dt.date) -> str | None:
        year = _year_of(anchor, month, day, future())
        return dt.date(year, month, day).isoformat() if day <= days_in_month(year, month) else None

    return _anchored(context, "month", "day", compute)


def _read_month(g: Groups, context: DateContext, future: Future) -> Reading | None:
    if g.get("day"):
        return _read_month_day(g, context, future)
    month = _month_number(g["month"])
    which = (g.get("which") or "").lower()
    relative_year = (g.get("rel") or "").split()

    def compute(anchor: dt.date) -> str:
        if relative_year:
            year = anchor.year + STEP[case_key(relative_year[0])]
        elif which == "last":
            year = anchor.year - (month >= anchor.month)
        elif which == "next":
            year = anchor.year + (month <= anchor.month)
        elif which == "this":
            year = anchor.year
        else:
            year = _year_of(anchor, month, None, future())
        return f"{year:04d}-{month:02d}"

    return _anchored(context, "year" if relative_year or which == "this" else "month", "month", compute)


def _read_month_range(g: Groups, context: DateContext, future: Future) -> Reading | None:
    first, last = _month_number(g["first"]), _month_number(g["last"])

    def span(year: int) -> str:
        return f"{year - (last < first):04d}-{first:02d}/{year:04d}-{last:02d}"

    if g["year"]:
        return span(int(g["year"])), "month", ""
    if g["rel"]:
        step = STEP[case_key(g["rel"])]
        return _anchored(context, "year", "month", lambda anchor: span(anchor.year + step))
    return _anchored(context, "month", "month", lambda anchor: span(_year_of(anchor, last, None, future())))


def _read_first_months(g: Groups, context: DateContext, future: Future) -> Reading | None:
    count = _count(g["count"])

    def span(year: int) -> str:
        return f"{year:04d}-01/{year:04d}-{count:02d}"

    if g["year"]:
        return span(int(g["year"])), "month", ""
    rel = case_key(g["rel"])
    if rel == "the":
        return _anchored(context, "month", "month", lambda anchor: span(_year_of(anchor, count, None, future())))
    return _anchored(context, "year", "month", lambda anchor: span(anchor.year + STEP[rel]))


def _period(year: int, unit: str, number: int) -> str:
    """`2023-Q3` for a quarter, `2024-01/2024-06` for a half."""
    if unit == "quarter":
        return f"{year:04d}-Q{number}"
    first = 6 * (number - 1) + 1
    return f"{year:04d}-{first:02d}/{year:04d}-{first + 5:02d}"


def _per_year(unit: str) -> int:
    return 4 if unit == "quarter" else 2


def _current(anchor: dt.date, unit: str) -> int:
    """The quarter or half of the year the anchor falls in."""
    return (anchor.month - 1) * _per_year(unit) // 12 + 1


def _shift_period(anchor: dt.date, unit: str, step: int) -> str:
    index = anchor.year * _per_year(unit) + _current(anchor, unit) - 1 + step
    return _period(index // _per_year(unit), unit, index % _per_year(unit) + 1)


def _read_period(g: Groups, context: DateContext, future: Future) -> Reading | None:
    unit, ordinal = case_key(g["unit"]), case_key(g["ord"])
    rel = case_key(g["rel"] or "")
    year = g["year"] or g["year2"]
    if ordinal == "last" and not (rel or year):
        return _anchored(context, "month", unit, lambda anchor: _shift_period(anchor, unit, -1))
    number = _per_year(unit) if ordinal in {"last", "final"} else ORDINALS[ordinal]
    if number > _per_year(unit):
        return None
    if year:
        return _period(int(year), unit, number), unit, ""
    if rel in STEP:
        return _anchored(context, "year", unit, lambda anchor: _period(anchor.year + STEP[rel], unit, number))

    def compute(anchor: dt.date) -> str:
        now = _current(anchor, unit)
        return _period(anchor.year + ((number < now) if future() else -(number > now)), unit, number)

    return _anchored(context, "month", unit, compute)


def _read_compact_period(g: Groups, context: DateContext, future: Future) -> Reading | None:
    unit, number = ("quarter" if g["unit"] == "Q" else "half"), int(g["n"])
    if number > _per_year(unit):
        return None
    year = int(g["year"]) if len(g["year"]) == 4 else 2000 + int(g["year"])
    return _period(year, unit, number), unit, ""


def _read_year_range(g: Groups, context: DateContext, future: Future) -> Reading | None:
    first, last_text = int(g["first"]), g["last"]
    last = int(last_text) if len(last_text) == 4 else first // 100 * 100 + int(last_text)
    # a span written short (`2017-22`) is a term, a plan or a crisis; a longer one is a code (`2015-32`)
    if not first < last <= first + (50 if len(last_text) == 4 else SHORT_SPAN_YEARS):
        return None
    return f"{first:04d}/{last:04d}", "year", ""


def _read_decade(g: Groups, context: DateContext, future: Future) -> Reading | None:
    decade = int(g["decade"])
    return f"{decade:04d}/{decade + 9:04d}", "decade", ""


def _read_year(g: Groups, context: DateContext, future: Future) -> Reading | None:
    return g["year"], "year", ""


def _read_relative_period(g: Groups, context: DateContext, future: Future) -> Reading | None:
    step, unit = STEP[case_key(g["step"])], case_key(g["unit"])
    if unit == "week":

        def week(anchor: dt.date) -> str:
            year, number, _ = (anchor + dt.timedelta(weeks=step)).isocalendar()
            return f"{year:04d}-W{number:02d}"

        return _anchored(context, "day", "week", week)
    if unit == "month":
        return _anchored(
            context, "month", "month", lambda a: shift_back(a.replace(day=1), -step, "month").strftime("%Y-%m")
        )
    if unit == "quarter":
        return _anchored(context, "month", "quarter", lambda anchor: _shift_period(anchor, "quarter", step))
    return _anchored(context, "year", "year", lambda anchor: f"{anchor.year + step:04d}")


def _read_ago(g: Groups, context: DateContext, future: Future) -> Reading | None:
    return _counted_from_anchor(g, context, ahead=False)


def _read_in_count(g: Groups, context: DateContext, future: Future) -> Reading | None:
    """`in two days`, `in a few weeks`: a date ahead, in a sentence about the future only (else a span of time)."""
    if not future():
        return None
    return _counted_from_anchor(g, context, ahead=True)


def _counted_from_anchor(g: Groups, context: DateContext, ahead: bool) -> Reading | None:
    """`N units ago` (a stamp) or `in N units`, N maybe vague (`a few`): the date as precise as the whole range
    of counts agrees on."""
    least, most = _count_range(g["count"])
    unit = case_key(g["unit"])
    needs = UNIT_NEEDS[unit]
    first, last = (-least, -most) if ahead else (most, least)
    return _as_precise_as_written(
        _anchored(
            context,
            needs,
            needs,
            lambda anchor: _shared(shift_back(anchor, first, unit), shift_back(anchor, last, unit), needs),
            stamp=not ahead,
        )
    )


def _as_precise_as_written(reading: Reading | None) -> Reading | None:
    """A reading whose precision is that of its ISO date (`2024-03` of `a few days ago` is a month)."""
    if reading is None or not reading[0]:
        return reading
    return reading[0], PRECISION_OF_LENGTH[len(reading[0])], reading[2]


def _count_range(text: str) -> tuple[int, int]:
    """The least and the most a count means: a number, a number word, or a vague count (`a few`)."""
    vague = _vague_counts().get(" ".join(case_key(text).split()))
    return vague if vague else (_count(text), _count(text))


@cache
def _vague_counts() -> dict[str, tuple[int, int]]:
    return {row["phrase"]: (int(row["least"]), int(row["most"])) for row in data_rows("timeline/vague_counts.tsv")}


def _shared(first: dt.date, last: dt.date, finest: str) -> str:
    """What two dates share, at most as finely as `finest`: the day, the month, the year, or nothing."""
    if finest == "day" and first == last:
        return first.isoformat()
    if finest != "year" and (first.year, first.month) == (last.year, last.month):
        return first.strftime("%Y-%m")
    return f"{first.year:04d}" if first.year == last.year else ""


def _read_numeric_date(g: Groups, context: DateContext, future: Future) -> Reading | None:
    date = numeric_date(int(g["first"]), int(g["second"]), int(g["year"]), g["sep"] == ".")
    return (date[0], date[1], "") if date else None


def _read_day_word(g: Groups, context: DateContext, future: Future) -> Reading | None:
    offset = DAY_WORDS[" ".join(case_key((g.get("keep") or "") + g["word"]).split())]
    return _anchored(context, "day", "day", lambda anchor: (anchor + dt.timedelta(days=offset)).isoformat())


def _read_mention_day(g: Groups, context: DateContext, future: Future) -> Reading | None:
    """`the previous day` before any day is named reads the document's date; `the next day` stays unresolved."""
    if MENTION_DAYS[_words_of(g["word"])] > 0:
        return "", "day", ""
    return _anchored(context, "day", "day", lambda anchor: (anchor - dt.timedelta(days=1)).isoformat())


def _mention_day(g: Groups) -> Callable[[dt.date], str]:
    offset = MENTION_DAYS[_words_of(g["word"])]
    return lambda day: (day + dt.timedelta(days=offset)).isoformat()


def _words_of(text: str) -> str:
    return " ".join(case_key(text).split())


def _read_weekday(g: Groups, context: DateContext, future: Future) -> Reading | None:
    weekday = WEEKDAYS.index(case_key(g["weekday"]))
    which = _words_of(g.get("which") or "")
    if which == "following":
        return "", "day", ""  # told from a day named before it (`mention`), not from the document's date
    step = WEEKDAY_STEP.get(which) or (1 if future() else -1)
    strict = which in WEEKDAY_STEP
    return _anchored(context, "day", "day", lambda anchor: _step_to_weekday(anchor, weekday, step, strict))


def _step_to_weekday(day: dt.date, weekday: int, step: int, strict: bool) -> str:
    """The weekday nearest to `day` in the direction of `step`; `strict`: never `day` itself (`last Monday`)."""
    days = (weekday - day.weekday()) % 7 if step > 0 else -((day.weekday() - weekday) % 7)
    return (day + dt.timedelta(days=days or (step * 7 if strict else 0))).isoformat()


def _mention_weekday(g: Groups) -> Callable[[dt.date], str] | None:
    which = _words_of(g.get("which") or "")
    if which not in {"previous", "following"}:
        return None
    weekday, step = WEEKDAYS.index(case_key(g["weekday"])), WEEKDAY_STEP[which]
    return lambda day: _step_to_weekday(day, weekday, step, True)


def _read_day_of_month(g: Groups, context: DateContext, future: Future) -> Reading | None:
    day = int(g["day"])
    if not 1 <= day <= 31:
        return None
    which = case_key(g["month_step"] or "")

    def compute(anchor: dt.date) -> str | None:
        step = STEP.get(which, (day < anchor.day) if future() else -(day > anchor.day))
        first = shift_back(anchor.replace(day=1), -step, "month")
        return first.replace(day=day).isoformat() if day <= days_in_month(first.year, first.month) else None

    return _anchored(context, "day", "day", compute)


@cache
def _date_cues(kind: str) -> str:
    return "|".join(row["pattern"] for row in data_rows("timeline/date_cues.tsv") if row["kind"] == kind)


@cache
def _rules() -> tuple[Rule, ...]:
    """The rules in the order they are tried."""
    not_amount = rf"(?!\s*(?:[-–/.,]\d|\d|(?i:{_date_cues('amount_unit')})(?!\w)))"
    lead = _prefix()
    month = _month("month")
    day = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
    day_before = r"(?<![$€£¥₩.,])\b(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?"
    year = rf"(?P<year>{_YYYY})"
    vague = (r"\s+".join(map(re.escape, phrase.split())) for phrase in sorted(_vague_counts(), key=len, reverse=True))
    counts = "|".join([r"\d+", *vague, *NUMBER_WORDS])
    return (
        Rule(
            re.compile(
                r"[Tt]he\s+(?i:first\s+(?P<count>two|three|four|five|six|seven|eight|nine|ten|eleven|[2-9]|1[01])"
                rf"\s+months\s+of\s+(?:(?P<rel>this|last|next|the)\s+year|{year}))\b"
            ),
            _read_first_months,
            lead,
            needs=("month",),
        ),
        Rule(
            re.compile(
                rf"{_month('first')}\s*(?:-|–|to|through|until)\s*{_month('last')}"
                rf"(?:,?\s+{year}|\s+(?i:(?P<rel>this|last|next)\s+year))?(?![\w-])"
            ),
            _read_month_range,
            lead,
            anchor="month",
        ),
        Rule(re.compile(rf"{month}\s+{day},?\s+{year}\b"), _read_absolute, lead, anchor="month"),
        Rule(
            re.compile(rf"{year}[-/.](?P<month_num>[01]?\d)[-/.](?P<day>[0-3]?\d)\b"),
            _read_absolute,
            lead,
            anchor="year",
        ),
        Rule(
            # `[0-3]?\d` written to open with a digit (as ORDINAL_DAY), so that the engine skips ahead to digits
            re.compile(rf"(?P<first>\d(?:(?<=[0-3])\d)?)(?P<sep>[-/.])(?P<second>[0-3]?\d)(?P=sep){year}(?![-/.]?\d)"),
            _read_numeric_date,
            lead,
        ),
        Rule(re.compile(ABSOLUTE_PATTERNS[3].pattern), _read_absolute, needs=HANGUL_OR_HAN_DATE, anchor="year"),
        Rule(
            re.compile(rf"{month}(?:,?\s+|\s?[-–]\s?){year}\b"),
            _read_absolute,
            _prefix(keep=day_before, optional=True),
            anchor="month",
        ),
        Rule(re.compile(ABSOLUTE_PATTERNS[5].pattern), _read_absolute, needs=HANGUL_OR_HAN_DATE, anchor="year"),
        Rule(
            re.compile(
                r"[Tt]he\s+(?i:(?P<ord>first|second|third|fourth|final|last|1st|2nd|3rd|4th)\s+(?P<unit>quarter|half)"
                rf"(?:\s+of\s+(?:(?P<rel>this|last|next|the)\s+year|(?:fiscal\s+)?{year})|\s+(?P<year2>{_YYYY}))?)"
                r"(?![\w-])"
            ),
            _read_period,
            lead,
            needs=("quarter", "half"),
        ),
        Rule(re.compile(rf"(?P<n>[1-4])(?P<unit>[QH])\s?'?(?P<year>{_YYYY}|\d\d)\b{not_amount}"), _read_compact_period),
        Rule(
            re.compile(
                rf"(?P<unit>[QH])(?P<n>[1-4])(?:\s+|\s?'|\s?[-–/]\s?(?={_YYYY}))(?P<year>{_YYYY}|(?<=')\d\d)\b{not_amount}"
            ),
            _read_compact_period,
        ),
        Rule(re.compile(rf"{year}\s?[-–/]?\s?(?P<unit>[QH])(?P<n>[1-4])\b"), _read_compact_period, anchor="year"),
        Rule(
            re.compile(rf"(?P<first>{_YYYY})\s?[-–/]\s?(?P<last>{_YYYY}|\d\d)(?![\w/–-]){not_amount}"),
            _read_year_range,
            lead,
            anchor="year",
        ),
        Rule(
            re.compile(rf"(?P<first>{_YYYY})\s+(?:to|and|until|through|till)\s+(?P<last>{_YYYY})\b{not_amount}"),
            _read_year_range,
            _prefix_of(r"from\s+|between\s+"),
            prefix_required=True,
            anchor="year",
        ),
        Rule(
            re.compile(rf"{month}\s+{day}\b(?!\s*(?:[,.]?\s*\d|%|(?i:percent|per\s+cent)))"),
            _read_month_day,
            lead,
            anchor="month",
        ),
        Rule(
            re.compile(
                rf"{month}(?!\w)(?P<rel>\s+(?i:this|last|next)\s+year\b)?(?!\s*[-–]?\s*'?\d)"
                rf"(?(month_lower){_AFTER_LOW_MONTH})"
            ),
            _read_month,
            _prefix(which="last|this|next", prepositions=MONTH_PREPOSITIONS, keep=day_before, optional=True),
            prefix_required=True,
            anchor="month",
        ),
        Rule(
            re.compile(r"(?P<step>this|last|next|This|Last|Next)\s+(?P<unit>week|month|year|quarter)\b(?!-)"),
            _read_relative_period,
            lead,
        ),
        Rule(
            re.compile(r"ago\b"),
            _read_ago,
            _prefix_of(rf"(?P<count>{counts})\s+(?P<unit>minute|hour|day|week|month|year)s?\s+"),
            prefix_required=True,
        ),
        Rule(
            re.compile(rf"(?P<ahead>[Ii]n)\s+(?P<count>{counts})\s+(?P<unit>day|week|month|year)s?\b"),
            _read_in_count,
            needs=("day", "week", "month", "year"),
        ),
        Rule(
            re.compile(r"(?P<word>yesterday|today|tonight|tomorrow|Yesterday|Today|Tonight|Tomorrow)\b"),
            _read_day_word,
            _prefix_of(r"the\s+day\s+before\s+"),
            needs=("yesterday", "today", "tonight", "tomorrow"),
        ),
        Rule(
            # each branch opens with a letter, so that the engine skips ahead to those letters
            re.compile(r"(?P<word>previous\s+day|next\s+day|following\s+day|day\s+(?:before|after))\b(?![ \t]+\w)"),
            _read_mention_day,
            _prefix_of(r"the\s+"),
            prefix_required=True,
            needs=("previous", "before", "next", "following", "after"),
            mention=_mention_day,
        ),
        Rule(
            re.compile(r"(?P<word>morning|afternoon|evening)\b"),
            _read_day_word,
            _prefix_of(r"this\s+"),
            prefix_required=True,
            needs=("morning", "afternoon", "evening"),
        ),
        Rule(
            re.compile(r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"),
            _read_weekday,
            _prefix(which=r"last|this\s+coming|this|next|previous|following|coming"),
            mention=_mention_weekday,
        ),
        Rule(
            re.compile(
                rf"{ORDINAL_DAY}(?:st|nd|rd|th)(?:\s+(?i:of\s+(?P<month_step>this|last|next|the)"
                r"\s+month))?\b(?!\s+(?!(?i:and|or|with|at|in|when|as|after|before|to|of|for|from|by|the|a|an"
                r"|this|last|next|that|which|local)\b)[A-Za-z])"
            ),
            _read_day_of_month,
            _prefix(prepositions="on", keep=r"the\s+"),
            prefix_required=True,
        ),
        Rule(
            re.compile(r"(?P<decade>(?:19|20)\d0)s\b"),
            _read_decade,
            _prefix(prepositions=DECADE_PREPOSITIONS, keep=r"(?:the\s+)?"),
            prefix_required=True,
            needs=("0s",),
            anchor="year",
        ),
        Rule(
            re.compile(rf"{year}\b{not_amount}"),
            _read_year,
            _prefix(prepositions=YEAR_PREPOSITIONS),
            prefix_required=True,
            anchor="year",
        ),
    )


def _prefix_of(words: str) -> re.Pattern[str]:
    """A prefix of given words that belong to the expression (`3 days` of `3 days ago`)."""
    return _prefix_pattern(rf"\b(?P<keep>{words})")


@cache
def _not_a_date() -> re.Pattern[str]:
    return _tested_cues("not_a_date")


@cache
def _identifier_words() -> frozenset[str]:
    return frozenset(data_lines("timeline/identifier_words.txt"))


@cache
def _span_of_time() -> re.Pattern[str]:
    """A cue (`the highest`) and no clause break between it and the end of the text searched."""
    return re.compile(rf"(?:{_date_cues('span_of_time')})[^.;:,]*$", re.IGNORECASE)


@cache
def _future() -> re.Pattern[str]:
    return _tested_cues("future")


def _tested_cues(kind: str) -> re.Pattern[str]:
    """The cues of one kind as one case-insensitive pattern, behind a test of the characters they can start with.

    The test rules out most positions at once; what the pattern matches is what the cues' alternation matches.
    """
    return re.compile(behind_first_character_test(_date_cues(kind), re.IGNORECASE), re.IGNORECASE)


def speaks_of_future(sentence: str) -> bool:
    """Whether a sentence speaks of what is to come (`will`, `plans to`, `scheduled`), per `data/timeline/date_cues.tsv`."""
    return _future().search(sentence) is not None


def find_time_expressions(
    text: str,
    context: DateContext,
    future_at: Callable[[int], bool] = lambda offset: False,
    sentence_start: Callable[[int], int] = lambda offset: 0,
) -> list[TimeExpression]:
    """Every dated expression in the text, in order; `future_at(offset)` tells whether its sentence speaks of the
    future, `sentence_start(offset)` where its sentence starts (a date told from another looks no further back
    than the sentence before its own)."""
    taken = DisjointSpans()
    found = []
    told: dict[int, Callable[[dt.date], str]] = {}  # start of a date told from another -> how
    ends: dict[int, Rule] = {}  # end of each date found -> its rule, for the members of a list
    lowered = text.lower()
    anchored: dict[str, list[int]] = {}
    for rule in _rules():
        if not rule.may_match(lowered):
            continue
        for match in _core_matches(rule, text, anchored):
            start, end = match.start(), match.end()
            before = text[start - 1] if start else " "
            if before.isascii() and (before.isalnum() or before == "_"):
                continue
            groups: dict[str, str | None] = match.groupdict()
            # a later member of a list of such dates (`in 2007 and 2009`) needs no words of its own before it
            listed = partial(_listed, text, start, rule, ends)
            if rule.prefix is not None:
                prefix = rule.prefix.search(text, max(0, start - PREFIX_WINDOW), start)
                if prefix is not None and prefix.start() == prefix.end():
                    prefix = None
                if prefix is None and rule.prefix_required and not listed():
                    continue
                if prefix is not None:
                    groups |= prefix.groupdict()
                    start = next((prefix.start(n) for n in ("which", "lead", "keep") if groups.get(n)), start)
            if taken.overlaps(start, end) or _compares(text, start, end):
                continue
            if _unlikely_core(text, match, groups) and not listed():
                continue
            reading = rule.reader(groups, context, partial(future_at, start))
            if reading is not None:
                taken.add(start, end)
                ends[end] = rule
                found.append(TimeExpression(start, end, *reading))
                if rule.mention is not None and (shift := rule.mention(groups)) is not None:
                    told[start] = shift
    found.sort(key=lambda expression: expression.start)
    return _told_from_mentions(found, told, sentence_start) if told else found


def _unlikely_core(text: str, match: re.Match[str], groups: Groups) -> bool:
    """Whether a core is no date for where it stands: a month in lower case with neither a year nor a dating word
    before it (`prices may rise`), or figures in a web address or after an identifier's word (`No. 2015-32`)."""
    start = match.start()
    if groups.get("ahead"):
        return _span_of_time().search(text, max(0, start - PREFIX_WINDOW * 2), start) is not None
    if groups.get("month_lower") or groups.get("first_lower"):
        return not groups.get("year") and _DATING_WORD_BEFORE.search(text, max(0, start - PREFIX_WINDOW), start) is None
    if not text[start].isdigit():
        return False
    if start > 1 and text[start - 1] in "-/." and text[start - 2].isdigit():
        return True  # a run of numbers joined by separators (a telephone number: `02-22-2016-3200`)
    return _after_identifier(text, start) or _in_address(text, start)


def _after_identifier(text: str, start: int) -> bool:
    """Whether an identifier's word (`data/timeline/identifier_words.txt`) or `#` stands right before `start`."""
    before = text[max(0, start - PREFIX_WINDOW) : start].rstrip(" \t:")
    if before.endswith("#"):
        return True
    words = before.rsplit(None, 1)
    return bool(words) and words[-1].rstrip(".").lower() in _identifier_words()


def _in_address(text: str, start: int) -> bool:
    """Whether the whitespace-delimited token around `start` is a web address (`https://…/2015/03/22/…`)."""
    return bool(start) and text[start - 1] == "/" or in_web_address(text, start, start)


def _listed(text: str, start: int, rule: Rule, ends: dict[int, Rule]) -> bool:
    """Whether a list joiner (`, `, ` and `, `, or `) right before `start` follows a date the rule found."""
    if not start or text[start - 1] not in " \t,&":
        return False
    joiner = LIST_JOINER.search(text, max(0, start - PREFIX_WINDOW), start)
    return joiner is not None and ends.get(joiner.start()) is rule


def _told_from_mentions(
    found: list[TimeExpression], told: dict[int, Callable[[dt.date], str]], sentence_start: Callable[[int], int]
) -> list[TimeExpression]:
    """The dates told from another (`the next day`) read against the last day named before them, in their sentence
    or the one before; `resolved_against` is that day's own (`mention` when the text gives it whole)."""
    result = []
    day: TimeExpression | None = None  # the last day named, fully resolved
    for expression in found:
        shift = told.get(expression.start)
        if shift is not None and day is not None and day.start >= _reach_back(expression.start, sentence_start):
            expression = TimeExpression(
                expression.start,
                expression.end,
                shift(dt.date.fromisoformat(day.iso)),
                "day",
                day.resolved_against or "mention",
            )
        result.append(expression)
        if expression.precision == "day" and expression.iso:
            day = expression
    return result


def _reach_back(offset: int, sentence_start: Callable[[int], int]) -> int:
    """The start of the sentence before the one holding `offset` (of that one, for the first sentence)."""
    own = sentence_start(offset)
    return sentence_start(own - 1) if own > 0 else own


def anchor_starts(anchor: str, text: str) -> list[int]:
    """Every position where the anchor matches, in order: its pattern's, and where a lower-case name starts a word."""
    starts = starts_of(ANCHORS[anchor], text)
    lower = [
        found
        for name in LOWER_CASE_ANCHORS.get(anchor, ())
        for found in _occurrences(text, name)
        if not (found and text[found - 1].isalnum())
    ]
    return sorted(starts + lower) if lower else starts


def _occurrences(text: str, word: str) -> Iterator[int]:
    found = text.find(word)
    while found >= 0:
        yield found
        found = text.find(word, found + 1)


def _core_matches(rule: Rule, text: str, anchored: dict[str, list[int]]) -> Iterator[re.Match[str]]:
    """What `rule.core.finditer(text)` finds; `anchored` keeps where each anchor matches, found once."""
    if not rule.anchor:
        return rule.core.finditer(text)
    if rule.anchor not in anchored:
        anchored[rule.anchor] = anchor_starts(rule.anchor, text)
    return matches_at(rule.core, text, anchored[rule.anchor])


class DisjointSpans:
    """Non-overlapping spans, sorted, with overlap tests in logarithmic time."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect.bisect_left(self.starts, end)  # spans before i start before `end`
        return i > 0 and self.ends[i - 1] > start

    def add(self, start: int, end: int) -> None:
        i = bisect.bisect_left(self.starts, start)
        self.starts.insert(i, start)
        self.ends.insert(i, end)


def _compares(text: str, start: int, end: int) -> bool:
    """Whether the span lies in a comparison base (`from the same month last year`), per `data/timeline/date_cues.tsv`."""
    window = _not_a_date().finditer(text, max(0, start - PREFIX_WINDOW * 2), min(len(text), end + PREFIX_WINDOW))
    return any(m.start() < end and start < m.end() for m in window)
