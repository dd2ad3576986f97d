"""Language identification with py3langid's shipped model, restricted to likely languages."""

from __future__ import annotations

from functools import cache

from py3langid.langid import MODEL_FILE, LanguageIdentifier

# The languages a corpus on Korea–China relations plausibly holds; restricting the model
# to them keeps short English texts from being labelled as a related creole.
LANGUAGES = ("en", "ko", "zh", "ja", "fr", "de", "es", "ru", "vi", "id", "pt", "it")
SAMPLE_CHARS = 1500


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
    code, _score = identifier().classify(sample)
    return code
