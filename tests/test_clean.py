import re
import sys

import ftfy
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import glued

from kortrade.common.phrases import first_character_test
from kortrade.ingest import clean
from kortrade.ingest.clean import clean_text, normalise, remove_boilerplate
from kortrade.ingest.segment import sentence_spans

BOILERPLATE_SAMPLES = (
    "Back",
    "Copyright © Pacific Forum, 2024",
    "- 2 min read",
    "All rights reserved.",
    "This article can be read in 12 languages.",
    "Sign up for our newsletter, click here to subscribe.",
    "The views expressed here do not necessarily reflect those of the institute.",
    "Exports rose 7 percent in November.",
)


def test_markdown_links_bold_and_escapes_are_unwrapped():
    text = normalise("By [Scott Snyder](#) and **Foreign Minister Park Jin** paid US\\$18 billion ![img](x.png)")
    assert text == "By Scott Snyder and Foreign Minister Park Jin paid US$18 billion"


def test_lone_double_asterisks_are_kept_and_flagged_as_censored():
    cleaned = clean_text("Yonhap said in 3** that the global ** chain and China** matter.")
    assert "3**" in cleaned.text and "China**" in cleaned.text
    assert "censored_tokens" in cleaned.flags


def test_bold_pairs_do_not_swallow_censored_tokens():
    assert normalise("in 3** that the ** chain") == "in 3** that the ** chain"


def test_mojibake_is_repaired_and_whitespace_normalised():
    assert normalise("caf\u00c3\u00a9   owners\t said\r\n\r\n\r\n\r\nNext") == "caf\u00e9 owners said\n\nNext"


def test_boilerplate_sentences_go_and_article_sentences_stay():
    text = (
        "Back\n"
        "Exports rose 7 percent in November.\n"
        "Click the share button above to email this article. Follow us on Instagram and Twitter. "
        "Exports to China hit $11.4 billion.\n"
        "Copyright © Pacific Forum, 2024\n"
        "- 2 min read\n"
        "For media inquiries: editors@example.com"
    )
    cleaned = remove_boilerplate(text)
    assert cleaned.text == "Exports rose 7 percent in November.\nExports to China hit $11.4 billion."
    assert {r.rule for r in cleaned.removed} == {"navigation", "share", "copyright", "reading_time", "contact"}
    assert cleaned.flags == ("boilerplate_removed",)


def test_sign_offs_and_korean_copyright_marks_are_boilerplate():
    cleaned = remove_boilerplate("Exports rose 7 percent. Thank you for reading Example Weekly.\nⓒ Example Daily")
    assert cleaned.text == "Exports rose 7 percent."
    assert {r.rule for r in cleaned.removed} == {"sign_off", "copyright"}


def test_article_sentences_mentioning_copyright_or_newsletters_survive():
    text = "Seoul and Beijing discussed copyright protection for cultural content. Back then, exports fell."
    assert remove_boilerplate(text).text == text


def test_paragraph_breaks_are_kept():
    assert clean_text("One.\n\nTwo.\nThree.").text == "One.\n\nTwo.\nThree."


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=400))
def test_cleaning_never_fails_and_leaves_no_edge_whitespace_lines(raw):
    cleaned = clean_text(raw)
    assert all(line == line.strip() for line in cleaned.text.split("\n"))


PIECES = [
    "a",
    "b",
    ".",
    " ",
    "?",
    "\n",
    "\t",
    "*",
    "#",
    "[x](y)",
    "\\$",
    "U.S.",
    "Dec.",
    "한",
    "中",
    "Back",
    "Copyright ©",
    "Follow us on Twitter.",
]


@settings(max_examples=300, deadline=None)
@given(glued(PIECES, max_size=80))
def test_cleaner_sentence_spans_are_the_segmentation_of_the_clean_text(raw):
    cleaned = clean_text(raw)
    assert list(cleaned.sentences) == sentence_spans(cleaned.text)
    for start, end in cleaned.sentences:
        piece = cleaned.text[start:end]
        assert piece and piece == piece.strip()


@pytest.mark.parametrize(
    ("pattern", "anchored"),
    [
        ("^(back|home)$", True),
        (r"^\(?only\)?$", True),
        ("^[])|(]x", True),
        ("^a|b", False),
        ("^[(]a|b", False),
        (r"^\(a|b", False),
        ("a|^b", False),
        (r"\bnewsletter\b", False),
    ],
)
def test_a_rule_is_anchored_only_if_every_alternative_starts_at_the_sentence_start(pattern, anchored):
    assert clean.anchored_at_start(pattern) is anchored


@pytest.mark.parametrize(
    ("pattern", "letter"),
    [
        (r"\bnewsletter\b", "n"),
        (r"\bFund-?raising", "F"),
        (r"\ba?b", None),
        (r"\ba*b", None),
        (r"\ba{0,2}b", None),
        (r"\bab|cd", None),
        (r"\b(ab|cd)", None),
        (r"^about", None),
        (r"\Bab", None),
    ],
)
def test_a_leading_letter_is_one_every_match_starts_with(pattern, letter):
    assert clean.leading_letter(pattern) == letter


def test_a_letter_test_matches_under_ignorecase_what_the_letter_matches():
    every_character = "".join(map(chr, range(sys.maxunicode + 1)))
    for letter in "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ":
        tested = re.compile(first_character_test([letter]), re.IGNORECASE).finditer(every_character)
        matched = re.compile(letter, re.IGNORECASE).finditer(every_character)
        assert [match.start() for match in tested] == [match.start() for match in matched], letter


def test_the_unanchored_rules_are_screened_by_their_first_letters():
    assert clean.boilerplate_screens()[1].pattern.startswith("(?=[")


@given(st.sampled_from(BOILERPLATE_SAMPLES) | st.text(max_size=80))
def test_the_screens_pass_every_sentence_some_rule_matches(sentence):
    matched_by_a_rule = any(pattern.search(sentence) for _, pattern in clean.boilerplate_rules())
    assert (clean.boilerplate_rule(sentence) is not None) is matched_by_a_rule


def test_str_split_separates_at_exactly_the_characters_re_reads_as_whitespace():
    separators = [chr(code) for code in range(sys.maxunicode + 1) if len(f"a{chr(code)}b".split()) == 2]
    assert separators == [chr(code) for code in range(sys.maxunicode + 1) if re.fullmatch(r"\s", chr(code))]


@given(st.text(alphabet=st.sampled_from(list("ab. \t\n\r\x0b\x0c\x1c\x1f\x85\xa0\u2028\u3000")) | st.characters()))
def test_single_spacing_is_the_blank_run_substitution(text):
    lines = re.sub(r"[^\S\n]+", " ", text).split("\n")
    assert clean.single_spaced(text) == "\n".join(line.strip() for line in lines)


ENCODING_PIECES = [
    "a",
    " ",
    "\n",
    "\r\n",
    "&",
    "&amp;",
    "&lt;",
    "&#x2019;",
    "&eacute;",
    "<",
    "<b>",
    ";",
    "#",
    "Ã©",
    "â€™",
    "’",
    "Ｌ",
    "ﬂ",
    "\x85",
    "조",
]


@settings(max_examples=300)
@given(glued(ENCODING_PIECES, max_size=30))
def test_encoding_is_repaired_as_ftfy_repairs_the_whole_text(text):
    assert clean.repair_encoding(text) == ftfy.fix_text(text)


def test_market_furniture_goes_and_data_lines_stay():
    text = (
        "• KOSPI 2,410.55 +12.30 +0.51%\n"
        "NASDAQ 15,210.4 -0.8%\n"
        "• EUR/KRW 1,402.10 -2.15 -0.15%\n"
        "1 USD = 1,301.25 KRW\n"
        "Page 3 of 7\n"
        "Shipments of displays 41.3 -6.5%\n"
        "machinery -2.4%\n"
        "Exports of ships rose 12.5 percent."
    )
    cleaned = remove_boilerplate(text)
    assert cleaned.text == "Shipments of displays 41.3 -6.5%\nmachinery -2.4%\nExports of ships rose 12.5 percent."
    assert {r.rule for r in cleaned.removed} == {"ticker", "exchange_rate", "page_counter"}


TICKER_PRE_TEST = r"(?=[^%]*+%\)?$)"
# A ticker line slot by slot, each slot with variants that break it (`%` early, late, twice, none).
TICKER_SLOTS = [
    ["", "- ", "• "],
    ["KOSPI", "Samsung Elec.", "Gold", "5% fund", "a"],
    [" ", "  ", ""],
    ["2,501.3", "71,200", "x"],
    [" "],
    ["+", "▲", "−", "%"],
    [" 12.5", "300", ""],
    [" "],
    ["(", ""],
    ["+0.5", "▲0.42", "-3"],
    ["%", " %", "", "%%"],
    [")", ""],
    ["", ".", " 7%", ")"],
]


@settings(max_examples=500)
@given(st.tuples(*map(st.sampled_from, TICKER_SLOTS)).map("".join) | st.text(alphabet="%() 1a+▲", max_size=12))
def test_the_ticker_pre_test_keeps_the_matches_of_the_plain_rule(sentence):
    fast = [pattern for _, pattern in clean.boilerplate_rules() if TICKER_PRE_TEST in pattern.pattern]
    assert len(fast) == 1
    plain = re.compile(fast[0].pattern.replace(TICKER_PRE_TEST, "", 1), fast[0].flags)
    assert (fast[0].match(sentence) is None) is (plain.match(sentence) is None)


def test_the_ticker_rule_still_drops_index_lines():
    assert clean.boilerplate_rule("Samsung Elec. 71,200 ▲ 300 (▲0.42%)") == "ticker"
    assert clean.boilerplate_rule("Kospi 2,501.3 + 12.5 (+0.5%)") == "ticker"
    assert clean.boilerplate_rule("Kospi rose 0.5% to 2,501.3.") is None


FIRST_CHARACTERS = st.characters(max_codepoint=0x2500) | st.sampled_from("©ⓒ(•-ſK")


@given(
    st.tuples(FIRST_CHARACTERS, st.sampled_from(BOILERPLATE_SAMPLES) | st.text(max_size=30)).map("".join)
    | st.sampled_from(BOILERPLATE_SAMPLES).map(str.upper)
    | st.sampled_from(BOILERPLATE_SAMPLES)
)
def test_the_anchored_screen_by_first_character_matches_where_the_full_screen_does(sentence):
    full = clean.boilerplate_screens()[0]
    by_first = clean.anchored_screens_by_first_character().get(sentence[:1], full)
    assert (by_first.match(sentence) is None) is (full.match(sentence) is None)


def test_each_character_tries_only_the_anchored_rules_that_can_start_with_it():
    screens = clean.anchored_screens_by_first_character()
    navigation = next(pattern.pattern for name, pattern in clean.boilerplate_rules() if name == "navigation")
    assert navigation in screens["b"].pattern and navigation in screens["B"].pattern
    assert navigation not in screens["x"].pattern
    assert clean.boilerplate_rule("BACK") == "navigation"
