"""Sentence and document tone: VADER through NLTK, with the lexicon vaderSentiment ships."""

import socket
from pathlib import Path

import nltk
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from nltk.sentiment.vader import SentimentIntensityAnalyzer, SentiText, VaderConstants

from kortrade.relations import tone


@pytest.fixture(scope="module")
def nltk_analyzer() -> SentimentIntensityAnalyzer:
    """NLTK's own analyzer, unchanged, with the same lexicon."""
    tone.analyzer()  # puts the lexicon's directory on NLTK's data path
    return SentimentIntensityAnalyzer(lexicon_file=tone.LEXICON_FILE)


@pytest.fixture
def no_network(monkeypatch):
    """Any attempt to open a connection or to download NLTK data fails the test."""

    def refuse(*args, **kwargs):
        raise AssertionError("network used")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(nltk, "download", refuse)


def test_lexicon_loads_from_the_vadersentiment_package_without_network(no_network):
    tone.analyzer.cache_clear()
    analyzer = tone.analyzer()
    assert len(analyzer.lexicon) > 7000
    found = Path(nltk.data.find(tone.LEXICON_FILE))
    assert found.parent == Path(tone.lexicon_directory())
    assert (Path(tone.lexicon_directory()) / tone.LEXICON_FILE).is_file()
    assert "kortrade" not in str(found)


def test_sentence_tone_has_the_sign_of_the_sentence():
    assert tone.sentence_tone("The talks were a great success and both sides welcomed the warm progress.") > 0.5
    assert tone.sentence_tone("Officials condemned the hostile sanctions as a disaster for trade.") < -0.5
    assert tone.sentence_tone("The ministry published the monthly figures on Tuesday.") == 0.0


def test_the_analyzer_is_nltks(nltk_analyzer):
    assert isinstance(tone.analyzer(), SentimentIntensityAnalyzer)
    assert tone.analyzer().lexicon == nltk_analyzer.lexicon


def test_tone_agrees_with_nltk_on_every_seed_sentence(seeds_extraction, nltk_analyzer):
    for text in seeds_extraction.sentences["text"]:
        assert tone.sentence_tone(text) == nltk_analyzer.polarity_scores(text)["compound"], text
        assert tone.analyzer().polarity_scores(text) == nltk_analyzer.polarity_scores(text), text


def sentence_words(text_class: type, text: str) -> list[str]:
    """The words VADER scores in a sentence, read by the given `SentiText` class."""
    constants = tone.analyzer().constants
    return text_class(text, constants.PUNC_LIST, constants.REGEX_REMOVE_PUNCTUATION).words_and_emoticons


@pytest.mark.parametrize(
    "text",
    [
        'Good, "great" and ok!? but ...bad. (nice) !?!?win ,, it\'s a-ok',
        "U.S. exports, U.S., US... !!! ?!?!win win!?!? “quoted”, wow!!!!",
        "- - -- a b, c.d.e; :) :-( x",
    ],
)
def test_words_are_split_from_punctuation_as_nltk_splits_them(text):
    assert sentence_words(tone.LinearSentiText, text) == sentence_words(SentiText, text)


@given(st.text(alphabet="abAB .,!?;:'\"-()“”:)", max_size=40))
def test_words_never_differ_from_nltks(text):
    assert sentence_words(tone.LinearSentiText, text) == sentence_words(SentiText, text)


@given(
    st.lists(
        st.sampled_from(["good", "BAD", "not", "very", "kind", "of", "but", "least", ":)", "!!", "?", "'", '"'])
        | st.text(alphabet="abcdefgh.,!?'\" :-", max_size=6),
        max_size=12,
    ).map(" ".join)
)
def test_tone_never_differs_from_nltk(nltk_analyzer, text):
    assert tone.sentence_tone(text) == nltk_analyzer.polarity_scores(text)["compound"]
    assert tone.analyzer().polarity_scores(text) == nltk_analyzer.polarity_scores(text)


# Words and phrases VADER's rules look for: negations, boosters, idioms, `kind of`, `but`, caps.
VADER_CUES = [
    "never so",
    "never this",
    "so",
    "this",
    "at least",
    "very least",
    "least",
    "kind of",
    "kind",
    "of",
    "sort of",
    "just enough",
    "the bomb",
    "yeah right",
    "cut the mustard",
    "kiss of death",
    "hand to mouth",
    "bad ass",
    "not",
    "NOT",
    "don't",
    "isn't",
    "without",
    "extremely",
    "EXTREMELY",
    "barely",
    "GREAT",
    "good",
    "bad",
    "but",
    "BUT",
]


@settings(max_examples=300)
@given(
    st.lists(
        st.sampled_from(VADER_CUES) | st.text(alphabet="abgdo.,!?'\" :-", max_size=5),
        max_size=14,
    ).map(" ".join)
)
def test_compound_never_differs_from_nltk_on_vader_cues(nltk_analyzer, text):
    assert tone.sentence_tone(text) == nltk_analyzer.polarity_scores(text)["compound"]
    assert tone.analyzer().polarity_scores(text) == nltk_analyzer.polarity_scores(text)


@given(st.lists(st.sampled_from(["not", "NOT", "least", "at", "don't", "DON'T", "isnt", "good", "x"]), max_size=3))
def test_negation_test_is_nltks(words):
    assert tone.ToneConstants().negated(words) == VaderConstants().negated(words)
    assert tone.ToneConstants().negated(words, include_nt=False) == VaderConstants().negated(words, include_nt=False)


def test_document_tone_is_the_rounded_mean_and_empty_without_sentences():
    assert tone.document_tone([0.5, -0.2, 0.0]) == 0.1
    assert tone.document_tone([0.12345, 0.12346]) == 0.1235
    assert tone.document_tone([]) is None


def test_seed_tables_carry_sentence_and_document_tones(seeds_extraction):
    sentences = seeds_extraction.sentences
    assert sentences["tone"].notna().all()
    assert sentences["tone"].between(-1, 1).all()
    for doc in seeds_extraction.documents.itertuples():
        mean = sentences.loc[sentences.doc_id == doc.doc_id, "tone"].mean()
        assert doc.tone == pytest.approx(mean, abs=1e-4)
