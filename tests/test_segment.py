from hypothesis import given, settings
from hypothesis import strategies as st

from kortrade.segment import sentence_spans


def sentences(text):
    return [text[s:e] for s, e in sentence_spans(text)]


def test_domain_abbreviations_do_not_end_sentences():
    text = "The U.S. and Prof. Kim met on Dec. 1 at No. 5 building of Samsung Co. in Seoul. Exports rose."
    assert sentences(text) == [
        "The U.S. and Prof. Kim met on Dec. 1 at No. 5 building of Samsung Co. in Seoul.",
        "Exports rose.",
    ]


def test_headlines_and_paragraph_breaks_end_sentences():
    text = "Korea Exports Rise\nSub-head without stop\n\nBody one. Body two."
    assert sentences(text) == ["Korea Exports Rise", "Sub-head without stop", "Body one.", "Body two."]


def test_decimal_numbers_do_not_split():
    assert sentences("Exports rose 7.8% to $55.8 billion. Imports fell.") == [
        "Exports rose 7.8% to $55.8 billion.",
        "Imports fell.",
    ]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab .?!\n\t\"'U.S.Dec한中")), max_size=300))
def test_spans_are_exact_ordered_and_stripped(text):
    previous_end = 0
    for start, end in sentence_spans(text):
        assert previous_end <= start < end <= len(text)
        piece = text[start:end]
        assert piece == piece.strip() and "\n" not in piece
        previous_end = end
