from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kortrade.figures.finding import find_figures


def read(text):
    return [(text[f.start : f.end], f.value, "garbled" in f.flags) for f in find_figures(text)]


def test_a_detached_decimal_glued_to_the_next_word_rejoins_its_percentage():
    text = "Japan took 23 percent of the country's total imports4%. Trade grew."
    assert read(text) == [("23 percent", Decimal("23.4"), True)]


def test_a_detached_decimal_after_a_source_name_rejoins_its_percentage():
    text = "Output rose 5 percent on-year, according to the Ministry of Economy and Finance6%, officials said."
    assert read(text) == [("5 percent", Decimal("5.6"), True)]


def test_two_detached_digits_are_two_decimals():
    assert read("a share of 12 percent in total shipments35%")[0][1] == Decimal("12.35")


def test_an_orphan_without_a_whole_percentage_before_it_is_flagged_as_written():
    assert read("Sales rose strongly in exports9% last year.") == [("9%", 9, True)]


def test_an_orphan_does_not_join_a_percentage_across_another_number_or_line():
    assert read("up 4 percent in 2023 on exports7%")[-1] == ("7%", 7, True)
    assert read("up 4 percent\nexports7%") == [("4 percent", 4, False), ("7%", 7, True)]


def test_an_orphan_does_not_join_a_percentage_that_already_has_decimals():
    assert read("up 4.5 percent on exports7%") == [("4.5 percent", Decimal("4.5"), False), ("7%", 7, True)]


def test_hundred_million_units_rejoin_the_integer_stranded_before_them():
    text = "The surplus fell from 52 in March$600 million to 3$900 million in June."
    assert read(text) == [
        ("$600 million", Decimal("5.26e9"), True),
        ("$900 million", Decimal("3.9e8"), True),
    ]


def test_hundred_million_units_in_yuan_rejoin_their_integer():
    assert read("investment of 12 in May800 million yuan")[0][1] == Decimal("1.28e9")


def test_a_glued_amount_without_a_stranded_integer_is_flagged_as_written():
    assert read("Investment reached in January$400 million.") == [("$400 million", Decimal("4e8"), True)]
    assert read("Investment reached January$5 billion.") == [("$5 billion", Decimal("5e9"), True)]


def test_an_integer_that_counts_something_is_not_stranded():
    assert read("Over 2 years the deficit reached January$400 million.")[0][1] == Decimal("4e8")


def test_a_stranded_integer_is_not_taken_across_a_sentence_or_from_another_figure():
    assert read("It was 39. In January$400 million.")[0][1] == Decimal("4e8")
    assert read("It hired 39 workers in January$400 million.")[1][1] == Decimal("4e8")


def test_a_decimal_comma_is_read_and_flagged():
    assert read("a margin of 1,5% this year") == [("1,5%", Decimal("1.5"), True)]
    assert read("worth 1,5 billion dollars") == [("1,5 billion dollars", Decimal("1.5e9"), True)]


def test_a_broken_digit_group_has_no_value():
    assert read("a margin of 12,34,5%") == [("12,34,5%", None, True)]
    assert read("a $1,30 million loan")[0][1:] == (None, True)


def test_figures_touching_a_censored_token_are_flagged():
    assert read("an increase of **5% this year") == [("5%", 5, True)]
    assert read("a $3** billion plant") == [("$3", 3, True)]


@pytest.mark.parametrize(
    "text",
    [
        "Exports to China were $11.4 billion in November.",
        "It recorded a US$18 billion deficit, HK$3 billion in bonds and KRW1.2tn in loans.",
        "Exports rose 7.8 percent to $55.8 billion, and imports fell 11.6%.",
        "增长7%，出口额达5亿元。",
        "a 5-percent rise and a 30GWh order",
    ],
)
def test_clean_figures_are_never_flagged(text):
    assert not any(garbled for *_, garbled in read(text))


@given(
    st.sampled_from(["$", "US$", "€"]),
    st.decimals(min_value=1, max_value=999, places=1, allow_nan=False),
    st.sampled_from([" million", " billion"]),
    st.sampled_from(["Exports reached", "The deficit was", "Investment of", "Shipments rose to"]),
)
def test_clean_amounts_in_sentences_are_never_flagged(prefix, amount, scale, lead):
    assert read(f"{lead} {prefix}{amount}{scale} in 2023.") == [
        (f"{prefix}{amount}{scale}", amount * (10**6 if scale == " million" else 10**9), False)
    ]


@given(
    st.integers(min_value=1, max_value=99),
    st.integers(min_value=1, max_value=9),
    st.sampled_from(["exports", "Energy", "imports", "Service"]),
)
def test_detached_decimals_are_always_rejoined(whole, digit, word):
    found = read(f"It accounted for {whole} percent of total {word}{digit}%, officials said.")
    assert found == [(f"{whole} percent", Decimal(f"{whole}.{digit}"), True)]


@given(st.text(alphabet="12,.x ²٣-", max_size=30))
def test_a_broken_group_before_a_number_is_where_its_pattern_matches(text):
    from kortrade.figures.garbled import BROKEN_GROUP, broken_before

    for start in range(len(text) + 1):
        expected = BROKEN_GROUP.search(text, max(0, start - 20), start) is not None
        assert broken_before(text, start) == expected


@pytest.mark.parametrize("text", ["Exports rose 10^400 percent.", "a rise of 3^2%", "up 10 ^ 4 percent"])
def test_a_figure_after_a_caret_is_a_lost_exponent(text):
    (surface, _, garbled), *_ = read(text)
    assert garbled and surface.startswith(("400", "2", "4"))


def test_a_caret_elsewhere_in_the_sentence_flags_nothing():
    assert read("Exports (see note ^) rose 4 percent.") == [("4 percent", 4, False)]
