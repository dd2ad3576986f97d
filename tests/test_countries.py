import re

from hypothesis import example, given
from hypothesis import strategies as st
from strategies import glued

from kortrade.common import countries
from kortrade.common.countries import DocumentCountries, find_mentions, main_counterpart
from kortrade.common.phrases import trie_pattern


def mentions(text):
    return [(text[m.start : m.end], m.iso3, m.possessive, m.in_name) for m in find_mentions(text)]


def test_longest_names_win_and_case_matters():
    assert mentions("South Korea and Korean firms met us in the US.") == [
        ("South Korea", "KOR", False, False),
        ("Korean", "KOR", False, False),
        ("US", "USA", False, False),
    ]


def test_possessives_are_marked():
    assert mentions("China's exports") == [("China", "CHN", True, False)]


def test_countries_inside_proper_names_are_marked():
    found = mentions("the Korea Customs Service, the Bank of Korea, Chinese President Xi, Korea on Monday")
    assert [(name, in_name) for name, _, _, in_name in found] == [
        ("Korea", True),
        ("Korea", True),
        ("Chinese", True),
        ("Korea", False),
    ]


def test_cities_and_provinces_name_their_country():
    assert mentions("a plant in Qingdao, China") == [("Qingdao", "CHN", False, False), ("China", "CHN", False, False)]
    assert mentions("Xian and Xi’an and Pusan") == [
        ("Xian", "CHN", False, False),
        ("Xi’an", "CHN", False, False),
        ("Pusan", "KOR", False, False),
    ]


def test_a_place_takes_in_the_word_for_its_kind_but_not_a_name_going_on():
    assert mentions("Jiangsu Province's output and Ulsan Metropolitan City") == [
        ("Jiangsu Province", "CHN", True, False),
        ("Ulsan Metropolitan City", "KOR", False, False),
    ]
    assert mentions("the Shenzhen Stock Exchange, the Incheon Port Authority, Incheon Port") == [
        ("Shenzhen", "CHN", False, True),
        ("Incheon Port", "KOR", False, True),
        ("Incheon Port", "KOR", False, False),
    ]
    assert mentions("China Province") == [("China", "CHN", False, True)]


def test_currencies_are_not_countries():
    assert mentions("US$18 billion and 5 billion US dollars") == []


def test_the_main_counterpart_is_the_most_named_foreign_economy():
    text = "Japan and Korea met. China called Japan. Korea thanked Japan and China."
    assert main_counterpart(find_mentions(text)) == "JPN"
    assert main_counterpart(find_mentions("Korea alone.")) == ""


def test_a_document_looks_up_the_last_other_country_before_a_position():
    text = "Japan and Korea met. Then China and Korea met. Korea spoke."
    countries = DocumentCountries(text)
    assert countries.last_before(0, text.index("Then"), unless="KOR") == "JPN"
    assert countries.last_before(0, len(text), unless="KOR") == "CHN"
    assert countries.last_before(text.index("Korea spoke"), len(text), unless="KOR") == ""


@given(
    glued(
        [
            "China",
            "Chinese",
            "US",
            "U.S.",
            "Korea",
            "South Korea",
            "'s",
            "$",
            " dollars",
            " ",
            ".",
            "x",
            "Bank of ",
            "Seoul",
            "the US",
            "mainland ",
            "the mainland of ",
            "the ",
            "Philippines",
            "_",
        ],
        max_size=8,
    )
)
@example("the mainland of China")
@example("xmainland China")
def test_the_pattern_opening_on_capitals_finds_what_the_plain_pattern_finds(text):
    """The pattern opens on capitals and a mention is extended back over a lower-case head (`mainland China`)."""
    names = trie_pattern(countries._names())
    plain = re.compile(rf"(?<![\w.])(?P<name>{names})(?![\w])(?!\$|\s+dollars?\b)(?P<s>['’]s\b)?")
    found = [(m.start, m.end, m.possessive) for m in find_mentions(text)]
    assert found == [(m.start(), m.end("name"), bool(m["s"])) for m in plain.finditer(text)]


@given(
    glued(
        [
            "China",
            "Chinese",
            "US",
            "the US",
            "South Korea",
            "Korea",
            "Wuxi",
            " Province",
            " Authority",
            "'s",
            "$",
            "dollar",
            "s",
            " ",
            "\n",
            ".",
            "x",
        ],
        max_size=14,
    ),
    st.integers(0, 80),
    st.integers(0, 80),
)
@example("China\n dollars", 0, 5)
def test_a_line_looks_up_what_the_whole_document_finds(text, start, end):
    start = min(start, len(text))
    line_end = text.find("\n", start)
    end = min(max(start, end), len(text) if line_end < 0 else line_end)
    whole = [m for m in find_mentions(text) if not m.in_name]
    expected = next((m.iso3 for m in reversed(whole) if start <= m.start and m.end <= end and m.iso3 != "KOR"), "")
    assert DocumentCountries(text).last_before(start, end, unless="KOR") == expected
