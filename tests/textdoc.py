"""Build a segmented Document from a literal text, for extractor tests."""

from __future__ import annotations

import datetime as dt

from kortrade.ingest.document import Document, Sentence
from kortrade.ingest.segment import sentence_spans


def make_document(text: str, published: str = "", doc_id: str = "doc") -> Document:
    """The text as a Document, segmented as the pipeline does, with an optional publication date."""
    sentences = tuple(Sentence(i, s, e, text[s:e]) for i, (s, e) in enumerate(sentence_spans(text)))
    precision = {1: "year", 2: "month", 3: "day"}.get(len(published.split("-")), "") if published else ""
    return Document(doc_id, text, sentences, published, precision, dt.date(2026, 11, 23))
