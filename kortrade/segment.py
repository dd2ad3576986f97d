"""Sentence segmentation with NLTK's Punkt, taught this domain's abbreviations.

No model is downloaded: Punkt runs on parameters built from
`data/abbreviations.txt`. Every line of the clean text (a headline, a
sub-head, a paragraph) ends any sentence it holds, and spans are offsets
into the text, so `text[start:end]` is always the sentence.
"""

from __future__ import annotations

from functools import cache

from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

from .resources import data_lines


@cache
def tokenizer() -> PunktSentenceTokenizer:
    """The Punkt tokenizer with the project's abbreviation list."""
    params = PunktParameters()
    params.abbrev_types = set(data_lines("abbreviations.txt"))
    return PunktSentenceTokenizer(params)


def line_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every non-blank line, stripped of surrounding whitespace."""
    spans = []
    offset = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            start = offset + line.index(stripped[0])
            spans.append((start, start + len(stripped)))
        offset += len(line) + 1
    return spans


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every sentence; line breaks always end a sentence."""
    punkt = tokenizer()
    spans = []
    for line_start, line_end in line_spans(text):
        line = text[line_start:line_end]
        spans.extend((line_start + s, line_start + e) for s, e in punkt.span_tokenize(line))
    return spans
