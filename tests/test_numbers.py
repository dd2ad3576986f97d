import re
from decimal import Decimal

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from strategies import glued

from kortrade.common.numbers import find_numbers

ONES = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
TEENS = ["ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
TENS = ["_", "_", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def spell(n: int) -> str:
    """English words for 0 <= n < 1000 (`one hundred and twenty-five`)."""
    if n < 10:
        return ONES[n]
    if n < 20:
        return TEENS[n - 10]
    if n < 100:
        return TENS[n // 10] + ("-" + ONES[n % 10] if n % 10 else "")
    rest = n % 100
    return ONES[n // 100] + " hundred" + (" and " + spell(rest) if rest else "")


def only(text: str):
    numbers = find_numbers(text)
    assert len(numbers) == 1, numbers
    return numbers[0]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1,300.82", Decimal("1300.82")),
        ("120,000", Decimal(120000)),
        ("0.5", Decimal("0.5")),
        ("１２０", Decimal(120)),
        ("１，２００．５", Decimal("1200.5")),
        ("1.2 trillion", Decimal("1.2e12")),
        ("55.8 billion", Decimal(55800000000)),
        ("39.4 hundred million", Decimal("3.94e9")),
        ("5bn", Decimal("5e9")),
        ("5 bn", Decimal("5e9")),
        ("3mn", Decimal("3e6")),
        ("2tn", Decimal("2e12")),
        ("5-billion", Decimal("5e9")),
        ("five", Decimal(5)),
        ("twenty-five", Decimal(25)),
        ("one hundred and twenty", Decimal(120)),
        ("three-point-93", Decimal("3.93")),
        ("three point nine three", Decimal("3.93")),
        ("three point five billion", Decimal("3.5e9")),
        ("3 trillion 500 billion", Decimal("3.5e12")),
        ("1 billion 200 million", Decimal("1.2e9")),
        ("five billion", Decimal("5e9")),
        ("two hundred thousand", Decimal("2e5")),
        ("39.4亿", Decimal("3.94e9")),
        ("5万", Decimal("5e4")),
        ("2,000억", Decimal("2e11")),
        ("1조 2천억", Decimal("1.2e12")),
        ("3억5천만", Decimal("3.5e8")),
        ("12조", Decimal("1.2e13")),
    ],
)
def test_number_forms_and_their_values(text, value):
    number = only(text)
    assert (number.start, number.end) == (0, len(text))
    assert number.value == value


def test_a_letter_scale_is_kept_apart_because_only_a_currency_makes_it_one():
    number = find_numbers("$5m")[0]
    assert number.value == Decimal("5e6") and number.scale_kind == "letter"


def test_a_scale_is_separate_from_the_base_so_a_range_can_lend_it():
    first, second = find_numbers("between five and six billion")
    assert (first.base, first.scale) == (5, 1)
    assert (second.base, second.scale) == (6, Decimal("1e9"))


@pytest.mark.parametrize(
    ("text", "before", "after"),
    [
        ("PV5", True, False),
        ("46mm", False, True),
        ("the 16th", False, True),
        ("four-day", False, True),
        ("exports7%", True, False),
        ("G20 summit", True, False),
        ("5억원", False, False),
        ("增长7%", False, False),
    ],
)
def test_numbers_touching_latin_letters_are_marked_glued(text, before, after):
    number = find_numbers(text)[0]
    assert (number.glued_before, number.glued_after) == (before, after)


def test_number_words_stop_where_they_stop_forming_one_number():
    numbers = find_numbers("two three-year terms")
    assert [n.value for n in numbers] == [2, 3]
    assert numbers[1].glued_after


def test_a_free_standing_minus_is_a_sign_but_a_range_dash_is_not():
    assert only("fell -3.5%").value == Decimal("-3.5")
    assert [n.value for n in find_numbers("40-50%")] == [40, 50]


def test_scale_terms_chain_only_when_the_scale_falls():
    assert [n.value for n in find_numbers("5 million 3 billion")] == [Decimal("5e6"), Decimal("3e9")]


def test_words_inside_other_words_are_not_numbers():
    assert find_numbers("often, tenth, someone, attention, network") == []


@given(st.integers(min_value=0, max_value=10**15))
def test_digits_with_thousands_separators_read_back(n):
    assert only(f"Exports were {n:,} units.").value == n


@given(
    st.integers(min_value=0, max_value=10**6),
    st.integers(min_value=0, max_value=999),
    st.sampled_from([("thousand", 10**3), ("million", 10**6), ("billion", 10**9), ("trillion", 10**12)]),
)
def test_decimals_with_scale_words_are_exact(whole, fraction, scale):
    word, factor = scale
    literal = f"{whole}.{fraction:03d}"
    assert only(f"worth {literal} {word} in total").value == Decimal(literal) * factor


@given(st.integers(min_value=0, max_value=999))
def test_numbers_in_words_read_back(n):
    assert only(f"They signed {spell(n)} deals.").value == n


@given(st.integers(min_value=1, max_value=999), st.integers(min_value=0, max_value=9))
def test_spoken_decimals_read_back(whole, tenth):
    assert only(f"up {spell(whole)}-point-{tenth} percent").value == Decimal(f"{whole}.{tenth}")


@given(st.integers(min_value=0, max_value=10**9))
def test_full_width_digits_read_like_ascii(n):
    full_width = str(n).translate({ord(c): ord(c) + 0xFEE0 for c in "0123456789"})
    assert only(full_width).value == n


@given(
    st.integers(min_value=1, max_value=99),
    st.integers(min_value=0, max_value=9999),
    st.integers(min_value=0, max_value=9999),
)
def test_chained_korean_scales_add_up(jo, eok, man):
    text = f"{jo}조" + (f" {eok}억" if eok else "") + (f" {man}만" if man else "")
    assert only(text).value == jo * 10**12 + eok * 10**8 + man * 10**4


NUMBER_PIECES = [
    "1",
    "23",
    "4567",
    ",",
    "，",
    ".",
    "．",
    " ",
    "-",
    "x",
    "five",
    "Twenty",
    "-one",
    "point",
    "and",
    "hundred",
]
NUMBER_PIECES += ["million", "billion", "억", "bn", "m", "often", "Ten", "\n", "1,234", "56,789.5", "１，２３４"]


@given(glued(NUMBER_PIECES, max_size=14))
@example("4567,4567")
def test_digits_written_from_their_first_digit_match_what_digits_match(text):
    from kortrade.common.numbers import DIGITS, DIGITS_FROM_FIRST

    for position in range(len(text) + 1):
        old, new = re.compile(DIGITS).match(text, position), re.compile(DIGITS_FROM_FIRST).match(text, position)
        assert (old and old.span()) == (new and new.span())


@given(glued([*NUMBER_PIECES, "\u017f", "\u0131", "\u212a", "\u0130", "é"], max_size=14))
@example("seven \u017fix")
@example("\u0130 five")
def test_numbers_searched_apart_are_those_one_pattern_of_digits_or_words_finds(text):
    from kortrade.common.numbers import DIGITS, _digits_number, _patterns, _words_number

    words = _patterns()["words"].pattern.split(r"(?<!\w)", 1)[1]
    pattern = re.compile(rf"(?:(?P<digits>{DIGITS})|(?P<words>\b{words}))", re.IGNORECASE)
    expected, position = [], 0
    while match := pattern.search(text, position):
        number = _digits_number(text, match) if match["digits"] else _words_number(text, *match.span())
        expected.append(number)
        position = max(number.end, match.start() + 1)
    assert find_numbers(text) == expected


SCALE_PIECES = [
    *NUMBER_PIECES,
    "万",
    "亿",
    "천",
    " ",
    "  ",
    "\t",
    "K",
    "\u212a",
    "k",
    "bln",
    "tn",
    "Thousand",
    "percent",
]


@given(glued(SCALE_PIECES, max_size=8))
@example("5 \u212a")
@example("5  亿")
@example("5\t万")
def test_scales_read_after_the_gate_are_those_every_pattern_finds(text):
    from kortrade.common.numbers import _chained_scales, _east_asian, _patterns, _scale_after, _scale_product, _words

    def every_pattern(end):
        patterns, base = _patterns(), Decimal(1)
        if east_asian := _east_asian(text, end, base):
            return (*east_asian, "east_asian")
        if scale_match := patterns["scale_words"].match(text, end):
            scale = _scale_product(scale_match.group())
            if chained := _chained_scales(text, scale_match.end(), base * scale, scale):
                return (*chained, "word")
            return scale_match.end(), base, scale, "word"
        if short := patterns["short"].match(text, end):
            return short.end(), base, _words()[short.group().strip().lower()][0], "short"
        if letter := patterns["letter"].match(text, end):
            return letter.end(), base, _words()[letter.group().lower()][0], "letter"
        return end, base, Decimal(1), ""

    for end in range(len(text) + 1):
        assert _scale_after(text, end, Decimal(1)) == every_pattern(end)


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("rose 63-point-four percent", "63-point-four", Decimal("63.4")),
        ("rose 7 point 25 percent", "7 point 25", Decimal("7.25")),
        ("valued at 12-point-six billion", "12-point-six billion", Decimal("1.26e10")),
        ("some three-thousand-418 tons", "three-thousand-418", Decimal(3418)),
        ("a six-hundred-15 count", "six-hundred-15", Decimal(615)),
        ("growth of minus two percent", "minus two", Decimal(-2)),
        ("growth of Minus 4.5%", "Minus 4.5", Decimal("-4.5")),
        ("a balance of $-7.25 bln", "-7.25 bln", Decimal("-7.25e9")),
        ("nearly half a billion won", "half a billion", Decimal("5e8")),
    ],
)
def test_spoken_and_signed_forms(text, surface, value):
    number = only(text)
    assert (text[number.start : number.end], number.value) == (surface, value)


def test_digits_after_a_scale_word_must_be_smaller_than_it():
    assert [n.value for n in find_numbers("two-thousand-4000")] == [2000, 4000]
    assert [n.value for n in find_numbers("Ecominus 5")] == [5]
    assert [n.value for n in find_numbers("half a dozen")] == []
