import itertools
import re
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import glued

from kortrade.figures.finding import PREVIOUS_WORD, _count_words, _is_count_noun, find_figures
from kortrade.figures.finding import _patterns as figure_patterns


def figures(text):
    return [(text[f.start : f.end], f.kind, f.value, f.unit, set(f.flags)) for f in find_figures(text)]


def one(text):
    found = figures(text)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("text", "surface", "value", "unit"),
    [
        ("Shipments reached $55.8 billion.", "$55.8 billion", Decimal("5.58e10"), "USD"),
        ("a US$18 billion deficit", "US$18 billion", Decimal("1.8e10"), "USD"),
        ("worth USD 3 million", "USD 3 million", Decimal("3e6"), "USD"),
        ("priced at 5 billion dollars", "5 billion dollars", Decimal("5e9"), "USD"),
        ("a $5m grant", "$5m", Decimal("5e6"), "USD"),
        ("it invested 360 trillion won", "360 trillion won", Decimal("3.6e14"), "KRW"),
        ("a KRW 1.2 trillion order", "KRW 1.2 trillion", Decimal("1.2e12"), "KRW"),
        ("it paid ₩500,000", "₩500,000", Decimal("5e5"), "KRW"),
        ("100 million yuan of goods", "100 million yuan", Decimal("1e8"), "CNY"),
        ("RMB10bn in loans", "RMB10bn", Decimal("1e10"), "CNY"),
        ("a €3bn plant", "€3bn", Decimal("3e9"), "EUR"),
        ("earned 20 billion yen", "20 billion yen", Decimal("2e10"), "JPY"),
        ("HK$5 billion in bonds", "HK$5 billion", Decimal("5e9"), "HKD"),
        ("수출액은 39.4억 달러였다", "39.4억 달러", Decimal("3.94e9"), "USD"),
        ("投资额达5亿元", "5亿元", Decimal("5e8"), "CNY"),
        ("1조 2천억 원 규모", "1조 2천억 원", Decimal("1.2e12"), "KRW"),
    ],
)
def test_money_in_every_currency_form(text, surface, value, unit):
    assert one(text)[:4] == (surface, "money", value, unit)


def test_paired_amounts_are_two_figures():
    assert [(s, u) for s, _, _, u, _ in figures("a 1.2 trillion won ($923 million) order")] == [
        ("1.2 trillion won", "KRW"),
        ("$923 million", "USD"),
    ]


@pytest.mark.parametrize(
    ("text", "surface", "value", "flags"),
    [
        ("rose 20% on-year", "20%", 20, set()),
        ("grew 7.8 percent", "7.8 percent", Decimal("7.8"), set()),
        ("a 4 per cent rise", "4 per cent", 4, set()),
        ("up three-point-93 percent", "three-point-93 percent", Decimal("3.93"), set()),
        ("fell 1.2 percentage points", "1.2 percentage points", Decimal("1.2"), {"points"}),
        ("a 12％ jump", "12％", 12, set()),
    ],
)
def test_percentages(text, surface, value, flags):
    assert one(text) == (surface, "percent", value, "%", flags)


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("supply 8 gigawatt-hours (GWh) of cells", "8 gigawatt-hours", 8),
        ("a 30 GWh contract", "30 GWh", 30),
        ("a 30GWh contract", "30GWh", 30),
        ("500 MWh of storage", "500 MWh", Decimal("0.5")),
        ("2 TWh a year", "2 TWh", 2000),
    ],
)
def test_energy_is_normalised_to_gwh(text, surface, value):
    assert one(text) == (surface, "energy", value, "GWh", set())


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("a delegation of 200 South Korean company representatives.", "200 South Korean company representatives", 200),
        ("They signed 15 new deals in the sectors of biotech.", "15 new deals", 15),
        ("enough for 120,000 electric vehicles.", "120,000 electric vehicles", 120000),
        ("Five firms joined.", "Five firms", 5),
        ("it sold 1.5 million cars", "1.5 million cars", Decimal("1.5e6")),
        ("some 300 business leaders attended", "300 business leaders", 300),
    ],
)
def test_counts_of_things_researchers_track(text, surface, value):
    assert one(text)[:4] == (surface, "count", value, "count")


@pytest.mark.parametrize(
    "text",
    [
        "The firm was founded in 2023 and opened in 1997.",
        "over the next six years, for four consecutive months, the first in 31 years",
        "one of the top five automotive companies",
        "the two companies agreed; the three countries met",
        "its third-largest supplier ranked 16th",
        "five times the speed of sound",
        "the PV5 van, the Polestar 4 sedan, 46-series cells 46mm wide",
        "the 3050 Strategy and the G20 summit",
        "a four-day tour; a 65-year-old chairman aged 65",
        "call 02-123-4567 at 10:30 on May 5",
        "1. Exports recovered. 2) Imports fell.",
        "the Model 3 cars sold well",
    ],
)
def test_not_figures(text):
    assert figures(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("cut tariffs by 40 to 50 percent", [("40", 40), ("50 percent", 50)]),
        ("a 40-50% stake", [("40", 40), ("50%", 50)]),
        ("between two and three percent", [("two", 2), ("three percent", 3)]),
        ("worth $3-4 billion", [("$3", Decimal("3e9")), ("4 billion", Decimal("4e9"))]),
        ("between 3 and 4 billion yuan", [("3", Decimal("3e9")), ("4 billion yuan", Decimal("4e9"))]),
        ("15-20 deals", [("15", 15), ("20 deals", 20)]),
    ],
)
def test_ranges_are_two_flagged_figures_the_first_borrowing_unit_and_scale(text, expected):
    found = figures(text)
    assert [(s, v) for s, _, v, _, _ in found] == expected
    assert all("range" in flags for *_, flags in found)
    assert found[0][3] == found[1][3]


def test_from_to_is_a_movement_not_a_range():
    found = figures("the share rose from 40 to 50 percent")
    assert [(s, v) for s, _, v, _, _ in found] == [("40", 40), ("50 percent", 50)]
    assert not any("range" in flags for *_, flags in found)


def test_two_amounts_joined_by_to_are_not_a_range():
    found = figures("exports rose 7% to $5 billion")
    assert [flags for *_, flags in found] == [set(), set()]


@pytest.mark.parametrize("hedge", ["about", "approximately", "nearly", "more than", "around", "some", "almost"])
def test_hedges_make_a_figure_approximate_and_stay_out_of_its_surface(hedge):
    surface, *_, flags = one(f"It shipped {hedge} $2 billion of chips.")
    assert surface == "$2 billion" and "approximate" in flags


def test_an_exact_figure_has_no_hedge():
    assert one("It shipped $2 billion of chips.")[4] == set()


AMOUNTS = st.tuples(
    st.sampled_from(["$", "US$", "€", "KRW ", "RMB "]),
    st.decimals(min_value=0, max_value=10**6, places=1, allow_nan=False),
    st.sampled_from(["", " million", " billion", " trillion"]),
)
PADDING = st.text(alphabet=st.sampled_from("abcdefghij ,.;()\n"), max_size=30)


@given(st.lists(st.tuples(PADDING, AMOUNTS), min_size=1, max_size=4), PADDING)
def test_spans_are_exact_sorted_and_disjoint(pieces, tail):
    text = "".join(f"{pad} {prefix}{amount}{scale} " for pad, (prefix, amount, scale) in pieces) + tail
    found = find_figures(text)
    assert len(found) == len(pieces)
    for figure in found:
        assert figure.start < figure.end and "garbled" not in figure.flags
    assert all(a.end <= b.start for a, b in itertools.pairwise(found))


LOOKAROUND_TOKENS = [
    "about",
    "more than",
    "over",
    "approx.",
    "US",
    "$",
    "KRW",
    "₩",
    "won",
    "%",
    "percent",
    "dollars",
    "5",
    "12",
    "1.2",
    "billion",
    " ",
    "  ",
    "\n",
    "-",
    "x",
    "Some",
    "A",
    "ABOUT",
    "almo\u017ft",
    "Just under",
    "close to",
]


@given(glued(LOOKAROUND_TOKENS, max_size=12), st.integers(0, 60))
def test_the_quick_tests_around_a_number_find_what_the_patterns_find(text, end):
    from kortrade.figures.finding import _hedge_before, _patterns, _prefix_unit, _suffix_unit

    end = min(end, len(text))
    patterns = _patterns()

    def span(match):
        return match.span() if match else None

    assert span(_hedge_before(text, end)) == span(patterns["hedge"].search(text, max(0, end - 30), end))
    assert span(_prefix_unit(text, end)) == span(patterns["prefix"].search(text, max(0, end - 8), end))
    assert span(_suffix_unit(text, end)) == span(patterns["suffix"].match(text, end))


@given(glued(["US$", "U.S.$", "$", "USD", "KRW", "₩", "HK", "S", "a", " ", "5", "."], max_size=8))
def test_the_first_character_test_drops_no_prefix_unit(text):
    pattern = figure_patterns()["prefix"]
    first_character_test = re.compile(r"^\(\?=\[[^\]]*\]\)")
    assert first_character_test.match(pattern.pattern)
    plain = re.compile(first_character_test.sub("", pattern.pattern))
    for end in range(len(text) + 1):
        found, expected = pattern.search(text, max(0, end - 8), end), plain.search(text, max(0, end - 8), end)
        assert (found and found.span()) == (expected and expected.span())


@given(glued(["about", "More than", "NEARLY", "an estimated", "approx.", "some", "x", "-", " ", "\n", "5"], max_size=6))
def test_the_first_character_test_drops_no_hedge(text):
    pattern = figure_patterns()["hedge"]
    first_character_test = re.compile(r"^\(\?=\[[^\]]*\]\)")
    assert first_character_test.match(pattern.pattern)
    plain = re.compile(first_character_test.sub("", pattern.pattern), re.IGNORECASE)
    for start, end in itertools.combinations(range(len(text) + 1), 2):
        found, expected = pattern.search(text, start, end), plain.search(text, start, end)
        assert (found and found.span()) == (expected and expected.span())


@given(glued(["Deal", "s", "’s", "'", ".", "_", "7", "é", " ", "\n", "\u00a0", "-"], max_size=8))
def test_the_possessive_previous_word_pattern_finds_what_the_plain_one_does(text):
    plain = re.compile(r"(?P<word>[^\W\d_][\w.'’]*)\s+\Z")
    for start, end in itertools.combinations(range(len(text) + 1), 2):
        found, expected = PREVIOUS_WORD.search(text, start, end), plain.search(text, start, end)
        assert (found and found.span("word")) == (expected and expected.span("word"))


@given(
    glued(["Exports", "the", "U.S.", "Korea's", "5bn", "_x", "’s", "é", " ", "  ", "\n", "5", ",", "-"], max_size=10),
    st.integers(0, 60),
)
def test_the_previous_word_is_the_one_the_pattern_finds(text, before):
    from kortrade.figures.finding import PREVIOUS_WORD, _previous_word

    before = min(before, len(text))
    found, expected = _previous_word(text, before), PREVIOUS_WORD.search(text, max(0, before - 30), before)
    assert (found and (found.span(), found["word"])) == (expected and (expected.span(), expected["word"]))


ODD_LETTERS = {"\u017f": "s", "\u212a": "k", "\u0131": "i"}


@given(
    st.sampled_from(sorted(_count_words("noun"))),
    st.lists(st.sampled_from(["upper", "title", *ODD_LETTERS]), max_size=3),
    st.sampled_from(["", "x", " "]),
)
def test_count_nouns_are_matched_in_any_case(noun, changes, tail):
    variant = noun
    for change in changes:
        if change == "upper":
            variant = variant.upper()
        elif change == "title":
            variant = variant.title()
        else:
            variant = variant.replace(ODD_LETTERS[change], change, 1)
    variant += tail
    alternation = "|".join(re.escape(n) for n in sorted(_count_words("noun"), key=len, reverse=True))
    assert _is_count_noun(variant) == (re.fullmatch(alternation, variant, re.IGNORECASE) is not None)


@given(glued(["$", "US$", "U.S. dollars", "dollar", "won", "KRW", "%", "percent", "GWh", "kWh", "x", " "], max_size=8))
def test_units_grouped_by_first_character_match_what_their_alternation_matches(text):
    from kortrade.figures.finding import _alternation, _branches_by_first_character, _units

    for surfaces in _units().values():
        plain = re.compile(_alternation(surfaces))
        grouped = re.compile(_branches_by_first_character(surfaces))
        for position in range(len(text) + 1):
            found, expected = grouped.match(text, position), plain.match(text, position)
            assert (found and found.span()) == (expected and expected.span())


@pytest.mark.parametrize(
    ("text", "surface", "kind", "value", "unit"),
    [
        ("a ticket at 12 €, cheap", "12 €", "money", Decimal(12), "EUR"),
        ("it sold for 35 rmb each", "35 rmb", "money", Decimal(35), "CNY"),
        ("it sold for 18 usd each", "18 usd", "money", Decimal(18), "USD"),
        ("it sold for usd 18 each", "usd 18", "money", Decimal(18), "USD"),
        ("Firm Wins 3 Trillion Won Order", "3 Trillion Won", "money", Decimal("3e12"), "KRW"),
        ("a grant of half a million dollars", "half a million dollars", "money", Decimal(500000), "USD"),
        ("it cost 12 dollars and 40 cents", "12 dollars and 40 cents", "money", Decimal("12.40"), "USD"),
        ("a fee of $7 and 5 cents", "$7 and 5 cents", "money", Decimal("7.05"), "USD"),
        ("growth of minus three percent", "minus three percent", "percent", Decimal(-3), "%"),
        ("sales grew 52-point-eight percent", "52-point-eight percent", "percent", Decimal("52.8"), "%"),
        ("a rise of 6 percentage on year", "6 percentage", "percent", Decimal(6), "%"),
        ("prices rose 14pc on the year", "14pc", "percent", Decimal(14), "%"),
        ("imports of 4,210t of graphite", "4,210t", "count", Decimal(4210), "count"),
        ("a 30,000-tonne smelter", "30,000-tonne", "count", Decimal(30000), "count"),
        ("it shipped 812 metric tons", "812 metric tons", "count", Decimal(812), "count"),
        ("some 900 Vietnamese nationals arrived", "900 Vietnamese nationals", "count", Decimal(900), "count"),
        ("it said that 3,100 staff members came", "3,100 staff members", "count", Decimal(3100), "count"),
        ("sold 12.5 million train tickets", "12.5 million train tickets", "count", Decimal("1.25e7"), "count"),
    ],
)
def test_units_written_after_codes_in_capitals_and_spoken(text, surface, kind, value, unit):
    assert one(text)[:4] == (surface, kind, value, unit)


def test_a_one_letter_unit_follows_only_digits_and_a_sign_before_digits_opens_the_next_amount():
    assert figures("one t-shirt") == []
    assert [s for s, *_ in figures("from 2024 $3 billion")] == ["$3 billion"]


def test_list_members_share_the_unit_written_once():
    assert [(s, v, u, f) for s, _, v, u, f in figures("fell 31.6 and 12.9 percent, respectively")] == [
        ("31.6", Decimal("31.6"), "%", set()),
        ("12.9 percent", Decimal("12.9"), "%", set()),
    ]
    assert [v for _, _, v, _, _ in figures("were 14, 23 and 9 percent, respectively")] == [14, 23, 9]
    assert [(s, v, u) for s, _, v, u, _ in figures("RMB 2.5 trillion and 310.2 billion, respectively")] == [
        ("RMB 2.5 trillion", Decimal("2.5e12"), "CNY"),
        ("310.2 billion", Decimal("3.102e11"), "CNY"),
    ]
    assert [s for s, *_ in figures("in 2022 and 5 percent, 4, and 6 percent")][:1] == ["5 percent"]


def test_numbers_in_web_addresses_are_not_figures():
    text = "See https://news.example.com/exports-rise-8-percent or www.example.com/a%2015%25 and 8 percent."
    assert [s for s, *_ in figures(text)] == ["8 percent"]
    assert figures("q=exports%2010%20cars") == []


def test_a_possessive_makes_a_count_a_reference_and_the_number_of_makes_one_a_count():
    assert figures("Of the region's 12 major export items, most fell") == []
    assert one("the number of Thai tourists to Busan reached 41,250 in May")[:2] == ("41,250", "count")
    assert figures("the number of weeks reached 41 in May") == []


def test_a_day_a_line_break_split_from_its_date_is_no_count():
    assert figures("Posted 2024.03.\n17 visitors came") == []
    assert figures("Updated Sept.\n9 firms") == []
    assert one("They met twice.\n9 firms signed")[:2] == ("9 firms", "count")
