import pytest
from hypothesis import given
from hypothesis import strategies as st

from kortrade.ingest import language
from kortrade.ingest.language import detect_language, is_plainly_english

ENGLISH = "South Korea's exports to China rose for a second month in November, the trade ministry said, as shipments of chips recovered and the deficit with its largest partner narrowed."
GERMAN = "Die Exporte Südkoreas nach China sind im November den zweiten Monat in Folge gestiegen, teilte das Handelsministerium mit, da sich die Lieferungen von Chips erholten."
FRENCH = "Les exportations de la Corée du Sud vers la Chine ont augmenté pour le deuxième mois consécutif en novembre, a indiqué le ministère du commerce, grâce aux puces."
SPANISH = "Las exportaciones de Corea del Sur a China aumentaron por segundo mes consecutivo en noviembre, según el ministerio de comercio, gracias a la recuperación de los chips."


@pytest.mark.parametrize(
    "text, code",
    [
        (ENGLISH, "en"),
        (GERMAN, "de"),
        (FRENCH, "fr"),
        (SPANISH, "es"),
        ("한국의 대중국 수출이 11월에 증가했다", "ko"),
        ("中国商务部表示韩国对华出口增长", "zh"),
        ("123 456 %", ""),
    ],
)
def test_detects_the_language(text, code):
    assert detect_language(text) == code


def test_plain_english_needs_no_model(monkeypatch):
    monkeypatch.setattr(language, "identifier", lambda: pytest.fail("the model was consulted"))
    assert detect_language(ENGLISH) == "en"


@pytest.mark.parametrize("text", [GERMAN, FRENCH, SPANISH, "Exports rose."])
def test_other_languages_and_short_texts_go_to_the_model(text):
    assert not is_plainly_english(text)


@given(st.text(alphabet=st.characters(max_codepoint=127)))
def test_ascii_words_are_the_letter_runs(text):
    lowered = text.lower()
    assert language.lower_case_words(lowered) == language.WORD.findall(lowered)
