"""Language identification with py3langid's shipped model, restricted to likely languages.

Most documents are English news: when English function words (`data/ingest/english_function_words.txt`)
make up a large share of a sample's words, it is English without loading or running the model.
"""

from __future__ import annotations

import re
from functools import cache

from py3langid.langid import MODEL_FILE, LanguageIdentifier

from ..common.resources import data_lines

# The languages a corpus on Korea–China relations plausibly holds; restricting the model
# to them keeps short English texts from being labelled as a related creole.
LANGUAGES = ("en", "ko", "zh", "ja", "fr", "de", "es", "ru", "vi", "id", "pt", "it")
SAMPLE_CHARS = 1500
# English news runs at 25–35 % of these words; other languages stay under 5 %.
ENGLISH_SHARE = 0.15
MIN_WORDS = 20
WORD = re.compile(r"[^\W\d_]+")
# In lower-cased ASCII text, the same runs as WORD: ASCII letters are faster to test than `\W` and `\d`.
LOWER_ASCII_WORD = re.compile(r"[a-z]+")


@cache
def identifier() -> LanguageIdentifier:
    model = LanguageIdentifier.from_model_file(MODEL_FILE)
    model.set_languages(list(LANGUAGES))
    return model


def detect_language(text: str) -> str:
    """ISO 639-1 code of the text's language, or empty for text without letters."""
    sample = text[:SAMPLE_CHARS]
    if not any(ch.isalpha() for ch in sample):
        return ""
    if is_plainly_english(sample):
        return "en"
    code, _score = identifier().classify(sample)
    return code


def is_plainly_english(sample: str) -> bool:
    """True when English function words make up a large share of the sample's words."""
    words = lower_case_words(sample.lower())
    if len(words) < MIN_WORDS:
        return False
    return sum(map(english_function_words().__contains__, words)) >= ENGLISH_SHARE * len(words)


def lower_case_words(text: str) -> list[str]:
    """The runs of letters in lower-cased text."""
    return (LOWER_ASCII_WORD if text.isascii() else WORD).findall(text)


@cache
def english_function_words() -> frozenset[str]:
    """The words of `data/ingest/english_function_words.txt`."""
    return frozenset(data_lines("ingest/english_function_words.txt"))
