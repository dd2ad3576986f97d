"""Sentence tone: the VADER compound score through NLTK's `SentimentIntensityAnalyzer`.

The lexicon is the `vader_lexicon.txt` that the vaderSentiment package ships;
nothing is downloaded. NLTK only loads data from its data path, so the
package's directory is added to `nltk.data.path` and the file is named
relative to it.

VADER gives a word a valence only if the word is in its lexicon, so a sentence
with no lexicon word scores 0.0; `sentence_tone` checks that first and spares
such sentences NLTK's tokenisation.

NLTK's `SentiText` strips punctuation from a token by building every
punctuation x word string of the sentence (17 x words joins per sentence, the
costly part of the analyzer). `LinearSentiText` finds the same words by
splitting each token at its leading or trailing punctuation run, and
`ToneAnalyzer` is NLTK's analyzer scoring with it; tests check the scores
equal NLTK's own.
"""

from __future__ import annotations

import string
from collections.abc import Sequence
from functools import cache
from pathlib import Path

import nltk
import vaderSentiment
from nltk.sentiment.vader import SentimentIntensityAnalyzer, SentiText

LEXICON_FILE = "vader_lexicon.txt"


class LinearSentiText(SentiText):
    """NLTK's `SentiText` with its token -> bare word mapping built in linear time."""

    def _words_plus_punc(self) -> dict[str, str]:
        """The tokens of the text that are a `PUNC_LIST` item before or after a bare word, mapped to the word.

        NLTK maps every `punctuation + word` and `word + punctuation` string, for the words
        (over one character) of the text with ASCII punctuation removed. A token is such a
        string only if its leading (or trailing) punctuation run is the `PUNC_LIST` item and
        the rest is a word: over one character and without punctuation (removing punctuation
        from the token itself then leaves that word in the text). The two forms cannot both
        hold, since one starts with punctuation and the other does not.
        """
        punctuation = set(self.PUNC_LIST)
        mapping = {}
        for token in set(self.text.split()):
            if token[0] not in PUNCTUATION and token[-1] not in PUNCTUATION:
                continue
            after = token.rstrip(string.punctuation)
            before = token.lstrip(string.punctuation)
            if _is_word(after) and token[len(after) :] in punctuation:
                mapping[token] = after
            elif _is_word(before) and token[: len(token) - len(before)] in punctuation:
                mapping[token] = before
        return mapping


PUNCTUATION = frozenset(string.punctuation)


def _is_word(text: str) -> bool:
    """A word as VADER's punctuation-free split gives it: over one character, no ASCII punctuation."""
    return len(text) > 1 and PUNCTUATION.isdisjoint(text)


class ToneAnalyzer(SentimentIntensityAnalyzer):
    """NLTK's `SentimentIntensityAnalyzer`, reading sentences with `LinearSentiText`."""

    def polarity_scores(self, text: str) -> dict[str, float]:
        """NLTK's `polarity_scores` (nltk 3.10), with `LinearSentiText` in place of `SentiText`, and
        words outside the lexicon scored 0 here rather than in `sentiment_valence`."""
        sentitext = LinearSentiText(text, self.constants.PUNC_LIST, self.constants.REGEX_REMOVE_PUNCTUATION)
        sentiments: list[float] = []
        words_and_emoticons = sentitext.words_and_emoticons
        first_index: dict[str, int] = {}
        for index, token in enumerate(words_and_emoticons):
            first_index.setdefault(token, index)
        for item in words_and_emoticons:
            i = first_index[item]
            word = item.lower()
            if (
                word not in self.lexicon  # NLTK's sentiment_valence gives such a word 0 too
                or (i < len(words_and_emoticons) - 1 and word == "kind" and words_and_emoticons[i + 1].lower() == "of")
                or word in self.constants.BOOSTER_DICT
            ):
                sentiments.append(0)
                continue
            sentiments = self.sentiment_valence(0, sentitext, item, i, sentiments)
        sentiments = self._but_check(words_and_emoticons, sentiments)
        return self.score_valence(sentiments, text)


def lexicon_directory() -> str:
    """The directory of the installed vaderSentiment package, which holds `vader_lexicon.txt`."""
    return str(Path(vaderSentiment.__file__).resolve().parent)


@cache
def analyzer() -> ToneAnalyzer:
    """The VADER analyzer with the lexicon shipped by vaderSentiment (built once per process)."""
    directory = lexicon_directory()
    if directory not in nltk.data.path:
        nltk.data.path.append(directory)
    return ToneAnalyzer(lexicon_file=LEXICON_FILE)


def sentence_tone(text: str) -> float:
    """The compound score of one sentence, in [-1, 1]."""
    lexicon = analyzer().lexicon.keys()
    words = text.lower().split()
    if lexicon.isdisjoint(words) and lexicon.isdisjoint([word.strip(string.punctuation) for word in words]):
        return 0.0
    return analyzer().polarity_scores(text)["compound"]


def document_tone(tones: Sequence[float]) -> float | None:
    """The mean sentence tone, rounded to 4 decimals; None for a document without sentences."""
    return round(sum(tones) / len(tones), 4) if tones else None
