"""Dates in running text: every form, its resolution against the document's date, and what is not a date."""

import datetime as dt
import re

import dateparser
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import glued

from kortrade.common.dates import find_relative_stamp
from kortrade.ingest.segment import sentence_spans
from kortrade.timeline.expressions import (
    ORDINAL_DAY,
    DateContext,
    _rules,
    anchor_starts,
    find_time_expressions,
    speaks_of_future,
)

PUBLISHED = DateContext(dt.date(2024, 3, 28), "published", "day", dt.date(2024, 3, 28), "published")  # a Thursday
NO_ANCHOR = DateContext()


def found(text: str, context: DateContext = PUBLISHED) -> list[tuple[str, str, str, str]]:
    future = speaks_of_future(text)
    return [
        (text[e.start : e.end], e.iso, e.precision, e.resolved_against)
        for e in find_time_expressions(text, context, lambda offset: future)
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # absolute dates
        ("The accord was signed on April 3, 2023 in Seoul.", ("April 3, 2023", "2023-04-03", "day", "")),
        ("Delegates met on 14 June 2022.", ("14 June 2022", "2022-06-14", "day", "")),
        ("Talks resumed in Sept. 2021.", ("Sept. 2021", "2021-09", "month", "")),
        ("Shipments peaked in October 2019.", ("October 2019", "2019-10", "month", "")),
        ("The law took effect on 2023-07-01.", ("2023-07-01", "2023-07-01", "day", "")),
        ("협정은 2023년 7월 1일 발효됐다.", ("2023년 7월 1일", "2023-07-01", "day", "")),
        # months and days without their year: the last such date before the document's date
        ("Beijing lifted the ban on Nov. 5, officials said.", ("Nov. 5", "2023-11-05", "day", "published")),
        ("The ministry acted on 2 February.", ("2 February", "2024-02-02", "day", "published")),
        ("Exports recovered in January.", ("January", "2024-01", "month", "published")),
        ("Prices fell in late August.", ("late August", "2023-08", "month", "published")),
        ("The fair opened in mid-October.", ("mid-October", "2023-10", "month", "published")),
        ("Exports rose in March this year.", ("March this year", "2024-03", "month", "published")),
        ("Prices rose in May last year.", ("May last year", "2023-05", "month", "published")),
        ("Talks stalled last December.", ("last December", "2023-12", "month", "published")),
        # ... and the next one in a sentence about the future
        ("The plant will open in June.", ("June", "2024-06", "month", "published")),
        ("The delegation is scheduled to arrive on Jan. 9.", ("Jan. 9", "2025-01-09", "day", "published")),
        # relative dates
        ("Exports fell last month.", ("last month", "2024-02", "month", "published")),
        ("Orders picked up earlier this month.", ("earlier this month", "2024-03", "month", "published")),
        ("Growth will resume next year.", ("next year", "2025", "year", "published")),
        ("Output doubled since last year.", ("since last year", "2023", "year", "published")),
        ("The ministers met on Tuesday.", ("Tuesday", "2024-03-26", "day", "published")),
        ("They will meet again next Monday.", ("next Monday", "2024-04-01", "day", "published")),
        ("The model launched on the 10th, with new cells.", ("the 10th", "2024-03-10", "day", "published")),
        ("The deal was reported 3 days ago.", ("3 days ago", "2024-03-25", "day", "published")),
        ("Stocks slid yesterday.", ("yesterday", "2024-03-27", "day", "published")),
        ("The minister had arrived the previous day.", ("the previous day", "2024-03-27", "day", "published")),
        ("Sales surged this week.", ("this week", "2024-W13", "week", "published")),
        # quarters, halves and spans
        ("Margins widened in 2Q23.", ("2Q23", "2023-Q2", "quarter", "")),
        ("Revenue rose in 1H24.", ("1H24", "2024-01/2024-06", "half", "")),
        ("Orders rose in Q3 2023.", ("Q3 2023", "2023-Q3", "quarter", "")),
        (
            "Deliveries begin in the second half of this year.",
            ("the second half of this year", "2024-07/2024-12", "half", "published"),
        ),
        ("Profit fell in the third quarter.", ("the third quarter", "2023-Q3", "quarter", "published")),
        ("Profit fell in the fourth quarter of 2022.", ("the fourth quarter of 2022", "2022-Q4", "quarter", "")),
        (
            "Sales fell in the first nine months of 2023.",
            ("the first nine months of 2023", "2023-01/2023-09", "month", ""),
        ),
        (
            "Trade grew from January to September 2023.",
            ("from January to September 2023", "2023-01/2023-09", "month", ""),
        ),
        (
            "Exports fell from Jan.-Feb. this year.",
            ("from Jan.-Feb. this year", "2024-01/2024-02", "month", "published"),
        ),
        ("On the 15th local time, exports rose.", ("the 15th", "2024-03-15", "day", "published")),
        ("Under the previous government (2017-22) ties cooled.", ("2017-22", "2017/2022", "year", "")),
        ("Imports grew between 2019 and 2021.", ("between 2019 and 2021", "2019/2021", "year", "")),
        ("Korean firms invested heavily in the 1990s.", ("the 1990s", "1990/1999", "decade", "")),
        # years
        ("Exports to China dropped in 2023.", ("2023", "2023", "year", "")),
        ("It was the first deficit since 1992.", ("since 1992", "1992", "year", "")),
        ("The target is to halve it by 2030.", ("by 2030", "2030", "year", "")),
        ("Production will expand until mid-2027.", ("until mid-2027", "2027", "year", "")),
    ],
)
def test_each_date_form(text, expected):
    assert found(text) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "The ministry's 3050 Strategy sets targets for 2,030 firms.",
        "The PV5 van uses H100 chips and a 46 series cell.",
        "Kia sold 2023 units, up 5% from the same month last year.",
        "Exports rose by 2030 units and imports by 2024 tonnes.",
        "The 16th trilateral meeting was the first in 31 years.",
        "Officials may decide soon; the march of progress continues.",
        "Growth was 3.2% year-on-year over the past year.",
        "The price was $2,024 per tonne, or 2,023 won per unit.",
    ],
)
def test_numbers_that_are_not_dates(text):
    assert found(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # month names in lower case, with a year or a dating word before them
        ("Exports to China fell in march.", [("march", "2024-03", "month", "published")]),
        ("The talks resumed in late september 2023.", [("late september 2023", "2023-09", "month", "")]),
        ("Orders rose from march to may 2023.", [("from march to may 2023", "2023-03/2023-05", "month", "")]),
        (
            "Sales rose in march and april.",
            [("march", "2024-03", "month", "published"), ("april", "2023-04", "month", "published")],
        ),
        # dates in figures: the year first, or last (day and month told apart when one exceeds 12)
        ("The accord was signed on 02/22/2016.", [("02/22/2016", "2016-02-22", "day", "")]),
        ("The accord was signed on 22/02/2016.", [("22/02/2016", "2016-02-22", "day", "")]),
        ("The accord was signed on 22.02.2016.", [("22.02.2016", "2016-02-22", "day", "")]),
        ("The accord was signed on 02/03/2016.", [("02/03/2016", "2016", "year", "")]),
        (
            "The accord was signed on 2016.02.22 and took effect on 2016/3/1.",
            [
                ("2016.02.22", "2016-02-22", "day", ""),
                ("2016/3/1", "2016-03-01", "day", ""),
            ],
        ),
        ("Prices peaked in Dec-2018.", [("Dec-2018", "2018-12", "month", "")]),
        (
            "Margins widened in 2019-Q1 and in Q3-2020.",
            [
                ("2019-Q1", "2019-Q1", "quarter", ""),
                ("Q3-2020", "2020-Q3", "quarter", ""),
            ],
        ),
        # several years or months in one phrase
        ("Plants opened in 2007 and 2009.", [("2007", "2007", "year", ""), ("2009", "2009", "year", "")]),
        (
            "Talks were held in 2015, 2017, and 2019.",
            [
                ("2015", "2015", "year", ""),
                ("2017", "2017", "year", ""),
                ("2019", "2019", "year", ""),
            ],
        ),
        (
            "Exports fell in January or February.",
            [
                ("January", "2024-01", "month", "published"),
                ("February", "2024-02", "month", "published"),
            ],
        ),
        # days told from another day, and days ahead or back
        (
            "The ministers met on March 12, 2023 and signed the deal the next day.",
            [
                ("March 12, 2023", "2023-03-12", "day", ""),
                ("the next day", "2023-03-13", "day", "mention"),
            ],
        ),
        (
            "They met on Tuesday; the following day, they signed.",
            [
                ("Tuesday", "2024-03-26", "day", "published"),
                ("the following day", "2024-03-27", "day", "published"),
            ],
        ),
        ("The deal was signed the next day.", [("the next day", "", "day", "")]),
        ("The minister had arrived the previous day.", [("the previous day", "2024-03-27", "day", "published")]),
        (
            "They met on March 12, 2023 and again the following Monday.",
            [
                ("March 12, 2023", "2023-03-12", "day", ""),
                ("following Monday", "2023-03-13", "day", "mention"),
            ],
        ),
        ("They met the following Monday.", [("following Monday", "", "day", "")]),
        ("They met the previous Monday.", [("previous Monday", "2024-03-25", "day", "published")]),
        ("They will meet the coming Monday.", [("coming Monday", "2024-04-01", "day", "published")]),
        ("They will meet this coming Thursday.", [("this coming Thursday", "2024-04-04", "day", "published")]),
        ("The cargo will arrive in two days.", [("in two days", "2024-03-30", "day", "published")]),
        ("The plant will open in 3 months.", [("in 3 months", "2024-06", "month", "published")]),
        ("Talks ended a few days ago.", [("a few days ago", "2024-03", "month", "published")]),
        ("Talks ended a couple of days ago.", [("a couple of days ago", "2024-03", "month", "published")]),
        ("Talks ended several months ago.", [("several months ago", "2023", "year", "published")]),
    ],
)
def test_more_date_forms(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Call the desk at 02-2015-3200 for details.",
        "The rule is listed under code 2015-32 and No. 2016-02-22.",
        "Notice 2015-32 took effect.",
        "See page 2015 of the report, tel. 02/22/2016.",
        "Read it at https://example.com/news/2015/03/22/trade and www.example.com/2019-Q1.",
        "Prices may rise; the army will march on.",
        "Exports rose for the first time in 13 months and will be the highest in two years.",
        "The shipment arrived in two days.",
    ],
)
def test_more_numbers_and_words_that_are_not_dates(text):
    assert found(text) == []


def test_a_date_told_from_another_looks_back_one_sentence_at_most():
    def told(text: str) -> tuple[str, str, str]:
        starts = [start for start, _ in sentence_spans(text)]

        def sentence_start(offset: int) -> int:
            return max((start for start in starts if start <= offset), default=0)

        last = find_time_expressions(text, NO_ANCHOR, sentence_start=sentence_start)[-1]
        return last.iso, last.precision, last.resolved_against

    assert told("They met on March 12, 2023. Talks went on. The deal was signed the next day.") == ("", "day", "")
    assert told("They met on March 12, 2023. The next day, the deal was signed.") == ("2023-03-13", "day", "mention")


def test_year_less_and_relative_forms_stay_unresolved_without_an_anchor():
    assert found("Stocks slid yesterday and rose on Nov. 5.", NO_ANCHOR) == [
        ("yesterday", "", "day", ""),
        ("Nov. 5", "", "day", ""),
    ]
    assert found("Orders rose in 2Q23.", NO_ANCHOR) == [("2Q23", "2023-Q2", "quarter", "")]


def test_a_month_precise_anchor_resolves_months_but_not_days():
    context = DateContext(dt.date(2024, 3, 1), "published", "month", dt.date(2024, 3, 1), "published")
    assert found("Exports fell last month but rose yesterday.", context) == [
        ("last month", "2024-02", "month", "published"),
        ("yesterday", "", "day", ""),
    ]


def test_ago_stamps_follow_their_own_anchor():
    context = DateContext(dt.date(2026, 11, 22), "published", "day", dt.date(2026, 11, 23), "reference")
    assert found("Posted 1 day ago. Talks were held yesterday.", context) == [
        ("1 day ago", "2026-11-22", "day", "reference"),
        ("yesterday", "2026-11-21", "day", "published"),
    ]


def test_relative_stamp_reads_number_words():
    assert find_relative_stamp("two days ago", dt.date(2024, 3, 28)).iso == "2024-03-26"
    assert find_relative_stamp("1 day ago", dt.date(2024, 3, 28)).iso == "2024-03-27"


ISO = re.compile(r"^(?:\d{4}(?:-(?:\d\d(?:-\d\d)?|Q[1-4]|W\d\d))?(?:/\d{4}(?:-\d\d)?)?)?$")


@settings(max_examples=300, deadline=None)
@given(
    text=st.lists(
        st.sampled_from(list("0123456789 -/.,'QH") + ["March", "Dec.", " the ", "th", "1st", " ago", "day", " in "])
        | st.characters(),
        max_size=40,
    ).map("".join),
    anchor=st.none() | st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2099, 12, 31)),
    granularity=st.sampled_from(["day", "month", "year"]),
    future=st.booleans(),
)
def test_the_resolver_never_fails_and_stays_within_the_text(text, anchor, granularity, future):
    context = DateContext(anchor, "published" if anchor else "", granularity, anchor, "published" if anchor else "")
    for expression in find_time_expressions(text, context, lambda offset: future):
        assert 0 <= expression.start < expression.end <= len(text)
        assert ISO.match(expression.iso), expression
        assert expression.precision in {"day", "week", "month", "quarter", "half", "year", "decade"}


DATEPARSER = {"PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False}


@settings(max_examples=60, deadline=None)
@given(date=st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2049, 12, 31)))
def test_absolute_forms_agree_with_dateparser(date):
    for text in (f"{date:%B} {date.day}, {date.year}", f"{date.day} {date:%B} {date.year}"):
        [(surface, iso, precision, against)] = found(f"It happened on {text}.")
        assert (surface, iso, precision, against) == (text, date.isoformat(), "day", "")
        assert dateparser.parse(text).date() == date


@settings(max_examples=60, deadline=None)
@given(
    anchor=st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2049, 12, 31)),
    days=st.integers(min_value=1, max_value=40),
    weekday=st.integers(min_value=0, max_value=6),
    month=st.integers(min_value=1, max_value=12),
    day=st.integers(min_value=1, max_value=28),
)
def test_relative_forms_agree_with_dateparser_preferring_the_past(anchor, days, weekday, month, day):
    """dateparser reads a weekday equal to the anchor's as a week back; kortrade as the same day, so it is skipped."""
    context = DateContext(anchor, "published", "day", anchor, "published")
    base = {**DATEPARSER, "RELATIVE_BASE": dt.datetime.combine(anchor, dt.time())}
    name = dt.date(2024, 1, 1 + weekday).strftime("%A")
    month_day = dt.date(2000, month, day).strftime("%B ") + str(day)
    forms = [f"{days} days ago", "yesterday", month_day] + ([name] if weekday != anchor.weekday() else [])
    for form in forms:
        [(_, iso, _, _)] = found(f"It happened {form}.", context)
        assert iso == dateparser.parse(form, settings=base).date().isoformat(), form


@pytest.mark.parametrize(
    "text",
    [
        "in the first six MONTHS of 2023",
        "in The THIRD QUARTER of 2023",
        "the second half of this year",
        "Yesterday, and the day before yesterday; Tonight",
        "on the previous day",
        "this morning",
        "2024년 3월 28일",
        "in the 1990s",
    ],
)
def test_a_rule_skipped_for_want_of_its_words_could_not_have_matched(text):
    for rule in _rules():
        if any(True for _ in rule.core.finditer(text)):
            assert rule.may_match(text.lower()), rule.core.pattern
    assert any(rule.needs and rule.core.search(text) for rule in _rules())


def test_rules_without_their_words_are_skipped():
    skipped = [rule for rule in _rules() if not rule.may_match("exports rose 5 percent in march 2024.")]
    assert skipped and all(rule.needs for rule in skipped)


@given(st.text(alphabet="0123459 thsndr", max_size=20))
def test_the_ordinal_day_reads_what_an_optional_tens_digit_reads(text):
    written = re.compile(ORDINAL_DAY + "(?:st|nd|rd|th)")
    plain = re.compile(r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)")
    assert [(m.span(), m["day"]) for m in written.finditer(text)] == [
        (m.span(), m["day"]) for m in plain.finditer(text)
    ]


@pytest.mark.parametrize(
    "text",
    [
        "From March to May 2024, on April 3, 2023 and 2024-03-28, in March 2024, 2024년 3월 28일, Dec. 1 and in June",
        "from march to may 2024, on april 3, 2023, in june, in late march and may, in Dec-2018 and 2019-Q1",
        "in 2017-22, from 2019 to 2021, in the 1990s, since 2004, 201920 and 3 Mar. 2024 in SEPTEMBER this year",
    ],
)
def test_anchored_cores_start_where_their_anchor_matches(text):
    for rule in _rules():
        for match in rule.core.finditer(text):
            assert not rule.anchor or match.start() in anchor_starts(rule.anchor, text), rule.core.pattern


PREFIX_WORDS = ["the ", "from ", "in ", "late ", "mid-", "last ", "ſince ", "3 ", "day ", "x", "\n"]


@given(glued(PREFIX_WORDS, max_size=8))
def test_a_prefix_behind_its_first_character_test_finds_what_the_plain_prefix_finds(words):
    first_character_test = re.compile(r"^\(\?=\[[^\]]*\]\)")
    for rule in _rules():
        if rule.prefix is None:
            continue
        plain = re.compile(first_character_test.sub("", rule.prefix.pattern), re.IGNORECASE)
        found, expected = (_non_empty(pattern.search(words)) for pattern in (rule.prefix, plain))
        assert found == expected, rule.prefix.pattern


def _non_empty(match: re.Match[str] | None) -> tuple | None:
    """A match's span and groups; None for an empty match, which is no prefix."""
    return (match.span(), match.groupdict()) if match and match.group() else None


MENTION_DAY_PLAIN = re.compile(r"(?P<word>(?:previous|next|following)\s+day|day\s+(?:before|after))\b(?![ \t]+\w)")


@given(glued(["previous", "next", "following", "day", "days", "before", "after", " ", "\t", "the", "x", ".", "\n"], 12))
def test_the_mention_day_core_finds_what_its_first_form_did(text):
    """The core of `the next day` is written with a letter opening each branch; it matches as the grouped form did."""
    core = next(rule.core for rule in _rules() if rule.core.search("the next day") and "following" in rule.core.pattern)
    assert [m.span("word") for m in core.finditer(text)] == [m.span("word") for m in MENTION_DAY_PLAIN.finditer(text)]
