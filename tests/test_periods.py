import pytest
from hypothesis import example, given
from strategies import glued

from kortrade.figures.periods import Anchor, find_periods, year_before

DATED = Anchor.from_published("2023-12-01")
UNDATED = Anchor()


def periods(text, anchor=DATED):
    return [(text[p.start : p.end], p.value, p.projected) for p in find_periods(text, 0, len(text), anchor)]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("exports in 2023 fell", "2023"),
        ("in December 2023", "2023-12"),
        ("as of March 28, 2024", "2024-03-28"),
        ("in November", "2023-11"),
        ("in March this year", "2023-03"),
        ("last month", "2023-11"),
        ("this year", "2023"),
        ("last year", "2022"),
        ("in the third quarter of 2022", "2022-Q3"),
        ("in the third quarter", "2023-Q3"),
        ("in Q2 2021", "2021-Q2"),
        ("the first half of 2023", "2023-01/2023-06"),
        ("in H2 2022", "2022-07/2022-12"),
        ("the first nine months of this year", "2023-01/2023-09"),
        ("in the first 10 months", "2023-01/2023-10"),
        ("for January-September 2023", "2023-01/2023-09"),
        ("from January to October", "2023-01/2023-10"),
        ("from 2020 to 2023", "2020/2023"),
        ("the Moon administration (2017-22)", "2017/2022"),
        ("the 2024 level of trade", "2024"),
        ("in the first 20 days of June", "2023-06-01/2023-06-20"),
        ("the first ten days of March 2021", "2021-03-01/2021-03-10"),
        ("in the Sept. 1 to 10 period", "2023-09-01/2023-09-10"),
        ("over July 11-20, 2022", "2022-07-11/2022-07-20"),
        ("in the first 20 days this month", "2023-12-01/2023-12-20"),
        ("the first ten days of last month", "2023-11-01/2023-11-10"),
        ("from January to November in 2021", "2021-01/2021-11"),
    ],
)
def test_period_forms(text, value):
    assert [v for _, v, _ in periods(text)] == [value]


def test_a_month_after_the_documents_month_is_last_years():
    assert periods("in December", Anchor.from_published("2024-03-05"))[0][1] == "2023-12"


@pytest.mark.parametrize(
    "text", ["in November", "last month", "this year", "the first nine months of this year", "from January to October"]
)
def test_relative_periods_without_a_publication_date_stay_empty_but_are_found(text):
    assert [v for _, v, _ in periods(text, UNDATED)] == [""]


@pytest.mark.parametrize(
    "text",
    [
        "up 7 percent from the same month last year",
        "down from the same period last year",
        "the first deficit since 2004",
        "higher than in 2022",
        "compared with 2021",
        "to host the 2030 World Expo",
        "the first in 31 years",
        "it may rise",
        "a 2023% error",
    ],
)
def test_comparison_bases_event_names_and_non_periods_are_left_out(text):
    assert periods(text) == []


def test_targets_are_marked_projected():
    assert periods("to less than 50% by 2030") == [("2030", "2030", True)]
    assert periods("a record next year") == [("next year", "2024", True)]
    assert periods("in 2030") == [("2030", "2030", False)]


@given(
    glued(
        ["in ", "the ", "May", "March", "Sept.", " 5", "2023", "20", "-", " to ", "this year", ", ", "x"], max_size=12
    )
)
@example("in May, from 2023 to 2024 and March 5")
def test_patterns_searched_from_the_first_month_or_year_open_on_one(text):
    from kortrade.figures.periods import MONTH_HINT, OPEN_ON_MONTH, OPEN_ON_YEAR, PATTERNS, YEAR_HINT

    for names, hint in ((OPEN_ON_MONTH, MONTH_HINT), (OPEN_ON_YEAR, YEAR_HINT)):
        for name in names:
            assert all(hint.match(text, match.start()) for match in PATTERNS[name].finditer(text))


def test_part_of_a_month_needs_days_in_order_and_in_the_month():
    assert [v for _, v, _ in periods("in the first 40 days of June")] == ["2023-06"]
    assert [v for _, v, _ in periods("Feb. 10-31 exports")] == ["2023-02-10"]
    assert [v for _, v, _ in periods("in the first 20 days of June", UNDATED)] == [""]


def test_a_year_before_shifts_every_year_of_a_period():
    assert year_before("2025-12-01/2025-12-10") == "2024-12-01/2024-12-10"
    assert year_before("2024-Q3") == "2023-Q3"
    assert year_before("2024-02-29") == "2023-02-28"


def test_the_day_a_statement_was_made_is_no_period():
    assert periods("the ministry announced on July 4 that exports rose") == []
    assert [v for _, v, _ in periods("July 4 exports")] == ["2023-07-04"]
