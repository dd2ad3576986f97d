import re
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kortrade.common.phrases import (
    IGNORECASE_ODDITIES,
    case_key,
    first_character_test,
    lowered_for_search,
    matches_at,
    regex_first_characters,
    regex_prefixes,
    starts_of,
    trie_opening_on_characters,
    trie_pattern,
)

WORDS = st.text(alphabet="abc $.", min_size=1, max_size=6)


@given(st.lists(WORDS, min_size=1, max_size=12, unique=True), st.text(alphabet="abc $.x", max_size=40))
def test_a_trie_pattern_finds_what_the_longest_first_alternation_finds(phrases, text):
    alternation = re.compile("|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True)))
    trie = re.compile(trie_pattern(phrases))
    assert [m.span() for m in trie.finditer(text)] == [m.span() for m in alternation.finditer(text)]


@given(st.lists(WORDS, min_size=1, max_size=12, unique=True), st.text(alphabet="abc $.x", max_size=40))
def test_a_trie_opening_on_characters_finds_what_the_trie_finds_after_the_same_test(phrases, text):
    trie = re.compile(rf"(?<![x.])(?:{trie_pattern(phrases)})")
    opening = re.compile(trie_opening_on_characters(phrases, r"(?<![x.].)"))
    assert [m.span() for m in opening.finditer(text)] == [m.span() for m in trie.finditer(text)]


def test_case_folding_lowers_the_phrases():
    pattern = re.compile(trie_pattern(["Trade", "trade balance"], fold_case=True), re.IGNORECASE)
    assert pattern.fullmatch("TRADE Balance") and pattern.fullmatch("trade")


@given(st.text(alphabet="ab1 ", max_size=30))
def test_matches_at_the_starts_of_an_opening_pattern_are_what_finditer_finds(text):
    opening = re.compile(r"a|1")
    starts = starts_of(opening, text)
    assert starts == [i for i in range(len(text)) if opening.match(text, i)]
    for pattern in (re.compile(r"(?:a|1)[ab]*"), re.compile(r"a\w?1|1 a"), re.compile(r"(?<!b)ab+")):
        assert [m.span() for m in matches_at(pattern, text, starts)] == [m.span() for m in pattern.finditer(text)]


@pytest.mark.parametrize(
    ("text", "key"), [("SEPT", "sept"), ("ſept", "sept"), ("Bıllion", "billion"), ("İN", "in"), ("\u212aorea", "korea")]
)
def test_case_key_is_the_key_every_case_insensitive_match_shares(text, key):
    assert re.fullmatch(key, text, re.IGNORECASE)
    assert case_key(text) == key


def test_first_character_test_admits_exactly_the_phrases_first_characters():
    test = re.compile(first_character_test(["$5", "about", "Over", "-x"], fold_case=True))
    assert [c for c in "$aAoO-xb" if test.match(c)] == ["$", "a", "o", "-"]
    assert first_character_test(["Korea", "US"]) == "(?=[KU])"


def test_lower_case_finds_the_letters_a_case_insensitive_pattern_finds():
    """`lowered_for_search` and `case_key` rely on `lower()` mapping to an ASCII letter just what
    `re.IGNORECASE` matches to it, but for the `IGNORECASE_ODDITIES`."""
    letters = "abcdefghijklmnopqrstuvwxyz"
    any_letter = re.compile(f"[{letters}]", re.IGNORECASE)
    for code in range(128, sys.maxunicode + 1):
        character = chr(code)
        if code not in IGNORECASE_ODDITIES and (any_letter.fullmatch(character) or character.lower() in letters):
            assert [a for a in letters if re.fullmatch(a, character, re.IGNORECASE)] == [character.lower()]


def test_lowered_for_search_refuses_text_whose_lower_case_moves_or_misses_a_letter():
    assert lowered_for_search("Vice Minister KIM") == "vice minister kim"
    assert lowered_for_search("\u212aorea") == "korea"
    assert lowered_for_search("İstanbul") is None and lowered_for_search("Mınister") is None


@pytest.mark.parametrize(
    ("pattern", "firsts"),
    [
        (r"(?<!\w)(?:ab|c[de-f]\w*)?x", "acx"),
        (r"\bfoo|bar", "bf"),
        (r"(?:a|b?)c", "abc"),
        (r"(?P<c0>join)|(?P<c1>(?:work|team)s?)", "jtw"),
        (r"\w+", None),
        (r"[^a]b", None),
        (r"a?", None),
        (r"(?i:ab)", None),
    ],
)
def test_regex_first_characters_are_those_a_match_can_start_with(pattern, firsts):
    found = regex_first_characters(pattern)
    assert found == (None if firsts is None else frozenset(firsts))


@given(st.lists(st.sampled_from(["a", "b?", "(?:c|d)", "e*", "[fg]", "(?<!x)", "\\b", "h+"]), min_size=1, max_size=5))
def test_every_match_starts_with_one_of_the_regex_first_characters(parts):
    pattern = "".join(parts)
    firsts = regex_first_characters(pattern)
    matches = [m for m in re.finditer(pattern, "xabcdefgh hgfedcba bb ee") if m.group()]
    if firsts is not None:
        assert all(m.group()[0] in firsts for m in matches)


def test_regex_first_characters_of_non_empty_matches_when_a_match_may_be_empty():
    assert regex_first_characters(r"(?:\bin\s+|late\s+)?(?:the\s+)?", nonempty=True) == frozenset("ilt")
    assert regex_first_characters(r"(?:\bin\s+|late\s+)?(?:the\s+)?") is None


@pytest.mark.parametrize(
    ("pattern", "pairs"),
    [
        (r"\b(?:signs?|inked) (?:a|the)", {"si", "in"}),
        (r"\bJVs?\b", {"JV"}),
        (r"(?<!\w)a[bc]+d", {"ab", "ac"}),
        (r"x{2,}", {"xx"}),
        (r"a{0,3}b", None),
        (r"a\w", None),
        (r"(?i:ab)", None),
        (r"a", None),
    ],
)
def test_regex_prefixes_are_the_pairs_a_match_can_open_with(pattern, pairs):
    assert regex_prefixes(pattern) == (None if pairs is None else frozenset(pairs))


@given(
    st.lists(
        st.sampled_from(["a", "b?", "(?:c|d)", "e*", "[fg]", "(?<!x)", "\\b", "h+", "(?:ab)+", "c{1,2}"]),
        min_size=1,
        max_size=5,
    )
)
def test_every_match_opens_with_one_of_the_regex_prefixes(parts):
    pattern = "".join(parts)
    pairs = regex_prefixes(pattern)
    matches = [m for m in re.finditer(pattern, "xabcdefgh hgfedcba bb ee abab cch aah") if m.group()]
    if pairs is not None:
        assert all(m.group()[:2] in pairs for m in matches), pattern
