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
`ToneAnalyzer` is NLTK's analyzer scoring with it. It also gives the compound
score alone (`compound`), calling `sentiment_valence` only for lexicon words,
once per distinct token, and `ToneConstants` tests one word for negation
without NLTK's generators; tests check the scores equal NLTK's own.
"""

from __future__ import annotations

import string
from collections.abc import Sequence
from functools import cache
from pathlib import Path

import nltk
import vaderSentiment
from nltk.sentiment.vader import SentimentIntensityAnalyzer, SentiText, VaderConstants

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


class ToneConstants(VaderConstants):
    """NLTK's `VaderConstants`, testing a single word for negation without generators."""

    def negated(self, input_words: Sequence[str], include_nt: bool = True) -> bool:
        """NLTK's `negated`; for one word (how `_never_check` asks) a negation word or, with
        `include_nt`, a word holding `n't` (a single word makes no `X least` pair)."""
        if len(input_words) != 1:
            return super().negated(input_words, include_nt)
        word = input_words[0].lower()
        return word in self.NEGATE or (include_nt and "n't" in word)


class ToneAnalyzer(SentimentIntensityAnalyzer):
    """NLTK's `SentimentIntensityAnalyzer`, reading sentences with `LinearSentiText`."""

    def __init__(self, lexicon_file: str) -> None:
        """NLTK's analyzer with `ToneConstants`."""
        super().__init__(lexicon_file=lexicon_file)
        self.constants = ToneConstants()

    def polarity_scores(self, text: str) -> dict[str, float]:
        """NLTK's `polarity_scores` (nltk 3.10), reading the sentence with `LinearSentiText`."""
        return self.score_valence(self.sentiments(text), text)

    def compound(self, text: str) -> float:
        """`polarity_scores(text)["compound"]`, computed without the other three scores (as `score_valence` does)."""
        sentiments = self.sentiments(text)
        if not sentiments:
            return 0.0
        total = float(sum(sentiments))
        emphasis = self._punctuation_emphasis(total, text)
        if total > 0:
            total += emphasis
        elif total < 0:
            total -= emphasis
        return round(self.constants.normalize(total), 4)

    def sentiments(self, text: str) -> list[float]:
        """The valence of every word of the sentence, as NLTK's `polarity_scores` passes them to `score_valence`.

        `but` halves the valences before it and raises those after it by half (`_but_check`).
        """
        sentitext = LinearSentiText(text, self.constants.PUNC_LIST, self.constants.REGEX_REMOVE_PUNCTUATION)
        lowered = [word.lower() for word in sentitext.words_and_emoticons]
        sentiments = self._lexicon_word_sentiments(sentitext, lowered)
        if "but" not in lowered:
            return sentiments
        but = lowered.index("but")
        return [
            sentiment * 0.5 if index < but else sentiment * 1.5 if index > but else sentiment
            for index, sentiment in enumerate(sentiments)
        ]

    def _lexicon_word_sentiments(self, sentitext: SentiText, lowered: list[str]) -> list[float]:
        """The valence of every word before the `but` check, as NLTK's loop gives it.

        A word gets 0 outside the lexicon, as a booster and as `kind` before `of`, else
        `sentiment_valence` at the first index of its token: the same for every repeat of
        a token, so it is computed once per token.
        """
        words = sentitext.words_and_emoticons
        sentiments: list[float] = [0] * len(words)
        token_valences: dict[str, float] = {}
        first_index: dict[str, int] | None = None
        for position, word in enumerate(lowered):
            if word not in self.lexicon or word in self.constants.BOOSTER_DICT:
                continue
            token = words[position]
            if token not in token_valences:
                if first_index is None:  # the last write of a key is its first index
                    first_index = dict(zip(reversed(words), range(len(words) - 1, -1, -1)))
                i = first_index[token]
                if word == "kind" and i < len(words) - 1 and lowered[i + 1] == "of":
                    token_valences[token] = 0
                else:
                    token_valences[token] = self.sentiment_valence(0, sentitext, token, i, [])[0]
            sentiments[position] = token_valences[token]
        return sentiments


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
    return analyzer().compound(text)


def document_tone(tones: Sequence[float]) -> float | None:
    """The mean sentence tone, rounded to 4 decimals; None for a document without sentences."""
    return round(sum(tones) / len(tones), 4) if tones else None
