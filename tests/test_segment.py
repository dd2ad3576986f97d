import pytest
from conftest import SEEDS
from hypothesis import given, settings
from hypothesis import strategies as st
from nltk.tokenize.punkt import PunktLanguageVars, PunktSentenceTokenizer, PunktToken
from strategies import glued
from test_bench_corpus import make_corpus

from kortrade.ingest import segment
from kortrade.ingest.clean import normalise
from kortrade.ingest.segment import sentence_spans


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


def stock_punkt() -> PunktSentenceTokenizer:
    """NLTK's Punkt with its own language variables (patterns on the `regex` engine) and the project's abbreviations."""
    return PunktSentenceTokenizer(segment.tokenizer()._params)


def assert_spans_are_stock_punkts(text: str) -> None:
    """The project's tokenizer and its line spans give Punkt's own spans."""
    stock = stock_punkt()
    assert list(segment.tokenizer().span_tokenize(text)) == list(stock.span_tokenize(text))
    assert list(segment.tokenizer().span_tokenize(text, False)) == list(stock.span_tokenize(text, False))
    for line in text.split("\n"):
        assert segment.punkt_line_spans(line) == list(stock.span_tokenize(line)), line


def test_spans_are_stock_punkts_on_the_seeds_and_a_generated_corpus(tmp_path):
    make_corpus().generate(tmp_path / "corpus", 40, None, 5, tmp_path / "gold.json")
    for path in [*SEEDS.iterdir(), *(tmp_path / "corpus").iterdir()]:
        assert_spans_are_stock_punkts(normalise(path.read_text(encoding="utf-8")))


PUNKT_PIECES = [
    *"abAZ19 .?!,;:'\"()[]{}-—*@#&`%\u2018\u2019\u201c\u201d\xab\xbb\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f\x85\xa0\u2028\u3000한中",
    "...",
    ". . .",
    "--",
    "U.S.",
    "Dec.",
    "No.",
    "Mr. Kim",
    "e.g.",
    "7.5",
    " The",
    " the",
    "m\xb2.",
    "e\u0301.",
    "\u0663.",
]


@settings(max_examples=500, deadline=None)
@given(glued(PUNKT_PIECES, max_size=60))
def test_spans_never_differ_from_stock_punkts(text):
    assert_spans_are_stock_punkts(text)


@pytest.mark.parametrize("name", ["period_context_re", "_word_tokenizer_re"])
def test_stdlib_patterns_match_as_nltks_do(name):
    stock = getattr(PunktLanguageVars(), name)()
    ours = getattr(segment.StdlibLanguageVars(), name)()
    for text in ["a. b", "x.\x1cY", "end!\x1f\x1e", "a .\u3000B", 'He said "no." Then', "a -- b ... c. . . d"]:
        assert [m.span() for m in ours.finditer(text)] == [m.span() for m in stock.finditer(text)], text


def test_a_stop_glued_to_the_next_sentence_ends_it():
    text = 'Imports fell to $2.5 billion.By region, sales rose 3.1%.Exports to Peru gained.He said."Fine."'
    assert sentences(text) == [
        "Imports fell to $2.5 billion.",
        "By region, sales rose 3.1%.",
        "Exports to Peru gained.",
        'He said."',
        'Fine."',
    ]


def test_glued_stops_in_addresses_and_numbers_do_not_split():
    for text in ["Read it at www.Example.com today.", "Write to desk@News.Com for more.", "It grew 4.5 percent."]:
        assert sentences(text) == [text]


@pytest.mark.parametrize(
    "word",
    ["Dec.", "U.S.", "...", "7.5", "-1,000.", "K.", "m\xb2", "e\u0301.", "\u0663\u0661", "Seoul", "(a)", "\u4e2d."],
)
def test_untimed_tokens_read_words_as_punkts_own_do(word):
    ours, stock = segment.UntimedToken(word), PunktToken(word)
    assert ours.type == stock.type
    for test in ("is_ellipsis", "is_initial", "is_alpha", "is_non_punct"):
        assert bool(getattr(ours, test)) == bool(getattr(stock, test)), test
