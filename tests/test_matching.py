import itertools
import sys

from hypothesis import given
from hypothesis import strategies as st
from strategies import glued

from kortrade.entities.matching import (
    CapitalLines,
    PhraseMatch,
    PhraseMatcher,
    _fold_table,
    case_compatible,
    ends_word,
    fold,
    in_capitals,
    is_all_acronyms,
    longest_first,
)


def surfaces(phrases, text):
    return [text[m.start : m.end] for m in PhraseMatcher((p, p) for p in phrases).find(text)]


def test_fold_removes_case_and_diacritics_without_moving_offsets():
    assert fold("Lü Chao") == "lu chao"
    assert fold("Maroš Šefčovič") == "maros sefcovic"


@given(st.text())
def test_fold_keeps_the_length_of_any_text(text):
    assert len(fold(text)) == len(text)


def test_acronyms_match_only_in_capitals():
    assert surfaces(["US"], "Let us see what the US does.") == ["US"]
    assert case_compatible("SK On", "SK ON") and not case_compatible("SK On", "SK on")
    assert surfaces(["Ecopro BM"], "ECOPRO BM and Ecopro Bm") == ["ECOPRO BM"]


def test_acronyms_are_not_matched_in_a_shouted_headline():
    assert surfaces(["US", "China"], "LET US PIVOT TO CHINA\nThe US said.") == ["CHINA", "US"]


def test_capitalised_names_need_a_capital():
    assert surfaces(["China"], "fine china and China") == ["China"]


def test_word_boundaries_allow_possessives_but_not_longer_words():
    assert surfaces(["Xi"], "Xi's visit to Xi'an and Xiamen") == ["Xi"]
    assert surfaces(["Korea"], "Korean firms and Korea-China ties") == ["Korea"]


def test_a_digit_glued_by_machine_translation_ends_a_word():
    assert surfaces(["Energy"], "Trade and Energy8%, and Energy2") == ["Energy", "Energy"]


def test_phrases_ending_in_punctuation_stand_on_their_own():
    assert surfaces(["US$"], "an US$18 billion deficit") == ["US$"]


def test_longest_match_first_drops_what_is_inside():
    text = "Beijing Hyundai and Hyundai Motor Group"
    phrases = ["Beijing", "Hyundai", "Beijing Hyundai", "Hyundai Motor", "Hyundai Motor Group"]
    found = PhraseMatcher((p, p) for p in phrases).find(text)
    kept = longest_first(found, lambda m: (m.start, m.end))
    assert [text[m.start : m.end] for m in kept] == ["Beijing Hyundai", "Hyundai Motor Group"]


@given(st.lists(st.tuples(st.integers(0, 50), st.integers(1, 10)), max_size=30))
def test_longest_first_keeps_spans_that_never_overlap(pairs):
    spans = [(s, s + n) for s, n in pairs]
    kept = longest_first(spans, lambda s: s)
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(kept))
    for span in spans:
        assert any(k[0] < span[1] and span[0] < k[1] for k in kept)


@given(st.text(alphabet=st.characters(max_codepoint=0x2FF), max_size=40))
def test_fold_is_the_diacritics_table_then_lower_case_at_the_same_length(text):
    stripped = text.translate(_fold_table())
    expected = stripped.lower() if len(stripped.lower()) == len(stripped) else None
    assert len(fold(text)) == len(text)
    if expected is not None:
        assert fold(text) == expected


def plain_find(phrases, text):
    """Matching as `PhraseMatcher.find` did before marked text: every occurrence, then the edge checks."""
    entries = {}
    for value in phrases:
        phrase = " ".join(value.split())
        values = entries.setdefault(fold(phrase), {}).setdefault(phrase, []) if phrase else [value]
        if value not in values:
            values.append(value)
    folded, found = fold(text), []
    for end in range(1, len(text) + 1):
        for key in sorted(entries, key=len, reverse=True):
            start = end - len(key)
            if start < 0 or folded[start:end] != key:
                continue
            if start and text[start].isalnum() and text[start - 1].isalnum():
                continue
            if end < len(text) and text[end - 1].isalnum() and not ends_word(text, end):
                continue
            surface = text[start:end]
            for phrase, values in entries[key].items():
                if (surface == phrase or case_compatible(phrase, surface)) and not (
                    is_all_acronyms(phrase) and in_capitals(text, start, end)
                ):
                    found.append(PhraseMatch(start, end, phrase, tuple(values)))
                    break
    return found


PHRASE_CHARS = st.sampled_from(list("usUSnN .-$'’éÉ2_\n") + ["\u00df", "\u4e2d"])


@given(
    st.lists(st.text(PHRASE_CHARS, min_size=1, max_size=5), min_size=1, max_size=6), st.text(PHRASE_CHARS, max_size=30)
)
def test_find_is_the_plain_search_with_edge_checks(phrases, text):
    assert PhraseMatcher((p, p) for p in phrases).find(text) == plain_find(phrases, text)


def test_folding_keeps_letters_and_digits_apart_from_the_rest():
    """`find` tests word edges on the folded text, so a character must stay a letter or digit, or not, when folded."""
    for code in range(sys.maxunicode + 1):
        character = chr(code)
        assert fold(character).isalnum() == character.isalnum()


def _pairwise_longest_first(spans):
    """The plain form of longest_first: each span against every kept one."""
    kept = []
    for start, end in sorted(spans, key=lambda s: (s[0] - s[1], s[0])):
        if all(end <= k_start or start >= k_end for k_start, k_end in kept):
            kept.append((start, end))
    return sorted(kept)


@given(st.lists(st.tuples(st.integers(0, 60), st.integers(1, 12)).map(lambda s: (s[0], s[0] + s[1])), max_size=40))
def test_longest_first_keeps_what_the_pairwise_form_keeps(spans):
    assert sorted(longest_first(spans, lambda s: s)) == _pairwise_longest_first(spans)


@given(glued(["A", "b", "KOREA", " ", "\n", "x", "SK"], 40), st.data())
def test_capital_lines_agree_with_in_capitals(text, data):
    capitals = CapitalLines(text)
    for _ in range(5):
        start = data.draw(st.integers(0, len(text)))
        end = data.draw(st.integers(start, len(text)))
        assert capitals(start, end) == in_capitals(text, start, end)
