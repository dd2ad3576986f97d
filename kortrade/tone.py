"""Sentence tone: the VADER compound score through NLTK's `SentimentIntensityAnalyzer`.

The lexicon is the `vader_lexicon.txt` that the vaderSentiment package ships;
nothing is downloaded. NLTK only loads data from its data path, so the
package's directory is added to `nltk.data.path` and the file is named
relative to it.

VADER gives a word a valence only if the word is in its lexicon, so a sentence
with no lexicon word scores 0.0; `sentence_tone` checks that first and spares
such sentences NLTK's tokenisation, the costly part of the analyzer.
"""

from __future__ import annotations

import string
from collections.abc import Sequence
from functools import cache
from pathlib import Path

import nltk
import vaderSentiment
from nltk.sentiment.vader import SentimentIntensityAnalyzer

LEXICON_FILE = "vader_lexicon.txt"


def lexicon_directory() -> str:
    """The directory of the installed vaderSentiment package, which holds `vader_lexicon.txt`."""
    return str(Path(vaderSentiment.__file__).resolve().parent)


@cache
def analyzer() -> SentimentIntensityAnalyzer:
    """NLTK's VADER analyzer with the lexicon shipped by vaderSentiment (built once per process)."""
    directory = lexicon_directory()
    if directory not in nltk.data.path:
        nltk.data.path.append(directory)
    return SentimentIntensityAnalyzer(lexicon_file=LEXICON_FILE)


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
