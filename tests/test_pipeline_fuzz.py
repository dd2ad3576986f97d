"""No text makes an extractor fail: documents of the domain's words, numbers, dates and punctuation glued at random."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kortrade.ingest import corpus
from kortrade.run import pipeline

# Pieces of the articles kortrade reads, and the damage scraped text carries.
WORDS = (  # noqa: SIM905 -- a paragraph of words reads better than a list literal
    "South Korea China Korea's China's Seoul Beijing exports imports trade surplus deficit rose fell by to from "
    "in on of the a percent % $ US$ billion million trillion won yuan tons units year-on-year year yoy Q1 "
    "first quarter H1 March Sept. Nov 2023 2024 2026 2030 15 3.5 1,200 7% 12.3% 10^4 ** \\$ said Minister "
    "Ahn Duk-geun Samsung LG Energy Solution SK On CATL signed deal to supply batteries for five years will "
    "would 'll ago last next yesterday since between and but while Ministry of Trade Industry (MOTIE) "
    "semiconductors chips EV steel tariffs sanctions cooperation tension Yonhap Reuters -- — – ( ) [ ] \" “ ” ' ’ "
    ". , ; : ! ? / & # _ exports7% 2024年 수출 中国"
).split() + ["March 2024", "Nov. 14, 2024", "2 days ago", "in the first half of 2025", "$3.5 billion", "5 percent"]
SEPARATORS = [" ", " ", " ", "", "\n", "\n\n", ", ", ". ", " - ", " -", "-", " (", ") "]


@st.composite
def documents(draw: st.DrawFn) -> str:
    pieces = draw(st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(SEPARATORS)), max_size=60))
    return "".join(word + separator for word, separator in pieces)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_no_document_fails_extraction(text):
    source = corpus.SourceFile("fuzz", "fuzz.txt", "")
    result = pipeline.process_raw(corpus.RawDocument(source, text.encode(), ""), None)
    assert "extraction_failed" not in str(result.document["flags"]), result.problems
